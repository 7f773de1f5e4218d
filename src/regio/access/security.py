"""The security log: one structured line on logger `regio.security` and one `SecurityEvent` row per event.

Sign-ins, failed sign-ins and lockouts arrive as signals of Django and django-axes (connected in
`AccessConfig.ready`); grant changes, tokens and exports call `security_event_record` themselves.
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.db import transaction

from regio.access.models import SecurityEvent, SecurityEventKind

logger = logging.getLogger("regio.security")


def client_address(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind REGIO_TRUSTED_PROXIES proxies the address the
    outermost trusted proxy put in X-Forwarded-For (the same rule as DRF's NUM_PROXIES)."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.REGIO_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return remote


def security_event_record(
    *,
    kind: SecurityEventKind,
    user=None,
    username: str = "",
    actor=None,
    request=None,
    region=None,
    detail: dict | None = None,
) -> SecurityEvent:
    """Store the event and write it as one JSON line (the line is written even if storing fails)."""
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    username = (username or (user.get_username() if user is not None else ""))[:150]
    address = client_address(request)
    line = {
        "event": str(kind),
        "username": username,
        "user_id": user.pk if user is not None else None,
        "actor": actor.get_username() if actor is not None else None,
        "ip": address,
        "region": region.slug if region is not None else None,
        **(detail or {}),
    }
    logger.info(json.dumps(line, ensure_ascii=False, sort_keys=True, default=str), extra={"security": line})
    with transaction.atomic():
        return SecurityEvent.objects.create(
            kind=kind,
            user=user,
            username=username,
            actor=actor,
            ip_address=address,
            region=region,
            detail=detail or {},
        )


def on_user_logged_in(sender, request, user, **kwargs):
    security_event_record(kind=SecurityEventKind.SIGN_IN, user=user, request=request)


def on_user_login_failed(sender, credentials, request=None, **kwargs):
    from django.contrib.auth import get_user_model

    if "username" not in (credentials or {}):
        return  # single sign-on: the OIDC backend logs its own failure, with the reason
    username = str(credentials["username"])
    user = get_user_model()._default_manager.filter(username=username).first() if username else None
    security_event_record(kind=SecurityEventKind.SIGN_IN_FAILED, user=user, username=username, request=request)


def on_user_locked_out(sender, request, username, ip_address, **kwargs):
    from django.contrib.auth import get_user_model

    user = get_user_model()._default_manager.filter(username=username).first() if username else None
    security_event_record(kind=SecurityEventKind.LOCKED_OUT, user=user, username=username or "", request=request)
