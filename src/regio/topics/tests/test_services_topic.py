"""topics/services.py: every refusal has a code, a field and a message that names the problem, and
leaves nothing behind; every allowed step is stored with its history and its actor."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from freezegun import freeze_time

from regio.regions.tests.factories import PersonFactory, RoleFactory
from regio.topics import services
from regio.topics.models import (
    STATUS_TRANSITIONS,
    Participation,
    ParticipationRole,
    Result,
    Topic,
    TopicStatus,
    TopicStatusChange,
)
from regio.topics.tests.factories import ParticipationFactory, ResultFactory, TopicFactory


@pytest.fixture(autouse=True)
def english_messages():
    # Messages are asserted in the source language, whatever translations are installed.
    with translation.override("en"):
        yield


def refusal(excinfo, field: str) -> tuple[str, str]:
    """The (code, message) of the error on `field`."""
    error = excinfo.value.error_dict[field][0]
    return error.code, " ".join(error.messages)


def counts() -> dict[str, int]:
    return {
        "topics": Topic.objects.count(),
        "topic history": Topic.history.count(),
        "status changes": TopicStatusChange.objects.count(),
        "participations": Participation.objects.count(),
        "participation history": Participation.history.count(),
        "results": Result.objects.count(),
        "result history": Result.history.count(),
    }


@pytest.fixture
def topic(world):
    return TopicFactory(region=world.region, title="Warmtenet", proposed_by=world.own, spearheads=world.spearheads[:1])


# --- creating a topic ------------------------------------------------------------------------


def test_topic_create_stores_topic_spearheads_first_status_and_initiator(world):
    coordinator = world.user("coordinator")
    with freeze_time("2019-01-15"):
        topic = services.topic_create(
            actor=coordinator, region=world.region, title="  Studentenhuisvesting ", spearheads=world.spearheads,
            proposed_by=world.own,
        )
    topic.refresh_from_db()
    assert topic.title == "Studentenhuisvesting"
    assert topic.slug == "studentenhuisvesting"
    assert topic.status == TopicStatus.PROPOSED
    assert set(topic.spearheads.all()) == set(world.spearheads)
    (change,) = topic.status_changes.all()
    assert (change.from_status, change.to_status, change.changed_on) == ("", TopicStatus.PROPOSED, datetime.date(2019, 1, 15))
    assert change.changed_by == coordinator
    assert Participation.objects.get(topic=topic).municipality == world.own
    assert Participation.objects.get(topic=topic).role == ParticipationRole.INITIATOR


def test_topic_create_gives_a_second_topic_with_the_same_title_its_own_slug(world):
    actor = world.user("coordinator")
    first = services.topic_create(actor=actor, region=world.region, title="Warmte", spearheads=world.spearheads[:1])
    second = services.topic_create(actor=actor, region=world.region, title="Warmte", spearheads=world.spearheads[:1])
    assert (first.slug, second.slug) == ("warmte", "warmte-2")


def test_topic_without_spearhead_is_refused_and_nothing_is_stored(world):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_create(
            actor=world.user("coordinator"), region=world.region, title="Los onderwerp", spearheads=[],
            proposed_by=world.own,
        )
    code, message = refusal(excinfo, "spearheads")
    assert code == "no_spearhead"
    assert "at least one spearhead" in message
    assert counts() == before


def test_topic_with_a_spearhead_of_another_region_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_create(
            actor=world.user("coordinator"), region=world.region, title="Leentje",
            spearheads=[world.spearheads[0], world.foreign_spearhead],
        )
    code, message = refusal(excinfo, "spearheads")
    assert code == "foreign_spearhead"
    assert "Wonen elders" in message and "Proefregio" in message
    assert counts() == before


def test_topic_proposed_by_a_non_member_is_refused(world):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_create(
            actor=world.user("coordinator"), region=world.region, title="Van buiten",
            spearheads=world.spearheads[:1], proposed_by=world.outsider,
        )
    code, message = refusal(excinfo, "proposed_by")
    assert code == "not_a_member"
    assert "Amsterdam" in message and "Proefregio" in message
    assert counts() == before


def test_topic_update_refuses_an_empty_spearhead_list_and_keeps_the_old_ones(world, topic):
    with pytest.raises(ValidationError) as excinfo:
        services.topic_update(actor=world.user("coordinator"), topic=topic, title="Nieuwe titel", spearheads=[])
    assert refusal(excinfo, "spearheads")[0] == "no_spearhead"
    topic.refresh_from_db()
    assert topic.title == "Warmtenet"
    assert list(topic.spearheads.all()) == world.spearheads[:1]


def test_topic_update_renames_and_reslugs(world, topic):
    updated = services.topic_update(actor=world.user("editor_own"), topic=topic, title="Warmterotonde")
    assert (updated.title, updated.slug) == ("Warmterotonde", "warmterotonde")
    assert Topic.history.filter(id=topic.pk).latest("history_id").history_user == world.user("editor_own")


# --- the status lifecycle --------------------------------------------------------------------

ALLOWED = sorted((old, new) for old, nexts in STATUS_TRANSITIONS.items() for new in nexts)
FORBIDDEN = sorted(
    (old, new) for old, new in itertools.product(TopicStatus.values, repeat=2) if new not in STATUS_TRANSITIONS[old]
)


def test_the_lifecycle_allows_the_documented_steps():
    # The brief's lifecycle: forward one step, back one step, stop from any open state, reopen a stopped one.
    assert ("voorgesteld", "verkennen") in ALLOWED
    assert ("in_uitvoering", "afgerond") in ALLOWED
    assert ("voorgesteld", "afgerond") in FORBIDDEN
    assert not STATUS_TRANSITIONS[TopicStatus.COMPLETED]
    for old in ("voorgesteld", "verkennen", "concretiseren", "in_uitvoering"):
        assert ("gestopt" in STATUS_TRANSITIONS[old]), old


@pytest.mark.parametrize(("old", "new"), ALLOWED)
def test_every_allowed_transition_is_stored_with_date_reason_and_actor(world, old, new):
    topic = TopicFactory(region=world.region, status=old, proposed_by=world.own, spearheads=world.spearheads[:1])
    actor = world.user("editor_own")
    change = services.topic_status_change(
        actor=actor, topic=topic, status=new, reason="  Besproken in het portefeuillehoudersoverleg ",
        changed_on=datetime.date(2019, 2, 1),
    )
    topic.refresh_from_db()
    assert topic.status == new
    assert (change.from_status, change.to_status) == (old, new)
    assert change.reason == "Besproken in het portefeuillehoudersoverleg"
    assert change.changed_on == datetime.date(2019, 2, 1)
    assert change.changed_by == actor
    record = Topic.history.filter(id=topic.pk).latest("history_id")
    assert (record.status, record.history_user, record.history_change_reason) == (
        new, actor, "Besproken in het portefeuillehoudersoverleg",
    )


@pytest.mark.parametrize(("old", "new"), FORBIDDEN)
def test_every_other_transition_is_refused(world, old, new):
    topic = TopicFactory(region=world.region, status=old, spearheads=world.spearheads[:1])
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_status_change(actor=world.user("coordinator"), topic=topic, status=new, reason="Omdat het kan")
    code, message = refusal(excinfo, "status")
    assert code == "invalid_transition"
    assert str(TopicStatus(old).label) in message and str(TopicStatus(new).label) in message
    topic.refresh_from_db()
    assert topic.status == old
    assert counts() == before


def test_an_unknown_status_is_refused(world, topic):
    with pytest.raises(ValidationError) as excinfo:
        services.topic_status_change(actor=world.user("coordinator"), topic=topic, status="klaar", reason="x")
    code, message = refusal(excinfo, "status")
    assert code == "unknown_status" and "klaar" in message


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_a_status_change_without_reason_is_refused(world, topic, reason):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_status_change(actor=world.user("coordinator"), topic=topic, status="verkennen", reason=reason)
    code, message = refusal(excinfo, "reason")
    assert code == "reason_required"
    assert "reason" in message
    topic.refresh_from_db()
    assert topic.status == TopicStatus.PROPOSED
    assert counts() == before


# --- participation and lead ------------------------------------------------------------------


def test_participation_is_recorded_and_changed_with_the_actor(world, topic):
    actor = world.user("editor_other")
    services.participation_set(actor=actor, topic=topic, municipality=world.other, role=ParticipationRole.FOLLOWS)
    participation = services.participation_set(
        actor=actor, topic=topic, municipality=world.other, role=ParticipationRole.PARTICIPATES, note="Collegebesluit 12 maart"
    )
    assert Participation.objects.filter(topic=topic, municipality=world.other).count() == 1
    assert (participation.role, participation.note) == (ParticipationRole.PARTICIPATES, "Collegebesluit 12 maart")
    records = Participation.history.filter(id=participation.pk).order_by("history_id")
    assert [r.role for r in records] == [ParticipationRole.FOLLOWS, ParticipationRole.PARTICIPATES]
    assert {r.history_user for r in records} == {actor}


def test_participation_of_a_non_member_is_refused(world, topic):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.participation_set(
            actor=world.user("coordinator"), topic=topic, municipality=world.outsider, role=ParticipationRole.PARTICIPATES
        )
    code, message = refusal(excinfo, "municipality")
    assert code == "not_a_member"
    assert "Amsterdam is not a member of Proefregio" in message
    assert counts() == before


def test_participation_with_an_unknown_role_is_refused(world, topic):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.participation_set(actor=world.user("coordinator"), topic=topic, municipality=world.other, role="misschien")
    assert excinfo.value.error_dict["role"][0].code == "invalid_choice"
    assert counts() == before


def test_a_participating_municipality_takes_the_lead_with_a_person_of_its_own(world, topic):
    ParticipationFactory(topic=topic, municipality=world.other, role=ParticipationRole.PARTICIPATES)
    person = PersonFactory(name="J. de Vries")
    RoleFactory(person=person, municipality=world.other, kind="wethouder")
    actor = world.user("coordinator")
    services.topic_lead_set(actor=actor, topic=topic, municipality=world.other, person=person)
    topic.refresh_from_db()
    assert (topic.lead_municipality, topic.lead_person, topic.lead_is_open) == (world.other, person, False)
    assert Participation.objects.get(topic=topic, municipality=world.other).role == ParticipationRole.PARTICIPATES
    assert Topic.history.filter(id=topic.pk).latest("history_id").history_user == actor


# The lead must take part; appointing it never changes a municipality's own choice.
LEAD_REFUSALS = [
    # (own choice of the proposed lead, words the message must contain)
    (ParticipationRole.DECLINES, ["Leiderdorp", "does not take part", "only Leiderdorp itself"]),
    (ParticipationRole.FOLLOWS, ["Leiderdorp", "follows"]),
    (None, ["Leiderdorp", "has not chosen"]),
]


@pytest.mark.parametrize(("choice", "words"), LEAD_REFUSALS)
def test_a_municipality_that_does_not_take_part_cannot_be_made_lead(world, topic, choice, words):
    if choice is not None:
        ParticipationFactory(topic=topic, municipality=world.other, role=choice)
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_lead_set(actor=world.user("coordinator"), topic=topic, municipality=world.other)
    code, message = refusal(excinfo, "lead_municipality")
    assert code == "lead_not_participating"
    for word in words:
        assert word in message
    topic.refresh_from_db()
    assert topic.lead_is_open
    stored = Participation.objects.filter(topic=topic, municipality=world.other).values_list("role", flat=True)
    assert list(stored) == ([] if choice is None else [choice])
    assert counts() == before


def test_a_lead_person_must_hold_a_role_in_the_lead_municipality(world, topic):
    ParticipationFactory(topic=topic, municipality=world.other, role=ParticipationRole.PARTICIPATES)
    person = PersonFactory(name="A. Leidenaar")
    RoleFactory(person=person, municipality=world.own, kind="wethouder")
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_lead_set(actor=world.user("coordinator"), topic=topic, municipality=world.other, person=person)
    code, message = refusal(excinfo, "lead_person")
    assert code == "person_of_another_municipality"
    assert "A. Leidenaar" in message and "Leiderdorp" in message
    topic.refresh_from_db()
    assert topic.lead_is_open and topic.lead_person is None
    assert counts() == before


def test_the_lead_can_be_set_back_to_open(world, topic):
    topic.lead_municipality = world.own
    topic.save()
    services.topic_lead_set(actor=world.user("editor_own"), topic=topic, municipality=None)
    topic.refresh_from_db()
    assert topic.lead_is_open


def test_a_lead_outside_the_region_is_refused(world, topic):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_lead_set(actor=world.user("coordinator"), topic=topic, municipality=world.outsider)
    code, message = refusal(excinfo, "lead_municipality")
    assert code == "not_a_member"
    assert "Amsterdam" in message
    topic.refresh_from_db()
    assert topic.lead_is_open
    assert counts() == before


def test_a_lead_person_without_a_lead_municipality_is_refused(world, topic):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_lead_set(actor=world.user("coordinator"), topic=topic, municipality=None, person=PersonFactory())
    code, message = refusal(excinfo, "lead_person")
    assert code == "person_without_municipality"
    assert "lead municipality" in message
    topic.refresh_from_db()
    assert topic.lead_person is None
    assert counts() == before


# --- desired results -------------------------------------------------------------------------


def test_result_save_creates_and_updates_with_history(world, topic):
    actor = world.user("editor_own")
    result = services.result_save(
        actor=actor, topic=topic, description="Extra studentenkamers", baseline=Decimal(0), target_value=Decimal(500),
        current_value=Decimal(100), target_date=datetime.date(2022, 12, 31),
    )
    assert result.progress == Decimal("0.2")
    services.result_save(
        actor=actor, topic=topic, result=result, description="Extra studentenkamers", baseline=Decimal(0),
        target_value=Decimal(500), current_value=Decimal(250),
    )
    result.refresh_from_db()
    assert result.progress_percent == 50
    assert Result.objects.count() == 1
    assert [r.history_user for r in Result.history.filter(id=result.pk)] == [actor, actor]


def test_a_result_whose_target_equals_its_baseline_is_refused(world, topic):
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.result_save(
            actor=world.user("coordinator"), topic=topic, description="Niets veranderen", baseline=Decimal(10),
            target_value=Decimal(10),
        )
    code, message = refusal(excinfo, "target_value")
    assert code == "target_equals_baseline"
    assert "baseline" in message
    assert counts() == before


def test_a_result_of_another_topic_cannot_be_saved_through_this_one(world, topic):
    stranger = ResultFactory(topic=TopicFactory(region=world.region, spearheads=world.spearheads[:1]))
    with pytest.raises(ValidationError) as excinfo:
        services.result_save(actor=world.user("coordinator"), topic=topic, result=stranger, description="Gekaapt")
    assert excinfo.value.error_list[0].code == "foreign_result"
    stranger.refresh_from_db()
    assert stranger.description != "Gekaapt"


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        ("0", "200", "50", Decimal("0.25")),
        ("0", "200", "200", Decimal(1)),
        ("0", "200", "350", Decimal(1)),  # overshoot is clamped
        ("0", "200", "-20", Decimal(0)),  # going backwards is clamped
        ("100", "40", "70", Decimal("0.5")),  # a target below the baseline (e.g. less CO2)
        ("100", "40", "120", Decimal(0)),
        (None, "200", "50", None),
        ("0", None, "50", None),
        ("0", "200", None, None),
    ],
)
def test_result_progress_is_derived_and_clamped(baseline, target, current, expected):
    result = Result(
        description="x",
        baseline=None if baseline is None else Decimal(baseline),
        target_value=None if target is None else Decimal(target),
        current_value=None if current is None else Decimal(current),
    )
    assert result.progress == expected
    assert result.progress_percent == (None if expected is None else int(round(expected * 100)))


def test_progress_percent_rounds():
    result = Result(description="x", baseline=Decimal(0), target_value=Decimal(3), current_value=Decimal(2))
    assert result.progress_percent == 67


# --- history ---------------------------------------------------------------------------------


def test_creating_a_topic_records_the_actor_on_every_history_row(world):
    actor = world.user("editor_own")
    topic = services.topic_create(
        actor=actor, region=world.region, title="Fietsroutes", spearheads=world.spearheads, proposed_by=world.own
    )
    # The spearheads are tracked too, so setting them adds a second version of the topic.
    topic_records = list(Topic.history.filter(id=topic.pk).order_by("history_id"))
    assert topic_records[0].history_type == "+"
    assert {record.history_user for record in topic_records} == {actor}
    (participation_record,) = Participation.history.filter(topic_id=topic.pk)
    assert participation_record.history_user == actor


# --- status history in date order (defect 4) ----------------------------------------------------


def test_a_status_change_dated_before_the_last_one_is_refused_for_an_editor(world, topic):
    actor = world.user("editor_own")
    services.topic_status_change(actor=actor, topic=topic, status="verkennen", reason="Start",
                                 changed_on=datetime.date(2025, 3, 3))
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_status_change(actor=actor, topic=topic, status="concretiseren", reason="Verder",
                                     changed_on=datetime.date(2025, 3, 2))
    code, message = refusal(excinfo, "changed_on")
    assert code == "before_last_change"
    assert "exploring" in message and "2025" in message and "coordinator" in message
    assert counts() == before
    topic.refresh_from_db()
    assert topic.status == TopicStatus.EXPLORING
    # The same day as the last change is fine.
    services.topic_status_change(actor=actor, topic=topic, status="concretiseren", reason="Verder",
                                 changed_on=datetime.date(2025, 3, 3))
    assert list(topic.status_changes.order_by("changed_on", "recorded_at").values_list("to_status", flat=True)) == [
        "verkennen", "concretiseren",
    ]


def test_the_coordinator_may_record_an_earlier_step_with_its_reason(world, topic):
    actor = world.user("coordinator")
    services.topic_status_change(actor=actor, topic=topic, status="verkennen", reason="Start",
                                 changed_on=datetime.date(2025, 3, 3))
    change = services.topic_status_change(actor=actor, topic=topic, status="concretiseren",
                                          reason="Besluit van februari alsnog vastgelegd",
                                          changed_on=datetime.date(2025, 2, 20))
    assert (change.changed_on, change.reason, change.changed_by) == (
        datetime.date(2025, 2, 20), "Besluit van februari alsnog vastgelegd", actor)


def test_the_status_steps_say_what_is_possible_and_why_not(world):
    topic = TopicFactory(region=world.region, spearheads=world.spearheads[:1], status=TopicStatus.EXPLORING)
    assert topic.status_steps() == [
        ("proposed", True, "start again when stopped plans are picked up"),
        ("concretising", True, "the next step, or one back when plans change"),
        ("in progress", False, "only from: concretising"),
        ("completed", False, "only from: in progress"),
        ("stopped", True, "possible from any open status"),
    ]
    done = TopicFactory(region=world.region, spearheads=world.spearheads[:1], completed=True)
    assert {possible for _label, possible, _why in done.status_steps()} == {False}


# --- lost updates: the version the editor loaded ---------------------------------------------


def test_topic_update_raises_the_version_only_when_something_changed(world, topic):
    assert topic.version == 1
    updated = services.topic_update(actor=world.user("coordinator"), topic=topic, title="Warmterotonde", expected_version=1)
    assert updated.version == 2
    same = services.topic_update(actor=world.user("coordinator"), topic=topic, title="Warmterotonde", expected_version=2)
    assert same.version == 2


def test_a_stale_topic_update_is_refused_with_both_values_and_saves_nothing(world, topic):
    services.topic_update(actor=world.user("coordinator"), topic=topic, title="Warmterotonde", description="Restwarmte.",
                          expected_version=1)
    before = counts()
    with pytest.raises(ValidationError) as excinfo:
        services.topic_update(
            actor=world.user("editor_own"), topic=topic, title="Warmtenet", description="Nieuwe omschrijving",
            spearheads=world.spearheads[:1], expected_version=1,
        )
    error = excinfo.value.error_list[0]
    assert error.code == "stale"
    assert error.messages == [
        "Someone else has changed this topic in the meantime. "
        "Title — stored: “Warmterotonde”, your input: “Warmtenet”. "
        "Description — stored: “Restwarmte.”, your input: “Nieuwe omschrijving”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    topic.refresh_from_db()
    assert (topic.title, topic.description, topic.version) == ("Warmterotonde", "Restwarmte.", 2)
    assert counts() == before


def test_a_topic_update_without_an_expected_version_is_not_checked(world, topic):
    services.topic_update(actor=world.user("coordinator"), topic=topic, title="Warmterotonde")
    updated = services.topic_update(actor=world.user("coordinator"), topic=topic, description="Nieuw")
    assert (updated.title, updated.description, updated.version) == ("Warmterotonde", "Nieuw", 3)


def test_status_lead_and_participation_changes_raise_the_topic_version(world, topic):
    coordinator = world.user("coordinator")
    services.participation_set(actor=coordinator, topic=topic, municipality=world.own, role=ParticipationRole.PARTICIPATES)
    topic.refresh_from_db()
    assert topic.version == 2
    services.participation_set(actor=coordinator, topic=topic, municipality=world.own, role=ParticipationRole.PARTICIPATES)
    topic.refresh_from_db()
    assert topic.version == 2  # the same choice again changes nothing
    services.topic_lead_set(actor=coordinator, topic=topic, municipality=world.own)
    topic.refresh_from_db()
    assert topic.version == 3
    services.topic_status_change(actor=coordinator, topic=topic, status=TopicStatus.EXPLORING, reason="Verkenning start")
    topic.refresh_from_db()
    assert topic.version == 4


def test_an_edit_loaded_before_a_status_change_is_refused(world, topic):
    coordinator = world.user("coordinator")
    services.topic_status_change(actor=coordinator, topic=topic, status=TopicStatus.EXPLORING, reason="Verkenning start")
    with pytest.raises(ValidationError) as excinfo:
        services.topic_update(actor=coordinator, topic=topic, title="Warmterotonde", expected_version=1)
    assert excinfo.value.error_list[0].code == "stale"
    topic.refresh_from_db()
    assert (topic.title, topic.version) == ("Warmtenet", 2)


def test_a_status_change_loaded_before_another_one_is_refused_and_saves_nothing(world, topic):
    coordinator = world.user("coordinator")
    services.topic_status_change(actor=coordinator, topic=topic, status=TopicStatus.EXPLORING, reason="Verkenning start",
                                 expected_version=1)
    with pytest.raises(ValidationError) as excinfo:
        # Chosen on a form that still showed "proposed": stopping it is possible now, but not what was seen.
        services.topic_status_change(actor=coordinator, topic=topic, status=TopicStatus.STOPPED, reason="Geen animo",
                                     expected_version=1)
    assert excinfo.value.error_list[0].code == "stale"
    topic.refresh_from_db()
    assert (topic.status, topic.version) == (TopicStatus.EXPLORING, 2)
    assert list(topic.status_changes.values_list("to_status", flat=True)) == [TopicStatus.EXPLORING]
    # With the current version the same step is taken.
    services.topic_status_change(actor=coordinator, topic=topic, status=TopicStatus.STOPPED, reason="Geen animo",
                                 expected_version=2)
    topic.refresh_from_db()
    assert (topic.status, topic.version) == (TopicStatus.STOPPED, 3)


def test_a_stale_result_edit_is_refused_with_both_values_and_saves_nothing(world, topic):
    coordinator = world.user("coordinator")
    result = services.result_save(actor=coordinator, topic=topic, description="Aangesloten woningen", target_value=1000)
    services.result_save(actor=coordinator, topic=topic, result=result, description="Aangesloten woningen",
                         target_value=1000, current_value=250, expected_version=1)
    with pytest.raises(ValidationError) as excinfo:
        services.result_save(actor=coordinator, topic=topic, result=result, description="Aangesloten woningen",
                             target_value=Decimal("1200.00"), expected_version=1)
    assert excinfo.value.messages == [
        "Someone else has changed this result in the meantime. "
        "Target — stored: “1000”, your input: “1200”. "
        "Current value — stored: “250”, your input: “”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    result.refresh_from_db()
    assert (result.target_value, result.current_value, result.version) == (1000, 250, 2)
