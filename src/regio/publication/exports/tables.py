"""CSV tables per entity, for spreadsheet users: Dutch headers, ISO dates, `;` as separator and UTF-8
with a byte-order mark, which is what Excel with a Dutch locale needs to open a file correctly.

One function per table returns the header and the rows as plain values; `core.spreadsheets.csv_bytes`
writes them (and neutralises every cell a spreadsheet would run as a formula).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone

from regio.meetings.models import ConsentState, consent_cells, consent_state
from regio.publication.exports import selectors
from regio.regions.models import Region
from regio.topics.models import ParticipationRole

Table = tuple[list[str], list[list]]


def topics_table(region: Region) -> Table:
    header = [
        "slug",
        "titel",
        "status",
        "speerpunten",
        "trekker",
        "samenwerkingsvorm",
        "ingebracht door",
        "ingebracht op",
        "doen mee",
        "volgen",
        "doen niet mee",
        "partners",
        "omschrijving",
    ]
    rows = []
    for topic in selectors.public_topics(region):
        by_role = {role: [] for role in ParticipationRole.values}
        for p in topic.participations.all():
            by_role[p.role].append(p.municipality.name)
        rows.append(
            [
                topic.slug,
                topic.title,
                topic.get_status_display(),
                _join(s.name for s in topic.spearheads.all()),
                topic.lead_municipality.name if topic.lead_municipality_id else "",
                topic.get_cooperation_form_display(),
                topic.proposed_by.name if topic.proposed_by_id else "",
                topic.proposed_on,
                _join(by_role[ParticipationRole.INITIATOR] + by_role[ParticipationRole.PARTICIPATES]),
                _join(by_role[ParticipationRole.FOLLOWS]),
                _join(by_role[ParticipationRole.DECLINES]),
                _join(f"{p.organisation.name} ({p.role})" for p in topic.partners.all()),
                topic.description,
            ]
        )
    return header, rows


def results_table(region: Region) -> Table:
    header = [
        "onderwerp",
        "resultaat",
        "indicator",
        "eenheid",
        "nulmeting",
        "streefwaarde",
        "streefdatum",
        "huidige waarde",
        "voortgang (%)",
    ]
    rows = [
        [
            r.topic.title,
            r.description,
            r.indicator,
            r.unit,
            r.baseline,
            r.target_value,
            r.target_date,
            r.current_value,
            r.progress_percent,
        ]
        for r in selectors.public_results(region)
    ]
    return header, rows


def agreements_table(region: Region) -> Table:
    """One row per agreement and participating municipality, with its college's and council's decision."""
    header = [
        "afspraak",
        "gemaakt op",
        "onderwerp",
        "vergadering",
        "stand",
        "gemeente",
        "besluit college",
        "datum college",
        "besluit raad",
        "datum raad",
        "raadsbesluit nodig",
        "tekst",
    ]
    rows = []
    for agreement in selectors.public_agreements(region):
        cells = consent_cells(agreement)
        state = consent_state(cells)
        topic = agreement.topic if agreement.topic and agreement.topic.visibility == selectors.PUBLIC else None
        meeting = agreement.meeting if agreement.meeting and agreement.meeting.visibility == selectors.PUBLIC else None
        names = {m.pk: m.name for m in agreement.participants.all()}
        for cell in cells:
            rows.append(
                [
                    agreement.title,
                    agreement.made_on,
                    topic.title if topic else "",
                    meeting.title if meeting else "",
                    _consent_label(state),
                    names[cell.municipality_id],
                    cell.college.get_outcome_display() if cell.college else "",
                    cell.college.decided_on if cell.college else None,
                    cell.council.get_outcome_display() if cell.council else "",
                    cell.council.decided_on if cell.council else None,
                    _yes_no(agreement.council_decision_needed),
                    agreement.text,
                ]
            )
    return header, rows


def commitments_table(region: Region) -> Table:
    header = [
        "toezegging",
        "toegezegd door",
        "colleges",
        "aan raden",
        "aan partner",
        "uiterlijk",
        "venster vanaf",
        "stand",
        "te laat",
        "afgehandeld op",
        "onderbouwing",
        "onderwerp",
        "bron",
    ]
    today = timezone.localdate()
    rows = []
    for c in selectors.public_commitments(region):
        topic = c.topic if c.topic and c.topic.visibility == selectors.PUBLIC else None
        rows.append(
            [
                c.title,
                c.promised_by,
                _join(m.name for m in c.promised_by_municipalities.all()),
                _join(m.name for m in c.recipient_councils.all()),
                c.recipient_organisation.name if c.recipient_organisation_id else "",
                c.due_date,
                c.due_start,
                c.get_state_display(),
                _yes_no(c.is_overdue(today)),
                c.resolved_on,
                c.evidence,
                topic.title if topic else "",
                c.source,
            ]
        )
    return header, rows


def meetings_table(region: Region) -> Table:
    header = [
        "vergadering",
        "gremium",
        "begin",
        "einde",
        "venster vanaf",
        "venster tot",
        "plaats",
        "afgelast",
        "agendapunten",
    ]
    rows = [
        [
            m.title,
            m.body.name if m.body_id else "",
            _moment(m.starts_at),
            _moment(m.ends_at),
            m.window_start,
            m.window_end,
            m.place,
            _yes_no(m.cancelled),
            _join(f"{i.order}. {i.title}" for i in m.agenda_items.all()),
        ]
        for m in selectors.public_meetings(region)
    ]
    return header, rows


TABLES: dict[str, Callable[[Region], Table]] = {
    "onderwerpen": topics_table,
    "resultaten": results_table,
    "afspraken": agreements_table,
    "toezeggingen": commitments_table,
    "vergaderingen": meetings_table,
}


def _join(values: Iterable[str]) -> str:
    return ", ".join(values)


def _yes_no(value: bool) -> str:
    return "ja" if value else "nee"


def _moment(value):
    return timezone.localtime(value).isoformat(timespec="minutes") if value else None


def _consent_label(state: str) -> str:
    return str(dict(ConsentState.choices)[state])
