"""Rate limits: DRF's throttles (maintained, cache-based) for the API and, through one decorator,
for the web's sign-in, upload and search.

Rates come from `settings.REGIO_RATE_LIMITS` (scope → "N/second|minute|hour|day"), read on each
request, so deployments set them through the environment and tests can raise them for one test.
Counts live in Django's default cache: with several processes that must be a shared cache (Redis).
"""

from __future__ import annotations

import time
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

from regio.access.security import client_address


class _SettingsRate:
    def get_rate(self):
        return settings.REGIO_RATE_LIMITS[self.scope]

    def get_ident(self, request) -> str:
        return client_address(request) or ""

    def timer(self) -> float:
        # Looked up on each call (DRF binds time.time once), so a frozen clock in tests applies too.
        return time.time()


class ApiAnonymousThrottle(_SettingsRate, AnonRateThrottle):
    """Requests without a token, counted per client address."""

    scope = "api_anonymous"


class ApiTokenThrottle(_SettingsRate, UserRateThrottle):
    """Requests with a token, counted per token holder (one token per user)."""

    scope = "api_token"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # ApiAnonymousThrottle counts these
        return super().get_cache_key(request, view)


class WebThrottle(_SettingsRate, SimpleRateThrottle):
    """A web page's limit: per signed-in user, else per client address."""

    def __init__(self, scope: str):
        self.scope = scope
        super().__init__()

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = f"user-{user.pk}" if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def too_many_requests(request, wait: float | None):
    seconds = max(1, int(wait or 1))
    response = render(
        request,
        "429.html",
        {"seconds": seconds, "message": _("Too many requests in a short time. Try again in %(seconds)s seconds.")
         % {"seconds": seconds}},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def rate_limited(scope: str, *, methods: tuple[str, ...] = ("GET", "POST"), when=None):
    """Limit a web view to `settings.REGIO_RATE_LIMITS[scope]` requests; over it, a Dutch 429 page.

    `when(request)`, if given, says which requests count (e.g. only those with a search query)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (when is None or when(request)):
                throttle = WebThrottle(scope)
                if not throttle.allow_request(request, None):
                    return too_many_requests(request, throttle.wait())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
