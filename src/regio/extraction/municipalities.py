"""Finding Dutch municipalities and partner organisations mentioned in a text.

This module owns the answer to "which municipalities does this text mention?". Names
come from the national list in :mod:`regio.data.municipalities` (current municipalities
and the ones merged away, with their variants such as "Den Haag" for 's-Gravenhage); when
that list is not installed the region's own municipalities are used and the result says
so. Rules that keep the answer honest:

* names are matched case-sensitively as written ("Leiden", or all capitals in a heading);
  the verb "leiden" or a URL such as ``leiden.nl`` is not a mention;
* a name that follows "provincie", a region word ("Regio Zwolle", "Metropoolregio ...")
  or an organisation word ("Universiteit Leiden", "Waterschap ...") names that
  organisation or region, not the municipality; adjectives ("Leidse") never match;
* names that are also ordinary Dutch words ("Best", "Buren", "Houten", "Huizen") do not
  count at the start of a sentence unless "gemeente" precedes them;
* a name shared by two municipalities ("Bergen") counts only when the text settles which.

Organisations (provinces, water boards, universities, universities of applied sciences,
housing corporations, GGD, safety regions) are reported separately.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import compress

from .context import ExtractionContext

# Names that are also ordinary Dutch words: not a mention at the start of a sentence.
_COMMON_WORDS = frozenset(
    "best beek buren bergen putten sluis huizen houten duiven hulst weert echt stein goes laren oost".split()
)

# Words that make the next name part of an organisation or region name.
_ORGANISATION_WORDS = {
    "provincie": "provincie",
    "waterschap": "waterschap",
    "hoogheemraadschap": "waterschap",
    "universiteit": "universiteit",
    "university": "universiteit",
    "hogeschool": "hogeschool",
    "ggd": "gezondheidsdienst",
    "veiligheidsregio": "veiligheidsregio",
    "omgevingsdienst": "omgevingsdienst",
    "woningcorporatie": "woningcorporatie",
    "woningstichting": "woningcorporatie",
    "woonstichting": "woningcorporatie",
    "regio": "regio",
    "metropoolregio": "regio",
    "stadsregio": "regio",
    "vervoerregio": "regio",
    "arbeidsmarktregio": "regio",
    "zorgregio": "regio",
    "politie": "politie",
    "station": "station",
}

PROVINCES = (
    "Groningen",
    "Fryslân",
    "Friesland",
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

# A capitalised word where a name can start: letters and digits ([^\W_] is str.isalnum) and
# apostrophes, or after "'s-" letters and digits only. Plainly written that is
# r"(?<![\w'’&-])(?:['’]s-[A-ZÀ-ÞĲ][^\W_]*+|[A-ZÀ-ÞĲ](?:[^\W_]|['’])*+)"; spelled here to start
# with a character class, so the engine skips to the next capital or apostrophe at once, with
# the lookbehinds after the first character saying what came before it.
_CAPITAL_WORD = re.compile(
    r"[A-ZÀ-ÞĲ'’](?<![\w'’&-][A-ZÀ-ÞĲ'’])(?:(?<=['’])s-[A-ZÀ-ÞĲ][^\W_]*+|(?<=[A-ZÀ-ÞĲ])(?:[^\W_]|['’])*+)"
)
# The word before a name: r"([\w'’-]+)[ \t\n]+(?:van[ \t\n]+)?$" searched in the 40 characters
# before it, written for the reversed window so the engine tries one position instead of forty.
_WORD_BEFORE_REVERSED = re.compile(r"[ \t\n]+(?:nav[ \t\n]+)?([\w'’-]+)")
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;•\n][\"”’')]*)[ \t]*$")
_PROVINCE_NAME = re.compile(r"\b(?:provincie|Provincie|PROVINCIE)[ \t\n]+(" + "|".join(PROVINCES) + r")\b")
# The lookahead names the letters an organisation name can start with: other positions fail at once.
_ORGANISATION = re.compile(
    r"(?=[A-ZÀ-Þpwhuvo])\b(?:(?P<prefix>Provincie|provincie|Waterschap|waterschap|Hoogheemraadschap(?: van)?|hoogheemraadschap(?: van)?"
    r"|Universiteit|universiteit|Hogeschool|hogeschool|GGD|Veiligheidsregio|veiligheidsregio|Omgevingsdienst"
    r"|omgevingsdienst|Woningcorporatie|woningcorporatie|Woonstichting|woonstichting|Woningstichting)"
    r"[ \t]+(?P<name>(?:['’]s-)?[A-ZÀ-Þ][\w'’-]*(?:[ \t]+(?:aan[ \t]+de[ \t]+|van[ \t]+)?[A-ZÀ-Þ][\w'’-]*){0,3})"
    r"|(?P<suffixed>[A-ZÀ-Þ][\w-]*[ \t]+(?:Universiteit|Hogeschool|University|Universiteit van [A-Z][\w-]+)))"
)


@dataclass(frozen=True)
class MunicipalityRecord:
    name: str
    cbs_code: str = ""
    province: str = ""
    variants: tuple[str, ...] = ()
    end_date: date | None = None
    successor: str | None = None
    is_current: bool = True


@dataclass(frozen=True)
class MunicipalityMention:
    start: int
    end: int
    text: str
    record: MunicipalityRecord
    rule: str
    confidence: float


@dataclass(frozen=True)
class OrganisationMention:
    start: int
    end: int
    name: str
    kind: str


# CBS's qualifier after a name that another municipality once shared: "Laren (NH.)", "Hengelo (O.)",
# "Valkenburg (ZH.)", "Bergen (L.)".
_QUALIFIER = re.compile(r"\s+\((?:[A-Z][A-Za-z]{0,2}\.?-?){1,2}\)$")


def bare_name(name: str) -> str:
    """The name without CBS's province qualifier ("Laren (NH.)" -> "Laren")."""
    return _QUALIFIER.sub("", name)


def plain_names(names) -> dict[str, str]:
    """For each name, how a text and a reader write it: without CBS's qualifier unless another
    of ``names`` has the same bare name ("Laren (NH.)" -> "Laren"; the two Bergens keep theirs)."""
    names = list(names)
    counts: dict[str, int] = defaultdict(int)
    for name in names:
        counts[bare_name(name)] += 1
    return {name: (bare if counts[bare := bare_name(name)] == 1 else name) for name in names}


class Catalogue:
    """All municipality names and variants, indexed by their first word for a fast scan."""

    def __init__(self, records: list[MunicipalityRecord], *, national: bool) -> None:
        self.records = records
        self.national = national
        # The name a text writes: a qualifier only where two municipalities share the bare name.
        self.plain = plain_names(record.name for record in records)
        by_variant: dict[str, list[MunicipalityRecord]] = defaultdict(list)
        for record in records:
            for variant in {record.name, self.plain[record.name], *record.variants}:
                variant = variant.strip().replace("’", "'")
                if variant and record not in by_variant[variant]:
                    by_variant[variant].append(record)
        self._index: dict[str, list[tuple[str, tuple[MunicipalityRecord, ...]]]] = defaultdict(list)
        for variant, owners in by_variant.items():
            self._index[_first_word(variant)].append((variant, tuple(owners)))
        for candidates in self._index.values():
            candidates.sort(key=lambda item: -len(item[0]))
        self._by_word: dict[str, list[tuple[str, tuple[MunicipalityRecord, ...]]]] = {}

    def candidates(self, first_word: str) -> list[tuple[str, tuple[MunicipalityRecord, ...]]]:
        return self._index.get(first_word, [])

    def candidates_of(self, words: list[str]) -> list[list[tuple[str, tuple[MunicipalityRecord, ...]]]]:
        """:meth:`candidates` for each capitalised word as written (looked up once per distinct word)."""
        try:
            return list(map(self._by_word.__getitem__, words))
        except KeyError:  # words not seen before
            if len(self._by_word) > 200_000:
                self._by_word.clear()
            for word in set(words).difference(self._by_word):
                self._by_word[word] = self.candidates(word.replace("’", "'").upper())
            return list(map(self._by_word.__getitem__, words))


def _first_word(variant: str) -> str:
    match = re.match(r"(?:'s-)?[^\s(-]+", variant)
    return match.group().upper() if match else variant.upper()


def _record_from(source: object) -> MunicipalityRecord:
    return MunicipalityRecord(
        name=str(getattr(source, "name")),
        cbs_code=str(getattr(source, "cbs_code", "") or ""),
        province=str(getattr(source, "province", "") or ""),
        variants=tuple(getattr(source, "variants", ()) or ()),
        end_date=getattr(source, "end_date", None),
        successor=getattr(source, "successor", None),
        is_current=bool(getattr(source, "is_current", True)),
    )


_national: Catalogue | None = None


def catalogue(context: ExtractionContext) -> Catalogue:
    """The national catalogue when the municipality list is installed, else the region's municipalities."""
    global _national
    if _national is None:
        try:
            from regio.data import municipalities as national
        except ImportError:
            national = None
        if national is not None:
            _national = Catalogue([_record_from(item) for item in national.all_municipalities()], national=True)
    if _national is not None:
        return _national
    return Catalogue(
        [MunicipalityRecord(name=item.name, cbs_code=item.cbs_code) for item in context.municipalities],
        national=False,
    )


def plain_name(name: str) -> str:
    """How texts write a municipality's name: CBS's qualifier dropped unless the bare name is
    shared ("Laren (NH.)" -> "Laren", "Bergen (NH.)" stays); a name not in the national list is
    returned as given."""
    cat = _national if _national is not None else catalogue(ExtractionContext())
    return cat.plain.get(name, name)


def _preceding_word(text: str, start: int) -> str:
    match = _WORD_BEFORE_REVERSED.match(text[max(0, start - 40) : start][::-1])
    return match.group(1)[::-1].lower() if match else ""


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START_BEFORE.search(text, max(0, start - 6), start))


# A given name (and a particle) before a name makes it a surname: "Jan Rozendaal", "Eric van Oosterhout".
_GIVEN_NAME_BEFORE = re.compile(
    r"(?:^|[\s(\"“'])([A-Z][a-zà-ÿ]+)[ \t]+(?:(?:van|de|der|den|ter|ten|van[ \t]+der|van[ \t]+den|van[ \t]+de)[ \t]+)?$"
)
_NOT_GIVEN_NAMES = frozenset(
    """In Op Bij Naar Met Van En De Het Te Uit Voor Door Over Om Tot Aan Ook Zowel Gemeente Gemeenten Regio
    Provincie Stad Dorp Noord Zuid Oost West Groot Klein Nieuw Oud Midden Boven Beneden Het Een Ook Als Zoals
    Tussen Vanuit Rond Rondom Richting Via Na Sinds Per Vanaf Binnen Buiten Onder Kern Wijk Dorpen Stadsdeel
    Raad College Gemeenteraad Inwoners Samen Ook Waar Dat Die Dit Deze Wel Niet Nu Daar Hier Maar Of Gemeentehuis
    Stadhuis Raadhuis Stadskantoor Gemeentekantoor Provinciehuis Station Centrum Haven Markt""".split()
)


def _person_name_before(text: str, start: int, cat: Catalogue) -> bool:
    found = _GIVEN_NAME_BEFORE.search(text, max(0, start - 30), start)
    if found is None:
        return False
    given = found.group(1)
    if _SURNAME_BEFORE.search(text, max(0, found.start(1) - 12), found.start(1)) and _OF_AFTER.search(found.group(0)):
        # "Tjeerd van der Zwan van Heerenveen": the word before "van" is itself a surname (after
        # a particle), so "van Heerenveen" says where the person is from.
        return False
    if given in _TITLES:
        # "Burgemeester Rozendaal" is a person, "Burgemeesters van Nieuwegein" the municipality's.
        return found.group(0).rstrip().endswith(given)
    return given not in _NOT_GIVEN_NAMES and not cat.candidates(given.upper())


_SURNAME_BEFORE = re.compile(r"(?<![\w-])(?:van|de|der|den|ter|ten)[ \t]+$")
_OF_AFTER = re.compile(r"[ \t]van[ \t]+$")

_TITLES = frozenset(
    """Burgemeester Burgemeesters Wethouder Wethouders Gedeputeerde Commissaris Raadslid Voorzitter Griffier
    Secretaris Minister Staatssecretaris""".split()
)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """A name on a line of its own: a list or a table of municipalities."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    return not text[line_start:start].strip(" \t-•*") and not rest.strip()


_PROVINCE_LIST_BEFORE = re.compile(r"\bprovincies\s+(?:[A-Z][\w-]*(?:\s*,\s*|\s+en\s+))+$")


def _in_province_list(text: str, start: int, variant: str) -> bool:
    """"de provincies Zuid-Holland, Utrecht": a province, not the municipality of that name."""
    return variant in PROVINCES and _PROVINCE_LIST_BEFORE.search(text, max(0, start - 80), start) is not None


def _settle(owners: tuple[MunicipalityRecord, ...], text: str) -> MunicipalityRecord | None:
    """Which of several municipalities with one name the text means, if it says."""
    if len(owners) == 1:
        return owners[0]
    provinces = [owner for owner in owners if owner.province and owner.province in text]
    if len(provinces) == 1:
        return provinces[0]
    return None


def find_municipalities(text: str, cat: Catalogue) -> list[MunicipalityMention]:
    mentions: list[MunicipalityMention] = []
    skipped_until = -1  # end of the last name that was part of a region or organisation name
    position = 0
    length = len(text)
    words = list(_CAPITAL_WORD.finditer(text))
    all_options = cat.candidates_of(list(map(re.Match.group, words)))
    for index in compress(range(len(all_options)), all_options):  # only the words that can start a name
        match, options = words[index], all_options[index]
        start = match.start()
        if start < position:  # inside the municipality name found last
            continue
        found = None
        for variant, owners in options:
            end = start + len(variant)
            written = text[start:end].replace("’", "'")
            if "-" in variant and written != variant and "- " in text[start : end + 1]:
                # "Hardinxveld- Giessendam": a hyphen left by a line break or OCR
                written = text[start : end + 1].replace("- ", "-").replace("’", "'")
                end += 1
            if end < length and (text[end].isalnum() or text[end] in "'’" or (
                text[end] == "-" and end + 1 < length and not text[end + 1].isspace()
            )):
                continue
            if written == variant or (written == variant.upper() and len(variant) >= 4):
                found = (end, variant, owners)
                break
        if found is None:
            continue
        end, variant, owners = found
        position = end
        before = _preceding_word(text, start)
        if before in _ORGANISATION_WORDS or before.endswith("regio") or (
            skipped_until >= 0 and text[skipped_until:start].strip() == ""
        ):
            skipped_until = end
            continue
        skipped_until = -1
        bare = variant.lower()
        if bare in _COMMON_WORDS and before != "gemeente" and _at_sentence_start(text, start) and not (
            _alone_on_line(text, start, end)
        ):
            continue
        if _person_name_before(text, start, cat) or _in_province_list(text, start, variant):
            continue
        record = _settle(owners, text)
        if record is None:
            continue
        rule = "gemeente + naam" if before == "gemeente" else ("variant" if variant != record.name else "naam")
        confidence = 0.95 if before in ("gemeente", "in", "te") or variant == record.name else 0.85
        if bare in _COMMON_WORDS and before != "gemeente":
            confidence = 0.6
        mentions.append(MunicipalityMention(start, end, text[start:end], record, rule, confidence))
    return mentions


def find_organisations(text: str) -> list[OrganisationMention]:
    found = []
    for match in _ORGANISATION.finditer(text):
        if match.group("suffixed"):
            name = match.group("suffixed")
            kind = "hogeschool" if "Hogeschool" in name else "universiteit"
        else:
            prefix = match.group("prefix").split()[0].lower()
            name = f"{match.group('prefix')} {match.group('name')}"
            kind = _ORGANISATION_WORDS.get(prefix, prefix)
        name = " ".join(name.split())
        found.append(OrganisationMention(match.start(), match.end(), name[:1].upper() + name[1:], kind))
    return found
