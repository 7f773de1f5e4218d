"""Reads of the document store: lists and details with what their pages show, and the text
reader's context for a region built from the database."""

from __future__ import annotations

import importlib.resources
from datetime import date

import yaml
from django.db.models import Count, F, Prefetch, Q, QuerySet

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.documents.models import Document, DocumentFinding, FindingState
from regio.extraction.context import ExtractionContext, RegionMunicipality, Spearhead, Topic
from regio.regions.models import Region
from regio.topics.models import Topic as TopicModel
from regio.visions.models import Spearhead as SpearheadModel


def _visible(queryset: QuerySet[Document], access: RegionAccess) -> QuerySet[Document]:
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def document_list(
    *,
    region: Region,
    access: RegionAccess,
    municipality_id: int | None = None,
    spearhead_id: int | None = None,
    kind: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Document]:
    documents = _visible(Document.objects.filter(region=region), access)
    if municipality_id:
        documents = documents.filter(municipalities=municipality_id)
    if spearhead_id:
        documents = documents.filter(spearheads=spearhead_id)
    if kind:
        documents = documents.filter(kind=kind)
    if date_from:
        documents = documents.filter(document_date__gte=date_from)
    if date_to:
        documents = documents.filter(document_date__lte=date_to)
    return (
        documents.distinct()
        .select_related("region")
        .prefetch_related("municipalities", "spearheads")
        .annotate(
            page_count=Count("pages", distinct=True),
            **_open_counts(),
        )
        .annotate(open_findings=F("_open_plain") + F("_open_municipalities") + F("_open_themes"))
        .order_by("-document_date", "-created_at", "-pk")
    )


def _open_counts() -> dict:
    """Open findings as the review screen counts them: reviewable kinds, a repeated municipality or
    spearhead once (see review.open_review_count)."""
    from regio.documents.review import DUPLICATE_KEYS, REVIEW_KINDS

    pending = Q(findings__state=FindingState.PENDING)
    return {
        "_open_plain": Count("findings", distinct=True, filter=pending & Q(findings__kind__in=REVIEW_KINDS)
                             & ~Q(findings__kind__in=tuple(DUPLICATE_KEYS))),
        "_open_municipalities": Count(f"findings__value__{DUPLICATE_KEYS['municipality']}", distinct=True,
                                      filter=pending & Q(findings__kind="municipality")),
        "_open_themes": Count(f"findings__value__{DUPLICATE_KEYS['theme']}", distinct=True,
                              filter=pending & Q(findings__kind="theme")),
    }


def document_detail(*, region: Region, pk: int, access: RegionAccess) -> Document:
    """The document with its pages and metadata; raises Document.DoesNotExist when absent or not visible."""
    return (
        _visible(Document.objects.filter(region=region), access)
        .select_related("region", "uploaded_by")
        .prefetch_related("pages", "municipalities", "spearheads", "topics")
        .annotate(
            finding_count=Count("findings", distinct=True),
            **_open_counts(),
        )
        .annotate(open_findings=F("_open_plain") + F("_open_municipalities") + F("_open_themes"))
        .get(pk=pk)
    )


def document_by_checksum(*, region: Region, sha256: str) -> Document | None:
    return Document.objects.filter(region=region, sha256=sha256).first()


def document_findings(*, document: Document) -> QuerySet[DocumentFinding]:
    return document.findings.order_by("start", "kind")


def _packaged_aliases(region: Region) -> dict[str, tuple[str, ...]]:
    """Topic aliases from the packaged region file of the same name, if there is one.

    The database keeps topic titles but not the aliases the region file gives the text reader,
    so they are read from that file (by slug) when the region came from one.
    """
    resource = importlib.resources.files("regio.data").joinpath("regions").joinpath(f"{region.slug}.yaml")
    if not resource.is_file():
        return {}
    data = yaml.safe_load(resource.read_text(encoding="utf-8")) or {}
    aliases = {}
    for item in data.get("topics") or []:
        if isinstance(item, dict) and item.get("slug") and item.get("aliases"):
            aliases[str(item["slug"])] = tuple(str(a) for a in item["aliases"])
    return aliases


def extraction_context(*, region: Region, reference_date: date | None = None) -> ExtractionContext:
    """What the text reader knows of `region`: members, spearheads with vocabulary, topics."""
    members = region.municipalities.order_by("name")
    spearheads = SpearheadModel.objects.filter(vision__region=region).order_by("vision", "order")
    topics = TopicModel.objects.filter(region=region).prefetch_related(
        Prefetch("spearheads", queryset=SpearheadModel.objects.only("code"))
    )
    aliases = _packaged_aliases(region)
    return ExtractionContext(
        region_name=region.name,
        municipalities=tuple(RegionMunicipality(cbs_code=m.cbs_code, name=m.name) for m in members),
        spearheads=tuple(
            Spearhead(code=s.code, name=s.name, wording=s.wording, vocabulary=tuple(s.vocabulary or ()))
            for s in spearheads
        ),
        topics=tuple(
            Topic(
                title=t.title,
                slug=t.slug,
                spearheads=tuple(s.code for s in t.spearheads.all()),
                aliases=aliases.get(t.slug, ()),
            )
            for t in topics
        ),
        reference_date=reference_date,
    )
