"""Writes on regions themselves: the change counter every other service raises (see core.changes)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F
from django.utils import timezone

from regio.regions.models import Region


def region_counter_bump(region_ids: Iterable[int]) -> None:
    """Raise the change counter of these regions by one; call it inside the changing transaction."""
    Region.objects.filter(pk__in=list(region_ids)).update(
        change_count=F("change_count") + 1, changed_at=timezone.now()
    )
