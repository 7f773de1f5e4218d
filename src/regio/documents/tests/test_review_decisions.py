"""Defect 7: reviewing findings. A decision already taken is recorded as taken with the text's date;
accepting first proposes a matching agreement; repeated names are one item; whole groups are
accepted or rejected at once; a rejection keeps its reason; accept and reject can be undone."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from regio.documents import review
from regio.documents.models import FindingState
from regio.documents.tests.test_review import context_for, finding, stored_document
from regio.meetings.models import Agreement, ConsentState, consent_cells, consent_state
from regio.meetings.tests.agreement_factories import AgreementFactory

SEEDS = Path(__file__).resolve().parents[4].parent / "shared" / "seeds"

# Texts written for these tests.
PAST = "Leiden, 10 januari 2025\n\nEind 2016 is het convenant warmtenet door de colleges van Leiden en Leiderdorp vastgesteld.\n"
SEPTEMBER = ("Leiden, 10 januari 2025\n\nIn september 2024 hebben we met Leiden, Leiderdorp en Oegstgeest de aanpak "
             "van het warmtenet en de fietsroutes vastgesteld.\n")
PROPOSAL = "Den Haag, 5 maart 2024\n\nDe colleges besluiten in mei 2024 over een gezamenlijk warmtenet.\n"
UNDATED = "Geachte raad,\n\nDe colleges hebben besloten de fietsroutes te verbeteren.\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def english_messages():
    with translation.override("en"):
        yield


@pytest.fixture
def region(world):
    from regio.topics.tests.factories import TopicFactory

    for title, slug in (("Warmtenet", "warmtenet"), ("Fietsroutes", "fietsroutes")):
        TopicFactory(region=world.region, title=title, slug=slug).spearheads.set([world.spearheads[1]])
    return world.region


@pytest.fixture
def coordinator(world):
    return world.user("coordinator")


def document_with(region, text, **fields):
    return stored_document(region, text, context=context_for(region), **fields)


# (text, taken?, date the agreement gets) — the date always from the text, never today
READINGS = [
    (PAST, True, datetime.date(2016, 10, 1)),
    (SEPTEMBER, True, datetime.date(2024, 9, 1)),
    (PROPOSAL, False, datetime.date(2024, 5, 1)),
]


@pytest.mark.parametrize(("text", "taken", "made_on"), READINGS)
def test_a_decision_is_read_as_taken_or_proposed_with_the_date_of_the_text(region, coordinator, text, taken, made_on):
    document = document_with(region, text)
    decision = finding(document, "decision")
    assert review.decision_reading(decision).taken is taken
    accepted = review.finding_accept(actor=coordinator, finding=decision)
    agreement = Agreement.objects.get(pk=accepted.result_id)
    assert agreement.made_on == made_on != timezone.localdate()
    assert agreement.title[0].isupper() and len(agreement.title) <= 80
    state = consent_state(consent_cells(Agreement.objects.prefetch_related("participants", "decisions").get(
        pk=agreement.pk)))
    assert state == (ConsentState.ADOPTED if taken else ConsentState.PENDING)


def test_the_readers_own_status_and_date_are_used_when_present(region, coordinator):
    document = document_with(region, PROPOSAL)
    decision = finding(document, "decision")
    decision.value = {**decision.value, "status": "taken", "date": {"start": "2024-03-04", "end": "2024-03-04"}}
    decision.save()
    reading = review.decision_reading(decision)
    assert (reading.taken, reading.date) == (True, datetime.date(2024, 3, 4))


def test_a_decision_without_any_date_waits_for_one_and_is_never_dated_today(region, coordinator):
    document = document_with(region, UNDATED)
    decision = finding(document, "decision")
    access = review.region_access(coordinator, region)
    (item,) = [i for g in review.review_items(document=document, access=access) if g.kind == "decision" for i in g.items]
    assert not item.plan.ready
    with pytest.raises(ValidationError) as caught:
        review.finding_accept(actor=coordinator, finding=decision)
    assert caught.value.error_dict["made_on"][0].code == "no_decision_date"
    assert Agreement.objects.count() == 0
    decision.refresh_from_db()
    assert decision.state == FindingState.PENDING
    accepted = review.finding_accept(actor=coordinator, finding=decision,
                                     edits={"made_on": datetime.date(2024, 2, 1), "title": "Fietsroutes verbeteren"})
    assert Agreement.objects.get(pk=accepted.result_id).title == "Fietsroutes verbeteren"


def test_accepting_first_proposes_a_matching_agreement_and_links_it(region, coordinator, world):
    existing = AgreementFactory(region=region, title="Aanpak warmtenet en fietsroutes vastgesteld",
                                text="De aanpak van het warmtenet en de fietsroutes.", made_on=datetime.date(2024, 9, 1),
                                participants=[world.own, world.other, world.third])
    document = document_with(region, SEPTEMBER)
    access = review.region_access(coordinator, region)
    (item,) = [i for g in review.review_items(document=document, access=access) if g.kind == "decision" for i in g.items]
    assert item.plan.target == existing and "Aanpak warmtenet" in item.plan.summary
    accepted = review.finding_accept(actor=coordinator, finding=item.finding)
    assert (accepted.result_type, accepted.result_id) == ("agreement", existing.pk)
    assert Agreement.objects.count() == 1
    # A new one instead, when the reviewer says so.
    review.finding_undo(actor=coordinator, finding=accepted)
    assert Agreement.objects.filter(pk=existing.pk).exists()  # only linked: undo leaves it
    again = review.finding_accept(actor=coordinator, finding=item.finding, edits={"agreement": "new"})
    assert again.result_id != existing.pk and Agreement.objects.count() == 2


def test_a_repeated_municipality_is_one_item_and_the_counts_agree(region, world):
    text = "Leiden, 3 april 2024\n\nLeiden en Leiderdorp werken samen. Leiden betaalt de helft. Ook Leiden doet mee.\n"
    document = document_with(region, text)
    assert document.findings.filter(kind="municipality", value__name="Leiden").count() == 4  # dateline too
    access = review.region_access(world.user("coordinator"), region)
    (municipalities,) = [g for g in review.review_items(document=document, access=access) if g.kind == "municipality"]
    assert [i.finding.value["name"] for i in municipalities.items] == ["Leiden", "Leiderdorp"]
    assert len(municipalities.items[0].duplicates) == 3
    from regio.documents.selectors import document_detail
    shown = sum(i.finding.state == FindingState.PENDING for g in review.review_items(document=document, access=access)
                for i in g.items)
    assert document_detail(region=region, pk=document.pk, access=access).open_findings == shown
    assert review.open_review_count(document.findings.all()) == shown


def test_a_whole_group_is_accepted_or_rejected_at_once_and_can_be_undone(region, coordinator, world):
    text = "Leiden, 3 april 2024\n\nLeiden, Leiderdorp en Oegstgeest werken samen. Leiden betaalt.\n"
    document = document_with(region, text)
    result = review.findings_accept_group(actor=coordinator, document=document, kind="municipality")
    assert (result.done, result.refused) == (3, [])
    assert set(document.findings.filter(kind="municipality").values_list("state", flat=True)) == {"geaccepteerd"}
    assert set(document.municipalities.all()) == {world.own, world.other, world.third}
    leiden = document.findings.filter(kind="municipality", value__name="Leiden").first()
    review.finding_undo(actor=coordinator, finding=leiden)
    assert set(document.findings.filter(kind="municipality", value__name="Leiden").values_list("state", flat=True)) == {
        "open"}
    assert world.own not in document.municipalities.all()

    rejected = review.findings_reject_group(actor=coordinator, document=document, kind="municipality",
                                            reason="Alleen genoemd, niet betrokken")
    assert rejected.done == 1
    leiden.refresh_from_db()
    assert (leiden.state, leiden.value["rejected_reason"]) == ("afgewezen", "Alleen genoemd, niet betrokken")
    review.finding_undo(actor=coordinator, finding=leiden)
    leiden.refresh_from_db()
    assert leiden.state == "open" and "rejected_reason" not in leiden.value


def test_undoing_an_accepted_new_agreement_removes_it(region, coordinator):
    document = document_with(region, PAST)
    accepted = review.finding_accept(actor=coordinator, finding=finding(document, "decision"))
    assert Agreement.objects.filter(pk=accepted.result_id).exists()
    review.finding_undo(actor=coordinator, finding=accepted)
    assert not Agreement.objects.exists()
    accepted.refresh_from_db()
    assert (accepted.state, accepted.result_type, accepted.result_id) == ("open", "", None)
    with pytest.raises(ValidationError):
        review.finding_undo(actor=coordinator, finding=accepted)


def test_explanations_are_plain_words_without_rule_names(region):
    document = document_with(region, PAST + PROPOSAL)
    for f in document.findings.filter(kind__in=review.REVIEW_KINDS):
        text = review.plain_explanation(f)
        assert text and f.rule not in text


@pytest.mark.skipif(not (SEEDS / "000_52dca18960d0d2c4.txt").is_file(), reason=f"the seeds are not in {SEEDS}")
def test_seed_decisions_already_taken_keep_the_date_of_the_text(leidse_regio):
    from regio.access.tests.factories import GrantFactory, UserFactory
    from regio.documents.services import document_intake

    coordinator = GrantFactory(coordinator=True, region=leidse_regio, user=UserFactory(username="co")).user
    name = "000_52dca18960d0d2c4.txt"
    document = document_intake(actor=coordinator, region=leidse_regio, data=(SEEDS / name).read_bytes(),
                               filename=name).document
    decisions = list(document.findings.filter(kind="decision").order_by("start"))
    assert decisions
    readings = [review.decision_reading(d) for d in decisions]
    # The vision was adopted in November 2016 ("... is in november 2016 unaniem vastgesteld").
    assert any(r.taken and r.date == datetime.date(2016, 11, 1) for r in readings)
    for decision in decisions:
        accepted = review.finding_accept(actor=coordinator, finding=decision)
        agreement = Agreement.objects.get(pk=accepted.result_id)
        assert agreement.made_on != timezone.localdate()
        assert agreement.title[0].isupper() and len(agreement.title) <= 80


def test_an_accepted_decision_links_every_topic_its_sentence_names(region, coordinator):
    """Defect 7: the sentence names the warmtenet and the fietsroutes; the agreement is about both."""
    document = document_with(region, SEPTEMBER)
    accepted = review.finding_accept(actor=coordinator, finding=finding(document, "decision"))
    agreement = Agreement.objects.get(pk=accepted.result_id)
    assert agreement.topic.slug == "warmtenet"
    assert [t.slug for t in agreement.other_topics.all()] == ["fietsroutes"]
