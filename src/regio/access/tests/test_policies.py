"""The permission matrix: role x action, through the services and through the web views.

The roles are those of the conftest `world` (editor_own edits for Leiden, editor_other for
Leiderdorp); the actions name the municipality they concern, so "own" and "other" read from the
Leiden editor's point of view and the Leiderdorp editor covers the mirror image.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from regio.access.policies import SYSTEM, RegionAccess, region_access, region_with_access
from regio.conftest import ROLES
from regio.core.models import Visibility
from regio.topics import selectors, services
from regio.topics.models import Participation, ParticipationRole, Result, Topic, TopicStatus
from regio.topics.tests.factories import ParticipationFactory, TopicFactory

MANAGERS = {"coordinator", "superuser"}
SIGNED_IN = set(ROLES) - {"anonymous"}


@dataclass
class Scene:
    world: object
    topic: Topic  # proposed by Leiden, lead still open
    led: Topic  # proposed by Oegstgeest, led by Leiderdorp
    internal: Topic  # internal, proposed by Oegstgeest


@pytest.fixture
def scene(world) -> Scene:
    wonen = world.spearheads[0]
    topic = TopicFactory(region=world.region, title="Warmtenet", proposed_by=world.own, spearheads=[wonen])
    ParticipationFactory(topic=topic, municipality=world.own, initiator=True)
    led = TopicFactory(
        region=world.region, title="Fietsroute", proposed_by=world.third, lead_municipality=world.other,
        spearheads=[wonen],
    )
    internal = TopicFactory(region=world.region, title="Vertrouwelijk", internal=True, spearheads=[wonen])
    # Every member takes part where a lead action names it: the matrix is about who may, not who can lead.
    ParticipationFactory(topic=topic, municipality=world.other)
    for municipality in (world.own, world.other, world.third):
        ParticipationFactory(topic=led, municipality=municipality)
    return Scene(world, topic, led, internal)


@dataclass(frozen=True)
class Action:
    name: str
    allowed: frozenset[str]
    service: Callable  # (scene, actor) -> None
    stored: Callable  # (scene) -> bool: did the change land?
    web: Callable  # (scene, client) -> response
    target: Callable  # (scene) -> the URL an allowed web action redirects to
    # Editors reach this form (it offers their own municipality), so a refusal shows on the form.
    refused_on_form: bool = False


def topic_url(topic_attr: str) -> Callable:
    return lambda s: getattr(s, topic_attr).get_absolute_url()


def url(name: str, s: Scene, topic: Topic | None = None, **kwargs) -> str:
    if topic is not None:
        kwargs["slug"] = topic.slug
    return reverse(f"web:{name}", kwargs={"region": s.world.region.slug, **kwargs})


def create_action(name: str, proposer_attr: str, allowed: set[str]) -> Action:
    title = f"Nieuw onderwerp {proposer_attr}"

    def service(s, actor):
        services.topic_create(
            actor=actor, region=s.world.region, title=title, spearheads=s.world.spearheads[:1],
            proposed_by=getattr(s.world, proposer_attr),
        )

    def web(s, client):
        return client.post(url("topic-create", s), {
            "title": title, "description": "", "spearheads": ["wonen"],
            "proposed_by": getattr(s.world, proposer_attr).slug,
            "cooperation_form": "lichte_ambtelijke_samenwerking", "visibility": "openbaar",
        })

    def target(s):
        return Topic.objects.get(title=title).get_absolute_url()

    return Action(
        name, frozenset(allowed), service, lambda s: Topic.objects.filter(title=title).exists(), web, target,
        refused_on_form=True,
    )


def participation_action(name: str, municipality_attr: str, allowed: set[str]) -> Action:
    def service(s, actor):
        services.participation_set(
            actor=actor, topic=s.topic, municipality=getattr(s.world, municipality_attr), role=ParticipationRole.FOLLOWS
        )

    def stored(s):
        return Participation.objects.filter(
            topic=s.topic, municipality=getattr(s.world, municipality_attr), role=ParticipationRole.FOLLOWS
        ).exists()

    def web(s, client):
        municipality = getattr(s.world, municipality_attr)
        stored = Participation.objects.filter(topic=s.topic, municipality=municipality).first()
        return client.post(url("topic-participation", s, s.topic, municipality=municipality.slug),
                           {"role": "volgt", "note": "", "version": stored.version if stored else 0})

    return Action(name, frozenset(allowed), service, stored, web, topic_url("topic"))


def lead_action(name: str, topic_attr: str, municipality_attr: str | None, allowed: set[str]) -> Action:
    def municipality(s):
        return getattr(s.world, municipality_attr) if municipality_attr else None

    def service(s, actor):
        services.topic_lead_set(actor=actor, topic=getattr(s, topic_attr), municipality=municipality(s))

    def stored(s):
        topic = Topic.objects.get(pk=getattr(s, topic_attr).pk)
        chosen = municipality(s)
        return topic.lead_municipality_id == (chosen.pk if chosen else None)

    def web(s, client):
        topic = getattr(s, topic_attr)
        chosen = municipality(s)
        return client.post(url("topic-lead", s, topic), {"municipality": chosen.slug if chosen else "", "person": "",
                                                        "version": Topic.objects.get(pk=topic.pk).version})

    return Action(name, frozenset(allowed), service, stored, web, topic_url(topic_attr), refused_on_form=True)


def status_action(name: str, topic_attr: str, allowed: set[str]) -> Action:
    def service(s, actor):
        services.topic_status_change(actor=actor, topic=getattr(s, topic_attr), status="verkennen", reason="Verkenning gestart")

    def stored(s):
        return Topic.objects.get(pk=getattr(s, topic_attr).pk).status == TopicStatus.EXPLORING

    def web(s, client):
        return client.post(
            url("topic-status", s, getattr(s, topic_attr)),
            {"status": "verkennen", "changed_on": "2019-01-10", "reason": "Verkenning gestart",
             "version": getattr(s, topic_attr).version},
        )

    return Action(name, frozenset(allowed), service, stored, web, topic_url(topic_attr))


def edit_topic_service(s, actor):
    services.topic_update(actor=actor, topic=s.topic, description="Nieuwe omschrijving")


def edit_topic_web(s, client):
    return client.post(url("topic-edit", s, s.topic), {
        "title": "Warmtenet", "description": "Nieuwe omschrijving", "spearheads": ["wonen"],
        "cooperation_form": "lichte_ambtelijke_samenwerking", "visibility": "openbaar",
        "version": s.topic.version,
    })


def result_service(s, actor):
    services.result_save(actor=actor, topic=s.topic, description="Aangesloten woningen", baseline=Decimal(0),
                         target_value=Decimal(1000), current_value=Decimal(100))


def result_web(s, client):
    return client.post(url("result-create", s, s.topic), {
        "description": "Aangesloten woningen", "indicator": "", "unit": "", "baseline": "0", "target_value": "1000",
        "target_date": "", "current_value": "100",
    })


ACTIONS = [
    create_action("create topic proposed by own municipality", "own", {"editor_own", *MANAGERS}),
    create_action("create topic proposed by other municipality", "other", {"editor_other", *MANAGERS}),
    Action(
        "edit topic", frozenset({"editor_own", *MANAGERS}), edit_topic_service,
        lambda s: Topic.objects.get(pk=s.topic.pk).description == "Nieuwe omschrijving", edit_topic_web, topic_url("topic"),
    ),
    status_action("change status of topic own municipality proposed", "topic", {"editor_own", *MANAGERS}),
    status_action("change status of topic other municipality leads", "led", {"editor_other", *MANAGERS}),
    participation_action("set participation of own municipality", "own", {"editor_own", *MANAGERS}),
    participation_action("set participation of other municipality", "other", {"editor_other", *MANAGERS}),
    participation_action("set participation of a municipality nobody edits for", "third", MANAGERS),
    lead_action("set lead to own municipality", "topic", "own", {"editor_own", *MANAGERS}),
    lead_action("set lead to other municipality", "topic", "other", {"editor_other", *MANAGERS}),
    lead_action("move a lead the other municipality holds to a third", "led", "third", MANAGERS),
    lead_action("take over a lead the other municipality holds", "led", "own", MANAGERS),
    lead_action("step down from a lead the other municipality holds", "led", None, {"editor_other", *MANAGERS}),
    Action(
        "edit results", frozenset({"editor_own", *MANAGERS}), result_service,
        lambda s: Result.objects.filter(topic=s.topic).exists(), result_web, topic_url("topic"),
    ),
]
MATRIX = [pytest.param(action, role, id=f"{role}: {action.name}") for action in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_services_enforce_the_matrix(scene, action, role):
    actor = scene.world.user(role)
    if role in action.allowed:
        action.service(scene, actor)
        assert action.stored(scene)
    else:
        with pytest.raises(PermissionDenied):
            action.service(scene, actor)
        assert not action.stored(scene)


@pytest.mark.parametrize(("action", "role"), MATRIX)
def test_web_views_enforce_the_matrix(scene, client_for, action, role):
    client = client_for(scene.world.user(role))
    response = action.web(scene, client)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
    elif role in action.allowed:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == action.target(scene)
        assert action.stored(scene)
    elif action.refused_on_form and role.startswith("editor"):
        assert response.status_code == 200
        page = response.content.decode()
        assert "utrecht-form-field-error-message" in page or "utrecht-alert--error" in page
    else:
        assert response.status_code == 403
    if role not in action.allowed:
        assert not action.stored(scene)


@pytest.mark.parametrize("role", ROLES)
def test_internal_topics_are_seen_by_every_signed_in_role_only(scene, client_for, role):
    world = scene.world
    access = region_access(world.user(role), world.region)
    visible = role in SIGNED_IN
    listed = set(selectors.topic_list(region=world.region, access=access).values_list("title", flat=True))
    assert ("Vertrouwelijk" in listed) is visible
    assert {"Warmtenet", "Fietsroute"} <= listed
    if visible:
        assert selectors.topic_detail(region=world.region, slug=scene.internal.slug, access=access) == scene.internal
    else:
        with pytest.raises(Topic.DoesNotExist):
            selectors.topic_detail(region=world.region, slug=scene.internal.slug, access=access)

    # Anonymous visitors are sent to the public page of the topic, which does not exist for them.
    response = client_for(world.user(role)).get(scene.internal.get_absolute_url(), follow=True)
    assert response.status_code == (200 if visible else 404)


@pytest.mark.parametrize("role", sorted(SIGNED_IN - {"superuser"}))
def test_grants_in_one_region_give_nothing_in_another(world, role):
    elsewhere = world.foreign_spearhead.vision.region
    access = region_access(world.user(role), elsewhere)
    assert not access.can_read_internal
    assert not access.can_edit_anything


def test_inactive_users_and_none_get_the_public_view(world):
    user = world.user("coordinator")
    user.is_active = False
    assert region_access(user, world.region) == RegionAccess(region_id=world.region.pk)
    assert region_access(None, world.region) == RegionAccess(region_id=world.region.pk)


def test_the_system_actor_manages_every_region(world):
    assert region_access(SYSTEM, world.region).manages_region


def test_the_access_of_a_user_is_read_with_one_query_per_region(world, django_assert_num_queries):
    user = world.user("editor_own")
    with django_assert_num_queries(1):
        first = region_access(user, world.region)
        again = region_access(user, world.region)
    assert first is again
    assert first.editor_municipality_ids == frozenset({world.own.pk})


@pytest.mark.parametrize("role", ROLES)
def test_a_region_and_its_access_read_together_are_the_access_read_alone(world, role, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from regio.access.tests.factories import GrantFactory
    from regio.regions.models import Region

    user = world.user(role)
    if role == "reader":  # a second grant: a reader for one council besides the region-wide one
        GrantFactory(reader=True, region=world.region, municipality=world.third, user=user)
    with django_assert_num_queries(1):
        region, access = region_with_access(slug="proefregio", user=user)
    assert region == world.region
    fresh = type(user).objects.get(pk=user.pk) if user.is_authenticated else AnonymousUser()
    assert access == region_access(fresh, world.region)
    with pytest.raises(Region.DoesNotExist):
        region_with_access(slug="geen-regio", user=user)


def test_internal_topic_created_by_an_editor_stays_internal(world):
    topic = services.topic_create(
        actor=world.user("editor_own"), region=world.region, title="Intern", spearheads=world.spearheads[:1],
        proposed_by=world.own, visibility=Visibility.INTERNAL, proposed_on=datetime.date(2019, 1, 1),
    )
    assert Topic.objects.get(pk=topic.pk).visibility == Visibility.INTERNAL
