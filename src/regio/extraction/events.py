"""Recognising gatherings, held or planned, with their place and date window.

This module owns the event rules: a sentence is an event when it names a gathering (a
meeting, council session, symposium, signing, work visit, talks, elections, an
information evening ...) or uses a verb of gathering ("komen samen", "vergadert",
"wordt gehouden", "vindt plaats", "bezoeken", "ondertekenen"), *and* the text pins it
down with a date or a place. A decision taken on a date is not by itself an event: the
rules need the gathering word.

The window is the date expression nearest to the gathering word; the place is a
municipality or venue named after "in", "te", "op" or "bij", or a venue word
("gemeentehuis", "stadhuis", "raadzaal" ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from .sentences import lower_words

_NOUN = re.compile(
    r"\b\w*(?:vergadering|vergaderingen|bijeenkomst|bijeenkomsten|symposium|congres|conferentie|werkbezoek|werkbezoeken"
    r"|ondertekening|verkiezingen|verkiezing|overleg|sessie|informatieavond|raadsavond|inloopavond|bewonersavond"
    r"|themavond|themaavond|ontmoeting|kick-off|heidag|excursie|hoorzitting|inspraakavond|debat|workshop|webinar"
    r"|rondetafelgesprek|gesprekken|bezoek|opening|regiodag|raadsconferentie|werkconferentie|bestuursdag|beraad"
    r"|dorpsavond|informatiebijeenkomst|verkiezingsavond|overleggen|gesprek|avond|receptie|ceremonie|herdenking"
    r"|borrel)(?:en|s)?\b",
    re.I,
)
# The lookahead names the first letters of the alternatives, so other positions fail at once.
_VERB = re.compile(
    r"(?=[kbwgotvpsiznh])\b(?:(?:komen|komt|kwamen|kwam)\s+(?:\S+\s+){0,14}?(?:samen|bijeen|bij\s+elkaar)"
    r"|(?:treffen|treft|troffen|trof|ontmoeten|ontmoet|ontmoetten|ontmoette|zien|spreken|spraken)\s+(?:\S+\s+){0,6}?elkaar"
    r"|(?:stemmen|stemt|kiezen)\s+(?:\S+\s+){0,2}?voor\s+(?:een\s+|de\s+)?(?:nieuwe?\s+)?(?:gemeente)?(?:raad|bestuur)"
    r"|naar\s+de\s+stembus|(?:zet|zetten|zette|zetten)\s+(?:\S+\s+){0,12}?handtekening"
    r"|(?:kiest|kiezen)\s+(?:\S+\s+){0,6}?(?:de\s+)?(?:eerste\s+|nieuwe\s+)?(?:gemeente)?raad"
    r"|bespreekt|bespreken|(?:wordt|worden|werd|werden)\s+(?:\S+\s+){0,8}?besproken|gesproken"
    r"|(?:onder)?tekenden"
    r"|vergader(?:t|en|de|den|d)?|bezoch(?:t|ten)|bezoeken|bezoekt|(?:onder)?teken(?:t|en|de|den)|ondertekend"
    r"|(?:wordt|worden|werd|werden)\s+(?:\S+\s+){0,6}?gehouden|(?:vindt|vinden|vond|vonden)\s+(?:\S+\s+){0,6}?plaats"
    r"|plaatsvinden|plaatsgevonden|georganiseerd|organiseren|organiseert|organiseerde|spreken\s+(?:\S+\s+){0,3}?met"
    r"|in\s+gesprek)\b",
    re.I,
)
_PLACE_AFTER = re.compile(r"\b(?:in|te|op|bij|naar)\s+(?:het\s+|de\s+)?$", re.I)
_VENUE = re.compile(
    r"\b(?:(?:in|op|bij)\s+)?(?:het\s+|de\s+)?((?:gemeentehuis|stadhuis|raadhuis|provinciehuis|stadskantoor|raadzaal"
    r"|gemeentekantoor|bibliotheek|kasteel|theater|schouwburg|museum|streekmuseum|zaal)"
    r"(?:\s+(?:van|in|te)\s+[A-ZÀ-Þ][\w'-]*)?)",
    re.I,
)
_NAMED_PLACE = re.compile(
    r"\b(?:in|te|op|bij)\s+((?:het|de)\s+)?([A-ZÀ-Þ][\w'-]+(?:\s+[A-ZÀ-Þ][\w'-]+){0,3})"
)
_NOT_A_PLACE = frozenset(
    """januari februari maart april mei juni juli augustus september oktober november december het de een
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag q1 q2 q3 q4 week""".split()
)


# A cheap first pass over the whole text: sentences without these cannot be events.
TRIGGER = re.compile(
    r"vergader|bijeen|symposi|congres|conferentie|bezoek|bezoch|teken|verkiezing|overleg|sessie|avond|ontmoet"
    r"|kick-off|heidag|excursie|hoorzitting|debat|workshop|webinar|gesprek|opening|regiodag|bestuursdag|beraad"
    r"|^samen$|^elkaar$|gehouden|plaats|organise|spreken|kies|kiez|besp|gesproken|stembus|handtekening|stem"
    r"|receptie|ceremonie|herdenking|borrel"
)


@dataclass(frozen=True, init=False)
class EventHit:
    rule: str
    confidence: float
    cue_start: int  # offset of the gathering word in the sentence
    explanation: str
    needs_date: bool = False  # talks in general count only with a date

    def __init__(self, rule: str, confidence: float, cue_start: int, explanation: str,
                 needs_date: bool = False) -> None:
        # Filled at once, not field by field through object.__setattr__; still frozen afterwards.
        self.__dict__.update(rule=rule, confidence=confidence, cue_start=cue_start, explanation=explanation,
                             needs_date=needs_date)


# Every form _VERB can match holds one of these words; a sentence without any skips the pattern.
_VERB_CUES = frozenset(
    """samen bijeen elkaar kiest kiezen bespreekt bespreken besproken gesproken tekenden ondertekenden vergader
    vergadert vergaderen vergaderde vergaderden vergaderd bezocht bezochten bezoeken bezoekt tekent tekenen tekende
    ondertekent ondertekenen ondertekende ondertekend gehouden plaats plaatsvinden plaatsgevonden georganiseerd
    organiseren organiseert organiseerde spreken gesprek stembus handtekening stemmen stemt""".split()
)
# A record of a meeting is not the meeting: "Kort verslag vergadering 25 juni", "Besluitenlijst van ...".
_RECORD = re.compile(r"^\W*(?:kort\s+)?(?:verslag|besluitenlijst|notulen|actielijst)\b", re.I)
# "het verslag van de vergadering van 7 juli": the record of a meeting that was held, not a gathering.
_RECORD_OF = re.compile(r"\b(?:verslag|notulen|besluitenlijst|actielijst)\s+van\s+(?:de|het)\s+$")
# Talks in general ("de gesprekken met de partners") count only with a date.
_GENERAL = re.compile(r"^(?:gesprekken|overleggen|avond|avonden)$", re.I)

# The bodies whose sitting is a gathering: "het Algemeen Bestuur van 12 maart", "Op 14 december
# neemt de raad een besluit", "Donderdag spreekt de raadscommissie over de voorstellen".
_BODY = (
    r"(?:gemeente)?raad|raden|raadscommissie|commissie|colleges?|algemeen\s+bestuur|dagelijks\s+bestuur|bestuur"
    r"|provinciale\s+staten|staten|portefeuillehoudersoverleg|stuurgroep|regioraad|ab|db"
)
_BODY_DATED = re.compile(r"\b(?i:het|de)\s+(?:\w+\s+)?(?i:" + _BODY + r")\s+van\s+$")
_BODY_SITTING = re.compile(
    r"\b(?i:" + _BODY + r")\b(?:\s+van\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)?\s+(?i:"
    r"neemt|nemen|spreekt|spreken|praat|praten|besluit|beslist|beslissen|behandelt|behandelen|debatteert|debatteren"
    r"|stemt|stemmen|vergadert|vergaderen|bespreekt|bespreken)\b"
    r"|\b(?i:neemt|nemen|spreekt|spreken|praat|praten|besluit|beslist|beslissen|behandelt|behandelen|debatteert"
    r"|debatteren|stemt|stemmen|bespreekt|bespreken)\s+(?:(?i:de|het)\s+)?(?:\w+\s+)?(?i:" + _BODY + r")\b"
)


# Every _BODY_SITTING match holds one of these (its verbs' stems, lower case).
_SITTING_CUES = ("neem", "nem", "spre", "praat", "prat", "besl", "behandel", "debat", "stem", "vergader", "bespre")


# A sentence that says where one gathering takes or took place ("vond plaats in de Dorpsmolen", "wordt
# gehouden in het Castellum", "tijdens een conferentie in het Huis ter Duin"): a capitalised name after
# "in" is its place even without a date (elsewhere only a date makes such a name a place: "het overleg
# bij de Omgevingsdienst verloopt goed" is no gathering at a place).
_TAKES_PLACE = re.compile(
    r"\b(?:vindt|vinden|vond|vonden)\b.{0,60}?\bplaats\b|\b(?:wordt|worden|werd|werden)\b.{0,60}?\bgehouden\b"
    r"|\btijdens\s+(?:een|de|het)\b",
    re.I | re.S,
)


def takes_place(sentence: str) -> bool:
    """Whether the sentence says where a gathering takes or took place (see _TAKES_PLACE)."""
    lower = sentence.lower()
    if "plaats" not in lower and "gehouden" not in lower and "tijdens" not in lower:
        return False
    return _TAKES_PLACE.search(sentence) is not None


def body_sitting(sentence: str) -> EventHit | None:
    """A body that sits in the present tense: "Op 14 december neemt de raad een besluit" (the caller
    checks that the sentence holds a date still to come)."""
    lower = sentence.lower()
    if not any(map(lower.__contains__, _SITTING_CUES)):
        return None
    match = _BODY_SITTING.search(sentence)
    if match is None or _RECORD.search(sentence):
        return None
    return EventHit("zitting van een orgaan", 0.55, match.start(), f"'{' '.join(match.group().split())}'")


def body_dated(before_date: str) -> bool:
    """Whether the text just before a date names a body: "het Algemeen Bestuur van " (12 maart)."""
    return _BODY_DATED.search(before_date[-60:]) is not None


def names_sitting_body(heading: str) -> bool:
    """Whether a title names a body or a gathering ("Algemeen Bestuur", "Raadsvergadering"), and is
    no record of one ("Verslag ...") or a sentence."""
    if _RECORD.search(heading) or heading.rstrip().endswith((".", "?", "!")):
        return False
    return re.search(r"\b(?i:" + _BODY + r")\b", heading) is not None or classify(heading) is not None
_WORD = re.compile(r"\w+")
_NOUN_WORDS: dict[str, bool] = {}


def _is_gathering_noun(word: str) -> bool:
    """Whether ``word`` (lower case) ends in a gathering noun: _NOUN's test, cached per word."""
    known = _NOUN_WORDS.get(word)
    if known is None:
        match = _NOUN.search(word)
        known = match is not None and match.start() == 0 and match.end() == len(word)
        if len(_NOUN_WORDS) < 200_000:
            _NOUN_WORDS[word] = known
    return known


def _noun_verdicts(words: list[str]) -> list[bool]:
    """For each word (lower case), whether it ends in a gathering noun (cached per distinct word)."""
    try:
        return list(map(_NOUN_WORDS.__getitem__, words))
    except KeyError:  # words not seen before
        return list(map(_is_gathering_noun, words))


def _first_noun(sentence: str, lower: str, words: list[str]) -> tuple[int, str] | None:
    """The first word that is a gathering noun, as ``_NOUN.search`` finds it; ``words`` are the
    ``_WORD`` runs of ``lower``."""
    if "kick-off" in lower:  # the one noun with a hyphen: rare, so the full pattern
        match = _NOUN.search(sentence)
        return (match.start(), match.group()) if match else None
    verdicts = _noun_verdicts(words)
    if True not in verdicts:
        return None
    word = next(islice(_WORD.finditer(lower), verdicts.index(True), None))
    return word.start(), sentence[word.start() : word.end()]


def classify(sentence: str, words: list[str] | None = None) -> EventHit | None:
    """The gathering the sentence names; ``words`` are the ``\\w+`` runs of the lower-cased sentence
    when the caller has them (from the same sentence with its whitespace folded: the same runs)."""
    hit = _classify(sentence, words)
    # A record of a meeting ("Verslag ...") is no gathering: asked only of the few sentences with a hit.
    return None if hit is None or _RECORD.search(sentence) else hit


def _classify(sentence: str, given: list[str] | None = None) -> EventHit | None:
    if given is None:
        lower, found = lower_words(sentence)
    else:
        lower = sentence.lower()
        found = given if len(lower) == len(sentence) else None
    words = set(found) if found is not None else None
    if words is None or not words.isdisjoint(_VERB_CUES):
        verb = _VERB.search(sentence)
        if verb is not None:
            return EventHit("samenkomst", 0.7, verb.start(), f"'{' '.join(verb.group().split())}'")
    if words is None:  # lower-casing moved offsets: use the pattern itself
        noun = _NOUN.search(sentence)
        return EventHit("bijeenkomst", 0.65, noun.start(), f"'{noun.group()}'",
                        bool(_GENERAL.match(noun.group()))) if noun else None
    noun = _first_noun(sentence, lower, found)
    if noun is not None and not _RECORD_OF.search(lower, max(0, noun[0] - 40), noun[0]):
        return EventHit("bijeenkomst", 0.65, noun[0], f"'{noun[1]}'", bool(_GENERAL.match(noun[1])))
    return None


# Every _VENUE match holds one of these (lower case). The test on the lower-cased sentence is the
# pattern's own only when lower-casing changes no length and the sentence has none of the two
# letters the pattern's case folding equates with ASCII letters that str.lower() leaves alone.
_VENUE_CUES = ("huis", "kantoor", "zaal", "bibliotheek", "kasteel", "theater", "schouwburg", "museum")
_FOLDING_APART = ("ſ", "ı")


def _may_name_venue(sentence: str) -> bool:
    lower = sentence.lower()
    if len(lower) != len(sentence) or any(map(lower.__contains__, _FOLDING_APART)):
        return True
    return any(map(lower.__contains__, _VENUE_CUES))


def venue(
    sentence: str, municipality_spans: list[tuple[int, int, str]], *, named: bool = True, cue: int = 0
) -> str | None:
    """The place of the gathering: the first place after the gathering word (else the last before
    it) among municipalities after a preposition, venue words and (when ``named``) capitalised
    names after a preposition; else the only municipality the sentence names."""
    places: list[tuple[int, str]] = []
    for start, _end, name in municipality_spans:
        if _PLACE_AFTER.search(sentence, max(0, start - 12), start):
            places.append((start, name))
    for match in _VENUE.finditer(sentence) if _may_name_venue(sentence) else ():
        places.append((match.start(1), " ".join(match.group(1).split())))
    if named:
        for match in _NAMED_PLACE.finditer(sentence):
            name = match.group(2)
            first = name.split()[0]
            after = sentence[match.end() : match.end() + 7].lower()
            if first.lower() in _NOT_A_PLACE or first.endswith(("se", "sche")) or after.startswith((" regio", "-regio")):
                continue
            if any(start <= match.start(2) < start + len(known) + 1 for start, known in places):
                continue
            if any(start <= match.start(2) < end for start, end, _name in municipality_spans):
                continue  # "op Zoom" in "Bergen op Zoom"

            places.append((match.start(2), " ".join(name.split())))
    if places:
        places.sort()
        after_cue = [place for place in places if place[0] >= cue]
        return (after_cue[0] if after_cue else places[-1])[1]
    names = {name for _s, _e, name in municipality_spans}
    return names.pop() if len(names) == 1 else None
