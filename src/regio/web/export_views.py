"""Downloads of the signed-in lists (topics, agreements with their decisions, commitments, meetings)
as CSV and Excel, with the filters of the list page (the same query string, the same selectors).

Every cell goes through :mod:`regio.core.spreadsheets`, which neutralises text that a spreadsheet
would run as a formula. Column names are in the visitor's language.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regio.commitments import selectors as commitment_selectors
from regio.core.spreadsheets import csv_bytes, xlsx_bytes
from regio.meetings import agreement_selectors
from regio.meetings import selectors as meeting_selectors
from regio.regions.models import Region
from regio.regions.selectors import region_members
from regio.topics import selectors as topic_selectors
from regio.topics.models import ParticipationRole
from regio.visions.selectors import region_spearheads
from regio.web.agreement_forms import CommitmentFilterForm
from regio.web.forms import TopicFilterForm
from regio.web.meeting_forms import MeetingFilterForm
from regio.web.views import region_page

FORMATS = ("csv", "xlsx")
TAKING_PART = (ParticipationRole.INITIATOR, ParticipationRole.PARTICIPATES)


def _download(*, region: Region, name: str, fmt: str, header: list[str], rows: list[list]) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("This format is not offered; choose CSV or Excel."))
    filename = f"{region.slug}-{slugify(name)}-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes(header, rows, title=name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _absolute(request: HttpRequest, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def _topic_title(request: HttpRequest, topic) -> str:
    """The title of the topic an item refers to, when this reader may see it (a public agreement or
    commitment may refer to an internal topic)."""
    return topic.title if topic is not None and request.access.can_view(topic) else ""


@region_page
def topics_export(request: HttpRequest, region: Region, fmt: str) -> HttpResponse:
    members = region_members(region=region)
    form = TopicFilterForm(request.GET or None, spearheads=list(region_spearheads(region=region)), municipalities=members)
    filters = form.cleaned_data if form.is_valid() else {}
    topics = topic_selectors.topic_list(
        region=region,
        access=request.access,
        spearhead=filters.get("spearhead") or None,
        municipality=next((m for m in members if m.slug == filters.get("municipality")), None),
        status=filters.get("status") or None,
        open_lead={"open": True, "set": False}.get(filters.get("lead")),
        search=filters.get("q") or None,
    )
    header = [_("Topic"), _("Status"), _("Spearheads"), _("Lead"), _("Proposed by"), _("Taking part"),
              _("Visibility"), _("Address")]
    rows = [
        [
            topic.title,
            topic.get_status_display(),
            ", ".join(s.name for s in topic.spearheads.all()),
            topic.lead_municipality.name if topic.lead_municipality else _("Still to be appointed"),
            topic.proposed_by.name if topic.proposed_by else "",
            ", ".join(sorted(p.municipality.name for p in topic.participations.all() if p.role in TAKING_PART)),
            topic.get_visibility_display(),
            _absolute(request, topic),
        ]
        for topic in topics
    ]
    return _download(region=region, name=_("Topics"), fmt=fmt, header=header, rows=rows)


@region_page
def agreements_export(request: HttpRequest, region: Region, fmt: str) -> HttpResponse:
    """One row per agreement and participating municipality: its college's and council's decision."""
    agreements = agreement_selectors.agreement_list(region=region, access=request.access)
    header = [_("Agreement"), _("Made on"), _("Topic"), _("State"), _("Municipality"), _("College"),
              _("College decided on"), _("Council"), _("Council decided on"), _("Address")]
    rows = []
    for agreement, consent in agreement_selectors.agreements_with_consent(agreements):
        for row in consent.rows or [None]:
            college, council = (row.college, row.council) if row else (None, None)
            rows.append([
                agreement.title,
                agreement.made_on,
                _topic_title(request, agreement.topic),
                consent.state_label,
                row.municipality.name if row else "",
                college.get_outcome_display() if college else (_("awaiting decision") if row else ""),
                college.decided_on if college else None,
                council.get_outcome_display() if council else ("" if not row or not row.needs_council else _("awaiting decision")),
                council.decided_on if council else None,
                _absolute(request, agreement),
            ])
    return _download(region=region, name=_("Agreements"), fmt=fmt, header=header, rows=rows)


@region_page
def commitments_export(request: HttpRequest, region: Region, fmt: str) -> HttpResponse:
    members = region_members(region=region)
    form = CommitmentFilterForm(request.GET or None, municipalities=members)
    filters = form.cleaned_data if form.is_valid() else {}
    by_slug = {m.slug: m for m in members}
    today = timezone.localdate()
    commitments = commitment_selectors.commitment_list(
        region=region,
        access=request.access,
        council=by_slug.get(filters.get("council")),
        municipality=by_slug.get(filters.get("municipality")),
        state=filters.get("state") or None,
        overdue=bool(filters.get("overdue")),
        due_soon=bool(filters.get("due_soon")),
        today=today,
    )
    header = [_("Commitment"), _("Due"), _("Due date"), _("State"), _("Overdue"), _("Promised to the councils of"),
              _("Promised by"), _("Topic"), _("Address")]
    rows = [
        [
            c.title,
            c.due_label,
            c.due_date,
            c.get_state_display(),
            c.is_overdue(today),
            ", ".join(m.name for m in c.recipient_councils.all())
            or (c.recipient_organisation.name if c.recipient_organisation else ""),
            c.promised_by or ", ".join(m.name for m in c.promised_by_municipalities.all()),
            _topic_title(request, c.topic),
            _absolute(request, c),
        ]
        for c in commitments
    ]
    return _download(region=region, name=_("Commitments"), fmt=fmt, header=header, rows=rows)


@region_page
def meetings_export(request: HttpRequest, region: Region, fmt: str) -> HttpResponse:
    bodies = list(meeting_selectors.body_list(region=region, access=request.access))
    form = MeetingFilterForm(request.GET or None, bodies=bodies)
    filters = form.cleaned_data if form.is_valid() else {}
    body = next((b for b in bodies if b.slug == filters.get("body")), None)
    meetings = list(meeting_selectors.meeting_list(region=region, access=request.access, body=body))
    phases = meeting_selectors.meeting_phases(meetings, now=timezone.now())
    state = {
        **{m.pk: _("planned") for m in phases.upcoming},
        **{m.pk: _("still to be recorded") for m in phases.to_record},
        **{m.pk: _("held") for m in phases.past},
        **{m.pk: _("cancelled") for m in meetings if m.cancelled},
    }
    header = [_("Meeting"), _("When"), _("Starts at"), _("Body"), _("Place"), _("Status"), _("Address")]
    rows = [
        [
            m.title,
            m.when,
            timezone.localtime(m.starts_at).replace(tzinfo=None) if m.starts_at else None,
            m.body.name if m.body else _("ad hoc"),
            m.place,
            state[m.pk],
            _absolute(request, m),
        ]
        for m in meetings
    ]
    return _download(region=region, name=_("Meetings"), fmt=fmt, header=header, rows=rows)
