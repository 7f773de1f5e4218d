"""Bad input never crashes or hangs the reader, and the result says why it is empty or partial."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regio.extraction.engine import extract
from regio.extraction.normalise import normalise
from regio.extraction.sentences import MAX_SENTENCE, split

DUTCH = (
    "De raad heeft op 12 maart 2019 het plan vastgesteld. Wij verwachten u uiterlijk in juni 2019 te "
    "informeren. De colleges komen samen in Leiden in het tweede kwartaal van 2019.\n"
)


def _check(text: str) -> None:
    result = extract(text)
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
    result.to_format_dict()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_arbitrary_text_never_crashes(text):
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(
    ["\n", "\n\n", " ", "o ", "e ", "-", "•", ".", "Besluiten", "uiterlijk", "in", "februari", "2019", "Leiden",
     "De raad", "heeft", "besloten", "komen samen", "Q1", "kwartaal", "http://x.nl/a-", "b", "(", ")", "’s-",
     "Gravenhage", "provincie", "Utrecht", "vastgesteld", ",", ":", "\f", "\r\n", "1.", "Trekkers", "nog bepaald"]
), max_size=400))
def test_word_salad_of_the_rules_own_cues_never_crashes(parts):
    _check(" ".join(parts))


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=2000))
def test_normalised_offsets_map_back_inside_the_original(text):
    norm = normalise(text)
    for offset in range(0, len(norm.text), max(1, len(norm.text) // 50 or 1)):
        assert 0 <= norm.offsets.to_original(offset) <= len(text)
    for sentence in split(norm.text).sentences:
        start, end = norm.original_span(sentence.start, sentence.end)
        assert 0 <= start <= end <= len(text)


def test_empty_text_gives_an_empty_result_with_a_note():
    for text in ["", "   \n\n\t "]:
        result = extract(text)
        assert result.findings == []
        assert any("Lege tekst" in note for note in result.notes)


def test_binary_garbage_gives_a_note():
    garbage = bytes(random.Random(7).randrange(256) for _ in range(20_000))
    result = extract(garbage)
    assert result.findings == []
    assert any("binair" in note for note in result.notes)


def test_another_language_is_noted():
    text = ("The council decided on Tuesday to approve the new housing plan for the region. " * 5).strip()
    result = extract(text)
    assert any("niet Nederlands" in note for note in result.notes)


def test_text_without_sentence_ends_is_cut_and_noted():
    text = " ".join(["de gemeenten werken samen aan wonen en groen in Leiden"] * 400)
    result = extract(text)
    assert any("zinseinden" in note for note in result.notes)
    layout = split(normalise(text).text)
    assert all(len(s.text) <= MAX_SENTENCE for s in layout.sentences)


def test_large_text_is_read_in_one_go():
    text = DUTCH * 4000  # about 800 kB
    result = extract(text)
    assert len(result.of_type("decision")) == 4000
    assert len(result.of_type("commitment")) == 4000


def test_fifty_megabytes_are_read_partially_with_a_note():
    from regio.extraction.engine import MAX_CHARACTERS

    text = ("De werkgroep kijkt naar de mogelijkheden in de regio.\n\n" * 1_000_000)[:50_000_000]
    result = extract(text)
    assert any("alleen de eerste" in note for note in result.notes)
    assert all(finding.end <= MAX_CHARACTERS for finding in result.findings)


def test_pathological_repetitions_finish():
    for text in ["a" * 200_000, "." * 200_000, "\n" * 200_000, "o " * 100_000, "1-" * 100_000, "De " * 60_000,
                 "(" * 100_000, "Leiden " * 30_000, "uiterlijk " * 30_000]:
        _check(text)


def test_the_cyclic_collector_is_left_as_it_was(monkeypatch):
    """extract() holds the cyclic collector off while it reads, and gives it back as it found it,
    also when reading fails."""
    import gc

    from regio.extraction import engine

    assert gc.isenabled()
    extract(DUTCH)
    assert gc.isenabled()
    gc.disable()
    try:
        extract(DUTCH)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def fails(reader):
        assert not gc.isenabled()
        raise RuntimeError("kapot")

    monkeypatch.setattr(engine, "_themes", fails)
    with pytest.raises(RuntimeError, match="kapot"):
        extract(DUTCH)
    assert gc.isenabled()
