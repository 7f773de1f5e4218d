"""Mijn werk (documents/worklist.py): what waits for each role, each item linking to where it is done,
at a fixed number of queries however many items wait."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from freezegun import freeze_time

from regio.commitments.tests.factories import CommitmentFactory
from regio.documents.models import Document, DocumentFinding
from regio.documents.worklist import worklist, worklist_count
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import MeetingFactory, local
from regio.topics.tests.factories import ParticipationFactory, ResultFactory, TopicFactory

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def document_with_finding(region, title, kind="municipality"):
    document = Document.objects.create(region=region, sha256=title.ljust(64, "0")[:64], filename="x.txt",
                                       media_type="text/plain", size=1, title=title)
    DocumentFinding.objects.create(document=document, kind=kind, value={"name": "Leiden", "cbs_code": "GM0546"},
                                   start=0, end=1, sentence="Leiden.", confidence=0.9, rule="r")
    return document


def scene(world, n: int = 1):
    region, own = world.region, world.own
    for i in range(n):
        # A topic with its lead open that Leiden has not chosen for.
        TopicFactory(region=region, title=f"Open onderwerp {i}", spearheads=world.spearheads[:1])
        # An agreement put to Leiden and Leiderdorp; Leiderdorp's college decided, Leiden's has not.
        agreement = AgreementFactory(region=region, title=f"Afspraak {i}", participants=[own, world.other])
        DecisionFactory(agreement=agreement, municipality=world.other)
        CommitmentFactory(region=region, title=f"Toezegging {i}", due_date=TODAY + datetime.timedelta(days=10 + i),
                          recipient_councils=[own])
        MeetingFactory(region=region, title=f"Venster {i}", window=True)
        MeetingFactory(region=region, title=f"Vergadering {i}", starts_at=local(2026, 12, 10 + i, 10))
        document_with_finding(region, f"Brief {i}")
    # Not waiting: a commitment far off, a kept one, a topic Leiden chose for, a completed topic.
    CommitmentFactory(region=region, title="Later", due_date=TODAY + datetime.timedelta(days=90), recipient_councils=[own])
    chosen = TopicFactory(region=region, title="Gekozen", spearheads=world.spearheads[:1], lead_municipality=own,
                          proposed_by=own)
    ParticipationFactory(topic=chosen, municipality=own, initiator=True)
    TopicFactory(region=region, title="Klaar", spearheads=world.spearheads[:1], completed=True)
    with freeze_time("2026-06-01"):
        ResultFactory(topic=chosen, description="Aangesloten woningen")  # not updated since June
    with freeze_time("2026-11-20"):
        ResultFactory(topic=chosen, description="Recent bijgewerkt")
    return chosen


def as_table(groups):
    return [(g.key, g.count, [i.label for i in g.items]) for g in groups]


@freeze_time("2026-12-02 09:00")
def test_what_waits_for_each_role(world):
    scene(world)
    assert as_table(worklist(user=world.user("editor_own"), region=world.region)) == [
        ("decisions-leiden", 1, ["Afspraak 0"]),
        ("choose-leiden", 1, ["Open onderwerp 0"]),
        ("results-leiden", 1, ["Gekozen: Aangesloten woningen"]),
        ("findings-leiden", 1, ["Brief 0"]),
    ]
    assert as_table(worklist(user=world.user("coordinator"), region=world.region)) == [
        ("leads", 1, ["Open onderwerp 0"]),
        ("commitments", 1, ["Toezegging 0"]),
        ("windows", 1, ["Venster 0"]),
        ("findings", 1, ["Brief 0"]),
    ]
    assert as_table(worklist(user=world.user("reader"), region=world.region)) == [
        ("commitments", 1, ["Toezegging 0"]),
        ("meetings", 1, ["Vergadering 0"]),
    ]
    assert worklist(user=world.user("anonymous"), region=world.region) == []
    assert worklist_count(user=world.user("coordinator"), region=world.region) == 4


@freeze_time("2026-12-02 09:00")
def test_each_item_links_to_where_it_is_done(world):
    scene(world)
    links = {g.key: g.items[0].url for g in worklist(user=world.user("editor_own"), region=world.region)}
    assert links["decisions-leiden"].endswith("#besluit-leiden") and "/afspraken/" in links["decisions-leiden"]
    assert links["choose-leiden"].endswith("/onderwerpen/open-onderwerp-0/#deelname-leiden")
    assert "/resultaten/" in links["results-leiden"]
    assert links["findings-leiden"].endswith("/beoordelen/")
    with translation.override("nl"):
        coordinator = {g.key: g for g in worklist(user=world.user("coordinator"), region=world.region)}
    assert coordinator["leads"].items[0].url.endswith("/trekker/")
    assert coordinator["commitments"].title == "Toezeggingen die binnen 30 dagen vervallen of te laat zijn"
    assert coordinator["commitments"].items[0].detail == "uiterlijk 12 december 2026"


@freeze_time("2026-12-02 09:00")
@pytest.mark.parametrize("role", ["editor_own", "coordinator", "reader"])
def test_the_work_list_costs_the_same_for_one_or_ten_items_each(world, role):
    def queries():
        user = world.user(role)
        user._regio_access_cache = {}
        with CaptureQueriesContext(connection) as captured:
            worklist(user=user, region=world.region)
        return len(captured)

    scene(world, 1)
    few = queries()
    for i in range(1, 10):
        TopicFactory(region=world.region, title=f"Nog een {i}", spearheads=world.spearheads[:1])
        CommitmentFactory(region=world.region, title=f"Nog een toezegging {i}", due_date=TODAY,
                          recipient_councils=[world.own])
        document_with_finding(world.region, f"Nog een brief {i}")
    assert queries() == few
