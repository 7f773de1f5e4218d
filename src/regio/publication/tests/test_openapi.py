"""The published OpenAPI document: valid OpenAPI 3, complete, and every path in it answers."""

from __future__ import annotations

import re

import pytest
from openapi_spec_validator import validate

from regio.publication.api.filters import ALWAYS_ALLOWED
from regio.publication.api.urls import urlpatterns

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_document_is_valid_openapi(document):
    validate(document)


def test_every_route_is_described(document):
    routes = {"/api/v1/" + re.sub(r"<\w+:(\w+)>", lambda m: "{" + ("id" if m[1] == "pk" else m[1]) + "}", str(p.pattern))
              for p in urlpatterns if str(p.pattern) != "openapi.json"}
    assert routes == set(document["paths"])


def test_every_operation_documents_its_errors_and_the_version_header(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            for code in ("400", "401", "404", "406"):
                content = operation["responses"][code]["content"]
                assert content["application/problem+json"]["schema"]["$ref"].endswith("/Problem"), (path, method, code)
            if method in ("post", "put", "patch"):
                assert {"403", "415"} <= set(operation["responses"]), (path, method)
            for response in operation["responses"].values():
                assert "API-Version" in response["headers"]


def test_token_security_scheme_and_writes_require_it(document):
    assert document["components"]["securitySchemes"]["tokenAuth"]["in"] == "header"
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("post", "put", "patch"):
                assert operation["security"] == [{"tokenAuth": []}]
            elif method == "get":
                assert {} in operation["security"], path  # reading public items needs no token


def test_query_parameters_match_what_the_views_accept(document):
    from regio.publication.api import commitment_views, document_views, meeting_views, views

    expected = {
        "/api/v1/onderwerpen": views.TOPIC_PARAMS,
        "/api/v1/gremia": meeting_views.BODY_PARAMS,
        "/api/v1/vergaderingen": meeting_views.MEETING_PARAMS,
        "/api/v1/afspraken": meeting_views.AGREEMENT_PARAMS,
        "/api/v1/besluiten": meeting_views.DECISION_PARAMS,
        "/api/v1/toezeggingen": commitment_views.COMMITMENT_PARAMS,
        "/api/v1/documenten": document_views.DOCUMENT_PARAMS,
    }
    for path, params in expected.items():
        described = {p["name"]: p for p in document["paths"][path]["get"]["parameters"] if p["in"] == "query"}
        assert set(described) == {p.name for p in params} | (ALWAYS_ALLOWED - {"format"}), path
        for param in params:
            if param.kind == "choice":
                assert sorted(described[param.name]["schema"]["enum"]) == sorted(param.choices)
            if param.kind == "date":
                assert described[param.name]["schema"]["format"] == "date"


def _fill(path: str, values: dict) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[path.split("/")[3]][m[1]]), path)


def test_every_path_answers_for_the_leidse_regio(client, leidse_regio, document):
    from regio.topics.models import Participation

    first = {}
    for resource in ("speerpunten", "onderwerpen", "gremia", "vergaderingen", "afspraken", "besluiten", "toezeggingen"):
        results = client.get(f"/api/v1/{resource}").json()["results"]
        assert results, f"the Leidse regio has {resource}"
        first[resource] = {"id": results[0]["id"]}
    participation = Participation.objects.filter(topic__region=leidse_regio, topic__visibility="openbaar").first()
    first["onderwerpen"]["code"] = participation.municipality.cbs_code
    first["onderwerpen"]["id"] = participation.topic_id
    first["regios"] = {"slug": "leidse-regio"}
    first["gemeenten"] = {"code": "GM0546"}
    first["documenten"] = {"id": 999999}  # the demo region has no documents: a clean 404
    for resource in ("regelingen", "zienswijzen"):
        first[resource] = {"id": client.get(f"/api/v1/{resource}").json()["results"][0]["id"]}
    for path, item in document["paths"].items():
        url = _fill(path, first)
        for method in item:
            if method == "get":
                response = client.get(url)
                expected = {404} if path.startswith("/api/v1/documenten/") else {200}
            else:
                response = getattr(client, method)(url, "{}", content_type="application/json")
                expected = {401}
            assert response.status_code in expected, (method, url, response.content[:300])
            assert response["API-Version"]
