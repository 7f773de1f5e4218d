"""Comparing the councils' views (zienswijzen) paragraph by paragraph and word by word; plain Python.

The base is the joint draft the clerks shared, or, without one, the first council's text. Each
council's paragraphs are matched to the base's in order (difflib over words); a matched paragraph
is the same or amended (with the word changes), an unmatched base paragraph is left out, and a
council's own paragraphs are added ones. A base paragraph kept by every council is a point all
share; kept by more than half, one most share.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

SAME, AMENDED, LEFT_OUT = "same", "amended", "left_out"
MATCH_RATIO = 0.5  # at least half the words in common: the same paragraph, amended


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text: blocks separated by an empty line, whitespace normalised."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text or "") if block.strip()]


def _words(paragraph: str) -> list[str]:
    return paragraph.split(" ")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) segments from `old` to `new`: op is "equal", "delete" or "insert"."""
    a, b = _words(old), _words(new)
    segments: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", " ".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            segments.append(("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("insert", " ".join(b[j1:j2])))
    return segments


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=_words(a), b=_words(b), autojunk=False).ratio()


@dataclass(frozen=True)
class Reading:
    """How one council's text reads one base paragraph."""

    council: str
    status: str
    text: str
    diff: list[tuple[str, str]]


@dataclass
class Row:
    base: str
    readings: list[Reading] = field(default_factory=list)

    @property
    def kept_by(self) -> list[str]:
        return [r.council for r in self.readings if r.status != LEFT_OUT]

    @property
    def diverges(self) -> bool:
        return any(r.status != SAME for r in self.readings)


@dataclass(frozen=True)
class Comparison:
    councils: list[str]
    rows: list[Row]
    added: dict[str, list[str]]  # council -> paragraphs of its own

    def shared_by_all(self) -> list[str]:
        return [row.base for row in self.rows if len(row.kept_by) == len(self.councils)]

    def shared_by_most(self) -> list[str]:
        """Points more than half of the councils keep, but not all."""
        return [row.base for row in self.rows if len(self.councils) / 2 < len(row.kept_by) < len(self.councils)]


def _align(base: list[str], theirs: list[str]) -> tuple[dict[int, int], list[int]]:
    """Base index -> their index for matching paragraphs, in order; and their unmatched indexes."""
    matches: dict[int, int] = {}
    start = 0
    for i, paragraph in enumerate(base):
        best, best_ratio = None, MATCH_RATIO
        for j in range(start, len(theirs)):
            ratio = _ratio(paragraph, theirs[j])
            if ratio >= best_ratio and (best is None or ratio > best_ratio):
                best, best_ratio = j, ratio
                if ratio == 1.0:
                    break
        if best is not None:
            matches[i] = best
            start = best + 1
    used = set(matches.values())
    return matches, [j for j in range(len(theirs)) if j not in used]


def compare(texts: dict[str, str], *, draft: str = "") -> Comparison:
    """Compare the councils' `texts` (council name -> text) with the joint `draft`."""
    councils = list(texts)
    base = paragraphs(draft) or (paragraphs(texts[councils[0]]) if councils else [])
    rows = [Row(base=p) for p in base]
    added: dict[str, list[str]] = {}
    for council in councils:
        theirs = paragraphs(texts[council])
        matches, extra = _align(base, theirs)
        for i, row in enumerate(rows):
            if i in matches:
                text = theirs[matches[i]]
                status = SAME if text == row.base else AMENDED
                row.readings.append(Reading(council, status, text, word_diff(row.base, text) if status == AMENDED else []))
            else:
                row.readings.append(Reading(council, LEFT_OUT, "", []))
        if extra:
            added[council] = [theirs[j] for j in extra]
    return Comparison(councils=councils, rows=rows, added=added)
