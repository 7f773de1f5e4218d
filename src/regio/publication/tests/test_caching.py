"""HTTP caching of the public site and API: ETag/Last-Modified from the region's change counter,
304 without rendering, the anonymous whole-page cache, and Cache-Control per audience."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.publication.caching import MAX_AGE
from regio.topics.services import topic_update
from regio.topics.tests.factories import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

LIST = "/openbaar/proefregio/onderwerpen/"
DETAIL = "/openbaar/proefregio/onderwerpen/warmte/"
API_LIST = "/api/v1/onderwerpen"


@pytest.fixture
def topic(world):
    return TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])


def get(client, address, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, headers=headers)
    return response, len(queries.captured_queries)


@pytest.mark.parametrize("address", [LIST, DETAIL, "/openbaar/proefregio/", API_LIST])
def test_anonymous_public_responses_carry_validators_and_public_cache_control(client, topic, address):
    response, _ = get(client, address)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    assert response["Cache-Control"] == f"public, max-age={MAX_AGE}, stale-while-revalidate=300"
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


@pytest.mark.parametrize("address", [LIST, DETAIL, API_LIST])
def test_a_matching_conditional_get_is_answered_304_reading_only_the_counter(client, topic, address):
    etag = get(client, address)[0]["ETag"]
    response, queries = get(client, address, if_none_match=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert queries == 1  # the change counter; no view ran, nothing was rendered


def test_if_modified_since_is_answered_304_too(client, topic):
    last_modified = get(client, LIST)[0]["Last-Modified"]
    assert get(client, LIST, if_modified_since=last_modified)[0].status_code == 304


def test_the_second_anonymous_request_is_served_from_the_cache(client, topic):
    first, first_queries = get(client, LIST)
    second, queries = get(client, LIST)
    assert first["X-Regio-Cache"] == "miss" and second["X-Regio-Cache"] == "hit"
    assert second.content.decode().count("Warmtenet Oost") == first.content.decode().count("Warmtenet Oost") >= 1
    assert queries == 1 < first_queries


def test_no_stale_page_after_a_write(client, world, topic):
    before, _ = get(client, DETAIL)
    assert "Warmtenet Oost" in before.content.decode()

    topic_update(actor=world.user("coordinator"), topic=topic, title="Warmtenet West")
    topic.refresh_from_db()  # a new title may give a new address

    for address in (f"/openbaar/proefregio/onderwerpen/{topic.slug}/", LIST):
        after, _ = get(client, address)
        html = after.content.decode()
        assert "Warmtenet West" in html and "Warmtenet Oost" not in html, address
    assert get(client, LIST, if_none_match=before["ETag"])[0].status_code == 200
    assert get(client, LIST)[0]["ETag"] != before["ETag"]


def test_a_write_in_another_region_keeps_this_regions_cache(client, world, topic):
    from regio.topics.services import topic_create

    etag = get(client, LIST)[0]["ETag"]
    other = world.foreign_spearhead.vision.region
    topic_create(actor=world.user("superuser"), region=other, title="Elders", spearheads=[world.foreign_spearhead])
    assert get(client, LIST, if_none_match=etag)[0].status_code == 304


def test_the_cache_and_etag_vary_with_the_language(client, topic):
    dutch = get(client, LIST)[0]
    client.cookies["django_language"] = "en"
    english = get(client, LIST)[0]
    assert dutch["ETag"] != english["ETag"]
    assert english["X-Regio-Cache"] == "miss"
    assert "Onderwerpen" in dutch.content.decode()
    assert "Topics" in english.content.decode()
    assert get(client, LIST, if_none_match=dutch["ETag"])[0].status_code == 200


def test_a_cached_page_gets_the_visitors_own_csrf_token(client, topic):
    get(client, LIST)  # fills the cache
    client.cookies.clear()
    served, _ = get(client, LIST)
    html = served.content.decode()
    assert served["X-Regio-Cache"] == "hit"
    assert "regio-csrf-token-placeholder" not in html and 'name="csrfmiddlewaretoken" value="' in html
    assert "csrftoken" in served.cookies


def test_signed_in_visitors_get_private_no_store_and_no_shared_copy(client, world, topic):
    client.force_login(world.user("reader"))
    for address in (LIST, f"/{world.region.slug}/onderwerpen/", f"/{world.region.slug}/"):
        response, _ = get(client, address)
        assert response.status_code == 200, address
        assert response["Cache-Control"] == "private, no-store", address
        assert "X-Regio-Cache" not in response and "ETag" not in response


def test_api_requests_with_a_token_are_private(client, world, topic):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.user("reader"))
    response, _ = get(client, API_LIST, authorization=f"Token {token.key}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    # Not the public cache tag (what a signed-in client reads depends on its rights): its answer's own checksum.
    client.logout()
    assert response["ETag"] != get(client, API_LIST)[0]["ETag"]


def test_api_etag_follows_every_change(client, world, topic):
    etag = get(client, API_LIST)[0]["ETag"]
    topic_update(actor=world.user("coordinator"), topic=topic, title="Warmtenet West")
    response, _ = get(client, API_LIST, if_none_match=etag)
    assert response.status_code == 200 and "Warmtenet West" in response.content.decode()


def test_an_api_item_with_its_own_tag_is_cached_too_and_answers_304_from_the_cache(client, world, topic):
    address = f"/api/v1/onderwerpen/{topic.pk}"
    first, first_queries = get(client, address)
    second, queries = get(client, address)
    assert first["X-Regio-Cache"] == "miss" and second["X-Regio-Cache"] == "hit"
    assert second.content == first.content and queries == 1 < first_queries
    # The same exact tag (the topic's version and the data's change tag) from the cache as from the view.
    assert second["ETag"] == first["ETag"] and first["ETag"].startswith(f'"topic-{topic.pk}-v1.')
    not_modified, queries = get(client, address, if_none_match=first["ETag"])
    assert not_modified.status_code == 304 and queries == 1
    # A write: a new answer with the new version's tag, not the cached one.
    topic_update(actor=world.user("coordinator"), topic=topic, title="Warmtenet West")
    after, _ = get(client, address, if_none_match=first["ETag"])
    assert after.status_code == 200 and after["X-Regio-Cache"] == "miss"
    assert after.json()["titel"] == "Warmtenet West" and after["ETag"].startswith(f'"topic-{topic.pk}-v2.')
