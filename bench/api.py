"""API benchmark: the topic list (page of 50) and a topic detail on a generated region of 50
municipalities and 2,000 topics, served by gunicorn (2 workers) on loopback, against a minimal Django
JSON view on the same server and middleware stack (target: the API at >= 50 % of its throughput).

Run from the repository root: `.venv/bin/python bench/api.py [--requests 2000] [--threads 8] [--seconds 30]
[--database-url postgres://...] [--worker-class sync|gthread] [--conn-max-age 600]`. Without --database-url it
uses a temporary SQLite database. The server runs as production would: database connections kept between
requests (REGIO_DATABASE_CONN_MAX_AGE), the application loaded before the workers fork (--preload), and
with gthread workers connections kept alive. The baseline view exists only in the benchmark's own URLconf;
nothing is added to the real site.
A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
MUNICIPALITIES = 50
TOPICS = 2000

BENCH_SETTINGS = """
from regio.conf.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench_urls"
"""
BENCH_URLS = """
from django.http import JsonResponse
from django.urls import path

from regio.conf.urls import urlpatterns as site


def baseline(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("api/v1/_baseline", baseline), *site]
"""


def populate() -> None:
    """Generate the region in the configured database (run in a child process with the bench's settings)."""
    import django

    django.setup()
    from regio.data.municipalities import current_municipalities
    from regio.regions.models import Municipality, Region, RegionMembership
    from regio.topics.models import Participation, Result, Topic
    from regio.visions.models import Spearhead, Vision

    records = current_municipalities()[:MUNICIPALITIES]
    municipalities = Municipality.objects.bulk_create(
        Municipality(cbs_code=r.cbs_code, name=r.name, slug=f"m-{r.cbs_code.lower()}", province=r.province) for r in records)
    region = Region.objects.create(name="Benchregio", slug="benchregio")
    RegionMembership.objects.bulk_create(RegionMembership(region=region, municipality=m) for m in municipalities)
    vision = Vision.objects.create(region=region, title="Visie Benchregio")
    spearheads = Spearhead.objects.bulk_create(
        Spearhead(vision=vision, code=f"speerpunt-{i}", name=f"Speerpunt {i}", wording="Tekst", order=i) for i in range(1, 8))
    topics = Topic.objects.bulk_create(
        Topic(region=region, title=f"Onderwerp {i:04d}", slug=f"onderwerp-{i:04d}", description="Omschrijving " * 20,
              lead_municipality=municipalities[i % MUNICIPALITIES], proposed_by=municipalities[(i + 1) % MUNICIPALITIES])
        for i in range(TOPICS))
    Topic.spearheads.through.objects.bulk_create(
        Topic.spearheads.through(topic=t, spearhead=spearheads[i % 7]) for i, t in enumerate(topics))
    Participation.objects.bulk_create(
        Participation(topic=t, municipality=municipalities[(i + k) % MUNICIPALITIES], role="doet_mee")
        for i, t in enumerate(topics) for k in range(3))
    Result.objects.bulk_create(Result(topic=t, description="Resultaat", unit="stuks") for t in topics)
    print(topics[len(topics) // 2].pk)


def query_counts(paths: list[str]) -> dict[str, int]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client, counts = Client(), {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[path] = len(queries)
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(port: int, path: str, *, requests: int, threads: int, seconds: float) -> dict:
    """Send up to `requests` GETs from `threads` threads (each with its own keep-alive connection) within `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.perf_counter() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if remaining[0] <= 0 or time.perf_counter() > deadline:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
        connection.close()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/v1/_baseline")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="Requests per endpoint (upper bound).")
    parser.add_argument("--threads", type=int, default=8, help="Client threads.")
    parser.add_argument("--seconds", type=float, default=30, help="Time limit per endpoint.")
    parser.add_argument("--database-url", default="",
                        help="PostgreSQL URL (an empty database); default: temporary SQLite.")
    parser.add_argument("--worker-class", default="gthread", choices=["sync", "gthread"],
                        help="gunicorn worker class (gthread keeps client connections alive).")
    parser.add_argument("--conn-max-age", type=int, default=600,
                        help="Seconds a worker keeps its database connection (0: a new one per request).")
    parser.add_argument("--child", choices=["populate", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "populate":
        populate()
        return 0
    if args.child == "queries":
        for path, count in query_counts(args.paths).items():
            print(f"{path}\t{count}")
        return 0

    with tempfile.TemporaryDirectory(prefix="regio-bench-api-") as tmp:
        home = Path(tmp)
        (home / "bench_settings.py").write_text(textwrap.dedent(BENCH_SETTINGS))
        (home / "bench_urls.py").write_text(textwrap.dedent(BENCH_URLS))
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(home), str(ROOT / "src")]),
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "REGIO_HOME": str(home),
            "REGIO_DEBUG": "0",
            "REGIO_SECRET_KEY": secrets.token_urlsafe(50),
            "REGIO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            "REGIO_DATABASE_URL": args.database_url or f"sqlite:///{home / 'bench.sqlite3'}",
            "REGIO_DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
        }
        run = lambda *cmd: subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout  # noqa: E731
        print(f"Generating {MUNICIPALITIES} municipalities and {TOPICS} topics ...", flush=True)
        run(sys.executable, "-m", "django", "migrate", "--no-input")
        detail_pk = run(sys.executable, __file__, "--child", "populate").strip().splitlines()[-1]
        paths = {
            "baseline": "/api/v1/_baseline",
            "topic list (50)": "/api/v1/onderwerpen?pageSize=50",
            "topic detail": f"/api/v1/onderwerpen/{detail_pk}",
        }
        counts = dict(line.split("\t") for line in run(sys.executable, __file__, "--child", "queries", *paths.values()).splitlines())
        port = free_port()
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--workers", "2", "--worker-class", args.worker_class, "--threads", "1",
             "--keep-alive", "5", "--preload", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "regio.conf.wsgi:application"], env=env)
        try:
            wait_until_up(port)
            for path in paths.values():  # warm up both workers
                load(port, path, requests=50, threads=2, seconds=10)
            results = {name: load(port, path, requests=args.requests, threads=args.threads, seconds=args.seconds)
                       for name, path in paths.items()}
        finally:
            server.terminate()
            server.wait(timeout=30)
    database = "PostgreSQL" if args.database_url else "SQLite"
    print(f"\ngunicorn, 2 {args.worker_class} workers, {database}, database connections kept {args.conn_max_age} s; "
          f"{args.threads} client threads, up to {args.requests} requests per endpoint\n")
    print(f"{'endpoint':<18}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}{'queries':>9}{'vs baseline':>13}")
    base = results["baseline"]["rps"]
    for name, r in results.items():
        print(f"{name:<18}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['errors']:>8}{counts[paths[name]]:>9}"
              f"{r['rps'] / base:>12.0%}")
    print("\nTarget: each API endpoint at >= 50 % of the baseline's throughput.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
