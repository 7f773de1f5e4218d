"""Page benchmark on the synthetic national data set (`regio generate-scale`): every page type, public,
signed-in and API, served by gunicorn (2 workers) on loopback, against a minimal Django JSON view on
the same server and middleware stack, measured in the same run.

For each page: req/s, p50 and p95 latency, the ratio of its throughput to the minimal view's, its size
and its query count; once without conditional headers ("plain": the server's own caches as they are
after a warm-up) and once with the ETag of the previous answer in If-None-Match ("304").
Targets (issue #11): anonymous public pages and public API at >= 50 % of the minimal view with p95
<= 50 ms at 16 connections; signed-in pages at >= 15 % with p95 <= 150 ms; no HTML page above 200 KB.

Run from the repository root:

    .venv/bin/python bench/pages.py                       # national default size, temporary SQLite
    .venv/bin/python bench/pages.py --database-url postgres://postgres@127.0.0.1:5432/regio_bench
    .venv/bin/python bench/pages.py --topics 2000 --meetings 10000 --documents 20000   # smaller
    .venv/bin/python bench/pages.py --database-url sqlite:////path/regio.sqlite3 --reuse   # generated before
    .venv/bin/python bench/pages.py ... --only signed-in   # only the pages whose name holds this (and the minimal view)

A PostgreSQL database given with --database-url must be empty (it is migrated and filled), unless
--reuse says it already holds a generate-scale data set. The client is our own (threads with
keep-alive connections, bounded in time), like bench/api.py. A benchmark, not a test: it prints
figures and never fails on them.
"""

from __future__ import annotations

import argparse
import http.client
import json
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
MAX_PAGE_BYTES = 200_000

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


urlpatterns = [path("_baseline", baseline), *site]
"""


def prepare(region_slug: str) -> None:
    """A coordinator of the region with a session (run in a child process); prints the session key."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from regio.access.models import AccessLevel, Grant
    from regio.regions.models import Region
    from regio.topics.models import Topic

    region = Region.objects.get(slug=region_slug)
    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    user.set_password(secrets.token_urlsafe(20))
    user.save()
    Grant.objects.get_or_create(user=user, region=region, level=AccessLevel.COORDINATOR)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    topic = Topic.objects.filter(region=region, visibility="openbaar").order_by("pk").first()
    print(json.dumps({"session": session.session_key, "topic_id": topic.pk, "topic_slug": topic.slug}))


def query_counts(paths: list[str], session: str) -> dict[str, int]:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for path in paths:
        client = Client()
        if session and not path.startswith(("/openbaar/", "/api/", "/_baseline")):
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        with CaptureQueriesContext(connection) as queries:
            status = client.get(path, secure=True).status_code
        counts[path] = len(queries) if status == 200 else f"HTTP {status}"
    return counts


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(port: int, path: str, headers: dict) -> tuple[int, bytes, dict]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders())


def load(port: int, path: str, headers: dict, *, expect: int, requests: int, threads: int, seconds: float) -> dict:
    """Up to `requests` GETs from `threads` threads (each with its own keep-alive connection) within `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.perf_counter() + seconds

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if remaining[0] <= 0 or time.perf_counter() > deadline:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == expect
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
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
    if not latencies:
        return {"requests": 0, "errors": 0, "rps": 0.0, "p50": 0.0, "p95": 0.0}
    return {
        "requests": len(latencies),
        "errors": errors[0],
        "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def wait_until_up(port: int, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if fetch(port, "/_baseline", {})[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not come up")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=40)
    parser.add_argument("--topics", type=int, default=20_000)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL (empty) or SQLite URL; default: temporary SQLite.")
    parser.add_argument("--reuse", action="store_true", help="the database already holds a generate-scale data set")
    parser.add_argument("--cache-url", default="", help="REGIO_CACHE_URL for the server, e.g. redis://127.0.0.1:6379/5")
    parser.add_argument("--requests", type=int, default=2000, help="requests per page and mode (upper bound)")
    parser.add_argument("--threads", type=int, default=16, help="client threads (connections)")
    parser.add_argument("--seconds", type=float, default=15, help="time limit per page and mode")
    parser.add_argument("--only", default="", help="measure only the pages whose name contains this text, "
                        "e.g. 'signed-in' (the minimal view is always measured)")
    parser.add_argument("--child", choices=["prepare", "queries"], help=argparse.SUPPRESS)
    parser.add_argument("rest", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "prepare":
        prepare(args.rest[0])
        return 0
    if args.child == "queries":
        for path, count in query_counts(args.rest[1:], args.rest[0]).items():
            print(f"{path}\t{count}")
        return 0

    with tempfile.TemporaryDirectory(prefix="regio-bench-pages-") as tmp:
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
            "REGIO_DATABASE_CONN_MAX_AGE": "600",
            "REGIO_CACHE_URL": args.cache_url,
            "REGIO_STATIC_ROOT": str(home / "static"),
            # The rate limits guard a real site against one client; here one client is the load, and a
            # throttled 429 is cheaper than a page, so it would flatter the figures.
            "REGIO_RATE_API_ANONYMOUS": "1000000/second",
            "REGIO_RATE_API_TOKEN": "1000000/second",
            "REGIO_RATE_SEARCH": "1000000/second",
        }
        def run(*cmd) -> str:
            done = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if done.returncode:
                raise SystemExit(f"{' '.join(cmd[:4])} ... failed:\n{done.stderr[-3000:]}")
            return done.stdout

        regio = [sys.executable, "-c", "import sys; from regio.cli import main; sys.exit(main())"]
        run(*regio, "migrate", "--no-input")
        run(*regio, "collectstatic", "--no-input")  # production static storage (hashed names)
        if args.reuse:
            line = json.loads(run(sys.executable, "-c", textwrap.dedent("""
                import django, json; django.setup()
                from django.db.models import Count
                from regio.regions.models import Region
                r = Region.objects.filter(is_synthetic=True).annotate(n=Count("topics")).order_by("-n").first()
                print(json.dumps({"region": r.slug, "seconds": None}))
            """)).strip().splitlines()[-1])
            print(f"Reusing the generated data set; largest region {line['region']}.", flush=True)
        else:
            print(f"Generating {args.regions} regions, {args.topics} topics, {args.meetings} meetings, "
                  f"{args.documents} documents ...", flush=True)
            started = time.perf_counter()
            out = run(*regio, "generate-scale", f"--regions={args.regions}", f"--topics={args.topics}",
                      f"--meetings={args.meetings}", f"--documents={args.documents}", "--force")
            line = json.loads(out.strip().splitlines()[-1])
            print(f"  generated in {time.perf_counter() - started:.0f} s (wall clock)", flush=True)
        region = line["region"]
        extra = json.loads(run(sys.executable, __file__, "--child", "prepare", region).strip().splitlines()[-1])
        session, topic, topic_id = extra["session"], extra["topic_slug"], extra["topic_id"]
        paths = {
            "minimal view": ("/_baseline", False),
            "public home": (f"/openbaar/{region}/", False),
            "public topic list": (f"/openbaar/{region}/onderwerpen/", False),
            "public topic detail": (f"/openbaar/{region}/onderwerpen/{topic}/", False),
            "public meeting list": (f"/openbaar/{region}/vergaderingen/", False),
            "public search": (f"/openbaar/{region}/documenten/?q=woningbouw", False),
            "signed-in home": (f"/{region}/", True),
            "signed-in topic list": (f"/{region}/onderwerpen/", True),
            "signed-in topic detail": (f"/{region}/onderwerpen/{topic}/", True),
            "API topic list (50)": (f"/api/v1/onderwerpen?regio={region}&pageSize=50", False),
            "API topic detail": (f"/api/v1/onderwerpen/{topic_id}", False),
        }
        paths = {name: page for name, page in paths.items() if name == "minimal view" or args.only in name}
        counts = dict(line.split("\t") for line in run(
            sys.executable, __file__, "--child", "queries", session, *[p for p, _ in paths.values()]).splitlines())
        port = free_port()
        server = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--workers", "2", "--worker-class", "gthread", "--threads", "1",
             "--keep-alive", "5", "--preload", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "regio.conf.wsgi:application"], env=env)
        results = {}
        try:
            wait_until_up(port)
            for name, (path, signed_in) in paths.items():
                headers = {"Accept": "text/html,application/json", "X-Forwarded-Proto": "https"}
                if signed_in:
                    headers["Cookie"] = f"sessionid={session}"
                status, body, response_headers = fetch(port, path, headers)
                if status != 200:
                    print(f"  {name}: HTTP {status}, skipped", flush=True)
                    continue
                load(port, path, headers, expect=200, requests=40, threads=2, seconds=10)  # warm both workers
                plain = load(port, path, headers, expect=200, requests=args.requests, threads=args.threads,
                             seconds=args.seconds)
                conditional = None
                if "ETag" in response_headers:
                    conditional = load(port, path, {**headers, "If-None-Match": response_headers["ETag"]}, expect=304,
                                       requests=args.requests, threads=args.threads, seconds=args.seconds)
                results[name] = (len(body), plain, conditional, response_headers.get("Cache-Control", ""))
                print(f"  measured {name}", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a worker held by a keep-alive connection
                server.kill()
                server.wait(timeout=30)

    database = "PostgreSQL" if args.database_url.startswith("postgres") else "SQLite"
    print(f"\ngunicorn, 2 gthread workers, {database}; {args.threads} client connections, up to {args.requests} "
          f"requests or {args.seconds:.0f} s per page and mode; largest generated region {region}\n")
    header = (f"{'page':<24}{'KB':>7}{'queries':>8}{'req/s':>9}{'p50 ms':>8}{'p95 ms':>8}{'ratio':>7}"
              f"{'304 req/s':>11}{'p95 ms':>8}{'ratio':>7}{'errors':>8}")
    print(header)
    base = results["minimal view"][1]["rps"] or 1
    for name, (size, plain, conditional, _cache_control) in results.items():
        row = (f"{name:<24}{size / 1000:>7.1f}{counts.get(paths[name][0], '?'):>8}{plain['rps']:>9.1f}"
               f"{plain['p50']:>8.1f}{plain['p95']:>8.1f}{plain['rps'] / base:>7.0%}")
        if conditional:
            row += f"{conditional['rps']:>11.1f}{conditional['p95']:>8.1f}{conditional['rps'] / base:>7.0%}"
        else:
            row += f"{'—':>11}{'—':>8}{'—':>7}"
        row += f"{plain['errors'] + (conditional['errors'] if conditional else 0):>8}"
        if size > MAX_PAGE_BYTES:
            row += "  ABOVE 200 KB"
        print(row)
    print("\nTargets: public pages and API >= 50 % of the minimal view, p95 <= 50 ms; signed-in >= 15 %, "
          "p95 <= 150 ms; no page above 200 KB. 'ratio' is req/s over the minimal view's in this run.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
