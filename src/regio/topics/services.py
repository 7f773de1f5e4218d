"""Every change to topics goes through here: permission check, validation, history, one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.core.changes import entry_changed
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.core.versions import locked, raise_version, refuse_if_stale
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
    expected_version: int | None = None,
) -> Topic:
    """Edit a topic; `expected_version` is the version the editor loaded (None: no check).

    A stale version means someone else saved in between: nothing is saved and the error names, per
    field that differs, the stored value and the submitted one."""
    topic = Topic.objects.select_for_update().select_related("region").get(pk=topic.pk)
    access = region_access(actor, topic.region)
    access.require(access.can_edit_topic(topic), _("Only the coordinator or the proposing municipality may edit this topic."))
    chosen = _clean_spearheads(topic.region, spearheads) if spearheads is not None else None
    submitted = {"title": title.strip() if title is not None else None, "description": description,
                 "spearheads": chosen, "cooperation_form": cooperation_form, "visibility": visibility}
    refuse_if_stale(topic, expected_version, {k: v for k, v in submitted.items() if v is not None},
                    lead=_("Someone else has changed this topic in the meantime."))
    before = (topic.title, topic.description, topic.cooperation_form, topic.visibility,
              {s.pk for s in topic.spearheads.all()})
    if title is not None and title.strip() != topic.title:
        topic.title = title.strip()
        topic.slug = _unique_slug(topic.region, topic.title, exclude_pk=topic.pk)
    if description is not None:
        topic.description = description
    if cooperation_form is not None:
        topic.cooperation_form = cooperation_form
    if visibility is not None:
        topic.visibility = visibility
    after = (topic.title, topic.description, topic.cooperation_form, topic.visibility,
             {s.pk for s in chosen} if chosen is not None else before[4])
    if after != before:
        topic.version += 1
    validated_save(topic, actor=actor, reason=_("Topic edited"))
    if chosen is not None:
        topic.spearheads.set(chosen)
    entry_changed(topic)
    return topic


@transaction.atomic
def topic_status_change(
    *, actor, topic: Topic, status: str, reason: str, changed_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> TopicStatusChange:
    """Move a topic to its next status (`expected_version`: the topic's version the form was loaded with; a
    status chosen on a form that no longer shows the current status is refused, see core.versions)."""
    topic = Topic.objects.select_for_update().select_related("region").get(pk=topic.pk)
    access = region_access(actor, topic.region)
    access.require(
        access.can_change_status(topic),
        _("Only the coordinator, the proposing or the lead municipality may change the status of this topic."),
    )
    refuse_if_stale(topic, expected_version, {"status": status},
                    lead=_("Someone else has changed this topic in the meantime."))
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
    changed_on = changed_on or timezone.localdate()
    earlier = topic.status_changes.all()
    if topic.proposed_on is None:
        # The first entry of a topic whose proposal date is unknown is dated the day it was recorded.
        earlier = earlier.exclude(from_status="")
    last = earlier.order_by("-changed_on", "-recorded_at").first()
    if last is not None and changed_on < last.changed_on and not access.manages_region:
        # The history is read in date order; a step dated before the last one rewrites it, which is
        # the coordinator's to do (with the reason every change has), e.g. when recording the past.
        raise ValidationError(
            {"changed_on": ValidationError(
                _("The last status change (to “%(status)s”) is dated %(date)s; a new change cannot be dated "
                  "before it. Only the coordinator can record an earlier step.")
                % {"status": last.get_to_status_display(), "date": date_format(last.changed_on)},
                code="before_last_change",
            )}
        )
    change = TopicStatusChange(
        topic=topic,
        from_status=topic.status,
        to_status=status,
        changed_on=changed_on,
        reason=reason.strip(),
        changed_by=_user_or_none(actor),
    )
    change.full_clean()
    change.save()
    topic.status = status
    raise_version(topic)  # an edit form loaded before the status changed is refused
    validated_save(topic, actor=actor, reason=reason.strip())
    entry_changed(topic)
    return change


@transaction.atomic
def participation_set(*, actor, topic: Topic, municipality: Municipality, role: str, note: str = "",
                      expected_version: int | None = None) -> Participation:
    """Record a municipality's own choice to join, follow or stay out of a topic (`expected_version`: the version
    of the choice the form was loaded with, 0 when there was none yet; see core.versions)."""
    access = region_access(actor, topic.region)
    access.require(
        access.can_set_participation(topic, municipality_id=municipality.pk),
        _("You may only record the participation of your own municipality."),
    )
    _require_member(topic.region, municipality, "municipality")
    # Writers of one topic's participations queue here, so a parallel first write finds the row.
    locked_topic = Topic.objects.select_for_update().filter(pk=topic.pk).first()
    participation = Participation.objects.filter(topic=topic, municipality=municipality).first() or Participation(
        topic=topic, municipality=municipality
    )
    if participation.pk is not None:
        refuse_if_stale(participation, expected_version, {"role": role, "note": note},
                        lead=_("Someone else has changed this participation in the meantime."))
    if participation.pk is None or (participation.role, participation.note) != (role, note):
        # Who takes part is part of the topic: an edit form loaded before this choice is refused.
        Topic.objects.filter(pk=locked_topic.pk).update(version=F("version") + 1)
        raise_version(participation)
    participation.role = role
    participation.note = note
    return validated_save(participation, actor=actor)


@transaction.atomic
def participation_set_many(
    *, actor, topic: Topic, choices: dict[Municipality, tuple[str, str]],
    versions: dict[Municipality, int] | None = None,
) -> list[Participation]:
    """Record several municipalities' choices in one save: all or nothing.

    `choices` maps a municipality to its (role, note); only rows that differ from what is stored are
    written, each through `participation_set` (its permission rule: an editor only its own row).
    `versions`: per municipality, the version of its choice the form was loaded with (0: none yet).
    """
    stored = {p.municipality_id: p for p in Participation.objects.filter(topic=topic)}
    saved, errors = [], {}
    for municipality, (role, note) in choices.items():
        current = stored.get(municipality.pk)
        if current is not None and (current.role, current.note) == (role, note):
            continue
        if current is None and not role:
            continue  # not chosen yet, and still not chosen
        try:
            saved.append(participation_set(actor=actor, topic=topic, municipality=municipality, role=role, note=note,
                                           expected_version=(versions or {}).get(municipality)))
        except ValidationError as exc:
            messages = [m for ms in getattr(exc, "message_dict", {"": exc.messages}).values() for m in ms]
            stale = not hasattr(exc, "error_dict") and any(e.code == "stale" for e in exc.error_list)
            errors[municipality.slug] = ValidationError(
                _("%(municipality)s: %(problem)s") % {"municipality": municipality, "problem": " ".join(messages)},
                code="stale" if stale else "invalid_participation",
            )
    if errors:
        raise ValidationError(errors)
    return saved


LEAD_ROLES = (ParticipationRole.INITIATOR, ParticipationRole.PARTICIPATES)


@transaction.atomic
def topic_lead_set(
    *, actor, topic: Topic, municipality: Municipality | None, person: Person | None = None,
    expected_version: int | None = None,
) -> Topic:
    """Appoint the lead (trekker), or set it back to 'to be appointed' with municipality=None.

    The lead must be a municipality that chose to take part: appointing one never changes what
    a municipality chose for itself. `expected_version`: the topic's version the form was loaded with.
    """
    topic = Topic.objects.select_for_update().select_related("region").get(pk=topic.pk)
    access = region_access(actor, topic.region)
    access.require(
        access.can_set_lead(topic, municipality_id=municipality.pk if municipality else None),
        _("An editor may put its own municipality forward as lead only while the lead is still to be appointed, "
          "or step down from a lead it holds; moving a lead another municipality holds is for the coordinator."),
    )
    _require_member(topic.region, municipality, "lead_municipality")
    if person is not None and municipality is None:
        raise ValidationError(
            {"lead_person": ValidationError(
                _("Name the lead municipality before naming a lead person."),
                code="person_without_municipality",
            )}
        )
    if municipality is not None:
        participation = Participation.objects.filter(topic=topic, municipality=municipality).first()
        if participation is None:
            raise ValidationError(
                {"lead_municipality": ValidationError(
                    _("%(municipality)s has not chosen to take part in this topic, so it cannot lead it. "
                      "Only a municipality that takes part (initiator or takes part) can be the lead.")
                    % {"municipality": municipality},
                    code="lead_not_participating",
                )}
            )
        if participation.role not in LEAD_ROLES:
            raise ValidationError(
                {"lead_municipality": ValidationError(
                    _("%(municipality)s chose “%(choice)s” for this topic, so it cannot lead it. "
                      "Only a municipality that takes part (initiator or takes part) can be the lead; "
                      "only %(municipality)s itself can change its choice.")
                    % {"municipality": municipality, "choice": participation.get_role_display()},
                    code="lead_not_participating",
                )}
            )
    if person is not None and not person.roles.filter(municipality=municipality).exists():
        raise ValidationError(
            {"lead_person": ValidationError(
                _("%(person)s holds no role in %(municipality)s; choose a person of the lead municipality.")
                % {"person": person, "municipality": municipality},
                code="person_of_another_municipality",
            )}
        )
    refuse_if_stale(topic, expected_version, {"lead_municipality": municipality, "lead_person": person},
                    lead=_("Someone else has changed this topic in the meantime."))
    if (topic.lead_municipality_id, topic.lead_person_id) != (municipality and municipality.pk, person and person.pk):
        raise_version(topic)
    topic.lead_municipality = municipality
    topic.lead_person = person
    validated_save(topic, actor=actor, reason=_("Lead changed"))
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
    expected_version: int | None = None,
) -> Result:
    """Create a desired result for `topic`, or update `result` when given (`expected_version`: the version the
    editor loaded, see core.versions)."""
    access = region_access(actor, topic.region)
    access.require(access.can_edit_results(topic), _("Only the coordinator, the proposing or the lead municipality may edit results."))
    if result is not None and result.topic_id != topic.pk:
        raise ValidationError(_("This result belongs to another topic."), code="foreign_result")
    if result is not None:
        result = locked(result)
        refuse_if_stale(result, expected_version, {
            "description": description, "indicator": indicator, "unit": unit, "baseline": baseline,
            "target_value": target_value, "target_date": target_date, "current_value": current_value,
        }, lead=_("Someone else has changed this result in the meantime."))
        raise_version(result)
    result = result or Result(topic=topic)
    result.description = description
    result.indicator = indicator
    result.unit = unit
    result.baseline = baseline
    result.target_value = target_value
    result.target_date = target_date
    result.current_value = current_value
    return validated_save(result, actor=actor)
