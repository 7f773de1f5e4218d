"""Tests for the readers' limits and bad input: each refusal is a ReadError with a code and a clear message."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from regio.documents.readers import Limits, ReadError, read_document, reader_for
from regio.documents.readers.base import MB, Budget
from regio.documents.readers.word import check_zip
from regio.documents.tests.data import make


@pytest.fixture(autouse=True)
def messages_in_english():
    # The messages are English msgids; the tests read them untranslated (Dutch is the site default).
    with translation.override("en"):
        yield


def refusal(data: bytes, filename: str, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as error:
        read_document(data, filename, limits=limits)
    return error.value


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\n" * 100])
def test_an_empty_file_is_refused(data):
    error = refusal(data, "leeg.pdf")
    assert (error.code, str(error)) == ("empty", "The file is empty.")


def test_a_file_over_the_size_limit_is_refused_before_reading():
    error = refusal(b"tekst " * 400_000, "groot.txt", Limits(max_bytes=1 * MB))
    assert error.code == "too_large"
    assert str(error) == "The file is 2.3 MB; at most 1.0 MB is allowed."


def test_limits_come_from_the_settings():
    with override_settings(REGIO_MAX_UPLOAD_MB=2, REGIO_MAX_PAGES=7, REGIO_MAX_IMAGE_PIXELS=1000):
        limits = Limits.from_settings()
    assert (limits.max_bytes, limits.max_pages, limits.max_image_pixels) == (2 * MB, 7, 1000)


def test_an_encrypted_pdf_is_refused():
    data = make.text_pdf(["Vertrouwelijke brief aan de raad met voldoende tekst."], user_password="geheim")
    # The fixture is a real encrypted PDF: with its password it opens and shows the text.
    import pypdfium2

    with pypdfium2.PdfDocument(data, password="geheim") as pdf:
        assert "Vertrouwelijke brief" in pdf[0].get_textpage().get_text_bounded()
    error = refusal(data, "geheim.pdf")
    assert (error.code, str(error)) == ("encrypted_pdf", "The PDF is protected with a password and cannot be read.")


@pytest.mark.parametrize("cut", [40, 200, 400, 600, -30])
def test_a_truncated_pdf_is_refused_as_damaged(cut):
    data = make.text_pdf(["Een brief die halverwege is afgebroken, met voldoende tekst."], compress=False)
    error = refusal(data[:cut], "kapot.pdf")
    assert (error.code, str(error)) == ("damaged_pdf", "The PDF is damaged and cannot be read.")


def test_a_pdf_header_followed_by_garbage_is_damaged():
    error = refusal(b"%PDF-1.7\n" + bytes(range(256)) * 10, "kapot.pdf")
    assert (error.code, str(error)) == ("damaged_pdf", "The PDF is damaged and cannot be read.")


def test_a_pdf_with_too_many_pages_is_refused_before_reading_them():
    data = make.text_pdf([f"Pagina {number} van een lang rapport." for number in range(12)])
    error = refusal(data, "rapport.pdf", Limits(max_pages=10))
    assert (error.code, str(error)) == ("too_many_pages", "The document has 12 pages; at most 10 are allowed.")


def test_too_many_form_feed_pages_in_text_are_refused():
    error = refusal(b"pagina\f" * 20, "lang.txt", Limits(max_pages=5))
    assert error.code == "too_many_pages"


def test_a_zip_bomb_named_docx_is_refused_unopened():
    data = make.zip_bomb_docx(unpacked_mb=300)
    assert len(data) < 1 * MB
    started = time.monotonic()
    error = refusal(data, "brief.docx")
    assert time.monotonic() - started < 1
    assert error.code == "zip_bomb"
    assert str(error) == "The file would unpack to 300 MB (at most 250 MB is allowed); it was not unpacked."


def test_a_small_but_extremely_compressed_docx_part_is_refused_by_ratio():
    error = refusal(make.zip_bomb_docx(unpacked_mb=20), "brief.docx")
    assert error.code == "zip_bomb"
    assert "compressed suspiciously well" in str(error)


def test_a_zip_with_too_many_parts_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index in range(30):
            archive.writestr(f"word/part{index}.xml", "<x/>")
    with zipfile.ZipFile(out) as archive, pytest.raises(ReadError) as error:
        check_zip(archive, Limits(max_zip_entries=20))
    assert error.value.code == "zip_bomb"


def test_an_ordinary_docx_passes_the_zip_checks():
    with zipfile.ZipFile(io.BytesIO(make.docx_file(["Gewone brief."]))) as archive:
        check_zip(archive, Limits())


def test_a_damaged_docx_is_refused_as_damaged():
    data = make.docx_file(["Een brief met wat tekst."])
    error = refusal(data[: len(data) // 2], "brief.docx")
    assert error.code == "damaged"
    assert str(error) == "The file is damaged or is not a valid Word (.docx) file."


def test_an_image_of_30000_by_30000_pixels_is_refused_by_its_header():
    data = make.huge_png(30_000, 30_000)
    started = time.monotonic()
    error = refusal(data, "scan.png")
    assert time.monotonic() - started < 1
    assert error.code == "image_too_large"
    assert str(error) == "The image has 900 million pixels; at most 50.0 million pixels are allowed."


def test_an_image_over_our_limit_but_under_pillows_is_refused_with_its_size():
    error = refusal(make.huge_png(8_000, 7_000), "scan.png")
    assert (error.code, str(error)) == (
        "image_too_large",
        "The image is 8000 × 7000 pixels; at most 50.0 million pixels are allowed.",
    )


def test_a_tiff_with_too_many_pages_is_refused_before_ocr():
    error = refusal(make.image_file(["een", "twee", "drie"], "TIFF"), "scan.tiff", Limits(max_pages=2))
    assert error.code == "too_many_pages"


def test_reading_stops_when_the_time_budget_is_spent():
    data = make.text_pdf([f"Pagina {number} van een rapport met genoeg tekst." for number in range(3)])
    budget = Budget(Limits(), deadline=time.monotonic() - 1)
    with pytest.raises(ReadError) as error:
        reader_for(data, "r.pdf").read_within(data, budget)
    assert error.value.code == "too_slow"


def test_an_attachment_counts_towards_the_page_limit():
    attachment = make.text_pdf([f"Bijlage pagina {number} met genoeg tekst erop." for number in range(4)])
    data = make.eml_file(
        "Zie bijlage.",
        subject="Rapport",
        sender="a@b.nl",
        date="Tue, 11 Dec 2018 10:00:00 +0100",
        attachments=[("rapport.pdf", attachment, "application/pdf")],
    )
    result = read_document(data, "m.eml", limits=Limits(max_pages=4))
    assert result.attachments[0].error.code == "too_many_pages"
    assert len(result.pages) == 1
    assert len(read_document(data, "m.eml", limits=Limits(max_pages=5)).pages) == 5


def test_a_text_without_words_is_refused():
    error = refusal(make.text_pdf(["", ""]), "leeg.pdf")
    assert (error.code, str(error)) == ("no_text", "The file contains no text.")


def test_html_with_only_scripts_gives_no_text():
    error = refusal(b"<html><body><script>alert('x')</script><nav>menu</nav></body></html>", "x.html")
    assert error.code == "no_text"
