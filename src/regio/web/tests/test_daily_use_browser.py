"""Daily use in a real browser (headless Chromium) on the demo: a phone-sized screen (390 × 844) has
no page wider than the screen and a working disclosure menu, the status form keeps and submits its
date, and axe-core finds no WCAG 2.1 AA violation at phone size either."""

from __future__ import annotations

import datetime
import json

import pytest

from regio.publication.tests.test_accessibility import (
    AXE,
    PUBLISH_LETTER,
    axe_violations,
    first_link,
    public_pages,
    sign_in,
)
from regio.web.tests.live import CHROMIUM, CHROMIUM_ARGS, demo_server, require_chromium

pytestmark = pytest.mark.browser

REGION = "leidse-regio"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    with demo_server(tmp_path_factory.mktemp("regio-home"), prepare=PUBLISH_LETTER, ready_path="/openbaar/") as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    yield context.new_page()
    context.close()


def signed_in_pages(page, server: str) -> list[str]:
    """One page of every signed-in type, found by following links (the test needs no ids)."""
    base = f"/{REGION}"
    pages = [f"{base}/{path}" for path in (
        "", "onderwerpen/", "onderwerpen/nieuw/", "gremia/", "vergaderingen/", "vergaderingen/nieuw/", "afspraken/",
        "afspraken/nieuw/", "toezeggingen/", "toezeggingen/nieuw/", "tijdlijn/", "minder-overleg/", "documenten/",
        "documenten/nieuw/", "zoeken/?q=warmte", "brieven/", "dashboard/", "gemeenten/leiden/",
        "gemeenten/leiden/toezeggingen/", "vergaderingen/kalender/", "zoeken/?q=warmterotunde",
    )]
    topic = first_link(page, server, f"{base}/onderwerpen/", rf"{base}/onderwerpen/(?!nieuw/)[\w-]+/")
    pages += [topic, topic + "status/", topic + "trekker/", topic + "bewerken/"]
    for list_path, pattern in [
        (f"{base}/gremia/", rf"{base}/gremia/(?!nieuw/)[\w-]+/"),
        (f"{base}/vergaderingen/", rf"{base}/vergaderingen/\d+/"),
        (f"{base}/afspraken/", rf"{base}/afspraken/\d+/"),
        (f"{base}/toezeggingen/", rf"{base}/toezeggingen/\d+/"),
    ]:
        pages.append(first_link(page, server, list_path, pattern))
    document = first_link(page, server, f"{base}/documenten/", rf"{base}/documenten/\d+/")
    return [*pages, document, document + "beoordelen/"]


def all_public_pages(page, server: str) -> list[str]:
    """The public page types of the accessibility test, plus the calendar and the search."""
    return [*public_pages(page, server), f"/openbaar/{REGION}/vergaderingen/kalender/",
            f"/openbaar/{REGION}/zoeken/?q=warmterotunde"]


def too_wide(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
             .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
             .slice(0, 5).map(el => el.tagName + '.' + el.className)"""
    )


def test_no_page_is_wider_than_a_phone(server, phone):
    found = {}
    pages = all_public_pages(phone, server)
    sign_in(phone, server, "coordinator")
    pages += signed_in_pages(phone, server)
    assert len(pages) > 40
    for path in pages:
        response = phone.goto(server + path)
        assert response.status == 200, path
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found[path] = (width, too_wide(phone))
    assert not found, json.dumps(found, indent=2)


@pytest.mark.parametrize("path", [f"/openbaar/{REGION}/", f"/{REGION}/"])
def test_the_menu_is_a_disclosure_button_on_a_phone(server, phone, path):
    if not path.startswith("/openbaar"):
        sign_in(phone, server, "coordinator")
    phone.goto(server + path)
    button = phone.locator(".regio-menu-button")
    nav = phone.locator(".regio-nav")
    assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    # Collapsed, the header takes little room: the page's content starts in the first screen (on the
    # signed-in home that is "Mijn werk", above the region's heading).
    assert phone.locator("main").bounding_box()["y"] < 200
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and nav.is_visible()
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false" and not nav.is_visible()


def test_without_javascript_the_menu_stays_open(server, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(server + f"/openbaar/{REGION}/")
    assert page.locator(".regio-nav").is_visible()
    assert not page.locator(".regio-menu-button").is_visible()
    context.close()


def test_on_a_wide_screen_the_menu_is_always_shown(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + f"/openbaar/{REGION}/")
    assert page.locator(".regio-nav").is_visible()
    assert not page.locator(".regio-menu-button").is_visible()
    context.close()


def test_the_status_form_keeps_and_submits_its_date(server, phone):
    """Defect: the date input came up empty (a Dutch date the browser dropped) and the form said "Dit veld is vereist"."""
    sign_in(phone, server, "coordinator")
    topic = first_link(phone, server, f"/{REGION}/onderwerpen/", rf"/{REGION}/onderwerpen/(?!nieuw/)[\w-]+/")
    phone.goto(server + topic + "status/")
    date = phone.locator("#id_changed_on")
    today = datetime.date.today().isoformat()
    assert date.input_value() == today
    options = phone.locator("#id_status option").evaluate_all("os => os.map(o => o.value).filter(Boolean)")
    phone.select_option("#id_status", options[0])
    phone.fill("#id_reason", "Besproken in het overleg van de colleges.")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_load_state()
    assert phone.url.rstrip("/").endswith(topic.rstrip("/")), phone.url
    assert "Dit veld is vereist" not in phone.content()


@pytest.mark.parametrize("username", [None, "coordinator"])
def test_axe_finds_no_violation_at_phone_size(server, browser, username):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core from package.json)")
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    page = context.new_page()
    if username:
        sign_in(page, server, username)
        pages = signed_in_pages(page, server)
    else:
        pages = all_public_pages(page, server)
    found = {}
    for path in pages:
        assert page.goto(server + path).status == 200, path
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    context.close()
    assert not found, json.dumps(found, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("username", [None, "coordinator"])
def test_the_header_search_forgives_a_misspelling(server, browser, username):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    if username:
        sign_in(page, server, username)
        page.goto(server + f"/{REGION}/onderwerpen/")
    else:
        page.goto(server + f"/openbaar/{REGION}/onderwerpen/")
    page.fill("#header-search", "warmterotunde")
    page.locator(".regio-header-search button[type=submit]").click()
    page.wait_for_load_state()
    topics = page.locator("section[aria-labelledby=groep-topic]")
    assert topics.locator("a", has_text="Warmterotonde").count() >= 1
    assert "warmterotonde" in page.locator("main").inner_text()
    context.close()


def test_print_shows_the_content_without_the_controls(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(server + f"/openbaar/{REGION}/vergaderingen/")
    page.emulate_media(media="print")
    assert not page.locator(".regio-nav").is_visible()
    assert not page.locator(".regio-header-search").is_visible()
    assert not page.locator(".regio-footer").is_visible()
    assert page.locator("main h1").is_visible()
    context.close()
