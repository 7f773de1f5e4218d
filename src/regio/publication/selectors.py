"""Reads for the public site: the anonymous view of a region, its theme, the news list and the
document search.

The public site always reads with the access of an anonymous visitor, also when someone is signed
in, so what a resident sees is predictable: public items only. Everything here returns the same
number of queries however many rows the region has.

The news list is built from the change history (django-simple-history) and the status changes:
a topic, agreement or document appears from the moment its history first records it as public,
a decision when it was recorded, a status change when it was made. Items are dated by their own
date where they have one (proposed on, made on, decided on, changed on, document date), else by
the day the change was recorded, and listed newest first. Only items that are public *now* are
listed: an item made internal later disappears from the list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import DateField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.documents import search as document_search
from regio.documents.models import Document, DocumentKind
from regio.meetings.models import Agreement, Meeting, MunicipalDecision
from regio.regions.models import Region
from regio.topics.models import Topic, TopicStatus, TopicStatusChange

PUBLIC = Visibility.PUBLIC
# The search shows at most this many documents, best first; the page says so when it is reached.
SEARCH_LIMIT = 200


def public_access(region: Region) -> RegionAccess:
    """The access of an anonymous visitor: public items only."""
    return RegionAccess(region_id=region.pk)


# --- theme --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """The region's colour, and the text colour that is readable on it (WCAG contrast)."""

    colour: str
    on_colour: str


def _luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG 2.1 defines it, of a #rrggbb colour."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def region_theme(region: Region) -> Theme:
    """White or black text on the region's colour, whichever contrasts more (always at least 4.58:1)."""
    white, black = "#ffffff", "#000000"
    on_colour = white if contrast_ratio(region.colour, white) >= contrast_ratio(region.colour, black) else black
    return Theme(colour=region.colour, on_colour=on_colour)


# --- links from shared selectors to the public pages ---------------------------------------------

# The shared selectors (timeline, search) link to the signed-in pages; the public site shows the
# same item on its own page with the same arguments.
_PUBLIC_NAMES = {
    "web:topic-detail": "publication:topic-detail",
    "web:body-detail": "publication:body-detail",
    "web:meeting-detail": "publication:meeting-detail",
    "web:agreement-detail": "publication:agreement-detail",
    "web:commitment-detail": "publication:commitment-detail",
    "web:document-detail": "publication:document-detail",
}


def public_url(url: str) -> str:
    """The public page of an item whose signed-in page is at `url`, or "" when there is none."""
    if not url:
        return ""
    path, _hash, fragment = url.partition("#")
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    name = _PUBLIC_NAMES.get(match.view_name)
    if name is None:
        return ""
    try:
        target = reverse(name, kwargs=match.kwargs)
    except NoReverseMatch:
        return ""
    return f"{target}#{fragment}" if fragment else target


# --- news ---------------------------------------------------------------------------------------


class NewsKind:
    TOPIC = "topic"
    STATUS = "status"
    AGREEMENT = "agreement"
    DECISION = "decision"
    DOCUMENT = "document"


@dataclass(frozen=True)
class NewsItem:
    kind: str
    kind_label: str
    day: datetime.date
    title: str
    text: str
    url: str
    recorded_at: datetime.datetime | None = None

    @property
    def sort_key(self) -> tuple:
        recorded = self.recorded_at.timestamp() if self.recorded_at else 0.0
        return (self.day, recorded, self.title)


def _first_public(model) -> Subquery:
    """When the history of a `model` row first records it as public."""
    return Subquery(
        model.history.filter(id=OuterRef("pk"), visibility=PUBLIC)
        .order_by("history_date")
        .values("history_date")[:1]
    )


def news_items(*, region: Region, limit: int = 25, offset: int = 0) -> tuple[list[NewsItem], bool]:
    """The public news of `region`, newest first: (the page of items, whether there are more)."""
    wanted = offset + limit + 1
    items = [
        *_topic_news(region, wanted),
        *_status_news(region, wanted),
        *_agreement_news(region, wanted),
        *_decision_news(region, wanted),
        *_document_news(region, wanted),
    ]
    items.sort(key=lambda item: item.sort_key, reverse=True)
    return items[offset : offset + limit], len(items) > offset + limit


def _topic_news(region: Region, wanted: int) -> list[NewsItem]:
    topics = (
        Topic.objects.filter(region=region, visibility=PUBLIC)
        .annotate(published_at=Coalesce(_first_public(Topic), F("created_at")))
        .annotate(news_day=Coalesce(F("proposed_on"), TruncDate("published_at"), output_field=DateField()))
        .select_related("region", "proposed_by")
        .order_by("-news_day", "-published_at", "title")[:wanted]
    )
    return [
        NewsItem(
            kind=NewsKind.TOPIC,
            kind_label=_("New topic"),
            day=topic.news_day,
            title=topic.title,
            text=(
                _("Proposed by %(municipality)s.") % {"municipality": topic.proposed_by.name}
                if topic.proposed_by_id
                else ""
            ),
            url=reverse("publication:topic-detail", kwargs={"region": region.slug, "slug": topic.slug}),
            recorded_at=topic.published_at,
        )
        for topic in topics
    ]


def _status_news(region: Region, wanted: int) -> list[NewsItem]:
    # The first status of a topic is its creation, already in the news as a new topic.
    changes = (
        TopicStatusChange.objects.filter(topic__region=region, topic__visibility=PUBLIC)
        .exclude(from_status="")
        .select_related("topic")
        .order_by("-changed_on", "-recorded_at")[:wanted]
    )
    labels = dict(TopicStatus.choices)
    return [
        NewsItem(
            kind=NewsKind.STATUS,
            kind_label=_("Status changed"),
            day=change.changed_on,
            title=change.topic.title,
            text=_("From %(old)s to %(new)s: %(reason)s")
            % {"old": labels.get(change.from_status, change.from_status),
               "new": labels.get(change.to_status, change.to_status), "reason": change.reason},
            url=reverse("publication:topic-detail", kwargs={"region": region.slug, "slug": change.topic.slug}),
            recorded_at=change.recorded_at,
        )
        for change in changes
    ]


def _agreement_news(region: Region, wanted: int) -> list[NewsItem]:
    agreements = (
        Agreement.objects.filter(region=region, visibility=PUBLIC)
        .annotate(published_at=_first_public(Agreement))
        .order_by("-made_on", "-published_at", "title")[:wanted]
    )
    return [
        NewsItem(
            kind=NewsKind.AGREEMENT,
            kind_label=_("New agreement"),
            day=agreement.made_on,
            title=agreement.title,
            text=agreement.text,
            url=reverse("publication:agreement-detail", kwargs={"region": region.slug, "pk": agreement.pk}),
            recorded_at=agreement.published_at,
        )
        for agreement in agreements
    ]


def _decision_news(region: Region, wanted: int) -> list[NewsItem]:
    decisions = (
        MunicipalDecision.objects.filter(agreement__region=region, agreement__visibility=PUBLIC)
        .annotate(
            recorded_at=Subquery(
                MunicipalDecision.history.filter(id=OuterRef("pk")).order_by("history_date").values("history_date")[:1]
            )
        )
        .select_related("agreement", "municipality")
        .order_by("-decided_on", "-recorded_at", "pk")[:wanted]
    )
    return [
        NewsItem(
            kind=NewsKind.DECISION,
            kind_label=_("Decision"),
            day=decision.decided_on,
            title=decision.agreement.title,
            text=_("%(organ)s: %(outcome)s")
            % {
                "organ": (
                    decision.municipality.council_name
                    if decision.organ == "raad"
                    else decision.municipality.college_name
                ),
                "outcome": decision.get_outcome_display(),
            },
            url=reverse("publication:agreement-detail", kwargs={"region": region.slug, "pk": decision.agreement_id}),
            recorded_at=decision.recorded_at,
        )
        for decision in decisions
    ]


def _document_news(region: Region, wanted: int) -> list[NewsItem]:
    documents = (
        Document.objects.filter(region=region, visibility=PUBLIC)
        .annotate(published_at=Coalesce(_first_public(Document), F("created_at")))
        .annotate(
            news_day=Coalesce(F("document_date"), TruncDate("published_at"), output_field=DateField())
        )
        .order_by("-news_day", "-published_at", "title")[:wanted]
    )
    kinds = dict(DocumentKind.choices)
    return [
        NewsItem(
            kind=NewsKind.DOCUMENT,
            kind_label=_("Published: %(kind)s") % {"kind": kinds.get(document.kind, document.kind)},
            day=document.news_day,
            title=document.title,
            text="",
            url=reverse("publication:document-detail", kwargs={"region": region.slug, "pk": document.pk}),
            recorded_at=document.published_at,
        )
        for document in documents
    ]


# --- documents ----------------------------------------------------------------------------------


def public_documents(*, region: Region, kind: str | None = None) -> QuerySet[Document]:
    documents = Document.objects.filter(region=region, visibility=PUBLIC)
    if kind:
        documents = documents.filter(kind=kind)
    return documents.prefetch_related("municipalities").order_by("-document_date", "-created_at", "-pk")


@dataclass(frozen=True)
class DocumentHit:
    document: Document
    page: int | None
    snippet: list


@dataclass(frozen=True)
class DocumentSearch:
    hits: list[DocumentHit]
    capped: bool


def document_search_public(*, region: Region, query: str, kind: str | None = None) -> DocumentSearch:
    """Public documents matching `query`, best first (at most SEARCH_LIMIT).

    The search index also holds topics, agreements and meetings; the public site searches only the
    published documents here, and checks each hit against the documents' current visibility, so a
    stale index entry cannot show a document that has since been made internal.
    """
    result = document_search.search(
        region=region,
        access=public_access(region),
        query=query,
        filters=document_search.SearchFilters(kind=kind or None, visibility=PUBLIC),
        limit=SEARCH_LIMIT,
    )
    document_hits = [hit for hit in result.hits if hit.object_type == "document"]
    documents = Document.objects.filter(
        region=region, visibility=PUBLIC, pk__in=[hit.object_id for hit in document_hits]
    ).in_bulk()
    hits = [
        DocumentHit(documents[hit.object_id], hit.page, hit.snippet)
        for hit in document_hits
        if hit.object_id in documents
    ]
    return DocumentSearch(hits=hits, capped=result.has_next)


# --- filters on related items --------------------------------------------------------------------


def public_only(items) -> list:
    """The items of a prefetched relation that are public (topics, meetings, agreements...)."""
    return [item for item in items if item.visibility == PUBLIC]


def public_meeting(meeting: Meeting | None) -> Meeting | None:
    """The meeting if a visitor may see it: public, and not of an internal body (body fetched)."""
    if meeting is None or meeting.visibility != PUBLIC:
        return None
    if meeting.body_id and meeting.body.visibility != PUBLIC:
        return None
    return meeting


@dataclass(frozen=True)
class TopicRelated:
    agreements: list
    commitments: list
    meetings: list
    documents: list


def topic_related(*, topic: Topic) -> TopicRelated:
    """The public agreements, commitments, meetings and documents of a topic: four queries."""
    meetings = (
        Meeting.objects.filter(agenda_items__topic=topic, visibility=PUBLIC)
        .exclude(body__visibility=Visibility.INTERNAL)
        .select_related("body")
        .distinct()
        .order_by("starts_at", "window_start", "title")
    )
    return TopicRelated(
        # Its agreements: those about it mainly and those about it beside their main topic, each once.
        agreements=list(
            Agreement.objects.filter(Q(topic=topic) | Q(other_topics=topic), visibility=PUBLIC)
            .distinct()
            .order_by("-made_on", "title")
        ),
        commitments=list(topic.commitments.filter(visibility=PUBLIC).order_by("due_date", "title")),
        meetings=list(meetings),
        documents=list(topic.documents.filter(visibility=PUBLIC).order_by("-document_date", "title")),
    )
