"""Cleaning text that came out of PDF converters and OCR, with a map back to the original.

This module owns the first step of the text reader: it turns received text into a
*normalised* text that the rules can read, and keeps an :class:`OffsetMap` so every
finding can point at the exact characters of the original. What it repairs:

* line endings (``\\r\\n``, ``\\r``) and page breaks (form feed) become plain breaks;
* bullets that converters turn into ``o``, ``e``, ``•``, ``-``, ``*`` or ``▪`` at the start
  of a line become one bullet mark (``•``), so lists can be recognised;
* words hyphenated over two lines (``samen-`` / ``werking``) and URLs split over two lines
  are joined again;
* stray control characters become spaces; non-breaking and other odd spaces become spaces.

Everything else is kept as it is: the line structure is needed by :mod:`.sentences` to
tell a heading from a wrapped line. All steps are single passes over the text with
regular expressions that cannot backtrack catastrophically.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# One pass, several repairs; each alternative is anchored on a fixed character so the
# expression stays linear. The leading lookahead names every character an alternative can
# start with (or a line start, for bullets): the other positions, nearly all of them, are
# passed over after one test instead of seven.
_REPAIRS = re.compile(
    r"(?=[\r\f\x00-\x08\x0b\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff\ufffd\t\u00a0\u2000-\u200a\u202f\u205f\u3000/_=&?-]"
    r"|(?m:^))"
    r"(?:(?P<crlf>\r\n?)"
    r"|(?P<formfeed>\f)"
    r"|(?P<control>[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff\ufffd])"
    r"|(?P<space>[\t\u00a0\u2000-\u200a\u202f\u205f\u3000])"
    # a URL that ends a line on a separator and continues on the next line
    r"|(?P<urlbreak>(?<=[\w./-])[/_=&?-][ \t]*\n[ \t]*(?=[\w%]))"
    # a word hyphenated over a line break: letter-hyphen-newline-lowercase letter
    r"|(?P<hyphen>(?<=[a-zà-ÿ])-[ \t]*\n[ \t]*(?=[a-zà-ÿ]))"
    # a bullet at the start of a line (OCR gives o, e, 0, «, ¢ for round bullets)
    r"|(?P<bullet>(?m:^)[ \t]*(?:[o0e»«¢•·▪◦●■□➢→✓*]|-(?!-))[ \t]+(?=\S)))"
)

_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in the normalised text to offsets in the original text.

    Stored as sorted segment starts: from ``normalised_starts[i]`` on, the normalised text
    runs parallel to the original starting at ``original_starts[i]``.
    """

    normalised_starts: tuple[int, ...]
    original_starts: tuple[int, ...]
    original_length: int

    def to_original(self, offset: int) -> int:
        index = bisect_right(self.normalised_starts, offset) - 1
        if index < 0:
            return 0
        position = self.original_starts[index] + (offset - self.normalised_starts[index])
        if index + 1 < len(self.original_starts):
            position = min(position, self.original_starts[index + 1])
        return min(position, self.original_length)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span ``start:end``."""
        original_start = self.to_original(start)
        # Map the last character, not the end, so a span never swallows removed text after it.
        original_end = self.to_original(end - 1) + 1 if end > start else original_start
        return original_start, max(original_start, original_end)

    def spanner(self):
        """:meth:`span` as one function over local names, for the reader's many findings."""
        starts, originals, length = self.normalised_starts, self.original_starts, self.original_length
        last = len(originals) - 1

        def to_original(offset: int) -> int:  # to_original() over the locals
            index = bisect_right(starts, offset) - 1
            if index < 0:
                return 0
            position = originals[index] + (offset - starts[index])
            if index < last and originals[index + 1] < position:
                position = originals[index + 1]
            return position if position < length else length

        def span(start: int, end: int) -> tuple[int, int]:
            original_start = to_original(start)
            if end <= start:
                return original_start, original_start
            original_end = to_original(end - 1) + 1
            return original_start, original_end if original_end > original_start else original_start

        return span


@dataclass(frozen=True)
class NormalisedText:
    original: str
    text: str
    offsets: OffsetMap
    repairs: dict[str, int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)


def _replacement(match: re.Match[str], original: str) -> tuple[str, str]:
    kind = match.lastgroup or ""
    if kind == "crlf":
        return kind, "\n"
    if kind == "formfeed":
        return kind, "\n\n"
    if kind in ("control", "space"):
        return kind, " "
    if kind == "urlbreak":
        # Only inside a URL; elsewhere a slash or dash at a line end is left alone.
        line_start = original.rfind("\n", 0, match.start()) + 1
        if _URL_TAIL.search(original, line_start, match.start() + 1):
            return kind, match.group()[0]
        separator, before = match.group()[0], original[match.start() - 1]
        after = original[match.end() : match.end() + 1]
        if separator == "-" and before.islower() and after.islower():
            return "hyphen", ""
        return "", match.group()
    if kind == "hyphen":
        return kind, ""
    if kind == "bullet":
        marker = match.group().strip()
        if marker in ("o", "e", "0"):
            # An OCR'd bullet: only when the line reads on with a word, not "e-mail" or "o.a.".
            after = original[match.end() : match.end() + 1]
            if not after.isalpha() and after not in "“\"'‘(":
                return "", match.group()
        return kind, "• "
    return "", match.group()


def normalise(text: str) -> NormalisedText:
    """Repair PDF/OCR damage in ``text`` and keep a map back to its offsets."""
    pieces: list[str] = []
    normalised_starts = [0]
    original_starts = [0]
    repairs: dict[str, int] = {}
    position = 0  # in the original
    length = 0  # of the normalised text built so far
    for match in _REPAIRS.finditer(text):
        kind, replacement = _replacement(match, text)
        if not kind or replacement == match.group():
            continue
        repairs[kind] = repairs.get(kind, 0) + 1
        pieces.append(text[position : match.start()])
        length += match.start() - position
        pieces.append(replacement)
        # The replacement maps onto the start of the matched original text.
        if replacement:
            normalised_starts.append(length)
            original_starts.append(match.start())
            length += len(replacement)
        normalised_starts.append(length)
        original_starts.append(match.end())
        position = match.end()
    pieces.append(text[position:])
    return NormalisedText(
        original=text,
        text="".join(pieces),
        offsets=OffsetMap(tuple(normalised_starts), tuple(original_starts), len(text)),
        repairs=repairs,
    )
