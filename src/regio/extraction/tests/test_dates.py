"""Tests for regio.extraction.dates: the Dutch date and period grammar."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regio.extraction.dates import (
    OPEN_START,
    Window,
    describe_window,
    document_date,
    find_dates,
    parse_window,
)

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


# --- find_dates: the grammar -------------------------------------------------------------------

REF = D(2018, 12, 10)

# (text, expected mention text, kind, start, end, deadline, explicit_year); resolved with REF.
GRAMMAR_TABLE = [
    ("Op 11 oktober 2017 zijn we", "11 oktober 2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("woensdag 11 oktober 2017", "woensdag 11 oktober 2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("woensdag, 11 oktober 2017", "woensdag, 11 oktober 2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("datum 11-10-2017.", "11-10-2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("datum 11/10/2017.", "11/10/2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("datum 2017-10-11.", "2017-10-11", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("op 11 okt. 2017 besloten", "11 okt. 2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("op 3 mrt 2019 besloten", "3 mrt 2019", "day", D(2019, 3, 3), D(2019, 3, 3), False, True),
    ("op 1 sept. 2019 besloten", "1 sept. 2019", "day", D(2019, 9, 1), D(2019, 9, 1), False, True),
    ("op 11 oktober besloten", "11 oktober", "day", D(2018, 10, 11), D(2018, 10, 11), False, False),
    ("in februari 2019 klaar", "in februari 2019", "month", D(2019, 2, 1), D(2019, 2, 28), False, True),
    ("In februari klaar", "In februari", "month", D(2018, 2, 1), D(2018, 2, 28), False, False),
    ("ons uiterlijk in februari 2019 informeren", "uiterlijk in februari 2019", "month",
     D(2019, 2, 1), D(2019, 2, 28), True, True),
    ("het tweede kwartaal van 2019", "het tweede kwartaal van 2019", "quarter",
     D(2019, 4, 1), D(2019, 6, 30), False, True),
    ("in het derde kwartaal 2019", "in het derde kwartaal 2019", "quarter",
     D(2019, 7, 1), D(2019, 9, 30), False, True),
    ("in het 1e kwartaal 2019", "in het 1e kwartaal 2019", "quarter", D(2019, 1, 1), D(2019, 3, 31), False, True),
    ("Q4 2019 gereed", "Q4 2019", "quarter", D(2019, 10, 1), D(2019, 12, 31), False, True),
    ("in de eerste helft van 2019", "in de eerste helft van 2019", "half", D(2019, 1, 1), D(2019, 6, 30), False, True),
    ("de tweede helft van het jaar 2019", "de tweede helft van het jaar 2019", "half",
     D(2019, 7, 1), D(2019, 12, 31), False, True),
    ("in het tweede halfjaar van 2019", "in het tweede halfjaar van 2019", "half",
     D(2019, 7, 1), D(2019, 12, 31), False, True),
    ("het 1e halfjaar 2019", "het 1e halfjaar 2019", "half", D(2019, 1, 1), D(2019, 6, 30), False, True),
    ("uiterlijk in de eerste helft van 2019", "uiterlijk in de eerste helft van 2019", "half",
     D(2019, 1, 1), D(2019, 6, 30), True, True),
    ("in de tweede helft van volgend jaar", "in de tweede helft van volgend jaar", "half",
     D(2019, 7, 1), D(2019, 12, 31), False, False),
    ("in het eerste halfjaar klaar", "in het eerste halfjaar", "half", D(2018, 1, 1), D(2018, 6, 30), False, False),
    ("half 2019 gereed", "half 2019", "part_of_year", D(2019, 6, 1), D(2019, 7, 31), False, True),
    ("einde 2019 gereed", "einde 2019", "part_of_year", D(2019, 10, 1), D(2019, 12, 31), False, True),
    ("eind van 2019 gereed", "eind van 2019", "part_of_year", D(2019, 10, 1), D(2019, 12, 31), False, True),
    ("begin februari 2019 gereed", "begin februari 2019", "part_of_year",
     D(2019, 2, 1), D(2019, 2, 10), False, True),
    ("medio maart 2019 gereed", "medio maart 2019", "part_of_year", D(2019, 3, 11), D(2019, 3, 20), False, True),
    ("eind februari 2020 gereed", "eind februari 2020", "part_of_year",
     D(2020, 2, 21), D(2020, 2, 29), False, True),
    ("in de lente van 2019", "in de lente van 2019", "season", D(2019, 3, 1), D(2019, 5, 31), False, True),
    ("in de herfst 2019", "in de herfst 2019", "season", D(2019, 9, 1), D(2019, 11, 30), False, True),
    ("in de winter van 2020", "in de winter van 2020", "season", D(2020, 12, 1), D(2021, 2, 28), False, True),
    ("voor de zomer van 2020 klaar", "voor de zomer van 2020", "before", REF, D(2020, 6, 30), True, True),
    ("na de zomer 2020 starten", "na de zomer 2020", "after", D(2020, 9, 1), D(2020, 12, 31), False, True),
    ("voor 1 maart 2020 indienen", "voor 1 maart 2020", "before", REF, D(2020, 2, 29), True, True),
    # "gepland voor" is planned for that day, no deadline
    ("het overleg staat gepland voor 30 maart 2019", "30 maart 2019", "day", D(2019, 3, 30), D(2019, 3, 30),
     False, True),
    ("is ingepland voor 2 april 2019", "2 april 2019", "day", D(2019, 4, 2), D(2019, 4, 2), False, True),
    ("vóór 1 maart 2019 indienen", "vóór 1 maart 2019", "before", REF, D(2019, 2, 28), True, True),
    ("uiterlijk 1 maart 2019 indienen", "uiterlijk 1 maart 2019", "day", D(2019, 3, 1), D(2019, 3, 1), True, True),
    ("in de loop van 2019", "in de loop van 2019", "year", D(2019, 1, 1), D(2019, 12, 31), False, True),
    ("sinds 2015 samen", "sinds 2015", "year", D(2015, 1, 1), D(2015, 12, 31), False, True),
    ("per 2020 nieuw", "per 2020", "year", D(2020, 1, 1), D(2020, 12, 31), False, True),
    ("het jaar 2019 was", "het jaar 2019", "year", D(2019, 1, 1), D(2019, 12, 31), False, True),
    ("tussen 1 en 15 maart 2019", "tussen 1 en 15 maart 2019", "range", D(2019, 3, 1), D(2019, 3, 15), False, True),
    ("van 1 tot en met 15 maart", "van 1 tot en met 15 maart", "range",
     D(2018, 3, 1), D(2018, 3, 15), False, False),
    ("1 t/m 15 maart 2019", "1 t/m 15 maart 2019", "range", D(2019, 3, 1), D(2019, 3, 15), False, True),
    ("3 maart – 15 april 2019", "3 maart – 15 april 2019", "range", D(2019, 3, 3), D(2019, 4, 15), False, True),
    ("maart t/m mei 2019", "maart t/m mei 2019", "range", D(2019, 3, 1), D(2019, 5, 31), False, True),
    ("in de periode 2019-2022", "in de periode 2019-2022", "range", D(2019, 1, 1), D(2022, 12, 31), False, True),
    ("in week 12 2019", "in week 12 2019", "range", D(2019, 3, 18), D(2019, 3, 24), False, True),
    # OCR noise: a missing space, a line break, a capital mid-sentence.
    ("op 11 oktober2017 besloten", "11 oktober2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("op 11\noktober 2017 besloten", "11\noktober 2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
    ("op een datum In\n\nhet eerste kwartaal van 2019", "In\n\nhet eerste kwartaal van 2019", "quarter",
     D(2019, 1, 1), D(2019, 3, 31), False, True),
    ("OP 11 OKTOBER 2017", "11 OKTOBER 2017", "day", D(2017, 10, 11), D(2017, 10, 11), False, True),
]


@pytest.mark.parametrize(
    ("text", "quote", "kind", "start", "end", "deadline", "explicit_year"), GRAMMAR_TABLE
)
def test_find_dates_grammar(text, quote, kind, start, end, deadline, explicit_year):
    mentions = find_dates(text, reference=REF)
    assert [m.text for m in mentions] == [quote]
    mention = mentions[0]
    assert text[mention.start:mention.end] == quote
    assert (mention.kind, mention.window, mention.deadline, mention.explicit_year) == (
        kind, Window(start, end), deadline, explicit_year,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Toekomstvisie Leidse regio 2027",  # a name, not a year
        "in de tweede helft van de vergadering",  # half of something else than a year
        "de eerste helft van de leden",
        "Er zijn 2019 woningen gebouwd",  # an amount
        "Stationsweg 2019, Leiden",  # an address
        "zie www.voorbeeld.nl/uploads/2018/03/visie.pdf",  # a URL
        "op 31 februari 2019",  # no such day
        "op 30-02-2019",
        "een hete zomer",  # a word, not a period
        "het begin van de vergadering",
        "Jan Jansen schreef",
    ],
)
def test_find_dates_ignores_what_is_not_a_date(text):
    assert find_dates(text, reference=REF) == []


def test_find_dates_two_separate_days_are_not_a_range():
    mentions = find_dates("op 1 en 15 maart 2019", reference=REF)
    assert [m.text for m in mentions] == ["15 maart 2019"]


def test_find_dates_reports_voor_with_a_year_as_the_year_itself():
    # "het budget voor 2020" means "for 2020"; only "vóór" is unambiguous.
    (mention,) = find_dates("het budget voor 2020", reference=REF)
    assert (mention.text, mention.kind, mention.deadline) == ("2020", "year", False)
    (mention,) = find_dates("klaar vóór 2020", reference=REF)
    assert (mention.kind, mention.window.end, mention.deadline) == ("before", D(2019, 12, 31), True)


def test_find_dates_in_order_and_without_overlap():
    text = "Eind 2016 vastgesteld; op 3 maart 2019 en in het eerste kwartaal van 2019 verder, uiterlijk in mei."
    mentions = find_dates(text, reference=REF)
    assert [m.text for m in mentions] == [
        "Eind 2016", "3 maart 2019", "in het eerste kwartaal van 2019", "uiterlijk in mei",
    ]
    for earlier, later in zip(mentions, mentions[1:]):
        assert earlier.end <= later.start


# --- year resolution ---------------------------------------------------------------------------


def test_yearless_takes_the_reference_year():
    (mention,) = find_dates("In december hebben we overlegd.", reference=D(2018, 12, 20))
    assert mention.window == Window(D(2018, 12, 1), D(2018, 12, 31))
    assert not mention.explicit_year


def test_yearless_takes_the_year_of_the_nearest_fully_dated_expression():
    text = (
        "Op 3 maart 2017 is de visie besproken. Daarna volgde veel overleg. "
        + "Nog meer tekst. " * 10
        + "Op 12 juni 2019 kwam de raad bijeen. In september is gesproken."
    )
    mentions = find_dates(text)
    september = mentions[-1]
    assert september.text == "In september"
    assert september.window == Window(D(2019, 9, 1), D(2019, 9, 30))


def test_yearless_stays_open_without_a_fully_dated_expression():
    # A month or part of a year with a year is not "fully dated": as in the second seed letter.
    mentions = find_dates("Eind 2016 is de visie vastgesteld. In september en in december is overlegd.")
    assert [m.text for m in mentions] == ["Eind 2016", "In september", "in december"]
    assert mentions[1].window is None and mentions[2].window is None


def test_deadline_before_the_reference_moves_to_the_next_year():
    (mention,) = find_dates("Wij informeren u uiterlijk in februari.", reference=D(2018, 12, 10))
    assert mention.deadline
    assert mention.window == Window(D(2019, 2, 1), D(2019, 2, 28))


def test_plan_before_the_reference_moves_to_the_next_year():
    (mention,) = find_dates("De colleges komen in maart weer samen.", reference=D(2018, 12, 10))
    assert mention.window == Window(D(2019, 3, 1), D(2019, 3, 31))
    (mention,) = find_dates("De bijeenkomst wordt op 5 maart gehouden.", reference=D(2018, 12, 10))
    assert mention.window == Window(D(2019, 3, 5), D(2019, 3, 5))


def test_past_event_before_the_reference_keeps_the_year():
    (mention,) = find_dates("In maart hebben de colleges vergaderd.", reference=D(2018, 12, 10))
    assert mention.window == Window(D(2018, 3, 1), D(2018, 3, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "De voorzitter zegt toe het onderwerp in te brengen bij het overleg van januari.",
        "In januari houdt de gemeente inloopavonden in de dorpshuizen.",
        "De volgende vergadering vindt plaats in januari in Sittard-Geleen.",
        "Drie gemeenten organiseren in januari dorpsavonden.",
    ],
)
def test_announced_plan_before_the_reference_moves_to_the_next_year(sentence):
    (mention,) = find_dates(sentence, reference=D(2018, 11, 12))
    assert mention.window == Window(D(2019, 1, 1), D(2019, 1, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "Het verslag van 7 september wordt ongewijzigd vastgesteld.",
        "De bijeenkomst van 7 september vond plaats in Leiden.",
        "Sinds 7 september organiseren de gemeenten elke week een spreekuur.",
    ],
)
def test_a_record_of_the_past_keeps_the_year(sentence):
    (mention,) = find_dates(sentence, reference=D(2017, 10, 5))
    assert mention.window is not None and mention.window.start.year == 2017


def test_deadline_rolls_over_against_the_nearest_dated_expression():
    text = "Leiden, 10 december 2018. Wij zullen u voor 1 maart informeren."
    mentions = find_dates(text)
    assert mentions[-1].kind == "before"
    assert mentions[-1].window == Window(OPEN_START, D(2019, 2, 28))


RELATIVE_TABLE = [
    # reference is Monday 10 December 2018
    ("vandaag", D(2018, 12, 10), D(2018, 12, 10)),
    ("morgen", D(2018, 12, 11), D(2018, 12, 11)),
    ("gisteren", D(2018, 12, 9), D(2018, 12, 9)),
    ("vorige week donderdag", D(2018, 12, 6), D(2018, 12, 6)),
    ("volgende week dinsdag", D(2018, 12, 18), D(2018, 12, 18)),
    ("donderdag vorige week", D(2018, 12, 6), D(2018, 12, 6)),
    ("volgende week", D(2018, 12, 17), D(2018, 12, 23)),
    ("aanstaande vrijdag", D(2018, 12, 14), D(2018, 12, 14)),
    ("volgend jaar", D(2019, 1, 1), D(2019, 12, 31)),
    ("vorig jaar", D(2017, 1, 1), D(2017, 12, 31)),
    ("dit jaar", D(2018, 1, 1), D(2018, 12, 31)),
    ("het afgelopen jaar", D(2017, 12, 11), D(2018, 12, 10)),
    ("volgende maand", D(2019, 1, 1), D(2019, 1, 31)),
    ("komend najaar", D(2019, 9, 1), D(2019, 11, 30)),
    ("afgelopen zomer", D(2018, 6, 1), D(2018, 8, 31)),
    ("eind van het jaar", D(2018, 10, 1), D(2018, 12, 31)),
    ("begin volgend jaar", D(2019, 1, 1), D(2019, 3, 31)),
    ("twee jaar geleden", D(2016, 12, 1), D(2016, 12, 31)),
]


@pytest.mark.parametrize(("expression", "start", "end"), RELATIVE_TABLE)
def test_relative_expressions_count_from_the_reference(expression, start, end):
    (mention,) = find_dates(f"Dat is {expression} gebeurd.", reference=D(2018, 12, 10))
    assert mention.text == expression
    assert mention.window == Window(start, end)
    assert not mention.explicit_year


@pytest.mark.parametrize(("expression", "start", "end"), RELATIVE_TABLE)
def test_relative_expressions_stay_open_without_reference(expression, start, end):
    text = f"Leiden, 10 december 2018. Dat is {expression} gebeurd."
    assert find_dates(text)[-1].window is None


def test_voor_de_zomer_is_a_deadline_from_the_reference():
    (mention,) = find_dates("We besluiten voor de zomer.", reference=D(2019, 2, 1))
    assert (mention.kind, mention.deadline) == ("before", True)
    assert mention.window == Window(D(2019, 2, 1), D(2019, 6, 30))


# --- document_date -----------------------------------------------------------------------------

SEEDS = Path(__file__).resolve().parents[4] / ".." / "shared" / "seeds"


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not next to this checkout ({SEEDS.resolve()} is absent)")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def test_document_date_of_the_news_item_seed():
    mention = document_date(_seed("000"))
    assert mention is not None
    assert mention.text == "woensdag, 11 oktober 2017"
    assert mention.window == Window(D(2017, 10, 11), D(2017, 10, 11))


def test_document_date_of_the_letter_seed_is_absent():
    assert document_date(_seed("001")) is None


def test_seed_letter_dates_without_reference():
    mentions = {m.text: m for m in find_dates(_seed("001"))}
    assert mentions["uiterlijk in februari 2019"].window.end == D(2019, 2, 28)
    assert mentions["uiterlijk in februari 2019"].deadline
    assert mentions["In\n\nhet eerste kwartaal van 2019"].window == Window(D(2019, 1, 1), D(2019, 3, 31))
    assert mentions["Eind 2016"].window == Window(D(2016, 10, 1), D(2016, 12, 31))
    assert mentions["In september"].window is None


HEADERS = [
    ("Leiden, 12 maart 2019\n\nGeachte raad,\n\nWij schrijven u over 3 april 2019.", D(2019, 3, 12)),
    ("Aan de gemeenteraad\nDatum: 12-03-2019\nOnderwerp: samenwerking\n\nGeachte raad,", D(2019, 3, 12)),
    ("Aan de gemeenteraad\nDatum 12 maart 2019\nKenmerk 2019/123\n\nGeachte raad,", D(2019, 3, 12)),
    ("Van: griffie\nVerzonden: dinsdag 12 maart 2019\nAan: raad\n\nBeste allen,", D(2019, 3, 12)),
    ("Memo\nOverleg portefeuillehouders d.d. 12 maart 2019\n\nAanwezig: allen", D(2019, 3, 12)),
    ("Besluitenlijst van de vergadering van 14 februari 2019\n\n1. Opening", D(2019, 2, 14)),
    ("'s-Gravenhage, 1 juli 2019\n\nGeachte heer,", D(2019, 7, 1)),
    ("Verslag\n\nVergaderdatum: donderdag 5 oktober 2017\nPlaats: Stadskantoor", D(2017, 10, 5)),
    ("Besluitenlijst\nDatum vergadering: 22 november 2023\nLocatie: Regiokantoor", D(2023, 11, 22)),
    ("Verslag overleg\n\nDatum: 7 juni 2021, 16.00 uur, digitaal\nAanwezig: allen", D(2021, 6, 7)),
    ("Besluitenlijst\n\nVergadering van 14 juni 2021, digitaal via Teams\n\nDeelnemers: allen", D(2021, 6, 14)),
    ("PERSBERICHT\n\nEde, 18 januari 2022 - De gemeenten tekenen vandaag een agenda.", D(2022, 1, 18)),
    ("Nieuws\n\nOud-Beijerland, 15 december 2022 – De raad stemt in met het plan.", D(2022, 12, 15)),
    (
        "Geachte raad,\n\nOp 3 december 2018 hebben wij gesproken.\n\nMet vriendelijke groet,\n\n"
        "Leiderdorp, 5 december 2018\n\nDe burgemeester",
        D(2018, 12, 5),
    ),
    # A header table split over lines: the labels on one line, the values on the next.
    ("Aan de raden\n\nDatum        Behandeld door\n\n9 mei 2022   P. de Vries\n\nOnderwerp", D(2022, 5, 9)),
    ("Aan de raden\nDatum:\n9 mei 2022\nOnderwerp: regiodeal", D(2022, 5, 9)),
    # A web page or an agenda gives the time after the date.
    ("Samenwerking in de regio\n\nmaandag 4 april 2022 14.05 uur | auteur: redactie\n\nDe raad sprak.",
     D(2022, 4, 4)),
    ("Algemeen Bestuur\n\ndonderdag 7 juli 2022 19:30\nLocatie: Regiohuis", D(2022, 7, 7)),
    ("Overleg over de regio\n\n3 oktober 2021 om 09:00 Regionaal nieuws\n\nDe colleges spraken.", D(2021, 10, 3)),
    # The publication line of a web page, at its end.
    ("Veertig jaar regio\n\nDe gemeenten werken lang samen.\n\nGepubliceerd op: 2 maart 2015", D(2015, 3, 2)),
    ("Nieuws\n\nDe raad stemde in.\n\nGeplaatst op 14-06-2016", D(2016, 6, 14)),
    # A flattened PDF header: the place and the date inside one long line.
    ("1 Onderwerp : samenwerking Behandeld door : A. de Boer Oegstgeest, 3 maart 2020 Aan de raad, "
     "Op 12 februari 2020 hebben de colleges gesproken over de toekomst van de regio en de taken die zij samen uitvoeren.",
     D(2020, 3, 3)),
    ("2 Leiderdorp, 8 april 2021 Aan de gemeenteraad Het college stemt in met het voorstel van de provincie "
     "om de samenwerking te versterken en legt dat in een brief aan de raad vast; de raad besluit in mei.",
     D(2021, 4, 8)),
    # A council's decision: its closing formula gives its date (the proposal's date does not).
    ("Raadsbesluit\n\nDe raad van de gemeente Oegstgeest;\n\ngelezen het voorstel van burgemeester en "
     "wethouders van 14 januari 2020;\n\nbesluit:\n\n1. in te stemmen met de regeling.\n\n"
     "Aldus besloten in de openbare vergadering van 13 februari 2020.\n\nDe griffier,", D(2020, 2, 13)),
    ("Besluit\n\nHet dagelijks bestuur stelt de nota vast.\n\nVastgesteld op 2 juni 2021\n\nDe secretaris",
     D(2021, 6, 2)),
    # The only date is at the end of the title.
    ("Gemeenten versterken samenwerking (28-01-2020)\n\nDe zes gemeenten gaan verder samen.", D(2020, 1, 28)),
]


@pytest.mark.parametrize(("text", "day"), HEADERS)
def test_document_date_header_styles(text, day):
    mention = document_date(text)
    assert mention is not None
    assert mention.window == Window(day, day)
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(
    "text",
    [
        "Geachte raad,\n\nEind 2016 is de visie vastgesteld. Op 3 maart 2019 komen wij samen.",
        "Geachte raad,\n\nIn de vergadering van 12 maart 2019 is besloten om door te gaan.",
        "Nieuws\n\nDe raad vergaderde in maart 2019 over de regio.",
        "Nieuws\n\nDe raad vergaderde op 5 maart 2019 - een lange avond - over de regio.",
        "Nieuws\n\nIn Leiden op 5 maart 2019 - een lange avond - sprak de raad.",
        "De raad vergaderde op 5 maart 2019.\n\nHet was een lange avond.",
        "Informatieavond op 5 maart 2019 in Leiden\n\nIedereen is welkom.",
        "Nieuws\n\nDe raad komt 5 maart 2019 om 19.30 uur bijeen in het stadhuis.",
        "Nieuws\n\nDatum en plaats worden later bekend.\n\n5 maart 2019 is de eerste sessie.",
        "Geachte raad,\n\nDe raad heeft dit besloten in de vergadering van 13 februari 2020.",
        "Geachte raad,\n\nHet plan is\nvastgesteld in de vergadering van 13 februari 2020.",
        "Geachte raad,\n\nHet plan is vastgesteld in de vergadering van het bestuur van 13 februari 2020 en gaat in.",
        "",
    ],
)
def test_document_date_is_never_guessed_from_the_body(text):
    assert document_date(text) is None


# --- robustness and speed ----------------------------------------------------------------------

_DATE_WORDS = st.sampled_from(
    ["11", "oktober", "2017", "in", "het", "eerste", "kwartaal", "van", "uiterlijk", "voor", "de", "zomer",
     "tussen", "en", "t/m", "-", "week", "eind", "vorige", "donderdag", "Q1", "31", "februari", "\n", ",",
     "/", ".", "1e", "jaar", "geleden", "twee", "İ", "ß", "vóór", "na"]
)


def _check(text: str, reference: date | None) -> None:
    for mention in find_dates(text, reference=reference):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
    document_date(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_arbitrary_text_never_breaks(text, reference):
    _check(text, reference)


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_WORDS, max_size=40).map(" ".join), st.one_of(st.none(), st.dates()))
def test_date_like_word_soup_never_breaks(text, reference):
    _check(text, reference)
    mentions = find_dates(text, reference=reference)
    for earlier, later in zip(mentions, mentions[1:]):
        assert earlier.end <= later.start


@settings(max_examples=3, deadline=None)
@given(st.text(min_size=200, max_size=400))
def test_one_megabyte_of_text(chunk):
    text = (chunk * (1_000_000 // len(chunk) + 1))[:1_000_000]
    _check(text, D(2019, 1, 1))


def test_one_megabyte_of_date_dense_text():
    # A worst case for the grammar: every few words a date. (Its speed is measured in bench/extraction.py.)
    text = ("Op 12 maart 2019 komen wij uiterlijk in het eerste kwartaal van 2020 samen, in 2019 "
            "en voor de zomer. Tussen 1 en 15 maart 2019 in de zomer 2019 in de periode 2019-2020. ") * 6000
    mentions = find_dates(text)
    assert len(mentions) == 6000 * 7


def test_a_relative_date_past_the_calendars_ends_has_no_window():
    # "vorig jaar" read in year 1, "volgend jaar" in 9999: no such year, so no window and no crash
    # (hypothesis found the ValueError).
    text = "vorig jaar, volgend jaar, de tweede helft van volgend jaar, volgende week"
    first = {m.text: m.window for m in find_dates(text, reference=D(1, 1, 1))}
    assert first["vorig jaar"] is None and first["volgend jaar"] == Window(D(2, 1, 1), D(2, 12, 31))
    last = {m.text: m.window for m in find_dates(text, reference=D(9999, 12, 31))}
    assert last == {"vorig jaar": Window(D(9998, 1, 1), D(9998, 12, 31)), "volgend jaar": None,
                    "de tweede helft van volgend jaar": None, "volgende week": None}


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # told in the past: a month after the letter's is last year's
        ("Wij hebben in december vergaderd.", D(2019, 12, 1)),
        ("De raden hebben in november de begroting vastgesteld.", D(2019, 11, 1)),
        ("In oktober is de regeling vastgesteld.", D(2019, 10, 1)),
        # ... unless what follows the date is still to come, or the sentence is no past at all
        ("De colleges hebben afgesproken in maart een voorstel te doen.", D(2020, 3, 1)),
        ("Het college heeft besloten dat de regeling in mei ingaat.", D(2020, 5, 1)),
        ("De herdenking is op 4 mei in Oegstgeest.", D(2020, 5, 4)),
        ("Wij informeren u in december.", D(2020, 12, 1)),
    ],
)
def test_a_date_without_a_year_in_a_sentence_about_the_past_is_before_the_letter(text, start):
    mentions = find_dates(text, reference=D(2020, 2, 4))
    assert [m.window.start for m in mentions] == [start], text
