"""Signed-in pages cache their region-wide parts as template fragments keyed by the region's change
counter: a repeat reads less, a write through a service shows at once, and what a reader may not
see never comes from a fragment cached for a coordinator."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.topics.services import topic_update
from regio.topics.tests.factories import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def get(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode(), len(queries.captured_queries)


@pytest.mark.parametrize("address", ["/proefregio/", "/proefregio/onderwerpen/"])
def test_a_repeat_reads_less_and_a_write_shows_at_once(client_for, world, address):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    client = client_for(world.user("coordinator"))
    first, first_queries = get(client, address)
    again, queries = get(client, address)
    assert "Warmtenet Oost" in first and "Warmtenet Oost" in again
    assert queries < first_queries

    topic_update(actor=world.user("coordinator"), topic=topic, title="Warmtenet West")
    after, after_queries = get(client, address)
    assert "Warmtenet West" in after and "Warmtenet Oost" not in after
    assert after_queries == first_queries


@pytest.mark.parametrize("address", ["/proefregio/", "/proefregio/onderwerpen/"])
def test_internal_topics_cached_for_a_coordinator_are_not_shown_to_an_anonymous_visitor(client_for, world, address):
    TopicFactory(region=world.region, title="Geheim dossier", slug="geheim", internal=True,
                 spearheads=world.spearheads[:1])
    assert "Geheim dossier" in get(client_for(world.user("coordinator")), address)[0]
    assert "Geheim dossier" not in get(client_for(world.user("anonymous")), address)[0]
