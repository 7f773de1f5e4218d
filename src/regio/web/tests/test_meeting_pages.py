"""The body, meeting and timeline pages for every role, the coordinator's forms, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.meetings.models import Attendance, Meeting
from regio.meetings.tests.meeting_factories import BodyFactory, BodyMemberFactory, MeetingFactory, local
from regio.regions.tests.factories import PersonFactory

ROLES = ["anonymous", "reader", "editor_own", "coordinator"]


@pytest.fixture
def scene(world):
    body = BodyFactory(region=world.region, name="Stuurgroep Warmte", slug="stuurgroep-warmte", example=True)
    BodyMemberFactory(body=body, municipality=world.own)
    public = MeetingFactory(region=world.region, body=body, title="Openbaar overleg", starts_at=local(2019, 5, 1))
    window = MeetingFactory(region=world.region, title="Overleg van de colleges", window=True, place="Zoeterwoude")
    internal = MeetingFactory(region=world.region, body=body, title="Besloten overleg", internal=True)
    return body, public, window, internal


@pytest.mark.parametrize("role", ROLES)
def test_every_page_renders_and_hides_internal_items_from_anonymous(client_for, world, scene, role):
    body, public, window, internal = scene
    client = client_for(world.user(role))
    pages = ["/proefregio/gremia/", f"/proefregio/gremia/{body.slug}/", "/proefregio/vergaderingen/",
             f"/proefregio/vergaderingen/{public.pk}/", f"/proefregio/vergaderingen/{window.pk}/", "/proefregio/tijdlijn/",
             "/proefregio/tijdlijn/?spearhead=energie&municipality=" + world.own.slug]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
    listing = client.get("/proefregio/vergaderingen/").content.decode()
    assert "eerste kwartaal 2019, Zoeterwoude" in listing
    assert ("Besloten overleg" in listing) == (role != "anonymous")
    internal_page = client.get(f"/proefregio/vergaderingen/{internal.pk}/")
    assert internal_page.status_code == (404 if role == "anonymous" else 200)
    bodies = client.get("/proefregio/gremia/").content.decode()
    assert "regio-example" in bodies  # the example badge
    forms = client.get("/proefregio/vergaderingen/nieuw/")
    assert forms.status_code == (200 if role == "coordinator" else 403)


def test_the_coordinator_plans_a_meeting_and_a_bad_window_names_the_field(client_for, world, scene):
    client = client_for(world.user("coordinator"))
    data = {"title": "Nieuw overleg", "body": "", "window_start": "2019-03-31", "window_end": "2019-01-01",
            "cancelled": "0", "visibility": "openbaar"}
    response = client.post("/proefregio/vergaderingen/nieuw/", data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"window_end"}
    assert not Meeting.objects.filter(title="Nieuw overleg").exists()
    data.update(window_start="", window_end="", starts_at="2019-04-02T10:00", ends_at="2019-04-02T12:00")
    response = client.post("/proefregio/vergaderingen/nieuw/", data)
    meeting = Meeting.objects.get(title="Nieuw overleg")
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == local(2019, 4, 2, 10)


def test_attendance_of_a_stranger_is_refused_with_the_services_message(client_for, world, scene):
    body, public, *_ = scene
    stranger = PersonFactory(name="Onbekende Bezoeker")
    stranger.roles.create(kind="wethouder", municipality=world.third)
    client = client_for(world.user("coordinator"))
    response = client.post(f"/proefregio/vergaderingen/{public.pk}/aanwezigheid/", {"person": stranger.pk, "present": "1"})
    assert response.status_code == 400
    assert "Onbekende Bezoeker" in " ".join(response.context["attendance_form"].errors["person"])
    assert not Attendance.objects.exists()


def test_the_coordinator_creates_a_body_and_adds_a_member(client_for, world):
    client = client_for(world.user("coordinator"))
    response = client.post("/proefregio/gremia/nieuw/", {
        "name": "Werkgroep Energie", "kind": "ambtelijke_werkgroep", "meetings_per_year": "10",
        "usual_duration_hours": "2", "spearheads": ["energie"], "may_decide": "0", "visibility": "openbaar",
    })
    assert response.status_code == 302 and response["Location"] == "/proefregio/gremia/werkgroep-energie/"
    person = PersonFactory()
    person.roles.create(kind="ambtenaar", municipality=world.own)
    missing = client.post("/proefregio/gremia/werkgroep-energie/leden/nieuw/", {"person": person.pk})
    assert missing.status_code == 200 and "municipality" in missing.context["form"].errors
    added = client.post("/proefregio/gremia/werkgroep-energie/leden/nieuw/", {"person": person.pk, "municipality": world.own.slug})
    assert added.status_code == 302


@pytest.mark.parametrize("url", ["/proefregio/gremia/", "/proefregio/tijdlijn/", "/proefregio/vergaderingen/"])
def test_list_pages_cost_the_same_queries_at_10_and_1000_meetings(visitor, world, url):
    bodies = [BodyFactory(region=world.region) for _ in range(3)]

    def count(n):
        existing = Meeting.objects.count()
        for i in range(n - existing):
            MeetingFactory(region=world.region, body=bodies[i % 3])
        with CaptureQueriesContext(connection) as queries:
            assert visitor.get(url).status_code == 200
        return len(queries)

    assert count(10) == count(1000)


def test_a_meeting_past_the_calendars_end_is_a_form_error_not_a_500(client_for, world, scene):
    client = client_for(world.user("coordinator"))
    data = {"title": "Overleg in het jaar 9999", "body": "", "starts_at": "9999-12-31T23:00", "ends_at": "",
            "cancelled": "0", "visibility": "openbaar"}
    response = client.post("/proefregio/vergaderingen/nieuw/", data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"starts_at"}
    # The shared bound of every date input (core/dates.py) answers before the meeting's own (year 9998).
    assert response.context["form"].errors["starts_at"] == [
        "Begint om: kies een datum tussen 1 januari 1900 en 31 december 2199."]
    assert not Meeting.objects.filter(title=data["title"]).exists()
    data.update(starts_at="", window_start="9999-06-01", window_end="9999-06-30")
    response = client.post("/proefregio/vergaderingen/nieuw/", data)
    assert response.context["form"].errors.keys() == {"window_start", "window_end"}
    for feed in ("/open-data/proefregio/vergaderingen.ics", "/proefregio/gremia/besloten-overleg/agenda.ics"):
        assert client.get(feed).status_code in (200, 404)
