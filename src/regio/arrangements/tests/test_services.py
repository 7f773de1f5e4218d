import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regio.arrangements.models import Arrangement, ArrangementForm
from regio.arrangements.services import arrangement_save
from regio.meetings.models import BodyKind
from regio.meetings.tests.meeting_factories import BodyFactory

pytestmark = pytest.mark.django_db


def save(world, user, **overrides):
    values = dict(
        actor=user,
        region=world.region,
        slug="werk-en-inkomen",
        name="GR Werk en Inkomen",
        form=ArrangementForm.PUBLIC_BODY,
        legal_basis="Wgr, art. 8 lid 1",
        seat="Leiden",
        entered_into_force=datetime.date(2015, 1, 1),
        participants=[world.own, world.other],
        powers="Participatiewet\nWet inburgering",
    )
    return arrangement_save(**{**values, **overrides})


def test_the_coordinator_registers_an_arrangement_with_history(world):
    arrangement = save(world, world.user("coordinator"))
    assert arrangement.power_list == ["Participatiewet", "Wet inburgering"]
    assert set(arrangement.participants.all()) == {world.own, world.other}
    assert arrangement.history.earliest().history_user == world.user("coordinator")


def test_saving_the_same_values_again_records_no_new_history(world):
    recorded = save(world, world.user("coordinator")).history.count()
    save(world, world.user("coordinator"))
    assert Arrangement.objects.get().history.count() == recorded


def test_an_amendment_updates_the_entry(world):
    recorded = save(world, world.user("coordinator")).history.count()
    save(world, world.user("coordinator"), last_amended=datetime.date(2022, 7, 1), seat="Leiderdorp")
    arrangement = Arrangement.objects.get()
    assert (arrangement.seat, arrangement.last_amended) == ("Leiderdorp", datetime.date(2022, 7, 1))
    assert arrangement.history.count() == recorded + 1


@pytest.mark.parametrize("role", ["anonymous", "reader", "editor_own"])
def test_only_a_coordinator_keeps_the_register(world, role):
    with pytest.raises(PermissionDenied):
        save(world, world.user(role))
    assert not Arrangement.objects.exists()


def test_an_amendment_before_the_entry_into_force_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        save(world, world.user("coordinator"), last_amended=datetime.date(2010, 1, 1))
    assert caught.value.error_dict["last_amended"][0].code == "amended_before_start"


def test_participants_must_be_members_and_bodies_boards_of_this_region(world):
    with pytest.raises(ValidationError) as caught:
        save(world, world.user("coordinator"), participants=[world.outsider])
    assert caught.value.error_dict["participants"][0].code == "not_a_member"
    with pytest.raises(ValidationError) as caught:
        save(world, world.user("coordinator"), participants=[])
    assert caught.value.error_dict["participants"][0].code == "no_participants"
    advisory = BodyFactory(region=world.region, kind=BodyKind.ADMINISTRATIVE)
    with pytest.raises(ValidationError) as caught:
        save(world, world.user("coordinator"), bodies=[advisory])
    assert caught.value.error_dict["bodies"][0].code == "not_an_arrangement_body"
    board = BodyFactory(region=world.region, kind=BodyKind.GR_GENERAL)
    assert list(save(world, world.user("coordinator"), bodies=[board]).bodies.all()) == [board]
