"""Popolo JSON, CSV tables and the register of joint arrangements: public items only, well-formed."""

# ruff: noqa: F811 -- the shared `export_scene` fixture is imported, and tests name it as a parameter

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from regio.publication.exports.tables import TABLES
from regio.publication.tests.export_scene import MARK, export_scene  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def export_urls(region, spearhead) -> list[str]:
    slug = region.slug
    urls = [reverse("open-data:csv", kwargs={"region": slug, "entity": entity}) for entity in TABLES]
    urls += [
        reverse(f"open-data:{name}", kwargs={"region": slug})
        for name in ("popolo", "register", "register-csv", "register-json", "feed", "calendar", "woo-sitemap")
    ]
    urls.append(reverse("open-data:spearhead-feed", kwargs={"region": slug, "spearhead": spearhead.code}))
    return urls


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "superuser"])
def test_no_internal_item_reaches_any_export_or_feed(export_scene, client_for, role):
    world = export_scene.world
    client = client_for(world.user(role))
    for url in export_urls(world.region, world.spearheads[1]):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        text = body.decode("utf-8-sig")
        assert MARK not in text, url
        assert MARK.lower() not in text.lower(), url


def test_the_public_items_are_in_the_exports(export_scene, client):
    region = export_scene.world.region

    def text(name: str, **kwargs) -> str:
        return client.get(reverse(name, kwargs={"region": region.slug, **kwargs})).content.decode("utf-8-sig")

    assert "Warmterotonde" in text("open-data:csv", entity="onderwerpen")
    assert "Intentie warmte" in text("open-data:csv", entity="afspraken")
    assert "Raden informeren" in text("open-data:csv", entity="toezeggingen")
    assert "Overleg energie" in text("open-data:csv", entity="vergaderingen")
    assert "GR Werk en Inkomen" in text("open-data:register")
    assert "Wethouder Leiden" in text("open-data:popolo")


def test_csv_opens_with_semicolons_and_dutch_headers(export_scene, client):
    world = export_scene.world
    rows = read_csv(client.get(reverse("open-data:csv", kwargs={"region": world.region.slug, "entity": "onderwerpen"})))
    header, *data = rows
    assert header[:3] == ["slug", "titel", "status"]
    assert [row[1] for row in data] == ["Warmterotonde"]
    results = read_csv(
        client.get(reverse("open-data:csv", kwargs={"region": world.region.slug, "entity": "resultaten"}))
    )
    assert results[0][4:6] == ["nulmeting", "streefwaarde"]
    assert results[1][4:6] == ["0", "200"]  # decimal comma where needed, no trailing zeros


def test_agreements_csv_has_one_row_per_agreement_and_municipality(export_scene, client):
    world = export_scene.world
    header, *data = read_csv(
        client.get(reverse("open-data:csv", kwargs={"region": world.region.slug, "entity": "afspraken"}))
    )
    column = {name: i for i, name in enumerate(header)}
    assert sorted(row[column["gemeente"]] for row in data) == sorted([world.own.name, world.other.name])
    by_municipality = {row[column["gemeente"]]: row for row in data}
    assert by_municipality[world.own.name][column["datum college"]] == "2019-02-12"
    assert by_municipality[world.other.name][column["besluit college"]] == ""
    assert by_municipality[world.own.name][column["gemaakt op"]] == "2019-02-01"


def test_an_unknown_table_or_region_is_404(export_scene, client):
    region = export_scene.world.region.slug
    assert client.get(f"/open-data/{region}/geheimen.csv").status_code == 404
    assert client.get("/open-data/bestaat-niet/popolo.json").status_code == 404
    assert client.get("/open-data/bestaat-niet/onderwerpen.csv").status_code == 404
    assert client.post(f"/open-data/{region}/popolo.json").status_code == 405


def test_popolo_is_structurally_valid(export_scene, client):
    document = client.get(reverse("open-data:popolo", kwargs={"region": export_scene.world.region.slug})).json()
    assert set(document) == {"organizations", "persons", "posts", "memberships", "events"}
    organizations = {o["id"]: o for o in document["organizations"]}
    persons = {p["id"] for p in document["persons"]}
    posts = {p["id"] for p in document["posts"]}
    events = {e["id"]: e for e in document["events"]}
    for collection in document.values():
        ids = [item["id"] for item in collection]
        assert len(ids) == len(set(ids))
    for organization in document["organizations"]:
        assert organization["name"] and organization["classification"]
        assert organization.get("parent_id") is None or organization["parent_id"] in organizations
    for membership in document["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] in organizations
        assert membership.get("post_id") is None or membership["post_id"] in posts
        assert membership.get("on_behalf_of_id") is None or membership["on_behalf_of_id"] in organizations
    for post in document["posts"]:
        assert post["organization_id"] in organizations and post["label"]
    for event in document["events"]:
        assert event["name"] and event["start_date"]
        assert event.get("parent_id") is None or event["parent_id"] in events
        assert event.get("organization_id") is None or event["organization_id"] in organizations
    world = export_scene.world
    classifications = {o["classification"] for o in document["organizations"]}
    assert {"samenwerkingsverband", "gemeente", "college", "raad", "gr_algemeen_bestuur"} <= classifications
    role = next(m for m in document["memberships"] if m.get("post_id"))
    assert role["start_date"] == "2018-05-01"
    assert role["organization_id"].endswith(f"gemeente/{world.own.cbs_code}/college")
    meeting = next(e for e in document["events"] if e["name"] == "Overleg energie")
    assert [item["name"] for item in meeting["agenda"]] == ["Warmte"]
    assert [e["name"] for e in document["events"] if e.get("parent_id") == meeting["id"]] == ["Warmte"]


def test_register_json_and_csv_carry_the_art_27_fields(export_scene, client):
    region = export_scene.world.region
    data = client.get(reverse("open-data:register-json", kwargs={"region": region.slug})).json()
    (entry,) = data["regelingen"]
    assert entry["vorm"] == "openbaar_lichaam"
    assert {d["cbsCode"] for d in entry["deelnemers"]} == {
        export_scene.world.own.cbs_code,
        export_scene.world.other.cbs_code,
    }
    assert entry["vestigingsplaats"] == "Leiden" and entry["inWerkingSinds"] == "2015-01-01"
    assert entry["overgedragenBevoegdheden"] == ["Uitvoering van de Participatiewet"]
    assert entry["besturen"] == ["Algemeen bestuur GR Werk"]
    header, row = read_csv(client.get(reverse("open-data:register-csv", kwargs={"region": region.slug})))
    assert header[:3] == ["naam", "vorm", "deelnemers"]
    assert row[0] == "GR Werk en Inkomen"


def test_export_query_counts_do_not_grow_with_the_data(
    world, client, django_assert_max_num_queries, settings, tmp_path
):
    from regio.publication.tests.export_scene import build_export_scene

    settings.MEDIA_ROOT = tmp_path / "media"
    build_export_scene(world)
    urls = export_urls(world.region, world.spearheads[1])

    def counts() -> dict[str, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        result = {}
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result[url] = len(captured)
        return result

    small = counts()
    _grow(world, 1000)
    large = counts()
    assert large == small


def _grow(world, n: int) -> None:
    """`n` more public topics (with participation and a result), meetings with an agenda item, agreements
    with decisions, commitments and documents, written in bulk."""
    import datetime

    from django.utils import timezone

    from regio.commitments.models import Commitment
    from regio.documents.models import Document
    from regio.meetings.models import AgendaItem, Agreement, Meeting, MunicipalDecision
    from regio.topics.models import Participation, Result, Topic

    region = world.region
    topics = Topic.objects.bulk_create(
        [Topic(region=region, title=f"Onderwerp {i}", slug=f"onderwerp-{i}", proposed_by=world.own) for i in range(n)]
    )
    Topic.spearheads.through.objects.bulk_create(
        [Topic.spearheads.through(topic=t, spearhead=world.spearheads[1]) for t in topics]
    )
    Participation.objects.bulk_create(
        [Participation(topic=t, municipality=world.other, role="doet_mee") for t in topics]
    )
    Result.objects.bulk_create([Result(topic=t, description="Meer warmte") for t in topics])
    start = timezone.make_aware(datetime.datetime(2019, 1, 1, 10))
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(region=region, title=f"Vergadering {i}", starts_at=start + datetime.timedelta(days=i))
            for i in range(n)
        ]
    )
    AgendaItem.objects.bulk_create([AgendaItem(meeting=m, order=1, title="Opening") for m in meetings])
    agreements = Agreement.objects.bulk_create(
        [
            Agreement(region=region, title=f"Afspraak {i}", text="Tekst", made_on=datetime.date(2019, 1, 1))
            for i in range(n)
        ]
    )
    Agreement.participants.through.objects.bulk_create(
        [Agreement.participants.through(agreement=a, municipality=world.own) for a in agreements]
    )
    MunicipalDecision.objects.bulk_create(
        [
            MunicipalDecision(
                agreement=a,
                municipality=world.own,
                organ="college",
                outcome="ingestemd",
                decided_on=datetime.date(2019, 2, 1),
            )
            for a in agreements
        ]
    )
    Commitment.objects.bulk_create(
        [
            Commitment(
                region=region,
                title=f"Toezegging {i}",
                promised_by="De colleges",
                due_date=datetime.date(2019, 6, 1),
                state="nagekomen",
                resolved_on=datetime.date(2019, 5, 1),
            )
            for i in range(n)
        ]
    )
    Document.objects.bulk_create(
        [
            Document(
                region=region,
                sha256=f"{i:064d}",
                original=f"documents/{i}",
                filename=f"{i}.pdf",
                media_type="application/pdf",
                size=1,
                title=f"Brief {i}",
                kind="brief",
                visibility="openbaar",
            )
            for i in range(n)
        ]
    )
