"""iCalendar (RFC 5545) feeds of meetings, built with the `icalendar` library.

One VEVENT per dated meeting: a meeting known only by a window is not an event until its date is
set. The UID is stable per meeting (its primary key and the site's host), so calendar programs
update an event instead of duplicating it; a cancelled meeting stays in the feed with
STATUS:CANCELLED so subscribers see it was called off.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from regio.meetings.models import Meeting

PRODID = "-//Regio//Vergaderingen//NL"
DEFAULT_HOURS = 2


def meetings_calendar(
    *,
    name: str,
    meetings: Iterable[Meeting],
    absolute_url: Callable[[str], str],
    uid_domain: str,
    now: datetime.datetime | None = None,
) -> bytes:
    """The feed as bytes; `absolute_url` turns a path into a full URL (e.g. request.build_absolute_uri)."""
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        if not meeting.is_dated:
            continue
        calendar.add_component(_event(meeting, zone=zone, stamp=stamp, absolute_url=absolute_url, uid_domain=uid_domain))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(meeting: Meeting, *, zone, stamp, absolute_url, uid_domain) -> Event:
    start = meeting.starts_at.astimezone(zone)
    end = (meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=_hours(meeting))).astimezone(zone)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.body_id:
        event.add("description", meeting.body.name)
    event.add("url", absolute_url(meeting.get_absolute_url()))
    event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    return event


def _hours(meeting: Meeting) -> float:
    return meeting.duration_hours or DEFAULT_HOURS
