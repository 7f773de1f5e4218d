"""Every list shows 50 rows a page with its total and page links, signed-in and public, on
generated data (regio generate-scale at a small size); pages stay the same size and cost the same
queries when the data grows."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regio.access.tests.factories import GrantFactory, UserFactory
from regio.commitments.models import Commitment
from regio.conftest import signed_in_fully
from regio.core.models import Visibility
from regio.documents.models import Document
from regio.meetings.models import Agreement, Meeting
from regio.regionfiles.scale import generate_scale
from regio.regions.models import Region
from regio.topics.models import Topic

pytestmark = pytest.mark.django_db

MAX_PAGE_BYTES = 200_000
SLUG = "schaalregio-01"


def generate(topics: int = 120, meetings: int = 300, documents: int = 150):
    generate_scale(regions=1, topics=topics, meetings=meetings, documents=documents, seed=7)
    region = Region.objects.get(slug=SLUG)
    user = UserFactory(username=f"coordinator-{topics}")
    GrantFactory(coordinator=True, region=region, user=user)
    return region, user


def links(html: str, prefix: str) -> set[str]:
    """The distinct detail links under `prefix` (a row links its item once or twice)."""
    return set(re.findall(re.escape(prefix) + r"[\w-]+/\"", html))


def totals_shown(html: str) -> list[int]:
    """The totals the page shows, one per paged list on it."""
    found = [int(n) for n in re.findall(r"(\d+) in totaal", html)]
    assert found, "the page shows no total"
    return found


# (address, detail-link prefix, the rows it lists: a function of the region, for the signed-in coordinator
# or an anonymous visitor)
PUBLIC = Visibility.PUBLIC
LISTS = {
    "signed-in topics": (f"/{SLUG}/onderwerpen/", f"/{SLUG}/onderwerpen/",
                         lambda r: Topic.objects.filter(region=r).count()),
    "signed-in agreements": (f"/{SLUG}/afspraken/", f"/{SLUG}/afspraken/",
                             lambda r: Agreement.objects.filter(region=r).count()),
    "signed-in commitments": (f"/{SLUG}/toezeggingen/", f"/{SLUG}/toezeggingen/",
                              lambda r: Commitment.objects.filter(region=r).count()),
    "signed-in documents": (f"/{SLUG}/documenten/", f"/{SLUG}/documenten/",
                            lambda r: Document.objects.filter(region=r).count()),
    "signed-in meetings held": (f"/{SLUG}/vergaderingen/", f"/{SLUG}/vergaderingen/",
                                lambda r: Meeting.objects.filter(region=r, starts_at__lte=timezone.now()).count()),
    "public topics": (f"/openbaar/{SLUG}/onderwerpen/", f"/openbaar/{SLUG}/onderwerpen/",
                      lambda r: Topic.objects.filter(region=r, visibility=PUBLIC).count()),
    "public agreements": (f"/openbaar/{SLUG}/afspraken/", f"/openbaar/{SLUG}/afspraken/",
                          lambda r: Agreement.objects.filter(region=r, visibility=PUBLIC).count()),
    "public meetings held": (f"/openbaar/{SLUG}/vergaderingen/", f"/openbaar/{SLUG}/vergaderingen/",
                             lambda r: Meeting.objects.filter(region=r, visibility=PUBLIC,
                                                              starts_at__lte=timezone.now()).count()),
}


def fetch(client, user, address: str) -> str:
    client.logout()
    if not address.startswith("/openbaar/"):
        signed_in_fully(client, user)
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_shows_fifty_a_page_with_its_total_and_a_second_page(client, name):
    region, user = generate()
    address, prefix, expected_total = LISTS[name]
    total = expected_total(region)
    assert total > 50, "the generated data must fill more than one page"

    first = fetch(client, user, address)
    assert total in totals_shown(first)
    # Lists with two sections (meetings: upcoming and held) show at most 50 of each.
    assert 0 < len(links(first, prefix)) <= 100
    assert "pagina=2" in first and 'rel="next"' in first

    second = fetch(client, user, f"{address}?pagina=2")
    assert total in totals_shown(second)
    assert 'rel="prev"' in second
    assert links(second, prefix) - links(first, prefix), "page 2 shows other rows than page 1"


def test_topic_pages_split_the_whole_list_exactly(client):
    region, user = generate()
    total = Topic.objects.filter(region=region).count()  # 120: pages of 50, 50 and 20
    prefix = f"/{SLUG}/onderwerpen/onderwerp-"
    seen = []
    for page in (1, 2, 3):
        html = fetch(client, user, f"/{SLUG}/onderwerpen/?pagina={page}")
        seen.append(links(html, prefix))
    assert [len(s) for s in seen] == [50, 50, 20]
    assert len(set().union(*seen)) == total == 120


def test_a_page_out_of_range_shows_the_last_page_and_nonsense_the_first(client):
    _region, user = generate()
    prefix = f"/{SLUG}/onderwerpen/onderwerp-"
    last = fetch(client, user, f"/{SLUG}/onderwerpen/?pagina=99")
    assert len(links(last, prefix)) == 20 and "pagina 3 van 3" in last
    first = fetch(client, user, f"/{SLUG}/onderwerpen/?pagina=abc")
    assert len(links(first, prefix)) == 50 and "pagina 1 van 3" in first


def test_page_links_keep_the_filters(client):
    _region, user = generate()
    html = fetch(client, user, f"/openbaar/{SLUG}/onderwerpen/?status=&q=Onderwerp")
    assert "?q=Onderwerp&amp;pagina=2" in html


PAGES = [
    f"/{SLUG}/", f"/{SLUG}/onderwerpen/", f"/{SLUG}/vergaderingen/", f"/{SLUG}/afspraken/",
    f"/{SLUG}/toezeggingen/", f"/{SLUG}/documenten/", f"/{SLUG}/gremia/", f"/{SLUG}/tijdlijn/",
    f"/{SLUG}/dashboard/",
    f"/openbaar/{SLUG}/", f"/openbaar/{SLUG}/onderwerpen/", f"/openbaar/{SLUG}/vergaderingen/",
    f"/openbaar/{SLUG}/afspraken/", f"/openbaar/{SLUG}/toezeggingen/", f"/openbaar/{SLUG}/documenten/",
    f"/openbaar/{SLUG}/gremia/", f"/openbaar/{SLUG}/tijdlijn/", f"/openbaar/{SLUG}/nieuws/",
]


def measure(client, user) -> dict[str, tuple[int, int]]:
    """Per page: (bytes, queries)."""
    sizes = {}
    for address in PAGES:
        client.logout()
        if not address.startswith("/openbaar/"):
            signed_in_fully(client, user)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200, address
        sizes[address] = (len(response.content), len(queries.captured_queries))
    return sizes


def test_pages_stay_the_same_size_and_cost_when_the_data_doubles(client):
    # Sizes at which every list already fills its first page (upcoming meetings, open commitments
    # included), so only growth beyond a page would show.
    small = measure(client, generate(topics=240, meetings=600, documents=150)[1])
    large = measure(client, generate(topics=480, meetings=1200, documents=300)[1])
    for address in PAGES:
        (small_bytes, small_queries), (large_bytes, large_queries) = small[address], large[address]
        assert large_bytes < MAX_PAGE_BYTES, address
        if address.endswith("/dashboard/"):
            # One row per member council with open commitments: bounded by the members (here all 342
            # municipalities are in the one region), not by the data; more data fills more of them.
            continue
        # Only numbers, dates and titles differ; twice the data must not make a page grow by a fifth.
        assert large_bytes < small_bytes * 1.2, (address, small_bytes, large_bytes)
        assert large_queries == small_queries, (address, small_queries, large_queries)
