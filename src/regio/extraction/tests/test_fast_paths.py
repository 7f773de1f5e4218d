"""The reader's fast paths give what the plain forms they replace would give.

Each speed-up rewrites a plain regular expression or loop into a faster but less obvious
form; these tests hold the fast form to the plain one on generated inputs, drawn from an
alphabet rich in the characters the rules look at.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regio.extraction import (
    acts,
    commitments,
    dates,
    decisions,
    engine,
    events,
    municipalities,
    normalise,
    roles,
    sentences,
    themes,
)
from regio.extraction.context import ExtractionContext

_ALPHABET = st.sampled_from(list("ab vanVAN\t\n'’-.,;:!?()\"”•É1_") + ["van ", " van", "gemeente ", "Leiden"])
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join)
_SETTINGS = settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@_SETTINGS
@given(_TEXTS, st.integers(min_value=0, max_value=80))
def test_preceding_word_is_the_plain_search(text, start):
    start = min(start, len(text))
    plain = re.compile(r"([\w'’-]+)[ \t\n]+(?:van[ \t\n]+)?$").search(text, max(0, start - 40), start)
    assert municipalities._preceding_word(text, start) == (plain.group(1).lower() if plain else "")


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab .!?…\"”’')] \tA0•(") + ["...", "Dit. ", "?! "]), max_size=60).map("".join),
       st.integers(min_value=0, max_value=10))
def test_sentence_end_is_the_plain_pattern(text, start):
    plain = re.compile(r"(?<![.!?…])[.!?…]++[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-ZÀ-Þ0-9•])")
    fast = sentences._SENTENCE_END
    assert [m.span() for m in fast.finditer(text, start)] == [m.span() for m in plain.finditer(text, start)]


@_SETTINGS
@given(st.lists(st.sampled_from(list("abLé ÀĲ'’&-_1\n.") + ["'s-Gravenhage", "’s-Hertogenbosch", "Den Haag", "x's-G"]),
                max_size=60).map("".join))
def test_capital_word_is_the_plain_pattern(text):
    plain = re.compile(r"(?<![\w'’&-])(?:['’]s-[A-ZÀ-ÞĲ][^\W_]*+|[A-ZÀ-ÞĲ](?:[^\W_]|['’])*+)")
    fast = municipalities._CAPITAL_WORD
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab q1_-'’ .\n2") + ["maart", "mei", "Q", "week", "2019", "-jaar", "_jan", "3e",
                                                           "half-jaar", "eind", "zomer'", "x", "²", "١٢"]),
                max_size=40).map("".join))
def test_date_triggers_from_the_words_are_the_plain_scan(text):
    lowered = text.lower()
    tokens = themes.tokens(lowered)
    fast = dates.trigger_positions(lowered, tokens, [match.group() for match in tokens])
    assert fast == [match.start() for match in dates._TRIGGER_LOWER.finditer(lowered)]


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab -'’_.\n1²") + ["de ", "het", "de-", "'t", "en’", "van", "Het", "٣"]),
                max_size=60).map("".join))
def test_guard_word_counts_from_the_reader_are_the_plain_count(text):
    words = re.findall(r"[^\W\d_]+", text.lower())
    plain = (len(words), sum(word in engine._DUTCH_WORDS for word in words))
    assert engine._word_counts(text, engine._Reader(text, ExtractionContext())) == plain


def test_findings_and_sentences_stay_frozen_value_objects():
    import dataclasses

    import pytest

    finding = engine.Finding("date", {"start": "2019-01-01"}, 1, 5, "zin", 0.9, "day")
    assert finding == engine.Finding("date", {"start": "2019-01-01"}, 1, 5, "zin", 0.9, "day", "")
    assert finding.to_dict()["explanation"] == "" and finding.to_dict()["start"] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 2
    sentence = sentences.Sentence(0, 3, "Ja.", 0, 0, False, True, False, None, False)
    assert hash(sentence) == hash(sentences.Sentence(0, 3, "Ja.", 0, 0, False, True, False, None, False))
    with pytest.raises(dataclasses.FrozenInstanceError):
        sentence.text = "Nee."
    hits = [(decisions.DecisionHit, (3, "kop", 0.85, "onder de kop")),
            (events.EventHit, ("samenkomst", 0.7, 4, "'vergaderen'")),
            (commitments.CommitmentHit, ("belofte", 0.75, "wij", "u")),
            (themes.ThemeHit, ("wonen", "woningbouw", 3, 9, 0, False))]
    for kind, fields in hits:
        hit = kind(*fields)
        assert hit == kind(*fields) and hash(hit) == hash(kind(*fields))
        assert dataclasses.astuple(hit)[: len(fields)] == fields
        with pytest.raises(dataclasses.FrozenInstanceError):
            hit.rule = "x"
    assert events.EventHit("a", 0.5, 0, "b").needs_date is False
    assert commitments.CommitmentHit("a", 0.5, None, None).requested is False


@_SETTINGS
@given(st.lists(st.sampled_from(["in het ", "Stadhuis", "GEMEENTEHUIS", "raadzaal", "zaal", "Museum", "muſeum", "ı", "İ",
                                 "bibliotheek", " van Leiden", "KASTEEL", "theater", "x", " "]),
                max_size=12).map("".join))
def test_venue_cue_test_never_skips_a_venue(text):
    from regio.extraction import events

    if events._VENUE.search(text):
        assert events._may_name_venue(text)


@_SETTINGS
@given(st.lists(st.sampled_from(["Wij ", "we ", "het college ", "verwachten ", "zullen ", "u ", "de raad ", "te ",
                                 "informeren", "INFORMEREN ", "op de hoogte brengen ", "terug ", "komen ", "zegt ",
                                 "toe", "toezegging ", "sturen ", "berichten ", "uiterlijk ", "voor ", "ſturen ",
                                 "İ", "ı", ". ", "x"]),
                max_size=14).map("".join))
def test_promise_word_test_never_skips_a_promise(text):
    from regio.extraction import commitments

    lower = text.lower()
    if len(lower) == len(text) and "ſ" not in lower and "ı" not in lower and commitments._PROMISE.search(text):
        assert commitments._may_promise(set(sentences._WORD.findall(lower)))


_PHRASES = sorted(["warmterotonde", "warmte rotonde", "studentenhuisvesting", "internationaal onderwijs", "kern", "s",
                   "sociaal domein"], key=len, reverse=True)


@_SETTINGS
@given(st.lists(st.sampled_from(["WARMTE ROTONDE", "warmte\nrotonde", "Studentenhuisvesting", "ſtudenten", "İnternationaal",
                                 "ınternationaal", " onderwijs", "Kern", "kern", "s", "S ", "Sociaal  Domein", "x", " ",
                                 "_", "-", "é", "1"]),
                max_size=12).map("".join))
def test_topic_pattern_with_a_leading_class_is_the_plain_pattern(text):
    plain = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _PHRASES) + r")(?!\w)", re.I)
    fast = themes._leading_class_form(_PHRASES)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


@_SETTINGS
@given(st.lists(st.sampled_from(["op de ", "ONDERWERPEN ", "thema's", "THEMA’S ", "dossiers: ", "opgaven ", "punten",
                                 "terreinen ", "gebieden ", "met betrekking tot ", "namelijk ", "NAMELİJK ", "doſſier ",
                                 "ıets", ", ", " en ", "x"]),
                max_size=12).map("".join))
def test_list_intro_cue_test_never_skips_a_list(text):
    if themes._LIST_INTRO.search(text):
        assert themes._may_introduce_list(text)


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab.B É_1") + ["bijv", "o.a", "dr", "...", "Nr", "e.d"]), max_size=20).map("".join))
def test_abbreviation_test_is_the_plain_search(text):
    text += "."
    end = len(text) - 1
    match = re.compile(r"([\w.]+)\.+$").search(text, max(0, end - 12), end + 1)
    word = match.group(1).lower().rstrip(".") if match else None
    plain = bool(match) and (word in sentences.ABBREVIATIONS or (len(word) == 1 and word.isalpha()))
    assert sentences._is_abbreviation(text, end) == plain


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab .,'’-\n\t_1É;") + ["van de", "o.a.", " ,", "Leiden"]), max_size=30).map("".join))
def test_last_word_is_the_plain_search(line):
    plain = re.compile(r"([\w.'’-]+)[,\s]*$").search(line)
    assert sentences._last_word(line) == (plain.group(1) if plain else None)


@_SETTINGS
@given(st.lists(st.sampled_from(["de raad ", "stelt ", "stelde ", "voorstel ", "vast", " in", "spreken ", "af ",
                                 "sprak", "kozen ", "kiezen ", "voor ", "gaan ", "gingen ", "een ", "samenwerking ",
                                 "regeling",
                                 " aan", "aan", "\taan", "besloot ", "om ", "getekend", "gesproken ", "inkoop ",
                                 "motie ", "neemt ", "kennis ", "van ", "overeen", "komen ", "akkoord ", ".", ",",
                                 "af", " af ", "spraken ", "spreekt ", "spreken\n"]),
                max_size=14).map("".join))
def test_finite_verb_cue_test_never_skips_a_finite_verb(text):
    if decisions._FINITE.search(text):
        assert decisions._contains_any(text, decisions._FINITE_CUES) or (
            decisions._contains_any(text, decisions._ENTERED_CUES) and decisions._AAN.search(text)
        ) or ("spr" in text and decisions._AGREED.search(text))


@_SETTINGS
@given(st.lists(st.sampled_from(["spraken", "spreekt", "sprak", "af", "afspraak", " ", "\t", "\n", "\u00a0", "x", "_",
                                 "é", ".", "-"]), max_size=12).map("".join))
def test_af_test_never_skips_an_agreement(text):
    if decisions._AGREED.search(text):
        assert decisions._AF.search(text)


def test_agreed_with_or_without_words_between_is_a_finite_verb_but_now_and_then_is_not():
    # "spraken af de kosten te delen" is agreeing as much as "spraken de verdeling af" (the pattern
    # wanted a word between before); "af en toe" is now and then. The cue test answers the same.
    for text, found in [("de colleges spraken af de kosten te delen.", "spraken af"),
                        ("het pho spreekt af dat de gemeenten elkaar helpen;", "spreekt af"),
                        ("de colleges spraken de verdeling af.", "spraken de verdeling af"),
                        ("wij spreken met leiden af dat", "spreken met leiden af"),
                        ("wij spreken af en toe met de provincie.", None),
                        ("het was een gesprek af en toe.", None)]:
        finite = decisions._FINITE.search(text)
        assert (finite.group() if finite else None) == found
        assert bool(decisions._AGREED.search(text)) == (found is not None)


@_SETTINGS
@given(st.lists(st.sampled_from(["Het ", "college ", "de ", "raad ", "van ", "Leiden ", "wij ", "aan ", "voor ", "u ",
                                 "informeren ", "we ", "gedeputeerde ", "staten ", "met ", "İ", "ß", "Σ", ". ", ", ",
                                 "Katwijk ", "algemeen ", "bestuur "]), max_size=14).map("".join))
def test_act_keys_from_the_word_walk_are_the_plain_walk(sentence):
    tokens = acts._TOKEN.findall(sentence)
    assert acts.sentence_words(sentence) == (tokens, [token.lower() for token in tokens])

    def plain_actor(tokens, bare):
        for index, word in enumerate(bare):
            if index and bare[index - 1] in acts._NOT_SUBJECT_WORDS:
                continue
            if word in acts._PRONOUNS:
                return word
            if word in ("het", "de"):
                phrase = acts._body_phrase(tokens, bare, index)
                if phrase:
                    return acts._lower_article(phrase)
            elif word == "gedeputeerde" and index + 1 < len(bare) and bare[index + 1] == "staten":
                return "gedeputeerde staten"
        return None

    words = acts.sentence_words(sentence)
    assert acts.actor(sentence, (), words) == plain_actor(*words)


class _NeverDisjoint:
    """Stands in for the commitments' cue set so that its early exit never fires (the plain path)."""

    def isdisjoint(self, _other) -> bool:
        return False


@_SETTINGS
@given(st.lists(st.sampled_from(["Wij ", "we ", "willen ", "wıllen ", "WILLEN ", "krijgen ", "de ", "opdracht ", "om ",
                                 "zullen ", "het ", "plan ", "sturen ", "u ", "voor ", "1 april ", "wordt ", "in ",
                                 "mei ", "voorgelegd ", "hierbij ", "?", ". ", "İ", "ſ", "ı", "raad ", "kan "]),
                max_size=14).map("".join), st.booleans(), st.booleans())
def test_commitment_cue_exit_never_skips_a_commitment(sentence, future_date, deadline):
    fast = commitments.classify(sentence, future_date=future_date, deadline=deadline)
    cues = commitments._ANY_CUES
    try:
        commitments._ANY_CUES = _NeverDisjoint()
        plain = commitments.classify(sentence, future_date=future_date, deadline=deadline)
    finally:
        commitments._ANY_CUES = cues
    assert fast == plain


_DAYS = st.dates(min_value=date(2019, 12, 1), max_value=date(2020, 2, 1))


@_SETTINGS
@given(_DAYS, _DAYS, st.one_of(st.none(), _DAYS), st.sampled_from(["decision", "commitment", "event"]),
       st.sampled_from(["Het college heeft dit vastgesteld.", "Wij zullen u informeren.", "De raad besluit.", ""]),
       st.booleans())
def test_act_keys_from_the_window_are_those_from_the_iso_dates(first, second, reference, kind, sentence, preferred):
    start, end = min(first, second), max(first, second)
    text = f"Op {start} {sentence}"
    mention = dates.DateMention(3, 3 + len(str(start)), str(start), dates.Window(start, end), "day", False, True)
    keys = acts.describe(kind, sentence, [mention], text, reference, prefer=mention if preferred else None)
    when = acts.act_date([mention], text, prefer=mention if preferred else None)
    assert keys["date"] == when == {"start": start.isoformat(), "end": end.isoformat()}
    assert keys["tense"] == acts.tense(sentence, when, reference, decided=kind == "decision")
    assert keys["actor"] == acts.actor(sentence) and keys["addressee"] == acts.addressee(sentence)


def test_a_record_of_a_meeting_is_no_gathering_though_asked_last():
    # The record test now runs after the verb and noun rules, only for a sentence with a hit.
    for sentence, rule in [("Verslag van de bijeenkomst in Leiden.", None),
                           ("Kort verslag: de raden vergaderen op 3 maart.", None),
                           ("• Notulen van het overleg", None),
                           ("Het verslag van de bijeenkomst volgt.", None),
                           ("De bijeenkomst is in Leiden.", "bijeenkomst"),
                           ("De raden vergaderen op 3 maart.", "samenkomst")]:
        hit = events.classify(sentence)
        assert (hit.rule if hit else None) == rule


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(["De trekker ", "voor wonen ", "is nog ", "niet bepaald", ". ", "\n\n", "• ",
                                 "Penvoerder: ", "vacant", "Trekkers ", "worden nog aangewezen", "İ", "Σ ", "\n",
                                 "Leiden en Katwijk ", "De voorzitter ", "coördinator ", "open."]),
                max_size=20).map("".join))
def test_role_sentences_found_in_the_whole_text_are_those_asked_one_by_one(text):
    def roles_of(result):
        return [(f.start, f.end, f.value) for f in result.findings if f.type == "open_role"]

    fast = roles_of(engine.extract(text))
    cue = roles.ROLE_CUE
    try:
        roles.ROLE_CUE = re.compile(r"(?s).")  # every sentence asked: the plain loop
        plain = roles_of(engine.extract(text))
    finally:
        roles.ROLE_CUE = cue
    assert fast == plain


def test_lower_words_answers_each_sentence_for_itself():
    # The kept last answer must never leak into the next, different sentence.
    assert sentences.lower_words("Wij Sturen") == ("wij sturen", ["wij", "sturen"])
    assert sentences.lower_words("Wij Sturen") == ("wij sturen", ["wij", "sturen"])
    assert sentences.lower_words("De Raad, 3x") == ("de raad, 3x", ["de", "raad", "3x"])
    assert sentences.lower_words("İk") == ("i̇k", None)  # lower-casing adds a character: no word runs
    assert sentences.lower_words("Wij Sturen") == ("wij sturen", ["wij", "sturen"])


_GATED_COMMITMENT_PATTERNS = [
    (commitments._SOON, commitments._SOON_CUES),
    (commitments._NOT_FUTURE, commitments._NOT_FUTURE_CUES),
    (commitments._PAST, commitments._PAST_CUES),
    (commitments._HEDGE, commitments._HEDGE_CUES),
    (commitments._NEXT_STEP, commitments._NEXT_STEP_WITH),
]


@_SETTINGS
@given(st.lists(st.sampled_from(["Zsm ", "z.s.m. ", "binnenkort", "Spoedig ", "eerstdaags ", "op korte termijn ",
                                 "zo snel mogelijk", "sinds ", "al jaren ", "REEDS ", "inmiddels", "nog steeds ",
                                 "altijd ", "heeft ", "hebben ", "had ", "hadden", "gedaan ", "toegezegd ", "wellicht ",
                                 "mogelijkerwijs ", "zou ", "kunnen", "Er komt ", "komen ", "met een ", "plan ",
                                 "voorstel", "ſinds ", "ıemand ", "İ", "_", "-", "x", ", ", ". ", "komt met ", "doen ",
                                 "een ", "stuurt ", "te ", "brengen ", "Levert "]),
                max_size=14).map("".join))
def test_commitment_word_tests_never_skip_a_pattern(text):
    # Where lower-casing keeps every offset and the text has no ſ or ı, a match of each gated
    # pattern holds one of its cue words, so a sentence without any may skip the pattern.
    lower = text.lower()
    if len(lower) != len(text) or "ſ" in lower or "ı" in lower:
        return
    words = set(sentences._WORD.findall(lower))
    for pattern, cues in _GATED_COMMITMENT_PATTERNS:
        if pattern.search(text):
            assert not words.isdisjoint(cues), (pattern.pattern, text)
    if commitments._DELIVERY.search(text):
        assert commitments._may_deliver(words), text


@_SETTINGS
@given(st.lists(st.sampled_from(["Ab", "c", "de", "\n", "o ", "e ", "• ", "-\n", "\r\n", "\f", "\t", "\u00a0", "x/\ny",
                                 "www.a-\nb", "\x00", " "]), max_size=30).map("".join))
def test_span_mapper_is_the_offset_maps_span(text):
    offsets = normalise.normalise(text).offsets
    span = offsets.spanner()
    size = len(normalise.normalise(text).text)
    for start in range(size + 1):
        for end in range(start, min(size, start + 6) + 1):
            assert span(start, end) == offsets.span(start, end)
        assert span(start, max(0, start - 1)) == offsets.span(start, max(0, start - 1))


@_SETTINGS
@given(st.lists(st.sampled_from(["vast te stellen", "vast  te leggen", "aan te wijzen", "aan te nemen", "aan te gaan",
                                 "in te stemmen", "in te trekken", "toe te kennen", "op te heffen", "te benoemen",
                                 "te besluiten", "te verlenen", "te gunnen", "te bekrachtigen", "te verlengen",
                                 "te verklaren", "het verslag ", "om ", "x", ":", " ", "te ", "stel", "len "]),
                max_size=10).map("".join))
def test_dictum_cue_test_never_skips_a_dictum(text):
    if decisions._DICTUM.search(text):
        assert decisions._contains_any(text, decisions._DICTUM_CUES)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(["Het college heeft ", "vastgesteld", "besloten", "voorstel", "stemt in", "gaan ",
                                 "een regeling aan", "akkoord", "vast te stellen", "te benoemen", "Σ", "İ", "ß",
                                 "-", "’", "_", "1", ". ", "\n\n", "• ", "Besluit:\n", " ", "x", "ſtelt"]),
                max_size=24).map("".join), st.integers(min_value=4, max_value=40))
def test_decision_cues_from_the_page_words_are_those_of_each_sentence(text, longest):
    from regio.extraction.context import default_context

    kept = sentences.MAX_SENTENCE
    try:
        sentences.MAX_SENTENCE = longest  # long sentences cut, often inside a word
        reader = engine._Reader(text, default_context())
        may_decide, may_promise, may_gather, cues = reader.triggered()
        for family, found in zip((decisions.TRIGGER, commitments.TRIGGER, events.TRIGGER),
                                 (may_decide, may_promise, may_gather)):
            plain = {bisect.bisect_right(reader.sentence_starts, token.start()) - 1
                     for token, word in zip(reader.tokens, reader.words) if family.search(word)}
            assert found == plain - {-1}
        if cues is not None:
            for sentence in reader.sentences:
                missing = decisions.cue_flags(sentence.text.lower()) & ~cues.get(sentence.index, 0)
                assert not missing, (sentence.text, missing)
        fast = decisions.find_decisions(reader.sentences, may_decide, cues)
        plain = decisions.find_decisions(reader.sentences, may_decide)
    finally:
        sentences.MAX_SENTENCE = kept
    assert fast == plain


def test_decision_cue_bits_are_the_cue_lists():
    assert decisions.cue_flags("het plan is vastgesteld") == decisions._HAS_PARTICIPLE
    assert decisions.cue_flags("zij stemmen in met het voorstel") == (
        decisions._HAS_PROPOSAL | decisions._HAS_FINITE | decisions._HAS_DICTUM)
    assert decisions.cue_flags("een regeling") == decisions._HAS_ENTERED
    assert decisions.cue_flags("niets") == 0


@_SETTINGS
@given(st.lists(st.sampled_from(list(".,;:!?()[]\"“”‘’'-/ \t\n\x0b\x0c\r\x1c\x1f\x85\u00a0\u2003\u2028\u3000\u200b")
                                + ["De", "raad", "İ", "Σ", "ß", "x", "é", "×", "\x00", "ÿ"]), max_size=30).map("".join))
def test_sentence_words_are_the_token_pattern(sentence):
    tokens = acts._TOKEN.findall(sentence)
    assert acts.sentence_words(sentence) == (tokens, [token.lower() for token in tokens])


def test_sentence_words_of_every_latin_1_character_are_the_token_pattern():
    for code in range(256):
        text = f"a{chr(code)}b {chr(code)}"
        tokens = acts._TOKEN.findall(text)
        assert acts.sentence_words(text) == (tokens, [token.lower() for token in tokens]), hex(code)


def test_every_character_str_split_splits_on_is_a_whitespace_of_re():
    # sentence_words() relies on it: str.split() and re's \s agree on every code point.
    import sys

    space = re.compile(r"\s")
    assert [code for code in range(sys.maxunicode + 1)
            if bool(space.match(chr(code))) != (len(f"a{chr(code)}b".split()) == 2)] == []


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab Z_09.,-'\t\n\x85\xa0éëÿ×÷ª²µºß¼\x00\x7f")
                                + ["’", "Σ", "İ", "ı", "één", "raad"]), max_size=30).map("".join))
def test_word_runs_are_the_word_pattern(text):
    assert sentences.word_runs(text) == sentences._WORD.findall(text)


def test_word_runs_of_every_latin_1_character_are_the_word_pattern():
    for code in range(256):
        text = f"a{chr(code)}b {chr(code)}"
        assert sentences.word_runs(text) == sentences._WORD.findall(text), hex(code)


@_SETTINGS
@given(st.lists(st.sampled_from(list("ab Z_09.,-'\t\n\x85\xa0éëÿ×÷ª²µºß¼\x00\x7f") + ["’", "•", "Σ", "ı", "één", "de"]),
                max_size=30).map("".join))
def test_letter_runs_are_the_letter_pattern(text):
    runs = engine._letter_runs(text)
    assert runs == engine._WORD.findall(text) or (runs is None and any(
        ord(c) > 0xFF and engine._WORD.match(c) for c in text))


def test_letter_runs_beyond_latin_1_are_the_letter_pattern():
    # Characters beyond Latin-1 that are no letters keep the fast path; a letter beyond it does not.
    for text in ("De ‘raad’ • stemt € in – ja", "’s-Gravenhage…", "ﬁnanciën", "Łódź en Győr", "x\u0301y", "a²b½c"):
        runs = engine._letter_runs(text)
        assert runs == engine._WORD.findall(text) or (runs is None and any(
            ord(c) > 0xFF and engine._WORD.match(c) for c in text)), text
    assert engine._letter_runs("De ‘raad’ • stemt") == ["De", "raad", "stemt"]
    assert engine._letter_runs("ﬁnanciën") is None


def test_letter_runs_of_every_latin_1_character_are_the_letter_pattern():
    for code in range(256):
        text = f"a{chr(code)}b {chr(code)}"
        assert engine._letter_runs(text) == engine._WORD.findall(text), hex(code)


_LOOKAHEAD_PATTERNS = [commitments._PROMISOR, commitments._RECIPIENT, acts._PERFECT, decisions._AUXILIARY,
                       decisions._MODAL_PLAN, decisions._NOT_YET, decisions._PARTICIPLE, dates._PAST, commitments._PAST,
                       commitments._NOT_FUTURE, commitments._SOON, commitments._HEDGE, roles._ANAPHOR]


@_SETTINGS
@given(st.lists(st.sampled_from(["het ", "HET ", "college ", "de ", "De ", "raden ", "uw raad ", "u", "U ", "wij ",
                                 "we", "heeft ", "Is ", "zijn ", "vastgesteld", "zal ", "kan ", "worden", "nog niet",
                                 "nog geen", "Provinciale Staten", "bewoners", "ı", "İ", "ſ", "K", "x", "_", "1", " ",
                                 "\n", ". ", "besloten ", "akkoord gegaan", "toegekend", "gekozen", "verslag van",
                                 "sinds", "jongstleden", "Vond", "toegezegd", "al jaren", "z.s.m.", "Op korte termijn",
                                 "zou", "mogelijk", "Deze thema's", "beide projecten", "bijeenkomst"]),
                max_size=16).map("".join))
def test_patterns_with_a_first_letter_lookahead_are_the_plain_patterns(text):
    for pattern in _LOOKAHEAD_PATTERNS:
        assert pattern.pattern.startswith("(?=[") or pattern.pattern.startswith("(?=n)")
        plain = re.compile(pattern.pattern[pattern.pattern.index(")") + 1 :], pattern.flags)
        fast, slow = pattern.search(text), plain.search(text)
        assert (fast and (fast.span(), fast.groups())) == (slow and (slow.span(), slow.groups())), pattern.pattern


_HIT_WORDS = ["zorg", "Zorg", "zorgen", "wonen", "Wonen", "bijwonen", "bijgewoond", "weg", "Weg", "vitaal", "vitale",
              "bereiken", "bereikt", "onderwijs", "Onderwijs", "leven", "ouders", "woningbouw", "Woningbouw", "Groene",
              "groene", "mobiliteit", "GroenLinks", "ggd", "Participatiewet"]
_HIT_TERMS = ["zorg", "wonen", "weg", "vitaal", "bereikbaarheid", "onderwijs", "leefbaarheid", "ouderen", "woningbouw",
              "groen", "mobiliteit", "ggd", "gezond", "participatie"]
# Around a hit: what makes each branch of _passing answer yes, and what makes none.
_AROUND = [("", ""), ("enige ", ""), ("", " over de kosten"), ("", " om de hoek"), ("bij te ", ""), ("op ", " naar"),
           ("in de ", ""), ("aan de ", " timmeren"), ("het Ministerie van ", ""), ("De ", " Hart"), ("Een ", " Hart"),
           ("", " regio"), ("goed te ", ""), ("samen met ", " en de bedrijven"), ("partijen als ", ""), ("de ", " en")]


def test_passing_kind_answers_as_passing_does_where_it_answers():
    for word in _HIT_WORDS:
        for term in _HIT_TERMS:
            kind = themes._passing_kind(word, term)
            if kind is None:
                continue
            for before, after in _AROUND:
                text = before + word + after
                for sentence in ((0, len(text)), None):
                    hit = themes.ThemeHit("c", term, len(before), len(before) + len(word), 0 if sentence else -1)
                    assert themes._passing(hit, text, sentence) is kind, (word, term, before, after)
    assert themes._passing_kind("zorgen", "zorg") is True and themes._passing_kind("zorg", "zorg") is None
    assert themes._passing_kind("mobiliteit", "mobiliteit") is False


_LEADS = st.sampled_from(["op het gebied van ", "op het terrein van ", "op de beleidsterreinen ", "op het vlak van ",
                          "gebied ", ""])
_FILL = st.lists(st.sampled_from(["de ", "en ", "x", " ", "Gebied", "vlak "]), max_size=5).map("".join)


@_SETTINGS
@given(_FILL, st.sampled_from(["onderwijs", "zorg", "wonen"]), _FILL, _LEADS, _LEADS)
def test_substantive_with_its_shortcuts_is_the_plain_loop(before, word, after, lead, between):
    # The second hit stands after the first sentence's end, before the next one starts (a sentence
    # that the layout cut short): it is counted with the first sentence.
    first = before + lead + word + after + "."
    text = first + " " + between + word + " Daarna " + word + "."
    bounds = [(0, len(first)), (text.index(" Daarna") + 1, len(text))]
    hits = [themes.ThemeHit("c", word, m.start(), m.end(), 0 if m.start() < bounds[1][0] else 1)
            for m in re.finditer(word, text)]
    plain = []
    for hit in hits:
        sentence = bounds[hit.sentence]
        if themes._passing(hit, text, sentence):
            continue
        if themes._in_field_list(hit, text, sentence):
            hit = themes.ThemeHit(hit.code, hit.term, hit.start, hit.end, hit.sentence, True)
        plain.append(hit)
    assert themes.substantive(hits, text, bounds) == plain
