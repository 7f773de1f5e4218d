"""The security log: grant changes, tokens and internal exports are recorded; the coordinator's page."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from regio.access.models import AccessLevel, Grant, SecurityEvent, SecurityEventKind
from regio.access.tests.factories import GrantFactory, UserFactory
from regio.conftest import signed_in_fully

pytestmark = pytest.mark.django_db


def kinds(**filters) -> list[str]:
    return list(SecurityEvent.objects.filter(**filters).order_by("id").values_list("kind", flat=True))


def test_grant_changes_in_the_admin_are_logged_with_who_did_it(world, caplog):
    admin = signed_in_fully(Client(), world.user("superuser"))
    newcomer = UserFactory(username="nieuwkomer")
    with caplog.at_level(logging.INFO, logger="regio.security"):
        response = admin.post(reverse("admin:access_grant_add"), {
            "user": newcomer.pk, "region": world.region.pk, "level": AccessLevel.READER, "municipality": "",
        })
        assert response.status_code == 302, response.content.decode()[:2000]
        grant = Grant.objects.get(user=newcomer)
        admin.post(reverse("admin:access_grant_change", args=[grant.pk]), {
            "user": newcomer.pk, "region": world.region.pk, "level": AccessLevel.COORDINATOR, "municipality": "",
        })
        admin.post(reverse("admin:access_grant_delete", args=[grant.pk]), {"post": "yes"})
    events = list(SecurityEvent.objects.filter(user=newcomer).order_by("id"))
    assert [e.kind for e in events] == [SecurityEventKind.GRANT_ADDED, SecurityEventKind.GRANT_CHANGED,
                                        SecurityEventKind.GRANT_REMOVED]
    assert [e.detail["level"] for e in events] == ["reader", "coordinator", "coordinator"]
    assert {e.actor for e in events} == {world.user("superuser")} and {e.region for e in events} == {world.region}
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "regio.security"]
    assert [(line["event"], line["username"], line["actor"], line["region"]) for line in lines[-3:]] == [
        ("grant_added", "nieuwkomer", "beheerder", "proefregio"),
        ("grant_changed", "nieuwkomer", "beheerder", "proefregio"),
        ("grant_removed", "nieuwkomer", "beheerder", "proefregio"),
    ]


def test_token_creation_and_renewal_are_logged_but_not_the_key(world, caplog):
    with caplog.at_level(logging.INFO, logger="regio.security"):
        out = io.StringIO()
        call_command("token", "lezer", stdout=out)
        call_command("token", "lezer", stdout=io.StringIO())  # the same token again: nothing new
        call_command("token", "lezer", "--renew", stdout=io.StringIO())
    assert kinds(user=world.user("reader"), kind__startswith="token") == [
        SecurityEventKind.TOKEN_CREATED, SecurityEventKind.TOKEN_RENEWED]
    assert out.getvalue().strip() not in caplog.text


def test_an_export_with_internal_items_is_logged(world, tmp_path):
    call_command("export", "--region", "proefregio", "--output", str(tmp_path / "export.json"), stderr=io.StringIO())
    event = SecurityEvent.objects.get(kind=SecurityEventKind.INTERNAL_EXPORT)
    assert event.region == world.region and event.detail["via"] == "regio export"


def test_the_coordinator_sees_the_region_log_and_nothing_of_other_regions(world, client_for, django_assert_max_num_queries):
    elsewhere = GrantFactory(reader=True, user=UserFactory(username="buitenstaander")).user
    for username in ("lezer", "buitenstaander", "onbekend"):
        Client().post(reverse("login"), {"username": username, "password": "fout"}, REMOTE_ADDR="10.1.1.1")
    Client().post(reverse("login"), {"username": "lezer", "password": "regio-test-wachtwoord"})
    call_command("export", "--region", "proefregio", "--output", "/dev/null", stderr=io.StringIO())
    call_command("export", "--region", "andere-regio", "--output", "/dev/null", stderr=io.StringIO())
    assert elsewhere.grants.get().region != world.region

    client = client_for(world.user("coordinator"))
    url = reverse("security-log", args=[world.region.slug])
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Beveiligingslog" in html
    assert html.count("inloggen mislukt") == 1 and "10.1.1.1" in html
    assert html.count(">ingelogd<") >= 2  # the reader's sign-in, and the coordinator's own
    assert html.count("export met interne onderdelen") == 1
    assert "buitenstaander" not in html and "onbekend" not in html
    assert 'href="%s"' % url in client.get(reverse("web:region-home", args=[world.region.slug])).content.decode()

    for n in range(60):
        SecurityEvent.objects.create(kind=SecurityEventKind.SIGN_IN, user=world.user("reader"), username="lezer")
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
    assert "Pagina 1 van 2" in client.get(url).content.decode()


@pytest.mark.parametrize("role, status", [("reader", 403), ("editor_own", 403), ("coordinator", 200), ("superuser", 200)])
def test_only_the_coordinator_may_read_the_log(world, client_for, role, status):
    response = client_for(world.user(role)).get(reverse("security-log", args=[world.region.slug]))
    assert response.status_code == status
    if status == 403:
        assert "Alleen de regiocoördinator ziet het beveiligingslog" in response.content.decode()
        assert "Beveiligingslog</a>" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    response = client.get(reverse("security-log", args=[world.region.slug]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
