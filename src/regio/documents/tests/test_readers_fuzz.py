"""Property tests for the readers: whatever bytes come in, the only failure is a ReadError.

Random bytes rarely get past a parser's first check, so the inputs also start with each format's
signature, and valid files of every format are damaged at random places.
"""

from __future__ import annotations

import functools

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regio.documents.readers import Limits, ReadError, ReadResult, read_document, reader_for
from regio.documents.tests.data import make


@pytest.fixture(autouse=True)
def messages_in_english():
    # The messages are English msgids; the tests read them untranslated (Dutch is the site default).
    with translation.override("en"):
        yield

# Pillow warns about the damaged EXIF blocks these tests make on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")

# Small limits keep OCR of accidentally valid images quick; the limits' own tests are elsewhere.
LIMITS = Limits(max_image_pixels=250_000, max_pages=20, max_seconds=30, ocr_page_seconds=10)

SIGNATURES = [
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"<!DOCTYPE html><html>",
    b"From: a@b.nl\nSubject: x\nDate: Tue, 11 Dec 2018 10:00:00 +0100\n\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
NAMES = ["", "brief.pdf", "brief.docx", "scan.png", "nieuws.html", "bericht.eml", "notitie.md", "x.txt"]


@functools.cache
def samples() -> list[bytes]:
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return [
        make.text_pdf(["Een brief aan de raad met genoeg tekst.", "Tweede pagina."]),
        make.text_pdf(["Onversleutelde stroom met tekst voor de raad."], compress=False),
        make.docx_file(["Geachte raad,", "De planning."], heading="Kop", table=[["a", "b"]]),
        make.image_file(["tekst"], "PNG", width=600),
        b"<html><body><nav>menu</nav><main><p>De raad <b>besluit</b>.</p></main></body></html>",
        make.eml_file(
            "Zie bijlage.",
            subject="Brief",
            sender="a@b.nl",
            date="Tue, 11 Dec 2018 10:00:00 +0100",
            attachments=[("b.docx", make.docx_file(["Bijlage."]), docx_type)],
        ),
        "Héél gewone tekst\fmet twee pagina's.".encode("cp1252"),
    ]


def read(data: bytes, name: str) -> ReadResult | None:
    try:
        result = reader_for(data, name).read(data, limits=LIMITS)
    except ReadError as error:
        assert error.code and str(error)
        return None
    assert result.pages and all(page.number == index for index, page in enumerate(result.pages, start=1))
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(SIGNATURES), body=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_arbitrary_bytes_give_a_result_or_a_read_error(prefix, body, name):
    read(prefix + body, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.integers(min_value=0, max_value=6),
    damage=st.lists(st.tuples(st.floats(min_value=0, max_value=1), st.binary(min_size=1, max_size=8)), max_size=4),
    cut=st.one_of(st.none(), st.floats(min_value=0, max_value=1)),
)
def test_damaged_files_give_a_result_or_a_read_error(sample, damage, cut):
    data = bytearray(samples()[sample])
    for where, junk in damage:
        position = int(where * (len(data) - 1))
        data[position : position + len(junk)] = junk
    if cut is not None:
        data = data[: int(cut * len(data))]
    read(bytes(data), "bestand")


def test_read_document_applies_the_same_contract():
    for data in samples():
        assert read_document(data, "x", limits=LIMITS).pages
