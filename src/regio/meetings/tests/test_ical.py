"""web/ical.py through the feed URLs: valid iCalendar, one event per dated meeting, public items only."""

import pytest
from icalendar import Calendar

from regio.meetings.tests.meeting_factories import BodyFactory, BodyMemberFactory, MeetingFactory, local
from regio.regions.tests.factories import PersonFactory


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def scene(world):
    body = BodyFactory(region=world.region, name="Stuurgroep Warmte", slug="stuurgroep-warmte")
    person = BodyMemberFactory(body=body, municipality=world.own).person
    dated = MeetingFactory(region=world.region, body=body, title="Dated", starts_at=local(2019, 5, 1, 14), place="Leiden")
    MeetingFactory(region=world.region, body=body, title="Window", window=True)
    MeetingFactory(region=world.region, body=body, title="Called off", starts_at=local(2019, 6, 1, 9), cancelled=True)
    MeetingFactory(region=world.region, body=body, title="Secret", internal=True)
    return body, person, dated


def test_body_feed_has_one_event_per_dated_visible_meeting(client, world, scene):
    body, _person, dated = scene
    found = events(client.get(f"/proefregio/gremia/{body.slug}/agenda.ics"))
    assert set(found) == {"Dated", "Called off"}
    event = found["Dated"]
    assert str(event["UID"]) == f"meeting-{dated.pk}@proefregio.regio"
    assert event.decoded("DTSTART") == local(2019, 5, 1, 14)
    assert event.decoded("DTEND") == local(2019, 5, 1, 16)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Amsterdam"
    assert "DTSTAMP" in event and str(event["LOCATION"]) == "Leiden"
    assert str(event["URL"]) == f"http://testserver/proefregio/vergaderingen/{dated.pk}/"
    assert str(found["Called off"]["STATUS"]) == "CANCELLED"
    assert str(event["STATUS"]) == "CONFIRMED"


def test_uid_is_stable_between_requests(client, world, scene):
    first = events(client.get("/proefregio/gremia/stuurgroep-warmte/agenda.ics"))
    second = events(client.get("/proefregio/gremia/stuurgroep-warmte/agenda.ics"))
    assert first["Dated"]["UID"] == second["Dated"]["UID"]


def test_a_reader_also_gets_internal_meetings(client_for, world, scene):
    found = events(client_for(world.user("reader")).get("/proefregio/gremia/stuurgroep-warmte/agenda.ics"))
    assert "Secret" in found


def test_municipality_feed_follows_membership_and_ad_hoc_rules(client, world, scene):
    guest = PersonFactory()
    guest.roles.create(kind="wethouder", municipality=world.other)
    MeetingFactory(region=world.region, title="Work visit", invitees=[guest], starts_at=local(2019, 7, 1))
    own = events(client.get(f"/proefregio/gemeenten/{world.own.slug}/agenda.ics"))
    other = events(client.get(f"/proefregio/gemeenten/{world.other.slug}/agenda.ics"))
    assert set(own) == {"Dated", "Called off"}
    assert set(other) == {"Work visit"}


def test_person_feed_has_the_meetings_of_their_bodies_and_invitations(client, world, scene):
    _body, person, _dated = scene
    MeetingFactory(region=world.region, title="Invited", invitees=[person], starts_at=local(2019, 8, 1))
    MeetingFactory(region=world.region, title="Not for them", starts_at=local(2019, 8, 2))
    found = events(client.get(f"/proefregio/personen/{person.pk}/agenda.ics"))
    assert set(found) == {"Dated", "Called off", "Invited"}
