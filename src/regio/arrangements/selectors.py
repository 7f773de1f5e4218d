"""Reading the register: arrangements with their participants and bodies in a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from regio.arrangements.models import Arrangement
from regio.core.models import Visibility
from regio.regions.models import Region


def arrangement_list(*, region: Region, public_only: bool = True) -> QuerySet[Arrangement]:
    queryset = Arrangement.objects.filter(region=region).prefetch_related(
        "participants", "partner_organisations", "bodies"
    )
    if public_only:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset.order_by("name")
