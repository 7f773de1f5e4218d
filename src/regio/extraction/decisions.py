"""Recognising sentences that state a decision or an agreement that was taken.

This module owns the decision rules. Each rule looks at one sentence (and its place in
the text) and says why it is a decision; the first rule that fires names the finding:

``kop``              the sentence is an item under a heading such as "Besluiten",
                     "Besluit", "Afspraken" or "Besluitenlijst" (a list under the
                     heading ends with the first paragraph that is not a list item);
``opsomming``        an item of a list whose lead-in states the deciding: "Het algemeen bestuur
                     besluit:", "heeft ... besloten om:", "besluiten het volgende:" (a heading
                     of that kind counts as ``kop``); not "wordt voorgesteld te besluiten:";
``label``            the sentence starts with a label: "Besluit:", "Afspraak:";
``voltooid``         an auxiliary with a participle of deciding: "is vastgesteld",
                     "hebben ... besloten", "afgesproken is", "heeft ingestemd met";
``werkwoord``        a finite verb of deciding: "besluit om", "stelt ... vast",
                     "stemt in met", "spraken af", "gaat akkoord";
``voornemen``        a collective subject that "gaat" do something: "we gaan ...",
                     "de gemeenten gaan samen aan de slag" (a plan that was settled);
``uitwerking``       "Ze doen dat met ...": a sentence that spells out the decision
                     right before it;
``geen-meer``        a verbless statement "Tot ... geen ... meer" (a moratorium).

What is not a decision: questions, headings, proposals ("wordt voorgesteld ... vast te
stellen", "Wij stellen u voor ..."), plans in a modal ("zal worden vastgesteld"), a verb of
deciding after a modal ("kunnen kiezen voor"), and "nog niet besloten". A body that will decide
("De raad besluit in maart over ...") is read by the engine as ``aangekondigd``: a decision
finding still to be taken, which FORMAT.md's list of decisions taken leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from .sentences import Sentence

_DECISION_HEADING = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:genomen\s+|gemaakte\s+|belangrijkste\s+)?"
    r"(?:besluit|besluiten|besluitenlijst|afspraken|afspraak|conclusies?\s+en\s+afspraken|besloten|akkoord"
    r"|overeengekomen|wat\s+is\s+(?:er\s+)?besloten|wat\s+hebben\s+we\s+afgesproken)\b"
)
_LABEL = re.compile(r"^(?:besluit|besluiten|afspraak|afspraken|afgesproken|besloten|conclusie)\s*:\s*\S", re.I)
_PARTICIPLE = re.compile(
    r"(?=[vbaogit])\b(?:vastgesteld|besloten|afgesproken|overeengekomen|goedgekeurd|aangenomen|ingestemd|bekrachtigd"
    r"|vastgelegd|geaccordeerd|verworpen|ondertekend|toegekend|gegund|geschrapt|verlengd|opgeheven|ingesteld"
    r"|aangewezen|gekozen|akkoord\s+gegaan|aangehouden|benoemd(?=\s+(?:tot|als)\b)|aanvaard|aangegaan|opgericht|gevormd"
    r"|gemandateerd|gemachtigd|verleend)\b"
    # "in besloten zitting" is an adjective
    r"(?<!besloten(?=\s(?:bijeenkomst|vergadering|overleg|zitting|sessie|deel)))"
)
# _AUXILIARY, _MODAL_PLAN and _NOT_YET begin with a look-ahead for their words' first letters: the
# engine skips to the next such letter instead of trying "\b" at every position (tests/test_fast_paths.py).
_AUXILIARY = re.compile(r"(?=[izwh])\b(?:is|zijn|werd|werden|wordt|worden|heeft|hebben|had|hadden)\b")
_MODAL_PLAN = re.compile(
    r"(?=[zmkgw])\b(?:zal|zullen|moet|moeten|moest|moesten|kan|kunnen|gaat|gaan|wil|willen|zou|zouden)\b.*\bworden\b"
)
_PROPOSAL = re.compile(
    r"\b(?:voorgesteld|voorstel\s+om|wordt\s+gevraagd|ter\s+besluitvorming|besluit\s+te\s+nemen"
    # "Wij stellen u voor ... vast te stellen": a proposal to the addressee
    r"|(?:stellen|stelt|stelde|stelden)\s+(?:u|uw\s+raad|de\s+raad|de\s+raden|het\s+bestuur|de\s+colleges)\s+voor)\b"
)
_NOT_YET = re.compile(r"(?=n)\bnog\s+(?:niet|geen|niets)\b")
_FINITE = re.compile(
    r"\b(?:(?:besluit|besloot|besloten)\s+(?:\w+\s+){0,2}?(?:om|tot|dat)\b"
    r"|(?:raad|raden|college|colleges|bestuur|we|wij|ze|zij|gemeenten|staten|vergadering|directie|stuurgroep"
    r"|portefeuillehouders|burgemeesters|wethouders|partners|partijen|pho|ab|db|bodb|gemeenteraad|gemeenteraden)"
    r"\s+(?:besluit|besluiten|besloot|besloten)\b(?!\s+te\b)"
    r"|(?:stelt|stellen|stelde|stelden)\b(?:\s+\S+){1,12}?\s+vast\b"
    r"|(?:stemt|stemmen|stemde|stemden)\b(?:\s+\S+){0,6}?\s+in\s+met\b"
    # "spraken af de kosten te delen", "spreken met Leiden af dat"; "spreken af en toe" is now and then
    r"|(?:spreekt|spreken|sprak|spraken)\b(?:\s+\S+){0,10}?\s+af\b(?!\s+en\s+toe\b)"
    r"|(?:gaat|gaan|ging|gingen)\s+(?:\S+\s+){0,3}?akkoord\b"
    # "De colleges zijn (unaniem) akkoord met ...": agreeing, in a main clause (verb before "akkoord")
    r"|(?:is|zijn|was|waren)\s+(?:\S+\s+){0,2}?akkoord(?:\s+met\b|\s*(?:[.;]|$))"
    r"|(?:komen|kwamen|komt|kwam)\b(?:\s+\S+){0,8}?\s+overeen\b"
    r"|(?:neemt|nemen|nam|namen)\b(?:\s+\S+){0,4}?\s+(?:motie|amendement|voorstel|besluit)\b(?:\s+\S+){0,6}?\s+aan\b"
    r"|(?:kiest|kiezen|koos|kozen)\s+(?:\S+\s+){0,4}?voor\b"
    r"|(?:neemt|nemen|nam|namen)\s+kennis\s+van\b"
    r"|(?:stemt|stemmen|stemde|stemden)\b(?:\s+\S+){1,6}?\s+in\s*(?:[,.;]|$)"
    r"|(?:stelt|stellen|stelde|stelden|richt|richten|richtte|richtten)\b(?:\s+\S+){1,8}?\s+in\s*(?:[,.;]|$)"
    # "Het DB besluit de proef ... te verlengen"; not the noun in "(om) besluiten te nemen"
    r"|(?:\w+\s+)(?:besluit|besluiten)\s+(?!te\s+nemen\b)(?:\S+\s+){1,16}?te\s+\w+"
    r"|besluit\w*\s+(?:\S+\s+){0,3}?genomen|genomen\s+besluit"
    r"|(?:onder)?tekenden\b|(?:onder)?tekende\b|getekend\b"
    r"|bekrachtig(?:t|en|de|den)\b"
    r"|(?:gaat|gaan|ging|gingen)\s+(?:\S+\s+){1,6}?(?:samenwerking|regeling|overeenkomst|verbintenis)\s+aan\b"
    r"|\bin\s+een\s+motie\s+(?:\S+\s+){0,3}?(?:gevraagd|verzocht|opgeroepen|uitgesproken)"
    # approval in other words: "gaf groen licht", "zetten het licht op groen", "hun goedkeuring gegeven",
    # "keurde ... goed"
    r"|(?:geeft|geven|gaf|gaven)\s+(?:\S+\s+){0,4}?(?:groen\s+licht|goedkeuring|toestemming)\b"
    r"|(?:groen\s+licht|goedkeuring|toestemming)\s+(?:\S+\s+){0,4}?(?:gegeven|verleend)\b"
    r"|licht\s+op\s+groen\b|(?:keurt|keuren|keurde|keurden)\b(?:\s+\S+){1,8}?\s+goed\b)"
)
# A verb of deciding after a modal ("De gemeenten kunnen kiezen voor ...", "moeten instemmen met") is an
# option or a duty, not a decision taken.
_MODAL_BEFORE = re.compile(
    r"\b(?:kan|kunnen|kunt|moet|moeten|mag|mogen|wil|willen|zou|zouden|zal|zullen)\s+(?:\S+\s+){0,2}$"
)
_NOUN_BEFORE_BESLUIT = re.compile(
    r"\b(?:het|een|dit|dat|deze|zijn|haar|hun|ons|uw|raads|college|de|alle|genomen)\s+besluit(?:en)?\b"
)
_COLLECTIVE_GAAN = re.compile(
    r"^(?:(?:we|wij|ze|zij)\s+(?:\S+\s+){0,1}?|(?:de|het|onze|alle|beide|deze)\s+(?:\S+\s+){1,6}?)(?:gaan|gaat)"
    r"\s+(?!over\b|om\b|in\s+op\b)(\S+)"
    # a subject of names or a number ("Zes gemeenten ... gaan hun samenwerking versterken")
    r"|^(?!(?:als|wanneer|hoe|of|dat|waar|wat|wie|vanaf|daar|ook)\b)(?:\w+\s+)?(?:\S+\s+){0,14}?"
    r"(?:gemeenten|partijen|partners|colleges|provincie\s+[\w-]+|regio\s+[\w-]+)\b(?:\s+\S+){0,12}?\s+gaan\s+"
    r"(?:\S+\s+){0,5}?(?:samenwerk\w*|fuseren|versterken|intensiveren|nauwer)"
)
# The dictum of a decision list: a clause without a finite verb that ends in "te" + infinitive
# ("Het verslag van 18 december vast te stellen", "Mevrouw X aan te wijzen als lid ...").
_DICTUM = re.compile(
    r"^(?!(?:om|teneinde|door|zonder|in\s+plaats)\b)[^:]{3,}?\b(?:vast\s+te\s+(?:stellen|leggen)|aan\s+te\s+(?:wijzen|nemen"
    r"|gaan)|in\s+te\s+(?:stemmen|trekken)|toe\s+te\s+kennen|op\s+te\s+heffen|te\s+(?:benoemen|besluiten|verlenen"
    r"|gunnen|bekrachtigen|verlengen|verklaren))\b"
)
_ELABORATION = re.compile(r"^(?:ze|zij|we|wij|dit|dat|de\s+\w+)\s+(?:doen|doet)\s+(?:dat|dit)\b")
_MORATORIUM = re.compile(r"^(?:tot|voorlopig|vanaf|voortaan|tot\s+nader\s+order)\b.*\bgeen\b")
_ANY_FINITE = re.compile(
    r"\b(?:is|zijn|wordt|worden|was|waren|heeft|hebben|kan|kunnen|zal|zullen|moet|moeten|gaat|gaan|komt|komen)\b"
)


# Finite verbs a dictum does not have (besides _ANY_FINITE's auxiliaries).
_OTHER_FINITE = re.compile(
    r"\b(?:besluit|stelt|wil|willen|vraagt|vragen|doet|doen|heb|had|hadden|zegt|zeggen|verwacht"
    r"|verwachten|zou|zouden|lag|lagen|ligt|liggen|treffen|treft|probeert|proberen|hoopt|hopen)\b"
)

# A cheap first pass: a sentence without any of these letters in a row cannot fire the
# wording rules (heading and label rules are checked without it).
TRIGGER = re.compile(
    r"kennis|richt|teken|vastge|besl|afgespr|overeen|goedgek|aangen|ingest|bekrach|vastgel|geaccord|verworp|onderteken|toegek|gegund"
    r"|geschrapt|verlengd|opgeheven|aangew|gekozen|akkoord|stel|stem|spre|spra|neem|nam|kies|kiez|koos|koz|gaan|gaat"
    r"|doen|doet|geen|aanvaard|aangeh|benoem|aangeg|opgericht|gevormd|motie|^te$|aan|gemandateerd|gemachtigd"
    r"|verleend|groen|goedkeur|toestemm|keur"
)


# Cheap substring tests before the patterns: every match of a pattern contains one of its
# strings, so a sentence without any cannot match and skips the pattern.
_PARTICIPLE_CUES = (
    "vastgesteld", "besloten", "afgesproken", "overeengekomen", "goedgekeurd", "aangenomen", "ingestemd",
    "bekrachtigd", "vastgelegd", "geaccordeerd", "verworpen", "ondertekend", "toegekend", "gegund", "geschrapt",
    "verlengd", "opgeheven", "ingesteld", "aangewezen", "gekozen", "akkoord", "aangehouden", "benoemd", "aanvaard",
    "aangegaan", "opgericht", "gevormd", "gemandateerd", "gemachtigd", "verleend",
)
_PROPOSAL_CUES = ("voorgesteld", "voorstel", "gevraagd", "besluit", "stelt", "stellen", "stelde")
# Each alternative of _FINITE holds one of these whole verb forms or nouns ("afgesproken" and
# "inkoop" hold none); "gaan een samenwerking aan" holds one of _ENTERED_CUES and " aan".
_FINITE_CUES = (
    "besl", "stelt", "stellen", "stelde", "voorstel", "stemt", "stemmen", "stemde",
    "akkoord", "overeen", "motie", "amendement", "kiest", "kiezen", "koos", "kozen", "kennis", "richt", "genomen",
    "tekend", "bekrachtig", "groen", "goedkeuring", "toestemming", "keur",
)
# "spreekt/sprak ... af" is the one branch of _FINITE whose only cue is its verb: asked alone (a
# pattern that starts with "spr" is found fast), it spares the whole pattern for "spraken af X".
_AGREED = re.compile(r"\b(?:spreekt|spreken|sprak|spraken)\b(?:\s+\S+){0,10}?\s+af\b(?!\s+en\s+toe\b)")
# Every _AGREED match holds this: asked first (a pattern that starts with a class is found fast), it
# spares _AGREED's search (~14 µs) for the seven in ten sentences with "spr" ("gesprek") but no "af".
_AF = re.compile(r"\saf\b")
_ENTERED_CUES = ("samenwerking", "regeling", "verbintenis")
# Every _DICTUM match ends in one of these infinitives (the sentence is lower-cased).
_DICTUM_CUES = ("stellen", "leggen", "wijzen", "nemen", "gaan", "stemmen", "trekken", "kennen", "heffen", "benoemen",
                "besluiten", "verlenen", "gunnen", "bekrachtigen", "verlengen", "verklaren")
_AAN = re.compile(r"\saan\b")
_HEADINGS: dict[str, bool] = {}  # section -> whether it is a decision heading


# "De raad besluit in maart over de begroting": when a body will decide, not a decision taken (the
# caller asks this only of a sentence with a date still to come).
ANNOUNCED = "aangekondigd"  # the rule the engine gives such a decision still to be taken
_DECIDES_ABOUT = re.compile(r"\b(?:besluit|besluiten|beslist|beslissen)\b(?:\s+\S+){0,6}?\s+over\b", re.I)


def announces_deciding(sentence: str) -> bool:
    """Whether the sentence says a body decides about something (present tense, "besluit ... over")."""
    return "besl" in sentence.lower() and _DECIDES_ABOUT.search(sentence) is not None


def _contains_any(text: str, cues: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, cues))


# The cue lists above as bits: cue_flags() of a lower-cased sentence says which lists it holds a
# cue of. Every cue is a run of letters, so it lies inside one of the sentence's words: the reader
# finds the bits of each distinct word of a page once, instead of some sixty substring tests per
# sentence (engine._Reader.triggered()).
_CUE_LISTS = (_PARTICIPLE_CUES, _PROPOSAL_CUES, _FINITE_CUES, _ENTERED_CUES, _DICTUM_CUES)
_HAS_PARTICIPLE, _HAS_PROPOSAL, _HAS_FINITE, _HAS_ENTERED, _HAS_DICTUM = (1 << bit for bit in range(len(_CUE_LISTS)))


def cue_flags(lower: str) -> int:
    """The bits of the cue lists ``lower`` holds a cue of (see _CUE_LISTS)."""
    return sum(1 << bit for bit, cues in enumerate(_CUE_LISTS) if any(map(lower.__contains__, cues)))


# A lead-in that states the deciding, its list to follow: "Het algemeen bestuur besluit:", "De colleges
# hebben besloten om:", "besluiten het volgende:", "stemt in met:". Not a proposal to decide.
_DECIDING_LEAD = re.compile(
    r"\b(?:besluit|besluiten|besloot|besloten|stemt\s+in\s+met|stemmen\s+in\s+met|gaat\s+akkoord\s+met"
    r"|gaan\s+akkoord\s+met|spreekt\s+af|spreken\s+af|spraken\s+af)"
    r"(?:\s+(?:om|tot|dat|het\s+volgende|als\s+volgt))?\s*:?\s*$"
)
_PROPOSED_LEAD = re.compile(
    r"\bte\s+besluiten\b|\bvoor(?:gesteld|stel|stelt|stellen)\b|\bgevraagd\b|\bbesluitvorming\b"
)


def _states_deciding(lead: str) -> bool:
    """Whether a heading or a lead-in (lower case) states a decision taken whose items follow."""
    return _DECIDING_LEAD.search(lead) is not None and _PROPOSED_LEAD.search(lead) is None


def _is_decision_heading(section: str) -> bool:
    known = _HEADINGS.get(section)
    if known is None:
        known = _DECISION_HEADING.match(section) is not None or _states_deciding(section)
        if len(_HEADINGS) < 100_000:
            _HEADINGS[section] = known
    return known


@dataclass(frozen=True, init=False)
class DecisionHit:
    sentence: int
    rule: str
    confidence: float
    explanation: str

    def __init__(self, sentence: int, rule: str, confidence: float, explanation: str) -> None:
        # Filled at once, not field by field through object.__setattr__; still frozen afterwards.
        self.__dict__.update(sentence=sentence, rule=rule, confidence=confidence, explanation=explanation)


def _is_candidate(sentence: Sentence) -> bool:
    return not sentence.heading and not sentence.text.rstrip().endswith("?") and len(sentence.text.split()) >= 3


def classify(
    sentence: Sentence, previous: DecisionHit | None, previous_sentence: Sentence | None, *, triggered: bool = True,
    cues: int | None = None,
) -> DecisionHit | None:
    """A decision hit; ``cues`` are the sentence's :func:`cue_flags` when the caller knows them."""
    if not triggered and not sentence.section and ":" not in sentence.text:
        return None  # neither the heading nor the label rule can fire, and no other rule is asked
    if not _is_candidate(sentence):
        return None
    index = sentence.index
    if sentence.section and _is_decision_heading(sentence.section):
        return DecisionHit(index, "kop", 0.85, f"onder de kop '{sentence.section}'")
    if ":" in sentence.text and _LABEL.match(sentence.text):
        return DecisionHit(index, "label", 0.9, "begint met een besluitlabel")
    if not triggered:
        return None
    lower = sentence.text.lower()
    if "nog" in lower and _NOT_YET.search(lower):
        return None
    if cues is None:
        cues = cue_flags(lower)
    participle = _PARTICIPLE.search(lower) if cues & _HAS_PARTICIPLE else None
    proposal = _PROPOSAL.search(lower) if cues & _HAS_PROPOSAL else None
    if proposal and (participle is None or participle.start() > proposal.start()):
        return None
    if participle and _AUXILIARY.search(lower) and not _MODAL_PLAN.search(lower):
        return DecisionHit(index, "voltooid", 0.8, f"'{participle.group()}' met hulpwerkwoord")
    finite = _FINITE.search(lower) if cues & _HAS_FINITE or (cues & _HAS_ENTERED and _AAN.search(lower)) or (
        "spr" in lower and _AF.search(lower) and _AGREED.search(lower)) else None
    if finite and not (finite.group().startswith("besl") and _NOUN_BEFORE_BESLUIT.search(lower[: finite.start() + 8])) \
            and not _NOUN_BEFORE_BESLUIT.fullmatch(" ".join(finite.group().split()[:2])) \
            and not _MODAL_BEFORE.search(lower, max(0, finite.start() - 40), finite.start()):
        return DecisionHit(index, "werkwoord", 0.75, f"'{' '.join(finite.group().split()[:3])} ...'")
    if ("te " in lower and cues & _HAS_DICTUM and not _ANY_FINITE.search(lower)
            and not _OTHER_FINITE.search(lower) and sentence.text[:1].isupper() and _DICTUM.search(lower)):
        return DecisionHit(index, "dictum", 0.6,
                           "een besluitpunt: 'te' met een werkwoord van besluiten, zonder persoonsvorm")
    gaan = _COLLECTIVE_GAAN.search(lower) if "gaa" in lower else None
    if gaan and not lower.startswith(("de vraag", "het gaat", "dit gaat", "dat gaat")):
        return DecisionHit(index, "voornemen", 0.55, "een gezamenlijk voornemen met 'gaan'")
    if (
        previous is not None
        and previous_sentence is not None
        and previous_sentence.unit == sentence.unit
        and _ELABORATION.match(lower)
    ):
        return DecisionHit(index, "uitwerking", 0.5, "werkt het besluit ervoor uit")
    if _MORATORIUM.match(lower) and not _ANY_FINITE.search(lower):
        return DecisionHit(index, "geen-meer", 0.5, "een uitspraak 'tot ... geen ... meer' zonder werkwoord")
    return None


def find_decisions(sentences: Sequence[Sentence], triggered: Container[int] | None = None,
                   cues: Mapping[int, int] | None = None) -> list[DecisionHit]:
    """Decision hits; ``triggered`` (sentence indexes that contain a TRIGGER) skips the others fast;
    ``cues``, when known, the :func:`cue_flags` of every sentence (by index; none: 0)."""
    hits = []
    previous_hit: DecisionHit | None = None
    previous_sentence: Sentence | None = None
    lead: str | None = None  # the lead-in sentence that states the deciding of the list that follows
    for sentence in sentences:
        hit = None
        if sentence.bullet and lead is not None and _is_candidate(sentence):
            hit = DecisionHit(sentence.index, "opsomming", 0.8, f"een punt onder '{lead}'")
        elif not sentence.bullet:
            text = sentence.text.rstrip()
            lead = text if text.endswith(":") and not sentence.heading and _states_deciding(text.lower()) else None
        if hit is None:
            hit = classify(sentence, previous_hit, previous_sentence,
                           triggered=triggered is None or sentence.index in triggered,
                           cues=None if cues is None else cues.get(sentence.index, 0))
        if hit is not None:
            hits.append(hit)
        previous_hit = hit
        previous_sentence = sentence
    return hits
