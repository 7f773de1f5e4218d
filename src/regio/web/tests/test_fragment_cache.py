"""Signed-in pages cache their region-wide parts as template fragments keyed by the region's change
counter: a repeat reads less, a write through a service shows at once, and what a reader may not
see never comes from a fragment cached for a coordinator."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regio.conftest import signed_in_fully
from regio.topics.models import Participation, ParticipationRole
from regio.topics.services import participation_set, result_save, topic_update
from regio.topics.tests.factories import TopicFactory
from regio.web.templatetags.regio_tags import CSRF_SLOT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def get(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode(), len(queries.captured_queries)


@pytest.mark.parametrize("address", ["/proefregio/", "/proefregio/onderwerpen/"])
def test_a_repeat_reads_less_and_a_write_shows_at_once(client_for, world, address):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    client = client_for(world.user("coordinator"))
    first, first_queries = get(client, address)
    again, queries = get(client, address)
    assert "Warmtenet Oost" in first and "Warmtenet Oost" in again
    assert queries < first_queries

    topic_update(actor=world.user("coordinator"), topic=topic, title="Warmtenet West")
    after, after_queries = get(client, address)
    assert "Warmtenet West" in after and "Warmtenet Oost" not in after
    assert after_queries == first_queries


@pytest.mark.parametrize("address", ["/proefregio/", "/proefregio/onderwerpen/"])
def test_internal_topics_cached_for_a_coordinator_are_not_shown_to_an_anonymous_visitor(client_for, world, address):
    TopicFactory(region=world.region, title="Geheim dossier", slug="geheim", internal=True,
                 spearheads=world.spearheads[:1])
    assert "Geheim dossier" in get(client_for(world.user("coordinator")), address)[0]
    assert "Geheim dossier" not in get(client_for(world.user("anonymous")), address)[0]


def forms_and_links(html: str, topic) -> tuple[set[str], bool, bool]:
    """(the municipalities whose participation the page lets this reader set, has an edit link, has a status link)."""
    region = topic.region.slug
    return (
        set(re.findall(r'id="deelname-form-([\w-]+)"', html)),
        reverse("web:topic-edit", args=[region, topic.slug]) in html,
        reverse("web:topic-status", args=[region, topic.slug]) in html,
    )


def test_the_topic_page_shows_each_reader_their_own_edit_links_from_the_cache(client_for, world):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1],
                         proposed_by=world.own)
    own, other, third = world.own.slug, world.other.slug, world.third.slug
    seen = {}
    # The coordinator first, so every later reader would be served the coordinator's fragment if the key missed rights.
    for role in ("coordinator", "editor_own", "editor_other", "reader", "anonymous", "superuser", "coordinator"):
        seen[role] = forms_and_links(get(client_for(world.user(role)), topic.get_absolute_url())[0], topic)
    assert seen["coordinator"] == ({own, other, third}, True, True)
    assert seen["superuser"] == ({own, other, third}, True, True)
    assert seen["editor_own"] == ({own}, True, True)
    assert seen["editor_other"] == ({other}, False, False)
    assert seen["reader"] == (set(), False, False)
    assert seen["anonymous"] == (set(), False, False)


def test_the_topic_page_shows_a_write_at_once(client_for, world):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    client = client_for(world.user("coordinator"))
    first, first_queries = get(client, topic.get_absolute_url())
    again, queries = get(client, topic.get_absolute_url())
    assert "Warmtenet Oost" in again and queries < first_queries
    assert "Raad besluit in mei" not in first

    participation_set(actor=world.user("editor_own"), topic=topic, municipality=world.own,
                      role=ParticipationRole.PARTICIPATES, note="Raad besluit in mei")
    after = get(client, topic.get_absolute_url())[0]
    assert 'value="Raad besluit in mei"' in after
    result_save(actor=world.user("coordinator"), topic=topic, description="Twintig woningen aangesloten")
    assert "Twintig woningen aangesloten" in get(client, topic.get_absolute_url())[0]


def test_a_cached_participation_form_carries_each_readers_own_csrf_token(world):
    # The coordinator and the superuser have the same rights here, so the second reads the first's fragment.
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    first = signed_in_fully(Client(enforce_csrf_checks=True), world.user("coordinator"))
    second = signed_in_fully(Client(enforce_csrf_checks=True), world.user("superuser"))
    get(first, topic.get_absolute_url())
    html = get(second, topic.get_absolute_url())[0]
    assert CSRF_SLOT not in html
    form = re.search(rf'<form [^>]*id="deelname-form-{world.own.slug}".*?</form>', html, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    action = re.search(r'action="([^"]+)"', form).group(1)

    response = second.post(action, {"csrfmiddlewaretoken": token, "role": ParticipationRole.FOLLOWS, "note": "",
                                    "version": "0"})
    assert response.status_code == 302
    assert Participation.objects.get(topic=topic, municipality=world.own).role == ParticipationRole.FOLLOWS


def test_the_navigation_from_the_cache_follows_the_page_and_the_readers_rights(client_for, world):
    security_log = reverse("security-log", args=[world.region.slug])
    topics = reverse("web:topic-list", args=[world.region.slug])
    coordinator = client_for(world.user("coordinator"))
    assert security_log in get(coordinator, "/proefregio/")[0]
    home_as_reader = get(client_for(world.user("reader")), "/proefregio/")[0]
    assert security_log not in home_as_reader
    assert f'href="{topics}" aria-current="page"' not in home_as_reader
    assert f'href="{topics}" aria-current="page"' in get(client_for(world.user("reader")), topics)[0]


def test_my_work_from_the_cache_is_each_readers_own_and_follows_a_write(client_for, world):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    own, other = f'id="werk-choose-{world.own.slug}"', f'id="werk-choose-{world.other.slug}"'
    as_own = get(client_for(world.user("editor_own")), "/proefregio/")[0]
    as_other = get(client_for(world.user("editor_other")), "/proefregio/")[0]
    as_coordinator = get(client_for(world.user("coordinator")), "/proefregio/")[0]
    assert own in as_own and other not in as_own
    assert other in as_other and own not in as_other
    assert own not in as_coordinator and other not in as_coordinator

    participation_set(actor=world.user("editor_own"), topic=topic, municipality=world.own,
                      role=ParticipationRole.FOLLOWS)
    assert own not in get(client_for(world.user("editor_own")), "/proefregio/")[0]
    assert other in get(client_for(world.user("editor_other")), "/proefregio/")[0]


def test_readers_of_different_councils_do_not_share_my_work(client_for, world):
    from regio.access.tests.factories import GrantFactory, UserFactory
    from regio.commitments.tests.factories import CommitmentFactory

    readers = {}
    for municipality in (world.own, world.other):
        readers[municipality] = GrantFactory(reader=True, region=world.region, municipality=municipality,
                                             user=UserFactory(username=f"griffier-{municipality.slug}")).user
        CommitmentFactory(region=world.region, title=f"Toezegging aan {municipality.name}",
                          due_date=timezone.localdate(), recipient_councils=[municipality])
    for municipality, reader in readers.items():
        html = get(client_for(reader), "/proefregio/")[0]
        work = html[html.index('id="mijn-werk"'):html.index('class="regio-intro"')]
        other = world.other if municipality == world.own else world.own
        assert f"Toezegging aan {municipality.name}" in work
        assert f"Toezegging aan {other.name}" not in work


def test_the_cached_topic_filters_keep_each_addresses_choice_and_follow_a_new_member_name(client_for, world):
    client = client_for(world.user("reader"))
    chosen = f'<option value="{world.own.slug}" selected>'
    assert chosen in get(client, f"/proefregio/onderwerpen/?municipality={world.own.slug}")[0]
    assert chosen not in get(client, "/proefregio/onderwerpen/")[0]
    assert chosen in get(client, f"/proefregio/onderwerpen/?municipality={world.own.slug}")[0]

    from regio.core.services import validated_save

    spearhead = world.spearheads[0]
    spearhead.name = "Wonen en ruimte"
    validated_save(spearhead, actor=world.user("coordinator"))
    assert '<option value="wonen">Wonen en ruimte</option>' in get(client, "/proefregio/onderwerpen/")[0]


def test_the_cached_count_of_my_work_is_each_readers_own_and_follows_a_write(client_for, world):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    address = reverse("web:worklist-count", args=[world.region.slug])
    counts = {role: get(client_for(world.user(role)), address)[0] for role in ("editor_own", "editor_other", "reader")}
    assert ">1</span>" in counts["editor_own"] and ">1</span>" in counts["editor_other"]
    assert counts["reader"] == ""

    participation_set(actor=world.user("editor_own"), topic=topic, municipality=world.own,
                      role=ParticipationRole.FOLLOWS)
    assert get(client_for(world.user("editor_own")), address)[0] == ""
    assert ">1</span>" in get(client_for(world.user("editor_other")), address)[0]


def test_signed_in_pages_served_from_fragments_stay_private_no_store(client_for, world):
    topic = TopicFactory(region=world.region, title="Warmtenet Oost", slug="warmte", spearheads=world.spearheads[:1])
    client = client_for(world.user("coordinator"))
    for address in ("/proefregio/", "/proefregio/onderwerpen/", topic.get_absolute_url()):
        for _ in range(2):  # the second answer comes from the fragments
            response = client.get(address)
            assert response.status_code == 200, address
            assert response["Cache-Control"] == "private, no-store", address
            assert "ETag" not in response and "X-Regio-Cache" not in response
