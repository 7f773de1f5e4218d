"""Prepared queries give exactly the rows of the queryset they stand for, for every argument, and fall
back to the ORM when a shape cannot be reused."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.publication.api import prepared
from regio.publication.api.prepared import prepared_rows
from regio.publication.api.selectors import TopicRows, topic_detail_row, topic_filter, topic_rows
from regio.topics.models import Participation, Topic
from regio.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def by_title(world, n: int = 4):
    return [TopicFactory(region=world.region, title=f"Onderwerp {i}", spearheads=[world.spearheads[0]])
            for i in range(n)]


def test_one_compiled_shape_answers_for_every_id(world):
    topics = by_title(world)

    def build(ids):
        return Topic.objects.filter(pk__in=ids).order_by("title").values("id", "title", "updated_at")

    for chosen in (topics[:2], topics[2:]):
        ids = [t.pk for t in chosen]
        assert prepared_rows("test-ids", build, ids=ids) == list(build(ids))
    shapes = [key for key in prepared._compiled if key[0] == "test-ids"]
    assert len(shapes) == 1 and prepared._compiled[shapes[0]] is not None


def test_a_rewritten_argument_falls_back_to_the_orm(world):
    by_title(world)

    def build(word):
        return Topic.objects.filter(title__icontains=word).order_by("title").values("id", "title")

    assert prepared_rows("test-like", build, word="werp 1") == list(build("werp 1"))
    assert [key for key in prepared._compiled if key[0] == "test-like" and prepared._compiled[key] is None]


@pytest.mark.parametrize("role", ["anonymous", "reader", "superuser"])
def test_topic_detail_row_respects_visibility(world, role):
    public = TopicFactory(region=world.region, title="Openbaar", spearheads=[world.spearheads[0]])
    internal = TopicFactory(region=world.region, title="Intern", internal=True, spearheads=[world.spearheads[0]])
    user = world.user(role)
    assert topic_detail_row(user, topic_id=public.pk)["title"] == "Openbaar"
    seen = topic_detail_row(user, topic_id=internal.pk)
    assert (seen is not None) == (role != "anonymous")


@pytest.mark.parametrize("filters", [{}, {"gemeente": "gm0546"}, {"status": "voorgesteld", "regio": "proefregio"},
                                     {"zoek": "werp 2"}, {"trekkerNogTeBepalen": True}])
def test_topic_pages_equal_the_orm_pages(world, filters):
    topics = by_title(world, 6)
    Participation.objects.create(topic=topics[3], municipality=world.own, role="doet_mee")
    Topic.objects.filter(pk=topics[5].pk).update(proposed_by=world.own)
    source = TopicRows(world.user("reader"), filters)
    normalised = {**filters, **({"gemeente": "GM0546"} if "gemeente" in filters else {})}
    expected = list(topic_rows(topic_filter(normalised, source.regions["region_ids"])))
    assert source.count() == len(expected)
    assert source[0:3] + source[3:100] == expected
    with CaptureQueriesContext(connection) as queries:
        source[0:3]
    assert len(queries) == 1
    if "gemeente" in filters:
        assert {row["id"] for row in expected} == {topics[3].pk, topics[5].pk}
