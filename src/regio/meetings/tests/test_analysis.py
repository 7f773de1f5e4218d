"""Tests for regio.meetings.analysis: the meeting load and the consolidation proposal, on constructed cases."""

import random
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regio.meetings.analysis import (
    Analysis,
    AnalysisInputError,
    BodyInput,
    MeetingInput,
    PersonInput,
    analyse,
)

YEAR = (date(2019, 1, 1), date(2019, 12, 31))


def body(
    id,
    members,
    spearheads=(),
    topics=(),
    *,
    may_decide=False,
    name=None,
    kind="werkgroep",
    administrative=True,
):
    return BodyInput(
        id=id,
        name=name or f"Overleg {id}",
        kind=kind,
        members=frozenset(members),
        spearheads=frozenset(spearheads),
        topics=frozenset(topics),
        may_decide=may_decide,
        administrative=administrative,
    )


def meetings_of(body_id, count, hours, *, first_id, attendees=(), month=1):
    """``count`` meetings of ``body_id`` on the 10th of consecutive months from ``month``."""
    return [
        MeetingInput(first_id + i, body_id, datetime(2019, month + i, 10, 14, 0), hours, frozenset(attendees))
        for i in range(count)
    ]


def people(*ids, municipality_of=None):
    municipality_of = municipality_of or {}
    return [
        PersonInput(
            i,
            f"Persoon {i}",
            municipality_of.get(i),
            f"Gemeente {municipality_of[i]}" if i in municipality_of else None,
        )
        for i in ids
    ]


def run(bodies, meetings, persons, **options) -> Analysis:
    return analyse(
        bodies=bodies, meetings=meetings, persons=persons, period=options.pop("period", YEAR), **options
    )


# --- merging -------------------------------------------------------------------------------------


def test_two_identical_bodies_merge_once_saving_the_smaller_ones_meetings_and_hours():
    bodies = [body(1, {1, 2, 3}, {"wonen"}, {10}), body(2, {1, 2, 3}, {"wonen"}, {10})]
    meetings = meetings_of(1, 6, 2.0, first_id=100) + meetings_of(2, 4, 1.5, first_id=200)
    result = run(bodies, meetings, people(1, 2, 3))

    assert len(result.steps) == 1
    step = result.steps[0]
    assert (step.kind, step.body_id, step.into_body_id) == ("merge", 2, 1)
    assert step.meetings_saved == 4
    assert step.person_hours_saved == 4 * 1.5 * 3
    assert step.joining_members == frozenset()
    assert step.overlap == 1.0
    assert [(m.topic_id, m.to_body_id, m.new_there) for m in step.topics_moved] == [(10, 1, False)]
    assert result.before.meetings == 10 and result.after.meetings == 6
    assert result.before.person_hours == 6 * 2 * 3 + 18 and result.after.person_hours == 36
    assert result.meetings_saved == 4 and result.person_hours_saved == 18
    assert [b.body_id for b in result.bodies_after] == [1]
    assert result.bodies_after[0].absorbed_body_ids == (2,)
    assert "Overleg 2 gaat op in Overleg 1" in step.reason
    assert "4 vergaderingen minder" in step.reason and "18 persoonsuren minder" in step.reason


def test_disjoint_bodies_give_no_proposal():
    bodies = [body(1, {1, 2}, {"wonen"}, {10}), body(2, {3, 4}, {"groen"}, {11})]
    meetings = meetings_of(1, 3, 2, first_id=1) + meetings_of(2, 3, 2, first_id=10)
    result = run(bodies, meetings, people(1, 2, 3, 4))

    assert result.steps == []
    assert result.overlaps == ()
    assert result.after == result.before
    assert "geen overleggen" in result.explanation[-1]


def test_joining_members_cost_is_subtracted_from_the_saving():
    # 1 has 9 person-hours (3 x 1 h x 3 people), 2 has 12 (2 x 2 h x 3): 1 goes into 2.
    # Person 3 is not in 2 yet and now attends its 2 x 2 h: saving 9 - 4 = 5.
    bodies = [body(1, {1, 2, 3}, {"wonen"}), body(2, {1, 2, 4}, {"wonen"})]
    meetings = meetings_of(1, 3, 1, first_id=1) + meetings_of(2, 2, 2, first_id=10)
    result = run(bodies, meetings, people(1, 2, 3, 4))

    [step] = result.steps
    assert (step.body_id, step.into_body_id) == (1, 2)
    assert step.overlap == pytest.approx((2 / 4 + 1) / 2)
    assert step.joining_members == frozenset({3})
    assert step.extra_person_hours == 4
    assert step.person_hours_saved == 5
    assert result.after.person_hours == result.before.person_hours - 5
    assert result.bodies_after[0].members == frozenset({1, 2, 3, 4})
    assert result.bodies_after[0].person_hours == 12 + 4


def test_a_merge_that_costs_more_hours_than_it_saves_is_not_proposed():
    # 2 is small (one 1-hour meeting, 5 people), but 3 of its people would join 1's ten meetings.
    bodies = [body(1, {1, 2, 6}, {"wonen"}), body(2, {1, 2, 3, 4, 5}, {"wonen"})]
    meetings = meetings_of(1, 10, 1, first_id=1) + meetings_of(2, 1, 1, first_id=50)
    result = run(bodies, meetings, people(1, 2, 3, 4, 5, 6))

    assert result.overlaps[0].score == pytest.approx((2 / 6 + 1) / 2)
    assert result.steps == []


def test_highest_overlap_goes_first_and_the_merged_body_is_scored_again():
    # 1 and 2 are identical; 3 resembles them only once they are one body.
    bodies = [
        body(1, {1, 2}, {"a"}, {1}),
        body(2, {1, 2}, {"a"}, {1}),
        body(3, {1, 2, 3}, {"a", "b"}, {1}),
    ]
    meetings = (
        meetings_of(1, 4, 2, first_id=1)
        + meetings_of(2, 2, 2, first_id=10)
        + meetings_of(3, 6, 2, first_id=20)
    )
    result = run(bodies, meetings, people(1, 2, 3), min_overlap=0.6)

    assert [(s.body_id, s.into_body_id) for s in result.steps] == [(2, 1), (1, 3)]
    assert result.steps[1].overlap == pytest.approx((2 / 3 + 2 / 3) / 2)


def test_a_score_of_exactly_the_threshold_merges():
    # Members 2 of 4 (0.5), scope 1 of 2 (0.5): score 0.5.
    bodies = [body(1, {1, 2, 3}, {"a"}), body(2, {1, 2, 4}, {"a", "b"})]
    meetings = meetings_of(1, 2, 1, first_id=1) + meetings_of(2, 4, 1, first_id=10)
    assert len(run(bodies, meetings, people(1, 2, 3, 4), min_overlap=0.5).steps) == 1
    assert run(bodies, meetings, people(1, 2, 3, 4), min_overlap=0.51).steps == []


# --- what the coordinator fixes ------------------------------------------------------------------


def test_an_excluded_body_is_never_merged_absorbing_or_dropped():
    bodies = [body(1, {1, 2}, {"a"}, {1}), body(2, {1, 2}, {"a"}, {1}), body(3, {1, 2}, {"a"}, {1})]
    meetings = (
        meetings_of(1, 3, 1, first_id=1)
        + meetings_of(2, 2, 1, first_id=10)
        + meetings_of(3, 1, 1, first_id=20)
    )
    result = run(bodies, meetings, people(1, 2), exclude=frozenset({3}))

    assert all(3 not in (s.body_id, s.into_body_id) for s in result.steps)
    # 2 goes into 1; 1 is then fully covered by the untouched 3 and may go too.
    assert [(s.kind, s.body_id, s.into_body_id) for s in result.steps] == [("merge", 2, 1), ("drop", 1, None)]
    assert {b.body_id for b in result.bodies_after} == {3}
    assert result.bodies_after[0].absorbed_body_ids == ()
    # Without the exclusion, all pairs score 1: the lowest ids go first, then 3 follows.
    assert [(s.body_id, s.into_body_id) for s in run(bodies, meetings, people(1, 2)).steps] == [
        (2, 1),
        (3, 1),
    ]


def test_a_deciding_body_absorbs_even_when_smaller_and_is_never_dropped():
    bodies = [
        body(1, {1, 2}, {"a"}, {1}, may_decide=True, kind="gr_algemeen_bestuur"),
        body(2, {1, 2}, {"a"}, {1}),
    ]
    meetings = meetings_of(1, 1, 1, first_id=1) + meetings_of(2, 8, 2, first_id=10)
    [step] = run(bodies, meetings, people(1, 2)).steps
    assert (step.kind, step.body_id, step.into_body_id) == ("merge", 2, 1)

    # Fully covered by two others and without overlap above the threshold: still not dropped.
    covered = [
        body(1, {1, 2}, {"a", "b"}, may_decide=True),
        body(2, {1, 5, 6}, {"a", "c", "d"}),
        body(3, {2, 7, 8}, {"b", "e", "f"}),
    ]
    assert run(covered, [], people(1, 2, 5, 6, 7, 8)).steps == []


def test_two_deciding_bodies_are_not_merged():
    bodies = [body(1, {1}, {"a"}, may_decide=True), body(2, {1}, {"a"}, may_decide=True)]
    assert run(bodies, [], people(1)).steps == []


def test_bestuurlijk_and_ambtelijk_bodies_are_never_merged_nor_cover_each_other():
    # Same people, same scope; only the level differs.
    bodies = [body(1, {1, 2}, {"a"}, {1}), body(2, {1, 2}, {"a"}, {1}, administrative=False)]
    meetings = meetings_of(1, 3, 1, first_id=1) + meetings_of(2, 2, 1, first_id=10)
    assert run(bodies, meetings, people(1, 2)).steps == []
    # The same two at one level: one merge.
    same_level = [body(1, {1, 2}, {"a"}, {1}), body(2, {1, 2}, {"a"}, {1})]
    assert len(run(same_level, meetings, people(1, 2)).steps) == 1


def test_forced_merge_is_applied_first_even_without_overlap():
    bodies = [body(1, {1, 2}, {"wonen"}, {10}), body(2, {3, 4}, {"groen"}, {11})]
    meetings = meetings_of(1, 3, 2, first_id=1) + meetings_of(2, 3, 1, first_id=10)
    result = run(bodies, meetings, people(1, 2, 3, 4), forced_merges=((1, 2),))

    [step] = result.steps
    assert (step.body_id, step.into_body_id, step.forced) == (1, 2, True)
    # 1's 3 x 2 h x 2 people are saved; its 2 people join 2's 3 x 1 h.
    assert step.person_hours_saved == 12 - 6
    assert [(m.topic_id, m.to_body_id, m.new_there) for m in step.topics_moved] == [(10, 2, True)]
    assert step.reason.startswith("U heeft vastgezet dat Overleg 1 opgaat in Overleg 2.")
    assert any("vastgezet" in line for line in result.explanation)


def test_forbidden_merge_is_never_applied_also_not_through_a_third_body():
    bodies = [body(1, {1, 2}, {"a"}), body(2, {1, 2}, {"a"})]
    meetings = meetings_of(1, 2, 1, first_id=1) + meetings_of(2, 1, 1, first_id=10)
    # Neither merged nor dropped: a drop would hand 1's work to 2 all the same.
    assert run(bodies, meetings, people(1, 2), forbidden_merges=((2, 1),)).steps == []

    # 1 is forced into 2; 2 and 3 are identical, but 1 and 3 may not end up in one body.
    three = [body(1, {5}, {"x"}), body(2, {1, 2}, {"a"}), body(3, {1, 2}, {"a"})]
    result = run(
        three,
        meetings_of(3, 1, 1, first_id=20),
        people(1, 2, 5),
        forced_merges=((1, 2),),
        forbidden_merges=((1, 3),),
    )
    assert [(s.body_id, s.into_body_id) for s in result.steps] == [(1, 2)]


@pytest.mark.parametrize(
    ("options", "code", "field"),
    [
        ({"forced_merges": ((1, 2),), "exclude": frozenset({2})}, "forced_excluded", "forced_merges"),
        ({"forced_merges": ((1, 2),), "forbidden_merges": ((1, 2),)}, "forced_forbidden", "forced_merges"),
        ({"forced_merges": ((3, 1),)}, "forced_decides", "forced_merges"),
        ({"forced_merges": ((1, 2), (1, 3))}, "forced_twice", "forced_merges"),
        ({"forced_merges": ((1, 1),)}, "forced_same", "forced_merges"),
        ({"forced_merges": ((1, 9),)}, "unknown_body", "forced_merges"),
        ({"exclude": frozenset({9})}, "unknown_body", "exclude"),
        ({"min_overlap": 0}, "min_overlap_range", "min_overlap"),
        ({"min_overlap": 1.5}, "min_overlap_range", "min_overlap"),
        ({"period": (date(2019, 2, 1), date(2019, 1, 1))}, "period_order", "period"),
        ({"period": (datetime(2019, 1, 1), datetime(2019, 2, 1))}, "period_type", "period"),
    ],
)
def test_contradictory_or_unknown_input_is_refused_naming_the_field(options, code, field):
    bodies = [body(1, {1}, {"a"}), body(2, {2}, {"b"}), body(3, {3}, {"c"}, may_decide=True)]
    with pytest.raises(AnalysisInputError) as raised:
        run(bodies, [], people(1, 2, 3), **options)
    assert (raised.value.code, raised.value.field) == (code, field)
    assert raised.value.message


@pytest.mark.parametrize(
    ("meeting", "code", "field"),
    [
        (MeetingInput(1, 7, datetime(2019, 1, 1), 1, frozenset()), "unknown_body", "body_id"),
        (MeetingInput(1, 1, datetime(2019, 1, 1), -1, frozenset()), "hours_range", "hours"),
        (MeetingInput(1, 1, datetime(2019, 1, 1), float("nan"), frozenset()), "hours_range", "hours"),
        (MeetingInput(1, 1, datetime(2019, 1, 1), 1, frozenset({42})), "unknown_person", "attendees"),
    ],
)
def test_bad_meetings_are_refused(meeting, code, field):
    with pytest.raises(AnalysisInputError) as raised:
        run([body(1, {1}, {"a"})], [meeting], people(1))
    assert (raised.value.code, raised.value.field) == (code, field)


# --- dropping ------------------------------------------------------------------------------------


def test_a_body_fully_covered_by_two_others_is_dropped():
    # 3's scope {a, b} and members {1, 2} are split over 1 and 2; no pair reaches the threshold.
    bodies = [
        body(1, {1, 5, 6}, {"a", "c", "d"}, {11}, name="Overleg Wonen"),
        body(2, {2, 7, 8}, {"b", "e", "f"}, {12}, name="Overleg Groen"),
        body(3, {1, 2}, {"a", "b"}, {11, 12}, name="Werkgroep Dubbel"),
    ]
    meetings = (
        meetings_of(1, 4, 2, first_id=1)
        + meetings_of(2, 4, 2, first_id=10)
        + meetings_of(3, 5, 1.5, first_id=20)
    )
    result = run(bodies, meetings, people(1, 2, 5, 6, 7, 8))

    assert max(o.score for o in result.overlaps) < 0.5
    [step] = result.steps
    assert (step.kind, step.body_id, step.into_body_id) == ("drop", 3, None)
    assert step.meetings_saved == 5 and step.person_hours_saved == 5 * 1.5 * 2
    assert {(m.topic_id, m.to_body_id) for m in step.topics_moved} == {(11, 1), (12, 2)}
    assert {(m.spearhead, m.to_body_id) for m in step.spearheads_moved} == {("a", 1), ("b", 2)}
    assert step.reason == (
        "Werkgroep Dubbel kan vervallen. Alle speerpunten en onderwerpen komen al aan bod in Overleg Wonen en "
        "Overleg Groen. Alle leden zitten al in Overleg Wonen en Overleg Groen. "
        "Dat scheelt 5 vergaderingen en 15 persoonsuren."
    )


def test_a_body_with_a_member_who_sits_nowhere_else_is_not_dropped():
    bodies = [
        body(1, {1, 5, 6}, {"a", "c", "d"}),
        body(2, {2, 7, 8}, {"b", "e", "f"}),
        body(3, {1, 2, 9}, {"a", "b"}),
    ]
    assert run(bodies, [], people(1, 2, 5, 6, 7, 8, 9)).steps == []


def test_bodies_covering_each_other_are_not_all_dropped():
    # Each of the three is covered by the other two; no pair reaches the threshold (1/3 each).
    bodies = [body(1, {1, 2}, {"a", "b"}), body(2, {1, 3}, {"a", "c"}), body(3, {2, 3}, {"b", "c"})]
    meetings = (
        meetings_of(1, 2, 1, first_id=1)
        + meetings_of(2, 3, 1, first_id=10)
        + meetings_of(3, 1, 1, first_id=20)
    )
    result = run(bodies, meetings, people(1, 2, 3))

    # The one with the most person-hours goes; the other two then cover only themselves.
    assert [(s.kind, s.body_id) for s in result.steps] == [("drop", 2)]
    [step] = result.steps
    assert {(m.spearhead, m.to_body_id) for m in step.spearheads_moved} == {("a", 1), ("c", 3)}


def test_a_drop_does_not_hand_work_to_a_forbidden_partner():
    bodies = [body(1, {1, 2}, {"a", "b"}), body(2, {1, 3}, {"a", "c"}), body(3, {2, 3}, {"b", "c"})]
    meetings = (
        meetings_of(1, 2, 1, first_id=1)
        + meetings_of(2, 3, 1, first_id=10)
        + meetings_of(3, 1, 1, first_id=20)
    )
    result = run(bodies, meetings, people(1, 2, 3), forbidden_merges=((2, 1),))

    # 2 and 1 may not merge, so neither may be dropped in favour of the other; 3 can go.
    assert [(s.kind, s.body_id) for s in result.steps] == [("drop", 3)]


# --- the load ------------------------------------------------------------------------------------


def test_load_per_person_municipality_body_and_month_on_a_hand_computed_example():
    municipality_of = {1: 10, 2: 10, 3: 20}  # person 4 represents no municipality
    persons = people(1, 2, 3, 4, municipality_of=municipality_of)
    bodies = [body(1, {1, 3}, {"a"}), body(2, {2, 3, 4}, {"b"})]
    meetings = [
        MeetingInput(1, 1, datetime(2019, 3, 4, 9), 2.0, frozenset()),  # 1 and 3
        MeetingInput(2, 1, datetime(2019, 3, 18, 9), 1.5, frozenset({1})),  # only 1 came
        MeetingInput(3, 2, datetime(2019, 4, 2, 13), 3.0, frozenset()),  # 2, 3, 4
        MeetingInput(4, None, datetime(2019, 4, 20, 19), 2.5, frozenset({1, 2})),  # ad hoc
    ]
    result = run(bodies, meetings, persons, period=(date(2019, 3, 1), date(2019, 5, 31)))

    per_person = {p.person_id: (p.meetings, p.hours) for p in result.persons}
    assert per_person == {1: (3, 6.0), 2: (2, 5.5), 3: (2, 5.0), 4: (1, 3.0)}
    assert [p.person_id for p in result.persons] == [1, 2, 3, 4]

    per_municipality = {
        m.municipality_id: (m.people, m.meetings, m.person_hours) for m in result.municipalities
    }
    # Gemeente 10: persons 1 and 2 attended meetings 1, 2, 3 and 4; 6 + 5.5 hours.
    assert per_municipality == {10: (2, 4, 11.5), 20: (1, 2, 5.0)}
    assert result.municipalities[0].name == "Gemeente 10"

    per_body = {b.body_id: (b.members, b.meetings, b.hours, b.person_hours) for b in result.bodies}
    assert per_body == {1: (2, 2, 3.5, 5.5), 2: (3, 1, 3.0, 9.0)}

    per_month = [(m.year, m.month, m.meetings, m.person_hours) for m in result.months]
    assert per_month == [(2019, 3, 2, 5.5), (2019, 4, 2, 14.0), (2019, 5, 0, 0.0)]
    assert result.before.meetings == 4 and result.before.person_hours == 5.5 + 9 + 5


def test_meetings_outside_the_period_are_ignored_and_the_bounds_count():
    bodies = [body(1, {1, 2}, {"a"})]
    meetings = [
        MeetingInput(1, 1, datetime(2018, 12, 31, 23, 0), 1, frozenset()),
        MeetingInput(2, 1, datetime(2019, 1, 1, 0, 0), 1, frozenset()),
        MeetingInput(3, 1, datetime(2019, 6, 30, 23, 59), 1, frozenset()),
        MeetingInput(4, 1, datetime(2019, 7, 1, 8, 0), 100, frozenset()),
    ]
    result = run(bodies, meetings, people(1, 2), period=(date(2019, 1, 1), date(2019, 6, 30)))

    assert result.bodies[0].meetings == 2 and result.bodies[0].person_hours == 4
    assert result.before == result.after
    assert result.before.meetings == 2 and result.before.person_hours == 4
    assert [m.month for m in result.months] == [1, 2, 3, 4, 5, 6]


def test_ad_hoc_meetings_count_in_the_load_but_are_never_saved():
    bodies = [body(1, {1, 2}, {"a"}), body(2, {1, 2}, {"a"})]
    meetings = (
        meetings_of(1, 2, 1, first_id=1)
        + meetings_of(2, 1, 1, first_id=10)
        + [MeetingInput(99, None, datetime(2019, 5, 5, 10), 4, frozenset({1, 2}))]
    )
    result = run(bodies, meetings, people(1, 2))
    assert result.before.meetings == 4 and result.before.person_hours == 4 + 2 + 8
    assert result.after.meetings == 3 and result.after.person_hours == 12
    assert sum(b.meetings for b in result.bodies) == 3


def test_overlap_figures_and_formula():
    bodies = [
        body(1, {1, 2, 3}, {"a", "b"}, {1, 2}),
        body(2, {2, 3, 4, 5}, {"b"}, {2, 3}),
        body(3, {9}, {"z"}),
    ]
    result = run(bodies, [], people(1, 2, 3, 4, 5, 9))

    [overlap] = result.overlaps  # 3 shares nothing with anyone
    assert (overlap.body_a_id, overlap.body_b_id, overlap.shared_members) == (1, 2, 2)
    assert overlap.member_jaccard == pytest.approx(2 / 5)
    assert overlap.shared_spearheads == frozenset({"b"}) and overlap.shared_topics == frozenset({2})
    assert overlap.scope_jaccard == pytest.approx(2 / 5)  # {b, 2} of {a, b, 1, 2, 3}
    assert overlap.score == pytest.approx(0.4)


def test_an_empty_scope_or_membership_counts_as_no_likeness():
    # The same two people, neither body has a spearhead or topic: members 1, scope 0, score 0.5.
    bodies = [body(1, {1, 2}), body(2, {1, 2})]
    meetings = meetings_of(1, 2, 1, first_id=1) + meetings_of(2, 2, 1, first_id=10)
    result = run(bodies, meetings, people(1, 2), min_overlap=0.6)
    assert [o.score for o in result.overlaps] == [0.5]
    assert [(s.kind, s.body_id) for s in result.steps] == [("drop", 2)]


def test_explanation_is_dutch_and_names_the_threshold_and_the_outcome():
    bodies = [body(1, {1, 2}, {"a"}), body(2, {1, 2}, {"a"})]
    meetings = meetings_of(1, 12, 2, first_id=1) + meetings_of(2, 6, 1.25, first_id=20, month=7)
    result = run(bodies, meetings, people(1, 2), min_overlap=0.7, exclude=frozenset(), forbidden_merges=())

    text = " ".join(result.explanation)
    assert "minstens 70%" in text
    assert "01-01-2019 tot en met 31-12-2019" in text
    assert result.explanation[-1] == "Uitkomst: van 18 vergaderingen naar 12, en van 63 naar 48 persoonsuren."
    assert "15 persoonsuren minder" in result.steps[0].reason


# --- determinism, properties and speed ---------------------------------------------------------------


def example_region(seed: int, n_bodies: int, n_meetings: int, n_persons: int = 120):
    """A random but reproducible landscape of bodies with clustered members and scopes."""
    rnd = random.Random(seed)
    persons = [PersonInput(i, f"Persoon {i}", i % 5 + 1, f"Gemeente {i % 5 + 1}") for i in range(n_persons)]
    spearheads = [f"s{i}" for i in range(7)]
    bodies = []
    for i in range(n_bodies):
        cluster = rnd.randrange(12)
        pool = range(cluster * 10, cluster * 10 + 14)
        members = {p % n_persons for p in rnd.sample(pool, rnd.randint(2, 8))}
        bodies.append(
            BodyInput(
                id=i + 1,
                name=f"Overleg {i + 1}",
                kind=rnd.choice(["bestuurlijk_overleg", "ambtelijk_overleg", "werkgroep"]),
                members=frozenset(members),
                spearheads=frozenset(rnd.sample(spearheads, rnd.randint(1, 2))),
                topics=frozenset(rnd.sample(range(cluster * 3, cluster * 3 + 5), rnd.randint(0, 3))),
                may_decide=rnd.random() < 0.05,
            )
        )
    start = datetime(2019, 1, 1, 9)
    meetings = [
        MeetingInput(
            id=j + 1,
            body_id=rnd.randint(1, n_bodies) if rnd.random() < 0.95 else None,
            start=start + timedelta(days=rnd.randrange(365), hours=rnd.randrange(9)),
            hours=rnd.choice([1.0, 1.5, 2.0, 3.0]),
            attendees=frozenset(rnd.sample(range(n_persons), 3)) if rnd.random() < 0.2 else frozenset(),
        )
        for j in range(n_meetings)
    ]
    return bodies, meetings, persons


def test_same_input_in_shuffled_order_gives_the_same_output():
    bodies, meetings, persons = example_region(7, 40, 600)
    options = {
        "exclude": frozenset({3, 5}),
        "forced_merges": ((2, 9),),
        "forbidden_merges": ((4, 11),),
        "min_overlap": 0.4,
    }
    first = run(bodies, meetings, persons, **options)
    assert first.steps, "the example should give a proposal to compare"
    rnd = random.Random(1)
    for _ in range(3):
        rnd.shuffle(bodies)
        rnd.shuffle(meetings)
        rnd.shuffle(persons)
        assert run(bodies, meetings, persons, **options) == first


def test_two_hundred_bodies_and_five_thousand_meetings():
    # Its speed is measured in bench/meetings.py.
    bodies, meetings, persons = example_region(3, 200, 5000)
    result = run(bodies, meetings, persons, min_overlap=0.4)
    assert result.steps
    assert result.after.person_hours <= result.before.person_hours


@st.composite
def landscapes(draw):
    n_persons = draw(st.integers(1, 8))
    person_ids = list(range(1, n_persons + 1))
    persons = [PersonInput(i, f"P{i}", draw(st.sampled_from([None, 1, 2])), None) for i in person_ids]
    n_bodies = draw(st.integers(1, 7))
    bodies = [
        BodyInput(
            id=i,
            name=f"B{i}",
            kind="werkgroep",
            members=draw(st.frozensets(st.sampled_from(person_ids), max_size=5)),
            spearheads=draw(st.frozensets(st.sampled_from("abcd"), max_size=3)),
            topics=draw(st.frozensets(st.integers(1, 4), max_size=3)),
            may_decide=draw(st.booleans()),
            administrative=draw(st.booleans()),
        )
        for i in range(1, n_bodies + 1)
    ]
    meetings = [
        MeetingInput(
            id=j,
            body_id=draw(st.sampled_from([None, *range(1, n_bodies + 1)])),
            start=datetime(2019, draw(st.integers(1, 12)), 15, 10),
            hours=draw(st.sampled_from([0.0, 0.5, 1.0, 2.5])),
            attendees=draw(st.frozensets(st.sampled_from(person_ids), max_size=4)),
        )
        for j in range(draw(st.integers(0, 25)))
    ]
    exclude = draw(st.frozensets(st.integers(1, n_bodies), max_size=2))
    forbidden = tuple(
        draw(st.lists(st.tuples(st.integers(1, n_bodies), st.integers(1, n_bodies)), max_size=2))
    )
    forbidden = tuple((a, b) for a, b in forbidden if a != b)
    min_overlap = draw(st.sampled_from([0.1, 0.3, 0.5, 0.75, 1.0]))
    return bodies, meetings, persons, exclude, forbidden, min_overlap


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_property_the_proposal_never_adds_load_nor_touches_a_removed_body(case):
    bodies, meetings, persons, exclude, forbidden, min_overlap = case
    result = run(
        bodies, meetings, persons, exclude=exclude, forbidden_merges=forbidden, min_overlap=min_overlap
    )
    by_id = {b.id: b for b in bodies}

    assert result.after.person_hours <= result.before.person_hours
    assert result.after.meetings <= result.before.meetings
    assert result.before.meetings - result.after.meetings == sum(s.meetings_saved for s in result.steps)

    alive = set(by_id)
    merged_into: dict[int, set[int]] = {i: {i} for i in by_id}
    for step in result.steps:
        assert step.body_id in alive
        assert step.body_id not in exclude and not by_id[step.body_id].may_decide
        assert step.person_hours_saved >= 0
        alive.discard(step.body_id)
        if step.kind == "merge":
            assert step.into_body_id in alive and step.into_body_id not in exclude
            assert by_id[step.body_id].administrative == by_id[step.into_body_id].administrative
            merged_into[step.into_body_id] |= merged_into.pop(step.body_id)
        else:
            assert step.into_body_id is None
        for move in (*step.topics_moved, *step.spearheads_moved):
            assert move.to_body_id in alive
            assert by_id[move.to_body_id].administrative == by_id[step.body_id].administrative
    assert {b.body_id for b in result.bodies_after} == alive
    for a, b in forbidden:
        assert not any({a, b} <= contents for contents in merged_into.values())

    # The remaining bodies plus the ad hoc meetings add up to the totals after.
    start, end = result.period
    ad_hoc = sum(
        m.hours * len(m.attendees) for m in meetings if m.body_id is None and start <= m.start.date() <= end
    )
    assert sum(b.person_hours for b in result.bodies_after) + ad_hoc == pytest.approx(
        result.after.person_hours
    )

    # Scope is never lost: whatever the dropped and merged bodies covered, a remaining body covers.
    remaining_scope = set().union(
        *(b.spearheads for b in result.bodies_after), *(b.topics for b in result.bodies_after)
    )
    assert remaining_scope == set().union(*(b.spearheads for b in bodies), *(b.topics for b in bodies))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes(), st.lists(st.tuples(st.integers(1, 7), st.integers(1, 7)), max_size=3))
def test_property_forced_merges_are_taken_first_or_refused_with_a_reason(case, forced):
    bodies, meetings, persons, exclude, forbidden, min_overlap = case
    try:
        result = run(
            bodies,
            meetings,
            persons,
            exclude=exclude,
            forced_merges=tuple(forced),
            forbidden_merges=forbidden,
            min_overlap=min_overlap,
        )
    except AnalysisInputError as error:
        assert error.field == "forced_merges" and error.message
        return
    assert [s.forced for s in result.steps[: len(forced)]] == [True] * len(forced)
    assert not any(s.forced for s in result.steps[len(forced) :])
    assert [s.body_id for s in result.steps[: len(forced)]] == [a for a, _ in forced]
    removed = [s.body_id for s in result.steps]
    assert len(removed) == len(set(removed))
    assert result.before.meetings - result.after.meetings == sum(s.meetings_saved for s in result.steps)
    assert result.after.person_hours == pytest.approx(
        result.before.person_hours - sum(s.person_hours_saved for s in result.steps)
    )
