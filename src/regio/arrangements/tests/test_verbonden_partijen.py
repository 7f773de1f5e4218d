"""The register of verbonden partijen: the service, and the paragraph's table as Word and CSV."""

import io
from decimal import Decimal

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regio.arrangements import services
from regio.arrangements.paragraph import COLUMNS, paragraph_csv, paragraph_docx
from regio.arrangements.selectors import verbonden_partijen_rows
from regio.arrangements.tests.factories import ArrangementFactory

pytestmark = pytest.mark.django_db
LOW = {"financieel_belang": "klein", "weerstandsvermogen": "ruim", "aansprakelijkheid": "nee",
       "beleidsmatig_belang": "aanvullend", "sturing": "veel", "ontwikkelingen": "nee"}
HIGH = {"financieel_belang": "groot", "weerstandsvermogen": "nauwelijks", "aansprakelijkheid": "volledig",
        "beleidsmatig_belang": "wettelijk_kerntaak", "sturing": "weinig", "ontwikkelingen": "ingrijpend"}


@pytest.fixture
def register(world):
    coordinator = world.user("coordinator")
    werk = ArrangementFactory(region=world.region, name="GR Werk", participants=[world.own, world.other])
    afval = ArrangementFactory(region=world.region, name="GR Afval", participants=[world.own, world.third])
    services.participant_set(actor=coordinator, arrangement=werk, municipality=world.own, yearly_contribution=1250000)
    editor = world.user("editor_own")
    services.verbonden_partij_record(actor=editor, region=world.region, municipality=world.own, year=2025,
                                     arrangement=werk, public_interest="Werk en inkomen", share_percent=Decimal("62.5"),
                                     equity_start=Decimal("1000000"), equity_end=Decimal("900000"),
                                     result=Decimal("-100000"), risks="Tekort op de uitkeringen", risk_answers=HIGH)
    services.verbonden_partij_record(actor=editor, region=world.region, municipality=world.own, year=2025,
                                     arrangement=afval, public_interest="Afvalinzameling", contribution=Decimal("80000"),
                                     risk_answers=LOW)
    services.verbonden_partij_record(actor=editor, region=world.region, municipality=world.own, year=2025,
                                     name="BNG Bank N.V.", public_interest="Financiering tegen lage rente")
    services.verbonden_partij_record(actor=coordinator, region=world.region, municipality=world.other, year=2025,
                                     arrangement=werk, public_interest="Werk en inkomen")
    return werk, afval


def test_the_paragraph_opens_in_python_docx_with_the_rows_of_the_municipality(world, register):
    rows = verbonden_partijen_rows(municipality=world.own, year=2025)
    document = docx.Document(io.BytesIO(paragraph_docx(rows, municipality="Leiden", year=2025)))
    [table] = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == COLUMNS
    assert [row[0] for row in cells[1:]] == ["BNG Bank N.V.", "GR Afval", "GR Werk"]
    werk = cells[3]
    assert werk[1:6] == ["Werk en inkomen", "Leiden, Leiderdorp", "1.250.000", "62,50", "1.000.000"]
    assert (werk[9], werk[10], werk[11]) == ("-100.000", "Tekort op de uitkeringen", "3")
    assert (cells[2][3], cells[2][11]) == ("80.000", "1")
    assert cells[1][11] == ""  # no questionnaire answered
    assert "Paragraaf verbonden partijen 2025" in document.paragraphs[0].text


def test_the_paragraph_as_csv(world, register):
    text = paragraph_csv(verbonden_partijen_rows(municipality=world.other, year=2025))
    lines = text.splitlines()
    assert lines[0].split(";")[0] == "Verbonden partij" and len(lines) == 2
    assert lines[1].startswith("GR Werk;Werk en inkomen;Leiden, Leiderdorp;")


def test_a_line_for_a_regeling_the_municipality_is_not_in_is_refused(world, register):
    werk, afval = register
    with pytest.raises(ValidationError) as caught:
        services.verbonden_partij_record(actor=world.user("coordinator"), region=world.region, municipality=world.other,
                                         year=2025, arrangement=afval, public_interest="x")
    assert [e.code for e in caught.value.error_dict["arrangement"]] == ["not_a_participant"]


def test_unanswered_risk_questions_and_a_nameless_participation_are_refused(world, register):
    with pytest.raises(ValidationError) as caught:
        services.verbonden_partij_record(actor=world.user("coordinator"), region=world.region, municipality=world.own,
                                         year=2025, public_interest="x", risk_answers={"sturing": "veel"})
    assert set(caught.value.error_dict) == {"name", "risk_answers"}


def test_an_editor_keeps_only_its_own_register(world, register):
    werk, _ = register
    with pytest.raises(PermissionDenied):
        services.verbonden_partij_record(actor=world.user("editor_own"), region=world.region, municipality=world.other,
                                         year=2025, arrangement=werk, public_interest="x")
