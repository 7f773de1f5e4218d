"""Lockout after repeated failed sign-ins (django-axes), as seen through the real login page."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from regio.access.models import SecurityEvent, SecurityEventKind
from regio.access.tests.factories import PASSWORD, UserFactory
from regio.conftest import signed_in_fully

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def login_rate_out_of_the_way(settings):
    # These tests are about the lockout; the per-address rate limit on the login page has its own tests.
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "login": "10000/minute"}


def sign_in(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_120_wrong_passwords_lock_the_right_one_out_until_the_cool_off_has_passed(client):
    UserFactory(username="aanvaller-doel")
    start = timezone.now()
    with freeze_time(start):
        statuses = [sign_in(client, "aanvaller-doel", f"fout-{n}").status_code for n in range(120)]
        # The first 9 failures show the form again; from the 10th on the address is locked out.
        assert statuses[:9] == [200] * 9
        assert set(statuses[9:]) == {429}
        refused = sign_in(client, "aanvaller-doel", PASSWORD)
    assert refused.status_code == 429
    assert not signed_in(client)
    page = refused.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in page
    assert "over 15 minuten" in page
    assert refused["Retry-After"] == "900"

    with freeze_time(start + timedelta(minutes=14)):
        assert sign_in(client, "aanvaller-doel", PASSWORD).status_code == 429
    with freeze_time(start + timedelta(minutes=14) + timedelta(minutes=15, seconds=1)):
        response = sign_in(client, "aanvaller-doel", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_lockout_is_per_user_name_and_address(client):
    UserFactory(username="collega")
    for n in range(10):
        sign_in(client, "collega", f"fout-{n}", ip="10.0.0.66")
    assert sign_in(client, "collega", PASSWORD, ip="10.0.0.66").status_code == 429
    # The same colleague from their own address is not locked out by someone else's guessing.
    assert sign_in(client, "collega", PASSWORD, ip="10.0.0.7").status_code == 302


def test_an_admin_unlocks_by_deleting_the_access_attempt(client):
    admin_client = signed_in_fully(Client(), UserFactory(username="beheerder", superuser=True))
    UserFactory(username="vergeetachtig")
    for n in range(10):
        sign_in(client, "vergeetachtig", f"fout-{n}")
    assert sign_in(client, "vergeetachtig", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="vergeetachtig")
    changelist = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert "vergeetachtig" in changelist.content.decode()
    admin_client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.filter(username="vergeetachtig").exists()
    unlocked = SecurityEvent.objects.get(kind=SecurityEventKind.UNLOCKED)
    assert (unlocked.username, unlocked.actor.username, unlocked.detail) == (
        "vergeetachtig", "beheerder", {"locked_address": "10.0.0.1"})
    assert sign_in(client, "vergeetachtig", PASSWORD).status_code == 302


def test_failures_and_the_lockout_are_in_the_security_log(client, caplog):
    user = UserFactory(username="gelogd")
    with caplog.at_level(logging.INFO, logger="regio.security"):
        for n in range(10):
            sign_in(client, "gelogd", f"fout-{n}", ip="10.0.0.9")
    kinds = list(SecurityEvent.objects.filter(username="gelogd").order_by("id").values_list("kind", flat=True))
    # django-axes reports the lockout while handling the 10th failure, before Django reports that failure.
    assert kinds == [SecurityEventKind.SIGN_IN_FAILED] * 9 + [SecurityEventKind.LOCKED_OUT, SecurityEventKind.SIGN_IN_FAILED]
    locked = SecurityEvent.objects.get(kind=SecurityEventKind.LOCKED_OUT)
    assert (locked.user, locked.ip_address) == (user, "10.0.0.9")
    lines = [r.getMessage() for r in caplog.records if r.name == "regio.security"]
    assert len(lines) == 11
    assert '"event": "locked_out"' in lines[-2] and '"ip": "10.0.0.9"' in lines[-2]
    assert PASSWORD not in "".join(lines) and "fout-1" not in "".join(lines)


def test_a_successful_sign_in_is_logged_and_resets_the_count(client):
    UserFactory(username="bijna")
    for n in range(9):
        sign_in(client, "bijna", f"fout-{n}")
    assert sign_in(client, "bijna", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "bijna", "weer-fout").status_code == 200  # counting starts again
    assert SecurityEvent.objects.filter(username="bijna", kind=SecurityEventKind.SIGN_IN).count() == 1
