"""Reading the register: arrangements with their participants and bodies in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.arrangements import deadlines
from regio.arrangements.paragraph import ParagraphRow
from regio.arrangements.models import Arrangement, ArrangementParticipant, CycleDocument, VerbondenPartij, Zienswijze
from regio.commitments.models import Commitment, CommitmentState
from regio.core.models import Visibility
from regio.meetings.models import Agreement, Meeting, Organ
from regio.regions.models import Municipality, Region
from regio.topics.models import Topic


def arrangement_list(*, region: Region, public_only: bool = True) -> QuerySet[Arrangement]:
    queryset = Arrangement.objects.filter(region=region).prefetch_related(
        "participants", "partner_organisations", "bodies"
    )
    if public_only:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset.order_by("name")


# The cycle: per document, each council's deadline, days left, meetings in the window, warnings.


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class CouncilTerm:
    """One council's position on one cycle document."""

    municipality: Municipality
    deadline: datetime.date | None
    days_left: int | None
    meetings_in_window: list[datetime.date]
    warnings: list[Warning]
    view: Zienswijze | None


def arrangement_detail(*, region: Region, slug: str, public_only: bool = True) -> Arrangement:
    topics = Topic.objects.select_related("region").order_by("title")
    if public_only:
        topics = topics.filter(visibility=Visibility.PUBLIC)
    return arrangement_list(region=region, public_only=public_only).prefetch_related(
        Prefetch("participant_details", queryset=ArrangementParticipant.objects.select_related("municipality", "organisation")),
        Prefetch("topics", queryset=topics),
    ).get(slug=slug)


def cycle_documents(*, arrangements) -> QuerySet[CycleDocument]:
    """The documents of these arrangements, each with what its terms need, in a fixed number of queries."""
    return (
        CycleDocument.objects.filter(arrangement__in=arrangements)
        .select_related("arrangement", "arrangement__region")
        .prefetch_related(
            Prefetch(
                "arrangement__participants",
                queryset=Municipality.objects.prefetch_related("council_meetings", "summer_recesses").order_by("name"),
            ),
            Prefetch("views", queryset=Zienswijze.objects.select_related("municipality")),
        )
        .order_by("-sent_on", "title")
    )


def document_deadline(document: CycleDocument) -> deadlines.Deadline:
    return deadlines.council_deadline(document.kind, document.sent_on, own_weeks=document.own_term_weeks)


def council_terms(document: CycleDocument, *, today: datetime.date) -> list[CouncilTerm]:
    """Each participating council's deadline and warnings; reads only what `cycle_documents` prefetched."""
    deadline = document_deadline(document).date
    views = {view.municipality_id: view for view in document.views.all()}
    terms = []
    for municipality in document.arrangement.participants.all():
        meetings, warnings = [], []
        if deadline is not None:
            meetings = [m.date for m in municipality.council_meetings.all() if document.sent_on <= m.date <= deadline]
            if not meetings:
                warnings.append(Warning("geen_raadsvergadering", _(
                    "No council meeting of %(name)s between receipt on %(sent)s and the deadline of %(deadline)s."
                ) % {"name": municipality.name, "sent": f"{document.sent_on:%d-%m-%Y}", "deadline": f"{deadline:%d-%m-%Y}"}))
            for recess in municipality.summer_recesses.all():
                if recess.starts_on <= deadline and document.sent_on <= recess.ends_on:
                    warnings.append(Warning("zomerreces", _(
                        "The window overlaps the summer recess of %(name)s (%(start)s to %(end)s)."
                    ) % {"name": municipality.name, "start": f"{recess.starts_on:%d-%m-%Y}", "end": f"{recess.ends_on:%d-%m-%Y}"}))
        terms.append(CouncilTerm(
            municipality=municipality,
            deadline=deadline,
            days_left=deadlines.days_left(deadline, today) if deadline else None,
            meetings_in_window=meetings,
            warnings=warnings,
            view=views.get(municipality.pk),
        ))
    return terms


def zienswijze_list(*, public_only: bool = True) -> QuerySet[Zienswijze]:
    queryset = Zienswijze.objects.select_related("document", "document__arrangement", "document__arrangement__region", "municipality")
    if public_only:
        queryset = queryset.filter(document__arrangement__visibility=Visibility.PUBLIC)
    return queryset.order_by("-document__sent_on", "document__title", "municipality__name")


# The council's regional agenda: everything coming to one council, across its regions and regelingen.


class AgendaKind:
    VIEW_DEADLINE = "zienswijze"
    COMMITMENT = "toezegging"
    DECISION = "besluit"
    MEETING = "vergadering"


@dataclass(frozen=True)
class AgendaEntry:
    day: datetime.date
    kind: str
    title: str
    region: Region
    detail: str
    uid: str  # stable per entry, for calendar programs
    dated: bool = True  # False: an open item shown with the day it has been open since


def regional_agenda(
    *,
    municipality: Municipality,
    public_only: bool = True,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[AgendaEntry]:
    """What comes to `municipality`'s council, ordered by day: view deadlines on its regelingen'
    documents, promises to it falling due, decisions its council still has to take on regional
    agreements, and meetings of regional bodies its members sit in. A fixed number of queries.

    This is also what a notifier calls to remind a council (one list, dates and stable uids).
    """
    def visible(queryset, path):
        return queryset.filter(**{path: Visibility.PUBLIC}) if public_only else queryset

    def in_range(day):
        return (start is None or day >= start) and (end is None or day <= end)

    entries: list[AgendaEntry] = []
    for document, deadline, view in view_deadlines(municipality=municipality, public_only=public_only, start=start, end=end):
        state = view.get_state_display() if view else _("no view recorded")
        entries.append(AgendaEntry(
            day=deadline, kind=AgendaKind.VIEW_DEADLINE,
            title=_("Deadline for the view on %(document)s") % {"document": document.title},
            region=document.arrangement.region,
            detail=f"{document.arrangement.name} — {state}",
            uid=f"zienswijze-{document.pk}-{municipality.cbs_code}",
        ))
    commitments = visible(
        Commitment.objects.filter(recipient_councils=municipality, state=CommitmentState.OPEN), "visibility"
    ).select_related("region")
    for commitment in commitments:
        if in_range(commitment.due_date):
            entries.append(AgendaEntry(
                day=commitment.due_date, kind=AgendaKind.COMMITMENT,
                title=_("Promise due: %(title)s") % {"title": commitment.title},
                region=commitment.region, detail="", uid=f"toezegging-{commitment.pk}-{municipality.cbs_code}",
            ))
    agreements = visible(
        Agreement.objects.filter(participants=municipality, council_decision_needed=True), "visibility"
    ).exclude(decisions__municipality=municipality, decisions__organ=Organ.COUNCIL).select_related("region")
    for agreement in agreements:
        entries.append(AgendaEntry(
            day=agreement.made_on, kind=AgendaKind.DECISION,
            title=_("Council decision still to take: %(title)s") % {"title": agreement.title},
            region=agreement.region, detail="", uid=f"afspraak-{agreement.pk}-{municipality.cbs_code}", dated=False,
        ))
    meetings = (
        Meeting.objects.filter(body__members__municipality=municipality, starts_at__isnull=False, cancelled=False)
        .select_related("region", "body")
        .distinct()
    )
    if public_only:
        meetings = meetings.filter(visibility=Visibility.PUBLIC, body__visibility=Visibility.PUBLIC)
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        if in_range(day):
            entries.append(AgendaEntry(
                day=day, kind=AgendaKind.MEETING, title=meeting.title, region=meeting.region,
                detail=meeting.body.name, uid=f"vergadering-{meeting.pk}-{municipality.cbs_code}",
            ))
    return sorted(entries, key=lambda e: (e.day, e.kind, e.title))


def verbonden_partijen_rows(*, municipality: Municipality, year: int) -> list[ParagraphRow]:
    """The paragraph's rows for `municipality` and `year`: one per regeling or other participation."""
    lines = (
        VerbondenPartij.objects.filter(municipality=municipality, year=year)
        .select_related("arrangement")
        .prefetch_related(
            Prefetch("arrangement__participants", queryset=Municipality.objects.order_by("name")),
            "arrangement__partner_organisations",
            Prefetch("arrangement__participant_details", queryset=ArrangementParticipant.objects.filter(municipality=municipality)),
        )
    )
    rows = []
    for line in lines:
        participants, contribution = "", line.contribution
        if line.arrangement_id:
            names = [m.name for m in line.arrangement.participants.all()]
            names += [o.name for o in line.arrangement.partner_organisations.all()]
            participants = ", ".join(names)
            if contribution is None:
                detail = next(iter(line.arrangement.participant_details.all()), None)
                contribution = detail.yearly_contribution if detail else None
        rows.append(ParagraphRow(
            name=line.display_name, public_interest=line.public_interest, participants=participants,
            contribution=contribution, share_percent=line.share_percent, equity_start=line.equity_start,
            equity_end=line.equity_end, liabilities_start=line.liabilities_start, liabilities_end=line.liabilities_end,
            result=line.result, risks=line.risks, risk_class=line.risk_class,
        ))
    return sorted(rows, key=lambda r: r.name)


def view_deadlines(
    *,
    municipality: Municipality,
    public_only: bool = True,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[tuple[CycleDocument, datetime.date, Zienswijze | None]]:
    """(document, deadline, the council's view or None) for the documents of the regelingen
    `municipality` takes part in whose council deadline falls between `start` and `end`."""
    arrangements = Arrangement.objects.filter(participants=municipality)
    if public_only:
        arrangements = arrangements.filter(visibility=Visibility.PUBLIC)
    rows = []
    for document in (
        CycleDocument.objects.filter(arrangement__in=arrangements)
        .select_related("arrangement", "arrangement__region")
        .prefetch_related(Prefetch("views", queryset=Zienswijze.objects.filter(municipality=municipality)))
        .order_by("sent_on", "pk")
    ):
        deadline = document_deadline(document).date
        if deadline is None or (start and deadline < start) or (end and deadline > end):
            continue
        rows.append((document, deadline, next(iter(document.views.all()), None)))
    return rows
