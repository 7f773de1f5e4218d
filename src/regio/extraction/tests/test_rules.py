"""The separate rules of the reader on small texts written for these tests."""

from __future__ import annotations

import json
import pytest

from regio.extraction import cli
from regio.extraction.decisions import find_decisions
from regio.extraction.engine import extract
from regio.extraction.normalise import normalise
from regio.extraction.sentences import split


def _sentences(text: str):
    return split(normalise(text).text).sentences


def test_ocr_bullets_become_list_items_and_a_heading_scopes_them():
    text = "Besluiten\n\ne de raden krijgen een brief.\n\no de werkgroep start in mei.\n\nVerder nog dit.\n"
    sentences = _sentences(text)
    assert sentences[0].heading and sentences[0].text == "Besluiten"
    assert [s.bullet for s in sentences[1:]] == [True, True, False]
    assert sentences[1].text == "de raden krijgen een brief."
    assert sentences[3].section is None  # the list under the heading has ended


def test_hyphenated_word_and_split_url_are_joined_with_offsets_kept():
    text = "De samen-\nwerking staat op https://www.example.nl/a/lange-\nnaam.pdf vandaag."
    norm = normalise(text)
    assert "samenwerking" in norm.text
    assert "https://www.example.nl/a/lange-naam.pdf" in norm.text
    start = norm.text.index("werking")
    assert text[norm.offsets.to_original(start) : norm.offsets.to_original(start) + 7] == "werking"


def test_wrapped_lines_join_but_list_lines_do_not():
    text = (
        "Wij schrijven u over de samenwerking van de gemeenten in de regio en over de stand van\n"
        "zaken bij de drie onderwerpen die de colleges hebben gekozen voor het komende jaar.\n"
        "Wonen en groen\n"
        "Economie en werk\n"
    )
    texts = [s.text for s in _sentences(text)]
    assert texts[0].startswith("Wij schrijven") and texts[0].endswith("komende jaar.")
    assert texts[1:] == ["Wonen en groen", "Economie en werk"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Het algemeen bestuur heeft de begroting 2020 vastgesteld.",
        "Afgesproken is dat Katwijk de aanbesteding voorbereidt.",
        "De raad stemt in met het voorstel.",
        "De colleges spraken in mei af de kosten te delen.",
        "Het dagelijks bestuur besluit om de regeling te verlengen.",
        "Wij gaan de inkoop van jeugdhulp samen organiseren.",
    ],
)
def test_decision_wordings(sentence):
    assert find_decisions(_sentences(sentence)), sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Het besluit om de regeling te verlengen ligt bij de raad.",
        "De begroting zal in juli worden vastgesteld.",
        "De raad wordt voorgesteld de nota vast te stellen.",
        "Is het plan al vastgesteld?",
        "Er is nog niet besloten over de locatie.",
    ],
)
def test_not_decisions(sentence):
    assert not find_decisions(_sentences(sentence)), sentence


def test_region_name_province_and_university_are_not_municipalities():
    text = ("De provincie Utrecht en Regio Zwolle praten met de Universiteit Leiden. "
            "De Leidse regio werkt samen. In Den Haag en in Gouda is het rustig.")
    found = extract(text).to_format_dict()
    assert sorted(found["municipalities"]) == ["'s-Gravenhage", "Gouda"]
    kinds = {o["name"]: o["kind"] for o in found["organisations"]}
    assert kinds.get("Provincie Utrecht") == "provincie"


def test_former_municipality_and_the_verb_leiden():
    found = extract("In 2012 werkte Rijnwoude samen met Boskoop. Dat kan leiden tot vragen.").to_format_dict()
    assert set(found["municipalities"]) == {"Rijnwoude", "Boskoop"}
    rijnwoude = next(f for f in found["findings"] if f["type"] == "municipality" and f["value"]["name"] == "Rijnwoude")
    assert rijnwoude["value"]["current"] is False and rijnwoude["value"]["successor"] == "Alphen aan den Rijn"


def test_commitment_due_and_event_window_in_a_dated_letter():
    text = (
        "Leiden, 4 februari 2020\n\nGeachte raad,\n\n"
        "Wij zullen u voor de zomer informeren over de uitkomst van de verkenning.\n"
        "De portefeuillehouders komen op 12 maart bijeen in het stadhuis van Leiden.\n"
    )
    found = extract(text).to_format_dict()
    assert found["document_date"] == "2020-02-04"
    assert [c["due"] for c in found["commitments"]] == ["2020-06-30"]
    event = found["events"][0]
    assert (event["start"], event["end"]) == ("2020-03-12", "2020-03-12")
    assert "stadhuis" in event["place"]


def test_decision_on_a_date_is_not_an_event_by_itself():
    found = extract("Op 3 maart 2021 heeft de raad de nota vastgesteld.").to_format_dict()
    assert len(found["decisions"]) == 1 and found["events"] == []


def test_cli_prints_grouped_findings_and_json(tmp_path, capsys):
    path = tmp_path / "brief.txt"
    path.write_text("Besluiten\n\n- De colleges komen in april 2021 samen in Oegstgeest.\n", encoding="utf-8")
    assert cli.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "Bijeenkomsten (1):" in out and "Oegstgeest, april 2021" in out
    assert cli.main([str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("document_date", "municipalities", "themes", "decisions", "commitments", "events"):
        assert key in data
    assert data["events"][0]["span"][0] >= 0 and data["events"][0]["rule"]


def test_cli_eval_exits_non_zero_below_threshold(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("De raad heeft het plan vastgesteld.", encoding="utf-8")
    annotation = {"document_date": None, "municipalities": ["Leiden"], "themes": [], "decisions": [],
                  "commitments": [], "events": []}
    (tmp_path / "a.json").write_text(json.dumps(annotation), encoding="utf-8")
    assert cli.main(["eval", str(tmp_path), "--per-doc"]) == 0
    assert "municipalities" in capsys.readouterr().out
    assert cli.main(["eval", str(tmp_path), "--min-f1", "municipalities=0.5"]) == 1
    assert cli.main(["eval", str(tmp_path), "--min-f1", "nonsense=0.5"]) == 2


def test_cli_region_from_a_path(tmp_path, capsys):
    region = tmp_path / "proef.yaml"
    region.write_text("region: {name: Proef}\nvision:\n  spearheads:\n    - {code: water, name: Water, vocabulary: [dijk, hoogwater]}\n",
                      encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("De dijk wordt versterkt tegen hoogwater. De dijk blijft open.", encoding="utf-8")
    assert cli.main([str(text), "--json", "--region", str(region)]) == 0
    assert json.loads(capsys.readouterr().out)["themes"] == ["water"]


def test_every_commitment_cue_word_passes_the_first_pass():
    """A sentence whose only cue is one of these words was dropped before the rules were asked
    ("Na de zomer informeert het college de raad ...", "Wij gaan de raden betrekken ...")."""
    from regio.extraction import commitments

    words = (commitments._ANY_CUES | commitments._PROMISE_VERBS | commitments._DELIVER_WORDS
             | commitments._FOLLOWS_CUES | commitments._SCHEDULED_CUES | {"opdracht"})
    assert [word for word in sorted(words) if not commitments.TRIGGER.search(word)] == []


def test_a_delivery_in_the_present_with_a_coming_date_is_a_commitment():
    letter = "Leiden, 4 februari 2020\n\nGeachte raad,\n\n{}\n\nMet vriendelijke groet,\n"
    for sentence, due in [("Na de zomer informeert het college de raad over de uitkomsten van de verkenning.",
                           "2020-12-31"),
                          ("In maart organiseert het college een avond voor alle raadsleden.", "2020-03-31"),
                          ("Wij komen hier in de eerste helft van 2020 bij u op terug.", "2020-06-30")]:
        found = extract(letter.format(sentence)).to_format_dict()["commitments"]
        assert [c["due"] for c in found] == [due], sentence
