"""The Woo sitemap with DiWoo metadata, and the information categories read from the data file."""

# ruff: noqa: F811 -- the shared `export_scene` fixture is imported, and tests name it as a parameter

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from regio.documents.models import DocumentKind
from regio.publication.tests.api_scene import make_document
from regio.publication.tests.export_scene import MARK, export_scene  # noqa: F401 (fixture)
from regio.publication.woo import DIWOO_NS, SITEMAP_NS, parse_categories, woo_categories, woo_sitemap

S, D = f"{{{SITEMAP_NS}}}", f"{{{DIWOO_NS}}}"


def test_every_document_kind_maps_to_a_category_from_the_data_file():
    categories = woo_categories()
    assert categories.for_kind(DocumentKind.COUNCIL_LETTER).label == "Bij vertegenwoordigende organen ingekomen stukken"
    assert categories.for_kind(DocumentKind.MINUTES).label == "Vergaderstukken decentrale overheden"
    for kind in DocumentKind.values:
        assert categories.for_kind(kind).uri.startswith("https://identifier.overheid.nl/tooi/def/thes/kern/c_")


def test_a_category_file_naming_an_unknown_category_is_refused():
    with pytest.raises(ValueError, match="onbekend"):
        parse_categories("categories: {a: {label: A, uri: 'u'}}\nkinds: {brief: onbekend}\ndefault: a\n")


@pytest.mark.django_db
def test_the_sitemap_lists_published_documents_with_diwoo_metadata(export_scene, client):
    world = export_scene.world
    minutes = make_document(
        world.region, title="Verslag overleg", visibility="openbaar", text="Verslag.", kind=DocumentKind.MINUTES
    )
    minutes.municipalities.set([world.own, world.other])
    response = client.get(reverse("open-data:woo-sitemap", kwargs={"region": world.region.slug}))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert MARK.encode() not in response.content
    urlset = ET.fromstring(response.content)
    assert urlset.tag == f"{S}urlset"
    by_title = {}
    for url in urlset.findall(f"{S}url"):
        assert url.findtext(f"{S}loc").startswith("http://testserver/openbaar/")
        assert url.findtext(f"{S}lastmod")
        diwoo = url.find(f"{D}Document/{D}DiWoo")
        by_title[diwoo.findtext(f"{D}titelcollectie/{D}officieleTitel")] = diwoo
    assert set(by_title) == {"Raadsinformatiebrief warmte", "Verslag overleg"}
    letter = by_title["Raadsinformatiebrief warmte"]
    publisher = letter.find(f"{D}publisher")
    assert publisher.text == f"Gemeente {world.own.name}"
    assert publisher.get("resource") == f"https://identifier.overheid.nl/tooi/id/gemeente/{world.own.cbs_code.lower()}"
    category = letter.find(f"{D}classificatiecollectie/{D}informatiecategorieen/{D}informatiecategorie")
    assert category.text == "Bij vertegenwoordigende organen ingekomen stukken"
    assert category.get("resource").endswith("c_8c840238")
    assert letter.findtext(f"{D}creatiedatum") == "2019-01-31"
    assert letter.find(f"{D}language").get("resource").endswith("/NLD")
    assert letter.find(f"{D}format").get("resource").endswith("/TXT")
    # Concerning several municipalities, the region publishes it.
    assert by_title["Verslag overleg"].find(f"{D}publisher").text == world.region.name
    category = by_title["Verslag overleg"].find(
        f"{D}classificatiecollectie/{D}informatiecategorieen/{D}informatiecategorie"
    )
    assert category.text == "Vergaderstukken decentrale overheden"


@pytest.mark.django_db
def test_the_categories_come_from_the_data_given(export_scene):
    custom = parse_categories("categories: {x: {label: Eigen categorie, uri: 'https://example.org/x'}}\ndefault: x\n")
    world = export_scene.world
    body = woo_sitemap(
        region=world.region, documents=[export_scene.document], absolute_url=lambda p: p, categories=custom
    )
    assert b"Eigen categorie" in body and b"https://example.org/x" in body
