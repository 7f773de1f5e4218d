"""API v1 for regelingen: list, detail, stukken with termijnen, zienswijzen, a council's regional agenda."""

from __future__ import annotations

import datetime

import pytest
from freezegun import freeze_time

from regio.arrangements import services
from regio.arrangements.models import DocumentKind, ParticipantRole, ViewState, ViewVerdict
from regio.arrangements.tests.factories import ArrangementFactory
from regio.publication.tests.api_scene import token_for  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def regeling(world):
    coordinator = world.user("coordinator")
    arrangement = ArrangementFactory(region=world.region, name="GR Proef", participants=[world.own, world.other])
    ArrangementFactory(region=world.region, name="GR Intern", participants=[world.own], visibility="intern")
    services.participant_set(actor=coordinator, arrangement=arrangement, municipality=world.own,
                             role=ParticipantRole.HOST, yearly_contribution=250000)
    document = services.cycle_document_record(
        actor=coordinator, arrangement=arrangement, kind=DocumentKind.DRAFT_BUDGET, title="Ontwerpbegroting 2025",
        year=2025, sent_on=D(2024, 4, 10))
    services.council_meeting_add(actor=coordinator, region=world.region, municipality=world.own, date=D(2024, 6, 27))
    view = services.zienswijze_record(actor=coordinator, document=document, municipality=world.own,
                                      state=ViewState.ADOPTED, verdict=ViewVerdict.POSITIVE, adopted_on=D(2024, 6, 27),
                                      text="Instemming.")
    services.board_answer_record(actor=coordinator, view=view, answer="Dank.", answered_on=D(2024, 7, 5))
    return arrangement, document, view


def get(client, path, **params):
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_regelingen_lists_public_arrangements_with_tooi_identifiers(client, regeling):
    arrangement, _, _ = regeling
    body = get(client, "regelingen")
    assert [r["naam"] for r in body["results"]] == ["GR Proef"]
    detail = get(client, f"regelingen/{arrangement.pk}")
    assert detail["deelnemers"] == [
        {"gemeente": "GM0546", "naam": "Leiden", "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0546",
         "rol": "gastgemeente", "jaarlijkseBijdrage": "250000.00"},
        {"gemeente": "GM0547", "naam": "Leiderdorp", "tooi": "https://identifier.overheid.nl/tooi/id/gemeente/gm0547",
         "rol": None, "jaarlijkseBijdrage": None},
    ]
    assert get(client, "regelingen", gemeente="GM0547")["count"] == 1
    assert get(client, "regelingen", gemeente="GM0579")["count"] == 0


def test_an_internal_regeling_is_a_404_anonymously_and_visible_with_a_token(client, regeling, world, token_for):
    hidden = world.region.arrangements.get(name="GR Intern")
    assert client.get(f"/api/v1/regelingen/{hidden.pk}").status_code == 404
    response = client.get(f"/api/v1/regelingen/{hidden.pk}", **token_for(world.user("reader")))
    assert response.status_code == 200


@freeze_time("2024-06-01")
def test_stukken_carry_termijnen_per_council(client, regeling):
    arrangement, document, view = regeling
    [stuk] = get(client, f"regelingen/{arrangement.pk}/stukken")["results"]
    assert (stuk["titel"], stuk["wetsartikel"], stuk["verzondenOp"]) == (
        "Ontwerpbegroting 2025", "art. 35 lid 1 en 3 Wgr", "2024-04-10")
    terms = {t["gemeente"]: t for t in stuk["termijnen"]}
    assert terms["GM0546"]["uitersteDatum"] == "2024-07-03"
    assert terms["GM0546"]["dagenResterend"] == 32
    assert terms["GM0546"]["raadsvergaderingInTermijn"] is True
    assert terms["GM0546"]["zienswijze"].endswith(f"/api/v1/zienswijzen/{view.pk}")
    assert [w["code"] for w in terms["GM0547"]["waarschuwingen"]] == ["geen_raadsvergadering"]
    assert terms["GM0547"]["zienswijze"] is None


def test_zienswijzen_with_filters(client, regeling, world):
    arrangement, document, view = regeling
    body = get(client, "zienswijzen")
    assert [(z["gemeente"], z["oordeel"], z["antwoordBestuur"]) for z in body["results"]] == [("GM0546", "positief", "Dank.")]
    assert get(client, "zienswijzen", regeling=arrangement.pk, stuk=document.pk, gemeente="GM0546")["count"] == 1
    assert get(client, "zienswijzen", gemeente="GM0547")["count"] == 0
    assert client.get("/api/v1/zienswijzen", {"stuk": "x"}).status_code == 400


def test_the_regional_agenda_of_a_council(client, regeling):
    body = get(client, "gemeenten/GM0546/regionale-agenda")
    assert [(e["datum"], e["soort"]) for e in body["results"]] == [("2024-07-03", "zienswijze")]
    assert client.get("/api/v1/gemeenten/GM9999/regionale-agenda").status_code == 404


def test_the_lists_cost_a_fixed_number_of_queries(client, regeling, django_assert_max_num_queries):
    arrangement, _, _ = regeling
    with django_assert_max_num_queries(12):
        get(client, f"regelingen/{arrangement.pk}/stukken")
    with django_assert_max_num_queries(10):
        get(client, "regelingen")


def test_municipalities_carry_their_tooi_identifier_in_the_api_and_popolo(client, regeling, world):
    assert get(client, "gemeenten/GM0546")["tooi"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0546"
    popolo = client.get(f"/open-data/{world.region.slug}/popolo.json").json()
    leiden = next(o for o in popolo["organizations"] if o.get("classification") == "gemeente" and o["name"] == "Leiden")
    assert {"scheme": "tooi", "identifier": "https://identifier.overheid.nl/tooi/id/gemeente/gm0546"} in leiden["identifiers"]


def test_open_raadsinformatie_output_models_a_regeling_as_samenwerkingsorganisatie(client, regeling, world):
    from regio.meetings.tests.meeting_factories import BodyFactory, MeetingFactory, local

    arrangement, _, view = regeling
    board = BodyFactory(region=world.region, name="AB GR Proef", kind="gr_algemeen_bestuur")
    arrangement.bodies.add(board)
    meeting = MeetingFactory(region=world.region, body=board, title="AB juli", starts_at=local(2024, 7, 11, 19))
    body = client.get(f"/open-data/{world.region.slug}/open-raadsinformatie.json").json()
    organisaties = {o["id"]: o for o in body["organisaties"]}
    assert organisaties[f"regeling-{arrangement.pk}"]["soort"] == "samenwerkingsorganisatie"
    assert organisaties["GM0546"]["tooi"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0546"
    [vergadering] = [v for v in body["vergaderingen"] if v["id"] == f"vergadering-{meeting.pk}"]
    assert (vergadering["organisatie"], vergadering["vergaderingstype"], vergadering["status"]) == (
        f"regeling-{arrangement.pk}", "algemene_bestuursvergadering", "gehouden")
    assert vergadering["georganiseerdDoorGremium"] == {"gremiumidentificatie": str(board.pk), "gremiumnaam": "AB GR Proef"}
    zienswijze = next(i for i in body["informatieobjecten"] if i["id"] == f"zienswijze-{view.pk}")
    assert (zienswijze["informatieobjecttype"], zienswijze["gemeente"]) == (
        "besluitvormingsstuk", {"gemeentecode": "0546", "gemeentenaam": "Leiden"})


def test_the_public_site_shows_the_views_side_by_side_with_the_answers(client, regeling, world):
    arrangement, _, _ = regeling
    listing = client.get(f"/openbaar/{world.region.slug}/regelingen/")
    assert listing.status_code == 200 and "GR Proef" in listing.content.decode()
    assert "GR Intern" not in listing.content.decode()
    page = client.get(f"/openbaar/{world.region.slug}/regelingen/{arrangement.slug}/").content.decode()
    assert "Instemming." in page and "Dank." in page
    hidden = world.region.arrangements.get(name="GR Intern")
    assert client.get(f"/openbaar/{world.region.slug}/regelingen/{hidden.slug}/").status_code == 404
