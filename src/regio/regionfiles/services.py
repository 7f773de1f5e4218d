"""Loading a validated region file into the database: one transaction, idempotent.

Records are matched on their natural keys (CBS code, slugs, codes, titles); a record is saved only
when a value differs, so loading the same file twice changes nothing, not even the history.

On SQLite, which has one writer at a time, a long load in one transaction would make every web write
wait for it (and fail after the busy timeout). There the load commits in short batches, each a whole
record with its parts (a topic with its participation, a meeting with its agenda); since loading is
idempotent, loading the corrected file again completes a load that stopped on an error.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from decimal import Decimal

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regio.access.policies import SYSTEM, region_access
from regio.arrangements import services as arrangement_services
from regio.arrangements.services import arrangement_save
from regio.core.batches import commit_in_batches
from regio.core.changes import entry_changed, region_changed
from regio.core.services import validated_save
from regio.regionfiles.schema import RegionFileError, RegionSpec
from regio.commitments.models import Commitment
from regio.meetings.models import AgendaItem, Agreement, Attendance, Body, BodyMember, Meeting, MunicipalDecision
from regio.regions.models import Municipality, Organisation, Person, Region, RegionMembership, Role
from regio.topics.models import Participation, Result, Topic, TopicPartner, TopicStatusChange
from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption


# Agenda entries whose changes other apps follow (see core.changes).
ENTRY_MODELS = (Topic, Meeting, Agreement, Commitment)


@dataclass
class LoadReport:
    region: Region | None = None
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    batches_committed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        def part(counter: Counter) -> str:
            return ", ".join(f"{n} {name}" for name, n in sorted(counter.items())) or "nothing"

        return f"created: {part(self.created)}; updated: {part(self.updated)}"


class _Loader:
    def __init__(self, spec: RegionSpec, actor):
        self.spec, self.actor, self.report = spec, actor, LoadReport()
        self.created: set[tuple[type, int]] = set()
        self.changed_entries: dict[tuple[type, int], models.Model] = {}

    def upsert(self, model: type[models.Model], where: str, lookup: dict, values: dict) -> models.Model:
        instance = model.objects.filter(**lookup).first()
        name = model._meta.verbose_name_plural
        if instance is None:
            instance = model(**lookup, **values)
            self.report.created[str(name)] += 1
        elif all(getattr(instance, key) == value for key, value in values.items()):
            return instance
        else:
            for key, value in values.items():
                setattr(instance, key, value)
            self.report.updated[str(name)] += 1
        is_new = instance.pk is None
        trusted = tuple(key for key, value in {**lookup, **values}.items() if isinstance(value, models.Model))
        try:
            validated_save(instance, actor=self.actor, reason=_("Loaded from the region file"), trusted_relations=trusted)
        except ValidationError as exc:
            raise RegionFileError(self.spec.source, where, "; ".join(_messages(exc))) from None
        except IntegrityError as exc:
            raise RegionFileError(self.spec.source, where, f"conflicts with a record already stored ({exc})") from None
        if is_new:
            self.created.add((model, instance.pk))
        if model in ENTRY_MODELS:
            self.changed_entries[(model, instance.pk)] = instance
        return instance

    def load(self):
        """Store the region step by step: a generator that yields after each whole record."""
        spec = self.spec
        region = self.upsert(
            Region, "region", {"slug": spec.slug},
            {"name": spec.name, "description": spec.description, "colour": spec.colour},
        )
        self.report.region = region
        access = region_access(self.actor, region)
        access.require(access.manages_region, _("Only a regional coordinator may load a region file."))

        municipalities = {}
        for i, m in enumerate(spec.municipalities):
            municipality = self.upsert(
                Municipality, f"municipalities[{i}]", {"cbs_code": m.cbs_code},
                {"name": m.name, "province": m.province, "slug": slugify(m.name)},
            )
            self.upsert(RegionMembership, f"municipalities[{i}]", {"region": region, "municipality": municipality}, {})
            municipalities[m.cbs_code] = municipality

        organisations = {
            o.name: self.upsert(Organisation, f"organisations[{i}]", {"name": o.name}, {"kind": o.kind, "website": o.website})
            for i, o in enumerate(spec.organisations)
        }

        v = spec.vision
        vision = self.upsert(
            Vision, "vision", {"region": region, "title": v.title},
            {"subtitle": v.subtitle, "summary": v.summary, "document_url": v.document_url},
        )
        for i, a in enumerate(v.adoptions):
            self.upsert(
                VisionAdoption, f"vision.adoptions[{i}]", {"vision": vision, "municipality": municipalities[a.cbs_code]},
                {"adopted_start": a.window.start, "adopted_end": a.window.end, "unanimous": a.unanimous,
                 "document_reference": a.document_reference},
            )
        # Spearheads are matched on code; their order may be rearranged, so clear it first.
        spearheads = {}
        existing = {s.code: s for s in vision.spearheads.all()}
        if [s.code for s in sorted(existing.values(), key=lambda s: s.order)] != [s.code for s in v.spearheads]:
            for offset, spearhead in enumerate(existing.values()):
                Spearhead.objects.filter(pk=spearhead.pk).update(order=1000 + offset)
        for i, s in enumerate(v.spearheads):
            spearheads[s.code] = self.upsert(
                Spearhead, f"vision.spearheads[{i}]", {"vision": vision, "code": s.code},
                {"name": s.name, "wording": s.wording, "order": s.order, "vocabulary": list(s.vocabulary)},
            )

        for i, t in enumerate(spec.topics):
            self.load_topic(region, t, f"topics[{i}] ({t.title})", municipalities, organisations, spearheads)
            yield

        for i, m in enumerate(spec.milestones):
            self.upsert(
                Milestone, f"milestones[{i}] ({m.title})", {"region": region, "title": m.title},
                {"start": m.window.start, "end": m.window.end, "description": m.description,
                 "place": m.place, "source": m.source},
            )
            yield
        persons = self.load_persons(municipalities, organisations)
        topics = {t.slug: t for t in Topic.objects.filter(region=region)}
        bodies = {}
        for b in spec.bodies:
            bodies[b.slug] = self.load_body(region, b, municipalities, organisations, spearheads, topics, persons)
            yield
        meetings = {}
        for m in spec.meetings:
            meeting = self.load_meeting(region, m, bodies, topics, persons)
            if m.key:
                meetings[m.key] = meeting
            yield
        for a in spec.agreements:
            self.load_agreement(region, a, municipalities, topics, meetings)
            yield
        for c in spec.commitments:
            self.load_commitment(region, c, municipalities, organisations, topics, meetings)
            yield
        for calendar in spec.council_calendars:
            self.load_council_calendar(region, calendar, municipalities)
            yield
        for a in spec.arrangements:
            self.load_arrangement(region, a, municipalities, organisations, bodies)
            yield
        for entry in self.changed_entries.values():
            entry_changed(entry)
            yield
        region_changed(region)

    def load_arrangement(self, region, a, municipalities, organisations, bodies) -> None:
        where = f"arrangements ({a.name})"
        existed = region.arrangements.filter(slug=a.slug).exists()
        try:
            arrangement = arrangement_save(
                actor=self.actor, region=region, slug=a.slug, name=a.name, form=a.form, legal_basis=a.legal_basis,
                seat=a.seat, entered_into_force=a.entered_into_force, last_amended=a.last_amended,
                participants=[municipalities[code] for code in a.participants],
                partner_organisations=[organisations[name] for name in a.organisations],
                bodies=[bodies[slug] for slug in a.bodies], text_reference=a.text_reference,
                powers="\n".join(a.powers), visibility=a.visibility, advisory_committee=a.advisory_committee,
                reason=_("Loaded from the region file"),
            )
            for detail in a.participant_details:
                arrangement_services.participant_set(
                    actor=self.actor, arrangement=arrangement, municipality=municipalities[detail.municipality],
                    role=detail.role,
                    yearly_contribution=Decimal(detail.yearly_contribution) if detail.yearly_contribution else None,
                )
            for d in a.cycle:
                self.load_cycle_document(arrangement, d, municipalities)
        except ValidationError as exc:
            raise RegionFileError(self.spec.source, where, "; ".join(_messages(exc))) from None
        if not existed:
            self.report.created[str(arrangement._meta.verbose_name_plural)] += 1

    def load_cycle_document(self, arrangement, d, municipalities) -> None:
        existing = arrangement.cycle_documents.filter(title=d.title).first()
        document = arrangement_services.cycle_document_record(
            actor=self.actor, arrangement=arrangement, kind=d.kind, title=d.title, year=d.year, sent_on=d.sent_on,
            own_term_weeks=d.own_term_weeks, general_board_on=d.general_board_on, joint_draft=d.joint_draft,
            document=existing,
        )
        if existing is None:
            self.report.created[str(document._meta.verbose_name_plural)] += 1
        for v in d.views:
            view = arrangement_services.zienswijze_record(
                actor=self.actor, document=document, municipality=municipalities[v.municipality], state=v.state,
                verdict=v.verdict, adopted_on=v.adopted_on, basis=v.basis, text=v.text, amendments=v.amendments,
                sent_on=v.sent_on,
            )
            if v.board_answer and (view.board_answer, view.board_answered_on) != (v.board_answer, v.board_answered_on):
                arrangement_services.board_answer_record(
                    actor=self.actor, view=view, answer=v.board_answer, answered_on=v.board_answered_on or v.adopted_on,
                )

    def load_council_calendar(self, region, calendar, municipalities) -> None:
        where = f"council_calendars ({calendar.municipality})"
        municipality = municipalities[calendar.municipality]
        try:
            for day in calendar.meetings:
                arrangement_services.council_meeting_add(
                    actor=self.actor, region=region, municipality=municipality, date=day,
                )
            if calendar.recess_from:
                arrangement_services.summer_recess_set(
                    actor=self.actor, region=region, municipality=municipality,
                    starts_on=calendar.recess_from, ends_on=calendar.recess_until,
                )
        except ValidationError as exc:
            raise RegionFileError(self.spec.source, where, "; ".join(_messages(exc))) from None

    def set_m2m(self, instance, name: str, wanted: list) -> None:
        manager = getattr(instance, name)
        if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
            manager.set(wanted)
            if (type(instance), instance.pk) not in self.created:
                self.report.updated[f"{instance._meta.verbose_name} {name}"] += 1

    def load_persons(self, municipalities, organisations) -> dict[str, Person]:
        persons = {}
        for i, p in enumerate(self.spec.persons):
            where = f"persons[{i}] ({p.name})"
            person = persons[p.name] = self.upsert(Person, where, {"name": p.name}, {})
            for j, r in enumerate(p.roles):
                self.upsert(
                    Role, f"{where}.roles[{j}]",
                    {"person": person, "kind": r.kind, "municipality": municipalities.get(r.cbs_code),
                     "organisation": organisations.get(r.organisation)},
                    {"portfolio": r.portfolio, "start": r.start, "end": r.end},
                )
        return persons

    def load_body(self, region, b, municipalities, organisations, spearheads, topics, persons) -> Body:
        where = f"bodies ({b.name})"
        body = self.upsert(
            Body, where, {"region": region, "slug": b.slug},
            {"name": b.name, "kind": b.kind, "description": b.description, "meetings_per_year": b.meetings_per_year,
             "usual_duration_hours": Decimal(str(b.duration_hours)).quantize(Decimal("0.1")),
             "may_decide": b.may_decide, "mandate": b.mandate, "chair": persons.get(b.chair),
             "secretary": persons.get(b.secretary), "is_example": b.example},
        )
        self.set_m2m(body, "spearheads", [spearheads[code] for code in b.spearheads])
        self.set_m2m(body, "topics", [topics[slug] for slug in b.topics])
        for member in b.members:
            self.upsert(
                BodyMember, f"{where}.members ({member.person})", {"body": body, "person": persons[member.person]},
                {"municipality": municipalities.get(member.cbs_code), "organisation": organisations.get(member.organisation)},
            )
        return body

    def load_meeting(self, region, m, bodies, topics, persons) -> Meeting:
        where = f"meetings ({m.title})"
        starts_at = ends_at = None
        if m.starts_at is not None:
            starts_at = m.starts_at if timezone.is_aware(m.starts_at) else timezone.make_aware(m.starts_at)
            body = bodies.get(m.body)
            hours = m.duration_hours or (float(body.usual_duration_hours) if body else None)
            ends_at = starts_at + datetime.timedelta(hours=hours) if hours else None
        key = m.key or f"{m.body or 'ad-hoc'}|{m.title}|{m.starts_at or m.window.start}"
        meeting = self.upsert(
            Meeting, where, {"region": region, "source_key": key},
            {"title": m.title, "body": bodies.get(m.body), "starts_at": starts_at, "ends_at": ends_at,
             "window_start": None if starts_at else m.window.start, "window_end": None if starts_at else m.window.end,
             "place": m.place, "minutes": m.minutes, "cancelled": m.cancelled, "is_example": m.example},
        )
        self.set_m2m(meeting, "invitees", [persons[name] for name in m.invitees])
        for order, item in enumerate(m.agenda, start=1):
            self.upsert(AgendaItem, f"{where}.agenda[{order - 1}]", {"meeting": meeting, "order": order},
                        {"title": item.title, "topic": topics.get(item.topic), "notes": item.notes})
        member_ids = set(meeting.body.members.values_list("person_id", flat=True)) if meeting.body else set()
        for name in m.attendees:
            person = persons[name]
            if person.pk not in member_ids and name not in m.invitees:
                raise RegionFileError(self.spec.source, where, f"field 'attendees': {name} is neither a member of the body nor invited")
            self.upsert(Attendance, f"{where}.attendees", {"meeting": meeting, "person": person}, {"present": True})
        return meeting

    def load_agreement(self, region, a, municipalities, topics, meetings) -> None:
        where = f"agreements ({a.title})"
        agreement = self.upsert(
            Agreement, where, {"region": region, "title": a.title, "made_on": a.made_on},
            {"text": a.text, "meeting": meetings.get(a.meeting), "topic": topics.get(a.topic),
             "council_decision_needed": a.council_decision_needed, "is_example": a.example,
             "consent_rule": a.consent_rule},
        )
        self.set_m2m(agreement, "participants", [municipalities[code] for code in a.participants])
        for d in a.decisions:
            self.upsert(
                MunicipalDecision, f"{where}.decisions ({d.cbs_code}, {d.organ})",
                {"agreement": agreement, "municipality": municipalities[d.cbs_code], "organ": d.organ},
                {"kind": d.kind, "outcome": d.outcome, "decided_on": d.decided_on, "document": d.document},
            )

    def load_commitment(self, region, c, municipalities, organisations, topics, meetings) -> None:
        where = f"commitments ({c.title})"
        commitment = self.upsert(
            Commitment, where, {"region": region, "title": c.title},
            {"description": c.description, "promised_by": c.promised_by,
             "due_start": c.due.start if c.due.start != c.due.end else None, "due_date": c.due.end,
             "recipient_organisation": organisations.get(c.to_organisation), "topic": topics.get(c.topic),
             "meeting": meetings.get(c.meeting), "source": c.source, "state": c.state,
             "resolved_on": c.resolved_on, "evidence": c.evidence},
        )
        self.set_m2m(commitment, "promised_by_municipalities", [municipalities[code] for code in c.promised_by_municipalities])
        self.set_m2m(commitment, "recipient_councils", [municipalities[code] for code in c.to_councils])

    def load_topic(self, region, t, where, municipalities, organisations, spearheads) -> None:
        previous_status = Topic.objects.filter(region=region, slug=t.slug).values_list("status", flat=True).first()
        is_new = previous_status is None
        topic = self.upsert(
            Topic, where, {"region": region, "slug": t.slug},
            {
                "title": t.title, "description": t.description, "status": t.status,
                "lead_municipality": municipalities.get(t.lead) if t.lead else None,
                "cooperation_form": t.cooperation_form, "visibility": t.visibility,
                "proposed_by": municipalities.get(t.proposed_by) if t.proposed_by else None,
                "proposed_on": t.proposed_on,
            },
        )
        wanted = {spearheads[code].pk for code in t.spearheads}
        if set(topic.spearheads.values_list("pk", flat=True)) != wanted:
            topic.spearheads.set(wanted)
            if not is_new:
                self.report.updated["topic spearheads"] += 1
        if is_new or previous_status != t.status:
            # The region file is the authority here, so its status is taken as it is; the step is
            # still recorded, like every status change.
            TopicStatusChange.objects.create(
                topic=topic,
                from_status=previous_status or "",
                to_status=t.status,
                changed_on=t.proposed_on if is_new and t.proposed_on else timezone.localdate(),
                reason=_("Loaded from the region file"),
            )
        for code, role in t.participation.items():
            self.upsert(Participation, f"{where}.participation", {"topic": topic, "municipality": municipalities[code]}, {"role": role})
        for j, p in enumerate(t.partners):
            self.upsert(TopicPartner, f"{where}.partners[{j}]", {"topic": topic, "organisation": organisations[p.organisation]}, {"role": p.role})
        for j, r in enumerate(t.results):
            self.upsert(
                Result, f"{where}.results[{j}]", {"topic": topic, "description": r.description},
                {"indicator": r.indicator, "unit": r.unit, "baseline": _decimal(r.baseline),
                 "target_value": _decimal(r.target_value), "target_date": r.target_date,
                 "current_value": _decimal(r.current_value)},
            )


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"field '{name}': {' '.join(errors)}" for name, errors in exc.message_dict.items()]
    return exc.messages


def region_load(*, spec: RegionSpec, actor=SYSTEM) -> LoadReport:
    """Store the region described by `spec`: all or nothing, or on SQLite in short batches.

    Batches are used only when this call owns the transaction (not inside another atomic block).
    After an error, `RegionFileError.report.batches_committed` says whether anything was stored.
    """
    loader = _Loader(spec, actor)
    steps = loader.load()
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            deque(steps, maxlen=0)  # every step, in one transaction
        return loader.report
    def committed():
        loader.report.batches_committed += 1

    try:
        commit_in_batches(steps, committed=committed)
    except (RegionFileError, PermissionDenied) as exc:
        exc.report = loader.report
        raise
    return loader.report
