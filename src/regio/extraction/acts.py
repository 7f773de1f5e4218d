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
from itertools import compress, count

from .dates import DateMention

TAKEN, PLANNED, REQUESTED = "taken", "planned", "requested"
PAST, PRESENT, FUTURE = "past", "present", "future"

# A perfect ("heeft ... vastgesteld", "is ... aangenomen") or a frequent simple past of the genre.
_AUXILIARIES = frozenset("heeft hebben had hadden is zijn was waren".split())
# Begins with a look-ahead for the auxiliaries' first letters: the engine skips to the next such
# letter instead of trying "\b" at every position (the same matches; tests/test_fast_paths.py).
_PERFECT = re.compile(
    r"(?=[hizw])\b(?:heeft|hebben|had|hadden|is|zijn|was|waren)\b(?:\s+\S+){0,12}?\s+"
    r"(?:ge\w{2,}(?:d|t|en)|\w+(?:ge|be|ver|ont|over|aan|in|vast|af|toe|op)\w*(?:d|t|en))\b",
    re.IGNORECASE,
)
_SIMPLE_PAST = frozenset(
    """werd werden was waren vond vonden kwam kwamen besloot stemde stemden sprak spraken nam namen stelde stelden
    tekenden tekende ondertekenden ondertekende koos kozen gaf gaven ging gingen zei zeiden bezocht bezochten
    vergaderde vergaderden besprak bespraken stond stonden moest moesten""".split()
)
_FUTURE_WORDS = frozenset("zal zullen zult gaan gaat binnenkort straks eerstdaags".split())
_FUTURE_PHRASES = ("naar verwachting", "verwacht wordt", "wordt verwacht", "volgend jaar", "komende ", "komend ")
_DATE_NOT_OF_ACT = re.compile(r"(?:sinds|per|vanaf|sedert|tot)\s+$", re.IGNORECASE)

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
    chosen = _act_mention(mentions, text, prefer)
    if chosen is None:
        return None
    return {"start": chosen.window.start.isoformat(), "end": chosen.window.end.isoformat()}


def _act_mention(mentions: Sequence[DateMention], text: str, prefer: DateMention | None) -> DateMention | None:
    """The mention :func:`act_date` takes its date from (one with a window), or None."""
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
    return chosen


def tense(sentence: str, when: dict | None, reference: date | None, *, decided: bool = False,
          bare: Sequence[str] | None = None) -> str:
    """Past, present or future of the act, relative to the document date ``reference``. For a
    decision (``decided``) the act is the deciding: "we gaan ..." is decided now, not later."""
    if when is not None and reference is not None:
        start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
        if end < reference:
            return PAST
        if start > reference:
            return FUTURE
        return PRESENT
    words = set(bare if bare is not None else sentence_words(sentence)[1])
    if not words.isdisjoint(_SIMPLE_PAST) or (not words.isdisjoint(_AUXILIARIES) and _PERFECT.search(sentence)):
        return PAST
    if not decided:
        lower = sentence.lower()
        if not words.isdisjoint(_FUTURE_WORDS) or any(map(lower.__contains__, _FUTURE_PHRASES)):
            return FUTURE
    return PRESENT


_BODY_WORDS = frozenset(
    """college colleges raad raden gemeenteraad gemeenteraden raadscommissie commissie bestuur besturen stuurgroep
    werkgroep provincie gemeenten gemeente portefeuillehouders portefeuillehoudersoverleg burgemeester burgemeesters
    wethouder wethouders regio partners partijen minister secretarissen griffie griffier griffiers directie directeur
    voorzitter secretaris projectleider staten""".split()
)
_PRONOUNS = frozenset({"wij", "we", "ik"})
_NOT_SUBJECT_WORDS = frozenset("aan naar voor met van door bij over tot in op om".split())
_ADDRESSING_VERBS = frozenset("informeren informeert vragen vraagt verzoeken verzoekt sturen stuurt berichten".split())
_ACTOR_STARTS = _PRONOUNS | {"het", "de", "gedeputeerde"}
_ADDRESSEE_STARTS = _ADDRESSING_VERBS | {"aan", "naar", "voor"}
_TOKEN = re.compile(r"[^\s.,;:!?()\[\]\"“”‘’]+")
# _TOKEN's punctuation: put a space in its place and str.split() gives _TOKEN's matches (its
# whitespace is re's \s), twice as fast as the pattern (~2 against ~4 µs a sentence); for a
# Latin-1 sentence one bytes.translate does it (~1 µs).
_PUNCTUATION = tuple(".,;:!?()[]\"“”‘’")
_PUNCTUATION_TO_SPACE = bytes(32 if chr(code) in _PUNCTUATION else code for code in range(256))


def sentence_words(sentence: str) -> tuple[list[str], list[str]]:
    """The sentence's words without punctuation (``_TOKEN.findall``), as written and lower-cased."""
    try:
        sentence = sentence.encode("latin-1").translate(_PUNCTUATION_TO_SPACE).decode("latin-1")
    except UnicodeEncodeError:
        for mark in _PUNCTUATION:
            sentence = sentence.replace(mark, " ")
    tokens = sentence.split()
    # No token holds a space, and lower-casing adds none: one lower() for all of them.
    return tokens, " ".join(tokens).lower().split(" ") if tokens else []


def _body_phrase(tokens: list[str], bare: list[str], at: int) -> str | None:
    """"het (algemeen) bestuur (van Leiden)" starting at the article ``at``, or None."""
    for head in (at + 1, at + 2):
        if head < len(tokens) and bare[head] in _BODY_WORDS:
            end = head + 1
            named = end + 1 < len(tokens) and bare[end] == "van" and tokens[end + 1][:1].isupper()
            if bare[head] == "college" and named:
                end += 2  # "het college van B&W"
            elif named:
                end += 2
                # "van Hardinxveld Giessendam", "van Leiden en Zoeterwoude"
                while end < len(tokens) and end < head + 6 and (tokens[end][:1].isupper() or (
                        bare[end] == "en" and end + 1 < len(tokens) and tokens[end + 1][:1].isupper())):
                    end += 1
            return " ".join(tokens[at:end])
        if head < len(tokens) and not bare[head].isalpha():
            return None
    return None


_LEADING_NAME = re.compile(r"\s*((?:'s-)?[A-Z][\w'-]+(?:\s+(?:en|op|aan|den)\s+[A-Z][\w'-]+|\s+[A-Z][\w'-]+){0,3})\s")


def actor(sentence: str, names: Sequence[str] = (), words: tuple[list[str], list[str]] | None = None) -> str | None:
    """The first actor the sentence names: a municipality at its start ("Leiden stelt ... voor",
    "Katwijk en Noordwijk tekenen"; ``names`` are those the text names), else a body with its
    article or "wij"; never one after "aan", "met", "van" ... (an addressee or a partner)."""
    if names:
        first = _LEADING_NAME.match(sentence)
        if first is not None and first.group(1).startswith(tuple(names)):
            return _fold(first.group(1))
    tokens, bare = words or sentence_words(sentence)
    # Only the words that can start an actor are walked (in order; all others do nothing).
    for index in compress(count(), map(_ACTOR_STARTS.__contains__, bare)):
        if index and bare[index - 1] in _NOT_SUBJECT_WORDS:
            continue
        word = bare[index]
        if word in _PRONOUNS:
            return word
        if word in ("het", "de"):
            phrase = _body_phrase(tokens, bare, index)
            if phrase:
                return _lower_article(phrase)
        elif word == "gedeputeerde" and index + 1 < len(bare) and bare[index + 1] == "staten":
            return "gedeputeerde staten"
    return None


def _lower_article(text: str | None) -> str | None:
    """"Het college" -> "het college", "Wij" -> "wij": the name as a running text would write it."""
    if not text:
        return text
    head, _, rest = text.partition(" ")
    if head.lower() in ("het", "de", "wij", "we", "ik", "uw"):
        return " ".join(filter(None, (head.lower(), rest)))
    return text


def addressee(sentence: str, words: tuple[list[str], list[str]] | None = None) -> str | None:
    """For whom the act is: "aan de raden", "informeren wij u", "vragen u", "voor Leiden" ..."""
    tokens, bare = words or sentence_words(sentence)
    for index in compress(count(), map(_ADDRESSEE_STARTS.__contains__, bare)):
        word = bare[index]
        if word in ("aan", "naar", "voor"):
            following = index + 1
        elif word in _ADDRESSING_VERBS:
            following = index + 1
            if following < len(bare) and bare[following] in ("wij", "we"):
                following += 1
        else:
            continue
        if following >= len(tokens):
            continue
        nxt = bare[following]
        if nxt == "u":
            return "u"
        if nxt in ("de", "het", "uw"):
            phrase = _body_phrase(tokens, bare, following)
            if phrase:
                return _lower_article(phrase)
            continue
        if (word in ("aan", "naar", "voor") and tokens[following][:1].isupper() and nxt not in _NOT_A_NAME
                and nxt.isalpha()):
            return tokens[following]
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
    names: Sequence[str] = (), words: tuple[list[str], list[str]] | None = None, memo: dict | None = None,
) -> dict:
    """The keys of the finding interface for one act (see the module docstring); ``names`` are the
    municipalities the sentence names (as the text spells them), ``words`` the sentence's
    :func:`sentence_words` when the caller has them already (else they are made when a key needs
    them). ``memo``, one dictionary per sentence shared by all its findings (with the same ``names``),
    keeps what depends on the sentence alone, its words too."""
    chosen = _act_mention(mentions, text, prefer)
    if memo is None:
        memo = {}
    if words is None:  # the sentence's words are looked for only when a key needs them, once a sentence
        words = memo.get("words")
    decided = kind == "decision"
    if chosen is None or reference is None:  # from the verbs alone
        when = None if chosen is None else {"start": chosen.window.start.isoformat(),
                                            "end": chosen.window.end.isoformat()}
        tense_ = memo.get(decided)
        if tense_ is None:
            if words is None:
                words = memo["words"] = sentence_words(sentence)
            tense_ = memo[decided] = tense(sentence, when, reference, decided=decided, bare=words[1])
    else:  # from the act's own date, as tense() has it (without the round trip through the ISO text)
        window = chosen.window
        when = {"start": window.start.isoformat(), "end": window.end.isoformat()}
        tense_ = PAST if window.end < reference else FUTURE if window.start > reference else PRESENT
        if tense_ == PRESENT and chosen.kind == "before":
            tense_ = FUTURE  # "voor 1 mei", "tot 1 april": the window runs from now to a limit still to come
    actor_ = _lower_article(_fold(actor_text)) if actor_text else actor_text
    if not actor_:
        if "actor" not in memo:
            if words is None:
                words = memo["words"] = sentence_words(sentence)
            memo["actor"] = actor(sentence, names, words)
        actor_ = memo["actor"]
    addressee_ = _lower_article(_fold(addressee_text)) if addressee_text else addressee_text
    if not addressee_:
        if words is None and "addressee" not in memo:
            words = memo["words"] = sentence_words(sentence)
        addressee_ = (memo["addressee"] if "addressee" in memo
                      else memo.setdefault("addressee", addressee(sentence, words)))
    return {
        "status": status(kind, tense_, requested=requested),
        "tense": tense_,
        "actor": actor_,
        "addressee": addressee_,
        "date": when,
        # Most sentences name none or one: only a longer list can hold a name twice.
        "topics": list(dict.fromkeys(topics)) if len(topics) > 1 else list(topics),
        "municipalities": list(dict.fromkeys(municipalities)) if len(municipalities) > 1 else list(municipalities),
    }
