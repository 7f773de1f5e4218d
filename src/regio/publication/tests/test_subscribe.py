"""Defect: residents could not subscribe. The news and calendar feeds existed but no page linked them.
Every public meeting list, the news page and each body offer "Abonneren" and announce the feeds with
<link rel="alternate"> in the head; the signed-in municipality page links its own calendar and its
commitments."""

from __future__ import annotations

import re

import pytest

from regio.meetings.tests.meeting_factories import BodyFactory, MeetingFactory, local


@pytest.fixture
def bodies(world):
    open_body = BodyFactory(region=world.region, name="Stuurgroep Energie", slug="stuurgroep-energie")
    closed = BodyFactory(region=world.region, name="Besloten kring", slug="besloten-kring", internal=True)
    MeetingFactory(region=world.region, body=open_body, title="Energieoverleg", starts_at=local(2026, 12, 10))
    MeetingFactory(region=world.region, title="Los overleg", starts_at=local(2026, 12, 11))
    MeetingFactory(region=world.region, body=closed, title="Kringoverleg", starts_at=local(2026, 12, 12))
    return open_body, closed


def head(html: str) -> str:
    return html.split("</head>")[0]


def alternates(html: str) -> list[tuple[str, str]]:
    """(type, href) of every <link rel="alternate"> in the head."""
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', head(html))


@pytest.mark.parametrize("path", ["vergaderingen/", "nieuws/", "gremia/stuurgroep-energie/"])
def test_public_pages_offer_subscriptions(client, world, bodies, path):
    html = client.get(f"/openbaar/proefregio/{path}").content.decode()
    links = alternates(html)
    assert ("application/atom+xml", "/open-data/proefregio/nieuws.atom") in links
    assert ("text/calendar", "/open-data/proefregio/vergaderingen.ics") in links
    body = html.split("</head>")[1]
    assert ">Abonneren</h2>" in body
    assert 'href="/open-data/proefregio/nieuws.atom"' in body
    assert 'href="/open-data/proefregio/vergaderingen.ics"' in body


def test_a_body_page_offers_the_body_calendar_which_holds_only_its_public_meetings(client, world, bodies):
    html = client.get("/openbaar/proefregio/gremia/stuurgroep-energie/").content.decode()
    feed = "/open-data/proefregio/gremia/stuurgroep-energie/vergaderingen.ics"
    assert ("text/calendar", feed) in alternates(html)
    assert f'href="{feed}"' in html.split("</head>")[1]
    calendar = client.get(feed)
    assert calendar.status_code == 200
    assert calendar["Content-Type"].startswith("text/calendar")
    text = calendar.content.decode()
    assert "Energieoverleg" in text
    assert "Los overleg" not in text and "Kringoverleg" not in text


def test_an_internal_body_has_no_public_calendar(client, world, bodies):
    assert client.get("/open-data/proefregio/gremia/besloten-kring/vergaderingen.ics").status_code == 404
    assert client.get("/open-data/proefregio/gremia/bestaat-niet/vergaderingen.ics").status_code == 404


def test_the_signed_in_municipality_page_links_its_calendar_and_commitments(client_for, world):
    client = client_for(world.user("reader"))
    slug = world.own.slug
    html = client.get(f"/proefregio/gemeenten/{slug}/").content.decode()
    ical = f"/proefregio/gemeenten/{slug}/agenda.ics"
    assert ("text/calendar", ical) in alternates(html)
    page = html.split("</head>")[1]
    assert ">Abonneren</h2>" in page
    assert f'href="{ical}"' in page
    assert f'href="/proefregio/gemeenten/{slug}/toezeggingen/"' in page
