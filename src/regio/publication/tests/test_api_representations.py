"""The topic list and detail answer with plain-function representations; they must say exactly what
TopicSerializer (the OpenAPI document's description of them) says, for every kind of value."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest
from django.test import RequestFactory
from freezegun import freeze_time
from rest_framework.renderers import JSONRenderer

from regio.publication.api.serializers import TopicSerializer
from regio.publication.api.views import topic_queryset
from regio.topics.models import Participation
from regio.topics.tests.factories import ResultFactory, TopicFactory

pytestmark = pytest.mark.django_db


def serializer_json(topic) -> dict:
    request = RequestFactory().get("/api/v1/onderwerpen")
    data = TopicSerializer(topic_queryset().get(pk=topic.pk), context={"request": request}).data
    return json.loads(JSONRenderer().render(data))


@pytest.fixture
def topics(world):
    region, own, other = world.region, world.own, world.other
    with freeze_time("2024-07-01 09:30:15.123456"):  # summer time: +02:00 in Europe/Amsterdam
        full = TopicFactory(region=region, title="Alles ingevuld: één, “aanhalingstekens”", spearheads=world.spearheads[:2],
                            proposed_by=own, proposed_on=datetime.date(2019, 3, 14), lead_municipality=other,
                            description="Regel één\nregel twee")
    with freeze_time("2024-01-15 23:59:59"):  # winter time: +01:00
        bare = TopicFactory(region=region, title="Kaal", spearheads=[world.spearheads[0]], proposed_by=None,
                            lead_municipality=None)
    Participation.objects.create(topic=full, municipality=other, role="doet_mee", note="Met \"aanhalingstekens\"")
    Participation.objects.create(topic=full, municipality=own, role="initiatiefnemer")
    ResultFactory(topic=full, measurable=True)
    ResultFactory(topic=full, baseline=Decimal("12.50"), target_value=Decimal("7.25"), current_value=Decimal("9.99"),
                  target_date=datetime.date(2026, 12, 31))
    ResultFactory(topic=full, baseline=Decimal("1"), target_value=None, current_value=None)
    return full, bare


def test_topic_detail_says_what_the_serializer_says(client, topics):
    for topic in topics:
        response = client.get(f"/api/v1/onderwerpen/{topic.pk}")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        assert response.json() == serializer_json(topic)


def test_topic_list_says_what_the_serializer_says_in_the_same_order(client, topics):
    body = client.get("/api/v1/onderwerpen").json()
    assert body["results"] == [serializer_json(topic) for topic in sorted(topics, key=lambda t: t.title)]
    full, bare = (next(t for t in body["results"] if t["id"] == topic.pk) for topic in topics)
    assert full["gewijzigdOp"] == "2024-07-01T11:30:15.123456+02:00"
    assert bare["gewijzigdOp"] == "2024-01-16T00:59:59+01:00"
    assert full["resultaten"][1]["nulmeting"] == 12.5 and full["resultaten"][0]["voortgangPercentage"] == 25
    assert [p["gemeenteNaam"] for p in full["deelnames"]] == sorted(p["gemeenteNaam"] for p in full["deelnames"])
    assert bare["trekker"] is None and bare["trekkerNogTeBepalen"] is True and bare["deelnames"] == []


def test_hidden_topic_detail_is_a_problem_404(client, world):
    topic = TopicFactory(region=world.region, internal=True, spearheads=[world.spearheads[0]])
    response = client.get(f"/api/v1/onderwerpen/{topic.pk}")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
