"""Reads of topics, each with its related rows fetched up front so pages do not query per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from regio.access.policies import RegionAccess
from regio.core.models import Visibility
from regio.regions.models import Municipality, Region
from regio.topics.models import Participation, Result, Topic, TopicPartner, TopicStatusChange


def _visible(queryset: QuerySet[Topic], access: RegionAccess) -> QuerySet[Topic]:
    return queryset if access.can_read_internal else queryset.filter(visibility=Visibility.PUBLIC)


def topic_list(
    *,
    region: Region,
    access: RegionAccess,
    spearhead: str | None = None,
    municipality: Municipality | None = None,
    status: str | None = None,
    open_lead: bool | None = None,
    search: str | None = None,
) -> QuerySet[Topic]:
    topics = _visible(Topic.objects.filter(region=region), access)
    if spearhead:
        topics = topics.filter(spearheads__code=spearhead)
    if municipality is not None:
        topics = topics.filter(
            Q(participations__municipality=municipality) | Q(lead_municipality=municipality) | Q(proposed_by=municipality)
        )
    if status:
        topics = topics.filter(status=status)
    if open_lead is not None:
        topics = topics.filter(lead_municipality__isnull=open_lead)
    if search:
        topics = topics.filter(Q(title__icontains=search) | Q(description__icontains=search))
    if spearhead or municipality is not None:
        topics = topics.distinct()  # those filters join rows that may match a topic more than once
    return (
        topics
        .select_related("region", "lead_municipality", "lead_person", "proposed_by")
        .prefetch_related("spearheads", Prefetch("participations", queryset=Participation.objects.select_related("municipality")))
        .order_by("title")
    )


def spearhead_topic_counts(*, region: Region, access: RegionAccess, municipality: Municipality | None = None) -> dict[int, int]:
    """How many visible topics each spearhead has (spearhead id -> count), counted in the database."""
    topics = _visible(Topic.objects.filter(region=region), access)
    if municipality is not None:
        topics = topics.filter(_concerning(municipality))
    rows = topics.filter(spearheads__isnull=False).values("spearheads").annotate(n=Count("pk", distinct=True))
    return {row["spearheads"]: row["n"] for row in rows}


def topics_recently_changed(
    *, region: Region, access: RegionAccess, municipality: Municipality | None = None, limit: int = 10
) -> list[Topic]:
    """The visible topics changed last, newest first: what a home page shows instead of every topic."""
    topics = topic_list(region=region, access=access, municipality=municipality).prefetch_related(None)
    return list(topics.order_by("-updated_at", "-pk")[:limit])


def _concerning(municipality: Municipality) -> Q:
    return Q(participations__municipality=municipality) | Q(lead_municipality=municipality) | Q(proposed_by=municipality)


def topic_get(*, region: Region, slug: str, access: RegionAccess) -> Topic:
    """The topic alone (one query), for a page that reads the rest only when it renders it; raises
    Topic.DoesNotExist when absent or not visible."""
    return _visible(Topic.objects.filter(region=region), access).get(slug=slug)


def topic_detail(*, region: Region, slug: str, access: RegionAccess) -> Topic:
    """The topic with everything its page shows; raises Topic.DoesNotExist when absent or not visible."""
    return (
        _visible(Topic.objects.filter(region=region), access)
        .select_related("region", "lead_municipality", "lead_person", "proposed_by")
        .prefetch_related(
            "spearheads",
            Prefetch("participations", queryset=Participation.objects.select_related("municipality")),
            Prefetch("partners", queryset=TopicPartner.objects.select_related("organisation")),
            Prefetch("results", queryset=Result.objects.order_by("id")),
            Prefetch("status_changes", queryset=TopicStatusChange.objects.select_related("changed_by")),
        )
        .get(slug=slug)
    )


@dataclass(frozen=True)
class ParticipationRow:
    municipality: Municipality
    participation: Participation | None
    is_lead: bool


def participation_matrix(*, topic: Topic, members: list[Municipality]) -> list[ParticipationRow]:
    """One row per member municipality, also for those that have not chosen yet."""
    by_municipality = {p.municipality_id: p for p in topic.participations.all()}
    return [
        ParticipationRow(m, by_municipality.get(m.pk), m.pk == topic.lead_municipality_id) for m in members
    ]


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list[tuple[str, str, str]]


def topic_history(*, topic: Topic, limit: int = 50) -> list[HistoryEntry]:
    """The change history of the topic and its participations, partners and results, newest first.

    Consecutive versions of each record are diffed in memory, with the rows their foreign keys point
    to (a municipality, a person) fetched along, so the page costs a fixed number of queries however
    long the history is. Changes are shown by name, never by id; a saved
    version that changed nothing shown is left out.
    """
    sources = [
        (Topic.history.filter(id=topic.pk).select_related("lead_municipality", "lead_person", "proposed_by"),
         lambda h: str(h.title)),
        (Participation.history.filter(topic_id=topic.pk).select_related("municipality"), lambda h: str(h.municipality)),
        (TopicPartner.history.filter(topic_id=topic.pk).select_related("organisation"), lambda h: str(h.organisation)),
        (Result.history.filter(topic_id=topic.pk), lambda h: h.description),
    ]
    entries = []
    for queryset, label in sources:
        previous_by_object = {}
        for record in queryset.select_related("history_user").order_by("history_date", "history_id"):
            previous = previous_by_object.get(record.id)
            previous_by_object[record.id] = record
            changes = []
            if record.history_type == "~" and previous is not None:
                delta = record.diff_against(previous, excluded_fields=["spearheads", "updated_at", "created_at", "version"])
                for change in delta.changes:
                    field = record.instance_type._meta.get_field(change.field)
                    changes.append((str(field.verbose_name), _display(field, change.old, previous),
                                    _display(field, change.new, record)))
                if not changes:
                    continue
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else "",
                    what=f"{record.instance_type._meta.verbose_name}: {label(record)} ({record.get_history_type_display()})",
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _display(field, value, version=None) -> str:
    """A value as users read it: a name for a foreign key (from the version's fetched row), a label for a choice."""
    if value is None or value == "":
        return "—"
    if field.is_relation and field.many_to_one:
        try:
            return str(getattr(version, field.name))
        except ObjectDoesNotExist:
            return str(_("(deleted)"))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def open_lead_topics(*, region: Region, access: RegionAccess) -> QuerySet[Topic]:
    return topic_list(region=region, access=access, open_lead=True).exclude(status__in=["afgerond", "gestopt"])


def topic_by_former_slug(*, region_slug: str, slug: str, access: RegionAccess | None = None) -> Topic | None:
    """The topic that once had address `slug` in the region and has another one now (from its
    history), when the reader may see it; None otherwise. `access` None means the public view."""
    current = Topic.objects.filter(region__slug=region_slug)
    if current.filter(slug=slug).exists():
        return None
    former = (
        Topic.history.filter(region__slug=region_slug, slug=slug).order_by("-history_date").values_list("id", flat=True)
    )
    topic = current.filter(pk__in=former[:1]).first()
    if topic is None or not (access.can_view(topic) if access else topic.visibility == Visibility.PUBLIC):
        return None
    return topic
