"""Commitments (toezeggingen): promises to councils or partners, with a due date or window.

Whether a commitment is overdue is derived from its due date and today, never stored.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.models import Visibility
from regio.core.versions import Versioned
from regio.core.windows import window_label
from regio.extraction.dates import Window, describe_window

DUE_SOON_DAYS = 30


class CommitmentState(models.TextChoices):
    OPEN = "open", _("open")
    FULFILLED = "nagekomen", _("fulfilled")
    WITHDRAWN = "ingetrokken", _("withdrawn")


class Commitment(Versioned):
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="commitments",
        help_text=_("The region."),
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What is promised, in a few words."))
    description = models.TextField(_("description"), blank=True, help_text=_("The promise as it was made."))
    promised_by = models.CharField(
        _("promised by"),
        max_length=200,
        help_text=_("Who made the promise: a college, the colleges together, a person."),
    )
    promised_by_municipalities = models.ManyToManyField(
        "regions.Municipality",
        blank=True,
        related_name="commitments_made",
        verbose_name=_("promising municipalities"),
        help_text=_("The municipalities whose college made the promise."),
    )
    recipient_councils = models.ManyToManyField(
        "regions.Municipality",
        blank=True,
        related_name="commitments_received",
        verbose_name=_("to the councils of"),
        help_text=_("The councils the promise was made to."),
    )
    recipient_organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments_received",
        verbose_name=_("to the partner"),
        help_text=_("A partner the promise was made to, when not a council."),
    )
    due_start = models.DateField(
        _("due window from"),
        null=True,
        blank=True,
        help_text=_("The first day of the due window, when a window was given."),
    )
    due_date = models.DateField(_("due date"), help_text=_("The latest date by which it must be done."))
    topic = models.ForeignKey(
        "topics.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_("The topic it concerns, if any."),
        verbose_name=_("topic"),
    )
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        help_text=_("The meeting where it was made, if any."),
        verbose_name=_("meeting"),
    )
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("The letter or minutes it comes from.")
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=CommitmentState.choices,
        default=CommitmentState.OPEN,
        help_text=_("Open, fulfilled or withdrawn; changed only through the fulfil and withdraw actions."),
    )
    resolved_on = models.DateField(
        _("resolved on"), null=True, blank=True, help_text=_("When it was fulfilled or withdrawn.")
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("How it was fulfilled (a letter, a meeting), or why withdrawn."),
    )
    evidence_meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fulfilled_commitments",
        help_text=_("The meeting in which it was fulfilled, if so."),
        verbose_name=_("evidence meeting"),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public commitments are shown to everyone."),
    )
    history = HistoricalRecords(m2m_fields=[promised_by_municipalities, recipient_councils])

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_date", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:commitment-detail", kwargs={"region": self.region.slug, "pk": self.pk})

    @property
    def due_window(self) -> Window:
        return Window(self.due_start or self.due_date, self.due_date)

    @property
    def due_label(self) -> str:
        """The due window in the page's language ("eerste kwartaal 2027", "first quarter of 2027")."""
        return window_label(self.due_window)

    @property
    def due_label_nl(self) -> str:
        """The due window in Dutch whatever the page's language: for letters and open data."""
        return describe_window(self.due_window)

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.state == CommitmentState.OPEN and self.due_date < (today or timezone.localdate())

    def is_due_soon(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state == CommitmentState.OPEN and today <= self.due_date <= today + datetime.timedelta(
            days=DUE_SOON_DAYS
        )

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def due_soon(self) -> bool:
        return self.is_due_soon()

    def clean(self) -> None:
        if self.due_start and self.due_date and self.due_date < self.due_start:
            raise ValidationError({"due_date": _("The due window ends before it starts.")}, code="window_reversed")
        if self.state != CommitmentState.OPEN and not self.resolved_on:
            raise ValidationError(
                {"resolved_on": _("Give the date it was fulfilled or withdrawn.")}, code="resolved_without_date"
            )
