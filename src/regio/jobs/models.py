"""Long work done outside the web request: a `Job` row per piece of work, its state and progress.

The row is the truth about a job, whoever runs it (a Celery worker, or a thread of the web server
when no broker is configured): the upload page polls it, a failed job keeps its error and can be
retried, and an idempotency key makes a second submission of the same work return the first job.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regio.core.models import TimestampedModel


class JobKind(models.TextChoices):
    DOCUMENT_INTAKE = "document_intake", _("reading a document")
    REGION_LOAD = "region_load", _("loading a region file")
    LETTERS = "letters", _("letters for all municipalities")
    REINDEX = "reindex", _("rebuilding the search index")


class JobState(models.TextChoices):
    QUEUED = "wachtrij", _("queued")
    RUNNING = "bezig", _("running")
    DONE = "klaar", _("done")
    FAILED = "mislukt", _("failed")


class Job(TimestampedModel):
    kind = models.CharField(_("kind"), max_length=30, choices=JobKind.choices, help_text=_("What work the job does."))
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED,
        help_text=_("Queued, running, done or failed."),
    )
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=200, unique=True,
        help_text=_("Names the work; submitting the same work again returns this job instead of a new one."),
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs",
        verbose_name=_("region"), help_text=_("The region the work is for, if any."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"), help_text=_("Who asked for the work; empty for the system (schedules, commands)."),
    )
    label = models.CharField(_("label"), max_length=255, blank=True, help_text=_("What the user sees, e.g. the file name."))
    params = models.JSONField(_("parameters"), default=dict, blank=True, help_text=_("The input of the work."))
    done = models.PositiveIntegerField(_("done"), default=0, help_text=_("Steps done so far (e.g. pages read)."))
    total = models.PositiveIntegerField(_("total"), default=0, help_text=_("Steps in all; 0 while unknown."))
    result = models.JSONField(_("result"), default=dict, blank=True, help_text=_("What the work produced."))
    error = models.TextField(_("error"), blank=True, help_text=_("Why the last attempt failed, in the user's words."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, help_text=_("How often the work was started."))
    started_at = models.DateTimeField(_("started at"), null=True, blank=True, help_text=_("When the last attempt began."))
    finished_at = models.DateTimeField(
        _("finished at"), null=True, blank=True, help_text=_("When the work was done or failed.")
    )

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "updated_at"], name="job_state_updated")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label or self.pk} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int | None:
        return min(100, round(100 * self.done / self.total)) if self.total else None
