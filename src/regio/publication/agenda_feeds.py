"""A council's regional agenda as open data: an iCalendar feed (one all-day event per dated entry)
and a CSV table. Public items only, as every open-data address."""

from __future__ import annotations

import csv
import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from regio.arrangements.selectors import regional_agenda
from regio.regions.models import Municipality, Region

PRODID = "-//Regio//Regionale agenda//NL"


def _municipality(region: str, slug: str) -> tuple[Region, Municipality]:
    region_obj = get_object_or_404(Region, slug=region)
    municipality = Municipality.objects.filter(memberships__region=region_obj, slug=slug).first()
    if municipality is None:
        raise Http404(_("This municipality is not a member of the region."))
    return region_obj, municipality


def agenda_calendar(*, municipality: Municipality, entries, uid_domain: str, now: datetime.datetime | None = None) -> bytes:
    stamp = (now or timezone.now()).astimezone(datetime.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Regional agenda of %(name)s") % {"name": municipality.name})
    for entry in entries:
        if not entry.dated:
            continue  # an open decision has no date to put in a calendar
        event = Event()
        event.add("uid", f"{entry.uid}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + datetime.timedelta(days=1))
        event.add("summary", entry.title)
        event.add("categories", [entry.kind])
        if entry.detail:
            event.add("description", entry.detail)
        calendar.add_component(event)
    return calendar.to_ical()


def regional_agenda_ics(request, region: str, slug: str) -> HttpResponse:
    _region, municipality = _municipality(region, slug)
    body = agenda_calendar(
        municipality=municipality, entries=regional_agenda(municipality=municipality, public_only=True),
        uid_domain=request.get_host().split(":")[0],
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def regional_agenda_csv(request, region: str, slug: str) -> HttpResponse:
    _region, municipality = _municipality(region, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="regionale-agenda-{municipality.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["datum", "gedateerd", "soort", "titel", "regio", "toelichting", "uid"])
    for entry in regional_agenda(municipality=municipality, public_only=True):
        writer.writerow([entry.day.isoformat(), "ja" if entry.dated else "nee", entry.kind, entry.title,
                         entry.region.slug, entry.detail, entry.uid])
    return response
