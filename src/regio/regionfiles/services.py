"""Loading a validated region file into the database: one transaction, idempotent.

Records are matched on their natural keys (CBS code, slugs, codes, titles); a record is saved only
when a value differs, so loading the same file twice changes nothing, not even the history.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from regio.access.policies import SYSTEM, region_access
from regio.core.services import validated_save
from regio.regionfiles.schema import RegionFileError, RegionSpec
from regio.regions.models import Municipality, Organisation, Region, RegionMembership
from regio.topics.models import Participation, Result, Topic, TopicPartner, TopicStatusChange
from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption


@dataclass
class LoadReport:
    region: Region | None = None
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

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
        try:
            return validated_save(instance, actor=self.actor, reason="Loaded from region file")
        except ValidationError as exc:
            raise RegionFileError(self.spec.source, where, "; ".join(_messages(exc))) from None

    def load(self) -> LoadReport:
        spec = self.spec
        region = self.upsert(
            Region, "region", {"slug": spec.slug},
            {"name": spec.name, "description": spec.description, "colour": spec.colour},
        )
        self.report.region = region
        access = region_access(self.actor, region)
        access.require(access.manages_region, "Only a regional coordinator may load a region file.")

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

        for i, m in enumerate(spec.milestones):
            self.upsert(
                Milestone, f"milestones[{i}] ({m.title})", {"region": region, "title": m.title},
                {"start": m.window.start, "end": m.window.end, "description": m.description,
                 "place": m.place, "source": m.source},
            )
        return self.report

    def load_topic(self, region, t, where, municipalities, organisations, spearheads) -> None:
        is_new = not Topic.objects.filter(region=region, slug=t.slug).exists()
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
        if is_new:
            TopicStatusChange.objects.create(
                topic=topic, from_status="", to_status=t.status, changed_on=t.proposed_on or topic.created_at.date(),
                reason="Geladen uit het regiobestand",
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
    """Store the region described by `spec`; all or nothing."""
    with transaction.atomic():
        return _Loader(spec, actor).load()
