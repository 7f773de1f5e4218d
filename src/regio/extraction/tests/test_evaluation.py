"""Tests for the scorer (regio.extraction.evaluation) and for the annotated texts it reads."""

import importlib
import json
from pathlib import Path

import pytest

from regio.extraction.evaluation import (
    FIELDS,
    THEME_CODES,
    AnnotationError,
    Commitment,
    Event,
    Findings,
    evaluate,
    load_folder,
    load_pair,
    match_quotes,
    places_match,
    quotes_match,
    quotes_not_in_text,
    score_document,
    words,
)

REPO_ROOT = Path(__file__).resolve().parents[4]
CORPUS = REPO_ROOT / "tests" / "data" / "extraction"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"


def score(expected: Findings, found: Findings, field: str) -> tuple[int, int, int]:
    result = score_document("doc", expected, found).scores[field]
    return result.tp, result.fp, result.fn


# ------------------------------------------------------------------ quote matching


def test_words_are_lower_case_runs_of_letters_and_digits():
    assert words("Het college (B&W) besluit: 3 maart, créëren_x") == [
        "het", "college", "b", "w", "besluit", "3", "maart", "créëren", "x",
    ]


def test_match_needs_exactly_half_of_the_annotated_words():
    annotated = "een twee drie vier"
    assert quotes_match(annotated, "een twee")  # 2 of 4: exactly one half
    assert not quotes_match(annotated, "een")  # 1 of 4
    assert not quotes_match("een twee drie vier vijf", "een twee")  # 2 of 5: below one half


def test_match_needs_exactly_a_third_of_the_found_words():
    annotated = "een twee drie vier"
    assert quotes_match(annotated, "een twee x y z q")  # 2 of 6 found words: exactly one third
    assert not quotes_match(annotated, "een twee x y z q r")  # 2 of 7: below one third


def test_matching_ignores_case_and_punctuation():
    assert quotes_match("Het college heeft besloten.", "het COLLEGE heeft - besloten")


def test_repeated_words_count_as_often_as_they_occur_in_both():
    # "de" occurs twice in the annotated quote but once in the found one.
    assert not quotes_match("de raad en de", "de x")
    assert quotes_match("de raad en de", "de de")


def test_an_annotated_quote_is_matched_at_most_once():
    expected = Findings(decisions=("Het college besluit de visie vast te stellen.",))
    found = Findings(decisions=(
        "Het college besluit de visie vast te stellen.",
        "Het college besluit de visie vast te stellen",
    ))
    assert score(expected, found, "decisions") == (1, 1, 0)


def test_greedy_matching_takes_the_best_overlap_first():
    annotated = ["a b c d", "a b c d e f"]
    found = ["a b c d e f", "a b c"]
    # found[0] matches both annotated quotes but is the exact copy of annotated[1];
    # found[1] is then left for annotated[0].
    assert match_quotes(annotated, found) == [(0, 1), (1, 0)]


def test_matching_is_deterministic_on_ties():
    assert match_quotes(["a b", "a b"], ["a b"]) == [(0, 0)]


# ------------------------------------------------------------------------ optional


def test_found_item_matching_an_optional_one_is_ignored():
    expected = Findings(
        decisions=("De raad stemt in met het plan.",),
        optional_decisions=("Daarbij is een eindvorm niet aan de orde.",),
    )
    found = Findings(decisions=("Daarbij is een eindvorm niet aan de orde", "Iets heel anders gebeurt hier vandaag."))
    assert score(expected, found, "decisions") == (0, 1, 1)


def test_optional_items_not_found_are_not_missed():
    expected = Findings(optional_decisions=("Daarbij is een eindvorm niet aan de orde.",))
    assert score(expected, Findings(), "decisions") == (0, 0, 0)


def test_required_items_are_matched_before_optional_ones():
    expected = Findings(
        decisions=("de colleges besluiten samen te werken",),
        optional_decisions=("de colleges besluiten samen te werken aan wonen",),
    )
    found = Findings(decisions=("de colleges besluiten samen te werken aan wonen",))
    assert score(expected, found, "decisions") == (1, 0, 0)


def test_optional_municipalities_are_ignored_and_names_are_case_sensitive():
    expected = Findings(municipalities=frozenset({"Leiden", "'s-Gravenhage"}), optional_municipalities=frozenset({"Katwijk"}))
    found = Findings(municipalities=frozenset({"Leiden", "Katwijk", "'S-Gravenhage"}))
    assert score(expected, found, "municipalities") == (1, 1, 1)


def test_themes_are_scored_as_a_set():
    expected = Findings(themes=frozenset({"wonen_groen", "economie"}))
    found = Findings(themes=frozenset({"economie", "sociaal"}))
    assert score(expected, found, "themes") == (1, 1, 1)


# ---------------------------------------------------------------------- commitments


def test_commitment_with_another_due_date_counts_as_found_but_not_with_its_date():
    quote = "Wij informeren uw raad uiterlijk in februari 2019 over de uitkomst."
    expected = Findings(commitments=(Commitment(quote, "2019-02-28"),))
    found = Findings(commitments=(Commitment(quote, "2019-02-01"),))
    assert score(expected, found, "commitments") == (1, 0, 0)
    assert score(expected, found, "commitment_due") == (0, 1, 1)
    misses = score_document("doc", expected, found).misses
    assert [(m.field, m.kind) for m in misses] == [("commitment_due", "wrong")]


def test_commitment_due_counts_unmatched_commitments_too():
    expected = Findings(commitments=(Commitment("Wij sturen u voor de zomer een plan.", "2020-06-30"),))
    found = Findings(commitments=(
        Commitment("wij sturen u voor de zomer een plan", "2020-06-30"),
        Commitment("De gemeente betaalt de rekening van de verbouwing.", None),
    ))
    assert score(expected, found, "commitment_due") == (1, 1, 0)


def test_commitment_with_null_due_equal_to_null():
    expected = Findings(commitments=(Commitment("Wij houden u op de hoogte.", None),))
    found = Findings(commitments=(Commitment("Wij houden u op de hoogte.", None),))
    assert score(expected, found, "commitment_due") == (1, 0, 0)


# --------------------------------------------------------------------------- events


EVENT_QUOTE = "De colleges komen in het eerste kwartaal samen in Zoeterwoude."


def event(place, start="2019-01-01", end="2019-03-31", quote=EVENT_QUOTE):
    return Event(quote=quote, place=place, start=start, end=end)


def test_place_matches_on_a_shared_word():
    assert places_match("Noordwijk", "Streekmuseum Veldzicht, Noordwijk")
    assert places_match("noordwijk", "NOORDWIJK")
    assert not places_match("Noordwijk", "Noordwijkerhout")
    assert places_match(None, None)
    assert not places_match("Leiden", None)
    assert not places_match(None, "Leiden")


def test_event_place_and_window_are_scored_on_matched_events():
    expected = Findings(events=(event("Zoeterwoude"),))
    found = Findings(events=(event("gemeentehuis Zoeterwoude", end="2019-03-30"),))
    assert score(expected, found, "events") == (1, 0, 0)
    assert score(expected, found, "event_place") == (1, 0, 0)
    assert score(expected, found, "event_window") == (0, 1, 1)


def test_unmatched_events_do_not_count_for_window_or_place():
    expected = Findings(events=(event("Zoeterwoude"),))
    found = Findings(events=(event("Leiden", quote="Een geheel andere bijeenkomst over vervoer."),))
    assert score(expected, found, "events") == (0, 1, 1)
    assert score(expected, found, "event_place") == (0, 0, 0)
    assert score(expected, found, "event_window") == (0, 0, 0)


def test_event_matching_an_optional_event_is_ignored_with_its_window():
    expected = Findings(optional_events=(event("Zoeterwoude"),))
    found = Findings(events=(event(None, start=None, end=None),))
    for field in ("events", "event_window", "event_place"):
        assert score(expected, found, field) == (0, 0, 0)


# -------------------------------------------------------------------- document date


@pytest.mark.parametrize(
    ("expected", "found", "counts", "kind"),
    [
        ("2017-10-11", "2017-10-11", (1, 0, 0), None),
        ("2017-10-11", "2017-10-12", (0, 1, 1), "wrong"),
        ("2017-10-11", None, (0, 0, 1), "missed"),
        (None, "2017-10-11", (0, 1, 0), "spurious"),
        (None, None, (0, 0, 0), None),
    ],
)
def test_document_date_is_single_valued(expected, found, counts, kind):
    result = score_document("doc", Findings(document_date=expected), Findings(document_date=found))
    score_ = result.scores["document_date"]
    assert (score_.tp, score_.fp, score_.fn) == counts
    assert [m.kind for m in result.misses] == ([kind] if kind else [])


# ----------------------------------------------------------------- loading, report


def write_pair(folder: Path, name: str, text: str, annotation: dict) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(json.dumps(annotation), encoding="utf-8")


MINIMAL = {
    "document_date": "2019-03-05",
    "municipalities": ["Leiden"],
    "themes": ["wonen_groen"],
    "decisions": ["Het college van Leiden besluit de woonvisie vast te stellen."],
    "commitments": [{"quote": "Wij informeren de raad voor 1 juli.", "due": "2019-06-30"}],
    "events": [],
}
MINIMAL_TEXT = (
    "Leiden, 5 maart 2019\n\nHet college van Leiden besluit de woonvisie vast te stellen.\n"
    "Wij informeren de raad voor 1 juli.\n"
)


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"document_date": "5-3-2019"}, "document_date"),
        ({"document_date": "2019-02-30"}, "document_date"),
        ({"themes": ["wonen"]}, "themes"),
        ({"decisions": "Het college besluit."}, "decisions"),
        ({"commitments": [{"quote": "Wij informeren de raad."}]}, "commitments"),
        ({"events": [{"quote": "Overleg", "place": None, "start": "2019-05-02", "end": "2019-05-01"}]}, "events"),
        ({"decision": []}, "decision"),
        ({"optional_events": [{"quote": "", "place": None, "start": None, "end": None}]}, "optional_events"),
    ],
)
def test_malformed_annotation_is_rejected_naming_file_and_key(tmp_path, change, key):
    write_pair(tmp_path, "001_bad", MINIMAL_TEXT, {**MINIMAL, **change})
    with pytest.raises(AnnotationError) as error:
        load_folder(tmp_path)
    assert "001_bad.json" in str(error.value)
    assert f"'{key}" in str(error.value)


def test_missing_key_is_rejected(tmp_path):
    annotation = dict(MINIMAL)
    del annotation["events"]
    write_pair(tmp_path, "002_incomplete", MINIMAL_TEXT, annotation)
    with pytest.raises(AnnotationError, match=r"002_incomplete\.json: key 'events': missing"):
        load_folder(tmp_path)


def test_text_without_annotation_is_rejected(tmp_path):
    (tmp_path / "003_alone.txt").write_text("Tekst zonder annotatie.", encoding="utf-8")
    with pytest.raises(AnnotationError, match="003_alone"):
        load_folder(tmp_path)


def test_evaluate_report_table_misses_and_thresholds(tmp_path):
    write_pair(tmp_path, "001_good", MINIMAL_TEXT, MINIMAL)

    def extract(text):
        return {
            "document_date": "2019-03-05",
            "municipalities": ["Leiden", "Leiderdorp"],
            "themes": ["wonen_groen"],
            "decisions": ["Het college van Leiden besluit de woonvisie vast te stellen"],
            "commitments": [{"quote": "Wij informeren de raad voor 1 juli.", "due": None, "rule": "x"}],
        }

    report = evaluate(tmp_path, extract)
    fields = report.fields
    assert list(fields) == list(FIELDS)
    assert (fields["municipalities"].tp, fields["municipalities"].fp) == (1, 1)
    assert fields["municipalities"].precision == 0.5
    assert fields["commitment_due"].f1 == 0.0
    assert fields["events"].f1 == 1.0  # nothing to find, nothing claimed

    table = report.format_table().splitlines()
    assert table[0].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert len({len(line) for line in table[:-1]}) == 1  # right-aligned columns
    assert "municipalities  " in report.format_table()
    assert "Leiderdorp" in report.format_misses()
    assert "001_good" in report.format_misses()

    assert report.below({"municipalities": 0.7, "decisions": 0.9, "commitment_due": 0.1}) == [
        "municipalities",
        "commitment_due",
    ]
    with pytest.raises(ValueError, match="commitment_dates"):
        report.below({"commitment_dates": 0.5})


def test_misses_are_listed_one_line_each(tmp_path):
    write_pair(tmp_path, "001_good", MINIMAL_TEXT, MINIMAL)
    report = evaluate(tmp_path, lambda text: {"decisions": ["De raad besluit\nover de  begroting."]})
    assert "  decisions       spurious De raad besluit over de begroting." in report.format_misses().splitlines()


# ------------------------------------------------------------ the annotated texts


def official_names():
    """The official municipality names, or None when the municipality list is not there yet."""
    try:
        module = importlib.import_module("regio.data.municipalities")
    except ModuleNotFoundError:
        return None
    return {record.name for record in module.all_municipalities()}


def corpus_pairs():
    return sorted(CORPUS.glob("*.txt"))


def seed_params():
    if not SEEDS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"shared seeds not found at {SEEDS}"))]
    return [pytest.param(path, id=f"seed-{path.stem}") for path in sorted(SEEDS.glob("*.txt"))]


ALL_PAIRS = [pytest.param(path, id=path.stem) for path in corpus_pairs()] + seed_params()


def test_corpus_has_at_least_45_pairs():
    assert len(corpus_pairs()) >= 45
    assert len(load_folder(CORPUS)) == len(corpus_pairs())


@pytest.mark.parametrize("path", corpus_pairs(), ids=lambda path: path.stem)
def test_corpus_text_length_is_realistic(path):
    assert 400 <= len(path.read_text(encoding="utf-8")) <= 5000


@pytest.mark.parametrize("path", ALL_PAIRS)
def test_pair_loads_and_its_quotes_occur_in_the_text(path):
    pair = load_pair(path)  # validates keys, ISO dates and theme codes
    assert pair.annotation.themes <= set(THEME_CODES)
    assert quotes_not_in_text(pair) == []


@pytest.mark.parametrize("path", ALL_PAIRS)
def test_pair_names_official_municipalities(path):
    names = official_names()
    if names is None:
        pytest.skip("regio.data.municipalities is not available yet; official names not checked")
    annotation = load_pair(path).annotation
    unknown = sorted((annotation.municipalities | annotation.optional_municipalities) - names)
    assert unknown == []
