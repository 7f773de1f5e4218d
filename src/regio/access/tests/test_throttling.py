"""Rate limits on the API (anonymous and per token) and on sign-in, upload and search."""

from __future__ import annotations

import pytest
from django.urls import reverse
from freezegun import freeze_time
from rest_framework.authtoken.models import Token

from regio.access.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/regios"


def test_300_anonymous_api_calls_end_in_429_problem_json_with_retry_after(client, world):
    with freeze_time("2026-03-02 10:00:00"):
        statuses = [client.get(API, REMOTE_ADDR="192.0.2.10").status_code for _ in range(300)]
        # The default: 120 requests a minute without a token.
        assert statuses[:120] == [200] * 120
        assert set(statuses[120:]) == {429}
        response = client.get(API, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    body = response.json()
    assert (body["status"], body["code"], body["title"]) == (429, "throttled", "Te veel verzoeken")
    assert "Probeer het over" in body["detail"]
    # Another address is counted on its own.
    with freeze_time("2026-03-02 10:00:00"):
        assert client.get(API, REMOTE_ADDR="192.0.2.11").status_code == 200
    with freeze_time("2026-03-02 10:01:01"):
        assert client.get(API, REMOTE_ADDR="192.0.2.10").status_code == 200


def test_api_calls_with_a_token_are_counted_per_token(client, world, settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "api_token": "5/minute", "api_anonymous": "2/minute"}
    first = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=world.user('reader')).key}"}
    second = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=world.user('coordinator')).key}"}
    with freeze_time("2026-03-02 10:00:00"):
        # Same address, different tokens: each has its own 5; the anonymous limit of 2 does not apply.
        assert [client.get(API, **first).status_code for _ in range(6)] == [200] * 5 + [429]
        assert [client.get(API, **second).status_code for _ in range(5)] == [200] * 5
        assert [client.get(API).status_code for _ in range(3)] == [200, 200, 429]


def test_the_login_page_limits_attempts_per_address(client, settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "login": "3/minute"}
    UserFactory(username="a")
    with freeze_time("2026-03-02 10:00:00"):
        # Different user names from one address: the lockout (per name + address) would not stop this.
        statuses = [
            client.post(reverse("login"), {"username": f"naam{n}", "password": "x"}, REMOTE_ADDR="192.0.2.20").status_code
            for n in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
        refused = client.post(reverse("login"), {"username": "a", "password": "x"}, REMOTE_ADDR="192.0.2.20")
        assert client.get(reverse("login"), REMOTE_ADDR="192.0.2.20").status_code == 200  # the form itself
    assert refused.status_code == 429
    assert "Te veel verzoeken" in refused.content.decode()
    assert int(refused["Retry-After"]) >= 1


def test_search_is_limited_per_user(client_for, world, settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "search": "2/minute"}
    client = client_for(world.user("reader"))
    url = reverse("web:search", args=[world.region.slug])
    with freeze_time("2026-03-02 10:00:00"):
        assert [client.get(url, {"q": "wonen"}).status_code for _ in range(3)] == [200, 200, 429]


def test_public_document_search_is_limited_only_when_searching(client, world, settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "search": "1/minute"}
    url = reverse("publication:document-list", args=[world.region.slug])
    with freeze_time("2026-03-02 10:00:00"):
        assert [client.get(url).status_code for _ in range(3)] == [200] * 3
        assert [client.get(url, {"q": "wonen"}).status_code for _ in range(2)] == [200, 429]


def test_upload_is_limited_per_user(client_for, world, settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "upload": "1/hour"}
    client = client_for(world.user("coordinator"))
    url = reverse("web:document-upload", args=[world.region.slug])
    with freeze_time("2026-03-02 10:00:00"):
        assert client.get(url).status_code == 200
        assert client.post(url, {}).status_code == 200  # counted, and the form reports what is missing
        assert client.post(url, {}).status_code == 429


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client, world, settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "api_anonymous": "2/minute"}
    with freeze_time("2026-03-02 10:00:00"):
        statuses = [client.get(API, REMOTE_ADDR="192.0.2.30", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
                    for n in range(3)]
    assert statuses == [200, 200, 429]


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, world, settings):
    settings.REGIO_TRUSTED_PROXIES = 1
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "api_anonymous": "2/minute"}
    with freeze_time("2026-03-02 10:00:00"):
        # Two clients behind one proxy (10.0.0.2): each has its own count.
        first = [client.get(API, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code
                 for _ in range(3)]
        second = client.get(API, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.2")
    assert first == [200, 200, 429]
    assert second.status_code == 200
