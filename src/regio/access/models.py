"""Grants: a user's level of access in one region (coordinator, editor of a municipality, reader)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AccessLevel(models.TextChoices):
    COORDINATOR = "coordinator", _("regional coordinator")
    EDITOR = "editor", _("municipality editor")
    READER = "reader", _("reader")


class Grant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="grants",
        help_text=_("The user who receives the access."),
        verbose_name=_("user"),
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="grants",
        help_text=_("The region it applies to."),
        verbose_name=_("region"),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=AccessLevel.choices, help_text=_("What the user may do in the region.")
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
        help_text=_("For editors: the municipality on whose behalf they edit."),
        verbose_name=_("municipality"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "level"],
                condition=models.Q(municipality__isnull=True),
                name="unique_region_grant",
            ),
            models.UniqueConstraint(
                fields=["user", "region", "level", "municipality"],
                condition=models.Q(municipality__isnull=False),
                name="unique_municipality_grant",
            ),
        ]

    def __str__(self) -> str:
        suffix = f" ({self.municipality})" if self.municipality_id else ""
        return f"{self.user} — {self.get_level_display()} in {self.region}{suffix}"

    def clean(self) -> None:
        if self.level == AccessLevel.EDITOR and not self.municipality_id:
            raise ValidationError(
                {
                    "municipality": ValidationError(
                        _("An editor edits on behalf of a municipality; choose one."),
                        code="editor_without_municipality",
                    )
                }
            )
        if self.level != AccessLevel.EDITOR and self.municipality_id:
            raise ValidationError(
                {
                    "municipality": ValidationError(
                        _("Only editors are tied to a municipality."),
                        code="municipality_not_allowed",
                    )
                }
            )
        if (
            self.municipality_id
            and self.region_id
            and not self.region.memberships.filter(municipality_id=self.municipality_id).exists()
        ):
            raise ValidationError(
                {
                    "municipality": ValidationError(
                        _("%(municipality)s is not a member of %(region)s.")
                        % {"municipality": self.municipality, "region": self.region},
                        code="not_a_member",
                    )
                }
            )


class SecurityEventKind(models.TextChoices):
    SIGN_IN = "sign_in", _("signed in")
    SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
    LOCKED_OUT = "locked_out", _("locked out")
    UNLOCKED = "unlocked", _("unlocked")
    GRANT_ADDED = "grant_added", _("grant added")
    GRANT_CHANGED = "grant_changed", _("grant changed")
    GRANT_REMOVED = "grant_removed", _("grant removed")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_RENEWED = "token_renewed", _("API token renewed")
    INTERNAL_EXPORT = "internal_export", _("export with internal items")
    OTP_DEVICE_ADDED = "otp_device_added", _("two-factor authentication set up")
    OTP_FAILED = "otp_failed", _("two-factor code refused")


class SecurityEvent(models.Model):
    """One line of the security log; written only by `access.security.security_event_record`."""

    occurred_at = models.DateTimeField(
        _("when"), auto_now_add=True, db_index=True, help_text=_("When it happened.")
    )
    kind = models.CharField(
        _("event"), max_length=30, choices=SecurityEventKind.choices, help_text=_("What happened.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        help_text=_("The account it concerns, when known."),
        verbose_name=_("user"),
    )
    username = models.CharField(
        _("user name"), max_length=150, blank=True, help_text=_("The user name as given (also for unknown names).")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who made the change, when it is someone else than the user (e.g. an admin)."),
        verbose_name=_("by"),
    )
    ip_address = models.GenericIPAddressField(
        _("address"), null=True, blank=True, help_text=_("The network address of the request, when there was one.")
    )
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
        help_text=_("The region it concerns, when it concerns one."),
        verbose_name=_("region"),
    )
    detail = models.JSONField(
        _("details"), default=dict, blank=True, help_text=_("Further facts, e.g. the level of a grant.")
    )

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-occurred_at", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"
