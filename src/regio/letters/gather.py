"""Collecting the facts for one council letter from the database (the Django side of the letters).

`letter_input` reads what a letter to one council needs — topics, agreements with their decisions,
commitments to that council, meetings, roles, the previous saved letter and what changed since —
into the plain `LetterInput` that `compose.compose_letter` turns into a letter. The number of queries
is fixed: it does not grow with the number of topics, agreements or meetings (prefetching, and the
change history read in one pass). Only public items go into a letter: a raadsinformatiebrief is a
public document.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regio.arrangements.selectors import view_deadlines
from regio.commitments.models import Commitment, CommitmentState
from regio.core.models import Visibility
from regio.documents.models import Document, DocumentKind
from regio.extraction.dates import Window, describe_window
from regio.letters.compose import (
    AgreementFacts,
    CommitmentFacts,
    DecisionFacts,
    LetterInput,
    MeetingFacts,
    ResultFacts,
    StatusChangeFacts,
    TopicFacts,
    ViewDeadlineFacts,
    day,
)
from regio.meetings.models import ADMINISTRATIVE_KINDS, Agreement, BodyKind, ConsentRule, Meeting
from regio.regions.models import Municipality, Region, Role, RoleKind
from regio.topics.models import Participation, ParticipationRole, Result, Topic, TopicStatus, TopicStatusChange

UPCOMING_MONTHS = 6
# The letter looks UPCOMING_MONTHS past the period's end; later than this, that is past the calendar's end.
LATEST_PERIOD_END = datetime.date(datetime.MAXYEAR, 12 - UPCOMING_MONTHS, 30)
# Meetings a council hears of: the administrative bodies and meetings outside any body (e.g. an
# information evening for the councils); civil servants' working groups stay out of the letter.
COUNCIL_RELEVANT = Q(body__isnull=True) | Q(body__kind__in=[k for k in ADMINISTRATIVE_KINDS if k != BodyKind.SECRETARIES])
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
ROLE_TEXT = {
    ParticipationRole.INITIATOR: "doet mee als initiatiefnemer aan",
    ParticipationRole.PARTICIPATES: "doet mee aan",
    ParticipationRole.FOLLOWS: "volgt",
    ParticipationRole.DECLINES: "doet niet mee aan",
}


def municipality_find(*, region: Region, name: str) -> Municipality:
    """A member of `region` by name, slug or CBS code (any case); clear errors for the rest."""
    wanted = name.strip()
    match = Municipality.objects.filter(
        Q(name__iexact=wanted) | Q(slug__iexact=wanted) | Q(cbs_code__iexact=wanted)
    ).first()
    if match is None:
        raise ValidationError(
            _("There is no municipality called %(name)s.") % {"name": wanted}, code="unknown_municipality"
        )
    if not region.memberships.filter(municipality=match).exists():
        raise ValidationError(
            _("%(municipality)s is not a member of %(region)s.") % {"municipality": match, "region": region},
            code="not_a_member",
        )
    return match


def check_period(period_start: datetime.date, period_end: datetime.date) -> None:
    if period_end > LATEST_PERIOD_END:
        raise ValidationError(
            {
                "period_end": ValidationError(
                    _("The end date of the period (%(end)s) is too far in the future: the latest possible end date "
                      "is %(latest)s.")
                    % {"end": period_end.isoformat(), "latest": LATEST_PERIOD_END.isoformat()},
                    code="period_end_too_late",
                )
            }
        )
    if period_end < period_start:
        raise ValidationError(
            _("The period ends (%(end)s) before it starts (%(start)s).")
            % {"start": period_start.isoformat(), "end": period_end.isoformat()},
            code="period_reversed",
        )


def previous_letter(*, region: Region, municipality: Municipality, before: datetime.date) -> Document | None:
    """The latest saved letter to this council dated on or before `before`."""
    return (
        Document.objects.filter(
            region=region, kind=DocumentKind.COUNCIL_LETTER, municipalities=municipality, document_date__lte=before
        )
        .order_by("-document_date", "-created_at")
        .first()
    )


def next_reference(*, region: Region, municipality: Municipality, year: int) -> str:
    """RIB-<year>-<CBS code>-<n>: n counts the letters to this council saved in that year, plus one."""
    saved = Document.objects.filter(
        region=region, kind=DocumentKind.COUNCIL_LETTER, municipalities=municipality, document_date__year=year
    ).count()
    return f"RIB-{year}-{municipality.cbs_code}-{saved + 1}"


def letter_input(
    *,
    region: Region,
    municipality: Municipality,
    period_start: datetime.date,
    period_end: datetime.date,
    letter_date: datetime.date | None = None,
    reference: str | None = None,
    site_url: str = "",
) -> LetterInput:
    """All facts for the letter from `municipality`'s college to its council about the period.

    `site_url` (e.g. https://regio.example.nl) makes the address of the public topic overview that a
    summarised letter refers to absolute; without it the letter gives the path on the site.
    """
    check_period(period_start, period_end)
    if not region.memberships.filter(municipality=municipality).exists():
        raise ValidationError(
            _("%(municipality)s is not a member of %(region)s.") % {"municipality": municipality, "region": region},
            code="not_a_member",
        )
    vision = region.visions.prefetch_related("spearheads").order_by("pk").first()
    if vision is None:
        raise ValidationError(
            _("%(region)s has no vision yet; a letter needs the vision and its spearheads.") % {"region": region},
            code="no_vision",
        )
    letter_date = letter_date or timezone.localdate()
    with translation.override("nl"):
        previous = previous_letter(region=region, municipality=municipality, before=letter_date)
        commitments = _commitments(region, municipality, period_start, period_end)
        return LetterInput(
            region=region.name,
            municipality=municipality.name,
            period_start=period_start,
            period_end=period_end,
            letter_date=letter_date,
            reference=reference or next_reference(region=region, municipality=municipality, year=letter_date.year),
            vision_title=vision.title,
            vision_subtitle=vision.subtitle,
            spearheads=tuple((s.code, s.name) for s in vision.spearheads.all()),
            topics=_topics(region, municipality, period_start, period_end),
            agreements=_agreements(region, period_start, period_end),
            commitments=tuple(facts for facts, _row in commitments),
            meetings=_upcoming(region, period_end),
            meetings_per_month=_per_month(region, period_start, period_end),
            previous_letter_date=previous.document_date if previous else None,
            changes_since_previous=_changes(region, municipality, previous, [row for _f, row in commitments]),
            colour=region.colour,
            overview_url=site_url.rstrip("/")
            + reverse("publication:topic-list", kwargs={"region": region.slug})
            + "?"
            + urlencode({"gemeente": municipality.slug}),
            view_deadlines=_view_deadlines(municipality, period_start, period_end),
            **_people(region, municipality, letter_date),
        )


def _topics(
    region: Region, municipality: Municipality, start: datetime.date, end: datetime.date
) -> tuple[TopicFacts, ...]:
    status_changes = _status_changes(region, start, end)
    measurements = _measurements(region, start, end)
    topics = (
        Topic.objects.filter(region=region, visibility=Visibility.PUBLIC)
        .select_related("lead_municipality", "lead_person")
        # Only this municipality's participation: a big region has tens of thousands of the others'.
        .prefetch_related(
            "spearheads",
            Prefetch("participations", queryset=Participation.objects.filter(municipality=municipality)),
            "results",
        )
        .order_by("title")
    )
    facts = []
    for topic in topics:
        own = next((p.role for p in topic.participations.all() if p.municipality_id == municipality.pk), None)
        lead = None
        if topic.lead_municipality:
            lead = topic.lead_municipality.name
            if topic.lead_person:
                lead = f"{lead} ({topic.lead_person.name})"
        facts.append(
            TopicFacts(
                title=topic.title,
                spearheads=tuple(s.code for s in topic.spearheads.all()),
                status=topic.status,
                status_label=str(topic.get_status_display()),
                own_role=own,
                leads=topic.lead_municipality_id == municipality.pk,
                lead=lead,
                results=tuple(
                    ResultFacts(
                        description=r.description,
                        progress_percent=r.progress_percent,
                        current=_number(r.current_value),
                        target=_number(r.target_value),
                        unit=r.unit,
                        target_date=r.target_date,
                        **measurements.get(r.pk, {}),
                    )
                    for r in topic.results.all()
                ),
                created_on=topic.proposed_on or timezone.localdate(topic.created_at),
                status_changes=status_changes.get(topic.pk, ()),
            )
        )
    return tuple(facts)


def _status_changes(region: Region, start: datetime.date, end: datetime.date) -> dict[int, tuple[StatusChangeFacts, ...]]:
    """Per topic id, its status changes that took effect in the period (one query)."""
    labels = dict(TopicStatus.choices)
    changes: dict[int, list[StatusChangeFacts]] = defaultdict(list)
    for topic_id, from_status, to_status, changed_on in (
        TopicStatusChange.objects.filter(topic__region=region, changed_on__range=(start, end))
        .order_by("changed_on", "recorded_at")
        .values_list("topic_id", "from_status", "to_status", "changed_on")
    ):
        changes[topic_id].append(
            StatusChangeFacts(
                changed_on=changed_on,
                from_label=str(labels.get(from_status, from_status or "")),
                to_label=str(labels.get(to_status, to_status)),
            )
        )
    return {topic_id: tuple(items) for topic_id, items in changes.items()}


def _measurements(region: Region, start: datetime.date, end: datetime.date) -> dict[int, dict]:
    """Per result id whose measured value changed in the period: when last, and the progress before.

    One query over the history of the results that have a history record in the period.
    """
    touched = Result.history.filter(topic__region=region, history_date__date__range=(start, end)).values("id")
    records = Result.history.filter(id__in=touched, history_date__date__lte=end).order_by("id", "history_date", "history_id")
    by_result = defaultdict(list)
    for record in records:
        by_result[record.id].append(record)
    result = {}
    for result_id, history in by_result.items():
        before = measured_on = progress_before = None
        for record in history:
            on = timezone.localdate(record.history_date)
            changed = record.current_value != (before.current_value if before else None)
            if on >= start and changed:
                if measured_on is None:
                    progress_before = before.instance.progress_percent if before else None
                measured_on = on
            before = record
        if measured_on is not None:
            result[result_id] = {"measured_on": measured_on, "progress_before": progress_before}
    return result


def _agreements(region: Region, start: datetime.date, end: datetime.date) -> tuple[AgreementFacts, ...]:
    agreements = (
        Agreement.objects.filter(region=region, visibility=Visibility.PUBLIC, made_on__range=(start, end))
        .prefetch_related("participants", "decisions__municipality")
        .order_by("made_on", "title")
    )
    return tuple(
        AgreementFacts(
            title=a.title,
            made_on=a.made_on,
            text=a.text,
            participants=tuple(m.name for m in a.participants.all()),
            decisions=tuple(
                DecisionFacts(
                    municipality=d.municipality.name,
                    organ=d.organ,
                    outcome=d.outcome,
                    decided_on=d.decided_on,
                    kind=d.kind,
                )
                for d in a.decisions.all()
            ),
            needs_council=a.council_decision_needed,
            needs_all=a.consent_rule == ConsentRule.NEEDS_ALL,
        )
        for a in agreements
    )


def _commitments(region, municipality, start, end) -> list[tuple[CommitmentFacts, Commitment]]:
    """Open commitments to this council, and those fulfilled or withdrawn in the period."""
    rows = Commitment.objects.filter(
        Q(state=CommitmentState.OPEN) | Q(resolved_on__range=(start, end)),
        region=region,
        visibility=Visibility.PUBLIC,
        recipient_councils=municipality,
    ).order_by("due_date", "title")
    result = []
    for c in rows:
        result.append(
            (
                CommitmentFacts(
                    title=c.title,
                    promised_by=c.promised_by,
                    due_date=c.due_date,
                    due_label=c.due_label_nl,
                    state=c.state,
                    resolved_on=c.resolved_on,
                    evidence=c.evidence,
                ),
                c,
            )
        )
    return result


def _meetings_between(region: Region, first: datetime.date, last: datetime.date):
    """Public, not cancelled meetings whose first day falls in [first, last] (dated or windows)."""
    dated = Q(starts_at__date__range=(first, last))
    window = Q(starts_at__isnull=True, window_start__range=(first, last))
    return Meeting.objects.filter(dated | window, region=region, visibility=Visibility.PUBLIC, cancelled=False)


def _upcoming(region: Region, period_end: datetime.date) -> tuple[MeetingFacts, ...]:
    first = period_end + datetime.timedelta(days=1)
    last = _add_months(period_end, UPCOMING_MONTHS)
    # A window that began before the period ended but runs on past it is still to come.
    running = Q(starts_at__isnull=True, window_start__lt=first, window_end__gte=first)
    meetings = Meeting.objects.filter(
        (Q(starts_at__date__range=(first, last)) | Q(starts_at__isnull=True, window_start__range=(first, last)) | running),
        COUNCIL_RELEVANT,
        region=region,
        visibility=Visibility.PUBLIC,
        cancelled=False,
    )
    facts = [
        MeetingFacts(title=m.title, when=_when(m), first_day=m.first_day, place=m.place, dated=m.is_dated)
        for m in meetings
    ]
    return tuple(sorted(facts, key=lambda f: (f.first_day, f.when, f.title)))


def _per_month(region: Region, start: datetime.date, end: datetime.date) -> tuple[tuple[str, int], ...]:
    """Dated meetings per calendar month of the period (windows have no month yet)."""
    counts = Counter()
    for starts_at in _meetings_between(region, start, end).filter(starts_at__isnull=False).values_list(
        "starts_at", flat=True
    ):
        local = timezone.localdate(starts_at)
        counts[(local.year, local.month)] += 1
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((f"{MONTH_ABBREVIATIONS[month - 1]} {year}", counts[(year, month)]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _people(region: Region, municipality: Municipality, on: datetime.date) -> dict[str, str]:
    """Mayor and secretary of the municipality; a contact: its portfolio holder for the region or a coordinator."""
    current = (Q(start__isnull=True) | Q(start__lte=on)) & (Q(end__isnull=True) | Q(end__gte=on))
    roles = list(
        Role.objects.filter(current)
        .filter(
            Q(municipality=municipality)
            | Q(kind=RoleKind.REGIONAL_COORDINATOR, municipality__memberships__region=region)
        )
        .select_related("person")
        .order_by("pk")
    )

    def first(kind: str, own: bool = True):
        return next((r.person for r in roles if r.kind == kind and (not own or r.municipality_id == municipality.pk)), None)

    mayor, secretary = first(RoleKind.MAYOR), first(RoleKind.MUNICIPAL_SECRETARY)
    contact = (
        first(RoleKind.REGIONAL_PORTFOLIO_HOLDER)
        or first(RoleKind.REGIONAL_COORDINATOR)
        or first(RoleKind.REGIONAL_COORDINATOR, own=False)
    )
    return {
        "mayor": mayor.name if mayor else "",
        "secretary": secretary.name if secretary else "",
        "contact_name": contact.name if contact else "",
        "contact_email": contact.email if contact else "",
    }


def _changes(region, municipality, previous: Document | None, commitments: list[Commitment]) -> tuple[str, ...]:
    """What changed since the previous letter, as short Dutch sentences, oldest first.

    Status changes, new participations, leads appointed (from the topics' change history) and
    commitments to this council resolved since the previous letter's date.
    """
    if previous is None:
        return ()
    since = previous.created_at
    changes: list[tuple[datetime.date, str]] = []
    labels = dict(TopicStatus.choices)
    for change in (
        TopicStatusChange.objects.filter(
            topic__region=region, topic__visibility=Visibility.PUBLIC, recorded_at__gt=since
        )
        .select_related("topic")
        .order_by("changed_on", "recorded_at")
    ):
        before = f"van '{labels.get(change.from_status, change.from_status)}' " if change.from_status else ""
        changes.append(
            (
                change.changed_on,
                f"{change.topic.title} ging op {day(change.changed_on)} {before}naar '{labels[change.to_status]}'.",
            )
        )
    for record in (
        Participation.history.filter(
            history_date__gt=since, history_type__in=("+", "~"), topic__region=region, topic__visibility=Visibility.PUBLIC
        )
        .select_related("topic", "municipality")
        .order_by("history_date")
    ):
        verb = ROLE_TEXT.get(record.role, record.role)
        changes.append((timezone.localdate(record.history_date), f"{record.municipality.name} {verb} {record.topic.title}."))
    changes += _leads_appointed(region, since)
    for c in commitments:
        if c.resolved_on and c.resolved_on > previous.document_date:
            verb = "nagekomen" if c.state == CommitmentState.FULFILLED else "ingetrokken"
            changes.append((c.resolved_on, f"De toezegging '{c.title}' is op {day(c.resolved_on)} {verb}."))
    changes.sort(key=lambda item: item[0])
    return tuple(text for _when, text in changes)


def _leads_appointed(region: Region, since: datetime.datetime) -> list[tuple[datetime.date, str]]:
    """Public topics whose lead municipality changed since `since`, from their history in one query.

    A topic counts when it is public now: one made internal since is not named, whatever it was then.
    """
    changed_ids = Topic.history.filter(
        region=region,
        history_date__gt=since,
        id__in=Topic.objects.filter(region=region, visibility=Visibility.PUBLIC).values("id"),
    ).values("id")
    records = (
        Topic.history.filter(id__in=changed_ids)
        .select_related("lead_municipality")
        .order_by("id", "history_date", "history_id")
    )
    by_topic = defaultdict(list)
    for record in records:
        by_topic[record.id].append(record)
    result = []
    for history in by_topic.values():
        for before, after in zip([None, *history], history, strict=False):
            if after.history_date <= since or after.lead_municipality_id is None:
                continue
            if before is not None and before.lead_municipality_id == after.lead_municipality_id:
                continue
            if before is None and after.history_type != "+":
                continue
            result.append(
                (
                    timezone.localdate(after.history_date),
                    f"{after.lead_municipality.name} is trekker geworden van {after.title}.",
                )
            )
    return result


def _view_deadlines(municipality: Municipality, start: datetime.date, end: datetime.date) -> tuple[ViewDeadlineFacts, ...]:
    """The council's view deadlines from the start of the period to half a year after it."""
    return tuple(
        ViewDeadlineFacts(
            document=document.title, arrangement=document.arrangement.name, deadline=deadline,
            state=str(view.get_state_display()).lower() if view else "",
        )
        for document, deadline, view in view_deadlines(
            municipality=municipality, public_only=False, start=start, end=_add_months(end, 6)
        )
    )


def _when(meeting: Meeting) -> str:
    """'3 juli 2019, 16.00 uur' for a dated meeting; the window in words otherwise."""
    if meeting.starts_at is None:
        return describe_window(Window(meeting.window_start, meeting.window_end))
    local = timezone.localtime(meeting.starts_at)
    return f"{day(local.date())}, {local:%H.%M} uur"


def _add_months(value: datetime.date, months: int) -> datetime.date:
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    for last_day in (value.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(value.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _number(value) -> str | None:
    if value is None:
        return None
    return f"{value.normalize():f}".replace(".", ",")
