"""One public surface: every address of the site, fetched by an anonymous visitor and by a signed-in
user without rights in the region, never shows the title of an internal item.

The URL patterns are read from the resolver, so a page added later is covered as soon as it exists;
a pattern whose arguments this test cannot fill fails the test until the table below knows them.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from regio.access.tests.factories import GrantFactory, UserFactory
from regio.arrangements.tests.factories import ArrangementFactory
from regio.commitments.tests.factories import CommitmentFactory
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import AgendaItemFactory, MeetingFactory
from regio.notifications.tokens import make_token
from regio.publication.exports import tables
from regio.publication.tests.export_scene import MARK, build_export_scene
from regio.regions.models import Region
from regio.regions.tests.factories import PersonFactory
from regio.topics.tests.factories import TopicFactory

REFERENCED = f"{MARK} Kernfusie verwezen"  # an internal topic that public items point to
SEARCH_WORD = "Kernfusie"


def walk(resolver=None, prefix="", namespace=""):
    """(namespaced name, route with <converter:name> parts, converters) of every URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield name, prefix + str(entry.pattern)


def sample_paths(route: str, samples: dict) -> list[str]:
    """The concrete paths of `route`: each <conv:name> filled from the segment before it."""
    import re

    paths = [""]
    previous = ""
    for part in re.split(r"(<[^>]+>)", route):
        if part.startswith("<"):
            name = part[1:-1].split(":")[-1]
            key = (previous, name) if (previous, name) in samples else ("*", name)
            if key not in samples:
                raise AssertionError(f"no sample for {name!r} after {previous!r} in {route!r}")
            values = samples[key]
            values = values if isinstance(values, list) else [values]
            paths = [p + str(v) for p in paths for v in values]
        else:
            paths = [p + part for p in paths]
            segments = [s for s in part.split("/") if s]
            if segments:
                previous = segments[-1]
    return paths


@pytest.fixture
def surface(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    scene = build_export_scene(world)
    region, own = world.region, world.own
    referenced = TopicFactory(region=region, title=REFERENCED, internal=True, proposed_by=own)
    scene.body.topics.add(referenced)
    agenda_meeting = MeetingFactory(region=region, body=scene.body, title="Openbaar overleg")
    AgendaItemFactory(meeting=agenda_meeting, order=1, title="Openbaar agendapunt", topic=referenced)
    secret_meeting = MeetingFactory(region=region, title=f"{MARK} besloten vergadering", internal=True)
    agreement = AgreementFactory(region=region, title="Openbare afspraak", participants=[own], topic=referenced,
                                 meeting=secret_meeting, made_on=datetime.date(2019, 4, 2))
    scene.document.topics.add(referenced)
    DecisionFactory(agreement=agreement, municipality=own, decided_on=datetime.date(2019, 4, 3))
    commitment = CommitmentFactory(region=region, title="Openbare toezegging", topic=referenced,
                                   recipient_councils=[own], promised_by_municipalities=[own])
    person = PersonFactory(name="Wethouder Proef")
    elsewhere = Region.objects.get(slug="andere-regio")
    outsider = GrantFactory(reader=True, region=elsewhere, user=UserFactory(username="lezer-elders")).user
    arrangement = ArrangementFactory(region=region)
    samples = {
        ("*", "region"): region.slug,
        ("regios", "slug"): region.slug,
        ("onderwerpen", "slug"): [scene.topic.slug, referenced.slug],
        ("onderwerpen", "pk"): [scene.topic.pk, referenced.pk],
        ("deelname", "municipality"): own.slug,
        ("deelnames", "code"): [own.cbs_code, "%00"],
        ("resultaten", "pk"): 1,
        ("gemeenten", "slug"): own.slug,
        ("gemeenten", "code"): [own.cbs_code, "%00"],
        ("gremia", "slug"): scene.body.slug,
        ("gremia", "pk"): scene.body.pk,
        ("vergaderingen", "pk"): [scene.meeting.pk, agenda_meeting.pk],
        ("afspraken", "pk"): [scene.agreement.pk, agreement.pk],
        ("besluit", "municipality"): own.slug,
        ("besluiten", "pk"): agreement.decisions.first().pk,
        ("toezeggingen", "pk"): [scene.commitment.pk, commitment.pk],
        ("documenten", "pk"): scene.document.pk,
        ("personen", "pk"): person.pk,
        ("speerpunten", "pk"): world.spearheads[1].pk,
        ("speerpunten", "spearhead"): world.spearheads[1].code,
        ("beoordelen", "finding_pk"): 1,
        ("*", "entity"): sorted(tables.TABLES),
        # An unsubscribe link as e-mails carry it (a GET only shows what it would turn off).
        ("afmelden", "token"): make_token(user_id=world.user("reader").pk, kind="digest"),
        ("regelingen", "pk"): arrangement.pk,
        ("regelingen", "slug"): arrangement.slug,
        ("stukken", "pk"): 1,
        ("zienswijze", "municipality"): own.slug,
        ("zienswijzen", "pk"): 1,
        ("export.", "fmt"): ["csv", "xlsx"],
        ("groep", "kind"): "municipality",
        ("verbonden-partijen", "year"): 2026,
        ("verwerking", "pk"): 1,
    }
    return samples, outsider


def site_paths(samples) -> list[tuple[str, str]]:
    paths = []
    for name, route in walk():
        if name.startswith("admin:"):
            continue  # the admin is for staff only; checked below as a whole
        route = route.replace("^", "").replace("$", "").replace("\\Z", "")
        for path in sample_paths(route, samples):
            paths.append((name, "/" + path))
    return paths


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_no_internal_title_on_any_address(world, surface, client, who):
    samples, outsider = surface
    if who == "outsider":
        client.force_login(outsider)
        from rest_framework.authtoken.models import Token

        headers = {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=outsider).key}"}
    else:
        headers = {}
    paths = site_paths(samples)
    names = {name for name, _path in paths}
    assert {"web:agreement-list", "web:body-detail", "open-data:csv", "api:onderwerp-list"} <= names
    leaks = []
    for name, path in paths:
        for query in ("", f"?q={SEARCH_WORD}"):
            response = client.get(path + query, follow=True, **(headers if path.startswith("/api/") else {}))
            assert response.status_code < 500, (path, response.status_code)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if MARK.encode() in body:
                leaks.append((name, path + query))
    assert client.get("/beheer/").status_code == 302
    assert not leaks, "\n".join(f"{name} {path}" for name, path in leaks)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/proefregio/afspraken/", "/openbaar/proefregio/afspraken/"),
        ("/proefregio/gremia/portefeuillehoudersoverleg-energie/",
         "/openbaar/proefregio/gremia/portefeuillehoudersoverleg-energie/"),
        ("/proefregio/onderwerpen/?q=warmte", "/openbaar/proefregio/onderwerpen/?q=warmte"),
        ("/proefregio/zoeken/?q=warmte", "/openbaar/proefregio/documenten/?q=warmte"),
        ("/proefregio/minder-overleg/", "/account/inloggen/?next=/proefregio/minder-overleg/"),
        ("/proefregio/onderwerpen/nieuw/", "/account/inloggen/?next=/proefregio/onderwerpen/nieuw/"),
        ("/", "/openbaar/"),
    ],
)
def test_anonymous_visitors_go_to_the_public_site(world, surface, client, path, expected):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_the_issue_probe(world, surface, client):
    """The five addresses of the issue, with an internal topic referenced by public items."""
    samples, _outsider = surface
    agreement, commitment = samples[("afspraken", "pk")][1], samples[("toezeggingen", "pk")][1]
    meeting = samples[("vergaderingen", "pk")][1]
    for path in (
        "/proefregio/afspraken/",
        f"/proefregio/afspraken/{agreement}/",
        f"/proefregio/toezeggingen/{commitment}/",
        "/proefregio/gremia/portefeuillehoudersoverleg-energie/",
        f"/proefregio/vergaderingen/{meeting}/",
    ):
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        assert REFERENCED not in response.content.decode(), path
