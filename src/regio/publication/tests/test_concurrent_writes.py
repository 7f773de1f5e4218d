"""Concurrent first writes through the API, with real threads on PostgreSQL: every request gets a
2xx or a 409 problem+json, never a 500 from a unique constraint, and the data is whole afterwards."""

from __future__ import annotations

import json
import threading

import pytest
from django.conf import settings
from django.db import connection, connections

from regio.publication.tests.api_scene import build_scene

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (REGIO_DATABASE_URL): SQLite lets one writer in at a time",
)
THREADS = 10
# available_apps makes the flush after each test TRUNCATE ... CASCADE: the search index table
# (documents_searchentry, no Django model) refers to regions_region.
TRANSACTIONAL = pytest.mark.django_db(transaction=True, available_apps=list(settings.INSTALLED_APPS))


def in_parallel(requests):
    """Run each (method, path, body, headers) in its own thread at once; the responses, in order."""
    from django.test import Client

    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)

    def run(index, method, path, body, headers):
        try:
            client = Client(raise_request_exception=False)
            barrier.wait()
            responses[index] = getattr(client, method)(path, json.dumps(body), content_type="application/json",
                                                      **headers)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def headers_for(user):
    from rest_framework.authtoken.models import Token

    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=user)[0].key}"}


def assert_no_server_error(responses, accepted):
    statuses = [r.status_code for r in responses]
    unexpected = [(r.status_code, r.content[:400]) for r in responses if r.status_code not in accepted]
    assert set(statuses) <= accepted, unexpected
    for response in responses:
        if response.status_code == 409:
            assert response["Content-Type"] == "application/problem+json"


@TRANSACTIONAL
def test_ten_parallel_topics_with_one_title(world, settings, tmp_path):
    from regio.topics.models import Topic

    settings.MEDIA_ROOT = tmp_path
    headers = headers_for(world.user("coordinator"))
    body = {"regio": world.region.slug, "titel": "Deelfietsen in de regio", "speerpunten": ["wonen"]}
    responses = in_parallel([("post", "/api/v1/onderwerpen", body, headers)] * THREADS)
    assert_no_server_error(responses, {201, 409})
    created = [r for r in responses if r.status_code == 201]
    slugs = sorted(Topic.objects.filter(region=world.region, title=body["titel"]).values_list("slug", flat=True))
    assert len(slugs) == len(created) >= 1
    assert len(set(slugs)) == len(slugs)


@TRANSACTIONAL
def test_parallel_first_decisions_and_participations(world, settings, tmp_path):
    from regio.meetings.models import MunicipalDecision
    from regio.topics.models import Participation

    settings.MEDIA_ROOT = tmp_path
    scene = build_scene(world)
    MunicipalDecision.objects.filter(agreement=scene.agreement).delete()
    coordinator = headers_for(world.user("coordinator"))
    decision = {"afspraak": scene.agreement.pk, "gemeente": "GM0547", "orgaan": "raad", "uitkomst": "ingestemd",
                "datum": "2019-04-01"}
    participation = {"deelname": "doet_mee", "toelichting": "Collegebesluit"}
    requests = [("post", "/api/v1/besluiten", decision, coordinator)] * 5 + [
        ("put", f"/api/v1/onderwerpen/{scene.topic.pk}/deelnames/GM0579", participation, coordinator)
    ] * 5
    responses = in_parallel(requests)
    assert_no_server_error(responses, {200, 201, 409})
    assert MunicipalDecision.objects.filter(agreement=scene.agreement, municipality=world.other).count() == 1
    assert Participation.objects.filter(topic=scene.topic, municipality=world.third).count() == 1
