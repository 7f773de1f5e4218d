"""Sending what is due by e-mail, once, and the user's choices of what to receive.

`notify_run` is what `regio notify` (daily, from cron or the scheduler) calls. Per user and kind it
gathers the items due today that the sent log does not hold yet, writes their log rows and sends one
e-mail, in one transaction: a failed send leaves no log row, so the next run tries again; two runs at
once collide on the log's unique key and only one sends.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import mail, selectors
from .models import NotificationKind, NotificationPreference, SentNotification
from .tokens import ALL_KINDS, read_token

logger = logging.getLogger("regio.notifications")


@dataclass
class NotifyReport:
    sent: Counter = field(default_factory=Counter)  # kind -> e-mails
    failed: list[str] = field(default_factory=list)  # "user: reason"
    planned: list[tuple[str, str, str]] = field(default_factory=list)  # (username, kind, subject) in a dry run

    @property
    def total(self) -> int:
        return sum(self.sent.values())


def preference_get(*, user) -> NotificationPreference:
    """The user's choices; an unsaved row with the defaults (everything on) when they never chose."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


@transaction.atomic
def preference_update(
    *, user, daily_digest: bool, decision_requests: bool, commitment_reminders: bool, email: str | None = None
) -> NotificationPreference:
    """Save the user's choices (and, when given, their e-mail address)."""
    if email is not None and email != user.email:
        user.email = email.strip()
        user.full_clean(exclude=["password"])
        user.save(update_fields=["email"])
    preference = preference_get(user=user)
    preference.daily_digest = daily_digest
    preference.decision_requests = decision_requests
    preference.commitment_reminders = commitment_reminders
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[object, str]:
    """Turn off the kind of e-mail the signed link names; (user, kind). Raises InvalidToken/ExpiredToken,
    and InvalidToken for a user or kind that does not exist (nothing changes then)."""
    from .tokens import InvalidToken

    data = read_token(token)
    if data.kind != ALL_KINDS and data.kind not in NotificationKind.values:
        raise InvalidToken
    user = get_user_model().objects.filter(pk=data.user_id).first()
    if user is None:
        raise InvalidToken
    preference = preference_get(user=user)
    kinds = NotificationKind.values if data.kind == ALL_KINDS else [data.kind]
    for kind in kinds:
        setattr(preference, _FIELD[kind], False)
    preference.save()
    logger.info("unsubscribed", extra={"user_id": user.pk, "kind": data.kind})
    return user, data.kind


_FIELD = {
    NotificationKind.DIGEST: "daily_digest",
    NotificationKind.DECISION_REQUEST: "decision_requests",
    NotificationKind.COMMITMENT_REMINDER: "commitment_reminders",
}


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _reminder_line(reminder: selectors.Reminder) -> mail.Line:
    commitment = reminder.commitment
    due = _date(commitment.due_date)
    if reminder.stage == selectors.ReminderStage.DUE_SOON:
        when = ngettext("due %(date)s, in %(days)d day", "due %(date)s, in %(days)d days", reminder.days) % {
            "date": due,
            "days": reminder.days,
        }
    elif reminder.stage == selectors.ReminderStage.DUE_TODAY:
        when = _("due today (%(date)s)") % {"date": due}
    else:
        when = ngettext(
            "%(days)d day overdue (due %(date)s)", "%(days)d days overdue (due %(date)s)", reminder.days
        ) % {"date": due, "days": reminder.days}
    return mail.Line(f"{commitment.title} — {when} ({commitment.region.name})", commitment.get_absolute_url())


def _reminder_mail(user, reminders: list[selectors.Reminder], today: datetime.date):
    worst = min(reminders, key=lambda r: r.commitment.due_date)
    if len(reminders) == 1:
        subject = _("Reminder: %(title)s") % {"title": worst.commitment.title}
    else:
        subject = _("Reminder: %(count)d promises fall due") % {"count": len(reminders)}
    intro = _("These promises you follow fall due soon, today, or are overdue. Mark a promise as kept on its page.")
    return subject, intro, [mail.Section(_("Promises"), [_reminder_line(r) for r in reminders])]


def _request_mail(user, requests: list[selectors.DecisionRequest], today: datetime.date):
    lines = []
    for request in requests:
        organ = _("the municipal executive") if request.organ == "college" else _("the municipal council")
        text = _("%(title)s — asked of %(organ)s of %(municipality)s (%(region)s)") % {
            "title": request.agreement.title,
            "organ": organ,
            "municipality": request.municipality_name,
            "region": request.agreement.region.name,
        }
        lines.append(mail.Line(text, request.agreement.get_absolute_url()))
    if len(requests) == 1:
        subject = _("Decision requested: %(title)s") % {"title": requests[0].agreement.title}
    else:
        subject = _("Decisions requested: %(count)d regional agreements") % {"count": len(requests)}
    intro = _(
        "Your municipality is asked to decide on a regional agreement. Each municipality decides for itself; "
        "record the decision on the agreement's page once it is taken."
    )
    return subject, intro, [mail.Section(_("Decisions to record"), lines)]


def _digest_mail(user, digest: selectors.Digest, today: datetime.date):
    sections = []
    if digest.new_topics:
        lines = []
        for topic, to_choose in digest.new_topics:
            text = f"{topic.title} ({topic.region.name})"
            if to_choose:
                text += " — " + _("your municipality has not chosen yet whether it takes part")
            lines.append(mail.Line(text, topic.get_absolute_url()))
        sections.append(mail.Section(_("New topics"), lines))
    if digest.new_decisions:
        lines = [
            mail.Line(
                _("%(municipality)s: %(outcome)s by the %(organ)s — %(title)s")
                % {
                    "municipality": d.municipality.name,
                    "outcome": d.get_outcome_display(),
                    "organ": d.get_organ_display(),
                    "title": d.agreement.title,
                },
                d.agreement.get_absolute_url(),
            )
            for d in digest.new_decisions
        ]
        sections.append(mail.Section(_("Decisions recorded"), lines))
    if digest.new_commitments:
        lines = [
            mail.Line(
                _("%(title)s — due %(date)s") % {"title": c.title, "date": _date(c.due_date)}, c.get_absolute_url()
            )
            for c in digest.new_commitments
        ]
        sections.append(mail.Section(_("New promises"), lines))
    if digest.falling_due:
        lines = []
        for c in digest.falling_due:
            state = _("due today") if c.due_date == today else _("overdue since today")
            lines.append(mail.Line(f"{c.title} — {state}", c.get_absolute_url()))
        sections.append(mail.Section(_("Falling due"), lines))
    subject = _("Regio: what is new for you on %(date)s") % {"date": _date(today)}
    intro = _("What changed in your regions since your previous digest, and what falls due today.")
    return subject, intro, sections


def _since_last_digest(user, now: datetime.datetime) -> datetime.datetime:
    last = (
        SentNotification.objects.filter(user=user, kind=NotificationKind.DIGEST)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    return last or now - datetime.timedelta(days=1)


def _deliver(*, user, kind: str, keys: list[str], built: tuple, today: datetime.date, connection, report) -> None:
    subject, intro, sections = built
    try:
        with transaction.atomic():
            SentNotification.objects.bulk_create(
                [SentNotification(user=user, kind=kind, key=key, subject=subject[:255], sent_on=today) for key in keys]
            )
            message = mail.build(user=user, subject=subject, intro=intro, sections=sections, kind=kind)
            message.connection = connection
            message.send()
    except IntegrityError:
        return  # another run sent it in the meantime
    except Exception as exc:  # an SMTP or network failure: nothing logged, the next run tries again
        logger.warning("notification not sent", extra={"user_id": user.pk, "kind": kind, "error": str(exc)})
        report.failed.append(f"{user.get_username()}: {exc}")
        return
    report.sent[kind] += 1


def notify_run(*, today: datetime.date | None = None, dry_run: bool = False) -> NotifyReport:
    """Send every e-mail due today that was not sent before; a dry run only lists them."""
    today = today or timezone.localdate()
    now = timezone.now()
    report = NotifyReport()
    users = (
        get_user_model()
        .objects.filter(is_active=True, grants__isnull=False)
        .exclude(email="")
        .distinct()
        .select_related("notification_preference")
        .order_by("pk")
    )
    connection = None if dry_run else get_connection()
    with translation.override("nl"):
        for user in users:
            preference = preference_get(user=user)
            scopes = selectors.scopes_of(user)
            plans = []
            if preference.decision_requests:
                requests = selectors.decision_requests(user=user, today=today, scopes=scopes)
                plans.append((NotificationKind.DECISION_REQUEST, requests, _request_mail))
            if preference.commitment_reminders:
                reminders = selectors.commitment_reminders(user=user, today=today, scopes=scopes)
                plans.append((NotificationKind.COMMITMENT_REMINDER, reminders, _reminder_mail))
            for kind, items, compose in plans:
                sent = set(
                    SentNotification.objects.filter(user=user, kind=kind, key__in=[i.key for i in items]).values_list(
                        "key", flat=True
                    )
                )
                due = [item for item in items if item.key not in sent]
                if not due:
                    continue
                built = compose(user, due, today)
                if dry_run:
                    report.planned.append((user.get_username(), kind, built[0]))
                    continue
                _deliver(
                    user=user,
                    kind=kind,
                    keys=[i.key for i in due],
                    built=built,
                    today=today,
                    connection=connection,
                    report=report,
                )
            if preference.daily_digest:
                key = f"digest:{today.isoformat()}"
                if SentNotification.objects.filter(user=user, kind=NotificationKind.DIGEST, key=key).exists():
                    continue
                found = selectors.digest(user=user, since=_since_last_digest(user, now), today=today, scopes=scopes)
                if found.is_empty:
                    continue
                built = _digest_mail(user, found, today)
                if dry_run:
                    report.planned.append((user.get_username(), NotificationKind.DIGEST, built[0]))
                    continue
                _deliver(
                    user=user,
                    kind=NotificationKind.DIGEST,
                    keys=[key],
                    built=built,
                    today=today,
                    connection=connection,
                    report=report,
                )
    return report


def parse_day(raw: str) -> datetime.date:
    """A --today value; a Dutch error naming the option otherwise."""
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError as exc:
        raise ValidationError(
            _("--today: '%(value)s' is not a date; write it as YYYY-MM-DD, e.g. 2026-12-02.") % {"value": raw},
            code="invalid_date",
        ) from exc
