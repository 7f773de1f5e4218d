"""What an API client may read: public items, plus internal items of regions where it has access."""

from __future__ import annotations

from django.db.models import Q

from regio.access.models import Grant
from regio.core.models import Visibility


def internal_region_ids(user) -> set[int] | None:
    """Regions whose internal items `user` may read; None means all (superuser)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    cached = getattr(user, "_regio_internal_regions", None)
    if cached is None:
        cached = user._regio_internal_regions = set(Grant.objects.filter(user=user).values_list("region_id", flat=True))
    return cached


def visible(queryset, user, *, region_field: str = "region"):
    return visible_in(queryset, internal_region_ids(user), region_field=region_field)


def visible_in(queryset, region_ids, *, region_field: str = "region"):
    """Public items, and internal items of the regions `region_ids` (None: all items)."""
    if region_ids is None:
        return queryset
    return queryset.filter(Q(visibility=Visibility.PUBLIC) | Q(**{f"{region_field}_id__in": region_ids}))
