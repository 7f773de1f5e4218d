"""API v1 reads per resource: list, detail, filters, and internal items never visible anonymously."""

from __future__ import annotations

import json

import pytest
from freezegun import freeze_time

from regio.publication.tests.api_scene import SECRET, scene, token_for  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def get(client, path, headers=None, **params):
    response = client.get(f"/api/v1/{path}", params, **(headers or {}))
    assert response.status_code == 200, response.content
    return response.json()


def ids(body) -> set[int]:
    return {item["id"] for item in body["results"]}


def test_gremia_list_and_detail_with_members(client, scene):
    body = get(client, "gremia")
    assert ids(body) == {scene.body.pk}
    detail = get(client, f"gremia/{scene.body.pk}")
    assert detail["naam"] == "Portefeuillehoudersoverleg Energie"
    assert detail["leden"] == [{"persoon": "Wethouder Leiden", "gemeente": "GM0546", "organisatie": None}]
    assert detail["speerpunten"] == ["energie"]
    assert detail["onderwerpen"] == [scene.topic.pk]  # the internal topic is left out
    assert get(client, "gremia", gemeente="GM0546")["count"] == 1
    assert get(client, "gremia", gemeente="GM0547")["count"] == 0
    assert get(client, "gremia", speerpunt="wonen")["count"] == 0
    assert get(client, "gremia", soort="bestuurlijk_overleg", regio="proefregio")["count"] == 1


def test_vergaderingen_dated_and_window_with_agenda(client, scene):
    body = get(client, "vergaderingen")
    assert ids(body) == {scene.meeting.pk, scene.meeting_window.pk}
    dated = get(client, f"vergaderingen/{scene.meeting.pk}")
    assert dated["start"].startswith("2019-03-14T10:00:00")
    assert dated["vensterStart"] is None and dated["gremium"] == scene.body.pk
    assert [(a["volgorde"], a["titel"], a["onderwerp"]) for a in dated["agendapunten"]] == [
        (1, "Warmte", scene.topic.pk), (2, "Iets anders", None)]
    window = get(client, f"vergaderingen/{scene.meeting_window.pk}")
    assert (window["start"], window["vensterStart"], window["vensterEind"]) == (None, "2019-01-01", "2019-03-31")
    assert window["gehouden"] is False


def test_vergaderingen_filters(client, scene):
    assert ids(get(client, "vergaderingen", gremium=scene.body.pk)) == {scene.meeting.pk}
    assert ids(get(client, "vergaderingen", gehouden="true")) == {scene.meeting.pk}
    assert ids(get(client, "vergaderingen", gehouden="false")) == {scene.meeting_window.pk}
    assert ids(get(client, "vergaderingen", vanaf="2019-02-01")) == {scene.meeting.pk}
    assert ids(get(client, "vergaderingen", tot="2019-02-01")) == {scene.meeting_window.pk}
    assert ids(get(client, "vergaderingen", gemeente="GM0546")) == {scene.meeting.pk}
    assert ids(get(client, "vergaderingen", gemeente="GM9999")) == set()
    assert ids(get(client, "vergaderingen", regio="andere-regio")) == set()


@freeze_time("2019-01-15")
def test_gehouden_follows_the_clock(client, scene):
    assert ids(get(client, "vergaderingen", gehouden="true")) == set()


def test_afspraken_with_consent_matrix_and_derived_state(client, scene):
    body = get(client, "afspraken")
    assert ids(body) == {scene.agreement.pk}
    detail = get(client, f"afspraken/{scene.agreement.pk}")
    assert detail["status"] == "deels"
    assert detail["onderwerp"] is None  # internal topic
    assert detail["vergadering"] is None  # meeting of an internal body
    matrix = {cell["gemeente"]: cell for cell in detail["instemming"]}
    assert matrix["GM0546"]["college"]["uitkomst"] == "ingestemd" and matrix["GM0546"]["ingestemd"] is True
    assert matrix["GM0547"]["college"] is None and matrix["GM0547"]["ingestemd"] is False
    assert ids(get(client, "afspraken", status="deels")) == {scene.agreement.pk}
    assert ids(get(client, "afspraken", status="aangenomen")) == set()
    assert ids(get(client, "afspraken", gemeente="GM0579")) == set()
    assert ids(get(client, "afspraken", onderwerp=scene.topic_internal.pk)) == {scene.agreement.pk}


def test_besluiten_filters(client, scene):
    assert ids(get(client, "besluiten")) == {scene.decision.pk}
    detail = get(client, f"besluiten/{scene.decision.pk}")
    assert (detail["gemeente"], detail["orgaan"], detail["uitkomst"]) == ("GM0546", "college", "ingestemd")
    assert ids(get(client, "besluiten", gemeente="GM0546", uitkomst="ingestemd")) == {scene.decision.pk}
    assert ids(get(client, "besluiten", uitkomst="afgewezen")) == set()
    assert ids(get(client, "besluiten", afspraak=scene.agreement.pk, vanaf="2019-03-28", tot="2019-03-28")) == {scene.decision.pk}
    assert ids(get(client, "besluiten", vanaf="2019-03-29")) == set()


@freeze_time("2019-03-15")
def test_toezeggingen_filters(client, scene):
    assert ids(get(client, "toezeggingen")) == {scene.commitment.pk, scene.commitment_fulfilled.pk}
    detail = get(client, f"toezeggingen/{scene.commitment.pk}")
    assert (detail["status"], detail["teLaat"], detail["termijn"]) == ("open", True, "2019-02-28")
    assert detail["aanRaden"] == ["GM0546", "GM0547"]
    assert ids(get(client, "toezeggingen", teLaat="true")) == {scene.commitment.pk}
    assert ids(get(client, "toezeggingen", teLaat="false")) == {scene.commitment_fulfilled.pk}
    assert ids(get(client, "toezeggingen", gemeente="GM0547", status="nagekomen")) == {scene.commitment_fulfilled.pk}
    assert ids(get(client, "toezeggingen", vanaf="2019-03-01")) == {scene.commitment_fulfilled.pk}


def test_documenten_metadata_text_and_original(client, scene):
    body = get(client, "documenten")
    assert ids(body) == {scene.document.pk}
    assert "paginas" not in body["results"][0]
    detail = get(client, f"documenten/{scene.document.pk}")
    assert detail["paginas"] == [{"nummer": 1, "tekst": "Openbare tekst van de brief.", "ocr": False}]
    assert detail["soort"] == "raadsinformatiebrief" and detail["gemeenten"] == ["GM0546"]
    original = client.get(f"/api/v1/documenten/{scene.document.pk}/origineel")
    assert original.status_code == 200 and b"".join(original.streaming_content) == b"Openbare tekst van de brief."
    assert ids(get(client, "documenten", soort="brief")) == set()
    assert ids(get(client, "documenten", gemeente="GM0546", vanaf="2019-01-31", tot="2019-01-31")) == {scene.document.pk}


def test_onderwerp_resultaten(client, scene):
    body = get(client, f"onderwerpen/{scene.topic.pk}/resultaten")
    assert body["count"] == 1 and body["results"][0]["streefwaarde"] == 200
    assert client.get(f"/api/v1/onderwerpen/{scene.topic_internal.pk}/resultaten").status_code == 404


INTERNAL_DETAILS = [
    ("gremia", "body_internal"),
    ("vergaderingen", "meeting_internal"),
    ("vergaderingen", "meeting_of_internal_body"),
    ("afspraken", "agreement_internal"),
    ("besluiten", "decision_internal"),
    ("toezeggingen", "commitment_internal"),
    ("documenten", "document_internal"),
    ("onderwerpen", "topic_internal"),
]


@pytest.mark.parametrize(("resource", "attribute"), INTERNAL_DETAILS)
def test_internal_items_hidden_from_anonymous_and_outsiders_but_shown_to_readers(
    client, scene, token_for, django_user_model, resource, attribute
):
    item = getattr(scene, attribute)
    assert client.get(f"/api/v1/{resource}/{item.pk}").status_code == 404
    outsider = django_user_model.objects.create_user("buitenstaander", password="x")
    assert client.get(f"/api/v1/{resource}/{item.pk}", **token_for(outsider)).status_code == 404
    reader = token_for(scene.world.user("reader"))
    assert client.get(f"/api/v1/{resource}/{item.pk}", **reader).status_code == 200
    assert item.pk in ids(get(client, resource, reader, pageSize=100))


@pytest.mark.parametrize("resource", ["gremia", "vergaderingen", "afspraken", "besluiten", "toezeggingen",
                                      "documenten", "onderwerpen"])
def test_no_secret_anywhere_in_anonymous_lists_even_filtered(client, scene, resource):
    for params in ({}, {"regio": "proefregio"}, {"gemeente": "GM0546"}, {"pageSize": 100}):
        response = client.get(f"/api/v1/{resource}", params)
        if response.status_code == 400:  # not every resource has every filter
            continue
        text = json.dumps(response.json())
        assert SECRET not in text
        assert "Geheim overleg" not in text and "Besloten" not in text and "Interne notitie" not in text


def test_internal_document_original_and_text_never_anonymous(client, scene):
    assert client.get(f"/api/v1/documenten/{scene.document_internal.pk}/origineel").status_code == 404
    detail = client.get(f"/api/v1/documenten/{scene.document_internal.pk}")
    assert SECRET not in detail.content.decode()
