"""Defect: "Komende vergaderingen" listed the past (a 2019 window and a cancelled 2019 meeting, seen
in December 2026). Upcoming means from today; a window that ended without a recorded date goes to
"nog vast te leggen"."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from regio.conftest import signed_in_fully
from regio.meetings.selectors import meeting_phases
from regio.meetings.tests.meeting_factories import MeetingFactory, local

NOW = local(2026, 12, 2, 12, 0)


@pytest.fixture
def meetings(world):
    region = world.region

    def window(title, start, end, **kwargs):
        return MeetingFactory(region=region, title=title, starts_at=None, ends_at=None,
                              window_start=start, window_end=end, **kwargs)

    return [
        window("Venster 2019", datetime.date(2019, 1, 1), datetime.date(2019, 3, 31)),
        MeetingFactory(region=region, title="Afgelast 2019", starts_at=local(2019, 5, 1), cancelled=True),
        MeetingFactory(region=region, title="Gehouden 2025", starts_at=local(2025, 6, 1)),
        MeetingFactory(region=region, title="Vanochtend", starts_at=local(2026, 12, 2, 9, 0)),
        window("Venster tot vandaag", datetime.date(2026, 11, 1), datetime.date(2026, 12, 2)),
        MeetingFactory(region=region, title="Vanavond", starts_at=local(2026, 12, 2, 19, 30)),
        MeetingFactory(region=region, title="Afgelast volgende week", starts_at=local(2026, 12, 9), cancelled=True),
        window("Venster 2027", datetime.date(2027, 1, 1), datetime.date(2027, 3, 31)),
        window("Venster 2020 afgelast", datetime.date(2020, 1, 1), datetime.date(2020, 3, 31), cancelled=True),
    ]


def titles(items):
    return [m.title for m in items]


def test_meetings_fall_into_upcoming_to_record_and_past(meetings):
    ordered = sorted(meetings, key=lambda m: (m.first_day, m.starts_at is None))
    phases = meeting_phases(ordered, now=NOW)

    assert titles(phases.upcoming) == [
        "Venster tot vandaag", "Vanavond", "Afgelast volgende week", "Venster 2027",
    ]
    assert titles(phases.to_record) == ["Venster 2019"]
    assert titles(phases.past) == ["Vanochtend", "Gehouden 2025", "Venster 2020 afgelast", "Afgelast 2019"]


@freeze_time("2026-12-02 11:00:00")
@pytest.mark.parametrize("role", ["reader", "coordinator"])
def test_the_meeting_list_upcoming_section_holds_no_past(client, world, meetings, role):
    signed_in_fully(client, world.user(role))
    page = client.get(reverse("web:meeting-list", args=[world.region.slug])).content.decode()
    upcoming = page.split('id="upcoming-heading"')[1].split("</section>")[0]
    to_record = page.split('id="to-record-heading"')[1].split("</section>")[0]
    assert "Venster 2027" in upcoming and "Vanavond" in upcoming
    for past in ("Venster 2019", "Afgelast 2019", "Gehouden 2025", "Vanochtend"):
        assert past not in upcoming
    assert "Venster 2019" in to_record and "Afgelast 2019" not in to_record
    assert "Nog vast te leggen" in page
    edit = reverse("web:meeting-edit", args=[world.region.slug, meetings[0].pk])
    assert (edit in to_record) == (role == "coordinator")


@freeze_time("2026-12-02 11:00:00")
def test_the_public_meeting_list_plans_nothing_from_the_past(client, world, meetings):
    page = client.get(reverse("publication:meeting-list", args=[world.region.slug])).content.decode()
    planned = page.split('id="planned-heading"')[1].split("</section>")[0]
    assert "Venster 2027" in planned and "Vanavond" in planned
    for past in ("Venster 2019", "Afgelast 2019", "Gehouden 2025", "Afgelast volgende week"):
        assert past not in planned
