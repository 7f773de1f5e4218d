"""The letters page (preview, download, save) and the regional dashboard, with bounded queries."""

from __future__ import annotations

import io

import docx
import pytest

from regio.conftest import signed_in_fully
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.commitments.models import Commitment, CommitmentState
from regio.documents.models import Document

PERIOD = {"municipality": "voorschoten", "period_start": "2018-09-01", "period_end": "2019-02-28", "letter_date": "2019-02-20"}


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def coordinator(leidse_regio, client):
    from regio.access.tests.factories import GrantFactory, UserFactory

    user = GrantFactory(coordinator=True, region=leidse_regio, user=UserFactory(username="coordinator")).user
    return signed_in_fully(client, user)


def test_preview_download_and_save_fulfilling_the_promise(coordinator):
    page = coordinator.post("/leidse-regio/brieven/", {**PERIOD, "action": "preview"})
    assert page.status_code == 200
    assert "Aan de gemeenteraad van Voorschoten" in page.content.decode()
    pdf = coordinator.post("/leidse-regio/brieven/", {**PERIOD, "action": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    word = coordinator.post("/leidse-regio/brieven/", {**PERIOD, "action": "docx"})
    assert any(p.style.name == "Heading 1" for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    promise = Commitment.objects.get(title="Raden informeren over de concrete onderwerpen")
    saved = coordinator.post("/leidse-regio/brieven/", {**PERIOD, "action": "save", "commitment": promise.pk})
    assert saved.status_code == 302
    promise.refresh_from_db()
    assert promise.state == CommitmentState.FULFILLED
    assert Document.objects.filter(kind="raadsinformatiebrief", municipalities__slug="voorschoten").count() == 1


def test_bad_period_is_a_form_error_and_anonymous_may_not_prepare(leidse_regio, client):
    response = client.get("/leidse-regio/brieven/")
    assert response.status_code == 302 and response["Location"].startswith("/account/inloggen/")
    from regio.access.tests.factories import GrantFactory, UserFactory

    client.force_login(GrantFactory(reader=True, region=leidse_regio, user=UserFactory(username="lezer")).user)
    page = client.post("/leidse-regio/brieven/", {**PERIOD, "period_start": "2019-03-01", "action": "preview"})
    assert page.status_code == 200 and "regio-letter-preview" not in page.content.decode()
    # A reader may preview but not save.
    assert client.post("/leidse-regio/brieven/", {**PERIOD, "action": "save"}).status_code == 403


def test_dashboard_shows_charts_with_bounded_queries(leidse_regio, visitor):
    with CaptureQueriesContext(connection) as region_wide:
        page = visitor.get("/leidse-regio/dashboard/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<svg") == 3 and "Duurzaamheid" in html
    with CaptureQueriesContext(connection) as one:
        assert visitor.get("/leidse-regio/dashboard/?gemeente=leiden").status_code == 200
    # Signed in: the session, the user and the grants come on top of the page's own queries.
    assert len(region_wide.captured_queries) <= 20 and len(one.captured_queries) <= 20
