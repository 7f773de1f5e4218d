"""Woo publication: a sitemap (sitemaps.org) of a region's published documents with DiWoo metadata,
so the national Woo index (open.overheid.nl) can harvest them.

Each <url> carries a `diwoo:Document/diwoo:DiWoo` block with the publisher (the municipality when the
document concerns exactly one member, else the region), the official title, the information
category, the creation date, the language and the format. The information categories and the mapping
from Regio's document kinds come from `regio/data/woo_categories.yaml`, not from code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from xml.etree import ElementTree as ET

import yaml
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from regio.core.models import Visibility
from regio.documents.models import Document
from regio.regions.models import Municipality, Region

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DIWOO_NS = "https://standaarden.overheid.nl/diwoo/metadata/"
LANGUAGE_URI = "http://publications.europa.eu/resource/authority/language/NLD"
FILE_TYPE_URI = "http://publications.europa.eu/resource/authority/file-type/"
MUNICIPALITY_URI = "https://identifier.overheid.nl/tooi/id/gemeente/"
# File types by media type, as the EU file-type authority table names them.
FILE_TYPES = {
    "application/pdf": "PDF",
    "text/html": "HTML",
    "text/plain": "TXT",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/msword": "DOC",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/tiff": "TIFF",
}


@dataclass(frozen=True)
class WooCategory:
    code: str
    label: str
    uri: str


@dataclass(frozen=True)
class WooCategories:
    categories: dict[str, WooCategory]
    by_kind: dict[str, str]
    default: str

    def for_kind(self, kind: str) -> WooCategory:
        return self.categories[self.by_kind.get(kind, self.default)]


def parse_categories(text: str) -> WooCategories:
    data = yaml.safe_load(text)
    categories = {
        code: WooCategory(code, str(entry["label"]), str(entry["uri"])) for code, entry in data["categories"].items()
    }
    by_kind = {str(kind): str(code) for kind, code in (data.get("kinds") or {}).items()}
    default = str(data["default"])
    unknown = {code for code in [*by_kind.values(), default] if code not in categories}
    if unknown:
        raise ValueError(f"woo_categories.yaml names unknown categories: {', '.join(sorted(unknown))}")
    return WooCategories(categories, by_kind, default)


@functools.cache
def woo_categories() -> WooCategories:
    return parse_categories((resources.files("regio.data") / "woo_categories.yaml").read_text(encoding="utf-8"))


def published_documents(region: Region):
    return (
        Document.objects.filter(region=region, visibility=Visibility.PUBLIC)
        .prefetch_related("municipalities")
        .order_by("-document_date", "-created_at", "-pk")
    )


def woo_sitemap(*, region: Region, documents, absolute_url, categories: WooCategories | None = None) -> bytes:
    categories = categories or woo_categories()
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("diwoo", DIWOO_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    members = {m.pk for m in Municipality.objects.filter(memberships__region=region)}
    for document in documents:
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        path = reverse("publication:document-detail", kwargs={"region": region.slug, "pk": document.pk})
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute_url(path)
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = timezone.localtime(document.updated_at).isoformat(
            timespec="seconds"
        )
        diwoo = ET.SubElement(ET.SubElement(url, _d("Document")), _d("DiWoo"))
        concerned = [m for m in document.municipalities.all() if m.pk in members]
        if len(concerned) == 1:
            publisher_uri, publisher = MUNICIPALITY_URI + concerned[0].cbs_code.lower(), f"Gemeente {concerned[0].name}"
        else:
            publisher_uri, publisher = (
                absolute_url(reverse("publication:region-home", kwargs={"region": region.slug})),
                region.name,
            )
        ET.SubElement(diwoo, _d("publisher"), resource=publisher_uri).text = publisher
        titles = ET.SubElement(diwoo, _d("titelcollectie"))
        ET.SubElement(titles, _d("officieleTitel")).text = document.title
        category = categories.for_kind(document.kind)
        collection = ET.SubElement(ET.SubElement(diwoo, _d("classificatiecollectie")), _d("informatiecategorieen"))
        ET.SubElement(collection, _d("informatiecategorie"), resource=category.uri).text = category.label
        created = document.document_date or timezone.localdate(document.created_at)
        ET.SubElement(diwoo, _d("creatiedatum")).text = created.isoformat()
        ET.SubElement(diwoo, _d("language"), resource=LANGUAGE_URI).text = "Nederlands"
        file_type = FILE_TYPES.get(document.media_type.split(";")[0].strip().lower())
        if file_type:
            ET.SubElement(diwoo, _d("format"), resource=FILE_TYPE_URI + file_type).text = file_type.lower()
        else:
            ET.SubElement(diwoo, _d("format")).text = document.media_type
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True)


def _d(name: str) -> str:
    return f"{{{DIWOO_NS}}}{name}"


def woo_sitemap_view(request, region: str) -> HttpResponse:
    region_obj = get_object_or_404(Region, slug=region)
    body = woo_sitemap(
        region=region_obj, documents=published_documents(region_obj), absolute_url=request.build_absolute_uri
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
