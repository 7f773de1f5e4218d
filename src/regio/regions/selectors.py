"""Reads of regions and their member municipalities."""

from __future__ import annotations

from django.db.models import QuerySet

from regio.regions.models import Municipality, Region


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("name")


def region_get(*, slug: str) -> Region:
    return Region.objects.get(slug=slug)


def region_members(*, region: Region) -> list[Municipality]:
    return list(Municipality.objects.filter(memberships__region=region).order_by("name"))


def member_get(*, region: Region, slug: str) -> Municipality:
    return Municipality.objects.get(memberships__region=region, slug=slug)
