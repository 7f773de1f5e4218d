"""A small scene for the API tests: one public and one internal item of every resource in the
test region (see regio.conftest.World), and token headers per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile

from regio.commitments.tests.factories import CommitmentFactory
from regio.core.models import Visibility
from regio.documents.models import Document, DocumentKind, DocumentPage
from regio.meetings.models import Organ, Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import AgendaItemFactory, BodyFactory, BodyMemberFactory, MeetingFactory
from regio.regions.tests.factories import PersonFactory
from regio.topics.tests.factories import ResultFactory, TopicFactory

SECRET = "Geheime tekst die niet openbaar is"


@dataclass
class Scene:
    world: object
    topic: object
    topic_internal: object
    body: object
    body_internal: object
    meeting: object
    meeting_window: object
    meeting_internal: object
    meeting_of_internal_body: object
    agreement: object
    agreement_internal: object
    decision: object
    decision_internal: object
    commitment: object
    commitment_fulfilled: object
    commitment_internal: object
    document: object
    document_internal: object


def make_document(region, *, title: str, visibility: str, text: str, kind=DocumentKind.LETTER, date=None) -> Document:
    content = text.encode()
    sha = f"{abs(hash((title, text))):064d}"[:64]
    document = Document.objects.create(
        region=region, sha256=sha, original=ContentFile(content, name="brief.txt"), filename="brief.txt",
        media_type="text/plain", size=len(content), title=title, document_date=date or datetime.date(2019, 1, 31),
        kind=kind, visibility=visibility,
    )
    DocumentPage.objects.create(document=document, number=1, text=text)
    return document


def build_scene(world) -> Scene:
    region, own, other = world.region, world.own, world.other
    topic = TopicFactory(region=region, title="Warmterotonde", spearheads=[world.spearheads[1]], proposed_by=own)
    ResultFactory(topic=topic, measurable=True)
    topic_internal = TopicFactory(region=region, title=SECRET, internal=True, spearheads=[world.spearheads[0]])
    body = BodyFactory(region=region, name="Portefeuillehoudersoverleg Energie", spearheads=[world.spearheads[1]])
    body.topics.set([topic, topic_internal])
    BodyMemberFactory(body=body, person=PersonFactory(name="Wethouder Leiden"), municipality=own)
    body_internal = BodyFactory(region=region, name="Geheim overleg", internal=True)
    meeting = MeetingFactory(region=region, body=body, title="Overleg energie")
    AgendaItemFactory(meeting=meeting, order=1, title="Warmte", topic=topic)
    AgendaItemFactory(meeting=meeting, order=2, title="Iets anders", topic=topic_internal)
    meeting_window = MeetingFactory(region=region, title="Overleg van de colleges", window=True)
    meeting_internal = MeetingFactory(region=region, title="Besloten overleg", internal=True)
    meeting_of_internal_body = MeetingFactory(region=region, body=body_internal, title="Vergadering geheim overleg")
    agreement = AgreementFactory(region=region, title="Intentie warmte", participants=[own, other], topic=topic_internal,
                                 meeting=meeting_of_internal_body)
    decision = DecisionFactory(agreement=agreement, municipality=own, organ=Organ.COLLEGE, outcome=Outcome.ADOPTED)
    agreement_internal = AgreementFactory(region=region, title="Besloten afspraak", internal=True, participants=[own])
    decision_internal = DecisionFactory(agreement=agreement_internal, municipality=own)
    commitment = CommitmentFactory(region=region, title="Raden informeren", recipient_councils=[own, other],
                                   promised_by_municipalities=[own], due_date=datetime.date(2019, 2, 28))
    commitment_fulfilled = CommitmentFactory(region=region, title="Brief gestuurd", fulfilled=True,
                                             recipient_councils=[other], due_date=datetime.date(2019, 6, 30))
    commitment_internal = CommitmentFactory(region=region, title="Besloten toezegging", internal=True,
                                            recipient_councils=[own])
    document = make_document(region, title="Raadsinformatiebrief samenwerking", visibility=Visibility.PUBLIC,
                             text="Openbare tekst van de brief.", kind=DocumentKind.COUNCIL_LETTER)
    document.municipalities.set([own])
    document_internal = make_document(region, title="Interne notitie", visibility=Visibility.INTERNAL, text=SECRET,
                                      date=datetime.date(2019, 5, 1))
    return Scene(world, topic, topic_internal, body, body_internal, meeting, meeting_window, meeting_internal,
                 meeting_of_internal_body, agreement, agreement_internal, decision, decision_internal, commitment,
                 commitment_fulfilled, commitment_internal, document, document_internal)


@pytest.fixture
def scene(world, settings, tmp_path) -> Scene:
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_scene(world)


@pytest.fixture
def token_for():
    """token_for(user) -> request headers with the user's API token (none for anonymous)."""
    from rest_framework.authtoken.models import Token

    def headers(user) -> dict:
        if user is None or not user.is_authenticated:
            return {}
        token, _created = Token.objects.get_or_create(user=user)
        return {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    return headers
