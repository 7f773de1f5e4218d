"""What waits for a user, seen from the mailbox: decisions asked of their municipality, promises that fall
due, and what is new in their regions since their last digest.

Whose is what follows the grants: a coordinator follows the whole region; an editor follows the
promises its municipality made or received and the decisions asked of it; a reader (a griffier) follows
the promises made to the councils. Each item carries the key under which it is sent once.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from regio.access.models import AccessLevel, Grant
from regio.commitments.models import Commitment, CommitmentState
from regio.meetings.models import Agreement, DecisionKind, MunicipalDecision, Organ, Outcome
from regio.topics.models import Participation, Topic

# Before the due date, reminders start this many days ahead.
REMIND_DAYS_AHEAD = 14
# A decision request is mailed while the request is at most this old (a first run does not mail the past).
REQUEST_RECENT_DAYS = 14
# While overdue, a reminder every this many days.
OVERDUE_EVERY_DAYS = 7


class ReminderStage:
    DUE_SOON = "due_soon"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Scope:
    """One grant of the user: a region, a level, and for an editor the municipality."""

    region_id: int
    level: str
    municipality_id: int | None


@dataclass(frozen=True)
class Reminder:
    commitment: Commitment
    stage: str
    days: int  # days left (due soon), 0 (today) or days overdue
    key: str


@dataclass(frozen=True)
class DecisionRequest:
    agreement: Agreement
    municipality_name: str
    organ: str  # Organ.COLLEGE or Organ.COUNCIL
    key: str


@dataclass
class Digest:
    new_topics: list[tuple[Topic, bool]] = field(default_factory=list)  # (topic, own municipality still to choose)
    new_decisions: list[MunicipalDecision] = field(default_factory=list)
    new_commitments: list[Commitment] = field(default_factory=list)
    falling_due: list[Commitment] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.new_topics or self.new_decisions or self.new_commitments or self.falling_due)


def scopes_of(user) -> list[Scope]:
    """The user's grants; a superuser without grants follows nothing by mail (administration is not a role)."""
    return [
        Scope(region_id=region_id, level=level, municipality_id=municipality_id)
        for region_id, level, municipality_id in Grant.objects.filter(user=user)
        .order_by("region_id", "level", "municipality_id")
        .values_list("region_id", "level", "municipality_id")
    ]


def _commitments_filter(scopes: Iterable[Scope]) -> Q | None:
    """The commitments these grants follow, as one condition (None: none)."""
    condition = None
    for scope in scopes:
        in_region = Q(region_id=scope.region_id)
        if scope.level == AccessLevel.COORDINATOR:
            part = in_region
        elif scope.level == AccessLevel.EDITOR:
            part = in_region & (
                Q(promised_by_municipalities=scope.municipality_id) | Q(recipient_councils=scope.municipality_id)
            )
        else:  # a reader: the promises to the councils
            part = in_region & Q(recipient_councils__isnull=False)
        condition = part if condition is None else condition | part
    return condition


def reminder_stage(*, due_date: datetime.date, today: datetime.date) -> tuple[str, int, str] | None:
    """(stage, days, key suffix) of a reminder due today for a promise due on `due_date`, or None.

    Up to 14 days ahead: one "due soon" reminder; on the day: one; after it, one on the first day
    overdue and then every seven days. The suffix names the due date, so moving the date starts over.
    """
    days_left = (due_date - today).days
    if 0 < days_left <= REMIND_DAYS_AHEAD:
        return ReminderStage.DUE_SOON, days_left, f"{due_date.isoformat()}:{ReminderStage.DUE_SOON}"
    if days_left == 0:
        return ReminderStage.DUE_TODAY, 0, f"{due_date.isoformat()}:{ReminderStage.DUE_TODAY}"
    if days_left < 0:
        overdue = -days_left
        week = (overdue - 1) // OVERDUE_EVERY_DAYS
        return ReminderStage.OVERDUE, overdue, f"{due_date.isoformat()}:{ReminderStage.OVERDUE}:{week}"
    return None


def commitment_reminders(*, user, today: datetime.date, scopes: list[Scope] | None = None) -> list[Reminder]:
    """The reminders due today for the open promises this user follows (sent or not; the log decides)."""
    condition = _commitments_filter(scopes if scopes is not None else scopes_of(user))
    if condition is None:
        return []
    commitments = (
        Commitment.objects.filter(condition, state=CommitmentState.OPEN)
        .filter(due_date__lte=today + datetime.timedelta(days=REMIND_DAYS_AHEAD))
        .select_related("region")
        .distinct()
        .order_by("due_date", "pk")
    )
    reminders = []
    for commitment in commitments:
        stage = reminder_stage(due_date=commitment.due_date, today=today)
        if stage is not None:
            name, days, suffix = stage
            reminders.append(Reminder(commitment, name, days, f"commitment:{commitment.pk}:{suffix}"))
    return reminders


def decision_requests(*, user, today: datetime.date, scopes: list[Scope] | None = None) -> list[DecisionRequest]:
    """Decisions asked of the municipalities this user edits for, asked recently and not yet recorded.

    The college is asked when the agreement is put to the municipalities; the council, where the
    agreement needs it, once the college has adopted it.
    """
    editor_scopes = [s for s in (scopes if scopes is not None else scopes_of(user)) if s.level == AccessLevel.EDITOR]
    if not editor_scopes:
        return []
    since = today - datetime.timedelta(days=REQUEST_RECENT_DAYS)
    condition = Q()
    for scope in editor_scopes:
        condition |= Q(region_id=scope.region_id, participants=scope.municipality_id)
    agreements = list(
        Agreement.objects.filter(condition).distinct().select_related("region").prefetch_related("participants")
    )
    if not agreements:
        return []
    created = dict(
        Agreement.history.filter(id__in=[a.pk for a in agreements], history_type="+").values_list("id", "history_date")
    )
    decisions = {
        (d.agreement_id, d.municipality_id, d.organ): d
        for d in MunicipalDecision.objects.filter(agreement__in=agreements, kind=DecisionKind.DECISION).only(
            "agreement_id", "municipality_id", "organ", "outcome", "decided_on"
        )
    }
    wanted = {(s.region_id, s.municipality_id) for s in editor_scopes}
    requests = []
    for agreement in agreements:
        for municipality in agreement.participants.all():
            if (agreement.region_id, municipality.pk) not in wanted:
                continue
            college = decisions.get((agreement.pk, municipality.pk, Organ.COLLEGE))
            council = decisions.get((agreement.pk, municipality.pk, Organ.COUNCIL))
            if college is None:
                asked_on = created.get(agreement.pk)
                asked_on = asked_on.date() if asked_on else agreement.made_on
                organ = Organ.COLLEGE
            elif agreement.council_decision_needed and college.outcome == Outcome.ADOPTED and council is None:
                asked_on, organ = college.decided_on, Organ.COUNCIL
            else:
                continue
            if asked_on >= since:
                key = f"agreement:{agreement.pk}:{municipality.pk}:{organ}"
                requests.append(DecisionRequest(agreement, municipality.name, organ, key))
    requests.sort(key=lambda r: (r.agreement.made_on, r.agreement.pk, r.municipality_name, r.organ))
    return requests


def digest(*, user, since: datetime.datetime, today: datetime.date, scopes: list[Scope] | None = None) -> Digest:
    """What is new in the user's regions since `since`, and the promises they follow that fall due today
    or went overdue today (the day before was the due date). Internal items only for those who may read
    them — every grant does."""
    scopes = scopes if scopes is not None else scopes_of(user)
    result = Digest()
    if not scopes:
        return result
    region_ids = sorted({s.region_id for s in scopes})
    own_ids = {s.municipality_id for s in scopes if s.level == AccessLevel.EDITOR}

    topics = list(
        Topic.objects.filter(region_id__in=region_ids, created_at__gt=since).select_related("region").order_by("title")
    )
    chosen = set(
        Participation.objects.filter(topic__in=topics, municipality_id__in=own_ids).values_list(
            "topic_id", "municipality_id"
        )
    )
    for topic in topics:
        to_choose = any((topic.pk, m) not in chosen for m in own_ids)
        result.new_topics.append((topic, to_choose))

    recorded_ids = MunicipalDecision.history.filter(
        history_type="+", history_date__gt=since, agreement__region_id__in=region_ids
    ).values_list("id", flat=True)
    result.new_decisions = list(
        MunicipalDecision.objects.filter(pk__in=list(recorded_ids))
        .exclude(municipality_id__in=own_ids)  # an editor knows what its own municipality recorded
        .select_related("agreement__region", "municipality")
        .order_by("agreement__title", "municipality__name", "organ")
    )

    condition = _commitments_filter(scopes)
    new_ids = Commitment.history.filter(history_type="+", history_date__gt=since).values_list("id", flat=True)
    result.new_commitments = list(
        Commitment.objects.filter(condition, pk__in=list(new_ids))
        .select_related("region")
        .distinct()
        .order_by("due_date")
    )
    yesterday = today - datetime.timedelta(days=1)
    result.falling_due = list(
        Commitment.objects.filter(condition, state=CommitmentState.OPEN, due_date__in=[today, yesterday])
        .select_related("region")
        .distinct()
        .order_by("due_date", "pk")
    )
    return result
