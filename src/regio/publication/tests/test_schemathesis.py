"""Schemathesis against the published OpenAPI document, in-process on the WSGI application.

Every GET operation gets a bounded number of generated requests (valid and, separately, invalid
ones); each response must be no 5xx and must match the document: status code, content type, body
schema and headers. Bounded so the whole run stays well under two minutes; it runs in `make test`.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from regio.publication.tests.api_scene import scene  # noqa: F401 (fixture)

MAX_EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 10}


@pytest.fixture
def connection_kept():
    """The WSGI handler closes the database connection around each request (`close_old_connections`);
    inside a test's transaction that ends the test's connection on PostgreSQL. Django's test client
    leaves these signals out in the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def rate_limits_raised(settings):
    # Hundreds of generated requests in a few seconds from one client: far above what the API allows.
    settings.REGIO_RATE_LIMITS = {**settings.REGIO_RATE_LIMITS, "api_anonymous": "100000/minute",
                                  "api_token": "100000/minute"}


def get_operations(schema):
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET":
            yield operation


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
def test_get_operations_conform_to_the_document(scene, mode, connection_kept, rate_limits_raised):
    from regio.conf.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = list(get_operations(schema))
    assert len(operations) >= 20

    tested = []
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=MAX_EXAMPLES[mode], deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate()

        try:
            check()
        except Unsatisfiable:
            # Some operations leave schemathesis no way to make a request invalid (e.g. no parameters).
            assert mode == GenerationMode.NEGATIVE, operation.label
            continue
        tested.append(operation.label)
    assert len(tested) >= len(operations) // 2, tested


WRITE_EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 15}


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positive", "negative"])
@pytest.mark.parametrize("role", ["coordinator", "editor_own"])
def test_write_operations_never_answer_5xx(scene, mode, role, connection_kept):
    """POST, PATCH and PUT with a token: whatever the body, the answer is no 5xx (on SQLite and, in
    CI, on PostgreSQL, where NUL characters and races used to end in one)."""
    from rest_framework.authtoken.models import Token

    from regio.conf.wsgi import application

    token = Token.objects.get_or_create(user=scene.world.user(role))[0].key
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [
        result.ok() for result in schema.get_all_operations() if result.ok().method.upper() in ("POST", "PATCH", "PUT")
    ]
    assert {op.method.upper() for op in operations} == {"POST", "PATCH", "PUT"}

    server_errors = []
    for operation in operations:
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=WRITE_EXAMPLES[mode], deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def check(case):
            case.headers = {**(case.headers or {}), "Authorization": f"Token {token}"}
            response = case.call()
            if response.status_code >= 500:
                server_errors.append((operation.label, response.status_code, case.path_parameters, case.body))

        try:
            check()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE, operation.label
    assert server_errors == []
