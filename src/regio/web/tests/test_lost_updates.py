"""Two editors open the same edit form: the second save is refused with both values, not written over the first."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from regio.conftest import signed_in_fully
from regio.topics.models import Topic
from regio.topics.tests.factories import TopicFactory


@pytest.fixture
def topic(world):
    return TopicFactory(region=world.region, title="Warmtenet", description="Restwarmte.", proposed_by=world.own,
                        spearheads=world.spearheads[1:])


def edit_url(topic: Topic) -> str:
    return reverse("web:topic-edit", kwargs={"region": "proefregio", "slug": topic.slug})


def loaded_version(page: str) -> str:
    return re.search(r'<input type="hidden" name="version" value="(\d+)"', page).group(1)


def form_data(version: str, **changes) -> dict:
    return {"title": "Warmtenet", "description": "Restwarmte.", "spearheads": ["energie"],
            "cooperation_form": "lichte_ambtelijke_samenwerking", "visibility": "openbaar", "version": version, **changes}


def test_the_second_of_two_editors_gets_the_conflict_and_the_first_change_stays(world, topic):
    first, second = signed_in_fully(Client(), world.user("coordinator")), signed_in_fully(Client(), world.user("editor_own"))
    url = edit_url(topic)
    first_version = loaded_version(first.get(url).content.decode())
    second_version = loaded_version(second.get(url).content.decode())
    assert first_version == second_version == "1"

    assert first.post(url, form_data(first_version, description="Restwarmte en aquathermie.")).status_code == 302
    response = second.post(url, form_data(second_version, title="Warmterotonde"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit onderwerp intussen gewijzigd." in page
    assert "Titel — opgeslagen: “Warmtenet”, uw invoer: “Warmterotonde”." in page
    assert "Omschrijving — opgeslagen: “Restwarmte en aquathermie.”, uw invoer: “Restwarmte.”." in page
    assert "Niets is opgeslagen" in page
    assert 'value="Warmterotonde"' in page  # the input is kept
    topic.refresh_from_db()
    assert (topic.title, topic.description, topic.version) == ("Warmtenet", "Restwarmte en aquathermie.", 2)

    # The form now carries the stored version: saving again deliberately keeps the second editor's input.
    assert loaded_version(page) == "2"
    again = second.post(url, form_data(loaded_version(page), title="Warmterotonde"))
    assert again.status_code == 302
    topic.refresh_from_db()
    assert (topic.title, topic.description, topic.version) == ("Warmterotonde", "Restwarmte.", 3)


def test_an_edit_form_without_a_version_is_refused_with_a_field_error(world, topic):
    client = signed_in_fully(Client(), world.user("coordinator"))
    data = form_data("1", title="Warmterotonde")
    del data["version"]
    response = client.post(edit_url(topic), data)
    assert response.status_code == 200
    topic.refresh_from_db()
    assert topic.title == "Warmtenet"
