"""The regional dashboard's figures and charts: the same SVG charts as the letters, over the region.

Per spearhead the topics by status and their mean progress; commitments to councils that are due
soon or overdue, per council; agreements with their consent state; meetings per month. Optionally
narrowed to one municipality. A fixed number of queries, whatever the size of the region.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.utils import timezone

from regio.commitments.models import DUE_SOON_DAYS, Commitment, CommitmentState
from regio.core.models import Visibility
from regio.letters import charts
from regio.letters.compose import MEETINGS_NOTE, PROGRESS_NOTE, STATUS_PROGRESS
from regio.letters.gather import MONTH_ABBREVIATIONS
from regio.meetings.models import Agreement, ConsentState, consent_cells, consent_state
from regio.meetings.selectors import TAKING_PART, meetings_concerning, visible_meetings
from regio.topics.models import Topic, TopicStatus
from regio.visions.selectors import region_spearheads

MONTHS_SHOWN = 12


def _visible(queryset, access):
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def dashboard_data(*, region, access, municipality=None, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    colour = region.colour
    spearheads = list(region_spearheads(region=region))
    topics = _visible(Topic.objects.filter(region=region), access).prefetch_related("spearheads", "results")
    if municipality is not None:
        topics = topics.filter(participations__municipality=municipality, participations__role__in=TAKING_PART).distinct()
    statuses = dict(TopicStatus.choices)
    rows = {s.pk: {"spearhead": s, "counts": Counter(), "progress": []} for s in spearheads}
    for topic in topics:
        measured = [r.progress_percent for r in topic.results.all() if r.progress_percent is not None]
        progress = round(sum(measured) / len(measured)) if measured else STATUS_PROGRESS.get(topic.status, 0)
        for spearhead in topic.spearheads.all():
            if spearhead.pk in rows:
                rows[spearhead.pk]["counts"][topic.status] += 1
                rows[spearhead.pk]["progress"].append(progress)
    spearhead_rows = []
    for row in rows.values():
        mean = round(sum(row["progress"]) / len(row["progress"])) if row["progress"] else None
        spearhead_rows.append({
            "spearhead": row["spearhead"],
            "statuses": [(statuses[s], row["counts"][s]) for s in TopicStatus.values if row["counts"][s]],
            "total": sum(row["counts"].values()),
            "progress": mean,
        })
    progress_chart = charts.horizontal_bars(
        title="Voortgang per speerpunt",
        bars=[charts.Bar(r["spearhead"].name, r["progress"], f"{r['progress']}%") for r in spearhead_rows if r["progress"] is not None],
        maximum=100,
        colour=colour,
        note=PROGRESS_NOTE,
    )

    commitments = _visible(Commitment.objects.filter(region=region, state=CommitmentState.OPEN), access)
    if municipality is not None:
        commitments = commitments.filter(recipient_councils=municipality)
    per_council: dict[str, dict[str, int]] = defaultdict(lambda: {"overdue": 0, "due_soon": 0, "open": 0})
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    for commitment in commitments.prefetch_related("recipient_councils"):
        for council in commitment.recipient_councils.all():
            if municipality is not None and council.pk != municipality.pk:
                continue
            counts = per_council[council.name]
            counts["open"] += 1
            if commitment.due_date < today:
                counts["overdue"] += 1
            elif commitment.due_date <= soon:
                counts["due_soon"] += 1
    council_rows = sorted(per_council.items())
    commitments_chart = charts.horizontal_bars(
        title="Te late toezeggingen per raad",
        bars=[charts.Bar(name, c["overdue"], str(c["overdue"]), "#a4161a") for name, c in council_rows],
        maximum=max([c["overdue"] for _n, c in council_rows] + [1]),
        note="Te laat: de termijn is verstreken en de toezegging is nog niet nagekomen of ingetrokken.",
    )

    agreements = _visible(Agreement.objects.filter(region=region), access).prefetch_related("participants", "decisions")
    if municipality is not None:
        agreements = agreements.filter(participants=municipality)
    states = dict(ConsentState.choices)
    agreement_rows = []
    for agreement in agreements.order_by("-made_on"):
        cells = consent_cells(agreement)
        agreement_rows.append({
            "agreement": agreement,
            "state": states[consent_state(cells)],
            "adopted": sum(cell.adopted for cell in cells),
            "participants": len(cells),
        })

    meetings = visible_meetings(region=region, access=access).filter(starts_at__isnull=False, cancelled=False)
    if municipality is not None:
        meetings = meetings.filter(meetings_concerning(municipality=municipality))
    per_month = Counter()
    for starts_at in meetings.values_list("starts_at", flat=True):
        local = timezone.localdate(starts_at)
        per_month[(local.year, local.month)] += 1
    months = sorted(per_month)[-MONTHS_SHOWN:]
    if months:
        year, month = months[0]
        months = []
        while len(months) < MONTHS_SHOWN:
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    meetings_chart = charts.vertical_bars(
        title="Vergaderingen per maand",
        bars=[charts.Bar(f"{MONTH_ABBREVIATIONS[m - 1]} {y}", per_month[(y, m)], str(per_month[(y, m)])) for y, m in months],
        colour=colour,
        note=MEETINGS_NOTE,
    )
    return {
        "spearhead_rows": spearhead_rows,
        "council_rows": council_rows,
        "agreement_rows": agreement_rows,
        "charts": {"progress": progress_chart, "commitments": commitments_chart, "meetings": meetings_chart},
        "today": today,
    }
