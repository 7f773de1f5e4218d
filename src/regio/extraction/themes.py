"""Classifying a text into the region's spearheads, and finding its topics.

This module owns two readings of content words:

* **spearheads** (multi-label): every word of the text is reduced to its stem with the
  Dutch Snowball stemmer and compared with the stems of each spearhead's vocabulary from
  the region file; multi-word entries ("openbaar vervoer") match as stem sequences, and a
  compound whose head or modifier is a vocabulary word ("woningbouwopgave",
  "studentenhuisvesting") counts too. A spearhead is assigned when the text enumerates
  the spearheads (one sentence naming four or more of them) or when its words recur
  (see :data:`MIN_HITS` and :data:`MIN_SHARE`). Every assignment carries the words that
  counted, so a reviewer sees why.
* **topics**: the region's known topics (title and aliases), and new topic candidates
  named in decision sentences ("op de onderwerpen X, Y en Z").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import compress

import snowballstemmer

from .context import ExtractionContext, Spearhead, Topic

# A spearhead whose words occur at least MIN_HITS times, and at least MIN_SHARE of the
# most frequent spearhead's count, is what the text is about. Measured on the project's
# annotated set (docs/extraction.md).
MIN_HITS = 2
MIN_SHARE = 0.34
# ... and with two different words of its vocabulary, or one word this often: a text about
# housing says more than "woningen" twice (measured on the real texts of the dev set).
MIN_HITS_ONE_WORD = 3
# ... or one word repeated in a short text: at least this many times per hundred words.
ONE_WORD_DENSITY = 2
# A sentence that names this many spearheads is an enumeration of the vision.
ENUMERATION = 4
# Compound matching only for vocabulary words at least this long ("zorg" would match too much).
MIN_COMPOUND_PART = 5
# Words that begin or end with a vocabulary word without being a compound or an inflection of it:
# "metropool(regio)" is no metro, "transport" no sport, "verkeerd" (wrong) and "verkeert" (is in a
# state) no traffic, "inclusief" (including) no inclusion.
FALSE_COMPOUNDS = ("metropo", "transport", "verkeerd", "verkeert", "inclusief")
# The culture of an organisation ("vergadercultuur", "bestuurscultuur") is no culture in the sense of
# the arts; texts about cooperation use these words often.
WAYS_OF_WORKING = ("vergader", "bestuur", "organisatie", "samenwerking", "overleg", "bedrijf", "werk", "beleid")

_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*|\d+")
_STEMMER = snowballstemmer.stemmer("dutch")


_STEMS: dict[str, str] = {}


# Vowel pairs that are one sound: their last vowel is not doubled when an inflected "-e" goes.
_DIGRAPHS = frozenset("aa ee oo uu ie oe eu ui ei ij ou au ai oi".split())
_VOWELS = frozenset("aeou")


def uninflected(word: str) -> str:
    """An adjective or participle without its inflection "-e", in the spelling of the base form:
    "sociale" -> "sociaal", "duurzame" -> "duurzaam", "bereikbare" -> "bereikbaar", "groene" ->
    "groen", "culturele" -> "cultureel". The Snowball stemmer keeps some of these apart from their
    base ("duurzame" stays "duurzame", "sociale" becomes "social" but "sociaal" stays "sociaal")."""
    if len(word) < 5 or not word.endswith("e") or not word.isalpha():
        return word
    base = word[:-1]
    last, vowel, before = base[-1], base[-2], base[-3]
    if last in "aeiouy":
        return base
    if vowel == last:  # "snelle" -> "snel": a doubled consonant closed the syllable
        return base[:-1]
    if vowel not in _VOWELS or before == vowel or before + vowel in _DIGRAPHS:
        return base  # "gezonde", "groene", "goede", "kleine"
    # One vowel before one consonant ended an open syllable: the base form writes it double.
    return base[:-1] + vowel + last


def _stem_cached(word: str) -> str:
    result = _STEMMER.stemWord(uninflected(word))
    if len(_STEMS) < 300_000:
        _STEMS[word] = result
    return result


def stem(word: str) -> str:
    word = word.lower()
    return _STEMS.get(word) or _stem_cached(word)


def words_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [(match.group().lower(), match.start(), match.end()) for match in _WORD.finditer(text)]


@dataclass(frozen=True, init=False)
class ThemeHit:
    code: str
    term: str  # the vocabulary entry
    start: int  # offsets in the text passed to the classifier
    end: int
    sentence: int  # index of the sentence it occurred in, or -1
    field_list: bool = False  # named in a list of policy fields ("op het gebied van X en Y")

    def __init__(self, code: str, term: str, start: int, end: int, sentence: int, field_list: bool = False) -> None:
        # A page gives some thirty hits: filled at once, not field by field through
        # object.__setattr__ (three times as fast); still frozen afterwards.
        self.__dict__.update(code=code, term=term, start=start, end=end, sentence=sentence, field_list=field_list)


@dataclass(frozen=True)
class ThemeResult:
    code: str
    name: str
    score: int
    terms: tuple[str, ...]
    rule: str
    confidence: float
    hits: tuple[ThemeHit, ...]


class Vocabulary:
    """The stemmed vocabulary of one region's spearheads, ready for fast lookup."""

    def __init__(self, spearheads: Sequence[Spearhead]) -> None:
        self.spearheads = {s.code: s for s in spearheads}
        self.single: dict[str, list[tuple[str, str]]] = defaultdict(list)  # stem -> [(code, term)]
        self.multi: dict[str, list[tuple[tuple[str, ...], str, str]]] = defaultdict(list)
        compound_parts: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for spearhead in spearheads:
            terms = {*spearhead.vocabulary, spearhead.name}
            # In a fixed order: of two entries with one stem ("wonen", "woning") the first is the one a
            # hit names, the same in every run (a set's order changes with the hash seed).
            for term in sorted(terms):
                stems = tuple(stem(word) for word, _, _ in words_with_offsets(term))
                if not stems:
                    continue
                if len(stems) == 1:
                    # "wonen" and "woning" share a stem: one word in the text counts once per spearhead.
                    if all(code != spearhead.code for code, _ in self.single[stems[0]]):
                        self.single[stems[0]].append((spearhead.code, term))
                    word = term.lower()
                    if len(word) >= MIN_COMPOUND_PART and word.isalpha():
                        compound_parts[word].append((spearhead.code, term))
                else:
                    self.multi[stems[0]].append((stems, spearhead.code, term))
        self.compound_parts = dict(compound_parts)
        self.wordings: dict[str, set[str]] = {}
        for spearhead in spearheads:
            stems = {stem(word) for word, _, _ in words_with_offsets(spearhead.wording) if len(word) >= 4}
            if len(stems) >= 2:
                self.wordings[spearhead.code] = stems
        self.wording_stems = set().union(*self.wordings.values()) if self.wordings else set()
        # The stems of each spearhead's own name ("bereikbaar", "gezond", "leefomgev" ...): an
        # enumeration of the vision names its spearheads, a list of policy fields in general does not.
        self.name_stems: dict[str, set[str]] = {
            spearhead.code: {stem(word) for word, _, _ in words_with_offsets(spearhead.name) if len(word) >= 4}
            for spearhead in spearheads
        }
        self.naming: dict[tuple[str, str], bool] = {}  # (code, term) -> whether the term names the spearhead
        parts = sorted(compound_parts, key=len, reverse=True)
        self._compound = (
            re.compile(r"^(?:" + "|".join(map(re.escape, parts)) + r")|(?:" + "|".join(map(re.escape, parts)) + r")$")
            if parts
            else None
        )
        self._compound_cache: dict[str, tuple[tuple[str, str], ...]] = {}
        # word (lower case) -> (phrases starting with its stem, single-word terms it counts for), or ()
        self._entries: dict[str, tuple] = {}

    def entries(self, words: Sequence[str]) -> list[tuple]:
        """For each word: what :func:`theme_hits` looks up for it, computed once per distinct word."""
        known = self._entries
        try:
            return list(map(known.__getitem__, words))
        except KeyError:  # words not seen before
            new = list(set(words).difference(known))
            if len(known) + len(new) > 200_000:
                known.clear()
                new = list(set(words))
            for word, word_stem in zip(new, stems_of(new)):
                phrases = self.multi.get(word_stem)
                items = self.single.get(word_stem)
                if items is None:
                    items = self.compound(word) if len(word) > MIN_COMPOUND_PART + 2 else ()
                if not items and word.startswith("ver") and len(word) >= 3 + MIN_COMPOUND_PART:
                    items = self.made_with_ver(word)
                known[word] = (phrases, tuple(items)) if phrases or items else ()
            return list(map(known.__getitem__, words))

    def made_with_ver(self, word: str) -> tuple[tuple[str, str], ...]:
        """A verb made with "ver-" from a word of a spearhead's own name: "verduurzamen",
        "verduurzaming", "vergroenen" (to make duurzaam, groen). Not from other words, where "ver-"
        changes the sense: "verbouwen" is renovating, not building houses."""
        rest = stem(word[3:])
        return tuple((code, term) for code, term in self.single.get(rest, ()) if rest in self.name_stems[code])

    def compound(self, word: str) -> tuple[tuple[str, str], ...]:
        """Spearhead terms that are the head or the modifier of a compound word."""
        cached = self._compound_cache.get(word)
        if cached is not None:
            return cached
        found: tuple[tuple[str, str], ...] = ()
        if (self._compound is not None and len(word) > MIN_COMPOUND_PART + 2 and word.isalpha()
                and not word.startswith(FALSE_COMPOUNDS)):
            matches = {m.group() for m in self._compound.finditer(word) if m.group() != word}
            if "cultuur" in matches and word.endswith("cultuur") and word.startswith(WAYS_OF_WORKING):
                matches.discard("cultuur")
            found = tuple(item for part in sorted(matches) for item in self.compound_parts.get(part, ()))
        if len(self._compound_cache) < 100_000:
            self._compound_cache[word] = found
        return found


_vocabularies: dict[int, tuple[ExtractionContext, Vocabulary]] = {}


def vocabulary_for(context: ExtractionContext) -> Vocabulary:
    cached = _vocabularies.get(id(context))
    if cached is None or cached[0] is not context:
        cached = (context, Vocabulary(context.spearheads))
        _vocabularies[id(context)] = cached
    return cached[1]


def tokens(text: str) -> list[re.Match[str]]:
    """The words of ``text`` (lower-case it first) as matches, for one shared pass."""
    return list(_WORD.finditer(text))


def stems_of(words: Sequence[str]) -> list[str]:
    """The Snowball stem of each word (cached per distinct word)."""
    get = _STEMS.get
    return [get(word) or _stem_cached(word) for word in words]


def theme_hits(
    text: str, vocabulary: Vocabulary, sentence_starts: Sequence[int] = (), matches: list[re.Match[str]] | None = None,
    *, words: Sequence[str] | None = None, stems: Sequence[str] | None = None,
) -> list[ThemeHit]:
    """Vocabulary words and phrases in ``text``; ``words`` and ``stems`` of ``matches`` when known."""
    if matches is None:
        matches = tokens(text.lower())
    if words is None:
        words = [match.group() for match in matches]
    if stems is None:
        stems = stems_of(words)
    found: list[tuple[int, int, str, str]] = []  # (first token, last token, code, term)
    skip_until = -1
    entries = vocabulary.entries(words)
    # Only the words with an entry can count; compress walks past the others in C.
    for index in compress(range(len(entries)), entries):
        if index <= skip_until:
            continue
        phrases, items = entries[index]
        if phrases:
            matched = False
            for phrase, code, term in phrases:
                if tuple(stems[index : index + len(phrase)]) == phrase:
                    found.append((index, index + len(phrase) - 1, code, term))
                    skip_until = index + len(phrase) - 1
                    matched = True
            if matched:
                continue
        for code, term in items:
            found.append((index, index, code, term))
    hits = []
    for first, last, code, term in found:
        start, end = matches[first].start(), matches[last].end()
        sentence = bisect_right(sentence_starts, start) - 1 if sentence_starts else -1
        hits.append(ThemeHit(code, term, start, end, sentence))
    return hits


# ----------------------------------------------------------------------------- passing mentions

# Words of a spearhead's vocabulary that name a *party* rather than a subject ("samen met
# ondernemers, onderwijs en kennisinstellingen"). In a sentence that lists parties they say who
# takes part, not what the text is about.
PARTY_TERMS = frozenset({
    "bedrijfsleven", "ondernemers", "bedrijven", "werkgever", "onderwijs", "samenleving", "mkb",
    "woningcorporatie", "zorgaanbieder", "ggd",
})
_PARTY_LIST = re.compile(
    r"kennisinstelling|overheden|maatschappelijke\s+organisaties|instellingen|partners|partijen", re.I
)
# ... or one of the parties one works with ("samenwerken met het onderwijs en het bedrijfsleven"); a
# single party there may be the subject ("samenwerking met de fruittelers").
_WORKS_WITH = re.compile(r"\bsamen(?:werk\w*)?\s+met\s[^.;:!?()]*$", re.I)
_CLAUSE_END = re.compile(r"[.;:!?()]")
_PARTY_WORD = re.compile(r"(?:" + "|".join(sorted(PARTY_TERMS, key=len, reverse=True)) + r")", re.I)


def _among_partners(hit: ThemeHit, text: str, sentence: tuple[int, int]) -> bool:
    """Whether the hit is one of two or more parties after "samen met" or "samenwerken met"."""
    works_with = _WORKS_WITH.search(text, max(sentence[0], hit.start - 80), hit.start)
    if works_with is None:
        return False
    end = _CLAUSE_END.search(text, hit.end, sentence[1])
    return len(_PARTY_WORD.findall(text, works_with.end(), end.start() if end else sentence[1])) >= 2


# A vocabulary word inside a name: a ministry ("Ministerie van Infrastructuur en Waterstaat",
# "de minister van Justitie en Veiligheid").
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-ZÀ-Þ][a-zà-ÿ]")
# A list of ministries repeats "van" ("de ministeries van Landbouw, Natuur en Voedselkwaliteit, van
# Economische Zaken en Klimaat en van ..."); every word is followed by a space, so the words of the
# name split one way only.
_IN_MINISTRY_NAME = re.compile(r"\bminister(?:ie)?s?\s+van\s+(?:(?:[A-Z][\w-]*|en|van),?\s+)*$")
MINISTRY_REACH = 300  # characters before a word in which the ministry's "van" is looked for
# An item of a list under a lead-in that names the list as the text's subjects ("De agenda kent vier
# speerpunten:", "Onze opgaven", "Prioriteiten") names a subject of the text.
_SUBJECT_LIST = re.compile(
    r"\b(?:speerpunt|prioriteit|pijler|thema|opgave|ambitie|programmalijn|focusgebied|beleidsterrein)", re.I
)


# Forms of other words that share a stem with a vocabulary word: the verb "leven" (to live; "bij de
# fracties leven vragen") with "leefbaarheid", "ouders" (parents) with "ouderen", "gezonden" (sent)
# with "gezond".
OTHER_WORDS = frozenset({"leven", "leeft", "leefde", "leefden", "ouders", "gezonden"})
# "bereiken" is mostly to achieve ("meer bereiken", "een akkoord bereikt"); after "goed te",
# "slecht te" ... it is reaching a place.
_ACHIEVE = frozenset({"bereiken", "bereikt", "bereikte", "bereikten"})
_EASY_TO_REACH = re.compile(r"(?:goed|slecht|beter|makkelijk|gemakkelijk|moeilijk|lastig|snel)\s+te\s+$")
# "zorg" as a worry: beside a word of feeling ("onrust en zorg"), after a word of its weight
# ("enige zorg", "grote zorg"), or before "over", "om", "dat", "uit" ("zorg over de kosten", "zorg
# dat ...", "sprak haar zorg uit"). Not "veel zorg" or "met zorg": care needs much, housing comes with it;
# not "zorg om de hoek" or "zorg over de gemeentegrenzen": care nearby, across borders.
_WORRY_BEFORE = re.compile(
    r"\b(?:twijfel|twijfels|onrust|angst|onzekerheid|ongerustheid|bezorgdheid|enige|grote|grootste|ernstige|"
    r"diepe)\s+(?:en\s+)?$"
)
_WORRY_AFTER = re.compile(
    r"\s+(?:en\s+(?:twijfel|onrust|angst|onzekerheid)|over(?!\s+de\s+\w*grenz)|om(?!\s+de\s+hoek)|dat|uit)\b"
)
# "vitaal" of a place is its life and trade ("vitale kernen", "een vitaal platteland", "een vitale
# Achterhoek"), not the health of its people ("gezond en vitaal blijven").
_VITAL_PLACE = re.compile(
    r"\s+(?:[A-ZÀ-Þ]|(?:regio|stad|steden|streek|kern|dorp|wijk|platteland|binnenstad|centrum|economie|"
    r"vakantiepark|bedrijventerrein|winkelgebied)\w*)"
)


def _passing(hit: ThemeHit, text: str, sentence: tuple[int, int] | None) -> bool:
    """Whether a hit is a word in passing: a party in a list of parties, a word inside a name, or an
    idiom in which the word does not mean the subject ("op weg naar", "aan de weg timmeren", "in
    de weg staan"; the plural "zorgen" is the verb, "zorgen voor", or worries, not care, and so is
    "zorg" in "onrust en zorg", "zorg over"; "een vergadering bij te wonen" is attending it; "meer
    bereiken" is achieving it)."""
    surface = text[hit.start:hit.end]
    word = surface.lower()
    term = hit.term.lower()
    if word == "zorgen" or word.startswith(("bijwo", "bijgewoond")) or word in OTHER_WORDS:
        return True  # "bijwonen" (to attend) is no housing
    if word in ("vitaal", "vitale") and _VITAL_PLACE.match(text, hit.end):
        return True
    if word in _ACHIEVE and not _EASY_TO_REACH.search(text, max(0, hit.start - 20), hit.start):
        return True
    if word == "zorg" and (_WORRY_BEFORE.search(text, max(0, hit.start - 20), hit.start)
                           or _WORRY_AFTER.match(text, hit.end)):
        return True
    if word == "wonen" and text[max(0, hit.start - 7):hit.start].lower() == "bij te ":
        return True
    if term == "weg":
        before = text[max(0, hit.start - 8):hit.start].lower()
        if before.endswith("op ") and text.startswith(" naar", hit.end):
            return True
        if before.endswith("in de "):
            return True  # "staat ... in de weg"
        if before.endswith("aan de ") and sentence is not None and "timmer" in text[sentence[0]:sentence[1]].lower():
            return True
    if surface[:1].isupper() and sentence is not None:
        if _IN_MINISTRY_NAME.search(text, max(0, hit.start - MINISTRY_REACH), hit.start):
            return True
        if (uninflected(word) != word and _NEXT_CAPITALISED.match(text, hit.end)
                and any(map(str.isalpha, text[sentence[0]:hit.start]))):
            # A capitalised adjective before a capitalised word inside a sentence is part of a
            # name ("het Groene Hart", "de Groene Metropoolregio"); a noun such as "Bibliotheek"
            # in "De Bibliotheek Leiden" still names what the institution is.
            return True
        if (word != term and stem(word) != stem(term) and not word.endswith("wet")
                and any(map(str.isalpha, text[sentence[0]:hit.start]))):
            # A capitalised compound inside a sentence is a name ("GroenLinks", "Schoolstraat");
            # a law's name ("Participatiewet") still names its subject.
            return True
    if term in PARTY_TERMS and sentence is not None and (
        _PARTY_LIST.search(text, sentence[0], sentence[1]) or _among_partners(hit, text, sentence)
    ):
        return True
    return False


# A list of policy fields: "op het gebied van X, Y en Z", "op het terrein van", "op het vlak van",
# "op de terreinen"; a word belongs to it when nothing but list words stand between (no clause ends).
_FIELD_LIST = re.compile(
    r"\bop\s+(?:(?:het\s+)?(?:gebied|terrein|vlak)\s+van|de\s+(?:beleids)?(?:terreinen|gebieden))\s"
    r"(?=[^.;:!?()]{0,80}$)",
    re.I,
)
_FIELD_CUES = ("gebied", "terrein", "vlak")


def _in_field_list(hit: ThemeHit, text: str, sentence: tuple[int, int]) -> bool:
    before = text[max(sentence[0], hit.start - 120):hit.start]
    lower = before.lower()
    if not any(map(lower.__contains__, _FIELD_CUES)):
        return False
    return _FIELD_LIST.search(before) is not None


# The words whose hit is always in passing, and those that may be, depending on what stands around
# them (each branch of _passing that can answer yes).
_ALWAYS_PASSING = OTHER_WORDS | {"zorgen"}
_MAYBE_PASSING = _ACHIEVE | {"vitaal", "vitale", "zorg", "wonen"}
_PASSING_KINDS: dict[tuple[str, str], bool | None] = {}


def _passing_kind(surface: str, term: str) -> bool | None:
    """What _passing answers for a hit written ``surface`` of the entry ``term`` whatever stands
    around it: True (always in passing), False (never), or None (it depends: ask _passing). Cached."""
    key = (surface, term)
    kind = _PASSING_KINDS.get(key, ...)
    if kind is ...:
        word, entry = surface.lower(), term.lower()
        if word in _ALWAYS_PASSING or word.startswith(("bijwo", "bijgewoond")):
            kind = True
        elif word in _MAYBE_PASSING or entry == "weg" or entry in PARTY_TERMS or surface[:1].isupper():
            kind = None
        else:
            kind = False
        if len(_PASSING_KINDS) < 100_000:
            _PASSING_KINDS[key] = kind
    return kind


def substantive(hits: Sequence[ThemeHit], text: str, sentence_bounds: Sequence[tuple[int, int]]) -> list[ThemeHit]:
    """The hits that speak of a subject: without parties in a list of parties, names and idioms.
    A word in a list of policy fields stays, marked ``field_list`` (:func:`classify` weighs it)."""
    count = len(sentence_bounds)
    kept = []
    # Per sentence: whether it holds one of _FIELD_CUES at all; a hit inside a sentence without
    # any is in no field list (its look-back lies inside the sentence).
    cued: dict[int, bool] = {}
    for hit in hits:
        index = hit.sentence
        sentence = sentence_bounds[index] if 0 <= index < count else None
        kind = _passing_kind(text[hit.start:hit.end], hit.term)
        if kind or (kind is None and _passing(hit, text, sentence)):
            continue
        if sentence is not None:
            if hit.start <= sentence[1]:
                holds = cued.get(index)
                if holds is None:
                    lower = text[sentence[0]:sentence[1]].lower()
                    holds = cued[index] = any(map(lower.__contains__, _FIELD_CUES))
            else:
                holds = True
            if holds and _in_field_list(hit, text, sentence):
                hit = replace(hit, field_list=True)
        kept.append(hit)
    return kept


def listed_subjects(hits: Sequence[ThemeHit], sentences: Sequence[tuple[bool, str | None, str]]) -> set[str]:
    """Spearheads named in a list item whose lead-in calls the list the text's subjects.

    ``sentences`` gives per sentence whether it is a list item, its heading (lower case) and its
    text. A list's lead-in is the sentence ending in a colon just before its first item, else the
    heading it stands under."""
    leads: list[str | None] = []
    lead: str | None = None
    for index, (bullet, section, _text) in enumerate(sentences):
        if bullet:
            if index == 0 or not sentences[index - 1][0]:
                before = sentences[index - 1][2] if index else ""
                lead = before if before.rstrip().endswith(":") else section
        else:
            lead = None
        leads.append(lead)
    found = set()
    verdicts: dict[str, bool] = {}
    for hit in hits:
        if not 0 <= hit.sentence < len(leads):
            continue
        lead = leads[hit.sentence]
        if not lead:
            continue
        verdict = verdicts.get(lead)
        if verdict is None:
            verdict = verdicts[lead] = _SUBJECT_LIST.search(lead) is not None
        if verdict:
            found.add(hit.code)
    return found


# A short sentence holding this share of a spearhead's wording names that spearhead.
WORDING_SHARE = 0.7


def wording_matches(
    matches: Sequence[re.Match[str]], vocabulary: Vocabulary, sentence_bounds: Sequence[tuple[int, int]],
    stems: Sequence[str] | None = None,
) -> set[str]:
    """Spearheads whose vision wording a short sentence or line repeats ("Iedereen telt mee ...").

    ``matches`` are the lower-cased words of the text, ``sentence_bounds`` the sentences' spans."""
    wordings = vocabulary.wordings
    if not wordings:
        return set()
    wanted = vocabulary.wording_stems
    present: dict[int, set[str]] = defaultdict(set)  # sentence -> wording stems seen in it
    starts = [start for start, _ in sentence_bounds]
    if stems is None:
        stems = stems_of([match.group() for match in matches])
    for position in compress(range(len(stems)), map(wanted.__contains__, stems)):
        index = bisect_right(starts, matches[position].start()) - 1
        if index >= 0:
            present[index].add(stems[position])
    found = set()
    for index, stems_seen in present.items():
        start, end = sentence_bounds[index]
        if end - start > 200:
            continue
        for code, stems in wordings.items():
            if len(stems & stems_seen) >= WORDING_SHARE * len(stems):
                found.add(code)
    return found


def _names_spearhead(hit: ThemeHit, vocabulary: Vocabulary) -> bool:
    """Whether the hit's vocabulary entry is (a form of) a word of the spearhead's own name."""
    key = (hit.code, hit.term)
    known = vocabulary.naming.get(key)
    if known is None:
        names = vocabulary.name_stems.get(hit.code, ())
        known = vocabulary.naming[key] = any(stem(word) in names for word, _, _ in words_with_offsets(hit.term))
    return known


def classify(hits: Sequence[ThemeHit], vocabulary: Vocabulary, named: set[str] = frozenset(),
             words: int = 0, listed: set[str] = frozenset()) -> list[ThemeResult]:
    """The spearheads the text is about; ``words`` is the text's length in words (0: unknown);
    ``listed`` the spearheads named in a list of the text's subjects (:func:`listed_subjects`)."""
    by_code: dict[str, list[ThemeHit]] = defaultdict(list)
    for hit in hits:
        by_code[hit.code].append(hit)
    if not by_code and not named:
        return []
    enumerated: set[str] = set()
    per_sentence: dict[int, set[str]] = defaultdict(set)
    by_name: dict[int, set[str]] = defaultdict(set)
    for hit in hits:
        if hit.sentence >= 0:
            per_sentence[hit.sentence].add(hit.code)
            if _names_spearhead(hit, vocabulary):
                by_name[hit.sentence].add(hit.code)
    for index, codes in per_sentence.items():
        if len(by_name.get(index, ())) >= ENUMERATION:
            enumerated |= codes
    top = max((len(items) for items in by_code.values()), default=0)
    results = []
    for code, spearhead in vocabulary.spearheads.items():
        items = by_code.get(code, [])
        if not items and code not in named:
            continue
        count = len(items)
        counts = Counter(hit.term for hit in items)
        # Most frequent first; ties alphabetically, so the explanation does not depend on hashing.
        terms = tuple(dict.fromkeys(term.lower() for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))
        if code in named:
            rule, confidence = "formulering uit de visie", 0.85
        elif code in enumerated:
            rule, confidence = "opsomming van speerpunten", 0.8
        elif code in listed:
            rule, confidence = "lijst van onderwerpen", 0.75
        elif count >= MIN_HITS and count >= MIN_SHARE * top and (
            len(terms) >= 2 or count >= MIN_HITS_ONE_WORD or count * 100 >= ONE_WORD_DENSITY * words
        ) and not all(hit.field_list for hit in items):
            # A field named only in lists of fields ("op het gebied van jeugdhulp en welzijn") is named in
            # passing; beside a word elsewhere the list counts too.
            rule = "woorden uit de woordenlijst"
            confidence = min(0.95, 0.5 + 0.1 * count)
        else:
            continue
        results.append(ThemeResult(code, spearhead.name, count, terms, rule, confidence, tuple(items)))
    return results


# ----------------------------------------------------------------------------- topics


@dataclass(frozen=True)
class TopicMention:
    title: str
    slug: str | None  # None for a new topic candidate
    start: int
    end: int
    rule: str


_topic_patterns: dict[int, tuple[ExtractionContext, re.Pattern[str] | None, dict[str, Topic]]] = {}


def _topic_pattern(context: ExtractionContext) -> tuple[re.Pattern[str] | None, dict[str, Topic]]:
    cached = _topic_patterns.get(id(context))
    if cached is None or cached[0] is not context:
        phrases: dict[str, Topic] = {}
        for topic in context.topics:
            for phrase in (topic.title, *topic.aliases):
                phrases.setdefault(" ".join(phrase.lower().split()), topic)
        alternatives = sorted(phrases, key=len, reverse=True)
        pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives) + r")(?!\w)", re.I)
            if alternatives
            else None
        )
        pattern = _leading_class_form(alternatives) or pattern
        cached = (context, pattern, phrases)
        _topic_patterns[id(context)] = cached
    return cached[1], cached[2]


def _leading_class_form(alternatives: list[str]) -> re.Pattern[str] | None:
    r"""The topic pattern spelled to start with a class of the phrases' first letters, so the
    engine skips to the few places where a phrase can start; the same matches as
    ``(?<!\w)(?:<alternatives>)(?!\w)`` under re.I. None when a phrase starts with anything but
    an ASCII letter (the class then lists every character re.I equates with it)."""
    if not alternatives:
        return None
    groups: dict[str, list[str]] = {}
    for phrase in alternatives:  # longest first, an order kept within each first letter
        first = phrase[:1]
        if not (first.isascii() and first.isalpha()):
            return None
        groups.setdefault(first, []).append(re.escape(phrase[1:]).replace(r"\ ", r"\s+"))
    classes = {
        first: "".join(sorted(c for c in {first, first.upper(), "K", "ı", "ſ", "İ"} if re.fullmatch(first, c, re.I)))
        for first in groups
    }
    branches = "|".join(f"(?<=[{classes[first]}])(?i:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile(rf"[{''.join(classes.values())}](?<!\w[\s\S])(?:{branches})(?!\w)")


def known_topics(text: str, context: ExtractionContext) -> list[TopicMention]:
    pattern, phrases = _topic_pattern(context)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        topic = phrases[" ".join(match.group().lower().split())]
        found.append(TopicMention(topic.title, topic.slug, match.start(), match.end(), "bekend onderwerp"))
    return found


_LIST_INTRO = re.compile(
    r"\b(?:onderwerpen|thema['’]?s|dossiers|opgaven|punten|terreinen|gebieden|thema|onderwerp|dossier)\s*:?\s+"
    r"|\bmet\s+betrekking\s+tot\s+|\bnamelijk\s+",
    re.I,
)
_LIST_ITEM_END = re.compile(r"[.;:!?()]|\s(?:waarop|waarbij|waarvoor|die|dat|om|omdat|zodat|te|in|op|met|voor)\s", re.I)
_ARTICLE = re.compile(r"^(?:de|het|een|onder\s+meer|o\.a\.|zoals)\s+", re.I)


# Every _LIST_INTRO match holds one of these (lower case). Tested on the lower-cased sentence, which
# is the pattern's own test unless lower-casing changes a length or the sentence has one of the two
# letters re.I equates with ASCII letters that str.lower() leaves alone.
_LIST_INTRO_CUES = ("onderwerp", "thema", "dossier", "opgave", "punten", "terrein", "gebied", "betrekking", "namelijk")
_FOLDING_APART = ("ſ", "ı")


def _may_introduce_list(sentence: str) -> bool:
    lower = sentence.lower()
    if len(lower) != len(sentence) or any(map(lower.__contains__, _FOLDING_APART)):
        return True
    return any(map(lower.__contains__, _LIST_INTRO_CUES))


def topic_candidates(sentence: str, offset: int = 0) -> list[TopicMention]:
    """New topics named in a list inside a decision sentence ("op de onderwerpen X, Y en Z")."""
    found = []
    if not _may_introduce_list(sentence):
        return found
    for intro in _LIST_INTRO.finditer(sentence):
        tail_start = intro.end()
        stop = _LIST_ITEM_END.search(sentence, tail_start)
        tail_end = stop.start() if stop else len(sentence)
        tail = sentence[tail_start:tail_end]
        if "," not in tail and " en " not in tail:
            continue
        position = tail_start
        for part in re.split(r",|\sen\s", tail):
            raw = part
            part = _ARTICLE.sub("", part.strip())
            words = part.split()
            if 1 <= len(words) <= 3 and all(w.isalpha() for w in words) and len(part) >= 4:
                start = sentence.find(part, position)
                if start >= 0:
                    found.append(TopicMention(part.lower(), None, offset + start, offset + start + len(part), "opsomming in besluit"))
                    position = start + len(part)
            position = max(position, sentence.find(raw, position) + len(raw) if raw else position)
        break
    return found
