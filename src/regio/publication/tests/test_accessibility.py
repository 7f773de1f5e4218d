"""axe-core in headless Chromium on every public page type and on the signed-in main pages:
no violation of the WCAG 2.1 A/AA rules.

The real `regio` command prepares the Leidse regio (plus one published letter, so the document
pages have something to show) and serves it; axe-core comes from npm (package.json) and is
injected into each page by the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from regio.web.tests.live import browser_context, demo_server, require_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[4]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REGION = "leidse-regio"

PUBLISH_LETTER = """
from regio.access.policies import SYSTEM
from regio.documents.services import document_intake
from regio.regions.models import Region
text = ("Raadsinformatiebrief Leidse regio\\n\\nDe colleges informeren de raden over de warmterotonde "
        "en de studentenhuisvesting. Het overleg van de colleges volgt in het eerste kwartaal.")
document_intake(actor=SYSTEM, region=Region.objects.get(slug="leidse-regio"), data=text.encode(),
                filename="raadsinformatiebrief.txt", kind="raadsinformatiebrief", visibility="openbaar")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    with demo_server(tmp_path_factory.mktemp("regio-home"), prepare=PUBLISH_LETTER, ready_path="/openbaar/") as url:
        yield url


@pytest.fixture(name="browser_context")
def browser_context_fixture(server):
    with browser_context() as context:
        yield context


@pytest.fixture
def page(browser_context):
    return browser_context.new_page()


def first_link(page, server: str, list_path: str, pattern: str) -> str:
    """The address of the first item linked from a list page (so the test needs no ids)."""
    page.goto(server + list_path)
    for href in page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        if href and re.fullmatch(pattern, href.split("#")[0]):
            return href.split("#")[0]
    raise AssertionError(f"no link like {pattern} on {list_path}")


def public_pages(page, server: str) -> list[str]:
    base = f"/openbaar/{REGION}"
    pages = [
        "/openbaar/toegankelijkheid/",
        f"{base}/",
        f"{base}/onderwerpen/",
        f"{base}/onderwerpen/?status=verkennen",
        f"{base}/gremia/",
        f"{base}/vergaderingen/",
        f"{base}/afspraken/",
        f"{base}/toezeggingen/",
        f"{base}/documenten/",
        f"{base}/documenten/?q=warmterotonde",
        f"{base}/tijdlijn/",
        f"{base}/nieuws/",
        f"{base}/toegankelijkheid/",
    ]
    details = [
        (f"{base}/onderwerpen/", rf"{base}/onderwerpen/[\w-]+/"),
        (f"{base}/gremia/", rf"{base}/gremia/[\w-]+/"),
        (f"{base}/vergaderingen/", rf"{base}/vergaderingen/\d+/"),
        (f"{base}/afspraken/", rf"{base}/afspraken/\d+/"),
        (f"{base}/toezeggingen/", rf"{base}/toezeggingen/\d+/"),
        (f"{base}/documenten/", rf"{base}/documenten/\d+/"),
    ]
    return pages + [first_link(page, server, list_path, pattern) for list_path, pattern in details]


def axe_violations(page) -> list[dict]:
    # Through the debugging protocol, not a <script> tag: the Content-Security-Policy (rightly) blocks inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [node["target"] for node in v["nodes"]][:5],
            "why": [node.get("failureSummary", "") for node in v["nodes"]][:2],
        }
        for v in result["violations"]
    ]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core from package.json)")
    return AXE


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_public_page_type_has_no_wcag_violation(server, browser_context, axe_source, language):
    browser_context.add_cookies([{"name": "django_language", "value": language, "url": server}])
    page = browser_context.new_page()
    found = {}
    pages = public_pages(page, server)
    assert len(pages) == 19
    for path in pages:
        response = page.goto(server + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


def sign_in(page, server: str, username: str) -> None:
    page.goto(server + "/account/inloggen/")
    page.fill("#id_username", username)
    page.fill("#id_password", "regio-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/tweestapsverificatie/instellen/" in page.url:
        # A coordinator sets up two-factor authentication first: do as the app would, from the shown key.
        import base64

        from django_otp.oath import totp

        key = base64.b32decode(page.locator("code.regio-secret").inner_text())
        page.fill("#id_token", f"{totp(key):06d}")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


@pytest.mark.parametrize("username", ["coordinator", "leiden"])
def test_signed_in_main_pages_have_no_wcag_violation(server, page, axe_source, username):
    sign_in(page, server, username)
    topic = first_link(page, server, f"/{REGION}/onderwerpen/", rf"/{REGION}/onderwerpen/(?!nieuw/)[\w-]+/")
    found = {}
    for path in [f"/{REGION}/", f"/{REGION}/onderwerpen/", topic]:
        response = page.goto(server + path)
        assert response.status == 200, path
        assert page.locator(".regio-user").count() == 1, "not signed in"
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


def test_axe_finds_a_violation_when_there_is_one(server, page, axe_source):
    """The check is live: an image without a text alternative on a real page is reported."""
    page.goto(server + f"/openbaar/{REGION}/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in {v["rule"] for v in axe_violations(page)}
