"""Pages of bodies, meetings and the timeline, and their iCalendar feeds.

Reads go through the meetings and timeline selectors, writes through the meetings services; the
coordinator's forms are shown only to whom the access policy lets manage the region.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regio.core.pagination import paginate
from regio.meetings import selectors as meeting_selectors
from regio.meetings import services as meeting_services
from regio.meetings.models import Body, Meeting, consent_cells, consent_state
from regio.regions.models import Municipality, Organisation, Person, Region
from regio.regions.selectors import member_get, region_members
from regio.timeline.selectors import timeline_entries
from regio.topics.models import Topic
from regio.visions.selectors import region_spearheads
from regio.web import ical
from regio.web.meeting_forms import (
    AgendaItemForm,
    AttendanceForm,
    BodyForm,
    BodyMemberForm,
    MeetingFilterForm,
    MeetingForm,
    TimelineFilterForm,
)
from regio.web.views import _apply, region_page


def _require_manager(request) -> None:
    if not request.access.manages_region:
        raise PermissionDenied(_("Only the regional coordinator manages bodies and meetings."))


def _body_or_404(request, region, slug) -> Body:
    try:
        return meeting_selectors.body_detail(region=region, slug=slug, access=request.access)
    except Body.DoesNotExist:
        raise Http404(_("This body does not exist or is not public.")) from None


def _meeting_or_404(request, region, pk) -> Meeting:
    try:
        return meeting_selectors.meeting_detail(region=region, pk=pk, access=request.access)
    except Meeting.DoesNotExist:
        raise Http404(_("This meeting does not exist or is not public.")) from None


def _by_key(objects, value, key=lambda o: str(o.pk)):
    return next((o for o in objects if key(o) == value), None) if value else None


def _region_topics(region: Region) -> list[Topic]:
    return list(Topic.objects.filter(region=region).order_by("title"))


# --- bodies ---------------------------------------------------------------------------------


@region_page
def body_list(request: HttpRequest, region: Region) -> HttpResponse:
    pager = paginate(request, meeting_selectors.body_list(region=region, access=request.access))
    return render(
        request,
        "web/meetings/body_list.html",
        {"region": region, "bodies": pager.items, "pager": pager, "can_manage": request.access.manages_region},
    )


@region_page
def body_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    body = _body_or_404(request, region, slug)
    meetings = list(meeting_selectors.meeting_list(region=region, access=request.access, body=body))
    return render(
        request,
        "web/meetings/body_detail.html",
        {
            "region": region,
            "body": body,
            "meetings": meetings,
            "now": timezone.now(),
            "can_manage": request.access.manages_region,
        },
    )


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, region: Region, slug: str | None = None) -> HttpResponse:
    _require_manager(request)
    body = _body_or_404(request, region, slug) if slug else None
    persons = meeting_selectors.region_persons(region=region)
    spearheads = list(region_spearheads(region=region))
    topics = _region_topics(region)
    initial = {}
    if body is not None:
        initial = {
            "name": body.name,
            "kind": body.kind,
            "description": body.description,
            "meetings_per_year": body.meetings_per_year,
            "usual_duration_hours": body.usual_duration_hours,
            "chair": str(body.chair_id or ""),
            "secretary": str(body.secretary_id or ""),
            "spearheads": [s.code for s in body.spearheads.all()],
            "topics": [t.slug for t in body.topics.all()],
            "may_decide": "1" if body.may_decide else "0",
            "mandate": body.mandate,
            "visibility": body.visibility,
            "version": body.version,
        }
    form = BodyForm(request.POST or None, initial=initial, persons=persons, spearheads=spearheads, topics=topics,
                    with_version=body is not None)
    if request.method == "POST" and form.is_valid():
        data, result = form.cleaned_data, {}

        def save():
            result["body"] = meeting_services.body_save(
                actor=request.user,
                region=region,
                body=body,
                name=data["name"],
                slug=None if body else slugify(data["name"])[:200],
                kind=data["kind"],
                description=data["description"],
                meetings_per_year=data["meetings_per_year"],
                usual_duration_hours=data["usual_duration_hours"],
                may_decide=data["may_decide"],
                mandate=data["mandate"],
                chair=_by_key(persons, data["chair"]),
                secretary=_by_key(persons, data["secretary"]),
                spearheads=[s for s in spearheads if s.code in data["spearheads"]],
                topics=[t for t in topics if t.slug in data["topics"]],
                is_example=body.is_example if body else False,
                visibility=data["visibility"],
                expected_version=data.get("version"),
            )

        if _apply(form, save, edited=body):
            messages.success(request, _("The body has been saved."))
            return redirect(result["body"])
    return render(request, "web/meetings/body_form.html", {"region": region, "form": form, "body": body})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def body_member_add(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    _require_manager(request)
    body = _body_or_404(request, region, slug)
    persons = meeting_selectors.region_persons(region=region)
    municipalities = region_members(region=region)
    organisations = list(Organisation.objects.order_by("name"))
    form = BodyMemberForm(
        request.POST or None, persons=persons, municipalities=municipalities, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: meeting_services.body_member_add(
                actor=request.user,
                body=body,
                person=_by_key(persons, data["person"]),
                municipality=_by_key(municipalities, data["municipality"], key=lambda m: m.slug),
                organisation=_by_key(organisations, data["organisation"]),
            ),
        ):
            messages.success(request, _("The member has been added."))
            return redirect(body)
    return render(request, "web/meetings/member_form.html", {"region": region, "form": form, "body": body})


# --- meetings -------------------------------------------------------------------------------


@region_page
def meeting_list(request: HttpRequest, region: Region) -> HttpResponse:
    bodies = list(meeting_selectors.body_list(region=region, access=request.access))
    form = MeetingFilterForm(request.GET or None, bodies=bodies)
    filters = form.cleaned_data if form.is_valid() else {}
    body = _by_key(bodies, filters.get("body"), key=lambda b: b.slug)
    meetings = meeting_selectors.meeting_list(region=region, access=request.access, body=body)
    now = timezone.now()
    upcoming, to_record, past = meeting_selectors.meeting_phase_querysets(meetings, now=now)
    upcoming_pager = paginate(request, upcoming, param="komend")
    # Newest first: who looks back wants the latest meeting on top.
    held_pager = paginate(request, past)
    return render(
        request,
        "web/meetings/meeting_list.html",
        {
            "region": region,
            "form": form,
            "upcoming": upcoming_pager.items,
            "upcoming_pager": upcoming_pager,
            "to_record": list(to_record[: meeting_selectors.TO_RECORD_SHOWN]),
            "held": held_pager.items,
            "held_pager": held_pager,
            "now": now,
            "can_manage": request.access.manages_region,
        },
    )


@region_page
def meeting_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(request, region, pk)
    agreements = [(a, consent_state(consent_cells(a))) for a in meeting.agreements.all()]
    can_manage = request.access.manages_region
    context = {
        "region": region,
        "meeting": meeting,
        "agreements": agreements,
        "is_held": meeting.is_held(),
        "can_manage": can_manage,
    }
    if can_manage:
        context["agenda_form"] = AgendaItemForm(topics=_region_topics(region), auto_id="agenda_%s")
        context["attendance_form"] = AttendanceForm(
            persons=meeting_selectors.region_persons(region=region), auto_id="attendance_%s"
        )
    return render(request, "web/meetings/meeting_detail.html", context)


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, region: Region, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    meeting = _meeting_or_404(request, region, pk) if pk else None
    bodies = list(meeting_selectors.body_list(region=region, access=request.access))
    persons = meeting_selectors.region_persons(region=region)
    initial = {"body": request.GET.get("gremium", "")}
    if meeting is not None:
        initial = {
            "title": meeting.title,
            "body": meeting.body.slug if meeting.body else "",
            "starts_at": timezone.localtime(meeting.starts_at) if meeting.starts_at else None,
            "ends_at": timezone.localtime(meeting.ends_at) if meeting.ends_at else None,
            "window_start": meeting.window_start,
            "window_end": meeting.window_end,
            "place": meeting.place,
            "invitees": [str(p.pk) for p in meeting.invitees.all()],
            "minutes": meeting.minutes,
            "cancelled": "1" if meeting.cancelled else "0",
            "visibility": meeting.visibility,
            "version": meeting.version,
        }
    form = MeetingForm(request.POST or None, initial=initial, bodies=bodies, persons=persons,
                       with_version=meeting is not None)
    if request.method == "POST" and form.is_valid():
        data, result = form.cleaned_data, {}

        def save():
            result["meeting"] = meeting_services.meeting_save(
                actor=request.user,
                region=region,
                meeting=meeting,
                title=data["title"],
                body=_by_key(bodies, data["body"], key=lambda b: b.slug),
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                window_start=data["window_start"],
                window_end=data["window_end"],
                place=data["place"],
                minutes=data["minutes"],
                cancelled=data["cancelled"],
                invitees=[p for p in persons if str(p.pk) in data["invitees"]],
                is_example=meeting.is_example if meeting else False,
                visibility=data["visibility"],
                expected_version=data.get("version"),
            )

        if _apply(form, save, edited=meeting):
            messages.success(request, _("The meeting has been saved."))
            return redirect(result["meeting"])
    return render(request, "web/meetings/meeting_form.html", {"region": region, "form": form, "meeting": meeting})


@login_required
@region_page
@require_http_methods(["POST"])
def agenda_item_add(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    _require_manager(request)
    meeting = _meeting_or_404(request, region, pk)
    topics = _region_topics(region)
    form = AgendaItemForm(request.POST, topics=topics, auto_id="agenda_%s")
    if form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: meeting_services.agenda_item_add(
                actor=request.user,
                meeting=meeting,
                title=data["title"],
                topic=_by_key(topics, data["topic"], key=lambda t: t.slug),
                notes=data["notes"],
            ),
        ):
            messages.success(request, _("The agenda item has been added."))
            return redirect(meeting)
    return _meeting_form_failed(request, region, meeting, agenda_form=form)


@login_required
@region_page
@require_http_methods(["POST"])
def attendance_record(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    _require_manager(request)
    meeting = _meeting_or_404(request, region, pk)
    persons = meeting_selectors.region_persons(region=region)
    form = AttendanceForm(request.POST, persons=persons, auto_id="attendance_%s")
    if form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: meeting_services.attendance_record(
                actor=request.user, meeting=meeting, person=_by_key(persons, data["person"]), present=data["present"]
            ),
        ):
            messages.success(request, _("The attendance has been recorded."))
            return redirect(meeting)
    return _meeting_form_failed(request, region, meeting, attendance_form=form)


def _meeting_form_failed(request, region, meeting, **forms) -> HttpResponse:
    """The meeting page again, with the failed form and its errors, answered as 400 Bad Request."""
    context = {
        "region": region,
        "meeting": meeting,
        "agreements": [(a, consent_state(consent_cells(a))) for a in meeting.agreements.all()],
        "is_held": meeting.is_held(),
        "can_manage": True,
        "agenda_form": AgendaItemForm(topics=_region_topics(region), auto_id="agenda_%s"),
        "attendance_form": AttendanceForm(
            persons=meeting_selectors.region_persons(region=region), auto_id="attendance_%s"
        ),
        **forms,
    }
    return render(request, "web/meetings/meeting_detail.html", context, status=400)


# --- timeline -------------------------------------------------------------------------------


@region_page
def timeline(request: HttpRequest, region: Region) -> HttpResponse:
    members = region_members(region=region)
    spearheads = list(region_spearheads(region=region))
    form = TimelineFilterForm(request.GET or None, spearheads=spearheads, municipalities=members)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = timeline_entries(
        region=region,
        access=request.access,
        spearhead=filters.get("spearhead") or None,
        municipality=_by_key(members, filters.get("municipality"), key=lambda m: m.slug),
    )
    # The page bounds what is sent; the entries are still merged in Python (see timeline.selectors).
    pager = paginate(request, entries)
    return render(request, "web/timeline.html", {"region": region, "form": form, "entries": pager.items, "pager": pager})


# --- iCalendar feeds ------------------------------------------------------------------------


def _feed(request, region: Region, *, name: str, meetings) -> HttpResponse:
    content = ical.meetings_calendar(
        name=name,
        meetings=meetings,
        absolute_url=request.build_absolute_uri,
        uid_domain=f"{region.slug}.regio",
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


@region_page
def body_ical(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    body = _body_or_404(request, region, slug)
    meetings = meeting_selectors.meeting_list(region=region, access=request.access, body=body)
    return _feed(request, region, name=f"{body.name} — {region.name}", meetings=meetings)


@region_page
def municipality_ical(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    try:
        municipality = member_get(region=region, slug=slug)
    except Municipality.DoesNotExist:
        raise Http404(_("This municipality is not a member of the region.")) from None
    meetings = meeting_selectors.meeting_list(region=region, access=request.access, municipality=municipality)
    return _feed(request, region, name=f"{municipality.name} — {region.name}", meetings=meetings)


@region_page
def person_ical(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    person = Person.objects.filter(pk=pk).first()
    if person is None:
        raise Http404(_("There is no such person."))
    meetings = meeting_selectors.meeting_list(region=region, access=request.access, person=person)
    return _feed(request, region, name=f"{person.name} — {region.name}", meetings=meetings)
