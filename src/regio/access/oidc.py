"""Single sign-on with OpenID Connect (mozilla-django-oidc): signing in with the organisation's account.

The provider only says who someone is. The account is an existing Regio account found by e-mail
address (or by user name = another claim, `REGIO_OIDC_MATCH_CLAIM`); no account is created and no
right is given: what a user may do stays in their grants, set by an admin. Two-factor
authentication, where required, still follows.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from regio.access.models import SecurityEventKind
from regio.access.security import security_event_record


class RegioOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.REGIO_OIDC_ENABLED:
            return None
        self.request = request
        return super().authenticate(request, **kwargs)

    def _claim(self, claims) -> str:
        return str(claims.get(settings.REGIO_OIDC_MATCH_CLAIM) or "").strip()

    def verify_claims(self, claims) -> bool:
        if not self._claim(claims):
            return False
        if settings.REGIO_OIDC_MATCH_CLAIM == "email" and claims.get("email_verified") is False:
            return False  # an address the provider has not checked is no proof of identity
        return True

    def filter_users_by_claims(self, claims):
        value = self._claim(claims)
        users = get_user_model()._default_manager.filter(is_active=True)
        if not value:
            return users.none()
        if settings.REGIO_OIDC_MATCH_CLAIM == "email":
            return users.filter(email__iexact=value)
        return users.filter(username=value)

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            security_event_record(
                kind=SecurityEventKind.SIGN_IN_FAILED, request=getattr(self, "request", None),
                detail={"via": "sso", "reason": "no single matching account"},
            )
        return user

    def create_user(self, claims):
        return None  # never: an account comes from an admin, with its grants

    def update_user(self, user, claims):
        return user  # the provider changes nothing in Regio's account


def only_when_configured(view):
    """Single sign-on's addresses exist only with REGIO_OIDC_* set: otherwise 404, not a hand-over to no provider
    (which redirected back and forth)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.REGIO_OIDC_ENABLED:
            raise Http404(_("Signing in with an organisation account is not set up on this site."))
        return view(request, *args, **kwargs)

    return wrapper


def sso_urlpatterns() -> list:
    """mozilla-django-oidc's addresses, each behind `only_when_configured`."""
    from django.urls import path
    from mozilla_django_oidc import urls

    return [path(str(p.pattern), only_when_configured(p.callback), name=p.name) for p in urls.urlpatterns]
