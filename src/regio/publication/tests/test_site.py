"""The public site: every page renders for anyone, shows public items only (also to signed-in
users), the news list comes from the change history, and page costs do not grow with the data."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio.commitments.tests.factories import CommitmentFactory
from regio.core.models import Visibility
from regio.documents import search
from regio.documents.models import Document, DocumentKind, DocumentPage
from regio.meetings.models import Outcome
from regio.meetings.tests.agreement_factories import AgreementFactory, DecisionFactory
from regio.meetings.tests.meeting_factories import AgendaItemFactory, BodyFactory, MeetingFactory
from regio.publication import selectors
from regio.topics.models import TopicStatus, TopicStatusChange
from regio.topics.tests.factories import ParticipationFactory, ResultFactory, TopicFactory

# Every internal item carries one of these words, so a leak is found by a plain text search.
SECRET = "Zwijgplicht"


def make_document(region, *, title, visibility, text, kind=DocumentKind.LETTER, day=datetime.date(2019, 1, 31)):
    content = f"{title}\n{text}".encode()
    document = Document.objects.create(
        region=region, sha256=hashlib.sha256(content).hexdigest(), original=ContentFile(content, name="brief.txt"),
        filename="brief.txt", media_type="text/plain", size=len(content), title=title, document_date=day,
        kind=kind, visibility=visibility,
    )
    DocumentPage.objects.create(document=document, number=1, text=text)
    search.index_document(document)
    return document


@pytest.fixture
def scene(world):
    """One public item of every kind, and internal ones next to and inside them."""
    region, own, other = world.region, world.own, world.other
    topic = TopicFactory(
        region=region, title="Warmterotonde", spearheads=[world.spearheads[1]], proposed_by=own,
        lead_municipality=own, proposed_on=datetime.date(2018, 5, 1),
    )
    ParticipationFactory(topic=topic, municipality=other)
    ResultFactory(topic=topic, description="Aansluitingen op het warmtenet")
    TopicStatusChange.objects.create(
        topic=topic, from_status=TopicStatus.PROPOSED, to_status=TopicStatus.EXPLORING,
        changed_on=datetime.date(2019, 2, 1), reason="Verkenning gestart",
    )
    secret_topic = TopicFactory(region=region, title=f"{SECRET} onderwerp", spearheads=[world.spearheads[0]], internal=True)
    TopicStatusChange.objects.create(
        topic=secret_topic, from_status=TopicStatus.PROPOSED, to_status=TopicStatus.EXPLORING,
        changed_on=datetime.date(2019, 2, 2), reason=f"{SECRET} reden",
    )
    body = BodyFactory(region=region, name="Portefeuillehoudersoverleg Duurzaamheid")
    body.topics.set([topic, secret_topic])
    secret_body = BodyFactory(region=region, name=f"{SECRET} overleg", internal=True)
    meeting = MeetingFactory(region=region, body=body, title="Overleg warmte")
    AgendaItemFactory(meeting=meeting, title="Warmte bespreken", topic=topic)
    AgendaItemFactory(meeting=meeting, title="Voortgang", topic=secret_topic)
    MeetingFactory(region=region, body=body, title=f"{SECRET} vergadering", internal=True)
    MeetingFactory(region=region, body=secret_body, title=f"{SECRET} vergadering van een intern overleg")
    MeetingFactory(region=region, title="Colleges samen", window=True)
    agreement = AgreementFactory(
        region=region, title="Samen warmte inkopen", topic=topic, meeting=meeting, participants=[own, other]
    )
    DecisionFactory(agreement=agreement, municipality=own, outcome=Outcome.ADOPTED)
    secret_agreement = AgreementFactory(
        region=region, title=f"{SECRET} afspraak", topic=secret_topic, participants=[own], internal=True
    )
    DecisionFactory(agreement=secret_agreement, municipality=own, outcome=Outcome.REJECTED)
    AgreementFactory(region=region, title="Afspraak over het warmtenet", topic=secret_topic, participants=[own])
    commitment = CommitmentFactory(
        region=region, title="Raden informeren over warmte", topic=topic, recipient_councils=[own, other],
        due_date=datetime.date(2019, 2, 28),
    )
    CommitmentFactory(region=region, title=f"{SECRET} toezegging", topic=topic, internal=True)
    document = make_document(
        region, title="Raadsinformatiebrief warmte", visibility=Visibility.PUBLIC,
        text="De colleges werken samen aan de warmterotonde.",
    )
    document.topics.add(topic)
    secret_document = make_document(
        region, title=f"{SECRET} brief", visibility=Visibility.INTERNAL,
        text=f"De warmterotonde en {SECRET} tekst.",
    )
    secret_document.topics.add(topic)
    return {
        "world": world, "topic": topic, "body": body, "meeting": meeting, "agreement": agreement,
        "commitment": commitment, "document": document, "secret_topic": secret_topic,
        "secret_body": secret_body, "secret_agreement": secret_agreement, "secret_document": secret_document,
    }


def public_urls(scene) -> list[str]:
    region = scene["world"].region.slug
    pages = [
        ("region-home", {}), ("topic-list", {}), ("body-list", {}), ("meeting-list", {}),
        ("agreement-list", {}), ("commitment-list", {}), ("document-list", {}), ("timeline", {}),
        ("news", {}), ("region-accessibility", {}),
        ("topic-detail", {"slug": scene["topic"].slug}),
        ("body-detail", {"slug": scene["body"].slug}),
        ("meeting-detail", {"pk": scene["meeting"].pk}),
        ("agreement-detail", {"pk": scene["agreement"].pk}),
        ("commitment-detail", {"pk": scene["commitment"].pk}),
        ("document-detail", {"pk": scene["document"].pk}),
    ]
    urls = [reverse(f"publication:{name}", kwargs={"region": region, **kwargs}) for name, kwargs in pages]
    urls.append(reverse("publication:document-list", kwargs={"region": region}) + "?q=warmterotonde")
    urls.append(reverse("publication:topic-list", kwargs={"region": region}) + "?q=onderwerp")
    urls.append(reverse("publication:accessibility"))
    return urls


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "reader", "coordinator", "superuser"])
def test_every_public_page_renders_and_shows_no_internal_item(scene, client_for, role):
    client = client_for(scene["world"].user(role))
    for url in public_urls(scene):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SECRET not in html, f"{url} shows an internal item to {role}"
        # Internal items linked from public ones are not even linked.
        assert f"/onderwerpen/{scene['secret_topic'].slug}/" not in html, url
        assert f"/documenten/{scene['secret_document'].pk}/" not in html, url


@pytest.mark.django_db
def test_pages_show_the_public_items(scene, client):
    region = scene["world"].region.slug
    expectations = {
        "region-home": ["Warmterotonde", "Wonen", "Energie", "Raadsinformatiebrief warmte"],
        "topic-list": ["Warmterotonde", "Leiden", "Leiderdorp"],
        "meeting-list": ["Overleg warmte", "Colleges samen"],
        "agreement-list": ["Samen warmte inkopen", "Afspraak over het warmtenet"],
        "commitment-list": ["Raden informeren over warmte"],
        "document-list": ["Raadsinformatiebrief warmte"],
        "timeline": ["Overleg warmte", "Samen warmte inkopen", "Raden informeren over warmte"],
        "news": ["Warmterotonde", "Samen warmte inkopen", "Raadsinformatiebrief warmte"],
    }
    for name, texts in expectations.items():
        html = client.get(reverse(f"publication:{name}", kwargs={"region": region})).content.decode()
        for text in texts:
            assert text in html, (name, text)


@pytest.mark.django_db
def test_topic_page_shows_status_lead_participation_and_results(scene, client):
    html = client.get(
        reverse("publication:topic-detail", kwargs={"region": "proefregio", "slug": scene["topic"].slug})
    ).content.decode()
    for text in ["Aansluitingen op het warmtenet", "Samen warmte inkopen", "Raden informeren over warmte",
                 "Overleg warmte", "Raadsinformatiebrief warmte", "Verkenning gestart"]:
        assert text in html, text


@pytest.mark.django_db
def test_agreement_page_shows_each_municipality_decision(scene, client):
    response = client.get(
        reverse("publication:agreement-detail", kwargs={"region": "proefregio", "pk": scene["agreement"].pk})
    )
    rows = {row.municipality.name: row for row in response.context["consent"].rows}
    assert rows["Leiden"].adopted and not rows["Leiderdorp"].adopted
    assert response.context["meeting"] == scene["meeting"]


@pytest.mark.django_db
def test_internal_items_answer_404_even_when_signed_in(scene, client_for):
    client = client_for(scene["world"].user("coordinator"))
    region = "proefregio"
    for name, kwargs in [
        ("topic-detail", {"slug": scene["secret_topic"].slug}),
        ("body-detail", {"slug": scene["secret_body"].slug}),
        ("agreement-detail", {"pk": scene["secret_agreement"].pk}),
        ("document-detail", {"pk": scene["secret_document"].pk}),
    ]:
        assert client.get(reverse(f"publication:{name}", kwargs={"region": region, **kwargs})).status_code == 404


@pytest.mark.django_db
def test_unknown_region_and_bad_input_give_404_or_ignored_filters(scene, client):
    assert client.get("/openbaar/nergens/").status_code == 404
    assert client.get("/openbaar/proefregio/vergaderingen/999999/").status_code == 404
    url = reverse("publication:topic-list", kwargs={"region": "proefregio"})
    assert client.get(url + "?status=onzin&speerpunt=x&gemeente=x").status_code == 200
    assert client.get(url + "?speerpunt=%00").status_code == 400  # a NUL character is refused everywhere
    assert client.get(reverse("publication:news", kwargs={"region": "proefregio"}) + "?pagina=abc").status_code == 200
    assert client.post(url).status_code == 405


@pytest.mark.django_db
def test_news_is_newest_first_and_public_only(scene):
    items, has_more = selectors.news_items(region=scene["world"].region, limit=50)
    assert not has_more
    days = [item.day for item in items]
    assert days == sorted(days, reverse=True)
    kinds = {item.kind for item in items}
    assert kinds == {"topic", "status", "agreement", "decision", "document"}
    assert all(SECRET not in f"{item.title} {item.text}" for item in items)


@pytest.mark.django_db
def test_an_item_made_internal_later_leaves_the_news(scene):
    agreement = scene["agreement"]
    agreement.visibility = Visibility.INTERNAL
    agreement.save()
    items, _more = selectors.news_items(region=scene["world"].region, limit=50)
    assert "Samen warmte inkopen" not in {item.title for item in items}


@pytest.mark.django_db
def test_news_pages(scene):
    region = scene["world"].region
    everything, _more = selectors.news_items(region=region, limit=100)
    first, more = selectors.news_items(region=region, limit=2)
    second, _more = selectors.news_items(region=region, limit=2, offset=2)
    assert more and first + second == everything[:4]


@pytest.mark.django_db
def test_search_finds_public_documents_only_even_when_the_index_is_stale(scene):
    region = scene["world"].region
    found = selectors.document_search_public(region=region, query="warmterotonde")
    assert [hit.document for hit in found.hits] == [scene["document"]]
    # Made internal without reindexing: the search checks the documents' current visibility.
    Document.objects.filter(pk=scene["document"].pk).update(visibility=Visibility.INTERNAL)
    assert selectors.document_search_public(region=region, query="warmterotonde").hits == []


def test_theme_text_colour_is_readable_on_the_region_colour():
    class Region:
        colour = "#ffdd00"

    assert selectors.region_theme(Region()).on_colour == "#000000"
    Region.colour = "#1f5f8b"
    assert selectors.region_theme(Region()).on_colour == "#ffffff"
    for colour in ["#000000", "#777777", "#808080", "#ff0000", "#00ff00", "#0000ff", "#ffffff"]:
        Region.colour = colour
        theme = selectors.region_theme(Region())
        assert selectors.contrast_ratio(theme.colour, theme.on_colour) >= 4.5, colour


@pytest.mark.django_db
def test_pages_are_in_english_when_chosen(scene, client):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("publication:news", kwargs={"region": "proefregio"})).content.decode()
    assert '<html lang="en"' in html and "News" in html
    client.cookies["django_language"] = "nl"
    html = client.get(reverse("publication:news", kwargs={"region": "proefregio"})).content.decode()
    assert '<html lang="nl"' in html and "Nieuws" in html


# --- query counts ---------------------------------------------------------------------------------


def grow(world, n: int, start: int) -> None:
    """n more public rows of every kind, each with its related rows."""
    region, own, other = world.region, world.own, world.other
    body = BodyFactory(region=region, name=f"Extra overleg {start}")
    for i in range(start, start + n):
        topic = TopicFactory(region=region, title=f"Extra onderwerp {i:05d}", spearheads=world.spearheads,
                             proposed_by=own, lead_municipality=other)
        ParticipationFactory(topic=topic, municipality=own)
        meeting = MeetingFactory(region=region, body=body, title=f"Extra vergadering {i:05d}")
        AgendaItemFactory(meeting=meeting, title="Punt", topic=topic, order=1)
        agreement = AgreementFactory(region=region, title=f"Extra afspraak {i:05d}", topic=topic, meeting=meeting,
                                     participants=[own, other])
        DecisionFactory(agreement=agreement, municipality=own)
        CommitmentFactory(region=region, title=f"Extra toezegging {i:05d}", topic=topic, recipient_councils=[own])
        make_document(region, title=f"Extra brief {i:05d}", visibility=Visibility.PUBLIC, text=f"Warmte {i}")


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(scene, client):
    world = scene["world"]
    grow(world, 10, 0)
    urls = public_urls(scene)
    small = {url: count_queries(client, url) for url in urls}
    grow(world, 40, 10)
    large = {url: count_queries(client, url) for url in urls}
    assert large == small
