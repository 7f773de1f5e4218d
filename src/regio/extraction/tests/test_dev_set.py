"""The reader on the real texts of the development set (../shared/extraction/dev).

Those texts were written by others and stay in ../shared: this test reads them from there (or
from ``$REGIO_SHARED_DIR/extraction/dev``) and skips where they are absent. The floors are the
figures measured on 3 December 2026 (docs/extraction.md) rounded down a little, so a change that
makes the reader worse on real texts fails here; raise them as the reader improves.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regio.extraction.engine import extract_format
from regio.extraction.evaluation import evaluate

REPO = Path(__file__).resolve().parents[4]
SHARED = Path(os.environ.get("REGIO_SHARED_DIR") or REPO.parent / "shared")
DEV = SHARED / "extraction" / "dev"

DEV_FLOORS = {
    "document_date": 0.97,
    "municipalities": 0.98,
    "themes": 0.89,
    "decisions": 0.87,
    "commitments": 0.93,
    "commitment_due": 0.87,
    "events": 0.85,
    "event_window": 0.83,
    "event_place": 0.87,
}
DEV_OVERALL_FLOOR = 0.92


@pytest.mark.skipif(not DEV.is_dir(), reason=f"the real texts of the dev set are not at {DEV} (set REGIO_SHARED_DIR)")
def test_dev_set_meets_its_floors():
    report = evaluate(DEV, extract_format)
    failing = report.below(DEV_FLOORS)
    assert not failing, report.format_table() + "\n\n" + report.format_misses()
    assert report.overall >= DEV_OVERALL_FLOOR, report.format_table()
