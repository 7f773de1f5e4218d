"""The council's regional agenda: deadlines, promises, open council decisions, body meetings."""

import datetime

import pytest

from regio.arrangements import services
from regio.arrangements.models import DocumentKind
from regio.arrangements.selectors import regional_agenda
from regio.arrangements.tests.factories import ArrangementFactory
from regio.commitments.tests.factories import CommitmentFactory
from regio.meetings.models import Organ
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import BodyFactory, BodyMemberFactory, MeetingFactory, local

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def agenda_world(world):
    coordinator = world.user("coordinator")
    arrangement = ArrangementFactory(region=world.region, name="GR Samen", participants=[world.own, world.other])
    hidden = ArrangementFactory(region=world.region, name="GR Intern", participants=[world.own], visibility="intern")
    for regeling, title in ((arrangement, "Ontwerpbegroting 2025"), (hidden, "Ontwerpbegroting intern")):
        services.cycle_document_record(actor=coordinator, arrangement=regeling, kind=DocumentKind.DRAFT_BUDGET,
                                       title=title, year=2025, sent_on=D(2024, 4, 10))
    CommitmentFactory(region=world.region, title="Notitie jeugdzorg", due_date=D(2024, 5, 1), recipient_councils=[world.own])
    CommitmentFactory(region=world.region, title="Al nagekomen", fulfilled=True, recipient_councils=[world.own])
    CommitmentFactory(region=world.region, title="Alleen Leiderdorp", recipient_councils=[world.other])
    open_ = AgreementFactory(region=world.region, title="Woonvisie", with_councils=True, made_on=D(2024, 3, 1),
                             participants=[world.own, world.other])
    done = AgreementFactory(region=world.region, title="Afgedaan", with_councils=True, participants=[world.own])
    DecisionFactory(agreement=done, municipality=world.own, organ=Organ.COUNCIL)
    DecisionFactory(agreement=open_, municipality=world.own, organ=Organ.COLLEGE)  # the college only
    body = BodyFactory(region=world.region, name="AB GR Samen")
    BodyMemberFactory(body=body, municipality=world.own)
    BodyMemberFactory(body=body, municipality=world.own)  # two members: still one entry per meeting
    MeetingFactory(region=world.region, body=body, title="AB juli", starts_at=local(2024, 7, 11, 19))
    MeetingFactory(region=world.region, body=BodyFactory(region=world.region), title="Ander overleg",
                   starts_at=local(2024, 7, 12, 19))
    return world


def test_the_agenda_of_leiden(agenda_world):
    entries = regional_agenda(municipality=agenda_world.own)
    assert [(e.day, e.kind, e.title) for e in entries] == [
        (D(2024, 3, 1), "besluit", "Raadsbesluit nog te nemen: Woonvisie"),
        (D(2024, 5, 1), "toezegging", "Toezegging vervalt: Notitie jeugdzorg"),
        (D(2024, 7, 3), "zienswijze", "Uiterste datum zienswijze op Ontwerpbegroting 2025"),
        (D(2024, 7, 11), "vergadering", "AB juli"),
    ]
    assert len({e.uid for e in entries}) == 4


def test_internal_items_appear_for_a_signed_in_reader_only(agenda_world):
    titles = [e.title for e in regional_agenda(municipality=agenda_world.own, public_only=False)]
    assert "Uiterste datum zienswijze op Ontwerpbegroting intern" in titles


def test_a_period_limits_the_dated_entries_and_keeps_what_is_still_open(agenda_world):
    entries = regional_agenda(municipality=agenda_world.own, start=D(2024, 7, 1), end=D(2024, 7, 10))
    assert [(e.kind, e.dated) for e in entries] == [("besluit", False), ("zienswijze", True)]


def test_the_agenda_costs_a_fixed_number_of_queries(agenda_world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        regional_agenda(municipality=agenda_world.own)
