"""The meeting-load page: the adapter from the database, the page, the coordinator's adjustments."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regio.access.policies import region_access
from regio.core.models import Visibility
from regio.meetings.analysis_inputs import analysis_inputs, default_period
from regio.meetings.models import Attendance, Body, BodyMember, Meeting
from regio.regions.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _body(world, name, people, *, spearheads=(), visibility=Visibility.PUBLIC):
    body = Body.objects.create(
        region=world.region, name=name, slug=name.lower().replace(" ", "-"), kind="bestuurlijk_overleg",
        usual_duration_hours=Decimal("2.0"), visibility=visibility,
    )
    body.spearheads.set(spearheads)
    for person in people:
        BodyMember.objects.create(body=body, person=person, municipality=world.own)
    return body


def _meetings(world, body, count, *, year=2019, attendees=()):
    for i in range(count):
        start = timezone.make_aware(datetime.datetime(year, 1 + i % 12, 1 + i // 12, 10, 0))
        meeting = Meeting.objects.create(
            region=world.region, body=body, title=f"{body.name} {i}", starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )
        for person in attendees:
            Attendance.objects.create(meeting=meeting, person=person)


@pytest.fixture
def twin_bodies(world):
    people = PersonFactory.create_batch(3)
    a = _body(world, "Overleg Wonen", people, spearheads=[world.spearheads[0]])
    b = _body(world, "Overleg Woningbouw", people, spearheads=[world.spearheads[0]])
    _meetings(world, a, 6, attendees=people)
    _meetings(world, b, 4, attendees=people)
    return a, b, people


def test_adapter_builds_plain_inputs(world, twin_bodies):
    a, b, people = twin_bodies
    bodies, meetings, persons, objects = analysis_inputs(region=world.region, access=region_access(None, world.region))
    assert {body.name for body in bodies} == {"Overleg Wonen", "Overleg Woningbouw"}
    assert len(meetings) == 10
    assert all(m.hours == 2.0 and len(m.attendees) == 3 for m in meetings)
    assert {p.id for p in persons} == {p.pk for p in people}
    assert default_period(meetings, datetime.date(2026, 11, 22)) == (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))


def test_adapter_hides_internal_bodies_from_the_public(world, twin_bodies):
    hidden = _body(world, "Besloten overleg", PersonFactory.create_batch(2), visibility=Visibility.INTERNAL)
    _meetings(world, hidden, 3)
    public = analysis_inputs(region=world.region, access=region_access(None, world.region))
    inside = analysis_inputs(region=world.region, access=region_access(world.user("reader"), world.region))
    assert "Besloten overleg" not in {b.name for b in public[0]}
    assert len(public[1]) == 10
    assert "Besloten overleg" in {b.name for b in inside[0]}


def test_adapter_query_count_does_not_grow(world):
    people = PersonFactory.create_batch(4)

    def count():
        with CaptureQueriesContext(connection) as queries:
            analysis_inputs(region=world.region, access=region_access(None, world.region))
        return len(queries)

    body = _body(world, "Overleg Een", people)
    _meetings(world, body, 2, attendees=people[:2])
    few = count()
    for n in range(5):
        extra = _body(world, f"Overleg {n}", people)
        _meetings(world, extra, 12, attendees=people)
    assert count() == few


def test_page_proposes_merging_the_twin_bodies(visitor, world, twin_bodies):
    a, b, _people = twin_bodies
    response = visitor.get(f"/{world.region.slug}/minder-overleg/")
    assert response.status_code == 200
    text = response.content.decode()
    # Identical members and scope: the one with fewer hours (4 meetings) goes into the other.
    assert "Overleg Woningbouw" in text and "Overleg Wonen" in text
    assert response.context["analysis"].steps[0].body_id == b.pk
    assert response.context["analysis"].steps[0].meetings_saved == 4
    assert response.context["analysis"].after.meetings == 6
    assert text.count('class="bar"') > 0


def test_coordinator_can_keep_two_bodies_apart(visitor, world, twin_bodies):
    a, b, _people = twin_bodies
    response = visitor.get(f"/{world.region.slug}/minder-overleg/", {"forbid": f"{b.pk}:{a.pk}"})
    assert response.context["analysis"].steps == []
    assert "Overleg Woningbouw" in response.content.decode()


def test_excluded_body_is_left_alone(visitor, world, twin_bodies):
    a, b, _people = twin_bodies
    response = visitor.get(
        f"/{world.region.slug}/minder-overleg/", {"exclude": [str(b.pk)], "start": "2019-01-01", "end": "2019-12-31"}
    )
    steps = response.context["analysis"].steps
    assert all(step.body_id != b.pk for step in steps)
    # The excluded body stays and still covers the other one completely, so that one may go.
    assert [(step.kind, step.body_id) for step in steps] == [("drop", a.pk)]


def test_bad_threshold_is_reported_on_the_form(visitor, world, twin_bodies):
    response = visitor.get(f"/{world.region.slug}/minder-overleg/", {"overlap": "7"})
    assert response.status_code == 200
    assert response.context["form"].errors["overlap"]
