"""Dutch date and period expressions: finding them in text and resolving them to day windows.

This module owns the date grammar of Regio's text reader, as FORMAT.md ("Dates and periods")
describes it: every expression becomes a :class:`Window` of whole days, or ``None`` when the
text does not settle it. It also owns the inverse (:func:`describe_window`, Dutch text for the
UI) and the recognition of a text's own date (:func:`document_date`).

Conventions beyond the FORMAT table, chosen here and relied on by the tests:

* ``begin`` / ``medio`` (``half``, ``midden``) / ``eind`` of a *month* are days 1-10, 11-20 and
  21-last; of a *year* they are January-March, June-July and October-December (FORMAT).
* ``voor X`` ("before X") is due the day before X starts, except ``voor de zomer`` (the summer
  recess: 30 June, FORMAT), ``voor eind X`` (X's last day) and ``voor medio X`` (30 June, or the
  15th of a month). The window of a "before" expression runs from the reference date when that
  comes first, and is otherwise open at the start (``OPEN_START``).
* ``voor`` followed by a month, quarter, year or relative period is read as "for" ("het budget
  voor 2020"), so only the period itself is reported. ``na`` applies to seasons only (``na de
  zomer 2020`` = 1 September - 31 December); elsewhere only the period itself is reported.
* ``van 1 tot 15 maart`` is read inclusively, like ``tot en met``.
* A yearless expression takes the year of ``reference`` or else of the nearest *fully dated*
  expression: one with a day, a month and a written year. A month or season with a year does not
  count, so "In september" in a letter whose only dates are "eind 2016" stays unresolved.
* ``afgelopen jaar`` is the twelve months up to the reference date; ``vorig jaar`` the previous
  calendar year; ``N jaar geleden`` the month of the reference date N years back.

Matching is one pass of one precompiled regular expression without nested unbounded
repetition, so its running time is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

__all__ = [
    "OPEN_START",
    "DateMention",
    "Window",
    "DUTCH_PHRASES",
    "WindowPhrases",
    "describe_window",
    "document_date",
    "find_dates",
    "parse_window",
]

#: Start of a window that is open towards the past ("voor 1 maart 2020" without a reference date).
OPEN_START = date.min


@dataclass(frozen=True, init=False)
class Window:
    """An inclusive window of whole days."""

    start: date
    end: date

    def __init__(self, start: date, end: date) -> None:
        if end < start:
            raise ValueError(f"window ends ({end}) before it starts ({start})")
        # Frozen, but filled in one dictionary update: a page builds dozens of windows, and the
        # dataclass's field-by-field object.__setattr__ is twice as slow (the same holds below).
        self.__dict__.update(start=start, end=end)

    @property
    def is_day(self) -> bool:
        return self.start == self.end

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass(frozen=True, init=False)
class DateMention:
    """One date or period expression found in a text."""

    start: int
    end: int
    text: str
    window: Window | None
    kind: str
    deadline: bool
    explicit_year: bool

    def __init__(self, start: int, end: int, text: str, window: Window | None, kind: str, deadline: bool,
                 explicit_year: bool) -> None:
        self.__dict__.update(start=start, end=end, text=text, window=window, kind=kind, deadline=deadline,
                             explicit_year=explicit_year)


# --- vocabulary -----------------------------------------------------------------------------

MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
_MONTH_WORDS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3,
    "vrijdag": 4, "zaterdag": 5, "zondag": 6,
}
_ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "laatste": 4,
    "1e": 1, "2e": 2, "3e": 3, "4e": 4, "1ste": 1, "2de": 2, "3de": 3, "4de": 4,
}
_QUARTER_WORDS = ("eerste", "tweede", "derde", "vierde")
_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
}
# Seasons as (first month, last month); winter runs into the next year.
_SEASONS = {
    "voorjaar": "voorjaar", "lente": "voorjaar", "zomer": "zomer",
    "zomerreces": "zomer", "zomervakantie": "zomer",
    "najaar": "najaar", "herfst": "najaar", "winter": "winter",
}
_SEASON_MONTHS = {"voorjaar": (3, 5), "zomer": (6, 8), "najaar": (9, 11), "winter": (12, 2)}
_PARTS = {
    "begin": "begin", "medio": "medio", "half": "medio", "halverwege": "medio",
    "midden": "medio", "eind": "eind", "einde": "eind",
}


def _alternation(words) -> str:
    # Longest first, so that "sept" is tried before "sep".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_S = r"\s{1,10}"  # whitespace between words, a line break included
_S0 = r"\s{0,10}"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
_MONTH = (
    rf"(?:{_alternation(MONTH_NAMES)}|(?:{_alternation(_MONTH_ABBREVIATIONS)})(?:\.|(?![^\W\d_])))"
)
_FULL_MONTH = rf"(?:{_alternation(MONTH_NAMES)})(?![^\W\d_])"
_WEEKDAY = rf"(?:{_alternation(_WEEKDAYS)})"
_SEASON = rf"(?:{_alternation(_SEASONS)})"
_CONNECT = rf"(?:{_S}(?:tot{_S}en{_S}met|t/m|tm|tot){_S}|{_S0}[-–—]{_S0})"
_DEADLINE_WORD = rf"(?:uiterlijk(?:{_S}(?:in|op|per|voor|vóór))?|ten{_S}laatste|niet{_S}later{_S}dan|op{_S}zijn{_S}laatst)"

# The first half of a range; a Python pattern may use each group name once, hence the helper.
_RANGE_DAY_1 = rf"(?P<d1{{n}}>{_DAY})(?:e|ste|de)?(?:{_S0}(?P<m1{{n}}>{_MONTH})(?:{_S0}(?P<y1{{n}}>{_YEAR}))?)?"
_RANGE_MONTH_1 = rf"(?P<m1{{n}}>{_MONTH})(?:{_S0}(?P<y1{{n}}>{_YEAR}))?"


def _half(template: str, tag: str) -> str:
    return template.replace("{n}", tag)

# Each core expression: name -> pattern. Order matters where two can start at the same place:
# ranges come before the single dates they begin with.
_CORE_PATTERNS = [
    ("day_range", rf"(?:tussen{_S}{_half(_RANGE_DAY_1, 'a')}{_S}en{_S}|(?:van(?:af)?{_S})?{_half(_RANGE_DAY_1, 'b')}{_CONNECT})"
                  rf"(?P<d2>{_DAY})(?:e|ste|de)?{_S0}(?P<m2>{_MONTH})(?:{_S0},?{_S0}(?P<y2>{_YEAR}))?"),
    ("month_range", rf"(?:tussen{_S}{_half(_RANGE_MONTH_1, 'a')}{_S}en{_S}|(?:van(?:af)?{_S})?{_half(_RANGE_MONTH_1, 'b')}{_CONNECT})"
                    rf"(?P<m2>{_MONTH})(?:{_S0}(?P<y2>{_YEAR}))?"),
    ("year_range", rf"(?:in{_S}de{_S}periode|periode|in{_S}de{_S}jaren|tussen|van(?:af)?){_S}"
                   rf"(?P<y1>{_YEAR})(?:{_S}en{_S}|{_CONNECT})(?P<y2>{_YEAR})"),
    ("day", rf"(?:(?P<wd>{_WEEKDAY}){_S0},?{_S0})?(?P<d>{_DAY})(?:e|ste|de)?{_S0}(?P<m>{_MONTH})"
            rf"(?:{_S0},?{_S0}(?P<y>{_YEAR}))?"),
    ("numeric", rf"(?P<d>{_DAY})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<y>{_YEAR})(?![-/]|\.\d)"),
    ("iso", rf"(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"),
    ("quarter", rf"(?:het{_S})?(?P<q>{_alternation(_ORDINALS)}){_S}kwartaal"
                rf"(?:(?:{_S}van)?(?:{_S}het{_S}jaar)?{_S}(?P<y>{_YEAR})"
                rf"|(?:{_S}van)?{_S}(?P<rel>dit|volgend|komend|vorig){_S}jaar)?"),
    # A half year: "de eerste helft van 2020", "het tweede halfjaar"; "helft" only of a year ("de tweede
    # helft van de vergadering" is none).
    ("half", rf"(?:het{_S}|de{_S})?(?P<h>eerste|tweede|laatste|1e|2e|1ste|2de){_S}"
             rf"(?:halfjaar|half{_S}jaar|helft(?={_S}van{_S}(?:het{_S}jaar|dit|volgend|komend|vorig|{_YEAR})))"
             rf"(?:(?:{_S}van)?(?:{_S}het{_S}jaar)?{_S}(?P<y>{_YEAR})"
             rf"|(?:{_S}van)?{_S}(?P<rel>dit|volgend|komend|vorig){_S}jaar|{_S}van{_S}het{_S}jaar)?"),
    ("q_code", rf"(?:Q(?P<q>[1-4]){_S0}'?(?P<y>{_YEAR})|(?P<y2>{_YEAR}){_S0}-?{_S0}Q(?P<q2>[1-4]))"),
    ("week", rf"(?:(?P<rel>vorige|afgelopen|volgende|komende|deze){_S}week(?:{_S}(?P<wd>{_WEEKDAY}))?"
             rf"|week{_S0}(?P<n>[1-5]?\d)(?!\d)(?:(?:{_S}van)?{_S}(?P<y>{_YEAR}))?)"),
    ("weekday_week", rf"(?P<wd>{_WEEKDAY}){_S}(?P<rel>vorige|afgelopen|volgende|komende|deze){_S}week"),
    ("part", rf"(?:het{_S}|de{_S})?(?P<part>{_alternation(_PARTS)})(?:{_S}van)?"
             rf"(?:{_S}(?P<det>het|de|dit|deze|volgend|volgende|komend|komende|vorig|vorige))?{_S}"
             rf"(?:(?P<y>{_YEAR})|(?P<m>{_MONTH})(?:{_S0}(?P<my>{_YEAR}))?|(?P<jaar>jaar)(?![^\W\d_]))"),
    ("season", rf"(?:(?P<det>de|het|deze|dit|komend|komende|aankomend|aankomende|afgelopen|vorig|vorige"
               rf"|volgend|volgende){_S})?(?P<season>{_SEASON})(?![^\W\d_])"
               rf"(?:(?:{_S}van)?(?:{_S}het{_S}jaar)?{_S}(?P<y>{_YEAR}))?"),
    ("month", rf"(?P<m>{_FULL_MONTH}|{_MONTH}(?={_S0}{_YEAR}))(?:{_S0}(?P<y>{_YEAR}))?"),
    ("rel_year", rf"(?:het{_S})?(?P<rel>vorig|vorige|afgelopen|volgend|volgende|komend|komende|dit|huidige?){_S}jaar"),
    ("rel_month", rf"(?P<rel>vorige|afgelopen|volgende|komende|deze){_S}maand"),
    ("rel_weekday", rf"(?:(?P<rel>aanstaande|komende|volgende|afgelopen|vorige){_S}(?P<wd>{_WEEKDAY})"
                    rf"|(?P<wd2>{_WEEKDAY}){_S}(?:aanstaande|a\.s\.))"),
    ("ago", rf"(?P<n>{_alternation(_NUMBER_WORDS)}|\d{{1,2}}){_S}(?P<unit>jaren|jaar|maanden|maand|weken|week|dagen|dag)"
            rf"{_S}geleden"),
    ("rel_day", r"(?P<word>vandaag|overmorgen|morgen|eergisteren|gisteren)"),
]

_PREFIX = (
    rf"(?P<pre>{_DEADLINE_WORD}|vóór|voor|na|tot{_S}en{_S}met|t/m|tot|in{_S}de{_S}loop{_S}van|in|per|sinds|vanaf|op)"
    rf"{_S}"
)
_YEAR_TRIGGER = (
    rf"(?P<pre_y>{_DEADLINE_WORD}|in{_S}de{_S}loop{_S}van|in|per|sinds|vanaf|het{_S}jaar|jaar"
    rf"|begrotingsjaar|kalenderjaar|voor|vóór){_S}(?P<y_y>{_YEAR})"
)


def _compile() -> tuple[re.Pattern, list[str]]:
    names = []
    branches = []
    for index, (name, pattern) in enumerate(_CORE_PATTERNS):
        prefix = f"c{index}_"
        names.append(name)
        branches.append(f"(?P<c{index}>{pattern.replace('(?P<', '(?P<' + prefix)})")
    core = "|".join(branches)
    pattern = (
        rf"(?<![\w/\-–])(?:(?:{_PREFIX})?(?:{core})|(?P<yearonly>{_YEAR_TRIGGER}))(?![^\W_])"
    )
    return re.compile(pattern, re.IGNORECASE), names


_PATTERN, _CORE_NAMES = _compile()
_CORE_INDEX = {f"c{i}": name for i, name in enumerate(_CORE_NAMES)}


# --- calendar helpers --------------------------------------------------------------------------


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_window(year: int, month: int) -> Window:
    return Window(date(year, month, 1), date(year, month, _last_day(year, month)))


def _year_window(year: int) -> Window:
    return Window(date(year, 1, 1), date(year, 12, 31))


def _quarter_window(year: int, quarter: int) -> Window:
    first = 3 * quarter - 2
    return Window(date(year, first, 1), date(year, first + 2, _last_day(year, first + 2)))


def _season_window(year: int, season: str) -> Window:
    first, last = _SEASON_MONTHS[season]
    end_year = year + 1 if last < first else year
    return Window(date(year, first, 1), date(end_year, last, _last_day(end_year, last)))


def _part_of_year(year: int, part: str) -> Window:
    if part == "begin":
        return Window(date(year, 1, 1), date(year, 3, 31))
    if part == "medio":
        return Window(date(year, 6, 1), date(year, 7, 31))
    return Window(date(year, 10, 1), date(year, 12, 31))


def _part_of_month(year: int, month: int, part: str) -> Window:
    if part == "begin":
        return Window(date(year, month, 1), date(year, month, 10))
    if part == "medio":
        return Window(date(year, month, 11), date(year, month, 20))
    return Window(date(year, month, 21), date(year, month, _last_day(year, month)))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return _MONTH_WORDS.get(word) or _MONTH_ABBREVIATIONS[word]


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_months(d: date, months: int) -> tuple[int, int]:
    index = d.year * 12 + d.month - 1 + months
    return index // 12, index % 12 + 1


# --- parsed cores ------------------------------------------------------------------------------

# make(year, reference): the window of the expression, given the year to use for a yearless
# expression (ignored when the year is written) and the reference date (for relative ones).
_Make = Callable[[int | None, date | None], Window | None]


@dataclass(frozen=True, init=False)
class _Core:
    kind: str
    make: _Make
    explicit_year: bool
    needs_year: bool = False  # yearless: the year comes from the context
    relative: bool = False  # counts from the reference date
    precise: bool = False  # a day with month and year: an anchor for yearless expressions
    before: Callable[[Window], date] | None = None  # due date of "voor <this>"

    def __init__(self, kind: str, make: _Make, explicit_year: bool, needs_year: bool = False, relative: bool = False,
                 precise: bool = False, before: Callable[[Window], date] | None = None) -> None:
        self.__dict__.update(kind=kind, make=make, explicit_year=explicit_year, needs_year=needs_year,
                             relative=relative, precise=precise, before=before)


def _due_day_before(window: Window) -> date:
    return window.start - timedelta(days=1)


def _fixed(window: Window | None, kind: str, **extra) -> _Core | None:
    if window is None:
        return None
    return _Core(kind, lambda _y, _r: window, explicit_year=True, **extra)


def _in_calendar(build: Callable[[Any], Window | None], value: Any) -> Window | None:
    """``build(value)``, or None when the window would fall outside the calendar (year 0 or 10000:
    "vorig jaar" read in year 1)."""
    try:
        return build(value)
    except (ValueError, OverflowError):
        return None


def _yearless(kind: str, build: Callable[[int], Window | None], **extra) -> _Core:
    def make(year, _reference):
        return None if year is None else _in_calendar(build, year)

    return _Core(kind, make, explicit_year=False, needs_year=True, **extra)


def _relative(kind: str, build: Callable[[date], Window | None], **extra) -> _Core:
    def make(_year, reference):
        return None if reference is None else _in_calendar(build, reference)

    return _Core(kind, make, explicit_year=False, relative=True, **extra)


def _core_day(g) -> _Core | None:
    day, month = int(g["d"]), _month_number(g["m"])
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February is fine
        return None
    if g.get("y"):
        found = _safe_date(int(g["y"]), month, day)
        return None if found is None else _fixed(Window(found, found), "day", precise=True)

    weekday = _WEEKDAYS.get(g["wd"].lower()) if g.get("wd") else None

    def build(year):
        found = _safe_date(year, month, day)
        if found is not None and weekday is not None and found.weekday() != weekday:
            # A weekday settles the year: the nearest year in which the day falls on it.
            for other in (year - 1, year + 1, year - 2, year + 2, year - 3, year + 3):
                candidate = _safe_date(other, month, day)
                if candidate is not None and candidate.weekday() == weekday:
                    found = candidate
                    break
        return None if found is None else Window(found, found)

    return _yearless("day", build)


def _core_numeric(g) -> _Core | None:
    found = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    return None if found is None else _fixed(Window(found, found), "day", precise=True)


def _merge_halves(g: dict[str, str]) -> dict[str, str]:
    # The first half of a range is spelled twice in the pattern ("tussen ... en" / "... t/m").
    merged = dict(g)
    for key, value in g.items():
        if key[-1:] in ("a", "b") and key[:-1] in ("d1", "m1", "y1"):
            merged[key[:-1]] = value
    return merged


def _core_day_range(g) -> _Core | None:
    g = _merge_halves(g)
    d1, d2 = int(g["d1"]), int(g["d2"])
    m2 = _month_number(g["m2"])
    m1 = _month_number(g["m1"]) if g.get("m1") else m2
    y2 = int(g["y2"]) if g.get("y2") else None
    y1 = int(g["y1"]) if g.get("y1") else None

    def build(year):
        end_year = y2 if y2 is not None else year
        start_year = y1 if y1 is not None else end_year
        start, end = _safe_date(start_year, m1, d1), _safe_date(end_year, m2, d2)
        if start is None or end is None or end < start:
            return None
        return Window(start, end)

    if y2 is not None:
        window = build(y2)
        return _fixed(window, "range", precise=True)
    if y1 is not None:
        return None  # "3 maart 2019 - 15 april": the end has no year of its own; not a range
    return _yearless("range", build)


def _core_month_range(g) -> _Core | None:
    g = _merge_halves(g)
    m1, m2 = _month_number(g["m1"]), _month_number(g["m2"])
    y1 = int(g["y1"]) if g.get("y1") else None
    y2 = int(g["y2"]) if g.get("y2") else None

    def build(year):
        end_year = y2 if y2 is not None else year
        start_year = y1 if y1 is not None else end_year
        if (start_year, m1) >= (end_year, m2):
            return None
        return Window(_month_window(start_year, m1).start, _month_window(end_year, m2).end)

    if y2 is not None:
        return _fixed(build(y2), "range")
    if y1 is not None:
        return None
    return _yearless("range", build)


def _core_year_range(g) -> _Core | None:
    y1, y2 = int(g["y1"]), int(g["y2"])
    if y2 <= y1:
        return None
    return _fixed(Window(date(y1, 1, 1), date(y2, 12, 31)), "range")


def _core_iso(g) -> _Core | None:
    return _core_numeric(g)


def _year_part(kind: str, g, window_of: Callable[[int], Window]) -> _Core:
    """A part of a year ("het tweede kwartaal", "de eerste helft") with its year ("2020"), relative to
    the reference ("van volgend jaar") or without one; ``window_of(year)`` gives the part's window."""
    if g.get("y"):
        return _fixed(window_of(int(g["y"])), kind)
    if g.get("rel"):
        offset = _YEAR_OFFSETS[g["rel"].lower()]
        return _relative(kind, lambda r: window_of(r.year + offset))
    return _yearless(kind, window_of)


def _core_quarter(g) -> _Core | None:
    quarter = _ORDINALS[g["q"].lower()]
    return _year_part("quarter", g, lambda year: _quarter_window(year, quarter))


def _half_window(year: int, half: int) -> Window:
    return Window(date(year, 1, 1), date(year, 6, 30)) if half == 1 else Window(date(year, 7, 1), date(year, 12, 31))


def _core_half(g) -> _Core | None:
    half = 1 if _ORDINALS[g["h"].lower()] == 1 else 2
    return _year_part("half", g, lambda year: _half_window(year, half))


def _core_q_code(g) -> _Core | None:
    quarter = int(g.get("q") or g["q2"])
    return _fixed(_quarter_window(int(g.get("y") or g["y2"]), quarter), "quarter")


def _core_week(g) -> _Core | None:
    if g.get("rel"):
        offset = _WEEK_OFFSETS[g["rel"].lower()]
        weekday = _WEEKDAYS[g["wd"].lower()] if g.get("wd") else None

        def build(reference):
            monday = _week_start(reference) + timedelta(weeks=offset)
            if weekday is None:
                return Window(monday, monday + timedelta(days=6))
            day = monday + timedelta(days=weekday)
            return Window(day, day)

        return _relative("relative", build)
    number = int(g["n"])
    if not 1 <= number <= 53:
        return None

    def build_week(year):
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        return Window(monday, monday + timedelta(days=6))

    if g.get("y"):
        return _fixed(build_week(int(g["y"])), "range")
    return _yearless("range", build_week)


def _core_weekday_week(g) -> _Core | None:
    return _core_week(g)


def _core_part(g) -> _Core | None:
    part = _PARTS[g["part"].lower()]
    det = (g.get("det") or "").lower()
    if part == "medio":
        before_year = lambda w: date(w.start.year, 6, 30)  # noqa: E731
        before_month = lambda w: w.start.replace(day=15)  # noqa: E731
    elif part == "eind":
        before_year = before_month = lambda w: w.end  # noqa: E731
    else:
        before_year = before_month = _due_day_before
    if g.get("y"):
        if det not in ("", "van"):
            return None
        return _fixed(_part_of_year(int(g["y"]), part), "part_of_year", before=before_year)
    if g.get("m"):
        if det not in ("",):
            return None
        month = _month_number(g["m"])
        if g.get("my"):
            return _fixed(_part_of_month(int(g["my"]), month, part), "part_of_year", before=before_month)
        return _yearless("part_of_year", lambda year: _part_of_month(year, month, part), before=before_month)
    # "eind van het jaar", "begin volgend jaar"
    offset = _YEAR_OFFSETS.get(det)
    if offset is None:
        return None
    return _relative("relative", lambda r: _part_of_year(r.year + offset, part), before=before_year)


def _season_before(season: str) -> Callable[[Window], date]:
    if season == "zomer":  # before the summer recess (FORMAT)
        return lambda w: date(w.start.year, 6, 30)
    return _due_day_before


def _core_season(g) -> _Core | None:
    season = _SEASONS[g["season"].lower()]
    det = (g.get("det") or "").lower()
    before = _season_before(season)
    if g.get("y"):
        if det not in ("", "de", "het", "van"):
            return None
        return _fixed(_season_window(int(g["y"]), season), "season", before=before)
    if det in ("de", "het", "deze", "dit"):
        return _yearless("season", lambda year: _season_window(year, season), before=before)
    if det in ("komend", "komende", "aankomend", "aankomende", "volgend", "volgende"):
        def upcoming(reference):
            for year in (reference.year - 1, reference.year, reference.year + 1):
                window = _season_window(year, season)
                if window.start > reference:
                    return window
            return None

        return _relative("season", upcoming, before=before)
    if det in ("afgelopen", "vorig", "vorige"):
        def past(reference):
            for year in (reference.year, reference.year - 1, reference.year - 2):
                window = _season_window(year, season)
                if window.end < reference:
                    return window
            return None

        return _relative("season", past, before=before)
    return None  # a bare "zomer" without article or year is a word, not a date


def _core_month(g) -> _Core | None:
    month = _month_number(g["m"])
    if g.get("y"):
        return _fixed(_month_window(int(g["y"]), month), "month")
    return _yearless("month", lambda year: _month_window(year, month))


_YEAR_OFFSETS = {
    "vorig": -1, "vorige": -1, "volgend": 1, "volgende": 1, "komend": 1, "komende": 1,
    "dit": 0, "deze": 0, "huidig": 0, "huidige": 0, "het": 0, "de": 0,
}
_WEEK_OFFSETS = {"vorige": -1, "afgelopen": -1, "volgende": 1, "komende": 1, "deze": 0}


def _past_twelve_months(reference: date) -> Window:
    year_before = _safe_date(reference.year - 1, reference.month, reference.day) or date(
        reference.year - 1, 2, 28
    )  # 29 February has no counterpart a year earlier
    return Window(year_before + timedelta(days=1), reference)


def _core_rel_year(g) -> _Core | None:
    rel = g["rel"].lower()
    if rel == "afgelopen":  # "het afgelopen jaar": the twelve months up to the reference date
        return _relative("relative", _past_twelve_months)
    offset = _YEAR_OFFSETS[rel]
    return _relative("relative", lambda r: _year_window(r.year + offset))


def _core_rel_month(g) -> _Core | None:
    offset = _WEEK_OFFSETS[g["rel"].lower()]
    return _relative("relative", lambda r: _month_window(*_shift_months(r, offset)))


def _core_rel_weekday(g) -> _Core | None:
    if g.get("wd2"):
        weekday, step = _WEEKDAYS[g["wd2"].lower()], 1
    else:
        weekday = _WEEKDAYS[g["wd"].lower()]
        step = -1 if g["rel"].lower() in ("afgelopen", "vorige") else 1

    def build(reference):
        day = reference + timedelta(days=step)
        while day.weekday() != weekday:
            day += timedelta(days=step)
        return Window(day, day)

    return _relative("relative", build)


def _core_ago(g) -> _Core | None:
    word = g["n"].lower()
    number = _NUMBER_WORDS.get(word) or int(word)
    unit = g["unit"].lower()

    def build(reference):
        if unit.startswith("ja"):
            return _month_window(*_shift_months(reference, -12 * number))
        if unit.startswith("maand"):
            return _month_window(*_shift_months(reference, -number))
        if unit.startswith("we"):
            monday = _week_start(reference) - timedelta(weeks=number)
            return Window(monday, monday + timedelta(days=6))
        day = reference - timedelta(days=number)
        return Window(day, day)

    return _relative("relative", build)


_DAY_OFFSETS = {"vandaag": 0, "morgen": 1, "overmorgen": 2, "gisteren": -1, "eergisteren": -2}


def _core_rel_day(g) -> _Core | None:
    offset = _DAY_OFFSETS[g["word"].lower()]

    def build(reference):
        day = reference + timedelta(days=offset)
        return Window(day, day)

    return _relative("relative", build)


_CORE_BUILDERS = {
    "day_range": _core_day_range,
    "month_range": _core_month_range,
    "year_range": _core_year_range,
    "day": _core_day,
    "numeric": _core_numeric,
    "iso": _core_iso,
    "quarter": _core_quarter,
    "half": _core_half,
    "q_code": _core_q_code,
    "week": _core_week,
    "weekday_week": _core_weekday_week,
    "part": _core_part,
    "season": _core_season,
    "month": _core_month,
    "rel_year": _core_rel_year,
    "rel_month": _core_rel_month,
    "rel_weekday": _core_rel_weekday,
    "ago": _core_ago,
    "rel_day": _core_rel_day,
}


# --- from a match to a mention -----------------------------------------------------------------


@dataclass(frozen=True, init=False)
class _Raw:
    start: int
    end: int
    kind: str
    deadline: bool
    core: _Core
    wrap: Callable[[Window, date | None], Window | None]  # applies "voor" / "na" to the core window

    def __init__(self, start: int, end: int, kind: str, deadline: bool, core: _Core,
                 wrap: Callable[[Window, date | None], Window | None]) -> None:
        self.__dict__.update(start=start, end=end, kind=kind, deadline=deadline, core=core, wrap=wrap)


def _identity(window: Window, _reference: date | None) -> Window | None:
    return window


def _before(
    core: _Core, due_of: Callable[[Window], date] | None = None
) -> Callable[[Window, date | None], Window | None]:
    due_of = due_of or core.before or _due_day_before

    def wrap(window, reference):
        due = due_of(window)
        start = reference if reference is not None and reference <= due else OPEN_START
        return Window(start, due)

    return wrap


def _after(window: Window, _reference: date | None) -> Window | None:
    start = window.end + timedelta(days=1)
    return Window(start, date(start.year, 12, 31))


_PREFIXED: dict[str, tuple[tuple[str, str], ...]] = {}


def _groups(match: re.Match, prefix: str) -> dict[str, str]:
    """The groups of one alternative (``prefix``), without it; the names are looked up once."""
    names = _PREFIXED.get(prefix)
    if names is None:
        names = tuple((key, key[len(prefix):]) for key in match.re.groupindex if key.startswith(prefix))
        _PREFIXED[prefix] = names
    found = {}
    for key, short in names:
        value = match.group(key)
        if value is not None:
            found[short] = value
    return found


def _normalise_prefix(prefix: str | None) -> str:
    return " ".join(prefix.lower().split()) if prefix else ""


_PLANNED_FOR = re.compile(r"\b(?:in)?gepland\s+$|\bgeagendeerd\s+$", re.IGNORECASE)


def _raw_from_match(match: re.Match) -> _Raw | None:
    if match.group("yearonly") is not None:
        return _year_only(match)
    name = match.lastgroup
    core_name = _CORE_INDEX[name]
    core = _CORE_BUILDERS[core_name](_groups(match, name + "_"))
    if core is None:
        return None
    pre = _normalise_prefix(match.group("pre"))
    start, end = match.start(), match.end()
    kind, deadline, wrap = core.kind, False, _identity
    before_word = pre in ("voor", "vóór") or pre.endswith((" voor", " vóór"))
    if pre.startswith(("uiterlijk", "ten laatste", "niet later dan", "op zijn laatst")):
        deadline = True
    if before_word and pre == "voor" and _PLANNED_FOR.search(match.string, max(0, start - 20), start):
        start = match.start(name)  # "gepland voor 30 maart": planned for that day, no deadline
    elif before_word:
        if pre in ("voor",) and core.before is None and core.kind != "day":
            # "het budget voor 2020": "voor" means "for" here; report the period alone.
            start = match.start(name)
            deadline = False
        else:
            kind, deadline, wrap = "before", True, _before(core)
    elif pre in ("tot en met", "t/m", "tot"):
        # "tot en met 29 februari", "tot 1 april": up to (and including); a limit, not by itself a promise.
        kind, wrap = "before", _before(core, lambda window: window.end)
    elif pre == "na":
        if core_name == "season":
            kind, wrap = "after", _after
        else:
            start = match.start(name)
    elif pre == "op":
        start = match.start(name)
    return _Raw(start, end, kind, deadline, core, wrap)


def _year_only(match: re.Match) -> _Raw | None:
    pre = _normalise_prefix(match.group("pre_y"))
    year = int(match.group("y_y"))
    window = _year_window(year)
    start = match.start()
    if pre in ("voor", "vóór"):
        if pre == "voor":
            # "voor 2020" is mostly "for 2020"; only "vóór" is unambiguous.
            start = match.start("y_y")
            return _Raw(start, match.end(), "year", False, _fixed(window, "year"), _identity)
        core = _fixed(window, "year")
        return _Raw(start, match.end(), "before", True, core, _before(core))
    deadline = pre.startswith(("uiterlijk", "ten laatste", "niet later dan", "op zijn laatst"))
    return _Raw(start, match.end(), "year", deadline, _fixed(window, "year"), _identity)


# --- year resolution ---------------------------------------------------------------------------

_PLAN = re.compile(
    r"\b(?:zal|zullen|zult|gaan|gaat|verwacht|verwachten|gepland|plannen|staat\s+op\s+de\s+agenda"
    r"|komen\b[^.!?\n]{0,80}?\bsamen|komt\b[^.!?\n]{0,80}?\bsamen"
    r"|(?:wordt|worden)\b[^.!?\n]{0,80}?\b(?:gehouden|georganiseerd|besproken|vastgesteld|verwacht|aangeboden"
    r"|voorgelegd|toegestuurd|toegezonden|gestuurd|behandeld|geëvalueerd|gepresenteerd|opgeleverd|bezorgd)"
    # a delivery, a promise or a gathering announced in the present tense
    r"|informeert|informeren|stuurt|sturen|levert|leveren|presenteert|presenteren|krijg(?:t|en)\b[^.!?\n]{0,80}?"
    r"\b(?:voorgelegd|toegestuurd|aangeboden)"
    r"|zeg(?:t|gen)\s+toe|toezegging|(?:houdt|houden|organiseert|organiseren|belegt|beleggen)"
    r"|(?:vindt|vinden)\b[^.!?\n]{0,80}?\bplaats|volgende\s+(?:vergadering|bijeenkomst|overleg)"
    r"|nodig(?:t|en)\b[^.!?\n]{0,80}?\buit)\b",
    re.IGNORECASE,
)
# A sentence about what already happened keeps the year of its anchor even with a plan word
# ("Het verslag van 7 september wordt vastgesteld", "In maart hebben de colleges vergaderd").
_PAST = re.compile(
    r"(?=[vbnamhwksj])\b(?:(?:verslag|besluitenlijst|notulen|actielijst|brief|memo)\s+van"
    r"|(?:heeft|hebben|had|hadden)\b[^.!?\n]{0,80}?\bge\w+(?:d|t|en)"
    r"|vond|vonden|werd|werden|was|waren|kwam|kwamen|stond|stonden|moest|moesten|vorige|afgelopen|jongstleden"
    r"|sinds)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n")


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(0, start - 400)
    hi = min(len(text), end + 400)
    left = lo
    for boundary in _SENTENCE_END.finditer(text, lo, start):
        left = boundary.end()
    right_match = _SENTENCE_END.search(text, end, hi)
    right = right_match.start() if right_match else hi
    return text[left:right]


def _is_plan(text: str, raw: _Raw) -> bool:
    if raw.deadline:
        return True
    # Whitespace folded: a converter's line break inside "wordt in het / voorjaar ... aangeboden"
    # is no sentence end (a blank line is, and _sentence stops there).
    sentence = " ".join(_sentence(text, raw.start, raw.end).split())
    return _PLAN.search(sentence) is not None and _PAST.search(sentence) is None


# A perfect with a participle that _PAST leaves to the plan rule: "hebben ... vastgesteld", "heeft ...
# ingestemd", "is ... besloten", "hebben ... vergaderd".
_PERFECT = re.compile(
    r"\b(?:heeft|hebben|had|hadden)\b[^.!?\n]{0,80}?\b(?:(?:vast|af|aan|in|op|toe|uit|mee|door|over|voor|terug|bij"
    r"|samen|goed)?ge\w+[dt]|be\w+[dt]|ver\w+[dt]|ont\w+[dt]|besloten|aangenomen)\b"
    r"|\b(?:is|zijn)\b[^.!?\n]{0,80}?\b(?:besloten|afgesproken|vastgesteld|ingestemd|aangenomen|gekozen"
    r"|overeengekomen|goedgekeurd|ondertekend|getekend|gehouden|geweest|gestart|begonnen|verschenen|gepubliceerd"
    r"|verstuurd|verzonden|opgericht|ingesteld)\b",
    re.IGNORECASE,
)
# What may turn (part of) the sentence to what is still to happen: "hebben afgesproken in maart een
# voorstel te doen", "heeft besloten dat de regeling in mei ingaat", "om ...": such a sentence keeps its year.
_STILL_TO_COME = re.compile(r"\b(?:te|dat|om|zal|zullen|gaat|gaan|wordt|worden)\b", re.IGNORECASE)


def _is_past(text: str, raw: _Raw) -> bool:
    """Whether the sentence of ``raw`` tells what already happened (a perfect or a simple past, a
    record "verslag van ..."), with nothing in it that points ahead, and no plan or deadline."""
    if raw.deadline:
        return False
    sentence = " ".join(_sentence(text, raw.start, raw.end).split())
    if (_PAST.search(sentence) is None and _PERFECT.search(sentence) is None) or _PLAN.search(sentence) is not None:
        return False
    return _STILL_TO_COME.search(sentence) is None


def _resolve(text: str, raw: _Raw, anchor: date | None, reference: date | None) -> Window | None:
    core = raw.core
    if core.relative:
        window = core.make(None, reference)
        return None if window is None else raw.wrap(window, reference)
    if not core.needs_year:
        window = core.make(None, reference)
        return None if window is None else raw.wrap(window, reference)
    if anchor is None:
        return None
    window = core.make(anchor.year, reference)
    if window is not None:
        window = raw.wrap(window, reference)
    if window is not None and window.end < anchor and _is_plan(text, raw):
        later = core.make(anchor.year + 1, reference)
        window = None if later is None else raw.wrap(later, reference)
    elif window is not None and window.start > anchor and _is_past(text, raw):
        # "De raden hebben in december de begroting vastgesteld", in a letter of February: last December.
        earlier = core.make(anchor.year - 1, reference)
        window = None if earlier is None else raw.wrap(earlier, reference)
    return window


def _nearest_anchor(anchors: list[tuple[int, int, date]], starts: list[int], raw: _Raw) -> date | None:
    """The date of the fully dated expression closest to ``raw``; ``anchors`` are (start, end, date)
    in text order, ``starts`` their starts. Mentions never overlap, so only the two neighbours count."""
    after = bisect.bisect_left(starts, raw.start)
    best, best_distance = None, None
    for candidate in (after - 1, after):
        if 0 <= candidate < len(anchors):
            start, end, anchor_date = anchors[candidate]
            distance = max(start - raw.end, raw.start - end, 0)
            if best_distance is None or distance < best_distance:
                best, best_distance = anchor_date, distance
    return best


# Every expression contains one of these tokens, preceded at most by a few "leading" words
# ("uiterlijk in het eerste ..."). Looking for the tokens first (on lower-cased text, through a
# trie-shaped pattern), walking back over leading words, and trying the full pattern only at the
# few word starts found is many times faster than trying the full pattern at every word.
_TRIGGER_WORDS = {
    *_MONTH_WORDS, *_MONTH_ABBREVIATIONS, *_WEEKDAYS, *_SEASONS, *_PARTS,
    "kwartaal", "helft", "halfjaar", "q", "week", "jaar", "maand", "vandaag", "morgen", "overmorgen", "gisteren",
    "eergisteren",
}
_LEADING_WORDS = {
    "uiterlijk", "in", "op", "per", "voor", "vóór", "ten", "laatste", "niet", "later", "dan", "zijn",
    "laatst", "na", "tot", "en", "met", "t/m", "de", "loop", "van", "vanaf", "sinds", "tussen",
    "periode", "jaren", "het", "dit", "deze", "volgend", "volgende", "komend", "komende", "aankomend",
    "aankomende", "afgelopen", "vorig", "vorige", "huidig", "huidige", "aanstaande",
    "begrotingsjaar", "kalenderjaar", *_ORDINALS, *_NUMBER_WORDS, *_TRIGGER_WORDS,
}


def _trie(words) -> str:
    """A pattern matching any of ``words``, shaped as a trie so a mismatch fails on one letter."""
    branches: dict[str, list[str]] = {}
    complete = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            complete = True
    if not branches:
        return ""
    alternatives = [re.escape(first) + _trie(rest) for first, rest in sorted(branches.items())]
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if complete else body


_TRIGGER_SOURCE = r"\d+|\b" + _trie(_TRIGGER_WORDS)
# Applied to the reversed text just before a trigger: the leading words, read backwards.
_LEADING_SOURCE = r"(?:[\s,]{1,10}(?:" + _trie(w[::-1] for w in _LEADING_WORDS) + r")(?!\w))*"
_TRIGGER_LOWER = re.compile(_TRIGGER_SOURCE)
_LEADING_LOWER = re.compile(_LEADING_SOURCE)
_TRIGGER_ANY_CASE = re.compile(_TRIGGER_SOURCE, re.IGNORECASE)
_LEADING_ANY_CASE = re.compile(_LEADING_SOURCE, re.IGNORECASE)
_WORD_START = re.compile(r"(?<!\w)\w")


_TOKEN_TRIGGERS: dict[str, tuple[int, ...]] = {}


def _token_triggers(word: str) -> tuple[int, ...]:
    found = tuple(match.start() for match in _TRIGGER_LOWER.finditer(word))
    if len(_TOKEN_TRIGGERS) < 300_000:
        _TOKEN_TRIGGERS[word] = found
    return found


def trigger_positions(lowered: str, tokens: Sequence[re.Match[str]], words: Sequence[str]) -> list[int]:
    """Where ``_TRIGGER_LOWER.finditer(lowered)`` matches, from the text's words.

    ``tokens`` are the matches of :func:`regio.extraction.themes.tokens` on ``lowered`` (runs of
    letters joined by hyphens or apostrophes, and runs of digits: together every word character
    but "_"), ``words`` their text. A trigger lies inside one token and is where the pattern
    matches in that token alone (tested once per distinct word), except a word start right after
    a digit or "_", which is no word boundary in the text."""
    positions = []
    known = _TOKEN_TRIGGERS.get
    for match, word in zip(tokens, words):
        offsets = known(word)
        if offsets is None:
            offsets = _token_triggers(word)
        if offsets:
            start = match.start()
            for offset in offsets:
                if offset == 0 and start and not word[0].isdecimal():
                    before = lowered[start - 1]
                    if before == "_" or before.isdecimal():
                        continue
                positions.append(start + offset)
    return positions


def _matches(text: str, triggers: Sequence[int] | None = None):
    """The matches ``_PATTERN.finditer(text)`` would give, found from the triggers.

    ``triggers`` are :func:`trigger_positions` of the lower-cased text, when known."""
    lowered = text.lower()
    if len(lowered) == len(text):  # lower-casing kept every offset (it nearly always does)
        scanned, trigger, leading = lowered, _TRIGGER_LOWER, _LEADING_LOWER
    else:
        scanned, trigger, leading = text, _TRIGGER_ANY_CASE, _LEADING_ANY_CASE
        triggers = None
    if triggers is None:
        triggers = [found.start() for found in trigger.finditer(scanned)]
    backwards = scanned[::-1]
    size = len(text)
    done = 0  # no match may start before this offset
    for position in triggers:
        if position < done:
            continue
        lead = leading.match(backwards, size - position)
        earliest = max(done, size - lead.end())
        for word in _WORD_START.finditer(text, earliest, position + 1):
            match = _PATTERN.match(text, word.start())
            if match is not None and match.end() > position:
                yield match
                done = match.end()
                break


def _raws(text: str, triggers: Sequence[int] | None = None) -> list[_Raw]:
    """The expressions in ``text`` before resolution (which needs the reference date)."""
    raws = []
    for match in _matches(text, triggers):
        raw = _raw_from_match(match)
        if raw is not None:
            raws.append(raw)
    return raws


def find_dates(text: str, *, reference: date | None = None, raws: list[_Raw] | None = None) -> list[DateMention]:
    """Every date or period expression in ``text``, in order and without overlaps.

    ``raws`` are the expressions :func:`scan` found in this same text, to read the text once."""
    if raws is None:
        raws = _raws(text)
    anchors = []
    if reference is None:
        for raw in raws:
            if raw.core.precise and raw.core.explicit_year:
                window = raw.core.make(None, None)
                if window is not None:
                    anchors.append((raw.start, raw.end, window.start))
    starts = [start for start, _end, _date in anchors]
    mentions = []
    for raw in raws:
        anchor = reference
        if anchor is None and raw.core.needs_year and anchors:
            anchor = _nearest_anchor(anchors, starts, raw)
        window = _resolve(text, raw, anchor, reference)
        mentions.append(
            DateMention(
                start=raw.start,
                end=raw.end,
                text=text[raw.start:raw.end],
                window=window,
                kind=raw.kind,
                deadline=raw.deadline,
                explicit_year=raw.core.explicit_year,
            )
        )
    return mentions


_BARE_YEARS = re.compile(rf"(?P<first>{_YEAR})(?:{_CONNECT}(?P<last>{_YEAR}))?", re.IGNORECASE)


def parse_window(expression: str, *, reference: date | None = None) -> Window | None:
    """The window of one expression on its own ("eerste kwartaal 2019"); ``None`` if it is not one."""
    stripped = expression.strip().strip(".,;:()")
    stripped = stripped.strip()
    if not stripped:
        return None
    # On its own a bare year ("2019") or span of years ("2019-2022") is clearly a period.
    bare = _BARE_YEARS.fullmatch(stripped)
    if bare:
        first, last = int(bare["first"]), int(bare["last"] or bare["first"])
        return Window(date(first, 1, 1), date(last, 12, 31)) if first <= last else None
    mentions = find_dates(stripped, reference=reference)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    if mention.start != 0 or mention.end != len(stripped):
        return None
    return mention.window


# --- describing windows ------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowPhrases:
    """The words :func:`describe_window` writes a window in: Dutch here, other languages elsewhere."""

    months: tuple[str, ...]
    until: str  # "{day}" is the last day
    quarters: tuple[str, str, str]  # "{year}"; the fourth quarter is written as the end of the year
    seasons: dict[str, str]  # season key of _SEASON_MONTHS (and "winter") → "{year}" phrase
    mid_year: str
    end_of_year: str
    parts_of_month: dict[str, str]  # "begin" / "medio" / "eind" → "{month} {year}" phrase

    def day(self, d: date, *, with_year: bool = True) -> str:
        text = f"{d.day} {self.months[d.month - 1]}"
        return f"{text} {d.year}" if with_year else text


DUTCH_PHRASES = WindowPhrases(
    months=MONTH_NAMES,
    until="tot en met {day}",
    quarters=("eerste kwartaal {year}", "tweede kwartaal {year}", "derde kwartaal {year}"),
    seasons={"voorjaar": "voorjaar {year}", "zomer": "zomer {year}", "najaar": "najaar {year}",
             "winter": "winter {year}"},
    mid_year="medio {year}",
    # The fourth quarter reads as "eind <jaar>", the way Dutch policy texts say it.
    end_of_year="eind {year}",
    parts_of_month={"begin": "begin {month} {year}", "medio": "medio {month} {year}", "eind": "eind {month} {year}"},
)


def _day_text(d: date, *, with_year: bool = True) -> str:
    return DUTCH_PHRASES.day(d, with_year=with_year)


def _is_whole_month(window: Window) -> bool:
    return window.start.day == 1 and window.end.day == _last_day(window.end.year, window.end.month)


def describe_window(window: Window, phrases: WindowPhrases = DUTCH_PHRASES) -> str:
    """The window in words, as a reader would write it: Dutch unless other ``phrases`` are given."""
    start, end = window.start, window.end
    day, months = phrases.day, phrases.months
    if start == OPEN_START:
        return phrases.until.format(day=day(end))
    if window.is_day:
        return day(start)
    same_year = start.year == end.year
    if same_year and _is_whole_month(window):
        if start.month == end.month:
            return f"{months[start.month - 1]} {start.year}"
        if start.month == 1 and end.month == 12:
            return str(start.year)
        for part, phrase in enumerate(phrases.quarters, start=1):
            if window == _quarter_window(start.year, part):
                return phrase.format(year=start.year)
        for season in ("voorjaar", "zomer", "najaar"):
            if window == _season_window(start.year, season):
                return phrases.seasons[season].format(year=start.year)
        if window == _part_of_year(start.year, "medio"):
            return phrases.mid_year.format(year=start.year)
        if window == _part_of_year(start.year, "eind"):
            return phrases.end_of_year.format(year=start.year)
    if window == _season_window(start.year, "winter"):
        return phrases.seasons["winter"].format(year=start.year)
    if (start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31
            and end.year > start.year):
        return f"{start.year} – {end.year}"
    if same_year and start.month == end.month:
        for part in ("begin", "medio", "eind"):
            if window == _part_of_month(start.year, start.month, part):
                return phrases.parts_of_month[part].format(month=months[start.month - 1], year=start.year)
        return f"{start.day} – {day(end)}"
    if same_year and _is_whole_month(window):
        return f"{months[start.month - 1]} – {months[end.month - 1]} {start.year}"
    if same_year:
        return f"{day(start, with_year=False)} – {day(end)}"
    return f"{day(start)} – {day(end)}"


# --- the text's own date -----------------------------------------------------------------------

_HEADER_CHARS = 1200
_FOOTER_CHARS = 1500
_LABEL = re.compile(
    r"^\s*(?:(?:vergader|verzend|publicatie|besluit)?datum(?:\s+(?:vergadering|bijeenkomst|overleg|brief|verzending))?"
    r"|date|verzonden|dagtekening|d\.\s?d\.?|dd|(?:geplaatst|gepubliceerd|verzonden)\s+op)\s*[:.]?\s*$",
    re.IGNORECASE,
)
# A header table converted from PDF puts the labels on one line and the values on the next
# ("Datum   Contactpersoon" / "22 januari 2016   J. Jansen"): a line that starts with the date
# under a line that starts with the label.
_LABEL_ABOVE = re.compile(r"^\s*(?i:(?:vergader|verzend)?datum|date|verzonden|dagtekening)(?:\s*[:.]?\s*$|\s+[A-Z])")
# A date line of a web page or an agenda may give the time after the date
# ("woensdag 24 juni 2020 20:00", "30 september 2014 om 00:00 | Lokaal nieuws").
_AFTER_DATE_TIME = re.compile(r"^\s*(?:,\s*)?(?:om\s+)?\d{1,2}[.:]\d{2}(?:\s*uur)?(?:\s|$|\|)")
# A flattened PDF header runs on: "... Malden, 5 februari 2013 Aan de raad, ...": a place and a
# comma just before the date, a capitalised word (or nothing) after it.
_PLACE_INLINE = re.compile(r"(?:^|[\s:])(?:'s-)?[A-Z][\w'’-]+(?:\s+(?:aan|op|en|de|den|in)\s+[A-Z][\w'’-]+)?,\s*$")
_CAPITAL_AFTER = re.compile(r"^\s+(?:[A-Z]|$)")
# After a label or a record title, the rest of the line may give the time and place
# ("Datum: 7 juni 2021, 16.00 uur, digitaal"); after a place, a news dateline goes on with
# the story after a dash ("Ede, 18 januari 2022 - De acht gemeenten ...").
_AFTER_LABEL = re.compile(r"^\s*(?:[,;(]|\d{1,2}[.:]\d{2}\b|om\b|van\b|-\s*\d)")
_AFTER_DATELINE = re.compile(r"^\s*[-–—]\s+\S")
_PLACE = re.compile(r"^\s*(?:\d{1,3}\s+)?(?:'s-)?[A-Z][\w'’-]*(?:[ -][\w'’-]+){0,3}\s*,?\s*$")
_TITLE = re.compile(
    r"^\s*(?:besluitenlijst|verslag|notulen|agenda|actielijst|persbericht|nieuwsbrief|memo|raadsinformatiebrief"
    r"|vergadering|bijeenkomst|overleg)\b",
    re.IGNORECASE,
)
_TITLE_LINK = re.compile(r"(?:\bvan|\bd\.\s?d\.?|\bdd|:|,)\s*$", re.IGNORECASE)
_HEADER_DD = re.compile(r"\bd\.\s?d\.?\s*$", re.IGNORECASE)


def _line_bounds(text: str, start: int, end: int) -> tuple[str, str]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    return text[line_start:start], text[end:line_end]


def _states_own_date(text: str, mention: DateMention, *, in_header: bool) -> bool:
    before, after = _line_bounds(text, mention.start, mention.end)
    titled = in_header and (_TITLE.match(before) and _TITLE_LINK.search(before) or _HEADER_DD.search(before))
    labelled = _LABEL.match(before) is not None or bool(titled) or _SIGNED_OFF.match(before) is not None
    if not labelled and in_header and not before.strip() and _label_above(text, mention.start):
        return True
    if after.strip(" \t.,;)"):
        if labelled and _AFTER_LABEL.match(after):
            return True
        if in_header and not before.strip(" \t(") and _AFTER_DATE_TIME.match(after):
            return True
        if in_header and len(before) + len(after) > 150 and _CAPITAL_AFTER.match(after) and _PLACE_INLINE.search(
            before
        ):
            return True
        # A news dateline: a place and a comma, the date, then the story after a dash or full stop.
        return in_header and before.rstrip().endswith(",") and _PLACE.match(before) is not None and (
            _AFTER_DATELINE.match(after) is not None or after.startswith(". ")
        )
    # A place before the date: with a comma, or a single word ("Leiden 12 maart 2019"); "De raad
    # vergaderde op 5 maart 2019." is a sentence.
    return not before.strip(" \t(") or labelled or _PLACE.match(before) is not None and (
        before.rstrip().endswith(",") or len(before.split()) <= 1
    )


# The closing formula of a council's or a board's decision: "Aldus besloten in de openbare vergadering
# van 13 februari 2020", "Aldus vastgesteld in de vergadering van ...", "Vastgesteld op ...". Its date is
# the decision's, the document's own.
_SIGNED_OFF = re.compile(
    # "aldus ..." in any case, or the participle starting its line with a capital: a line broken inside
    # a sentence ("Het plan is / vastgesteld in de vergadering van ...") starts in lower case.
    r"^\s*(?:(?i:aldus)\s+(?i:besloten|vastgesteld|gedaan|getekend)|Besloten|Vastgesteld|Gedaan|Getekend|BESLOTEN"
    r"|VASTGESTELD)\b(?i:[^.\n]{0,80}?\b(?:van|op|d\.\s?d\.?|dd))\s*$"
)


def _label_above(text: str, start: int) -> bool:
    """Whether the nearest non-empty line above the one at ``start`` starts with a date label."""
    line_start = text.rfind("\n", 0, start) + 1
    above_end = line_start - 1
    while above_end > 0:
        above_start = text.rfind("\n", 0, above_end) + 1
        line = text[above_start:above_end]
        if line.strip():
            return _LABEL_ABOVE.match(line) is not None
        above_end = above_start - 1
    return False


def _title_date(text: str, candidates: list[DateMention]) -> DateMention | None:
    """A full date at the end of the text's first line, when that line is a title (no sentence)."""
    first = re.match(r"\s*([^\n]*)", text)
    if first is None or not candidates:
        return None
    line_start, line_end = first.start(1), first.end(1)
    title = first.group(1)
    if len(title) > 160 or title.rstrip().endswith((".", "?", "!")):
        return None
    for mention in candidates:
        if mention.start >= line_end:
            break
        if mention.start >= line_start and not text[mention.end:line_end].strip(" \t.,;)]|"):
            return mention
    return None


def scan(text: str, triggers: Sequence[int] | None = None) -> list[_Raw]:
    """The text's date expressions before resolution: pass them to :func:`document_date` and
    :func:`find_dates` so the text is scanned once. ``triggers``: see :func:`trigger_positions`."""
    return _raws(text, triggers)


def _own_date_candidates(text: str, raws: list[_Raw]) -> list[DateMention]:
    """Fully dated days (day, month and year): the only expressions that can be the text's own date."""
    found = []
    for raw in raws:
        if raw.kind == "day" and raw.core.explicit_year:
            window = raw.core.make(None, None)
            window = None if window is None else raw.wrap(window, None)
            if window is not None:
                found.append(DateMention(start=raw.start, end=raw.end, text=text[raw.start:raw.end], window=window,
                                         kind=raw.kind, deadline=raw.deadline, explicit_year=True))
    return found


def document_date(text: str, raws: list[_Raw] | None = None) -> DateMention | None:
    """The date ``text`` states as its own: a dateline or letter date, or a signed-off date at the end.

    Only a line that carries nothing but a full date (optionally after a weekday, a place and a
    comma, or a label such as "Datum:"), or a dated meeting-record title, counts; a date inside a
    body sentence never does. ``raws`` are :func:`scan`'s expressions of ``text``, when known.
    """
    if raws is None:
        raws = _raws(text)
    candidates = _own_date_candidates(text, raws)
    header_end = min(len(text), _HEADER_CHARS)
    for mention in candidates:
        if mention.end > header_end:
            break
        if _states_own_date(text, mention, in_header=True):
            return mention
    footer_start = max(header_end, len(text) - _FOOTER_CHARS)
    for mention in reversed(candidates):
        if mention.start < footer_start:
            break
        if _states_own_date(text, mention, in_header=False):
            return mention
    # A news item or page whose only date is at the end of its title ("... (28-01-2020)").
    return _title_date(text, candidates)
