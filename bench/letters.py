"""Benchmark: compose and render one council letter (HTML, PDF, Word) for a generated region of
50 municipalities and 2,000 topics. Target: at most 1 s per PDF letter.

Measures the pure composer and the renderers over generated facts (no database); the database side
(`gather.letter_input`) runs a fixed number of queries, tested in letters/tests/test_gather.py.
Run: .venv/bin/python bench/letters.py
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")
import django  # noqa: E402

django.setup()

from regio.letters.compose import (  # noqa: E402
    AgreementFacts, CommitmentFacts, DecisionFacts, LetterInput, MeetingFacts, ResultFacts, TopicFacts, compose_letter,
)
from regio.letters.render import render  # noqa: E402

rng = random.Random(7)
MUNICIPALITIES = [f"Gemeente{i:02d}" for i in range(50)]
SPEARHEADS = tuple((f"sp{i}", f"Speerpunt {i}") for i in range(7))
ME = MUNICIPALITIES[0]
STATUSES = ["voorgesteld", "verkennen", "concretiseren", "in_uitvoering", "afgerond"]


def facts() -> LetterInput:
    topics = tuple(
        TopicFacts(
            title=f"Onderwerp {i:04d}", spearheads=(rng.choice(SPEARHEADS)[0],), status=(s := rng.choice(STATUSES)),
            status_label=s.replace("_", " "),
            own_role=rng.choice(["doet_mee", "volgt", None, None, None, None, None, None, None, None]) if i % 50 else "doet_mee",
            leads=i % 400 == 0, lead=rng.choice(MUNICIPALITIES + [None]),
            results=(ResultFacts("Resultaat", rng.randint(0, 100), "10", "40", "stuks"),),
            created_on=datetime.date(2019, 1, 1) + datetime.timedelta(days=i % 200),
        )
        for i in range(2000)
    )
    agreements = tuple(
        AgreementFacts(f"Afspraak {i}", datetime.date(2019, 1, 1) + datetime.timedelta(days=7 * i), "Tekst van de afspraak.",
                       tuple(MUNICIPALITIES[:10]),
                       tuple(DecisionFacts(m, "college", "ingestemd", datetime.date(2019, 6, 1)) for m in MUNICIPALITIES[:8]))
        for i in range(12)
    )
    return LetterInput(
        region="Proefregio", municipality=ME, period_start=datetime.date(2019, 1, 1), period_end=datetime.date(2019, 6, 30),
        letter_date=datetime.date(2019, 7, 2), reference="RIB-2019-GM0000-1", vision_title="Toekomstvisie", spearheads=SPEARHEADS,
        topics=topics, agreements=agreements,
        commitments=tuple(CommitmentFacts(f"Toezegging {i}", "De colleges", datetime.date(2019, 3 + i % 6, 1), "2019") for i in range(8)),
        meetings=tuple(MeetingFacts(f"Overleg {i}", "juli 2019", datetime.date(2019, 7, 1 + i)) for i in range(20)),
        meetings_per_month=tuple((m, rng.randint(5, 30)) for m in ("jan", "feb", "mrt", "apr", "mei", "jun")),
        mayor="B. Burgemeester", secretary="S. Secretaris",
    )


def main() -> None:
    data = facts()
    timings: dict[str, list[float]] = {"compose": [], "html": [], "pdf": [], "docx": []}
    for _round in range(3):
        start = time.perf_counter()
        letter = compose_letter(data)
        timings["compose"].append(time.perf_counter() - start)
        for name in ("html", "pdf", "docx"):
            start = time.perf_counter()
            content = render(letter, name)
            timings[name].append(time.perf_counter() - start)
    print(f"letter for {ME}: {sum(t.own_role is not None for t in data.topics)} of {len(data.topics)} topics, "
          f"{len(MUNICIPALITIES)} municipalities; last PDF {len(render(letter, 'pdf')):,} bytes")
    for name, values in timings.items():
        print(f"  {name:8s} median {statistics.median(values):.3f} s  (runs: {', '.join(f'{v:.3f}' for v in values)})")
    verdict = "meets" if statistics.median(timings["pdf"]) <= 1.0 else "MISSES"
    print(f"  PDF target 1 s per letter: {verdict}")


if __name__ == "__main__":
    main()
