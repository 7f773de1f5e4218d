"""Jobs run for real by a Celery worker process against the real Redis (the embedded default without a
broker: test_embedded.py).

Every part runs as its own process (`regio worker`, `regio shell` submitting as the web server
would) on one SQLite file, with a Redis database number and a queue name of its own.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from regio.documents.readers.ocr import tesseract_available
from regio.jobs.models import JobState

REGIO = Path(sys.executable).parent / "regio"
REDIS_URL = os.environ.get("REGIO_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")

SUBMIT = """
import json
from django.core.files.base import ContentFile
from regio.documents.tests.data import make
from regio.jobs.handlers import stage_upload
from regio.jobs.services import job_submit
from regio.regions.models import Region

region, _ = Region.objects.get_or_create(slug="werkregio", defaults={"name": "Werkregio"})
pages = ["Raadsinformatiebrief over de fietsroute, pagina %d. Leiden, 4 maart 2024." % n for n in range(1, 5)]
files = {"scan.pdf": make.scanned_pdf(pages), "kapot.pdf": b"%PDF-1.4 this is not really a pdf"}
ids = {}
for name in ["scan.pdf", "kapot.pdf", "scan.pdf"]:
    path, sha256 = stage_upload(ContentFile(files[name], name=name))
    job = job_submit(kind="document_intake", idempotency_key=f"document_intake:{region.pk}:{sha256}", region=region,
                     label=name, params={"path": path, "filename": name, "kind": "", "visibility": "intern"})
    ids.setdefault(name, []).append(job.pk)
# The same job delivered a second time, as a broker may do.
from regio.jobs.celery import run_job
run_job.apply_async(args=[ids["scan.pdf"][0]], queue=run_job.app.conf.task_default_queue)
print(json.dumps(ids))
"""

RETRY = """
from regio.jobs.models import Job
from regio.jobs.services import job_retry
job_retry(job=Job.objects.get(pk={pk}))
"""


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _job(db: Path, pk: int) -> dict:
    with sqlite3.connect(db, timeout=30) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("SELECT * FROM jobs_job WHERE id = ?", [pk]).fetchone()
        return dict(row)


def _wait(db: Path, pk: int, states: set[str], seconds: float, seen: list | None = None) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(db, pk)
        if seen is not None:
            seen.append((job["done"], job["total"]))
        if job["state"] in states:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {pk} did not reach {states} in {seconds} s: {_job(db, pk)}")


@pytest.mark.skipif(not REGIO.exists(), reason=f"the regio command is not installed at {REGIO}")
@pytest.mark.skipif(not _redis_up(), reason="Redis is not running on 127.0.0.1:6379 (CI starts it)")
@pytest.mark.skipif(not tesseract_available(), reason="Tesseract is not installed (apt-get install tesseract-ocr-nld)")
def test_a_celery_worker_reads_an_ocr_upload_with_progress_fails_retries_and_does_work_once(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env.update(REGIO_HOME=str(tmp_path), REGIO_BROKER_URL=REDIS_URL, REGIO_JOB_QUEUE=f"regio-test-{uuid.uuid4().hex}",
               PYTHONPATH=os.pathsep.join(sys.path))
    db = tmp_path / "var" / "regio.sqlite3"
    subprocess.run([str(REGIO), "migrate", "--verbosity", "0"], env=env, cwd=tmp_path, check=True, timeout=300)
    worker = subprocess.Popen([str(REGIO), "worker", "--concurrency", "1", "--loglevel", "WARNING"], env=env,
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        submitted = subprocess.run([str(REGIO), "shell", "-c", SUBMIT], env=env, cwd=tmp_path, capture_output=True,
                                   text=True, timeout=120)
        assert submitted.returncode == 0, submitted.stderr[-2000:]
        ids = json.loads(submitted.stdout.strip().splitlines()[-1])
        scan, again = ids["scan.pdf"]
        assert again == scan  # the same file submitted twice: one job

        seen: list = []
        job = _wait(db, scan, {JobState.DONE, JobState.FAILED}, 240, seen)
        assert job["state"] == JobState.DONE, job["error"]
        assert (job["done"], job["total"], job["attempts"]) == (4, 4, 1)  # delivered twice, run once
        assert any(0 < done < 4 and total == 4 for done, total in seen), seen  # progress while running
        with sqlite3.connect(db) as conn:
            assert conn.execute("SELECT count(*), max(filename) FROM documents_document").fetchone() == (1, "scan.pdf")
            assert conn.execute("SELECT count(*) FROM documents_documentpage WHERE ocr").fetchone() == (4,)

        broken = _wait(db, ids["kapot.pdf"][0], {JobState.DONE, JobState.FAILED}, 120)
        assert broken["state"] == JobState.FAILED and broken["error"].startswith("kapot.pdf: ")
        retried = subprocess.run([str(REGIO), "shell", "-c", RETRY.format(pk=broken["id"])], env=env, cwd=tmp_path,
                                 capture_output=True, text=True, timeout=120)
        assert retried.returncode == 0, retried.stderr[-2000:]
        _wait(db, broken["id"], {JobState.QUEUED, JobState.RUNNING, JobState.FAILED}, 10)
        deadline = time.monotonic() + 120
        while _job(db, broken["id"])["attempts"] < 2 or _job(db, broken["id"])["state"] != JobState.FAILED:
            assert time.monotonic() < deadline, _job(db, broken["id"])
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
