"""The public site: what residents, journalists and council members see without signing in.

Every page reads with the anonymous visitor's access (`selectors.public_access`), also for a
signed-in user, so the public site shows public items only and looks the same to everyone.
Views are thin: they resolve the region, read through selectors and render.
"""

from __future__ import annotations

import datetime
from functools import wraps

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from regio.arrangements import selectors as arrangement_selectors
from regio.arrangements.models import Arrangement
from regio.access.throttling import rate_limited
from regio.commitments import selectors as commitment_selectors
from regio.commitments.models import Commitment, CommitmentState
from regio.core.pagination import paginate
from regio.documents.models import Document, DocumentKind
from regio.meetings import agreement_selectors
from regio.meetings import selectors as meeting_selectors
from regio.meetings.models import Agreement, Body, Meeting
from regio.publication import selectors
from regio.regions.models import Region
from regio.regions.selectors import region_get, region_list, region_members
from regio.timeline.selectors import timeline_entries
from regio.topics import selectors as topic_selectors
from regio.topics.models import Topic, TopicStatus
from regio.visions.selectors import region_milestones, region_spearheads, region_vision

NEWS_PAGE_SIZE = 25
DOCUMENTS_PAGE_SIZE = 25
# The date of the accessibility statement: when it was last reviewed against the tests it describes.
STATEMENT_DATE = datetime.date(2026, 11, 22)


def public_page(view):
    """Resolve the region; give the view the anonymous access and the region's theme."""

    @wraps(view)
    def wrapper(request: HttpRequest, region: str, *args, **kwargs):
        try:
            region_obj = region_get(slug=region)
        except Region.DoesNotExist:
            raise Http404(_("There is no region with this address.")) from None
        request.region = region_obj
        request.access = selectors.public_access(region_obj)
        return view(request, region_obj, *args, **kwargs)

    return require_safe(wrapper)


def _render(request: HttpRequest, template: str, region: Region | None, context: dict) -> HttpResponse:
    theme = selectors.region_theme(region) if region else None
    return render(request, f"publication/{template}", {"region": region, "theme": theme, **context})


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("pagina", "1")))
    except ValueError:
        return 1


@public_page
def theme_css(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's colours as CSS custom properties: a stylesheet, so no page needs an inline style."""
    response = render(request, "publication/theme.css", {"theme": selectors.region_theme(region)},
                      content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"  # the link carries the colour, so a change is a new URL
    return response


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    if len(regions) == 1:
        return redirect("publication:region-home", region=regions[0].slug)
    return _render(request, "index.html", None, {"regions": regions})


@public_page
def region_home(request: HttpRequest, region: Region) -> HttpResponse:
    vision = region_vision(region=region)
    spearheads = list(vision.spearheads.all()) if vision else []
    counts = topic_selectors.spearhead_topic_counts(region=region, access=request.access)
    news, _more = selectors.news_items(region=region, limit=5)
    return _render(
        request,
        "region_home.html",
        region,
        {
            "vision": vision,
            "spearhead_rows": [(s, counts.get(s.pk, 0)) for s in spearheads],
            "recent_topics": topic_selectors.topics_recently_changed(region=region, access=request.access),
            "members": region_members(region=region),
            "milestones": list(region_milestones(region=region)),
            "news": news,
        },
    )


@public_page
def topic_list(request: HttpRequest, region: Region) -> HttpResponse:
    members = region_members(region=region)
    spearheads = list(region_spearheads(region=region))
    # Unknown filter values are ignored: the list is then simply not filtered on them.
    spearhead = request.GET.get("speerpunt", "")
    spearhead = spearhead if spearhead in {s.code for s in spearheads} else ""
    status = request.GET.get("status", "")
    status = status if status in TopicStatus.values else ""
    municipality = next((m for m in members if m.slug == request.GET.get("gemeente")), None)
    query = request.GET.get("q", "").strip()[:200]
    topics = topic_selectors.topic_list(
        region=region,
        access=request.access,
        spearhead=spearhead or None,
        municipality=municipality,
        status=status or None,
        search=query or None,
    )
    return _render(
        request,
        "topic_list.html",
        region,
        {
            "topics": (pager := paginate(request, topics)).items,
            "pager": pager,
            "spearheads": spearheads,
            "members": members,
            "statuses": TopicStatus.choices,
            "chosen": {"speerpunt": spearhead, "status": status, "gemeente": municipality.slug if municipality else "", "q": query},
        },
    )


@public_page
def topic_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    try:
        topic = topic_selectors.topic_detail(region=region, slug=slug, access=request.access)
    except Topic.DoesNotExist:
        raise Http404(_("This topic does not exist or is not public.")) from None
    members = region_members(region=region)
    return _render(
        request,
        "topic_detail.html",
        region,
        {
            "topic": topic,
            "matrix": topic_selectors.participation_matrix(topic=topic, members=members),
            "related": selectors.topic_related(topic=topic),
        },
    )


@public_page
def body_list(request: HttpRequest, region: Region) -> HttpResponse:
    pager = paginate(request, meeting_selectors.body_list(region=region, access=request.access))
    return _render(request, "body_list.html", region, {"bodies": pager.items, "pager": pager})


@public_page
def body_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    try:
        body = meeting_selectors.body_detail(region=region, slug=slug, access=request.access)
    except Body.DoesNotExist:
        raise Http404(_("This body does not exist or is not public.")) from None
    meetings = list(meeting_selectors.meeting_list(region=region, access=request.access, body=body))
    return _render(
        request,
        "body_detail.html",
        region,
        {"body": body, "topics": selectors.public_only(body.topics.all()), "meetings": meetings},
    )


@public_page
def meeting_list(request: HttpRequest, region: Region) -> HttpResponse:
    now = timezone.now()
    meetings = meeting_selectors.meeting_list(region=region, access=request.access)
    upcoming, to_record, past = meeting_selectors.meeting_phase_querysets(meetings, now=now)
    planned = paginate(request, upcoming.filter(cancelled=False), param="gepland")
    held = paginate(request, past.filter(cancelled=False))
    cancelled = paginate(request, meetings.filter(cancelled=True), param="afgelast")
    return _render(
        request,
        "meeting_list.html",
        region,
        {
            "held": held.items, "held_pager": held,
            "planned": planned.items, "planned_pager": planned,
            "to_record": list(to_record[: meeting_selectors.TO_RECORD_SHOWN]),
            "cancelled": cancelled.items, "cancelled_pager": cancelled,
        },
    )


@public_page
def meeting_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    try:
        meeting = meeting_selectors.meeting_detail(region=region, pk=pk, access=request.access)
    except Meeting.DoesNotExist:
        raise Http404(_("This meeting does not exist or is not public.")) from None
    agenda = [
        (item, item.topic if item.topic_id and item.topic.visibility == selectors.PUBLIC else None)
        for item in meeting.agenda_items.all()
    ]
    return _render(
        request,
        "meeting_detail.html",
        region,
        {
            "meeting": meeting,
            "held": meeting.is_held(),
            "agenda": agenda,
            "agreements": agreement_selectors.agreements_with_consent(meeting.agreements.all()),
        },
    )


@public_page
def agreement_list(request: HttpRequest, region: Region) -> HttpResponse:
    pager = paginate(request, agreement_selectors.agreement_list(region=region, access=request.access))
    return _render(
        request,
        "agreement_list.html",
        region,
        {"agreements": agreement_selectors.agreements_with_consent(pager.items), "pager": pager},
    )


@public_page
def agreement_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    try:
        agreement = agreement_selectors.agreement_detail(region=region, pk=pk, access=request.access)
    except Agreement.DoesNotExist:
        raise Http404(_("This agreement does not exist or is not public.")) from None
    topic = agreement.topic if agreement.topic_id and agreement.topic.visibility == selectors.PUBLIC else None
    return _render(
        request,
        "agreement_detail.html",
        region,
        {
            "agreement": agreement,
            "consent": agreement_selectors.agreement_consent(agreement),
            "topic": topic,
            "other_topics": agreement.other_topics.filter(visibility=selectors.PUBLIC).order_by("title"),
            "meeting": selectors.public_meeting(agreement.meeting),
        },
    )


@public_page
def commitment_list(request: HttpRequest, region: Region) -> HttpResponse:
    today = timezone.localdate()
    commitments = commitment_selectors.commitment_list(region=region, access=request.access, today=today)
    open_ones = paginate(request, commitments.filter(state=CommitmentState.OPEN), param="open")
    resolved = paginate(request, commitments.exclude(state=CommitmentState.OPEN))
    return _render(
        request,
        "commitment_list.html",
        region,
        {
            "open": open_ones.items,
            "open_pager": open_ones,
            "resolved": resolved.items,
            "resolved_pager": resolved,
            "overdue_count": commitment_selectors.overdue_filter(commitments, today).count(),
            "today": today,
        },
    )


@public_page
def commitment_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    try:
        commitment = commitment_selectors.commitment_detail(region=region, pk=pk, access=request.access)
    except Commitment.DoesNotExist:
        raise Http404(_("This commitment does not exist or is not public.")) from None
    topic = commitment.topic if commitment.topic_id and commitment.topic.visibility == selectors.PUBLIC else None
    return _render(
        request,
        "commitment_detail.html",
        region,
        {
            "commitment": commitment,
            "topic": topic,
            "meeting": selectors.public_meeting(commitment.meeting),
            "evidence_meeting": selectors.public_meeting(commitment.evidence_meeting),
        },
    )


@rate_limited("search", methods=("GET",), when=lambda request: bool(request.GET.get("q", "").strip()))
@public_page
def document_list(request: HttpRequest, region: Region) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("soort", "")
    kind = kind if kind in DocumentKind.values else ""
    context = {"query": query, "kind": kind, "kinds": DocumentKind.choices}
    if query:
        found = selectors.document_search_public(region=region, query=query, kind=kind or None)
        context.update(hits=found.hits, capped=found.capped, search_limit=selectors.SEARCH_LIMIT)
    else:
        page = _page_number(request)
        start = (page - 1) * DOCUMENTS_PAGE_SIZE
        rows = list(selectors.public_documents(region=region, kind=kind or None)[start : start + DOCUMENTS_PAGE_SIZE + 1])
        context.update(
            documents=rows[:DOCUMENTS_PAGE_SIZE],
            page=page,
            has_next=len(rows) > DOCUMENTS_PAGE_SIZE,
        )
    return _render(request, "document_list.html", region, context)


@public_page
def document_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    try:
        document = (
            selectors.public_documents(region=region)
            .prefetch_related("pages", "spearheads", "topics")
            .get(pk=pk)
        )
    except Document.DoesNotExist:
        raise Http404(_("This document does not exist or is not public.")) from None
    return _render(
        request,
        "document_detail.html",
        region,
        {"document": document, "topics": selectors.public_only(document.topics.all())},
    )


@public_page
def timeline(request: HttpRequest, region: Region) -> HttpResponse:
    pager = paginate(request, timeline_entries(region=region, access=request.access))
    rows = [(entry, selectors.public_url(entry.url)) for entry in pager.items]
    return _render(request, "timeline.html", region, {"rows": rows, "pager": pager})


@public_page
def news(request: HttpRequest, region: Region) -> HttpResponse:
    page = _page_number(request)
    items, has_next = selectors.news_items(region=region, limit=NEWS_PAGE_SIZE, offset=(page - 1) * NEWS_PAGE_SIZE)
    return _render(request, "news.html", region, {"items": items, "page": page, "has_next": has_next})


@require_safe
def accessibility(request: HttpRequest, region: str | None = None) -> HttpResponse:
    region_obj = None
    if region is not None:
        try:
            region_obj = region_get(slug=region)
        except Region.DoesNotExist:
            raise Http404(_("There is no region with this address.")) from None
    return _render(request, "accessibility.html", region_obj, {"statement_date": STATEMENT_DATE})


@public_page
def regeling_list(request: HttpRequest, region: Region) -> HttpResponse:
    arrangements = arrangement_selectors.arrangement_list(region=region, public_only=True)
    page = Paginator(arrangements, 20).get_page(_page_number(request))
    return _render(request, "regelingen/list.html", region,
                   {"arrangements": page.object_list, "page": page.number, "has_next": page.has_next()})


@public_page
def regeling_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    try:
        arrangement = arrangement_selectors.arrangement_detail(region=region, slug=slug, public_only=True)
    except Arrangement.DoesNotExist:
        raise Http404(_("This joint arrangement does not exist or is not public.")) from None
    today = timezone.localdate()
    documents = [
        (document, arrangement_selectors.document_deadline(document), arrangement_selectors.council_terms(document, today=today))
        for document in arrangement_selectors.cycle_documents(arrangements=[arrangement])
    ]
    return _render(request, "regelingen/detail.html", region, {"arrangement": arrangement, "documents": documents})


@public_page
def search_page(request: HttpRequest, region: Region) -> HttpResponse:
    """Search in everything public of the region, forgiving typos, results grouped by kind."""
    from regio.documents import forgiving
    from regio.documents.models import Document
    from regio.web.document_forms import ENTRY_KIND_LABELS

    query = request.GET.get("q", "").strip()[:200]
    grouped = forgiving.forgiving_search(region=region, access=request.access, query=query) if query else None
    for group in grouped.groups if grouped else ():
        for hit in group.hits:
            # The index holds the signed-in address; the public one is the same path under /openbaar/.
            hit.url = reverse("publication:index").rstrip("/") + hit.url.split("#")[0]
    return _render(request, "search.html", region, {
        "query": query,
        "grouped": grouped,
        "group_labels": forgiving.GROUP_LABELS,
        "group_kinds": {},
        "kind_labels": {**dict(Document._meta.get_field("kind").choices), **ENTRY_KIND_LABELS},
    })


@public_page
def meeting_calendar(request: HttpRequest, region: Region) -> HttpResponse:
    """The month calendar of public meetings and windows."""
    from regio.web.calendar_views import calendar_context

    return _render(request, "meeting_calendar.html", region, calendar_context(request, region))
