"""`regio export` → empty database → `regio import-region` → `regio export` loses nothing."""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import translation
from django.core.management import CommandError, call_command

from regio.access.policies import SYSTEM
from regio.arrangements.models import Arrangement
from regio.arrangements.services import arrangement_save
from regio.commitments.models import Commitment
from regio.core.models import Visibility
from regio.meetings.models import Body, Meeting
from regio.publication.exports.canonical import region_export
from regio.regions.models import Municipality, Organisation, Person, Region
from regio.topics.models import Topic
from regio.topics.services import topic_status_change

pytestmark = pytest.mark.django_db


def wipe() -> None:
    # Meetings first: a body protects its meetings from being deleted with it.
    Meeting.objects.all().delete()
    Region.objects.all().delete()
    for model in (Person, Organisation, Municipality):
        model.objects.all().delete()


def add_ui_changes(region) -> None:
    """What the UI adds beyond the region file: a status change, an internal topic, an arrangement."""
    topic = Topic.objects.filter(region=region).order_by("slug").first()
    allowed = topic.allowed_next_statuses
    topic_status_change(
        actor=SYSTEM, topic=topic, status=allowed[0], reason="Volgende stap", changed_on=datetime.date(2020, 5, 4)
    )
    Topic.objects.filter(pk=topic.pk).update(visibility=Visibility.INTERNAL)
    boards = Body.objects.filter(region=region, kind__startswith="gr_")
    arrangement_save(
        actor=SYSTEM,
        region=region,
        slug="werk-en-inkomen",
        name="GR Werk en Inkomen",
        form="openbaar_lichaam",
        legal_basis="Wgr, art. 8",
        seat="Leiden",
        entered_into_force=datetime.date(2015, 1, 1),
        last_amended=datetime.date(2022, 1, 1),
        powers="Participatiewet\nWet inburgering",
        participants=[m.municipality for m in region.memberships.select_related("municipality")],
        partner_organisations=Organisation.objects.all()[:1],
        bodies=list(boards),
    )


def test_the_leidse_regio_survives_export_and_import(leidse_regio, tmp_path, capsys):
    add_ui_changes(leidse_regio)
    first = tmp_path / "eerste.json"
    call_command("export", region="leidse-regio", output=str(first))
    before = json.loads(first.read_text(encoding="utf-8"))
    # The export holds the whole region, the example data included.
    assert len(before["topics"]) == Topic.objects.count() > 0
    assert len(before["meetings"]) == Meeting.objects.count() > 0
    assert len(before["commitments"]) == Commitment.objects.count()
    # The region file's example regeling, and the one added here.
    assert [a["slug"] for a in before["arrangements"]] == ["samenwerkingsdienst-voorbeeld", "werk-en-inkomen"]
    assert any(t["visibility"] == "intern" for t in before["topics"])
    assert any(a["attendance"] for a in before["meetings"])
    assert any(a["decisions"] for a in before["agreements"])
    assert not any(key in json.dumps(before) for key in ('"id":', '"pk":'))

    wipe()
    assert not Region.objects.exists() and not Person.objects.exists()
    call_command("import_region", str(first))
    assert "Imported Leidse regio as leidse-regio" in capsys.readouterr().out

    second = tmp_path / "tweede.json"
    call_command("export", region="leidse-regio", output=str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert Arrangement.objects.get(slug="werk-en-inkomen").bodies.count() == Body.objects.filter(
        kind__startswith="gr_"
    ).count()


def test_a_second_slug_can_hold_a_copy(leidse_regio, tmp_path):
    path = tmp_path / "regio.json"
    call_command("export", region="leidse-regio", output=str(path))
    call_command("import_region", str(path), as_slug="kopie")
    copy = region_export(Region.objects.get(slug="kopie"))
    original = json.loads(path.read_text(encoding="utf-8"))
    # Roles belong to the municipalities, which both regions share, so the persons holding them appear
    # twice in the database (once per import) and their keys differ; everything else is the same.
    for key in ("visions", "milestones", "agreements", "commitments", "arrangements", "municipalities"):
        assert copy[key] == original[key], key
    assert [(t["slug"], t["status"], t["participations"], t["results"]) for t in copy["topics"]] == [
        (t["slug"], t["status"], t["participations"], t["results"]) for t in original["topics"]
    ]
    assert [(m["key"], m["agenda"]) for m in copy["meetings"]] == [
        (m["key"], m["agenda"]) for m in original["meetings"]
    ]


@pytest.fixture
def english():
    # The messages are checked as their English msgids (Dutch is the default language).
    with translation.override("en"):
        yield


def test_an_existing_slug_or_a_damaged_file_stores_nothing(leidse_regio, tmp_path, english):
    path = tmp_path / "regio.json"
    call_command("export", region="leidse-regio", output=str(path))
    counts = (Region.objects.count(), Topic.objects.count(), Person.objects.count())
    with pytest.raises(CommandError, match="exists already"):
        call_command("import_region", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meetings"][-1]["body"] = "bestaat-niet"
    data["meetings"][-1].pop("title")
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_region", str(path), as_slug="kapot")
    (tmp_path / "leeg.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import_region", str(tmp_path / "leeg.json"))
    with pytest.raises(CommandError, match="not a Regio region export"):
        (tmp_path / "ander.json").write_text("[]", encoding="utf-8")
        call_command("import_region", str(tmp_path / "ander.json"))
    assert (Region.objects.count(), Topic.objects.count(), Person.objects.count()) == counts


def test_export_names_the_region_when_there_are_several(world, tmp_path):
    with pytest.raises(CommandError, match="--region"):
        call_command("export", output=str(tmp_path / "x.json"))
    with pytest.raises(CommandError, match="no region 'nergens'"):
        call_command("export", region="nergens", output=str(tmp_path / "x.json"))


def test_other_topics_of_an_agreement_survive_export_and_import_and_older_files_lack_them(leidse_regio, tmp_path):
    from regio.meetings.models import Agreement

    agreement = Agreement.objects.filter(region__slug="leidse-regio").order_by("pk").first()
    others = Topic.objects.filter(region__slug="leidse-regio").exclude(pk=agreement.topic_id)
    first, second = others.order_by("slug")[:2]
    agreement.other_topics.set([second, first])
    path = tmp_path / "regio.json"
    call_command("export", region="leidse-regio", output=str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    listed = [a["other_topics"] for a in data["agreements"] if a["other_topics"]]
    assert listed == [[first.slug, second.slug]]  # sorted slugs
    call_command("import_region", str(path), as_slug="kopie")
    assert region_export(Region.objects.get(slug="kopie"))["agreements"] == data["agreements"]
    for a in data["agreements"]:
        a.pop("other_topics")  # as written before agreements had other topics
    path.write_text(json.dumps(data), encoding="utf-8")
    call_command("import_region", str(path), as_slug="oud")
    assert not Agreement.objects.filter(region__slug="oud", other_topics__isnull=False).exists()
    assert Agreement.objects.filter(region__slug="oud").count() == len(data["agreements"])
