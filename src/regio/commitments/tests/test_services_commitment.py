"""commitments/services.py: recording a promise, and fulfilling or withdrawing it exactly once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regio.commitments.models import Commitment, CommitmentState
from regio.commitments.services import commitment_fulfil, commitment_save, commitment_withdraw
from regio.commitments.tests.factories import CommitmentFactory

DUE = datetime.date(2019, 2, 28)


def save(world, actor, **overrides):
    arguments = dict(
        actor=actor,
        region=world.region,
        title="Raden informeren",
        promised_by="De colleges",
        due_date=DUE,
        promised_by_municipalities=[world.own],
        recipient_councils=[world.own, world.other],
    )
    arguments.update(overrides)
    return commitment_save(**arguments)


def test_coordinator_records_a_commitment(world):
    commitment = save(world, world.user("coordinator"))
    assert commitment.state == CommitmentState.OPEN
    assert set(commitment.recipient_councils.all()) == {world.own, world.other}
    # The m2m fields add versions of their own; every version names the coordinator.
    assert {h.history_user for h in commitment.history.all()} == {world.user("coordinator")}


def test_commitment_without_recipient_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as exc:
        save(world, world.user("coordinator"), recipient_councils=[])
    assert "recipient_councils" in exc.value.error_dict
    assert Commitment.objects.count() == 0


def test_a_partner_alone_is_a_recipient(world):
    from regio.regions.tests.factories import OrganisationFactory

    commitment = save(
        world, world.user("coordinator"), recipient_councils=[], recipient_organisation=OrganisationFactory()
    )
    assert commitment.recipient_organisation is not None


def test_council_outside_the_region_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        save(world, world.user("coordinator"), recipient_councils=[world.outsider])
    assert "recipient_councils" in exc.value.error_dict


def test_due_window_reversed_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        save(world, world.user("coordinator"), due_start=datetime.date(2019, 3, 1))
    assert "due_date" in exc.value.error_dict
    assert Commitment.objects.count() == 0


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor_own", "editor_other"])
def test_only_the_coordinator_records_commitments(world, role):
    with pytest.raises(PermissionDenied):
        save(world, world.user(role))


@pytest.mark.parametrize("role", ["coordinator", "superuser", "editor_own"])
def test_coordinator_and_promising_editor_fulfil(world, role):
    commitment = CommitmentFactory(
        region=world.region, promised_by_municipalities=[world.own], recipient_councils=[world.own]
    )
    commitment = commitment_fulfil(
        actor=world.user(role),
        commitment=commitment,
        evidence="Brief van 20 februari 2019",
        on=datetime.date(2019, 2, 20),
    )
    assert commitment.state == CommitmentState.FULFILLED
    assert commitment.resolved_on == datetime.date(2019, 2, 20)
    assert not commitment.is_overdue(datetime.date(2030, 1, 1))


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor_other"])
def test_others_may_not_resolve(world, role):
    commitment = CommitmentFactory(
        region=world.region, promised_by_municipalities=[world.own], recipient_councils=[world.own]
    )
    with pytest.raises(PermissionDenied):
        commitment_fulfil(actor=world.user(role), commitment=commitment, evidence="Brief")
    with pytest.raises(PermissionDenied):
        commitment_withdraw(actor=world.user(role), commitment=commitment, reason="Vervallen")
    commitment.refresh_from_db()
    assert commitment.state == CommitmentState.OPEN


def test_fulfil_needs_evidence(world):
    commitment = CommitmentFactory(region=world.region, recipient_councils=[world.own])
    with pytest.raises(ValidationError) as exc:
        commitment_fulfil(actor=world.user("coordinator"), commitment=commitment, evidence="   ")
    assert "evidence" in exc.value.error_dict
    commitment.refresh_from_db()
    assert commitment.state == CommitmentState.OPEN


def test_a_meeting_alone_is_evidence(world):
    from regio.meetings.models import Meeting

    meeting = Meeting.objects.create(region=world.region, title="Raadsbijeenkomst", window_start=DUE, window_end=DUE)
    commitment = CommitmentFactory(region=world.region, recipient_councils=[world.own])
    commitment = commitment_fulfil(actor=world.user("coordinator"), commitment=commitment, evidence_meeting=meeting)
    assert commitment.evidence_meeting == meeting


def test_withdraw_needs_a_reason(world):
    commitment = CommitmentFactory(region=world.region, recipient_councils=[world.own])
    with pytest.raises(ValidationError) as exc:
        commitment_withdraw(actor=world.user("coordinator"), commitment=commitment, reason="")
    assert "evidence" in exc.value.error_dict


@pytest.mark.parametrize("trait", ["fulfilled", "withdrawn"])
@pytest.mark.parametrize("action", ["fulfil", "withdraw"])
def test_no_second_resolution(world, trait, action):
    commitment = CommitmentFactory(region=world.region, recipient_councils=[world.own], **{trait: True})
    before = commitment.state
    with pytest.raises(ValidationError) as exc:
        if action == "fulfil":
            commitment_fulfil(actor=world.user("coordinator"), commitment=commitment, evidence="Nog een brief")
        else:
            commitment_withdraw(actor=world.user("coordinator"), commitment=commitment, reason="Toch niet")
    assert "state" in exc.value.error_dict
    commitment.refresh_from_db()
    assert commitment.state == before


# --- lost updates: the version the editor loaded (core.versions) -------------------------------------------------


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_a_stale_commitment_edit_is_refused_with_both_values_and_saves_nothing(world, english):
    coordinator = world.user("coordinator")
    commitment = save(world, coordinator)
    save(world, coordinator, commitment=commitment, due_date=datetime.date(2019, 6, 30), expected_version=1)
    history = Commitment.history.count()
    with pytest.raises(ValidationError) as exc:
        save(world, coordinator, commitment=commitment, title="Raden tijdig informeren", expected_version=1)
    assert exc.value.error_list[0].code == "stale"
    assert exc.value.messages == [
        "Someone else has changed this commitment in the meantime. "
        "Title — stored: “Raden informeren”, your input: “Raden tijdig informeren”. "
        "Due date — stored: “June 30, 2019”, your input: “Feb. 28, 2019”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    commitment.refresh_from_db()
    assert (commitment.title, commitment.due_date, commitment.version) == (
        "Raden informeren", datetime.date(2019, 6, 30), 2)
    assert Commitment.history.count() == history


def test_fulfilling_a_commitment_loaded_before_an_edit_is_refused(world, english):
    coordinator = world.user("coordinator")
    commitment = save(world, coordinator)
    save(world, coordinator, commitment=commitment, due_date=datetime.date(2019, 6, 30), expected_version=1)
    with pytest.raises(ValidationError) as exc:
        commitment_fulfil(actor=coordinator, commitment=commitment, evidence="Brief 12", on=datetime.date(2019, 3, 1),
                          expected_version=1)
    assert exc.value.error_list[0].code == "stale"
    assert exc.value.messages[0].startswith("Someone else has changed this commitment since you opened this form. ")
    commitment.refresh_from_db()
    assert (commitment.state, commitment.evidence, commitment.version) == (CommitmentState.OPEN, "", 2)
    done = commitment_fulfil(actor=coordinator, commitment=commitment, evidence="Brief 12",
                             on=datetime.date(2019, 3, 1), expected_version=2)
    assert (done.state, done.version) == (CommitmentState.FULFILLED, 3)
