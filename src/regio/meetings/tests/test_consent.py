"""The consent state of an agreement (meetings.models consent_cells/consent_state, through
meetings.agreement_selectors.agreement_consent), for every combination of decisions.

The expected state is written out from the rules as users know them, not from the implementation:
an agreement binds a municipality once its college adopted it and, where needed, its council adopted
it or declared a council decision not needed; a council's view (zienswijze) is not a decision. A
rejection blocks only an agreement that needs every participant; in an opt-in agreement the
municipality that rejects simply does not take part.
"""

import datetime
import itertools

import pytest

from regio.access.policies import region_access
from regio.meetings.agreement_selectors import agreement_consent, agreement_detail, agreement_list
from regio.meetings.models import Agreement, ConsentRule, ConsentState, DecisionKind, MunicipalDecision, Organ, Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory

COLLEGE_OPTIONS = [None, *Outcome.values]
# A council slot holds nothing, a decision, or a view (zienswijze) with an outcome.
COUNCIL_OPTIONS = [
    None,
    *[(DecisionKind.DECISION, o) for o in Outcome.values],
    *[(DecisionKind.VIEW, o) for o in Outcome.values],
]
PARTICIPANT_OPTIONS = list(itertools.product(COLLEGE_OPTIONS, COUNCIL_OPTIONS))


def expected(options, needs_council: bool, needs_all: bool = False):
    """(state, names not bound, names that rejected) for the given per-participant decisions."""
    bound, rejected = [], []
    for index, (college, council) in enumerate(options):
        council_decision = council[1] if council and council[0] == DecisionKind.DECISION else None
        if Outcome.REJECTED in (college, council_decision):
            rejected.append(index)
        council_fine = not needs_council or council_decision in (Outcome.ADOPTED, Outcome.NOT_NEEDED)
        if college == Outcome.ADOPTED and council_fine and index not in rejected:
            bound.append(index)
    not_bound = [i for i in range(len(options)) if i not in bound]
    undecided = [i for i in not_bound if i not in rejected]
    if rejected and needs_all:
        state = ConsentState.BLOCKED
    elif not not_bound:
        state = ConsentState.ADOPTED
    elif not undecided:
        state = ConsentState.ADOPTED_BY_SOME if bound else ConsentState.NOT_ADOPTED
    elif bound:
        state = ConsentState.PARTLY
    else:
        state = ConsentState.PENDING
    return state, not_bound, rejected


def _decisions(agreement, municipalities, options):
    rows = []
    for municipality, (college, council) in zip(municipalities, options, strict=True):
        if college:
            rows.append(
                MunicipalDecision(
                    agreement=agreement,
                    municipality=municipality,
                    organ=Organ.COLLEGE,
                    outcome=college,
                    decided_on=agreement.made_on,
                )
            )
        if council:
            rows.append(
                MunicipalDecision(
                    agreement=agreement,
                    municipality=municipality,
                    organ=Organ.COUNCIL,
                    kind=council[0],
                    outcome=council[1],
                    decided_on=agreement.made_on,
                )
            )
    return rows


@pytest.mark.parametrize("rule", [ConsentRule.OPT_IN, ConsentRule.NEEDS_ALL])
@pytest.mark.parametrize("needs_council", [False, True], ids=["college-only", "council-too"])
def test_every_combination_for_two_participants(world, needs_council, rule):
    """All 5 x 11 options per participant, for both participants: 3,025 agreements per setting,
    written in bulk and read back through the list selector."""
    municipalities = sorted([world.own, world.other], key=lambda m: m.name)
    combinations = list(itertools.product(PARTICIPANT_OPTIONS, repeat=2))
    agreements = Agreement.objects.bulk_create(
        Agreement(
            region=world.region,
            title=f"Combinatie {i:04d}",
            text="-",
            made_on=datetime.date(2019, 3, 14),
            council_decision_needed=needs_council,
            consent_rule=rule,
        )
        for i in range(len(combinations))
    )
    Agreement.participants.through.objects.bulk_create(
        Agreement.participants.through(agreement_id=a.pk, municipality_id=m.pk)
        for a in agreements
        for m in municipalities
    )
    MunicipalDecision.objects.bulk_create(
        row
        for agreement, options in zip(agreements, combinations, strict=True)
        for row in _decisions(agreement, municipalities, options)
    )
    access = region_access(world.user("coordinator"), world.region)
    by_title = {a.title: a for a in agreement_list(region=world.region, access=access)}
    assert len(by_title) == len(combinations) == len(PARTICIPANT_OPTIONS) ** 2
    for i, options in enumerate(combinations):
        consent = agreement_consent(by_title[f"Combinatie {i:04d}"])
        state, not_bound, rejected = expected(options, needs_council, rule == ConsentRule.NEEDS_ALL)
        assert consent.state == state, options
        assert consent.not_yet == [municipalities[n] for n in not_bound], options
        assert consent.rejected_by == [municipalities[n] for n in rejected], options


OPT, ALL = ConsentRule.OPT_IN, ConsentRule.NEEDS_ALL


@pytest.mark.parametrize(
    ("college", "council", "needs_council", "rule", "state"),
    [
        ([Outcome.ADOPTED] * 3, [None] * 3, False, OPT, ConsentState.ADOPTED),
        ([Outcome.ADOPTED] * 3, [Outcome.ADOPTED] * 3, True, OPT, ConsentState.ADOPTED),
        ([Outcome.ADOPTED] * 3, [Outcome.ADOPTED, Outcome.NOT_NEEDED, Outcome.ADOPTED], True, OPT, ConsentState.ADOPTED),
        ([Outcome.ADOPTED] * 3, [Outcome.ADOPTED, None, Outcome.ADOPTED], True, OPT, ConsentState.PARTLY),
        ([Outcome.ADOPTED, None, Outcome.DEFERRED], [None] * 3, False, OPT, ConsentState.PARTLY),
        ([Outcome.ADOPTED, Outcome.REJECTED, None], [None] * 3, False, OPT, ConsentState.PARTLY),
        ([Outcome.ADOPTED, Outcome.REJECTED, None], [None] * 3, False, ALL, ConsentState.BLOCKED),
        ([Outcome.ADOPTED, Outcome.REJECTED, Outcome.ADOPTED], [None] * 3, False, OPT, ConsentState.ADOPTED_BY_SOME),
        ([Outcome.REJECTED] * 3, [None] * 3, False, OPT, ConsentState.NOT_ADOPTED),
        ([Outcome.REJECTED, None, None], [None] * 3, False, OPT, ConsentState.PENDING),
        ([Outcome.ADOPTED] * 3, [Outcome.ADOPTED, Outcome.ADOPTED, Outcome.REJECTED], True, OPT,
         ConsentState.ADOPTED_BY_SOME),
        ([Outcome.ADOPTED] * 3, [Outcome.ADOPTED, Outcome.ADOPTED, Outcome.REJECTED], True, ALL, ConsentState.BLOCKED),
        ([None] * 3, [None] * 3, False, OPT, ConsentState.PENDING),
        ([None] * 3, [None] * 3, True, ALL, ConsentState.PENDING),
        ([Outcome.DEFERRED, Outcome.NOT_NEEDED, None], [None] * 3, False, OPT, ConsentState.PENDING),
        ([Outcome.ADOPTED, None, None], [Outcome.ADOPTED, None, None], True, OPT, ConsentState.PARTLY),
    ],
)
def test_named_cases_for_three_participants(world, college, council, needs_council, rule, state):
    members = sorted([world.own, world.other, world.third], key=lambda m: m.name)
    agreement = AgreementFactory(region=world.region, participants=members, council_decision_needed=needs_council,
                                 consent_rule=rule)
    for municipality, c, r in zip(members, college, council, strict=True):
        if c:
            DecisionFactory(agreement=agreement, municipality=municipality, outcome=c)
        if r:
            DecisionFactory(agreement=agreement, municipality=municipality, outcome=r, council=True)
    access = region_access(world.user("anonymous"), world.region)
    consent = agreement_consent(agreement_detail(region=world.region, pk=agreement.pk, access=access))
    assert consent.state == state
    assert len(consent.rows) == 3


def test_a_view_is_shown_but_is_no_decision(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own], with_councils=True)
    DecisionFactory(agreement=agreement, municipality=world.own, outcome=Outcome.ADOPTED)
    DecisionFactory(agreement=agreement, municipality=world.own, outcome=Outcome.ADOPTED, view=True)
    access = region_access(world.user("anonymous"), world.region)
    consent = agreement_consent(agreement_detail(region=world.region, pk=agreement.pk, access=access))
    (row,) = consent.rows
    assert row.council_view is not None and row.council is None
    assert not row.adopted
    assert consent.state == ConsentState.PENDING
    assert consent.not_yet == [world.own]


def test_only_participants_appear_in_the_matrix(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own, world.other])
    access = region_access(world.user("anonymous"), world.region)
    consent = agreement_consent(agreement_detail(region=world.region, pk=agreement.pk, access=access))
    assert {row.municipality for row in consent.rows} == {world.own, world.other}
