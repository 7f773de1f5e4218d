"""The search field in every header (signed-in and public) and the forgiving search pages: a
misspelling finds the topic with "Bedoelde u …", results grouped by kind with counts."""

from __future__ import annotations

import re

import pytest

from regio.documents import search
from regio.meetings.tests.meeting_factories import MeetingFactory, local
from regio.topics.tests.factories import TopicFactory


@pytest.fixture
def scene(world):
    topic = TopicFactory(region=world.region, title="Warmterotonde", slug="warmterotonde",
                         description="Restwarmte voor de regio.", spearheads=[world.spearheads[1]])
    for n in range(1, 8):
        MeetingFactory(region=world.region, title=f"Overleg {n}", starts_at=local(2026, 3, n),
                       minutes="Besproken: de warmterotonde.")
    TopicFactory(region=world.region, title="Warmterotonde intern", internal=True, spearheads=[world.spearheads[1]])
    search.rebuild(region=world.region)
    return topic


def header_search(html: str) -> str:
    header = html.split("<header", 1)[1].split("</header>", 1)[0]
    match = re.search(r'<form class="regio-header-search" role="search" action="([^"]+)" method="get">', header)
    assert match, "no search field in the header"
    assert 'name="q"' in header
    return match.group(1)


@pytest.mark.parametrize("path", ["/proefregio/", "/proefregio/onderwerpen/", "/proefregio/dashboard/"])
def test_every_signed_in_page_has_the_header_search(client_for, world, path):
    assert header_search(client_for(world.user("reader")).get(path).content.decode()) == "/proefregio/zoeken/"


@pytest.mark.parametrize("path", ["/openbaar/proefregio/", "/openbaar/proefregio/onderwerpen/", "/openbaar/proefregio/nieuws/"])
def test_every_public_page_has_the_header_search(client, world, path):
    assert header_search(client.get(path).content.decode()) == "/openbaar/proefregio/zoeken/"


def test_the_signed_in_search_forgives_a_misspelling(client_for, world, scene):
    html = client_for(world.user("reader")).get("/proefregio/zoeken/", {"q": "warmterotunde"}).content.decode()
    main = html.split("<main", 1)[1]
    assert "Niets gevonden voor “warmterotunde”." in main
    assert "Hieronder de resultaten voor “warmterotonde”." in main
    topics = main.split('id="groep-topic"')[1].split("</section>")[0]
    assert 'href="/proefregio/onderwerpen/warmterotonde/"' in topics
    assert ">Onderwerpen (2)</h2>" in main  # a reader sees the internal topic too
    assert ">Vergaderingen (7)</h2>" in main
    assert main.index('id="groep-topic"') < main.index('id="groep-meeting"')
    assert "lijst=1&amp;kind=overleg" in main  # the link to all seven meetings


def test_the_public_search_forgives_and_shows_only_public_items(client, world, scene):
    html = client.get("/openbaar/proefregio/zoeken/", {"q": "warmte rotonde"}).content.decode()
    main = html.split("<main", 1)[1]
    topics = main.split('id="groep-topic"')[1].split("</section>")[0]
    assert 'href="/openbaar/proefregio/onderwerpen/warmterotonde/"' in topics
    assert "intern" not in topics
    assert ">Onderwerpen (1)</h2>" in main
    assert "Bedoelde u" in main and ">warmterotonde</a>?" in main


def test_the_public_search_without_a_query_shows_the_form(client, world):
    response = client.get("/openbaar/proefregio/zoeken/")
    assert response.status_code == 200
    assert 'id="zoekterm"' in response.content.decode()
