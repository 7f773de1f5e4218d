"""The timeline of a region: milestones, meetings, agreements and commitments as one ordered list.

Each source is read with one query (plus fixed prefetches), so the page costs the same number of
queries however many meetings the region has.

Order: by first day, then last day, then kind (milestone, meeting, agreement, commitment), then title.
A window (a meeting without a date, a milestone or commitment known only by its month or quarter)
sorts on its first day and is marked as a window.

Filters:

* spearhead: a meeting whose body or agenda covers it; an agreement or commitment whose topic, or
  whose meeting's body, covers it;
* municipality: the meetings that concern it (see `regio.meetings.selectors`); agreements it is asked
  to adopt; commitments its college made or its council received.

Milestones belong to the cooperation as a whole (they carry no spearhead or municipality), so they
stay in the list under every filter.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.access.policies import RegionAccess
from regio.commitments.models import Commitment, CommitmentState
from regio.core.models import Visibility
from regio.core.windows import window_label
from regio.extraction.dates import Window
from regio.meetings.models import Agreement, ConsentState, Meeting, consent_cells, consent_state
from regio.meetings.selectors import meetings_concerning, visible_meetings
from regio.regions.models import Municipality, Region
from regio.visions.models import Milestone


class EntryKind:
    MILESTONE = "milestone"
    MEETING = "meeting"
    AGREEMENT = "agreement"
    COMMITMENT = "commitment"

    ORDER = {MILESTONE: 0, MEETING: 1, AGREEMENT: 2, COMMITMENT: 3}


class EntryState:
    """Whether an entry lies behind us (done) or ahead (planned); the label says more."""

    DONE = "done"
    PLANNED = "planned"
    CANCELLED = "cancelled"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    first_day: datetime.date
    last_day: datetime.date
    when: str
    title: str
    state: str
    state_label: str
    url: str = ""
    place: str = ""
    detail: str = ""
    is_window: bool = False
    is_example: bool = False
    is_internal: bool = False

    @property
    def is_planned(self) -> bool:
        return self.state == EntryState.PLANNED

    @property
    def sort_key(self) -> tuple:
        return (self.first_day, self.last_day, EntryKind.ORDER[self.kind], self.title)


def timeline_entries(
    *,
    region: Region,
    access: RegionAccess,
    spearhead: str | None = None,
    municipality: Municipality | None = None,
    now: datetime.datetime | None = None,
) -> list[TimelineEntry]:
    """The visible entries of the region's timeline, filtered and in order."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    entries = [
        *_milestone_entries(region, today),
        *_meeting_entries(region, access, spearhead, municipality, now),
        *_agreement_entries(region, access, spearhead, municipality),
        *_commitment_entries(region, access, spearhead, municipality, today),
    ]
    entries.sort(key=lambda entry: entry.sort_key)
    return entries


def _milestone_entries(region: Region, today: datetime.date) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            kind=EntryKind.MILESTONE,
            first_day=m.start,
            last_day=m.end,
            when=m.when,
            title=m.title,
            state=EntryState.DONE if m.end < today else EntryState.PLANNED,
            state_label=_("milestone"),
            place=m.place,
            detail=m.description,
            is_window=m.start != m.end,
        )
        for m in Milestone.objects.filter(region=region).order_by("start", "end", "title")
    ]


def _meeting_entries(region, access, spearhead, municipality, now) -> list[TimelineEntry]:
    meetings = visible_meetings(region=region, access=access)
    if spearhead:
        meetings = meetings.filter(
            Q(body__spearheads__code=spearhead) | Q(agenda_items__topic__spearheads__code=spearhead)
        )
    if municipality is not None:
        meetings = meetings.filter(meetings_concerning(municipality=municipality))
    entries = []
    for meeting in meetings.distinct().select_related("body", "region"):
        if meeting.cancelled:
            state, label = EntryState.CANCELLED, _("cancelled")
        elif meeting.is_held(now):
            state, label = EntryState.DONE, _("held")
        else:
            state, label = EntryState.PLANNED, _("planned")
        entries.append(
            TimelineEntry(
                kind=EntryKind.MEETING,
                first_day=meeting.first_day,
                last_day=meeting.last_day,
                when=meeting.when,
                title=meeting.title,
                state=state,
                state_label=label,
                url=meeting.get_absolute_url(),
                place=meeting.place,
                detail=meeting.body.name if meeting.body else _("ad hoc meeting"),
                is_window=not meeting.is_dated,
                is_example=meeting.is_example,
                is_internal=meeting.visibility == Visibility.INTERNAL,
            )
        )
    return entries


def _agreement_entries(region, access, spearhead, municipality) -> list[TimelineEntry]:
    agreements = Agreement.objects.filter(region=region)
    if not access.can_read_internal:
        agreements = agreements.filter(visibility=Visibility.PUBLIC)
    if spearhead:
        agreements = agreements.filter(
            Q(topic__spearheads__code=spearhead) | Q(meeting__body__spearheads__code=spearhead)
        )
    if municipality is not None:
        agreements = agreements.filter(participants=municipality)
    entries = []
    for agreement in agreements.distinct().select_related("region").prefetch_related("participants", "decisions"):
        state = consent_state(consent_cells(agreement))
        entries.append(
            TimelineEntry(
                kind=EntryKind.AGREEMENT,
                first_day=agreement.made_on,
                last_day=agreement.made_on,
                when=_day(agreement.made_on),
                title=agreement.title,
                state=EntryState.DONE if state == ConsentState.ADOPTED else EntryState.PLANNED,
                state_label=str(ConsentState(state).label),
                url=_url(agreement),
                is_example=agreement.is_example,
                is_internal=agreement.visibility == Visibility.INTERNAL,
            )
        )
    return entries


def _commitment_entries(region, access, spearhead, municipality, today) -> list[TimelineEntry]:
    commitments = Commitment.objects.filter(region=region)
    if not access.can_read_internal:
        commitments = commitments.filter(visibility=Visibility.PUBLIC)
    if spearhead:
        commitments = commitments.filter(
            Q(topic__spearheads__code=spearhead) | Q(meeting__body__spearheads__code=spearhead)
        )
    if municipality is not None:
        commitments = commitments.filter(
            Q(promised_by_municipalities=municipality) | Q(recipient_councils=municipality)
        )
    entries = []
    for commitment in commitments.distinct().select_related("region"):
        common = {
            "kind": EntryKind.COMMITMENT,
            "url": _url(commitment),
            "is_internal": commitment.visibility == Visibility.INTERNAL,
        }
        if commitment.is_overdue(today):
            state, label = EntryState.OVERDUE, _("overdue")
        elif commitment.state == CommitmentState.OPEN:
            state, label = EntryState.PLANNED, _("due")
        else:
            state, label = EntryState.DONE, str(CommitmentState(commitment.state).label)
        window = commitment.due_window
        entries.append(
            TimelineEntry(
                first_day=window.start,
                last_day=window.end,
                when=commitment.due_label,
                title=commitment.title,
                state=state,
                state_label=label,
                detail=_("promised by %(who)s") % {"who": commitment.promised_by},
                is_window=window.start != window.end,
                **common,
            )
        )
        if commitment.state == CommitmentState.FULFILLED and commitment.resolved_on:
            entries.append(
                TimelineEntry(
                    first_day=commitment.resolved_on,
                    last_day=commitment.resolved_on,
                    when=_day(commitment.resolved_on),
                    title=commitment.title,
                    state=EntryState.DONE,
                    state_label=_("fulfilled"),
                    detail=commitment.evidence,
                    **common,
                )
            )
    return entries


def _day(day: datetime.date) -> str:
    return window_label(Window(day, day))


def _url(item) -> str:
    # The agreement and commitment pages live in their own URL modules; until one is installed the
    # entry is listed without a link rather than breaking the whole timeline.
    try:
        return item.get_absolute_url()
    except NoReverseMatch:
        return ""
