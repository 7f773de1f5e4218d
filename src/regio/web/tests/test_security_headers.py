"""Headers on every HTML page: a Content-Security-Policy without inline script or style, a
Permissions-Policy; and the pages themselves carry no inline script, style element or style attribute."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from regio.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.found.append(f"<{tag} style=...>")
        if tag == "script" and not attrs.get("src"):
            self.found.append("<script> without src")
        if tag == "style" and not attrs.get("nonce"):
            self.found.append("<style> without nonce")
        self.found += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]


def page_urls(world) -> list[str]:
    topic = TopicFactory(region=world.region, title="Fietsroute", slug="fietsroute")
    slug = world.region.slug
    return [
        reverse("web:index"),
        reverse("web:region-home", args=[slug]),
        reverse("web:topic-list", args=[slug]),
        reverse("web:topic-detail", args=[slug, topic.slug]),
        reverse("web:topic-edit", args=[slug, topic.slug]),
        reverse("web:body-list", args=[slug]),
        reverse("web:meeting-list", args=[slug]),
        reverse("web:agreement-list", args=[slug]),
        reverse("web:commitment-list", args=[slug]),
        reverse("web:timeline", args=[slug]),
        reverse("web:document-list", args=[slug]),
        reverse("web:document-upload", args=[slug]),
        reverse("web:search", args=[slug]) + "?q=fiets",
        reverse("web:letters", args=[slug]),
        reverse("web:dashboard", args=[slug]),
        reverse("publication:region-home", args=[slug]),
        reverse("publication:topic-list", args=[slug]),
        reverse("publication:document-list", args=[slug]) + "?q=fiets",
        reverse("login"),
        "/bestaat-niet/",
    ]


def test_every_main_page_has_the_policies_and_no_inline_code(world, client_for):
    client = client_for(world.user("coordinator"))
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'", url
        assert directives["script-src"] == "'self'", url
        assert directives["style-src"] == "'self'", url  # no nonce unless the page needs one
        assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'", url
        assert "unsafe" not in policy, url
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
        finder = InlineFinder()
        finder.feed(response.content.decode())
        assert finder.found == [], (url, finder.found)


def test_the_region_colour_is_a_stylesheet(world, client):
    world.region.colour = "#1f5f8b"
    world.region.save()
    page = client.get(reverse("publication:region-home", args=[world.region.slug])).content.decode()
    href = f'{reverse("publication:theme-css", args=[world.region.slug])}?v=1f5f8b'
    assert f'<link rel="stylesheet" href="{href}">' in page
    response = client.get(href)
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert "--regio-region-colour: #1f5f8b;" in response.content.decode()
    assert "--regio-on-region-colour: #ffffff;" in response.content.decode()
    assert client.get(reverse("publication:theme-css", args=["geen-regio"])).status_code == 404


def test_htmx_is_configured_by_a_meta_tag(world, client_for):
    page = client_for(world.user("reader")).get(reverse("web:region-home", args=[world.region.slug]))
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in page.content.decode()
