"""Tests for regio.extraction.dates: the Dutch date and period grammar."""

from datetime import date

import pytest

from regio.extraction.dates import OPEN_START, Window, describe_window, parse_window

D = date


# --- parse_window: one expression on its own ---------------------------------------------------

PARSE_TABLE = [
    # The FORMAT.md table, row by row.
    ("11 oktober 2017", D(2017, 10, 11), D(2017, 10, 11)),
    ("woensdag 11 oktober 2017", D(2017, 10, 11), D(2017, 10, 11)),
    ("februari 2019", D(2019, 2, 1), D(2019, 2, 28)),
    ("uiterlijk februari 2019", D(2019, 2, 1), D(2019, 2, 28)),
    ("uiterlijk in februari 2019", D(2019, 2, 1), D(2019, 2, 28)),
    ("het eerste kwartaal 2019", D(2019, 1, 1), D(2019, 3, 31)),
    ("in het eerste kwartaal van 2019", D(2019, 1, 1), D(2019, 3, 31)),
    ("Q1 2019", D(2019, 1, 1), D(2019, 3, 31)),
    ("begin 2019", D(2019, 1, 1), D(2019, 3, 31)),
    ("medio 2019", D(2019, 6, 1), D(2019, 7, 31)),
    ("eind 2016", D(2016, 10, 1), D(2016, 12, 31)),
    ("voorjaar 2019", D(2019, 3, 1), D(2019, 5, 31)),
    ("zomer 2019", D(2019, 6, 1), D(2019, 8, 31)),
    ("najaar 2019", D(2019, 9, 1), D(2019, 11, 30)),
    ("winter 2019", D(2019, 12, 1), D(2020, 2, 29)),
    ("voor de zomer 2020", OPEN_START, D(2020, 6, 30)),
    ("voor de zomer van 2020", OPEN_START, D(2020, 6, 30)),
    ("na de zomer 2020", D(2020, 9, 1), D(2020, 12, 31)),
    ("voor 1 maart 2020", OPEN_START, D(2020, 2, 29)),
    ("in de loop van 2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("in 2019", D(2019, 1, 1), D(2019, 12, 31)),
    # Bare years are periods when they stand alone (region data files).
    ("2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("2019-2022", D(2019, 1, 1), D(2022, 12, 31)),
]


@pytest.mark.parametrize(("expression", "start", "end"), PARSE_TABLE)
def test_parse_window_format_table(expression, start, end):
    assert parse_window(expression) == Window(start, end)


@pytest.mark.parametrize(
    "expression", ["", "hallo", "31 februari 2019", "11 oktober 2017 en 12 oktober 2017", "regio 2027"]
)
def test_parse_window_rejects_what_is_not_one_expression(expression):
    assert parse_window(expression) is None


def test_parse_window_needs_a_reference_for_a_yearless_expression():
    assert parse_window("februari") is None
    assert parse_window("februari", reference=D(2019, 5, 1)) == Window(D(2019, 2, 1), D(2019, 2, 28))


# --- describe_window: the inverse, in Dutch ----------------------------------------------------

DESCRIBE_TABLE = [
    (Window(D(2017, 10, 11), D(2017, 10, 11)), "11 oktober 2017"),
    (Window(D(2016, 11, 1), D(2016, 11, 30)), "november 2016"),
    (Window(D(2019, 1, 1), D(2019, 3, 31)), "eerste kwartaal 2019"),
    (Window(D(2019, 4, 1), D(2019, 6, 30)), "tweede kwartaal 2019"),
    (Window(D(2019, 7, 1), D(2019, 9, 30)), "derde kwartaal 2019"),
    (Window(D(2016, 10, 1), D(2016, 12, 31)), "eind 2016"),
    (Window(D(2019, 1, 1), D(2019, 12, 31)), "2019"),
    (Window(D(2019, 3, 1), D(2019, 5, 31)), "voorjaar 2019"),
    (Window(D(2019, 6, 1), D(2019, 8, 31)), "zomer 2019"),
    (Window(D(2019, 9, 1), D(2019, 11, 30)), "najaar 2019"),
    (Window(D(2019, 12, 1), D(2020, 2, 29)), "winter 2019"),
    (Window(D(2019, 6, 1), D(2019, 7, 31)), "medio 2019"),
    (Window(D(2019, 2, 1), D(2019, 2, 10)), "begin februari 2019"),
    (Window(D(2019, 2, 21), D(2019, 2, 28)), "eind februari 2019"),
    (Window(D(2019, 3, 3), D(2019, 4, 15)), "3 maart – 15 april 2019"),
    (Window(D(2019, 3, 1), D(2019, 3, 15)), "1 – 15 maart 2019"),
    (Window(D(2019, 3, 3), D(2020, 4, 15)), "3 maart 2019 – 15 april 2020"),
    (Window(D(2019, 1, 1), D(2022, 12, 31)), "2019 – 2022"),
    (Window(D(2019, 1, 1), D(2019, 4, 30)), "januari – april 2019"),
    (Window(OPEN_START, D(2020, 2, 29)), "tot en met 29 februari 2020"),
]


@pytest.mark.parametrize(("window", "words"), DESCRIBE_TABLE)
def test_describe_window(window, words):
    assert describe_window(window) == words


@pytest.mark.parametrize(("window", "words"), DESCRIBE_TABLE)
def test_describe_window_reads_back(window, words):
    assert parse_window(words) == window


def test_window_rejects_an_end_before_its_start():
    with pytest.raises(ValueError):
        Window(D(2019, 2, 1), D(2019, 1, 31))


def test_window_is_day_and_contains():
    window = Window(D(2019, 2, 1), D(2019, 2, 28))
    assert not window.is_day
    assert Window(D(2019, 2, 1), D(2019, 2, 1)).is_day
    assert window.contains(D(2019, 2, 28)) and not window.contains(D(2019, 3, 1))
