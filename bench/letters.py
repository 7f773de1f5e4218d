"""Benchmark: gather, compose and render one council letter (HTML, PDF, Word) for a generated region of
50 municipalities and 2,000 topics. Target: at most 1 s per PDF letter.

Two parts:
1. gather: a fresh SQLite database (a temporary file, removed afterwards) filled in bulk with the region
   (50 members, a vision with 7 spearheads, 2,000 public topics with a result each, the first
   municipality in 450 of them and lead of 9, status changes and result measurements in the period);
   times `gather.letter_input` for that municipality and counts its queries.
2. compose and render: the pure composer and the three renderers over the gathered facts.

Rendering runs three rounds; the first one includes the one-off costs of a process (WeasyPrint's
parsed stylesheet and fonts, the Word base document, the charts as PNG), the median is what a
server that has written one letter pays for the next. Run from the repository root:

    .venv/bin/python bench/letters.py

A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HOME = tempfile.mkdtemp(prefix="regio-bench-letters-")
os.environ["REGIO_DATABASE_URL"] = f"sqlite:///{HOME}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from regio.letters.compose import compose_letter  # noqa: E402
from regio.letters.gather import letter_input  # noqa: E402
from regio.letters.render import render  # noqa: E402

MUNICIPALITIES = 50
TOPICS = 2000
INVOLVED = 450  # topics the letter's municipality leads, joins or follows
SPEARHEADS = 7
PERIOD = (datetime.date(2019, 1, 1), datetime.date(2019, 6, 30))
STATUSES = ("voorgesteld", "verkennen", "concretiseren", "in_uitvoering", "afgerond")


def build_region(rng: random.Random):
    """The generated region, written in bulk (no per-row services: this is test data, not a workflow)."""
    from regio.meetings.models import Agreement, MunicipalDecision
    from regio.regions.models import Municipality, Region, RegionMembership
    from regio.topics.models import Participation, Result, Topic, TopicStatusChange
    from regio.visions.models import Spearhead, Vision

    region = Region.objects.create(name="Proefregio", slug="proefregio")
    municipalities = Municipality.objects.bulk_create(
        Municipality(cbs_code=f"GM9{i:03d}", name=f"Gemeente{i:02d}", slug=f"gemeente{i:02d}", province="ZH")
        for i in range(MUNICIPALITIES)
    )
    RegionMembership.objects.bulk_create(RegionMembership(region=region, municipality=m) for m in municipalities)
    vision = Vision.objects.create(region=region, title="Toekomstvisie Proefregio")
    spearheads = Spearhead.objects.bulk_create(
        Spearhead(vision=vision, code=f"sp{i}", name=f"Speerpunt {i}", wording="…", order=i) for i in range(SPEARHEADS)
    )
    me = municipalities[0]
    topics = Topic.objects.bulk_create(
        Topic(
            region=region, title=f"Onderwerp {i:04d}", slug=f"onderwerp-{i:04d}", status=rng.choice(STATUSES),
            proposed_on=datetime.date(2019, 2, 1) if i % 29 == 5 else datetime.date(2014, 1, 1)
            + datetime.timedelta(days=rng.randint(0, 1800)),
            lead_municipality=me if i < INVOLVED and i % 50 == 0 else rng.choice(municipalities[1:] + [None]),
        )
        for i in range(TOPICS)
    )
    Topic.spearheads.through.objects.bulk_create(
        Topic.spearheads.through(topic=t, spearhead=spearheads[i % SPEARHEADS]) for i, t in enumerate(topics)
    )
    participations = []
    for i, topic in enumerate(topics):
        members = rng.sample(municipalities[1:], 8) + ([me] if i < INVOLVED else [])
        for m in members:
            participations.append(Participation(topic=topic, municipality=m, role="volgt" if i % 3 == 0 else "doet_mee"))
    Participation.objects.bulk_create(participations)
    Result.objects.bulk_create(
        Result(topic=t, description="Woningen", unit="stuks", baseline=Decimal(10), target_value=Decimal(40),
               current_value=Decimal(rng.randint(10, 40)))
        for t in topics
    )
    TopicStatusChange.objects.bulk_create(
        TopicStatusChange(topic=t, from_status="voorgesteld", to_status=t.status, changed_on=datetime.date(2019, 3, 4),
                          reason="Plan gereed.")
        for i, t in enumerate(topics) if i % 17 == 3
    )
    # Measurements in the period, through the model's history (what the letter reads progress from).
    in_period = timezone.make_aware(datetime.datetime(2019, 5, 1, 12))
    for result in Result.objects.filter(topic__in=[t for i, t in enumerate(topics) if i % 31 == 7]):
        result.current_value += 5
        result._history_date = in_period
        result.save()
    for i in range(12):
        agreement = Agreement.objects.create(region=region, title=f"Afspraak {i}", text="Samen doen.",
                                             made_on=PERIOD[0] + datetime.timedelta(days=7 * i))
        agreement.participants.set(municipalities[:20])
        MunicipalDecision.objects.bulk_create(
            MunicipalDecision(agreement=agreement, municipality=m, organ="college", outcome="ingestemd",
                              decided_on=datetime.date(2019, 6, 1))
            for m in municipalities[:12]
        )
    return region, me


def main() -> None:
    rng = random.Random(7)
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    region, me = build_region(rng)
    print(f"database: migrated and filled in {time.perf_counter() - start:.1f} s ({HOME}/bench.sqlite3)")

    # Wall-clock and CPU time of this process: on a shared, loaded machine the CPU time is the steadier figure.
    timings: dict[str, list[float]] = {name: [] for name in ("gather", "compose", "html", "pdf", "docx")}
    cpu: dict[str, list[float]] = {name: [] for name in timings}

    def timed(name, work):
        wall, processor = time.perf_counter(), time.process_time()
        value = work()
        timings[name].append(time.perf_counter() - wall)
        cpu[name].append(time.process_time() - processor)
        return value

    for _round in range(3):
        with CaptureQueriesContext(connection) as queries:
            data = timed("gather", lambda: letter_input(
                region=region, municipality=me, period_start=PERIOD[0], period_end=PERIOD[1],
                letter_date=datetime.date(2019, 7, 2), site_url="https://regio.example.nl",
            ))
    sizes = {}
    for _round in range(3):
        letter = timed("compose", lambda: compose_letter(data))
        for name in ("html", "pdf", "docx"):
            sizes[name] = len(timed(name, lambda name=name, letter=letter: render(letter, name)))
    involved = sum(t.own_role is not None or t.leads for t in data.topics)
    print(f"letter for {data.municipality}: {involved} of {len(data.topics)} topics, {MUNICIPALITIES} municipalities, "
          f"{len(queries.captured_queries)} queries to gather")
    try:
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(render(letter, "pdf")))
    except ImportError:
        pages = "?"
    print(f"  PDF {sizes['pdf']:,} bytes, {pages} pages; Word {sizes['docx']:,} bytes; HTML {sizes['html']:,} bytes")
    for name, values in timings.items():
        print(f"  {name:8s} median {statistics.median(values):.3f} s, CPU {statistics.median(cpu[name]):.3f} s  "
              f"(runs: {', '.join(f'{v:.3f}' for v in values)})")
    per_letter = statistics.median(timings["gather"]) + statistics.median(timings["compose"]) + statistics.median(
        timings["pdf"]
    )
    verdict = "meets" if statistics.median(timings["pdf"]) <= 1.0 else "MISSES"
    print(f"  PDF target 1 s per letter (render): {verdict}; gather + compose + PDF: {per_letter:.3f} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        for path in Path(HOME).glob("*"):
            path.unlink()
        os.rmdir(HOME)
