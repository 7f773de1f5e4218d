"""Two editors open the same edit form: the second save is refused with both values, not written over the first."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from regio.conftest import signed_in_fully
from regio.topics.models import Topic
from regio.topics.tests.factories import TopicFactory


@pytest.fixture
def topic(world):
    return TopicFactory(region=world.region, title="Warmtenet", description="Restwarmte.", proposed_by=world.own,
                        spearheads=world.spearheads[1:])


def edit_url(topic: Topic) -> str:
    return reverse("web:topic-edit", kwargs={"region": "proefregio", "slug": topic.slug})


def loaded_version(page: str) -> str:
    return re.search(r'<input type="hidden" name="version" value="(\d+)"', page).group(1)


def form_data(version: str, **changes) -> dict:
    return {"title": "Warmtenet", "description": "Restwarmte.", "spearheads": ["energie"],
            "cooperation_form": "lichte_ambtelijke_samenwerking", "visibility": "openbaar", "version": version, **changes}


def test_the_second_of_two_editors_gets_the_conflict_and_the_first_change_stays(world, topic):
    first, second = signed_in_fully(Client(), world.user("coordinator")), signed_in_fully(Client(), world.user("editor_own"))
    url = edit_url(topic)
    first_version = loaded_version(first.get(url).content.decode())
    second_version = loaded_version(second.get(url).content.decode())
    assert first_version == second_version == "1"

    assert first.post(url, form_data(first_version, description="Restwarmte en aquathermie.")).status_code == 302
    response = second.post(url, form_data(second_version, title="Warmterotonde"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit onderwerp intussen gewijzigd." in page
    assert "Titel — opgeslagen: “Warmtenet”, uw invoer: “Warmterotonde”." in page
    assert "Omschrijving — opgeslagen: “Restwarmte en aquathermie.”, uw invoer: “Restwarmte.”." in page
    assert "Niets is opgeslagen" in page
    assert 'value="Warmterotonde"' in page  # the input is kept
    topic.refresh_from_db()
    assert (topic.title, topic.description, topic.version) == ("Warmtenet", "Restwarmte en aquathermie.", 2)

    # The form now carries the stored version: saving again deliberately keeps the second editor's input.
    assert loaded_version(page) == "2"
    again = second.post(url, form_data(loaded_version(page), title="Warmterotonde"))
    assert again.status_code == 302
    topic.refresh_from_db()
    assert (topic.title, topic.description, topic.version) == ("Warmterotonde", "Restwarmte.", 3)


def test_an_edit_form_without_a_version_is_refused_with_a_field_error(world, topic):
    client = signed_in_fully(Client(), world.user("coordinator"))
    data = form_data("1", title="Warmterotonde")
    del data["version"]
    response = client.post(edit_url(topic), data)
    assert response.status_code == 200
    topic.refresh_from_db()
    assert topic.title == "Warmtenet"


# --- every other edit form: the same check, through core.versions ---------------------------------------------


def conflict(world, url: str, data: dict, first_change: dict, second_change: dict, *, users=("coordinator", "coordinator")):
    """Two people load the form at `url`; the first saves `first_change`, then the second saves `second_change`
    with the version they loaded. Returns the second's answer as text (its status must be 200: the form again)."""
    first, second = (signed_in_fully(Client(), world.user(name)) for name in users)
    first_version = loaded_version(first.get(url).content.decode())
    second_version = loaded_version(second.get(url).content.decode())
    assert first_version == second_version == "1"
    saved = first.post(url, {**data, **first_change, "version": first_version})
    assert saved.status_code == 302, saved.content.decode()[-3000:]
    refused = second.post(url, {**data, **second_change, "version": second_version})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Niets is opgeslagen; controleer de waarden en sla opnieuw op om uw invoer te bewaren." in page
    assert loaded_version(page) == "2"  # saving again now deliberately keeps the second's input
    return page


def region_url(name: str, **kwargs) -> str:
    return reverse(f"web:{name}", kwargs={"region": "proefregio", **kwargs})


def test_agreement_edit_conflict(world):
    from regio.meetings.tests.agreement_factories import AgreementFactory

    agreement = AgreementFactory(region=world.region, title="Afvalinzameling", text="Samen inzamelen.",
                                 participants=[world.own])
    data = {"title": "Afvalinzameling", "text": "Samen inzamelen.", "made_on": "2019-03-14",
            "participants": [str(world.own.pk)], "consent_rule": "ieder_voor_zich", "visibility": "openbaar"}
    page = conflict(world, region_url("agreement-edit", pk=agreement.pk), data,
                    {"text": "Samen inzamelen en scheiden."}, {"title": "Afval"})
    assert "Iemand anders heeft deze afspraak intussen gewijzigd." in page
    assert "Titel — opgeslagen: “Afvalinzameling”, uw invoer: “Afval”." in page
    assert "Tekst — opgeslagen: “Samen inzamelen en scheiden.”, uw invoer: “Samen inzamelen.”." in page
    agreement.refresh_from_db()
    assert (agreement.title, agreement.text, agreement.version) == ("Afvalinzameling", "Samen inzamelen en scheiden.", 2)


def test_commitment_edit_conflict(world):
    from regio.commitments.tests.factories import CommitmentFactory

    commitment = CommitmentFactory(region=world.region, title="Notitie over warmte", promised_by="College",
                                   due_date=datetime.date(2026, 6, 1), recipient_councils=[world.own])
    data = {"title": "Notitie over warmte", "description": "", "promised_by": "College",
            "recipient_councils": [str(world.own.pk)], "due_date": "2026-06-01", "visibility": "openbaar"}
    page = conflict(world, region_url("commitment-edit", pk=commitment.pk), data,
                    {"due_date": "2026-09-01"}, {"promised_by": "Wethouder"})
    assert "Iemand anders heeft deze toezegging intussen gewijzigd." in page
    assert "Toegezegd door — opgeslagen: “College”, uw invoer: “Wethouder”." in page
    assert "Uiterste datum — opgeslagen: “1 september 2026”, uw invoer: “1 juni 2026”." in page
    commitment.refresh_from_db()
    assert (commitment.promised_by, commitment.due_date, commitment.version) == (
        "College", datetime.date(2026, 9, 1), 2)


def test_commitment_withdraw_after_an_edit_is_refused(world):
    from regio.commitments.tests.factories import CommitmentFactory

    commitment = CommitmentFactory(region=world.region, title="Notitie over warmte", promised_by="College",
                                   due_date=datetime.date(2026, 6, 1), recipient_councils=[world.own])
    first, second = (signed_in_fully(Client(), world.user("coordinator")) for _ in range(2))
    version = loaded_version(second.get(region_url("commitment-withdraw", pk=commitment.pk)).content.decode())
    assert version == "1"
    edit = {"title": "Notitie over warmte", "promised_by": "College", "recipient_councils": [str(world.own.pk)],
            "due_date": "2027-01-01", "visibility": "openbaar", "version": "1"}
    assert first.post(region_url("commitment-edit", pk=commitment.pk), edit).status_code == 302

    response = second.post(region_url("commitment-withdraw", pk=commitment.pk),
                           {"evidence": "Niet meer nodig", "on": "2026-05-01", "version": version})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft deze toezegging gewijzigd sinds u dit formulier opende." in page
    assert "Niets is opgeslagen" in page
    commitment.refresh_from_db()
    assert (commitment.state, commitment.evidence, commitment.due_date, commitment.version) == (
        "open", "", datetime.date(2027, 1, 1), 2)


def test_result_edit_conflict(world, topic):
    from regio.topics.models import Result

    result = Result.objects.create(topic=topic, description="Aangesloten woningen", unit="woningen",
                                   target_value=1000)
    data = {"description": "Aangesloten woningen", "unit": "woningen", "target_value": "1000"}
    page = conflict(world, region_url("result-edit", slug=topic.slug, pk=result.pk), data,
                    {"current_value": "250"}, {"target_value": "1200"})
    assert "Iemand anders heeft dit resultaat intussen gewijzigd." in page
    assert "Streefwaarde — opgeslagen: “1000”, uw invoer: “1200”." in page
    assert "Huidige waarde — opgeslagen: “250”, uw invoer: “”." in page
    result.refresh_from_db()
    assert (result.target_value, result.current_value, result.version) == (1000, 250, 2)


def test_body_edit_conflict(world):
    from regio.meetings.tests.meeting_factories import BodyFactory

    body = BodyFactory(region=world.region, name="Portefeuillehoudersoverleg Wonen", kind="bestuurlijk_overleg", mandate="")
    data = {"name": "Portefeuillehoudersoverleg Wonen", "kind": "bestuurlijk_overleg", "meetings_per_year": "6",
            "usual_duration_hours": "2", "may_decide": "0", "visibility": "openbaar"}
    page = conflict(world, region_url("body-edit", slug=body.slug), data,
                    {"meetings_per_year": "10"}, {"name": "PHO Wonen"})
    assert "Iemand anders heeft dit gremium intussen gewijzigd." in page
    assert "Naam — opgeslagen: “Portefeuillehoudersoverleg Wonen”, uw invoer: “PHO Wonen”." in page
    assert "Vergaderingen per jaar — opgeslagen: “10”, uw invoer: “6”." in page
    body.refresh_from_db()
    assert (body.name, body.meetings_per_year, body.version) == ("Portefeuillehoudersoverleg Wonen", 10, 2)


def test_meeting_edit_conflict(world):
    from regio.meetings.tests.meeting_factories import MeetingFactory

    meeting = MeetingFactory(region=world.region, body=None, title="Regiodag", place="Leiden",
                             starts_at=datetime.datetime(2026, 3, 5, 9, 0, tzinfo=datetime.UTC),
                             ends_at=datetime.datetime(2026, 3, 5, 11, 0, tzinfo=datetime.UTC))
    data = {"title": "Regiodag", "starts_at": "2026-03-05T10:00", "ends_at": "2026-03-05T12:00", "place": "Leiden",
            "cancelled": "0", "visibility": "openbaar"}
    page = conflict(world, region_url("meeting-edit", pk=meeting.pk), data,
                    {"place": "Oegstgeest"}, {"starts_at": "2026-03-05T13:00", "ends_at": "2026-03-05T15:00"})
    assert "Iemand anders heeft deze vergadering intussen gewijzigd." in page
    assert "Plaats — opgeslagen: “Oegstgeest”, uw invoer: “Leiden”." in page
    assert "Begint om — opgeslagen: “5 maart 2026 10:00”, uw invoer: “5 maart 2026 13:00”." in page
    meeting.refresh_from_db()
    assert (meeting.place, meeting.starts_at.hour, meeting.version) == ("Oegstgeest", 9, 2)


def test_two_people_record_the_same_decision_and_the_second_gets_the_conflict(world):
    from regio.meetings.models import MunicipalDecision
    from regio.meetings.tests.agreement_factories import AgreementFactory

    agreement = AgreementFactory(region=world.region, title="Afvalinzameling", participants=[world.own],
                                 made_on=datetime.date(2019, 3, 14))
    detail = reverse("web:agreement-detail", kwargs={"region": "proefregio", "pk": agreement.pk})
    url = region_url("agreement-decision", pk=agreement.pk, municipality=world.own.slug)
    first, second = signed_in_fully(Client(), world.user("editor_own")), signed_in_fully(Client(), world.user("coordinator"))
    for client in (first, second):
        page = client.get(detail).content.decode()
        assert '<input type="hidden" name="college_version" value="0"' in page
    data = {"organ": "college", "kind": "besluit", "decided_on": "2019-04-02", "document": "",
            "college_version": "0", "council_version": "0"}
    assert first.post(url, {**data, "outcome": "ingestemd"}).status_code == 302
    refused = second.post(url, {**data, "outcome": "afgewezen"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Iemand anders heeft dit besluit intussen vastgelegd." in page
    assert "Uitkomst — opgeslagen: “ingestemd”, uw invoer: “afgewezen”." in page
    assert '<input type="hidden" name="college_version" value="1"' in page
    decision = MunicipalDecision.objects.get(agreement=agreement, municipality=world.own)
    assert (decision.outcome, decision.version) == ("ingestemd", 1)


def test_two_people_change_the_lead_and_the_second_gets_the_conflict(world, topic):
    from regio.topics.tests.factories import ParticipationFactory

    ParticipationFactory(topic=topic, municipality=world.own, initiator=True)
    ParticipationFactory(topic=topic, municipality=world.other)
    url = region_url("topic-lead", slug=topic.slug)
    page = conflict(world, url, {"person": ""}, {"municipality": world.own.slug}, {"municipality": world.other.slug})
    assert "Iemand anders heeft dit onderwerp intussen gewijzigd." in page
    assert "Trekkende gemeente — opgeslagen: “Leiden”, uw invoer: “Leiderdorp”." in page
    topic.refresh_from_db()
    assert (topic.lead_municipality, topic.version) == (world.own, 2)


def test_two_people_change_a_participation_and_the_second_gets_the_conflict(world, topic):
    from regio.topics.models import Participation
    from regio.topics.tests.factories import ParticipationFactory

    ParticipationFactory(topic=topic, municipality=world.own, note="")
    detail = reverse("web:topic-detail", kwargs={"region": "proefregio", "slug": topic.slug})
    url = region_url("topic-participation", slug=topic.slug, municipality=world.own.slug)
    first, second = (signed_in_fully(Client(), world.user(name)) for name in ("editor_own", "coordinator"))
    for client in (first, second):
        assert '<input type="hidden" name="version" value="1">' in client.get(detail).content.decode()
    assert first.post(url, {"role": "doet_mee", "note": "Collegebesluit 12 maart", "version": "1"}).status_code == 302
    refused = second.post(url, {"role": "volgt", "note": "", "version": "1"}, HTTP_HX_REQUEST="true")
    page = refused.content.decode()
    assert "Iemand anders heeft deze deelname intussen gewijzigd." in page
    assert "Deelname — opgeslagen: “doet mee”, uw invoer: “volgt”." in page
    assert "Toelichting — opgeslagen: “Collegebesluit 12 maart”, uw invoer: “”." in page
    stored = Participation.objects.get(topic=topic, municipality=world.own)
    assert (stored.role, stored.note, stored.version) == ("doet_mee", "Collegebesluit 12 maart", 2)


def test_the_bulk_participation_form_refuses_a_row_someone_else_changed_meanwhile(world, topic):
    from regio.topics.models import Participation
    from regio.topics.tests.factories import ParticipationFactory

    ParticipationFactory(topic=topic, municipality=world.own, initiator=True)
    bulk = region_url("topic-participation-bulk", slug=topic.slug)
    coordinator = signed_in_fully(Client(), world.user("coordinator"))
    page = coordinator.get(bulk).content.decode()
    assert '<input type="hidden" name="version_leiden" value="1"' in page
    assert '<input type="hidden" name="version_leiderdorp" value="0"' in page
    # Meanwhile Leiden's editor records a note on its own row.
    editor = signed_in_fully(Client(), world.user("editor_own"))
    assert editor.post(region_url("topic-participation", slug=topic.slug, municipality=world.own.slug),
                       {"role": "initiatiefnemer", "note": "Collegebesluit", "version": "1"}).status_code == 302

    response = coordinator.post(bulk, {
        "role_leiden": "initiatiefnemer", "note_leiden": "", "version_leiden": "1",
        "role_leiderdorp": "doet_mee", "note_leiderdorp": "", "version_leiderdorp": "0",
        "role_oegstgeest": "", "note_oegstgeest": "", "version_oegstgeest": "0",
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft deze deelname intussen gewijzigd." in page
    assert "Toelichting — opgeslagen: “Collegebesluit”, uw invoer: “”." in page
    assert '<input type="hidden" name="version_leiden" value="2"' in page
    # All or nothing: Leiderdorp's new choice is not saved either, and Leiden's note stays.
    assert not Participation.objects.filter(topic=topic, municipality=world.other).exists()
    assert Participation.objects.get(topic=topic, municipality=world.own).note == "Collegebesluit"


def test_status_form_conflict(world):
    # Two people open the status form of a topic that is being explored; the first moves it on to
    # concretising, the second, who still sees "exploring", stops it: a step the form no longer showed.
    topic = TopicFactory(region=world.region, title="Warmtenet", proposed_by=world.own, exploring=True)
    data = {"reason": "Besproken in het overleg", "changed_on": "2026-11-02"}
    page = conflict(world, region_url("topic-status", slug=topic.slug), data,
                    {"status": "concretiseren"}, {"status": "gestopt"})
    assert "Iemand anders heeft dit onderwerp intussen gewijzigd." in page
    assert "Status — opgeslagen: “concretiseren”, uw invoer: “gestopt”." in page
    topic.refresh_from_db()
    assert (topic.status, topic.version) == ("concretiseren", 2)
    assert list(topic.status_changes.values_list("to_status", flat=True)) == ["concretiseren"]


def test_agreement_edit_conflict_names_the_other_topics(world):
    from regio.meetings.tests.agreement_factories import AgreementFactory

    fietsroutes = TopicFactory(region=world.region, title="Fietsroutes", slug="fietsroutes")
    jeugdzorg = TopicFactory(region=world.region, title="Jeugdzorg", slug="jeugdzorg")
    agreement = AgreementFactory(region=world.region, title="Afvalinzameling", text="Samen inzamelen.",
                                 participants=[world.own])
    data = {"title": "Afvalinzameling", "text": "Samen inzamelen.", "made_on": "2019-03-14",
            "participants": [str(world.own.pk)], "consent_rule": "ieder_voor_zich", "visibility": "openbaar"}
    page = conflict(world, region_url("agreement-edit", pk=agreement.pk), data,
                    {"other_topics": [str(fietsroutes.pk)]}, {"other_topics": [str(jeugdzorg.pk)]})
    assert "Iemand anders heeft deze afspraak intussen gewijzigd." in page
    assert "Andere onderwerpen — opgeslagen: “Fietsroutes”, uw invoer: “Jeugdzorg”." in page
    assert [t.title for t in agreement.other_topics.all()] == ["Fietsroutes"]
