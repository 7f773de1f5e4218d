"""Intake benchmark, part 2: full-text search latency (p50/p95) on SQLite and on PostgreSQL.

Generates N documents of 10 one-paragraph pages each (100,000 documents ≈ 1M paragraphs by
default) straight into the search index through regio.documents.search.insert_entries (the same
path the intake uses, in bulk), then times searches: common words, rare words, two-word queries,
with and without a filter, sorted by relevance and by date. Target: p95 ≤ 50 ms.

Each backend runs in a fresh database of its own (a temporary SQLite file; a temporary PostgreSQL
database on REGIO_BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432/postgres), dropped
afterwards. Run from the repository root:

    .venv/bin/python bench/intake_search.py [--documents 100000] [--backend sqlite|postgresql|both]

A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMON = (
    "de het een en van in op te dat die is voor met aan gemeente gemeenten raad college regio samenwerking "
    "woning woningen wonen bouw jongeren zorg jeugd bereikbaarheid fiets station haven economie "
    "ondernemers energie warmte duurzaamheid groen natuur onderwijs school cultuur sport veiligheid "
    "besluit overleg afspraak toezegging planning voortgang brief verslag informeren uitvoering"
).split()
QUERIES = ["woningen", "bereikbaarheid station", "warmte", "jongeren zorg", "school", "havengebied",
           "ondernemers economie", "duurzaamheid"]


def paragraph(rng: random.Random, rare: list[str]) -> str:
    words = [rng.choice(COMMON) if rng.random() < 0.9 else rng.choice(rare) for _ in range(rng.randint(40, 80))]
    return " ".join(words).capitalize() + "."


def child(documents: int, queries: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")
    import django

    django.setup()
    from datetime import date, timedelta

    from django.core.management import call_command
    from django.db import connection, transaction

    from regio.access.policies import RegionAccess
    from regio.documents import search
    from regio.regions.models import Region

    call_command("migrate", verbosity=0)
    region = Region.objects.create(name="Benchregio", slug="benchregio")
    rng = random.Random(7)
    rare = [f"{rng.choice(COMMON)}{suffix}" for suffix in ("gebied", "plan", "nota", "fonds", "net")
            for _ in range(40)] + [f"project{n}" for n in range(5000)]
    started = time.perf_counter()
    batch: list[search.Entry] = []
    for doc in range(1, documents + 1):
        visibility = "openbaar" if doc % 3 else "intern"
        day = date(2015, 1, 1) + timedelta(days=doc % 3650)
        kind = ("brief", "verslag", "besluitenlijst", "nieuwsbericht", "rapport")[doc % 5]
        for page in range(1, 11):
            batch.append(search.Entry(region.pk, "document", doc, page, f"Document {doc}", paragraph(rng, rare),
                                      f"/benchregio/documenten/{doc}/#pagina-{page}", kind, visibility, day,
                                      (doc % 5 + 1,), (doc % 7 + 1,)))
        if len(batch) >= 20_000 or doc == documents:
            with transaction.atomic():
                search.insert_entries(batch)
            batch = []
    built = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE documents_searchentry")
    public, member = RegionAccess(region_id=region.pk), RegionAccess(region_id=region.pk, is_coordinator=True)
    variants = [
        {"access": public},
        {"access": member},
        {"access": public, "sort": "date"},
        {"access": member, "filters": search.SearchFilters(kind="verslag")},
        {"access": public, "filters": search.SearchFilters(date_from=date(2020, 1, 1), municipality_id=2)},
    ]
    timings, hits = [], 0
    for n in range(queries):
        query, variant = QUERIES[n % len(QUERIES)], variants[n % len(variants)]
        t0 = time.perf_counter()
        result = search.search(region=region, query=query, **variant)
        timings.append((time.perf_counter() - t0) * 1000)
        hits += len(result.hits)
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"{connection.vendor}: {documents} documents, {documents * 10} paragraphs indexed in {built:.0f} s; "
          f"{queries} searches: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms "
          f"(target p95 <= 50 ms: {'met' if p95 <= 50 else 'NOT met'}); {hits / queries:.1f} hits per page")


def run_backend(backend: str, documents: int, queries: int) -> None:
    env = dict(os.environ, REGIO_HOME=tempfile.mkdtemp(prefix="regio-bench-"))
    cleanup = None
    if backend == "sqlite":
        env["REGIO_DATABASE_URL"] = f"sqlite:///{env['REGIO_HOME']}/bench.sqlite3"
    else:
        import psycopg

        admin = os.environ.get("REGIO_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
        name = f"regio_bench_{os.getpid()}"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        env["REGIO_DATABASE_URL"] = admin.rsplit("/", 1)[0] + f"/{name}"

        def cleanup():
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {name}")
    try:
        subprocess.run([sys.executable, __file__, "--child", "--documents", str(documents), "--queries", str(queries)],
                       env=env, check=True)
    finally:
        if cleanup:
            cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000, help="documents of 10 paragraphs (default 100000)")
    parser.add_argument("--queries", type=int, default=200, help="searches to time (default 200)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.documents, args.queries)
        return
    for backend in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
        run_backend(backend, args.documents, args.queries)


if __name__ == "__main__":
    main()
