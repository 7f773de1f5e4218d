"""Reads for the API across all regions: what a client may see, with related rows fetched up front.

The rules are the domain selectors' rules (public items for everyone, internal items for users with
access to the item's region), applied across regions; a meeting of an internal body, the decisions on
an internal agreement and a reference to an internal topic stay hidden just as on the site.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, F, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from regio.commitments.models import Commitment
from regio.core.models import Visibility
from regio.documents.models import Document
from regio.meetings.models import AgendaItem, Agreement, Body, BodyMember, Meeting, MunicipalDecision
from regio.publication.api.access import internal_region_ids, visible, visible_in
from regio.publication.api.prepared import prepared_rows
from regio.regions.models import Municipality
from regio.topics.models import Participation, Result, Topic


def can_see(item, user, *, region_id: int | None = None) -> bool:
    """Whether `user` may see `item` (any model with `visibility` and a region)."""
    if item is None:
        return False
    if item.visibility == Visibility.PUBLIC:
        return True
    region_ids = internal_region_ids(user)
    return region_ids is None or (region_id or item.region_id) in region_ids


def body_queryset(user) -> QuerySet[Body]:
    members = BodyMember.objects.select_related("person", "municipality", "organisation").order_by("person__name", "pk")
    return (
        visible(Body.objects.all(), user)
        .select_related("region", "chair", "secretary")
        .prefetch_related("spearheads", Prefetch("topics", queryset=visible(Topic.objects.only("pk", "region_id", "visibility"), user)),
                          Prefetch("members", queryset=members))
        .order_by("region__name", "name", "pk")
    )


def meeting_queryset(user) -> QuerySet[Meeting]:
    meetings = visible(Meeting.objects.all(), user)
    region_ids = internal_region_ids(user)
    if region_ids is not None:
        # A public meeting of an internal body stays hidden with its body.
        meetings = meetings.filter(Q(body__isnull=True) | Q(body__visibility=Visibility.PUBLIC) | Q(region_id__in=region_ids))
    items = AgendaItem.objects.select_related("topic").order_by("order")
    return (
        meetings.select_related("region", "body")
        .prefetch_related(Prefetch("agenda_items", queryset=items))
        .annotate(first_day_sort=Coalesce(TruncDate("starts_at"), F("window_start")))
        .order_by("first_day_sort", "starts_at", "title", "pk")
    )


def agreement_queryset(user) -> QuerySet[Agreement]:
    decisions = MunicipalDecision.objects.select_related("municipality").order_by("municipality__name", "organ")
    return (
        visible(Agreement.objects.all(), user)
        .select_related("region", "meeting__body", "topic")
        .prefetch_related(
            Prefetch("participants", queryset=Municipality.objects.order_by("name")),
            Prefetch("decisions", queryset=decisions),
        )
        .order_by("-made_on", "title", "pk")
    )


def decision_queryset(user) -> QuerySet[MunicipalDecision]:
    return (
        MunicipalDecision.objects.filter(agreement__in=visible(Agreement.objects.all(), user))
        .select_related("agreement", "municipality")
        .order_by("-decided_on", "municipality__name", "organ", "pk")
    )


def commitment_queryset(user) -> QuerySet[Commitment]:
    by_name = Municipality.objects.order_by("name")
    return (
        visible(Commitment.objects.all(), user)
        .select_related("region", "recipient_organisation", "topic", "meeting")
        .prefetch_related(
            Prefetch("promised_by_municipalities", queryset=by_name),
            Prefetch("recipient_councils", queryset=by_name),
        )
        .order_by("due_date", "title", "pk")
    )


def document_queryset(user, *, with_pages: bool = False) -> QuerySet[Document]:
    documents = (
        visible(Document.objects.all(), user)
        .select_related("region")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
            "spearheads",
        )
        .order_by("-document_date", "-created_at", "-pk")
    )
    if with_pages:
        documents = documents.prefetch_related("pages")
    return documents


def topic_results(user, *, topic_pk: int):
    """The topic's results, or None when the topic does not exist or is hidden."""
    topic = visible(Topic.objects.all(), user).filter(pk=topic_pk).first()
    if topic is None:
        return None
    return topic.results.order_by("pk")


# The topic list and detail are the API's busiest reads: they fetch plain rows (`values()`), which
# `representations.topic_dicts` turns into the response, in a fixed number of queries, each compiled
# once per process and query shape (`prepared_rows`).
TOPIC_COLUMNS = (
    "id", "slug", "region__slug", "title", "description", "status", "proposed_by__cbs_code", "proposed_on",
    "lead_municipality_id", "lead_municipality__cbs_code", "cooperation_form", "visibility", "updated_at",
    "version",
)
RESULT_COLUMNS = ("id", "topic_id", "description", "indicator", "unit", "baseline", "target_value", "target_date",
                  "current_value")


def _regions_argument(user) -> dict:
    """The client's internal regions as a query argument (none at all: the client sees everything)."""
    region_ids = internal_region_ids(user)
    return {} if region_ids is None else {"region_ids": sorted(region_ids)}


def topic_filter(filters: dict, region_ids=None) -> QuerySet[Topic]:
    """The topics visible with `region_ids` (see `access.visible_in`) that match the API's topic
    filters, in the list's order.

    Conditions on to-many relations are `Exists` subqueries, so no row is repeated and no DISTINCT
    over the joined rows is needed (counting and paging stay on the topic table).
    """
    topics = visible_in(Topic.objects.all(), region_ids)
    if "regio" in filters:
        topics = topics.filter(region__slug=filters["regio"])
    if "speerpunt" in filters:
        topics = topics.filter(Exists(Topic.spearheads.through.objects.filter(
            topic_id=OuterRef("pk"), spearhead__code=filters["speerpunt"])))
    if "gemeente" in filters:
        code = filters["gemeente"]  # upper case, see TopicRows
        takes_part = Exists(Participation.objects.filter(topic_id=OuterRef("pk"), municipality__cbs_code=code))
        topics = topics.filter(takes_part | Q(lead_municipality__cbs_code=code) | Q(proposed_by__cbs_code=code))
    if "status" in filters:
        topics = topics.filter(status=filters["status"])
    if "trekkerNogTeBepalen" in filters:
        topics = topics.filter(lead_municipality__isnull=filters["trekkerNogTeBepalen"])
    if "gewijzigdVanaf" in filters:
        topics = topics.filter(updated_at__date__gte=filters["gewijzigdVanaf"])
    if "gewijzigdTot" in filters:
        topics = topics.filter(updated_at__date__lt=filters["gewijzigdTot"])
    if "zoek" in filters:
        topics = topics.filter(Q(title__icontains=filters["zoek"]) | Q(description__icontains=filters["zoek"]))
    return topics.order_by("title", "pk")


def topic_rows(topics: QuerySet[Topic]) -> QuerySet:
    """The columns a topic's representation shows, one dict per topic."""
    return topics.values(*TOPIC_COLUMNS)


class RowCount(Func):
    """COUNT(*) as a plain expression, so that `unordered.values(n=RowCount())` is a values() query (one
    row: the count) that `prepared_rows` can keep, where `count()` would be compiled on every request."""

    template = "COUNT(*)"
    output_field = IntegerField()


class TopicRows:
    """The topic list for the paginator: `count()` and a page's rows (dicts of TOPIC_COLUMNS)."""

    def __init__(self, user, filters: dict):
        self.filters = {**filters, **({"gemeente": filters["gemeente"].upper()} if "gemeente" in filters else {})}
        self.regions = _regions_argument(user)

    def count(self) -> int:
        def build(region_ids=None, **filters):
            return topic_filter(filters, region_ids).order_by().values(n=RowCount())

        return self._rows("topic-count", build)[0]["n"]

    def __getitem__(self, page: slice) -> list[dict]:
        def build(region_ids=None, **filters):
            return topic_rows(topic_filter(filters, region_ids))[page]

        return self._rows(f"topic-page-{page.start}-{page.stop}", build)

    def _rows(self, shape: str, build) -> list[dict]:
        if all(isinstance(value, str) for value in self.filters.values()):
            return prepared_rows(shape, build, **self.regions, **self.filters)
        return list(build(self.regions.get("region_ids"), **self.filters))  # dates and booleans: built each time


def topic_detail_row(user, *, topic_id: int) -> dict | None:
    def build(topic_id, region_ids=None):
        return topic_rows(visible_in(Topic.objects.filter(pk=topic_id), region_ids))

    rows = prepared_rows("topic-detail", build, topic_id=topic_id, **_regions_argument(user))
    return rows[0] if rows else None


def _spearhead_codes(topic_ids):
    return (Topic.spearheads.through.objects.filter(topic_id__in=topic_ids)
            .order_by("spearhead__vision", "spearhead__order").values("topic_id", "spearhead__code"))


def _participations(topic_ids):
    return (Participation.objects.filter(topic_id__in=topic_ids).order_by("municipality__name", "pk")
            .values("topic_id", "municipality__cbs_code", "municipality__name", "role", "note"))


def _results(topic_ids):
    return Result.objects.filter(topic_id__in=topic_ids).order_by("id").values(*RESULT_COLUMNS)


def topic_related_rows(topic_ids: list[int]) -> dict[str, dict[int, list]]:
    """Spearhead codes, participations and results of the topics, per topic id, in the models' order."""
    related: dict[str, dict[int, list]] = {"spearheads": defaultdict(list), "participations": defaultdict(list),
                                           "results": defaultdict(list)}
    if not topic_ids:
        return related
    for row in prepared_rows("topic-spearheads", _spearhead_codes, topic_ids=topic_ids):
        related["spearheads"][row["topic_id"]].append(row["spearhead__code"])
    for row in prepared_rows("topic-participations", _participations, topic_ids=topic_ids):
        related["participations"][row["topic_id"]].append(row)
    for row in prepared_rows("topic-results", _results, topic_ids=topic_ids):
        related["results"][row["topic_id"]].append(row)
    return related
