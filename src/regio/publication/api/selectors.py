"""Reads for the API across all regions: what a client may see, with related rows fetched up front.

The rules are the domain selectors' rules (public items for everyone, internal items for users with
access to the item's region), applied across regions; a meeting of an internal body, the decisions on
an internal agreement and a reference to an internal topic stay hidden just as on the site.
"""

from __future__ import annotations

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate

from regio.commitments.models import Commitment
from regio.core.models import Visibility
from regio.documents.models import Document
from regio.meetings.models import AgendaItem, Agreement, Body, BodyMember, Meeting, MunicipalDecision
from regio.publication.api.access import internal_region_ids, visible
from regio.regions.models import Municipality
from regio.topics.models import Topic


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
