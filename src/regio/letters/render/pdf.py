"""The letter as a tagged A4 PDF through WeasyPrint, with embedded DejaVu fonts and page numbers."""

from __future__ import annotations

import weasyprint

from regio.letters.document import Letter
from regio.letters.render.base import Renderer, register
from regio.letters.render.html import letter_html

# PDF/UA-1 makes WeasyPrint tag the structure (headings, lists, tables, figures with their alt text).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in getattr(weasyprint.pdf, "VARIANTS", {}) else {"pdf_tags": True}


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(string=html, base_url="file:///").write_pdf(**PDF_OPTIONS)


@register
class PdfRenderer(Renderer):
    name = "pdf"
    label = "PDF"
    media_type = "application/pdf"
    extension = "pdf"

    def render(self, letter: Letter) -> bytes:
        return html_to_pdf(letter_html(letter, for_print=True))
