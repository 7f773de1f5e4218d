"""Defect: charts were hard to read (an illegible row of 96 month labels in the letter, overlapping
dashboard month labels, cut-off labels and no legend in the fewer-meetings chart). Each chart is
rendered with short and long periods and labels, and the text boxes read from the SVG coordinates
must neither overlap nor leave the picture."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from regio.letters import charts
from regio.letters.charts import Bar

SVG = "{http://www.w3.org/2000/svg}"
# The test's own estimate of DejaVu Sans: 0.6 em per character on average, 0.8 em above the baseline.
EM_WIDTH, ASCENT, DESCENT = 0.6, 0.8, 0.25


def boxes(svg: str) -> tuple[list[tuple[str, list[tuple[float, float]]]], float, float]:
    """(text, corner points) of every text in the chart, with the chart's width and height."""
    root = ET.fromstring(svg)
    found = []
    for node in root.iter(f"{SVG}text"):
        text = node.text or ""
        size = float(node.get("font-size"))
        x, y = float(node.get("x")), float(node.get("y"))
        width = len(text) * size * EM_WIDTH
        start = {"start": x, "middle": x - width / 2, "end": x - width}[node.get("text-anchor", "start")]
        corners = [(start, y - ASCENT * size), (start + width, y - ASCENT * size),
                   (start + width, y + DESCENT * size), (start, y + DESCENT * size)]
        transform = node.get("transform")
        if transform:
            angle, cx, cy = (float(v) for v in transform.removeprefix("rotate(").removesuffix(")").split())
            a = math.radians(angle)
            corners = [(cx + (px - cx) * math.cos(a) - (py - cy) * math.sin(a),
                        cy + (px - cx) * math.sin(a) + (py - cy) * math.cos(a)) for px, py in corners]
        found.append((text, corners))
    return found, float(root.get("width")), float(root.get("height"))


def _separated(a, b) -> bool:
    """Whether two convex polygons have a separating axis (they do not overlap)."""
    for polygon in (a, b):
        for i in range(len(polygon)):
            (x1, y1), (x2, y2) = polygon[i], polygon[(i + 1) % len(polygon)]
            axis = (y1 - y2, x2 - x1)
            pa = [axis[0] * px + axis[1] * py for px, py in a]
            pb = [axis[0] * px + axis[1] * py for px, py in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return True
    return False


def assert_readable(svg: str) -> None:
    texts, width, height = boxes(svg)
    for text, corners in texts:
        for px, py in corners:
            assert -0.5 <= px <= width + 0.5 and -0.5 <= py <= height + 0.5, f"{text!r} leaves the chart at {px:.0f},{py:.0f}"
    for i, (text_a, a) in enumerate(texts):
        for text_b, b in texts[i + 1:]:
            assert _separated(a, b), f"{text_a!r} overlaps {text_b!r}"


def months(first_year: int, count: int, value=lambda i: i % 5) -> list[tuple[int, int, float]]:
    return [(first_year + (i // 12), i % 12 + 1, value(i)) for i in range(count)]


def test_the_overlap_check_itself_catches_overlapping_labels():
    crowded = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'
               '<text x="10" y="20" font-size="12" text-anchor="start">jan 2026</text>'
               '<text x="30" y="20" font-size="12" text-anchor="start">feb 2026</text></svg>')
    with pytest.raises(AssertionError, match="overlaps"):
        assert_readable(crowded)


@pytest.mark.parametrize("count", [1, 3, 6, 12, 18, 24, 30, 60, 96, 150])
@pytest.mark.parametrize("width", [640, 720])
def test_columns_over_short_and_long_periods_never_overlap(count, width):
    bars, _period = charts.per_period(months(2019, count))
    svg = charts.vertical_bars(title="Regionale vergaderingen per maand", bars=bars, width=width,
                               note="Vergaderingen met een datum; afgelaste vergaderingen tellen niet mee.")
    assert_readable(svg)


@pytest.mark.parametrize("count", [12, 24, 40])
def test_columns_with_raw_month_labels_never_overlap(count):
    """Also without aggregation (the dashboard shows twelve months): rotate, then thin."""
    bars = [Bar(f"{charts.MONTH_ABBREVIATIONS[m - 1]} {y}", v, f"{v:g}") for y, m, v in months(2025, count)]
    assert_readable(charts.vertical_bars(title="Vergaderingen per maand", bars=bars))


PERIODS = [
    # months given, bars expected, period name, first label, first value
    (1, 1, "maand", "jan 2019", 3.0),
    (24, 24, "maand", "jan 2019", 3.0),
    (25, 9, "kwartaal", "K1 2019", 9.0),
    (72, 24, "kwartaal", "K1 2019", 9.0),
    (73, 7, "jaar", "2019", 36.0),
    (96, 8, "jaar", "2019", 36.0),
]


@pytest.mark.parametrize(("count", "expected_bars", "name", "first_label", "first_value"), PERIODS)
def test_long_periods_are_summed_per_quarter_or_year(count, expected_bars, name, first_label, first_value):
    bars, period = charts.per_period(months(2019, count, value=lambda i: 3))
    assert (len(bars), period, bars[0].label, bars[0].value) == (expected_bars, name, first_label, first_value)
    assert sum(bar.value for bar in bars) == 3 * count


LONG = "Gemeenschappelijke regeling Holland Rijnland, algemeen bestuur en commissies"


@pytest.mark.parametrize("labels", [["Wonen", "Energie"], [LONG, "Economie en werkgelegenheid", "Mobiliteit"] * 3])
def test_rows_never_overlap_or_leave_the_chart(labels):
    bars = [Bar(label, 20 * i, f"{20 * i}%") for i, label in enumerate(labels)]
    svg = charts.horizontal_bars(title="Voortgang per speerpunt", bars=bars, maximum=100,
                                 note="Voortgang: per onderwerp het gemiddelde van de gemeten resultaten, "
                                      "anders een vaste waarde per status (verkennen 20%, uitvoering 70%).")
    assert_readable(svg)
    assert "verkennen 20%" in svg


@pytest.mark.parametrize("names", [["Stuurgroep"], [LONG, "Portefeuillehoudersoverleg Ruimte", "PHO"] * 2])
def test_two_series_have_a_legend_and_readable_labels(names):
    rows = [(name, Bar(name, 120.0, "120"), Bar(name, 80.0 * (i % 2), f"{80 * (i % 2)}")) for i, name in enumerate(names)]
    svg = charts.paired_bars(title="Persoonsuren per gremium", rows=rows, legend=("nu", "na het voorstel"), maximum=120)
    assert_readable(svg)
    legend = [node.text for node in ET.fromstring(svg).iter(f"{SVG}text") if node.get("class") == "legend"]
    assert legend == ["nu", "na het voorstel"]
