"""Composing a council letter (raadsinformatiebrief) from plain facts, in plain Dutch.

The letter is written in the municipality's own voice: its college tells its council where the
regional cooperation stands for this municipality — which topics it leads, joins or follows, where
it stands on each agreement (its own decision first), what was promised to this council and whether
that was kept, what is coming, and what changed since the previous letter. No database here: a
Django adapter (`gather.py`) collects the facts; renderers turn the result into HTML, PDF and Word.

Big regions: a municipality involved in more than `SUMMARY_THRESHOLD` topics gets a summarised
topics section instead of one paragraph per topic (a council letter of dozens of pages is read by
nobody). Per spearhead it counts the topics by role and by status, names every topic the
municipality leads (with status and progress) and every topic that changed in the period (new,
status changed, result progressed), and counts the rest with a link to the public topic list
filtered on the municipality and spearhead. Below the threshold — the Leidse regio, where each
municipality is in a handful of topics — every topic is listed in full, as before.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from regio.extraction.dates import Window, describe_window
from regio.letters import charts
from regio.letters.document import BulletList, Figure, Heading, Letter, Paragraph, Signatory, Table
from regio.meetings import consent

# How far a topic is along its lifecycle, used when it has no measurable result yet.
STATUS_PROGRESS = {
    "voorgesteld": 0,
    "verkennen": 20,
    "concretiseren": 40,
    "in_uitvoering": 70,
    "afgerond": 100,
    "gestopt": 0,
}
# One line under every chart of progress, so a reader knows where "20%" comes from.
PROGRESS_NOTE = (
    "Voortgang: per onderwerp het gemiddelde van de gemeten resultaten; zonder meetbaar resultaat telt de fase "
    "(verkennen 20%, concretiseren 40%, in uitvoering 70%, afgerond 100%)."
)
MEETINGS_NOTE = "Geteld: vergaderingen met een vaste datum; afgelaste vergaderingen en vensters zonder datum niet."
ROLE_SENTENCE = {
    "initiatiefnemer": "{m} heeft dit onderwerp ingebracht en doet mee",
    "doet_mee": "{m} doet mee",
    "volgt": "{m} volgt dit onderwerp",
    "doet_niet_mee": "{m} doet niet mee",
}
OUTCOME_TEXT = {
    "ingestemd": "ingestemd",
    "afgewezen": "niet ingestemd",
    "aangehouden": "aangehouden",
    "niet_nodig": "niet nodig",
}
# A letter lists the first meetings by name and counts the rest, so it stays readable.
MAX_MEETINGS_LISTED = 12
# Above this many topics (led, joined or followed) the topics section is summarised per spearhead:
# twenty one-paragraph topics already fill about three pages, the most a griffier reads for them.
SUMMARY_THRESHOLD = 20
# More new topics in the region than this are counted, not listed (those the municipality is in are
# named in the topics section anyway).
MAX_NEW_LISTED = 25
# An agreement with more other participants than this groups them by outcome instead of one line each.
MAX_PARTICIPANTS_LISTED = 8
# ... and names the municipalities per outcome up to this many (more are counted).
MAX_NAMES_PER_OUTCOME = 12
# Changes since the previous letter beyond this many are counted, not listed.
MAX_CHANGES_LISTED = 25
ROLE_ORDER = ("trekker", "doet_mee", "volgt")
ORGAN_NAME = {"college": "college", "raad": "raad"}


def day(value: datetime.date) -> str:
    return describe_window(Window(value, value))


@dataclass(frozen=True)
class ResultFacts:
    description: str
    progress_percent: int | None = None
    current: str | None = None
    target: str | None = None
    unit: str = ""
    target_date: datetime.date | None = None
    measured_on: datetime.date | None = None  # when the current value was last changed
    progress_before: int | None = None  # the progress before that change, if it was measured then


@dataclass(frozen=True)
class StatusChangeFacts:
    changed_on: datetime.date
    from_label: str  # "" for a topic's first status
    to_label: str


@dataclass(frozen=True)
class TopicFacts:
    title: str
    spearheads: tuple[str, ...]
    status: str
    status_label: str
    own_role: str | None = None
    leads: bool = False
    lead: str | None = None
    results: tuple[ResultFacts, ...] = ()
    created_on: datetime.date | None = None
    status_changes: tuple[StatusChangeFacts, ...] = ()


@dataclass(frozen=True)
class DecisionFacts:
    municipality: str
    organ: str
    outcome: str
    decided_on: datetime.date
    kind: str = "besluit"


@dataclass(frozen=True)
class AgreementFacts:
    title: str
    made_on: datetime.date
    text: str
    participants: tuple[str, ...]
    decisions: tuple[DecisionFacts, ...] = ()
    needs_council: bool = False
    needs_all: bool = False  # one rejection blocks it (otherwise it binds each municipality that adopts it)


@dataclass(frozen=True)
class CommitmentFacts:
    title: str
    promised_by: str
    due_date: datetime.date
    due_label: str
    state: str = "open"
    resolved_on: datetime.date | None = None
    evidence: str = ""


@dataclass(frozen=True)
class MeetingFacts:
    title: str
    when: str
    first_day: datetime.date
    place: str = ""
    dated: bool = True


@dataclass(frozen=True)
class ViewDeadlineFacts:
    """A deadline for the council's view (zienswijze) on a document of a gemeenschappelijke regeling."""

    document: str
    arrangement: str
    deadline: datetime.date
    state: str  # e.g. "in voorbereiding", "vastgesteld"; empty when none is recorded


@dataclass(frozen=True)
class LetterInput:
    region: str
    municipality: str
    period_start: datetime.date
    period_end: datetime.date
    letter_date: datetime.date
    reference: str
    vision_title: str = ""
    vision_subtitle: str = ""
    spearheads: tuple[tuple[str, str], ...] = ()  # (code, name) in the vision's order
    topics: tuple[TopicFacts, ...] = ()
    agreements: tuple[AgreementFacts, ...] = ()
    commitments: tuple[CommitmentFacts, ...] = ()
    meetings: tuple[MeetingFacts, ...] = ()
    meetings_per_month: tuple[tuple[str, int], ...] = ()
    previous_letter_date: datetime.date | None = None
    changes_since_previous: tuple[str, ...] = ()
    mayor: str = ""
    secretary: str = ""
    contact_name: str = ""
    contact_email: str = ""
    colour: str = "#1f5f8b"
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The public list of topics filtered on this municipality (a summarised letter refers to it).
    overview_url: str = ""
    view_deadlines: tuple[ViewDeadlineFacts, ...] = ()


def topic_progress(topic: TopicFacts) -> int:
    """Mean progress of the measurable results, or the lifecycle stage when none is measurable."""
    measured = [r.progress_percent for r in topic.results if r.progress_percent is not None]
    if measured:
        return round(sum(measured) / len(measured))
    return STATUS_PROGRESS.get(topic.status, 0)


def compose_letter(data: LetterInput) -> Letter:
    m = data.municipality
    period = f"{day(data.period_start)} tot en met {day(data.period_end)}"
    blocks: list = [
        Paragraph(
            f"Met deze brief informeren wij u over de samenwerking in de {data.region} in de periode van {period}. "
            f"U leest waar {m} aan meedoet, welke afspraken er zijn gemaakt en wat wij u hebben toegezegd."
        ),
        Paragraph(
            f"In de {data.region} beslist elke gemeente zelf. Een afspraak in de regio geldt voor {m} pas "
            f"als ons college of uw raad daarmee heeft ingestemd."
        ),
    ]
    relevant = [t for t in data.topics if t.own_role is not None or t.leads]
    nothing_happened = not (
        data.agreements
        or any(c.resolved_on and data.period_start <= c.resolved_on <= data.period_end for c in data.commitments)
        or any(t.created_on and data.period_start <= t.created_on <= data.period_end for t in data.topics)
        or data.changes_since_previous
    )
    if nothing_happened:
        blocks.append(Paragraph("In deze periode is er in de samenwerking niets veranderd dat uw raad raakt."))

    blocks += _vision(data)
    blocks += _topics_summary(data, relevant) if len(relevant) > SUMMARY_THRESHOLD else _topics(data, relevant)
    blocks += _agreements(data)
    blocks += _commitments(data)
    blocks += _meetings(data)
    blocks += _view_deadlines(data)
    blocks += _new_topics(data, summarised=len(relevant) > SUMMARY_THRESHOLD)
    blocks += _changes(data)

    contact = ()
    if data.contact_name:
        contact = (f"Contactpersoon: {data.contact_name}",) + ((f"E-mail: {data.contact_email}",) if data.contact_email else ())
    signatories = tuple(
        Signatory(role, name) for role, name in (("de secretaris", data.secretary), ("de burgemeester", data.mayor))
    )
    return Letter(
        municipality=m,
        sender=f"College van burgemeester en wethouders van {m}",
        addressee=(f"Aan de gemeenteraad van {m}",),
        place=m,
        date=data.letter_date,
        date_text=f"{m}, {day(data.letter_date)}",
        reference=data.reference,
        subject=f"Voortgang samenwerking {data.region}, {period}",
        salutation="Geachte raad,",
        blocks=tuple(blocks),
        closing="Wij lichten deze brief graag toe als u daarom vraagt.",
        signatories=signatories,
        contact=contact,
        colour=data.colour,
        period_text=period,
        notes=data.notes,
    )


def _vision(data: LetterInput) -> list:
    if not data.vision_title:
        return []
    blocks = [Heading("De toekomstvisie in het kort")]
    motto = f" ({data.vision_subtitle})" if data.vision_subtitle else ""
    blocks.append(
        Paragraph(
            f"De gemeenten werken samen op basis van de {data.vision_title}{motto}. "
            f"De visie noemt {len(data.spearheads)} speerpunten:"
        )
    )
    blocks.append(BulletList(tuple(name for _code, name in data.spearheads)))
    return blocks


def _topics(data: LetterInput, relevant: list[TopicFacts]) -> list:
    m = data.municipality
    blocks: list = [Heading("Onderwerpen per speerpunt")]
    if not relevant:
        blocks.append(Paragraph(f"{m} doet op dit moment aan geen enkel regionaal onderwerp mee."))
        return blocks
    leads = [t.title for t in relevant if t.leads]
    joins = [t.title for t in relevant if not t.leads and t.own_role in ("initiatiefnemer", "doet_mee")]
    follows = [t.title for t in relevant if t.own_role == "volgt"]
    summary = []
    if leads:
        summary.append(f"is trekker van {_join(leads)}")
    if joins:
        summary.append(f"doet mee aan {_join(joins)}")
    if follows:
        summary.append(f"volgt {_join(follows)}")
    blocks.append(Paragraph(f"{m} " + "; ".join(summary) + "."))
    by_spearhead: dict[str, list[TopicFacts]] = defaultdict(list)
    for topic in relevant:
        for code in topic.spearheads:
            by_spearhead[code].append(topic)
    without = []
    for code, name in data.spearheads:
        topics = by_spearhead.get(code)
        if not topics:
            without.append(name)
            continue
        blocks.append(Heading(name, level=3))
        blocks.append(BulletList(tuple(_topic_line(m, t) for t in topics)))
    if without:
        blocks.append(Paragraph(f"Op {_join(without)} doet {m} nu niet mee aan een regionaal onderwerp."))
    return blocks + _progress_figure(data, by_spearhead)


def _progress_figure(data: LetterInput, by_spearhead: dict[str, list[TopicFacts]]) -> list:
    bars = []
    for code, name in data.spearheads:
        topics = by_spearhead.get(code, [])
        if topics:
            value = round(sum(topic_progress(t) for t in topics) / len(topics))
            bars.append(charts.Bar(name, value, f"{value}%"))
    if not bars:
        return []
    return [
        Figure(
            caption="Voortgang per speerpunt",
            svg=charts.horizontal_bars(
                title="Voortgang per speerpunt", bars=bars, maximum=100, colour=data.colour, note=PROGRESS_NOTE
            ),
            alt="Voortgang per speerpunt: " + "; ".join(f"{b.label} {b.text}" for b in bars) + ". " + PROGRESS_NOTE,
        )
    ]


def _role(topic: TopicFacts) -> str:
    """'trekker', 'doet_mee' or 'volgt': the one role a topic is counted under in a summary."""
    if topic.leads:
        return "trekker"
    return "volgt" if topic.own_role == "volgt" else "doet_mee"


def _in_period(data: LetterInput, value: datetime.date | None) -> bool:
    return value is not None and data.period_start <= value <= data.period_end


def period_changes(data: LetterInput, topic: TopicFacts) -> list[str]:
    """What happened to `topic` in the letter's period, as short Dutch phrases (empty: nothing)."""
    changes = []
    if _in_period(data, topic.created_on):
        changes.append(f"nieuw sinds {day(topic.created_on)}")
    for change in sorted(topic.status_changes, key=lambda c: c.changed_on):
        if _in_period(data, change.changed_on) and change.from_label:
            changes.append(f"op {day(change.changed_on)} van '{change.from_label}' naar '{change.to_label}'")
    for result in topic.results:
        if _in_period(data, result.measured_on) and result.progress_percent is not None:
            before = f"van {result.progress_before}% " if result.progress_before is not None else ""
            changes.append(f"resultaat '{result.description}' {before}naar {result.progress_percent}%")
    return changes


def _topics_summary(data: LetterInput, relevant: list[TopicFacts]) -> list:
    """The topics section for a municipality in many topics: counts, its leads, and what changed."""
    m = data.municipality
    roles = Counter(_role(t) for t in relevant)
    blocks: list = [
        Heading("Onderwerpen per speerpunt"),
        Paragraph(
            f"{m} is betrokken bij {len(relevant)} regionale onderwerpen: {m} is trekker van {roles['trekker']}, "
            f"doet mee aan {roles['doet_mee']} en volgt {roles['volgt']} onderwerpen. Omdat dat er veel zijn, noemen "
            f"wij per speerpunt alleen de onderwerpen waarvan {m} trekker is en de onderwerpen die in deze periode "
            f"zijn veranderd; tussen haakjes staat de rol van {m}. De andere onderwerpen tellen wij."
            + (f" Het volledige overzicht staat op {data.overview_url}." if data.overview_url else "")
        ),
    ]
    by_spearhead: dict[str, list[TopicFacts]] = defaultdict(list)
    known = {code for code, _name in data.spearheads}
    groups = list(data.spearheads)
    for topic in relevant:
        codes = [code for code in topic.spearheads if code in known] or [""]
        for code in codes:
            by_spearhead[code].append(topic)
    if by_spearhead.get(""):
        groups.append(("", "Zonder speerpunt"))
    rows = []
    for code, name in groups:
        counts = Counter(_role(t) for t in by_spearhead.get(code, []))
        rows.append((name, *(str(counts[r]) for r in ROLE_ORDER), str(sum(counts.values()))))
    rows.append(("Alle speerpunten", *(str(roles[r]) for r in ROLE_ORDER), str(len(relevant))))
    blocks.append(
        Table(
            caption=f"Onderwerpen van {m} per speerpunt",
            headers=("Speerpunt", "Trekker", "Doet mee", "Volgt", "Totaal"),
            rows=tuple(rows),
        )
    )
    if any(len([c for c in t.spearheads if c in known]) > 1 for t in relevant):
        blocks.append(Paragraph("Een onderwerp dat onder meer speerpunten valt, telt bij elk van die speerpunten mee."))
    order = {status: i for i, status in enumerate(STATUS_PROGRESS)}
    for code, name in groups:
        topics = by_spearhead.get(code)
        if not topics:
            continue
        blocks.append(Heading(name, level=3))
        labels: dict[str, str] = {}
        for topic in topics:
            labels.setdefault(topic.status, topic.status_label)
        statuses = Counter(t.status for t in topics)
        stand = ", ".join(
            f"{labels[s]} {statuses[s]}" for s in sorted(statuses, key=lambda s: (order.get(s, len(order)), s))
        )
        blocks.append(Paragraph(f"{len(topics)} onderwerpen. Stand van zaken: {stand}."))
        lines, rest = [], Counter()
        for topic in topics:
            changes = period_changes(data, topic)
            if topic.leads:
                stand = f"{topic.status_label}, voortgang {topic_progress(topic)}%"
                lines.append(f"{topic.title} (trekker): {'; '.join([stand, *changes])}.")
            elif changes:
                role = "doet mee" if _role(topic) == "doet_mee" else "volgt"
                lines.append(f"{topic.title} ({role}): {'; '.join(changes)}.")
            else:
                rest[_role(topic)] += 1
        if lines:
            blocks.append(BulletList(tuple(lines)))
        if rest:
            blocks.append(Paragraph(_rest_sentence(data, rest, others=bool(lines))))
    return blocks + _progress_figure(data, by_spearhead)


def _rest_sentence(data: LetterInput, rest: Counter, *, others: bool) -> str:
    """'En 37 andere onderwerpen waaraan Voorschoten meedoet; ...': the topics a summary only counts."""
    m, total = data.municipality, sum(rest.values())
    noun = "andere onderwerpen" if others else "onderwerpen"
    if total == 1:
        noun = "ander onderwerp" if others else "onderwerp"
    which = "die" if total > 1 else "dat"  # de onderwerpen die, het onderwerp dat
    if rest["doet_mee"] and rest["volgt"]:
        text = (
            f"En {total} {noun} waarin in deze periode niets is veranderd: {m} doet mee aan {rest['doet_mee']} "
            f"en volgt er {rest['volgt']}."
        )
    elif rest["doet_mee"]:
        text = f"En {total} {noun} waaraan {m} meedoet; daarin is in deze periode niets veranderd."
    else:
        text = f"En {total} {noun} {which} {m} volgt; daarin is in deze periode niets veranderd."
    return text


def _topic_line(m: str, topic: TopicFacts) -> str:
    role = f"{m} is trekker" if topic.leads else ROLE_SENTENCE.get(topic.own_role or "", "").format(m=m)
    lead = f"Trekker: {topic.lead}." if topic.lead else "De trekker is nog niet bepaald."
    parts = [f"{topic.title}: {role}. Stand van zaken: {topic.status_label}. {lead}"]
    for result in topic.results:
        if result.progress_percent is not None:
            target = f" (doel: {result.target} {result.unit}".rstrip() + (
                f" in {day(result.target_date)})" if result.target_date else ")"
            )
            parts.append(f"Resultaat '{result.description}': {result.progress_percent}% bereikt{target}.")
        else:
            parts.append(f"Beoogd resultaat: {result.description}.")
    return " ".join(parts)


def _agreements(data: LetterInput) -> list:
    m = data.municipality
    blocks: list = [Heading("Afspraken in deze periode")]
    if not data.agreements:
        blocks.append(Paragraph("In deze periode zijn er geen nieuwe regionale afspraken gemaakt."))
        return blocks
    for agreement in sorted(data.agreements, key=lambda a: a.made_on):
        blocks.append(Heading(f"{agreement.title} ({day(agreement.made_on)})", level=3))
        blocks.append(Paragraph(agreement.text))
        own = [d for d in agreement.decisions if d.municipality == m and d.kind == "besluit"]
        if m not in agreement.participants:
            blocks.append(Paragraph(f"{m} doet niet mee aan deze afspraak."))
        elif own:
            blocks.append(Paragraph(" ".join(_decision_sentence(d) for d in sorted(own, key=lambda d: d.organ))))
        else:
            blocks.append(Paragraph(f"{m} heeft over deze afspraak nog geen besluit genomen."))
        decisions_of: dict[str, list[DecisionFacts]] = defaultdict(list)
        for d in agreement.decisions:
            if d.kind == "besluit":
                decisions_of[d.municipality].append(d)
        blocks.append(Paragraph(f"Stand: {_consent_line(agreement, decisions_of)}."))
        names = [name for name in agreement.participants if name != m]
        if len(names) > MAX_PARTICIPANTS_LISTED:
            blocks.append(Paragraph(f"De andere {len(names)} gemeenten: {_grouped_decisions(names, decisions_of)}."))
            continue
        others = []
        for name in names:
            decided = decisions_of.get(name)
            if decided:
                others.append(
                    f"{name}: "
                    + "; ".join(f"{ORGAN_NAME[d.organ]} {OUTCOME_TEXT[d.outcome]} op {day(d.decided_on)}" for d in decided)
                )
            else:
                others.append(f"{name}: nog geen besluit")
        if others:
            blocks.append(Paragraph("De andere gemeenten:"))
            blocks.append(BulletList(tuple(others)))
    return blocks


def _consent_line(agreement: AgreementFacts, decisions_of: dict[str, list[DecisionFacts]]) -> str:
    cells = []
    for name in agreement.participants:
        by_organ = {d.organ: d.outcome for d in decisions_of.get(name, ())}
        cells.append(consent.Cell(name, by_organ.get("college"), by_organ.get("raad"), agreement.needs_council))
    return consent.summary_nl(consent.consent_outcome(cells, needs_all=agreement.needs_all))


def _grouped_decisions(names: list[str], decisions_of: dict[str, list[DecisionFacts]]) -> str:
    """Per organ and outcome who decided ('college ingestemd: A, B en C; ...'), for agreements with many members."""
    groups: dict[str, list[str]] = defaultdict(list)
    undecided = []
    for name in names:
        decided = decisions_of.get(name)
        if not decided:
            undecided.append(name)
        for d in decided or ():
            groups[f"{ORGAN_NAME[d.organ]} {OUTCOME_TEXT[d.outcome]}"].append(name)
    if undecided:
        groups["nog geen besluit"] = undecided
    return "; ".join(
        f"{label} {_join(members)}" if len(members) <= MAX_NAMES_PER_OUTCOME else f"{label} {len(members)}"
        for label, members in groups.items()
    )


def _decision_sentence(decision: DecisionFacts) -> str:
    who = "Ons college" if decision.organ == "college" else "Uw raad"
    verbs = {
        "ingestemd": "heeft op {d} met deze afspraak ingestemd.",
        "afgewezen": "heeft op {d} niet met deze afspraak ingestemd.",
        "aangehouden": "heeft het besluit op {d} aangehouden.",
        "niet_nodig": "hoefde over deze afspraak niet te besluiten.",
    }
    return f"{who} " + verbs[decision.outcome].format(d=day(decision.decided_on))


def _commitments(data: LetterInput) -> list:
    blocks: list = [Heading("Toezeggingen aan uw raad")]
    if not data.commitments:
        blocks.append(Paragraph("Er staan geen toezeggingen aan uw raad open."))
        return blocks
    today = data.letter_date
    kept, open_, overdue = [], [], []
    on_time = late = 0
    for c in sorted(data.commitments, key=lambda c: c.due_date):
        if c.state == "nagekomen" and c.resolved_on:
            if data.period_start <= c.resolved_on <= data.period_end:
                evidence = f" ({c.evidence})" if c.evidence else ""
                kept.append(f"{c.title}: nagekomen op {day(c.resolved_on)}{evidence}.")
            if c.resolved_on <= c.due_date:
                on_time += 1
            else:
                late += 1
        elif c.state == "open":
            if c.due_date < today:
                overdue.append(
                    f"{c.title}: wij hebben dit toegezegd voor uiterlijk {c.due_label}. Dat is niet gelukt; "
                    f"de termijn is op {day(c.due_date)} verstreken."
                )
            else:
                open_.append(f"{c.title}: uiterlijk {c.due_label}.")
    if kept:
        blocks += [Paragraph("Nagekomen in deze periode:"), BulletList(tuple(kept))]
    if overdue:
        blocks += [Paragraph("Te laat:"), BulletList(tuple(overdue))]
    if open_:
        blocks += [Paragraph("Nog open:"), BulletList(tuple(open_))]
    if not (kept or overdue or open_):
        blocks.append(Paragraph("In deze periode is geen toezegging nagekomen en er staat er geen open."))
    bars = [
        charts.Bar("Op tijd nagekomen", on_time, str(on_time), "#1b6b3a"),
        charts.Bar("Te laat nagekomen", late, str(late), "#8a3b00"),
        charts.Bar("Open, op tijd", len(open_), str(len(open_)), "#1f5f8b"),
        charts.Bar("Open, te laat", len(overdue), str(len(overdue)), "#a4161a"),
    ]
    maximum = max(b.value for b in bars) or 1
    blocks.append(
        Figure(
            caption="Toezeggingen aan uw raad",
            svg=charts.horizontal_bars(title="Toezeggingen aan uw raad", bars=bars, maximum=maximum),
            alt="Toezeggingen aan uw raad: " + "; ".join(f"{b.label} {b.text}" for b in bars) + ".",
        )
    )
    return blocks


def _meetings(data: LetterInput) -> list:
    blocks: list = [Heading("Vergaderingen die eraan komen")]
    upcoming = sorted(data.meetings, key=lambda meeting: meeting.first_day)
    if upcoming:
        items = []
        for meeting in upcoming[:MAX_MEETINGS_LISTED]:
            place = f", {meeting.place}" if meeting.place else ""
            date_note = "" if meeting.dated else " (de precieze datum volgt)"
            items.append(f"{meeting.title}: {meeting.when}{place}{date_note}.")
        blocks.append(BulletList(tuple(items)))
        if len(upcoming) > MAX_MEETINGS_LISTED:
            rest = len(upcoming) - MAX_MEETINGS_LISTED
            blocks.append(Paragraph(f"Daarna volgen nog {rest} bestuurlijke vergaderingen in de komende zes maanden."))
    else:
        blocks.append(Paragraph("Er zijn nog geen regionale vergaderingen gepland."))
    if data.meetings_per_month and any(count for _month, count in data.meetings_per_month):
        bars, period = charts.per_period([(*_month_key(label), count) for label, count in data.meetings_per_month])
        title = f"Regionale vergaderingen per {period}"
        blocks.append(
            Figure(
                caption=title,
                svg=charts.vertical_bars(title=title, bars=bars, colour=data.colour, note=MEETINGS_NOTE),
                alt=f"{title}: " + "; ".join(f"{b.label} {b.text}" for b in bars) + ". " + MEETINGS_NOTE,
            )
        )
    return blocks


def _view_deadlines(data: LetterInput) -> list:
    """The deadlines for the council's views on the regelingen's documents; nothing when there are none."""
    if not data.view_deadlines:
        return []
    items = []
    for facts in sorted(data.view_deadlines, key=lambda f: (f.deadline, f.document)):
        state = f" Stand: {facts.state}." if facts.state else " Er is nog geen zienswijze vastgelegd."
        items.append(f"{facts.document} ({facts.arrangement}): zienswijze uiterlijk {day(facts.deadline)}.{state}")
    return [Heading("Zienswijzen op gemeenschappelijke regelingen"), BulletList(tuple(items))]


def _month_key(label: str) -> tuple[int, int]:
    """("sep", 2018) from the month label "sep 2018" the gathered facts carry."""
    name, year = label.split()
    return int(year), charts.MONTH_ABBREVIATIONS.index(name) + 1


def _new_topics(data: LetterInput, *, summarised: bool) -> list:
    new = [t for t in data.topics if t.created_on and data.period_start <= t.created_on <= data.period_end]
    if not new:
        return []
    if len(new) <= MAX_NEW_LISTED:
        return [
            Heading("Nieuwe onderwerpen"),
            Paragraph("Deze onderwerpen zijn in deze periode op de regionale agenda gekomen:"),
            BulletList(tuple(f"{t.title} ({t.status_label})" for t in new)),
        ]
    m = data.municipality
    own = [t for t in new if t.own_role is not None or t.leads]
    blocks: list = [
        Heading("Nieuwe onderwerpen"),
        Paragraph(
            f"In deze periode zijn {len(new)} onderwerpen op de regionale agenda gekomen. "
            f"{m} is bij {len(own)} daarvan betrokken"
            + ("; die staan hierboven bij hun speerpunt." if summarised and own else ".")
        ),
    ]
    if own and not summarised:
        blocks.append(BulletList(tuple(f"{t.title} ({t.status_label})" for t in own)))
    if data.overview_url:
        blocks.append(Paragraph(f"Alle onderwerpen van de regio staan op {_region_overview(data)}."))
    return blocks


def _region_overview(data: LetterInput) -> str:
    """The overview address without the municipality filter: every topic of the region."""
    parts = urlsplit(data.overview_url)
    return urlunsplit(parts._replace(query=""))


def _changes(data: LetterInput) -> list:
    blocks: list = [Heading("Wat is er veranderd sinds de vorige brief")]
    if data.previous_letter_date is None:
        blocks.append(Paragraph("Dit is de eerste voortgangsbrief over de regionale samenwerking aan uw raad."))
    elif data.changes_since_previous:
        blocks.append(Paragraph(f"Sinds onze vorige brief van {day(data.previous_letter_date)} is het volgende veranderd:"))
        blocks.append(BulletList(data.changes_since_previous[:MAX_CHANGES_LISTED]))
        rest = len(data.changes_since_previous) - MAX_CHANGES_LISTED
        if rest > 0:
            blocks.append(Paragraph(f"Verder zijn er nog {rest} wijzigingen; die noemen wij hier niet apart."))
    else:
        blocks.append(Paragraph(f"Sinds onze vorige brief van {day(data.previous_letter_date)} is er niets veranderd."))
    return blocks


def _join(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
