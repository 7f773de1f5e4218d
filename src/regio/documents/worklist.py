"""Mijn werk: what waits for one person in one region, by the role their grants give them.

One function, `worklist`, independent of the web pages, so the signed-in home and (later) an
e-mail digest read the same list. It lives in `documents` because that is the first app that may
read all the others (topics, agreements, commitments, meetings and the findings of documents).

- an editor, per municipality it edits for: decisions its college or council still has to record,
  new topics it has not chosen for, results of its topics not updated for three months, findings
  to review;
- the coordinator: leads to appoint, commitments due within 30 days or overdue, meeting windows
  without a date, documents with unreviewed findings;
- a reader (council member, griffier): commitments to its council due within 30 days or overdue,
  and the next meetings.

Each group costs two queries (a count and its first few rows), however many items there are. The list
depends on the person only through their rights in the region (`RegionAccess`, its `rights_key`), and on the
clock by the hour at most, so a page may keep it by the region's change counter, those rights and the hour.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.commitments.models import Commitment, CommitmentState
from regio.documents.models import Document, DocumentFinding, FindingState
from regio.meetings.models import Agreement, DecisionKind, Meeting, MunicipalDecision, Organ, Outcome
from regio.regions.models import Municipality, Region
from regio.topics.models import Participation, Result, Topic, TopicStatus

DUE_DAYS = 30
STALE_RESULT_DAYS = 91  # three months
CLOSED = (TopicStatus.COMPLETED, TopicStatus.STOPPED)
# The findings an editor can accept (the others are the coordinator's).
EDITOR_FINDINGS = ("topic", "topic_candidate", "municipality", "theme", "document_date")


@dataclass(frozen=True)
class WorkItem:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class WorkGroup:
    key: str
    title: str
    count: int
    items: list[WorkItem]


def worklist(*, user, region: Region, today: datetime.date | None = None, limit: int = 5) -> list[WorkGroup]:
    """What waits for `user` in `region`, in groups with a count and the first `limit` items; empty groups left out."""
    access = region_access(user, region)
    if not access.is_authenticated or not access.can_read_internal:
        return []
    today = today or timezone.localdate()
    groups: list[WorkGroup] = []

    def add(key: str, title: str, queryset: QuerySet, item) -> None:
        count = queryset.count()
        if count:
            groups.append(WorkGroup(key, title, count, [item(row) for row in queryset[:limit]]))

    if access.manages_region:
        _coordinator(add, region, today)
    members = {m.pk: m for m in Municipality.objects.filter(memberships__region=region)}
    editing = sorted(access.editor_municipality_ids, key=lambda pk: members[pk].name if pk in members else "")
    for municipality_id in editing:
        if municipality_id in members:
            _editor(add, region, members[municipality_id], today)
    if access.is_reader and not access.manages_region and not access.is_editor:
        _reader(add, region, sorted(access.reader_municipality_ids), today)
    return groups


def worklist_count(*, user, region: Region, today: datetime.date | None = None) -> int:
    return sum(group.count for group in worklist(user=user, region=region, today=today, limit=0))


def _open_findings(region: Region, kinds=None) -> QuerySet[Document]:
    from regio.documents.review import REVIEW_KINDS

    pending = DocumentFinding.objects.filter(
        document=OuterRef("pk"), state=FindingState.PENDING, kind__in=kinds or REVIEW_KINDS
    )
    return Document.objects.filter(region=region).filter(Exists(pending)).select_related("region").order_by(
        "-document_date", "-pk"
    )


def _document_item(document: Document) -> WorkItem:
    return WorkItem(
        document.title, reverse("web:document-review", args=[document.region.slug, document.pk]),
        date_format(document.document_date) if document.document_date else "",
    )


def _due(commitments: QuerySet[Commitment], today: datetime.date) -> QuerySet[Commitment]:
    return (
        commitments.filter(state=CommitmentState.OPEN, due_date__lte=today + datetime.timedelta(days=DUE_DAYS))
        .select_related("region").order_by("due_date", "title")
    )


def _commitment_item(today: datetime.date):
    def item(commitment: Commitment) -> WorkItem:
        when = date_format(commitment.due_date)
        detail = (_("overdue since %(date)s") if commitment.due_date < today else _("due %(date)s")) % {"date": when}
        return WorkItem(commitment.title, commitment.get_absolute_url(), detail)

    return item


def _coordinator(add, region: Region, today: datetime.date) -> None:
    add("leads", _("Leads to appoint"),
        Topic.objects.filter(region=region, lead_municipality__isnull=True).exclude(status__in=CLOSED)
        .select_related("region").order_by("title"),
        lambda t: WorkItem(t.title, reverse("web:topic-lead", args=[region.slug, t.slug]), t.get_status_display()))
    add("commitments", _("Commitments due within 30 days or overdue"),
        _due(Commitment.objects.filter(region=region), today), _commitment_item(today))
    add("windows", _("Meetings planned in a window, without a date yet"),
        Meeting.objects.filter(region=region, starts_at__isnull=True, cancelled=False)
        .select_related("region").order_by("window_start", "title"),
        lambda m: WorkItem(m.title, m.get_absolute_url(), m.when))
    add("findings", _("Documents with findings to review"), _open_findings(region), _document_item)


def _editor(add, region: Region, municipality: Municipality, today: datetime.date) -> None:
    name = municipality.name
    decided = MunicipalDecision.objects.filter(agreement=OuterRef("pk"), municipality=municipality,
                                               kind=DecisionKind.DECISION)
    college = decided.filter(organ=Organ.COLLEGE)
    college_adopted = college.filter(outcome=Outcome.ADOPTED)
    council = decided.filter(organ=Organ.COUNCIL)
    add(f"decisions-{municipality.slug}",
        _("Decisions %(municipality)s still has to record") % {"municipality": name},
        Agreement.objects.filter(region=region, participants=municipality)
        .filter(~Exists(college) | (Q(council_decision_needed=True) & Exists(college_adopted) & ~Exists(council)))
        .select_related("region").order_by("-made_on", "title"),
        lambda a: WorkItem(a.title, f"{a.get_absolute_url()}#besluit-{municipality.slug}", date_format(a.made_on)))
    add(f"choose-{municipality.slug}",
        _("Topics %(municipality)s has not chosen for yet") % {"municipality": name},
        Topic.objects.filter(region=region).exclude(status__in=CLOSED)
        .exclude(Exists(Participation.objects.filter(topic=OuterRef("pk"), municipality=municipality)))
        .select_related("region").order_by("-proposed_on", "title"),
        lambda t: WorkItem(t.title, f"{t.get_absolute_url()}#deelname-{municipality.slug}", t.get_status_display()))
    last_change = Result.history.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    stale_before = timezone.now() - datetime.timedelta(days=STALE_RESULT_DAYS)
    add(f"results-{municipality.slug}",
        _("Results of topics %(municipality)s leads or proposed, not updated for three months")
        % {"municipality": name},
        Result.objects.filter(topic__region=region).exclude(topic__status__in=CLOSED)
        .filter(Q(topic__lead_municipality=municipality) | Q(topic__proposed_by=municipality))
        .annotate(last_change=Subquery(last_change))
        .filter(Q(last_change__lt=stale_before) | Q(last_change__isnull=True))
        .select_related("topic__region").order_by("last_change", "pk"),
        lambda r: WorkItem(f"{r.topic.title}: {r.description}",
                           reverse("web:result-edit", args=[region.slug, r.topic.slug, r.pk]),
                           _("last updated %(date)s") % {"date": date_format(r.last_change.date())} if r.last_change
                           else ""))
    add(f"findings-{municipality.slug}", _("Documents with findings to review"),
        _open_findings(region, EDITOR_FINDINGS), _document_item)


def _reader(add, region: Region, councils: list[int], today: datetime.date) -> None:
    commitments = Commitment.objects.filter(region=region)
    if councils:
        commitments = commitments.filter(recipient_councils__in=councils).distinct()
    add("commitments", _("Commitments to the council due within 30 days or overdue"), _due(commitments, today),
        _commitment_item(today))
    add("meetings", _("Next meetings"),
        Meeting.objects.filter(region=region, cancelled=False, starts_at__date__gte=today)
        .select_related("region").order_by("starts_at"),
        lambda m: WorkItem(m.title, m.get_absolute_url(), m.when))
