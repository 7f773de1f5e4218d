"""Who runs a job: a Celery worker (a broker is configured), a background thread of this process
(the embedded default, nothing to install), or the caller itself (``eager``, for tests and scripts).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

MODES = ("celery", "thread", "eager")

_executor: ThreadPoolExecutor | None = None
_pending: set[int] = set()
_lock = threading.Lock()


def mode() -> str:
    return settings.REGIO_JOBS_MODE


def dispatch(job_id: int) -> None:
    current = mode()
    if current == "celery":
        from regio.jobs.celery import run_job

        run_job.apply_async(args=[job_id], queue=settings.CELERY_TASK_DEFAULT_QUEUE)
    elif current == "thread":
        global _executor
        with _lock:
            if _executor is None:
                # One thread: OCR is CPU-bound, and SQLite has one writer anyway.
                _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regio-job")
            _pending.add(job_id)
        _executor.submit(_run_in_thread, job_id)
    else:
        from regio.jobs.services import job_run

        job_run(job_id=job_id)


def is_pending(job_id: int) -> bool:
    with _lock:
        return job_id in _pending


def _run_in_thread(job_id: int) -> None:
    from regio.jobs.services import job_run

    try:
        job_run(job_id=job_id)
    except Exception:  # noqa: BLE001 — logged; the job row says what happened
        logger.exception("job %s could not be run", job_id)
    finally:
        with _lock:
            _pending.discard(job_id)
        connections.close_all()
