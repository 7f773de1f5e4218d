"""Forms of the document pages: upload, the document list's filters and the search filters.

They only parse input; the documents services and search decide and write.
"""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from regio.core.models import Visibility
from regio.core.widgets import IsoDateInput
from regio.documents.models import DocumentKind
from regio.documents.readers.base import MB, Limits, megabytes
from regio.documents.search import ENTRY_LABELS
from regio.web.forms import StyledForm

ENTRY_KIND_LABELS = {
    "onderwerp": _("topic"),
    "afspraak": _("agreement"),
    "toezegging": _("commitment"),
    "overleg": _("meeting"),
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files; cleans to a list (Django's documented recipe for several files)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(StyledForm):
    file = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, scan, Word, e-mail, web page or text; several at once if you like."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Recognise from the text")), *DocumentKind.choices],
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"), choices=Visibility.choices, initial=Visibility.INTERNAL,
        help_text=_("Public documents and their text are shown to everyone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The limit is shown before the upload, in the reader's number format ("at most 50 MB").
        limit = Limits.from_settings().max_bytes
        self.fields["file"].help_text = format_lazy(
            _("PDF, scan, Word, e-mail, web page or text; at most {limit} MB."),
            limit=megabytes(limit, 0 if limit % MB == 0 else 1),
        )
        self._bound_fields_cache.pop("file", None)  # a bound field keeps the help text it was made with
        self.fields["file"].widget.attrs["aria-describedby"] = f"{self['file'].auto_id}-help"


def _choices(items, empty):
    return [("", empty), *[(str(item.pk), item.name) for item in items]]


class DocumentFilterForm(StyledForm):
    show_optional = False

    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    spearhead = forms.ChoiceField(label=_("Spearhead"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *DocumentKind.choices])
    date_from = forms.DateField(label=_("From"), required=False, widget=IsoDateInput)
    date_to = forms.DateField(label=_("Until"), required=False, widget=IsoDateInput)

    def __init__(self, *args, municipalities, spearheads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = _choices(municipalities, _("All municipalities"))
        self.fields["spearhead"].choices = _choices(spearheads, _("All spearheads"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return cleaned


class SearchForm(DocumentFilterForm):
    q = forms.CharField(label=_("Search for"), max_length=200, required=False)
    visibility = forms.ChoiceField(
        label=_("Visibility"), required=False, choices=[("", _("Public and internal")), *Visibility.choices]
    )
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[("relevance", _("relevance")), ("date", _("date, newest first"))]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=500, widget=forms.HiddenInput)

    field_order = ["q", "kind", "municipality", "spearhead", "date_from", "date_to", "visibility", "sort"]

    def __init__(self, *args, can_read_internal: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            *self.fields["kind"].choices,
            *[(code, ENTRY_KIND_LABELS[code]) for code in ENTRY_LABELS.values()],
        ]
        if not can_read_internal:
            del self.fields["visibility"]
