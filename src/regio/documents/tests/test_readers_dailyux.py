"""Defects from daily use: a .zip upload was answered with a message about Word, and sizes were
written the English way ("55.0 MB") in Dutch; the limit was not shown before the upload."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import override_settings
from django.utils import translation

from regio.documents.readers.base import MB, Limits, ReadError
from regio.documents.readers.registry import read_document


def refusal(data: bytes, filename: str, limits: Limits | None = None) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_document(data, filename, limits=limits)
    return caught.value


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("filename", ["stukken.zip", "stukken.docx", "stukken"])
def test_a_zip_archive_is_named_as_such_not_as_word(filename):
    error = refusal(zipped({"notulen.txt": "Verslag van het overleg.", "besluit.pdf": "%PDF-1.4"}), filename)
    assert error.code == "archive"
    with translation.override("nl"):
        assert str(error) == ("Het bestand is een zip-archief. Regio leest documenten, geen archieven: "
                              "pak het uit en lever de documenten een voor een aan.")
        assert "Word" not in str(error)


def test_a_damaged_zip_named_zip_is_an_archive_and_a_damaged_docx_stays_a_damaged_word_file():
    damaged = b"PK\x03\x04" + b"\x00" * 200 + b"rest van het bestand" * 20
    assert refusal(damaged, "map.zip").code == "archive"
    assert refusal(damaged, "brief.docx").code != "archive"


def test_a_word_file_is_not_taken_for_an_archive():
    """A .docx is a zip too: it has [Content_Types].xml and goes to the Word reader."""
    data = zipped({"[Content_Types].xml": "<Types/>", "docProps/core.xml": "<x/>"})
    assert refusal(data, "brief.docx").code != "archive"


SIZES = [
    # language, file size, limit, message
    ("nl", int(2.3 * MB), 1 * MB, "Het bestand is 2,3 MB; hoogstens 1,0 MB is toegestaan."),
    ("en", int(2.3 * MB), 1 * MB, "The file is 2.3 MB; at most 1.0 MB is allowed."),
    ("nl", int(55 * MB), 50 * MB, "Het bestand is 55,0 MB; hoogstens 50,0 MB is toegestaan."),
]


@pytest.mark.parametrize(("language", "size", "limit", "message"), SIZES)
def test_sizes_are_written_in_the_readers_number_format(language, size, limit, message):
    error = refusal(b"tekst " * (size // 6 + 1), "groot.txt", Limits(max_bytes=limit))
    assert error.code == "too_large"
    with translation.override(language):
        assert str(error) == message


@pytest.mark.parametrize(("language", "setting", "expected"), [
    ("nl", 50, "PDF, scan, Word, e-mail, webpagina of tekst; hoogstens 50 MB."),
    ("nl", 12.5, "PDF, scan, Word, e-mail, webpagina of tekst; hoogstens 12,5 MB."),
    ("en", 12.5, "PDF, scan, Word, e-mail, web page or text; at most 12.5 MB."),
])
def test_the_upload_form_shows_the_limit_before_the_upload(language, setting, expected):
    from regio.web.document_forms import UploadForm

    with override_settings(REGIO_MAX_UPLOAD_MB=setting), translation.override(language):
        html = str(UploadForm()["file"].help_text)
    assert html == expected
