"""The embedded default end to end: `regio demo` served by `regio serve`, no broker, nothing else
installed. An upload is read by a thread of the server process; the pages show progress, the error
of a broken file and its retry; a job queued before a restart is picked up after it.
"""

from __future__ import annotations

import re
import time

import pytest

from regio.web.tests.live import demo_server

requests = pytest.importorskip("requests")

# Queued by a server process that was stopped before its thread ran the job (a web restart).
PREPARE = """
from datetime import timedelta
from django.core.files.base import ContentFile
from django.utils import timezone
from regio.jobs.handlers import stage_upload
from regio.jobs.models import Job
from regio.regions.models import Region

region = Region.objects.get(slug="leidse-regio")
path, sha256 = stage_upload(ContentFile(b"Nota over de warmterotonde.\\n\\nDe route wordt verlengd.", name="wees.txt"))
job = Job.objects.create(kind="document_intake", idempotency_key=f"document_intake:{region.pk}:{sha256}",
                         region=region, label="wees.txt",
                         params={"path": path, "filename": "wees.txt", "kind": "", "visibility": "intern"})
Job.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
"""


def _csrf(session, url: str) -> str:
    page = session.get(url).text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def _poll(session, url: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        fragment = session.get(url).text
        if "hx-trigger" not in fragment:  # finished: no more polling
            return fragment
        time.sleep(0.3)
    raise AssertionError(f"{url} kept polling for {seconds} s: {fragment}")


def test_without_a_broker_the_server_reads_uploads_in_a_thread(tmp_path):
    with demo_server(tmp_path, prepare=PREPARE) as base:
        session = requests.Session()
        login = f"{base}/account/inloggen/"
        response = session.post(login, data={"username": "leiden", "password": "regio-demo",
                                             "csrfmiddlewaretoken": _csrf(session, login)}, headers={"Referer": login})
        assert response.ok and "inloggen" not in response.url

        upload = f"{base}/leidse-regio/documenten/nieuw/"
        files = [("file", ("nota.txt", "Nota fietsroutes\n\nDe fietsroute wordt verlengd.".encode(), "text/plain")),
                 ("file", ("kapot.pdf", b"%PDF-1.4 this is not really a pdf", "application/pdf"))]
        started = time.monotonic()
        response = session.post(upload, files=files, allow_redirects=False, headers={"Referer": upload},
                                data={"kind": "", "visibility": "intern", "csrfmiddlewaretoken": _csrf(session, upload)})
        answered = time.monotonic() - started
        assert response.status_code == 302, response.text[:500]
        page = session.get(base + response.headers["Location"]).text
        jobs = dict(re.findall(r'id="taak-(\d+)".*?<strong>([^<]+)</strong>', page, re.S))
        assert sorted(jobs.values()) == ["kapot.pdf", "nota.txt"], page

        by_name = {name: pk for pk, name in jobs.items()}
        good = _poll(session, f"{base}/leidse-regio/documenten/verwerking/{by_name['nota.txt']}/")
        assert "Document openen" in good
        document = re.search(r'href="(/leidse-regio/documenten/\d+/)"', good).group(1)
        assert "Nota fietsroutes" in session.get(base + document).text

        bad_url = f"{base}/leidse-regio/documenten/verwerking/{by_name['kapot.pdf']}/"
        bad = _poll(session, bad_url)
        assert "kapot.pdf: " in bad and "Opnieuw proberen" in bad
        retry = session.post(bad_url + "opnieuw/", headers={"HX-Request": "true", "Referer": bad_url,
                                                            "X-CSRFToken": session.cookies["csrftoken"]})
        assert retry.ok and "hx-trigger" in retry.text  # queued again
        assert "Opnieuw proberen" in _poll(session, bad_url)

        # The job left over from before the restart is picked up once its page is asked for.
        latest = session.get(f"{base}/leidse-regio/documenten/verwerking/").text
        orphan = re.search(r'id="taak-(\d+)"[^>]*>\s*<p class="utrecht-paragraph"><strong>wees.txt', latest).group(1)
        assert "Document openen" in _poll(session, f"{base}/leidse-regio/documenten/verwerking/{orphan}/")
    print(f"upload of two files answered in {answered:.2f} s")
