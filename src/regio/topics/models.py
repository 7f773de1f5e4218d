"""Topics of the regional agenda and what hangs off them.

A topic is fitted to one or more spearheads, has a lead (trekker) or an open lead, and each member
municipality chooses for itself whether it takes part: there is no regional decision-making.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.models import TimestampedModel, Visibility
from regio.core.versions import Versioned


class TopicStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("proposed")
    EXPLORING = "verkennen", _("exploring")
    CONCRETISING = "concretiseren", _("concretising")
    IN_PROGRESS = "in_uitvoering", _("in progress")
    COMPLETED = "afgerond", _("completed")
    STOPPED = "gestopt", _("stopped")


# The lifecycle: forward one step at a time, back one step when plans change, stop from any open state.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    TopicStatus.PROPOSED: frozenset({TopicStatus.EXPLORING, TopicStatus.STOPPED}),
    TopicStatus.EXPLORING: frozenset({TopicStatus.CONCRETISING, TopicStatus.PROPOSED, TopicStatus.STOPPED}),
    TopicStatus.CONCRETISING: frozenset({TopicStatus.IN_PROGRESS, TopicStatus.EXPLORING, TopicStatus.STOPPED}),
    TopicStatus.IN_PROGRESS: frozenset({TopicStatus.COMPLETED, TopicStatus.CONCRETISING, TopicStatus.STOPPED}),
    TopicStatus.COMPLETED: frozenset(),
    TopicStatus.STOPPED: frozenset({TopicStatus.PROPOSED}),
}


STATUS_STEP_REASONS = {
    TopicStatus.PROPOSED: _("start again when stopped plans are picked up"),
    TopicStatus.EXPLORING: _("the next step, or one back when plans change"),
    TopicStatus.CONCRETISING: _("the next step, or one back when plans change"),
    TopicStatus.IN_PROGRESS: _("the next step, or one back when plans change"),
    TopicStatus.COMPLETED: _("the last step: the topic is done"),
    TopicStatus.STOPPED: _("possible from any open status"),
}


class CooperationForm(models.TextChoices):
    LIGHT = "lichte_ambtelijke_samenwerking", _("light cooperation between civil servants")
    ADMINISTRATIVE_CONSULTATION = "bestuurlijk_overleg", _("administrative consultation")
    COVENANT = "convenant", _("covenant or cooperation agreement")
    CENTRAL_MUNICIPALITY = "centrumgemeente", _("central-municipality arrangement")
    GR_PUBLIC_BODY = "gr_openbaar_lichaam", _("joint arrangement: public body")
    GR_OPERATIONS = "gr_bedrijfsvoeringsorganisatie", _("joint arrangement: operations organisation")
    GR_JOINT_ORGAN = "gr_gemeenschappelijk_orgaan", _("joint arrangement: joint organ")
    GR_PLAIN = "gr_regeling_zonder_meer", _("joint arrangement without a body")


class ParticipationRole(models.TextChoices):
    INITIATOR = "initiatiefnemer", _("initiator")
    PARTICIPATES = "doet_mee", _("takes part")
    FOLLOWS = "volgt", _("follows")
    DECLINES = "doet_niet_mee", _("does not take part")


class Topic(Versioned, TimestampedModel):
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="topics",
        help_text=_("The region whose agenda it is on."),
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("A short title, e.g. Warmterotonde."))
    slug = models.SlugField(_("slug"), max_length=200, help_text=_("The title as it appears in web addresses."))
    description = models.TextField(_("description"), blank=True, help_text=_("What the topic is about and why."))
    spearheads = models.ManyToManyField(
        "visions.Spearhead",
        related_name="topics",
        verbose_name=_("spearheads"),
        help_text=_("The spearheads of the vision this topic serves; at least one."),
    )
    proposed_by = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_topics",
        verbose_name=_("proposed by"),
        help_text=_("The municipality whose college brought the topic in, if one did."),
    )
    proposed_on = models.DateField(_("proposed on"), null=True, blank=True, help_text=_("When it was brought in."))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=TopicStatus.choices,
        default=TopicStatus.PROPOSED,
        help_text=_("Where the topic stands; changed only through a status change with a reason."),
    )
    lead_municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_topics",
        verbose_name=_("lead municipality"),
        help_text=_("The municipality that leads (trekker); empty means the lead is still to be appointed."),
    )
    lead_person = models.ForeignKey(
        "regions.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_topics",
        verbose_name=_("lead person"),
        help_text=_("The portfolio holder or official who leads, if named."),
    )
    cooperation_form = models.CharField(
        _("form of cooperation"),
        max_length=40,
        choices=CooperationForm.choices,
        default=CooperationForm.LIGHT,
        help_text=_("How the municipalities work together on it; the form follows the content."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public topics are shown to everyone; internal ones only to signed-in users of the region."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[spearheads])

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="unique_topic_slug")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:topic-detail", kwargs={"region": self.region.slug, "slug": self.slug})

    @property
    def lead_is_open(self) -> bool:
        return self.lead_municipality_id is None

    @property
    def participants(self) -> list:
        """Municipalities that take part (initiator or participant), from the prefetched participations."""
        joining = {ParticipationRole.INITIATOR, ParticipationRole.PARTICIPATES}
        return [p.municipality for p in self.participations.all() if p.role in joining]

    @property
    def allowed_next_statuses(self) -> list[str]:
        return [s for s in TopicStatus.values if s in STATUS_TRANSITIONS[self.status]]

    def status_steps(self) -> list[tuple[str, bool, str]]:
        """Every other status: (label, possible now, why) for the status form."""
        steps = []
        for status in TopicStatus.values:
            if status == self.status:
                continue
            label = str(TopicStatus(status).label)
            if status in STATUS_TRANSITIONS[self.status]:
                steps.append((label, True, str(STATUS_STEP_REASONS.get(status, ""))))
                continue
            sources = [str(TopicStatus(s).label) for s in TopicStatus.values if status in STATUS_TRANSITIONS[s]]
            if self.status == TopicStatus.COMPLETED:
                why = _("a completed topic is closed")
            else:
                why = _("only from: %(statuses)s") % {"statuses": ", ".join(sources)}
            steps.append((label, False, str(why)))
        return steps


class TopicStatusChange(models.Model):
    """One step in a topic's lifecycle, with its date, reason and who made it."""

    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        related_name="status_changes",
        help_text=_("The topic."),
        verbose_name=_("topic"),
    )
    from_status = models.CharField(
        _("from"),
        max_length=20,
        choices=TopicStatus.choices,
        blank=True,
        help_text=_("The status before; empty for the first."),
    )
    to_status = models.CharField(_("to"), max_length=20, choices=TopicStatus.choices, help_text=_("The new status."))
    changed_on = models.DateField(_("date"), help_text=_("The date the change took effect."))
    reason = models.TextField(_("reason"), help_text=_("Why the status changed."))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who recorded the change."),
        verbose_name=_("changed by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, help_text=_("When it was recorded."))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["topic", "changed_on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.topic}: {self.from_status or '—'} → {self.to_status}"


class Participation(Versioned):
    """Whether one member municipality joins a topic: its own choice."""

    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        related_name="participations",
        help_text=_("The topic."),
        verbose_name=_("topic"),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="participations",
        help_text=_("The member municipality."),
        verbose_name=_("municipality"),
    )
    role = models.CharField(
        _("participation"),
        max_length=20,
        choices=ParticipationRole.choices,
        help_text=_("What the municipality chose."),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("E.g. the college decision it rests on.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["topic", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["topic", "municipality"], name="unique_participation")]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_role_display()} ({self.topic})"


class TopicPartner(models.Model):
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="partners", help_text=_("The topic."), verbose_name=_("topic")
    )
    organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.PROTECT,
        related_name="topic_roles",
        help_text=_("The partner."),
        verbose_name=_("organisation"),
    )
    role = models.CharField(
        _("role"), max_length=300, help_text=_("What the partner does here, e.g. co-financier, owner of the network.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["topic", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["topic", "organisation"], name="unique_topic_partner")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.topic})"


class Result(Versioned):
    """A desired result (beoogd resultaat) of a topic, with an indicator to measure progress by."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="results", help_text=_("The topic."), verbose_name=_("topic")
    )
    description = models.CharField(_("description"), max_length=300, help_text=_("What the topic should achieve."))
    indicator = models.CharField(
        _("indicator"), max_length=200, blank=True, help_text=_("What is measured, e.g. number of student rooms.")
    )
    unit = models.CharField(_("unit"), max_length=30, blank=True, help_text=_("The unit, e.g. rooms, %, households."))
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True, help_text=_("The value at the start.")
    )
    target_value = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True, help_text=_("The value to reach.")
    )
    target_date = models.DateField(
        _("target date"), null=True, blank=True, help_text=_("When the target should be reached.")
    )
    current_value = models.DecimalField(
        _("current value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The latest measured value."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("desired result")
        verbose_name_plural = _("desired results")
        ordering = ["topic", "id"]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if self.baseline is not None and self.target_value is not None and self.baseline == self.target_value:
            raise ValidationError(
                {
                    "target_value": ValidationError(
                        _("The target must differ from the baseline, or progress cannot be measured."),
                        code="target_equals_baseline",
                    )
                }
            )

    @property
    def progress(self) -> Decimal | None:
        """Share of the way from baseline to target (0..1), or None when not measurable yet."""
        if None in (self.baseline, self.target_value, self.current_value):
            return None
        share = (self.current_value - self.baseline) / (self.target_value - self.baseline)
        return max(Decimal(0), min(Decimal(1), share))

    @property
    def progress_percent(self) -> int | None:
        progress = self.progress
        return None if progress is None else int(round(progress * 100))
