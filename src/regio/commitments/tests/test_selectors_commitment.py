"""commitments/selectors.py: filters, and overdue / due soon derived from today (frozen here)."""

import datetime

import pytest
from freezegun import freeze_time

from regio.access.policies import region_access
from regio.commitments.models import Commitment, CommitmentState
from regio.commitments.selectors import commitment_list, commitment_signals
from regio.commitments.services import commitment_fulfil
from regio.commitments.tests.factories import CommitmentFactory
from regio.regions.models import Municipality

DUE = datetime.date(2019, 2, 28)


def titles(queryset):
    return {c.title for c in queryset}


@pytest.mark.parametrize(
    ("today", "overdue", "due_soon"),
    [
        ("2019-01-15", False, False),  # more than 30 days ahead
        ("2019-02-01", False, True),  # within 30 days
        ("2019-02-28", False, True),  # on the due date: still in time
        ("2019-03-01", True, False),  # the day after
        ("2025-06-01", True, False),
    ],
)
def test_overdue_and_due_soon_follow_today(world, today, overdue, due_soon):
    commitment = CommitmentFactory(region=world.region, due_date=DUE, recipient_councils=[world.own])
    access = region_access(world.user("anonymous"), world.region)
    with freeze_time(today):
        assert commitment.overdue is overdue
        assert commitment.due_soon is due_soon
        assert bool(titles(commitment_list(region=world.region, access=access, overdue=True))) is overdue
        assert bool(titles(commitment_list(region=world.region, access=access, due_soon=True))) is due_soon
        signals = commitment_signals(region=world.region, access=access)
        assert [c.pk for c in signals.overdue] == ([commitment.pk] if overdue else [])
        assert [c.pk for c in signals.due_soon] == ([commitment.pk] if due_soon else [])


@pytest.mark.parametrize("trait", ["fulfilled", "withdrawn"])
def test_a_resolved_commitment_is_never_overdue(world, trait):
    commitment = CommitmentFactory(region=world.region, due_date=DUE, recipient_councils=[world.own], **{trait: True})
    access = region_access(world.user("coordinator"), world.region)
    with freeze_time("2030-01-01"):
        assert not commitment.overdue
        assert not commitment_list(region=world.region, access=access, overdue=True).exists()
        assert commitment_signals(region=world.region, access=access).overdue == []


def test_filters_by_council_promiser_and_state(world):
    to_own = CommitmentFactory(
        region=world.region,
        title="Aan Leiden",
        recipient_councils=[world.own],
        promised_by_municipalities=[world.other],
    )
    to_all = CommitmentFactory(
        region=world.region,
        title="Aan allen",
        recipient_councils=[world.own, world.other, world.third],
        promised_by_municipalities=[world.own, world.other, world.third],
    )
    CommitmentFactory(region=world.region, title="Nagekomen", recipient_councils=[world.third], fulfilled=True)
    access = region_access(world.user("reader"), world.region)
    assert titles(commitment_list(region=world.region, access=access, council=world.own)) == {
        to_own.title,
        to_all.title,
    }
    assert titles(commitment_list(region=world.region, access=access, council=world.third)) == {
        "Aan allen",
        "Nagekomen",
    }
    assert titles(commitment_list(region=world.region, access=access, municipality=world.own)) == {to_all.title}
    assert titles(commitment_list(region=world.region, access=access, state=CommitmentState.FULFILLED)) == {"Nagekomen"}
    # A commitment to several councils is listed once.
    assert commitment_list(region=world.region, access=access).count() == 3


def test_internal_commitments_hidden_from_anonymous(world):
    CommitmentFactory(region=world.region, title="Openbaar", recipient_councils=[world.own])
    CommitmentFactory(region=world.region, title="Intern", recipient_councils=[world.own], internal=True)
    anonymous = region_access(world.user("anonymous"), world.region)
    reader = region_access(world.user("reader"), world.region)
    assert titles(commitment_list(region=world.region, access=anonymous)) == {"Openbaar"}
    assert titles(commitment_list(region=world.region, access=reader)) == {"Openbaar", "Intern"}
    with freeze_time("2019-03-01"):
        assert [c.title for c in commitment_signals(region=world.region, access=anonymous).overdue] == ["Openbaar"]


def test_the_leidse_regio_promise_is_overdue_until_fulfilled(leidse_regio):
    from regio.access.policies import SYSTEM

    access = region_access(None, leidse_regio)
    commitment = Commitment.objects.get(region=leidse_regio, title="Raden informeren over de concrete onderwerpen")
    assert commitment.due_date == DUE
    assert set(commitment.recipient_councils.all()) == set(
        Municipality.objects.filter(memberships__region=leidse_regio)
    )
    assert commitment.recipient_councils.count() == 5
    with freeze_time("2026-01-01"):
        assert [c.pk for c in commitment_signals(region=leidse_regio, access=access).overdue] == [commitment.pk]
        commitment_fulfil(
            actor=SYSTEM, commitment=commitment, evidence="Raadsinformatiebrief", on=datetime.date(2019, 2, 26)
        )
        assert commitment_signals(region=leidse_regio, access=access).overdue == []
