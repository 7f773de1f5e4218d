"""Tests for documents/review.py: accepting and rejecting findings, matching, permissions, highlighting."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from regio.commitments.models import Commitment
from regio.documents import review
from regio.documents.models import Document, DocumentFinding, DocumentPage, FindingState
from regio.extraction.context import ExtractionContext, RegionMunicipality, Spearhead, Topic
from regio.extraction.engine import extract
from regio.meetings.models import Agreement, Meeting
from regio.topics.models import Topic as TopicModel

# A letter written for these tests: every kind of finding the review screen groups.
LETTER = """Leiden, 3 april 2024

Geachte raad,

Op 2 april 2024 hebben de colleges van Leiden, Leiderdorp en Oegstgeest besloten samen een regionaal warmtenet \
aan te leggen. Wij verwachten u uiterlijk in juni 2024 te informeren over de kosten van het warmtenet. De colleges \
komen weer samen in Oegstgeest in het derde kwartaal van 2024. Trekkers op deze onderwerpen worden nog bepaald.

Afgesproken is dat er extra overleg komt over de onderwerpen deelmobiliteit en laadpalen.

Met vriendelijke groet,
De colleges
"""


def context_for(region, vocabulary=None) -> ExtractionContext:
    """What the text reader knows about a region stored in the database (spearheads with a few words)."""
    vocabulary = vocabulary or {"energie": ("energie", "warmtenet"), "wonen": ("wonen", "woningbouw")}
    members = region.memberships.select_related("municipality")
    return ExtractionContext(
        region_name=region.name,
        municipalities=tuple(RegionMunicipality(m.municipality.cbs_code, m.municipality.name) for m in members),
        spearheads=tuple(
            Spearhead(s.code, s.name, vocabulary=vocabulary.get(s.code, (s.name.lower(),)))
            for s in region.visions.first().spearheads.all()
        ),
        topics=tuple(Topic(t.title, t.slug, aliases=("regionaal warmtenet",)) for t in region.topics.all()),
    )


def stored_document(region, text: str, *, title: str = "Brief aan de raden", context=None, **fields) -> Document:
    """A document with its page and the findings the text reader made, as the intake stores them."""
    raw = text.encode("utf-8")
    sha = hashlib.sha256(raw).hexdigest()
    document = Document(region=region, sha256=sha, filename="brief.txt", media_type="text/plain", size=len(raw),
                        title=title, **fields)
    document.original.save("brief.txt", ContentFile(raw), save=False)
    document.save()
    DocumentPage.objects.create(document=document, number=1, text=text)
    result = extract(document.text, context or context_for(region))
    DocumentFinding.objects.bulk_create(
        DocumentFinding(document=document, kind=f.type, value=f.value, start=f.start, end=f.end, page=1,
                        sentence=f.sentence, confidence=f.confidence, rule=f.rule, explanation=f.explanation)
        for f in result.findings
    )
    return document


def finding(document, kind: str, index: int = 0) -> DocumentFinding:
    return list(document.findings.filter(kind=kind).order_by("start"))[index]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def region(world):
    from regio.topics.tests.factories import TopicFactory

    warmtenet = TopicFactory(region=world.region, title="Warmtenet", slug="warmtenet")
    warmtenet.spearheads.set([world.spearheads[1]])
    return world.region


@pytest.fixture
def letter(region):
    return stored_document(region, LETTER)


@pytest.fixture
def coordinator(world):
    return world.user("coordinator")


# --- highlighting ---------------------------------------------------------------------------------


def test_segments_cover_the_text_in_order_with_overlaps():
    segments = review.text_segments("abcdefghij", [(1, 2, 6), (2, 4, 8), (3, 20, 30), (4, 5, 5)])
    assert "".join(s.text for s in segments) == "abcdefghij"
    assert [(s.text, s.finding_ids) for s in segments] == [
        ("ab", ()), ("cd", (1,)), ("ef", (1, 2)), ("gh", (2,)), ("ij", ()),
    ]
    assert [s.anchors for s in segments] == [(), (1,), (2,), (), ()]


def test_segments_of_an_empty_text():
    assert review.text_segments("", [(1, 0, 4)]) == []


def test_same_promise_needs_shared_words():
    assert review.same_promise("Wij informeren de raad over de kosten van het warmtenet",
                               "Raad informeren over kosten warmtenet")
    assert not review.same_promise("Wij informeren de raad over de kosten van het warmtenet",
                                   "Een plan voor studentenhuisvesting opleveren")


# --- accepting ------------------------------------------------------------------------------------


def test_a_commitment_becomes_a_new_commitment_to_all_member_councils(letter, coordinator, world):
    accepted = review.finding_accept(actor=coordinator, finding=finding(letter, "commitment"))
    commitment = Commitment.objects.get(pk=accepted.result_id)
    assert accepted.state == FindingState.ACCEPTED and accepted.result_type == "commitment"
    assert accepted.reviewed_by == coordinator and accepted.reviewed_at is not None
    assert commitment.due_date == datetime.date(2024, 6, 30)
    assert set(commitment.recipient_councils.all()) == {world.own, world.other, world.third}
    assert commitment.promised_by == "De colleges"
    assert commitment.source == "Brief aan de raden"
    assert "kosten van het warmtenet" in commitment.description
    assert list(letter.topics.values_list("slug", flat=True)) == ["warmtenet"]


def test_a_commitment_matching_an_existing_one_updates_it(letter, coordinator, world):
    from regio.commitments.tests.factories import CommitmentFactory

    existing = CommitmentFactory(region=world.region, title="Raden informeren over de kosten van het warmtenet",
                                 description="", due_date=datetime.date(2024, 6, 30), source="Oud verslag")
    existing.recipient_councils.set([world.own])
    accepted = review.finding_accept(actor=coordinator, finding=finding(letter, "commitment"))
    assert accepted.result_id == existing.pk
    assert Commitment.objects.count() == 1
    existing.refresh_from_db()
    assert existing.source == "Brief aan de raden"
    assert existing.title == "Raden informeren over de kosten van het warmtenet"
    assert set(existing.recipient_councils.all()) == {world.own, world.other, world.third}


def test_a_commitment_with_another_due_date_is_not_matched(letter, coordinator, world):
    from regio.commitments.tests.factories import CommitmentFactory

    CommitmentFactory(region=world.region, title="Raden informeren over de kosten van het warmtenet",
                      due_date=datetime.date(2024, 5, 31))
    review.finding_accept(actor=coordinator, finding=finding(letter, "commitment"))
    assert Commitment.objects.count() == 2


def test_edits_override_the_reading(letter, coordinator, world):
    accepted = review.finding_accept(
        actor=coordinator,
        finding=finding(letter, "commitment"),
        edits={"title": "Kosten warmtenet", "due_date": datetime.date(2024, 7, 15),
               "recipient_councils": [world.other]},
    )
    commitment = Commitment.objects.get(pk=accepted.result_id)
    assert (commitment.title, commitment.due_date) == ("Kosten warmtenet", datetime.date(2024, 7, 15))
    assert list(commitment.recipient_councils.all()) == [world.other]
    assert accepted.value["edited"] == {"title": "Kosten warmtenet", "due_date": "2024-07-15",
                                        "recipient_councils": [world.other.pk]}


def test_an_event_plans_a_meeting_window_and_a_second_one_matches_it(region, coordinator):
    first = stored_document(region, LETTER)
    accepted = review.finding_accept(actor=coordinator, finding=finding(first, "event"))
    meeting = Meeting.objects.get(pk=accepted.result_id)
    assert (meeting.window_start, meeting.window_end, meeting.place) == (
        datetime.date(2024, 7, 1), datetime.date(2024, 9, 30), "Oegstgeest")
    second = stored_document(region, LETTER.replace("Met vriendelijke", "Met hartelijke"), title="Tweede brief")
    again = review.finding_accept(actor=coordinator, finding=finding(second, "event"))
    assert again.result_id == meeting.pk
    assert Meeting.objects.count() == 1


def test_an_event_elsewhere_in_the_same_window_is_a_new_meeting(region, coordinator):
    review.finding_accept(actor=coordinator, finding=finding(stored_document(region, LETTER), "event"))
    elsewhere = stored_document(region, LETTER.replace("samen in Oegstgeest", "samen in Leiderdorp"), title="Ander")
    review.finding_accept(actor=coordinator, finding=finding(elsewhere, "event"))
    assert sorted(Meeting.objects.values_list("place", flat=True)) == ["Leiderdorp", "Oegstgeest"]


def test_a_decision_becomes_an_agreement_with_the_municipalities_it_names(letter, coordinator, world):
    accepted = review.finding_accept(actor=coordinator, finding=finding(letter, "decision"))
    agreement = Agreement.objects.get(pk=accepted.result_id)
    assert set(agreement.participants.all()) == {world.own, world.other, world.third}
    # "Op 2 april 2024 hebben de colleges ... besloten": taken, on the date the text gives (never today).
    assert agreement.made_on == datetime.date(2024, 4, 2)
    assert agreement.title == "Op 2 april 2024 hebben de colleges van Leiden, Leiderdorp en Oegstgeest…"
    assert sorted(agreement.decisions.values_list("municipality__name", "organ", "outcome", "decided_on")) == [
        ("Leiden", "college", "ingestemd", datetime.date(2024, 4, 2)),
        ("Leiderdorp", "college", "ingestemd", datetime.date(2024, 4, 2)),
        ("Oegstgeest", "college", "ingestemd", datetime.date(2024, 4, 2)),
    ]
    assert agreement.topic.slug == "warmtenet"
    assert "regionaal warmtenet" in agreement.text


def test_an_agreement_is_made_on_the_document_date_and_put_to_all_members_when_none_is_named(region, coordinator):
    dated = stored_document(region, "Den Haag, 5 maart 2024\n\nDe colleges hebben besloten de fietsroutes te "
                            "verbeteren.\n", document_date=datetime.date(2024, 3, 5))
    accepted = review.finding_accept(actor=coordinator, finding=finding(dated, "decision"))
    agreement = Agreement.objects.get(pk=accepted.result_id)
    assert agreement.made_on == datetime.date(2024, 3, 5)
    assert agreement.participants.count() == 3


def test_an_open_role_opens_the_lead_only_where_none_is_set(region, letter, coordinator, world):
    topic = TopicModel.objects.get(slug="warmtenet")
    before = topic.history.count()
    accepted = review.finding_accept(actor=coordinator, finding=finding(letter, "open_role"))
    assert (accepted.result_type, accepted.result_id) == ("topic", topic.pk)
    # The lead is confirmed as still to be appointed: one change in the topic's history.
    assert topic.history.count() == before + 1
    assert topic.history.first().history_change_reason
    assert topic in letter.topics.all()


def test_an_open_role_leaves_an_appointed_lead_alone(region, letter, coordinator, world):
    from regio.topics import services as topic_services

    topic = TopicModel.objects.get(slug="warmtenet")
    topic_services.participation_set(actor=coordinator, topic=topic, municipality=world.own, role="doet_mee")
    topic_services.topic_lead_set(actor=coordinator, topic=topic, municipality=world.own)
    review.finding_accept(actor=coordinator, finding=finding(letter, "open_role"))
    topic.refresh_from_db()
    assert topic.lead_municipality == world.own


def test_a_known_topic_is_linked_not_duplicated(letter, coordinator):
    review.finding_accept(actor=coordinator, finding=finding(letter, "topic"))
    assert TopicModel.objects.count() == 1
    assert list(letter.topics.values_list("slug", flat=True)) == ["warmtenet"]


def test_a_topic_candidate_needs_a_spearhead(letter, coordinator, world):
    candidate = finding(letter, "topic_candidate")
    with pytest.raises(ValidationError) as caught:
        review.finding_accept(actor=coordinator, finding=candidate)
    assert caught.value.error_dict["spearheads"][0].code == "no_spearhead"
    assert TopicModel.objects.count() == 1
    candidate.refresh_from_db()
    assert candidate.state == FindingState.PENDING
    accepted = review.finding_accept(actor=coordinator, finding=candidate, edits={"spearheads": [world.spearheads[1]]})
    topic = TopicModel.objects.get(pk=accepted.result_id)
    assert topic.title == "Deelmobiliteit" and list(topic.spearheads.all()) == [world.spearheads[1]]
    assert topic in letter.topics.all()


def test_metadata_findings_fill_the_document(letter, coordinator, world):
    for municipality in letter.findings.filter(kind="municipality"):
        municipality.refresh_from_db()
        if municipality.state == FindingState.PENDING:  # a repeated name follows the first
            review.finding_accept(actor=coordinator, finding=municipality)
    assert set(letter.findings.filter(kind="municipality").values_list("state", flat=True)) == {"geaccepteerd"}
    review.finding_accept(actor=coordinator, finding=finding(letter, "theme"))
    review.finding_accept(actor=coordinator, finding=finding(letter, "document_date"))
    letter.refresh_from_db()
    assert set(letter.municipalities.all()) == {world.own, world.other, world.third}
    assert list(letter.spearheads.values_list("code", flat=True)) == ["energie"]
    assert letter.document_date == datetime.date(2024, 4, 3)


def test_accepting_twice_is_refused_and_makes_nothing_new(letter, coordinator):
    commitment = finding(letter, "commitment")
    review.finding_accept(actor=coordinator, finding=commitment)
    with pytest.raises(ValidationError) as caught:
        review.finding_accept(actor=coordinator, finding=commitment)
    assert caught.value.code == "already_accepted"
    assert Commitment.objects.count() == 1


def test_a_date_is_not_reviewed_on_its_own(letter, coordinator):
    with pytest.raises(ValidationError) as caught:
        review.finding_accept(actor=coordinator, finding=finding(letter, "date"))
    assert caught.value.code == "not_reviewable"


def test_a_failed_accept_leaves_nothing_half_made(letter, coordinator, world):
    # The councils are named, but one is no member: the service refuses and nothing is linked or stored.
    with pytest.raises(ValidationError):
        review.finding_accept(actor=coordinator, finding=finding(letter, "commitment"),
                              edits={"recipient_councils": [world.outsider]})
    assert Commitment.objects.count() == 0
    assert letter.topics.count() == 0
    assert finding(letter, "commitment").state == FindingState.PENDING


# --- rejecting ------------------------------------------------------------------------------------


def test_rejecting_keeps_the_finding_with_the_reason_in_its_history(letter, coordinator):
    rejected = review.finding_reject(actor=coordinator, finding=finding(letter, "event"), reason="Geen vergadering")
    assert rejected.state == FindingState.REJECTED
    assert rejected.history.first().history_change_reason == "Geen vergadering"
    assert Meeting.objects.count() == 0
    # A person may change their mind: a rejected finding can still be accepted.
    assert review.finding_accept(actor=coordinator, finding=rejected).state == FindingState.ACCEPTED


def test_an_accepted_finding_cannot_be_rejected(letter, coordinator):
    accepted = review.finding_accept(actor=coordinator, finding=finding(letter, "topic"))
    with pytest.raises(ValidationError):
        review.finding_reject(actor=coordinator, finding=accepted)


# --- permissions ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_readers_and_visitors_may_not_review(letter, world, role):
    with pytest.raises(PermissionDenied):
        review.finding_accept(actor=world.user(role), finding=finding(letter, "topic"))
    with pytest.raises(PermissionDenied):
        review.finding_reject(actor=world.user(role), finding=finding(letter, "topic"))
    assert finding(letter, "topic").state == FindingState.PENDING


def test_an_editor_links_topics_and_metadata_but_records_no_commitment(letter, world):
    editor = world.user("editor_own")
    assert review.finding_accept(actor=editor, finding=finding(letter, "topic")).state == FindingState.ACCEPTED
    assert review.finding_accept(actor=editor, finding=finding(letter, "document_date")).result_type == "document"
    with pytest.raises(PermissionDenied):
        review.finding_accept(actor=editor, finding=finding(letter, "commitment"))
    assert Commitment.objects.count() == 0
    assert review.finding_reject(actor=editor, finding=finding(letter, "commitment")).state == FindingState.REJECTED


def test_an_editor_adds_a_candidate_topic_for_its_own_municipality(letter, world):
    editor = world.user("editor_own")
    accepted = review.finding_accept(actor=editor, finding=finding(letter, "topic_candidate"),
                                     edits={"spearheads": [world.spearheads[0]], "proposed_by": world.own})
    assert TopicModel.objects.get(pk=accepted.result_id).proposed_by == world.own


def test_an_editor_of_another_region_may_not_review(letter, world):
    from regio.access.tests.factories import GrantFactory, UserFactory
    from regio.regions.tests.factories import RegionFactory

    elsewhere = RegionFactory(slug="elders", members=[world.outsider])
    stranger = GrantFactory(editor=True, region=elsewhere, municipality=world.outsider, user=UserFactory()).user
    with pytest.raises(PermissionDenied):
        review.finding_accept(actor=stranger, finding=finding(letter, "topic"))


# --- what the screen shows ------------------------------------------------------------------------


def test_plans_say_what_accepting_will_do(letter, world):
    access = review.region_access(world.user("coordinator"), world.region)
    groups = {g.kind: g for g in review.review_items(document=letter, access=access)}
    assert list(groups) == ["decision", "commitment", "event", "open_role", "topic", "topic_candidate",
                            "municipality", "theme", "document_date"]
    commitment = groups["commitment"].items[0]
    assert commitment.plan.ready and commitment.may_accept
    assert "2024" in commitment.plan.summary
    candidate = groups["topic_candidate"].items[0]
    assert not candidate.plan.ready
    reader = review.region_access(world.user("reader"), world.region)
    assert not any(i.may_accept for g in review.review_items(document=letter, access=reader) for i in g.items)


def test_accepted_entries_and_confirmed_metadata_are_searchable_at_once(letter, coordinator, world):
    from regio.documents import search

    access = review.region_access(coordinator, world.region)
    accepted = review.finding_accept(actor=coordinator, finding=finding(letter, "commitment"))
    hits = search.search(query="kosten warmtenet", region=world.region, access=access).hits
    assert ("commitment", accepted.result_id) in {(hit.object_type, hit.object_id) for hit in hits}
    # This test stored the document without indexing it; confirming its date indexes it.
    assert all(hit.object_type != "document" for hit in hits)
    review.finding_accept(actor=coordinator, finding=finding(letter, "document_date"))
    hits = search.search(query="kosten warmtenet", region=world.region, access=access).hits
    assert ("document", letter.pk) in {(hit.object_type, hit.object_id) for hit in hits}
