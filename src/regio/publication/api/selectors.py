"""Reads for the API across all regions: what a client may see, with related rows fetched up front.

The rules are the domain selectors' rules (public items for everyone, internal items for users with
access to the item's region), applied across regions; a meeting of an internal body, the decisions on
an internal agreement and a reference to an internal topic stay hidden just as on the site.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from regio.commitments.models import Commitment
from regio.core.models import Visibility
from regio.documents.models import Document
from regio.meetings.models import AgendaItem, Agreement, Body, BodyMember, Meeting, MunicipalDecision
from regio.publication.api.access import internal_region_ids, visible
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
# `representations.topic_dicts` turns into the response, in a fixed number of queries.
TOPIC_COLUMNS = (
    "id", "slug", "region__slug", "title", "description", "status", "proposed_by__cbs_code", "proposed_on",
    "lead_municipality_id", "lead_municipality__cbs_code", "cooperation_form", "visibility", "updated_at",
)
RESULT_COLUMNS = ("id", "topic_id", "description", "indicator", "unit", "baseline", "target_value", "target_date",
                  "current_value")


def topic_filter(user, filters: dict) -> QuerySet[Topic]:
    """The topics `user` may see that match the API's topic filters, in the list's order.

    Conditions on to-many relations are `Exists` subqueries, so no row is repeated and no DISTINCT
    over the joined rows is needed (counting and paging stay on the topic table).
    """
    topics = visible(Topic.objects.all(), user)
    if "regio" in filters:
        topics = topics.filter(region__slug=filters["regio"])
    if "speerpunt" in filters:
        topics = topics.filter(Exists(Topic.spearheads.through.objects.filter(
            topic_id=OuterRef("pk"), spearhead__code=filters["speerpunt"])))
    if "gemeente" in filters:
        code = filters["gemeente"].upper()
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


def topic_related_rows(topic_ids: list[int]) -> dict[str, dict[int, list]]:
    """Spearhead codes, participations and results of the topics, per topic id, in the models' order."""
    related: dict[str, dict[int, list]] = {"spearheads": defaultdict(list), "participations": defaultdict(list),
                                           "results": defaultdict(list)}
    if not topic_ids:
        return related
    links = (Topic.spearheads.through.objects.filter(topic_id__in=topic_ids)
             .order_by("spearhead__vision", "spearhead__order").values_list("topic_id", "spearhead__code"))
    for topic_id, code in links:
        related["spearheads"][topic_id].append(code)
    participations = (Participation.objects.filter(topic_id__in=topic_ids).order_by("municipality__name", "pk")
                      .values("topic_id", "municipality__cbs_code", "municipality__name", "role", "note"))
    for row in participations:
        related["participations"][row["topic_id"]].append(row)
    for row in Result.objects.filter(topic_id__in=topic_ids).order_by("id").values(*RESULT_COLUMNS):
        related["results"][row["topic_id"]].append(row)
    return related
