"""Rendering one composed letter as PDF, Word and HTML; the charts as SVG. No database needed."""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET

import docx
import pypdfium2
import pytest

from regio.letters import charts
from regio.letters.compose import (
    AgreementFacts,
    CommitmentFacts,
    DecisionFacts,
    LetterInput,
    MeetingFacts,
    TopicFacts,
    compose_letter,
)
from regio.letters.render import render, renderer_for

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def letter():
    return compose_letter(
        LetterInput(
            region="Leidse regio",
            municipality="Voorschoten",
            period_start=datetime.date(2018, 9, 1),
            period_end=datetime.date(2019, 2, 28),
            letter_date=datetime.date(2019, 3, 12),
            reference="RIB-2019-GM0626-1",
            vision_title="Toekomstvisie Leidse regio 2027",
            spearheads=(("wonen_groen", "Wonen en groen"), ("duurzaamheid", "Duurzaamheid")),
            topics=(
                TopicFacts("Warmterotonde", ("duurzaamheid",), "verkennen", "verkennen", own_role="doet_mee"),
                TopicFacts("Studentenhuisvesting", ("wonen_groen",), "verkennen", "verkennen", own_role="doet_mee"),
            ),
            agreements=(
                AgreementFacts("Behoefteraming", datetime.date(2019, 1, 14), "Samen één raming.", ("Voorschoten", "Leiden"),
                               (DecisionFacts("Voorschoten", "college", "ingestemd", datetime.date(2019, 2, 5)),)),
            ),
            commitments=(CommitmentFacts("Raden informeren", "De colleges", datetime.date(2019, 2, 28), "februari 2019"),),
            meetings=(MeetingFacts("Overleg van de vijf colleges", "eerste kwartaal 2019", datetime.date(2019, 1, 1),
                                   "Zoeterwoude", dated=False),),
            meetings_per_month=(("sep 2018", 2), ("okt 2018", 0), ("nov 2018", 3), ("dec 2018", 1), ("jan 2019", 4), ("feb 2019", 2)),
            mayor="N. Staatsen",
            secretary="A. Secretaris",
            contact_name="R. Coördinator",
            colour="#0b5e6b",
        )
    )


def test_pdf_has_the_letter_text_and_a_page_one_that_is_not_blank(letter):
    pdf = pypdfium2.PdfDocument(render(letter, "pdf"))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
        flat = " ".join(text.split())
        for expected in ("Gemeente Voorschoten", "Aan de gemeenteraad van Voorschoten", "RIB-2019-GM0626-1",
                         "Toezeggingen aan uw raad", "Raden informeren", "pagina 1 van", "de burgemeester", "N. Staatsen"):
            assert expected in flat
        assert pdf.get_metadata_dict()["Title"] == letter.subject
        image = pdf[0].render(scale=1).to_pil().convert("L")
        width, height = image.size
        body = image.crop((0, height // 4, width, height * 3 // 4))
        dark = sum(body.histogram()[:128])
        assert dark > 2000, "page 1 looks blank"
    finally:
        pdf.close()


def test_docx_has_heading_styles_bullets_and_the_chart_pictures(letter):
    document = docx.Document(io.BytesIO(render(letter, "docx")))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Toezeggingen aan uw raad") in headings
    assert ("Heading 2", "Duurzaamheid") in headings
    assert any(p.style.name == "List Bullet" and p.text.startswith("Warmterotonde") for p in document.paragraphs)
    assert len(document.inline_shapes) == len(letter.figures) == 3
    pictures = [rel for rel in document.part.rels.values() if "image" in rel.reltype]
    assert all(rel.target_part.content_type == "image/png" for rel in pictures)
    assert document.core_properties.title == letter.subject


def test_html_walks_every_block_with_the_svg_inline(letter):
    html = render(letter, "html").decode()
    assert html.count("<svg") == 3
    assert "<h2>Afspraken in deze periode</h2>" in html
    assert "Kenmerk" in html and "RIB-2019-GM0626-1" in html
    assert renderer_for("docx").filename(letter) == "RIB-2019-GM0626-1.docx"


def test_charts_are_valid_svg_with_one_bar_per_value(letter):
    expected = {"Voortgang per speerpunt": 2, "Toezeggingen aan uw raad": 4, "Regionale vergaderingen per maand": 6}
    for figure in letter.figures:
        root = ET.fromstring(figure.svg)
        assert root.tag == f"{SVG}svg"
        bars = [rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "bar"]
        assert len(bars) == expected[figure.caption]
    svg = charts.vertical_bars(title="Leeg", bars=[])
    assert ET.fromstring(svg).find(f"{SVG}title").text == "Leeg"
