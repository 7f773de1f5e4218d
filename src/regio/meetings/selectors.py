"""Reads of bodies and meetings, each with its related rows fetched up front so pages do not query per row.

Visibility: a visitor without access to internal items sees public bodies, and public meetings of
public bodies (or ad hoc public meetings); nothing else of an internal body leaks through a meeting.

Which meetings concern a municipality (its calendar feed and the timeline filter):

* meetings of a body in which someone represents the municipality;
* ad hoc meetings (without a body) that someone from the municipality (a person with a role there)
  is invited to or attended;
* ad hoc meetings with an agenda item on a topic the municipality leads or takes part in
  (as initiator or participant; "follows" and "does not take part" do not count).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, DecimalField, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.meetings.models import AgendaItem, Agreement, Attendance, Body, BodyMember, Meeting
from regio.regions.models import Municipality, Person, Region
from regio.topics.models import ParticipationRole

TAKING_PART = (ParticipationRole.INITIATOR, ParticipationRole.PARTICIPATES)


def _visible_bodies(queryset: QuerySet[Body], access: RegionAccess) -> QuerySet[Body]:
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def visible_meetings(*, region: Region, access: RegionAccess) -> QuerySet[Meeting]:
    """The region's meetings the visitor may see (no related rows fetched)."""
    meetings = Meeting.objects.filter(region=region)
    if access.can_read_internal:
        return meetings
    return meetings.filter(visibility=Visibility.PUBLIC).filter(
        Q(body__isnull=True) | Q(body__visibility=Visibility.PUBLIC)
    )


def body_list(*, region: Region, access: RegionAccess) -> QuerySet[Body]:
    """Bodies with `member_count` and `meeting_count` annotated and their spearheads prefetched."""
    return (
        _visible_bodies(Body.objects.filter(region=region), access)
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
            hours_per_year=ExpressionWrapper(
                F("meetings_per_year") * F("usual_duration_hours"), output_field=DecimalField(max_digits=8, decimal_places=1)
            ),
        )
        .prefetch_related("spearheads")
        .order_by("name")
    )


def body_detail(*, region: Region, slug: str, access: RegionAccess) -> Body:
    """The body with its members, spearheads and topics; raises Body.DoesNotExist when absent or not visible."""
    return (
        _visible_bodies(Body.objects.filter(region=region), access)
        .select_related("region", "chair", "secretary")
        .prefetch_related(
            "spearheads",
            "topics",
            Prefetch(
                "members",
                queryset=BodyMember.objects.select_related("person", "municipality", "organisation").order_by(
                    "person__name"
                ),
            ),
        )
        .get(slug=slug)
    )


def meeting_list(
    *,
    region: Region,
    access: RegionAccess,
    body: Body | None = None,
    municipality: Municipality | None = None,
    person: Person | None = None,
) -> QuerySet[Meeting]:
    """Meetings in date order (a window sorts on its first day), with their body fetched."""
    meetings = visible_meetings(region=region, access=access)
    if body is not None:
        meetings = meetings.filter(body=body)
    if municipality is not None:
        meetings = meetings.filter(meetings_concerning(municipality=municipality))
    if person is not None:
        meetings = meetings.filter(
            Q(body__members__person=person) | Q(invitees=person) | Q(attendances__person=person)
        ).distinct()
    return (
        meetings.select_related("body", "region")
        .annotate(first_day_sort=Coalesce(TruncDate("starts_at"), F("window_start")))
        .order_by("first_day_sort", "starts_at", "title", "pk")
    )


def held_q(now) -> Q:
    """Meetings held by `now` (the database side of Meeting.is_held)."""
    return Q(starts_at__isnull=False, starts_at__lte=now, cancelled=False)


def _concerning_municipality(municipality: Municipality) -> QuerySet[Meeting]:
    ad_hoc = Q(body__isnull=True) & (
        Q(invitees__roles__municipality=municipality)
        | Q(attendances__person__roles__municipality=municipality)
        | Q(agenda_items__topic__lead_municipality=municipality)
        | Q(
            agenda_items__topic__participations__municipality=municipality,
            agenda_items__topic__participations__role__in=TAKING_PART,
        )
    )
    return Meeting.objects.filter(Q(body__members__municipality=municipality) | ad_hoc)


def meetings_concerning(*, municipality: Municipality) -> Q:
    """A filter on Meeting for the meetings that concern `municipality` (see the module docstring)."""
    return Q(pk__in=_concerning_municipality(municipality).values("pk"))


def meeting_detail(*, region: Region, pk: int, access: RegionAccess) -> Meeting:
    """The meeting with its agenda, attendance and agreements; raises Meeting.DoesNotExist when not visible."""
    agreements = Agreement.objects.prefetch_related("participants", "decisions").order_by("made_on", "title")
    if not access.can_read_internal:
        agreements = agreements.filter(visibility=Visibility.PUBLIC)
    return (
        visible_meetings(region=region, access=access)
        .select_related("region", "body")
        .prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("topic").order_by("order")),
            Prefetch("attendances", queryset=Attendance.objects.select_related("person").order_by("person__name")),
            Prefetch("agreements", queryset=agreements),
            "invitees",
        )
        .get(pk=pk)
    )


def region_persons(*, region: Region) -> list[Person]:
    """Everyone who holds a role in a member municipality or sits in one of the region's bodies."""
    return list(
        Person.objects.filter(
            Q(roles__municipality__memberships__region=region) | Q(body_memberships__body__region=region)
        )
        .distinct()
        .order_by("name")
    )


@dataclass(frozen=True)
class MeetingPhases:
    """Meetings split by where they stand on a given moment."""

    upcoming: list[Meeting]  # from today on, in date order; a cancelled one stays until its day has passed
    to_record: list[Meeting]  # "nog vast te leggen": the window has passed and no date was recorded
    past: list[Meeting]  # held or cancelled, latest first


def meeting_phases(meetings: Iterable[Meeting], *, now: datetime.datetime) -> MeetingPhases:
    """Split date-ordered `meetings` into upcoming, still to record and past (no queries).

    A dated meeting is upcoming until it starts. A meeting known only by a window is upcoming until
    the window's last day has passed; then nobody has recorded whether it was held, so it is still
    to be recorded rather than past. Whatever was cancelled is past once its last day has passed.
    """
    today = timezone.localdate(now)
    upcoming, to_record, past = [], [], []
    for meeting in meetings:
        if meeting.cancelled:
            (upcoming if meeting.last_day >= today else past).append(meeting)
        elif meeting.starts_at is not None:
            (upcoming if meeting.starts_at > now else past).append(meeting)
        elif meeting.window_end >= today:
            upcoming.append(meeting)
        else:
            to_record.append(meeting)
    past.sort(key=lambda m: (m.last_day, m.starts_at or now), reverse=True)
    return MeetingPhases(upcoming=upcoming, to_record=to_record, past=past)


# The list of windows still to record shows at most this many (the oldest first); the rest wait their turn.
TO_RECORD_SHOWN = 50


def meeting_phase_querysets(
    meetings: QuerySet[Meeting], *, now: datetime.datetime
) -> tuple[QuerySet[Meeting], QuerySet[Meeting], QuerySet[Meeting]]:
    """The database side of `meeting_phases`: (upcoming, to record, past) as querysets, so long lists can
    be paged; the same rules, past latest first."""
    today = timezone.localdate(now)
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    dated, window = Q(starts_at__isnull=False), Q(starts_at__isnull=True)
    upcoming = (
        (Q(cancelled=False) & dated & Q(starts_at__gt=now))
        | (Q(cancelled=True) & dated & Q(phase_last_moment__gte=start_of_today))
        | (window & Q(window_end__gte=today))
    )
    to_record = Q(cancelled=False) & window & Q(window_end__lt=today)
    annotated = meetings.annotate(
        phase_last_moment=Coalesce("ends_at", "starts_at"),
        phase_last_day=Coalesce(TruncDate(Coalesce("ends_at", "starts_at")), F("window_end")),
    )
    past = annotated.exclude(upcoming).exclude(to_record).order_by("-phase_last_day", "-starts_at", "-title", "-pk")
    return annotated.filter(upcoming), annotated.filter(to_record), past


@dataclass(frozen=True)
class CalendarDay:
    day: datetime.date
    in_month: bool
    meetings: list[Meeting]


@dataclass(frozen=True)
class MonthCalendar:
    """One month, Monday to Sunday, with the dated meetings on their day and the windows overlapping it."""

    first: datetime.date
    weeks: list[list[CalendarDay]]
    windows: list[Meeting]  # known only by a period that overlaps the month

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=31)).replace(day=1)

    @property
    def busy_days(self) -> list[CalendarDay]:
        return [day for week in self.weeks for day in week if day.in_month and day.meetings]


def month_calendar(meetings: Iterable[Meeting], *, first: datetime.date) -> MonthCalendar:
    """Lay out `meetings` (any; those outside the month are left out) over the month starting at `first`."""
    first = first.replace(day=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)
    start = first - datetime.timedelta(days=first.weekday())
    end = following + datetime.timedelta(days=(7 - following.weekday()) % 7)
    on_day: dict[datetime.date, list[Meeting]] = {}
    windows = []
    for meeting in meetings:
        if meeting.starts_at is not None:
            day = timezone.localdate(meeting.starts_at)
            if start <= day < end:
                on_day.setdefault(day, []).append(meeting)
        elif meeting.window_start < following and meeting.window_end >= first:
            windows.append(meeting)
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days)]
    weeks = [
        [CalendarDay(day, day.month == first.month, sorted(on_day.get(day, []), key=lambda m: m.starts_at))
         for day in days[i:i + 7]]
        for i in range(0, len(days), 7)
    ]
    return MonthCalendar(first=first, weeks=weeks, windows=windows)


def meetings_around_month(*, region: Region, access: RegionAccess, first: datetime.date) -> QuerySet[Meeting]:
    """The visible meetings that can appear in the calendar of the month starting at `first`."""
    begin = first - datetime.timedelta(days=7)
    end = first + datetime.timedelta(days=45)
    return (
        visible_meetings(region=region, access=access)
        .filter(Q(starts_at__date__gte=begin, starts_at__date__lt=end) | Q(window_start__lt=end, window_end__gte=begin))
        .select_related("body", "region")
        .order_by("starts_at", "window_start", "title")
    )


def body_by_former_slug(*, region_slug: str, slug: str, access: RegionAccess | None = None) -> Body | None:
    """The body that once had address `slug` in the region and has another one now (from its
    history), when the reader may see it; None otherwise. `access` None means the public view."""
    current = Body.objects.filter(region__slug=region_slug)
    if current.filter(slug=slug).exists():
        return None
    former = (
        Body.history.filter(region__slug=region_slug, slug=slug).order_by("-history_date").values_list("id", flat=True)
    )
    body = current.filter(pk__in=former[:1]).first()
    if body is None or not (access.can_view(body) if access else body.visibility == Visibility.PUBLIC):
        return None
    return body
