"""Tests for OCR in the readers: scanned PDFs and images of Dutch text, recognised with Tesseract.

Skipped with a reason when Tesseract or the DejaVu font is missing on a developer's machine; in CI
(environment variable CI set) a missing tool fails the run instead, so OCR is never silently untested.
"""

from __future__ import annotations

import io
import os

import pytest
from django.utils import translation

from regio.documents.readers import Limits, ReadError, read_document
from regio.documents.readers.ocr import tesseract_available
from regio.documents.readers.pdf import usable_text
from regio.documents.tests.data import make


@pytest.fixture(autouse=True)
def messages_in_english():
    # The messages are English msgids; the tests read them untranslated (Dutch is the site default).
    with translation.override("en"):
        yield


def flat(text: str) -> str:
    """OCR keeps the scan's line breaks; the words are what matter here."""
    return " ".join(text.split())


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def ocr_tools():
    _require(tesseract_available(), "Tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-nld")
    _require(make.DEJAVU.exists(), "The DejaVu font is not installed: apt-get install fonts-dejavu-core")


LETTER = (
    "Leiden, 11 december 2018\n"
    "Geachte raadsleden,\n"
    "Het college van Leiderdorp informeert de gemeenteraad vóór 28 februari 2019 over de voortgang "
    "van de Regionale Agenda Samenwerking."
)


def test_a_scanned_pdf_is_ocred_page_by_page():
    data = make.scanned_pdf([LETTER, "Bijlage: overzicht van de zeven speerpunten."])
    result = read_document(data, "scan.pdf")
    assert [(page.number, page.ocr) for page in result.pages] == [(1, True), (2, True)]
    first = flat(result.pages[0].text)
    for words in ("Leiden, 11 december 2018", "Geachte raadsleden", "Leiderdorp", "28 februari 2019", "Regionale"):
        assert words in first
    assert "zeven speerpunten" in result.pages[1].text


def test_a_pdf_mixing_text_and_scanned_pages_ocrs_only_the_scan():
    import pypdfium2

    text_pdf = pypdfium2.PdfDocument(make.text_pdf(["Eerste pagina met een echte tekstlaag voor de raad."]))
    scan = pypdfium2.PdfDocument(make.scanned_pdf([LETTER]))
    text_pdf.import_pages(scan)
    out = io.BytesIO()
    text_pdf.save(out)
    result = read_document(out.getvalue(), "gemengd.pdf")
    assert [page.ocr for page in result.pages] == [False, True]
    assert "28 februari 2019" in flat(result.pages[1].text)


@pytest.mark.parametrize(("image_format", "name"), [("PNG", "scan.png"), ("JPEG", "scan.jpg")])
def test_an_image_is_ocred(image_format, name):
    result = read_document(make.image_file([LETTER], image_format), name)
    assert result.media_type == f"image/{image_format.lower()}"
    assert result.pages[0].ocr
    assert "28 februari 2019" in flat(result.pages[0].text)


def test_a_multi_page_tiff_gives_one_page_per_frame():
    result = read_document(
        make.image_file(["Eerste bladzijde van de brief.", "Tweede bladzijde met de planning."], "TIFF")
    )
    assert result.media_type == "image/tiff"
    assert [page.number for page in result.pages] == [1, 2]
    assert "Eerste bladzijde" in result.pages[0].text
    assert "Tweede bladzijde" in result.pages[1].text


def test_an_image_with_a_lying_extension_is_ocred_as_an_image():
    result = read_document(make.image_file([LETTER], "PNG"), "brief.pdf")
    assert result.media_type == "image/png"
    assert "The file name ends in .pdf, but the content is image" in str(result.notes[0])


def test_an_unreadable_scan_is_refused():
    from PIL import Image, ImageDraw

    blank = Image.new("L", (1200, 1600), color=255)
    ImageDraw.Draw(blank).rectangle((100, 100, 1100, 1500), outline=0, width=3)
    out = io.BytesIO()
    blank.save(out, "PDF", resolution=150)
    with pytest.raises(ReadError) as error:
        read_document(out.getvalue(), "leeg.pdf")
    assert error.value.code == "unreadable_scan"
    assert str(error.value) == "Text recognition (OCR) found no readable text in the scan."


def test_a_huge_pdf_page_is_rendered_within_the_pixel_limit():
    data = make.scanned_pdf([LETTER], dpi=30)  # a page ten times too large in each direction
    result = read_document(data, "groot.pdf", limits=Limits(max_image_pixels=30_000_000))
    assert result.pages[0].ocr
    assert "Leiderdorp" in result.pages[0].text


def test_missing_language_data_is_a_clear_error():
    with pytest.raises(ReadError) as error:
        read_document(make.image_file(["tekst"], "PNG"), "s.png", limits=Limits(ocr_languages="xxx"))
    assert error.value.code == "ocr_unavailable"
    assert str(error.value) == "Text recognition (OCR) lacks the language data for: xxx."


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        ("", False),
        ("3", False),
        ("Pagina 3 van 12", False),
        ("\ufffd" * 40, False),
        ("Geachte raadsleden, hierbij", True),
    ],
)
def test_usable_text_layer(text, usable):
    assert usable_text(text) is usable
