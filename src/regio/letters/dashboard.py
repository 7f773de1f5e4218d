"""The regional dashboard's figures and charts: the same SVG charts as the letters, over the region.

Per spearhead the topics by status and their mean progress; commitments to councils that are due
soon or overdue, per council; agreements with their consent state; meetings per month. Optionally
narrowed to one municipality. Figures are counted and averaged in the database (a fixed number of
queries, and rows fetched independent of the size of the region); only the latest agreements are listed.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

from django.db.models import Avg, Case, Count, F, FloatField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from regio.commitments.models import DUE_SOON_DAYS, Commitment, CommitmentState
from regio.core.models import Visibility
from regio.letters import charts
from regio.letters.compose import MEETINGS_NOTE, PROGRESS_NOTE, STATUS_PROGRESS
from regio.letters.gather import MONTH_ABBREVIATIONS
from regio.meetings.agreement_selectors import consent_summary
from regio.meetings.models import Agreement, ConsentState, consent_cells, consent_outcome, consent_state
from regio.meetings.selectors import TAKING_PART, meetings_concerning, visible_meetings
from regio.topics.models import Result, Topic, TopicStatus
from regio.visions.selectors import region_spearheads

MONTHS_SHOWN = 12
AGREEMENTS_SHOWN = 20


def _visible(queryset, access):
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def _topic_progress() -> Case:
    """A topic's progress in percent, in SQL: the mean of its measurable results, else by its status."""
    measurable = Result.objects.filter(
        topic=OuterRef("topic_id"), baseline__isnull=False, target_value__isnull=False, current_value__isnull=False
    ).exclude(target_value=F("baseline"))
    share = (
        Cast(F("current_value") - F("baseline"), FloatField()) * Value(100.0)
        / Cast(F("target_value") - F("baseline"), FloatField())
    )
    clamped = Case(When(**{"share__lt": 0}, then=Value(0.0)), When(**{"share__gt": 100}, then=Value(100.0)),
                   default=F("share"), output_field=FloatField())
    measured = Subquery(
        measurable.annotate(share=share).annotate(clamped=clamped).values("topic")
        .annotate(mean=Avg("clamped")).values("mean")[:1],
        output_field=FloatField(),
    )
    by_status = Case(
        *[When(topic__status=status, then=Value(float(value))) for status, value in STATUS_PROGRESS.items()],
        default=Value(0.0), output_field=FloatField(),
    )
    return Coalesce(measured, by_status, output_field=FloatField())


def dashboard_data(*, region, access, municipality=None, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    colour = region.colour
    spearheads = list(region_spearheads(region=region))
    topics = _visible(Topic.objects.filter(region=region), access)
    if municipality is not None:
        topics = topics.filter(participations__municipality=municipality, participations__role__in=TAKING_PART)
    statuses = dict(TopicStatus.choices)
    # Counted in the database: topics per spearhead and status, and each spearhead's mean progress.
    links = Topic.spearheads.through.objects.filter(topic__in=topics.values("pk"), spearhead__in=spearheads)
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in links.values("spearhead_id", "topic__status").annotate(n=Count("topic_id", distinct=True)):
        counts[row["spearhead_id"]][row["topic__status"]] = row["n"]
    progress = {
        row["spearhead_id"]: row["mean"]
        for row in links.annotate(progress=_topic_progress()).values("spearhead_id").annotate(mean=Avg("progress"))
    }
    spearhead_rows = []
    for spearhead in spearheads:
        row_counts = counts[spearhead.pk]
        mean = progress.get(spearhead.pk)
        spearhead_rows.append({
            "spearhead": spearhead,
            "statuses": [(statuses[s], row_counts[s]) for s in TopicStatus.values if row_counts[s]],
            "total": sum(row_counts.values()),
            "progress": round(mean) if mean is not None and row_counts else None,
        })
    progress_chart = charts.horizontal_bars(
        title="Voortgang per speerpunt",
        bars=[charts.Bar(r["spearhead"].name, r["progress"], f"{r['progress']}%") for r in spearhead_rows if r["progress"] is not None],
        maximum=100,
        colour=colour,
        note=PROGRESS_NOTE,
    )

    commitments = _visible(Commitment.objects.filter(region=region, state=CommitmentState.OPEN), access)
    councils = Commitment.recipient_councils.through.objects.filter(commitment__in=commitments.values("pk"))
    if municipality is not None:
        councils = councils.filter(municipality=municipality)
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    council_rows = [
        (row["municipality__name"], {"overdue": row["overdue"], "due_soon": row["due_soon"], "open": row["open"]})
        for row in councils.values("municipality__name").annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(commitment__due_date__lt=today)),
            due_soon=Count("pk", filter=Q(commitment__due_date__gte=today, commitment__due_date__lte=soon)),
        ).order_by("municipality__name")
    ]
    commitments_chart = charts.horizontal_bars(
        title="Te late toezeggingen per raad",
        bars=[charts.Bar(name, c["overdue"], str(c["overdue"]), "#a4161a") for name, c in council_rows],
        maximum=max([c["overdue"] for _n, c in council_rows] + [1]),
        note="Te laat: de termijn is verstreken en de toezegging is nog niet nagekomen of ingetrokken.",
    )

    agreements = _visible(Agreement.objects.filter(region=region), access)
    if municipality is not None:
        agreements = agreements.filter(participants=municipality)
    states = dict(ConsentState.choices)
    agreement_rows = []
    # The latest few, with the total; the agreement list pages through all of them.
    for agreement in agreements.prefetch_related("participants", "decisions").order_by("-made_on", "-pk")[:AGREEMENTS_SHOWN]:
        cells = consent_cells(agreement)
        agreement_rows.append({
            "agreement": agreement,
            "state": consent_summary(consent_outcome(cells)) or states[consent_state(cells)],
            "adopted": sum(cell.adopted for cell in cells),
            "participants": len(cells),
        })
    agreement_count = agreements.count()

    meetings = visible_meetings(region=region, access=access).filter(starts_at__isnull=False, cancelled=False)
    if municipality is not None:
        meetings = meetings.filter(meetings_concerning(municipality=municipality))
    per_month = Counter()
    month = TruncMonth("starts_at", tzinfo=timezone.get_current_timezone())
    for row in meetings.annotate(month=month).values("month").annotate(n=Count("pk")).order_by():
        per_month[(row["month"].year, row["month"].month)] += row["n"]
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
        "agreement_count": agreement_count,
        "charts": {"progress": progress_chart, "commitments": commitments_chart, "meetings": meetings_chart},
        "today": today,
    }
