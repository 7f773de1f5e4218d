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
from regio.core.slugs import RESERVED_REGION_SLUGS
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
ROLE_KINDS = {
    "burgemeester", "wethouder", "portefeuillehouder_regio", "gemeentesecretaris", "griffier", "raadslid", "ambtenaar",
    "regiocoordinator",
}
BODY_KINDS = {
    "bestuurlijk_overleg", "colleges", "secretarissenoverleg", "stuurgroep", "ambtelijke_werkgroep",
    "gr_algemeen_bestuur", "gr_dagelijks_bestuur", "overig",
}
ORGANS = {"college", "raad"}
OUTCOMES = {"ingestemd", "afgewezen", "aangehouden", "niet_nodig"}
# ieder_voor_zich: binds each municipality that adopts it; allen: needs every participant.
CONSENT_RULES = {"ieder_voor_zich", "allen"}
DECISION_KINDS = {"besluit", "zienswijze"}
COMMITMENT_STATES = {"open", "nagekomen", "ingetrokken"}
ARRANGEMENT_FORMS = {
    "openbaar_lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk_orgaan", "centrumgemeente",
    "regeling_zonder_meer",
}
ARRANGEMENT_BODY_KINDS = {"gr_algemeen_bestuur", "gr_dagelijks_bestuur"}
PARTICIPANT_ROLES = {"deelnemer", "gastgemeente", "centrumgemeente", "dienstverlener"}
CYCLE_DOCUMENT_KINDS = {
    "kaders", "voorlopige_jaarrekening", "ontwerpbegroting", "begrotingswijziging", "begroting", "jaarstukken", "overig",
}
VIEW_STATES = {"geen", "in_voorbereiding", "vastgesteld"}
VIEW_VERDICTS = {"positief", "met_kanttekeningen", "negatief"}
VIEW_BASES = {"gezamenlijk", "gezamenlijk_geamendeerd", "eigen"}
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
class RoleSpec:
    kind: str
    cbs_code: str | None
    organisation: str | None
    portfolio: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class PersonSpec:
    name: str
    roles: tuple[RoleSpec, ...] = ()


@dataclass(frozen=True)
class BodyMemberSpec:
    person: str
    cbs_code: str | None
    organisation: str | None


@dataclass(frozen=True)
class BodySpec:
    slug: str
    name: str
    kind: str
    description: str
    meetings_per_year: int
    duration_hours: float
    spearheads: tuple[str, ...]
    topics: tuple[str, ...]
    may_decide: bool
    mandate: str
    chair: str | None
    secretary: str | None
    members: tuple[BodyMemberSpec, ...]
    example: bool


@dataclass(frozen=True)
class AgendaItemSpec:
    title: str
    topic: str | None = None
    notes: str = ""


@dataclass(frozen=True)
class MeetingSpec:
    key: str
    title: str
    body: str | None
    starts_at: datetime.datetime | None
    duration_hours: float | None
    window: Window | None
    place: str
    minutes: str
    agenda: tuple[AgendaItemSpec, ...]
    attendees: tuple[str, ...]
    invitees: tuple[str, ...]
    cancelled: bool
    example: bool


@dataclass(frozen=True)
class DecisionSpec:
    cbs_code: str
    organ: str
    outcome: str
    decided_on: datetime.date
    kind: str = "besluit"
    document: str = ""


@dataclass(frozen=True)
class AgreementSpec:
    title: str
    text: str
    made_on: datetime.date
    meeting: str | None
    topic: str | None
    participants: tuple[str, ...]
    council_decision_needed: bool
    decisions: tuple[DecisionSpec, ...]
    example: bool
    consent_rule: str = "ieder_voor_zich"


@dataclass(frozen=True)
class CommitmentSpec:
    title: str
    description: str
    promised_by: str
    promised_by_municipalities: tuple[str, ...]
    to_councils: tuple[str, ...]
    to_organisation: str | None
    due: Window
    topic: str | None
    meeting: str | None
    source: str
    state: str
    resolved_on: datetime.date | None
    evidence: str


@dataclass(frozen=True)
class ParticipantDetailSpec:
    municipality: str
    role: str
    yearly_contribution: str | None


@dataclass(frozen=True)
class ViewSpec:
    """A council's view (zienswijze) on a cycle document, with the board's answer."""

    municipality: str
    state: str
    verdict: str
    adopted_on: datetime.date | None
    basis: str
    text: str
    amendments: str
    sent_on: datetime.date | None
    board_answer: str
    board_answered_on: datetime.date | None


@dataclass(frozen=True)
class CycleDocumentSpec:
    kind: str
    title: str
    year: int
    sent_on: datetime.date
    own_term_weeks: int | None
    general_board_on: datetime.date | None
    joint_draft: str
    views: tuple[ViewSpec, ...]


@dataclass(frozen=True)
class CouncilCalendarSpec:
    """A municipality's council meeting days and summer recess."""

    municipality: str
    meetings: tuple[datetime.date, ...]
    recess_from: datetime.date | None
    recess_until: datetime.date | None


@dataclass(frozen=True)
class ArrangementSpec:
    """A joint arrangement (gemeenschappelijke regeling) for the register of art. 27 Wgr."""

    slug: str
    name: str
    form: str
    participants: tuple[str, ...]
    organisations: tuple[str, ...]
    legal_basis: str
    text_reference: str
    powers: tuple[str, ...]
    seat: str
    entered_into_force: datetime.date
    last_amended: datetime.date | None
    bodies: tuple[str, ...]
    visibility: str
    advisory_committee: str = ""
    participant_details: tuple[ParticipantDetailSpec, ...] = ()
    cycle: tuple[CycleDocumentSpec, ...] = ()


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
    persons: tuple[PersonSpec, ...] = ()
    bodies: tuple[BodySpec, ...] = ()
    meetings: tuple[MeetingSpec, ...] = ()
    agreements: tuple[AgreementSpec, ...] = ()
    commitments: tuple[CommitmentSpec, ...] = ()
    arrangements: tuple[ArrangementSpec, ...] = ()
    council_calendars: tuple[CouncilCalendarSpec, ...] = ()


def builtin_region_names() -> list[str]:
    folder = resources.files("regio.data") / "regions"
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml") and "." not in p.name.removesuffix(".yaml")
    )


def read_region_file(name_or_path: str, *, include_example: bool = True) -> RegionSpec:
    """Read a built-in region by name (e.g. 'leidse-regio') or a YAML/JSON file by path.

    `include_example=False` leaves out the illustrative data of an `example_file`.
    """
    path = Path(name_or_path)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.exists():
        folder, source = path.parent, str(path)
    else:
        folder = resources.files("regio.data") / "regions"
        path, source = folder / f"{name_or_path}.yaml", f"{name_or_path}.yaml"
        if not path.is_file():
            known = ", ".join(builtin_region_names())
            raise RegionFileError(name_or_path, "", f"no such file, and no built-in region of that name (built in: {known})")

    def read(file, name: str) -> Any:
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise RegionFileError(name, "", "file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise RegionFileError(name, "", f"cannot be read: {exc}") from None
        return _parse_data(text, name)

    data = read(path, source)
    if isinstance(data, dict) and data.get("example_file") and include_example:
        example_name = str(data["example_file"])
        if "/" in example_name or "\\" in example_name or example_name.startswith("."):
            raise RegionFileError(source, "example_file", "name a file in the same folder, without a path")
        data = {**data, "example": read(folder / example_name, example_name)}
    return RegionParser(source).parse(data)


def _parse_data(text: str, source: str) -> Any:
    try:
        return json.loads(text) if source.endswith(".json") else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise RegionFileError(source, "", f"not valid {'JSON' if source.endswith('.json') else 'YAML'}: {exc}") from None


def parse_region_text(text: str, *, source: str) -> RegionSpec:
    return RegionParser(source).parse(_parse_data(text, source))


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
        if slug in RESERVED_REGION_SLUGS:
            raise self.fail("region", f"field 'slug': {slug!r} is used by the site itself; choose another")
        if "colour" in region and region["colour"] is None:
            raise self.fail("region", "field 'colour' is empty; write the colour in quotes, e.g. colour: \"#1f5f8b\"")
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
        topic_slugs = {t.slug for t in topics}
        # The `example` section (or the file named by `example_file`) holds illustrative data in the same
        # shapes; what is loaded from it is marked as example data.
        example = self.mapping(data.get("example") or {}, "example")
        persons = self.persons(
            [*self.sequence(data.get("persons"), "persons"), *self.sequence(example.get("persons"), "example.persons")],
            members, organisation_names,
        )
        person_names = {p.name for p in persons}
        sections = {"bodies": [], "meetings": [], "agreements": []}
        for key in sections:
            for where_prefix, source, is_example in ((key, data, False), (f"example.{key}", example, True)):
                for i, entry in enumerate(self.sequence(source.get(key), where_prefix)):
                    sections[key].append((f"{where_prefix}[{i}]", entry, is_example))
        bodies = tuple(
            self.body(entry, where, is_example, members, organisation_names, spearhead_codes, topic_slugs, person_names)
            for where, entry, is_example in sections["bodies"]
        )
        self.unique([b.slug for b in bodies], "bodies", "slug")
        body_slugs = {b.slug for b in bodies}
        meetings = tuple(
            self.meeting(entry, where, is_example, body_slugs, topic_slugs, person_names)
            for where, entry, is_example in sections["meetings"]
        )
        self.unique([m.key for m in meetings if m.key], "meetings", "key")
        meeting_keys = {m.key for m in meetings if m.key}
        agreements = tuple(
            self.agreement(entry, where, is_example, members, topic_slugs, meeting_keys)
            for where, entry, is_example in sections["agreements"]
        )
        commitments = tuple(
            self.commitment(entry, f"commitments[{i}]", members, organisation_names, topic_slugs, meeting_keys)
            for i, entry in enumerate(self.sequence(data.get("commitments"), "commitments"))
        )
        arrangement_bodies = {b.slug for b in bodies if b.kind in ARRANGEMENT_BODY_KINDS}
        arrangements = tuple(
            self.arrangement(entry, f"arrangements[{i}]", members, organisation_names, arrangement_bodies)
            for i, entry in enumerate(self.sequence(data.get("arrangements"), "arrangements"))
        )
        self.unique([a.slug for a in arrangements], "arrangements", "slug")
        council_calendars = tuple(
            self.council_calendar(entry, f"council_calendars[{i}]", members)
            for i, entry in enumerate(self.sequence(data.get("council_calendars"), "council_calendars"))
        )
        self.unique([c.municipality for c in council_calendars], "council_calendars", "municipality")
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
            persons=persons,
            bodies=bodies,
            meetings=meetings,
            agreements=agreements,
            commitments=commitments,
            arrangements=arrangements,
            council_calendars=council_calendars,
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

    # --- people, bodies, meetings, agreements, commitments ------------------------------
    def unique(self, values: list[str], section: str, key: str) -> None:
        seen = set()
        for value in values:
            if value in seen:
                raise self.fail(section, f"{key} {value!r} is used twice")
            seen.add(value)

    def flag(self, data: dict, key: str, where: str, default: bool = False) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(where, f"field '{key}' must be true or false")
        return value

    def reference(self, data: dict, key: str, where: str, known: set[str], what: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        value = str(value).strip()
        if value not in known:
            raise self.fail(where, f"field '{key}': {value!r} is not a known {what}")
        return value

    def references(self, data: dict, key: str, where: str, known: set[str], what: str) -> tuple[str, ...]:
        values = tuple(str(v).strip() for v in self.sequence(data.get(key), f"{where}.{key}"))
        for value in values:
            if value not in known:
                raise self.fail(where, f"field '{key}': {value!r} is not a known {what}")
        return values

    def municipality_list(self, data: dict, key: str, where: str, members: set[str], *, default_all: bool) -> tuple[str, ...]:
        value = data.get(key, "all" if default_all else None)
        if value is None:
            return ()
        if value == "all":
            return tuple(sorted(members))
        return tuple(self.member(code, members, where, key) for code in self.sequence(value, f"{where}.{key}"))

    def hours(self, data: dict, key: str, where: str, default: float | None) -> float | None:
        value = self.number(data, key, where)
        if value is None:
            return default
        if not 0 < float(value) <= 24:
            raise self.fail(where, f"field '{key}': {value} hours is not a plausible meeting length")
        return float(value)

    def persons(self, value, members, organisation_names) -> tuple[PersonSpec, ...]:
        result = []
        for i, entry in enumerate(self.sequence(value, "persons")):
            where = f"persons[{i}]"
            entry = self.mapping(entry, where)
            name = self.text(entry, "name", where)
            where = f"persons[{i}] ({name})"
            roles = []
            for j, role in enumerate(self.sequence(entry.get("roles"), f"{where}.roles")):
                rwhere = f"{where}.roles[{j}]"
                role = self.mapping(role, rwhere)
                code = None if role.get("municipality") is None else self.member(role["municipality"], members, rwhere, "municipality")
                organisation = self.reference(role, "organisation", rwhere, organisation_names, "organisation")
                if code is None and organisation is None:
                    raise self.fail(rwhere, "a role needs a 'municipality' or an 'organisation'")
                start, end = self.date(role, "start", rwhere), self.date(role, "end", rwhere)
                if start and end and end < start:
                    raise self.fail(rwhere, "field 'end': the role ends before it starts")
                roles.append(RoleSpec(self.choice(role, "kind", rwhere, ROLE_KINDS), code, organisation,
                                      self.text(role, "portfolio", rwhere, required=False), start, end))
            result.append(PersonSpec(name, tuple(roles)))
        self.unique([p.name for p in result], "persons", "name")
        return tuple(result)

    def body(self, entry, where, is_example, members, organisation_names, spearhead_codes, topic_slugs, person_names) -> BodySpec:
        entry = self.mapping(entry, where)
        name = self.text(entry, "name", where)
        where = f"{where} ({name})"
        slug = self.text(entry, "slug", where)
        if not SLUG.match(slug):
            raise self.fail(where, f"field 'slug': {slug!r} may contain only lower-case letters, digits, - and _")
        may_decide = self.flag(entry, "may_decide", where)
        mandate = self.text(entry, "mandate", where, required=False)
        if mandate and not may_decide:
            raise self.fail(where, "field 'mandate': only a body that may decide has a mandate")
        members_ = []
        for j, member in enumerate(self.sequence(entry.get("members"), f"{where}.members")):
            mwhere = f"{where}.members[{j}]"
            member = self.mapping(member, mwhere)
            person = self.reference(member, "person", mwhere, person_names, "person (list it under 'persons')")
            if person is None:
                raise self.fail(mwhere, "field 'person' is required")
            code = None if member.get("municipality") is None else self.member(member["municipality"], members, mwhere, "municipality")
            organisation = self.reference(member, "organisation", mwhere, organisation_names, "organisation")
            if code is None and organisation is None:
                raise self.fail(mwhere, "say which 'municipality' or 'organisation' the member represents")
            members_.append(BodyMemberSpec(person, code, organisation))
        per_year = entry.get("meetings_per_year", 0)
        if not isinstance(per_year, int) or isinstance(per_year, bool) or not 0 <= per_year <= 366:
            raise self.fail(where, "field 'meetings_per_year' must be a whole number from 0 to 366")
        return BodySpec(
            slug=slug, name=name, kind=self.choice(entry, "kind", where, BODY_KINDS),
            description=self.text(entry, "description", where, required=False),
            meetings_per_year=per_year, duration_hours=self.hours(entry, "duration_hours", where, 2.0),
            spearheads=self.references(entry, "spearheads", where, spearhead_codes, "spearhead code"),
            topics=self.references(entry, "topics", where, topic_slugs, "topic slug"),
            may_decide=may_decide, mandate=mandate,
            chair=self.reference(entry, "chair", where, person_names, "person"),
            secretary=self.reference(entry, "secretary", where, person_names, "person"),
            members=tuple(members_), example=is_example,
        )

    def meeting(self, entry, where, is_example, body_slugs, topic_slugs, person_names) -> MeetingSpec:
        entry = self.mapping(entry, where)
        title = self.text(entry, "title", where)
        where = f"{where} ({title})"
        starts_at, window = None, None
        if entry.get("starts_at") is not None:
            raw = entry["starts_at"]
            try:
                starts_at = raw if isinstance(raw, datetime.datetime) else datetime.datetime.fromisoformat(str(raw))
            except ValueError:
                raise self.fail(where, f"field 'starts_at': {raw!r} is not a date and time (YYYY-MM-DDTHH:MM)") from None
        else:
            window = self.window(entry, where)
        return MeetingSpec(
            key=self.text(entry, "key", where, required=False),
            title=title,
            body=self.reference(entry, "body", where, body_slugs, "body slug"),
            starts_at=starts_at,
            duration_hours=self.hours(entry, "duration_hours", where, None),
            window=window,
            place=self.text(entry, "place", where, required=False),
            minutes=self.text(entry, "minutes", where, required=False),
            agenda=tuple(
                AgendaItemSpec(
                    self.text(self.mapping(item, f"{where}.agenda[{j}]"), "title", f"{where}.agenda[{j}]"),
                    self.reference(item, "topic", f"{where}.agenda[{j}]", topic_slugs, "topic slug"),
                    self.text(item, "notes", f"{where}.agenda[{j}]", required=False),
                )
                for j, item in enumerate(self.sequence(entry.get("agenda"), f"{where}.agenda"))
            ),
            attendees=self.references(entry, "attendees", where, person_names, "person"),
            invitees=self.references(entry, "invitees", where, person_names, "person"),
            cancelled=self.flag(entry, "cancelled", where),
            example=is_example,
        )

    def agreement(self, entry, where, is_example, members, topic_slugs, meeting_keys) -> AgreementSpec:
        entry = self.mapping(entry, where)
        title = self.text(entry, "title", where)
        where = f"{where} ({title})"
        made_on = self.date(entry, "made_on", where)
        if made_on is None:
            raise self.fail(where, "field 'made_on' is required (YYYY-MM-DD)")
        participants = self.municipality_list(entry, "participants", where, members, default_all=True)
        decisions = []
        for j, item in enumerate(self.sequence(entry.get("decisions"), f"{where}.decisions")):
            dwhere = f"{where}.decisions[{j}]"
            item = self.mapping(item, dwhere)
            code = self.member(item.get("municipality"), set(participants), dwhere, "municipality")
            decided_on = self.date(item, "decided_on", dwhere)
            if decided_on is None:
                raise self.fail(dwhere, "field 'decided_on' is required (YYYY-MM-DD)")
            if decided_on < made_on:
                raise self.fail(dwhere, "field 'decided_on': a decision cannot precede the agreement")
            decisions.append(DecisionSpec(code, self.choice(item, "organ", dwhere, ORGANS),
                                          self.choice(item, "outcome", dwhere, OUTCOMES), decided_on,
                                          self.choice(item, "kind", dwhere, DECISION_KINDS, default="besluit"),
                                          self.text(item, "document", dwhere, required=False)))
        return AgreementSpec(
            title=title, text=self.text(entry, "text", where), made_on=made_on,
            meeting=self.reference(entry, "meeting", where, meeting_keys, "meeting key"),
            topic=self.reference(entry, "topic", where, topic_slugs, "topic slug"),
            participants=participants,
            council_decision_needed=self.flag(entry, "council_decision_needed", where),
            decisions=tuple(decisions), example=is_example,
            consent_rule=self.choice(entry, "consent_rule", where, CONSENT_RULES, default="ieder_voor_zich"),
        )

    def commitment(self, entry, where, members, organisation_names, topic_slugs, meeting_keys) -> CommitmentSpec:
        entry = self.mapping(entry, where)
        title = self.text(entry, "title", where)
        where = f"{where} ({title})"
        to_councils = self.municipality_list(entry, "to_councils", where, members, default_all=False)
        to_organisation = self.reference(entry, "to_organisation", where, organisation_names, "organisation")
        if not to_councils and to_organisation is None:
            raise self.fail(where, "say to whom the promise was made: 'to_councils' (a list or 'all') or 'to_organisation'")
        state = self.choice(entry, "state", where, COMMITMENT_STATES, default="open")
        resolved_on = self.date(entry, "resolved_on", where)
        if state != "open" and resolved_on is None:
            raise self.fail(where, "field 'resolved_on' is required when the state is not 'open'")
        return CommitmentSpec(
            title=title, description=self.text(entry, "description", where, required=False),
            promised_by=self.text(entry, "promised_by", where),
            promised_by_municipalities=self.municipality_list(entry, "promised_by_municipalities", where, members, default_all=False),
            to_councils=to_councils, to_organisation=to_organisation,
            due=self.window(entry, where, key="due"),
            topic=self.reference(entry, "topic", where, topic_slugs, "topic slug"),
            meeting=self.reference(entry, "meeting", where, meeting_keys, "meeting key"),
            source=self.text(entry, "source", where, required=False),
            state=state, resolved_on=resolved_on, evidence=self.text(entry, "evidence", where, required=False),
        )

    def arrangement(self, entry, where, members, organisation_names, arrangement_bodies) -> ArrangementSpec:
        entry = self.mapping(entry, where)
        name = self.text(entry, "name", where)
        where = f"{where} ({name})"
        slug = self.text(entry, "slug", where)
        if not SLUG.match(slug):
            raise self.fail(where, f"field 'slug': {slug!r} may contain only lower-case letters, digits, - and _")
        participants = self.municipality_list(entry, "participants", where, members, default_all=True)
        if not participants:
            raise self.fail(where, "field 'participants': name at least one member municipality, or 'all'")
        entered = self.date(entry, "entered_into_force", where)
        if entered is None:
            raise self.fail(where, "field 'entered_into_force' is required (YYYY-MM-DD)")
        amended = self.date(entry, "last_amended", where)
        if amended and amended < entered:
            raise self.fail(where, "field 'last_amended': an amendment cannot precede the entry into force")
        powers = tuple(
            self.text({"power": item}, "power", f"{where}.powers[{j}]")
            for j, item in enumerate(self.sequence(entry.get("powers"), f"{where}.powers"))
        )
        return ArrangementSpec(
            slug=slug, name=name, form=self.choice(entry, "form", where, ARRANGEMENT_FORMS),
            participants=participants,
            organisations=self.references(entry, "organisations", where, organisation_names, "organisation"),
            legal_basis=self.text(entry, "legal_basis", where),
            text_reference=self.text(entry, "text_reference", where, required=False),
            powers=powers, seat=self.text(entry, "seat", where), entered_into_force=entered, last_amended=amended,
            bodies=self.references(
                entry, "bodies", where, arrangement_bodies,
                "board of a joint arrangement (a body of kind gr_algemeen_bestuur or gr_dagelijks_bestuur)",
            ),
            visibility=self.choice(entry, "visibility", where, VISIBILITIES, default="openbaar"),
            advisory_committee=self.text(entry, "advisory_committee", where, required=False),
            participant_details=tuple(
                self.participant_detail(item, f"{where}.participant_details[{j}]", participants)
                for j, item in enumerate(self.sequence(entry.get("participant_details"), f"{where}.participant_details"))
            ),
            cycle=tuple(
                self.cycle_document(item, f"{where}.cycle[{j}]", participants)
                for j, item in enumerate(self.sequence(entry.get("cycle"), f"{where}.cycle"))
            ),
        )

    def participant_detail(self, entry, where, participants) -> ParticipantDetailSpec:
        entry = self.mapping(entry, where)
        code = self.member(self.text(entry, "municipality", where), set(participants), where, "municipality")
        return ParticipantDetailSpec(
            municipality=code, role=self.choice(entry, "role", where, PARTICIPANT_ROLES, default="deelnemer"),
            yearly_contribution=self.number(entry, "yearly_contribution", where),
        )

    def cycle_document(self, entry, where, participants) -> CycleDocumentSpec:
        entry = self.mapping(entry, where)
        title = self.text(entry, "title", where)
        where = f"{where} ({title})"
        year = entry.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
            raise self.fail(where, f"field 'year': {year!r} is not a year")
        sent_on = self.date(entry, "sent_on", where)
        if sent_on is None:
            raise self.fail(where, "field 'sent_on' is required (YYYY-MM-DD)")
        weeks = entry.get("own_term_weeks")
        if weeks is not None and (not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 1):
            raise self.fail(where, f"field 'own_term_weeks': {weeks!r} is not a number of weeks (1 or more)")
        views = tuple(
            self.view(item, f"{where}.views[{j}]", participants)
            for j, item in enumerate(self.sequence(entry.get("views"), f"{where}.views"))
        )
        self.unique([v.municipality for v in views], f"{where}.views", "municipality")
        return CycleDocumentSpec(
            kind=self.choice(entry, "kind", where, CYCLE_DOCUMENT_KINDS), title=title, year=year, sent_on=sent_on,
            own_term_weeks=weeks, general_board_on=self.date(entry, "general_board_on", where),
            joint_draft=self.text(entry, "joint_draft", where, required=False), views=views,
        )

    def view(self, entry, where, participants) -> ViewSpec:
        entry = self.mapping(entry, where)
        code = self.text(entry, "municipality", where).upper()
        if code not in participants:
            raise self.fail(where, f"field 'municipality': {code} does not take part in this arrangement")
        return ViewSpec(
            municipality=code,
            state=self.choice(entry, "state", where, VIEW_STATES, default="in_voorbereiding"),
            verdict=self.choice(entry, "verdict", where, VIEW_VERDICTS | {""}, default=""),
            adopted_on=self.date(entry, "adopted_on", where),
            basis=self.choice(entry, "basis", where, VIEW_BASES, default="eigen"),
            text=self.text(entry, "text", where, required=False),
            amendments=self.text(entry, "amendments", where, required=False),
            sent_on=self.date(entry, "sent_on", where),
            board_answer=self.text(entry, "board_answer", where, required=False),
            board_answered_on=self.date(entry, "board_answered_on", where),
        )

    def council_calendar(self, entry, where, members) -> CouncilCalendarSpec:
        entry = self.mapping(entry, where)
        code = self.member(self.text(entry, "municipality", where), members, where, "municipality")
        meetings = tuple(
            self.date({"date": item}, "date", f"{where}.meetings[{j}]")
            for j, item in enumerate(self.sequence(entry.get("meetings"), f"{where}.meetings"))
        )
        recess = self.mapping(entry.get("summer_recess") or {}, f"{where}.summer_recess")
        recess_from = self.date(recess, "from", f"{where}.summer_recess")
        recess_until = self.date(recess, "until", f"{where}.summer_recess")
        if (recess_from is None) != (recess_until is None):
            raise self.fail(f"{where}.summer_recess", "give both 'from' and 'until'")
        if recess_from and recess_until < recess_from:
            raise self.fail(f"{where}.summer_recess", "field 'until': the recess cannot end before it starts")
        return CouncilCalendarSpec(municipality=code, meetings=meetings, recess_from=recess_from, recess_until=recess_until)
