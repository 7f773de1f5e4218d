"""Recognising promises ("toezeggingen") with their due date, promisor and recipient.

This module owns the commitment rules. A sentence is a commitment when it promises to do
something for someone, in one of these shapes:

``belofte``     a promising verb with something to deliver: "wij verwachten u ... te
                informeren", "we zullen de raad ... voorleggen", "zegt toe dat ...";
``ontvangst``   the recipient will receive it: "u ontvangt voor de zomer ...";
``aanbieden``   "(het plan) wordt u/de raad ... aangeboden / voorgelegd / toegestuurd";
``organiseren`` "wij organiseren ..." in the future: the promise of a gathering.

The further shapes (a request with a deadline or a limit, a next step, a passive step with a date,
work that follows or is scheduled, an actor with zal/zullen, a delivery in the present with a date
to come) are next to their patterns below and in docs/extraction.md; :func:`listed` reads the items
under a heading of undertakings ("Toezeggingen", "Actiepunten": rule ``kop met toezeggingen``).

The due date is the last day of the first deadline in the sentence ("uiterlijk in februari
2019" -> 2019-02-28), else of the first resolved date; null when the text gives none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import lower_words

_DELIVER = (
    r"(?:informeren|infomeren|inlichten|op\s+de\s+hoogte\s+(?:brengen|stellen|houden)|rapporteren|toesturen|toezenden"
    r"|sturen|zenden|voorleggen|aanbieden|presenteren|opleveren|leveren|toelichten|terugkomen|terug\s+te\s+komen"
    r"|informatie\s+(?:geven|verstrekken)|meenemen|betrekken|uitnodigen|verantwoorden|agenderen|organiseren)"
)
# The lookahead names the first letters of the alternatives, so other positions fail at once.
_PROMISE = re.compile(
    r"(?=[whdcztkisb])\b(?:(?:wij|we|hij|zij|ze|het\s+college|de\s+colleges|college|het\s+bestuur|de\s+wethouder"
    r"|de\s+burgemeester)\s+"
    r"(?:verwachten|verwacht|zullen|zal|beloven|belooft|streven\s+ernaar|streeft\s+ernaar|gaan|gaat|komen|komt|zeggen|zegt)"
    r"\b.{0,160}?\b" + _DELIVER + r"\b"
    r"|\bzeg(?:t|gen|de|den)\s+toe\b|\btoegezegd\b|\btoezegging\b"
    r"|\b(?:komen|komt)\s+(?:wij|we|het\s+college)\b.{0,120}?\bterug\b"
    r"|\b(?:wij|we|het\s+college)\s+(?:komen|komt)\b.{0,120}?\bterug\b"
    r"|\b(?:informeren|sturen|zenden|bieden)\s+(?:wij|we)\s+(?:u|de\s+raad|uw\s+raad|de\s+raden)\b"
    r"|\b(?:wij|we)\s+(?:informeren|berichten)\s+(?:u|de\s+raad|uw\s+raad)\b.{0,80}?\b(?:uiterlijk|voor|in|na|over|zodra)\b)",
    re.I | re.S,
)
_RECEIVE = re.compile(
    r"\bkrijg(?:t|en)\b.{0,100}?\b(?:voorgelegd|toegestuurd|aangeboden|gestuurd|toegezonden)\b"
    r"|\b(?:wordt|worden)\b.{0,80}?\bop\s+de\s+hoogte\s+(?:gehouden|gebracht|gesteld)\b"
    r"|\b(?:houden|brengen|stellen)\s+(?:wij\s+|we\s+)?(?:u|uw\s+raad|de\s+raad|de\s+raden)\b.{0,80}?\bop\s+de\s+hoogte\b"
    r"|\b(?:ontvangt|ontvangen)\s+(?:u|de\s+raad|uw\s+raad|de\s+raden|het\s+bestuur|de\s+commissie)\b"
    r"|\b(?:u|de\s+raad|uw\s+raad|de\s+raden)\s+(?:ontvangt|ontvangen)\b(?!.{0,40}\b(?:hierbij|bijgaand|bijgevoegd|bijlage)\b)",
    re.I | re.S,
)
_OFFERED = re.compile(
    r"\b(?:wordt|worden|zal|zullen)\s+(?:u|de\s+raad|uw\s+raad|aan\s+de\s+raad|de\s+raden|aan\s+u)\b.{0,120}?"
    r"\b(?:aangeboden|voorgelegd|toegestuurd|toegezonden|gestuurd)\b",
    re.I | re.S,
)
_ORGANISE = re.compile(r"\b(?:organiseren|organiseert|beleggen|belegt)\s+(?:wij|we|het\s+college|de\s+colleges)\b", re.I)
# Present-tense delivery: counts as a promise only when the sentence also holds a date
# that is not before the document's own date ("De secretaris stuurt de raden voor 1 mei ...");
# a generic verb as an infinitive after "te" ("om kennis te maken", "beschikbaar te stellen")
# is not a delivery.
_DELIVERY = re.compile(
    r"\b(?:stuurt|sturen|toestuurt|toesturen|toezendt|toezenden|nastuurt|nasturen|levert|leveren|rapporteert"
    r"|rapporteren|presenteert|presenteren|legt|leggen|meldt|melden"
    r"|informeert|informeren|infomeren|verschijnt|verschijnen|gereed|klaar|komt\s+met|komen\s+met|ontvangt|ontvangen"
    r"|beantwoordt|beantwoorden|belooft|beloven|doet|doen\s+een\s+voorstel|(?:biedt|bieden)\b[^.;]{0,80}?\baan)\b"
    r"|\b(?<!\bte )(?:brengt|brengen|maakt|maken|stelt|stellen|zorgt|zorgen|werkt|werken)\b",
    re.I,
)
_ABOUT_THIS_LETTER = re.compile(r"^(?:met|in)\s+(?:deze|dit|de\s+bijgevoegde)\s+\w+|^hierbij\b", re.I)
_PAST = re.compile(r"(?=[h])\b(?:hebben|heeft|had|hadden)\b.{0,80}?\b(?:ge\w+d|ge\w+t|toegezegd)\b", re.I | re.S)
# The promisor's and the recipient's patterns begin with a look-ahead for the first letters of their
# words: the engine then skips to the next such letter instead of trying "\b" at every position
# (two to three times as fast, the same matches; tests/test_fast_paths.py).
_PROMISOR = re.compile(
    r"(?=[hdw])\b(het\s+college(?:\s+van\s+\w+)?|de\s+colleges|het\s+bestuur|de\s+wethouder(?:\s+(?-i:[A-Z])\w+)?"
    r"|de\s+burgemeester|de\s+directeur(?:\s+van\s+de\s+[\w ]+?)?(?=\s+zegt)|de\s+provincie|wij|we)\b",
    re.I,
)
_RECIPIENT = re.compile(
    r"(?=[duphb])\b(de\s+gemeenteraden|de\s+raden|de\s+gemeenteraad|uw\s+raad|de\s+raad|de\s+commissie"
    r"|provinciale\s+staten|de\s+raadsleden|het\s+bestuur|de\s+inwoners|bewoners|u)\b",
    re.I,
)


# A cheap first pass over the whole text: sentences without these cannot be commitments.
TRIGGER = re.compile(
    r"informeren|infomeren|inlichten|hoogte|rapport|stuur|sturen|zend|voorleg|legt|leggen|aanbied|presente|oplever"
    r"|lever|toelicht|terug|toezeg|toegezegd|zeg|ontvang|aangeboden|voorgelegd|toegestuurd|gestuurd|organiseren"
    r"|beleggen|belegt|verwacht|zullen|zal|lever|rapporte|presente|meld|verschijn|gereed|klaar|komt|komen|volg"
    r"|beantwoord|belo|doet|doen|breng|maakt|maken|stelt|stellen|zorg|werk"
    r"|stre|wordt|worden|kunt|kan|kunnen|moet|dien|wilt|vraag|vragen|verzoek|willen|krijg|mogen"
    r"|inform|organise|bied|bericht|betrek|meenem|uitnodig|verantwoord|agender|toegezonden|gaan|gaat|opdracht"
    r"|voorzien|gepland"
)


# Every form each pattern can match holds one of its cue words (lower case); a sentence
# without any skips that pattern.
_PROMISE_CUES = frozenset(
    """verwachten verwacht zullen zal beloven belooft streven streeft gaan gaat komen komt zeggen zegt zegde zegden
    toegezegd toezegging informeren sturen zenden bieden berichten""".split()
)
_RECEIVE_CUES = frozenset({"ontvangt", "ontvangen", "krijgt", "krijgen", "hoogte"})
_OFFERED_CUES = frozenset({"aangeboden", "voorgelegd", "toegestuurd", "toegezonden", "gestuurd"})
_ORGANISE_CUES = frozenset({"organiseren", "organiseert", "beleggen", "belegt"})
_DELIVERY_CUES = frozenset(
    """stuurt sturen toestuurt toesturen toezendt toezenden nastuurt nasturen levert leveren rapporteert rapporteren
    presenteert presenteren legt leggen meldt melden
    informeert informeren infomeren verschijnt verschijnen gereed klaar komt komen ontvangt ontvangen beantwoordt
    beantwoorden belooft beloven doet doen brengt brengen maakt maken stelt stellen zorgt zorgen werkt werken biedt
    bieden""".split()
)
# Finer, where the words are exact: "komt/komen" counts only with "met", "doen" only with "voorstel",
# "biedt/bieden" only with "aan" (the pattern's "komt met", "doen een voorstel", "bieden ... aan");
# every other cue counts alone.
_DELIVERY_ALONE = _DELIVERY_CUES - {"komt", "komen", "doen", "biedt", "bieden"}


def _may_deliver(words: set[str]) -> bool:
    """False when no form of _DELIVERY can match a sentence with these (lower-case) words."""
    return (not words.isdisjoint(_DELIVERY_ALONE) or ("met" in words and not words.isdisjoint(("komt", "komen")))
            or ("doen" in words and "voorstel" in words)
            or ("aan" in words and not words.isdisjoint(("biedt", "bieden"))))

# Finer: the words each shape of _PROMISE needs together (a promising verb and a delivery word,
# "zegt toe", "komen wij ... terug", "informeren wij u", "wij informeren u ...").
_PROMISE_VERBS = frozenset(
    "verwachten verwacht zullen zal beloven belooft streven streeft gaan gaat komen komt zeggen zegt".split()
)
_DELIVER_WORDS = frozenset(
    """informeren infomeren inlichten hoogte rapporteren toesturen toezenden sturen zenden voorleggen aanbieden
    presenteren opleveren leveren toelichten terugkomen terug informatie meenemen betrekken uitnodigen
    verantwoorden agenderen organiseren""".split()
)
_WE = frozenset({"wij", "we"})
# The two letters that _PROMISE's case folding equates with ASCII letters but str.lower() leaves
# alone: with one of them in the sentence the word tests are not the pattern's own.
_FOLDING_APART = ("ſ", "ı")


def _may_promise(words: set[str]) -> bool:
    """False when no shape of _PROMISE can match a sentence with these (lower-case) words."""
    return (
        (not words.isdisjoint(_PROMISE_VERBS) and not words.isdisjoint(_DELIVER_WORDS))
        or not words.isdisjoint(("toe", "toegezegd", "toezegging"))
        or ("terug" in words and not words.isdisjoint(("komen", "komt")))
        or (not words.isdisjoint(_WE) and not words.isdisjoint(("informeren", "sturen", "zenden", "bieden", "berichten")))
    )


# Further shapes of an undertaking, each with the words it needs (any one of them).
_WORK_PRODUCT = (
    r"(?:voorstel|raadsvoorstel|plan|notitie|brief|planning|reactie|evaluatie|rapport|rapportage|advies|overzicht"
    r"|uitwerking|memo|nota|besluit|agenda|verslag)"
)
# A next step announced: "Er komt een aangepast voorstel", "De stuurgroep komt (, zodra ...,) met een planning".
_NEXT_STEP = re.compile(
    r"\ber\s+(?:komt|komen)\s+(?:\S+\s+){0,3}?(?:\w*" + _WORK_PRODUCT + r")\b"
    r"|\b(?:komt|komen)\b(?:\s*,[^,]{0,120},)?\s+(?:\S+\s+){0,3}?met\s+(?:een|het|de)\s+(?:\S+\s+){0,2}?\w*"
    + _WORK_PRODUCT + r"\b",
    re.I | re.S,
)
_NEXT_STEP_CUES = frozenset({"komt", "komen"})
# A piece of work that is scheduled: "De evaluatie is voorzien in het najaar", "Het rapport staat gepland
# voor mei" (a gathering that is, "De opening staat gepland ...", is an event).
_SCHEDULED = re.compile(
    r"\b\w*" + _WORK_PRODUCT + r"(?:en|s)?\s+(?:\S+\s+){0,4}?(?:is|zijn|staat|staan|wordt|worden)\s+(?:\S+\s+){0,3}?"
    r"(?:voorzien|gepland|ingepland)\b",
    re.I | re.S,
)
_SCHEDULED_CUES = frozenset({"voorzien", "gepland", "ingepland"})
# A piece of work that follows, with a time still to come: "In april volgt een raadsinformatiebrief",
# "Het definitieve voorstel volgt na de zomer". A gathering that follows ("volgt een werkbezoek") is an
# event, and "als volgt" announces what comes next in the text.
_FOLLOWS = re.compile(
    r"\bvolg(?:t|en)\s+(?:\S+\s+){0,3}?(?:een|het|de)\s+(?:\S+\s+){0,2}?\w*" + _WORK_PRODUCT + r"(?:en|s)?\b"
    # "Het plan volgt de koers van ..." is keeping to it: after the verb, a time or the clause's end
    r"|\b(?:een|het|de)\s+(?:\S+\s+){0,2}?\w*" + _WORK_PRODUCT + r"(?:en|s)?\s+(?:\S+\s+){0,3}?(?<!\bals\s)volg(?:t|en)"
    r"(?:\s+(?:in|na|voor|vóór|begin|eind|medio|uiterlijk|later|binnenkort|spoedig|dan|daarna|nog|op|rond|tegen)\b"
    r"|\s*(?:[.,;:]|$))",
    re.I | re.S,
)
_FOLLOWS_CUES = frozenset({"volgt", "volgen"})
# "belooft ... te ...", "(ik) streef er naar / streven ernaar"
_PROMISE_MORE = re.compile(
    r"\bbelo(?:of|oft|ofde|ofden|ven)\b.{0,160}?\bte\b"
    r"|\ber\s?naar\s+(?:te\s+)?stre(?:ef|eft|ven)\b|\bstre(?:ef|eft|ven)\s+(?:\S+\s+){0,3}?er\s?naar\b",
    re.I | re.S,
)
_PROMISE_MORE_CUES = frozenset(
    {"belooft", "beloven", "beloofde", "beloofden", "beloof", "streef", "streeft", "streven"}
)
# A passive step with a time still to come: "Vóór 1 april wordt de samenwerking geëvalueerd",
# "Het plan wordt in het voorjaar aan de raden voorgelegd", "zal worden besproken".
# Only the participles of a step in the work (putting to, discussing, evaluating, sending ...):
# "wordt gehouden" is a gathering (an event), "wordt opgeheven" a fact.
_STEP_PARTICIPLE = (
    r"(?:voorgelegd|aangeboden|behandeld|besproken|geëvalueerd|geevalueerd|geplaatst|afgestemd|gestuurd|toegestuurd"
    r"|verstuurd|toegezonden|opgesteld|uitgewerkt|gepresenteerd|geïnformeerd|geinformeerd|opgeleverd|gepubliceerd"
    r"|aangepast|onderzocht|verkend|voorbereid|ingediend|beoordeeld|teruggekoppeld|meegenomen|geagendeerd"
    r"|gerapporteerd|vastgesteld|ondertekend|getekend|uitgevoerd|gemaakt|overhandigd|toegelicht"
    r"|aangeleverd|bezorgd|voorgesteld|herzien|geactualiseerd|ingevuld|opgepakt|gestart|afgerond|verzonden"
    r"|verstrekt|nagestuurd|doorgestuurd|opgestuurd|gecommuniceerd|aangereikt)"
)
# "gedeeld" is a step only when shared with the council ("met uw raad gedeeld"): a shared service is not.
_COUNCIL = r"(?:u|uw\s+raad|de\s+raad|de\s+raden|de\s+gemeenteraden)"
_SHARED_WITH_COUNCIL = r"(?:met\s+" + _COUNCIL + r"\s+gedeeld|gedeeld\s+met\s+" + _COUNCIL + ")"
_PASSIVE = re.compile(
    r"\b(?:wordt|worden)\b(?:\s+\S+){0,14}?\s+(?:" + _STEP_PARTICIPLE + "|" + _SHARED_WITH_COUNCIL + r")\b"
    r"|\b(?:zal|zullen)\b(?:\s+\S+){0,14}?\s+" + _STEP_PARTICIPLE + r"\s+worden\b"
    # the councils asked (for their view): a step in the work; a college asked by a motion is not
    r"|\b" + _COUNCIL + r"\s+(?:wordt|worden)\b(?:\s+\S+){0,8}?\s+gevraagd\b",
    re.I | re.S,
)
_PASSIVE_CUES = frozenset({"wordt", "worden"})
_SOON = re.compile(
    r"(?=[zbseo])\b(?:zsm|z\.s\.m|binnenkort|spoedig|eerstdaags|op\s+korte\s+termijn|zo\s+snel\s+mogelijk)\b", re.I
)
_NOT_FUTURE = re.compile(r"(?=[sarin])\b(?:sinds|al\s+jaren|reeds|inmiddels|nog\s+steeds|altijd)\b", re.I)
# An actor with "zal/zullen" (the future of an undertaking): "Het DB zal deze maand ...",
# "Daar zullen Bergen op Zoom en Roosendaal een plan neerleggen".
_ACTOR = (
    r"(?:wij|we|ik|hij|zij|ze|(?:het|de)\s+(?:\w+\s+)?(?:college|colleges|bestuur|besturen|db\+?|ab|stuurgroep|werkgroep"
    r"|provincie|gemeenten|gemeente|griffie|griffiers|secretarissen|directeur|directie|burgemeester|burgemeesters"
    r"|wethouder|wethouders|portefeuillehouders?|minister|regio|raad|raden|partners|partijen)|gedeputeerde\s+staten)"
)
_FUTURE_ACTOR = re.compile(
    r"(?:^|[,;:]\s*)(?i:" + _ACTOR + r")\s+(?:\S+\s+){0,2}?(?i:zal|zullen)\b"
    r"|\b(?i:zal|zullen)\s+(?:(?i:" + _ACTOR + r")|(?:'s-)?[A-Z][\w'’-]+)\b(?!\s+(?i:worden|moeten))",
)
# ... about a piece of work: "een plan neerleggen", "de klap op het convenant geven".
_FUTURE_OBJECT = re.compile(r"\b\w*(?:" + _WORK_PRODUCT[3:-1] + r"|convenant|overeenkomst|akkoord|regeling)\b", re.I)
_FUTURE_CUES = frozenset({"zal", "zullen"})
_HEDGE = re.compile(r"(?=[wmkz])\b(?:wellicht|mogelijk(?:erwijs)?|waarschijnlijk|misschien|kunnen|zou|zouden)\b", re.I)
# A request to the addressee, kept by a deadline: "Dit kunt u doen tot uiterlijk 1 april",
# "Wij vragen u uw zienswijze vóór 15 juni te geven", "De aanvraag moet uiterlijk 1 oktober binnen zijn".
_REQUEST = re.compile(
    r"\b(?:kunt|kan|moet|moeten|dient|dienen|wilt|kunnen)\s+(?:u|uw\s+raad|de\s+raad|de\s+raden|de\s+colleges)\b"
    r"|\b(?:u|uw\s+raad|de\s+raad|de\s+raden|de\s+colleges)\s+(?:kunt|kan|moet|moeten|dient|dienen|wordt|worden)\b"
    r"|\b(?:vragen|verzoeken|vraagt|verzoekt)\s+(?:wij\s+|we\s+)?(?:u|uw|de\s+raad|de\s+raden|de\s+colleges|de\s+gemeenten)\b"
    r"|\b(?:inwoners|bewoners|belanghebbenden|iedereen|organisaties|ondernemers|verenigingen)\s+(?:kunnen|kan|mogen"
    r"|moeten)\b"
    r"|\b(?:moet|moeten|dient|dienen)\b",
    re.I,
)
_REQUEST_CUES = frozenset({"kunt", "kan", "moet", "moeten", "dient", "dienen", "wilt", "kunnen", "vragen", "mogen",
                           "verzoeken",
                           "vraagt", "verzoekt", "wordt", "worden"})
# Handing something in by a limit: "indienen", "inleveren", "aanmelden", "reageren", "laten weten" ...
_HAND_IN = re.compile(
    r"\b(?:indienen|inleveren|insturen|opsturen|aanmelden|inschrijven|reageren|aanvragen|doorgeven|kenbaar\s+maken"
    r"|laten\s+weten|sturen|geven|ingediend|aangemeld)\b",
    re.I,
)
# "Voor het einde van 2020 willen we die stappen hebben gezet": a goal the actor sets with a deadline.
_TARGET = re.compile(r"\b(?:wij|we)\s+willen\b|\bwillen\s+(?:wij|we)\b", re.I)
# "De colleges krijgen ... opdracht om ...": an assignment is an undertaking of the one who gets it.
_ASSIGNED = re.compile(r"\bkrijg(?:t|en)\b.{0,100}?\bopdracht\b", re.I | re.S)


@dataclass(frozen=True, init=False)
class CommitmentHit:
    rule: str
    confidence: float
    promisor: str | None
    recipient: str | None
    requested: bool = False  # a request to the addressee rather than the actor's own undertaking

    def __init__(self, rule: str, confidence: float, promisor: str | None, recipient: str | None,
                 requested: bool = False) -> None:
        # Filled at once, not field by field through object.__setattr__; still frozen afterwards.
        self.__dict__.update(rule=rule, confidence=confidence, promisor=promisor, recipient=recipient,
                             requested=requested)


# Every rule but "doel met termijn" (wants "willen") and "opdracht" (wants "opdracht") needs one of
# these words: a sentence with none of them and neither of those two is no commitment.
_ANY_CUES = (_PROMISE_CUES | _RECEIVE_CUES | _OFFERED_CUES | _ORGANISE_CUES | _PROMISE_MORE_CUES | _REQUEST_CUES
             | _NEXT_STEP_CUES | _FOLLOWS_CUES | _SCHEDULED_CUES | _PASSIVE_CUES | _FUTURE_CUES | _DELIVERY_CUES
             | {"willen"})


# The words some of the patterns need (any one of them, as a whole word): "zsm", "z.s.m", "op korte
# termijn", "zo snel mogelijk" ...; "sinds", "al jaren", "nog steeds" ...; a perfect's auxiliary; the
# hedges; and "er komt ..." / "komt met ..." besides the verb. A sentence without any skips the pattern.
_SOON_CUES = frozenset({"zsm", "z", "binnenkort", "spoedig", "eerstdaags", "termijn", "snel"})
_NOT_FUTURE_CUES = frozenset({"sinds", "jaren", "reeds", "inmiddels", "steeds", "altijd"})
_PAST_CUES = frozenset({"hebben", "heeft", "had", "hadden"})
_HEDGE_CUES = frozenset({"wellicht", "mogelijk", "mogelijkerwijs", "waarschijnlijk", "misschien", "kunnen", "zou",
                         "zouden"})
_NEXT_STEP_WITH = frozenset({"er", "met"})


# A heading over a list of undertakings: "Toezeggingen", "Actiepunten", "Actielijst", "Afspraken en acties".
_PROMISE_HEADING = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:(?:lijst\s+(?:van|met)\s+)?(?:openstaande\s+|nieuwe\s+)?"
    r"(?:toezeggingen|toezegging|actiepunten|actiepunt|actielijst|acties)|afspraken\s+en\s+acties)\b"
)
# An item that says it is done: "afgedaan", "afgehandeld", "vervalt".
_SETTLED = re.compile(r"\b(?:afgedaan|afgehandeld|vervalt|vervallen|afgerond|uitgevoerd)\b", re.I)
_PROMISE_HEADINGS: dict[str, bool] = {}


def listed(sentence: str, section: str) -> CommitmentHit | None:
    """An item of a list under a heading of undertakings ("Toezeggingen", "Actiepunten"), unless it
    is a question, says it is done ("afgedaan") or tells what was done."""
    known = _PROMISE_HEADINGS.get(section)
    if known is None:
        known = _PROMISE_HEADING.match(section) is not None
        if len(_PROMISE_HEADINGS) < 100_000:
            _PROMISE_HEADINGS[section] = known
    if not known or sentence.rstrip().endswith("?") or len(sentence.split()) < 3 or _SETTLED.search(sentence):
        return None
    if _PAST.search(sentence):
        return None
    promisor = _PROMISOR.search(sentence)
    recipient = _RECIPIENT.search(sentence)
    return CommitmentHit("kop met toezeggingen", 0.65, " ".join(promisor.group(1).split()) if promisor else None,
                         recipient.group(1).lower() if recipient else None)


def _never(cues: frozenset[str]) -> bool:
    return False


def classify(sentence: str, *, future_date: bool = False, deadline: bool = False,
             limit: bool = False) -> CommitmentHit | None:
    """A commitment hit; ``future_date`` says the sentence holds a date on or after the document date,
    ``deadline`` that one of those is a deadline ("uiterlijk", "vóór"), ``limit`` that one is a limit
    ("tot (en met) 1 april"), which keeps a request only to hand something in ("U kunt uw zienswijze tot
    1 april indienen"; not "Tot en met 31 december kunt u terecht bij ...")."""
    lower, found = lower_words(sentence)
    words = set(found) if found is not None else None
    exact = words is not None and not any(map(lower.__contains__, _FOLDING_APART))
    if exact and _ANY_CUES.isdisjoint(words) and "opdracht" not in lower:
        return None
    if sentence.rstrip().endswith("?") or _ABOUT_THIS_LETTER.search(sentence):
        return None
    rule = None
    confidence = 0.0
    # lacks(cues): whether the sentence has none of a rule's cue words (never, when lower-casing
    # moved offsets and the words are unknown); a bound method, no function call of our own.
    # lacks_exactly(cues) answers only where the word test is the pattern's own (see _FOLDING_APART).
    lacks = _never if words is None else words.isdisjoint
    lacks_exactly = lacks if exact else _never
    if not lacks(_PROMISE_CUES) and (not exact or _may_promise(words)) and _PROMISE.search(sentence):
        rule, confidence = "belofte", 0.75
    elif not lacks(_RECEIVE_CUES) and _RECEIVE.search(sentence):
        rule, confidence = "ontvangst", 0.7
    elif not lacks(_OFFERED_CUES) and _OFFERED.search(sentence):
        rule, confidence = "aanbieden", 0.65
    elif not lacks(_ORGANISE_CUES) and _ORGANISE.search(sentence):
        rule, confidence = "organiseren", 0.6
    elif not lacks(_PROMISE_MORE_CUES) and _PROMISE_MORE.search(sentence):
        rule, confidence = "belofte", 0.7
    elif (deadline or limit and _HAND_IN.search(sentence)) and not lacks(_REQUEST_CUES) and _REQUEST.search(sentence):
        rule, confidence = "verzoek met termijn", 0.65
    elif not lacks(_NEXT_STEP_CUES) and not lacks_exactly(_NEXT_STEP_WITH) and _NEXT_STEP.search(sentence):
        rule, confidence = "volgende stap", 0.6
    elif future_date and not lacks(_FOLLOWS_CUES) and _FOLLOWS.search(sentence):
        rule, confidence = "volgende stap", 0.55
    elif future_date and not lacks(_SCHEDULED_CUES) and _SCHEDULED.search(sentence):
        rule, confidence = "volgende stap", 0.55
    elif not lacks(_PASSIVE_CUES) and (future_date or not lacks_exactly(_SOON_CUES) and _SOON.search(sentence)) and (
        _PASSIVE.search(sentence)
    ) and (lacks_exactly(_NOT_FUTURE_CUES) or not _NOT_FUTURE.search(sentence)):
        rule, confidence = "stap met datum", 0.55
    elif not lacks(_FUTURE_CUES) and _FUTURE_ACTOR.search(sentence) and _FUTURE_OBJECT.search(sentence) and (
        lacks_exactly(_HEDGE_CUES) or not _HEDGE.search(sentence)
    ):
        rule, confidence = "toekomende tijd", 0.55
    elif deadline and _TARGET.search(sentence):
        rule, confidence = "doel met termijn", 0.5
    elif future_date and "opdracht" in lower and _ASSIGNED.search(sentence):
        rule, confidence = "opdracht", 0.55
    elif future_date and not lacks(_DELIVERY_CUES) and (not exact or _may_deliver(words)) and (
        _DELIVERY.search(sentence)
    ) and (
        lacks_exactly(_NOT_FUTURE_CUES) or not _NOT_FUTURE.search(sentence)
    ):
        rule, confidence = "levering met datum", 0.55
    if rule is None:
        return None
    # "willen ... hebben gezet" is a goal by a deadline, not the past.
    if rule not in ("belofte", "doel met termijn") and not lacks_exactly(_PAST_CUES) and _PAST.search(sentence):
        return None
    promisor = _PROMISOR.search(sentence)
    recipient = _RECIPIENT.search(sentence)
    recipient_text = recipient.group(1).lower() if recipient else None
    promisor_text = promisor.group(1) if promisor else None
    return CommitmentHit(rule, confidence, " ".join(promisor_text.split()) if promisor_text else None, recipient_text,
                         requested=rule == "verzoek met termijn")
