"""Submitting, running and retrying jobs. Whoever runs a job — a Celery worker, a thread of the web
server, or the caller itself (``REGIO_JOBS_MODE=eager``) — runs it through :func:`job_run`.

A job is claimed with one conditional UPDATE (queued → running), so a job delivered twice, or
dispatched again after a restart, is worked on once; a job that stays "running" without progress
for ``STALE_SECONDS`` is taken to have lost its worker and may be claimed again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.jobs.models import Job, JobKind, JobState

logger = logging.getLogger(__name__)

# Longer than the slowest step that reports no progress (one OCR page may take up to 120 s).
STALE_SECONDS = 300
# In thread mode a queued job not picked up within this time was lost with its server process.
ORPHAN_SECONDS = 10


class JobFailed(Exception):
    """A failure to show the user as it is (their words, no traceback)."""


def job_submit(*, kind: str, idempotency_key: str, actor=None, region=None, label: str = "",
               params: dict | None = None) -> Job:
    """Create the job and hand it to a runner, or return the job already made for the same key.

    A failed job submitted again is retried; a queued, running or finished one is returned as it is,
    so submitting the same work twice does it once.
    """
    from django.contrib.auth import get_user_model

    if kind not in JobKind.values:
        raise ValidationError(_("Unknown kind of job “%(kind)s”.") % {"kind": kind}, code="bad_kind")
    user = actor if isinstance(actor, get_user_model()) else None
    try:
        with transaction.atomic():
            job, created = Job.objects.get_or_create(
                idempotency_key=idempotency_key[:200],
                defaults={"kind": kind, "region": region, "created_by": user, "label": label[:255],
                          "params": params or {}},
            )
    except IntegrityError:  # the same key submitted at the same moment by another request
        job, created = Job.objects.get(idempotency_key=idempotency_key[:200]), False
    if created:
        _dispatch_after_commit(job.pk)
    elif job.state == JobState.FAILED:
        job = job_retry(job=job)
    return job


def job_retry(*, job: Job) -> Job:
    """Queue a failed job again; any other state is refused."""
    updated = Job.objects.filter(pk=job.pk, state=JobState.FAILED).update(
        state=JobState.QUEUED, error="", done=0, finished_at=None, updated_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("Only a failed job can be tried again."), code="not_failed")
    _dispatch_after_commit(job.pk)
    job.refresh_from_db()
    return job


def job_resume_if_orphaned(*, job: Job) -> bool:
    """In thread mode, dispatch again a job its server process lost (restarted before or while running)."""
    from regio.jobs import runner

    if runner.mode() != "thread" or job.is_finished:
        return False
    now = timezone.now()
    lost = (job.state == JobState.QUEUED and job.updated_at < now - timedelta(seconds=ORPHAN_SECONDS)) or (
        job.state == JobState.RUNNING and job.updated_at < now - timedelta(seconds=STALE_SECONDS))
    if lost and not runner.is_pending(job.pk):
        runner.dispatch(job.pk)
    return lost


def _dispatch_after_commit(job_id: int) -> None:
    from regio.jobs import runner

    if runner.mode() == "eager":
        runner.dispatch(job_id)
    else:
        transaction.on_commit(lambda: runner.dispatch(job_id))


def _claim(job_id: int) -> bool:
    now = timezone.now()
    claimable = Q(state=JobState.QUEUED) | Q(state=JobState.RUNNING, updated_at__lt=now - timedelta(seconds=STALE_SECONDS))
    return bool(
        Job.objects.filter(claimable, pk=job_id).update(
            state=JobState.RUNNING, attempts=F("attempts") + 1, started_at=now, updated_at=now, error=""
        )
    )


def _progress(job: Job) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        Job.objects.filter(pk=job.pk).update(done=done, total=total, updated_at=timezone.now())

    return report


def job_run(*, job_id: int) -> Job | None:
    """Do the work of job `job_id` unless another runner has it or it is finished; return the job."""
    from regio.jobs.handlers import HANDLERS

    if not _claim(job_id):
        return Job.objects.filter(pk=job_id).first()
    job = Job.objects.select_related("region", "created_by").get(pk=job_id)
    try:
        result = HANDLERS[job.kind](job, _progress(job))
    except (JobFailed, ValidationError, PermissionDenied) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        _finish(job, state=JobState.FAILED, error=message or _("The work was refused."))
    except Exception as exc:  # noqa: BLE001 — a job must end failed, never stay "running"
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, state=JobState.FAILED, error=_("Unexpected error: %(error)s") % {"error": exc})
    else:
        _finish(job, state=JobState.DONE, result=result or {})
    job.refresh_from_db()
    return job


def _finish(job: Job, *, state: str, error: str = "", result: dict | None = None) -> None:
    now = timezone.now()
    values = {"state": state, "error": error, "finished_at": now, "updated_at": now}
    if result is not None:
        values["result"] = result
    if state == JobState.DONE:
        values["done"] = F("total")
    Job.objects.filter(pk=job.pk).update(**values)
