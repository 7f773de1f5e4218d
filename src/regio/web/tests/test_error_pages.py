"""Our own Dutch 403, 404 and 500 pages with the site's navigation; the 500 page needs no database."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import path, reverse
from django.views.defaults import server_error

from regio.conf import urls as site_urls


def broken_view(request):
    raise RuntimeError("a defect")


urlpatterns = [path("kapot/", broken_view), *site_urls.urlpatterns]
handler403, handler404 = site_urls.handler403, site_urls.handler404


def test_the_500_page_is_ours_in_dutch_and_needs_no_database():
    # No django_db mark: any query here would fail the test.
    response = server_error(RequestFactory().get("/kapot/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1 class=\"utrecht-heading-1\">Er ging iets mis</h1>" in page
    assert 'href="/"' in page and "Direct naar de inhoud" in page and "regio.css" in page


@pytest.mark.django_db
def test_an_exception_in_a_view_shows_the_500_page(client, settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/kapot/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_404_page_is_dutch_and_keeps_the_region_navigation(world, client_for):
    client = client_for(world.user("reader"))
    unknown = client.get("/bestaat-niet/")
    assert unknown.status_code == 404
    assert "Pagina niet gevonden" in unknown.content.decode()
    assert "Terug naar de startpagina" in unknown.content.decode()
    missing_topic = client.get(reverse("web:topic-detail", args=[world.region.slug, "bestaat-niet"]))
    page = missing_topic.content.decode()
    assert missing_topic.status_code == 404
    assert "Pagina niet gevonden" in page
    assert 'aria-label="Hoofdmenu"' in page
    assert reverse("web:topic-list", args=[world.region.slug]) in page


@pytest.mark.django_db
def test_the_403_page_is_dutch_gives_the_reason_and_keeps_the_region_navigation(world, client_for):
    client = client_for(world.user("reader"))
    response = client.get(reverse("web:document-upload", args=[world.region.slug]))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Niet toegestaan" in page
    assert "Alleen de regiocoördinator en redacteuren mogen documenten toevoegen." in page
    assert reverse("web:topic-list", args=[world.region.slug]) in page
