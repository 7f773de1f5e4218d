"""timeline/selectors.py: order, windows, filters, visibility and a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.access.policies import region_access
from regio.commitments.tests.factories import CommitmentFactory
from regio.meetings.tests.meeting_factories import BodyFactory, BodyMemberFactory, MeetingFactory, local
from regio.timeline.selectors import EntryKind, EntryState, timeline_entries
from regio.visions.models import Milestone

NOW = local(2019, 6, 1)


@pytest.fixture
def scene(world):
    housing, energy = world.spearheads
    body = BodyFactory(region=world.region, spearheads=[energy])
    BodyMemberFactory(body=body, municipality=world.own)
    Milestone.objects.create(region=world.region, start=datetime.date(2018, 12, 1), end=datetime.date(2018, 12, 31), title="Drie onderwerpen")
    MeetingFactory(region=world.region, body=body, title="Held", starts_at=local(2019, 2, 11))
    MeetingFactory(region=world.region, title="Colleges", window=True, place="Zoeterwoude")
    MeetingFactory(region=world.region, body=body, title="Planned", starts_at=local(2019, 9, 1))
    MeetingFactory(region=world.region, body=body, title="Internal", starts_at=local(2019, 4, 1), internal=True)
    commitment = CommitmentFactory(region=world.region, title="Raden informeren", due_start=datetime.date(2019, 2, 1))
    commitment.recipient_councils.set([world.third])
    return body


def titles(entries):
    return [(e.kind, e.title) for e in entries]


def test_entries_are_merged_in_order_with_windows_marked(world, scene):
    entries = timeline_entries(region=world.region, access=region_access(None, world.region), now=NOW)
    assert titles(entries) == [
        (EntryKind.MILESTONE, "Drie onderwerpen"),
        (EntryKind.MEETING, "Colleges"),
        (EntryKind.COMMITMENT, "Raden informeren"),
        (EntryKind.MEETING, "Held"),
        (EntryKind.MEETING, "Planned"),
    ]
    by_title = {e.title: e for e in entries}
    assert by_title["Colleges"].is_window and by_title["Colleges"].when == "eerste kwartaal 2019"
    assert by_title["Colleges"].state == EntryState.PLANNED
    assert by_title["Held"].state == EntryState.DONE and not by_title["Held"].is_window
    assert by_title["Planned"].is_planned
    assert by_title["Raden informeren"].state == EntryState.OVERDUE


def test_readers_see_internal_meetings(world, scene):
    entries = timeline_entries(region=world.region, access=region_access(world.user("reader"), world.region), now=NOW)
    assert "Internal" in {e.title for e in entries}


def test_filters_keep_milestones_and_the_matching_items(world, scene):
    anonymous = region_access(None, world.region)
    energy = timeline_entries(region=world.region, access=anonymous, spearhead="energie", now=NOW)
    assert {e.title for e in energy} == {"Drie onderwerpen", "Held", "Planned"}
    housing = timeline_entries(region=world.region, access=anonymous, spearhead="wonen", now=NOW)
    assert {e.title for e in housing} == {"Drie onderwerpen"}
    third = timeline_entries(region=world.region, access=anonymous, municipality=world.third, now=NOW)
    assert {e.title for e in third} == {"Drie onderwerpen", "Raden informeren"}
    own = timeline_entries(region=world.region, access=anonymous, municipality=world.own, now=NOW)
    assert {e.title for e in own} == {"Drie onderwerpen", "Held", "Planned"}


@pytest.mark.parametrize("role", ["anonymous", "coordinator"])
def test_the_number_of_queries_does_not_grow_with_the_meetings(world, scene, role):
    access = region_access(world.user(role), world.region)

    def count(n):
        existing = scene.meetings.count()
        MeetingFactory.create_batch(n - existing, region=world.region, body=scene)
        with CaptureQueriesContext(connection) as queries:
            assert len(timeline_entries(region=world.region, access=access, now=NOW)) >= n
        return len(queries)

    assert count(10) == count(1000)
