"""Single sign-on with OpenID Connect against a real provider (django-oauth-toolkit, own process):
the whole authorisation-code flow, with real token, JWKS and userinfo calls from Regio."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
import requests
from django.urls import reverse

from regio.access.models import Grant, SecurityEvent, SecurityEventKind
from regio.access.tests.factories import GrantFactory, UserFactory
from regio.access.tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, oidc_provider

PEOPLE = [
    ("j.jansen", "j.jansen@leiden.example.nl"),
    ("onbekende", "onbekend@elders.example.nl"),
    ("coordinatie", "coordinatie@regio.example.nl"),
]


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with oidc_provider(tmp_path_factory.mktemp("oidc-provider"), people=PEOPLE) as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    settings.REGIO_OIDC_ENABLED = True
    settings.REGIO_OIDC_MATCH_CLAIM = "email"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    for name, value in provider.endpoints().items():
        setattr(settings, name, value)
    return provider


def sign_in_at_the_provider(client, provider, username: str, next_url: str = "/"):
    """Go through the flow as a browser would: Regio → provider (sign in, authorise) → Regio's callback."""
    start = client.get(f"{reverse('oidc_authentication_init')}?next={quote(next_url)}")
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/o/authorize/")
    browser = requests.Session()
    authorize = start["Location"][len(provider.url):]
    response = browser.get(
        f"{provider.url}/inloggen",
        params={"username": username, "password": "wachtwoord-bij-de-provider", "next": authorize},
        allow_redirects=False, timeout=30,
    )
    for _ in range(5):
        location = response.headers["Location"]
        if location.startswith("http://testserver/"):
            break
        response = browser.get(location if location.startswith("http") else provider.url + location,
                               allow_redirects=False, timeout=30)
    callback = urlsplit(location)
    assert callback.path == "/account/sso/callback/" and "code=" in callback.query
    return client.get(f"{callback.path}?{callback.query}")


@pytest.mark.django_db
def test_an_existing_account_signs_in_by_its_e_mail_address_and_gets_no_rights(client, sso, world):
    user = UserFactory(username="jansen", email="J.Jansen@leiden.example.nl")
    grants_before = Grant.objects.count()
    home = reverse("web:region-home", args=[world.region.slug])
    response = sign_in_at_the_provider(client, sso, "j.jansen", home)
    assert response.status_code == 302 and response["Location"] == home
    assert int(client.session["_auth_user_id"]) == user.pk
    assert Grant.objects.count() == grants_before and not user.grants.exists()
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEventKind.SIGN_IN).count() == 1
    user.refresh_from_db()
    assert (user.username, user.email) == ("jansen", "J.Jansen@leiden.example.nl")  # nothing overwritten


@pytest.mark.django_db
def test_no_account_is_created_for_someone_unknown(client, sso, world):
    from django.contrib.auth import get_user_model

    users_before = get_user_model().objects.count()
    response = sign_in_at_the_provider(client, sso, "onbekende")
    assert response.status_code == 302 and response["Location"] == "/account/inloggen/?sso=mislukt"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.count() == users_before
    page = client.get(response["Location"]).content.decode()
    assert "Inloggen met uw organisatie-account is niet gelukt" in page
    failed = SecurityEvent.objects.get(kind=SecurityEventKind.SIGN_IN_FAILED)
    assert failed.detail["via"] == "sso"


@pytest.mark.django_db
def test_a_coordinator_still_needs_the_second_factor(client, sso, world):
    GrantFactory(coordinator=True, region=world.region,
                 user=UserFactory(username="coordinatie", email="coordinatie@regio.example.nl"))
    home = reverse("web:region-home", args=[world.region.slug])
    sign_in_at_the_provider(client, sso, "coordinatie", home)
    response = client.get(home)
    assert response.status_code == 302 and response["Location"].startswith("/account/tweestapsverificatie/")


@pytest.mark.django_db
def test_matching_by_another_claim(client, sso, settings, world):
    settings.REGIO_OIDC_MATCH_CLAIM = "preferred_username"
    user = UserFactory(username="j.jansen", email="ander@adres.example.nl")
    sign_in_at_the_provider(client, sso, "j.jansen")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_the_login_page_offers_it_only_when_configured(client, settings):
    settings.REGIO_OIDC_ENABLED = False
    assert "organisatie-account" not in client.get(reverse("login")).content.decode()
    settings.REGIO_OIDC_ENABLED = True
    page = client.get(reverse("login") + "?next=/proefregio/").content.decode()
    assert "Inloggen met uw organisatie-account" in page
    assert f'href="{reverse("oidc_authentication_init")}?next=/proefregio/"' in page
