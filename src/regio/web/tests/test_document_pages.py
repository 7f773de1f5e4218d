"""Document pages: upload (errors named by file), list, detail per page, search; visibility and query counts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio.access.policies import SYSTEM
from regio.core.models import Visibility
from regio.documents.models import Document
from regio.documents.services import document_intake
from regio.jobs.models import Job


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def url(world, name, **kwargs):
    return reverse(f"web:{name}", kwargs={"region": world.region.slug, **kwargs})


def add(world, title: str, body: str, visibility=Visibility.PUBLIC):
    text = f"{title}\n\nLeiden, 4 maart 2024\n\n{body}"
    return document_intake(actor=SYSTEM, region=world.region, data=text.encode(), filename=f"{title}.txt",
                           visibility=visibility).document


def test_upload_stores_and_shows_the_document(world, client_for, settings):
    settings.REGIO_JOBS_MODE = "eager"  # the job runs within the request (threads and workers: jobs/tests)
    client = client_for(world.user("editor_own"))
    upload = SimpleUploadedFile("nota.txt", "Nota fietsroutes\n\nDe fietsroute wordt verlengd.\fPagina twee.".encode())
    response = client.post(url(world, "document-upload"), {"file": upload, "kind": "", "visibility": "intern"})
    document = Document.objects.get()
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == url(world, "upload-jobs") + f"?taak={job.pk}"
    progress = client.get(response["Location"]).content.decode()
    assert "nota.txt" in progress and f'href="{document.get_absolute_url()}"' in progress
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Nota fietsroutes" in page and 'id="pagina-2"' in page and "Pagina twee." in page


def test_a_bad_upload_names_the_file_and_stores_nothing(world, client_for, media_root, settings):
    settings.REGIO_JOBS_MODE = "eager"
    client = client_for(world.user("coordinator"))
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 this is not really a pdf")
    response = client.post(url(world, "document-upload"), {"file": upload, "kind": "", "visibility": "intern"},
                           follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "scan.pdf: " in page and "Opnieuw proberen" in page
    assert not Document.objects.exists()
    # Only the staged upload is kept, for a retry; no original was stored.
    assert not (media_root / "documents").exists() or not any(p.is_file() for p in (media_root / "documents").rglob("*"))


def test_readers_and_visitors_may_not_upload(world, client_for, client):
    assert client_for(world.user("reader")).get(url(world, "document-upload")).status_code == 403
    assert client_for(world.user("anonymous")).get(url(world, "document-upload")).status_code == 403
    client.logout()
    response = client.get(url(world, "document-upload"))
    assert response.status_code == 302 and "inloggen" in response["Location"]


def test_internal_documents_are_hidden_from_anonymous_visitors(world, client_for):
    secret = add(world, "Vertrouwelijke notitie", "De grondprijs van het kavel.", visibility=Visibility.INTERNAL)
    add(world, "Openbare notitie", "Het kavel wordt verkocht.")
    anonymous = client_for(world.user("anonymous"))
    listing = anonymous.get(url(world, "document-list")).content.decode()
    assert "Openbare notitie" in listing and "Vertrouwelijke notitie" not in listing
    assert anonymous.get(secret.get_absolute_url()).status_code == 404
    results = anonymous.get(url(world, "search"), {"q": "kavel"}).content.decode()
    assert "Openbare notitie" in results and "Vertrouwelijke" not in results and "grondprijs" not in results
    reader = client_for(world.user("reader"))
    assert "Vertrouwelijke notitie" in reader.get(url(world, "search"), {"q": "kavel"}).content.decode()


def test_search_page_highlights_stemmed_hits_and_escapes_text(world, client_for):
    add(world, "Woningen <b>nu</b>", "Elke woning telt & de wijk <script>x()</script> groeit.")
    page = client_for(world.user("anonymous")).get(url(world, "search"), {"q": "woningen"}).content.decode()
    assert "<mark>woning</mark>" in page
    assert "<script>x()" not in page and "Woningen &lt;b&gt;nu&lt;/b&gt;" in page
    if connection.vendor == "sqlite":
        # PostgreSQL's ts_headline leaves markup-like words out of a snippet; SQLite keeps and escapes them.
        assert "&lt;script&gt;" in page


def test_search_page_filters_and_bad_input(world, client_for):
    add(world, "Havennota", "Over de haven.")
    client = client_for(world.user("anonymous"))
    assert "Havennota" not in client.get(url(world, "search"), {"q": "haven", "kind": "verslag"}).content.decode()
    response = client.get(url(world, "search"), {"q": "haven", "date_from": "2030-01-01", "date_to": "2020-01-01"})
    assert response.status_code == 200 and "Havennota" not in response.content.decode()
    assert client.get(url(world, "search"), {"q": "haven", "page": "x"}).status_code == 200


def _queries(client, address, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address, params or {}).status_code == 200
    return len(captured)


def test_list_and_search_pages_cost_the_same_with_more_documents(world, client_for):
    client = client_for(world.user("reader"))
    for n in range(2):
        add(world, f"Notitie {n}", "Over de bibliotheek.")
    list_small = _queries(client, url(world, "document-list"))
    search_small = _queries(client, url(world, "search"), {"q": "bibliotheek"})
    detail_small = _queries(client, Document.objects.first().get_absolute_url())
    for n in range(2, 12):
        add(world, f"Notitie {n}", "Over de bibliotheek.\fEn een tweede bladzijde over de bibliotheek.")
    assert _queries(client, url(world, "document-list")) == list_small
    assert _queries(client, url(world, "search"), {"q": "bibliotheek"}) == search_small
    assert _queries(client, Document.objects.last().get_absolute_url()) == detail_small
