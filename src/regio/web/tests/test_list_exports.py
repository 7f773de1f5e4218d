"""Every signed-in list (topics, agreements with their decisions, commitments, meetings) downloads as
CSV and Excel with the filters of the page; cells that a spreadsheet would run are neutralised."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.commitments.tests.factories import CommitmentFactory
from regio.meetings.models import Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import BodyFactory, MeetingFactory, local
from regio.topics.tests.factories import ParticipationFactory, TopicFactory


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def read_xlsx(response) -> list[list]:
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def lists(world):
    wonen, energie = world.spearheads
    warmte = TopicFactory(region=world.region, title="Warmtenet", spearheads=[energie], lead_municipality=world.own)
    ParticipationFactory(topic=warmte, municipality=world.own, initiator=True)
    TopicFactory(region=world.region, title="=HYPERLINK(\"http://x\")", spearheads=[wonen])
    TopicFactory(region=world.region, title="Geheim", spearheads=[wonen], internal=True)
    agreement = AgreementFactory(region=world.region, title="Samen warmte", council_decision_needed=True)
    agreement.participants.set([world.own, world.other])
    DecisionFactory(agreement=agreement, municipality=world.own, outcome=Outcome.ADOPTED)
    body = BodyFactory(region=world.region, name="Stuurgroep", slug="stuurgroep")
    MeetingFactory(region=world.region, body=body, title="Stuurgroep maart", starts_at=local(2026, 3, 5, 14))
    MeetingFactory(region=world.region, title="Los overleg", starts_at=local(2026, 4, 1))
    promise = CommitmentFactory(region=world.region, title="Raden informeren")
    promise.recipient_councils.set([world.own])
    return warmte


def test_topics_download_as_csv_and_excel_with_the_filters(client_for, world, lists):
    client = client_for(world.user("reader"))
    rows = read_csv(client.get("/proefregio/onderwerpen/export.csv"))
    assert rows[0][:4] == ["Onderwerp", "Status", "Speerpunten", "Trekker"]
    titles = sorted(row[0] for row in rows[1:])
    assert titles == ["'=HYPERLINK(\"http://x\")", "Geheim", "Warmtenet"]  # a reader sees internal topics
    filtered = read_xlsx(client.get("/proefregio/onderwerpen/export.xlsx?spearhead=energie"))
    assert [row[0] for row in filtered[1:]] == ["Warmtenet"]
    assert filtered[1][3] == "Leiden" and filtered[1][5] == "Leiden"
    assert filtered[1][7] == "http://testserver/proefregio/onderwerpen/warmtenet/"


def test_anonymous_visitors_get_no_signed_in_export_and_others_only_public_topics(client, client_for, world, lists):
    # The signed-in lists are not the public site: an anonymous visitor is sent to sign in (or to the
    # public site), and a signed-in user without a grant downloads only the public topics.
    response = client.get("/proefregio/onderwerpen/export.csv")
    assert response.status_code == 302
    rows = read_csv(client_for(None).get("/proefregio/onderwerpen/export.csv"))
    assert "Geheim" not in {row[0] for row in rows}


def test_agreements_download_with_a_row_per_municipality_decision(client_for, world, lists):
    rows = read_xlsx(client_for(world.user("reader")).get("/proefregio/afspraken/export.xlsx"))
    assert rows[0][:7] == ["Afspraak", "Gemaakt op", "Onderwerp", "Status", "Gemeente", "College", "College besloot op"]
    by_municipality = {row[4]: row for row in rows[1:]}
    assert set(by_municipality) == {"Leiden", "Leiderdorp"}
    assert by_municipality["Leiden"][5] == "ingestemd"
    assert by_municipality["Leiderdorp"][5] == "wacht op besluit"
    assert by_municipality["Leiderdorp"][7] == "wacht op besluit"  # the council must decide too


def test_commitments_and_meetings_download_with_their_filters(client_for, world, lists):
    client = client_for(world.user("reader"))
    commitments = read_csv(client.get(f"/proefregio/toezeggingen/export.csv?council={world.own.slug}"))
    assert [row[0] for row in commitments[1:]] == ["Raden informeren"]
    assert commitments[1][5] == "Leiden"
    meetings = read_csv(client.get("/proefregio/vergaderingen/export.csv?body=stuurgroep"))
    assert [row[0] for row in meetings[1:]] == ["Stuurgroep maart"]
    assert meetings[1][2] == "2026-03-05T14:00:00" and meetings[1][3] == "Stuurgroep"


def test_an_unknown_format_is_not_found(client_for, world):
    assert client_for(world.user("reader")).get("/proefregio/onderwerpen/export.pdf").status_code == 404


@pytest.mark.parametrize("path", ["/proefregio/onderwerpen/", "/proefregio/afspraken/", "/proefregio/toezeggingen/",
                                  "/proefregio/vergaderingen/"])
def test_each_list_links_its_downloads_with_the_current_filters(client_for, world, path):
    html = client_for(world.user("reader")).get(path + "?x=1").content.decode()
    assert f'href="{path}export.csv?x=1"' in html and f'href="{path}export.xlsx?x=1"' in html


def test_a_download_costs_the_same_queries_for_few_or_many_topics(client_for, world, lists):
    client = client_for(world.user("reader"))
    client.get("/proefregio/onderwerpen/export.csv")
    with CaptureQueriesContext(connection) as few:
        client.get("/proefregio/onderwerpen/export.csv")
    for n in range(6):
        topic = TopicFactory(region=world.region, title=f"Extra {n}", spearheads=[world.spearheads[0]],
                             lead_municipality=world.other)
        ParticipationFactory(topic=topic, municipality=world.other, initiator=True)
    with CaptureQueriesContext(connection) as many:
        client.get("/proefregio/onderwerpen/export.csv")
    assert len(many) == len(few)
