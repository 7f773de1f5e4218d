"""The month calendar of meetings and windows, signed-in and public."""

from __future__ import annotations

import datetime

import pytest
from freezegun import freeze_time

from regio.meetings.selectors import month_calendar
from regio.meetings.tests.meeting_factories import MeetingFactory, local


@pytest.fixture
def meetings(world):
    region = world.region
    return {
        "colleges": MeetingFactory(region=region, title="Overleg colleges", starts_at=local(2026, 12, 3, 14)),
        "avond": MeetingFactory(region=region, title="Avondoverleg", starts_at=local(2026, 12, 3, 19, 30)),
        "vorige": MeetingFactory(region=region, title="Novemberoverleg", starts_at=local(2026, 11, 30, 10)),
        "januari": MeetingFactory(region=region, title="Januarioverleg", starts_at=local(2027, 1, 12, 10)),
        "venster": MeetingFactory(region=region, title="Raadsledenavond", starts_at=None, ends_at=None,
                                  window_start=datetime.date(2026, 11, 15), window_end=datetime.date(2026, 12, 15)),
        "oud venster": MeetingFactory(region=region, title="Oud venster", starts_at=None, ends_at=None,
                                      window_start=datetime.date(2026, 1, 1), window_end=datetime.date(2026, 3, 31)),
        "intern": MeetingFactory(region=region, title="Besloten overleg", starts_at=local(2026, 12, 8), internal=True),
    }


def test_the_grid_runs_monday_to_sunday_with_meetings_on_their_day(meetings):
    calendar = month_calendar(meetings.values(), first=datetime.date(2026, 12, 1))
    # December 2026 starts on a Tuesday and ends on a Thursday: five weeks, from 30 November to 3 January.
    assert len(calendar.weeks) == 5
    assert calendar.weeks[0][0].day == datetime.date(2026, 11, 30) and not calendar.weeks[0][0].in_month
    assert calendar.weeks[-1][-1].day == datetime.date(2027, 1, 3)
    days = {d.day: [m.title for m in d.meetings] for week in calendar.weeks for d in week}
    assert days[datetime.date(2026, 12, 3)] == ["Overleg colleges", "Avondoverleg"]
    assert days[datetime.date(2026, 11, 30)] == ["Novemberoverleg"]  # shown greyed, outside the month
    assert [m.title for m in calendar.windows] == ["Raadsledenavond"]
    assert [d.day.day for d in calendar.busy_days] == [3, 8]
    assert (calendar.previous, calendar.next) == (datetime.date(2026, 11, 1), datetime.date(2027, 1, 1))


@freeze_time("2026-12-02 11:00:00")
@pytest.mark.parametrize(("path", "role"), [("/proefregio/vergaderingen/kalender/", "reader"),
                                            ("/openbaar/proefregio/vergaderingen/kalender/", "anonymous")])
def test_the_calendar_page_shows_this_month(client_for, world, meetings, path, role):
    html = client_for(world.user(role)).get(path).content.decode()
    assert "Kalender: december 2026" in html
    assert "Overleg colleges" in html and "Avondoverleg" in html and "Raadsledenavond" in html
    assert "Januarioverleg" not in html and "Oud venster" not in html
    assert ("Besloten overleg" in html) == (role != "anonymous")
    assert '?maand=2026-11' in html and '?maand=2027-01' in html
    if role == "anonymous":
        assert f'href="/openbaar/proefregio/vergaderingen/{meetings["colleges"].pk}/"' in html


def test_another_month_and_a_bad_month(client_for, world, meetings):
    client = client_for(world.user("reader"))
    html = client.get("/proefregio/vergaderingen/kalender/", {"maand": "2027-01"}).content.decode()
    assert "Kalender: januari 2027" in html and "Januarioverleg" in html
    with freeze_time("2026-12-02 11:00:00"):
        bad = client.get("/proefregio/vergaderingen/kalender/", {"maand": "2026-13"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "“2026-13” is geen maand zoals 2026-12; de huidige maand wordt getoond." in text
    assert "Kalender: december 2026" in text
