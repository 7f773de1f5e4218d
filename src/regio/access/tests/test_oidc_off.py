"""Without REGIO_OIDC_* single sign-on does not exist: its addresses answer 404, never a redirect (loop)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regio.access.tests.factories import UserFactory
from regio.conftest import signed_in_fully


@pytest.fixture
def no_sso(settings):
    settings.REGIO_OIDC_ENABLED = False
    settings.OIDC_RP_CLIENT_ID = ""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = ""


@pytest.mark.parametrize("name", ["oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_single_sign_on_addresses_are_404_when_it_is_not_configured(db, client, no_sso, name, signed_in):
    if signed_in:
        signed_in_fully(client, UserFactory(username="iemand"))
    for method in ("get", "post"):
        response = getattr(client, method)(reverse(name))
        assert response.status_code == 404, (method, response.status_code, response.get("Location"))
