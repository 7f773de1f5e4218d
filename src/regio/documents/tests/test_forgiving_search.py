"""Search that forgives: a misspelling or a compound written apart still finds the topic, with a
"Bedoelde u …" suggestion from the index's own words; results are grouped by kind with counts, a
topic whose title matches before meetings that only mention it. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from regio.access.policies import region_access
from regio.documents import search
from regio.documents.forgiving import forgiving_search, similarity, suggest, trigrams
from regio.meetings.tests.meeting_factories import MeetingFactory, local
from regio.topics.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

SIMILARITIES = [
    # a, b, similarity as PostgreSQL 15 with pg_trgm answered SELECT similarity(a, b)
    ("warmterotonde", "warmterotonde", 1.0),
    ("warmterotunde", "warmterotonde", 0.647),
    ("woning", "woningen", 0.6),
    ("fiets", "warmte", 0.0),
]


@pytest.mark.parametrize(("a", "b", "expected"), SIMILARITIES)
def test_similarity_is_pg_trgms(a, b, expected):
    assert similarity(a, b) == pytest.approx(expected, abs=0.01)


def test_trigrams_are_pg_trgms():
    assert trigrams("Rot") == {"  r", " ro", "rot", "ot "}


@pytest.fixture
def scene(world):
    topic = TopicFactory(region=world.region, title="Warmterotonde", description="Restwarmte voor de regio.",
                         spearheads=[world.spearheads[1]])
    others = [
        MeetingFactory(region=world.region, title=f"Overleg {n}", starts_at=local(2026, 3, n),
                       minutes="Besproken: de warmterotonde en de planning.")
        for n in range(1, 8)
    ]
    TopicFactory(region=world.region, title="Fietsroute", spearheads=[world.spearheads[0]])
    secret = TopicFactory(region=world.region, title="Geheimproject", internal=True, spearheads=[world.spearheads[0]])
    search.rebuild(region=world.region)
    return topic, others, secret


def access_of(world, role):
    return region_access(world.user(role), world.region)


@pytest.mark.parametrize("query", ["warmterotunde", "Warmterotunde", "warmte rotonde", "warmterotonde"])
def test_a_misspelling_or_a_split_compound_finds_the_topic(world, scene, query):
    topic, meetings, _ = scene
    result = forgiving_search(region=world.region, access=access_of(world, "reader"), query=query)
    groups = {group.object_type: group for group in result.groups}
    assert [hit.object_id for hit in groups["topic"].hits] == [topic.pk]
    assert groups["meeting"].count == 7
    # Topics come first: a topic that matches by its title is never below the meetings mentioning it.
    assert [group.object_type for group in result.groups][:2] == ["topic", "meeting"]


@pytest.mark.parametrize(("query", "suggestion"), [
    ("warmterotunde", "warmterotonde"),
    ("warmte rotonde", "warmterotonde"),
    ("fietsrout", "fietsroute"),
    ("warmterotonde", None),
    ("zonnepanelen", None),
])
def test_did_you_mean_comes_from_the_index_vocabulary(world, scene, query, suggestion):
    assert suggest(query, region=world.region, access=access_of(world, "reader")) == suggestion


def test_a_suggestion_is_searched_only_when_the_query_finds_nothing(world, scene):
    result = forgiving_search(region=world.region, access=access_of(world, "reader"), query="warmterotunde")
    assert (result.searched, result.suggestion, result.corrected) == ("warmterotonde", "warmterotonde", True)
    exact = forgiving_search(region=world.region, access=access_of(world, "reader"), query="warmterotonde")
    assert (exact.searched, exact.suggestion, exact.corrected) == ("warmterotonde", None, False)


def test_suggestions_never_reveal_internal_words(world, scene):
    assert suggest("geheimprojekt", region=world.region, access=access_of(world, "anonymous")) is None
    assert suggest("geheimprojekt", region=world.region, access=access_of(world, "reader")) == "geheimproject"


def _vocabulary_reads(queries) -> int:
    return sum(1 for q in queries if search.ENTRY_TABLE in q["sql"] and "CASE WHEN e.object_type" in q["sql"])


def test_the_vocabulary_is_read_once_per_change_of_the_region(world, scene, page_cache):
    """Reading the vocabulary walks the region's whole index: a second search reads it from the cache,
    a change to the region's data (which raises its counter) makes the next search read it anew."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regio.regions.models import Region
    from regio.topics.services import topic_create

    reader = access_of(world, "reader")
    with CaptureQueriesContext(connection) as first:
        assert suggest("fietsrute", region=world.region, access=reader) == "fietsroute"
    with CaptureQueriesContext(connection) as second:
        assert suggest("fietsrute", region=world.region, access=reader) == "fietsroute"
    assert (_vocabulary_reads(first), _vocabulary_reads(second)) == (1, 0)

    topic_create(actor=world.user("coordinator"), region=world.region, title="Zwemvijver",
                 spearheads=[world.spearheads[0]])
    region = Region.objects.get(pk=world.region.pk)  # the raised counter, as the next request reads it
    with CaptureQueriesContext(connection) as third:
        assert suggest("zwemvyver", region=region, access=access_of(world, "reader")) == "zwemvijver"
    assert _vocabulary_reads(third) == 1


def test_the_cached_vocabulary_of_internal_readers_is_not_given_to_visitors(world, scene, page_cache):
    from django.contrib.auth.models import AnonymousUser

    assert suggest("geheimprojekt", region=world.region, access=access_of(world, "reader")) == "geheimproject"
    anonymous = region_access(AnonymousUser(), world.region)
    assert suggest("geheimprojekt", region=world.region, access=anonymous) is None
