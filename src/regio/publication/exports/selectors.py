"""What the public exports read: one region's public items, with related rows fetched up front.

The rules are the API's rules for an anonymous client (`regio.publication.api.selectors`): public
items only, a meeting of an internal body stays hidden with its body, and a reference to an internal
topic or meeting is dropped, not followed.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet

from regio.commitments.models import Commitment
from regio.core.models import Visibility
from regio.meetings.models import Agreement, Body, Meeting
from regio.publication.api import selectors as api
from regio.regions.models import Municipality, Organisation, Person, Region, Role
from regio.topics.models import Participation, Result, Topic, TopicPartner

ANONYMOUS = AnonymousUser()
PUBLIC = Visibility.PUBLIC


def public_topics(region: Region) -> QuerySet[Topic]:
    return (
        Topic.objects.filter(region=region, visibility=PUBLIC)
        .select_related("region", "lead_municipality", "lead_person", "proposed_by")
        .prefetch_related(
            "spearheads",
            Prefetch("participations", queryset=Participation.objects.select_related("municipality")),
            Prefetch("partners", queryset=TopicPartner.objects.select_related("organisation")),
            Prefetch("results", queryset=Result.objects.order_by("pk")),
        )
        .order_by("title", "pk")
    )


def public_results(region: Region) -> QuerySet[Result]:
    return (
        Result.objects.filter(topic__region=region, topic__visibility=PUBLIC)
        .select_related("topic")
        .order_by("topic__title", "pk")
    )


def public_bodies(region: Region) -> QuerySet[Body]:
    return api.body_queryset(ANONYMOUS).filter(region=region)


def public_meetings(region: Region) -> QuerySet[Meeting]:
    return api.meeting_queryset(ANONYMOUS).filter(region=region).prefetch_related("attendances__person")


def public_agreements(region: Region) -> QuerySet[Agreement]:
    return api.agreement_queryset(ANONYMOUS).filter(region=region)


def public_commitments(region: Region) -> QuerySet[Commitment]:
    return api.commitment_queryset(ANONYMOUS).filter(region=region).select_related("evidence_meeting")


def members(region: Region) -> list[Municipality]:
    return list(Municipality.objects.filter(memberships__region=region).order_by("name"))


def partner_organisations(region: Region) -> list[Organisation]:
    """Organisations that partner in a public topic, sit in a public body or hold a promise."""
    return list(
        Organisation.objects.filter(
            Q(topic_roles__topic__region=region, topic_roles__topic__visibility=PUBLIC)
            | Q(body_members__body__region=region, body_members__body__visibility=PUBLIC)
            | Q(commitments_received__region=region, commitments_received__visibility=PUBLIC)
            | Q(arrangements__region=region, arrangements__visibility=PUBLIC)
        )
        .distinct()
        .order_by("name")
    )


def public_roles(region: Region) -> QuerySet[Role]:
    """Roles held for a member municipality, with their persons."""
    return (
        Role.objects.filter(municipality__memberships__region=region)
        .select_related("person", "municipality", "organisation")
        .order_by("person__name", "start", "pk")
    )


def region_persons(region: Region, *, person_ids: set[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=person_ids).order_by("name", "pk"))
