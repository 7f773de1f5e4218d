"""The letter as a tagged A4 PDF through WeasyPrint, with embedded DejaVu fonts and page numbers.

Speed: the letter's layout stylesheet (letters/letter_base.css, with its @font-face rules) is the same
for every letter, so it is parsed once per thread into a `weasyprint.CSS` together with the font
configuration that holds its fonts; each letter only brings its small theme (colour, footer text)
inline. Presentational hints stay off (the template uses CSS only) and fonts are subset, WeasyPrint's
defaults.
"""

from __future__ import annotations

import threading

import weasyprint
from django.template.loader import render_to_string
from weasyprint.text.fonts import FontConfiguration

from regio.letters.document import Letter
from regio.letters.render.base import Renderer, register
from regio.letters.render.fetcher import LetterURLFetcher
from regio.letters.render.html import letter_html

# PDF/UA-1 makes WeasyPrint tag the structure (headings, lists, tables, figures with their alt text).
PDF_OPTIONS = (
    {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in getattr(weasyprint.pdf, "VARIANTS", {}) else {"pdf_tags": True}
)

# Per thread: Pango's font map behind a FontConfiguration is not meant to be shared between threads.
_local = threading.local()


def _stylesheet() -> tuple[weasyprint.CSS, FontConfiguration]:
    if not hasattr(_local, "stylesheet"):
        font_config = FontConfiguration()
        css = weasyprint.CSS(
            string=render_to_string("letters/letter_base.css"), base_url="file:///", font_config=font_config,
            url_fetcher=LetterURLFetcher(),
        )
        _local.stylesheet = (css, font_config)
    return _local.stylesheet


def html_to_pdf(html: str) -> bytes:
    """A PDF of a page written for print: the letter's base stylesheet is added here, not in the page."""
    css, font_config = _stylesheet()
    return weasyprint.HTML(string=html, base_url="file:///", url_fetcher=LetterURLFetcher()).write_pdf(
        stylesheets=[css], font_config=font_config, **PDF_OPTIONS
    )


@register
class PdfRenderer(Renderer):
    name = "pdf"
    label = "PDF"
    media_type = "application/pdf"
    extension = "pdf"

    def render(self, letter: Letter) -> bytes:
        return html_to_pdf(letter_html(letter, for_print=True))
