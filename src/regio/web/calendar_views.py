"""The month calendar of meetings and windows (signed-in; the public site has its own page on the same selectors)."""

from __future__ import annotations

import datetime
import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.meetings import selectors as meeting_selectors
from regio.regions.models import Region
from regio.web.views import region_page

MONTH = re.compile(r"(\d{4})-(\d{2})")


def requested_month(value: str | None) -> tuple[datetime.date, str | None]:
    """The first day of the month asked for as ``2026-12`` (else this month) and, for a bad value, why."""
    this_month = timezone.localdate().replace(day=1)
    if not value:
        return this_month, None
    match = MONTH.fullmatch(value.strip())
    if match and 1 <= int(match.group(2)) <= 12 and 1900 <= int(match.group(1)) <= 2200:
        return datetime.date(int(match.group(1)), int(match.group(2)), 1), None
    return this_month, _("“%(value)s” is not a month such as 2026-12; this month is shown.") % {"value": value[:20]}


def calendar_context(request: HttpRequest, region: Region) -> dict:
    first, problem = requested_month(request.GET.get("maand"))
    meetings = meeting_selectors.meetings_around_month(region=region, access=request.access, first=first)
    return {
        "region": region,
        "calendar": meeting_selectors.month_calendar(meetings, first=first),
        "problem": problem,
        "today": timezone.localdate(),
    }


@region_page
def meeting_calendar(request: HttpRequest, region: Region) -> HttpResponse:
    return render(request, "web/meetings/calendar.html", calendar_context(request, region))
