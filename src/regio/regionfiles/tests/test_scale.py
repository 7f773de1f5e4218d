"""`regio generate-scale` at a small size: what it makes, its JSON line, and its refusal."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from regio.commitments.models import Commitment
from regio.documents import search
from regio.documents.models import Document, DocumentPage
from regio.meetings.models import AgendaItem, Agreement, Meeting, MunicipalDecision
from regio.regions.models import Municipality, Region, RegionMembership
from regio.regions.tests.factories import RegionFactory
from regio.topics.models import Participation, Topic

pytestmark = pytest.mark.django_db

SMALL = ["--regions", "3", "--topics", "200", "--meetings", "300", "--documents", "100"]


def run(*args: str) -> tuple[str, dict]:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_scale", *args, stdout=out, stderr=err)
    lines = out.getvalue().strip().splitlines()
    return out.getvalue(), json.loads(lines[-1])


def entry_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {search.ENTRY_TABLE}")
        return cursor.fetchone()[0]


def test_small_size_makes_what_was_asked_marked_as_synthetic():
    _out, line = run(*SMALL)

    assert Region.objects.count() == 3
    assert set(Region.objects.values_list("name", flat=True)) == {"Schaalregio 01", "Schaalregio 02", "Schaalregio 03"}
    assert all(Region.objects.values_list("is_synthetic", flat=True))
    assert Topic.objects.count() == 200
    assert Topic.objects.filter(title="Onderwerp 00017", slug="onderwerp-00017").exists()
    assert Meeting.objects.count() == 300
    assert AgendaItem.objects.count() == 900
    assert Document.objects.count() == 100
    assert Commitment.objects.count() == 100
    assert Agreement.objects.exists() and MunicipalDecision.objects.exists() and Participation.objects.exists()
    # All 342 current municipalities, each a member of 2 or 3 of the 3 regions.
    assert Municipality.objects.count() == 342
    per_municipality = {}
    for municipality_id in RegionMembership.objects.values_list("municipality_id", flat=True):
        per_municipality[municipality_id] = per_municipality.get(municipality_id, 0) + 1
    assert len(per_municipality) == 342 and set(per_municipality.values()) <= {2, 3}
    # Every page of every document and every agenda entry is in the search index.
    pages = DocumentPage.objects.count()
    agreements = Agreement.objects.count()
    assert pages >= 200
    assert entry_count() == pages + 200 + 300 + agreements + 100

    region = Region.objects.get(slug=line["region"])
    assert set(line) >= {"region", "topic", "meeting", "municipality"}
    assert Topic.objects.filter(region=region, slug=line["topic"]).exists()
    assert Meeting.objects.filter(region=region, pk=line["meeting"]).exists()
    assert region.municipalities.filter(slug=line["municipality"]).exists()
    largest = max(Region.objects.all(), key=lambda r: r.topics.count())
    assert region.topics.count() == largest.topics.count()
    assert line["counts"]["topics"] == 200


def test_generated_text_is_found_by_search():
    run(*SMALL)
    region = Region.objects.get(slug="schaalregio-01")
    from regio.access.policies import region_access
    from django.contrib.auth.models import AnonymousUser

    result = search.search(region=region, access=region_access(AnonymousUser(), region), query="woningbouw")
    assert result.total > 0


def test_refuses_a_database_with_real_regions_unless_forced():
    RegionFactory(name="Leidse regio", slug="leidse-regio")

    with pytest.raises(CommandError, match="not synthetic"):
        run(*SMALL)
    assert Region.objects.count() == 1 and not Topic.objects.exists()

    run(*SMALL, "--force")
    assert Region.objects.filter(is_synthetic=True).count() == 3
    assert Region.objects.filter(slug="leidse-regio", is_synthetic=False).exists()


def test_a_second_run_replaces_the_synthetic_regions():
    run("--regions", "2", "--topics", "20", "--meetings", "10", "--documents", "5")
    run("--regions", "2", "--topics", "30", "--meetings", "10", "--documents", "5")
    assert Region.objects.count() == 2
    assert Topic.objects.count() == 30
    assert Document.objects.count() == 5
    assert entry_count() == DocumentPage.objects.count() + 30 + 10 + Agreement.objects.count() + 15


def made() -> dict[str, list]:
    """What a run made, without ids (a second run takes new ones, also in the entries' addresses) or timestamps."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT object_type, title, page, body, kind, visibility, entry_date, municipalities "
            f"FROM {search.ENTRY_TABLE} ORDER BY id"
        )
        entries = [tuple(str(value) for value in row) for row in cursor.fetchall()]
    return {
        "topics": list(Topic.objects.order_by("pk").values_list(
            "slug", "description", "status", "proposed_on", "lead_municipality__cbs_code", "visibility")),
        "participations": list(Participation.objects.order_by("pk").values_list(
            "topic__slug", "municipality__cbs_code", "role")),
        "meetings": list(Meeting.objects.order_by("pk").values_list(
            "title", "starts_at", "place", "minutes", "body__name")),
        "agenda": list(AgendaItem.objects.order_by("pk").values_list("meeting__title", "order", "topic__slug")),
        "decisions": list(MunicipalDecision.objects.order_by("pk").values_list(
            "agreement__title", "municipality__cbs_code", "outcome", "decided_on")),
        "commitments": list(Commitment.objects.order_by("pk").values_list("title", "description", "due_date", "state")),
        "pages": list(DocumentPage.objects.order_by("pk").values_list("document__title", "number", "text")),
        "documents": list(Document.objects.order_by("pk").values_list("title", "sha256", "size", "kind", "visibility")),
        "entries": entries,
    }


def test_the_same_seed_makes_the_same_data_and_another_seed_other_data():
    sizes = ["--regions", "2", "--topics", "40", "--meetings", "30", "--documents", "20"]
    run(*sizes, "--seed", "5")
    first, agreements = made(), Agreement.objects.count()
    run(*sizes, "--seed", "5")
    again = made()
    run(*sizes, "--seed", "6")
    other = made()

    # pages, 40 topics, 30 meetings, their agreements and 20 commitments
    assert len(first["pages"]) >= 40 and len(first["entries"]) == len(first["pages"]) + 40 + 30 + agreements + 20
    assert again == first
    assert other["topics"] != first["topics"] and other["pages"] != first["pages"]


def test_rejects_impossible_sizes():
    with pytest.raises(CommandError, match="--regions"):
        run("--regions", "0")
