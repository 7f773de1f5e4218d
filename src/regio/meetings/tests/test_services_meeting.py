"""meetings/services.py: bodies, members, meetings and attendance — bad input refused, nothing half-stored."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from regio.meetings import services
from regio.meetings.models import Attendance, Body, BodyKind, BodyMember, Meeting
from regio.meetings.tests.meeting_factories import BodyFactory, BodyMemberFactory, MeetingFactory, local
from regio.regions.tests.factories import PersonFactory


def field_errors(exc_info) -> dict:
    return exc_info.value.message_dict


@pytest.fixture(autouse=True)
def english():
    # The messages are asserted in their source language; the Dutch catalogue is someone else's concern.
    with translation.override("en"):
        yield


@pytest.fixture
def coordinator(world):
    return world.user("coordinator")


def test_a_window_that_ends_before_it_starts_is_refused_on_window_end(world, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(
            actor=coordinator, region=world.region, title="Overleg van de colleges",
            window_start=datetime.date(2019, 3, 31), window_end=datetime.date(2019, 1, 1),
        )
    assert list(field_errors(exc)) == ["window_end"]
    assert field_errors(exc) == {"window_end": ["The window ends before it starts."]}
    assert not Meeting.objects.exists()


def test_a_dated_meeting_that_ends_before_it_starts_is_refused_on_ends_at(world, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(
            actor=coordinator, region=world.region, title="Stuurgroep",
            starts_at=local(2019, 5, 1, 14), ends_at=local(2019, 5, 1, 13),
        )
    assert list(field_errors(exc)) == ["ends_at"]
    assert not Meeting.objects.exists()


def test_a_meeting_without_date_or_window_names_both_window_fields(world, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(actor=coordinator, region=world.region, title="Ooit")
    assert set(field_errors(exc)) == {"window_start", "window_end"}
    assert not Meeting.objects.exists()


def test_a_window_is_kept_until_the_date_is_set(world, coordinator):
    meeting = services.meeting_save(
        actor=coordinator, region=world.region, title="Overleg van de vijf colleges", place="Zoeterwoude",
        window_start=datetime.date(2019, 1, 1), window_end=datetime.date(2019, 3, 31),
    )
    assert not meeting.is_dated
    assert meeting.when == "first quarter of 2019"  # the tests here read in English (fixture english)
    assert (meeting.first_day, meeting.last_day) == (datetime.date(2019, 1, 1), datetime.date(2019, 3, 31))
    assert not meeting.is_held(now=local(2026, 1, 1))

    meeting = services.meeting_save(
        actor=coordinator, region=world.region, meeting=meeting, title=meeting.title, place="Zoeterwoude",
        starts_at=local(2019, 2, 11, 16), ends_at=local(2019, 2, 11, 19),
        window_start=datetime.date(2019, 1, 1), window_end=datetime.date(2019, 3, 31),
    )
    meeting.refresh_from_db()
    assert meeting.is_dated
    assert (meeting.window_start, meeting.window_end) == (None, None)
    assert meeting.first_day == meeting.last_day == datetime.date(2019, 2, 11)
    assert meeting.when.endswith("16:00")
    assert meeting.duration_hours == 3
    assert meeting.is_held(now=local(2019, 2, 12))
    assert not meeting.is_held(now=local(2019, 2, 10))


def test_an_editor_may_not_plan_meetings(world):
    with pytest.raises(PermissionDenied):
        services.meeting_save(
            actor=world.user("editor_own"), region=world.region, title="Eigen overleg", starts_at=local(2019, 5, 1)
        )
    assert not Meeting.objects.exists()


def test_attendance_of_a_non_member_who_was_not_invited_is_refused(world, coordinator):
    body = BodyFactory(region=world.region)
    member = BodyMemberFactory(body=body, municipality=world.own).person
    guest, stranger = PersonFactory(name="Gast"), PersonFactory(name="Onbekende")
    meeting = MeetingFactory(region=world.region, body=body, invitees=[guest])

    with pytest.raises(ValidationError) as exc:
        services.attendance_record(actor=coordinator, meeting=meeting, person=stranger)
    assert field_errors(exc) == {
        "person": ["Onbekende is neither a member of the body nor invited to this meeting."]
    }
    assert "Onbekende" in field_errors(exc)["person"][0]
    assert not Attendance.objects.exists()

    services.attendance_record(actor=coordinator, meeting=meeting, person=member)
    services.attendance_record(actor=coordinator, meeting=meeting, person=guest, present=False)
    assert {(a.person, a.present) for a in Attendance.objects.all()} == {(member, True), (guest, False)}


def test_an_ad_hoc_meeting_accepts_only_invitees(world, coordinator):
    guest, stranger = PersonFactory(), PersonFactory()
    meeting = MeetingFactory(region=world.region, invitees=[guest])
    with pytest.raises(ValidationError):
        services.attendance_record(actor=coordinator, meeting=meeting, person=stranger)
    services.attendance_record(actor=coordinator, meeting=meeting, person=guest)
    assert Attendance.objects.get().person == guest


def test_a_member_without_municipality_or_organisation_is_refused(world, coordinator):
    body = BodyFactory(region=world.region)
    with pytest.raises(ValidationError) as exc:
        services.body_member_add(actor=coordinator, body=body, person=PersonFactory(name="Zwever"))
    assert list(field_errors(exc)) == ["municipality"]
    assert "Zwever" in field_errors(exc)["municipality"][0]
    assert not BodyMember.objects.exists()


def test_a_member_for_a_municipality_outside_the_region_is_refused(world, coordinator):
    body = BodyFactory(region=world.region)
    with pytest.raises(ValidationError) as exc:
        services.body_member_add(actor=coordinator, body=body, person=PersonFactory(), municipality=world.outsider)
    assert list(field_errors(exc)) == ["municipality"]
    assert not BodyMember.objects.exists()


def test_a_body_with_a_spearhead_of_another_region_is_refused(world, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.body_save(
            actor=coordinator, region=world.region, name="Overleg Wonen", kind=BodyKind.ADMINISTRATIVE,
            spearheads=[world.spearheads[0], world.foreign_spearhead],
        )
    assert field_errors(exc) == {"spearheads": ["A spearhead of another region was chosen."]}
    assert not Body.objects.exists()


def test_a_mandate_without_the_power_to_decide_is_refused_on_mandate(world, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.body_save(
            actor=coordinator, region=world.region, name="Werkgroep", kind=BodyKind.WORKING_GROUP,
            may_decide=False, mandate="De raden", spearheads=[world.spearheads[0]],
        )
    assert list(field_errors(exc)) == ["mandate"]
    assert not Body.objects.exists()
    assert not Body.spearheads.through.objects.exists()


def test_a_body_is_saved_with_its_spearheads_and_history(world, coordinator):
    body = services.body_save(
        actor=coordinator, region=world.region, name="Algemeen bestuur GR", kind=BodyKind.GR_GENERAL,
        may_decide=True, mandate="De vijf raden", meetings_per_year=4, spearheads=world.spearheads,
    )
    assert body.slug == "algemeen-bestuur-gr"
    assert set(body.spearheads.all()) == set(world.spearheads)
    assert {record.history_user for record in body.history.all()} == {coordinator}


# --- lost updates: the version the editor loaded (core.versions) -------------------------------------------------


def test_a_stale_body_edit_is_refused_with_both_values_and_saves_nothing(world, coordinator):
    body = services.body_save(actor=coordinator, region=world.region, name="Werkgroep Wonen",
                              kind=BodyKind.WORKING_GROUP, meetings_per_year=4)
    assert body.version == 1
    services.body_save(actor=coordinator, region=world.region, body=body, name="Werkgroep Wonen",
                       kind=BodyKind.WORKING_GROUP, meetings_per_year=6, expected_version=1)
    history = Body.history.count()
    with pytest.raises(ValidationError) as exc:
        services.body_save(actor=coordinator, region=world.region, body=body, name="Werkgroep Wonen en Zorg",
                           kind=BodyKind.WORKING_GROUP, meetings_per_year=4, spearheads=[world.spearheads[0]],
                           expected_version=1)
    assert exc.value.error_list[0].code == "stale"
    assert exc.value.messages == [
        "Someone else has changed this body in the meantime. "
        "Name — stored: “Werkgroep Wonen”, your input: “Werkgroep Wonen en Zorg”. "
        "Meetings per year — stored: “6”, your input: “4”. "
        "Spearheads — stored: “”, your input: “Wonen”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    body.refresh_from_db()
    assert (body.name, body.meetings_per_year, body.version, body.spearheads.count()) == ("Werkgroep Wonen", 6, 2, 0)
    assert Body.history.count() == history


def test_a_stale_meeting_edit_is_refused_and_a_current_one_raises_the_version(world, coordinator):
    meeting = MeetingFactory(region=world.region, body=None, title="Regiodag", place="Leiden")
    arguments = dict(actor=coordinator, region=world.region, meeting=meeting, title="Regiodag",
                     starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    assert services.meeting_save(**arguments, place="Oegstgeest", expected_version=1).version == 2
    with pytest.raises(ValidationError) as exc:
        services.meeting_save(**arguments, place="Leiden", cancelled=True, expected_version=1)
    assert exc.value.messages == [
        "Someone else has changed this meeting in the meantime. "
        "Place — stored: “Oegstgeest”, your input: “Leiden”. "
        "Cancelled — stored: “no”, your input: “yes”. "
        "Nothing has been saved; check the values and save again to keep yours."
    ]
    meeting.refresh_from_db()
    assert (meeting.place, meeting.cancelled, meeting.version) == ("Oegstgeest", False, 2)
    # Without a version (importers, the API without If-Match) the edit is not checked.
    assert services.meeting_save(**arguments, place="Leiden").version == 3
