"""Charts as SVG, drawn from plain numbers, for the letters and the regional dashboard.

The same SVG goes into the web page, the PDF and (converted to PNG) the Word file. Each chart is
an accessible image: `role="img"` with a title and a description that states the figures in words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

FONT = "DejaVu Sans, Arial, sans-serif"
INK = "#1a1a1a"
GRID = "#c8c8c8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure as shown next to the bar, e.g. "40%" or "3"
    colour: str | None = None


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def horizontal_bars(*, title: str, bars: list[Bar], maximum: float, colour: str = "#1f5f8b", width: int = 640) -> str:
    """One bar per row: label on the left, bar, figure at its end."""
    label_width, row, top = 220, 30, 36
    plot = width - label_width - 70
    height = top + row * max(len(bars), 1) + 12
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or "geen gegevens"
    parts = [_open(width, height, title, description), _title_text(title)]
    if not bars:
        parts.append(f'<text x="0" y="{top + 18}" font-family="{FONT}" font-size="13" fill="{INK}">Geen gegevens.</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        length = 0 if maximum <= 0 else max(0.0, min(1.0, bar.value / maximum)) * plot
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" font-family="{FONT}" font-size="13" '
            f'fill="{INK}">{escape(_shorten(bar.label, 30))}</text>'
        )
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{plot}" height="18" fill="#f0f2f4" stroke="{GRID}"/>')
        parts.append(
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{length:.1f}" height="18" '
            f'fill="{_attr(bar.colour or colour)}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>'
        )
        parts.append(
            f'<text x="{label_width + plot + 8}" y="{y + 16}" font-family="{FONT}" font-size="13" '
            f'fill="{INK}">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def vertical_bars(*, title: str, bars: list[Bar], colour: str = "#1f5f8b", width: int = 640, height: int = 240) -> str:
    """Columns over a baseline (e.g. meetings per month), the figure above each column."""
    top, bottom, left = 36, 40, 10
    plot_height = height - top - bottom
    maximum = max((bar.value for bar in bars), default=0)
    slot = (width - 2 * left) / max(len(bars), 1)
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or "geen gegevens"
    parts = [_open(width, height, title, description), _title_text(title)]
    baseline = top + plot_height
    parts.append(f'<line x1="{left}" y1="{baseline}" x2="{width - left}" y2="{baseline}" stroke="{INK}"/>')
    for i, bar in enumerate(bars):
        x = left + i * slot + slot * 0.15
        bar_width = slot * 0.7
        bar_height = 0 if maximum <= 0 else bar.value / maximum * (plot_height - 16)
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{baseline - bar_height:.1f}" width="{bar_width:.1f}" '
            f'height="{bar_height:.1f}" fill="{_attr(bar.colour or colour)}"><title>{escape(bar.label)}: '
            f"{escape(bar.text)}</title></rect>"
        )
        centre = x + bar_width / 2
        parts.append(
            f'<text x="{centre:.1f}" y="{baseline - bar_height - 4:.1f}" text-anchor="middle" font-family="{FONT}" '
            f'font-size="12" fill="{INK}">{escape(bar.text)}</text>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{baseline + 16}" text-anchor="middle" font-family="{FONT}" font-size="12" '
            f'fill="{INK}">{escape(_shorten(bar.label, 8))}</text>'
        )
    if not bars:
        parts.append(f'<text x="{left}" y="{top + 18}" font-family="{FONT}" font-size="13" fill="{INK}">Geen gegevens.</text>')
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str, description: str) -> str:
    # Ids derived from the content, so several charts on one page never share an id.
    ident = "chart-" + hashlib.sha1(f"{title}|{description}".encode()).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc"><title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc><rect width="100%" height="100%" fill="#ffffff"/>'
    )


def _title_text(title: str) -> str:
    return f'<text x="0" y="20" font-family="{FONT}" font-size="15" font-weight="bold" fill="{INK}">{escape(title)}</text>'


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
