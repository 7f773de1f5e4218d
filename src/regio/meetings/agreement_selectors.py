"""Reads of agreements: participants and decisions fetched up front, and the consent matrix per agreement.

The matrix has one row per participating municipality. Whether a municipality is bound is read only
from its own decisions (`ConsentCell.adopted`); the agreement's state is derived, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.meetings.models import (
    Agreement,
    ConsentCell,
    ConsentState,
    DecisionKind,
    Meeting,
    MunicipalDecision,
    Organ,
    consent_cells,
    consent_state,
)
from regio.regions.models import Municipality, Region


def _visible(queryset: QuerySet[Agreement], access: RegionAccess) -> QuerySet[Agreement]:
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def _with_decisions(queryset: QuerySet[Agreement]) -> QuerySet[Agreement]:
    return queryset.select_related("region", "topic", "meeting").prefetch_related(
        Prefetch("participants", queryset=Municipality.objects.order_by("name")),
        Prefetch("decisions", queryset=MunicipalDecision.objects.select_related("municipality")),
    )


def agreement_list(
    *, region: Region, access: RegionAccess, municipality: Municipality | None = None
) -> QuerySet[Agreement]:
    agreements = _visible(Agreement.objects.filter(region=region), access)
    if municipality is not None:
        agreements = agreements.filter(participants=municipality)
    return _with_decisions(agreements).order_by("-made_on", "title")


def agreement_detail(*, region: Region, pk: int, access: RegionAccess) -> Agreement:
    """The agreement with its participants and decisions; raises Agreement.DoesNotExist when absent or not visible."""
    return _with_decisions(_visible(Agreement.objects.filter(region=region), access)).get(pk=pk)


@dataclass(frozen=True)
class MatrixRow:
    """What one participating municipality decided, and whether the agreement binds it."""

    municipality: Municipality
    cell: ConsentCell
    council_view: MunicipalDecision | None

    @property
    def college(self) -> MunicipalDecision | None:
        return self.cell.college

    @property
    def council(self) -> MunicipalDecision | None:
        return self.cell.council

    @property
    def needs_council(self) -> bool:
        return self.cell.needs_council

    @property
    def adopted(self) -> bool:
        return self.cell.adopted

    @property
    def rejected(self) -> bool:
        return self.cell.rejected


@dataclass(frozen=True)
class Consent:
    """The consent matrix of one agreement and the state derived from it."""

    rows: list[MatrixRow]
    state: str

    @property
    def state_label(self) -> str:
        return ConsentState(self.state).label

    @property
    def adopted_by(self) -> list[Municipality]:
        return [row.municipality for row in self.rows if row.adopted]

    @property
    def not_yet(self) -> list[Municipality]:
        """Participants for whom the agreement is not (yet) binding."""
        return [row.municipality for row in self.rows if not row.adopted]

    @property
    def rejected_by(self) -> list[Municipality]:
        return [row.municipality for row in self.rows if row.rejected]


def agreement_consent(agreement: Agreement) -> Consent:
    """The matrix of a prefetched agreement (see `agreement_list`), without further queries."""
    participants = list(agreement.participants.all())
    cells = {cell.municipality_id: cell for cell in consent_cells(agreement)}
    views = {
        d.municipality_id: d
        for d in agreement.decisions.all()
        if d.kind == DecisionKind.VIEW and d.organ == Organ.COUNCIL
    }
    rows = [MatrixRow(m, cells[m.pk], views.get(m.pk)) for m in participants]
    return Consent(rows=rows, state=consent_state([row.cell for row in rows]))


def agreements_with_consent(agreements) -> list[tuple[Agreement, Consent]]:
    return [(agreement, agreement_consent(agreement)) for agreement in agreements]


def meeting_choices(*, region: Region) -> list[Meeting]:
    """The region's meetings, to pick the one an agreement or commitment was made (or kept) in."""
    return list(Meeting.objects.filter(region=region).order_by("-starts_at", "-window_start", "title"))
