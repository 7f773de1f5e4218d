"""The optional `arrangements:` section of a region file."""

import datetime

import pytest
import yaml

from regio.arrangements.models import Arrangement
from regio.regionfiles.schema import RegionFileError, parse_region_text
from regio.regionfiles.services import region_load
from regio.regionfiles.tests.helpers import builtin_data, changed

BOARD = {"slug": "gr-ab", "name": "Algemeen bestuur GR Werk", "kind": "gr_algemeen_bestuur"}
ENTRY = {
    "slug": "gr-werk",
    "name": "GR Werk en Inkomen",
    "form": "openbaar_lichaam",
    "participants": ["GM0546", "GM0547"],
    "organisations": ["Provincie Zuid-Holland"],
    "legal_basis": "Wet gemeenschappelijke regelingen, art. 8",
    "text_reference": "CVDR123456",
    "powers": ["Participatiewet", "Wet inburgering"],
    "seat": "Leiden",
    "entered_into_force": "2015-01-01",
    "last_amended": "2021-03-01",
    "bodies": ["gr-ab"],
}


def with_arrangement(**overrides):
    def mutate(data):
        data.setdefault("bodies", []).append(BOARD)
        data["arrangements"] = [{**ENTRY, **overrides}]

    return changed(mutate)


def parse(data):
    return parse_region_text(yaml.safe_dump(data, allow_unicode=True), source="test.yaml")


def test_the_section_is_optional():
    # The built-in Leidse regio has one example regeling; without the section a file has none.
    assert len(parse(builtin_data()).arrangements) == 1
    assert parse(changed(lambda data: data.pop("arrangements"))).arrangements == ()


def test_an_arrangement_is_read_with_every_register_field():
    (spec,) = parse(with_arrangement()).arrangements
    assert spec.participants == ("GM0546", "GM0547")
    assert spec.powers == ("Participatiewet", "Wet inburgering")
    assert spec.last_amended == datetime.date(2021, 3, 1)
    assert spec.bodies == ("gr-ab",)
    assert parse(with_arrangement(participants="all")).arrangements[0].participants == (
        "GM0546",
        "GM0547",
        "GM0579",
        "GM0626",
        "GM0638",
    )


@pytest.mark.parametrize(
    "overrides, fragment",
    [
        ({"form": "stichting"}, "field 'form'"),
        ({"participants": ["GM0363"]}, "not a member municipality"),
        ({"bodies": ["onbekend"]}, "board of a joint arrangement"),
        ({"last_amended": "2010-01-01"}, "cannot precede"),
        ({"entered_into_force": None}, "entered_into_force"),
        ({"seat": ""}, "field 'seat'"),
        ({"slug": "Met Spaties"}, "field 'slug'"),
    ],
)
def test_problems_name_the_entry_and_field(overrides, fragment):
    with pytest.raises(RegionFileError) as caught:
        parse(with_arrangement(**overrides))
    assert "arrangements[0]" in str(caught.value)
    assert fragment in str(caught.value)


@pytest.mark.django_db
def test_loading_stores_the_arrangement_once():
    spec = parse(with_arrangement())
    report = region_load(spec=spec)
    arrangement = Arrangement.objects.get()
    assert arrangement.region == report.region
    assert [m.cbs_code for m in arrangement.participants.order_by("cbs_code")] == ["GM0546", "GM0547"]
    assert [b.slug for b in arrangement.bodies.all()] == ["gr-ab"]
    assert arrangement.power_list == ["Participatiewet", "Wet inburgering"]
    assert report.created[str(Arrangement._meta.verbose_name_plural)] == 1
    recorded = arrangement.history.count()
    again = region_load(spec=spec)
    assert not again.changed
    assert arrangement.history.count() == recorded
