"""The review screen: marked text, accept / edit / reject with and without htmx, access, query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regio.commitments.models import Commitment
from regio.core.models import Visibility
from regio.documents.models import FindingState
from regio.documents.tests.test_review import LETTER, finding, stored_document
from regio.topics.models import Topic

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def letter(world):
    from regio.topics.tests.factories import TopicFactory

    TopicFactory(region=world.region, title="Warmtenet", slug="warmtenet").spearheads.set([world.spearheads[1]])
    return stored_document(world.region, LETTER + "\nBijlage: <script>alert('x')</script> & meer.\n")


def url(document, name="document-review", finding_pk=None):
    args = [document.region.slug, document.pk] + ([finding_pk] if finding_pk else [])
    return reverse(f"web:{name}", args=args)


def test_the_coordinator_sees_the_text_marked_and_every_group(client_for, world, letter):
    response = client_for(world.user("coordinator")).get(url(letter))
    assert response.status_code == 200
    html = response.content.decode()
    # The text is escaped, never rendered as markup.
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; meer." in html
    assert "<script>alert" not in html
    commitment = finding(letter, "commitment")
    assert f'id="tekst-{commitment.pk}"' in html and f'href="#tekst-{commitment.pk}"' in html
    assert "<mark" in html and "regio-mark--overlap" in html  # the decision's sentence holds a topic and a theme
    for heading in ("groep-decision", "groep-commitment", "groep-event", "groep-open_role", "groep-topic",
                    "groep-topic_candidate", "groep-municipality", "groep-theme", "groep-document_date"):
        assert f'id="{heading}"' in html
    assert url(letter, "finding-accept", commitment.pk) in html
    assert url(letter, "finding-edit", commitment.pk) in html
    # The "why" in plain words, never the name of the rule that fired.
    assert "De zin belooft iets aan de raden of een partner, met een datum." in html
    assert commitment.rule not in html
    assert "75%" in html  # the confidence


def test_marks_reassemble_the_exact_text(client_for, world, letter):
    from regio.web.review_views import _pages

    from regio.documents import review

    access = review.region_access(world.user("coordinator"), world.region)
    groups = review.review_items(document=letter, access=access)
    pages = _pages(letter.text, groups)
    assert "\f".join("".join(s.text for s in page) for page in pages) == letter.text


@pytest.mark.parametrize("role", ["reader", "editor_own"])
def test_readers_see_the_screen_read_only_and_editors_without_coordinator_actions(client_for, world, letter, role):
    response = client_for(world.user(role)).get(url(letter))
    assert response.status_code == 200
    html = response.content.decode()
    commitment, topic = finding(letter, "commitment"), finding(letter, "topic")
    assert url(letter, "finding-accept", commitment.pk) not in html
    if role == "reader":
        assert url(letter, "finding-accept", topic.pk) not in html
        assert url(letter, "finding-reject", topic.pk) not in html
    else:
        assert url(letter, "finding-accept", topic.pk) in html
        assert url(letter, "finding-reject", commitment.pk) in html


def test_an_internal_document_is_hidden_from_visitors_and_a_public_one_is_read_only(visitor, world, letter):
    assert visitor.get(url(letter)).status_code == 404
    letter.visibility = Visibility.PUBLIC
    letter.save()
    response = visitor.get(url(letter))
    assert response.status_code == 200
    assert url(letter, "finding-reject", finding(letter, "topic").pk) not in response.content.decode()


def test_accepting_with_htmx_answers_the_row_and_enters_the_agenda(client_for, world, letter):
    commitment = finding(letter, "commitment")
    response = client_for(world.user("coordinator")).post(url(letter, "finding-accept", commitment.pk), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="bevinding-{commitment.pk}"')
    assert "regio-finding--geaccepteerd" in html
    commitment.refresh_from_db()
    assert commitment.state == FindingState.ACCEPTED
    assert Commitment.objects.get(pk=commitment.result_id).due_date == datetime.date(2024, 6, 30)


def test_rejecting_without_javascript_redirects_back_to_the_finding(client_for, world, letter):
    event = finding(letter, "event")
    response = client_for(world.user("coordinator")).post(url(letter, "finding-reject", event.pk), {"reason": "Dubbel"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#bevinding-{event.pk}")
    event.refresh_from_db()
    assert event.state == FindingState.REJECTED


def test_editing_shows_a_form_and_accepts_the_corrections(client_for, world, letter):
    client = client_for(world.user("coordinator"))
    commitment = finding(letter, "commitment")
    form = client.get(url(letter, "finding-edit", commitment.pk), **HTMX)
    assert form.status_code == 200
    assert f'name="f{commitment.pk}-due_date"' in form.content.decode()
    assert 'value="2024-06-30"' in form.content.decode()
    page = client.get(url(letter, "finding-edit", commitment.pk))  # without JavaScript: a page of its own
    assert page.status_code == 200 and "<html" in page.content.decode()
    prefix = f"f{commitment.pk}-"
    response = client.post(url(letter, "finding-accept", commitment.pk), {
        prefix + "title": "Kosten warmtenet", prefix + "due_date": "2024-07-15",
        prefix + "recipient_councils": [world.other.pk],
    }, **HTMX)
    assert response.status_code == 200
    saved = Commitment.objects.get()
    assert (saved.title, saved.due_date) == ("Kosten warmtenet", datetime.date(2024, 7, 15))
    assert list(saved.recipient_councils.all()) == [world.other]


def test_a_candidate_without_spearhead_shows_the_error_on_the_form(client_for, world, letter):
    candidate = finding(letter, "topic_candidate")
    response = client_for(world.user("coordinator")).post(url(letter, "finding-accept", candidate.pk), **HTMX)
    assert response.status_code == 200
    assert "spearhead" in response.content.decode().lower() or "speerpunt" in response.content.decode().lower()
    assert 'aria-invalid="true"' in response.content.decode()
    assert Topic.objects.count() == 1
    candidate.refresh_from_db()
    assert candidate.state == FindingState.PENDING


def test_a_refused_accept_shows_the_reason_in_the_row(client_for, world, letter):
    client = client_for(world.user("coordinator"))
    topic = finding(letter, "topic")
    client.post(url(letter, "finding-accept", topic.pk), **HTMX)
    again = client.post(url(letter, "finding-reject", topic.pk), **HTMX)
    assert again.status_code == 200 and 'role="alert"' in again.content.decode()


@pytest.mark.parametrize("role", ["reader", "anonymous"])
def test_readers_cannot_post(client_for, world, letter, role):
    topic = finding(letter, "topic")
    response = client_for(world.user(role)).post(url(letter, "finding-accept", topic.pk))
    assert response.status_code in (403, 404)  # 404: without rights, the internal document is not there
    topic.refresh_from_db()
    assert topic.state == FindingState.PENDING


def test_a_finding_of_another_document_is_not_found(client_for, world, letter):
    other = stored_document(world.region, "Leiden, 1 mei 2024\n\nDe colleges hebben besloten te fietsen.\n",
                            title="Ander")
    response = client_for(world.user("coordinator")).post(url(letter, "finding-accept", finding(other, "decision").pk))
    assert response.status_code == 404


def test_the_review_page_needs_the_same_queries_for_a_short_and_a_long_document(client_for, world, letter):
    client = client_for(world.user("coordinator"))
    short = stored_document(world.region, "Leiden, 1 mei 2024\n\nDe colleges hebben besloten te fietsen.\n",
                            title="Kort")
    client.get(url(short))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(short)).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(letter)).status_code == 200
    assert letter.findings.count() > 3 * short.findings.count()
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 16
