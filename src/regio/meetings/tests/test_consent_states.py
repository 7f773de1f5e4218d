"""Defect 2: one municipality saying no does not block an opt-in agreement.

The table is written out as a Dutch coordinator reads it: five municipalities, what each college
(and council) decided, and the state line and cells the agreement page shows.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from regio.conftest import national_municipality
from regio.meetings import consent
from regio.meetings.models import ConsentRule, ConsentState, Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.regions.tests.factories import RegionFactory

NAMES = ("Leiden", "Leiderdorp", "Oegstgeest", "Voorschoten", "Zoeterwoude")
CODES = ("GM0546", "GM0547", "GM0579", "GM0626", "GM0638")
Y, N, D = Outcome.ADOPTED, Outcome.REJECTED, Outcome.DEFERRED
OPT, ALL = ConsentRule.OPT_IN, ConsentRule.NEEDS_ALL

# (kind, council needed, college per municipality, council per municipality, state, line on the page)
TABLE = [
    (OPT, False, (Y, Y, Y, N, None), (None,) * 5, ConsentState.PARTLY,
     "aangenomen door 3 van 5 — Voorschoten doet niet mee; wacht nog op het besluit van Zoeterwoude"),
    (OPT, False, (Y, Y, Y, N, Y), (None,) * 5, ConsentState.ADOPTED_BY_SOME,
     "aangenomen door 4 van 5 — Voorschoten doet niet mee"),
    (OPT, False, (Y, N, Y, N, Y), (None,) * 5, ConsentState.ADOPTED_BY_SOME,
     "aangenomen door 3 van 5 — Leiderdorp en Voorschoten doen niet mee"),
    (OPT, False, (Y,) * 5, (None,) * 5, ConsentState.ADOPTED, "aangenomen door alle 5 deelnemers"),
    (OPT, False, (N,) * 5, (None,) * 5, ConsentState.NOT_ADOPTED, "door geen enkele deelnemer aangenomen"),
    (OPT, False, (None, None, None, N, D), (None,) * 5, ConsentState.PENDING,
     "nog door geen deelnemer aangenomen — Voorschoten doet niet mee; wacht nog op het besluit van Leiden, "
     "Leiderdorp, Oegstgeest, Zoeterwoude"),
    (ALL, False, (Y, Y, Y, N, None), (None,) * 5, ConsentState.BLOCKED,
     "geblokkeerd: Voorschoten wees de afspraak af, en die heeft alle deelnemers nodig; wacht nog op het besluit "
     "van Zoeterwoude"),
    (ALL, False, (Y, Y, Y, Y, None), (None,) * 5, ConsentState.PARTLY,
     "aangenomen door 4 van 5; wacht nog op het besluit van Zoeterwoude"),
    (OPT, True, (Y, Y, Y, N, Y), (Y, Y, Y, None, None), ConsentState.PARTLY,
     "aangenomen door 3 van 5 — Voorschoten doet niet mee; wacht nog op het besluit van Zoeterwoude"),
    (ALL, True, (Y, Y, Y, Y, Y), (Y, Y, N, None, Y), ConsentState.BLOCKED,
     "geblokkeerd: Oegstgeest wees de afspraak af, en die heeft alle deelnemers nodig; wacht nog op het besluit "
     "van Voorschoten"),
]


@pytest.fixture
def five(db):
    members = [national_municipality(code) for code in CODES]
    assert [m.name for m in members] == list(NAMES)
    return RegionFactory(name="Vijf gemeenten", slug="vijf", members=members), members


def agreement_with(region, members, rule, needs_council, college, council):
    agreement = AgreementFactory(region=region, participants=members, consent_rule=rule,
                                 council_decision_needed=needs_council)
    for municipality, c, r in zip(members, college, council, strict=True):
        if c:
            DecisionFactory(agreement=agreement, municipality=municipality, outcome=c)
        if r:
            DecisionFactory(agreement=agreement, municipality=municipality, outcome=r, council=True)
    return agreement


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.mark.parametrize(("rule", "needs_council", "college", "council", "state", "line"), TABLE)
def test_the_state_line_on_the_agreement_page(reader_client, five, rule, needs_council, college, council, state, line):
    region, members = five
    agreement = agreement_with(region, members, rule, needs_council, college, council)
    page = reader_client.get(reverse("web:agreement-detail", kwargs={"region": region.slug, "pk": agreement.pk}),
                      HTTP_ACCEPT_LANGUAGE="nl")
    assert page.status_code == 200
    html = page.content.decode()
    status = re.search(r'<p class="utrecht-paragraph" role="status">(.*?)</p>', html, re.S).group(1)
    assert f"regio-consent--{state}" in status
    assert text_of(status).split(" — ", 1)[1] == line


# (council needed, college, council) → (college cell, council cell) of one municipality: tone, icon, words
CELLS = [
    (True, N, None, ("no", "✗", "Afgewezen"), ("neutral", "–", "niet aan de raad voorgelegd")),
    (True, Y, None, ("ok", "✓", "Ingestemd"), ("wait", "…", "wacht op besluit")),
    (True, None, None, ("wait", "…", "wacht op besluit"), ("wait", "…", "wacht op besluit")),
    (True, Y, N, ("ok", "✓", "Ingestemd"), ("no", "✗", "Afgewezen")),
    (False, D, None, ("wait", "⏸", "Aangehouden"), ("neutral", "–", "geen raadsbesluit nodig")),
    (False, N, None, ("no", "✗", "Afgewezen"), ("neutral", "–", "niet aan de raad voorgelegd")),
]


@pytest.mark.parametrize(("needs_council", "college", "council", "college_cell", "council_cell"), CELLS)
def test_each_cell_shows_its_state_by_colour_icon_and_words(reader_client, five, needs_council, college, council,
                                                            college_cell, council_cell):
    region, members = five
    voorschoten = members[3]
    agreement = agreement_with(region, [voorschoten], OPT, needs_council, (college,), (council,))
    html = reader_client.get(reverse("web:agreement-detail", kwargs={"region": region.slug, "pk": agreement.pk}),
                      HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    row = re.search(r'<tr class="utrecht-table__row" id="besluit-voorschoten">(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r'<td class="utrecht-table__cell regio-cell regio-cell--(\w+)">(.*?)</td>', row, re.S)
    for (tone, inner), (want_tone, icon, words) in zip(cells[:2], (college_cell, council_cell), strict=True):
        assert tone == want_tone
        assert f'<span class="regio-cell__icon" aria-hidden="true">{icon}</span>' in inner
        assert words.lower() in text_of(inner).lower()


def test_the_letter_reads_the_same_states():
    cells = [consent.Cell(name, c, None, False) for name, c in zip(NAMES, (Y, Y, Y, N, None), strict=True)]
    outcome = consent.consent_outcome(cells, needs_all=False)
    assert (outcome.state, consent.summary_nl(outcome)) == ("deels", "aangenomen door 3 van 5 — Voorschoten doet niet mee")
    blocked = consent.consent_outcome(cells, needs_all=True)
    assert consent.summary_nl(blocked) == (
        "geblokkeerd: Voorschoten wees de afspraak af, en die heeft alle deelnemers nodig"
    )


@pytest.fixture
def reader_client(client, db):
    """The test client signed in as a user without grants: anonymous visitors of the signed-in pages are sent
    to the public site, so the signed-in agreement page is read as such a user (it shows the public view)."""
    from regio.access.tests.factories import UserFactory
    from regio.conftest import signed_in_fully

    return signed_in_fully(client, UserFactory(username="zonder-rechten"))
