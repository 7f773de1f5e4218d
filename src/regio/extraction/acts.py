"""What a decision, commitment or event finding knows about the act it reports.

This module owns the keys every ``decision``, ``commitment`` and ``event`` finding adds to its
value (docs/extraction.md, "What a finding knows"), so the review screen can record a past
decision as taken with its date, or match an existing agreement or meeting:

``status``     "taken" (a decision taken, a gathering held), "planned" (a plan, an undertaking,
               a next step, a gathering to come) or "requested" (a request to the addressee with
               a deadline);
``tense``      "past", "present" or "future" relative to the document date: from the act's own
               date when the text gives one, else from the verbs (a perfect or simple past; zal,
               gaan, "naar verwachting", a passive step with a time still to come);
``actor``      who acts, as the text names them ("het college", "de raden", "Leiden"), or None;
``addressee``  for whom ("de raad", "u"), or None;
``date``       ``{"start", "end"}``: the date the text gives for this act (not the document date)
               or None;
``topics``     slugs of the region's known topics named in the finding's own sentence;
``municipalities``  CBS codes of the municipalities named in its own sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from .dates import DateMention

TAKEN, PLANNED, REQUESTED = "taken", "planned", "requested"
PAST, PRESENT, FUTURE = "past", "present", "future"

# A perfect ("heeft ... vastgesteld"), a past auxiliary or a frequent simple past of the genre.
_PAST_VERBS = re.compile(
    r"\b(?:heeft|hebben|had|hadden|is|zijn|was|waren)\b(?:\s+\S+){0,12}?\s+(?:ge\w{2,}(?:d|t|en)|\w+(?:ge|be|ver|ont|over|aan|in|vast|af|toe|op)"
    r"\w*(?:d|t|en))\b"
    r"|\b(?:werd|werden|was|waren|vond|vonden|kwam|kwamen|besloot|besloten|stemde|stemden|sprak|spraken|nam|namen"
    r"|stelde|stelden|tekenden|tekende|ondertekenden|ondertekende|koos|kozen|gaf|gaven|ging|gingen|zei|zeiden"
    r"|bezocht|bezochten|vergaderde|vergaderden|besprak|bespraken|stond|stonden|moest|moesten)\b",
    re.IGNORECASE,
)
# "zijn/is" with an adjective ("is actief") is no perfect: the perfect needs a participle that is
# not an adjective in -ig/-lijk/-isch; the list above keeps that rare enough for a fallback.
_FUTURE_VERBS = re.compile(
    r"\b(?:zal|zullen|zult|gaan|gaat|naar\s+verwachting|verwacht\s+wordt|wordt\s+verwacht|binnenkort"
    r"|straks|volgend\s+jaar|komend(?:e)?\s+\w+|eerstdaags)\b",
    re.IGNORECASE,
)
_DATE_NOT_OF_ACT = re.compile(r"(?:sinds|per|vanaf|sedert|tot)\s+$", re.IGNORECASE)

_BODY = (
    r"college(?:s)?(?:\s+van\s+(?:b&w|burgemeester\s+en\s+wethouders))?|(?:gemeente)?raad|(?:gemeente)?raden"
    r"|raadscommissie|commissie|algemeen\s+bestuur|dagelijks\s+bestuur|bestuur|stuurgroep|werkgroep|provincie"
    r"|gemeenten|gemeente|portefeuillehouders(?:overleg)?|burgemeesters?|wethouders?|regio|partners|partijen"
    r"|minister|secretarissen|griffiers?|directie|directeur|voorzitter|secretaris|projectleider|staten"
)
_ACTOR = re.compile(
    r"\b(?:(?:het|de)\s+(?:\w+\s+)?(?:" + _BODY + r")(?:\s+van\s+(?-i:(?:'s-)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}))?"
    r"|gedeputeerde\s+staten|(?:wij|we|ik)(?=\s))\b",
    re.IGNORECASE,
)
_ADDRESSEE = re.compile(
    r"\b(?:aan|naar|voor)\s+((?:de|het|uw)\s+(?:\w+\s+)?(?:" + _BODY + r")|u(?=[\s.,;])|(?-i:(?:'s-)?[A-Z][\w'-]+))"
    r"|\b(?:informeren|informeert|vragen|vraagt|verzoeken|verzoekt|sturen|stuurt|berichten)\s+(?:wij\s+|we\s+)?"
    r"((?:de|het|uw)\s+(?:\w+\s+)?(?:" + _BODY + r")|u)\b",
    re.IGNORECASE,
)
_NOT_A_NAME = frozenset(
    """januari februari maart april mei juni juli augustus september oktober november december de het een
    dit deze dat die wij we zij ze u uw hun op in na voor tot met bij door over om aan als ook daarna vervolgens
    daarom verder tevens daar hier er nu dan zo ook wel niet geen alle elke ieder iedere naast tijdens sinds per
    vanaf volgens namens binnen buiten onder boven tussen zoals omdat want maar en of wanneer toen nadat voordat
    hoe wat wie waar welke wordt worden is zijn was waren heeft hebben zal zullen kan kunnen moet moeten mede
    eind begin medio half""".split()
)


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()) if text else None


def act_date(mentions: Sequence[DateMention], text: str, *, prefer: DateMention | None = None) -> dict | None:
    """The date the sentence gives for its act: ``prefer`` when given (a due date, an event's
    window), else the first resolved date that is not a "sinds/per/vanaf/tot" date."""
    chosen = prefer
    if chosen is None:
        for mention in mentions:
            if mention.window is None or _DATE_NOT_OF_ACT.search(text, max(0, mention.start - 8), mention.start):
                continue
            if mention.text.lower().startswith(("sinds", "per ", "vanaf", "sedert", "tot ")):
                continue
            chosen = mention
            break
    if chosen is None or chosen.window is None:
        return None
    return {"start": chosen.window.start.isoformat(), "end": chosen.window.end.isoformat()}


def tense(sentence: str, when: dict | None, reference: date | None, *, decided: bool = False) -> str:
    """Past, present or future of the act, relative to the document date ``reference``. For a
    decision (``decided``) the act is the deciding: "we gaan ..." is decided now, not later."""
    if when is not None and reference is not None:
        start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
        if end < reference:
            return PAST
        if start > reference:
            return FUTURE
        return PRESENT
    if _PAST_VERBS.search(sentence):
        return PAST
    if not decided and _FUTURE_VERBS.search(sentence):
        return FUTURE
    return PRESENT


def actor(sentence: str, names: Sequence[str] = ()) -> str | None:
    """The first actor the sentence names: a municipality at its start ("Leiden stelt ... voor",
    "Katwijk en Noordwijk tekenen"; ``names`` are those the text names), else a body with its
    article or "wij"."""
    first = re.match(r"\s*((?:'s-)?[A-Z][\w'-]+(?:\s+(?:en|op|aan|den)\s+[A-Z][\w'-]+|\s+[A-Z][\w'-]+){0,3})\s",
                     sentence)
    if first is not None and any(first.group(1).startswith(name) for name in names):
        return _fold(first.group(1))
    for found in _ACTOR.finditer(sentence):
        # "aan de raden", "met de gemeenten", "van het bestuur": not the one who acts.
        if _NOT_SUBJECT.search(sentence, max(0, found.start() - 6), found.start()):
            continue
        return _lower_article(_fold(found.group()))
    return None


_NOT_SUBJECT = re.compile(r"\b(?:aan|naar|voor|met|van|door|bij|over|tot|in|op|om)\s+$", re.IGNORECASE)


def _lower_article(text: str | None) -> str | None:
    """"Het college" -> "het college", "Wij" -> "wij": the name as a running text would write it."""
    if not text:
        return text
    head, _, rest = text.partition(" ")
    if head.lower() in ("het", "de", "wij", "we", "ik", "uw"):
        return " ".join(filter(None, (head.lower(), rest)))
    return text


def addressee(sentence: str) -> str | None:
    """For whom the act is: "aan de raden", "informeren wij u", "vragen u" ..."""
    for found in _ADDRESSEE.finditer(sentence):
        name = found.group(1) or found.group(2)
        if not name:
            continue
        lower = name.lower()
        if lower == "u":
            return "u"
        if lower.split()[0] in ("de", "het", "uw") or lower not in _NOT_A_NAME:
            return _lower_article(_fold(name))
    return None


def status(kind: str, tense_: str, *, requested: bool = False) -> str:
    """taken / planned / requested for a ``decision``, ``commitment`` or ``event`` finding."""
    if requested:
        return REQUESTED
    if kind == "decision":
        return PLANNED if tense_ == FUTURE else TAKEN
    if kind == "event":
        return TAKEN if tense_ == PAST else PLANNED
    return PLANNED


def describe(
    kind: str, sentence: str, mentions: Sequence[DateMention], text: str, reference: date | None, *,
    prefer: DateMention | None = None, requested: bool = False, actor_text: str | None = None,
    addressee_text: str | None = None, topics: Sequence[str] = (), municipalities: Sequence[str] = (),
    names: Sequence[str] = (),
) -> dict:
    """The keys of the finding interface for one act (see the module docstring); ``names`` are the
    municipalities the sentence names (as the text spells them)."""
    when = act_date(mentions, text, prefer=prefer)
    tense_ = tense(sentence, when, reference, decided=kind == "decision")
    return {
        "status": status(kind, tense_, requested=requested),
        "tense": tense_,
        "actor": _lower_article(_fold(actor_text)) or actor(sentence, names),
        "addressee": _lower_article(_fold(addressee_text)) or addressee(sentence),
        "date": when,
        "topics": list(dict.fromkeys(topics)),
        "municipalities": list(dict.fromkeys(municipalities)),
    }
