"""Reads of a region's vision, spearheads and milestones."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from regio.regions.models import Region
from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption


def region_vision(*, region: Region) -> Vision | None:
    """The region's vision with its spearheads and adoptions, or None when it has none yet."""
    return (
        Vision.objects.filter(region=region)
        .prefetch_related(
            Prefetch("spearheads", queryset=Spearhead.objects.order_by("order")),
            Prefetch("adoptions", queryset=VisionAdoption.objects.select_related("municipality")),
        )
        .order_by("pk")
        .first()
    )


def region_spearheads(*, region: Region) -> QuerySet[Spearhead]:
    return Spearhead.objects.filter(vision__region=region).order_by("vision_id", "order")


def region_milestones(*, region: Region) -> QuerySet[Milestone]:
    return Milestone.objects.filter(region=region).order_by("start", "end", "title")
