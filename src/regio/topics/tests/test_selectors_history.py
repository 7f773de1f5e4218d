"""Defect 6: the change history shows names and labels, never database ids, and no empty entries."""

from __future__ import annotations

import pytest
from django.utils import translation

from regio.regions.tests.factories import PersonFactory, RoleFactory
from regio.topics import selectors, services


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


def test_history_names_municipalities_and_persons_and_has_no_empty_entries(world, django_assert_max_num_queries):
    coordinator = world.user("coordinator")
    topic = services.topic_create(actor=coordinator, region=world.region, title="Warmtenet",
                                  spearheads=world.spearheads[:1], proposed_by=world.own)
    services.participation_set(actor=coordinator, topic=topic, municipality=world.other, role="doet_mee")
    first = PersonFactory(name="A. Jansen")
    RoleFactory(person=first, municipality=world.own)
    second = PersonFactory(name="B. de Wit")
    RoleFactory(person=second, municipality=world.other)
    services.topic_lead_set(actor=coordinator, topic=topic, municipality=world.own, person=first)
    services.topic_lead_set(actor=coordinator, topic=topic, municipality=world.other, person=second)

    with django_assert_max_num_queries(8):
        history = selectors.topic_history(topic=topic)
    lines = [(entry.what, entry.changes) for entry in reversed(history)]
    assert lines == [
        ("topic: Warmtenet (Created)", []),
        ("participation: Leiden (Created)", []),
        ("participation: Leiderdorp (Created)", []),
        ("topic: Warmtenet (Changed)", [("lead municipality", "—", "Leiden"), ("lead person", "—", "A. Jansen")]),
        ("topic: Warmtenet (Changed)", [("lead municipality", "Leiden", "Leiderdorp"),
                                        ("lead person", "A. Jansen", "B. de Wit")]),
    ]
