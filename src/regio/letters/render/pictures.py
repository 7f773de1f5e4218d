"""SVG charts as PNG pictures, for Word: the same SVG, drawn by WeasyPrint into a PDF and rasterised
by pdfium — never a second drawing of the chart.

All charts of a letter go through one WeasyPrint run: each SVG gets a page of exactly its own size.
The result is kept per set of charts, so a letter rendered again (a preview followed by a download,
or the same letter as Word and saved as PDF) does not draw its charts twice.
"""

from __future__ import annotations

import functools
import io
import re

import pypdfium2
import weasyprint

from regio.letters.render.fetcher import LetterURLFetcher

SIZE = re.compile(r'<svg[^>]*\bwidth="(\d+(?:\.\d+)?)"[^>]*\bheight="(\d+(?:\.\d+)?)"')
SCALE = 2.5  # pixels per CSS pixel: sharp enough for print at the width Word shows it


def svg_size(svg: str) -> tuple[float, float]:
    match = SIZE.search(svg)
    if not match:
        raise ValueError("the SVG has no width and height")
    return float(match.group(1)), float(match.group(2))


def svgs_to_pngs(svgs: list[str]) -> list[bytes]:
    return list(_pngs(tuple(svgs))) if svgs else []


@functools.lru_cache(maxsize=64)
def _pngs(svgs: tuple[str, ...]) -> tuple[bytes, ...]:
    styles, pages = [], []
    for i, svg in enumerate(svgs):
        width, height = svg_size(svg)
        styles.append(f"@page chart{i} {{ size: {width}px {height}px; margin: 0 }} .chart{i} {{ page: chart{i} }}")
        pages.append(f'<div class="chart chart{i}">{svg}</div>')
    html = (
        "<!DOCTYPE html><html><head><style>"
        + " ".join(styles)
        + " body { margin: 0 } .chart { break-after: page } .chart svg { display: block }</style></head><body>"
        + "".join(pages)
        + "</body></html>"
    )
    pdf = pypdfium2.PdfDocument(weasyprint.HTML(string=html, url_fetcher=LetterURLFetcher()).write_pdf())
    pngs = []
    try:
        for i in range(len(svgs)):
            image = pdf[i].render(scale=SCALE).to_pil()
            buffer = io.BytesIO()
            # Light compression: charts are flat colours, so level 1 is nearly as small and much faster.
            image.save(buffer, format="PNG", compress_level=1)
            pngs.append(buffer.getvalue())
    finally:
        pdf.close()
    return tuple(pngs)
