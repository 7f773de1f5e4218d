"""Stable addresses: a renamed topic or body answers its old addresses with a 301 to the new ones,
signed in and on the public site, and never reveals the new address of something hidden."""

from __future__ import annotations

import pytest

from regio.access.policies import SYSTEM
from regio.conftest import signed_in_fully
from regio.core.models import Visibility
from regio.meetings.models import BodyKind
from regio.meetings.services import body_save
from regio.meetings.tests.meeting_factories import BodyFactory
from regio.topics.services import topic_update
from regio.topics.tests.factories import TopicFactory


@pytest.fixture
def renamed(world):
    topic = TopicFactory(region=world.region, title="Warmtenet", proposed_by=world.own)
    topic_update(actor=SYSTEM, topic=topic, title="Warmtenet Leidse regio")
    topic_update(actor=SYSTEM, topic=topic, title="Regionaal warmtenet")
    body = BodyFactory(region=world.region, name="Overleg Energie", slug="overleg-energie")
    body_save(actor=SYSTEM, region=world.region, body=body, name="Portefeuillehoudersoverleg Energie",
              kind=BodyKind.ADMINISTRATIVE, slug="pho-energie")
    return topic, body


@pytest.mark.parametrize(
    ("role", "old", "new"),
    [
        ("reader", "/proefregio/onderwerpen/warmtenet/", "/proefregio/onderwerpen/regionaal-warmtenet/"),
        ("reader", "/proefregio/onderwerpen/warmtenet-leidse-regio/?tab=1",
         "/proefregio/onderwerpen/regionaal-warmtenet/?tab=1"),
        ("coordinator", "/proefregio/onderwerpen/warmtenet/bewerken/",
         "/proefregio/onderwerpen/regionaal-warmtenet/bewerken/"),
        ("reader", "/proefregio/gremia/overleg-energie/", "/proefregio/gremia/pho-energie/"),
        ("reader", "/proefregio/gremia/overleg-energie/agenda.ics", "/proefregio/gremia/pho-energie/agenda.ics"),
        ("anonymous", "/openbaar/proefregio/onderwerpen/warmtenet/",
         "/openbaar/proefregio/onderwerpen/regionaal-warmtenet/"),
        ("anonymous", "/openbaar/proefregio/gremia/overleg-energie/", "/openbaar/proefregio/gremia/pho-energie/"),
    ],
)
def test_an_old_address_moves_permanently(world, renamed, client, role, old, new):
    if role != "anonymous":
        signed_in_fully(client, world.user(role))
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_an_anonymous_visitor_of_an_old_signed_in_address_ends_on_the_public_page(world, renamed, client):
    response = client.get("/proefregio/onderwerpen/warmtenet/", follow=True)
    assert response.redirect_chain[-1] == ("/openbaar/proefregio/onderwerpen/regionaal-warmtenet/", 301)
    assert response.status_code == 200


def test_a_hidden_item_keeps_its_new_address_to_itself(world, renamed, client):
    topic, body = renamed
    topic_update(actor=SYSTEM, topic=topic, visibility=Visibility.INTERNAL)
    body_save(actor=SYSTEM, region=world.region, body=body, name=body.name, kind=body.kind, slug=body.slug,
              visibility=Visibility.INTERNAL)
    for old in ("/openbaar/proefregio/onderwerpen/warmtenet/", "/openbaar/proefregio/gremia/overleg-energie/"):
        assert client.get(old).status_code == 404
    signed_in_fully(client, world.user("reader"))
    assert client.get("/proefregio/onderwerpen/warmtenet/").status_code == 301


def test_an_address_in_use_is_not_redirected(world, renamed, client):
    TopicFactory(region=world.region, title="Warmtenet", slug="warmtenet")
    signed_in_fully(client, world.user("reader"))
    assert client.get("/proefregio/onderwerpen/warmtenet/").status_code == 200
    assert client.get("/proefregio/onderwerpen/nooit-bestaan/").status_code == 404
