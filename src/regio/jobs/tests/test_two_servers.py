"""Horizontal scale: two gunicorn instances and a worker share one PostgreSQL, one Redis, one storage.

A session started on one instance is valid on the other; a file uploaded through instance A is read
by the worker and its progress, and the document, are seen through instance B. Both instances keep
whole public pages in one Redis cache: a page instance B cached for an anonymous visitor is not
served stale once a change is made through instance A.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from regio.web.tests.live import _free_port

requests = pytest.importorskip("requests")
psycopg = pytest.importorskip("psycopg")

REGIO = Path(sys.executable).parent / "regio"
GUNICORN = Path(sys.executable).parent / "gunicorn"
ADMIN_URL = os.environ.get("REGIO_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("REGIO_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
CACHE_URL = os.environ.get("REGIO_TEST_CACHE_URL", "redis://127.0.0.1:6379/12")


def _reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not (REGIO.exists() and GUNICORN.exists()), reason="regio and gunicorn must be installed"),
    pytest.mark.skipif(not _reachable("127.0.0.1", 5432), reason="PostgreSQL is not running on 127.0.0.1:5432"),
    pytest.mark.skipif(not _reachable("127.0.0.1", 6379), reason="Redis is not running on 127.0.0.1:6379"),
]


@pytest.fixture
def database():
    name = f"regio_two_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _csrf(session, url: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', session.get(url).text).group(1)


def test_two_instances_share_sessions_uploads_jobs_and_data(tmp_path, database):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env.update(REGIO_HOME=str(tmp_path), REGIO_DATABASE_URL=database, REGIO_BROKER_URL=REDIS_URL,
               REGIO_JOB_QUEUE=f"regio-test-{uuid.uuid4().hex}",
               REGIO_CACHE_URL=CACHE_URL, REGIO_CACHE_PREFIX=f"regio-test-{uuid.uuid4().hex}",
               REGIO_MEDIA_URL=f"file://{tmp_path / 'gedeeld'}",
               PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([str(REGIO), "demo", "--no-serve"], env=env, cwd=tmp_path, check=True, capture_output=True,
                   timeout=600)
    processes, urls = [], []
    try:
        for _ in range(2):
            port = _free_port()
            processes.append(subprocess.Popen(
                [str(GUNICORN), "regio.conf.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            urls.append(f"http://127.0.0.1:{port}")
        processes.append(subprocess.Popen([str(REGIO), "worker", "--concurrency", "1", "--loglevel", "WARNING"],
                                          env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for url in urls:
            for _ in range(150):
                if _reachable("127.0.0.1", int(url.rsplit(":", 1)[1])):
                    break
                time.sleep(0.2)
        a, b = urls

        session = requests.Session()
        login = f"{a}/account/inloggen/"
        session.post(login, data={"username": "leiden", "password": "regio-demo",
                                  "csrfmiddlewaretoken": _csrf(session, login)}, headers={"Referer": login})
        upload_b = f"{b}/leidse-regio/documenten/nieuw/"
        assert session.get(upload_b, allow_redirects=False).status_code == 200  # signed in on A, known on B

        # An anonymous visitor's public search through B: answered, then served from the shared cache.
        public_search = f"{b}/openbaar/leidse-regio/documenten/?q=kademuur"
        first = requests.get(public_search)
        assert first.status_code == 200 and first.headers["X-Regio-Cache"] == "miss"
        cached = requests.get(public_search)
        assert cached.headers["X-Regio-Cache"] == "hit"
        found_before = set(re.findall(r"/openbaar/leidse-regio/documenten/\d+/", cached.text))

        upload_a = f"{a}/leidse-regio/documenten/nieuw/"
        response = session.post(
            upload_a, allow_redirects=False, headers={"Referer": upload_a},
            files=[("file", ("nota.txt", b"Nota over de kademuur\n\nDe kademuur wordt hersteld.", "text/plain"))],
            data={"kind": "", "visibility": "openbaar", "csrfmiddlewaretoken": _csrf(session, upload_a)})
        assert response.status_code == 302
        job = re.search(r"taak=(\d+)", response.headers["Location"]).group(1)

        status = f"{b}/leidse-regio/documenten/verwerking/{job}/"
        deadline = time.monotonic() + 120
        fragment = session.get(status).text
        while "hx-trigger" in fragment:
            assert time.monotonic() < deadline, fragment
            time.sleep(0.3)
            fragment = session.get(status).text
        assert "Document openen" in fragment, fragment
        document = re.search(r'href="(/leidse-regio/documenten/\d+/)"', fragment).group(1)
        assert "De kademuur wordt hersteld." in session.get(b + document).text
        assert "De kademuur wordt hersteld." in session.get(a + document).text

        # The same anonymous search through B now finds the document made through A (and the worker):
        # the change raised the region's version, so B does not answer from the page it cached.
        after = requests.get(public_search)
        assert after.headers["X-Regio-Cache"] == "miss"
        assert f"/openbaar{document}" not in found_before
        assert f"/openbaar{document}" in after.text
        assert requests.get(public_search).headers["X-Regio-Cache"] == "hit"
        assert any((tmp_path / "gedeeld" / "documents").rglob("*"))  # the original is in the shared storage
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
