"""A synthetic national data set for measuring speed: `regio generate-scale`.

All 342 current municipalities, each a member of 2–6 overlapping regions ("Schaalregio 01"), with
visions and spearheads, topics ("Onderwerp 00017") with participation, leads and results, bodies,
meetings with agenda items, agreements with a decision per participant, commitments, and documents
with pages of generated Dutch text; every entry and page is put in the search index directly. The
small tables are written with bulk_create, the large ones as plain rows with ids reserved up front
(regio.core.bulk: COPY on PostgreSQL), without history rows or per-row services, so the default size
fits in a few minutes. The same seed makes the same data. Regions made here carry `is_synthetic`; the generator refuses a database that holds
real regions unless forced, and replaces synthetic regions of an earlier run.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from regio.commitments.models import Commitment, CommitmentState
from regio.core.bulk import ModelRows, reserve_ids, sqlite_bulk_load
from regio.core.models import Visibility
from regio.data.municipalities import current_municipalities
from regio.documents import search
from regio.documents.models import Document, DocumentKind, DocumentPage
from regio.meetings.models import (
    Agreement,
    AgendaItem,
    Body,
    BodyKind,
    DecisionKind,
    Meeting,
    MunicipalDecision,
    Organ,
    Outcome,
)
from regio.regions.models import Municipality, Region, RegionMembership
from regio.topics.models import CooperationForm, Participation, ParticipationRole, Result, Topic, TopicStatus
from regio.visions.models import Milestone, Spearhead, Vision, VisionAdoption

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
BATCH = 2000
PAGE_POOL = 20_000

# Ordinary words of municipal policy, to compose page text from (no sentence of any real document).
WORDS = (
    "gemeente regio raad college wethouder burgemeester besluit voorstel afspraak overleg samenwerking "
    "wonen woningbouw huurwoningen jongeren ouderen zorg jeugdzorg welzijn onderwijs school bibliotheek "
    "energie warmte warmtenet zonnepanelen windmolens isolatie klimaat water dijk groen park natuur "
    "landschap bomen fiets fietspad bus trein station bereikbaarheid verkeer wegen parkeren veiligheid "
    "politie brandweer handhaving economie werkgelegenheid bedrijven bedrijventerrein winkels centrum "
    "toerisme cultuur sport zwembad sporthal vereniging inwoners bewoners ondernemers partners provincie "
    "waterschap rijk subsidie begroting jaarrekening kosten bijdrage financiering budget planning "
    "uitvoering evaluatie onderzoek rapport advies zienswijze regeling convenant programma project "
    "opgave doel resultaat indicator voortgang mijlpaal termijn datum kwartaal jaar maand week "
    "vergadering agenda verslag notulen toezegging motie amendement informatie brief nota visie "
    "strategie koers ambitie uitgangspunt kader beleid verordening wet procedure participatie "
    "gesprek bijeenkomst avond presentatie werkgroep stuurgroep portefeuillehouder secretaris griffier "
    "ambtenaar organisatie team afdeling dienstverlening loket digitaal gegevens privacy archief "
    "openbaar transparant duurzaam circulair afval grondstoffen hergebruik inzameling schoon veilig "
    "gezond sociaal inclusief betaalbaar toegankelijk samen gezamenlijk regionaal lokaal nieuw bestaand "
    "eerste tweede derde volgende vorige komende snel zorgvuldig tijdig voldoende belangrijk nodig "
    "wordt worden heeft hebben neemt nemen besluit besluiten stelt stellen vraagt vragen biedt bieden "
    "werkt werken bouwt bouwen plant plannen zoekt zoeken kiest kiezen geeft geven deelt delen "
    "met voor over door naar tussen binnen onder zonder tegen langs bij van in op aan uit de het een "
    "en of maar ook nog al dat die dit deze zijn haar hun ons wij zij niet wel meer minder veel"
).split()

SPEARHEADS = (
    ("wonen", "Wonen en leefomgeving"),
    ("energie", "Energie en klimaat"),
    ("bereikbaarheid", "Bereikbaarheid"),
    ("economie", "Economie en werk"),
    ("zorg", "Zorg en welzijn"),
    ("groen", "Groen en landschap"),
)
BODY_KINDS = (
    (BodyKind.ADMINISTRATIVE, "Portefeuillehoudersoverleg"),
    (BodyKind.COLLEGES, "Overleg van de colleges"),
    (BodyKind.SECRETARIES, "Secretarissenoverleg"),
    (BodyKind.STEERING, "Stuurgroep"),
    (BodyKind.WORKING_GROUP, "Ambtelijke werkgroep"),
)
STATUS_WEIGHTS = (
    (TopicStatus.PROPOSED, 2), (TopicStatus.EXPLORING, 3), (TopicStatus.CONCRETISING, 3),
    (TopicStatus.IN_PROGRESS, 4), (TopicStatus.COMPLETED, 2), (TopicStatus.STOPPED, 1),
)


class ScaleRefused(Exception):
    """The database holds real regions and the caller did not force generating beside them."""


@dataclass
class ScaleReport:
    region: str = ""
    topic: str = ""
    meeting: int = 0
    municipality: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {
            "region": self.region, "topic": self.topic, "meeting": self.meeting, "municipality": self.municipality,
            "counts": self.counts, "seconds": round(self.seconds, 1),
        }


@dataclass
class _RegionPlan:
    region: Region
    members: list[Municipality]
    weight: int
    spearhead_ids: list[int] = field(default_factory=list)
    body_ids: list[int] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)
    topic_slugs: list[str] = field(default_factory=list)
    meeting_ids: list[int] = field(default_factory=list)


class _TopicRow(NamedTuple):
    id: int
    region: int
    title: str
    slug: str
    description: str
    proposed_by: int
    proposed_on: date
    status: str
    lead_municipality: int | None
    cooperation_form: str
    visibility: str
    folded: str  # the description's search form; not a column


class _MeetingRow(NamedTuple):
    id: int
    region: int
    body: int
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    minutes: str
    visibility: str
    folded: str  # the minutes' search form; not a column


class _AgreementRow(NamedTuple):
    id: int | None
    region: int
    meeting: int
    topic: int | None
    title: str
    text: str
    made_on: date
    council_decision_needed: bool
    visibility: str


class _CommitmentRow(NamedTuple):
    id: int
    region: int
    title: str
    description: str
    promised_by: str
    due_date: date
    topic: int | None
    state: str
    resolved_on: date | None
    visibility: str


class _DocumentRow(NamedTuple):
    id: int
    region: int
    sha256: str
    original: str
    filename: str
    media_type: str
    size: int
    title: str
    document_date: date
    kind: str
    source: str
    reader: str
    visibility: str


def _shares(total: int, weights: list[int]) -> list[int]:
    """Split `total` over the weights, proportionally, summing exactly to `total`."""
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    for i in range(total - sum(shares)):
        shares[i % len(shares)] += 1
    return shares


class _Text:
    """Generated Dutch text with its search form (the folded words) made in the same pass."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.folded = [search.fold(word) for word in WORDS]
        self.pool: list[tuple[str, str]] = []

    def sentence_indexes(self) -> list[int]:
        return self.rng.choices(range(len(WORDS)), k=self.rng.randint(7, 14))

    def page(self) -> tuple[str, str]:
        """A page of about 45 words, drawn from a pool made once: composing 800,000 pages word by word
        would cost more than storing them, and the index needs varied words, not unique pages."""
        if not self.pool:
            self.pool = [self.paragraph(45) for _ in range(PAGE_POOL)]
        return self.pool[self.rng.randrange(PAGE_POOL)]

    def paragraph(self, words: int) -> tuple[str, str]:
        sentences, folded, count = [], [], 0
        while count < words:
            idx = self.sentence_indexes()
            count += len(idx)
            text = " ".join(WORDS[i] for i in idx)
            sentences.append(text[0].upper() + text[1:] + ".")
            folded.append(" ".join(self.folded[i] for i in idx))
        return " ".join(sentences), " ".join(folded)


class ScaleGenerator:
    def __init__(
        self, *, regions: int, topics: int, meetings: int, documents: int, seed: int,
        progress: Callable[[str], None] | None = None,
    ):
        if min(regions, topics, meetings, documents) < 0 or regions < 1:
            raise ValueError("regions must be at least 1 and the other sizes 0 or more")
        self.sizes = {"regions": regions, "topics": topics, "meetings": meetings, "documents": documents}
        self.rng = random.Random(seed)
        self.text = _Text(self.rng)
        self.progress = progress or (lambda message: None)
        self.counts: dict[str, int] = {}
        self.now = timezone.now()
        self.tables: dict[tuple, ModelRows] = {}

    def count(self, name: str, n: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + n

    def bulk(self, model, objects: list, name: str | None = None) -> list:
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        if name:
            self.count(name, len(created))
        return created

    def rows(self, model, fields: tuple[str, ...], rows: list[tuple], name: str | None = None) -> None:
        """Insert plain rows (the values of `fields`, ids among them where reserved) without model
        instances (regio.core.bulk: COPY on PostgreSQL); most of bulk_create's time goes to instances."""
        table = self.tables.get((model, fields))
        if table is None:
            table = self.tables[(model, fields)] = ModelRows(model, fields, now=self.now)
        added = table.insert(rows)
        if name:
            self.count(name, added)

    def ids(self, model, n: int) -> list[int]:
        """`n` primary keys for rows of `model` inserted later in this run."""
        return reserve_ids(model._meta.db_table, n, column=model._meta.pk.column)

    def index(self, rows: list[tuple[search.Entry, str, str]]) -> None:
        self.count("search_entries", search.insert_prefolded(rows))

    # --- the run ---------------------------------------------------------------------------------

    def run(self, *, force: bool = False) -> ScaleReport:
        started = time.monotonic()
        if Region.objects.filter(is_synthetic=False).exists() and not force:
            raise ScaleRefused(
                "the database holds regions that are not synthetic; generate-scale adds a national test set "
                "beside them only with --force"
            )
        with sqlite_bulk_load(), transaction.atomic():
            old = Region.objects.filter(is_synthetic=True)
            if old.exists():
                self.progress("removing the synthetic regions of an earlier run")
                search.remove_regions(list(old.values_list("pk", flat=True)))
                # Meetings first: they protect their bodies from a cascade through the region.
                Meeting.objects.filter(region__in=old).delete()
                old.delete()
            plans = self.make_regions()
            for plan in plans:
                self.make_vision(plan)
                self.make_bodies(plan)
            self.progress(f"{len(plans)} regions, {len(self.municipalities)} municipalities")
            self.make_topics(plans)
            self.progress(f"{self.counts.get('topics', 0)} topics")
            self.make_meetings(plans)
            self.progress(f"{self.counts.get('meetings', 0)} meetings, {self.counts.get('agreements', 0)} agreements")
            self.make_commitments(plans)
            self.make_documents(plans)
            self.progress(f"{self.counts.get('documents', 0)} documents, {self.counts.get('pages', 0)} pages")
        largest = max(plans, key=lambda p: (len(p.topic_ids), p.weight))
        return ScaleReport(
            region=largest.region.slug,
            topic=largest.topic_slugs[0] if largest.topic_slugs else "",
            meeting=largest.meeting_ids[0] if largest.meeting_ids else 0,
            municipality=largest.members[0].slug,
            counts=dict(sorted(self.counts.items())),
            seconds=time.monotonic() - started,
        )

    # --- regions and municipalities --------------------------------------------------------------

    def make_regions(self) -> list[_RegionPlan]:
        records = current_municipalities()
        existing = {m.cbs_code: m for m in Municipality.objects.all()}
        taken = {m.slug for m in existing.values()}
        missing = []
        for record in records:
            if record.cbs_code in existing:
                continue
            slug = slugify(record.name)
            if slug in taken:
                slug = f"{slug}-{record.cbs_code.lower()}"
            taken.add(slug)
            missing.append(
                Municipality(cbs_code=record.cbs_code, name=record.name, slug=slug, province=record.province)
            )
        self.bulk(Municipality, missing, "municipalities_added")
        by_code = {m.cbs_code: m for m in Municipality.objects.filter(cbs_code__in=[r.cbs_code for r in records])}
        # Ordered by province and code, so neighbouring members share regions, as real ones do.
        ordered = [by_code[r.cbs_code] for r in sorted(records, key=lambda r: (r.province, r.cbs_code))]
        self.municipalities = ordered

        n = self.sizes["regions"]
        regions = self.bulk(Region, [
            Region(
                name=f"Schaalregio {i + 1:02d}", slug=f"schaalregio-{i + 1:02d}", is_synthetic=True,
                description="Gegenereerde regio voor metingen van snelheid; geen echte samenwerking.",
                change_count=1, changed_at=self.now,
            )
            for i in range(n)
        ], "regions")
        members: list[list[Municipality]] = [[] for _ in range(n)]
        for i, municipality in enumerate(ordered):
            first = i * n // len(ordered)
            for k in range(min(n, self.rng.randint(2, 6))):
                members[(first + k) % n].append(municipality)
        self.bulk(RegionMembership, [
            RegionMembership(region=region, municipality=m) for region, ms in zip(regions, members) for m in ms
        ], "memberships")
        return [_RegionPlan(region=r, members=ms, weight=len(ms)) for r, ms in zip(regions, members)]

    def make_vision(self, plan: _RegionPlan) -> None:
        region = plan.region
        vision = Vision.objects.create(
            region=region, title=f"Toekomstvisie {region.name}", summary=self.text.paragraph(30)[0]
        )
        self.count("visions", 1)
        spearheads = self.bulk(Spearhead, [
            Spearhead(vision=vision, code=code, name=name, wording=self.text.paragraph(15)[0], order=i + 1,
                      vocabulary=[name.split()[0].lower()])
            for i, (code, name) in enumerate(SPEARHEADS[: self.rng.randint(4, len(SPEARHEADS))])
        ], "spearheads")
        plan.spearhead_ids = [s.pk for s in spearheads]
        self.bulk(VisionAdoption, [
            VisionAdoption(
                vision=vision, municipality=m, adopted_start=date(2020, 11, 1), adopted_end=date(2021, 2, 28)
            )
            for m in plan.members
        ], "vision_adoptions")
        self.bulk(Milestone, [
            Milestone(region=region, start=date(2019 + i, 6, 1), end=date(2019 + i, 6, 1),
                      title=f"Mijlpaal {i + 1} van {region.name}")
            for i in range(6)
        ], "milestones")

    def make_bodies(self, plan: _RegionPlan) -> None:
        bodies = self.bulk(Body, [
            Body(region=plan.region, name=f"{label} {plan.region.name}", slug=slugify(f"{label}-{i + 1}"),
                 kind=kind, meetings_per_year=6 + 2 * i)
            for i, (kind, label) in enumerate(BODY_KINDS)
        ], "bodies")
        plan.body_ids = [b.pk for b in bodies]
        through = Body.spearheads.through
        self.bulk(through, [
            through(body_id=b.pk, spearhead_id=plan.spearhead_ids[i % len(plan.spearhead_ids)])
            for i, b in enumerate(bodies)
        ])

    # --- topics ----------------------------------------------------------------------------------

    def make_topics(self, plans: list[_RegionPlan]) -> None:
        statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
        forms = list(CooperationForm.values)
        roles = (ParticipationRole.PARTICIPATES, ParticipationRole.FOLLOWS, ParticipationRole.DECLINES)
        number = 0
        for plan, share in zip(plans, _shares(self.sizes["topics"], [p.weight for p in plans])):
            region = plan.region
            url = _url_pattern("web:topic-detail", region.slug, slug=True)
            for start in range(0, share, BATCH):
                topics = []
                for topic_id in self.ids(Topic, min(BATCH, share - start)):
                    number += 1
                    lead = self.rng.choice(plan.members).pk if self.rng.random() < 0.85 else None
                    description, folded = self.text.paragraph(40)
                    topics.append(_TopicRow(
                        topic_id, region.pk, f"Onderwerp {number:05d}", f"onderwerp-{number:05d}", description,
                        self.rng.choice(plan.members).pk, date(2018, 1, 1) + timedelta(days=self.rng.randrange(3200)),
                        self.rng.choice(statuses), lead, self.rng.choice(forms),
                        Visibility.PUBLIC if self.rng.random() < 0.9 else Visibility.INTERNAL, folded,
                    ))
                self.rows(Topic, _TopicRow._fields[:-1], [topic[:-1] for topic in topics], "topics")
                spearhead_rows, participations, results, entries = [], [], [], []
                for topic in topics:
                    k = min(len(plan.spearhead_ids), self.rng.randint(1, 2))
                    spearheads = self.rng.sample(plan.spearhead_ids, k=k)
                    spearhead_rows += [(topic.id, s) for s in spearheads]
                    joined = self.rng.sample(plan.members, k=min(len(plan.members), self.rng.randint(2, 5)))
                    participations += [
                        (topic.id, m.pk, ParticipationRole.INITIATOR if i == 0 else self.rng.choice(roles))
                        for i, m in enumerate(joined)
                    ]
                    results.append((topic.id, f"Resultaat van {topic.title}", "aantal", Decimal(0), Decimal(100),
                                    Decimal(self.rng.randrange(101))))
                    municipalities = {m.pk for m in joined} | {topic.proposed_by}
                    if topic.lead_municipality:
                        municipalities.add(topic.lead_municipality)
                    entries.append((search.Entry(
                        region.pk, "topic", topic.id, None, topic.title, topic.description, url.format(topic.slug),
                        "onderwerp", topic.visibility, topic.proposed_on, sorted(municipalities), spearheads,
                    ), search.fold_text(topic.title), topic.folded))
                    plan.topic_ids.append(topic.id)
                    plan.topic_slugs.append(topic.slug)
                self.rows(Topic.spearheads.through, ("topic", "spearhead"), spearhead_rows)
                self.rows(Participation, ("topic", "municipality", "role"), participations, "participations")
                fields = ("topic", "description", "indicator", "baseline", "target_value", "current_value")
                self.rows(Result, fields, results, "results")
                self.index(entries)

    # --- meetings, agenda items, agreements, decisions -------------------------------------------

    def make_meetings(self, plans: list[_RegionPlan]) -> None:
        number = 0
        first_day = datetime(2016, 1, 4, 10, 0, tzinfo=AMSTERDAM)
        for plan, share in zip(plans, _shares(self.sizes["meetings"], [p.weight for p in plans])):
            region = plan.region
            meeting_url = _url_pattern("web:meeting-detail", region.slug)
            agreement_url = _url_pattern("web:agreement-detail", region.slug)
            for start in range(0, share, BATCH):
                meetings = []
                for meeting_id in self.ids(Meeting, min(BATCH, share - start)):
                    number += 1
                    text, folded = self.text.paragraph(30)
                    starts = first_day + timedelta(days=self.rng.randrange(4700), hours=self.rng.randrange(8))
                    meetings.append(_MeetingRow(
                        meeting_id, region.pk, self.rng.choice(plan.body_ids), f"Overleg {number:06d}", starts,
                        starts + timedelta(hours=2), self.rng.choice(plan.members).name, text,
                        Visibility.PUBLIC if self.rng.random() < 0.9 else Visibility.INTERNAL, folded,
                    ))
                self.rows(Meeting, _MeetingRow._fields[:-1], [meeting[:-1] for meeting in meetings], "meetings")
                items, entries, agreements = [], [], []
                for meeting in meetings:
                    plan.meeting_ids.append(meeting.id)
                    for order in range(1, 4):
                        topic_id = self.rng.choice(plan.topic_ids) if plan.topic_ids else None
                        items.append((meeting.id, order, f"Agendapunt {order}", topic_id))
                    entries.append((search.Entry(
                        region.pk, "meeting", meeting.id, None, meeting.title, f"{meeting.place}\n{meeting.minutes}",
                        meeting_url.format(meeting.id), "overleg", meeting.visibility, meeting.starts_at.date(), [], [],
                    ), search.fold_text(meeting.title), search.fold_text(meeting.place) + " " + meeting.folded))
                    if self.rng.random() < 0.2:
                        text, _folded = self.text.paragraph(25)
                        agreements.append(_AgreementRow(
                            None, region.pk, meeting.id, self.rng.choice(plan.topic_ids) if plan.topic_ids else None,
                            f"Afspraak bij {meeting.title}", text, meeting.starts_at.date(),
                            self.rng.random() < 0.3, meeting.visibility,
                        ))
                self.rows(AgendaItem, ("meeting", "order", "title", "topic"), items, "agenda_items")
                self.index(entries)
                agreements = [a._replace(id=i) for a, i in zip(agreements, self.ids(Agreement, len(agreements)))]
                self.rows(Agreement, _AgreementRow._fields, agreements, "agreements")
                self.make_agreements(plan, agreements, agreement_url)

    def make_agreements(self, plan: _RegionPlan, agreements: list[_AgreementRow], url: str) -> None:
        participants, decisions, entries = [], [], []
        outcomes = (Outcome.ADOPTED, Outcome.ADOPTED, Outcome.ADOPTED, Outcome.DEFERRED, Outcome.REJECTED)
        for agreement in agreements:
            joined = self.rng.sample(plan.members, k=min(len(plan.members), self.rng.randint(2, 6)))
            participants += [(agreement.id, m.pk) for m in joined]
            for m in joined:
                if self.rng.random() < 0.8:
                    decisions.append((
                        agreement.id, m.pk, Organ.COLLEGE, DecisionKind.DECISION, self.rng.choice(outcomes),
                        agreement.made_on + timedelta(days=self.rng.randrange(7, 90)),
                    ))
            entries.append((search.Entry(
                plan.region.pk, "agreement", agreement.id, None, agreement.title, agreement.text,
                url.format(agreement.id), "afspraak", agreement.visibility, agreement.made_on,
                sorted(m.pk for m in joined), [],
            ), search.fold_text(agreement.title), search.fold_text(agreement.text)))
        self.rows(Agreement.participants.through, ("agreement", "municipality"), participants)
        fields = ("agreement", "municipality", "organ", "kind", "outcome", "decided_on")
        self.rows(MunicipalDecision, fields, decisions, "decisions")
        self.index(entries)

    # --- commitments ---------------------------------------------------------------------------------

    def make_commitments(self, plans: list[_RegionPlan]) -> None:
        number = 0
        for plan, share in zip(plans, _shares(self.sizes["topics"] // 2, [p.weight for p in plans])):
            url = _url_pattern("web:commitment-detail", plan.region.slug)
            commitments = []
            for commitment_id in self.ids(Commitment, share):
                number += 1
                due = date(2019, 1, 1) + timedelta(days=self.rng.randrange(3000))
                state = self.rng.choice((CommitmentState.OPEN, CommitmentState.OPEN, CommitmentState.FULFILLED))
                commitments.append(_CommitmentRow(
                    commitment_id, plan.region.pk, f"Toezegging {number:05d}", self.text.paragraph(20)[0],
                    "De colleges samen", due, self.rng.choice(plan.topic_ids) if plan.topic_ids else None,
                    state, due if state == CommitmentState.FULFILLED else None,
                    Visibility.PUBLIC if self.rng.random() < 0.9 else Visibility.INTERNAL,
                ))
            self.rows(Commitment, _CommitmentRow._fields, commitments, "commitments")
            councils, entries = [], []
            for commitment in commitments:
                to = self.rng.sample(plan.members, k=min(len(plan.members), self.rng.randint(1, 4)))
                councils += [(commitment.id, m.pk) for m in to]
                body = f"{commitment.description}\n{commitment.promised_by}"
                entries.append((search.Entry(
                    plan.region.pk, "commitment", commitment.id, None, commitment.title, body,
                    url.format(commitment.id), "toezegging", commitment.visibility, commitment.due_date,
                    sorted(m.pk for m in to), [],
                ), search.fold_text(commitment.title), search.fold_text(body)))
            self.rows(Commitment.recipient_councils.through, ("commitment", "municipality"), councils)
            self.index(entries)

    # --- documents and their pages -----------------------------------------------------------------

    def make_documents(self, plans: list[_RegionPlan]) -> None:
        kinds = list(DocumentKind.values)
        number = 0
        for plan, share in zip(plans, _shares(self.sizes["documents"], [p.weight for p in plans])):
            region = plan.region
            url = _url_pattern("web:document-detail", region.slug)
            for start in range(0, share, BATCH):
                documents, texts = [], []
                for document_id in self.ids(Document, min(BATCH, share - start)):
                    number += 1
                    pages = [self.text.page() for _ in range(self.rng.randint(2, 6))]
                    sha = hashlib.sha256(f"regio-generate-scale-{number}".encode()).hexdigest()
                    documents.append(_DocumentRow(
                        document_id, region.pk, sha, f"documents/{sha[:2]}/{sha}", f"document-{number:06d}.txt",
                        "text/plain", sum(len(text) for text, _ in pages), f"Document {number:06d}",
                        date(2016, 1, 1) + timedelta(days=self.rng.randrange(3800)), self.rng.choice(kinds),
                        "regio generate-scale", "text",
                        Visibility.PUBLIC if self.rng.random() < 0.7 else Visibility.INTERNAL,
                    ))
                    texts.append(pages)
                self.rows(Document, _DocumentRow._fields, documents, "documents")
                page_rows, topic_rows, municipality_rows, entries = [], [], [], []
                for document, pages in zip(documents, texts):
                    topics = self.rng.sample(plan.topic_ids, k=min(len(plan.topic_ids), 1))
                    topic_rows += [(document.id, t) for t in topics]
                    municipality = self.rng.choice(plan.members)
                    municipality_rows.append((document.id, municipality.pk))
                    folded_title = search.fold_text(document.title)
                    for number_on, (text, folded) in enumerate(pages, start=1):
                        page_rows.append((document.id, number_on, text))
                        entries.append((search.Entry(
                            region.pk, "document", document.id, number_on, document.title, text,
                            f"{url.format(document.id)}#pagina-{number_on}", document.kind, document.visibility,
                            document.document_date, [municipality.pk], [],
                        ), folded_title, folded))
                self.rows(DocumentPage, ("document", "number", "text"), page_rows, "pages")
                self.rows(Document.topics.through, ("document", "topic"), topic_rows)
                self.rows(Document.municipalities.through, ("document", "municipality"), municipality_rows)
                self.index(entries)


def _url_pattern(name: str, region_slug: str, *, slug: bool = False) -> str:
    """A URL with `{}` where the object's pk (or slug) goes, reversed once instead of per row."""
    marker = "regio-scale-marker" if slug else 987654321
    kwargs = {"region": region_slug, ("slug" if slug else "pk"): marker}
    return reverse(name, kwargs=kwargs).replace(str(marker), "{}")


def generate_scale(
    *, regions: int = 40, topics: int = 20_000, meetings: int = 100_000, documents: int = 200_000, seed: int = 1,
    force: bool = False, progress: Callable[[str], None] | None = None,
) -> ScaleReport:
    """Generate the synthetic national data set (see the module docstring); returns what to measure on."""
    generator = ScaleGenerator(
        regions=regions, topics=topics, meetings=meetings, documents=documents, seed=seed, progress=progress
    )
    return generator.run(force=force)
