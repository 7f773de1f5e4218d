"""Municipality names as texts write them, and former municipalities as they existed when a text
was written (issue #14: "Alkemade" in a 2008 text; "Laren" versus "Laren (NH.)").

The texts are written for these tests."""

from __future__ import annotations

import json

from regio.extraction.engine import extract
from regio.extraction.evaluation import evaluate
from regio.extraction.municipalities import bare_name, plain_name


def _names(text: str) -> list[str]:
    return extract(text).to_format_dict()["municipalities"]


def test_the_qualifier_is_dropped_where_the_bare_name_is_not_shared():
    assert plain_name("Laren (NH.)") == "Laren"
    assert plain_name("Hengelo (O.)") == "Hengelo"
    assert plain_name("Rijswijk (ZH.)") == "Rijswijk"
    assert plain_name("Bergen (NH.)") == "Bergen (NH.)"  # Bergen (L.) exists too
    assert plain_name("Bergen (L.)") == "Bergen (L.)"
    assert plain_name("Leiden") == "Leiden"
    assert plain_name("Nergenshuizen") == "Nergenshuizen"  # not a municipality: as given
    assert bare_name("Valkenburg (ZH.)") == "Valkenburg"


def test_the_reader_writes_the_name_as_texts_do_and_keeps_the_cbs_name_in_the_finding():
    result = extract("Datum: 3 maart 2021\n\nDe raden van Laren en Blaricum vergaderen samen.")
    assert result.to_format_dict()["municipalities"] == ["Laren", "Blaricum"]
    laren = [f for f in result.findings if f.type == "municipality" and f.value["cbs_code"] == "GM0417"]
    assert laren[0].value["name"] == "Laren (NH.)"
    assert laren[0].value["plain_name"] == "Laren"


def test_a_merger_before_2010_is_known_with_its_successor():
    result = extract("Datum: 12 mei 2008\n\nDe gemeenten Alkemade en Jacobswoude bereiden hun fusie voor.")
    found = {f.value["name"]: f.value for f in result.findings if f.type == "municipality"}
    assert set(found) == {"Alkemade", "Jacobswoude"}
    assert found["Alkemade"]["current"] is False
    assert found["Alkemade"]["end_date"] == "2009-01-01"
    assert found["Alkemade"]["successor"] == "Kaag en Braassem"


def test_a_former_municipality_is_one_only_in_a_text_written_before_it_ceased():
    text = "De raad van Teylingen bezoekt een school in Sassenheim."
    assert _names("Datum: 3 maart 2020\n\n" + text) == ["Teylingen"]
    assert _names("Datum: 3 maart 2005\n\n" + text) == ["Teylingen", "Sassenheim"]
    # A former name of 2010 or later the same way: Noordwijkerhout went to Noordwijk in 2019.
    assert _names("Datum: 3 maart 2022\n\nDe bollenvelden bij Noordwijkerhout bloeien.") == []
    assert _names("Datum: 3 maart 2017\n\nDe bollenvelden bij Noordwijkerhout bloeien.") == ["Noordwijkerhout"]


def test_the_evaluation_takes_laren_and_laren_nh_for_one_municipality(tmp_path):
    (tmp_path / "a.txt").write_text("Tekst.", encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "document_date": None, "municipalities": ["Laren (NH.)", "Bergen (NH.)"], "themes": [],
        "decisions": [], "commitments": [], "events": [],
    }), encoding="utf-8")

    def reader(_text):
        return {"document_date": None, "municipalities": ["Laren", "Bergen (L.)"], "themes": [],
                "decisions": [], "commitments": [], "events": []}

    score = evaluate(tmp_path, reader).fields["municipalities"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_a_municipality_after_a_full_surname_is_where_the_person_is_from():
    text = ("Datum: 3 maart 2021\n\nHet gesprek was met Klaas van der Berg van Leiden, met Jan de Vries van "
            "Katwijk en met Eric van Oosterhout.")
    # Oosterhout after a given name and "van" stays part of a surname.
    assert _names(text) == ["Leiden", "Katwijk"]
