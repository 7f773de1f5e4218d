"""The Django side of the meeting-load analysis: turn the region's bodies, meetings and people into
the plain inputs of `meetings.analysis`, with a fixed number of queries."""

from __future__ import annotations

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.meetings.analysis import BodyInput, MeetingInput, PersonInput
from regio.meetings.models import Attendance, Body, BodyMember, Meeting
from regio.regions.models import Region


def analysis_inputs(
    *, region: Region, access: RegionAccess
) -> tuple[list[BodyInput], list[MeetingInput], list[PersonInput], dict[int, Body]]:
    bodies = Body.objects.filter(region=region).prefetch_related(
        Prefetch("members", queryset=BodyMember.objects.select_related("person", "municipality")),
        "spearheads",
        "topics",
    )
    meetings = (
        Meeting.objects.filter(region=region, starts_at__isnull=False, cancelled=False)
        .select_related("body")
        .prefetch_related(Prefetch("attendances", queryset=Attendance.objects.filter(present=True)))
    )
    if not access.can_read_internal:
        bodies = bodies.filter(visibility=Visibility.PUBLIC)
        meetings = meetings.filter(visibility=Visibility.PUBLIC)
    bodies = list(bodies.order_by("pk"))
    persons: dict[int, PersonInput] = {}
    body_inputs = []
    for body in bodies:
        members = body.members.all()
        for member in members:
            if member.person_id not in persons:
                persons[member.person_id] = PersonInput(
                    id=member.person_id,
                    name=member.person.name,
                    municipality_id=member.municipality_id,
                    municipality_name=member.municipality.name if member.municipality else None,
                )
        body_inputs.append(
            BodyInput(
                id=body.pk,
                name=body.name,
                kind=body.kind,
                members=frozenset(member.person_id for member in members),
                spearheads=frozenset(s.code for s in body.spearheads.all()),
                topics=frozenset(t.pk for t in body.topics.all()),
                may_decide=body.may_decide,
                administrative=body.is_administrative,
            )
        )
    visible_body_ids = {body.pk for body in bodies}
    meeting_inputs = []
    for meeting in meetings:
        if meeting.body_id is not None and meeting.body_id not in visible_body_ids:
            continue
        attendees = frozenset(a.person_id for a in meeting.attendances.all() if a.person_id in persons)
        hours = meeting.duration_hours
        meeting_inputs.append(
            MeetingInput(
                id=meeting.pk,
                body_id=meeting.body_id,
                start=timezone.localtime(meeting.starts_at).replace(tzinfo=None),
                hours=float(hours) if hours else 0.0,
                attendees=attendees,
            )
        )
    return body_inputs, meeting_inputs, list(persons.values()), {body.pk: body for body in bodies}


def default_period(meetings: list[MeetingInput], today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar year with the most meetings (the example data is a year), else the past twelve months."""
    if meetings:
        years: dict[int, int] = {}
        for meeting in meetings:
            years[meeting.start.year] = years.get(meeting.start.year, 0) + 1
        year = max(years, key=lambda y: (years[y], y))
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return today - datetime.timedelta(days=365), today
