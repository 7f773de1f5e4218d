"""Scoring the text reader against annotated texts.

This module owns the measuring stick of the extraction engine: it loads a folder of
annotated pairs (``NAME.txt`` + ``NAME.json``, as described in
``shared/extraction/FORMAT.md``), runs an ``extract(text) -> dict`` callable on every
text and counts, per field, true positives, false positives and false negatives.

Fields and how they are counted:

``document_date``
    single-valued: equal dates are a true positive; a wrong date counts as one false
    positive and one false negative; a date found where none is annotated is a false
    positive (spurious); none found where one is annotated is a false negative (missed).
``municipalities``, ``themes``
    sets, compared exactly (municipalities on their case-sensitive names, CBS's province qualifier
    dropped where the bare name is not shared: "Laren" is "Laren (NH.)", "Bergen (NH.)" stays).
    A found municipality listed in ``optional_municipalities`` is ignored.
``decisions``, ``commitments``, ``events``
    quotes, matched as FORMAT.md prescribes (see :func:`quotes_match`). A found item
    that matches no annotated item but does match an optional one is ignored.
``commitment_due``
    commitments counted with their date: a matched commitment whose ``due`` is equal
    is a true positive; a matched one with another ``due`` counts as a false positive
    and a false negative; unmatched commitments count as in ``commitments``.
``event_window``, ``event_place``
    scored on matched events only: equal (``start``, ``end``) is a true positive,
    otherwise one false positive and one false negative. Places are equal when both
    are ``null`` or when they share a word.

Matching is greedy and deterministic: all (annotated, found) pairs that satisfy the
matching rule are ranked by their overlap (the Dice coefficient of the two word
multisets, highest first; ties broken by annotated position, then found position) and
taken in that order, each annotated and each found quote at most once. Annotated
items are matched first; only the found items left over are then compared with the
optional items.

The module is plain Python (stdlib only) so that it runs without Django.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

THEME_CODES = (
    "wonen_groen",
    "economie",
    "bereikbaarheid",
    "duurzaamheid",
    "gezonde_leefomgeving",
    "sociaal",
    "voorzieningen",
)

FIELDS = (
    "document_date",
    "municipalities",
    "themes",
    "decisions",
    "commitments",
    "commitment_due",
    "events",
    "event_window",
    "event_place",
)

# The headline fields: "overall" is the unweighted mean of their F1 (the table: the
# document date, the names, the spearheads, decisions, commitments with their due date, events).
OVERALL_FIELDS = ("document_date", "municipalities", "themes", "decisions", "commitment_due", "events")

REQUIRED_KEYS = ("document_date", "municipalities", "themes", "decisions", "commitments", "events")
OPTIONAL_KEYS = (
    "optional_municipalities",
    "optional_decisions",
    "optional_commitments",
    "optional_events",
)

_WORD = re.compile(r"[^\W_]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WHITESPACE = re.compile(r"\s+")


class AnnotationError(ValueError):
    """An annotation file (or the engine's output) does not follow FORMAT.md."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Commitment:
    quote: str
    due: str | None


@dataclass(frozen=True)
class Event:
    quote: str
    place: str | None
    start: str | None
    end: str | None


@dataclass(frozen=True)
class Findings:
    """What a reader (human or engine) found in one text, in FORMAT.md's keys."""

    document_date: str | None = None
    municipalities: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    decisions: tuple[str, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    events: tuple[Event, ...] = ()
    optional_municipalities: frozenset[str] = frozenset()
    optional_decisions: tuple[str, ...] = ()
    optional_commitments: tuple[Commitment, ...] = ()
    optional_events: tuple[Event, ...] = ()


@dataclass(frozen=True)
class AnnotatedText:
    name: str
    text: str
    annotation: Findings
    path: Path


# ------------------------------------------------------------------ quote matching


def words(text: str) -> list[str]:
    """The text lower-cased and split into words of letters and digits."""
    return _WORD.findall(text.lower())


def _shared_words(annotated: Sequence[str], found: Sequence[str]) -> int:
    # Word multisets: a word that occurs twice in the annotated quote must occur
    # twice in the found one to count twice.
    return sum((Counter(annotated) & Counter(found)).values())


def _overlap(annotated: str, found: str) -> Fraction | None:
    """The Dice overlap of two quotes if they match under FORMAT.md's rule, else None."""
    annotated_words = words(annotated)
    found_words = words(found)
    if not annotated_words or not found_words:
        return None
    shared = _shared_words(annotated_words, found_words)
    # Integer arithmetic keeps the boundaries (exactly one half, exactly one third) exact.
    if 2 * shared < len(annotated_words) or 3 * shared < len(found_words):
        return None
    return Fraction(2 * shared, len(annotated_words) + len(found_words))


def quotes_match(annotated: str, found: str) -> bool:
    """True when ``found`` contains at least half of ``annotated``'s words and at least
    a third of ``found``'s own words are in ``annotated``."""
    return _overlap(annotated, found) is not None


def match_quotes(annotated: Sequence[str], found: Sequence[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, best overlap first; returns (annotated, found) index pairs."""
    candidates = []
    for a_index, a_quote in enumerate(annotated):
        for f_index, f_quote in enumerate(found):
            overlap = _overlap(a_quote, f_quote)
            if overlap is not None:
                candidates.append((-overlap, a_index, f_index))
    candidates.sort()
    used_annotated: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, a_index, f_index in candidates:
        if a_index in used_annotated or f_index in used_found:
            continue
        used_annotated.add(a_index)
        used_found.add(f_index)
        pairs.append((a_index, f_index))
    return sorted(pairs)


@dataclass(frozen=True)
class _QuoteOutcome:
    pairs: list[tuple[int, int]]  # (annotated index, found index)
    missed: list[int]  # annotated indices
    spurious: list[int]  # found indices
    ignored: list[int]  # found indices that matched an optional item


def _match_with_optional(
    annotated: Sequence[str], optional: Sequence[str], found: Sequence[str]
) -> _QuoteOutcome:
    pairs = match_quotes(annotated, found)
    matched_annotated = {a for a, _ in pairs}
    matched_found = {f for _, f in pairs}
    leftover = [f for f in range(len(found)) if f not in matched_found]
    optional_pairs = match_quotes(optional, [found[f] for f in leftover])
    ignored = sorted(leftover[f] for _, f in optional_pairs)
    return _QuoteOutcome(
        pairs=pairs,
        missed=[a for a in range(len(annotated)) if a not in matched_annotated],
        spurious=[f for f in leftover if f not in ignored],
        ignored=ignored,
    )


def places_match(annotated: str | None, found: str | None) -> bool:
    """Both null, or the two places share a word (case-insensitive)."""
    if annotated is None or found is None:
        return annotated is None and found is None
    return bool(set(words(annotated)) & set(words(found)))


# ------------------------------------------------------------------------- report


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        # Claiming nothing is never wrong: an empty answer has precision 1.
        claimed = self.tp + self.fp
        return self.tp / claimed if claimed else 1.0

    @property
    def recall(self) -> float:
        # Nothing to find means nothing was missed.
        expected = self.tp + self.fn
        return self.tp / expected if expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn


@dataclass(frozen=True)
class Miss:
    """One error in one document: ``kind`` is ``missed``, ``spurious`` or ``wrong``."""

    field: str
    kind: str
    detail: str


@dataclass
class DocumentResult:
    name: str
    scores: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    misses: list[Miss] = field(default_factory=list)

    def _note(self, field_name: str, kind: str, detail: str) -> None:
        self.misses.append(Miss(field_name, kind, detail))


@dataclass
class Report:
    documents: list[DocumentResult]

    @property
    def fields(self) -> dict[str, FieldScore]:
        totals = {name: FieldScore() for name in FIELDS}
        for document in self.documents:
            for name, score in document.scores.items():
                totals[name].add(tp=score.tp, fp=score.fp, fn=score.fn)
        return totals

    def format_table(self) -> str:
        header = ("field", "P", "R", "F1", "tp", "fp", "fn")
        rows = [
            (
                name,
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
                str(score.tp),
                str(score.fp),
                str(score.fn),
            )
            for name, score in self.fields.items()
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        lines = []
        for row in [header, *rows]:
            cells = [row[0].ljust(widths[0])]
            cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:])]
            lines.append("  ".join(cells).rstrip())
        lines.insert(1, "  ".join("-" * width for width in widths))
        lines.append(f"{len(self.documents)} documents, overall F1 {self.overall:.3f} "
                     f"(mean of {', '.join(OVERALL_FIELDS)})")
        return "\n".join(lines)

    @property
    def overall(self) -> float:
        """The unweighted mean F1 of the headline fields (:data:`OVERALL_FIELDS`)."""
        totals = self.fields
        return sum(totals[name].f1 for name in OVERALL_FIELDS) / len(OVERALL_FIELDS)

    def format_misses(self) -> str:
        blocks = []
        for document in self.documents:
            if not document.misses:
                continue
            lines = [f"== {document.name}"]
            # Quotes keep the text's line breaks; one line per miss reads better.
            lines += [f"  {m.field:<15} {m.kind:<8} {fold_whitespace(m.detail)}" for m in document.misses]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) if blocks else "no misses"

    def below(self, thresholds: Mapping[str, float]) -> list[str]:
        """The fields (in ``FIELDS`` order) whose F1 is below their threshold."""
        unknown = sorted(set(thresholds) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s) in thresholds: {', '.join(unknown)}")
        totals = self.fields
        return [name for name in FIELDS if name in thresholds and totals[name].f1 < thresholds[name]]


# ------------------------------------------------------------------------ parsing


def _fail(source: str, key: str, problem: str) -> AnnotationError:
    return AnnotationError(f"{source}: key '{key}': {problem}")


def _parse_date(value: Any, *, source: str, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise _fail(source, key, f"expected an ISO date YYYY-MM-DD or null, got {value!r}")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _fail(source, key, f"not a calendar date: {value!r}") from None
    return value


def _parse_quote(value: Any, *, source: str, key: str) -> str:
    if not isinstance(value, str) or not words(value):
        raise _fail(source, key, f"expected a quote with at least one word, got {value!r}")
    return value


def _parse_list(value: Any, *, source: str, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(source, key, f"expected a list, got {type(value).__name__}")
    return value


def _parse_names(value: Any, *, source: str, key: str) -> frozenset[str]:
    names = _parse_list(value, source=source, key=key)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise _fail(source, key, f"expected non-empty names, got {name!r}")
    return frozenset(names)


def _check_item_keys(item: Any, expected: set[str], *, strict: bool, source: str, key: str) -> None:
    if not isinstance(item, dict):
        raise _fail(source, key, f"expected an object, got {item!r}")
    missing = {"quote"} if not strict else expected
    missing = sorted(missing - set(item))
    if missing:
        raise _fail(source, key, f"item lacks {', '.join(missing)}: {item!r}")
    extra = sorted(set(item) - expected)
    if strict and extra:
        raise _fail(source, key, f"item has unknown key(s) {', '.join(extra)}: {item!r}")


def _parse_commitments(value: Any, *, strict: bool, source: str, key: str) -> tuple[Commitment, ...]:
    items = []
    for item in _parse_list(value, source=source, key=key):
        _check_item_keys(item, {"quote", "due"}, strict=strict, source=source, key=key)
        items.append(
            Commitment(
                quote=_parse_quote(item["quote"], source=source, key=key),
                due=_parse_date(item.get("due"), source=source, key=f"{key}.due"),
            )
        )
    return tuple(items)


def _parse_events(value: Any, *, strict: bool, source: str, key: str) -> tuple[Event, ...]:
    items = []
    for item in _parse_list(value, source=source, key=key):
        _check_item_keys(item, {"quote", "place", "start", "end"}, strict=strict, source=source, key=key)
        place = item.get("place")
        if place is not None and (not isinstance(place, str) or not words(place)):
            raise _fail(source, f"{key}.place", f"expected a place name or null, got {place!r}")
        start = _parse_date(item.get("start"), source=source, key=f"{key}.start")
        end = _parse_date(item.get("end"), source=source, key=f"{key}.end")
        if strict and start and end and start > end:
            raise _fail(source, key, f"start {start} is after end {end}")
        items.append(Event(quote=_parse_quote(item["quote"], source=source, key=key), place=place, start=start, end=end))
    return tuple(items)


def parse_findings(raw: Any, *, source: str, strict: bool) -> Findings:
    """Turn a FORMAT.md dict into :class:`Findings`.

    ``strict`` is for annotation files: every required key present, no unknown keys,
    themes from the seven codes. The engine's output is read leniently: absent keys
    count as nothing found and extra keys (spans, confidence, rules) are allowed.
    """
    if not isinstance(raw, dict):
        raise AnnotationError(f"{source}: expected a JSON object, got {type(raw).__name__}")
    if strict:
        missing = [key for key in REQUIRED_KEYS if key not in raw]
        if missing:
            raise _fail(source, missing[0], "missing")
        unknown = sorted(set(raw) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
        if unknown:
            raise _fail(source, unknown[0], "unknown key")
    themes = _parse_names(raw.get("themes", []), source=source, key="themes")
    if strict:
        unknown_themes = sorted(themes - set(THEME_CODES))
        if unknown_themes:
            raise _fail(source, "themes", f"unknown theme code(s) {', '.join(unknown_themes)}")
    decisions = tuple(
        _parse_quote(quote, source=source, key="decisions")
        for quote in _parse_list(raw.get("decisions", []), source=source, key="decisions")
    )
    findings = Findings(
        document_date=_parse_date(raw.get("document_date"), source=source, key="document_date"),
        municipalities=_parse_names(raw.get("municipalities", []), source=source, key="municipalities"),
        themes=themes,
        decisions=decisions,
        commitments=_parse_commitments(raw.get("commitments", []), strict=strict, source=source, key="commitments"),
        events=_parse_events(raw.get("events", []), strict=strict, source=source, key="events"),
    )
    if not strict:
        return findings
    return Findings(
        **{name: getattr(findings, name) for name in REQUIRED_KEYS},
        optional_municipalities=_parse_names(
            raw.get("optional_municipalities", []), source=source, key="optional_municipalities"
        ),
        optional_decisions=tuple(
            _parse_quote(quote, source=source, key="optional_decisions")
            for quote in _parse_list(raw.get("optional_decisions", []), source=source, key="optional_decisions")
        ),
        optional_commitments=_parse_commitments(
            raw.get("optional_commitments", []), strict=True, source=source, key="optional_commitments"
        ),
        optional_events=_parse_events(
            raw.get("optional_events", []), strict=True, source=source, key="optional_events"
        ),
    )


def load_pair(text_path: Path) -> AnnotatedText:
    """Read ``NAME.txt`` and its ``NAME.json``; raise :class:`AnnotationError` when malformed."""
    json_path = text_path.with_suffix(".json")
    if not json_path.is_file():
        raise AnnotationError(f"{text_path}: no annotation file {json_path.name}")
    try:
        raw = json.loads(json_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise AnnotationError(f"{json_path}: not valid JSON: {error}") from None
    return AnnotatedText(
        name=text_path.stem,
        text=text_path.read_text(encoding="utf-8"),
        annotation=parse_findings(raw, source=str(json_path), strict=True),
        path=text_path,
    )


def load_folder(folder: Path | str) -> list[AnnotatedText]:
    """All pairs in ``folder``, sorted by name. A text or annotation without its partner is an error."""
    folder = Path(folder)
    texts = sorted(folder.glob("*.txt"))
    orphans = sorted(
        path for path in folder.glob("*.json") if not path.with_suffix(".txt").is_file()
    )
    if orphans:
        raise AnnotationError(f"{orphans[0]}: no text file {orphans[0].with_suffix('.txt').name}")
    if not texts:
        raise AnnotationError(f"{folder}: no annotated texts (NAME.txt + NAME.json) found")
    return [load_pair(path) for path in texts]


def fold_whitespace(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def quotes_not_in_text(pair: AnnotatedText) -> list[str]:
    """Annotated quotes that do not occur verbatim in the text (after whitespace folding)."""
    text = fold_whitespace(pair.text)
    a = pair.annotation
    quotes = [
        *a.decisions,
        *a.optional_decisions,
        *(item.quote for item in (*a.commitments, *a.optional_commitments)),
        *(item.quote for item in (*a.events, *a.optional_events)),
    ]
    return [quote for quote in quotes if fold_whitespace(quote) not in text]


# ------------------------------------------------------------------------ scoring


def _score_document_date(result: DocumentResult, expected: str | None, found: str | None) -> None:
    score = result.scores["document_date"]
    if expected == found:
        if expected is not None:
            score.add(tp=1)
    elif expected is None:
        score.add(fp=1)
        result._note("document_date", "spurious", found or "")
    elif found is None:
        score.add(fn=1)
        result._note("document_date", "missed", expected)
    else:
        score.add(fp=1, fn=1)
        result._note("document_date", "wrong", f"expected {expected}, found {found}")


def _score_set(
    result: DocumentResult, name: str, expected: frozenset[str], found: frozenset[str], optional: frozenset[str]
) -> None:
    spurious = sorted(found - expected - optional)
    missed = sorted(expected - found)
    result.scores[name].add(tp=len(expected & found), fp=len(spurious), fn=len(missed))
    for item in missed:
        result._note(name, "missed", item)
    for item in spurious:
        result._note(name, "spurious", item)


def _score_quotes(
    result: DocumentResult, name: str, expected: Sequence[str], optional: Sequence[str], found: Sequence[str]
) -> _QuoteOutcome:
    outcome = _match_with_optional(expected, optional, found)
    result.scores[name].add(tp=len(outcome.pairs), fp=len(outcome.spurious), fn=len(outcome.missed))
    for index in outcome.missed:
        result._note(name, "missed", expected[index])
    for index in outcome.spurious:
        result._note(name, "spurious", found[index])
    return outcome


def _plain(names: frozenset[str]) -> frozenset[str]:
    from .municipalities import plain_name

    return frozenset(map(plain_name, names))


def score_document(name: str, expected: Findings, found: Findings) -> DocumentResult:
    result = DocumentResult(name)
    _score_document_date(result, expected.document_date, found.document_date)
    # "Laren" and "Laren (NH.)" are one municipality: both sides are compared in the form texts use.
    _score_set(result, "municipalities", _plain(expected.municipalities), _plain(found.municipalities),
               _plain(expected.optional_municipalities))
    _score_set(result, "themes", expected.themes, found.themes, frozenset())
    _score_quotes(result, "decisions", expected.decisions, expected.optional_decisions, found.decisions)

    outcome = _score_quotes(
        result,
        "commitments",
        [c.quote for c in expected.commitments],
        [c.quote for c in expected.optional_commitments],
        [c.quote for c in found.commitments],
    )
    due = result.scores["commitment_due"]
    due.add(fp=len(outcome.spurious), fn=len(outcome.missed))
    for a_index, f_index in outcome.pairs:
        want, got = expected.commitments[a_index], found.commitments[f_index]
        if want.due == got.due:
            due.add(tp=1)
        else:
            due.add(fp=1, fn=1)
            result._note("commitment_due", "wrong", f"expected {want.due}, found {got.due}: {want.quote}")

    outcome = _score_quotes(
        result,
        "events",
        [e.quote for e in expected.events],
        [e.quote for e in expected.optional_events],
        [e.quote for e in found.events],
    )
    for a_index, f_index in outcome.pairs:
        want, got = expected.events[a_index], found.events[f_index]
        if (want.start, want.end) == (got.start, got.end):
            result.scores["event_window"].add(tp=1)
        else:
            result.scores["event_window"].add(fp=1, fn=1)
            result._note(
                "event_window",
                "wrong",
                f"expected {want.start}..{want.end}, found {got.start}..{got.end}: {want.quote}",
            )
        if places_match(want.place, got.place):
            result.scores["event_place"].add(tp=1)
        else:
            result.scores["event_place"].add(fp=1, fn=1)
            result._note("event_place", "wrong", f"expected {want.place}, found {got.place}: {want.quote}")
    return result


def evaluate(folder: Path | str, extract: Callable[[str], Mapping[str, Any]]) -> Report:
    """Run ``extract`` on every annotated text in ``folder`` and score it against the annotation."""
    documents = []
    for pair in load_folder(folder):
        found = parse_findings(extract(pair.text), source=f"extract({pair.name})", strict=False)
        documents.append(score_document(pair.name, pair.annotation, found))
    return Report(documents)


# ---------------------------------------------------------------------------- CLI


def _load_callable(dotted: str) -> Callable[[str], Mapping[str, Any]]:
    module_name, _, attribute = dotted.partition(":")
    if not attribute:
        raise SystemExit(f"--extractor must look like package.module:function, got {dotted!r}")
    return getattr(importlib.import_module(module_name), attribute)


def _parse_thresholds(pairs: Iterable[str]) -> dict[str, float]:
    thresholds = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        thresholds[name] = float(value)
    return thresholds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score an extractor against a folder of annotated texts.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--extractor", required=True, help="package.module:function taking a text, returning a dict")
    parser.add_argument("--per-doc", action="store_true", help="also list missed and spurious items per document")
    parser.add_argument("--min", nargs="*", default=[], metavar="FIELD=F1", help="fail when a field's F1 is lower")
    args = parser.parse_args(argv)
    report = evaluate(args.folder, _load_callable(args.extractor))
    print(report.format_table())
    if args.per_doc:
        print()
        print(report.format_misses())
    failing = report.below(_parse_thresholds(args.min))
    if failing:
        print(f"below threshold: {', '.join(failing)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
