"""Two-factor authentication (TOTP via django-otp): required for coordinators and staff, optional for others.

At every sign-in (any way in: the login page, the admin's, single sign-on) the session records
whether this user needs a second factor: staff, superusers, coordinators, and everyone who has set
one up. Until the code is entered, `TwoFactorMiddleware` sends such a user to the verify page (or to
set-up, when there is no device yet). The session's marks cost no query on later requests.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from regio.access.models import AccessLevel, Grant

REQUIRED_KEY = "regio_2fa_required"
VERIFIED_KEY = "regio_2fa_verified"


def two_factor_required_by_role(user) -> bool:
    return bool(
        user.is_staff
        or user.is_superuser
        or Grant.objects.filter(user=user, level=AccessLevel.COORDINATOR).exists()
    )


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def on_user_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    required = settings.REGIO_TWO_FACTOR_REQUIRED and two_factor_required_by_role(user)
    request.session[REQUIRED_KEY] = bool(required or confirmed_device(user) is not None)
    request.session[VERIFIED_KEY] = False


def mark_verified(request) -> None:
    request.session.cycle_key()
    request.session[VERIFIED_KEY] = True


def needs_verification(request) -> bool:
    session = getattr(request, "session", None)
    return bool(
        session is not None
        and session.get(REQUIRED_KEY)
        and not session.get(VERIFIED_KEY)
        and request.user.is_authenticated
    )


class TwoFactorMiddleware:
    """Send a signed-in user who still owes a second factor to the verify page, before anything else."""

    # Pages such a user may still open: the two-factor pages themselves, signing out, the language switch.
    EXEMPT_NAMES = ("two-factor-verify", "two-factor-setup", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_verification(request) and not self._exempt(request.path):
            return redirect(f"{reverse('two-factor-verify')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _exempt(self, path: str) -> bool:
        if path.startswith("/" + settings.STATIC_URL.strip("/") + "/") or path.startswith("/api/"):
            return True
        return any(path == reverse(name) for name in self.EXEMPT_NAMES)
