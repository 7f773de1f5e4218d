"""A region with one public and one internal item of every kind the exports and feeds carry.

Every internal item's title starts with MARK, so a test can assert that MARK occurs in no export.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from regio.arrangements.models import ArrangementForm
from regio.arrangements.tests.factories import ArrangementFactory
from regio.commitments.tests.factories import CommitmentFactory
from regio.core.models import Visibility
from regio.documents.models import DocumentKind
from regio.meetings.models import BodyKind, Organ, Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import AgendaItemFactory, BodyFactory, BodyMemberFactory, MeetingFactory
from regio.publication.tests.api_scene import make_document
from regio.regions.tests.factories import PersonFactory, RoleFactory
from regio.topics.models import TopicStatusChange
from regio.topics.tests.factories import ResultFactory, TopicFactory

MARK = "ZZGEHEIM"


@dataclass
class ExportScene:
    world: object
    topic: object
    body: object
    meeting: object
    agreement: object
    commitment: object
    document: object
    arrangement: object


def build_export_scene(world) -> ExportScene:
    region, own, other = world.region, world.own, world.other
    energy = world.spearheads[1]
    topic = TopicFactory(region=region, title="Warmterotonde", spearheads=[energy], proposed_by=own)
    TopicStatusChange.objects.create(
        topic=topic,
        from_status="voorgesteld",
        to_status="verkennen",
        changed_on=datetime.date(2019, 3, 1),
        reason="Verkenning gestart",
    )
    ResultFactory(topic=topic, measurable=True)
    secret_topic = TopicFactory(region=region, title=f"{MARK} onderwerp", internal=True, spearheads=[energy])
    TopicStatusChange.objects.create(
        topic=secret_topic,
        from_status="voorgesteld",
        to_status="verkennen",
        changed_on=datetime.date(2019, 3, 2),
        reason=f"{MARK} reden",
    )
    ResultFactory(topic=secret_topic, description=f"{MARK} resultaat")

    wethouder = PersonFactory(name="Wethouder Leiden")
    RoleFactory(
        person=wethouder, kind="wethouder", municipality=own, portfolio="regio", start=datetime.date(2018, 5, 1)
    )
    body = BodyFactory(region=region, name="Portefeuillehoudersoverleg Energie", spearheads=[energy])
    BodyMemberFactory(body=body, person=wethouder, municipality=own)
    secret_body = BodyFactory(region=region, name=f"{MARK} overleg", internal=True)
    BodyMemberFactory(body=secret_body, person=PersonFactory(name=f"{MARK} persoon"), municipality=own)
    board = BodyFactory(region=region, name="Algemeen bestuur GR Werk", kind=BodyKind.GR_GENERAL)

    meeting = MeetingFactory(region=region, body=body, title="Overleg energie")
    AgendaItemFactory(meeting=meeting, order=1, title="Warmte", topic=topic)
    MeetingFactory(region=region, title=f"{MARK} vergadering", internal=True)
    MeetingFactory(region=region, body=secret_body, title=f"{MARK} vergadering van het interne overleg")

    agreement = AgreementFactory(
        region=region,
        title="Intentie warmte",
        participants=[own, other],
        topic=topic,
        meeting=meeting,
        made_on=datetime.date(2019, 2, 1),
    )
    DecisionFactory(
        agreement=agreement,
        municipality=own,
        organ=Organ.COLLEGE,
        outcome=Outcome.ADOPTED,
        decided_on=datetime.date(2019, 2, 12),
    )
    secret_agreement = AgreementFactory(
        region=region, title=f"{MARK} afspraak", internal=True, participants=[own], topic=topic
    )
    DecisionFactory(agreement=secret_agreement, municipality=own, decided_on=datetime.date(2019, 3, 1))

    commitment = CommitmentFactory(
        region=region,
        title="Raden informeren",
        fulfilled=True,
        topic=topic,
        recipient_councils=[own, other],
        promised_by_municipalities=[own],
    )
    CommitmentFactory(
        region=region, title=f"{MARK} toezegging", internal=True, fulfilled=True, topic=topic, recipient_councils=[own]
    )

    document = make_document(
        region,
        title="Raadsinformatiebrief warmte",
        visibility=Visibility.PUBLIC,
        text="Openbare brief.",
        kind=DocumentKind.COUNCIL_LETTER,
    )
    document.municipalities.set([own])
    document.spearheads.set([energy])
    secret_document = make_document(
        region, title=f"{MARK} notitie", visibility=Visibility.INTERNAL, text=f"{MARK} tekst", kind=DocumentKind.LETTER
    )
    secret_document.spearheads.set([energy])

    arrangement = ArrangementFactory(
        region=region,
        name="GR Werk en Inkomen",
        slug="gr-werk",
        form=ArrangementForm.PUBLIC_BODY,
        participants=[own, other],
    )
    arrangement.bodies.set([board])
    ArrangementFactory(
        region=region, name=f"{MARK} regeling", slug="geheim", visibility=Visibility.INTERNAL, participants=[own]
    )
    return ExportScene(world, topic, body, meeting, agreement, commitment, document, arrangement)


@pytest.fixture
def export_scene(world, settings, tmp_path) -> ExportScene:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_export_scene(world)
