"""The main pages cost the same number of queries with 3 topics as with 300 (no N+1)."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio.regions.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from regio.topics.models import Participation, ParticipationRole, Result, Topic, TopicPartner, TopicStatusChange


def add_topics(world, count: int, start: int = 0) -> list[Topic]:
    """`count` topics, each with spearheads, participations, a partner, results, a status change,
    and (for every other one) a lead municipality and person. Written in bulk to keep the test fast."""
    region = world.region
    members = [world.own, world.other, world.third]
    organisations = [OrganisationFactory(name=f"Partner {i}") for i in range(3)]
    person = PersonFactory()
    RoleFactory(person=person, municipality=world.own)
    topics = Topic.objects.bulk_create(
        Topic(
            region=region, title=f"Onderwerp {start + i:04d}", slug=f"onderwerp-{start + i:04d}",
            description="Een onderwerp om pagina's mee te vullen.",
            lead_municipality=members[i % 3] if i % 2 else None, lead_person=person if i % 4 == 1 else None,
        )
        for i in range(count)
    )
    Through = Topic.spearheads.through
    Through.objects.bulk_create(
        Through(topic_id=t.pk, spearhead_id=s.pk) for t in topics for s in world.spearheads
    )
    roles = itertools.cycle(ParticipationRole.values)
    Participation.objects.bulk_create(
        Participation(topic=t, municipality=m, role=next(roles)) for t in topics for m in members
    )
    TopicPartner.objects.bulk_create(
        TopicPartner(topic=t, organisation=organisations[i % 3], role="Medefinancier") for i, t in enumerate(topics)
    )
    Result.objects.bulk_create(
        Result(topic=t, description=f"Resultaat {n}", baseline=Decimal(0), target_value=Decimal(100),
               current_value=Decimal(10 * n))
        for t in topics for n in range(2)
    )
    TopicStatusChange.objects.bulk_create(
        TopicStatusChange(topic=t, to_status="voorgesteld", changed_on="2019-01-01", reason="Ingebracht") for t in topics
    )
    return topics


def page_urls(world, topic) -> dict[str, str]:
    region = world.region.slug
    return {
        "home": reverse("web:region-home", kwargs={"region": region}),
        "topic list": reverse("web:topic-list", kwargs={"region": region}),
        "topic list, filtered": reverse("web:topic-list", kwargs={"region": region})
        + "?spearhead=wonen&municipality=leiden&status=voorgesteld&lead=open&q=onderwerp",
        "topic detail": topic.get_absolute_url(),
        "municipality": reverse("web:municipality-detail", kwargs={"region": region, "slug": world.own.slug}),
    }


def count_queries(client, url: str, headers: dict | None = None) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, url
    return len(context.captured_queries), [q["sql"] for q in context.captured_queries]


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_pages_cost_the_same_with_3_and_300_topics(world, client_for, role):
    client = client_for(world.user(role))
    first = add_topics(world, 3)[0]
    urls = page_urls(world, first)
    few = {name: count_queries(client, url) for name, url in urls.items()}
    add_topics(world, 297, start=3)
    assert Topic.objects.filter(region=world.region).count() == 300
    for name, url in urls.items():
        many = count_queries(client, url)
        assert many[0] == few[name][0], f"{name}: {few[name][0]} queries with 3 topics, {many[0]} with 300:\n" + "\n".join(
            many[1]
        )


def test_the_htmx_topic_list_costs_the_same_with_3_and_300_topics(world, visitor):
    add_topics(world, 3)
    url = reverse("web:topic-list", kwargs={"region": world.region.slug})
    few = count_queries(visitor, url, {"HX-Request": "true"})[0]
    add_topics(world, 297, start=3)
    assert count_queries(visitor, url, {"HX-Request": "true"})[0] == few


def test_a_topic_with_a_long_history_costs_the_same_as_a_new_one(world, client_for):
    from regio.topics import services

    client = client_for(world.user("coordinator"))
    actor = world.user("coordinator")
    topic = services.topic_create(actor=actor, region=world.region, title="Druk onderwerp", spearheads=world.spearheads[:1])
    plain = count_queries(client, topic.get_absolute_url())[0]
    for i in range(15):
        services.result_save(actor=actor, topic=topic, description=f"Resultaat {i}", baseline=Decimal(0),
                             target_value=Decimal(10), current_value=Decimal(i % 10))
        services.topic_update(actor=actor, topic=topic, description=f"Versie {i}")
    for municipality in (world.own, world.other, world.third):
        services.participation_set(actor=actor, topic=topic, municipality=municipality, role="doet_mee")
    services.topic_partner_set(actor=actor, topic=topic, organisation=OrganisationFactory(), role="Subsidiegever")
    services.topic_lead_set(actor=actor, topic=topic, municipality=world.own)
    for status in ("verkennen", "concretiseren", "in_uitvoering"):
        services.topic_status_change(actor=actor, topic=topic, status=status, reason="Volgende stap")
    busy, queries = count_queries(client, topic.get_absolute_url())
    assert busy == plain, "\n".join(queries)
