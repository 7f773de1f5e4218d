"""regionfiles/services.py: loading the Leidse regio, idempotency, and refusing broken files whole."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from regio.regionfiles.schema import RegionFileError, read_region_file
from regio.regionfiles.services import region_load
from regio.regionfiles.tests.helpers import builtin_data, changed, write_region
from regio.regions.models import Organisation, OrganisationKind
from regio.topics.models import TopicPartner
from regio.visions.models import Milestone

SHARED = Path(__file__).resolve().parents[4].parent / "shared"
SEED_LETTER = SHARED / "seeds" / "001_0d8e008794102d96.txt"
LEIDSE_REGIO = {
    "GM0546": "Leiden",
    "GM0547": "Leiderdorp",
    "GM0579": "Oegstgeest",
    "GM0626": "Voorschoten",
    "GM0638": "Zoeterwoude",
}


def snapshot() -> dict[str, int]:
    """Row counts of every Regio table, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("regio.")
    }


def load(path_or_name) -> object:
    return region_load(spec=read_region_file(str(path_or_name)))


def seed_spearheads() -> list[str]:
    """The seven spearhead lines of the letter: the non-empty lines after the sentence announcing
    them ("... speerpunten ... benoemd:") up to the next paragraph that points elsewhere ("Zie ...")."""
    if not SEED_LETTER.is_file():
        pytest.skip(f"the seed letter is not available at {SEED_LETTER}")
    lines = [" ".join(line.split()) for line in SEED_LETTER.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if "speerpunten" in line and line.endswith("benoemd:"))
    found = []
    for line in lines[start + 1:]:
        if line.startswith("Zie "):
            break
        if line:
            found.append(line)
    return found


# --- the Leidse regio ------------------------------------------------------------------------


def test_five_municipalities_with_their_cbs_codes(leidse_regio):
    members = {m.cbs_code: m for m in leidse_regio.municipalities.all()}
    assert {code: m.name for code, m in members.items()} == LEIDSE_REGIO
    assert {m.province for m in members.values()} == {"Zuid-Holland"}


def test_the_vision_and_its_seven_spearheads_in_the_letters_wording(leidse_regio):
    wording = seed_spearheads()
    assert len(wording) == 7, wording
    (vision,) = leidse_regio.visions.all()
    assert vision.title == "Toekomstvisie Leidse regio 2027"
    assert vision.subtitle == "Kwaliteiten versterken & krachten verenigen"
    spearheads = list(vision.spearheads.order_by("order"))
    assert [s.wording for s in spearheads] == wording
    assert [s.order for s in spearheads] == list(range(1, 8))


def test_the_vision_was_adopted_unanimously_by_all_five_councils_in_november_2016(leidse_regio):
    adoptions = list(leidse_regio.visions.get().adoptions.select_related("municipality"))
    assert {a.municipality.cbs_code for a in adoptions} == set(LEIDSE_REGIO)
    for adoption in adoptions:
        assert (adoption.adopted_start, adoption.adopted_end) == (datetime.date(2016, 11, 1), datetime.date(2016, 11, 30))
        assert adoption.unanimous is True


def test_three_topics_with_their_spearheads_and_an_open_lead(leidse_regio):
    topics = {t.slug: t for t in leidse_regio.topics.prefetch_related("spearheads", "participations")}
    assert set(topics) == {"warmterotonde", "studentenhuisvesting", "internationaal-onderwijs"}
    assert {s.code for s in topics["warmterotonde"].spearheads.all()} == {"duurzaamheid"}
    assert {s.code for s in topics["studentenhuisvesting"].spearheads.all()} == {"wonen_groen"}
    assert "voorzieningen" in {s.code for s in topics["internationaal-onderwijs"].spearheads.all()}
    for topic in topics.values():
        assert topic.lead_is_open, topic
        assert topic.lead_person is None
        assert topic.status_changes.count() == 1


def test_the_province_of_zuid_holland_is_a_partner(leidse_regio):
    province = Organisation.objects.get(name="Provincie Zuid-Holland")
    assert province.kind == OrganisationKind.PROVINCE
    assert TopicPartner.objects.filter(organisation=province, topic__region=leidse_regio).exists()


def test_the_milestones_of_the_seeds_in_order(leidse_regio):
    windows = [(m.start, m.end) for m in Milestone.objects.filter(region=leidse_regio).order_by("start", "end")]
    for expected in [
        (datetime.date(2016, 11, 1), datetime.date(2016, 11, 30)),  # the vision adopted
        (datetime.date(2017, 10, 11), datetime.date(2017, 10, 11)),  # no governance form, no regional decisions
        (datetime.date(2018, 3, 1), datetime.date(2018, 3, 31)),  # the council elections
        (datetime.date(2018, 9, 1), datetime.date(2018, 9, 30)),  # agreement to intensify
        (datetime.date(2018, 12, 1), datetime.date(2018, 12, 31)),  # the three topics
    ]:
        assert expected in windows
    assert windows == sorted(windows)


def test_the_colleges_meet_in_zoeterwoude_and_promise_to_inform_the_councils(leidse_regio):
    # The file stores these two as a meeting and a commitment rather than as milestones.
    Meeting = apps.get_model("meetings", "Meeting")
    Commitment = apps.get_model("commitments", "Commitment")
    meeting = Meeting.objects.get(region=leidse_regio, place="Zoeterwoude", is_example=False)
    assert (meeting.window_start, meeting.window_end) == (datetime.date(2019, 1, 1), datetime.date(2019, 3, 31))
    assert Commitment.objects.filter(region=leidse_regio, due_date=datetime.date(2019, 2, 28)).exists()


def test_loading_twice_changes_nothing(leidse_regio):
    before = snapshot()
    report = load("leidse-regio")
    assert not report.changed, report.summary()
    assert snapshot() == before


def test_a_changed_file_updates_only_what_changed(leidse_regio, tmp_path):
    path = write_region(tmp_path, changed(lambda d: d["region"].update(description="Vijf gemeenten, één agenda.")))
    before = snapshot()
    report = load(path)
    assert sum(report.updated.values()) == 1 and not report.created
    leidse_regio.refresh_from_db()
    assert leidse_regio.description == "Vijf gemeenten, één agenda."
    after = snapshot()
    assert after.pop("regions.HistoricalRegion") == before.pop("regions.HistoricalRegion") + 1
    assert after == before


# --- broken files ----------------------------------------------------------------------------


def set_in(path: list, value):
    def mutate(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


BROKEN = [
    pytest.param(set_in(["topics", 0, "spearheads"], ["duurzaamheid", "ruimte"]),
                 "topics[0] (Warmterotonde)", "field 'spearheads'", "'ruimte'", id="unknown spearhead code"),
    pytest.param(set_in(["municipalities", 4, "cbs_code"], "GM9999"),
                 "municipalities[4]", "field 'cbs_code'", "GM9999", id="non-existent CBS code"),
    pytest.param(set_in(["municipalities", 1, "name"], "Leiden"),
                 "municipalities[1]", "field 'name'", "GM0547", id="name that does not match its code"),
    pytest.param(set_in(["topics", 2, "slug"], "warmterotonde"),
                 "topics[2] (Internationaal onderwijs)", "field 'slug'", "used twice", id="duplicate slug"),
    pytest.param(set_in(["vision", "adoptions", 2, "when"], "31 februari 2016"),
                 "vision.adoptions[2]", "field 'when'", "31 februari 2016", id="bad date window"),
    pytest.param(set_in(["milestones", 1, "when"], "binnenkort"),
                 "milestones[1]", "field 'when'", "binnenkort", id="bad milestone window"),
    pytest.param(set_in(["topics", 1, "spearheads"], []),
                 "topics[1] (Studentenhuisvesting)", "field 'spearheads'", "at least one", id="topic without spearheads"),
    pytest.param(set_in(["topics", 0, "lead"], "GM0363"),
                 "topics[0] (Warmterotonde)", "field 'lead'", "GM0363", id="non-member lead"),
]


@pytest.mark.parametrize(("mutate", "entry", "field", "detail"), BROKEN)
def test_a_broken_file_is_refused_with_file_entry_and_field_and_stores_nothing(
    leidse_regio, tmp_path, mutate, entry, field, detail
):
    def rename(data):
        # A new region sharing municipalities with the loaded one, so a partial load would show.
        data["region"].update(slug="proefregio", name="Proefregio")
        data["vision"]["title"] = "Proefvisie"
        mutate(data)

    path = write_region(tmp_path, changed(rename), name="proefregio.yaml")
    before = snapshot()
    with pytest.raises(RegionFileError) as excinfo:
        load(path)
    message = str(excinfo.value)
    assert message.startswith(f"{path}: {entry}")
    assert field in message and detail in message
    assert snapshot() == before


def test_bad_yaml_is_refused_with_the_file_name(db, tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("region:\n  slug: kapot\n  name: [niet gesloten\n", encoding="utf-8")
    before = snapshot()
    with pytest.raises(RegionFileError) as excinfo:
        load(path)
    assert str(excinfo.value).startswith(f"{path}: not valid YAML")
    assert snapshot() == before


def test_a_file_that_fails_late_stores_nothing_not_even_its_first_entries(leidse_regio, tmp_path):
    """Valid region, municipalities, vision and first topics; the last topic fails in the database
    validation (a result whose target equals its baseline), after much has been written."""

    def late_failure(data):
        data["region"].update(description="Deze wijziging mag niet blijven staan.")
        data["organisations"].append({"name": "Hoogheemraadschap van Rijnland", "kind": "waterschap"})
        data["topics"].insert(0, {
            "slug": "nieuw-eerst", "title": "Nieuw eerst", "spearheads": ["economie"],
            "participation": {"GM0546": "doet_mee"},
        })
        data["topics"][-1]["results"] = [{"description": "Gelijk blijven", "baseline": 10, "target": 10}]

    path = write_region(tmp_path, changed(late_failure))
    before = snapshot()
    with pytest.raises(RegionFileError) as excinfo:
        load(path)
    message = str(excinfo.value)
    assert message.startswith(f"{path}: topics[3] (Internationaal onderwijs).results[0]")
    assert "field 'target_value'" in message
    assert snapshot() == before
    leidse_regio.refresh_from_db()
    assert leidse_regio.description.startswith("Leiden, Leiderdorp")
    assert not Organisation.objects.filter(name="Hoogheemraadschap van Rijnland").exists()


def test_the_management_command_reports_a_broken_file_in_one_line(db, tmp_path):
    path = write_region(tmp_path, changed(set_in(["topics", 0, "lead"], "GM0363")))
    with pytest.raises(CommandError) as excinfo:
        call_command("load_region", str(path))
    message = str(excinfo.value)
    assert "\n" not in message
    assert re.search(r"topics\[0\] \(Warmterotonde\): field 'lead'", message)
    assert message.endswith("nothing was stored.")
    assert snapshot()["regions.Region"] == 0


def test_the_management_command_loads_and_reports(db, capsys):
    call_command("load_region", "leidse-regio")
    assert capsys.readouterr().out.startswith("Loaded Leidse regio (created: ")
    call_command("load_region", "leidse-regio")
    assert capsys.readouterr().out.startswith("Already up to date: Leidse regio (created: nothing; updated: nothing)")


def test_the_builtin_data_is_not_changed_by_the_helpers():
    assert builtin_data()["region"]["slug"] == "leidse-regio"
