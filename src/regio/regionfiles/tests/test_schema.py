"""regionfiles/schema.py: reading a region file into plain data, without a database."""

from __future__ import annotations

import datetime
import json

import pytest

from regio.regionfiles.schema import RegionFileError, builtin_region_names, parse_region_text, read_region_file
from regio.regionfiles.tests.helpers import builtin_data, changed, write_region


def test_the_leidse_regio_is_built_in():
    assert "leidse-regio" in builtin_region_names()


def test_the_builtin_file_parses_into_the_expected_shape():
    spec = read_region_file("leidse-regio")
    assert (spec.slug, spec.name, spec.source) == ("leidse-regio", "Leidse regio", "leidse-regio.yaml")
    assert [m.cbs_code for m in spec.municipalities] == ["GM0546", "GM0547", "GM0579", "GM0626", "GM0638"]
    assert {m.province for m in spec.municipalities} == {"Zuid-Holland"}
    assert [s.order for s in spec.vision.spearheads] == list(range(1, 8))
    assert {a.window.start for a in spec.vision.adoptions} == {datetime.date(2016, 11, 1)}
    assert {a.window.end for a in spec.vision.adoptions} == {datetime.date(2016, 11, 30)}
    assert [t.lead for t in spec.topics] == [None, None, None]


def test_a_file_path_and_json_are_read_too(tmp_path):
    path = tmp_path / "regio.json"
    path.write_text(json.dumps(builtin_data()), encoding="utf-8")
    assert read_region_file(str(path)).name == "Leidse regio"
    assert read_region_file(str(write_region(tmp_path, builtin_data()))).name == "Leidse regio"


def test_names_may_be_left_out_and_are_taken_from_the_national_list():
    def drop_names(data):
        for entry in data["municipalities"]:
            del entry["name"]

    spec = parse_region_text_of(changed(drop_names))
    assert [m.name for m in spec.municipalities][:2] == ["Leiden", "Leiderdorp"]


def parse_region_text_of(data: dict):
    return parse_region_text(json.dumps(data), source="proef.json")


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [
        (lambda d: d.update(format=2), ["format", "not supported"]),
        (lambda d: d["region"].update(slug="Leidse Regio"), ["region", "field 'slug'"]),
        (lambda d: d["region"].update(colour="blauw"), ["region", "field 'colour'"]),
        (lambda d: d.update(municipalities=[]), ["municipalities", "at least one"]),
        (lambda d: d["municipalities"].append({"cbs_code": "GM0546"}), ["municipalities[5]", "listed twice"]),
        (lambda d: d["municipalities"][0].update(cbs_code="GM0501"), ["municipalities[0]", "field 'cbs_code'", "GM0501"]),
        (lambda d: d["vision"]["adoptions"][0].update(unanimous="ja"), ["vision.adoptions[0]", "'unanimous'"]),
        (lambda d: d["vision"]["spearheads"][1].update(code="wonen_groen"), ["vision.spearheads[1]", "used twice"]),
        (lambda d: d["organisations"][0].update(kind="gemeente"), ["organisations[0]", "field 'kind'"]),
        (lambda d: d["topics"][0]["partners"][0].update(organisation="Rijkswaterstaat"),
         ["topics[0] (Warmterotonde).partners[0]", "field 'organisation'", "Rijkswaterstaat"]),
        (lambda d: d["topics"][1].update(status="klaar"), ["topics[1] (Studentenhuisvesting)", "field 'status'"]),
        (lambda d: d["topics"][1]["participation"].update(GM0546="misschien"), ["topics[1]", "field 'participation'"]),
        (lambda d: d["topics"][2].update(results=[{"description": "x", "target": "veel"}]),
         ["topics[2] (Internationaal onderwijs).results[0]", "field 'target'"]),
        (lambda d: d["topics"][2].update(proposed_on="gisteren"), ["topics[2]", "field 'proposed_on'"]),
        (lambda d: d["milestones"][-1].pop("when"), ["milestones[4]", "field 'when' is required"]),
    ],
)
def test_problems_are_reported_with_entry_and_field(mutate, fragments):
    with pytest.raises(RegionFileError) as excinfo:
        parse_region_text_of(changed(mutate))
    message = str(excinfo.value)
    assert message.startswith("proef.json: ")
    for fragment in fragments:
        assert fragment in message


def test_an_unknown_builtin_name_lists_the_known_ones():
    with pytest.raises(RegionFileError) as excinfo:
        read_region_file("groene-hart")
    assert "groene-hart" in str(excinfo.value) and "leidse-regio" in str(excinfo.value)


def test_a_missing_file_is_named(tmp_path):
    missing = tmp_path / "weg.yaml"
    with pytest.raises(RegionFileError) as excinfo:
        read_region_file(str(missing))
    assert str(excinfo.value) == f"{missing}: file not found"
