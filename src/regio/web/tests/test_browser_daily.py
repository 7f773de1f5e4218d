"""End to end for issue #12 (daily use): the lead form refuses a municipality that stays out, the
participation of all municipalities is edited in one form, and a whole group of findings is
reviewed at once and undone. The real `regio` command serves the demo; headless Chromium uses it."""

from __future__ import annotations

import pytest

from regio.web.tests.live import browser_context, demo_server, require_chromium

pytestmark = pytest.mark.browser

# Voorschoten stays out of the Warmterotonde; a short letter (written for this test) waits for review.
PREPARE = """
from regio.access.policies import SYSTEM
from regio.documents.services import document_intake
from regio.regions.models import Municipality, Region
from regio.topics.models import Participation, Topic
topic = Topic.objects.get(slug="warmterotonde")
Participation.objects.filter(topic=topic, municipality__name="Voorschoten").update(role="doet_niet_mee")
region = Region.objects.get(slug="leidse-regio")
text = "Leiden, 3 april 2024\\n\\nLeiden, Leiderdorp en Oegstgeest werken samen aan fietsroutes. Leiden betaalt.\\n"
document_intake(actor=SYSTEM, region=region, data=text.encode(), filename="proefbrief.txt")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    with demo_server(tmp_path_factory.mktemp("regio-home"), prepare=PREPARE) as url:
        yield url


@pytest.fixture
def page(server):
    with browser_context() as context:
        yield context.new_page()


def sign_in(page, server, username: str, next_path: str) -> None:
    page.goto(f"{server}/account/inloggen/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", "regio-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{next_path}")


def test_the_lead_form_refuses_a_municipality_that_stays_out(server, page):
    path = "/leidse-regio/onderwerpen/warmterotonde/trekker/"
    sign_in(page, server, "coordinator", path)
    select = page.locator("#id_municipality")
    assert "Voorschoten (doet niet mee)" in select.inner_text()
    select.select_option("voorschoten")  # htmx reloads the form for Voorschoten's people
    page.wait_for_function("document.querySelector('#id_municipality').value === 'voorschoten'")
    page.locator("main form button[type=submit]").click()
    error = page.locator("#id_municipality-error")
    error.wait_for()
    assert "Voorschoten" in error.inner_text() and "doet niet mee" in error.inner_text()
    page.goto(server + "/leidse-regio/onderwerpen/warmterotonde/")
    assert page.locator("#deelname-voorschoten select").input_value() == "doet_niet_mee"


def test_bulk_participation_saves_every_row_at_once(server, page):
    path = "/leidse-regio/onderwerpen/warmterotonde/deelname/"
    sign_in(page, server, "coordinator", path)
    assert page.locator("main select").count() == 5
    page.locator("#id_role_leiderdorp").select_option("volgt")
    page.locator("#id_note_leiderdorp").fill("Collegebesluit 2 december")
    page.locator("#id_role_zoeterwoude").select_option("volgt")
    page.get_by_role("button", name="Alles opslaan").click()
    page.wait_for_url("**/onderwerpen/warmterotonde/")
    assert page.locator("#deelname-leiderdorp select").input_value() == "volgt"
    assert page.locator("#deelname-zoeterwoude select").input_value() == "volgt"
    # The note is saved and, for the coordinator, shown in its own field of the row.
    assert page.locator("#note-leiderdorp").input_value() == "Collegebesluit 2 december"


def test_a_group_of_findings_is_accepted_at_once_and_one_undone(server, page):
    sign_in(page, server, "coordinator", "/leidse-regio/")
    # Mijn werk lists the letter under "documents with findings to review", linking to its review.
    page.locator("#werk-findings").locator("xpath=..").locator("a[href$='/beoordelen/']").first.click()
    page.wait_for_url("**/beoordelen/")
    group = page.locator("#groep-municipality").locator("xpath=..")
    group.get_by_role("button", name="Alle 3 open bevindingen van deze groep accepteren").click()
    page.wait_for_url("**/beoordelen/#groep-municipality")
    assert "3 bevindingen geaccepteerd." in page.locator(".regio-messages").inner_text()
    items = group.locator("li.regio-finding")
    assert items.count() == 3  # Leiden, named three times, is one item
    assert group.locator("li.regio-finding--geaccepteerd").count() == 3
    first_id = items.first.get_attribute("id")
    items.first.get_by_role("button", name="Accepteren ongedaan maken").click()
    page.locator(f"#{first_id}.regio-finding--open").wait_for()  # htmx swapped the item
    assert group.locator("li.regio-finding--open").count() == 1
    assert page.locator(".regio-review__document").evaluate("e => getComputedStyle(e).position") == "sticky"
