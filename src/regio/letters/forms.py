"""The letter form of the web page: which council (or all), which period, and what to do with it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from regio.core.dates import bound_date_fields
from regio.core.forms import nl_design_classes
from regio.core.widgets import IsoDateInput
from regio.letters.gather import check_period

ALL = "alle"


class LetterForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Council"), help_text=_("A member municipality, or all of them."))
    period_start = forms.DateField(label=_("From"), widget=IsoDateInput)
    period_end = forms.DateField(label=_("Until"), widget=IsoDateInput)
    letter_date = forms.DateField(label=_("Letter date"), required=False, widget=IsoDateInput,
                                  help_text=_("Empty means today."))
    commitment = forms.TypedChoiceField(label=_("Fulfils commitment"), required=False, coerce=int, empty_value=None,
                                        help_text=_("When saving: the open commitment to this council the letter keeps."))

    def __init__(self, *args, members, commitments=(), **kwargs):
        super().__init__(*args, **kwargs)
        bound_date_fields(self)
        nl_design_classes(self)
        self.fields["municipality"].choices = [(m.slug, m.name) for m in members] + [(ALL, _("All member municipalities"))]
        self.fields["commitment"].choices = [("", "—")] + [(c.pk, f"{c.title} ({c.due_label})") for c in commitments]

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end"):
            if data["period_end"] < data["period_start"]:
                self.add_error("period_end", _("The period ends before it starts."))
            else:
                try:
                    check_period(data["period_start"], data["period_end"])
                except ValidationError as exc:
                    self.add_error(None, exc)
        return data
