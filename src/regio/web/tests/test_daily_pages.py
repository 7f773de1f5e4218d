"""Issue #12 (daily use) through the pages: the lead form refuses a municipality that does not take
part, the status form explains its steps, the bulk participation form saves all rows at once, and
the review screen's counts, group actions, reasons and undo."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from regio.regions.tests.factories import PersonFactory, RoleFactory
from regio.topics.models import Participation, ParticipationRole
from regio.topics.tests.factories import ParticipationFactory, TopicFactory


@pytest.fixture(autouse=True)
def english_messages(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def url(name: str, **kwargs) -> str:
    return reverse(f"web:{name}", kwargs={"region": "proefregio", **kwargs})


@pytest.fixture
def topic(world):
    topic = TopicFactory(region=world.region, title="Warmtenet", proposed_by=world.own, spearheads=world.spearheads[:1])
    ParticipationFactory(topic=topic, municipality=world.own, initiator=True)
    ParticipationFactory(topic=topic, municipality=world.third, declines=True)
    return topic


def test_the_lead_form_refuses_a_municipality_that_does_not_take_part(world, topic, client_for):
    client = client_for(world.user("coordinator"))
    page = client.get(url("topic-lead", slug=topic.slug)).content.decode()
    assert "Oegstgeest (does not take part)" in page and "Leiden (initiator)" in page
    response = client.post(url("topic-lead", slug=topic.slug), {"municipality": world.third.slug, "person": "",
                                                                  "version": "1"})
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "Oegstgeest chose “does not take part” for this topic, so it cannot lead it." in html
    assert 'id="id_municipality-error"' in html
    topic.refresh_from_db()
    assert topic.lead_is_open
    assert Participation.objects.get(topic=topic, municipality=world.third).role == ParticipationRole.DECLINES


def test_the_person_list_follows_the_chosen_municipality(world, topic, client_for):
    leiden, elsewhere = PersonFactory(name="L. Leidenaar"), PersonFactory(name="O. Oegstgeestenaar")
    RoleFactory(person=leiden, municipality=world.own)
    RoleFactory(person=elsewhere, municipality=world.third)
    client = client_for(world.user("coordinator"))
    page = client.get(url("topic-lead", slug=topic.slug) + f"?municipality={world.own.slug}").content.decode()
    assert "L. Leidenaar" in page and "O. Oegstgeestenaar" not in page
    response = client.post(url("topic-lead", slug=topic.slug), {"municipality": world.own.slug,
                                                                  "person": str(elsewhere.pk), "version": "1"})
    assert "Choose a person who holds a role in the lead municipality." in response.content.decode()
    response = client.post(url("topic-lead", slug=topic.slug), {"municipality": world.own.slug, "person": str(leiden.pk),
                                                                  "version": "1"})
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.lead_municipality, topic.lead_person) == (world.own, leiden)


def test_the_status_form_says_which_steps_are_possible(world, topic, client_for):
    html = " ".join(client_for(world.user("editor_own")).get(url("topic-status", slug=topic.slug)).content.decode().split())
    assert "exploring</strong>: possible" in html
    assert "completed: not possible now — only from: in progress" in html


def test_bulk_participation_saves_every_row_in_one_go(world, topic, client_for):
    client = client_for(world.user("coordinator"))
    page = client.get(url("topic-participation-bulk", slug=topic.slug)).content.decode()
    assert page.count('<select name="role_') == 3
    response = client.post(url("topic-participation-bulk", slug=topic.slug), {
        "role_leiden": "initiatiefnemer", "note_leiden": "",
        "role_leiderdorp": "doet_mee", "note_leiderdorp": "Collegebesluit 4 maart",
        "role_oegstgeest": "volgt", "note_oegstgeest": "",
        "version_leiden": "1", "version_leiderdorp": "0", "version_oegstgeest": "1",  # as loaded
    })
    assert response.status_code == 302 and response["Location"] == topic.get_absolute_url()
    assert dict(Participation.objects.filter(topic=topic).values_list("municipality__name", "role")) == {
        "Leiden": "initiatiefnemer", "Leiderdorp": "doet_mee", "Oegstgeest": "volgt",
    }
    assert Participation.objects.get(topic=topic, municipality=world.other).note == "Collegebesluit 4 maart"
    # Leiden's row did not change, so it got no new history entry.
    assert Participation.history.filter(topic_id=topic.pk, municipality_id=world.own.pk).count() == 1


def test_bulk_participation_offers_an_editor_only_its_own_row(world, topic, client_for):
    client = client_for(world.user("editor_other"))
    page = client.get(url("topic-participation-bulk", slug=topic.slug)).content.decode()
    assert page.count('<select name="role_') == 1 and 'name="role_leiderdorp"' in page
    # A posted row of another municipality is not a field of this form: it changes nothing.
    response = client.post(url("topic-participation-bulk", slug=topic.slug), {
        "role_leiderdorp": "volgt", "note_leiderdorp": "", "version_leiderdorp": "0", "role_oegstgeest": "doet_mee",
    })
    assert response.status_code == 302
    assert Participation.objects.get(topic=topic, municipality=world.third).role == ParticipationRole.DECLINES
    assert Participation.objects.get(topic=topic, municipality=world.other).role == ParticipationRole.FOLLOWS
    assert client_for(world.user("reader")).get(url("topic-participation-bulk", slug=topic.slug)).status_code == 403


def test_bulk_participation_with_a_bad_row_saves_nothing_and_names_the_row(world, topic, client_for):
    client = client_for(world.user("coordinator"))
    response = client.post(url("topic-participation-bulk", slug=topic.slug), {
        "role_leiden": "initiatiefnemer", "role_leiderdorp": "doet_mee", "role_oegstgeest": "misschien",
        "version_leiden": "1", "version_leiderdorp": "0", "version_oegstgeest": "1",
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_role_oegstgeest-error"' in html
    assert not Participation.objects.filter(topic=topic, municipality=world.other).exists()


def test_the_service_saves_all_or_nothing(world, topic):
    from django.core.exceptions import ValidationError

    from regio.topics import services

    with pytest.raises(ValidationError) as caught:
        services.participation_set_many(actor=world.user("coordinator"), topic=topic, choices={
            world.other: ("doet_mee", ""), world.third: ("misschien", ""),
        })
    assert list(caught.value.message_dict) == ["oegstgeest"]
    assert "Oegstgeest" in caught.value.message_dict["oegstgeest"][0]
    assert not Participation.objects.filter(topic=topic, municipality=world.other).exists()


def test_the_signed_in_home_starts_with_my_work_and_the_navigation_counts_it(world, topic, client_for):
    client = client_for(world.user("coordinator"))
    html = client.get(url("region-home")).content.decode()
    assert html.index('id="mijn-werk"') < html.index('class="regio-intro"')
    assert "Leads to appoint" in html and f'href="{url("topic-lead", slug=topic.slug)}"' in html
    assert 'hx-get="/proefregio/mijn-werk/aantal/"' in html
    badge = client.get(url("worklist-count")).content.decode()
    assert ">1</span>" in badge  # the open lead of Warmtenet
    assert client_for(world.user("anonymous")).get(url("worklist-count")).content == b""
    assert 'id="mijn-werk"' not in client_for(world.user("anonymous")).get(url("region-home")).content.decode()
