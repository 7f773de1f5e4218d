"""Every API list answers in a number of queries that does not grow with the data (10 vs 1,000 rows)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regio.commitments.models import Commitment
from regio.documents.models import Document
from regio.meetings.models import AgendaItem, Agreement, Body, BodyMember, Meeting, MunicipalDecision
from regio.regions.models import Person
from regio.topics.models import Participation, Result, Topic

pytestmark = pytest.mark.django_db


def grow(world, n: int, start: int) -> None:
    """Add `n` rows of every resource, each with the related rows its representation shows."""
    region, own, other = world.region, world.own, world.other
    rng = range(start, start + n)
    topics = Topic.objects.bulk_create(Topic(region=region, title=f"Onderwerp {i}", slug=f"onderwerp-{i}") for i in rng)
    Topic.spearheads.through.objects.bulk_create(
        Topic.spearheads.through(topic=t, spearhead=world.spearheads[0]) for t in topics)
    Participation.objects.bulk_create(Participation(topic=t, municipality=own, role="doet_mee") for t in topics)
    Result.objects.bulk_create(Result(topic=t, description="Resultaat") for t in topics)
    person = Person.objects.create(name=f"Lid {start}")
    bodies = Body.objects.bulk_create(Body(region=region, name=f"Overleg {i}", slug=f"overleg-{i}", kind="overig") for i in rng)
    BodyMember.objects.bulk_create(BodyMember(body=b, person=person, municipality=own) for b in bodies)
    Body.topics.through.objects.bulk_create(Body.topics.through(body=b, topic=t) for b, t in zip(bodies, topics))
    moment = datetime.datetime(2019, 3, 14, 10, tzinfo=datetime.timezone.utc)
    meetings = Meeting.objects.bulk_create(
        Meeting(region=region, body=b, title=f"Vergadering {i}", starts_at=moment) for i, b in zip(rng, bodies))
    AgendaItem.objects.bulk_create(AgendaItem(meeting=m, order=1, title="Punt", topic=t) for m, t in zip(meetings, topics))
    agreements = Agreement.objects.bulk_create(
        Agreement(region=region, title=f"Afspraak {i}", text="Tekst", made_on=datetime.date(2019, 3, 14), meeting=m, topic=t)
        for i, m, t in zip(rng, meetings, topics))
    Agreement.participants.through.objects.bulk_create(
        Agreement.participants.through(agreement=a, municipality=m) for a in agreements for m in (own, other))
    MunicipalDecision.objects.bulk_create(
        MunicipalDecision(agreement=a, municipality=own, organ="college", outcome="ingestemd",
                          decided_on=datetime.date(2019, 4, 1)) for a in agreements)
    commitments = Commitment.objects.bulk_create(
        Commitment(region=region, title=f"Toezegging {i}", promised_by="Colleges", due_date=datetime.date(2019, 2, 28),
                   topic=t) for i, t in zip(rng, topics))
    Commitment.recipient_councils.through.objects.bulk_create(
        Commitment.recipient_councils.through(commitment=c, municipality=own) for c in commitments)
    documents = Document.objects.bulk_create(
        Document(region=region, sha256=f"{i:064d}", original=f"documents/{i}", filename="x.pdf", media_type="application/pdf",
                 size=1, title=f"Document {i}", visibility="openbaar") for i in rng)
    Document.municipalities.through.objects.bulk_create(
        Document.municipalities.through(document=d, municipality=own) for d in documents)


LISTS = ["onderwerpen", "gremia", "vergaderingen", "afspraken", "besluiten", "toezeggingen", "documenten",
         "onderwerpen?status=voorgesteld", "afspraken?status=deels", "vergaderingen?gemeente=GM0546",
         "toezeggingen?teLaat=true", "regios", "gemeenten", "speerpunten"]


def count_queries(client, path: str, headers: dict) -> int:
    separator = "&" if "?" in path else "?"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/{path}{separator}pageSize=100", **headers)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_list_query_counts_do_not_grow_with_the_data(client, world, role):
    from rest_framework.authtoken.models import Token

    user = world.user(role)
    headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"} if user.is_authenticated else {}
    grow(world, 10, 0)
    small = {path: count_queries(client, path, headers) for path in LISTS}
    grow(world, 990, 10)
    large = {path: count_queries(client, path, headers) for path in LISTS}
    assert large == small
    assert max(small.values()) <= 10, small


def test_detail_query_counts_are_small(client, world):
    grow(world, 10, 0)
    for resource, model in (("gremia", Body), ("vergaderingen", Meeting), ("afspraken", Agreement),
                            ("toezeggingen", Commitment), ("onderwerpen", Topic)):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/{resource}/{model.objects.first().pk}").status_code == 200
        assert len(queries) <= 8, (resource, [q["sql"] for q in queries.captured_queries])
