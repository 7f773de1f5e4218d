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
