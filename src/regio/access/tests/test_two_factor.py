"""Two-factor authentication: required for coordinators and staff, optional for others; TOTP codes."""

from __future__ import annotations

import base64
import re

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from regio.access.models import SecurityEvent, SecurityEventKind
from regio.access.tests.factories import PASSWORD, GrantFactory, UserFactory

pytestmark = pytest.mark.django_db

SETUP = "/account/tweestapsverificatie/instellen/"
VERIFY = "/account/tweestapsverificatie/"


@pytest.fixture(autouse=True)
def login_rate_out_of_the_way(settings):
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "login": "10000/minute"}


def sign_in(client, username: str, next_url: str = "/"):
    return client.post(f"{reverse('login')}?next={next_url}", {"username": username, "password": PASSWORD,
                                                               "next": next_url})


def current_code(key: bytes) -> str:
    return f"{totp(key):06d}"


def setup_secret(page: str) -> bytes:
    secret = re.search(r'<code class="regio-secret">([A-Z2-7=]+)</code>', page).group(1)
    return base64.b32decode(secret)


def test_a_coordinator_sets_up_the_app_before_anything_else(client, world):
    home = reverse("web:region-home", args=[world.region.slug])
    with freeze_time("2026-03-02 10:00:00"):
        response = sign_in(client, "coordinator", home)
        assert response.status_code == 302
        # Every page sends them on: first to verify, which sends a user without a device to set-up.
        to_verify = client.get(home)
        assert to_verify.status_code == 302 and to_verify["Location"].startswith(VERIFY)
        to_setup = client.get(to_verify["Location"])
        assert to_setup.status_code == 302 and to_setup["Location"].startswith(SETUP)
        assert client.get("/beheer/").status_code == 302
        assert client.get(f"/api/v1/regios").status_code == 200  # the API uses tokens, not this session
        page = client.get(to_setup["Location"])
        html = page.content.decode()
        assert page.status_code == 200
        assert "Tweestapsverificatie instellen" in html
        assert "Uw rol vraagt om een tweede stap" in html
        assert 'src="data:image/svg+xml;base64,' in html
        key = setup_secret(html)

        wrong = client.post(to_setup["Location"], {"token": f"{(totp(key) + 1) % 1_000_000:06d}", "next": home})
        assert wrong.status_code == 200
        assert "Deze code klopt niet" in wrong.content.decode()
        assert not TOTPDevice.objects.get(user=world.user("coordinator")).confirmed
        assert client.get(home).status_code == 302
    with freeze_time("2026-03-02 10:00:20"):  # django-otp slows down after a wrong code
        done = client.post(to_setup["Location"], {"token": current_code(key), "next": home})
        assert done.status_code == 302 and done["Location"] == home
        assert client.get(home).status_code == 200
    device = TOTPDevice.objects.get(user=world.user("coordinator"))
    assert device.confirmed
    kinds = set(SecurityEvent.objects.filter(user=world.user("coordinator")).values_list("kind", flat=True))
    assert {SecurityEventKind.SIGN_IN, SecurityEventKind.OTP_FAILED, SecurityEventKind.OTP_DEVICE_ADDED} <= kinds


def confirmed_device_for(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def test_the_next_sign_in_asks_for_a_code_and_refuses_a_wrong_one(client, world):
    device = confirmed_device_for(world.user("coordinator"))
    home = reverse("web:region-home", args=[world.region.slug])
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "coordinator", home)
        response = client.get(home)
        assert response["Location"].startswith(VERIFY)
        page = client.get(response["Location"]).content.decode()
        assert "Tweestapsverificatie" in page and "code van zes cijfers" in page
        badly_formed = client.post(VERIFY, {"token": "12ab", "next": home})
        assert "Vul de zes cijfers in die uw app toont." in badly_formed.content.decode()
        wrong = client.post(VERIFY, {"token": f"{(totp(device.bin_key) + 7) % 1_000_000:06d}", "next": home})
        assert "Deze code klopt niet" in wrong.content.decode()
        assert client.get(home).status_code == 302
    with freeze_time("2026-03-02 10:00:10"):  # django-otp slows down after a wrong code
        right = client.post(VERIFY, {"token": current_code(device.bin_key), "next": home})
        assert right.status_code == 302 and right["Location"] == home
        assert client.get(home).status_code == 200


def test_repeated_wrong_codes_are_slowed_down(client, world):
    device = confirmed_device_for(world.user("coordinator"))
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "coordinator")
        wrong = f"{(totp(device.bin_key) + 3) % 1_000_000:06d}"
        client.post(VERIFY, {"token": wrong})
        client.post(VERIFY, {"token": wrong})
        refused = client.post(VERIFY, {"token": current_code(device.bin_key)})
    assert "Te veel foute codes achter elkaar" in refused.content.decode()


def test_staff_need_it_too(client):
    UserFactory(username="medewerker", is_staff=True)
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "medewerker", "/beheer/")
        assert client.get("/beheer/")["Location"].startswith(VERIFY)


def test_readers_and_editors_may_go_without(client, world):
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "lezer")
        assert client.get(reverse("web:region-home", args=[world.region.slug])).status_code == 200
        page = client.get(SETUP).content.decode()
        assert "U kunt uw account beschermen" in page
        key = setup_secret(page)
        assert client.post(SETUP, {"token": current_code(key)}).status_code == 302
    client.logout()
    # Once set up, it is asked for at every sign-in, as for a coordinator.
    with freeze_time("2026-03-02 10:05:00"):
        sign_in(client, "lezer")
        assert client.get(reverse("web:region-home", args=[world.region.slug]))["Location"].startswith(VERIFY)


def test_the_password_alone_cannot_replace_the_device(client, world):
    confirmed_device_for(world.user("coordinator"))
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "coordinator")
        response = client.get(SETUP)
    assert response.status_code == 302 and response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=world.user("coordinator")).count() == 1


def test_after_the_code_it_does_not_send_you_to_another_site(client, world):
    device = confirmed_device_for(world.user("coordinator"))
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "coordinator")
        response = client.post(VERIFY, {"token": current_code(device.bin_key), "next": "https://aanvaller.example/"})
    assert response["Location"] == reverse("web:index")


def test_a_new_coordinator_grant_counts_from_the_next_sign_in(client, world):
    user = UserFactory(username="nieuw")
    with freeze_time("2026-03-02 10:00:00"):
        sign_in(client, "nieuw")
        assert client.get(reverse("web:index")).status_code in (200, 302)
        GrantFactory(coordinator=True, region=world.region, user=user)
        client.logout()
        sign_in(client, "nieuw")
        assert client.get(reverse("web:region-home", args=[world.region.slug]))["Location"].startswith(VERIFY)
