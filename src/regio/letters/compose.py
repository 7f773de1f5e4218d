"""Composing a council letter (raadsinformatiebrief) from plain facts, in plain Dutch.

The letter is written in the municipality's own voice: its college tells its council where the
regional cooperation stands for this municipality — which topics it leads, joins or follows, where
it stands on each agreement (its own decision first), what was promised to this council and whether
that was kept, what is coming, and what changed since the previous letter. No database here: a
Django adapter (`gather.py`) collects the facts; renderers turn the result into HTML, PDF and Word.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from regio.extraction.dates import Window, describe_window
from regio.letters import charts
from regio.letters.document import BulletList, Figure, Heading, Letter, Paragraph, Signatory

# How far a topic is along its lifecycle, used when it has no measurable result yet.
STATUS_PROGRESS = {
    "voorgesteld": 0,
    "verkennen": 20,
    "concretiseren": 40,
    "in_uitvoering": 70,
    "afgerond": 100,
    "gestopt": 0,
}
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
    blocks += _topics(data, relevant)
    blocks += _agreements(data)
    blocks += _commitments(data)
    blocks += _meetings(data)
    blocks += _new_topics(data)
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
    bars = []
    for code, name in data.spearheads:
        topics = by_spearhead.get(code, [])
        if topics:
            value = round(sum(topic_progress(t) for t in topics) / len(topics))
            bars.append(charts.Bar(name, value, f"{value}%"))
    if bars:
        blocks.append(
            Figure(
                caption="Voortgang per speerpunt",
                svg=charts.horizontal_bars(title="Voortgang per speerpunt", bars=bars, maximum=100, colour=data.colour),
                alt="Voortgang per speerpunt: " + "; ".join(f"{b.label} {b.text}" for b in bars) + ".",
            )
        )
    return blocks


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
        others = []
        for name in agreement.participants:
            if name == m:
                continue
            decided = [d for d in agreement.decisions if d.municipality == name and d.kind == "besluit"]
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
        bars = [charts.Bar(month, count, str(count)) for month, count in data.meetings_per_month]
        blocks.append(
            Figure(
                caption="Regionale vergaderingen per maand",
                svg=charts.vertical_bars(title="Regionale vergaderingen per maand", bars=bars, colour=data.colour),
                alt="Regionale vergaderingen per maand: " + "; ".join(f"{b.label} {b.text}" for b in bars) + ".",
            )
        )
    return blocks


def _new_topics(data: LetterInput) -> list:
    new = [t for t in data.topics if t.created_on and data.period_start <= t.created_on <= data.period_end]
    if not new:
        return []
    return [
        Heading("Nieuwe onderwerpen"),
        Paragraph("Deze onderwerpen zijn in deze periode op de regionale agenda gekomen:"),
        BulletList(tuple(f"{t.title} ({t.status_label})" for t in new)),
    ]


def _changes(data: LetterInput) -> list:
    blocks: list = [Heading("Wat is er veranderd sinds de vorige brief")]
    if data.previous_letter_date is None:
        blocks.append(Paragraph("Dit is de eerste voortgangsbrief over de regionale samenwerking aan uw raad."))
    elif data.changes_since_previous:
        blocks.append(Paragraph(f"Sinds onze vorige brief van {day(data.previous_letter_date)} is het volgende veranderd:"))
        blocks.append(BulletList(data.changes_since_previous))
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
