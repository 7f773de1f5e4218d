"""The per-region change counter: every service write raises it, in the same transaction.

Caches, ETags and 304s are keyed by it (publication), so a write that forgets it would serve a
stale page; each service gets its own row here.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import transaction

from regio.arrangements.services import arrangement_save
from regio.commitments.services import commitment_fulfil, commitment_save, commitment_withdraw
from regio.core.changes import region_changed
from regio.documents.review import finding_reject
from regio.documents.services import document_delete, document_intake
from regio.meetings.models import BodyKind, Organ, Outcome
from regio.meetings.services import (
    agenda_item_add,
    agreement_save,
    body_member_add,
    body_save,
    decision_record,
    meeting_save,
)
from regio.regions.models import Region
from regio.regions.tests.factories import PersonFactory
from regio.topics.models import ParticipationRole, TopicStatus
from regio.topics.services import (
    participation_set,
    result_save,
    topic_create,
    topic_lead_set,
    topic_status_change,
    topic_update,
)
from regio.topics.tests.factories import ParticipationFactory, TopicFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 19, 30, tzinfo=datetime.UTC)
LETTER = (
    "Raadsinformatiebrief\n\nHet college besluit op 2 maart 2026 mee te doen aan de regionale warmtevisie.\n"
).encode()


def counter(region) -> int:
    return Region.objects.get(pk=region.pk).change_count


def _topic(w):
    return TopicFactory(region=w.region, title="Warmte", slug="warmte")


def _topic_own_takes_part(w):
    # Only a municipality that takes part can lead.
    topic = _topic(w)
    ParticipationFactory(topic=topic, municipality=w.own, role=ParticipationRole.PARTICIPATES)
    return topic


def _body(w):
    return body_save(actor=w.user("coordinator"), region=w.region, name="Stuurgroep Wonen", kind=BodyKind.STEERING)


def _meeting(w):
    return meeting_save(actor=w.user("coordinator"), region=w.region, title="Overleg colleges", starts_at=AT)


def _agreement(w):
    return agreement_save(actor=w.user("coordinator"), region=w.region, title="Warmtevisie", text="Samen",
                          made_on=DAY, participants=[w.own, w.other])


def _commitment(w):
    return commitment_save(actor=w.user("coordinator"), region=w.region, title="Rapport sturen",
                           promised_by="De colleges", due_date=DAY, recipient_councils=[w.own])


def _document(w):
    return document_intake(actor=w.user("coordinator"), region=w.region, data=LETTER, filename="brief.txt").document


# Each row: (service, setup returning what the write needs, the write). The setup may itself write;
# only the write is measured.
WRITES = {
    "topic_create": (lambda w: None, lambda w, _: topic_create(
        actor=w.user("coordinator"), region=w.region, title="Jeugdzorg", spearheads=w.spearheads[:1])),
    "topic_update": (_topic, lambda w, t: topic_update(actor=w.user("coordinator"), topic=t, title="Warmte 2")),
    "topic_status_change": (_topic, lambda w, t: topic_status_change(
        actor=w.user("coordinator"), topic=t, status=TopicStatus.EXPLORING, reason="Start")),
    "participation_set": (_topic, lambda w, t: participation_set(
        actor=w.user("editor_own"), topic=t, municipality=w.own, role=ParticipationRole.PARTICIPATES)),
    "topic_lead_set": (_topic_own_takes_part, lambda w, t: topic_lead_set(actor=w.user("coordinator"), topic=t, municipality=w.own)),
    "result_save": (_topic, lambda w, t: result_save(
        actor=w.user("coordinator"), topic=t, description="Woningen", baseline=Decimal(0), target_value=Decimal(9))),
    "body_save": (lambda w: None, lambda w, _: _body(w)),
    "body_member_add": (_body, lambda w, b: body_member_add(
        actor=w.user("coordinator"), body=b, person=PersonFactory(), municipality=w.own)),
    "meeting_save": (lambda w: None, lambda w, _: _meeting(w)),
    "agenda_item_add": (_meeting, lambda w, m: agenda_item_add(actor=w.user("coordinator"), meeting=m, title="Opening")),
    "agreement_save": (lambda w: None, lambda w, _: _agreement(w)),
    "decision_record": (_agreement, lambda w, a: decision_record(
        actor=w.user("editor_own"), agreement=a, municipality=w.own, organ=Organ.COLLEGE, outcome=Outcome.ADOPTED,
        decided_on=DAY)),
    "commitment_save": (lambda w: None, lambda w, _: _commitment(w)),
    "commitment_fulfil": (_commitment, lambda w, c: commitment_fulfil(actor=w.user("coordinator"), commitment=c,
                                                                       evidence="Verstuurd", on=DAY)),
    "commitment_withdraw": (_commitment, lambda w, c: commitment_withdraw(actor=w.user("coordinator"), commitment=c,
                                                                           reason="Vervallen", on=DAY)),
    "arrangement_save": (lambda w: None, lambda w, _: arrangement_save(
        actor=w.user("coordinator"), region=w.region, slug="servicepunt", name="Servicepunt", form="bedrijfsvoeringsorganisatie",
        legal_basis="Wgr", seat="Leiden", entered_into_force=DAY, participants=[w.own, w.other])),
    "document_intake": (lambda w: None, lambda w, _: _document(w)),
    "document_delete": (_document, lambda w, d: document_delete(actor=w.user("coordinator"), document=d)),
    "finding_reject": (_document, lambda w, d: finding_reject(
        actor=w.user("coordinator"), finding=d.findings.first(), reason="Niet van belang")),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_every_service_write_raises_the_counter_of_its_region_only(world, name):
    setup, write = WRITES[name]
    target = setup(world)
    elsewhere = Region.objects.get(slug="andere-regio")
    before, before_elsewhere = counter(world.region), counter(elsewhere)

    write(world, target)

    assert counter(world.region) > before
    assert counter(elsewhere) == before_elsewhere
    assert Region.objects.get(pk=world.region.pk).changed_at is not None


def test_region_load_raises_the_counter(leidse_regio):
    from regio.regionfiles.schema import read_region_file
    from regio.regionfiles.services import region_load

    before = counter(leidse_regio)
    region_load(spec=read_region_file("leidse-regio"))  # nothing new: still reported as a change
    assert counter(leidse_regio) > before


def test_a_rolled_back_write_leaves_the_counter_as_it_was(world):
    before = counter(world.region)
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            topic_create(actor=world.user("coordinator"), region=world.region, title="Jeugdzorg",
                         spearheads=world.spearheads[:1])
            raise RuntimeError("stop")
    assert counter(world.region) == before


def test_a_municipality_change_raises_the_counter_of_each_of_its_regions(world):
    before = counter(world.region)
    region_changed(world.own)
    assert counter(world.region) == before + 1
