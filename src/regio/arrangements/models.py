"""Joint arrangements (gemeenschappelijke regelingen) with the fields art. 27 Wgr asks a register to hold.

Art. 27 of the Wet gemeenschappelijke regelingen obliges the participants to keep a register of the
arrangements they take part in: the name, the participants, the legal basis and the text, the powers
transferred, the seat, the form, and the dates of entry into force and of the latest amendment.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.models import Visibility
from regio.core.versions import Versioned


class ArrangementForm(models.TextChoices):
    PUBLIC_BODY = "openbaar_lichaam", _("public body (openbaar lichaam)")
    OPERATIONS = "bedrijfsvoeringsorganisatie", _("operations organisation (bedrijfsvoeringsorganisatie)")
    JOINT_ORGAN = "gemeenschappelijk_orgaan", _("joint organ (gemeenschappelijk orgaan)")
    CENTRAL_MUNICIPALITY = "centrumgemeente", _("central-municipality arrangement (centrumgemeente)")
    PLAIN = "regeling_zonder_meer", _("arrangement without a body (regeling zonder meer)")


class Arrangement(models.Model):
    """One gemeenschappelijke regeling the region's municipalities take part in."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="arrangements",
        verbose_name=_("region"),
        help_text=_("The region whose register lists it."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("The arrangement's official name."))
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("The name as it appears in web addresses and files.")
    )
    form = models.CharField(
        _("form"),
        max_length=30,
        choices=ArrangementForm.choices,
        help_text=_("The legal form the arrangement takes under the Wgr."),
    )
    participants = models.ManyToManyField(
        "regions.Municipality",
        related_name="arrangements",
        verbose_name=_("participating municipalities"),
        help_text=_("The municipalities (their colleges, councils or mayors) that take part."),
    )
    partner_organisations = models.ManyToManyField(
        "regions.Organisation",
        blank=True,
        related_name="arrangements",
        verbose_name=_("other participants"),
        help_text=_("Participants that are not municipalities, e.g. a province or a water board."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The statutory basis, e.g. Wet gemeenschappelijke regelingen, art. 8."),
    )
    text_reference = models.CharField(
        _("text of the arrangement"),
        max_length=500,
        blank=True,
        help_text=_("Where the arrangement's text is published: a CVDR reference or a web address."),
    )
    powers = models.TextField(
        _("transferred powers"),
        blank=True,
        help_text=_("The powers (bevoegdheden) the participants transferred to it, one per line."),
    )
    seat = models.CharField(
        _("seat"), max_length=200, help_text=_("The place where it is established (vestigingsplaats).")
    )
    entered_into_force = models.DateField(_("in force since"), help_text=_("The date the arrangement took effect."))
    last_amended = models.DateField(
        _("last amended"), null=True, blank=True, help_text=_("The date of the latest amendment, if any.")
    )
    bodies = models.ManyToManyField(
        "meetings.Body",
        blank=True,
        related_name="arrangements",
        verbose_name=_("bodies"),
        help_text=_("Its general and executive boards, as bodies of the region."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public arrangements appear in the public register."),
    )
    advisory_committee = models.TextField(
        _("joint advisory committee"),
        blank=True,
        help_text=_("The tasks of its gemeenschappelijke adviescommissie, if it has one; empty if not."),
    )
    topics = models.ManyToManyField(
        "topics.Topic",
        blank=True,
        related_name="arrangements",
        verbose_name=_("topics"),
        help_text=_("The region's topics it carries out."),
    )
    history = HistoricalRecords(m2m_fields=[participants, partner_organisations, bodies])

    class Meta:
        verbose_name = _("joint arrangement")
        verbose_name_plural = _("joint arrangements")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="unique_arrangement_slug")]

    def __str__(self) -> str:
        return self.name

    @property
    def power_list(self) -> list[str]:
        return [line.strip() for line in self.powers.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.last_amended and self.entered_into_force and self.last_amended < self.entered_into_force:
            raise ValidationError(
                {
                    "last_amended": ValidationError(
                        _("An amendment cannot precede the entry into force."), code="amended_before_start"
                    )
                }
            )


# The yearly planning and control cycle, the councils' calendars and their views (zienswijzen).


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "deelnemer", _("participant")
    HOST = "gastgemeente", _("host municipality (seat of the organisation)")
    CENTRAL = "centrumgemeente", _("central municipality")
    SERVICE_PROVIDER = "dienstverlener", _("municipality providing the service")


class ArrangementParticipant(models.Model):
    """One participant's role and yearly contribution; a municipality or another public body."""

    arrangement = models.ForeignKey(
        Arrangement,
        on_delete=models.CASCADE,
        related_name="participant_details",
        verbose_name=_("joint arrangement"),
        help_text=_("The arrangement taken part in."),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="arrangement_roles",
        verbose_name=_("municipality"),
        help_text=_("The participating municipality; empty for another public body."),
    )
    organisation = models.ForeignKey(
        "regions.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="arrangement_roles",
        verbose_name=_("organisation"),
        help_text=_("The participating province, water board or other public body; empty for a municipality."),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
        help_text=_("Its role in the arrangement."),
    )
    yearly_contribution = models.DecimalField(
        _("yearly contribution (euro)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What it contributes per year, as in the current budget."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["arrangement", "municipality"], name="unique_arrangement_municipality"),
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False, organisation__isnull=True)
                | models.Q(municipality__isnull=True, organisation__isnull=False),
                name="participant_is_one_party",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.organisation)


class DocumentKind(models.TextChoices):
    FRAMEWORKS = "kaders", _("general financial and policy frameworks (kadernota)")
    PROVISIONAL_ACCOUNTS = "voorlopige_jaarrekening", _("provisional annual accounts")
    DRAFT_BUDGET = "ontwerpbegroting", _("draft budget (ontwerpbegroting)")
    BUDGET_AMENDMENT = "begrotingswijziging", _("budget amendment")
    BUDGET = "begroting", _("adopted budget")
    ANNUAL_ACCOUNTS = "jaarstukken", _("annual accounts and report (jaarstukken)")
    OTHER = "overig", _("other document the arrangement adds")


class CycleDocument(Versioned):
    """A document of the yearly cycle, sent to the councils on a date; the deadlines follow from it."""

    arrangement = models.ForeignKey(
        Arrangement,
        on_delete=models.CASCADE,
        related_name="cycle_documents",
        verbose_name=_("joint arrangement"),
        help_text=_("The arrangement whose cycle it belongs to."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices, help_text=_("Which document of the cycle."))
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. Ontwerpbegroting 2027."))
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("The year the budget is for, or the year the accounts cover.")
    )
    sent_on = models.DateField(_("sent to the councils on"), help_text=_("The date the board sent it to the councils."))
    own_term_weeks = models.PositiveSmallIntegerField(
        _("own term (weeks)"),
        null=True,
        blank=True,
        help_text=_("The arrangement's own term for the councils' views, where the law allows one; empty: the law's."),
    )
    general_board_on = models.DateField(
        _("general board decides on"), null=True, blank=True, help_text=_("The meeting of the general board that decides on it.")
    )
    reference = models.CharField(
        _("where to read it"), max_length=500, blank=True, help_text=_("A web address or document number.")
    )
    joint_draft = models.TextField(
        _("joint draft view"),
        blank=True,
        help_text=_("The draft zienswijze the clerks share; paragraphs separated by an empty line."),
    )
    final_decision_on = models.DateField(
        _("final decision on"), null=True, blank=True, help_text=_("When the general board took its final decision.")
    )
    final_decision = models.TextField(
        _("final decision"), blank=True, help_text=_("What the general board decided and what changed because of the views.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cycle document")
        verbose_name_plural = _("cycle documents")
        ordering = ["-sent_on", "title"]

    def __str__(self) -> str:
        return self.title


class CouncilMeetingSource(models.TextChoices):
    HAND = "hand", _("entered by hand")
    ICS = "ics", _("imported from an iCalendar file")


class CouncilMeeting(models.Model):
    """A date on which a municipality's council meets (its calendar, for the cycle's windows)."""

    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.CASCADE,
        related_name="council_meetings",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose council meets."),
    )
    date = models.DateField(_("date"), help_text=_("The day of the council meeting."))
    title = models.CharField(_("title"), max_length=200, blank=True, help_text=_("E.g. Raadsvergadering."))
    source = models.CharField(
        _("source"), max_length=10, choices=CouncilMeetingSource.choices, default=CouncilMeetingSource.HAND,
        help_text=_("How the date was entered."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["municipality", "date"], name="unique_council_meeting_day")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.date:%d-%m-%Y}"


class SummerRecess(models.Model):
    """The period a municipality's council does not meet in summer."""

    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.CASCADE,
        related_name="summer_recesses",
        verbose_name=_("municipality"),
        help_text=_("The municipality whose council is in recess."),
    )
    starts_on = models.DateField(_("from"), help_text=_("The first day of the recess."))
    ends_on = models.DateField(_("until"), help_text=_("The last day of the recess."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("summer recess")
        verbose_name_plural = _("summer recesses")
        ordering = ["starts_on"]
        constraints = [models.UniqueConstraint(fields=["municipality", "starts_on"], name="unique_recess_start")]

    def __str__(self) -> str:
        return f"{self.municipality} {self.starts_on:%d-%m-%Y}–{self.ends_on:%d-%m-%Y}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError(_("The recess cannot end before it starts."), code="recess_ends_before_start")}
            )


class ViewState(models.TextChoices):
    NONE = "geen", _("no view")
    PREPARING = "in_voorbereiding", _("in preparation")
    ADOPTED = "vastgesteld", _("adopted by the council")


class ViewVerdict(models.TextChoices):
    POSITIVE = "positief", _("positive")
    RESERVATIONS = "met_kanttekeningen", _("positive with reservations")
    NEGATIVE = "negatief", _("negative")


class ViewBasis(models.TextChoices):
    JOINT_AS_IS = "gezamenlijk", _("the joint draft as it is")
    JOINT_AMENDED = "gezamenlijk_geamendeerd", _("the joint draft, amended")
    OWN = "eigen", _("its own text")


class Zienswijze(Versioned):
    """One council's view on a cycle document, and the board's written answer to it."""

    document = models.ForeignKey(
        CycleDocument,
        on_delete=models.CASCADE,
        related_name="views",
        verbose_name=_("cycle document"),
        help_text=_("The document the view is on."),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="zienswijzen",
        verbose_name=_("council"),
        help_text=_("The municipality whose council gives the view."),
    )
    state = models.CharField(_("state"), max_length=20, choices=ViewState.choices, default=ViewState.PREPARING,
                             help_text=_("Where the council is with it."))
    verdict = models.CharField(_("verdict"), max_length=20, choices=ViewVerdict.choices, blank=True,
                               help_text=_("Once adopted: positive, with reservations or negative."))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, help_text=_("The date the council adopted it."))
    basis = models.CharField(_("basis"), max_length=30, choices=ViewBasis.choices, default=ViewBasis.OWN,
                             help_text=_("Whether the council adopted the joint draft, amended it or wrote its own."))
    text = models.TextField(_("text"), blank=True, help_text=_("The view as adopted; paragraphs separated by an empty line."))
    amendments = models.TextField(_("amendments"), blank=True, help_text=_("The amendments the council adopted, one per line."))
    sent_on = models.DateField(_("sent on"), null=True, blank=True, help_text=_("The date it was sent to the board."))
    board_answer = models.TextField(_("board's answer"), blank=True, help_text=_("The board's written, reasoned answer."))
    board_answered_on = models.DateField(_("answered on"), null=True, blank=True, help_text=_("The date of the board's answer."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("view (zienswijze)")
        verbose_name_plural = _("views (zienswijzen)")
        ordering = ["document", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["document", "municipality"], name="unique_view_per_council")]

    def __str__(self) -> str:
        return f"{self.municipality} — {self.document}"


class VerbondenPartij(models.Model):
    """One line of a municipality's register of verbonden partijen for a year: a regeling or another
    participation, with what the budget's paragraph on verbonden partijen asks, and its risk profile."""

    municipality = models.ForeignKey(
        "regions.Municipality", on_delete=models.CASCADE, related_name="verbonden_partijen",
        verbose_name=_("municipality"), help_text=_("The municipality whose register it is."),
    )
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The budget or accounts year the figures are for."))
    arrangement = models.ForeignKey(
        Arrangement, on_delete=models.CASCADE, null=True, blank=True, related_name="verbonden_partijen",
        verbose_name=_("joint arrangement"), help_text=_("The regeling; empty for another participation."),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True,
        help_text=_("For another participation (a company, foundation, association): its name."),
    )
    public_interest = models.TextField(_("public interest served"), help_text=_("The public interest it serves."))
    share_percent = models.DecimalField(
        _("share (%)"), max_digits=6, decimal_places=2, null=True, blank=True,
        help_text=_("The municipality's share in it, as a percentage."),
    )
    contribution = models.DecimalField(
        _("contribution (euro)"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("The municipality's contribution that year; empty: the participant's yearly contribution."),
    )
    equity_start = models.DecimalField(_("equity at the start (euro)"), max_digits=16, decimal_places=2, null=True, blank=True,
                                       help_text=_("Its equity on 1 January."))
    equity_end = models.DecimalField(_("equity at the end (euro)"), max_digits=16, decimal_places=2, null=True, blank=True,
                                     help_text=_("Its equity on 31 December."))
    liabilities_start = models.DecimalField(_("liabilities at the start (euro)"), max_digits=16, decimal_places=2,
                                            null=True, blank=True, help_text=_("Its liabilities on 1 January."))
    liabilities_end = models.DecimalField(_("liabilities at the end (euro)"), max_digits=16, decimal_places=2,
                                          null=True, blank=True, help_text=_("Its liabilities on 31 December."))
    result = models.DecimalField(_("result (euro)"), max_digits=16, decimal_places=2, null=True, blank=True,
                                 help_text=_("Its financial result that year."))
    risks = models.TextField(_("main risks"), blank=True, help_text=_("The main risks for the municipality."))
    risk_answers = models.JSONField(
        _("risk questionnaire answers"), default=dict, blank=True,
        help_text=_("The answers to the risk questionnaire: question code to option code."),
    )
    risk_class = models.PositiveSmallIntegerField(
        _("risk class"), null=True, blank=True, help_text=_("1 (low) to 3 (high), from the questionnaire."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("verbonden partij")
        verbose_name_plural = _("verbonden partijen")
        ordering = ["municipality", "year", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "arrangement"], name="unique_verbonden_partij_regeling"),
            models.CheckConstraint(
                condition=models.Q(arrangement__isnull=False) | ~models.Q(name=""), name="verbonden_partij_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.arrangement.name if self.arrangement_id else self.name
