"""Reading and validating a region file (YAML or JSON) into plain data, without a database.

Every problem is reported with the file, the entry and the field it concerns, so whoever edits the
file can find it; nothing is loaded from a file that has any problem.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from regio.data.municipalities import by_cbs_code
from regio.extraction.dates import Window, parse_window

FORMAT_VERSION = 1
ORGANISATION_KINDS = {
    "provincie", "waterschap", "onderwijsinstelling", "woningcorporatie", "maatschappelijke_partner", "rijk", "overig",
}
TOPIC_STATUSES = {"voorgesteld", "verkennen", "concretiseren", "in_uitvoering", "afgerond", "gestopt"}
PARTICIPATION_ROLES = {"initiatiefnemer", "doet_mee", "volgt", "doet_niet_mee"}
COOPERATION_FORMS = {
    "lichte_ambtelijke_samenwerking", "bestuurlijk_overleg", "convenant", "centrumgemeente", "gr_openbaar_lichaam",
    "gr_bedrijfsvoeringsorganisatie", "gr_gemeenschappelijk_orgaan", "gr_regeling_zonder_meer",
}
VISIBILITIES = {"openbaar", "intern"}
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class RegionFileError(ValueError):
    """A region file that cannot be loaded; the message names file, entry and field."""

    def __init__(self, source: str, where: str, message: str):
        self.source, self.where, self.message = source, where, message
        super().__init__(f"{source}: {where}: {message}" if where else f"{source}: {message}")


@dataclass(frozen=True)
class MunicipalitySpec:
    cbs_code: str
    name: str
    province: str


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    website: str = ""


@dataclass(frozen=True)
class AdoptionSpec:
    cbs_code: str
    window: Window
    unanimous: bool | None
    document_reference: str = ""


@dataclass(frozen=True)
class SpearheadSpec:
    code: str
    name: str
    wording: str
    order: int
    vocabulary: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartnerSpec:
    organisation: str
    role: str


@dataclass(frozen=True)
class ResultSpec:
    description: str
    indicator: str = ""
    unit: str = ""
    baseline: str | None = None
    target_value: str | None = None
    target_date: datetime.date | None = None
    current_value: str | None = None


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    title: str
    description: str
    spearheads: tuple[str, ...]
    status: str
    lead: str | None
    cooperation_form: str
    visibility: str
    proposed_by: str | None
    proposed_on: datetime.date | None
    participation: dict[str, str]
    partners: tuple[PartnerSpec, ...]
    results: tuple[ResultSpec, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MilestoneSpec:
    window: Window
    title: str
    description: str = ""
    place: str = ""
    source: str = ""


@dataclass(frozen=True)
class VisionSpec:
    title: str
    subtitle: str
    summary: str
    document_url: str
    adoptions: tuple[AdoptionSpec, ...]
    spearheads: tuple[SpearheadSpec, ...]


@dataclass(frozen=True)
class RegionSpec:
    source: str
    slug: str
    name: str
    description: str
    colour: str
    municipalities: tuple[MunicipalitySpec, ...]
    organisations: tuple[OrganisationSpec, ...]
    vision: VisionSpec
    topics: tuple[TopicSpec, ...] = ()
    milestones: tuple[MilestoneSpec, ...] = field(default_factory=tuple)


def builtin_region_names() -> list[str]:
    folder = resources.files("regio.data") / "regions"
    return sorted(p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml"))


def read_region_file(name_or_path: str) -> RegionSpec:
    """Read a built-in region by name (e.g. 'leidse-regio') or a YAML/JSON file by path."""
    path = Path(name_or_path)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.exists():
        source = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RegionFileError(source, "", "file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RegionFileError(source, "", f"cannot be read: {exc}") from None
    else:
        resource = resources.files("regio.data") / "regions" / f"{name_or_path}.yaml"
        source = f"{name_or_path}.yaml"
        if not resource.is_file():
            known = ", ".join(builtin_region_names())
            raise RegionFileError(name_or_path, "", f"no such file, and no built-in region of that name (built in: {known})")
        text = resource.read_text(encoding="utf-8")
    return parse_region_text(text, source=source)


def parse_region_text(text: str, *, source: str) -> RegionSpec:
    try:
        data = json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise RegionFileError(source, "", f"not valid {'JSON' if source.endswith('.json') else 'YAML'}: {exc}") from None
    return RegionParser(source).parse(data)


class RegionParser:
    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, message: str) -> RegionFileError:
        return RegionFileError(self.source, where, message)

    # --- primitive readers -------------------------------------------------------------
    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping (key: value), found {type(value).__name__}")
        return value

    def sequence(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, found {type(value).__name__}")
        return value

    def text(self, data: dict, key: str, where: str, *, required: bool = True, default: str = "") -> str:
        value = data.get(key)
        if value is None:
            if required:
                raise self.fail(where, f"field '{key}' is required")
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.fail(where, f"field '{key}' must be text")
        value = str(value).strip()
        if required and not value:
            raise self.fail(where, f"field '{key}' must not be empty")
        return value

    def choice(self, data: dict, key: str, where: str, choices: set[str], default: str | None = None) -> str:
        value = data.get(key, default)
        if value not in choices:
            raise self.fail(where, f"field '{key}' is {value!r}; expected one of: {', '.join(sorted(choices))}")
        return value

    def window(self, data: dict, where: str, key: str = "when") -> Window:
        value = data.get(key)
        if isinstance(value, datetime.date):
            return Window(value, value)
        if isinstance(value, str) and value.strip():
            window = parse_window(value.strip())
            if window is None:
                raise self.fail(where, f"field '{key}': {value!r} is not a date or period this reader understands "
                                       "(e.g. '11 oktober 2017', 'november 2016', 'eerste kwartaal 2019')")
            return window
        raise self.fail(where, f"field '{key}' is required: a date or a period such as 'november 2016'")

    def date(self, data: dict, key: str, where: str) -> datetime.date | None:
        value = data.get(key)
        if value is None or isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise self.fail(where, f"field '{key}': {value!r} is not a date (YYYY-MM-DD)") from None

    def number(self, data: dict, key: str, where: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise self.fail(where, f"field '{key}' must be a number")
        try:
            float(value)
        except ValueError:
            raise self.fail(where, f"field '{key}': {value!r} is not a number") from None
        return str(value)

    # --- the sections ------------------------------------------------------------------
    def parse(self, data: Any) -> RegionSpec:
        data = self.mapping(data, "the file")
        version = data.get("format", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise self.fail("format", f"format version {version!r} is not supported (expected {FORMAT_VERSION})")
        region = self.mapping(data.get("region"), "region")
        slug = self.text(region, "slug", "region")
        if not SLUG.match(slug):
            raise self.fail("region", f"field 'slug': {slug!r} may contain only lower-case letters, digits, - and _")
        colour = self.text(region, "colour", "region", required=False, default="#1f5f8b")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise self.fail("region", f"field 'colour': {colour!r} is not a colour like #1f5f8b")
        municipalities = self.municipalities(data.get("municipalities"))
        members = {m.cbs_code for m in municipalities}
        organisations = self.organisations(data.get("organisations"))
        vision = self.vision(data.get("vision"), members)
        spearhead_codes = {s.code for s in vision.spearheads}
        organisation_names = {o.name for o in organisations}
        topics = self.topics(data.get("topics"), members, spearhead_codes, organisation_names)
        milestones = tuple(self.milestone(entry, i) for i, entry in enumerate(self.sequence(data.get("milestones"), "milestones")))
        return RegionSpec(
            source=self.source,
            slug=slug,
            name=self.text(region, "name", "region"),
            description=self.text(region, "description", "region", required=False),
            colour=colour,
            municipalities=municipalities,
            organisations=organisations,
            vision=vision,
            topics=topics,
            milestones=milestones,
        )

    def municipalities(self, value: Any) -> tuple[MunicipalitySpec, ...]:
        entries = self.sequence(value, "municipalities")
        if not entries:
            raise self.fail("municipalities", "a region needs at least one member municipality")
        result, seen = [], set()
        for i, entry in enumerate(entries):
            where = f"municipalities[{i}]"
            entry = self.mapping(entry, where)
            code = self.text(entry, "cbs_code", where).upper()
            record = by_cbs_code(code)
            if record is None or not record.is_current:
                raise self.fail(where, f"field 'cbs_code': {code} is not a current Dutch municipality")
            name = self.text(entry, "name", where, required=False, default=record.name)
            if name != record.name:
                raise self.fail(where, f"field 'name': {code} is {record.name!r}, not {name!r}")
            if code in seen:
                raise self.fail(where, f"{record.name} ({code}) is listed twice")
            seen.add(code)
            result.append(MunicipalitySpec(code, record.name, record.province))
        return tuple(result)

    def member(self, code: Any, members: set[str], where: str, key: str) -> str:
        code = str(code).strip().upper()
        if code not in members:
            raise self.fail(where, f"field '{key}': {code} is not a member municipality of this region")
        return code

    def organisations(self, value: Any) -> tuple[OrganisationSpec, ...]:
        result = []
        for i, entry in enumerate(self.sequence(value, "organisations")):
            where = f"organisations[{i}]"
            entry = self.mapping(entry, where)
            result.append(
                OrganisationSpec(
                    name=self.text(entry, "name", where),
                    kind=self.choice(entry, "kind", where, ORGANISATION_KINDS),
                    website=self.text(entry, "website", where, required=False),
                )
            )
        return tuple(result)

    def vision(self, value: Any, members: set[str]) -> VisionSpec:
        vision = self.mapping(value, "vision")
        adoptions = []
        for i, entry in enumerate(self.sequence(vision.get("adoptions"), "vision.adoptions")):
            where = f"vision.adoptions[{i}]"
            entry = self.mapping(entry, where)
            unanimous = entry.get("unanimous")
            if unanimous is not None and not isinstance(unanimous, bool):
                raise self.fail(where, "field 'unanimous' must be true or false")
            adoptions.append(
                AdoptionSpec(
                    cbs_code=self.member(entry.get("municipality"), members, where, "municipality"),
                    window=self.window(entry, where),
                    unanimous=unanimous,
                    document_reference=self.text(entry, "document", where, required=False),
                )
            )
        spearheads, codes = [], set()
        entries = self.sequence(vision.get("spearheads"), "vision.spearheads")
        if not entries:
            raise self.fail("vision.spearheads", "a vision needs at least one spearhead")
        for i, entry in enumerate(entries):
            where = f"vision.spearheads[{i}]"
            entry = self.mapping(entry, where)
            code = self.text(entry, "code", where)
            if not SLUG.match(code):
                raise self.fail(where, f"field 'code': {code!r} may contain only lower-case letters, digits, - and _")
            if code in codes:
                raise self.fail(where, f"field 'code': {code!r} is used twice")
            codes.add(code)
            vocabulary = self.sequence(entry.get("vocabulary"), f"{where}.vocabulary")
            spearheads.append(
                SpearheadSpec(
                    code=code,
                    name=self.text(entry, "name", where),
                    wording=self.text(entry, "wording", where),
                    order=i + 1,
                    vocabulary=tuple(str(word).strip() for word in vocabulary if str(word).strip()),
                )
            )
        return VisionSpec(
            title=self.text(vision, "title", "vision"),
            subtitle=self.text(vision, "subtitle", "vision", required=False),
            summary=self.text(vision, "summary", "vision", required=False),
            document_url=self.text(vision, "document_url", "vision", required=False),
            adoptions=tuple(adoptions),
            spearheads=tuple(spearheads),
        )

    def topics(self, value, members, spearhead_codes, organisation_names) -> tuple[TopicSpec, ...]:
        result, slugs = [], set()
        for i, entry in enumerate(self.sequence(value, "topics")):
            entry = self.mapping(entry, f"topics[{i}]")
            title = self.text(entry, "title", f"topics[{i}]")
            where = f"topics[{i}] ({title})"
            slug = self.text(entry, "slug", where)
            if not SLUG.match(slug):
                raise self.fail(where, f"field 'slug': {slug!r} may contain only lower-case letters, digits, - and _")
            if slug in slugs:
                raise self.fail(where, f"field 'slug': {slug!r} is used twice")
            slugs.add(slug)
            codes = tuple(str(c) for c in self.sequence(entry.get("spearheads"), f"{where}.spearheads"))
            if not codes:
                raise self.fail(where, "field 'spearheads': a topic must serve at least one spearhead")
            unknown = [c for c in codes if c not in spearhead_codes]
            if unknown:
                raise self.fail(where, f"field 'spearheads': {unknown[0]!r} is not a spearhead of the vision "
                                       f"(known: {', '.join(sorted(spearhead_codes))})")
            lead = entry.get("lead")
            participation = {}
            for code, role in self.mapping(entry.get("participation") or {}, f"{where}.participation").items():
                code = self.member(code, members, where, "participation")
                if role not in PARTICIPATION_ROLES:
                    raise self.fail(where, f"field 'participation': {role!r} for {code}; expected one of: "
                                           f"{', '.join(sorted(PARTICIPATION_ROLES))}")
                participation[code] = role
            partners = []
            for j, partner in enumerate(self.sequence(entry.get("partners"), f"{where}.partners")):
                pwhere = f"{where}.partners[{j}]"
                partner = self.mapping(partner, pwhere)
                name = self.text(partner, "organisation", pwhere)
                if name not in organisation_names:
                    raise self.fail(pwhere, f"field 'organisation': {name!r} is not listed under 'organisations'")
                partners.append(PartnerSpec(name, self.text(partner, "role", pwhere)))
            results = []
            for j, item in enumerate(self.sequence(entry.get("results"), f"{where}.results")):
                rwhere = f"{where}.results[{j}]"
                item = self.mapping(item, rwhere)
                results.append(
                    ResultSpec(
                        description=self.text(item, "description", rwhere),
                        indicator=self.text(item, "indicator", rwhere, required=False),
                        unit=self.text(item, "unit", rwhere, required=False),
                        baseline=self.number(item, "baseline", rwhere),
                        target_value=self.number(item, "target", rwhere),
                        target_date=self.date(item, "target_date", rwhere),
                        current_value=self.number(item, "current", rwhere),
                    )
                )
            result.append(
                TopicSpec(
                    slug=slug,
                    title=title,
                    description=self.text(entry, "description", where, required=False),
                    spearheads=codes,
                    status=self.choice(entry, "status", where, TOPIC_STATUSES, default="voorgesteld"),
                    lead=None if lead is None else self.member(lead, members, where, "lead"),
                    cooperation_form=self.choice(entry, "cooperation_form", where, COOPERATION_FORMS,
                                                 default="lichte_ambtelijke_samenwerking"),
                    visibility=self.choice(entry, "visibility", where, VISIBILITIES, default="openbaar"),
                    proposed_by=None if entry.get("proposed_by") is None
                    else self.member(entry["proposed_by"], members, where, "proposed_by"),
                    proposed_on=self.date(entry, "proposed_on", where),
                    participation=participation,
                    partners=tuple(partners),
                    results=tuple(results),
                    aliases=tuple(str(a) for a in self.sequence(entry.get("aliases"), f"{where}.aliases")),
                )
            )
        return tuple(result)

    def milestone(self, entry: Any, i: int) -> MilestoneSpec:
        where = f"milestones[{i}]"
        entry = self.mapping(entry, where)
        title = self.text(entry, "title", where)
        where = f"milestones[{i}] ({title})"
        return MilestoneSpec(
            window=self.window(entry, where),
            title=title,
            description=self.text(entry, "description", where, required=False),
            place=self.text(entry, "place", where, required=False),
            source=self.text(entry, "source", where, required=False),
        )
