"""Date widgets that browsers accept: ``<input type="date">`` and ``datetime-local`` only take ISO values.

Django formats a date for the active language (``02-12-2026`` in Dutch), which a browser drops
as invalid: the field then comes up empty. These widgets always render the ISO form the HTML
standard prescribes; what the browser shows is up to the browser's locale.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class IsoDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)


class IsoDateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATETIME_LOCAL)
