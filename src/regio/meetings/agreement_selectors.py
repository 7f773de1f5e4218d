"""Reads of agreements: participants and decisions fetched up front, and the consent matrix per agreement.

The matrix has one row per participating municipality. Whether a municipality is bound is read only
from its own decisions (`ConsentCell.adopted`); the agreement's state is derived, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.meetings.models import (
    Agreement,
    CellState,
    ConsentCell,
    ConsentState,
    DecisionKind,
    Meeting,
    MunicipalDecision,
    Organ,
    consent_cells,
    consent_outcome,
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

    @property
    def college_state(self) -> CellStateView:
        return CellStateView(self.cell.college_state)

    @property
    def council_state(self) -> CellStateView:
        return CellStateView(self.cell.council_state)


# Each cell of the consent table shows its state by colour (tone) and icon as well as in words.
CELL_LOOK = {
    CellState.ADOPTED: ("ok", "✓"),
    CellState.REJECTED: ("no", "✗"),
    CellState.DEFERRED: ("wait", "⏸"),
    CellState.NOT_NEEDED: ("neutral", "–"),
    CellState.AWAITING: ("wait", "…"),
    CellState.NOT_SUBMITTED: ("neutral", "–"),
    CellState.COUNCIL_NOT_ASKED: ("neutral", "–"),
}


@dataclass(frozen=True)
class CellStateView:
    value: str

    @property
    def label(self) -> str:
        return str(CellState(self.value).label)

    @property
    def tone(self) -> str:
        return CELL_LOOK[self.value][0]

    @property
    def icon(self) -> str:
        return CELL_LOOK[self.value][1]


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

    @property
    def needs_all(self) -> bool:
        return any(row.cell.needs_all for row in self.rows)

    @property
    def waiting_for(self) -> list[Municipality]:
        return [row.municipality for row in self.rows if not row.adopted and not row.rejected]

    @property
    def summary(self) -> str:
        return consent_summary(consent_outcome([row.cell for row in self.rows]))


def _names(names) -> str:
    names = list(names)
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def consent_summary(outcome) -> str:
    """The state in one line, e.g. "aangenomen door 3 van 5 — Voorschoten doet niet mee"."""
    n = outcome.total
    if outcome.state == ConsentState.BLOCKED:
        return ngettext(
            "blocked: %(names)s rejected it, and it needs every participant",
            "blocked: %(names)s rejected it, and it needs every participant",
            len(outcome.declined),
        ) % {"names": _names(outcome.declined)}
    if outcome.state == ConsentState.ADOPTED:
        return _("adopted by all %(total)d participants") % {"total": n}
    if outcome.state == ConsentState.NOT_ADOPTED:
        return _("adopted by none of the participants")
    if outcome.adopted:
        text = _("adopted by %(adopted)d of %(total)d") % {"adopted": len(outcome.adopted), "total": n}
    else:
        text = _("not adopted by any participant yet")
    if outcome.declined:
        text += " — " + ngettext(
            "%(names)s does not take part", "%(names)s do not take part", len(outcome.declined)
        ) % {"names": _names(outcome.declined)}
    return text


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
