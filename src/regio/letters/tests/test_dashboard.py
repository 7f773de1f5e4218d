"""The dashboard's figures, counted in the database: a small region written out with the figures it must give."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from regio.access.policies import region_access
from regio.commitments.tests.factories import CommitmentFactory
from regio.letters.dashboard import dashboard_data
from regio.topics.models import TopicStatus
from regio.topics.tests.factories import ResultFactory, TopicFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)


def test_figures_per_spearhead_and_council(world):
    wonen, energie = world.spearheads
    # wonen: a topic at 25 % (results at 0 % and 50 %), one in progress without results (70 %), and
    # a completed one (100 %): mean 65 %. energie: the in-progress topic (70 %) and a proposed one (0 %): 35 %.
    measured = TopicFactory(region=world.region, slug="a", status=TopicStatus.EXPLORING, spearheads=[wonen])
    ResultFactory(topic=measured, baseline=Decimal(0), target_value=Decimal(100), current_value=Decimal(0))
    ResultFactory(topic=measured, baseline=Decimal(10), target_value=Decimal(30), current_value=Decimal(20))
    TopicFactory(region=world.region, slug="b", status=TopicStatus.IN_PROGRESS, spearheads=[wonen, energie])
    TopicFactory(region=world.region, slug="c", status=TopicStatus.COMPLETED, spearheads=[wonen])
    TopicFactory(region=world.region, slug="d", status=TopicStatus.PROPOSED, spearheads=[energie])
    TopicFactory(region=world.region, slug="e", status=TopicStatus.PROPOSED, spearheads=[energie], internal=True)
    # Results past their target count as 100 %, below their baseline as 0 %.
    over = TopicFactory(region=world.region, slug="f", status=TopicStatus.PROPOSED, spearheads=[])
    ResultFactory(topic=over, baseline=Decimal(0), target_value=Decimal(10), current_value=Decimal(50))

    CommitmentFactory(region=world.region, due_date=TODAY - datetime.timedelta(days=3), recipient_councils=[world.own])
    CommitmentFactory(region=world.region, due_date=TODAY + datetime.timedelta(days=5),
                      recipient_councils=[world.own, world.other])
    CommitmentFactory(region=world.region, due_date=TODAY + datetime.timedelta(days=200), recipient_councils=[world.other])

    data = dashboard_data(region=world.region, access=region_access(world.user("anonymous"), world.region), today=TODAY)

    rows = {r["spearhead"].code: (r["total"], r["statuses"], r["progress"]) for r in data["spearhead_rows"]}
    assert rows == {
        "wonen": (3, [("verkennen", 1), ("in uitvoering", 1), ("afgerond", 1)], 65),
        "energie": (2, [("voorgesteld", 1), ("in uitvoering", 1)], 35),
    }
    assert data["council_rows"] == [
        ("Leiden", {"overdue": 1, "due_soon": 1, "open": 2}),
        ("Leiderdorp", {"overdue": 0, "due_soon": 1, "open": 2}),
    ]


def test_one_municipality_narrows_the_figures(world):
    wonen, _energie = world.spearheads
    from regio.topics.tests.factories import ParticipationFactory

    joined = TopicFactory(region=world.region, slug="a", status=TopicStatus.COMPLETED, spearheads=[wonen])
    ParticipationFactory(topic=joined, municipality=world.own)
    TopicFactory(region=world.region, slug="b", status=TopicStatus.PROPOSED, spearheads=[wonen])

    data = dashboard_data(region=world.region, access=region_access(world.user("coordinator"), world.region),
                          municipality=world.own, today=TODAY)
    rows = {r["spearhead"].code: (r["total"], r["progress"]) for r in data["spearhead_rows"]}
    assert rows == {"wonen": (1, 100), "energie": (0, None)}
