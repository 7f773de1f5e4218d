"""The meeting-load analysis ("minder maar krachtiger overleg"): plain Python over plain data.

This module owns the arithmetic behind the consolidation page: who spends how many hours in
which bodies, how much the bodies overlap, and which of them the region could merge or drop.
It imports nothing of Django; the meetings app turns its models into the input dataclasses
below and renders the :class:`Analysis` it gets back.

Definitions the page and the tests rely on:

* **Period.** ``period`` is an inclusive pair of dates; a meeting counts when the date of its
  ``start`` lies inside it. Ad hoc meetings (``body_id is None``) count in the load per person,
  municipality and month and in the totals, but belong to no body and are never saved.
* **Attendance.** A meeting's ``attendees``; when that is empty, the members of its body (an
  ad hoc meeting without attendees has nobody). A *person-hour* is one hour of one attendee.
* **Overlap** of two bodies A and B::

      member_jaccard = |members A ∩ members B| / |members A ∪ members B|
      scope_jaccard  = |scope A ∩ scope B| / |scope A ∪ scope B|   (scope = spearheads + topics)
      score          = (member_jaccard + scope_jaccard) / 2

  A Jaccard index over two empty sets is 0: two bodies that share nothing are not alike.
  ``Analysis.overlaps`` lists every pair that shares at least one member, spearhead or topic;
  a pair that is absent shares nothing and scores 0.
* **Consolidation**, deterministic and greedy:

  1. ``forced_merges`` ``(a, b)`` are applied first, in order: ``a``'s work moves into ``b``
     (or into whatever ``b`` was forced into before). The coordinator's choice is taken as it
     is, also across levels and when it costs hours; it is refused (:class:`AnalysisInputError`)
     when ``a`` may decide or was already merged, when either is excluded, or the pair is forbidden.
  2. Then, repeatedly, the pair with the highest score ``>= min_overlap`` merges (ties: the
     pair with the lowest ids). The body with fewer person-hours (then fewer hours, fewer
     members, then the higher id) goes into the other, unless one of the two may decide: that
     one always absorbs. A pair is skipped when both may decide, when either is in ``exclude``,
     when one is bestuurlijk and the other ambtelijk (``administrative`` differs: portfolio
     holders and civil servants do different work), when a ``forbidden_merges`` pair (in either
     order) would end up in one body, or when the merge would cost more person-hours than it saves.
  3. The absorbing body keeps its own meetings. The absorbed body's meetings are saved, and its
     members who are not yet in the absorbing body join it and attend all its meetings::

         person_hours_saved = absorbed person-hours - joining members x absorbing body's hours

  4. Finally, a body that is not excluded and may not decide is dropped when each of its
     spearheads and topics is covered, and each of its members sits, in another remaining body
     of the same level (bestuurlijk or ambtelijk), not counting bodies it may not be merged with
     (a drop would hand its work to them all the same);
     the candidate with the most person-hours goes first (ties: the higher id), and the check is
     repeated after every drop, so two bodies covering each other do not both disappear.

  Savings are counted over the period. Totals after = totals before - the savings.

The pair search keeps a heap of candidate pairs with a version per body, so a run costs
O(n² log n) set comparisons for n bodies plus O(m) for m meetings.
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "Analysis",
    "AnalysisInputError",
    "BodyAfter",
    "BodyInput",
    "BodyLoad",
    "MeetingInput",
    "MonthLoad",
    "MunicipalityLoad",
    "Overlap",
    "PersonInput",
    "PersonLoad",
    "SpearheadMove",
    "Step",
    "TopicMove",
    "Totals",
    "analyse",
]

MERGE = "merge"
DROP = "drop"

# Scores are compared after rounding, so that a score of exactly one half is not lost to
# floating-point noise against a threshold of 0.5.
_SCORE_DIGITS = 9


# --- input --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BodyInput:
    """A body (gremium) as the analysis sees it."""

    id: int
    name: str
    kind: str
    members: frozenset[int]
    spearheads: frozenset[str]
    topics: frozenset[int]
    may_decide: bool = False
    administrative: bool = True


@dataclass(frozen=True)
class MeetingInput:
    """One meeting of a body, or an ad hoc meeting when ``body_id`` is None."""

    id: int
    body_id: int | None
    start: datetime.datetime
    hours: float
    attendees: frozenset[int]


@dataclass(frozen=True)
class PersonInput:
    """A person with the municipality they represent, if any."""

    id: int
    name: str
    municipality_id: int | None
    municipality_name: str | None


class AnalysisInputError(ValueError):
    """Input the analysis refuses, with a stable ``code``, the offending ``field`` and a Dutch message."""

    def __init__(self, code: str, field: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.field = field
        self.message = message


# --- output -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonLoad:
    person_id: int
    name: str
    municipality_id: int | None
    municipality_name: str | None
    meetings: int
    hours: float


@dataclass(frozen=True)
class MunicipalityLoad:
    municipality_id: int
    name: str
    people: int  # persons of this municipality who attended at least one meeting
    meetings: int  # distinct meetings attended by at least one of its people
    person_hours: float


@dataclass(frozen=True)
class BodyLoad:
    body_id: int
    name: str
    kind: str
    members: int
    meetings: int
    hours: float
    person_hours: float


@dataclass(frozen=True)
class MonthLoad:
    year: int
    month: int
    meetings: int
    person_hours: float


@dataclass(frozen=True)
class Overlap:
    body_a_id: int  # always the lower id
    body_b_id: int
    shared_members: int
    member_jaccard: float
    shared_spearheads: frozenset[str]
    shared_topics: frozenset[int]
    scope_jaccard: float
    score: float


@dataclass(frozen=True)
class TopicMove:
    topic_id: int
    to_body_id: int
    new_there: bool  # False when the receiving body already covered the topic


@dataclass(frozen=True)
class SpearheadMove:
    spearhead: str
    to_body_id: int
    new_there: bool


@dataclass(frozen=True)
class Step:
    """One proposed change: ``merge`` (body_id's work moves into into_body_id) or ``drop``."""

    kind: str
    body_id: int
    into_body_id: int | None
    meetings_saved: int
    person_hours_saved: float
    topics_moved: tuple[TopicMove, ...]
    reason: str
    body_name: str = ""
    into_body_name: str | None = None
    spearheads_moved: tuple[SpearheadMove, ...] = ()
    joining_members: frozenset[int] = frozenset()
    extra_person_hours: float = 0.0  # what the joining members now spend in the absorbing body
    overlap: float | None = None  # the pair's score when the step was taken (merges only)
    forced: bool = False  # a merge the coordinator fixed


@dataclass(frozen=True)
class Totals:
    meetings: int
    person_hours: float


@dataclass(frozen=True)
class BodyAfter:
    """A body that remains after the proposal, with what it absorbed."""

    body_id: int
    name: str
    absorbed_body_ids: tuple[int, ...]
    members: frozenset[int]
    spearheads: frozenset[str]
    topics: frozenset[int]
    meetings: int
    hours: float
    person_hours: float


@dataclass(frozen=True)
class Analysis:
    period: tuple[datetime.date, datetime.date]
    min_overlap: float
    persons: tuple[PersonLoad, ...]  # most hours first
    municipalities: tuple[MunicipalityLoad, ...]  # most person-hours first
    bodies: tuple[BodyLoad, ...]  # most person-hours first
    months: tuple[MonthLoad, ...]  # every month of the period, in order
    overlaps: tuple[Overlap, ...]  # highest score first
    steps: list[Step]
    before: Totals
    after: Totals
    bodies_after: tuple[BodyAfter, ...]  # by id
    explanation: list[str] = field(default_factory=list)

    @property
    def meetings_saved(self) -> int:
        return self.before.meetings - self.after.meetings

    @property
    def person_hours_saved(self) -> float:
        return self.before.person_hours - self.after.person_hours


# --- the analysis -------------------------------------------------------------------------------


def analyse(
    *,
    bodies: Iterable[BodyInput],
    meetings: Iterable[MeetingInput],
    persons: Iterable[PersonInput],
    period: tuple[datetime.date, datetime.date],
    exclude: frozenset[int] = frozenset(),
    forced_merges: tuple[tuple[int, int], ...] = (),
    forbidden_merges: tuple[tuple[int, int], ...] = (),
    min_overlap: float = 0.5,
) -> Analysis:
    """The load, the overlaps and a consolidation proposal for ``period`` (see the module docstring)."""
    # Canonical order first: every sum below then runs in the same order whatever the caller's.
    body_list = sorted(bodies, key=lambda b: b.id)
    person_list = sorted(persons, key=lambda p: p.id)
    meeting_list = sorted(meetings, key=lambda m: (m.start, m.id))
    _validate(
        body_list, meeting_list, person_list, period, exclude, forced_merges, forbidden_merges, min_overlap
    )

    body_by_id = {b.id: b for b in body_list}
    person_by_id = {p.id: p for p in person_list}
    start, end = period
    in_period = [m for m in meeting_list if start <= m.start.date() <= end]

    person_meetings: Counter[int] = Counter()
    person_hours: defaultdict[int, float] = defaultdict(float)
    municipality_meetings: defaultdict[int, set[int]] = defaultdict(set)
    municipality_hours: defaultdict[int, float] = defaultdict(float)
    municipality_people: defaultdict[int, set[int]] = defaultdict(set)
    body_meetings: Counter[int] = Counter()
    body_hours: defaultdict[int, float] = defaultdict(float)
    body_person_hours: defaultdict[int, float] = defaultdict(float)
    month_meetings: Counter[tuple[int, int]] = Counter()
    month_person_hours: defaultdict[tuple[int, int], float] = defaultdict(float)
    total_person_hours = 0.0

    for meeting in in_period:
        attendees = _attendees(meeting, body_by_id)
        meeting_person_hours = meeting.hours * len(attendees)
        total_person_hours += meeting_person_hours
        month = (meeting.start.year, meeting.start.month)
        month_meetings[month] += 1
        month_person_hours[month] += meeting_person_hours
        if meeting.body_id is not None:
            body_meetings[meeting.body_id] += 1
            body_hours[meeting.body_id] += meeting.hours
            body_person_hours[meeting.body_id] += meeting_person_hours
        for person_id in attendees:
            person_meetings[person_id] += 1
            person_hours[person_id] += meeting.hours
            municipality_id = person_by_id[person_id].municipality_id
            if municipality_id is not None:
                municipality_meetings[municipality_id].add(meeting.id)
                municipality_hours[municipality_id] += meeting.hours
                municipality_people[municipality_id].add(person_id)

    person_loads = tuple(
        sorted(
            (
                PersonLoad(
                    p.id,
                    p.name,
                    p.municipality_id,
                    p.municipality_name,
                    person_meetings[p.id],
                    person_hours[p.id],
                )
                for p in person_list
            ),
            key=lambda load: (-load.hours, -load.meetings, load.person_id),
        )
    )
    municipality_names = {
        p.municipality_id: p.municipality_name or "" for p in person_list if p.municipality_id is not None
    }
    municipality_loads = tuple(
        sorted(
            (
                MunicipalityLoad(
                    mid,
                    name,
                    len(municipality_people[mid]),
                    len(municipality_meetings[mid]),
                    municipality_hours[mid],
                )
                for mid, name in municipality_names.items()
            ),
            key=lambda load: (-load.person_hours, -load.meetings, load.municipality_id),
        )
    )
    body_loads = tuple(
        sorted(
            (
                BodyLoad(
                    b.id,
                    b.name,
                    b.kind,
                    len(b.members),
                    body_meetings[b.id],
                    body_hours[b.id],
                    body_person_hours[b.id],
                )
                for b in body_list
            ),
            key=lambda load: (-load.person_hours, -load.meetings, load.body_id),
        )
    )
    month_loads = tuple(
        MonthLoad(y, m, month_meetings[(y, m)], month_person_hours[(y, m)]) for y, m in _months(start, end)
    )

    overlaps = _overlaps(body_list)
    before = Totals(len(in_period), total_person_hours)

    planner = _Planner(
        body_list,
        meetings={b.id: body_meetings[b.id] for b in body_list},
        hours={b.id: body_hours[b.id] for b in body_list},
        person_hours={b.id: body_person_hours[b.id] for b in body_list},
        exclude=exclude,
        forbidden=forbidden_merges,
        min_overlap=min_overlap,
    )
    for absorbed_id, absorber_id in forced_merges:
        planner.force(absorbed_id, absorber_id)
    planner.merge_greedily(overlaps)
    planner.drop_covered()

    meetings_saved = sum(step.meetings_saved for step in planner.steps)
    person_hours_saved = sum(step.person_hours_saved for step in planner.steps)
    after = Totals(before.meetings - meetings_saved, before.person_hours - person_hours_saved)
    return Analysis(
        period=(start, end),
        min_overlap=min_overlap,
        persons=person_loads,
        municipalities=municipality_loads,
        bodies=body_loads,
        months=month_loads,
        overlaps=overlaps,
        steps=list(planner.steps),
        before=before,
        after=after,
        bodies_after=planner.remaining(),
        explanation=_explanation(
            period, min_overlap, exclude, forced_merges, forbidden_merges, before, after, planner.steps
        ),
    )


def _attendees(meeting: MeetingInput, body_by_id: dict[int, BodyInput]) -> frozenset[int]:
    if meeting.attendees or meeting.body_id is None:
        return meeting.attendees
    return body_by_id[meeting.body_id].members


def _months(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    months = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _jaccard(a: frozenset | set, b: frozenset | set) -> tuple[int, float]:
    shared = len(a & b)
    union = len(a) + len(b) - shared
    return shared, (shared / union if union else 0.0)


def _scope(spearheads: Iterable[str], topics: Iterable[int]) -> frozenset[tuple[str, object]]:
    return frozenset([("s", s) for s in spearheads] + [("t", t) for t in topics])


def _score(members_a, scope_a, members_b, scope_b) -> float:
    return round((_jaccard(members_a, members_b)[1] + _jaccard(scope_a, scope_b)[1]) / 2, _SCORE_DIGITS)


def _overlaps(body_list: list[BodyInput]) -> tuple[Overlap, ...]:
    scopes = [_scope(b.spearheads, b.topics) for b in body_list]
    found = []
    for i, a in enumerate(body_list):
        for j in range(i + 1, len(body_list)):
            b = body_list[j]
            shared_members, member_jaccard = _jaccard(a.members, b.members)
            shared_scope, scope_jaccard = _jaccard(scopes[i], scopes[j])
            if not shared_members and not shared_scope:
                continue
            found.append(
                Overlap(
                    a.id,
                    b.id,
                    shared_members,
                    member_jaccard,
                    a.spearheads & b.spearheads,
                    a.topics & b.topics,
                    scope_jaccard,
                    round((member_jaccard + scope_jaccard) / 2, _SCORE_DIGITS),
                )
            )
    found.sort(key=lambda o: (-o.score, o.body_a_id, o.body_b_id))
    return tuple(found)


@dataclass
class _Body:
    """A body while the plan is being made: grows when it absorbs another."""

    id: int
    name: str
    members: set[int]
    spearheads: set[str]
    topics: set[int]
    scope: frozenset
    meetings: int
    hours: float
    person_hours: float
    may_decide: bool
    administrative: bool
    excluded: bool
    contents: list[int]  # its own id and the ids of the bodies it absorbed
    version: int = 0


def _size(body: _Body) -> tuple:
    """How big a body is, for choosing which of two goes into the other (ties: the higher id is smaller)."""
    return (body.person_hours, body.hours, len(body.members), -body.id)


class _Planner:
    """Applies forced merges, greedy merges and drops to working copies of the bodies."""

    def __init__(self, body_list, *, meetings, hours, person_hours, exclude, forbidden, min_overlap) -> None:
        self.bodies = {
            b.id: _Body(
                id=b.id,
                name=b.name,
                members=set(b.members),
                spearheads=set(b.spearheads),
                topics=set(b.topics),
                scope=_scope(b.spearheads, b.topics),
                meetings=meetings[b.id],
                hours=hours[b.id],
                person_hours=person_hours[b.id],
                may_decide=b.may_decide,
                administrative=b.administrative,
                excluded=b.id in exclude,
                contents=[b.id],
            )
            for b in body_list
        }
        self.order = [b.id for b in body_list]
        self.alive = set(self.order)
        self.holder = {b.id: b.id for b in body_list}
        self.forbidden: defaultdict[int, set[int]] = defaultdict(set)
        for a, b in forbidden:
            self.forbidden[a].add(b)
            self.forbidden[b].add(a)
        self.min_overlap = round(min_overlap, _SCORE_DIGITS)
        self.steps: list[Step] = []

    # -- merging --

    def is_forbidden(self, x: _Body, y: _Body) -> bool:
        """Whether a forbidden pair would end up in one body, counting what each already absorbed."""
        return any(
            self.holder[other] == y.id
            for original in x.contents
            for other in self.forbidden.get(original, ())
        )

    def force(self, absorbed_id: int, absorber_id: int) -> None:
        absorbed = self.bodies[self.holder[absorbed_id]]
        absorber = self.bodies[self.holder[absorber_id]]
        if absorbed.id != absorbed_id:
            raise AnalysisInputError(
                "forced_twice",
                "forced_merges",
                f"Overleg {absorbed_id} is al opgegaan in {absorbed.name} en kan niet nog eens worden samengevoegd.",
            )
        if absorbed is absorber:
            raise AnalysisInputError(
                "forced_same",
                "forced_merges",
                f"{absorbed.name} en overleg {absorber_id} zijn dan al één overleg.",
            )
        if absorbed.may_decide:
            raise AnalysisInputError(
                "forced_decides",
                "forced_merges",
                f"{absorbed.name} mag besluiten en kan daarom niet opgaan in een ander overleg.",
            )
        if self.is_forbidden(absorbed, absorber):
            raise AnalysisInputError(
                "forced_forbidden",
                "forced_merges",
                f"Samenvoegen van {absorbed.name} met {absorber.name} is ook verboden.",
            )
        self.merge(
            absorbed,
            absorber,
            overlap=_score(absorbed.members, absorbed.scope, absorber.members, absorber.scope),
            forced=True,
        )

    def eligible(self, x: _Body, y: _Body) -> bool:
        return (
            x.administrative == y.administrative
            and not (x.excluded or y.excluded)
            and not (x.may_decide and y.may_decide)
        )

    def direction(self, x: _Body, y: _Body) -> tuple[_Body, _Body]:
        """(absorbed, absorber): a deciding body absorbs, else the smaller goes into the larger."""
        if x.may_decide != y.may_decide:
            return (y, x) if x.may_decide else (x, y)
        return (x, y) if _size(x) < _size(y) else (y, x)

    def merge_greedily(self, overlaps: tuple[Overlap, ...]) -> None:
        heap: list[tuple[float, int, int, int, int]] = []

        def push(x: _Body, y: _Body, score: float) -> None:
            if score >= self.min_overlap and self.eligible(x, y):
                a, b = (x, y) if x.id < y.id else (y, x)
                heapq.heappush(heap, (-score, a.id, b.id, a.version, b.version))

        if any(b.version for b in self.bodies.values()):
            # Forced merges changed some bodies: score every remaining pair afresh.
            remaining = [self.bodies[i] for i in self.order if i in self.alive]
            for i, x in enumerate(remaining):
                for y in remaining[i + 1 :]:
                    push(x, y, _score(x.members, x.scope, y.members, y.scope))
        else:
            for o in overlaps:
                push(self.bodies[o.body_a_id], self.bodies[o.body_b_id], o.score)

        while heap:
            neg_score, a_id, b_id, a_version, b_version = heapq.heappop(heap)
            if a_id not in self.alive or b_id not in self.alive:
                continue
            a, b = self.bodies[a_id], self.bodies[b_id]
            if (a.version, b.version) != (a_version, b_version) or self.is_forbidden(a, b):
                continue
            absorbed, absorber = self.direction(a, b)
            joining = absorbed.members - absorber.members
            if absorbed.person_hours - len(joining) * absorber.hours < 0:
                continue  # would cost hours; reconsidered if either body changes
            self.merge(absorbed, absorber, overlap=-neg_score, forced=False)
            self.push_all(absorber, push)

    def push_all(self, body: _Body, push) -> None:
        """Score ``body`` against every other remaining body."""
        for other_id in self.order:
            if other_id != body.id and other_id in self.alive:
                other = self.bodies[other_id]
                push(body, other, _score(body.members, body.scope, other.members, other.scope))

    def merge(self, absorbed: _Body, absorber: _Body, *, overlap: float, forced: bool) -> None:
        joining = frozenset(absorbed.members - absorber.members)
        extra = len(joining) * absorber.hours
        saved = absorbed.person_hours - extra
        shared_members = len(absorbed.members & absorber.members)
        union_members = len(absorbed.members | absorber.members)
        shared_scope = len(absorbed.scope & absorber.scope)
        union_scope = len(absorbed.scope | absorber.scope)
        topics = tuple(TopicMove(t, absorber.id, t not in absorber.topics) for t in sorted(absorbed.topics))
        spearheads = tuple(
            SpearheadMove(s, absorber.id, s not in absorber.spearheads) for s in sorted(absorbed.spearheads)
        )
        reason = _merge_reason(
            absorbed,
            absorber,
            shared_members,
            union_members,
            shared_scope,
            union_scope,
            overlap,
            joining,
            extra,
            saved,
            forced,
        )
        self.steps.append(
            Step(
                kind=MERGE,
                body_id=absorbed.id,
                into_body_id=absorber.id,
                meetings_saved=absorbed.meetings,
                person_hours_saved=saved,
                topics_moved=topics,
                reason=reason,
                body_name=absorbed.name,
                into_body_name=absorber.name,
                spearheads_moved=spearheads,
                joining_members=joining,
                extra_person_hours=extra,
                overlap=overlap,
                forced=forced,
            )
        )
        absorber.members |= joining
        absorber.spearheads |= absorbed.spearheads
        absorber.topics |= absorbed.topics
        absorber.scope = _scope(absorber.spearheads, absorber.topics)
        absorber.person_hours += extra
        absorber.contents.extend(absorbed.contents)
        absorber.version += 1
        for original in absorbed.contents:
            self.holder[original] = absorber.id
        self.alive.discard(absorbed.id)

    # -- dropping --

    def drop_covered(self) -> None:
        # How many remaining bodies of each level (bestuurlijk, ambtelijk) hold a member or scope item.
        member_count: Counter[tuple[bool, int]] = Counter()
        scope_count: Counter[tuple[bool, object]] = Counter()
        for body_id in self.alive:
            body = self.bodies[body_id]
            member_count.update((body.administrative, p) for p in body.members)
            scope_count.update((body.administrative, s) for s in body.scope)

        def covered(body: _Body) -> bool:
            # A forbidden partner may not take over the body's work by way of a drop either.
            level = body.administrative
            partners = [
                self.bodies[i]
                for i in self.forbidden_partners(body)
                if self.bodies[i].administrative == level
            ]
            return all(
                member_count[level, p] - 1 - sum(p in o.members for o in partners) >= 1 for p in body.members
            ) and all(
                scope_count[level, s] - 1 - sum(s in o.scope for o in partners) >= 1 for s in body.scope
            )

        while True:
            candidates = [
                self.bodies[i]
                for i in self.order
                if i in self.alive
                and not self.bodies[i].excluded
                and not self.bodies[i].may_decide
                and covered(self.bodies[i])
            ]
            if not candidates:
                return
            body = max(candidates, key=lambda b: (b.person_hours, b.meetings, b.id))
            self.alive.discard(body.id)
            member_count.subtract((body.administrative, p) for p in body.members)
            scope_count.subtract((body.administrative, s) for s in body.scope)
            self.drop(body)

    def forbidden_partners(self, body: _Body) -> set[int]:
        """The remaining bodies that ``body`` may not be merged with."""
        return {
            self.holder[other]
            for original in body.contents
            for other in self.forbidden.get(original, ())
            if self.holder[other] in self.alive and self.holder[other] != body.id
        }

    def drop(self, body: _Body) -> None:
        """Record the drop of ``body`` (already removed from the remaining bodies)."""
        partners = self.forbidden_partners(body)
        others = [
            self.bodies[i]
            for i in self.order
            if i in self.alive and i not in partners and self.bodies[i].administrative == body.administrative
        ]

        def receiver(contains) -> _Body:
            # The covering body that shares most members with the dropped one, then the lowest id;
            # picking it per topic, spearhead and member keeps the list the reason names short.
            return max(
                (o for o in others if contains(o)), key=lambda o: (len(o.members & body.members), -o.id)
            )

        topics = tuple(
            TopicMove(t, receiver(lambda o, t=t: t in o.topics).id, False) for t in sorted(body.topics)
        )
        spearheads = tuple(
            SpearheadMove(s, receiver(lambda o, s=s: s in o.spearheads).id, False)
            for s in sorted(body.spearheads)
        )
        receiving = sorted({m.to_body_id for m in topics} | {m.to_body_id for m in spearheads})
        homes = sorted({receiver(lambda o, p=p: p in o.members).id for p in body.members})
        self.steps.append(
            Step(
                kind=DROP,
                body_id=body.id,
                into_body_id=None,
                meetings_saved=body.meetings,
                person_hours_saved=body.person_hours,
                topics_moved=topics,
                reason=_drop_reason(
                    body, [self.bodies[i].name for i in receiving], [self.bodies[i].name for i in homes]
                ),
                body_name=body.name,
                spearheads_moved=spearheads,
            )
        )

    def remaining(self) -> tuple[BodyAfter, ...]:
        return tuple(
            BodyAfter(
                body_id=b.id,
                name=b.name,
                absorbed_body_ids=tuple(sorted(b.contents[1:])),
                members=frozenset(b.members),
                spearheads=frozenset(b.spearheads),
                topics=frozenset(b.topics),
                meetings=b.meetings,
                hours=b.hours,
                person_hours=b.person_hours,
            )
            for b in (self.bodies[i] for i in self.order if i in self.alive)
        )


# --- validation ---------------------------------------------------------------------------------


def _validate(body_list, meeting_list, person_list, period, exclude, forced, forbidden, min_overlap) -> None:
    start, end = period
    if not all(isinstance(d, datetime.date) and not isinstance(d, datetime.datetime) for d in period):
        raise AnalysisInputError("period_type", "period", "De periode bestaat uit twee datums (zonder tijd).")
    if end < start:
        raise AnalysisInputError("period_order", "period", "De periode eindigt voordat hij begint.")
    if not (isinstance(min_overlap, (int, float)) and 0 < min_overlap <= 1):
        raise AnalysisInputError(
            "min_overlap_range", "min_overlap", "De drempel moet groter dan 0 en hoogstens 1 zijn."
        )
    for name, items in (("bodies", body_list), ("meetings", meeting_list), ("persons", person_list)):
        ids = [item.id for item in items]
        if len(ids) != len(set(ids)):
            duplicate = next(i for i, n in Counter(ids).items() if n > 1)
            raise AnalysisInputError("duplicate_id", name, f"Id {duplicate} komt twee keer voor in {name}.")
    body_ids = {b.id for b in body_list}
    person_ids = {p.id for p in person_list}
    for body in body_list:
        unknown = body.members - person_ids
        if unknown:
            raise AnalysisInputError(
                "unknown_person", "members", f"{body.name} heeft onbekende leden: {sorted(unknown)}."
            )
    for meeting in meeting_list:
        if meeting.body_id is not None and meeting.body_id not in body_ids:
            raise AnalysisInputError(
                "unknown_body",
                "body_id",
                f"Vergadering {meeting.id} hoort bij onbekend overleg {meeting.body_id}.",
            )
        if not (
            isinstance(meeting.hours, (int, float)) and math.isfinite(meeting.hours) and meeting.hours >= 0
        ):
            raise AnalysisInputError(
                "hours_range", "hours", f"Vergadering {meeting.id} heeft een ongeldige duur."
            )
        unknown = meeting.attendees - person_ids
        if unknown:
            raise AnalysisInputError(
                "unknown_person",
                "attendees",
                f"Vergadering {meeting.id} heeft onbekende aanwezigen: {sorted(unknown)}.",
            )
    for name, ids in (
        ("exclude", list(exclude)),
        ("forced_merges", [i for pair in forced for i in pair]),
        ("forbidden_merges", [i for pair in forbidden for i in pair]),
    ):
        unknown = set(ids) - body_ids
        if unknown:
            raise AnalysisInputError("unknown_body", name, f"Onbekend overleg in {name}: {sorted(unknown)}.")
    for absorbed, absorber in forced:
        if absorbed in exclude or absorber in exclude:
            raise AnalysisInputError(
                "forced_excluded", "forced_merges", "Een uitgesloten overleg kan niet worden samengevoegd."
            )
    for a, b in forbidden:
        if a == b:
            raise AnalysisInputError(
                "forbidden_same", "forbidden_merges", f"Overleg {a} staat twee keer in hetzelfde paar."
            )


# --- Dutch text ---------------------------------------------------------------------------------


def _number(value: float) -> str:
    """A number the Dutch way: decimal comma, at most one decimal, thousands with a dot."""
    rounded = round(value, 1)
    text = f"{int(rounded):,}" if rounded == int(rounded) else f"{rounded:,.1f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _plural(count: int, one: str, many: str) -> str:
    return f"{_number(count)} {one if count == 1 else many}"


def _names(names: list[str], limit: int = 4) -> str:
    """``A, B en C``; beyond ``limit`` names, ``A, B, C, D en 3 andere``."""
    if len(names) > limit:
        names = names[:limit] + [f"{len(names) - limit} andere"]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def _merge_reason(
    absorbed,
    absorber,
    shared_members,
    union_members,
    shared_scope,
    union_scope,
    overlap,
    joining,
    extra,
    saved,
    forced,
) -> str:
    if forced:
        opening = f"U heeft vastgezet dat {absorbed.name} opgaat in {absorber.name}."
    else:
        opening = (
            f"{absorbed.name} gaat op in {absorber.name}. Ze delen {shared_members} van de {union_members} leden "
            f"en {shared_scope} van de {union_scope} speerpunten en onderwerpen (overlap {_number(overlap * 100)}%)."
        )
    parts = [
        opening,
        f"{absorbed.name} vergadert dan niet meer apart: "
        f"{_plural(absorbed.meetings, 'vergadering', 'vergaderingen')} minder.",
    ]
    if joining:
        parts.append(
            f"{_plural(len(joining), 'lid schuift', 'leden schuiven')} aan bij {absorber.name}; "
            f"dat kost {_plural(extra, 'persoonsuur', 'persoonsuren')}."
        )
    if saved >= 0:
        parts.append(f"Per saldo {_plural(saved, 'persoonsuur', 'persoonsuren')} minder.")
    else:
        parts.append(f"Per saldo kost dit {_plural(-saved, 'persoonsuur', 'persoonsuren')} extra.")
    return " ".join(parts)


def _drop_reason(body, receiving: list[str], homes: list[str]) -> str:
    parts = [f"{body.name} kan vervallen."]
    if receiving:
        parts.append(f"Alle speerpunten en onderwerpen komen al aan bod in {_names(receiving)}.")
    if homes:
        parts.append(f"Alle leden zitten al in {_names(homes)}.")
    parts.append(
        f"Dat scheelt {_plural(body.meetings, 'vergadering', 'vergaderingen')} "
        f"en {_plural(body.person_hours, 'persoonsuur', 'persoonsuren')}."
    )
    return " ".join(parts)


def _explanation(period, min_overlap, exclude, forced, forbidden, before, after, steps) -> list[str]:
    start, end = period
    lines = [
        f"We tellen de vergaderingen van {start:%d-%m-%Y} tot en met {end:%d-%m-%Y}. "
        "Een persoonsuur is één uur van één persoon in een vergadering.",
        "Voor elk paar overleggen kijken we hoeveel ze op elkaar lijken. We nemen het deel van de leden dat ze "
        "delen, en het deel van de speerpunten en onderwerpen dat ze delen. Het gemiddelde van die twee is de overlap.",
        f"Daarna voegen we steeds het paar met de grootste overlap samen, zolang die overlap minstens "
        f"{_number(min_overlap * 100)}% is.",
        "Het overleg met de minste persoonsuren gaat op in het andere. Dat andere overleg houdt zijn eigen "
        "vergaderingen. Leden die er nog niet in zaten, schuiven aan. Hun extra uren trekken we van de winst af. "
        "Kost samenvoegen meer uren dan het oplevert, dan doen we het niet.",
        "We voegen een bestuurlijk overleg nooit samen met een ambtelijk overleg. "
        "Een overleg dat mag besluiten, zoals het bestuur van een gemeenschappelijke regeling, verdwijnt nooit. "
        "Het kan wel een ander overleg opnemen.",
        "Tot slot kan een overleg vervallen als al zijn speerpunten en onderwerpen ook in andere overleggen "
        "van hetzelfde soort (bestuurlijk of ambtelijk) aan bod komen, en al zijn leden daar ook in zitten.",
    ]
    if exclude:
        lines.append(
            f"U heeft {_plural(len(exclude), 'overleg', 'overleggen')} uitgesloten. Die blijven zoals ze zijn."
        )
    if forced:
        lines.append(
            f"U heeft {_plural(len(forced), 'samenvoeging', 'samenvoegingen')} vastgezet. Die voeren we eerst uit."
        )
    if forbidden:
        lines.append(
            f"U heeft {_plural(len(forbidden), 'samenvoeging', 'samenvoegingen')} verboden. Die doen we nooit."
        )
    if steps:
        lines.append(
            f"Uitkomst: van {_plural(before.meetings, 'vergadering', 'vergaderingen')} naar {_number(after.meetings)}, "
            f"en van {_number(before.person_hours)} naar {_plural(after.person_hours, 'persoonsuur', 'persoonsuren')}."
        )
    else:
        lines.append(
            "Uitkomst: met deze drempel vinden we geen overleggen om samen te voegen of te laten vervallen."
        )
    return lines
