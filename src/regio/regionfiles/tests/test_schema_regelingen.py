"""Region files: a regeling's participants, cycle and views, and the council calendars (no database)."""

from __future__ import annotations

import datetime
import json

import pytest

from regio.regionfiles.schema import RegionFileError, parse_region_text, read_region_file
from regio.regionfiles.tests.helpers import changed


def parse(data: dict):
    return parse_region_text(json.dumps(data), source="proef.json")


def test_the_example_regeling_with_its_cycle_and_calendars():
    spec = read_region_file("leidse-regio", include_example=False)
    [regeling] = spec.arrangements
    assert regeling.name.endswith("(voorbeeld)")
    assert [(d.municipality, d.role) for d in regeling.participant_details][:2] == [("GM0546", "gastgemeente"), ("GM0547", "deelnemer")]
    draft, amendment = regeling.cycle
    assert (draft.kind, draft.sent_on, draft.year) == ("ontwerpbegroting", datetime.date(2026, 4, 14), 2027)
    assert [(v.municipality, v.state, v.basis) for v in draft.views] == [
        ("GM0546", "vastgesteld", "gezamenlijk"), ("GM0547", "vastgesteld", "gezamenlijk_geamendeerd"),
        ("GM0579", "in_voorbereiding", "eigen")]
    assert amendment.kind == "begrotingswijziging"
    calendars = {c.municipality: c for c in spec.council_calendars}
    assert calendars["GM0638"].recess_from == datetime.date(2026, 7, 4)


def _first_regeling(data: dict) -> dict:
    return data["arrangements"][0]


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: _first_regeling(d)["cycle"][0]["views"].append({"municipality": "GM0363"}),
         "GM0363 does not take part in this arrangement"),
        (lambda d: _first_regeling(d)["cycle"][0].update(sent_on="14 april"), "field 'sent_on'"),
        (lambda d: _first_regeling(d)["cycle"][0].update(own_term_weeks=0), "field 'own_term_weeks'"),
        (lambda d: _first_regeling(d)["cycle"][0].update(kind="kadernota"), "field 'kind'"),
        (lambda d: d["council_calendars"][0].update(summer_recess={"from": "2026-08-01", "until": "2026-07-01"}),
         "cannot end before it starts"),
        (lambda d: d["council_calendars"].append({"municipality": "GM0546"}), "council_calendars"),
    ],
)
def test_bad_regeling_data_is_refused_with_the_entry_named(mutate, message):
    with pytest.raises(RegionFileError) as caught:
        parse(changed(mutate))
    assert message in str(caught.value)
