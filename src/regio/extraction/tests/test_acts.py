"""What a decision, commitment or event finding knows: status, tense, actor, addressee, the act's own
date, and the topics and municipalities of its sentence (the interface the review screen reads)."""

from __future__ import annotations

import pytest

from regio.extraction.engine import extract

LETTER = "Leiden, 4 februari 2020\n\nGeachte raad,\n\n{}\n\nMet vriendelijke groet,\n"
KEYS = ("status", "tense", "actor", "addressee", "date", "topics", "municipalities")


def _act(kind: str, sentence: str) -> dict:
    findings = [f for f in extract(LETTER.format(sentence)).findings if f.type == kind]
    assert len(findings) == 1, (kind, sentence, findings)
    return {key: findings[0].value[key] for key in KEYS}


def _day(iso: str) -> dict:
    return {"start": iso, "end": iso}


CASES = [
    # a decision taken on a date the text gives, by a body of a named municipality
    ("decision", "Op 14 januari 2020 heeft de gemeenteraad van Leiden het plan voor de warmterotonde vastgesteld.",
     {"status": "taken", "tense": "past", "actor": "de gemeenteraad van Leiden", "addressee": None,
      "date": _day("2020-01-14"), "topics": ["warmterotonde"], "municipalities": ["GM0546"]}),
    # a decision without a date: the act's date is unknown (never the document date)
    ("decision", "Het algemeen bestuur stemt in met de begroting.",
     {"status": "taken", "tense": "present", "actor": "het algemeen bestuur", "addressee": None, "date": None,
      "topics": [], "municipalities": []}),
    # a promise to the council with a deadline: planned, future, the deadline's window
    ("commitment", "Wij zullen u uiterlijk in juni 2020 informeren over de studentenhuisvesting in Oegstgeest.",
     {"status": "planned", "tense": "future", "actor": "wij", "addressee": "u",
      "date": {"start": "2020-06-01", "end": "2020-06-30"}, "topics": ["studentenhuisvesting"],
      "municipalities": ["GM0579"]}),
    # a request to the addressee, with the deadline the addressee must keep
    ("commitment", "U kunt uw zienswijze tot uiterlijk 1 april 2020 indienen.",
     {"status": "requested", "tense": "future", "actor": None, "addressee": "u", "date": _day("2020-04-01"),
      "topics": [], "municipalities": []}),
    # a next step in the passive: no actor named, the councils as addressee
    ("commitment", "Het uitvoeringsplan wordt in het voorjaar aan de raden voorgelegd.",
     {"status": "planned", "tense": "future", "actor": None, "addressee": "de raden",
      "date": {"start": "2020-03-01", "end": "2020-05-31"}, "topics": [], "municipalities": []}),
    # a gathering to come and one held
    ("event", "De colleges van Leiderdorp en Zoeterwoude komen op 12 maart bijeen in het stadhuis.",
     {"status": "planned", "tense": "future", "actor": "de colleges van Leiderdorp en Zoeterwoude", "addressee": None,
      "date": _day("2020-03-12"), "topics": [], "municipalities": ["GM0547", "GM0638"]}),
    # a decision told in the perfect: "in december" is last December, not the next one
    ("decision", "De raden van Leiden en Zoeterwoude hebben in december de begroting vastgesteld.",
     {"status": "taken", "tense": "past", "actor": "de raden van Leiden en Zoeterwoude", "addressee": None,
      "date": {"start": "2019-12-01", "end": "2019-12-31"}, "topics": [], "municipalities": ["GM0546", "GM0638"]}),
    # a deadline still to come: the act is to come (its window runs from the letter to the deadline)
    ("commitment", "Wij informeren u voor 1 mei over de uitkomsten.",
     {"status": "planned", "tense": "future", "actor": "wij", "addressee": "u",
      "date": {"start": "2020-02-04", "end": "2020-04-30"}, "topics": [], "municipalities": []}),
    # a request with the limit "tot" (up to and including, as "tot en met")
    ("commitment", "U kunt uw zienswijze tot 1 april indienen bij het dagelijks bestuur.",
     {"status": "requested", "tense": "future", "actor": None, "addressee": "u",
      "date": {"start": "2020-02-04", "end": "2020-04-01"}, "topics": [], "municipalities": []}),
    ("event", "Op 20 januari kwamen de burgemeesters bijeen in Voorschoten.",
     {"status": "taken", "tense": "past", "actor": "de burgemeesters", "addressee": None,
      "date": _day("2020-01-20"), "topics": [], "municipalities": ["GM0626"]}),
]


@pytest.mark.parametrize(("kind", "sentence", "expected"), CASES)
def test_what_a_finding_knows(kind, sentence, expected):
    assert _act(kind, sentence) == expected


def test_a_municipality_at_the_start_is_the_actor_and_tense_without_a_document_date_follows_the_verbs():
    found = [f for f in extract("Katwijk en Noordwijk hebben de overeenkomst ondertekend.").findings
             if f.type == "decision"]
    assert [(f.value["actor"], f.value["tense"], f.value["status"], f.value["date"]) for f in found] == [
        ("Katwijk en Noordwijk", "past", "taken", None)
    ]


def test_a_since_date_is_not_the_date_of_the_act():
    found = [f for f in extract(LETTER.format("Sinds 2018 is afgesproken dat de gemeenten de kosten delen."))
             .findings if f.type == "decision"]
    assert [f.value["date"] for f in found] == [None]


def test_the_keys_reach_the_json_of_commitments_and_events():
    found = extract(LETTER.format("De colleges komen op 12 maart bijeen in Leiden.")).to_format_dict()
    assert {"status", "tense", "actor", "addressee", "date", "topics", "municipalities"} <= set(found["events"][0])
