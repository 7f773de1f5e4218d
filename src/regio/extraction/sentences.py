"""Splitting a normalised text into sentences, headings and list items.

This module owns the reading order of a text: which line breaks are only the wrapping of
a converter (and are read as a space), which ones end a sentence, which short lines are
headings ("Besluiten", "Hoe nu verder?") and which sentences are list items. The rules
look at the line structure because PDF text has no other: a line that ends on
"van de" goes on, a line that starts with a lower-case word continues the one before,
a short line without a full stop between blank lines is a heading.

Every :class:`Sentence` keeps its span in the normalised text; :mod:`.engine` maps the
span back to the original with :class:`~regio.extraction.normalise.OffsetMap`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line that ends on one of these words is continued on the next line, even after a
# blank line (a page break in the middle of a sentence).
_CONTINUING_WORDS = frozenset(
    """
    de het een en of van voor in op met door te aan om dat die als maar tot bij naar uit over
    dan zijn is was wordt worden werd heeft hebben had kan kunnen zal zullen moet moeten wil
    willen waar waarop waarin waarbij waarvan wie wat welke deze dit onze ons hun haar zijn
    zowel ook nog niet geen meer minder tussen tegen sinds vanaf per via zonder binnen buiten
    onder boven na sinds jl a.s. ca circa ongeveer zo zoals mede alsmede dus omdat doordat
    zodat wanneer indien mits terwijl hoewel namelijk o.a. bijv. bijvoorbeeld inclusief
    exclusief er hier daar toe mee vóór uiterlijk tijdens rond omstreeks medio eind begin sedert volgens
    namens richting ten ter inzake betreffende m.b.t. u uw wij we
    """.split()
)

ABBREVIATIONS = frozenset(
    """
    bijv b.v bv o.a e.a e.d enz etc i.p.v ipv i.v.m ivm m.b.t mbt t.a.v tav t.b.v tbv z.s.m
    zsm d.d dd jl a.s as ca nr nrs art blz p pag resp incl excl evt i.c ic dhr mevr mw drs
    dr ir ing mr prof st sr jr vs n.a.v nav m.i.v miv w.o wo o.b.v obv c.q cq e.v ev vz
    jan feb febr mrt apr jun jul aug sep sept okt nov dec ma di wo do vr za zo tel fax
    """.split()
)

_LINE_START_LIST_ITEM = re.compile(r"[ \t]*(?:•|\(?\d{1,2}[.)]|\(?[a-z][.)])[ \t]")
_LINE_END_SENTENCE = re.compile(r"[.!?…:;][\"”’')\]]*[ \t]*$")
# The last word of a line: r"([\w.'’-]+)[,\s]*$" searched in it, written for the reversed line so
# the engine tries one position instead of every one (see _last_word).
_LAST_WORD_REVERSED = re.compile(r"[,\s]*([\w.'’-]+)")
# A run of end marks not preceded by another, closing quotes, a space and a capital. It is
# spelled to start with a character class so the engine skips to the next mark at once; the
# lookbehind after the first mark says what "(?<![.!?…])[.!?…]++" says before it.
_SENTENCE_END = re.compile(r"[.!?…](?<![.!?…]{2})[.!?…]*+[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-ZÀ-Þ0-9•])")
_WORD_RUN = re.compile(r"[\w.]+")
_WORD = re.compile(r"\w+")
# The last sentence lower_words() was asked about, with its answer: one tuple, replaced whole, so a
# reader in another thread sees either the old or the new one, never half of each.
_LAST_LOWERED: tuple[str | None, str, list[str] | None] = (None, "", None)


# For a text of Latin-1 characters: every byte that is no \w character made a space, so that
# str.split() gives the \w+ runs (no \w character is whitespace): four times as fast as _WORD.
_NOT_WORD_TO_SPACE = bytes(code if _WORD.match(chr(code)) else 32 for code in range(256))


def word_runs(text: str) -> list[str]:
    """``_WORD.findall(text)``: the ``\\w+`` runs of ``text``."""
    try:
        encoded = text.encode("latin-1")
    except UnicodeEncodeError:
        return _WORD.findall(text)
    return encoded.translate(_NOT_WORD_TO_SPACE).decode("latin-1").split()


def lower_words(sentence: str) -> tuple[str, list[str] | None]:
    """``sentence.lower()`` and its ``\\w+`` runs (do not change the list), or None for the runs
    when lower-casing moved an offset. The commitment and event rules ask it of the same sentence one
    after the other: the last answer is kept."""
    global _LAST_LOWERED
    last = _LAST_LOWERED
    if sentence == last[0]:
        return last[1], last[2]
    lower = sentence.lower()
    found = word_runs(lower) if len(lower) == len(sentence) else None
    _LAST_LOWERED = (sentence, lower, found)
    return lower, found


_SALUTATION = re.compile(r"[ \t]*(?:Geachte|Beste|Hooggeachte|Aan|Met vriendelijke|Hoogachtend)\b")

# A sentence longer than this (text without sentence ends) is cut at a space.
MAX_SENTENCE = 1200


@dataclass(frozen=True, init=False)
class Sentence:
    start: int  # span in the normalised text
    end: int
    text: str  # whitespace folded, bullet mark removed
    index: int
    unit: int  # sentences of one paragraph or list item share a unit number
    bullet: bool  # the sentence belongs to a list item
    first_in_unit: bool
    heading: bool  # this sentence is itself a heading
    section: str | None  # the heading governing this sentence, lower-cased
    section_bullets: bool  # the section's first item was a list item

    def __init__(self, start: int, end: int, text: str, index: int, unit: int, bullet: bool, first_in_unit: bool,
                 heading: bool, section: str | None, section_bullets: bool) -> None:
        # Filled at once rather than field by field through object.__setattr__ (the frozen
        # dataclass's way): a page has dozens of sentences. Still frozen afterwards.
        self.__dict__.update(start=start, end=end, text=text, index=index, unit=unit, bullet=bullet,
                             first_in_unit=first_in_unit, heading=heading, section=section,
                             section_bullets=section_bullets)


@dataclass(frozen=True)
class Layout:
    sentences: tuple[Sentence, ...]
    cut_sentences: int  # sentences cut because the text had no sentence ends


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _wrap_width(text: str, spans: list[tuple[int, int]]) -> int:
    lengths = sorted(end - start for start, end in spans if text[start:end].strip())
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.9)] if len(lengths) > 1 else lengths[0]


def _continues(previous: str, following: str, blanks: int, wrap_width: int) -> bool:
    """Whether the line ``following`` continues the sentence of the line ``previous``."""
    if _LINE_START_LIST_ITEM.match(following):
        return False
    stripped = previous.rstrip()
    if _LINE_END_SENTENCE.search(stripped):
        return False
    if stripped.endswith(",") and _SALUTATION.match(previous):
        return False
    if stripped.endswith((",", "-", "&", "–", "(")):
        return True
    last = _last_word(stripped)
    if last is not None and last.lower() in _CONTINUING_WORDS:
        return True
    first = following.lstrip()[:1]
    if (first.islower() or first in "(&") and (blanks == 0 or len(stripped) >= 0.8 * wrap_width):
        return True
    # A long line that does not end a sentence was wrapped by the converter.
    return blanks == 0 and wrap_width >= 40 and len(stripped) >= 0.8 * wrap_width and len(previous) > 60


def _last_word(line: str) -> str | None:
    """The run of word characters (and . ' ’ -) that ends ``line`` before trailing commas and spaces."""
    match = _LAST_WORD_REVERSED.match(line[::-1])
    return match.group(1)[::-1] if match else None


def _units(text: str) -> list[tuple[int, int, bool]]:
    """Paragraph-like units: (start, end, is_list_item) in ``text``."""
    spans = _lines(text)
    wrap_width = _wrap_width(text, spans)
    units: list[tuple[int, int, bool]] = []
    current: list[int] | None = None  # [start, end]
    current_bullet = False
    previous_line = ""
    blanks = 0
    for start, end in spans:
        line = text[start:end]
        if not line.strip():
            blanks += 1
            continue
        if current is not None and _continues(previous_line, line, blanks, wrap_width):
            current[1] = end
        else:
            if current is not None:
                units.append((current[0], current[1], current_bullet))
            current = [start, end]
            current_bullet = bool(_LINE_START_LIST_ITEM.match(line))
        previous_line = line
        blanks = 0
    if current is not None:
        units.append((current[0], current[1], current_bullet))
    return units


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the full stop ending at ``end`` closes an abbreviation or an initial."""
    # r"([\w.]+)\.+$" searched in the window, read from the reversed window: one try instead of twelve.
    run = _WORD_RUN.match(text[max(0, end - 12) : end + 1][::-1])
    if run is None or len(run.group()) < 2:
        return False
    word = run.group()[1:][::-1].lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _split_unit(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.start() + len(match.group().rstrip())
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        spans.append((position, stop))
        position = match.end()
    spans.append((position, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long stretch at spaces into pieces of at most MAX_SENTENCE characters."""
    pieces = []
    while end - start > MAX_SENTENCE:
        space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        stop = space if space > start else start + MAX_SENTENCE
        pieces.append((start, stop))
        start = stop
    pieces.append((start, end))
    return pieces


def _clean(fragment: str) -> str:
    fragment = " ".join(fragment.split())  # str.split's whitespace is re's \s: the same folding, faster
    if fragment.startswith("•"):
        fragment = fragment[1:].lstrip()
    return fragment


def _is_heading(fragment: str, unit_lines: int, bullet: bool) -> bool:
    if bullet or unit_lines != 1:
        return False
    stripped = fragment.strip()
    if not stripped or len(stripped) > 90 or stripped.endswith((".", ",", ";")):
        return False
    words = stripped.split()
    if len(words) > 10:
        return False
    first = stripped.lstrip("\"“‘'(0123456789. ")[:1]
    return first.isupper() or stripped.endswith((":", "?"))


def split(text: str) -> Layout:
    """Split a normalised text into sentences with their headings and list structure."""
    sentences: list[Sentence] = []
    cut = 0
    section: str | None = None
    section_bullets = False
    section_fresh = False  # no item seen yet under the current heading
    for unit_index, (unit_start, unit_end, bullet) in enumerate(_units(text)):
        unit_text = text[unit_start:unit_end]
        heading = _is_heading(unit_text, unit_text.count("\n") + 1, bullet)
        if heading:
            cleaned = _clean(unit_text)
            sentences.append(
                Sentence(unit_start, unit_end, cleaned, len(sentences), unit_index, False, True, True, section, False)
            )
            section = cleaned.lower().rstrip(":?! ")
            section_fresh = True
            section_bullets = False
            continue
        if section_fresh:
            section_bullets = bullet
            section_fresh = False
        elif section is not None and section_bullets and not bullet:
            # A list under a heading ends with the first paragraph that is not a list item.
            section = None
            section_bullets = False
        first = True
        for start, end in _split_unit(text, unit_start, unit_end):
            pieces = _cut(text, start, end)
            cut += len(pieces) - 1
            for piece_start, piece_end in pieces:
                # _clean inlined: its folded text also says whether the piece starts with a bullet mark
                folded = " ".join(text[piece_start:piece_end].split())
                marked = folded.startswith("•")
                cleaned = folded[1:].lstrip() if marked else folded
                if not cleaned:
                    continue
                if marked:
                    piece_start = text.index("•", piece_start) + 1
                    while piece_start < piece_end and text[piece_start].isspace():
                        piece_start += 1
                sentences.append(
                    Sentence(
                        piece_start,
                        piece_end,
                        cleaned,
                        len(sentences),
                        unit_index,
                        bullet,
                        first,
                        False,
                        section,
                        section_bullets,
                    )
                )
                first = False
    return Layout(tuple(sentences), cut)
