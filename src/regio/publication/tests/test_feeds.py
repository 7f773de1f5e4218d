"""Atom feeds per region and per spearhead, and the region's calendar."""

# ruff: noqa: F811 -- the shared `export_scene` fixture is imported, and tests name it as a parameter

from __future__ import annotations

import datetime
from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse
from icalendar import Calendar

from regio.publication.feeds import feed_entries
from regio.publication.tests.export_scene import MARK, export_scene  # noqa: F401 (fixture)
from regio.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse_feed(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def assert_valid_atom(feed: ET.Element) -> list[ET.Element]:
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{name}") or "").strip(), name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    datetime.datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{name}") or "").strip(), name
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href").startswith("http://testserver/openbaar/")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    return entries


def titles(entries) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in entries]


def test_the_region_feed_is_valid_atom_with_every_kind_of_change(export_scene, client):
    region = export_scene.world.region
    url = reverse("open-data:feed", kwargs={"region": region.slug})
    entries = assert_valid_atom(parse_feed(client.get(url, HTTP_ACCEPT_LANGUAGE="en")))
    got = titles(entries)
    assert "New topic: Warmterotonde" in got
    assert "Status changed: Warmterotonde" in got
    assert "New agreement: Intentie warmte" in got
    assert "Decision: Intentie warmte" in got
    assert "Commitment fulfilled: Raden informeren" in got
    assert "Letter published: Raadsinformatiebrief warmte" in got
    assert not [title for title in got if MARK in title]
    updated = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert updated == sorted(updated, reverse=True)


def test_the_spearhead_feed_holds_only_changes_about_that_spearhead(export_scene, client):
    world = export_scene.world
    TopicFactory(region=world.region, title="Betaalbaar wonen", spearheads=[world.spearheads[0]])
    url = lambda code: reverse("open-data:spearhead-feed", kwargs={"region": world.region.slug, "spearhead": code})  # noqa: E731
    energy = titles(assert_valid_atom(parse_feed(client.get(url("energie"), HTTP_ACCEPT_LANGUAGE="en"))))
    housing = titles(assert_valid_atom(parse_feed(client.get(url("wonen"), HTTP_ACCEPT_LANGUAGE="en"))))
    assert "New topic: Warmterotonde" in energy and "New agreement: Intentie warmte" in energy
    assert "New topic: Betaalbaar wonen" not in energy
    assert housing == ["New topic: Betaalbaar wonen"]
    assert client.get(url("onbekend")).status_code == 404
    # A spearhead of another region's vision is not this region's.
    assert client.get(url(world.foreign_spearhead.code + "-x")).status_code == 404


def test_feed_size_is_bounded(world):
    for i in range(60):
        TopicFactory(region=world.region, title=f"Onderwerp {i:02d}", spearheads=[world.spearheads[0]])
    assert len(feed_entries(region=world.region)) == 50


def test_the_region_calendar_lists_the_public_dated_meetings(export_scene, client):
    response = client.get(reverse("open-data:calendar", kwargs={"region": export_scene.world.region.slug}))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert summaries == ["Overleg energie"]
