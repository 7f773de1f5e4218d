"""The cycle services: documents, council calendars, views and answers; every refusal path."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from regio.arrangements import services
from regio.arrangements.models import (
    CouncilMeeting,
    CycleDocument,
    DocumentKind,
    ParticipantRole,
    ViewBasis,
    ViewState,
    ViewVerdict,
    Zienswijze,
)
from regio.arrangements.selectors import council_terms, cycle_documents
from regio.arrangements.tests.factories import ArrangementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


@pytest.fixture
def arrangement(world):
    # Leiden and Leiderdorp take part; Oegstgeest is a member of the region but not of this regeling.
    return ArrangementFactory(region=world.region, participants=[world.own, world.other])


def send(world, arrangement, **overrides):
    values = dict(
        actor=world.user("coordinator"), arrangement=arrangement, kind=DocumentKind.DRAFT_BUDGET,
        title="Ontwerpbegroting 2025", year=2025, sent_on=D(2024, 4, 10),
    )
    return services.cycle_document_record(**{**values, **overrides})


def errors_of(caught) -> dict[str, list[str]]:
    return {field: [e.code for e in errs] for field, errs in caught.value.error_dict.items()}


def test_a_draft_budget_gets_the_deadline_per_council(world, arrangement):
    send(world, arrangement)
    [document] = cycle_documents(arrangements=[arrangement])
    terms = council_terms(document, today=D(2024, 6, 1))
    assert [(t.municipality.name, t.deadline, t.days_left) for t in terms] == [
        ("Leiden", D(2024, 7, 3), 32),
        ("Leiderdorp", D(2024, 7, 3), 32),
    ]
    assert document.history.earliest().history_user == world.user("coordinator")


def test_the_no_meeting_and_summer_recess_warnings(world, arrangement):
    send(world, arrangement, sent_on=D(2024, 5, 1))  # deadline 24 July 2024
    coordinator = world.user("coordinator")
    services.council_meeting_add(actor=coordinator, region=world.region, municipality=world.own, date=D(2024, 6, 27))
    services.council_meeting_add(actor=coordinator, region=world.region, municipality=world.other, date=D(2024, 9, 12))
    services.summer_recess_set(actor=coordinator, region=world.region, municipality=world.other,
                               starts_on=D(2024, 7, 13), ends_on=D(2024, 8, 25))
    [document] = cycle_documents(arrangements=[arrangement])
    terms = {t.municipality.name: t for t in council_terms(document, today=D(2024, 5, 1))}
    assert terms["Leiden"].meetings_in_window == [D(2024, 6, 27)]
    assert terms["Leiden"].warnings == []
    assert [w.code for w in terms["Leiderdorp"].warnings] == ["geen_raadsvergadering", "zomerreces"]
    assert "13-07-2024" in terms["Leiderdorp"].warnings[1].message


def test_a_recess_after_the_deadline_gives_no_warning(world, arrangement):
    send(world, arrangement, sent_on=D(2024, 4, 10))  # deadline 3 July 2024
    services.summer_recess_set(actor=world.user("coordinator"), region=world.region, municipality=world.own,
                               starts_on=D(2024, 7, 4), ends_on=D(2024, 8, 25))
    [document] = cycle_documents(arrangements=[arrangement])
    leiden = council_terms(document, today=D(2024, 4, 10))[0]
    assert [w.code for w in leiden.warnings] == ["geen_raadsvergadering"]


def test_the_arrangements_own_longer_term_moves_the_deadline(world, arrangement):
    send(world, arrangement, own_term_weeks=14)
    [document] = cycle_documents(arrangements=[arrangement])
    assert council_terms(document, today=D(2024, 4, 10))[0].deadline == D(2024, 7, 17)


def test_an_own_term_shorter_than_the_law_is_refused_in_dutch(world, arrangement):
    with pytest.raises(ValidationError) as caught:
        send(world, arrangement, own_term_weeks=8)
    assert errors_of(caught) == {"own_term_weeks": ["shorter_than_law"]}
    assert "12" in caught.value.error_dict["own_term_weeks"][0].message
    assert not CycleDocument.objects.exists()


def test_a_document_sent_after_its_deadline_is_refused(world, arrangement):
    with pytest.raises(ValidationError) as caught:
        send(world, arrangement, kind=DocumentKind.FRAMEWORKS, title="Kadernota 2025", sent_on=D(2024, 5, 2))
    assert errors_of(caught) == {"sent_on": ["sent_after_deadline"]}
    assert "30-04-2024" in caught.value.error_dict["sent_on"][0].message
    assert not CycleDocument.objects.exists()


def test_a_window_of_zero_days_is_refused(world, arrangement):
    with pytest.raises(ValidationError) as caught:
        send(world, arrangement, general_board_on=D(2024, 4, 10))
    assert errors_of(caught) == {"general_board_on": ["empty_window"]}


def test_a_general_board_meeting_before_the_councils_term_ends_is_refused(world, arrangement):
    with pytest.raises(ValidationError) as caught:
        send(world, arrangement, general_board_on=D(2024, 6, 20))
    assert errors_of(caught) == {"general_board_on": ["board_before_term"]}


def test_a_regeling_without_participants_cannot_send_documents(world):
    empty = ArrangementFactory(region=world.region, participants=[])
    with pytest.raises(ValidationError) as caught:
        send(world, empty)
    assert errors_of(caught) == {"arrangement": ["no_participants"]}


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor_own"])
def test_only_a_coordinator_records_the_cycle(world, arrangement, role):
    with pytest.raises(PermissionDenied):
        send(world, arrangement, actor=world.user(role))


def test_a_council_records_its_view_and_the_board_answers(world, arrangement):
    document = send(world, arrangement, joint_draft="Eerste punt.\n\nTweede punt.")
    view = services.zienswijze_record(
        actor=world.user("editor_own"), document=document, municipality=world.own, state=ViewState.ADOPTED,
        verdict=ViewVerdict.RESERVATIONS, adopted_on=D(2024, 6, 27), basis=ViewBasis.JOINT_AS_IS,
        sent_on=D(2024, 6, 28),
    )
    assert view.text == "Eerste punt.\n\nTweede punt."
    services.board_answer_record(actor=world.user("coordinator"), view=view, answer="Wij nemen dit over.",
                                 answered_on=D(2024, 7, 10))
    view.refresh_from_db()
    assert (view.board_answered_on, view.history.count()) == (D(2024, 7, 10), 2)


def test_a_view_for_a_council_that_is_not_a_participant_is_refused(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(ValidationError) as caught:
        services.zienswijze_record(actor=world.user("coordinator"), document=document, municipality=world.third,
                                   state=ViewState.PREPARING)
    assert errors_of(caught) == {"municipality": ["not_a_participant"]}
    assert "Oegstgeest" in caught.value.error_dict["municipality"][0].message
    assert not Zienswijze.objects.exists()


def test_an_adopted_view_needs_verdict_and_date(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(ValidationError) as caught:
        services.zienswijze_record(actor=world.user("coordinator"), document=document, municipality=world.own,
                                   state=ViewState.ADOPTED)
    assert errors_of(caught) == {"verdict": ["required"], "adopted_on": ["required"]}


def test_a_view_adopted_before_the_document_was_sent_is_refused(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(ValidationError) as caught:
        services.zienswijze_record(actor=world.user("coordinator"), document=document, municipality=world.own,
                                   state=ViewState.ADOPTED, verdict=ViewVerdict.POSITIVE, adopted_on=D(2024, 4, 1))
    assert errors_of(caught) == {"adopted_on": ["before_document"]}


def test_a_verdict_on_a_view_in_preparation_is_refused(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(ValidationError) as caught:
        services.zienswijze_record(actor=world.user("coordinator"), document=document, municipality=world.own,
                                   state=ViewState.PREPARING, verdict=ViewVerdict.NEGATIVE)
    assert errors_of(caught) == {"state": ["not_adopted"]}


def test_the_joint_draft_is_needed_to_adopt_it(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(ValidationError) as caught:
        services.zienswijze_record(actor=world.user("coordinator"), document=document, municipality=world.own,
                                   state=ViewState.PREPARING, basis=ViewBasis.JOINT_AMENDED)
    assert errors_of(caught) == {"basis": ["no_joint_draft"]}


def test_an_editor_records_only_its_own_councils_view(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(PermissionDenied):
        services.zienswijze_record(actor=world.user("editor_own"), document=document, municipality=world.other,
                                   state=ViewState.PREPARING)


def test_the_board_answers_only_an_adopted_view_with_text(world, arrangement):
    document = send(world, arrangement)
    view = services.zienswijze_record(actor=world.user("coordinator"), document=document, municipality=world.own,
                                      state=ViewState.PREPARING)
    with pytest.raises(ValidationError) as caught:
        services.board_answer_record(actor=world.user("coordinator"), view=view, answer=" ", answered_on=D(2024, 5, 1))
    assert errors_of(caught) == {"state": ["not_adopted"], "board_answer": ["required"]}
    with pytest.raises(PermissionDenied):
        services.board_answer_record(actor=world.user("editor_own"), view=view, answer="x", answered_on=D(2024, 5, 1))


def test_the_final_decision_cannot_precede_sending(world, arrangement):
    document = send(world, arrangement)
    with pytest.raises(ValidationError) as caught:
        services.final_decision_record(actor=world.user("coordinator"), document=document, decided_on=D(2024, 1, 1), text="x")
    assert errors_of(caught) == {"final_decision_on": ["decided_before_sent"]}
    services.final_decision_record(actor=world.user("coordinator"), document=document, decided_on=D(2024, 7, 11),
                                   text="Vastgesteld; de reserve is verlaagd.")
    assert CycleDocument.objects.get().final_decision_on == D(2024, 7, 11)


ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//NL
BEGIN:VEVENT
UID:1@test
DTSTAMP:20240101T000000Z
DTSTART:20240627T200000
SUMMARY:Raadsvergadering
END:VEVENT
BEGIN:VEVENT
UID:2@test
DTSTAMP:20240101T000000Z
DTSTART;VALUE=DATE:20240704
SUMMARY:Raadsvergadering (vervolg)
END:VEVENT
END:VCALENDAR
"""


def test_a_council_calendar_is_imported_from_ics(world):
    coordinator = world.user("coordinator")
    services.council_meeting_add(actor=coordinator, region=world.region, municipality=world.own, date=D(2024, 6, 27))
    added = services.council_calendar_import(actor=world.user("editor_own"), region=world.region,
                                             municipality=world.own, ics=ICS)
    assert added == 1
    assert list(CouncilMeeting.objects.values_list("date", "source")) == [(D(2024, 6, 27), "hand"), (D(2024, 7, 4), "ics")]


@pytest.mark.parametrize("content", [b"dit is geen agenda", b"BEGIN:VCALENDAR\nVERSION:2.0\nEND:VCALENDAR\n",
                                     ICS.replace(b"DTSTART;VALUE=DATE:20240704\n", b"")])
def test_an_ics_file_that_does_not_parse_is_refused_and_nothing_is_stored(world, content):
    with pytest.raises(ValidationError) as caught:
        services.council_calendar_import(actor=world.user("coordinator"), region=world.region,
                                         municipality=world.own, ics=content)
    assert errors_of(caught) == {"ics": ["invalid_ics"]}
    assert "iCalendar" in caught.value.error_dict["ics"][0].message
    assert not CouncilMeeting.objects.exists()


def test_an_editor_keeps_only_its_own_councils_calendar(world):
    with pytest.raises(PermissionDenied):
        services.council_meeting_add(actor=world.user("editor_own"), region=world.region, municipality=world.other,
                                     date=D(2024, 6, 27))


def test_a_calendar_for_a_municipality_outside_the_region_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.council_meeting_add(actor=world.user("coordinator"), region=world.region, municipality=world.outsider,
                                     date=D(2024, 6, 27))
    assert errors_of(caught) == {"municipality": ["not_a_member"]}


def test_a_recess_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.summer_recess_set(actor=world.user("coordinator"), region=world.region, municipality=world.own,
                                   starts_on=D(2024, 8, 1), ends_on=D(2024, 7, 1))
    assert errors_of(caught) == {"ends_on": ["recess_ends_before_start"]}


def test_a_participants_role_and_contribution(world, arrangement):
    detail = services.participant_set(actor=world.user("coordinator"), arrangement=arrangement, municipality=world.own,
                                      role=ParticipantRole.HOST, yearly_contribution=120000)
    assert (detail.role, detail.yearly_contribution) == ("gastgemeente", 120000)
    with pytest.raises(ValidationError) as caught:
        services.participant_set(actor=world.user("coordinator"), arrangement=arrangement, municipality=world.third)
    assert errors_of(caught) == {"municipality": ["not_a_participant"]}


def test_the_terms_of_many_documents_cost_a_fixed_number_of_queries(world, arrangement, django_assert_max_num_queries):
    for year in (2025, 2026, 2027):
        send(world, arrangement, title=f"Ontwerpbegroting {year}", year=year, sent_on=D(year - 1, 4, 10))
    with django_assert_max_num_queries(6):
        for document in cycle_documents(arrangements=[arrangement]):
            council_terms(document, today=D(2024, 5, 1))


@pytest.mark.parametrize("sent_on", [D(9999, 12, 31), D(1, 1, 1)])
def test_a_date_outside_the_supported_years_is_refused_naming_the_field(world, arrangement, sent_on):
    # 9999-12-31 made the councils' term overflow (OverflowError, a 500 on the page).
    with pytest.raises(ValidationError) as excinfo:
        send(world, arrangement, kind=DocumentKind.DRAFT_BUDGET, year=2026, sent_on=sent_on)
    assert excinfo.value.message_dict == {
        "sent_on": ["Aan de raden verzonden op: kies een datum tussen 1 januari 1900 en 31 december 2199."]
    }
    assert not CycleDocument.objects.exists()


# --- lost updates: the version the editor loaded (core.versions) -------------------------------------------------


def test_a_stale_view_is_refused_with_both_values_and_a_current_one_is_saved(world, arrangement):
    document = send(world, arrangement, joint_draft="De raad stemt in.")
    record = dict(actor=world.user("coordinator"), document=document, municipality=world.own, state=ViewState.PREPARING,
                  basis=ViewBasis.OWN)
    first = services.zienswijze_record(**record, text="Eerste lezing", expected_version=0)
    assert first.version == 1
    assert services.zienswijze_record(**record, text="Tweede lezing", expected_version=1).version == 2
    with pytest.raises(ValidationError) as excinfo:
        services.zienswijze_record(**record, text="Andere lezing", expected_version=1)
    assert excinfo.value.messages == [
        "Iemand anders heeft deze zienswijze intussen gewijzigd. "
        "Tekst — opgeslagen: “Tweede lezing”, uw invoer: “Andere lezing”. "
        "Niets is opgeslagen; controleer de waarden en sla opnieuw op om uw invoer te bewaren."
    ]
    view = Zienswijze.objects.get(document=document, municipality=world.own)
    assert (view.text, view.version) == ("Tweede lezing", 2)


def test_a_final_decision_loaded_before_a_correction_of_the_document_is_refused(world, arrangement):
    document = send(world, arrangement)
    send(world, arrangement, document=document, title="Ontwerpbegroting 2025 (herzien)")
    with pytest.raises(ValidationError) as excinfo:
        services.final_decision_record(actor=world.user("coordinator"), document=document, decided_on=D(2024, 7, 11),
                                       text="Vastgesteld.", expected_version=1)
    assert excinfo.value.error_list[0].code == "stale"
    document.refresh_from_db()
    assert (document.final_decision, document.version) == ("", 2)
