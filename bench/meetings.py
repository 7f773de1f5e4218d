"""Benchmark of the meeting-load analysis: time for growing numbers of bodies and meetings.

    .venv/bin/python bench/meetings.py

Prints the seconds per run (median of five) for 50/1,250, 200/5,000 and 400/10,000 bodies/meetings.
The target is well under a second for 200 bodies and 5,000 meetings.
"""

from __future__ import annotations

import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src" / "regio" / "meetings" / "tests"))

from regio.meetings.analysis import analyse  # noqa: E402
from test_analysis import example_region  # noqa: E402


def main() -> None:
    period = (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31))
    for n_bodies, n_meetings in ((50, 1250), (200, 5000), (400, 10000)):
        bodies, meetings, persons = example_region(3, n_bodies, n_meetings)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            result = analyse(bodies=bodies, meetings=meetings, persons=persons, period=period, min_overlap=0.4)
            times.append(time.perf_counter() - started)
        print(
            f"{n_bodies:4d} bodies, {n_meetings:6d} meetings: {statistics.median(times) * 1000:7.1f} ms "
            f"(median of 5), {len(result.steps)} steps"
        )


if __name__ == "__main__":
    main()
