"""Choices and abstract models shared by the domain apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "openbaar", _("public")
    INTERNAL = "intern", _("internal")


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(
        _("created at"), auto_now_add=True, help_text=_("When this record was created.")
    )
    updated_at = models.DateTimeField(
        _("updated at"), auto_now=True, help_text=_("When this record was last changed.")
    )

    class Meta:
        abstract = True
