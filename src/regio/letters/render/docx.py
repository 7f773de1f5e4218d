"""The letter as an editable Word file (python-docx): real Heading styles, List Bullet, a table style,
the charts as pictures made from the same SVG, and the letterhead in the municipality's colour.

Speed: the styled, empty base document (fonts, heading colours, A4 margins) is built once per colour
and reopened from bytes; paragraphs get their style by id, because python-docx looks a style up by
name through every style of the template on each call (most of the time of a long letter).
"""

from __future__ import annotations

import functools
import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from regio.letters.document import BulletList, Figure, Heading, Letter, Paragraph, Table
from regio.letters.render.base import Renderer, register
from regio.letters.render.pictures import svgs_to_pngs

FONT = "DejaVu Sans"
PICTURE_WIDTH = Cm(15)


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _footer_page_numbers(section, municipality: str, reference: str) -> None:
    """'Gemeente X · kenmerk · pagina N van M' with Word's PAGE and NUMPAGES fields."""
    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""

    def run(text: str):
        r = paragraph.add_run(text)
        r.font.size = Pt(8)
        return r

    def field(code: str):
        for kind, text in (("begin", None), (None, code), ("separate", None), (None, "1"), ("end", None)):
            r = run("")
            if kind:
                element = r._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): kind})
            elif text == code:
                element = r._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
                element.text = f" {code} "
            else:
                r.text = text
                continue
            r._r.append(element)

    run(f"Gemeente {municipality} · {reference} · pagina ")
    field("PAGE")
    run(" van ")
    field("NUMPAGES")


def _styled(document, text: str, style_id: str):
    """A paragraph in the style with this id (the built-in styles' ids: Heading1, ListBullet, Caption)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


@functools.lru_cache(maxsize=16)
def _base_document(colour: str) -> bytes:
    """python-docx's default template with the letter's fonts, heading styles and A4 page, as bytes."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for level, size in ((1, 13), (2, 11), (3, 10)):
        style = document.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), _rgb(colour) if level == 1 else None
        style.font.bold = True
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(2.2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@register
class DocxRenderer(Renderer):
    name = "docx"
    label = "Word"
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"

    def render(self, letter: Letter) -> bytes:
        document = docx.Document(io.BytesIO(_base_document(letter.colour)))
        colour = _rgb(letter.colour)
        section = document.sections[0]
        _footer_page_numbers(section, letter.municipality, letter.reference)
        core = document.core_properties
        core.title, core.author, core.language = letter.subject, letter.sender, "nl-NL"
        core.subject, core.keywords = f"Raadsinformatiebrief {letter.reference}", "raadsinformatiebrief"

        head = document.add_paragraph()
        name = head.add_run(f"Gemeente {letter.municipality}")
        name.bold, name.font.size, name.font.color.rgb = True, Pt(20), colour
        head.add_run(f"\n{letter.sender}").font.size = Pt(9)
        kind = document.add_paragraph()
        kind_run = kind.add_run("RAADSINFORMATIEBRIEF")
        kind_run.bold, kind_run.font.size, kind_run.font.color.rgb = True, Pt(9), colour
        for line in letter.addressee:
            document.add_paragraph(line)
        meta = document.add_table(rows=0, cols=2)
        for label, value in (
            ("Datum", letter.date_text),
            ("Kenmerk", letter.reference),
            ("Periode", letter.period_text),
            ("Onderwerp", letter.subject),
        ):
            cells = meta.add_row().cells
            cells[0].width, cells[1].width = Cm(3), Cm(13.5)
            cells[0].text = label
            cells[1].text = value
            if label == "Onderwerp":
                cells[1].paragraphs[0].runs[0].bold = True
        document.add_paragraph()
        document.add_paragraph(letter.salutation)

        pictures = iter(svgs_to_pngs([figure.svg for figure in letter.figures]))
        for block in letter.blocks:
            if isinstance(block, Heading):
                _styled(document, block.text, f"Heading{min(max(block.level - 1, 1), 3)}")
            elif isinstance(block, Paragraph):
                document.add_paragraph(block.text)
            elif isinstance(block, BulletList):
                for item in block.items:
                    _styled(document, item, "ListBullet")
            elif isinstance(block, Table):
                self._table(document, block)
            elif isinstance(block, Figure):
                document.add_picture(io.BytesIO(next(pictures)), width=PICTURE_WIDTH)
                # The alt text travels with the picture, for screen readers in Word.
                document.inline_shapes[-1]._inline.docPr.set("descr", block.alt)
                _styled(document, block.caption, "Caption")
        for note in letter.notes:
            document.add_paragraph(note)
        document.add_paragraph(letter.closing)
        document.add_paragraph("Hoogachtend,")
        document.add_paragraph(f"{letter.sender},")
        signers = document.add_table(rows=2, cols=max(len(letter.signatories), 1))
        for i, signer in enumerate(letter.signatories):
            signers.cell(0, i).text = f"{signer.role},"
            signers.cell(1, i).text = f"\n\n{signer.name}"
        if letter.contact:
            document.add_paragraph()
            for line in letter.contact:
                document.add_paragraph(line).runs[0].font.size = Pt(9)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def _table(self, document, block: Table) -> None:
        _styled(document, block.caption, "Caption")
        table = document.add_table(rows=1, cols=len(block.headers))
        table.style = "Light Grid Accent 1"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
            cell.text = header
        for row in block.rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
