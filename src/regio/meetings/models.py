"""Bodies, meetings, agreements and decisions per municipality.

An agreement (afspraak) made in a meeting is a proposal to the municipalities; it binds a municipality
only once its own college (and, where needed, its council) has adopted it. The consent state of an
agreement is therefore derived from the decisions, never stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.models import Visibility
from regio.core.versions import Versioned
from regio.core.windows import window_label
from regio.extraction.dates import Window
from regio.meetings import consent


class BodyKind(models.TextChoices):
    ADMINISTRATIVE = "bestuurlijk_overleg", _("administrative consultation (portfolio holders)")
    COLLEGES = "colleges", _("meeting of the colleges")
    SECRETARIES = "secretarissenoverleg", _("municipal secretaries' meeting")
    STEERING = "stuurgroep", _("steering group")
    WORKING_GROUP = "ambtelijke_werkgroep", _("working group of civil servants")
    GR_GENERAL = "gr_algemeen_bestuur", _("general board of a joint arrangement")
    GR_EXECUTIVE = "gr_dagelijks_bestuur", _("executive board of a joint arrangement")
    OTHER = "overig", _("other")


ADMINISTRATIVE_KINDS = {
    BodyKind.ADMINISTRATIVE,
    BodyKind.COLLEGES,
    BodyKind.STEERING,
    BodyKind.GR_GENERAL,
    BodyKind.GR_EXECUTIVE,
}


class Body(Versioned):
    """A body (gremium) the region's municipalities cooperate in."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="bodies",
        help_text=_("The region."),
        verbose_name=_("region"),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. Portefeuillehoudersoverleg Duurzaamheid."))
    slug = models.SlugField(_("slug"), max_length=200, help_text=_("The name as it appears in web addresses."))
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices, help_text=_("What kind of body it is."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the body does."))
    chair = models.ForeignKey(
        "regions.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_bodies",
        verbose_name=_("chair"),
        help_text=_("Who chairs it."),
    )
    secretary = models.ForeignKey(
        "regions.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="served_bodies",
        verbose_name=_("secretary"),
        help_text=_("Who serves it as secretary."),
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings per year"), default=0, help_text=_("How often it usually meets.")
    )
    usual_duration_hours = models.DecimalField(
        _("usual duration (hours)"),
        max_digits=4,
        decimal_places=1,
        default=2,
        help_text=_("How long a meeting usually takes."),
    )
    spearheads = models.ManyToManyField(
        "visions.Spearhead",
        blank=True,
        related_name="bodies",
        verbose_name=_("spearheads"),
        help_text=_("The spearheads it covers."),
    )
    topics = models.ManyToManyField(
        "topics.Topic",
        blank=True,
        related_name="bodies",
        verbose_name=_("topics"),
        help_text=_("The topics it covers."),
    )
    may_decide = models.BooleanField(
        _("may decide"),
        default=False,
        help_text=_(
            "Whether it may take decisions itself (e.g. the board of a joint arrangement); most bodies only advise."
        ),
    )
    mandate = models.CharField(
        _("mandate"), max_length=300, blank=True, help_text=_("On whose mandate it decides, when it may decide.")
    )
    is_example = models.BooleanField(
        _("example data"), default=False, help_text=_("Illustrative data, shown as such; not a real body.")
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public bodies are shown to everyone."),
    )
    history = HistoricalRecords(m2m_fields=[spearheads, topics])

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="unique_body_slug")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:body-detail", kwargs={"region": self.region.slug, "slug": self.slug})

    @property
    def is_administrative(self) -> bool:
        return self.kind in ADMINISTRATIVE_KINDS

    def clean(self) -> None:
        if self.mandate and not self.may_decide:
            raise ValidationError(
                {"mandate": _("Only a body that may decide has a mandate.")}, code="mandate_without_power"
            )


class BodyMember(models.Model):
    """A person in a body, for the municipality or organisation they represent."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="members", help_text=_("The body."), verbose_name=_("body")
    )
    person = models.ForeignKey(
        "regions.Person",
        on_delete=models.CASCADE,
        related_name="body_memberships",
        help_text=_("The member."),
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_members",
        help_text=_("The municipality the member represents."),
        verbose_name=_("municipality"),
    )
    organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="body_members",
        help_text=_("The organisation the member represents, when not a municipality."),
        verbose_name=_("organisation"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["body", "person__name"]
        constraints = [models.UniqueConstraint(fields=["body", "person"], name="unique_body_member")]

    def __str__(self) -> str:
        return f"{self.person} ({self.municipality or self.organisation or '—'})"

    @property
    def represents(self):
        return self.municipality or self.organisation


LATEST_MEETING_YEAR = 9998


class Meeting(Versioned):
    """A meeting of a body, or an ad hoc meeting; a date and time, or only a window until it is set."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="meetings",
        help_text=_("The region."),
        verbose_name=_("region"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("The body that meets; empty for an ad hoc meeting."),
        verbose_name=_("body"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. Overleg van de vijf colleges."))
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, help_text=_("Date and time, once set."))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True, help_text=_("When it ends, if known."))
    window_start = models.DateField(
        _("window from"), null=True, blank=True, help_text=_("While the date is not set: the first day it may fall on.")
    )
    window_end = models.DateField(
        _("window until"), null=True, blank=True, help_text=_("While the date is not set: the last day it may fall on.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("A municipality or a venue."))
    cancelled = models.BooleanField(_("cancelled"), default=False, help_text=_("Whether the meeting was called off."))
    minutes = models.TextField(_("minutes"), blank=True, help_text=_("The minutes or the decision list, once held."))
    invitees = models.ManyToManyField(
        "regions.Person",
        blank=True,
        related_name="invitations",
        verbose_name=_("invitees"),
        help_text=_("People invited who are not members of the body."),
    )
    source_key = models.CharField(
        _("source key"),
        max_length=300,
        blank=True,
        help_text=_("The meeting's key in the region file it was loaded from, so reloading updates it."),
    )
    is_example = models.BooleanField(_("example data"), default=False, help_text=_("Illustrative data, shown as such."))
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public meetings are shown to everyone."),
    )
    history = HistoricalRecords(m2m_fields=[invitees])

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["region", "starts_at", "window_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=False)
                | models.Q(window_start__isnull=False, window_end__isnull=False),
                name="meeting_has_date_or_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.when})"

    def get_absolute_url(self) -> str:
        return reverse("web:meeting-detail", kwargs={"region": self.region.slug, "pk": self.pk})

    @property
    def is_dated(self) -> bool:
        return self.starts_at is not None

    @property
    def first_day(self) -> datetime.date:
        return timezone.localdate(self.starts_at) if self.starts_at else self.window_start

    @property
    def last_day(self) -> datetime.date:
        if self.starts_at:
            return timezone.localdate(self.ends_at or self.starts_at)
        return self.window_end

    @property
    def when(self) -> str:
        if self.starts_at:
            local = timezone.localtime(self.starts_at)
            return f"{window_label(Window(local.date(), local.date()))} {local:%H:%M}"
        return window_label(Window(self.window_start, self.window_end))

    @property
    def duration_hours(self) -> float | None:
        if self.starts_at and self.ends_at:
            return (self.ends_at - self.starts_at).total_seconds() / 3600
        if self.body_id:
            return float(self.body.usual_duration_hours)
        return None

    def is_held(self, now: datetime.datetime | None = None) -> bool:
        return bool(self.starts_at) and not self.cancelled and self.starts_at <= (now or timezone.now())

    def clean(self) -> None:
        errors = {}
        if self.starts_at is None:
            if self.window_start is None:
                errors["window_start"] = _("Give the date and time, or the first day of the window it falls in.")
            if self.window_end is None:
                errors["window_end"] = _("Give the date and time, or the last day of the window it falls in.")
        if self.window_start and self.window_end and self.window_end < self.window_start:
            errors["window_end"] = _("The window ends before it starts.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting ends before it starts.")
        for name in ("starts_at", "ends_at", "window_start", "window_end"):
            value = getattr(self, name)
            # Calendars add hours and time zones to a meeting; past this year that runs off the calendar.
            if value is not None and value.year > LATEST_MEETING_YEAR:
                errors[name] = _("%(date)s is too far in the future: a meeting can be planned until the end of "
                                 "%(year)d.") % {"date": value.strftime("%Y-%m-%d"), "year": LATEST_MEETING_YEAR}
        if self.body_id and self.region_id and self.body.region_id != self.region_id:
            errors["body"] = _("This body belongs to another region.")
        if errors:
            raise ValidationError(errors, code="invalid_meeting_time")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="agenda_items",
        help_text=_("The meeting."),
        verbose_name=_("meeting"),
    )
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("Position on the agenda."))
    title = models.CharField(_("title"), max_length=300, help_text=_("What is discussed."))
    topic = models.ForeignKey(
        "topics.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text=_("The topic it is about, if any."),
        verbose_name=_("topic"),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("What was said or agreed on this item."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="unique_agenda_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendances",
        help_text=_("The meeting."),
        verbose_name=_("meeting"),
    )
    person = models.ForeignKey(
        "regions.Person",
        on_delete=models.CASCADE,
        related_name="attendances",
        help_text=_("Who was there (or sent apologies)."),
        verbose_name=_("person"),
    )
    present = models.BooleanField(_("present"), default=True, help_text=_("Present, or sent apologies."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["meeting", "person__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance")]

    def __str__(self) -> str:
        return f"{self.person} @ {self.meeting}"


class ConsentRule(models.TextChoices):
    OPT_IN = consent.OPT_IN, _("opt-in: binds each municipality that adopts it; one that rejects does not take part")
    NEEDS_ALL = consent.NEEDS_ALL, _(
        "needs every participant: one rejection blocks it (e.g. changing a joint arrangement)"
    )


class Agreement(Versioned):
    """An agreement (afspraak) proposed to the municipalities; binding on each only once it adopts it."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="agreements",
        help_text=_("The region."),
        verbose_name=_("region"),
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The meeting where it was made, if recorded."),
        verbose_name=_("meeting"),
    )
    topic = models.ForeignKey(
        "topics.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        help_text=_("The topic it concerns, if any."),
        verbose_name=_("topic"),
    )
    other_topics = models.ManyToManyField(
        "topics.Topic",
        blank=True,
        related_name="agreements_also_about",
        verbose_name=_("other topics"),
        help_text=_("Other topics it concerns, beside the main one."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("A short title."))
    text = models.TextField(_("text"), help_text=_("What was agreed, as put to the municipalities."))
    made_on = models.DateField(_("made on"), help_text=_("When the agreement was made."))
    participants = models.ManyToManyField(
        "regions.Municipality",
        related_name="agreements",
        verbose_name=_("participating municipalities"),
        help_text=_("The municipalities asked to adopt it."),
    )
    council_decision_needed = models.BooleanField(
        _("council decision needed"),
        default=False,
        help_text=_("Whether each council must decide too, not only the college."),
    )
    consent_rule = models.CharField(
        _("kind of agreement"),
        max_length=20,
        choices=ConsentRule.choices,
        default=ConsentRule.OPT_IN,
        help_text=_("Whether it binds each municipality that adopts it, or needs every participant."),
    )
    is_example = models.BooleanField(_("example data"), default=False, help_text=_("Illustrative data, shown as such."))
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public agreements are shown to everyone."),
    )
    history = HistoricalRecords(m2m_fields=[participants, other_topics])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-made_on", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:agreement-detail", kwargs={"region": self.region.slug, "pk": self.pk})


class Organ(models.TextChoices):
    COLLEGE = "college", _("municipal executive")
    COUNCIL = "raad", _("municipal council")


class DecisionKind(models.TextChoices):
    DECISION = "besluit", _("decision")
    VIEW = "zienswijze", _("view (on a joint arrangement's decision)")


class Outcome(models.TextChoices):
    ADOPTED = "ingestemd", _("adopted")
    REJECTED = "afgewezen", _("rejected")
    DEFERRED = "aangehouden", _("deferred")
    NOT_NEEDED = "niet_nodig", _("not needed")


class MunicipalDecision(Versioned):
    """What one municipality's college or council decided on an agreement."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="decisions",
        help_text=_("The agreement."),
        verbose_name=_("agreement"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="decisions",
        help_text=_("The municipality."),
        verbose_name=_("municipality"),
    )
    organ = models.CharField(_("organ"), max_length=10, choices=Organ.choices, help_text=_("College or council."))
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=DecisionKind.choices,
        default=DecisionKind.DECISION,
        help_text=_("A decision, or a council's view on a joint arrangement's decision."),
    )
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, help_text=_("What was decided."))
    decided_on = models.DateField(_("decided on"), help_text=_("The date of the decision."))
    document = models.CharField(
        _("document"), max_length=300, blank=True, help_text=_("Reference or link to the decision.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["agreement", "municipality__name", "organ"]
        constraints = [models.UniqueConstraint(fields=["agreement", "municipality", "organ"], name="unique_decision")]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.get_organ_display()}): {self.get_outcome_display()}"


class ConsentState(models.TextChoices):
    ADOPTED = consent.STATE_ADOPTED, _("adopted by all participants")
    ADOPTED_BY_SOME = consent.STATE_ADOPTED_BY_SOME, _("adopted; the others do not take part")
    PARTLY = consent.STATE_PARTLY, _("partly adopted")
    PENDING = consent.STATE_PENDING, _("awaiting decisions")
    NOT_ADOPTED = consent.STATE_NOT_ADOPTED, _("adopted by none")
    BLOCKED = consent.STATE_BLOCKED, _("blocked")


class CellState(models.TextChoices):
    """The state of one college or council cell of the consent table."""

    ADOPTED = consent.ADOPTED, _("adopted")
    REJECTED = consent.REJECTED, _("rejected")
    DEFERRED = consent.DEFERRED, _("deferred")
    NOT_NEEDED = consent.NOT_NEEDED, _("not needed")
    AWAITING = consent.AWAITING, _("awaiting decision")
    NOT_SUBMITTED = consent.NOT_SUBMITTED, _("not put to the council")
    COUNCIL_NOT_ASKED = consent.COUNCIL_NOT_ASKED, _("no council decision needed")


@dataclass(frozen=True)
class ConsentCell:
    municipality_id: int
    college: MunicipalDecision | None
    council: MunicipalDecision | None
    needs_council: bool
    name: str = ""
    needs_all: bool = False

    @property
    def plain(self) -> consent.Cell:
        return consent.Cell(
            self.name,
            self.college.outcome if self.college else None,
            self.council.outcome if self.council else None,
            self.needs_council,
        )

    @property
    def adopted(self) -> bool:
        return self.plain.adopted

    @property
    def rejected(self) -> bool:
        return self.plain.rejected

    @property
    def college_state(self) -> str:
        return self.plain.college_state

    @property
    def council_state(self) -> str:
        return self.plain.council_state


def consent_cells(agreement: Agreement) -> list[ConsentCell]:
    """One cell per participant, from the prefetched participants and decisions."""
    decisions = {(d.municipality_id, d.organ): d for d in agreement.decisions.all() if d.kind == DecisionKind.DECISION}
    return [
        ConsentCell(
            municipality_id=m.pk,
            college=decisions.get((m.pk, Organ.COLLEGE)),
            council=decisions.get((m.pk, Organ.COUNCIL)),
            needs_council=agreement.council_decision_needed,
            name=m.name,
            needs_all=agreement.consent_rule == ConsentRule.NEEDS_ALL,
        )
        for m in agreement.participants.all()
    ]


def consent_outcome(cells: list[ConsentCell]) -> consent.Outcome:
    return consent.consent_outcome([c.plain for c in cells], needs_all=any(c.needs_all for c in cells))


def consent_state(cells: list[ConsentCell]) -> str:
    """See `regio.meetings.consent`: opt-in agreements bind who adopts; only needs-all ones are blocked."""
    return consent_outcome(cells).state
