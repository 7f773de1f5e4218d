"""What each user wants to receive by e-mail, and the log of what was sent (so nothing is sent twice)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DIGEST = "digest", _("daily digest")
    DECISION_REQUEST = "decision_request", _("decision requested")
    COMMITMENT_REMINDER = "commitment_reminder", _("commitment reminder")


class NotificationPreference(models.Model):
    """A user's choice of e-mails; a user without a row gets every kind (the defaults below)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
        help_text=_("The user these choices belong to."),
    )
    daily_digest = models.BooleanField(
        _("daily digest"),
        default=True,
        help_text=_("Once a day, what is new or falls due for me; nothing on days without news."),
    )
    decision_requests = models.BooleanField(
        _("decision requests"),
        default=True,
        help_text=_("An e-mail when my municipality is asked to decide on a regional agreement."),
    )
    commitment_reminders = models.BooleanField(
        _("commitment reminders"),
        default=True,
        help_text=_("14 days before a promise falls due, on the day itself, and weekly while it is overdue."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, help_text=_("When the choices last changed."))

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def wants(self, kind: str) -> bool:
        return {
            NotificationKind.DIGEST: self.daily_digest,
            NotificationKind.DECISION_REQUEST: self.decision_requests,
            NotificationKind.COMMITMENT_REMINDER: self.commitment_reminders,
        }[kind]


class SentNotification(models.Model):
    """One e-mail sent to one user about one thing; the unique key keeps a reminder from going out twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sent_notifications",
        verbose_name=_("user"),
        help_text=_("Who received it."),
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=NotificationKind.choices, help_text=_("What kind of e-mail it was.")
    )
    key = models.CharField(
        _("key"),
        max_length=200,
        help_text=_("What it was about, e.g. 'commitment:12:2027-02-28:due_soon'; sent once per user and key."),
    )
    subject = models.CharField(_("subject"), max_length=255, help_text=_("The subject line as sent."))
    sent_on = models.DateField(_("sent on"), help_text=_("The day the notifications run counted as today."))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, help_text=_("When it was sent."))

    class Meta:
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "key"], name="notification_sent_once")]
        indexes = [models.Index(fields=["user", "kind", "-sent_at"], name="notification_latest")]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
