"""The Content-Security-Policy in a real browser: the main page types load without one violation,
and htmx still works under it (the real `regio` command serves the demo; headless Chromium)."""

from __future__ import annotations

import pytest

from regio.web.tests.live import browser_context, demo_server, require_chromium

pytestmark = pytest.mark.browser

R = "/leidse-regio"
PUBLIC_PAGES = [
    "/openbaar/leidse-regio/",
    "/openbaar/leidse-regio/onderwerpen/",
    "/openbaar/leidse-regio/onderwerpen/warmterotonde/",
    "/openbaar/leidse-regio/gremia/",
    "/openbaar/leidse-regio/vergaderingen/",
    "/openbaar/leidse-regio/afspraken/",
    "/openbaar/leidse-regio/toezeggingen/",
    "/openbaar/leidse-regio/documenten/?q=wonen",
    "/openbaar/leidse-regio/tijdlijn/",
    "/account/inloggen/",
]  # (the 404 page: the demo runs with debug on, so Django's debug page; test_security_headers covers ours)
SIGNED_IN_PAGES = [
    f"{R}/",
    f"{R}/onderwerpen/",
    f"{R}/onderwerpen/warmterotonde/",
    f"{R}/onderwerpen/nieuw/",
    f"{R}/gemeenten/leiden/",
    f"{R}/gremia/",
    f"{R}/vergaderingen/",
    f"{R}/afspraken/",
    f"{R}/toezeggingen/",
    f"{R}/tijdlijn/",
    f"{R}/minder-overleg/",
    f"{R}/documenten/",
    f"{R}/zoeken/?q=wonen",
    f"{R}/brieven/",
    f"{R}/dashboard/",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    with demo_server(tmp_path_factory.mktemp("regio-home")) as url:
        yield url


@pytest.fixture
def page(server):
    with browser_context() as context:
        page = context.new_page()
        page.violations = []
        page.on(
            "console",
            lambda message: page.violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None,
        )
        yield page


def sign_in(server, page, username: str, next_url: str) -> None:
    page.goto(f"{server}/account/inloggen/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", "regio-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{next_url}")


def test_main_page_types_load_without_a_csp_violation(server, page):
    for path in PUBLIC_PAGES:
        response = page.goto(server + path)
        assert "script-src 'self'" in response.headers["content-security-policy"], path
    sign_in(server, page, "leiden", f"{R}/")
    for path in SIGNED_IN_PAGES:
        response = page.goto(server + path)
        assert response.status == 200, path
    # A letter preview carries its own stylesheet: allowed by the request's nonce, nothing else.
    page.goto(f"{server}{R}/brieven/")
    page.select_option("select[name=municipality]", "leiden")
    page.fill("input[name=period_start]", "2018-09-01")
    page.fill("input[name=period_end]", "2019-02-28")
    page.fill("input[name=letter_date]", "2019-03-12")
    page.locator("main form button[value=preview]").click()
    page.locator(".regio-letter-preview").first.wait_for()
    assert page.violations == []


def test_the_region_colour_comes_from_the_theme_stylesheet(server, page):
    page.goto(f"{server}/openbaar/leidse-regio/")
    colour = page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--regio-region-colour').trim()"
    )
    assert colour.startswith("#") and len(colour) == 7
    assert page.violations == []


def test_htmx_works_under_the_policy(server, page):
    sign_in(server, page, "leiden", f"{R}/onderwerpen/warmterotonde/")
    row = page.locator("#deelname-leiden")
    row.locator("select").select_option("volgt")
    row.locator("button").click()
    page.locator("#deelname-leiden .regio-saved").wait_for()
    page.reload()
    assert page.locator("#deelname-leiden select").input_value() == "volgt"
    # htmx was told not to inject its own <style> (which the policy would refuse).
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.violations == []
