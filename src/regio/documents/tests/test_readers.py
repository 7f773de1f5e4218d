"""Tests for regio.documents.readers: each format read from a file built in the test, and content sniffing."""

from __future__ import annotations

import pytest
from django.utils import translation

from regio.documents.readers import (
    DocxReader,
    EmailReader,
    HtmlReader,
    ImageReader,
    Limits,
    PdfReader,
    PlainTextReader,
    Reader,
    ReadError,
    ReadResult,
    read_document,
    reader_for,
    register,
    registered,
)
from regio.documents.readers.markup import html_to_text, parse_html
from regio.documents.readers.plain import MarkdownReader, decode_text
from regio.documents.readers.word import body_pages
from regio.documents.tests.data import make


@pytest.fixture(autouse=True)
def messages_in_english():
    # The messages are English msgids; the tests read them untranslated (Dutch is the site default).
    with translation.override("en"):
        yield

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# Plain text and Markdown


def test_utf8_text_is_one_page_per_form_feed():
    data = b"Leiden, 11 december 2018\n\nGeachte raad,\fBijlage: de planning.\r\n"
    result = read_document(data, "brief.txt")
    assert result.media_type == "text/plain"
    assert [page.number for page in result.pages] == [1, 2]
    assert result.pages[0].text.startswith("Leiden, 11 december 2018\n\nGeachte raad,")
    assert result.pages[1].text == "Bijlage: de planning.\n"
    assert result.notes == []


def test_windows_1252_text_is_decoded_and_noted():
    data = "Het college zal vóór 28 februari 2019 de raden informeren — met één brief.".encode("cp1252")
    result = read_document(data, "brief.txt")
    assert "vóór 28 februari 2019" in result.pages[0].text
    assert "één brief" in result.pages[0].text
    assert any("Windows-1252" in str(note) for note in result.notes)


@pytest.mark.parametrize(
    ("data", "expected", "encoding"),
    [
        (b"\xef\xbb\xbfmet BOM", "met BOM", "utf-8"),
        ("tweeën".encode("utf-16"), "tweeën", "utf-16"),
        ("café".encode(), "café", "utf-8"),
        ("café".encode("cp1252"), "café", "cp1252"),
        (b"\x81\x8d undefined in cp1252", "\x81\x8d undefined in cp1252", "latin-1"),
    ],
)
def test_decode_text_detects_the_encoding(data, expected, encoding):
    assert decode_text(data) == (expected, encoding)


def test_markdown_by_extension_loses_its_markup_and_keeps_its_title():
    data = (
        b"# Voortgang Regionale Agenda\n\nDe raad wordt **uiterlijk** in [maart](https://x.nl) ge\xc3\xafnformeerd.\n"
    )
    assert isinstance(reader_for(data, "notitie.md"), MarkdownReader)
    result = read_document(data, "notitie.md")
    assert result.media_type == "text/markdown"
    assert result.title == "Voortgang Regionale Agenda"
    assert "De raad wordt uiterlijk in maart geïnformeerd." in result.pages[0].text
    assert "**" not in result.pages[0].text and "https" not in result.pages[0].text


def test_the_same_bytes_named_txt_are_plain_text():
    assert type(reader_for(b"# Kop\n\ntekst", "notitie.txt")) is PlainTextReader


# HTML


NEWS_PAGE = b"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Nieuws | Leidse regio</title>
<style>body { color: red }</style><script>document.write("kwaadaardig")</script></head>
<body>
<header><a href="/">Leidse regio</a> Zoeken</header>
<nav><ul><li>Home</li><li>Nieuws</li></ul></nav>
<div class="breadcrumbs">Home &gt; Nieuws</div>
<main>
  <article>
    <header><h1>Raden stemmen in met de agenda</h1><time>12 december 2018</time></header>
    <p>De vijf gemeenteraden <em>stemmen</em> in met<br>de Regionale Agenda.</p>
    <script>steal()</script>
    <p hidden>Verborgen tekst</p>
    <table><tr><th>Gemeente</th><th>Besluit</th></tr><tr><td>Leiden</td><td>akkoord</td></tr></table>
  </article>
  <aside>Lees ook: ander nieuws</aside>
</main>
<footer>Colofon en cookies</footer>
<div id="cookie-banner">Wij gebruiken cookies</div>
</body></html>"""


def test_html_keeps_the_main_text_and_drops_boilerplate_and_scripts():
    result = read_document(NEWS_PAGE, "nieuws.html")
    text = result.pages[0].text
    assert result.media_type == "text/html"
    assert result.title == "Nieuws | Leidse regio"
    assert "Raden stemmen in met de agenda\n\n12 december 2018" in text
    assert "De vijf gemeenteraden stemmen in met\nde Regionale Agenda." in text
    assert "Gemeente\tBesluit\nLeiden\takkoord" in text
    for gone in ("kwaadaardig", "steal", "color", "Zoeken", "Home", "Lees ook", "Colofon", "cookies", "Verborgen"):
        assert gone not in text
    assert "<" not in text


def test_html_without_main_uses_the_body_but_not_its_banner():
    page = b"<html><body><header>Logo</header><div><p>Eerste alinea.</p><p>Tweede alinea.</p></div></body></html>"
    assert read_document(page, "p.html").pages[0].text == "Eerste alinea.\n\nTweede alinea."


def test_html_honours_its_declared_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Zoeterwoude: één overleg</p></body></html>'
    assert read_document(page.encode("cp1252"), "p.html").pages[0].text == "Zoeterwoude: één overleg"


def test_html_text_keeps_preformatted_whitespace():
    root = parse_html("<html><body><pre>regel 1\n  regel 2</pre><p>a   b</p></body></html>")
    assert html_to_text(root) == "regel 1\n  regel 2\n\na b"


# PDF


def test_pdf_text_layer_gives_one_page_per_pdf_page():
    data = make.text_pdf(
        ["Leiden, 11 december 2018. Geachte raadsleden, hierbij de voortgang.", "Het college informeert de raad."],
        title="Voortgangsbrief",
    )
    result = read_document(data, "brief.pdf")
    assert result.media_type == "application/pdf"
    assert result.title == "Voortgangsbrief"
    assert [(page.number, page.ocr) for page in result.pages] == [(1, False), (2, False)]
    assert "Geachte raadsleden, hierbij de voortgang." in result.pages[0].text
    assert result.pages[1].text == "Het college informeert de raad."


def test_pdf_keeps_dutch_accents():
    result = read_document(
        make.text_pdf(["Vóór 28 februari 2019 ontvangen de raden één brief over de geïntensiveerde thema's."])
    )
    assert "Vóór 28 februari 2019 ontvangen de raden één brief" in result.pages[0].text


def test_a_blank_pdf_page_is_an_empty_page_and_is_not_ocred():
    result = read_document(make.text_pdf(["Eerste pagina met genoeg tekst om bruikbaar te zijn.", ""]), "x.pdf")
    assert [(page.text, page.ocr) for page in result.pages][1] == ("", False)


# Word


def test_docx_paragraphs_heading_table_and_page_break():
    data = make.docx_file(
        ["Geachte raad,", "Hierbij de stand van zaken.", "Op de tweede pagina: de planning."],
        title="Raadsinformatiebrief",
        heading="Voortgang Regionale Agenda",
        table=[["Gemeente", "Datum"], ["Leiden", "28 februari 2019"]],
        page_break_after=1,
    )
    result = read_document(data, "brief.docx")
    assert result.media_type == DOCX
    assert result.title == "Raadsinformatiebrief"
    assert len(result.pages) == 2
    assert result.pages[0].text == "Voortgang Regionale Agenda\nGeachte raad,\nHierbij de stand van zaken."
    assert result.pages[1].text == "Op de tweede pagina: de planning.\nGemeente\tDatum\nLeiden\t28 februari 2019"


def test_docx_title_falls_back_to_the_first_heading():
    result = read_document(make.docx_file(["Tekst van de brief."], heading="Kop van de brief"), "b.docx")
    assert result.title == "Kop van de brief"


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _body(xml: str):
    from lxml import etree

    return etree.fromstring(f"<w:body {W}>{xml}</w:body>")


def test_docx_prefers_the_page_breaks_word_rendered():
    body = _body(
        "<w:p><w:r><w:t>een</w:t></w:r></w:p>"
        "<w:p><w:r><w:lastRenderedPageBreak/><w:t>twee</w:t><w:br w:type='page'/></w:r></w:p>"
        "<w:p><w:r><w:lastRenderedPageBreak/><w:t>drie</w:t></w:r></w:p>"
    )
    assert body_pages(body) == ["een", "twee", "drie"]


def test_docx_section_breaks_and_page_break_before_start_pages():
    body = _body(
        "<w:p><w:r><w:t>een</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>twee</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>nog twee</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:sectPr><w:type w:val='continuous'/></w:sectPr></w:pPr><w:r><w:t>drie</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>ook drie</w:t><w:tab/><w:t>na tab</w:t></w:r></w:p>"
        "<w:sectPr/>"
    )
    assert body_pages(body) == ["een", "twee\nnog twee", "drie\nook drie\tna tab"]


# E-mail


def test_eml_body_headers_and_a_docx_attachment_read_in_turn():
    attachment = make.docx_file(
        ["De bijlage: het college informeert de raad vóór 28 februari 2019."], page_break_after=None
    )
    data = make.eml_file(
        "Beste griffier,\n\nBijgaand de raadsinformatiebrief.\n\nMet vriendelijke groet,\nJan",
        subject="Raadsinformatiebrief voortgang",
        sender="Jan de Vries <j.devries@leiden.nl>",
        date="Tue, 11 Dec 2018 10:15:00 +0100",
        attachments=[("brief.docx", attachment, DOCX), ("leeg.txt", b"", "text/plain")],
    )
    result = read_document(data, "bericht.eml")
    assert result.media_type == "message/rfc822"
    assert result.title == "Raadsinformatiebrief voortgang"
    assert result.author == "Jan de Vries <j.devries@leiden.nl>"
    assert result.date.isoformat() == "2018-12-11"
    assert result.pages[0].text.startswith("Beste griffier,")
    assert result.pages[1].number == 2
    assert "vóór 28 februari 2019" in result.pages[1].text
    docx_part, empty_part = result.attachments
    assert (docx_part.filename, docx_part.media_type, docx_part.first_page, docx_part.last_page) == (
        "brief.docx",
        DOCX,
        2,
        2,
    )
    assert docx_part.error is None
    assert empty_part.error.code == "empty"
    notes = [str(note) for note in result.notes]
    assert "Page 2 is the attachment brief.docx." in notes
    assert "The attachment leeg.txt could not be read: The file is empty." in notes


def test_eml_with_only_html_body_is_read_as_text():
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "a@b.nl"
    message["Subject"] = "Nieuws"
    message.set_content("<html><body><nav>menu</nav><p>De raad <b>besluit</b>.</p></body></html>", subtype="html")
    result = read_document(message.as_bytes(), "n.eml")
    assert result.pages[0].text == "De raad besluit."


def test_eml_nested_in_eml_is_read_to_the_nesting_limit():
    inner = make.eml_file(
        "Binnenste bericht.", subject="Binnen", sender="a@b.nl", date="Mon, 10 Dec 2018 09:00:00 +0100"
    )
    outer = make.eml_file(
        "Buitenste bericht.",
        subject="Buiten",
        sender="c@d.nl",
        date="Tue, 11 Dec 2018 09:00:00 +0100",
        attachments=[("door.eml", inner, "application/octet-stream")],
    )
    assert [page.text for page in read_document(outer, "o.eml").pages] == ["Buitenste bericht.", "Binnenste bericht."]
    shallow = read_document(outer, "o.eml", limits=Limits(max_nesting=0))
    assert shallow.attachments[0].error.code == "nested_too_deep"
    assert len(shallow.pages) == 1


# Content sniffing and the registry


@pytest.mark.parametrize(
    ("maker", "lying_name", "reader"),
    [
        (
            lambda: make.text_pdf(["Een PDF die zich voordoet als Word-bestand, met genoeg tekst."]),
            "brief.docx",
            PdfReader,
        ),
        (lambda: make.docx_file(["Een Word-bestand dat zich PDF noemt."]), "brief.pdf", DocxReader),
        (lambda: NEWS_PAGE, "nieuws.txt", HtmlReader),
        (lambda: b"Gewone tekst van een brief aan de raad.", "brief.html", PlainTextReader),
        (
            lambda: make.eml_file(
                "Tekst van het bericht.", subject="Onderwerp", sender="a@b.nl", date="Tue, 11 Dec 2018"
            ),
            "bericht.txt",
            EmailReader,
        ),
        (lambda: make.image_file(["x"], "PNG"), "scan.pdf", ImageReader),
    ],
)
def test_a_lying_extension_is_read_by_content_and_noted(maker, lying_name, reader):
    data = maker()
    assert type(reader_for(data, lying_name)) is reader
    if reader is ImageReader:
        return  # reading needs OCR; tested in test_readers_ocr
    result = read_document(data, lying_name)
    extension = lying_name.rsplit(".", 1)[1]
    assert f"The file name ends in .{extension}, but the content is" in str(result.notes[0])


def test_a_truthful_or_unknown_extension_gives_no_note():
    assert read_document(b"Tekst van een brief.", "brief.txt").notes == []
    assert read_document(b"Tekst van een brief.", "brief.onbekend").notes == []
    assert read_document(b"Tekst van een brief.").notes == []


def test_registry_consults_readers_in_order_and_accepts_new_ones():
    orders = [reader.order for reader in registered()]
    assert orders == sorted(orders)
    assert type(registered()[-1]).__mro__[1] in (PlainTextReader, Reader)

    class CsvReader(PlainTextReader):
        name = "csv-test"
        media_types = ("text/csv",)
        extensions = (".csv-test",)

        def recognises(self, data: bytes) -> bool:
            return False

        def extract(self, data, budget) -> ReadResult:
            result = super().extract(data, budget)
            result.media_type = "text/csv"
            return result

    register(CsvReader)
    try:
        assert read_document(b"a;b\n1;2", "tabel.csv-test").media_type == "text/csv"
        assert read_document(b"a;b\n1;2", "tabel.txt").media_type == "text/plain"
    finally:
        from regio.documents.readers import registry

        registry._readers[:] = [reader for reader in registry._readers if type(reader) is not CsvReader]


def test_a_zip_that_is_not_word_is_not_supported():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError) as error:
        read_document(out.getvalue(), "tabel.docx")
    assert error.value.code == "unsupported_format"


def test_binary_data_is_not_taken_for_text():
    with pytest.raises(ReadError) as error:
        read_document(bytes(range(256)) * 4, "data.txt")
    assert error.value.code == "unsupported_format"
    assert str(error.value) == "The file is not in a format Regio can read."
