"""The letter as an HTML page (a Django template walking the blocks); also the input of the PDF."""

from __future__ import annotations

from django.template.loader import render_to_string

from regio.letters.document import BulletList, Figure, Heading, Letter, Paragraph, Table
from regio.letters.render.base import Renderer, register

BLOCK_KINDS = {Heading: "heading", Paragraph: "paragraph", BulletList: "list", Table: "table", Figure: "figure"}


def letter_context(letter: Letter, *, for_print: bool) -> dict:
    return {
        "letter": letter,
        "blocks": [{"kind": BLOCK_KINDS[type(block)], "block": block} for block in letter.blocks],
        "for_print": for_print,
        "footer_css": css_string(f"Gemeente {letter.municipality} · {letter.reference}"),
    }


def css_string(text: str) -> str:
    """`text` as a quoted CSS string that cannot end the string or the <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ").replace("\n", " ")
    return f'"{escaped}"'


def letter_html(letter: Letter, *, for_print: bool = False, fragment: bool = False) -> str:
    """The full page, or (fragment=True) only the letter's <article> for embedding in a site page."""
    template = "letters/letter_body.html" if fragment else "letters/letter.html"
    return render_to_string(template, letter_context(letter, for_print=for_print))


@register
class HtmlRenderer(Renderer):
    name = "html"
    label = "HTML"
    media_type = "text/html; charset=utf-8"
    extension = "html"

    def render(self, letter: Letter) -> bytes:
        return letter_html(letter).encode("utf-8")
