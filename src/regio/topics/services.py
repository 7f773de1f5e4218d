"""Every change to topics goes through here: permission check, validation, history, one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.core.changes import entry_changed
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.regions.models import Municipality, Organisation, Person, Region
from regio.topics.models import (
    STATUS_TRANSITIONS,
    CooperationForm,
    Participation,
    ParticipationRole,
    Result,
    Topic,
    TopicPartner,
    TopicStatus,
    TopicStatusChange,
)
from regio.visions.models import Spearhead


def _user_or_none(actor):
    return actor if isinstance(actor, get_user_model()) else None


def _require_member(region: Region, municipality: Municipality | None, field: str) -> None:
    if municipality is not None and not region.memberships.filter(municipality=municipality).exists():
        raise ValidationError(
            {field: ValidationError(
                _("%(municipality)s is not a member of %(region)s.") % {"municipality": municipality, "region": region},
                code="not_a_member",
            )}
        )


def _clean_spearheads(region: Region, spearheads: Iterable[Spearhead]) -> list[Spearhead]:
    spearheads = list(spearheads)
    if not spearheads:
        raise ValidationError(
            {"spearheads": ValidationError(
                _("A topic must serve at least one spearhead of the vision; choose one or more."),
                code="no_spearhead",
            )}
        )
    foreign = [s for s in spearheads if s.vision.region_id != region.pk]
    if foreign:
        raise ValidationError(
            {"spearheads": ValidationError(
                _("%(spearhead)s is not a spearhead of %(region)s.") % {"spearhead": foreign[0], "region": region},
                code="foreign_spearhead",
            )}
        )
    return spearheads


def _unique_slug(region: Region, title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:180] or "onderwerp"
    slug, n = base, 2
    taken = Topic.objects.filter(region=region)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def topic_create(
    *,
    actor,
    region: Region,
    title: str,
    spearheads: Iterable[Spearhead],
    description: str = "",
    proposed_by: Municipality | None = None,
    proposed_on: datetime.date | None = None,
    cooperation_form: str = CooperationForm.LIGHT,
    visibility: str = Visibility.PUBLIC,
    slug: str | None = None,
) -> Topic:
    access = region_access(actor, region)
    access.require(
        access.can_create_topic(proposed_by_id=proposed_by.pk if proposed_by else None),
        _("You may only add topics that your own municipality proposes."),
    )
    _require_member(region, proposed_by, "proposed_by")
    spearheads = _clean_spearheads(region, spearheads)
    # One topic is created at a time per region, so two first writes with one title get two slugs.
    Region.objects.select_for_update().filter(pk=region.pk).first()
    topic = Topic(
        region=region,
        title=title.strip(),
        slug=slug or _unique_slug(region, title),
        description=description,
        proposed_by=proposed_by,
        proposed_on=proposed_on,
        cooperation_form=cooperation_form,
        visibility=visibility,
    )
    validated_save(topic, actor=actor, reason=_("Topic created"))
    topic.spearheads.set(spearheads)
    TopicStatusChange.objects.create(
        topic=topic,
        from_status="",
        to_status=topic.status,
        changed_on=proposed_on or timezone.localdate(),
        reason=_("Topic brought in"),
        changed_by=_user_or_none(actor),
    )
    if proposed_by is not None:
        validated_save(
            Participation(topic=topic, municipality=proposed_by, role=ParticipationRole.INITIATOR), actor=actor
        )
    entry_changed(topic)
    return topic


@transaction.atomic
def topic_update(
    *,
    actor,
    topic: Topic,
    title: str | None = None,
    description: str | None = None,
    spearheads: Iterable[Spearhead] | None = None,
    cooperation_form: str | None = None,
    visibility: str | None = None,
) -> Topic:
    topic = Topic.objects.select_for_update().select_related("region").get(pk=topic.pk)
    access = region_access(actor, topic.region)
    access.require(access.can_edit_topic(topic), _("Only the coordinator or the proposing municipality may edit this topic."))
    if title is not None and title.strip() != topic.title:
        topic.title = title.strip()
        topic.slug = _unique_slug(topic.region, topic.title, exclude_pk=topic.pk)
    if description is not None:
        topic.description = description
    if cooperation_form is not None:
        topic.cooperation_form = cooperation_form
    if visibility is not None:
        topic.visibility = visibility
    if spearheads is not None:
        chosen = _clean_spearheads(topic.region, spearheads)
    validated_save(topic, actor=actor, reason=_("Topic edited"))
    if spearheads is not None:
        topic.spearheads.set(chosen)
    entry_changed(topic)
    return topic


@transaction.atomic
def topic_status_change(
    *, actor, topic: Topic, status: str, reason: str, changed_on: datetime.date | None = None
) -> TopicStatusChange:
    topic = Topic.objects.select_for_update().select_related("region").get(pk=topic.pk)
    access = region_access(actor, topic.region)
    access.require(
        access.can_change_status(topic),
        _("Only the coordinator, the proposing or the lead municipality may change the status of this topic."),
    )
    if status not in TopicStatus.values:
        raise ValidationError(
            {"status": ValidationError(
                _("Unknown status “%(status)s”.") % {"status": status},
                code="unknown_status",
            )}
        )
    if status not in STATUS_TRANSITIONS[topic.status]:
        allowed = ", ".join(str(TopicStatus(s).label) for s in topic.allowed_next_statuses) or _("none")
        raise ValidationError(
            {"status": ValidationError(
                _("A topic cannot go from “%(old)s” to “%(new)s”; possible next steps: %(allowed)s.")
                % {"old": topic.get_status_display(), "new": TopicStatus(status).label, "allowed": allowed},
                code="invalid_transition",
            )}
        )
    if not reason or not reason.strip():
        raise ValidationError(
            {"reason": ValidationError(
                _("Give a reason for the status change."),
                code="reason_required",
            )}
        )
    change = TopicStatusChange(
        topic=topic,
        from_status=topic.status,
        to_status=status,
        changed_on=changed_on or timezone.localdate(),
        reason=reason.strip(),
        changed_by=_user_or_none(actor),
    )
    change.full_clean()
    change.save()
    topic.status = status
    validated_save(topic, actor=actor, reason=reason.strip())
    entry_changed(topic)
    return change


@transaction.atomic
def participation_set(*, actor, topic: Topic, municipality: Municipality, role: str, note: str = "") -> Participation:
    """Record a municipality's own choice to join, follow or stay out of a topic."""
    access = region_access(actor, topic.region)
    access.require(
        access.can_set_participation(topic, municipality_id=municipality.pk),
        _("You may only record the participation of your own municipality."),
    )
    _require_member(topic.region, municipality, "municipality")
    # Writers of one topic's participations queue here, so a parallel first write finds the row.
    Topic.objects.select_for_update().filter(pk=topic.pk).first()
    participation = Participation.objects.filter(topic=topic, municipality=municipality).first() or Participation(
        topic=topic, municipality=municipality
    )
    participation.role = role
    participation.note = note
    return validated_save(participation, actor=actor)


@transaction.atomic
def topic_lead_set(
    *, actor, topic: Topic, municipality: Municipality | None, person: Person | None = None
) -> Topic:
    """Appoint the lead (trekker), or set it back to 'to be appointed' with municipality=None."""
    topic = Topic.objects.select_for_update().select_related("region").get(pk=topic.pk)
    access = region_access(actor, topic.region)
    access.require(
        access.can_set_lead(topic, municipality_id=municipality.pk if municipality else None),
        _("You may only take the lead for your own municipality, or hand over a lead it holds."),
    )
    _require_member(topic.region, municipality, "lead_municipality")
    if person is not None and municipality is None:
        raise ValidationError(
            {"lead_person": ValidationError(
                _("Name the lead municipality before naming a lead person."),
                code="person_without_municipality",
            )}
        )
    topic.lead_municipality = municipality
    topic.lead_person = person
    validated_save(topic, actor=actor, reason=_("Lead changed"))
    if municipality is not None:
        current = Participation.objects.filter(topic=topic, municipality=municipality).first()
        if current is None or current.role in (ParticipationRole.FOLLOWS, ParticipationRole.DECLINES):
            # Leading a topic means taking part in it.
            participation = current or Participation(topic=topic, municipality=municipality)
            participation.role = ParticipationRole.PARTICIPATES
            validated_save(participation, actor=actor, reason=_("Took the lead"))
    entry_changed(topic)
    return topic


@transaction.atomic
def topic_partner_set(*, actor, topic: Topic, organisation: Organisation, role: str) -> TopicPartner:
    access = region_access(actor, topic.region)
    access.require(access.can_edit_topic(topic), _("Only the coordinator or the proposing municipality may add partners."))
    partner = TopicPartner.objects.filter(topic=topic, organisation=organisation).first() or TopicPartner(
        topic=topic, organisation=organisation
    )
    partner.role = role
    return validated_save(partner, actor=actor)


@transaction.atomic
def result_save(
    *,
    actor,
    topic: Topic,
    description: str,
    result: Result | None = None,
    indicator: str = "",
    unit: str = "",
    baseline: Decimal | None = None,
    target_value: Decimal | None = None,
    target_date: datetime.date | None = None,
    current_value: Decimal | None = None,
) -> Result:
    """Create a desired result for `topic`, or update `result` when given."""
    access = region_access(actor, topic.region)
    access.require(access.can_edit_results(topic), _("Only the coordinator, the proposing or the lead municipality may edit results."))
    if result is not None and result.topic_id != topic.pk:
        raise ValidationError(_("This result belongs to another topic."), code="foreign_result")
    result = result or Result(topic=topic)
    result.description = description
    result.indicator = indicator
    result.unit = unit
    result.baseline = baseline
    result.target_value = target_value
    result.target_date = target_date
    result.current_value = current_value
    return validated_save(result, actor=actor)
