"""No lost updates: a version on each editable record, raised by every saved edit, and the refusal of an edit
that was loaded at an older version (the web forms carry the version; the API's If-Match carries it as an ETag).

A service locks the row (`locked`), calls `refuse_if_stale` with what the editor submitted, then `raise_version`
before saving. The refusal names, per field, the stored value and the submitted one, so the editor can decide."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Versioned(models.Model):
    version = models.PositiveIntegerField(
        gettext_lazy("version"),
        default=1,
        help_text=gettext_lazy(
            "Raised by every saved edit; an edit loaded at an older version is refused, not overwritten."
        ),
    )

    class Meta:
        abstract = True


def locked(instance: models.Model) -> models.Model:
    """The stored row of `instance`, locked until the end of the transaction: no edit comes between check and write."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def shown(value) -> str:
    """A value as the editor sees it in the message: names for records, dates written out, yes/no."""
    if value is None:
        return ""
    if isinstance(value, str | Promise):
        return str(value)  # a choice's label is a lazy translation: a string, not a list of letters
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return formats.localize(timezone.localtime(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return formats.localize(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 10.00 and 10 are the same value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, Iterable):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


def _stored(instance: models.Model, name: str):
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return getattr(instance, name)
    if field.many_to_many:
        return list(getattr(instance, name).all())
    value = getattr(instance, name)
    if field.choices and not field.is_relation:
        return dict(field.flatchoices).get(value, value)
    return value


def _submitted(instance: models.Model, name: str, value):
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    if field.choices and not field.is_relation:
        return dict(field.flatchoices).get(value, value)
    return value


def _label(instance: models.Model, name: str) -> str:
    try:
        return capfirst(str(instance._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return capfirst(name.replace("_", " "))


def differences(stored: models.Model, submitted: dict) -> list[tuple[str, str, str]]:
    """(field label, stored value, submitted value) for each submitted field whose value differs from the stored one."""
    pairs = []
    for name, value in submitted.items():
        before, after = shown(_stored(stored, name)), shown(_submitted(stored, name, value))
        if before != after:
            pairs.append((_label(stored, name), before, after))
    return pairs


def stale_error(lead: str, pairs: list[tuple[str, str, str]]) -> ValidationError:
    listed = " ".join(
        _("%(field)s — stored: “%(stored)s”, your input: “%(submitted)s”.")
        % {"field": field, "stored": before, "submitted": after}
        for field, before, after in pairs
    )
    return ValidationError(
        _("%(lead)s %(differences)s Nothing has been saved; check the values and save again to keep yours.")
        % {"lead": lead, "differences": listed},
        code="stale",
    )


def refuse_if_stale(stored: models.Model, expected_version: int | None, submitted: dict, *, lead: str) -> None:
    """Refuse an edit loaded at an older version than `stored` (locked by the caller) when it would overwrite a
    value: `submitted` maps field names to the values the editor sent. None as the version means unchecked
    (importers, the API without If-Match); a stale edit that changes nothing stored loses nothing and passes."""
    if expected_version is None or expected_version == stored.version:
        return
    pairs = differences(stored, submitted)
    if pairs:
        raise stale_error(lead, pairs)


def raise_version(instance: models.Model) -> None:
    """Count a saved edit of a stored record (a new record starts at 1)."""
    if instance.pk is not None:
        instance.version += 1
