"""Keyboard only: the main flows of the public site with nothing but `keyboard.press`.

Skip link, the navigation, the topic filter form, opening a topic, and the language switch.
"""

from __future__ import annotations

import pytest

from regio.publication.tests.test_accessibility import REGION, browser_context_fixture, page, server  # noqa: F401

pytestmark = pytest.mark.browser
MAX_TABS = 80


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name'),
                href: e.getAttribute('href'), text: (e.innerText || '').trim()}; }"""
    )


def tab_to(page, matches, *, key="Tab") -> dict:
    """Press Tab until the focused element matches; fail when it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError("the element was never reached with the keyboard")


def test_skip_link_is_first_and_moves_focus_to_main(server, page):
    page.goto(f"{server}/openbaar/{REGION}/")
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main"
    assert page.locator(".utrecht-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    # The next Tab goes into the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_navigation_reaches_every_section(server, page):
    page.goto(f"{server}/openbaar/{REGION}/")
    nav_links = page.locator("nav.regio-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert len(nav_links) == 10  # with "Regelingen"
    reached = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        href = focused(page)["href"]
        if href in nav_links and href not in reached:
            reached.append(href)
        if len(reached) == len(nav_links):
            break
    assert reached == nav_links, "the navigation is reached in its visual order"
    # Follow the news link with Enter.
    page.goto(f"{server}/openbaar/{REGION}/")
    tab_to(page, lambda e: (e["href"] or "").endswith("/nieuws/"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/nieuws/")
    assert page.locator("nav.regio-nav a[aria-current=page]").inner_text() == "Nieuws"


def test_filter_form_and_opening_a_topic(server, page):
    page.goto(f"{server}/openbaar/{REGION}/onderwerpen/")
    total = page.locator("main table tbody tr").count()
    assert total > 1
    tab_to(page, lambda e: e["id"] == "filter-q")
    for key in "warmte":
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    page.wait_for_url("**/onderwerpen/?*q=warmte*")
    rows = page.locator("main table tbody tr")
    assert 0 < rows.count() < total
    assert "Warmterotonde" in rows.first.inner_text()

    # Choose a status with the arrow keys, submit with the button.
    tab_to(page, lambda e: e["id"] == "filter-status")
    page.keyboard.press("ArrowDown")
    chosen = page.locator("#filter-status").input_value()
    assert chosen
    tab_to(page, lambda e: e["tag"] == "button" and e["text"] == "Filteren")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**status={chosen}*")
    assert page.locator("#filter-status").input_value() == chosen

    # Open the topic from the list.
    page.goto(f"{server}/openbaar/{REGION}/onderwerpen/?q=warmte")
    tab_to(page, lambda e: e["text"] == "Warmterotonde")
    page.keyboard.press("Enter")
    page.wait_for_url("**/onderwerpen/warmterotonde/")
    assert page.locator("h1").inner_text() == "Warmterotonde"


def test_language_switch_with_the_keyboard(server, page):
    page.goto(f"{server}/openbaar/{REGION}/nieuws/")
    assert page.locator("html").get_attribute("lang") == "nl"
    tab_to(page, lambda e: e["id"] == "language-select")
    page.keyboard.press("ArrowDown")  # Nederlands -> English
    assert page.locator("#language-select").input_value() == "en"
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "button"
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.url.endswith("/nieuws/")
    assert page.locator("h1").inner_text() == "News"
