"""End to end: the real `regio` command prepares and serves the Leidse regio; headless Chromium reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from regio.web.tests.live import browser_context, demo_server, require_chromium

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[4]
SCREENSHOTS = REPO / "test-results"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    with demo_server(tmp_path_factory.mktemp("regio-home")) as url:
        yield url


@pytest.fixture
def page(server):
    with browser_context() as context:
        yield context.new_page()


def test_home_page_shows_the_region(server, page):
    page.goto(server + "/")
    assert page.url.endswith("/openbaar/leidse-regio/")  # an anonymous visitor gets the public site
    page.goto(server + "/account/inloggen/?next=/")
    page.fill("#id_username", "leiden")
    page.fill("#id_password", "regio-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/leidse-regio/")
    assert "/openbaar/" not in page.url
    assert page.locator("html").get_attribute("lang") == "nl"
    main = page.locator("main")
    for name in ["Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude"]:
        assert main.get_by_role("link", name=name, exact=True).first.is_visible()
    assert page.locator(".regio-spearhead").count() == 7
    for title in ["Warmterotonde", "Studentenhuisvesting", "Internationaal onderwijs"]:
        assert main.get_by_role("link", name=title).first.is_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home.png"), full_page=True)


def test_skip_link_is_first_and_reaches_main(server, page):
    page.goto(server + "/leidse-regio/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_topic_page_and_participation_change(server, page):
    page.goto(server + "/leidse-regio/")
    page.locator("main").get_by_role("link", name="Warmterotonde").first.click()
    page.wait_for_url("**/onderwerpen/warmterotonde/")
    assert page.locator("h1").inner_text() == "Warmterotonde"
    assert page.locator(".regio-matrix tbody tr").count() == 5
    page.screenshot(path=str(SCREENSHOTS / "topic.png"), full_page=True)

    # The editor for Leiden records that Leiden now only follows the topic (htmx, no page reload).
    page.goto(server + "/account/inloggen/?next=/leidse-regio/onderwerpen/warmterotonde/")
    page.fill("#id_username", "leiden")
    page.fill("#id_password", "regio-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/onderwerpen/warmterotonde/")
    row = page.locator("#deelname-leiden")
    row.locator("select").select_option("volgt")
    row.locator("button").click()
    page.locator("#deelname-leiden .regio-saved").wait_for()
    assert page.locator("#deelname-voorschoten select").count() == 0  # not Leiden's to change
    page.reload()
    assert page.locator("#deelname-leiden select").input_value() == "volgt"


def test_recording_a_decision_changes_the_consent_matrix(server, page):
    page.goto(server + "/account/inloggen/?next=/leidse-regio/afspraken/")
    page.fill("#id_username", "voorschoten")
    page.fill("#id_password", "regio-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/afspraken/")
    page.locator("main").get_by_role("link", name="Gedeelde inzet op internationaal onderwijs (voorbeeld)").click()
    state = page.locator("#consent [role=status]").first
    assert "Voorschoten" in state.inner_text()  # Voorschoten deferred its decision: not yet adopted by it
    row = page.locator("#besluit-voorschoten")
    assert row.locator("strong").count() == 0
    form = page.locator("form[action*='/besluit/voorschoten/']")
    assert page.locator("form[action*='/besluit/leiden/']").count() == 0  # not Voorschoten's to record
    form.locator("xpath=ancestor::details").locator("summary").click()
    form.locator("select[name=organ]").select_option("college")
    form.locator("select[name=outcome]").select_option("ingestemd")
    form.locator("input[name=decided_on]").fill("2019-07-02")
    form.locator("button[type=submit]").click()
    page.locator("#consent .regio-saved").wait_for()
    assert page.locator("#besluit-voorschoten strong").count() == 1  # now binding on Voorschoten
    assert "Voorschoten" not in page.locator("#consent [role=status]").first.inner_text()
    assert "Zoeterwoude" in page.locator("#consent [role=status]").first.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "agreement.png"), full_page=True)
