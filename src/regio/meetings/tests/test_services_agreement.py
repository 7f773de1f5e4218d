"""meetings/services.py: agreement_save and decision_record (who may record what, and bad input)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from regio.meetings.models import Agreement, DecisionKind, MunicipalDecision, Organ, Outcome
from regio.meetings.services import agreement_save, decision_record
from regio.meetings.tests.agreement_factories import AgreementFactory

MADE_ON = datetime.date(2019, 3, 14)


def save(world, actor, **overrides):
    arguments = dict(
        actor=actor,
        region=world.region,
        title="Warmterotonde",
        text="De colleges stellen voor ...",
        made_on=MADE_ON,
        participants=[world.own, world.other],
    )
    arguments.update(overrides)
    return agreement_save(**arguments)


def record(world, actor, agreement, municipality, **overrides):
    arguments = dict(
        actor=actor,
        agreement=agreement,
        municipality=municipality,
        organ=Organ.COLLEGE,
        outcome=Outcome.ADOPTED,
        decided_on=MADE_ON + datetime.timedelta(days=7),
    )
    arguments.update(overrides)
    return decision_record(**arguments)


@pytest.mark.parametrize("role", ["coordinator", "superuser"])
def test_coordinator_saves_an_agreement(world, role):
    agreement = save(world, world.user(role))
    assert set(agreement.participants.all()) == {world.own, world.other}
    agreement = save(world, world.user(role), agreement=agreement, participants=[world.third], title="Anders")
    assert Agreement.objects.get().title == "Anders"
    assert list(agreement.participants.all()) == [world.third]


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor_own", "editor_other"])
def test_others_may_not_save_agreements(world, role):
    with pytest.raises(PermissionDenied):
        save(world, world.user(role))
    assert not Agreement.objects.exists()


def test_participants_are_members_only(world):
    with pytest.raises(ValidationError) as exc:
        save(world, world.user("coordinator"), participants=[world.own, world.outsider])
    assert "participants" in exc.value.error_dict
    assert world.outsider.name in str(exc.value)
    assert not Agreement.objects.exists()


def test_an_agreement_needs_participants(world):
    with pytest.raises(ValidationError) as exc:
        save(world, world.user("coordinator"), participants=[])
    assert "participants" in exc.value.error_dict


@pytest.mark.parametrize("role", ["editor_own", "coordinator", "superuser"])
def test_own_editor_and_coordinator_record_a_decision(world, role):
    agreement = AgreementFactory(region=world.region, participants=[world.own, world.other])
    decision = record(world, world.user(role), agreement, world.own, document="Besluit B&W 2019/12")
    assert decision.outcome == Outcome.ADOPTED
    assert decision.history.get().history_user == world.user(role)


def test_coordinator_records_for_every_participant(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own, world.other])
    for municipality in (world.own, world.other):
        record(world, world.user("coordinator"), agreement, municipality)
    assert MunicipalDecision.objects.count() == 2


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor_other"])
def test_editor_records_only_for_own_municipality(world, role):
    agreement = AgreementFactory(region=world.region, participants=[world.own, world.other])
    with pytest.raises(PermissionDenied):
        record(world, world.user(role), agreement, world.own)
    assert not MunicipalDecision.objects.exists()


def test_decision_for_non_participant_refused(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own])
    with pytest.raises(ValidationError) as exc:
        record(world, world.user("coordinator"), agreement, world.other)
    assert "municipality" in exc.value.error_dict
    assert world.other.name in str(exc.value)
    assert not MunicipalDecision.objects.exists()


def test_decision_before_the_agreement_refused(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own], made_on=MADE_ON)
    with pytest.raises(ValidationError) as exc:
        record(world, world.user("coordinator"), agreement, world.own, decided_on=MADE_ON - datetime.timedelta(days=1))
    assert "decided_on" in exc.value.error_dict
    assert not MunicipalDecision.objects.exists()
    # On the day itself is fine.
    record(world, world.user("coordinator"), agreement, world.own, decided_on=MADE_ON)


def test_a_later_decision_of_the_same_organ_replaces_the_earlier(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own])
    record(world, world.user("editor_own"), agreement, world.own, outcome=Outcome.DEFERRED)
    record(world, world.user("editor_own"), agreement, world.own, outcome=Outcome.ADOPTED)
    decision = MunicipalDecision.objects.get()
    assert decision.outcome == Outcome.ADOPTED
    assert [h.outcome for h in decision.history.order_by("history_date")] == [Outcome.DEFERRED, Outcome.ADOPTED]


def test_council_view_is_recorded_as_a_view(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own], with_councils=True)
    decision = record(
        world, world.user("editor_own"), agreement, world.own, organ=Organ.COUNCIL, kind=DecisionKind.VIEW
    )
    assert decision.kind == DecisionKind.VIEW


def test_unknown_organ_refused(world):
    agreement = AgreementFactory(region=world.region, participants=[world.own])
    with pytest.raises(ValidationError) as exc:
        record(world, world.user("coordinator"), agreement, world.own, organ="provincie")
    assert "organ" in exc.value.error_dict


# --- lost updates: the version the editor loaded (core.versions) -------------------------------------------------


def test_a_stale_agreement_edit_is_refused_with_both_values_and_saves_nothing(world):
    coordinator = world.user("coordinator")
    agreement = save(world, coordinator)
    save(world, coordinator, agreement=agreement, text="Gewijzigde tekst", expected_version=1)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        save(world, coordinator, agreement=agreement, participants=[world.own], expected_version=1)
    assert exc.value.error_list[0].code == "stale"
    assert exc.value.messages == [
        "Someone else has changed this agreement in the meantime. "
        "Text — stored: “Gewijzigde tekst”, your input: “De colleges stellen voor ...”. "
        "Participating municipalities — stored: “Leiden, Leiderdorp”, your input: “Leiden”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    agreement.refresh_from_db()
    assert (agreement.text, agreement.version, agreement.participants.count()) == ("Gewijzigde tekst", 2, 2)


def test_a_stale_agreement_edit_that_changes_nothing_stored_loses_nothing_and_passes(world):
    coordinator = world.user("coordinator")
    agreement = save(world, coordinator)
    save(world, coordinator, agreement=agreement, text="Gewijzigde tekst", expected_version=1)
    again = save(world, coordinator, agreement=agreement, text="Gewijzigde tekst", expected_version=1)
    assert (again.text, again.version) == ("Gewijzigde tekst", 3)


# --- other topics: every topic an agreement concerns beside the main one ------------------------------------------


@pytest.fixture
def topics(world):
    from regio.topics.tests.factories import TopicFactory

    return {
        slug: TopicFactory(region=world.region, title=title, slug=slug)
        for title, slug in (("Warmtenet", "warmtenet"), ("Fietsroutes", "fietsroutes"), ("Jeugdzorg", "jeugdzorg"))
    }


def test_other_topics_are_stored_beside_the_main_one_which_is_never_among_them(world, topics):
    coordinator = world.user("coordinator")
    others = [topics["jeugdzorg"], topics["warmtenet"], topics["fietsroutes"], topics["jeugdzorg"]]
    agreement = save(world, coordinator, topic=topics["warmtenet"], other_topics=others)
    stored = Agreement.objects.get(pk=agreement.pk)
    assert stored.topic.slug == "warmtenet"
    assert sorted(t.slug for t in stored.other_topics.all()) == ["fietsroutes", "jeugdzorg"]


def test_other_topics_none_leaves_them_and_a_list_replaces_them(world, topics):
    coordinator = world.user("coordinator")
    agreement = save(world, coordinator, other_topics=[topics["fietsroutes"], topics["jeugdzorg"]])
    save(world, coordinator, agreement=agreement, title="Anders")
    assert sorted(t.slug for t in Agreement.objects.get().other_topics.all()) == ["fietsroutes", "jeugdzorg"]
    save(world, coordinator, agreement=agreement, other_topics=[])
    assert list(Agreement.objects.get().other_topics.all()) == []


def test_an_other_topic_of_another_region_is_refused_by_name_and_nothing_is_saved(world, topics):
    from regio.topics.tests.factories import TopicFactory

    coordinator = world.user("coordinator")
    agreement = save(world, coordinator, other_topics=[topics["fietsroutes"]])
    elsewhere = TopicFactory(title="Havenvisie", slug="havenvisie")
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        save(world, coordinator, agreement=agreement, title="Anders", other_topics=[topics["jeugdzorg"], elsewhere])
    assert exc.value.message_dict == {"other_topics": ["Het onderwerp “Havenvisie” hoort bij een andere regio."]}
    stored = Agreement.objects.get()
    assert (stored.title, [t.slug for t in stored.other_topics.all()]) == ("Warmterotonde", ["fietsroutes"])


def test_a_stale_edit_of_the_other_topics_is_refused_naming_them(world, topics):
    coordinator = world.user("coordinator")
    agreement = save(world, coordinator, other_topics=[topics["fietsroutes"]])
    save(world, coordinator, agreement=agreement, other_topics=[topics["jeugdzorg"]], expected_version=1)
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        save(world, coordinator, agreement=agreement, other_topics=[topics["warmtenet"]], expected_version=1)
    assert exc.value.messages == [
        "Someone else has changed this agreement in the meantime. "
        "Other topics — stored: “Jeugdzorg”, your input: “Warmtenet”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    assert [t.slug for t in Agreement.objects.get().other_topics.all()] == ["jeugdzorg"]
