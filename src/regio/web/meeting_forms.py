"""Forms of the body and meeting pages. They only parse input; the meeting services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regio.core.models import Visibility
from regio.core.widgets import IsoDateInput, IsoDateTimeLocalInput
from regio.meetings.models import BodyKind
from regio.web.forms import StyledForm

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _choices(objects, *, blank=None, key=lambda o: str(o.pk), label=str):
    choices = [(key(o), label(o)) for o in objects]
    return [("", blank), *choices] if blank is not None else choices


class MeetingFilterForm(StyledForm):
    show_optional = False

    body = forms.ChoiceField(label=_("Body"), required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = _choices(bodies, blank=_("All bodies"), key=lambda b: b.slug)


class TimelineFilterForm(StyledForm):
    show_optional = False

    spearhead = forms.ChoiceField(label=_("Spearhead"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)

    def __init__(self, *args, spearheads, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spearhead"].choices = _choices(
            spearheads, blank=_("All spearheads"), key=lambda s: s.code, label=lambda s: s.name
        )
        self.fields["municipality"].choices = _choices(
            municipalities, blank=_("All municipalities"), key=lambda m: m.slug, label=lambda m: m.name
        )


class BodyForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=BodyKind.choices)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    meetings_per_year = forms.IntegerField(label=_("Meetings per year"), min_value=0, max_value=366, initial=0)
    usual_duration_hours = forms.DecimalField(
        label=_("Usual duration (hours)"), min_value=0.5, max_value=24, max_digits=4, decimal_places=1, initial=2
    )
    chair = forms.ChoiceField(label=_("Chair"), required=False)
    secretary = forms.ChoiceField(label=_("Secretary"), required=False)
    spearheads = forms.MultipleChoiceField(label=_("Spearheads"), required=False, widget=forms.CheckboxSelectMultiple)
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple)
    may_decide = forms.TypedChoiceField(
        label=_("May decide"),
        choices=[("0", _("No, it advises")), ("1", _("Yes, it may decide"))],
        coerce=lambda value: value == "1",
        initial="0",
    )
    mandate = forms.CharField(
        label=_("Mandate"), required=False, max_length=300, help_text=_("On whose mandate it decides, if it may.")
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, persons, spearheads, topics, **kwargs):
        super().__init__(*args, **kwargs)
        person_choices = _choices(persons, blank=_("— none —"))
        self.fields["chair"].choices = person_choices
        self.fields["secretary"].choices = person_choices
        self.fields["spearheads"].choices = _choices(spearheads, key=lambda s: s.code, label=lambda s: s.name)
        self.fields["topics"].choices = _choices(topics, key=lambda t: t.slug, label=lambda t: t.title)


class BodyMemberForm(StyledForm):
    person = forms.ChoiceField(label=_("Person"))
    municipality = forms.ChoiceField(label=_("Represents the municipality"), required=False)
    organisation = forms.ChoiceField(label=_("Or represents the organisation"), required=False)

    def __init__(self, *args, persons, municipalities, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _choices(persons, blank=_("— choose —"))
        self.fields["municipality"].choices = _choices(
            municipalities, blank=_("— none —"), key=lambda m: m.slug, label=lambda m: m.name
        )
        self.fields["organisation"].choices = _choices(organisations, blank=_("— none —"))


class MeetingForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.ChoiceField(label=_("Body"), required=False, help_text=_("Leave empty for an ad hoc meeting."))
    starts_at = forms.DateTimeField(
        label=_("Starts at"), required=False, input_formats=DATETIME_FORMATS, widget=IsoDateTimeLocalInput,
        help_text=_("The date and time, once set."),
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), required=False, input_formats=DATETIME_FORMATS, widget=IsoDateTimeLocalInput
    )
    window_start = forms.DateField(
        label=_("Window from"), required=False, widget=IsoDateInput,
        help_text=_("Without a date: the first day it may fall on."),
    )
    window_end = forms.DateField(
        label=_("Window until"), required=False, widget=IsoDateInput,
        help_text=_("Without a date: the last day it may fall on."),
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    invitees = forms.MultipleChoiceField(
        label=_("Invitees"), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("People invited who are not members of the body."),
    )
    minutes = forms.CharField(label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    cancelled = forms.TypedChoiceField(
        label=_("Cancelled"),
        choices=[("0", _("No")), ("1", _("Yes, called off"))],
        coerce=lambda value: value == "1",
        initial="0",
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, bodies, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = _choices(bodies, blank=_("— ad hoc —"), key=lambda b: b.slug)
        self.fields["invitees"].choices = _choices(persons)


class AgendaItemForm(StyledForm):
    title = forms.CharField(label=_("Agenda item"), max_length=300)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = _choices(topics, blank=_("— none —"), key=lambda t: t.slug, label=lambda t: t.title)


class AttendanceForm(StyledForm):
    person = forms.ChoiceField(label=_("Person"))
    present = forms.TypedChoiceField(
        label=_("Attendance"),
        choices=[("1", _("present")), ("0", _("sent apologies"))],
        coerce=lambda value: value == "1",
        initial="1",
    )

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _choices(persons, blank=_("— choose —"))
