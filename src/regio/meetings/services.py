"""Writes for bodies, meetings, agreements and decisions: permission, validation, history, one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.core.changes import entry_changed
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.core.versions import locked, raise_version, refuse_if_stale
from regio.meetings.models import (
    AgendaItem,
    Agreement,
    Attendance,
    Body,
    BodyMember,
    ConsentRule,
    DecisionKind,
    Meeting,
    MunicipalDecision,
    Organ,
)
from regio.regions.models import Municipality, Organisation, Person, Region
from regio.topics.models import Topic
from regio.visions.models import Spearhead


def _require_coordinator(actor, region: Region) -> None:
    access = region_access(actor, region)
    access.require(access.manages_region, _("Only the regional coordinator manages bodies, meetings and agreements."))


def _members_of(region: Region, municipalities: Iterable[Municipality], field: str) -> list[Municipality]:
    municipalities = list(municipalities)
    member_ids = set(region.memberships.values_list("municipality_id", flat=True))
    outsiders = [m for m in municipalities if m.pk not in member_ids]
    if outsiders:
        raise ValidationError(
            {field: _("%(municipality)s is not a member of %(region)s.") % {"municipality": outsiders[0], "region": region}},
            code="not_a_member",
        )
    return municipalities


@transaction.atomic
def body_save(
    *,
    actor,
    region: Region,
    name: str,
    kind: str,
    body: Body | None = None,
    slug: str | None = None,
    description: str = "",
    meetings_per_year: int = 0,
    usual_duration_hours=2,
    may_decide: bool = False,
    mandate: str = "",
    chair: Person | None = None,
    secretary: Person | None = None,
    spearheads: Iterable[Spearhead] = (),
    topics: Iterable[Topic] = (),
    is_example: bool = False,
    visibility: str = Visibility.PUBLIC,
    expected_version: int | None = None,
) -> Body:
    """Create a body, or update `body` when given (`expected_version`: the version the editor loaded)."""
    _require_coordinator(actor, region)
    spearheads, topics = list(spearheads), list(topics)
    if body is not None:
        body = locked(body)
        refuse_if_stale(body, expected_version, {
            "name": name, "kind": kind, "description": description, "meetings_per_year": meetings_per_year,
            "usual_duration_hours": usual_duration_hours, "may_decide": may_decide, "mandate": mandate,
            "chair": chair, "secretary": secretary, "spearheads": spearheads, "topics": topics,
            "visibility": visibility,
        }, lead=_("Someone else has changed this body in the meantime."))
        raise_version(body)
    body = body or Body(region=region)
    body.name, body.kind, body.description = name, kind, description
    body.slug = slug or body.slug or slugify(name)[:200]
    body.meetings_per_year, body.usual_duration_hours = meetings_per_year, usual_duration_hours
    body.may_decide, body.mandate = may_decide, mandate
    body.chair, body.secretary = chair, secretary
    body.is_example, body.visibility = is_example, visibility
    if any(s.vision.region_id != region.pk for s in spearheads):
        raise ValidationError({"spearheads": _("A spearhead of another region was chosen.")}, code="foreign_spearhead")
    if any(t.region_id != region.pk for t in topics):
        raise ValidationError({"topics": _("A topic of another region was chosen.")}, code="foreign_topic")
    validated_save(body, actor=actor)
    body.spearheads.set(spearheads)
    body.topics.set(topics)
    return body


@transaction.atomic
def body_member_add(
    *, actor, body: Body, person: Person, municipality: Municipality | None = None, organisation: Organisation | None = None
) -> BodyMember:
    _require_coordinator(actor, body.region)
    if municipality is None and organisation is None:
        raise ValidationError(
            {"municipality": _("Say which municipality or organisation %(person)s represents.") % {"person": person}},
            code="member_without_principal",
        )
    if municipality is not None:
        _members_of(body.region, [municipality], "municipality")
    member = BodyMember.objects.filter(body=body, person=person).first() or BodyMember(body=body, person=person)
    member.municipality, member.organisation = municipality, organisation
    return validated_save(member, actor=actor)


@transaction.atomic
def meeting_save(
    *,
    actor,
    region: Region,
    title: str,
    meeting: Meeting | None = None,
    body: Body | None = None,
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    window_start: datetime.date | None = None,
    window_end: datetime.date | None = None,
    place: str = "",
    minutes: str = "",
    cancelled: bool = False,
    invitees: Iterable[Person] = (),
    is_example: bool = False,
    visibility: str = Visibility.PUBLIC,
    expected_version: int | None = None,
) -> Meeting:
    """Plan or update a meeting: a date and time, or a window until the date is set (`expected_version`: the
    version the editor loaded)."""
    _require_coordinator(actor, region)
    invitees = list(invitees)
    if meeting is not None:
        meeting = locked(meeting)
        refuse_if_stale(meeting, expected_version, {
            "body": body, "title": title, "starts_at": starts_at, "ends_at": ends_at,
            "window_start": None if starts_at else window_start, "window_end": None if starts_at else window_end,
            "place": place, "minutes": minutes, "cancelled": cancelled, "invitees": invitees, "visibility": visibility,
        }, lead=_("Someone else has changed this meeting in the meantime."))
        raise_version(meeting)
    meeting = meeting or Meeting(region=region)
    meeting.body, meeting.title = body, title
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    # Once the date is set the window has served its purpose; keep it only while undated.
    meeting.window_start, meeting.window_end = (None, None) if starts_at else (window_start, window_end)
    meeting.place, meeting.minutes, meeting.cancelled = place, minutes, cancelled
    meeting.is_example, meeting.visibility = is_example, visibility
    validated_save(meeting, actor=actor)
    meeting.invitees.set(invitees)
    entry_changed(meeting)
    return meeting


@transaction.atomic
def agenda_item_add(*, actor, meeting: Meeting, title: str, topic: Topic | None = None, notes: str = "") -> AgendaItem:
    _require_coordinator(actor, meeting.region)
    if topic is not None and topic.region_id != meeting.region_id:
        raise ValidationError({"topic": _("This topic belongs to another region.")}, code="foreign_topic")
    order = (meeting.agenda_items.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return validated_save(AgendaItem(meeting=meeting, order=order, title=title, topic=topic, notes=notes), actor=actor)


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, person: Person, present: bool = True) -> Attendance:
    """Record that a member or invitee attended (or sent apologies)."""
    _require_coordinator(actor, meeting.region)
    is_member = meeting.body_id is not None and meeting.body.members.filter(person=person).exists()
    if not is_member and not meeting.invitees.filter(pk=person.pk).exists():
        raise ValidationError(
            {"person": _("%(person)s is neither a member of the body nor invited to this meeting.") % {"person": person}},
            code="not_member_or_invitee",
        )
    attendance = Attendance.objects.filter(meeting=meeting, person=person).first() or Attendance(meeting=meeting, person=person)
    attendance.present = present
    return validated_save(attendance, actor=actor)


@transaction.atomic
def agreement_save(
    *,
    actor,
    region: Region,
    title: str,
    text: str,
    made_on: datetime.date,
    participants: Iterable[Municipality],
    agreement: Agreement | None = None,
    meeting: Meeting | None = None,
    topic: Topic | None = None,
    council_decision_needed: bool = False,
    consent_rule: str = ConsentRule.OPT_IN,
    is_example: bool = False,
    visibility: str = Visibility.PUBLIC,
    expected_version: int | None = None,
    other_topics: Iterable[Topic] | None = None,
) -> Agreement:
    """Record an agreement as a proposal to the participating municipalities (never a regional decision); update
    `agreement` when given (`expected_version`: the version the editor loaded). `other_topics`: the topics it
    concerns beside the main `topic` (the main one is left out of them); None leaves them as they are."""
    _require_coordinator(actor, region)
    participants = _members_of(region, participants, "participants")
    if not participants:
        raise ValidationError(
            {"participants": _("Name the municipalities that are asked to adopt the agreement.")}, code="no_participants"
        )
    if meeting is not None and meeting.region_id != region.pk:
        raise ValidationError({"meeting": _("This meeting belongs to another region.")}, code="foreign_meeting")
    if topic is not None and topic.region_id != region.pk:
        raise ValidationError({"topic": _("This topic belongs to another region.")}, code="foreign_topic")
    if other_topics is not None:
        other_topics = _other_topics_of(region, other_topics, topic)
    if agreement is not None:
        agreement = locked(agreement)
        submitted = {
            "title": title, "text": text, "made_on": made_on, "participants": participants, "meeting": meeting,
            "topic": topic, "council_decision_needed": council_decision_needed, "consent_rule": consent_rule,
            "visibility": visibility,
        }
        if other_topics is not None:
            submitted["other_topics"] = other_topics
        refuse_if_stale(agreement, expected_version, submitted,
                        lead=_("Someone else has changed this agreement in the meantime."))
        raise_version(agreement)
    agreement = agreement or Agreement(region=region)
    agreement.title, agreement.text, agreement.made_on = title, text, made_on
    agreement.meeting, agreement.topic = meeting, topic
    agreement.council_decision_needed = council_decision_needed
    agreement.consent_rule = consent_rule
    agreement.is_example, agreement.visibility = is_example, visibility
    validated_save(agreement, actor=actor)
    agreement.participants.set(participants)
    if other_topics is not None:
        agreement.other_topics.set(other_topics)
    entry_changed(agreement)
    return agreement


def _other_topics_of(region: Region, topics: Iterable[Topic], main: Topic | None) -> list[Topic]:
    """The other topics of an agreement: each of `region`, the main topic left out, each once."""
    chosen: list[Topic] = []
    for topic in topics:
        if topic.region_id != region.pk:
            raise ValidationError(
                {"other_topics": _("The topic “%(topic)s” belongs to another region.") % {"topic": topic}},
                code="foreign_topic",
            )
        if (main is None or topic.pk != main.pk) and topic not in chosen:
            chosen.append(topic)
    return chosen


@transaction.atomic
def decision_record(
    *,
    actor,
    agreement: Agreement,
    municipality: Municipality,
    organ: str,
    outcome: str,
    decided_on: datetime.date,
    kind: str = DecisionKind.DECISION,
    document: str = "",
    expected_version: int | None = None,
) -> MunicipalDecision:
    """Record what a municipality's college or council decided on an agreement (`expected_version`: the version
    of that organ's decision the form was loaded with, 0 when there was none yet; see core.versions)."""
    access = region_access(actor, agreement.region)
    access.require(
        access.can_record_decision(municipality_id=municipality.pk),
        _("You may only record the decisions of your own municipality."),
    )
    if not agreement.participants.filter(pk=municipality.pk).exists():
        raise ValidationError(
            {"municipality": _("%(municipality)s does not take part in this agreement.") % {"municipality": municipality}},
            code="not_a_participant",
        )
    if organ not in Organ.values:
        raise ValidationError({"organ": _("Choose the college or the council.")}, code="unknown_organ")
    if decided_on < agreement.made_on:
        raise ValidationError(
            {"decided_on": _("A decision cannot precede the agreement (%(date)s).") % {"date": agreement.made_on}},
            code="decision_before_agreement",
        )
    # Writers of one agreement's decisions queue here, so a parallel first write finds the row.
    Agreement.objects.select_for_update().filter(pk=agreement.pk).first()
    decision = MunicipalDecision.objects.filter(agreement=agreement, municipality=municipality, organ=organ).first()
    if decision is not None:
        refuse_if_stale(decision, expected_version,
                        {"kind": kind, "outcome": outcome, "decided_on": decided_on, "document": document},
                        lead=_("Someone else has recorded this decision in the meantime."))
        raise_version(decision)
    decision = decision or MunicipalDecision(agreement=agreement, municipality=municipality, organ=organ)
    decision.kind, decision.outcome, decision.decided_on, decision.document = kind, outcome, decided_on, document
    return validated_save(decision, actor=actor)
