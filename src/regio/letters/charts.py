"""Charts as SVG, drawn from plain numbers, for the letters and the regional dashboard.

The same SVG goes into the web page, the PDF and (converted to PNG) the Word file. Each chart is
an accessible image: `role="img"` with a title and a description that states the figures in words.

Labels never overlap: a text's width is estimated from its length (generously, as DejaVu Sans is a
wide font), column labels are rotated when they do not fit next to each other and thinned out when
even rotated ones would touch; a long series of months is summed per quarter or per year first
(`per_period`). A chart with two series has a legend; a `note` under a chart explains a derived
figure in one sentence.
"""

from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

FONT = "DejaVu Sans, Arial, sans-serif"
INK = "#1a1a1a"
GRID = "#c8c8c8"
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
# Average advance of a character as a share of the font size; DejaVu Sans averages about 0.6.
CHAR_WIDTH = 0.68
LINE_HEIGHT = 1.25
MAX_MONTHS = 24  # more months than this are summed per quarter
MAX_QUARTERS = 24  # more quarters than this are summed per year
ROTATION = 45  # degrees, for column labels that do not fit side by side


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure as shown next to the bar, e.g. "40%" or "3"
    colour: str | None = None


def text_width(text: str, size: float) -> float:
    """The estimated width of `text` at font size `size`, in SVG units (deliberately on the wide side)."""
    return len(text) * size * CHAR_WIDTH


def per_period(months: Sequence[tuple[int, int, float]], *, figure=lambda v: f"{v:g}") -> tuple[list[Bar], str]:
    """(year, month, value) per consecutive month → bars per month, quarter or year, and that period's name.

    Up to 24 months stay months; up to 24 quarters are summed per quarter ("K1 2026"); anything longer
    is summed per year, so a chart over eight years has eight columns instead of ninety-six.
    """
    if len(months) <= MAX_MONTHS:
        return [Bar(f"{MONTH_ABBREVIATIONS[m - 1]} {y}", v, figure(v)) for y, m, v in months], "maand"
    quarters = len({(y, (m - 1) // 3) for y, m, _v in months})
    if quarters <= MAX_QUARTERS:
        key, name = (lambda y, m: f"K{(m - 1) // 3 + 1} {y}"), "kwartaal"
    else:
        key, name = (lambda y, m: str(y)), "jaar"
    totals: dict[str, float] = {}
    for y, m, v in months:
        label = key(y, m)
        totals[label] = totals.get(label, 0) + v
    return [Bar(label, value, figure(value)) for label, value in totals.items()], name


def horizontal_bars(
    *,
    title: str,
    bars: list[Bar],
    maximum: float,
    colour: str = "#1f5f8b",
    width: int = 640,
    note: str = "",
) -> str:
    """One bar per row: label on the left, bar, figure at its end; `note` explains the figure."""
    size, row, top = 13, 30, 36
    figure_width = max([text_width(bar.text, size) for bar in bars] + [text_width("100%", size)]) + 12
    label_width = _label_column(bars, size, width)
    plot = width - label_width - figure_width
    body_height = row * max(len(bars), 1)
    notes = _note_lines(note, width)
    height = top + body_height + 12 + len(notes) * 16
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or "geen gegevens"
    parts = [_open(width, height, title, _with_note(description, note)), _title_text(title)]
    if not bars:
        parts.append(f'<text x="0" y="{top + 18}" font-family="{FONT}" font-size="13" fill="{INK}">Geen gegevens.</text>')
    for i, bar in enumerate(bars):
        y = top + i * row
        length = 0 if maximum <= 0 else max(0.0, min(1.0, bar.value / maximum)) * plot
        parts.append(_label(label_width - 8, y + 16, _fit(bar.label, label_width - 8, size), size, anchor="end"))
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{plot:.1f}" height="18" fill="#f0f2f4" stroke="{GRID}"/>')
        parts.append(
            f'<rect class="bar" x="{label_width}" y="{y + 3}" width="{length:.1f}" height="18" '
            f'fill="{_attr(bar.colour or colour)}"><title>{escape(bar.label)}: {escape(bar.text)}</title></rect>'
        )
        parts.append(_label(label_width + plot + 8, y + 16, bar.text, size, css="figure"))
    parts.extend(_notes(notes, top + body_height + 12))
    parts.append("</svg>")
    return "".join(parts)


def paired_bars(
    *,
    title: str,
    rows: list[tuple[str, Bar, Bar]],
    legend: tuple[str, str],
    maximum: float,
    colours: tuple[str, str] = ("#1f5f8b", "#1b6b3a"),
    width: int = 640,
    note: str = "",
) -> str:
    """Two bars per row (e.g. now and after a proposal) under one label, with a legend for the two series.

    A bar's own colour overrides its series colour (e.g. to mark a body that would be merged away).
    """
    size, row, top = 13, 46, 60
    figure_width = max([text_width(b.text, size) for _l, *pair in rows for b in pair] + [text_width("000", size)]) + 12
    label_width = _label_column([Bar(label, 0, "") for label, *_pair in rows], size, width)
    plot = width - label_width - figure_width
    body_height = row * max(len(rows), 1)
    notes = _note_lines(note, width)
    height = top + body_height + 8 + len(notes) * 16
    description = "; ".join(
        f"{label}: {legend[0]} {first.text}, {legend[1]} {second.text}" for label, first, second in rows
    ) or "geen gegevens"
    parts = [_open(width, height, title, _with_note(description, note)), _title_text(title)]
    x = 0.0
    for name, series_colour in zip(legend, colours, strict=True):
        parts.append(f'<rect x="{x:.1f}" y="31" width="14" height="14" fill="{_attr(series_colour)}"/>')
        parts.append(_label(x + 20, 43, name, size, css="legend"))
        x += 20 + text_width(name, size) + 24
    if not rows:
        parts.append(f'<text x="0" y="{top + 18}" font-family="{FONT}" font-size="13" fill="{INK}">Geen gegevens.</text>')
    for i, (label, *pair) in enumerate(rows):
        y = top + i * row
        parts.append(_label(label_width - 8, y + 24, _fit(label, label_width - 8, size), size, anchor="end"))
        for j, bar in enumerate(pair):
            bar_y = y + 3 + j * 19
            length = 0 if maximum <= 0 else max(0.0, min(1.0, bar.value / maximum)) * plot
            parts.append(
                f'<rect class="bar" x="{label_width}" y="{bar_y}" width="{length:.1f}" height="16" '
                f'fill="{_attr(bar.colour or colours[j])}"><title>{escape(label)}, {escape(legend[j])}: '
                f"{escape(bar.text)}</title></rect>"
            )
            parts.append(_label(label_width + length + 6, bar_y + 13, bar.text, 12, css="figure"))
    parts.extend(_notes(notes, top + body_height + 8))
    parts.append("</svg>")
    return "".join(parts)


def vertical_bars(
    *, title: str, bars: list[Bar], colour: str = "#1f5f8b", width: int = 640, height: int = 240, note: str = ""
) -> str:
    """Columns over a baseline (e.g. meetings per month), the figure above each column.

    Labels that do not fit under their column are rotated; when even rotated labels would touch,
    only every n-th label is shown (the description still names every column).
    """
    size, top, left = 12, 36, 10
    slot = (width - 2 * left) / max(len(bars), 1)
    longest = max((text_width(bar.label, size) for bar in bars), default=0)
    line = size * LINE_HEIGHT
    rotate = longest > slot - 4
    if rotate:
        # A rotated label reaches left of its column: make room so the first one is not cut off.
        left = max(left, math.ceil(longest * math.cos(math.radians(ROTATION)) - slot / 2 + size))
        slot = (width - 2 * left) / max(len(bars), 1)
        # Parallel rotated labels lie slot·sin(angle) apart; they need a line height between them.
        step = max(1, math.ceil(line / (slot * math.sin(math.radians(ROTATION)))))
        bottom = 16 + longest * math.sin(math.radians(ROTATION)) + size
    else:
        step, bottom = 1, 24
    figure_step = max(1, math.ceil((max((text_width(b.text, size) for b in bars), default=0) + 4) / slot))
    notes = _note_lines(note, width)
    plot_height = height - top - 24
    height = round(top + plot_height + bottom + len(notes) * 16)
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or "geen gegevens"
    maximum = max((bar.value for bar in bars), default=0)
    parts = [_open(width, height, title, _with_note(description, note)), _title_text(title)]
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
        if i % figure_step == 0:
            parts.append(_label(centre, baseline - bar_height - 4, bar.text, size, anchor="middle", css="figure"))
        if i % step:
            continue
        if rotate:
            parts.append(_label(centre + size / 3, baseline + 14, bar.label, size, anchor="end", rotate=-ROTATION))
        else:
            parts.append(_label(centre, baseline + 16, bar.label, size, anchor="middle"))
    if not bars:
        parts.append(f'<text x="{left}" y="{top + 18}" font-family="{FONT}" font-size="13" fill="{INK}">Geen gegevens.</text>')
    parts.extend(_notes(notes, height - len(notes) * 16))
    parts.append("</svg>")
    return "".join(parts)


def _label(x: float, y: float, text: str, size: float, *, anchor: str = "start", rotate: float = 0, css: str = "label") -> str:
    transform = f' transform="rotate({rotate:g} {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text class="{css}" x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-family="{FONT}" font-size="{size:g}" '
        f'fill="{INK}"{transform}>{escape(text)}</text>'
    )


def _label_column(bars: Sequence[Bar], size: float, width: int) -> float:
    """Wide enough for the longest label, but never more than 40% of the chart."""
    widest = max((text_width(bar.label, size) for bar in bars), default=0)
    return min(max(widest + 12, 80), width * 0.4)


def _fit(text: str, room: float, size: float) -> str:
    """`text`, shortened with an ellipsis until its estimated width fits `room`."""
    if text_width(text, size) <= room:
        return text
    keep = max(1, int(room / (size * CHAR_WIDTH)) - 1)
    return text[:keep].rstrip() + "…"


def _note_lines(note: str, width: int) -> list[str]:
    return textwrap.wrap(note, max(20, int(width / (12 * CHAR_WIDTH)))) if note else []


def _notes(lines: list[str], top: float) -> list[str]:
    return [_label(0, top + 12 + i * 16, line, 12, css="note") for i, line in enumerate(lines)]


def _with_note(description: str, note: str) -> str:
    return f"{description}. {note}" if note else description


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _open(width: int, height: int, title: str, description: str) -> str:
    # Ids derived from the content, so several charts on one page never share an id.
    ident = "chart-" + hashlib.sha1(f"{title}|{description}".encode()).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc"><title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc><rect width="100%" height="100%" fill="#ffffff"/>'
    )


def _title_text(title: str) -> str:
    return f'<text class="title" x="0" y="20" font-family="{FONT}" font-size="15" font-weight="bold" fill="{INK}">{escape(title)}</text>'
