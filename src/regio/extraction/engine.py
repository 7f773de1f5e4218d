"""The text reader's pipeline: from a text to findings a person only has to confirm.

This module owns :func:`extract` and the shape of its answer. The steps:

1. guard: empty, binary or non-Dutch text gives an empty or partial result with a note;
2. :mod:`.normalise` repairs PDF/OCR damage and keeps a map to the original offsets;
3. :mod:`.sentences` splits the text into sentences, headings and list items;
4. :mod:`.dates` finds the document date and every date expression (resolved against
   the document date, else the context's reference date);
5. :mod:`.municipalities`, :mod:`.themes`, :mod:`.decisions`, :mod:`.commitments`,
   :mod:`.events` and :mod:`.roles` each read the sentences with their own rules.

Every :class:`Finding` carries its type, a normalised value, the span in the original
text, the sentence it came from, a confidence and the rule that produced it.
:meth:`ExtractionResult.to_format_dict` gives the keys of ``shared/extraction/FORMAT.md``
plus these details.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

from . import acts, commitments, decisions, events, roles, themes
from .context import ExtractionContext, default_context
from .dates import DateMention, document_date, find_dates, scan, trigger_positions
from .municipalities import catalogue, find_municipalities, find_organisations
from .normalise import NormalisedText, normalise
from .sentences import Sentence, lower_words, split

# Above this share of control characters the input is not text.
BINARY_SHARE = 0.05
# The guards look at the text's beginning, up to this many characters.
GUARD_SAMPLE = 200_000
# Below this share of common Dutch words the text is probably in another language.
DUTCH_SHARE = 0.12
_DUTCH_WORDS = frozenset(
    """de het een en van in op te dat die is zijn met voor niet aan er om ook als bij of naar
    door maar over dit wordt worden we wij ze zij u uw nog dan tot hebben heeft kan deze
    onze hun gaan gemeente gemeenten raad college""".split()
)
# Longer texts are read up to here (about 650 pages), cut at a paragraph break: memory for
# the findings grows with the text, and no single document the cooperation writes is longer.
MAX_CHARACTERS = 2_000_000
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_MATCHED = re.Match.group  # a match's whole text, for map()
_BY_START_AND_TYPE = attrgetter("start", "type")  # the order of the findings


@dataclass(frozen=True, init=False)
class Finding:
    type: str  # document_date, date, municipality, organisation, theme, topic, topic_candidate,
    # decision, commitment, event, open_role
    value: Any  # JSON-serialisable normalised value
    start: int  # span in the original text
    end: int
    sentence: str  # the sentence it came from (whitespace folded)
    confidence: float
    rule: str
    explanation: str = ""

    def __init__(self, type: str, value: Any, start: int, end: int, sentence: str, confidence: float, rule: str,
                 explanation: str = "") -> None:
        # A page gives some seventy findings: filling the instance dictionary at once is twice as
        # fast as the frozen dataclass's field-by-field object.__setattr__, and stays frozen after.
        self.__dict__.update(type=type, value=value, start=start, end=end, sentence=sentence,
                             confidence=confidence, rule=rule, explanation=explanation)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExtractionResult:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def of_type(self, kind: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.type == kind]

    @property
    def document_date(self) -> date | None:
        found = self.of_type("document_date")
        return date.fromisoformat(found[0].value) if found else None

    def to_format_dict(self) -> dict[str, Any]:
        """FORMAT.md's keys (same meaning), plus spans, confidence and rule per item."""
        doc_date = self.of_type("document_date")
        municipalities = []
        for finding in self.of_type("municipality"):
            name = finding.value.get("plain_name") or finding.value["name"]
            if name not in municipalities:
                municipalities.append(name)
        return {
            "document_date": doc_date[0].value if doc_date else None,
            "municipalities": municipalities,
            "themes": [finding.value["code"] for finding in self.of_type("theme")],
            # FORMAT.md's decisions were taken (past or present); one announced ("De raad besluit in maart
            # over ...") stays a finding, which the review records as proposed.
            "decisions": [finding.sentence for finding in self.of_type("decision")
                          if finding.rule != decisions.ANNOUNCED],
            "commitments": [
                {"quote": f.sentence, **f.value, "span": [f.start, f.end], "confidence": f.confidence, "rule": f.rule}
                for f in self.of_type("commitment")
            ],
            "events": [
                {"quote": f.sentence, **f.value, "span": [f.start, f.end], "confidence": f.confidence, "rule": f.rule}
                for f in self.of_type("event")
            ],
            "topics": [f.value for f in self.of_type("topic")],
            "topic_candidates": [f.value for f in self.of_type("topic_candidate")],
            "open_roles": [f.value for f in self.of_type("open_role")],
            "organisations": [f.value for f in self.of_type("organisation")],
            "findings": [finding.to_dict() for finding in self.findings],
            "notes": list(self.notes),
        }


_TRIGGERS = (decisions.TRIGGER, commitments.TRIGGER, events.TRIGGER)
_TRIGGER_FLAGS: dict[str, int] = {}
_CUES_SHIFT = len(_TRIGGERS)  # the bits above the triggers' are the word's decisions.cue_flags()


def _trigger_flags(words: Sequence[str]) -> list[int]:
    """For each word, a bit per rule family whose trigger it contains, and above those the
    decision rules' cue bits (each distinct word tested once)."""
    try:
        return list(map(_TRIGGER_FLAGS.__getitem__, words))
    except KeyError:  # words not seen before
        if len(_TRIGGER_FLAGS) > 300_000:
            _TRIGGER_FLAGS.clear()
        for word in set(words).difference(_TRIGGER_FLAGS):
            _TRIGGER_FLAGS[word] = sum(1 << bit for bit, trigger in enumerate(_TRIGGERS) if trigger.search(word)) | (
                decisions.cue_flags(word) << _CUES_SHIFT)
        return list(map(_TRIGGER_FLAGS.__getitem__, words))


class _Reader:
    """One text being read: the normalised text, its sentences and its dates."""

    def __init__(self, original: str, context: ExtractionContext) -> None:
        self.context = context
        self.norm: NormalisedText = normalise(original)
        self.layout = split(self.norm.text)
        self.sentences: Sequence[Sentence] = self.layout.sentences
        self.sentence_starts = [s.start for s in self.sentences]
        self.lower = self.norm.text.lower()
        self.lower_aligned = len(self.lower) == len(self.norm.text)  # lower-casing kept every offset
        self.tokens = themes.tokens(self.lower)
        self.words = list(map(_MATCHED, self.tokens))
        self.stems = themes.stems_of(self.words)
        self.result = ExtractionResult()
        self.codes: dict[str, str] = {}  # municipality name -> CBS code, of those the text names
        self.unrepaired = len(self.norm.offsets.normalised_starts) == 1
        # The original span of a normalised one (None: the same offsets), and where findings go.
        self._original_span = None if self.unrepaired else self.norm.offsets.spanner()
        self._found = self.result.findings.append

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.unrepaired:  # the normalised text is the original: offsets are the same
            return start, end
        return self.norm.original_span(start, end)

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect_left(self.sentence_starts, offset + 1) - 1
        if index < 0:
            return None
        sentence = self.sentences[index]
        return sentence if sentence.start <= offset < max(sentence.end, sentence.start + 1) else None

    def add(self, kind: str, value: Any, start: int, end: int, sentence: str, confidence: float, rule: str,
            explanation: str = "") -> None:
        if self._original_span is not None:
            start, end = self._original_span(start, end)
        self._found(Finding(kind, value, start, end, sentence, round(confidence, 2), rule, explanation))

    def triggered(self) -> tuple[set[int], set[int], set[int], dict[int, int] | None]:
        """Sentences that can fire the decision, commitment and event rules: those with a word
        that contains one of the rule family's triggers (each distinct word is tested once); and
        the decisions' cue bits of each sentence (None when lower-casing moved offsets)."""
        decide: set[int] = set()
        promise: set[int] = set()
        gather: set[int] = set()
        cues: dict[int, int] | None = {} if self.lower_aligned else None
        starts, tokens = self.sentence_starts, self.tokens
        all_flags = _trigger_flags(self.words)
        for token in compress(range(len(all_flags)), all_flags):  # only the words with a trigger or cue
            match = tokens[token]
            index = bisect_right(starts, match.start()) - 1
            flags = all_flags[token]
            if index >= 0:
                if flags & 1:
                    decide.add(index)
                if flags & 2:
                    promise.add(index)
                if flags & 4:
                    gather.add(index)
            found = flags >> _CUES_SHIFT
            if found and cues is not None:
                # Every sentence the word reaches into holds its cues (a sentence cut in a word
                # starts inside it): a sentence's cue lies inside one of the words it overlaps.
                for reached in range(max(index, 0), bisect_left(starts, match.end())):
                    cues[reached] = cues.get(reached, 0) | found
        return decide, promise, gather, cues

    def sentence_text(self, offset: int) -> str:
        sentence = self.sentence_at(offset)
        return sentence.text if sentence else ""


def _readable(text: str, result: ExtractionResult) -> bool:
    """False when the input cannot be read at all (the reason is in the notes)."""
    if not text.strip():
        result.notes.append("Lege tekst: er valt niets te lezen.")
        return False
    sample = text[:GUARD_SAMPLE]
    if len(_CONTROL.findall(sample)) > BINARY_SHARE * len(sample):
        result.notes.append("De invoer lijkt geen tekst te zijn (binaire gegevens); niets gelezen.")
        return False
    return True


def _word_counts(sample: str, reader: _Reader) -> tuple[int, int]:
    """How many words (runs of letters, lower-cased) ``sample`` has, and how many are common Dutch words."""
    lower = sample.lower()
    found = _letter_runs(lower)
    if found is None:  # not a Latin-1 text
        if reader.unrepaired and reader.lower_aligned and len(reader.lower) == len(sample):
            # The reader's words are those of this very text: split them into the runs of letters
            # _WORD finds (and leave out the numbers) rather than scan the text again.
            parts = " ".join(reader.words).replace("-", " ").replace("'", " ").replace("’", " ").split()
            return len(parts) - sum(map(str.isdecimal, parts)), sum(map(_DUTCH_WORDS.__contains__, parts))
        found = _WORD.findall(lower)
    return len(found), sum(map(_DUTCH_WORDS.__contains__, found))


# For a Latin-1 text: every byte that is no letter made a space, so that str.split() gives
# _WORD's runs of letters (no letter is whitespace): three to four times as fast as the pattern.
_NOT_LETTER_TO_SPACE = bytes(code if _WORD.match(chr(code)) else 32 for code in range(256))


# A letter outside Latin-1 ("ﬁ", "ł", "ő"): a text with one needs the pattern itself.
_LETTER_BEYOND_LATIN_1 = re.compile(r"[^\W\d_\x00-\xff]")


def _letter_runs(text: str) -> list[str] | None:
    """``_WORD.findall(text)`` (the runs of letters) for a text whose letters are all Latin-1, else None.
    Its other characters beyond Latin-1 ("’", "•", "€") are no letters: each becomes a "?", no letter
    either, so the runs stay the same."""
    try:
        encoded = text.encode("latin-1")
    except UnicodeEncodeError:
        if _LETTER_BEYOND_LATIN_1.search(text):
            return None
        encoded = text.encode("latin-1", errors="replace")
    return encoded.translate(_NOT_LETTER_TO_SPACE).decode("latin-1").split()


def _guard_notes(text: str, reader: _Reader) -> list[str]:
    """Notes on a text that is read only in part: another language, no sentence ends."""
    notes = []
    sample = text[:GUARD_SAMPLE]
    words, dutch = _word_counts(sample, reader)
    if words >= 20 and dutch < DUTCH_SHARE * words:
        notes.append("De tekst lijkt niet Nederlands; de regels zijn Nederlands, het resultaat is onvolledig.")
    if not re.search(r"[.!?]", sample) and len(text) > 200:
        notes.append("De tekst heeft geen zinseinden; zinnen zijn op regels en lengte gesplitst.")
    return notes


def _dates(reader: _Reader) -> list[DateMention]:
    text = reader.norm.text
    triggers = trigger_positions(reader.lower, reader.tokens, reader.words) if reader.lower_aligned else None
    raws = scan(text, triggers)
    own = document_date(text, raws)
    if own is not None and own.window is not None:
        reader.add("document_date", own.window.start.isoformat(), own.start, own.end,
                   reader.sentence_text(own.start), 0.9, "datering", f"'{' '.join(own.text.split())}'")
    reference = own.window.start if own is not None and own.window is not None else reader.context.reference_date
    if reference is None:
        reader.result.notes.append(
            "Geen documentdatum gevonden: jaartallen zonder jaar komen uit de dichtstbijzijnde volledige datum."
        )
    mentions = find_dates(text, reference=reference, raws=raws)
    for mention in mentions:
        window = mention.window
        value = {
            "text": " ".join(mention.text.split()),
            "start": window.start.isoformat() if window else None,
            "end": window.end.isoformat() if window else None,
            "kind": mention.kind,
            "deadline": mention.deadline,
        }
        reader.add("date", value, mention.start, mention.end, reader.sentence_text(mention.start),
                   0.9 if window else 0.4, mention.kind)
    return mentions


def _municipalities(reader: _Reader) -> list[tuple[int, int, str]]:
    cat = catalogue(reader.context)
    if not cat.national:
        reader.result.notes.append(
            "De landelijke gemeentelijst is niet beschikbaar; alleen de gemeenten van de regio worden herkend."
        )
    spans = []
    # A former municipality is one only in a text written before it ceased ("as it existed when
    # the text was written"); later, its name is a village's.
    written = reader.result.document_date or reader.context.reference_date
    for mention in find_municipalities(reader.norm.text, cat):
        record = mention.record
        if record.end_date is not None and written is not None and written >= record.end_date:
            continue
        value = {"name": record.name, "plain_name": cat.plain.get(record.name, record.name),
                 "cbs_code": record.cbs_code, "current": record.is_current,
                 "end_date": record.end_date.isoformat() if record.end_date else None,
                 "successor": record.successor, "as_written": mention.text}
        reader.add("municipality", value, mention.start, mention.end, reader.sentence_text(mention.start),
                   mention.confidence, mention.rule)
        spans.append((mention.start, mention.end, record.name))
        reader.codes[record.name] = record.cbs_code
    seen = set()
    for organisation in find_organisations(reader.norm.text):
        if organisation.name in seen:
            continue
        seen.add(organisation.name)
        reader.add("organisation", {"name": organisation.name, "kind": organisation.kind}, organisation.start,
                   organisation.end, reader.sentence_text(organisation.start), 0.8, f"organisatie: {organisation.kind}")
    return spans


def _themes(reader: _Reader) -> None:
    vocabulary = themes.vocabulary_for(reader.context)
    hits = themes.theme_hits(reader.norm.text, vocabulary, reader.sentence_starts, reader.tokens,
                             words=reader.words, stems=reader.stems)
    bounds = [(s.start, s.end) for s in reader.sentences]
    named = themes.wording_matches(reader.tokens, vocabulary, bounds, reader.stems)
    hits = themes.substantive(hits, reader.norm.text, bounds)
    listed = themes.listed_subjects(hits, [(s.bullet, s.section, s.text) for s in reader.sentences])
    for theme in themes.classify(hits, vocabulary, named, len(reader.words), listed):
        first = theme.hits[0] if theme.hits else None
        if first is None:
            continue
        reader.add("theme", {"code": theme.code, "name": theme.name, "score": theme.score, "words": list(theme.terms)},
                   first.start, first.end, reader.sentence_text(first.start), theme.confidence, theme.rule,
                   "telde: " + ", ".join(theme.terms))


class _ByStart:
    """Items sorted by their start offset, for fast "which ones fall in this sentence" lookups."""

    def __init__(self, items: Sequence[Any], start_of=attrgetter("start")) -> None:
        self.items = sorted(items, key=start_of)
        self.starts = [start_of(item) for item in self.items]

    def within(self, start: int, end: int) -> list[Any]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def _read_sentences(
    reader: _Reader, mentions: list[DateMention], places: list[tuple[int, int, str]], reference: date | None
) -> None:
    text = reader.norm.text
    topic_mentions = themes.known_topics(text, reader.context)
    topics_by_start = _ByStart(topic_mentions)
    dates_by_start = _ByStart(mentions)
    places_by_start = _ByStart(places, itemgetter(0))
    seen_topics: set[str] = set()
    for mention in topic_mentions:
        if mention.slug not in seen_topics:
            seen_topics.add(mention.slug or mention.title)
            reader.add("topic", {"title": mention.title, "slug": mention.slug}, mention.start, mention.end,
                       reader.sentence_text(mention.start), 0.9, mention.rule)
    known_words = {t.title.lower() for t in reader.context.topics} | {
        alias.lower() for t in reader.context.topics for alias in t.aliases
    }
    may_decide, may_promise, may_gather, decision_cues = reader.triggered()
    # The sentences that hold a role word (lower-cased in place, so the text's offsets hold): the
    # others need no open_role() (a sentence's text is its span with whitespace folded).
    may_name_role = {bisect_right(reader.sentence_starts, cue.start()) - 1
                     for cue in roles.ROLE_CUE.finditer(reader.lower)} if reader.lower_aligned else None
    decision_hits = {hit.sentence: hit for hit in decisions.find_decisions(reader.sentences, may_decide, decision_cues)}
    candidates_seen: set[str] = set()
    previous_topics: list[str] = []
    headings: dict[str, int] = {}  # section -> whether it names a gathering (see _gathering_heading)
    reported: set[str] = set()  # the news titles whose gathering a dated sentence below has given
    # The dates and known topics of a sentence are those that start inside it (bisected here, inline:
    # the loop runs for every sentence).
    date_items, date_starts = dates_by_start.items, dates_by_start.starts
    topic_items, topic_starts = topics_by_start.items, topics_by_start.starts
    for sentence in reader.sentences:
        if sentence.heading:
            continue
        start, end = sentence.start, sentence.end
        raw = text[start:end]
        dated = date_items[bisect_left(date_starts, start) : bisect_left(date_starts, end)]
        known_here = topic_items[bisect_left(topic_starts, start) : bisect_left(topic_starts, end)] \
            if topic_starts else topic_items
        sentence_topics = [m.title for m in known_here]
        # The topics and municipalities this sentence names, and the memo its act keys share: made
        # for the sentence's first finding, shared by the others.
        said: dict[str, Any] | None = None
        decision = decision_hits.get(sentence.index)
        if decision is not None and decision.rule == "werkwoord" and reference is not None and any(
                m.window is not None and m.window.start > reference for m in dated) \
                and decisions.announces_deciding(sentence.text):
            # "De raad besluit in maart over ...": a decision still to be taken, announced
            decision = decisions.DecisionHit(decision.sentence, decisions.ANNOUNCED, 0.6,
                                             "een besluit dat nog genomen wordt: " + decision.explanation)
        if decision is not None:
            said = _named(reader, known_here, places_by_start, sentence)
            reader.add("decision", {"dates": [_window(m) for m in dated if m.window],
                                    **acts.describe("decision", sentence.text, dated, text, reference, **said)},
                       sentence.start, sentence.end, sentence.text, decision.confidence, decision.rule,
                       decision.explanation)
            for candidate in themes.topic_candidates(raw, sentence.start):
                if candidate.title in known_words or candidate.title in candidates_seen:
                    continue
                candidates_seen.add(candidate.title)
                sentence_topics.append(candidate.title)
                reader.add("topic_candidate", {"title": candidate.title}, candidate.start, candidate.end,
                           sentence.text, 0.5, candidate.rule)
        promise = None
        if sentence.index in may_promise:
            coming = [m for m in dated if m.window is not None and (reference is None or m.window.end >= reference)]
            promise = commitments.classify(sentence.text, future_date=bool(coming),
                                           deadline=any(m.deadline for m in coming),
                                           limit=any(m.kind == "before" for m in coming))
        if promise is None and sentence.section and (sentence.bullet or sentence.first_in_unit):
            promise = commitments.listed(sentence.text, sentence.section)  # "Toezeggingen", "Actiepunten"
        if promise is not None:
            if said is None:
                said = _named(reader, known_here, places_by_start, sentence)
            due_mention = _due_mention(dated)
            due = due_mention.window.end.isoformat() if due_mention and due_mention.window else None
            reader.add("commitment", {"due": due, "promisor": promise.promisor, "recipient": promise.recipient,
                                      **acts.describe("commitment", sentence.text, dated, text, reference,
                                                      prefer=due_mention, requested=promise.requested,
                                                      actor_text=promise.promisor, addressee_text=promise.recipient,
                                                      **said)},
                       sentence.start, sentence.end, sentence.text, promise.confidence, promise.rule)
        # "sinds 2013", "per 1 januari", "vanaf mei": when something holds, not when people gather.
        gathered = [m for m in dated if not _SINCE.search(text, max(0, m.start - 8), m.start)
                    and not _SINCE_WORD.match(m.text)] if dated else dated
        # The word runs of the folded sentence are those of its raw text (the commitment rules
        # have just asked for them): the event rules read the raw text for its offsets.
        gathering = events.classify(raw, lower_words(sentence.text)[1]) if sentence.index in may_gather else None
        # A line that is a date, or a title that ends in one (the layout may join the two).
        unfinished = bool(dated) and not sentence.text.endswith(".")
        date_line = agenda = False
        if unfinished:
            date_line = dated[0].start <= sentence.start + 1
            titled = not date_line and sentence.end - dated[-1].end <= 8 and dated[-1].start - sentence.start <= 60
            title = sentence.section if date_line else text[sentence.start:dated[-1].start] if titled else None
            agenda = bool(title) and _agenda_date_line(text, sentence) and events.names_sitting_body(title)
        if date_line or agenda:
            # An agenda's meeting (under the body's name, with a time or a place to follow), or
            # else a publication line: never a gathering by itself.
            date_line = True
            gathering = None
            if agenda:
                gathering = events.EventHit("datum onder de naam van een orgaan", 0.5, 0, f"onder '{title.strip()}'")
        elif gathering is None and gathered and sentence.section and sentence.section not in reported and (
                _gathering_heading(sentence.section, headings)):
            gathering = events.EventHit("kop met bijeenkomst", 0.55, 0, f"onder de kop '{sentence.section}'")
        if gathered and sentence.section and headings.get(sentence.section) == _REPORTS_GATHERING and (
                gathering is not None):
            reported.add(sentence.section)  # the title's one gathering has its dated sentence
        if gathering is None and gathered and not date_line:
            coming = [m for m in gathered if m.window is None or reference is None or m.window.end >= reference]
            if coming and promise is None:
                gathering = events.body_sitting(raw)
            if gathering is None and any(events.body_dated(text[max(0, m.start - 60):m.start]) for m in gathered
                                         if text[max(0, m.start - 6):m.start].rstrip().endswith("van")):
                gathering = events.EventHit("orgaan met datum", 0.55, 0, "een orgaan met een datum")
        if gathering is not None:
            nearest = _nearest_mention(gathered, sentence.start + gathering.cue_start)
            window = (nearest.window.start.isoformat(), nearest.window.end.isoformat()) if nearest else None
            place = events.venue(raw, [(s - sentence.start, e - sentence.start, n) for s, e, n in
                                       places_by_start.within(sentence.start, sentence.end)],
                                 named=window is not None or events.takes_place(raw), cue=gathering.cue_start)
            if gathering.needs_date and not gathered:
                place = None
            if date_line and place is None:
                place = _agenda_place(text, sentence)
            # A day the text gives without a year it can settle ("op 15 april") still pins the
            # gathering down; a month alone ("in september") does not.
            if window is not None or place is not None or (not gathering.needs_date and any(
                m.window is None and m.kind == "day" for m in gathered
            )):
                if said is None:
                    said = _named(reader, known_here, places_by_start, sentence)
                reader.add("event", {"place": place, "start": window[0] if window else None,
                                     "end": window[1] if window else None,
                                     **acts.describe("event", sentence.text, gathered, text, reference,
                                                     prefer=nearest, **said)},
                           sentence.start, sentence.end, sentence.text, gathering.confidence, gathering.rule,
                           gathering.explanation)
        role = roles.open_role(sentence.text) if may_name_role is None or sentence.index in may_name_role else None
        if role is not None:
            word, anaphoric = role
            concerned = previous_topics if anaphoric or not sentence_topics else sentence_topics
            reader.add("open_role", {"role": word, "topics": list(dict.fromkeys(concerned))}, sentence.start,
                       sentence.end, sentence.text, 0.7, "rol nog te bepalen")
        if sentence_topics:
            previous_topics = sentence_topics


_NAMED_NOTHING: dict[str, list[str]] = {"topics": [], "municipalities": [], "names": []}


def _named(reader: _Reader, known_here: list[Any], places_by_start: _ByStart, sentence: Sentence) -> dict[str, Any]:
    """The topics and municipalities ``sentence`` names, and a fresh memo for its act keys."""
    places_here = places_by_start.within(sentence.start, sentence.end)
    if not known_here and not places_here:
        return {**_NAMED_NOTHING, "memo": {}}
    text = reader.norm.text
    return {
        "topics": [m.slug for m in known_here if m.slug],
        "municipalities": [reader.codes[name] for _s, _e, name in places_here if name in reader.codes],
        "names": [text[start:end] for start, end, _name in places_here],
        "memo": {},
    }
_SINCE = re.compile(r"\b(?:sinds|per|vanaf|sedert)\s+$", re.IGNORECASE)
_SINCE_WORD = re.compile(r"(?:sinds|per|vanaf|sedert)\b", re.IGNORECASE)
# An agenda's header gives the time or the place of the meeting after its date; a web page's
# publication line gives its author or when it was changed.
_AGENDA_FOLLOWS = re.compile(
    r"\b(?:locatie|plaats|aanvang|voorzitter)\b|\d{1,2}[:.]\d{2}(?:\s*uur)?\s*(?:[-–]\s*\d{1,2}[:.]\d{2}|\n|$)",
    re.IGNORECASE,
)
_PUBLICATION = re.compile(r"\b(?:gewijzigd|auteur|geplaatst|gepubliceerd|nieuws|foto|redactie|bron)\b", re.IGNORECASE)


_AGENDA_PLACE = re.compile(r"\blocatie\s*:?[ \t]*\n?\s*([^\n]{2,80})", re.IGNORECASE)


def _agenda_place(text: str, sentence: Sentence) -> str | None:
    """The place an agenda's header gives under "Locatie" after the meeting's date."""
    found = _AGENDA_PLACE.search(text, sentence.end, sentence.end + 120)
    return " ".join(found.group(1).split()) if found else None


def _agenda_date_line(text: str, sentence: Sentence) -> bool:
    """Whether a line with a date is followed, within a few lines, by the meeting's time or place."""
    ahead = text[sentence.start : sentence.end + 80]
    return _PUBLICATION.search(ahead) is None and _AGENDA_FOLLOWS.search(ahead) is not None


_NAMES_GATHERING, _REPORTS_GATHERING = 1, 2


def _gathering_heading(section: str, known: dict[str, int]) -> int:
    """Whether a heading names a gathering: 0 (no); _NAMES_GATHERING ("Regionale raadsavond",
    "Bijeenkomst 12 maart": every dated sentence under it is the gathering); _REPORTS_GATHERING, a
    news item's title with a verb ("Vijf gemeenten tekenen convenant"): it reports one gathering,
    which the first dated gathering below it gives, not every dated sentence. Asked once a heading."""
    verdict = known.get(section)
    if verdict is None:
        hit = events.classify(section)
        verdict = known[section] = 0 if hit is None else _REPORTS_GATHERING if hit.rule == "samenkomst" \
            else _NAMES_GATHERING
    return verdict


def _window(mention: DateMention) -> dict[str, str]:
    assert mention.window is not None
    return {"start": mention.window.start.isoformat(), "end": mention.window.end.isoformat()}


def _due_mention(mentions: Sequence[DateMention]) -> DateMention | None:
    """The first deadline expression, else the first resolved date: its last day is the due date."""
    resolved = [m for m in mentions if m.window is not None]
    deadlines = [m for m in resolved if m.deadline]
    chosen = (deadlines or resolved)[:1]
    return chosen[0] if chosen else None


def _nearest_mention(mentions: Sequence[DateMention], offset: int) -> DateMention | None:
    resolved = [m for m in mentions if m.window is not None]
    if not resolved:
        return None
    return min(resolved, key=lambda m: min(abs(m.start - offset), abs(m.end - offset)))


def extract(text: str | bytes, context: ExtractionContext | None = None) -> ExtractionResult:
    """Read ``text`` and return its findings; never raises on odd input (see the notes)."""
    # The reader makes many small objects and no reference cycles that outlive it: the cyclic
    # collector's passes during one text find nothing to free, so it waits until the text is read.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _extract(text, context)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str | bytes, context: ExtractionContext | None) -> ExtractionResult:
    result = ExtractionResult()
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if not _readable(text, result):
        return result
    whole = text
    if len(text) > MAX_CHARACTERS:
        cut = text.rfind("\n\n", MAX_CHARACTERS // 2, MAX_CHARACTERS)
        cut = cut if cut > 0 else MAX_CHARACTERS
        result.notes.append(
            f"De tekst is {len(text):,} tekens lang; alleen de eerste {cut:,} tekens zijn gelezen.".replace(",", ".")
        )
        text = text[:cut]
    reader = _Reader(text, context or default_context())
    reader.result.notes.extend(_guard_notes(whole, reader))
    reader.result.notes.extend(result.notes)
    if reader.layout.cut_sentences:
        reader.result.notes.append(
            f"{reader.layout.cut_sentences} te lange zin(nen) afgekapt: de tekst mist zinseinden."
        )
    mentions = _dates(reader)
    places = _municipalities(reader)
    _themes(reader)
    _read_sentences(reader, mentions, places, reader.result.document_date or reader.context.reference_date)
    reader.result.findings.sort(key=_BY_START_AND_TYPE)
    return reader.result


def extract_format(text: str) -> dict[str, Any]:
    """``extract(text).to_format_dict()`` with the default region: the evaluator's entry point."""
    return extract(text).to_format_dict()
