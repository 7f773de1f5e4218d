"""The consent state of an agreement, from each participant's own decisions: plain Python.

Two kinds of agreement. Most are opt-in: each municipality whose college (and, where needed,
council) adopts it is bound, and one that rejects it simply does not take part. Some need every
participant (changing a joint arrangement needs all of them): one rejection blocks those.

The web pages, the API, the dashboard and the council letter all read their states from here.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kind of agreement (Agreement.consent_rule).
OPT_IN = "ieder_voor_zich"
NEEDS_ALL = "allen"

# Decision outcomes (meetings.models.Outcome values).
ADOPTED, REJECTED, DEFERRED, NOT_NEEDED = "ingestemd", "afgewezen", "aangehouden", "niet_nodig"

# The state of one cell (a college or a council) of the consent table.
AWAITING = "wacht_op_besluit"
NOT_SUBMITTED = "niet_voorgelegd"  # the college rejected: the council is not asked
COUNCIL_NOT_ASKED = "geen_raadsbesluit_nodig"
CELL_STATES = (ADOPTED, REJECTED, DEFERRED, NOT_NEEDED, AWAITING, NOT_SUBMITTED, COUNCIL_NOT_ASKED)

# The state of the agreement (ConsentState values).
STATE_ADOPTED = "aangenomen"  # adopted by every participant
STATE_ADOPTED_BY_SOME = "aangenomen_door_deel"  # all decided; the ones that rejected do not take part
STATE_PARTLY = "deels"  # adopted by some, others still to decide
STATE_PENDING = "open"  # nobody adopted yet, decisions outstanding
STATE_NOT_ADOPTED = "niet_aangenomen"  # all decided, nobody adopted
STATE_BLOCKED = "geblokkeerd"  # needs every participant and one rejected


@dataclass(frozen=True)
class Cell:
    """What one participant decided: the outcomes of its college and council (None: not yet)."""

    municipality: str
    college: str | None
    council: str | None
    needs_council: bool

    @property
    def adopted(self) -> bool:
        # A rejection by either organ (even a council not asked to decide) means it does not take part.
        if self.college != ADOPTED or self.rejected:
            return False
        return not self.needs_council or self.council in (ADOPTED, NOT_NEEDED)

    @property
    def rejected(self) -> bool:
        return REJECTED in (self.college, self.council)

    @property
    def college_state(self) -> str:
        return self.college or AWAITING

    @property
    def council_state(self) -> str:
        if self.council is not None:
            return self.council
        if self.college == REJECTED:
            return NOT_SUBMITTED
        return AWAITING if self.needs_council else COUNCIL_NOT_ASKED


@dataclass(frozen=True)
class Outcome:
    state: str
    adopted: tuple[str, ...]
    declined: tuple[str, ...]
    pending: tuple[str, ...]
    needs_all: bool

    @property
    def total(self) -> int:
        return len(self.adopted) + len(self.declined) + len(self.pending)


def consent_outcome(cells: list[Cell], *, needs_all: bool) -> Outcome:
    adopted = tuple(c.municipality for c in cells if c.adopted)
    declined = tuple(c.municipality for c in cells if c.rejected)
    pending = tuple(c.municipality for c in cells if not c.adopted and not c.rejected)
    if needs_all and declined:
        state = STATE_BLOCKED
    elif cells and len(adopted) == len(cells):
        state = STATE_ADOPTED
    elif not pending:
        state = STATE_ADOPTED_BY_SOME if adopted else STATE_NOT_ADOPTED
    else:
        state = STATE_PARTLY if adopted else STATE_PENDING
    return Outcome(state, adopted, declined, pending, needs_all)


def join_names(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def summary_nl(outcome: Outcome) -> str:
    """One Dutch line, e.g. 'aangenomen door 3 van 5 — Voorschoten doet niet mee' (for the letter)."""
    n = outcome.total
    if outcome.state == STATE_BLOCKED:
        verb = "wees" if len(outcome.declined) == 1 else "wezen"
        return f"geblokkeerd: {join_names(outcome.declined)} {verb} de afspraak af, en die heeft alle deelnemers nodig"
    if outcome.state == STATE_ADOPTED:
        return f"aangenomen door alle {n} deelnemers"
    if outcome.state == STATE_NOT_ADOPTED:
        return "door geen enkele deelnemer aangenomen"
    if outcome.adopted:
        text = f"aangenomen door {len(outcome.adopted)} van {n}"
    else:
        text = "nog door geen deelnemer aangenomen"
    if outcome.declined:
        verb = "doet" if len(outcome.declined) == 1 else "doen"
        text += f" — {join_names(outcome.declined)} {verb} niet mee"
    return text
