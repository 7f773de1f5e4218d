"""The admin saves register entries through `arrangement_save`, with the relations from the form."""

import pytest

from regio.arrangements.models import Arrangement

pytestmark = pytest.mark.django_db


def form_data(world, **overrides) -> dict:
    return {
        "region": world.region.pk,
        "name": "GR Afval",
        "slug": "gr-afval",
        "form": "bedrijfsvoeringsorganisatie",
        "participants": [world.own.pk, world.other.pk],
        "legal_basis": "Wgr, art. 8a",
        "seat": "Leiderdorp",
        "entered_into_force": "2016-01-01",
        "powers": "Inzameling\nVerwerking",
        "visibility": "openbaar",
        "text_reference": "",
        "last_amended": "",
        **overrides,
    }


def test_a_superuser_adds_and_renames_an_arrangement(world, client_for):
    client = client_for(world.user("superuser"))
    response = client.post("/beheer/arrangements/arrangement/add/", form_data(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    arrangement = Arrangement.objects.get()
    assert arrangement.power_list == ["Inzameling", "Verwerking"]
    assert set(arrangement.participants.all()) == {world.own, world.other}
    assert arrangement.history.earliest().history_user == world.user("superuser")
    url = f"/beheer/arrangements/arrangement/{arrangement.pk}/change/"
    response = client.post(url, form_data(world, slug="gr-afval-2", participants=[world.own.pk]))
    assert response.status_code == 302
    arrangement = Arrangement.objects.get()
    assert (arrangement.slug, list(arrangement.participants.all())) == ("gr-afval-2", [world.own])
    assert client.get("/beheer/arrangements/arrangement/").status_code == 200
