"""Reads of the access app: the security log as a coordinator sees it."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from regio.access.models import Grant, SecurityEvent


def security_events_for_region(*, region) -> QuerySet[SecurityEvent]:
    """Events about the region (grants, exports) and sign-in events of the people who hold a grant in it."""
    holders = Grant.objects.filter(region=region).values("user_id")
    return (
        SecurityEvent.objects.filter(Q(region=region) | Q(region__isnull=True, user_id__in=holders))
        .select_related("user", "actor", "region")
        .order_by("-occurred_at", "-id")
    )
