"""API v1 writes: the same services and permission rules as the UI, with a token; the token command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from regio.commitments.models import CommitmentState
from regio.conftest import signed_in_fully
from regio.meetings.models import MunicipalDecision
from regio.publication.tests.api_scene import scene, token_for  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def send(client, method, path, body, headers=None, content_type="application/json"):
    data = json.dumps(body) if content_type == "application/json" else body
    return getattr(client, method)(f"/api/v1/{path}", data, content_type=content_type, **(headers or {}))


def decision_body(scene, **changes):
    body = {"afspraak": scene.agreement.pk, "gemeente": "GM0547", "orgaan": "college", "uitkomst": "afgewezen",
            "datum": "2019-04-01"}
    return {**body, **changes}


def test_record_decision_as_editor_of_that_municipality(client, scene, token_for):
    response = send(client, "post", "besluiten", decision_body(scene), token_for(scene.world.user("editor_other")))
    assert response.status_code == 201, response.content
    assert response.json()["gemeente"] == "GM0547" and response.json()["uitkomst"] == "afgewezen"
    detail = client.get(f"/api/v1/afspraken/{scene.agreement.pk}").json()
    # An opt-in agreement: Leiden adopted it, Leiderdorp does not take part; not blocked.
    assert (detail["soort"], detail["status"]) == ("ieder_voor_zich", "aangenomen_door_deel")
    leiderdorp = next(cell for cell in detail["instemming"] if cell["gemeente"] == "GM0547")
    assert (leiderdorp["collegeStatus"], leiderdorp["raadStatus"]) == ("afgewezen", "niet_voorgelegd")
    assert [a["id"] for a in client.get("/api/v1/afspraken?status=geblokkeerd").json()["results"]] == []


@pytest.mark.parametrize(("role", "status"), [("anonymous", 401), ("reader", 403), ("editor_own", 403),
                                               ("coordinator", 201)])
def test_record_decision_permissions(client, scene, token_for, role, status):
    before = MunicipalDecision.objects.count()
    response = send(client, "post", "besluiten", decision_body(scene), token_for(scene.world.user(role)))
    assert response.status_code == status, response.content
    assert response["Content-Type"] == ("application/json" if status == 201 else "application/problem+json")
    assert MunicipalDecision.objects.count() == before + (status == 201)


def test_record_decision_lists_every_invalid_field(client, scene, token_for):
    response = send(client, "post", "besluiten", {"afspraak": "x", "orgaan": "burgemeester", "datum": "gisteren"},
                    token_for(scene.world.user("coordinator")))
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"afspraak", "gemeente", "orgaan", "uitkomst", "datum"}


def test_record_decision_service_errors_use_api_field_names(client, scene, token_for):
    headers = token_for(scene.world.user("coordinator"))
    response = send(client, "post", "besluiten", decision_body(scene, datum="2019-01-01"), headers)
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["datum"]
    response = send(client, "post", "besluiten", decision_body(scene, gemeente="GM0579"), headers)  # not a participant
    assert [p["name"] for p in response.json()["invalidParams"]] == ["gemeente"]
    internal = decision_body(scene, afspraak=scene.agreement_internal.pk, gemeente="GM0546", uitkomst="ingestemd")
    assert send(client, "post", "besluiten", internal, token_for(scene.world.user("editor_own"))).status_code == 201


def test_an_internal_agreement_is_unknown_to_a_user_without_access(client, scene, token_for, django_user_model):
    outsider = django_user_model.objects.create_user("buitenstaander", password="x")
    body = decision_body(scene, afspraak=scene.agreement_internal.pk, gemeente="GM0546")
    response = send(client, "post", "besluiten", body, token_for(outsider))
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "afspraak"
    assert "Besloten" not in response.content.decode()


def test_fulfil_commitment(client, scene, token_for):
    path = f"toezeggingen/{scene.commitment.pk}/nakomen"
    assert send(client, "post", path, {"bewijs": "Brief"}).status_code == 401
    assert send(client, "post", path, {"bewijs": "Brief"}, token_for(scene.world.user("editor_other"))).status_code == 403
    response = send(client, "post", path, {"bewijs": "Raadsinformatiebrief van 20 februari", "datum": "2019-02-20"},
                    token_for(scene.world.user("editor_own")))
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["afgehandeldOp"]) == ("nagekomen", "2019-02-20")
    scene.commitment.refresh_from_db()
    assert scene.commitment.state == CommitmentState.FULFILLED
    again = send(client, "post", path, {"bewijs": "Nog eens"}, token_for(scene.world.user("coordinator")))
    assert again.status_code == 400 and again.json()["invalidParams"][0]["name"] == "status"


def test_fulfil_needs_evidence_and_a_visible_commitment(client, scene, token_for):
    coordinator = token_for(scene.world.user("coordinator"))
    response = send(client, "post", f"toezeggingen/{scene.commitment.pk}/nakomen", {}, coordinator)
    assert response.status_code == 400 and response.json()["invalidParams"][0]["name"] == "bewijs"
    outsider_path = f"toezeggingen/{scene.commitment_internal.pk}/nakomen"
    assert send(client, "post", outsider_path, {"bewijs": "x"}, token_for(scene.world.user("superuser"))).status_code == 200


def test_patch_topic(client, scene, token_for):
    path = f"onderwerpen/{scene.topic.pk}"
    assert send(client, "patch", path, {"titel": "Nieuw"}).status_code == 401
    assert send(client, "patch", path, {"titel": "Nieuw"}, token_for(scene.world.user("editor_other"))).status_code == 403
    response = send(client, "patch", path, {"titel": "Warmtenet", "speerpunten": ["wonen", "energie"]},
                    token_for(scene.world.user("editor_own")))
    assert response.status_code == 200, response.content
    assert response.json()["titel"] == "Warmtenet" and sorted(response.json()["speerpunten"]) == ["energie", "wonen"]
    bad = send(client, "patch", path, {"speerpunten": [], "samenwerkingsvorm": "fusie"},
               token_for(scene.world.user("coordinator")))
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalidParams"]} == {"samenwerkingsvorm"}
    empty = send(client, "patch", path, {"speerpunten": []}, token_for(scene.world.user("coordinator")))
    assert empty.status_code == 400 and empty.json()["invalidParams"][0]["name"] == "speerpunten"
    assert send(client, "put", path, {"titel": "x"}, token_for(scene.world.user("coordinator"))).status_code == 405


def test_wrong_content_type_is_415_once_authenticated_and_401_before(client, scene, token_for):
    """Authentication comes first: an anonymous client learns nothing about what the endpoint would accept."""
    body = "afspraak=1&gemeente=GM0547"
    anonymous = send(client, "post", "besluiten", body, content_type="application/x-www-form-urlencoded")
    assert anonymous.status_code == 401
    signed_in = send(client, "post", "besluiten", body, token_for(scene.world.user("coordinator")),
                     content_type="application/x-www-form-urlencoded")
    assert signed_in.status_code == 415
    assert signed_in["Content-Type"] == "application/problem+json" and signed_in["API-Version"]


def test_malformed_json_is_400(client, scene, token_for):
    response = send(client, "post", "besluiten", "{niet json", token_for(scene.world.user("coordinator")),
                    content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"


def test_bad_token_is_401(client, scene):
    response = client.get("/api/v1/onderwerpen", HTTP_AUTHORIZATION="Token 0000")
    assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"


def test_token_command_prints_and_reuses_the_token(world):
    out = io.StringIO()
    call_command("token", "coordinator", stdout=out)
    key = out.getvalue().strip()
    assert key == Token.objects.get(user__username="coordinator").key and len(key) == 40
    again = io.StringIO()
    call_command("token", "coordinator", stdout=again)
    assert again.getvalue().strip() == key
    renewed = io.StringIO()
    call_command("token", "coordinator", "--renew", stdout=renewed)
    assert renewed.getvalue().strip() != key
    with pytest.raises(CommandError):
        call_command("token", "niemand")


def test_token_works_for_internal_reads(client, scene):
    out = io.StringIO()
    call_command("token", "lezer", stdout=out)
    response = client.get(f"/api/v1/onderwerpen/{scene.topic_internal.pk}", HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    assert response.status_code == 200


def test_tokens_in_the_admin(client, world):
    call_command("token", "coordinator", stdout=io.StringIO())
    signed_in_fully(client, world.user("superuser"))
    response = client.get("/beheer/authtoken/tokenproxy/")
    assert response.status_code == 200 and b"coordinator" in response.content


def test_patch_topic_lead_follows_the_rules_of_the_lead_form(client, scene, token_for):
    from regio.topics.models import Participation, ParticipationRole
    from regio.topics.tests.factories import ParticipationFactory

    world, path = scene.world, f"onderwerpen/{scene.topic.pk}"
    ParticipationFactory(topic=scene.topic, municipality=world.own, initiator=True)
    ParticipationFactory(topic=scene.topic, municipality=world.third, declines=True)
    coordinator, editor_other = token_for(world.user("coordinator")), token_for(world.user("editor_other"))

    declined = send(client, "patch", path, {"trekker": "GM0579"}, coordinator)  # Oegstgeest: doet niet mee
    assert declined.status_code == 400, declined.content
    assert [p["name"] for p in declined.json()["invalidParams"]] == ["trekker"]
    assert "Oegstgeest" in declined.json()["invalidParams"][0]["reason"]
    assert Participation.objects.get(topic=scene.topic, municipality=world.third).role == ParticipationRole.DECLINES

    unknown = send(client, "patch", path, {"trekker": "GM0363"}, coordinator)  # Amsterdam: not a member
    assert unknown.status_code == 400 and unknown.json()["invalidParams"][0]["name"] == "trekker"
    both = send(client, "patch", path, {"trekker": "GM0546", "trekkerNogTeBepalen": True}, coordinator)
    assert both.status_code == 400 and both.json()["invalidParams"][0]["name"] == "trekker"

    taken = send(client, "patch", path, {"trekker": "GM0546"}, token_for(world.user("editor_own")))
    assert taken.status_code == 200, taken.content
    assert (taken.json()["trekker"], taken.json()["trekkerNogTeBepalen"]) == ("GM0546", False)
    ParticipationFactory(topic=scene.topic, municipality=world.other)
    # Leiderdorp's editor cannot take over the lead Leiden holds; the coordinator can move it.
    assert send(client, "patch", path, {"trekker": "GM0547"}, editor_other).status_code == 403
    moved = send(client, "patch", path, {"trekker": "GM0547"}, coordinator)
    assert moved.status_code == 200 and moved.json()["trekker"] == "GM0547"
    opened = send(client, "patch", path, {"trekkerNogTeBepalen": True}, editor_other)  # steps down
    assert opened.status_code == 200 and opened.json()["trekkerNogTeBepalen"] is True
    cleared = send(client, "patch", path, {"trekker": None}, coordinator)
    assert cleared.status_code == 200 and cleared.json()["trekker"] is None


def test_a_topic_carries_an_etag_from_its_version_and_patch_honours_if_match(client, scene, token_for):
    path = f"onderwerpen/{scene.topic.pk}"
    coordinator = token_for(scene.world.user("coordinator"))
    fetched = client.get(f"/api/v1/{path}")
    assert fetched.status_code == 200
    etag = fetched["ETag"]
    # The version's tag, made exact for this answer ("topic-1-v1.<variant>"; see exact_item_etag).
    assert etag.startswith(f'"topic-{scene.topic.pk}-v1.')

    # A matching If-Match: the write is done and the answer carries the new tag.
    first = send(client, "patch", path, {"omschrijving": "Eerste wijziging"}, {**coordinator, "HTTP_IF_MATCH": etag})
    assert first.status_code == 200, first.content
    assert first["ETag"] == f'"topic-{scene.topic.pk}-v2"'
    assert client.get(f"/api/v1/{path}")["ETag"].startswith(first["ETag"].rstrip('"') + ".")

    # The old tag again: 412 problem+json, nothing saved.
    stale = send(client, "patch", path, {"omschrijving": "Tweede wijziging"}, {**coordinator, "HTTP_IF_MATCH": etag})
    assert stale.status_code == 412
    assert stale["Content-Type"] == "application/problem+json"
    assert stale.json()["status"] == 412 and f'"topic-{scene.topic.pk}-v2"' in stale.json()["detail"]
    scene.topic.refresh_from_db()
    assert (scene.topic.description, scene.topic.version) == ("Eerste wijziging", 2)

    # Without If-Match a write still works.
    plain = send(client, "patch", path, {"omschrijving": "Zonder If-Match"}, coordinator)
    assert plain.status_code == 200
    scene.topic.refresh_from_db()
    assert (scene.topic.description, scene.topic.version) == ("Zonder If-Match", 3)


def test_an_etag_for_a_signed_in_client_is_the_one_patch_accepts(client, scene, token_for):
    path = f"onderwerpen/{scene.topic.pk}"
    coordinator = token_for(scene.world.user("coordinator"))
    etag = client.get(f"/api/v1/{path}", **coordinator)["ETag"]
    response = send(client, "patch", path, {"titel": "Warmtenet"}, {**coordinator, "HTTP_IF_MATCH": f'"x", {etag}'})
    assert response.status_code == 200, response.content


def test_a_participation_carries_an_etag_and_put_honours_if_match(client, scene, token_for):
    from regio.topics.models import Participation

    path = f"onderwerpen/{scene.topic.pk}/deelnames/GM0579"
    coordinator = token_for(scene.world.user("coordinator"))
    # Nothing stored yet: an If-Match has nothing to match (412), a PUT without it creates the choice.
    early = send(client, "put", path, {"deelname": "volgt"}, {**coordinator, "HTTP_IF_MATCH": "*"})
    assert early.status_code == 412 and early["Content-Type"] == "application/problem+json"
    assert not Participation.objects.filter(topic=scene.topic, municipality__cbs_code="GM0579").exists()
    created = send(client, "put", path, {"deelname": "volgt"}, coordinator)
    assert created.status_code == 200, created.content
    stored = Participation.objects.get(topic=scene.topic, municipality__cbs_code="GM0579")
    assert created["ETag"] == f'"participation-{stored.pk}-v1"'

    fetched = client.get(f"/api/v1/{path}", **coordinator)
    assert fetched.status_code == 200 and fetched["ETag"].startswith(f'"participation-{stored.pk}-v1.')
    matching = send(client, "put", path, {"deelname": "doet_mee", "toelichting": "Collegebesluit 12"},
                    {**coordinator, "HTTP_IF_MATCH": fetched["ETag"]})
    assert matching.status_code == 200, matching.content
    assert matching["ETag"] == f'"participation-{stored.pk}-v2"'

    stale = send(client, "put", path, {"deelname": "doet_niet_mee"}, {**coordinator, "HTTP_IF_MATCH": fetched["ETag"]})
    assert stale.status_code == 412
    assert stale.json()["status"] == 412 and f'"participation-{stored.pk}-v2"' in stale.json()["detail"]
    stored.refresh_from_db()
    assert (stored.role, stored.note, stored.version) == ("doet_mee", "Collegebesluit 12", 2)


def test_a_participation_change_raises_the_topic_etag(client, scene, token_for):
    coordinator = token_for(scene.world.user("coordinator"))
    before = client.get(f"/api/v1/onderwerpen/{scene.topic.pk}")["ETag"]
    assert send(client, "put", f"onderwerpen/{scene.topic.pk}/deelnames/GM0579", {"deelname": "volgt"},
                coordinator).status_code == 200
    after = client.get(f"/api/v1/onderwerpen/{scene.topic.pk}")["ETag"]
    assert before != after
    stale = send(client, "patch", f"onderwerpen/{scene.topic.pk}", {"omschrijving": "Nieuw"},
                 {**coordinator, "HTTP_IF_MATCH": before})
    assert stale.status_code == 412


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_decision_date_outside_the_supported_years_is_400_naming_the_field(client, scene, token_for, day):
    from regio.meetings.models import MunicipalDecision

    before = MunicipalDecision.objects.count()
    response = send(client, "post", "besluiten", decision_body(scene, datum=day), token_for(scene.world.user("coordinator")))
    assert response.status_code == 400
    assert response.json()["invalidParams"] == [{
        "name": "datum", "code": "unsupported_date",
        "reason": "Kies een datum tussen 1 januari 1900 en 31 december 2199.",
    }]
    assert MunicipalDecision.objects.count() == before


def test_a_read_only_item_answers_a_signed_in_client_with_an_etag_and_304_when_it_matches(client, scene, token_for):
    coordinator = token_for(scene.world.user("coordinator"))
    path = f"/api/v1/afspraken/{scene.agreement.pk}"
    first = client.get(path, **coordinator)
    assert first.status_code == 200 and first["Cache-Control"] == "private, no-store"
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = client.get(path, HTTP_IF_NONE_MATCH=etag, **coordinator)
    assert again.status_code == 304 and again["ETag"] == etag
    # A change changes the tag.
    send(client, "post", "besluiten", decision_body(scene), coordinator)
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag, **coordinator)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_topic_fetched_again_with_its_etag_is_304_until_it_or_its_region_changes(client, scene, token_for, settings):
    path = f"/api/v1/onderwerpen/{scene.topic.pk}"
    fetched = client.get(path)
    etag = fetched["ETag"]
    # The tag starts with the topic's version (what If-Match checks) and is exact for this answer.
    assert etag.startswith(f'"topic-{scene.topic.pk}-v1')
    again = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag

    # A change elsewhere in the region can change what the answer holds (a name, a result): a new tag.
    scene.world.own.name = "Leiden aan den Rijn"
    from regio.core.services import validated_save
    validated_save(scene.world.own)
    from regio.core.changes import region_changed
    region_changed(scene.world.region)
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag

    # If-Match with the exact tag of a GET still matches the topic's version.
    coordinator = token_for(scene.world.user("coordinator"))
    tag = client.get(path, **coordinator)["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=tag, **coordinator).status_code == 304
    written = send(client, "patch", path.removeprefix("/api/v1/"), {"omschrijving": "Met de tag van een GET"},
                   {**coordinator, "HTTP_IF_MATCH": etag})
    assert written.status_code == 200, written.content
