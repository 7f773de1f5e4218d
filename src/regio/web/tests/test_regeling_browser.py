"""End to end: the demo's example regeling in headless Chromium, and the comparison of three councils' views."""

from __future__ import annotations

import pytest

from regio.web.tests.live import browser_context, demo_server, require_chromium

pytestmark = pytest.mark.browser

# A third council adopts a text of its own, so the comparison shows three councils.
PREPARE = """
import datetime
from regio.access.policies import SYSTEM
from regio.arrangements.models import CycleDocument
from regio.arrangements.services import zienswijze_record
from regio.regions.models import Municipality
document = CycleDocument.objects.get(title="Ontwerpbegroting 2027 (voorbeeld)")
zienswijze_record(actor=SYSTEM, document=document, municipality=Municipality.objects.get(cbs_code="GM0579"),
                  state="vastgesteld", verdict="negatief", adopted_on=datetime.date(2026, 7, 2), basis="eigen",
                  text="De raad stemt niet in met de ontwerpbegroting 2027 van de samenwerkingsdienst.")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_chromium()
    with demo_server(tmp_path_factory.mktemp("regio-home"), prepare=PREPARE) as url:
        yield url


def test_the_comparison_of_views_opens_from_the_regeling(server):
    with browser_context() as context:
        page = context.new_page()
        # The signed-in pages are for signed-in users: a griffier (reader) opens the comparison.
        page.goto(server + "/account/inloggen/?next=/leidse-regio/regelingen/")
        page.fill("#id_username", "griffier")
        page.fill("#id_password", "regio-demo")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/leidse-regio/regelingen/")
        page.get_by_role("link", name="Regionale Samenwerkingsdienst Leidse regio (voorbeeld)").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Regionale Samenwerkingsdienst Leidse regio (voorbeeld)"
        assert page.locator(".regio-warning").count() >= 2  # Zoeterwoude: no meeting in the window, summer recess
        draft = page.locator("article", has=page.get_by_role("heading", name="Ontwerpbegroting 2027 (voorbeeld)"))
        draft.get_by_role("link", name="Vergelijk de zienswijzen van de raden").click()
        table = page.locator("table.regio-comparison")
        table.wait_for()
        headers = table.locator("thead th").all_inner_texts()
        assert headers == ["Gezamenlijke concepttekst", "Leiden", "Leiderdorp", "Oegstgeest"]
        assert table.locator("tbody tr").count() == 3
        assert table.locator("ins").first.inner_text() == "niet"  # Oegstgeest, first paragraph
        leiderdorp = table.locator("tbody tr").nth(1).locator('td[data-council="Leiderdorp"] ins')
        assert "algemene reserve" in leiderdorp.inner_text()
        # the first paragraph is kept by all three; the second and third by two of three
        assert page.locator(".regio-shared-all li").count() == 1
        assert page.locator(".regio-shared-most li").count() == 2
