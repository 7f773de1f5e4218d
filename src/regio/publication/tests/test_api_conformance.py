"""NL API Design Rules in practice: no trailing slashes or redirects, API-Version everywhere, problem+json
with every invalid parameter, 405/406/413/415, and never a 500 for bad input."""

from __future__ import annotations

import pytest

from regio.publication.api import API_VERSION
from regio.publication.tests.api_scene import scene, token_for  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

LISTS = ["regios", "gemeenten", "speerpunten", "onderwerpen", "gremia", "vergaderingen", "afspraken", "besluiten",
         "toezeggingen", "documenten"]


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == API_VERSION
    body = response.json()
    assert body["status"] == status and body["detail"] and body["title"]
    return body


@pytest.mark.parametrize("path", ["/api/v1/gremia/", "/api/v1/onderwerpen/1/", "/api/v1/", "/api/v1", "/api",
                                  "/api/", "/api/v1/openapi.json/", "/api/v1/bestaat-niet"])
def test_trailing_slash_and_unknown_paths_are_404_never_a_redirect(client, path):
    assert_problem(client.get(path), 404)


@pytest.mark.parametrize("resource", LISTS)
def test_api_version_and_security_headers_on_success_options_and_errors(client, resource):
    for response in (client.get(f"/api/v1/{resource}"), client.options(f"/api/v1/{resource}"),
                     client.get(f"/api/v1/{resource}", {"onbekend": "1"})):
        assert response["API-Version"] == API_VERSION
        assert response["X-Content-Type-Options"] == "nosniff"
    assert client.options(f"/api/v1/{resource}").status_code == 200


def test_unknown_and_malformed_parameters_are_all_listed(client):
    response = client.get("/api/v1/vergaderingen", {"onbekend": "x", "vanaf": "14-03-2019", "gehouden": "ja",
                                                   "gremium": "een", "pageSize": "1000", "page": "0"})
    body = assert_problem(response, 400)
    assert {p["name"] for p in body["invalidParams"]} == {"onbekend", "vanaf", "gehouden", "gremium", "pageSize", "page"}
    assert all(p["reason"] for p in body["invalidParams"])


@pytest.mark.parametrize("params", [{"vanaf": "2019-02-30"}, {"vanaf": "2019-3-1"}, {"tot": "20190301"},
                                    {"gremium": "9" * 40}, {"gremium": "-1"}, {"regio": "a\x00b"},
                                    {"pageSize": "0"}, {"pageSize": "١٢"}, {"page": "99999999999999999999"}])
def test_bad_values_are_400(client, params):
    assert_problem(client.get("/api/v1/vergaderingen", params), 400)


def test_page_beyond_the_last_is_404(client, scene):
    assert_problem(client.get("/api/v1/vergaderingen", {"page": "50"}), 404)


@pytest.mark.parametrize("path", ["/api/v1/onderwerpen/999999999999999999", "/api/v1/onderwerpen/99999999999999999999",
                                  "/api/v1/gemeenten/GM9999", "/api/v1/regios/bestaat-niet"])
def test_unknown_and_absurd_ids_are_404(client, path):
    assert_problem(client.get(path), 404)


def test_camel_case_is_strict(client):
    body = assert_problem(client.get("/api/v1/toezeggingen", {"te_laat": "true"}), 400)
    assert body["invalidParams"][0]["name"] == "te_laat"


def test_wrong_method_is_405(client):
    assert_problem(client.delete("/api/v1/onderwerpen"), 405)
    assert_problem(client.post("/api/v1/gremia", {}, content_type="application/json"), 405)


def test_accept_without_json_is_406(client):
    assert_problem(client.get("/api/v1/onderwerpen", HTTP_ACCEPT="text/html"), 406)
    assert client.get("/api/v1/onderwerpen", HTTP_ACCEPT="text/html, application/json;q=0.5").status_code == 200
    assert client.get("/api/v1/onderwerpen", HTTP_ACCEPT="*/*").status_code == 200


def test_oversized_body_is_413(client, scene, token_for):
    body = "{" + " " * (1024 * 1024 + 10) + "}"
    response = client.post("/api/v1/besluiten", body, content_type="application/json",
                           **token_for(scene.world.user("coordinator")))
    assert_problem(response, 413)


def test_unsupported_media_type_is_415(client, scene, token_for):
    response = client.patch(f"/api/v1/onderwerpen/{scene.topic.pk}", "<titel>x</titel>", content_type="application/xml",
                            **token_for(scene.world.user("coordinator")))
    assert_problem(response, 415)


def test_openapi_document_is_public_with_open_cors(client):
    response = client.get("/api/v1/openapi.json", HTTP_ORIGIN="https://voorbeeld.nl")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["API-Version"] == API_VERSION
    assert response.json()["openapi"].startswith("3.")


def test_dates_are_iso_8601(client, scene):
    meeting = client.get(f"/api/v1/vergaderingen/{scene.meeting.pk}").json()
    assert meeting["start"] == "2019-03-14T10:00:00+01:00"
    assert client.get(f"/api/v1/besluiten/{scene.decision.pk}").json()["datum"] == "2019-03-28"

