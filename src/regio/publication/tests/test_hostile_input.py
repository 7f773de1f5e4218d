"""No 500 on any input: NUL characters anywhere in a request, dates the code cannot reach.

PostgreSQL refuses text with NUL in it, so these run on PostgreSQL too (REGIO_DATABASE_URL)."""

from __future__ import annotations

import json

import pytest

from regio.publication.tests.api_scene import scene, token_for  # noqa: F401 (fixtures)


def problem(response, status=400):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/gemeenten/%00",
        "/api/v1/gemeenten/GM%0005",
        "/api/v1/onderwerpen/{topic}/deelnames/%00",
        "/api/v1/onderwerpen?q=%00",
        "/api/v1/onderwerpen?%00=1",
        "/api/v1/regios/proef%00regio",
        "/api/v1/documenten?zoek=a%00b",
    ],
)
def test_nul_in_an_api_address_or_parameter_is_400(client, scene, path):
    body = problem(client.get(path.format(topic=scene.topic.pk)))
    assert "NUL" in body["detail"]


@pytest.mark.parametrize(
    "path",
    ["/openbaar/proefregio/documenten/?q=%00", "/openbaar/proef%00regio/", "/proefregio/zoeken/?q=x%00",
     "/open-data/proefregio/onderwerpen%00.csv"],
)
def test_nul_in_a_page_address_or_parameter_is_400(client, scene, path):
    response = client.get(path)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_nul_in_a_cookie_is_400(client, scene):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    assert client.get("/openbaar/proefregio/").status_code == 400


def test_nul_in_a_form_field_is_400_and_stores_nothing(client_for, scene):
    from regio.topics.models import Topic

    client = client_for(scene.world.user("coordinator"))
    before = Topic.objects.count()
    response = client.post("/proefregio/onderwerpen/nieuw/", {"title": "Fiets\x00route", "description": "x"})
    assert response.status_code == 400
    assert "title" in response.content.decode()
    assert Topic.objects.count() == before


def test_nul_in_a_json_body_is_400_naming_the_field(client, scene, token_for):
    headers = token_for(scene.world.user("coordinator"))
    response = client.patch(f"/api/v1/onderwerpen/{scene.topic.pk}", json.dumps({"titel": "Warmte\u0000net"}),
                            content_type="application/json", **headers)
    body = problem(response)
    assert "titel" in body["detail"]
    scene.topic.refresh_from_db()
    assert scene.topic.title == "Warmterotonde"
    response = client.put(f"/api/v1/onderwerpen/{scene.topic.pk}/deelnames/GM0546",
                          json.dumps({"rol": "doet_mee", "toelichting": ["a", "b\u0000"]}),
                          content_type="application/json", **headers)
    assert "toelichting.1" in problem(response)["detail"]


def test_a_lost_unique_race_is_409_problem_json(rf, db):
    from django.db import IntegrityError

    from regio.publication.api.problems import exception_handler

    request = rf.post("/api/v1/onderwerpen")
    response = exception_handler(IntegrityError("duplicate key value violates unique constraint"), {"request": request})
    assert response.status_code == 409
    assert response.data["code"] == "conflict" and response.data["title"] == "Conflict"
    assert "opnieuw" in response.data["detail"]
