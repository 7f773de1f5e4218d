"""Recognising open roles: a lead ("trekker") that is still to be appointed.

This module owns one rule: a sentence that names a role (trekker, kartrekker, penvoerder,
voorzitter, projectleider, boegbeeld) together with "nog" and a verb of appointing
("bepaald", "aangewezen", "benoemd", "gezocht", "gekozen", "ingevuld") or "open" /
"vacant" says the role is open. The topics it concerns are those named in the sentence,
or, for "deze thema's" / "deze onderwerpen", in the sentence before.
"""

from __future__ import annotations

import re

_ROLE = re.compile(
    r"\b(?:(?:bestuurlijk|ambtelijk)e?\s+)?(kartrekkers?|trekkers?|trekkerschap|penvoerders?|voorzitters?|projectleiders?"
    r"|boegbeelden?|coördinatoren|coördinator|portefeuillehouders?)\b",
    re.I,
)
_OPEN = re.compile(
    r"\bnog\b.{0,60}?\b(?:bepaald|aangewezen|benoemd|gezocht|gekozen|ingevuld|vastgesteld|geregeld|bekend)\b"
    r"|\b(?:vacant|open)\b|\bnog\s+(?:geen|niet)\b",
    re.I | re.S,
)
_ANAPHOR = re.compile(
    r"(?=[db])\b(?:deze|die|beide|de\s+genoemde)\s+(?:thema\W?\s?s|onderwerpen|dossiers|thema|onderwerp|projecten)\b",
    re.I,
)


# Every role word contains one of these; most sentences have none and skip the patterns.
_ROLE_CUES = ("trekker", "penvoerder", "voorzitter", "projectleider", "boegbeeld", "coördinator", "portefeuillehouder")
# The same cues as one pattern, to find in a whole (lower-cased) text the few sentences worth asking.
ROLE_CUE = re.compile("|".join(_ROLE_CUES))


def open_role(sentence: str) -> tuple[str, bool] | None:
    """(the role word, whether the topics are referred to anaphorically) or None."""
    lower = sentence.lower()
    if not any(map(lower.__contains__, _ROLE_CUES)):
        return None
    role = _ROLE.search(sentence)
    if role is None or not _OPEN.search(sentence, role.end()) and not _OPEN.search(sentence[: role.start()]):
        return None
    return role.group(1).lower(), bool(_ANAPHOR.search(sentence))
