"""The years Regio accepts in a date input: wide enough for any real record, narrow enough that date arithmetic
(terms, windows, deadlines, calendars) never leaves what Python's dates can hold (year 9999 overflowed).

One bound and one message for the web forms, the API and the services; the message names the field."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def is_supported(value: datetime.date | datetime.datetime | None) -> bool:
    if value is None:
        return True
    day = value.date() if isinstance(value, datetime.datetime) else value
    return EARLIEST <= day <= LATEST


def unsupported_date_error(label: str | None = None) -> ValidationError:
    bounds = {"earliest": date_format(EARLIEST), "latest": date_format(LATEST)}
    if label:
        message = _("%(field)s: choose a date between %(earliest)s and %(latest)s.") % {
            "field": capfirst(str(label)), **bounds}
    else:
        message = _("Choose a date between %(earliest)s and %(latest)s.") % bounds
    return ValidationError(message, code="unsupported_date")


class SupportedDate:
    """A field validator (Django forms, DRF serializers): the date lies within EARLIEST..LATEST."""

    def __init__(self, label: str | None = None):
        self.label = label

    def __call__(self, value) -> None:
        if not is_supported(value):
            raise unsupported_date_error(self.label)

    def __eq__(self, other) -> bool:
        return isinstance(other, SupportedDate) and other.label == self.label


def refuse_unsupported_dates(model, **values) -> None:
    """For a service: refuse, per field and named by the model's label, each date outside the bounds."""
    errors = {
        name: unsupported_date_error(model._meta.get_field(name).verbose_name)
        for name, value in values.items()
        if not is_supported(value)
    }
    if errors:
        raise ValidationError(errors)


def bound_date_fields(form) -> None:
    """Give every date and date-time field of a Django form the SupportedDate check, named by its label."""
    from django import forms

    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators.append(SupportedDate(field.label))
