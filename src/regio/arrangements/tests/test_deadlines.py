"""The Wgr rules table and the deadlines it gives: one test per row, and the edges (pure Python)."""

import datetime

import pytest

from regio.arrangements import deadlines
from regio.arrangements.deadlines import RuleError, check_sent_in_time, council_deadline, days_left, send_by

D = datetime.date

# Written out from the law's text (see the sources in data/wgr_rules.toml), not from the code:
# (rule id, document kind, sent on, year of the document, expected date)
COUNCIL_TERMS = [
    ("ontwerpbegroting-2015", "ontwerpbegroting", D(2021, 4, 14), 2022, D(2021, 6, 9)),  # 8 weeks
    ("ontwerpbegroting-2022", "ontwerpbegroting", D(2024, 4, 10), 2025, D(2024, 7, 3)),  # 12 weeks
    ("begrotingswijziging-2015", "begrotingswijziging", D(2019, 9, 2), 2019, D(2019, 10, 28)),
    ("begrotingswijziging-2022", "begrotingswijziging", D(2023, 9, 4), 2023, D(2023, 11, 27)),
]
SEND_BY = [
    ("kaders-2015", "kaders", D(2020, 1, 20), 2021, D(2020, 4, 15)),
    ("kaders-2022", "kaders", D(2024, 1, 20), 2025, D(2024, 4, 30)),
    ("voorlopige-jaarrekening-2015", "voorlopige_jaarrekening", D(2021, 3, 1), 2020, D(2021, 4, 15)),
    ("voorlopige-jaarrekening-2022", "voorlopige_jaarrekening", D(2024, 3, 1), 2023, D(2024, 4, 30)),
    ("begroting-2015", "begroting", D(2020, 7, 5), 2021, D(2020, 8, 1)),
    ("begroting-2022", "begroting", D(2024, 7, 5), 2025, D(2024, 9, 15)),
    ("jaarstukken-2015", "jaarstukken", D(2024, 6, 20), 2023, D(2024, 7, 15)),
]


def test_every_row_of_the_table_is_tested_here():
    assert {row[0] for row in COUNCIL_TERMS + SEND_BY} == {rule.id for rule in deadlines.rules()}


def test_every_row_names_an_article_of_the_wgr_and_a_source():
    for rule in deadlines.rules():
        assert rule.article.endswith("Wgr") and rule.article.startswith("art. ")
        assert rule.source.startswith("http") and rule.checked


@pytest.mark.parametrize(("rule_id", "kind", "sent_on", "year", "expected"), COUNCIL_TERMS)
def test_council_term_per_row(rule_id, kind, sent_on, year, expected):
    deadline = council_deadline(kind, sent_on)
    assert (deadline.rule.id, deadline.date, deadline.own_term) == (rule_id, expected, False)


@pytest.mark.parametrize(("rule_id", "kind", "sent_on", "year", "expected"), SEND_BY)
def test_send_by_date_per_row(rule_id, kind, sent_on, year, expected):
    deadline = send_by(kind, year, sent_on=sent_on)
    assert (deadline.rule.id, deadline.date) == (rule_id, expected)


def test_a_term_runs_across_the_year_end():
    assert council_deadline("begrotingswijziging", D(2023, 11, 15)).date == D(2024, 2, 7)
    assert council_deadline("begrotingswijziging", D(2021, 12, 1)).date == D(2022, 1, 26)


@pytest.mark.parametrize(
    ("sent_on", "weeks", "expected"),
    [
        (D(2022, 6, 30), 8, D(2022, 8, 25)),  # the last day of the old text
        (D(2022, 7, 1), 12, D(2022, 9, 23)),  # the first day of the new one
    ],
)
def test_the_draft_budget_term_changed_on_1_july_2022(sent_on, weeks, expected):
    deadline = council_deadline("ontwerpbegroting", sent_on)
    assert (deadline.weeks, deadline.date) == (weeks, expected)


def test_a_regeling_may_give_the_councils_a_longer_term_on_the_draft_budget():
    deadline = council_deadline("ontwerpbegroting", D(2024, 4, 10), own_weeks=14)
    assert (deadline.date, deadline.own_term, deadline.rule.id) == (D(2024, 7, 17), True, "ontwerpbegroting-2022")


def test_a_regeling_may_not_shorten_the_draft_budget_term():
    with pytest.raises(RuleError) as caught:
        council_deadline("ontwerpbegroting", D(2024, 4, 10), own_weeks=10)
    assert (caught.value.field, caught.value.code) == ("own_term_weeks", "shorter_than_law")
    assert "12 weken" in str(caught.value)


def test_a_regeling_may_set_a_shorter_term_for_budget_amendments():
    assert council_deadline("begrotingswijziging", D(2024, 3, 1), own_weeks=6).date == D(2024, 4, 12)


def test_an_own_term_gives_a_deadline_where_the_law_sets_none():
    assert council_deadline("kaders", D(2024, 3, 1)).date is None
    assert council_deadline("kaders", D(2024, 3, 1), own_weeks=8).date == D(2024, 4, 26)


def test_an_own_term_of_zero_weeks_is_refused():
    with pytest.raises(RuleError) as caught:
        council_deadline("ontwerpbegroting", D(2024, 4, 10), own_weeks=0)
    assert caught.value.code == "term_too_short"


def test_a_document_sent_on_or_after_its_date_is_refused():
    check_sent_in_time("kaders", 2025, D(2024, 4, 29))
    with pytest.raises(RuleError) as caught:
        check_sent_in_time("kaders", 2025, D(2024, 4, 30))
    assert (caught.value.field, caught.value.code) == ("sent_on", "sent_after_deadline")
    assert "30-04-2024" in str(caught.value)
    # before 1 July 2022 the date was 15 April
    with pytest.raises(RuleError):
        check_sent_in_time("kaders", 2022, D(2021, 4, 20))


def test_days_left_counts_down_and_goes_negative():
    assert days_left(D(2024, 7, 3), D(2024, 7, 1)) == 2
    assert days_left(D(2024, 7, 3), D(2024, 7, 3)) == 0
    assert days_left(D(2024, 7, 3), D(2024, 7, 10)) == -7


def test_a_document_kind_without_rule_before_2015_gets_no_deadline():
    assert council_deadline("ontwerpbegroting", D(2014, 5, 1)).date is None
