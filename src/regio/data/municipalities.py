"""The national list of Dutch municipalities, read from the CSV files beside this module.

This module owns the answer to "which municipality is this?" for every other part of
Regio: region files are validated against it and the text reader recognises names with it.
It is pure Python (standard library only) and imports nothing of Django.

Two files hold the data:

``municipalities.csv``
    The 342 municipalities of the CBS "Gemeentelijke indeling op 1 januari 2025": CBS code
    (``GM`` + four digits), the name as CBS spells it (``'s-Gravenhage``, ``Bergen (NH.)``,
    ``Hengelo (O.)``), the province, and ``|``-separated variants a text may use instead
    (``Den Haag``, ``Den Bosch``, ``Bergen (NH)``).

``former_municipalities.csv``
    Every municipality whose CBS code ceased between 2010-01-01 and 2025-01-01 (inclusive),
    through a merger, a split or a renaming that came with a new code (Menaldumadeel 2011,
    De Friese Meren 2015, Groesbeek 2016); and, because texts from 2008 on name the
    municipalities of their day, the mergers of 2006, 2007 and 2009 that CBS reported ("458
    gemeenten in 2006", "443 gemeenten in 2007") and Kaag en Braassem (Alkemade, Jacobswoude)
    and Bloemendaal (Bennebroek) in 2009 — for 2006–2009 not complete (Heel and the old
    Roerdalen of 2007, for instance, are not listed). ``end_date`` is the first day it no longer
    existed; ``successor`` is the *current* municipality that holds its territory (the one
    holding most of it after a split), so a chain such as Graafstroom -> Molenwaard ->
    Molenlanden resolves straight to Molenlanden.

A municipality that was legally re-founded under its old name and kept its CBS code
(Leeuwarden 2014 and 2018, Alphen aan den Rijn 2014, Groningen 2019, Noordwijk 2019,
Purmerend 2022 ...) is one current record, not a former one: the code is the identity.

Names are matched with :func:`name_key`, which ignores case, diacritics, hyphens versus
spaces and the shape of the apostrophe, so "sudwest fryslan" and "’s-Hertogenbosch" match.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

__all__ = [
    "FORMER_SINCE",
    "PROVINCES",
    "REFERENCE_DATE",
    "MunicipalityDataError",
    "MunicipalityRecord",
    "all_municipalities",
    "by_cbs_code",
    "by_name",
    "current_municipalities",
    "former_municipalities",
    "name_key",
    "parse_current",
    "parse_former",
]

# The twelve provinces in CBS order (north to south), with their official spelling.
PROVINCES: tuple[str, ...] = (
    "Groningen",
    "Fryslân",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)

# The day the current list describes, and the first end date the former list covers.
REFERENCE_DATE = date(2025, 1, 1)
FORMER_SINCE = date(2006, 1, 1)

CURRENT_FILE = "municipalities.csv"
FORMER_FILE = "former_municipalities.csv"
CURRENT_HEADER = ("cbs_code", "name", "province", "variants")
FORMER_HEADER = ("cbs_code", "name", "province", "end_date", "successor")

_CODE = re.compile(r"GM\d{4}")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = re.compile(r"[-‐‑‒–—]+")


class MunicipalityDataError(ValueError):
    """A municipality CSV file breaks the format this module promises its users."""


@dataclass(frozen=True)
class MunicipalityRecord:
    """One municipality, current (no ``end_date``) or former."""

    cbs_code: str
    name: str
    province: str
    variants: tuple[str, ...] = ()
    end_date: date | None = None
    successor: str | None = None

    @property
    def is_current(self) -> bool:
        return self.end_date is None

    @property
    def names(self) -> tuple[str, ...]:
        """The official name followed by its variants."""
        return (self.name, *self.variants)


def name_key(name: str) -> str:
    """The form under which names are compared: case, diacritics, dashes and apostrophes folded."""
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _DASHES.sub(" ", text.casefold())
    return " ".join(text.split())


# ------------------------------------------------------------------------- parsing


def parse_current(text: str, *, source: str = CURRENT_FILE) -> tuple[MunicipalityRecord, ...]:
    """Parse and check the text of ``municipalities.csv``."""
    records = []
    for line, row in _rows(text, CURRENT_HEADER, source):
        code, name, province, variants = (row[field].strip() for field in CURRENT_HEADER)
        _check_common(code, name, province, source, line)
        variant_list = tuple(part.strip() for part in variants.split("|")) if variants else ()
        if any(not part for part in variant_list):
            raise MunicipalityDataError(f"{source}, line {line}: empty variant in {variants!r}")
        records.append(MunicipalityRecord(cbs_code=code, name=name, province=province, variants=variant_list))
    _check_unique(records, source)
    return tuple(records)


def parse_former(
    text: str, *, current: tuple[MunicipalityRecord, ...], source: str = FORMER_FILE
) -> tuple[MunicipalityRecord, ...]:
    """Parse and check the text of ``former_municipalities.csv`` against the current list."""
    current_names = {record.name for record in current}
    records = []
    for line, row in _rows(text, FORMER_HEADER, source):
        code, name, province, end, successor = (row[field].strip() for field in FORMER_HEADER)
        _check_common(code, name, province, source, line)
        try:
            end_date = date.fromisoformat(end)
        except ValueError:
            raise MunicipalityDataError(f"{source}, line {line}: end_date {end!r} is not YYYY-MM-DD") from None
        if not FORMER_SINCE <= end_date <= REFERENCE_DATE:
            raise MunicipalityDataError(
                f"{source}, line {line}: end_date {end} lies outside {FORMER_SINCE}..{REFERENCE_DATE}"
            )
        if successor not in current_names:
            raise MunicipalityDataError(
                f"{source}, line {line}: successor {successor!r} of {name} is not a current municipality"
            )
        records.append(
            MunicipalityRecord(
                cbs_code=code, name=name, province=province, end_date=end_date, successor=successor
            )
        )
    _check_unique(records, source)
    reused = sorted({record.cbs_code for record in records} & {record.cbs_code for record in current})
    if reused:
        raise MunicipalityDataError(f"{source}: codes of former municipalities still in use: {reused}")
    return tuple(records)


def _rows(text: str, header: tuple[str, ...], source: str):
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != header:
        raise MunicipalityDataError(f"{source}: header must be {','.join(header)}, not {reader.fieldnames}")
    for row in reader:
        if None in row or any(value is None for value in row.values()):
            raise MunicipalityDataError(f"{source}, line {reader.line_num}: expected {len(header)} fields")
        yield reader.line_num, row


def _check_common(code: str, name: str, province: str, source: str, line: int) -> None:
    if not _CODE.fullmatch(code):
        raise MunicipalityDataError(f"{source}, line {line}: CBS code {code!r} is not GM followed by four digits")
    if not name:
        raise MunicipalityDataError(f"{source}, line {line}: {code} has no name")
    if province not in PROVINCES:
        raise MunicipalityDataError(f"{source}, line {line}: {province!r} is not one of the twelve provinces")


def _check_unique(records: list[MunicipalityRecord], source: str) -> None:
    for label, values in (("code", [r.cbs_code for r in records]), ("name", [r.name for r in records])):
        doubles = sorted({value for value in values if values.count(value) > 1})
        if doubles:
            raise MunicipalityDataError(f"{source}: duplicate {label}s: {doubles}")


# ------------------------------------------------------------------------- the list


def _read(filename: str) -> str:
    return resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")


@cache
def current_municipalities() -> tuple[MunicipalityRecord, ...]:
    """The 342 municipalities of 1 January 2025, ordered by CBS code."""
    return parse_current(_read(CURRENT_FILE))


@cache
def former_municipalities() -> tuple[MunicipalityRecord, ...]:
    """The municipalities that ceased from 2010 on, ordered by end date."""
    return parse_former(_read(FORMER_FILE), current=current_municipalities())


@cache
def all_municipalities() -> tuple[MunicipalityRecord, ...]:
    """Current municipalities first, then former ones."""
    return current_municipalities() + former_municipalities()


@cache
def _by_code() -> Mapping[str, MunicipalityRecord]:
    return MappingProxyType({record.cbs_code: record for record in all_municipalities()})


@cache
def _by_name_key() -> Mapping[str, MunicipalityRecord]:
    # Former records go in first so that a current record claiming the same key wins.
    index: dict[str, MunicipalityRecord] = {}
    for record in former_municipalities() + current_municipalities():
        for name in record.names:
            index[name_key(name)] = record
    return MappingProxyType(index)


def by_cbs_code(code: str) -> MunicipalityRecord | None:
    """The municipality with this CBS code (``GM0546``, ``gm0546`` or the bare ``0546``), or None."""
    text = code.strip().upper()
    if text.isdigit() and len(text) <= 4:
        text = f"GM{text.zfill(4)}"
    return _by_code().get(text)


def by_name(name: str) -> MunicipalityRecord | None:
    """The municipality an official name or known variant refers to, preferring a current one."""
    return _by_name_key().get(name_key(name))
