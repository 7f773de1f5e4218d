"""The regelingen pages: the cycle with each council's terms, recording views and answers, the
comparison of views, a council's regional agenda with its calendar, and the open-data feeds."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from freezegun import freeze_time

from regio.arrangements import services
from regio.arrangements.models import CouncilMeeting, DocumentKind, ViewBasis, ViewState, ViewVerdict, Zienswijze
from regio.arrangements.tests.factories import ArrangementFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DRAFT = "De raad stemt in.\n\nDe raad vraagt een lagere bijdrage."


@pytest.fixture
def cycle(world):
    coordinator = world.user("coordinator")
    arrangement = ArrangementFactory(region=world.region, name="GR Proef", slug="gr-proef",
                                     participants=[world.own, world.other, world.third])
    document = services.cycle_document_record(
        actor=coordinator, arrangement=arrangement, kind=DocumentKind.DRAFT_BUDGET, title="Ontwerpbegroting 2025",
        year=2025, sent_on=D(2024, 4, 10), joint_draft=DRAFT)
    texts = {
        world.own: (ViewBasis.JOINT_AS_IS, DRAFT),
        world.other: (ViewBasis.JOINT_AMENDED, "De raad stemt in.\n\nDe raad vraagt een veel lagere bijdrage."),
        world.third: (ViewBasis.OWN, "De raad stemt niet in."),
    }
    for municipality, (basis, text) in texts.items():
        services.zienswijze_record(actor=coordinator, document=document, municipality=municipality,
                                   state=ViewState.ADOPTED, verdict=ViewVerdict.POSITIVE, adopted_on=D(2024, 6, 20),
                                   basis=basis, text=text)
    services.council_meeting_add(actor=coordinator, region=world.region, municipality=world.own, date=D(2024, 6, 20))
    return arrangement, document


def url(world, rest: str) -> str:
    return f"/{world.region.slug}/{rest}"


@freeze_time("2024-06-01")
def test_the_regeling_page_shows_each_councils_term_and_warnings(client_for, world, cycle):
    client = client_for(world.user("reader"))
    response = client.get(url(world, "regelingen/gr-proef/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ontwerpbegroting 2025" in html and "art. 35 lid 1 en 3 Wgr" in html
    assert html.count("regio-warning") == 2  # Leiderdorp and Oegstgeest have no meeting in the window
    assert "Zienswijze van Leiden vastleggen" not in html  # a reader records nothing
    assert "Geen raadsvergadering van Leiderdorp tussen ontvangst op 10-04-2024" in html


def test_the_list_page_paginates(client_for, world, cycle):
    response = client_for(world.user("reader")).get(url(world, "regelingen/"))
    assert response.status_code == 200 and "GR Proef" in response.content.decode()


def test_an_editor_records_its_councils_view_and_sees_errors_in_place(client_for, world, cycle):
    arrangement, document = cycle
    client = client_for(world.user("editor_own"))
    path = url(world, f"regelingen/gr-proef/stukken/{document.pk}/zienswijze/{world.own.slug}/")
    prefix = f"v{document.pk}-{world.own.pk}"
    bad = client.post(path, {f"{prefix}-state": "vastgesteld", f"{prefix}-basis": "eigen", f"{prefix}-version": "1"})
    assert bad.status_code == 400
    good = client.post(path, {f"{prefix}-state": "vastgesteld", f"{prefix}-verdict": "negatief",
                              f"{prefix}-adopted_on": "2024-06-27", f"{prefix}-basis": "eigen",
                              f"{prefix}-text": "Nee.", f"{prefix}-version": "1"})
    assert good.status_code == 302
    assert Zienswijze.objects.get(municipality=world.own).verdict == "negatief"
    other = url(world, f"regelingen/gr-proef/stukken/{document.pk}/zienswijze/{world.other.slug}/")
    other_prefix = f"v{document.pk}-{world.other.pk}"
    assert client.post(other, {f"{other_prefix}-state": "geen", f"{other_prefix}-basis": "eigen",
                               f"{other_prefix}-version": "1"}).status_code == 403


def test_the_coordinator_answers_a_view(client_for, world, cycle):
    view = Zienswijze.objects.get(municipality=world.own)
    client = client_for(world.user("coordinator"))
    response = client.post(url(world, f"regelingen/gr-proef/zienswijzen/{view.pk}/antwoord/"),
                           {f"a{view.pk}-board_answer": "Overgenomen.", f"a{view.pk}-board_answered_on": "2024-07-01",
                            f"a{view.pk}-version": "1"})
    assert response.status_code == 302
    view.refresh_from_db()
    assert view.board_answer == "Overgenomen."


def test_the_coordinator_records_a_document_and_a_late_one_is_refused(client_for, world, cycle):
    client = client_for(world.user("coordinator"))
    path = url(world, "regelingen/gr-proef/stukken/nieuw/")
    late = client.post(path, {"kind": "kaders", "title": "Kadernota 2026", "year": 2026, "sent_on": "2025-05-02"})
    assert late.status_code == 400
    assert "30-04-2025" in late.content.decode()
    ok = client.post(path, {"kind": "kaders", "title": "Kadernota 2026", "year": 2026, "sent_on": "2025-04-01"})
    assert ok.status_code == 302


def test_the_comparison_page_shows_paragraphs_and_word_changes(client_for, world, cycle):
    arrangement, document = cycle
    response = client_for(world.user("reader")).get(url(world, f"regelingen/gr-proef/stukken/{document.pk}/vergelijking/"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<ins>veel</ins>" in html
    assert html.count('data-council="') == 6  # two paragraphs, three councils


def test_the_regional_agenda_page_and_calendar_import(client_for, world, cycle):
    client = client_for(world.user("editor_own"))
    page = client.get(url(world, f"gemeenten/{world.own.slug}/regionale-agenda/"))
    assert page.status_code == 200
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//NL\r\nBEGIN:VEVENT\r\nUID:a@t\r\nDTSTAMP:20240101T000000Z\r\n"
           b"DTSTART;VALUE=DATE:20240912\r\nSUMMARY:Raad\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    from django.core.files.uploadedfile import SimpleUploadedFile

    done = client.post(url(world, f"gemeenten/{world.own.slug}/raadskalender/import/"),
                       {"ics": SimpleUploadedFile("raad.ics", ics, content_type="text/calendar")})
    assert done.status_code == 302
    assert CouncilMeeting.objects.filter(municipality=world.own, date=D(2024, 9, 12)).exists()
    broken = client.post(url(world, f"gemeenten/{world.own.slug}/raadskalender/import/"),
                         {"ics": SimpleUploadedFile("raad.ics", b"kapot", content_type="text/calendar")})
    assert broken.status_code == 400


def test_the_open_data_calendar_has_one_event_per_deadline(client, world, cycle):
    response = client.get(f"/open-data/{world.region.slug}/gemeenten/{world.own.slug}/regionale-agenda.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [(str(e["SUMMARY"]), e["DTSTART"].dt) for e in events] == [
        ("Uiterste datum zienswijze op Ontwerpbegroting 2025", D(2024, 7, 3))]
    csv_response = client.get(f"/open-data/{world.region.slug}/gemeenten/{world.own.slug}/regionale-agenda.csv")
    lines = csv_response.content.decode().splitlines()
    assert lines[0] == "datum,gedateerd,soort,titel,regio,toelichting,uid"
    assert lines[1].startswith("2024-07-03,ja,zienswijze,")
    assert client.get(f"/open-data/{world.region.slug}/gemeenten/{world.outsider.slug}/regionale-agenda.ics").status_code == 404


def test_the_paragraph_on_verbonden_partijen_downloads_for_signed_in_users(client_for, world, cycle):
    arrangement, _ = cycle
    services.verbonden_partij_record(actor=world.user("coordinator"), region=world.region, municipality=world.own,
                                     year=2025, arrangement=arrangement, public_interest="Samen")
    path = url(world, f"gemeenten/{world.own.slug}/verbonden-partijen/2025")
    reader = client_for(world.user("reader"))
    word = reader.get(path + ".docx")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert "GR Proef;Samen;" in reader.get(path + ".csv").content.decode()


def test_the_regeling_page_costs_the_same_queries_for_one_or_three_documents(client_for, world, cycle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    arrangement, _ = cycle
    client = client_for(world.user("coordinator"))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(world, "regelingen/gr-proef/")).status_code == 200
        return len(captured.captured_queries)

    one = count()
    for year in (2026, 2027):
        services.cycle_document_record(actor=world.user("coordinator"), arrangement=arrangement,
                                       kind=DocumentKind.DRAFT_BUDGET, title=f"Ontwerpbegroting {year}", year=year,
                                       sent_on=D(year - 1, 4, 10))
    assert count() == one


def test_the_coordinator_records_the_general_boards_final_decision(client_for, world, cycle):
    arrangement, document = cycle
    path = url(world, f"regelingen/gr-proef/stukken/{document.pk}/besluit/")
    prefix = f"d{document.pk}"
    early = client_for(world.user("coordinator")).post(
        path, {f"{prefix}-final_decision_on": "2024-01-01", f"{prefix}-final_decision": "x", f"{prefix}-version": "1"})
    assert early.status_code == 400
    done = client_for(world.user("coordinator")).post(
        path, {f"{prefix}-final_decision_on": "2024-07-11", f"{prefix}-final_decision": "Vastgesteld; reserve verlaagd.",
               f"{prefix}-version": "1"})
    assert done.status_code == 302
    document.refresh_from_db()
    assert document.final_decision == "Vastgesteld; reserve verlaagd."
    denied = client_for(world.user("editor_own")).post(
        path, {f"{prefix}-final_decision_on": "2024-07-11", f"{prefix}-final_decision": "x", f"{prefix}-version": "2"})
    assert denied.status_code == 403


def test_a_document_sent_on_9999_12_31_is_a_form_error_not_a_500(client_for, world, cycle):
    client = client_for(world.user("coordinator"))
    response = client.post(url(world, "regelingen/gr-proef/stukken/nieuw/"), {
        "kind": "ontwerpbegroting", "title": "Ontwerpbegroting 2026", "year": 2026, "sent_on": "9999-12-31"})
    assert response.status_code == 400
    assert "Aan de raden verzonden op: kies een datum tussen 1 januari 1900 en 31 december 2199." in response.content.decode()
    assert not cycle[0].cycle_documents.filter(title="Ontwerpbegroting 2026").exists()


def test_two_people_record_the_same_councils_view_and_the_second_gets_the_conflict(client_for, world, cycle):
    from django.test import Client

    from regio.conftest import signed_in_fully

    arrangement, document = cycle
    path = url(world, f"regelingen/gr-proef/stukken/{document.pk}/zienswijze/{world.own.slug}/")
    prefix = f"v{document.pk}-{world.own.pk}"
    first = signed_in_fully(Client(), world.user("editor_own"))
    second = signed_in_fully(Client(), world.user("coordinator"))
    for client in (first, second):
        assert f'name="{prefix}-version" value="1"' in client.get(url(world, "regelingen/gr-proef/")).content.decode()
    view = {f"{prefix}-state": "vastgesteld", f"{prefix}-verdict": "positief", f"{prefix}-adopted_on": "2024-06-20",
            f"{prefix}-basis": "eigen", f"{prefix}-version": "1"}
    assert first.post(path, {**view, f"{prefix}-text": "De raad stemt in, met een lagere bijdrage."}).status_code == 302
    refused = second.post(path, {**view, f"{prefix}-text": "De raad stemt in."})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Iemand anders heeft deze zienswijze intussen gewijzigd." in page
    assert ("Tekst — opgeslagen: “De raad stemt in, met een lagere bijdrage.”, uw invoer: “De raad stemt in.”."
            in page)
    assert f'name="{prefix}-version" value="2"' in page
    stored = Zienswijze.objects.get(document=document, municipality=world.own)
    assert (stored.text, stored.version) == ("De raad stemt in, met een lagere bijdrage.", 2)
