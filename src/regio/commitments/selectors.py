"""Reads of commitments, with promisers and recipients fetched up front.

Overdue and due soon are filters on the due date relative to `today`; nothing about them is stored.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from regio.access.policies import RegionAccess
from regio.commitments.models import DUE_SOON_DAYS, Commitment, CommitmentState
from regio.core.models import Visibility
from regio.regions.models import Municipality, Organisation, Region


def _visible(queryset: QuerySet[Commitment], access: RegionAccess) -> QuerySet[Commitment]:
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def _with_related(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    by_name = Municipality.objects.order_by("name")
    return queryset.select_related(
        "region", "recipient_organisation", "topic", "meeting", "evidence_meeting"
    ).prefetch_related(
        Prefetch("promised_by_municipalities", queryset=by_name),
        Prefetch("recipient_councils", queryset=by_name),
    )


def overdue_filter(queryset: QuerySet[Commitment], today: datetime.date) -> QuerySet[Commitment]:
    """The same rule as `Commitment.is_overdue`, as a query."""
    return queryset.filter(state=CommitmentState.OPEN, due_date__lt=today)


def due_soon_filter(queryset: QuerySet[Commitment], today: datetime.date) -> QuerySet[Commitment]:
    """The same rule as `Commitment.is_due_soon`, as a query."""
    return queryset.filter(
        state=CommitmentState.OPEN, due_date__gte=today, due_date__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    )


def commitment_list(
    *,
    region: Region,
    access: RegionAccess,
    council: Municipality | None = None,
    municipality: Municipality | None = None,
    state: str | None = None,
    overdue: bool = False,
    due_soon: bool = False,
    today: datetime.date | None = None,
) -> QuerySet[Commitment]:
    """Commitments of the region; `council` = promised to that council, `municipality` = promised by its college."""
    today = today or timezone.localdate()
    commitments = _visible(Commitment.objects.filter(region=region), access)
    if council is not None:
        commitments = commitments.filter(recipient_councils=council)
    if municipality is not None:
        commitments = commitments.filter(promised_by_municipalities=municipality)
    if state:
        commitments = commitments.filter(state=state)
    if overdue:
        commitments = overdue_filter(commitments, today)
    if due_soon:
        commitments = due_soon_filter(commitments, today)
    return _with_related(commitments.distinct()).order_by("due_date", "title")


def commitment_detail(*, region: Region, pk: int, access: RegionAccess) -> Commitment:
    """The commitment with what its page shows; raises Commitment.DoesNotExist when absent or not visible."""
    return _with_related(_visible(Commitment.objects.filter(region=region), access)).get(pk=pk)


@dataclass(frozen=True)
class CommitmentSignals:
    overdue: list[Commitment]
    due_soon: list[Commitment]
    overdue_count: int = 0
    due_soon_count: int = 0


def commitment_signals(
    *, region: Region, access: RegionAccess, today: datetime.date | None = None, limit: int = 10
) -> CommitmentSignals:
    """The first `limit` open commitments that are overdue and that are due soon, with the count of each."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    # A home shows title and date only: no prefetches, so the cost is the same for an empty list.
    open_ones = commitment_list(
        region=region, access=access, state=CommitmentState.OPEN, today=today
    ).prefetch_related(None)
    overdue = open_ones.filter(due_date__lt=today)
    due_soon = open_ones.filter(due_date__gte=today, due_date__lte=horizon)
    return CommitmentSignals(
        overdue=list(overdue[:limit]),
        due_soon=list(due_soon[:limit]),
        overdue_count=overdue.count(),
        due_soon_count=due_soon.count(),
    )


def organisation_choices() -> list[Organisation]:
    """The partners a promise can be made to."""
    return list(Organisation.objects.order_by("name"))
