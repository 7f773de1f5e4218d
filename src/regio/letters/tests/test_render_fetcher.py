"""WeasyPrint loads only our own static files and the letter fonts: no local file, no network."""

from __future__ import annotations

import http.server
import re
import threading
import zlib

import pypdfium2
import pytest

from regio.letters.render.fetcher import LetterURLFetcher, RefusedResource
from regio.letters.render.pdf import html_to_pdf

PAGE_SIZE_CSS = "@page { size: 100mm 100mm; }"


@pytest.fixture
def web_server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = PAGE_SIZE_CSS.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def page_size_mm(pdf: bytes) -> tuple[int, int]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()
    finally:
        document.close()
    return round(width / 72 * 25.4), round(height / 72 * 25.4)


def letter_page(head: str) -> str:
    return f"<!DOCTYPE html><html lang='nl'><head><meta charset='utf-8'>{head}</head><body><p>Brief</p></body></html>"


def embedded_fonts(pdf: bytes) -> set[str]:
    names = set()
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            text = zlib.decompress(match.group(1))
        except zlib.error:
            continue
        names |= {name.decode().split("+")[-1] for name in re.findall(rb"/FontName\s*/([^/\s>]+)", text)}
    return names


def test_a_plain_letter_page_is_a4_with_the_letter_font():
    pdf = html_to_pdf(letter_page(""))
    assert page_size_mm(pdf) == (210, 297)
    assert "Regio-Sans" in embedded_fonts(pdf)  # loaded from file:///usr/share/fonts/... through the fetcher


def test_a_stylesheet_on_another_server_is_not_fetched(web_server):
    url, hits = web_server
    pdf = html_to_pdf(letter_page(f"<link rel='stylesheet' href='{url}/page.css'><img src='{url}/logo.png'>"))
    assert hits == []
    assert page_size_mm(pdf) == (210, 297)


def test_a_local_file_is_not_read(tmp_path):
    stylesheet = tmp_path / "page.css"
    stylesheet.write_text(PAGE_SIZE_CSS)
    pdf = html_to_pdf(letter_page(f"<link rel='stylesheet' href='{stylesheet.as_uri()}'>"
                                  "<img src='file:///etc/passwd'><img src='../../../../etc/passwd'>"))
    assert page_size_mm(pdf) == (210, 297)  # the stylesheet would have made it 100 × 100 mm


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///etc/hostname",
    "file://otherhost/static/regio/regio.css",
    "file:///static/../etc/passwd",
    "file:///usr/share/fonts/truetype/dejavu/../../../../etc/passwd",
    "http://127.0.0.1:1/x.css",
    "https://example.org/x.png",
    "ftp://example.org/x.png",
])
def test_the_fetcher_refuses(url):
    with pytest.raises(RefusedResource):
        LetterURLFetcher().fetch(url)


def test_the_fetcher_serves_our_static_files_and_the_fonts():
    fetcher = LetterURLFetcher()
    for url, start in [
        ("file:///static/regio/regio.css", b".regio-"),
        ("file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", b"\x00\x01\x00\x00"),
        ("data:text/plain,hallo", b"hallo"),
    ]:
        response = fetcher.fetch(url)
        try:
            body = response.read()
        finally:
            response.close()
        assert start in body[:200_000], url
