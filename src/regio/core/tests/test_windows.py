"""Windows of days in the page's language: English pages say English words, Dutch pages and letters Dutch."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from regio.commitments.tests.factories import CommitmentFactory
from regio.core.windows import day_label, window_label
from regio.extraction.dates import Window, describe_window
from regio.meetings.tests.meeting_factories import MeetingFactory

D = datetime.date

ENGLISH = [
    (Window(datetime.date.min, D(2027, 3, 31)), "until 31 March 2027"),
    (Window(D(2027, 1, 1), D(2027, 1, 31)), "January 2027"),
    (Window(D(2027, 2, 1), D(2027, 2, 28)), "February 2027"),
    (Window(D(2027, 3, 1), D(2027, 3, 31)), "March 2027"),
    (Window(D(2027, 4, 1), D(2027, 4, 30)), "April 2027"),
    (Window(D(2027, 5, 1), D(2027, 5, 31)), "May 2027"),
    (Window(D(2027, 6, 1), D(2027, 6, 30)), "June 2027"),
    (Window(D(2027, 7, 1), D(2027, 7, 31)), "July 2027"),
    (Window(D(2027, 8, 1), D(2027, 8, 31)), "August 2027"),
    (Window(D(2027, 9, 1), D(2027, 9, 30)), "September 2027"),
    (Window(D(2027, 10, 1), D(2027, 10, 31)), "October 2027"),
    (Window(D(2027, 11, 1), D(2027, 11, 30)), "November 2027"),
    (Window(D(2027, 12, 1), D(2027, 12, 31)), "December 2027"),
    (Window(D(2027, 1, 1), D(2027, 12, 31)), "2027"),
    (Window(D(2027, 1, 1), D(2027, 3, 31)), "first quarter of 2027"),
    (Window(D(2027, 4, 1), D(2027, 6, 30)), "second quarter of 2027"),
    (Window(D(2027, 7, 1), D(2027, 9, 30)), "third quarter of 2027"),
    (Window(D(2027, 10, 1), D(2027, 12, 31)), "end of 2027"),
    (Window(D(2027, 3, 1), D(2027, 5, 31)), "spring 2027"),
    (Window(D(2027, 9, 1), D(2027, 11, 30)), "autumn 2027"),
    (Window(D(2027, 12, 1), D(2028, 2, 29)), "winter 2027"),
    (Window(D(2027, 6, 1), D(2027, 7, 31)), "mid-2027"),
    (Window(D(2027, 1, 1), D(2029, 12, 31)), "2027 – 2029"),
    (Window(D(2027, 3, 1), D(2027, 3, 10)), "early March 2027"),
    (Window(D(2027, 3, 11), D(2027, 3, 20)), "mid-March 2027"),
    (Window(D(2027, 3, 21), D(2027, 3, 31)), "late March 2027"),
    (Window(D(2027, 3, 3), D(2027, 3, 5)), "3 – 5 March 2027"),
    (Window(D(2027, 3, 1), D(2027, 4, 30)), "March – April 2027"),
    (Window(D(2027, 3, 3), D(2027, 5, 10)), "3 March – 10 May 2027"),
    (Window(D(2027, 11, 3), D(2028, 1, 10)), "3 November 2027 – 10 January 2028"),
    (Window(D(2027, 3, 3), D(2027, 3, 3)), "3 March 2027"),
]

DUTCH = [
    (Window(datetime.date.min, D(2027, 3, 31)), "tot en met 31 maart 2027"),
    (Window(D(2027, 1, 1), D(2027, 3, 31)), "eerste kwartaal 2027"),
    (Window(D(2027, 10, 1), D(2027, 12, 31)), "eind 2027"),
    (Window(D(2027, 9, 1), D(2027, 11, 30)), "najaar 2027"),
    (Window(D(2027, 6, 1), D(2027, 7, 31)), "medio 2027"),
    (Window(D(2027, 3, 21), D(2027, 3, 31)), "eind maart 2027"),
    (Window(D(2027, 3, 3), D(2027, 5, 10)), "3 maart – 10 mei 2027"),
    (Window(D(2027, 5, 1), D(2027, 5, 31)), "mei 2027"),
]


@pytest.mark.parametrize(("window", "expected"), ENGLISH, ids=[e for _w, e in ENGLISH])
def test_english_pages_write_windows_in_english(window, expected):
    with translation.override("en"):
        assert window_label(window) == expected


@pytest.mark.parametrize(("window", "expected"), DUTCH, ids=[e for _w, e in DUTCH])
def test_dutch_pages_write_windows_in_dutch(window, expected):
    with translation.override("nl"):
        assert window_label(window) == expected


@pytest.mark.parametrize(("window", "expected"), DUTCH, ids=[e for _w, e in DUTCH])
def test_the_reader_and_the_letters_stay_dutch_in_any_language(window, expected):
    with translation.override("en"):
        assert describe_window(window) == expected


def test_a_day_and_a_language_without_a_phrase_book():
    with translation.override("en"):
        assert day_label(D(2027, 8, 9)) == "9 August 2027"
    with translation.override("de"):
        assert day_label(D(2027, 8, 9)) == "9 augustus 2027"


@pytest.mark.django_db
def test_english_public_pages_show_english_windows(world, client):
    commitment = CommitmentFactory(region=world.region, title="Rapportage warmte",
                                   due_start=D(2027, 1, 1), due_date=D(2027, 3, 31))
    meeting = MeetingFactory(region=world.region, title="Portefeuillehoudersoverleg", starts_at=None,
                             ends_at=None, window_start=D(2027, 9, 1), window_end=D(2027, 11, 30))
    client.cookies["django_language"] = "en"
    commitment_page = client.get(reverse("publication:commitment-detail",
                                         kwargs={"region": world.region.slug, "pk": commitment.pk}))
    meeting_page = client.get(reverse("publication:meeting-detail",
                                      kwargs={"region": world.region.slug, "pk": meeting.pk}))
    assert commitment_page.status_code == meeting_page.status_code == 200
    assert "first quarter of 2027" in commitment_page.content.decode()
    assert "eerste kwartaal" not in commitment_page.content.decode()
    assert "autumn 2027" in meeting_page.content.decode()
    assert "najaar" not in meeting_page.content.decode()


@pytest.mark.django_db
def test_the_open_data_says_the_due_window_in_dutch_whatever_the_language(world, client):
    commitment = CommitmentFactory(region=world.region, due_start=D(2027, 1, 1), due_date=D(2027, 3, 31))
    client.cookies["django_language"] = "en"
    response = client.get(f"/api/v1/toezeggingen/{commitment.pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content[:300]
    assert response.json()["termijnOmschrijving"] == "eerste kwartaal 2027"
