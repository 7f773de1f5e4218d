"""The canonical JSON of a whole region, and reading it back into a database.

`region_export` writes everything a region file carries plus what was added in the UI: topics with
their status changes, participations, partners and results; persons and their roles; bodies and
members; meetings with agenda and attendance; agreements and decisions; commitments; milestones; the
vision with its adoptions and spearheads; joint arrangements. Internal items are included (this is a
full copy, not a publication). Records refer to each other by natural keys only (CBS codes, slugs,
codes, names, titles with dates), never by database ids, and every list is sorted, so two exports of
the same region are byte-for-byte equal.

Not carried: documents (their originals are files; move them with `regio import`), users and access
grants, the change history, and who recorded a status change and when.

`region_import` reads such a file into a database where the region's slug is not yet taken, all or
nothing. Municipalities and organisations are matched on CBS code and name and reused when present;
persons are created for the region. On PostgreSQL (and inside a caller's transaction) that is one
transaction. On SQLite, which lets one writer in at a time, a large region in one transaction would
lock web writes out for longer than their busy timeout (the largest region of `generate-scale`, 592
topics and 2,965 meetings, took 43 s): there the import commits in short batches, each a whole record
with its parts, as `load-region` does, and an import that fails part-way removes everything it had
stored (and its history) in one transaction, so nothing of it remains.
"""

from __future__ import annotations

import datetime
from collections import Counter, deque
from collections.abc import Iterator
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.access.policies import SYSTEM, region_access
from regio.arrangements.models import Arrangement, ArrangementParticipant
from regio.arrangements.services import arrangement_save
from regio.commitments.models import Commitment
from regio.core.batches import commit_in_batches
from regio.core.services import validated_save
from regio.meetings.models import AgendaItem, Agreement, Attendance, Body, BodyMember, Meeting, MunicipalDecision
from regio.regions.models import Municipality, Organisation, Person, Region, RegionMembership, Role
from regio.topics.models import Participation, Result, Topic, TopicPartner, TopicStatusChange
from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption

FORMAT = "regio-region"
VERSION = 1


class ImportError_(ValueError):
    """A canonical file that cannot be imported; the message says why."""


# --- export ----------------------------------------------------------------------------------------


def _d(value) -> str | None:
    return value.isoformat() if value is not None else None


def _t(value) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value is not None else None


def _n(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def region_export(region: Region) -> dict:
    """The whole region as plain data (see the module docstring)."""
    members = list(Municipality.objects.filter(memberships__region=region).order_by("cbs_code"))
    member_ids = {m.pk for m in members}
    joined = dict(RegionMembership.objects.filter(region=region).values_list("municipality_id", "joined_on"))
    visions = list(Vision.objects.filter(region=region).prefetch_related("adoptions__municipality", "spearheads"))
    spearhead_codes = {}
    for vision in visions:
        for s in vision.spearheads.all():
            if s.code in {c for c in spearhead_codes.values()}:
                raise ValueError(f"spearhead code {s.code!r} is used by two visions of {region.slug}")
            spearhead_codes[s.pk] = s.code
    topics = list(
        Topic.objects.filter(region=region)
        .select_related("proposed_by", "lead_municipality", "lead_person")
        .prefetch_related(
            "spearheads", "status_changes", "participations__municipality", "partners__organisation", "results"
        )
    )
    bodies = list(
        Body.objects.filter(region=region)
        .select_related("chair", "secretary")
        .prefetch_related("spearheads", "topics", "members__person", "members__municipality", "members__organisation")
    )
    meetings = list(
        Meeting.objects.filter(region=region)
        .select_related("body")
        .prefetch_related("invitees", "agenda_items__topic", "attendances__person")
    )
    agreements = list(
        Agreement.objects.filter(region=region)
        .select_related("meeting", "topic")
        .prefetch_related("participants", "decisions__municipality", "other_topics")
    )
    commitments = list(
        Commitment.objects.filter(region=region)
        .select_related("recipient_organisation", "topic", "meeting", "evidence_meeting")
        .prefetch_related("promised_by_municipalities", "recipient_councils")
    )
    arrangements = list(
        Arrangement.objects.filter(region=region).prefetch_related("participants", "partner_organisations", "bodies")
    )
    roles = list(
        Role.objects.filter(municipality__in=member_ids).select_related("person", "municipality", "organisation")
    )

    # Persons: everyone the region's records name.
    persons: dict[int, Person] = {}
    for role in roles:
        persons[role.person_id] = role.person
    for body in bodies:
        for person in (body.chair, body.secretary):
            if person is not None:
                persons[person.pk] = person
        for member in body.members.all():
            persons[member.person_id] = member.person
    for meeting in meetings:
        for person in meeting.invitees.all():
            persons[person.pk] = person
        for attendance in meeting.attendances.all():
            persons[attendance.person_id] = attendance.person
    for topic in topics:
        if topic.lead_person_id:
            persons[topic.lead_person_id] = topic.lead_person
    person_key = _person_keys(persons.values())
    meeting_key = _meeting_keys(meetings)

    organisations: dict[int, Organisation] = {}
    for topic in topics:
        for partner in topic.partners.all():
            organisations[partner.organisation_id] = partner.organisation
    for body in bodies:
        for member in body.members.all():
            if member.organisation_id:
                organisations[member.organisation_id] = member.organisation
    for c in commitments:
        if c.recipient_organisation_id:
            organisations[c.recipient_organisation_id] = c.recipient_organisation
    for a in arrangements:
        for o in a.partner_organisations.all():
            organisations[o.pk] = o
    for role in roles:
        if role.organisation_id:
            organisations[role.organisation_id] = role.organisation

    def agreement_key(a: Agreement) -> str:
        return f"{a.made_on.isoformat()}|{a.title}"

    roles_by_person: dict[int, list[Role]] = {}
    for role in roles:
        roles_by_person.setdefault(role.person_id, []).append(role)

    return {
        "format": FORMAT,
        "version": VERSION,
        "region": {
            "slug": region.slug,
            "name": region.name,
            "description": region.description,
            "colour": region.colour,
        },
        "municipalities": [
            {
                "cbs_code": m.cbs_code,
                "name": m.name,
                "slug": m.slug,
                "province": m.province,
                "joined_on": _d(joined.get(m.pk)),
            }
            for m in members
        ],
        "organisations": sorted(
            ({"name": o.name, "kind": o.kind, "website": o.website} for o in organisations.values()),
            key=lambda o: o["name"],
        ),
        "persons": sorted(
            (
                {
                    "key": person_key[p.pk],
                    "name": p.name,
                    "email": p.email,
                    "roles": sorted(
                        (
                            {
                                "kind": r.kind,
                                "municipality": r.municipality.cbs_code if r.municipality_id else None,
                                "organisation": r.organisation.name if r.organisation_id else None,
                                "portfolio": r.portfolio,
                                "start": _d(r.start),
                                "end": _d(r.end),
                            }
                            for r in roles_by_person.get(p.pk, [])
                        ),
                        key=_sort_key,
                    ),
                }
                for p in persons.values()
            ),
            key=lambda p: p["key"],
        ),
        "visions": sorted(
            (
                {
                    "title": v.title,
                    "subtitle": v.subtitle,
                    "summary": v.summary,
                    "document_url": v.document_url,
                    "adoptions": sorted(
                        (
                            {
                                "municipality": a.municipality.cbs_code,
                                "adopted_start": _d(a.adopted_start),
                                "adopted_end": _d(a.adopted_end),
                                "unanimous": a.unanimous,
                                "document_reference": a.document_reference,
                            }
                            for a in v.adoptions.all()
                        ),
                        key=lambda a: a["municipality"],
                    ),
                    "spearheads": sorted(
                        (
                            {
                                "code": s.code,
                                "name": s.name,
                                "wording": s.wording,
                                "order": s.order,
                                "vocabulary": list(s.vocabulary),
                            }
                            for s in v.spearheads.all()
                        ),
                        key=lambda s: s["order"],
                    ),
                }
                for v in visions
            ),
            key=lambda v: v["title"],
        ),
        "milestones": sorted(
            (
                {
                    "start": _d(m.start),
                    "end": _d(m.end),
                    "title": m.title,
                    "description": m.description,
                    "place": m.place,
                    "source": m.source,
                }
                for m in Milestone.objects.filter(region=region)
            ),
            key=_sort_key,
        ),
        "topics": sorted(
            (
                {
                    "slug": t.slug,
                    "title": t.title,
                    "description": t.description,
                    "spearheads": sorted(spearhead_codes[s.pk] for s in t.spearheads.all()),
                    "proposed_by": t.proposed_by.cbs_code if t.proposed_by_id else None,
                    "proposed_on": _d(t.proposed_on),
                    "status": t.status,
                    "lead_municipality": t.lead_municipality.cbs_code if t.lead_municipality_id else None,
                    "lead_person": person_key[t.lead_person_id] if t.lead_person_id else None,
                    "cooperation_form": t.cooperation_form,
                    "visibility": t.visibility,
                    "status_changes": [
                        {"from": c.from_status, "to": c.to_status, "changed_on": _d(c.changed_on), "reason": c.reason}
                        for c in sorted(t.status_changes.all(), key=lambda c: (c.changed_on, c.recorded_at, c.pk))
                    ],
                    "participations": sorted(
                        (
                            {"municipality": p.municipality.cbs_code, "role": p.role, "note": p.note}
                            for p in t.participations.all()
                        ),
                        key=lambda p: p["municipality"],
                    ),
                    "partners": sorted(
                        ({"organisation": p.organisation.name, "role": p.role} for p in t.partners.all()),
                        key=lambda p: p["organisation"],
                    ),
                    "results": [
                        {
                            "description": r.description,
                            "indicator": r.indicator,
                            "unit": r.unit,
                            "baseline": _n(r.baseline),
                            "target_value": _n(r.target_value),
                            "target_date": _d(r.target_date),
                            "current_value": _n(r.current_value),
                        }
                        for r in sorted(t.results.all(), key=lambda r: r.pk)
                    ],
                }
                for t in topics
            ),
            key=lambda t: t["slug"],
        ),
        "bodies": sorted(
            (
                {
                    "slug": b.slug,
                    "name": b.name,
                    "kind": b.kind,
                    "description": b.description,
                    "chair": person_key[b.chair_id] if b.chair_id else None,
                    "secretary": person_key[b.secretary_id] if b.secretary_id else None,
                    "meetings_per_year": b.meetings_per_year,
                    "usual_duration_hours": _n(b.usual_duration_hours),
                    "spearheads": sorted(spearhead_codes[s.pk] for s in b.spearheads.all()),
                    "topics": sorted(t.slug for t in b.topics.all()),
                    "may_decide": b.may_decide,
                    "mandate": b.mandate,
                    "is_example": b.is_example,
                    "visibility": b.visibility,
                    "members": sorted(
                        (
                            {
                                "person": person_key[m.person_id],
                                "municipality": m.municipality.cbs_code if m.municipality_id else None,
                                "organisation": m.organisation.name if m.organisation_id else None,
                            }
                            for m in b.members.all()
                        ),
                        key=lambda m: m["person"],
                    ),
                }
                for b in bodies
            ),
            key=lambda b: b["slug"],
        ),
        "meetings": sorted(
            (
                {
                    "key": meeting_key[m.pk],
                    "source_key": m.source_key,
                    "title": m.title,
                    "body": m.body.slug if m.body_id else None,
                    "starts_at": _t(m.starts_at),
                    "ends_at": _t(m.ends_at),
                    "window_start": _d(m.window_start),
                    "window_end": _d(m.window_end),
                    "place": m.place,
                    "cancelled": m.cancelled,
                    "minutes": m.minutes,
                    "is_example": m.is_example,
                    "visibility": m.visibility,
                    "invitees": sorted(person_key[p.pk] for p in m.invitees.all()),
                    "agenda": [
                        {
                            "order": i.order,
                            "title": i.title,
                            "topic": i.topic.slug if i.topic_id else None,
                            "notes": i.notes,
                        }
                        for i in sorted(m.agenda_items.all(), key=lambda i: i.order)
                    ],
                    "attendance": sorted(
                        ({"person": person_key[a.person_id], "present": a.present} for a in m.attendances.all()),
                        key=lambda a: a["person"],
                    ),
                }
                for m in meetings
            ),
            key=lambda m: m["key"],
        ),
        "agreements": sorted(
            (
                {
                    "key": agreement_key(a),
                    "title": a.title,
                    "text": a.text,
                    "made_on": _d(a.made_on),
                    "meeting": meeting_key[a.meeting_id] if a.meeting_id else None,
                    "topic": a.topic.slug if a.topic_id else None,
                    "other_topics": sorted(t.slug for t in a.other_topics.all()),
                    "participants": sorted(m.cbs_code for m in a.participants.all()),
                    "council_decision_needed": a.council_decision_needed,
                    "consent_rule": a.consent_rule,
                    "is_example": a.is_example,
                    "visibility": a.visibility,
                    "decisions": sorted(
                        (
                            {
                                "municipality": d.municipality.cbs_code,
                                "organ": d.organ,
                                "kind": d.kind,
                                "outcome": d.outcome,
                                "decided_on": _d(d.decided_on),
                                "document": d.document,
                            }
                            for d in a.decisions.all()
                        ),
                        key=lambda d: (d["municipality"], d["organ"]),
                    ),
                }
                for a in agreements
            ),
            key=lambda a: a["key"],
        ),
        "commitments": sorted(
            (
                {
                    "title": c.title,
                    "description": c.description,
                    "promised_by": c.promised_by,
                    "promised_by_municipalities": sorted(m.cbs_code for m in c.promised_by_municipalities.all()),
                    "recipient_councils": sorted(m.cbs_code for m in c.recipient_councils.all()),
                    "recipient_organisation": c.recipient_organisation.name if c.recipient_organisation_id else None,
                    "due_start": _d(c.due_start),
                    "due_date": _d(c.due_date),
                    "topic": c.topic.slug if c.topic_id else None,
                    "meeting": meeting_key[c.meeting_id] if c.meeting_id else None,
                    "evidence_meeting": meeting_key[c.evidence_meeting_id] if c.evidence_meeting_id else None,
                    "source": c.source,
                    "state": c.state,
                    "resolved_on": _d(c.resolved_on),
                    "evidence": c.evidence,
                    "visibility": c.visibility,
                }
                for c in commitments
            ),
            key=_sort_key,
        ),
        "arrangements": sorted(
            (
                {
                    "slug": a.slug,
                    "name": a.name,
                    "form": a.form,
                    "legal_basis": a.legal_basis,
                    "text_reference": a.text_reference,
                    "powers": a.powers,
                    "seat": a.seat,
                    "entered_into_force": _d(a.entered_into_force),
                    "last_amended": _d(a.last_amended),
                    "participants": sorted(m.cbs_code for m in a.participants.all()),
                    "partner_organisations": sorted(o.name for o in a.partner_organisations.all()),
                    "bodies": sorted(b.slug for b in a.bodies.all()),
                    "visibility": a.visibility,
                }
                for a in arrangements
            ),
            key=lambda a: a["slug"],
        ),
    }


def _sort_key(item: dict) -> str:
    # A total order over plain dicts: their JSON text with sorted keys.
    import json

    return json.dumps(item, sort_keys=True, ensure_ascii=False)


def _person_keys(persons) -> dict[int, str]:
    keys, seen = {}, Counter()
    for p in sorted(persons, key=lambda p: (p.name, p.email, p.pk)):
        seen[p.name] += 1
        keys[p.pk] = p.name if seen[p.name] == 1 else f"{p.name} #{seen[p.name]}"
    return keys


def _meeting_keys(meetings) -> dict[int, str]:
    keys, seen = {}, Counter()
    for m in sorted(
        meetings,
        key=lambda m: (m.source_key, m.title, m.starts_at or timezone.now(), m.window_start or datetime.date.min, m.pk),
    ):
        base = (
            m.source_key
            or f"{m.body.slug if m.body_id else 'ad-hoc'}|{m.title}|{_t(m.starts_at) or _d(m.window_start)}"
        )
        seen[base] += 1
        keys[m.pk] = base if seen[base] == 1 else f"{base} #{seen[base]}"
    return keys


# --- import ----------------------------------------------------------------------------------------


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _moment(value) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value)


class _Importer:
    def __init__(self, data: dict, actor, slug: str | None):
        self.data, self.actor, self.slug = data, actor, slug or data["region"]["slug"]
        self.created: Counter = Counter()
        self.stored: list[models.Model] = []  # every row this import stored, in the order it stored them
        self.region: Region | None = None

    def save(self, instance, where: str, *trusted: str):
        try:
            validated_save(
                instance, actor=self.actor, reason=_("Imported from a region export"), trusted_relations=trusted
            )
        except ValidationError as exc:
            raise ImportError_(f"{where}: {'; '.join(exc.messages)}") from None
        self.created[instance._meta.model_name] += 1
        self.stored.append(instance)
        return instance

    def run(self) -> Region:
        deque(self.steps(), maxlen=0)  # every step, in one go
        return self.region

    def discard(self) -> None:
        """Remove every row this import stored, newest first, with the history it wrote; one transaction.

        Newest first keeps every reference valid on the way: a row is removed before the rows it refers to
        (an agenda item before its topic, a membership before the municipality the import created).
        """
        with transaction.atomic():
            runs: list[tuple[type[models.Model], list]] = []
            for instance in reversed(self.stored):
                model = type(instance)
                if runs and runs[-1][0] is model:
                    runs[-1][1].append(instance.pk)
                else:
                    runs.append((model, [instance.pk]))
            for model, pks in runs:
                model.objects.filter(pk__in=pks).delete()
            for model, pks in runs:
                if hasattr(model, "history"):
                    records = model.history.filter(id__in=pks)
                    # The history of many-to-many fields refers to a record without a cascade (DO_NOTHING).
                    for relation in model.history.model._meta.related_objects:
                        relation.related_model.objects.filter(**{f"{relation.field.name}__in": records}).delete()
                    records.delete()
        self.stored.clear()

    def steps(self) -> Iterator[None]:
        """Store the region record by record, pausing (yield) after each whole record with its parts."""
        data = self.data
        if Region.objects.filter(slug=self.slug).exists():
            raise ImportError_(
                _("A region with the slug %(slug)s exists already; import under another slug.") % {"slug": self.slug}
            )
        r = data["region"]
        region = self.region = self.save(
            Region(slug=self.slug, name=r["name"], description=r["description"], colour=r["colour"]), "region"
        )
        access = region_access(self.actor, region)
        access.require(access.manages_region, _("Only a regional coordinator may import a region."))

        municipalities = {}
        for m in data["municipalities"]:
            municipality = Municipality.objects.filter(cbs_code=m["cbs_code"]).first()
            if municipality is None:
                municipality = self.save(
                    Municipality(cbs_code=m["cbs_code"], name=m["name"], slug=m["slug"], province=m["province"]),
                    f"municipality {m['cbs_code']}",
                )
            municipalities[m["cbs_code"]] = municipality
            self.save(
                RegionMembership(region=region, municipality=municipality, joined_on=_date(m["joined_on"])),
                f"membership {m['cbs_code']}",
                "region",
                "municipality",
            )
            yield
        organisations = {}
        for o in data["organisations"]:
            organisation = Organisation.objects.filter(name=o["name"]).first()
            if organisation is None:
                organisation = self.save(
                    Organisation(name=o["name"], kind=o["kind"], website=o["website"]), f"organisation {o['name']}"
                )
            organisations[o["name"]] = organisation
        persons = {}
        for p in data["persons"]:
            person = persons[p["key"]] = self.save(Person(name=p["name"], email=p["email"]), f"person {p['key']}")
            for role in p["roles"]:
                self.save(
                    Role(
                        person=person,
                        kind=role["kind"],
                        municipality=municipalities.get(role["municipality"]),
                        organisation=organisations.get(role["organisation"]),
                        portfolio=role["portfolio"],
                        start=_date(role["start"]),
                        end=_date(role["end"]),
                    ),
                    f"role of {p['key']}",
                    "person",
                    "municipality",
                    "organisation",
                )
            yield
        spearheads = {}
        for v in data["visions"]:
            vision = self.save(
                Vision(
                    region=region,
                    title=v["title"],
                    subtitle=v["subtitle"],
                    summary=v["summary"],
                    document_url=v["document_url"],
                ),
                f"vision {v['title']}",
                "region",
            )
            for a in v["adoptions"]:
                self.save(
                    VisionAdoption(
                        vision=vision,
                        municipality=municipalities[a["municipality"]],
                        adopted_start=_date(a["adopted_start"]),
                        adopted_end=_date(a["adopted_end"]),
                        unanimous=a["unanimous"],
                        document_reference=a["document_reference"],
                    ),
                    f"adoption {a['municipality']}",
                    "vision",
                    "municipality",
                )
            for s in v["spearheads"]:
                spearheads[s["code"]] = self.save(
                    Spearhead(
                        vision=vision,
                        code=s["code"],
                        name=s["name"],
                        wording=s["wording"],
                        order=s["order"],
                        vocabulary=s["vocabulary"],
                    ),
                    f"spearhead {s['code']}",
                    "vision",
                )
        for m in data["milestones"]:
            self.save(
                Milestone(
                    region=region,
                    start=_date(m["start"]),
                    end=_date(m["end"]),
                    title=m["title"],
                    description=m["description"],
                    place=m["place"],
                    source=m["source"],
                ),
                f"milestone {m['title']}",
                "region",
            )
            yield
        topics = {}
        for t in data["topics"]:
            where = f"topic {t['slug']}"
            topic = topics[t["slug"]] = self.save(
                Topic(
                    region=region,
                    slug=t["slug"],
                    title=t["title"],
                    description=t["description"],
                    proposed_by=municipalities.get(t["proposed_by"]),
                    proposed_on=_date(t["proposed_on"]),
                    status=t["status"],
                    lead_municipality=municipalities.get(t["lead_municipality"]),
                    lead_person=persons.get(t["lead_person"]),
                    cooperation_form=t["cooperation_form"],
                    visibility=t["visibility"],
                ),
                where,
                "region",
                "proposed_by",
                "lead_municipality",
                "lead_person",
            )
            topic.spearheads.set([spearheads[code] for code in t["spearheads"]])
            for c in t["status_changes"]:
                self.save(
                    TopicStatusChange(
                        topic=topic,
                        from_status=c["from"],
                        to_status=c["to"],
                        changed_on=_date(c["changed_on"]),
                        reason=c["reason"],
                    ),
                    where,
                    "topic",
                )
            for p in t["participations"]:
                self.save(
                    Participation(
                        topic=topic, municipality=municipalities[p["municipality"]], role=p["role"], note=p["note"]
                    ),
                    where,
                    "topic",
                    "municipality",
                )
            for p in t["partners"]:
                self.save(
                    TopicPartner(topic=topic, organisation=organisations[p["organisation"]], role=p["role"]),
                    where,
                    "topic",
                    "organisation",
                )
            for r in t["results"]:
                self.save(
                    Result(
                        topic=topic,
                        description=r["description"],
                        indicator=r["indicator"],
                        unit=r["unit"],
                        baseline=_decimal(r["baseline"]),
                        target_value=_decimal(r["target_value"]),
                        target_date=_date(r["target_date"]),
                        current_value=_decimal(r["current_value"]),
                    ),
                    where,
                    "topic",
                )
            yield
        bodies = {}
        for b in data["bodies"]:
            where = f"body {b['slug']}"
            body = bodies[b["slug"]] = self.save(
                Body(
                    region=region,
                    slug=b["slug"],
                    name=b["name"],
                    kind=b["kind"],
                    description=b["description"],
                    chair=persons.get(b["chair"]),
                    secretary=persons.get(b["secretary"]),
                    meetings_per_year=b["meetings_per_year"],
                    usual_duration_hours=_decimal(b["usual_duration_hours"]),
                    may_decide=b["may_decide"],
                    mandate=b["mandate"],
                    is_example=b["is_example"],
                    visibility=b["visibility"],
                ),
                where,
                "region",
                "chair",
                "secretary",
            )
            body.spearheads.set([spearheads[code] for code in b["spearheads"]])
            body.topics.set([topics[slug] for slug in b["topics"]])
            for m in b["members"]:
                self.save(
                    BodyMember(
                        body=body,
                        person=persons[m["person"]],
                        municipality=municipalities.get(m["municipality"]),
                        organisation=organisations.get(m["organisation"]),
                    ),
                    where,
                    "body",
                    "person",
                    "municipality",
                    "organisation",
                )
            yield
        meetings = {}
        for m in data["meetings"]:
            where = f"meeting {m['key']}"
            meeting = meetings[m["key"]] = self.save(
                Meeting(
                    region=region,
                    source_key=m["source_key"],
                    title=m["title"],
                    body=bodies.get(m["body"]),
                    starts_at=_moment(m["starts_at"]),
                    ends_at=_moment(m["ends_at"]),
                    window_start=_date(m["window_start"]),
                    window_end=_date(m["window_end"]),
                    place=m["place"],
                    cancelled=m["cancelled"],
                    minutes=m["minutes"],
                    is_example=m["is_example"],
                    visibility=m["visibility"],
                ),
                where,
                "region",
                "body",
            )
            meeting.invitees.set([persons[key] for key in m["invitees"]])
            for item in m["agenda"]:
                self.save(
                    AgendaItem(
                        meeting=meeting,
                        order=item["order"],
                        title=item["title"],
                        topic=topics.get(item["topic"]),
                        notes=item["notes"],
                    ),
                    where,
                    "meeting",
                    "topic",
                )
            for a in m["attendance"]:
                self.save(
                    Attendance(meeting=meeting, person=persons[a["person"]], present=a["present"]),
                    where,
                    "meeting",
                    "person",
                )
            yield
        for a in data["agreements"]:
            where = f"agreement {a['key']}"
            agreement = self.save(
                Agreement(
                    region=region,
                    title=a["title"],
                    text=a["text"],
                    made_on=_date(a["made_on"]),
                    meeting=meetings.get(a["meeting"]),
                    topic=topics.get(a["topic"]),
                    council_decision_needed=a["council_decision_needed"],
                    consent_rule=a.get("consent_rule", "ieder_voor_zich"),
                    is_example=a["is_example"],
                    visibility=a["visibility"],
                ),
                where,
                "region",
                "meeting",
                "topic",
            )
            agreement.participants.set([municipalities[code] for code in a["participants"]])
            # Files written before agreements had other topics lack the key.
            agreement.other_topics.set([topics[slug] for slug in a.get("other_topics", [])])
            for d in a["decisions"]:
                self.save(
                    MunicipalDecision(
                        agreement=agreement,
                        municipality=municipalities[d["municipality"]],
                        organ=d["organ"],
                        kind=d["kind"],
                        outcome=d["outcome"],
                        decided_on=_date(d["decided_on"]),
                        document=d["document"],
                    ),
                    where,
                    "agreement",
                    "municipality",
                )
            yield
        for c in data["commitments"]:
            commitment = self.save(
                Commitment(
                    region=region,
                    title=c["title"],
                    description=c["description"],
                    promised_by=c["promised_by"],
                    recipient_organisation=organisations.get(c["recipient_organisation"]),
                    due_start=_date(c["due_start"]),
                    due_date=_date(c["due_date"]),
                    topic=topics.get(c["topic"]),
                    meeting=meetings.get(c["meeting"]),
                    evidence_meeting=meetings.get(c["evidence_meeting"]),
                    source=c["source"],
                    state=c["state"],
                    resolved_on=_date(c["resolved_on"]),
                    evidence=c["evidence"],
                    visibility=c["visibility"],
                ),
                f"commitment {c['title']}",
                "region",
                "recipient_organisation",
                "topic",
                "meeting",
                "evidence_meeting",
            )
            commitment.promised_by_municipalities.set(
                [municipalities[code] for code in c["promised_by_municipalities"]]
            )
            commitment.recipient_councils.set([municipalities[code] for code in c["recipient_councils"]])
            yield
        for a in data["arrangements"]:
            try:
                arrangement = arrangement_save(
                    actor=self.actor,
                    region=region,
                    slug=a["slug"],
                    name=a["name"],
                    form=a["form"],
                    legal_basis=a["legal_basis"],
                    seat=a["seat"],
                    entered_into_force=_date(a["entered_into_force"]),
                    last_amended=_date(a["last_amended"]),
                    text_reference=a["text_reference"],
                    powers=a["powers"],
                    participants=[municipalities[code] for code in a["participants"]],
                    partner_organisations=[organisations[name] for name in a["partner_organisations"]],
                    bodies=[bodies[slug] for slug in a["bodies"]],
                    visibility=a["visibility"],
                    reason=_("Imported from a region export"),
                )
            except ValidationError as exc:
                raise ImportError_(f"arrangement {a['slug']}: {'; '.join(exc.messages)}") from None
            self.created["arrangement"] += 1
            self.stored.append(arrangement)
            self.stored.extend(ArrangementParticipant.objects.filter(arrangement=arrangement))
            yield


def region_import(*, data: dict, slug: str | None = None, actor=SYSTEM) -> tuple[Region, Counter]:
    """Create the region described by `data` (from `region_export`), under `slug` if given; all or nothing."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportError_(_("This is not a Regio region export (expected format %(format)s).") % {"format": FORMAT})
    if data.get("version") != VERSION:
        raise ImportError_(_("Export version %(version)s is not supported.") % {"version": data.get("version")})
    importer = _Importer(data, actor, slug)
    try:
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            with transaction.atomic():
                region = importer.run()
        else:
            region = _import_in_batches(importer)
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, ImportError_):
            raise
        raise ImportError_(_("The export is incomplete or damaged: %(problem)r") % {"problem": exc}) from None
    return region, importer.created


def _import_in_batches(importer: _Importer) -> Region:
    """SQLite: commit in short batches (core.batches); on any error, remove what the earlier batches
    stored (`_Importer.discard`) before the error goes on."""
    try:
        commit_in_batches(importer.steps())
    except BaseException:
        importer.discard()
        raise
    return importer.region
