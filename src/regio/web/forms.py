"""Forms of the web interface. They only parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from regio.core.dates import bound_date_fields
from regio.core.forms import nl_design_classes
from regio.core.models import Visibility
from regio.core.widgets import IsoDateInput
from regio.topics.models import CooperationForm, ParticipationRole, TopicStatus


class StyledForm(forms.Form):
    """Gives widgets the NL Design System classes and links help and errors for screen readers.

    A field is labelled "(optional)" only when it truly is: not in a filter form (`show_optional`
    False) and not among the fields a service requires (`service_required`, left optional in the
    form so that the service's own message appears next to the field).
    """

    show_optional = True
    service_required: tuple[str, ...] = ()

    def __init__(self, *args, with_version=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_version:
            # The version of the stored record the form was loaded with: a save over someone else's newer
            # one is refused by the service (core.versions).
            # 0: there was none yet (a form that records or replaces, such as a council's view).
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
        bound_date_fields(self)
        nl_design_classes(self)
        for name, field in self.fields.items():
            field.show_optional = self.show_optional and not field.required and name not in self.service_required
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                described = {*attrs.get("aria-describedby", "").split(), f"{self[name].auto_id}-error"}
                attrs["aria-describedby"] = " ".join(sorted(described))


class LoginForm(StyledForm, AuthenticationForm):
    pass


class TopicFilterForm(StyledForm):
    show_optional = False

    q = forms.CharField(label=_("Search in titles"), required=False, max_length=100)
    spearhead = forms.ChoiceField(label=_("Spearhead"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *TopicStatus.choices]
    )
    lead = forms.ChoiceField(
        label=_("Lead"),
        required=False,
        choices=[("", _("All topics")), ("open", _("Lead still to be appointed")), ("set", _("Lead appointed"))],
    )

    def __init__(self, *args, spearheads, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spearhead"].choices = [("", _("All spearheads")), *[(s.code, s.name) for s in spearheads]]
        self.fields["municipality"].choices = [("", _("All municipalities")), *[(m.slug, m.name) for m in municipalities]]


class TopicForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    spearheads = forms.MultipleChoiceField(
        label=_("Spearheads"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Which spearheads of the vision the topic serves; at least one."),
        error_messages={"required": _("A topic must serve at least one spearhead of the vision; choose one or more.")},
    )
    proposed_by = forms.ChoiceField(label=_("Proposed by"), required=False)
    cooperation_form = forms.ChoiceField(label=_("Form of cooperation"), choices=CooperationForm.choices)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, spearheads, municipalities, include_proposer=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spearheads"].choices = [(s.code, s.name) for s in spearheads]
        if include_proposer:
            self.fields["proposed_by"].choices = [("", _("— none —")), *[(m.slug, m.name) for m in municipalities]]
        else:
            del self.fields["proposed_by"]


class StatusChangeForm(StyledForm):
    status = forms.ChoiceField(label=_("New status"))
    changed_on = forms.DateField(label=_("Date"), widget=IsoDateInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, topic, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s, TopicStatus(s).label) for s in topic.allowed_next_statuses]


class ParticipationForm(StyledForm):
    role = forms.ChoiceField(label=_("Participation"), choices=ParticipationRole.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=300)


class LeadForm(StyledForm):
    municipality = forms.ChoiceField(
        label=_("Lead municipality"),
        required=False,
        help_text=_("Only a municipality that takes part (initiator or takes part) can lead; each municipality's "
                    "own choice is shown in brackets."),
    )
    person = forms.ChoiceField(
        label=_("Lead person"),
        required=False,
        help_text=_("People who hold a role in the chosen lead municipality."),
        error_messages={"invalid_choice": _("Choose a person who holds a role in the lead municipality.")},
    )

    def __init__(self, *args, municipalities, persons, participation=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice = {row.municipality.pk: row.participation for row in participation}

        def label(m):
            chosen = choice.get(m.pk)
            if not participation:
                return m.name
            return f"{m.name} ({chosen.get_role_display() if chosen else _('not chosen yet')})"

        self.fields["municipality"].choices = [
            ("", _("Still to be appointed")), *[(m.slug, label(m)) for m in municipalities]
        ]
        self.fields["person"].choices = [("", _("— none —")), *[(str(p.pk), p.name) for p in persons]]


class ResultForm(StyledForm):
    description = forms.CharField(label=_("Desired result"), max_length=300)
    indicator = forms.CharField(label=_("Indicator"), required=False, max_length=200)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=30)
    baseline = forms.DecimalField(label=_("Baseline"), required=False, max_digits=14, decimal_places=2)
    target_value = forms.DecimalField(label=_("Target"), required=False, max_digits=14, decimal_places=2)
    target_date = forms.DateField(label=_("Target date"), required=False, widget=IsoDateInput)
    current_value = forms.DecimalField(label=_("Current value"), required=False, max_digits=14, decimal_places=2)


class BulkParticipationForm(StyledForm):
    """One row per member municipality: its choice and note. Rows the user may not edit are not fields."""

    def __init__(self, *args, rows, editable_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            if row.municipality.pk not in editable_ids:
                continue
            slug, current = row.municipality.slug, row.participation
            choices = ([] if current else [("", _("not decided yet"))]) + list(ParticipationRole.choices)
            self.fields[f"role_{slug}"] = forms.ChoiceField(
                label=_("Participation of %(name)s") % {"name": row.municipality.name}, choices=choices,
                required=current is not None, initial=current.role if current else "",
            )
            self.fields[f"note_{slug}"] = forms.CharField(
                label=_("Note for %(name)s") % {"name": row.municipality.name}, required=False, max_length=300,
                initial=current.note if current else "",
                help_text=_("E.g. the college decision it rests on."),
            )
            # The version of the stored choice as loaded (0: none yet), see core.versions.
            self.fields[f"version_{slug}"] = forms.IntegerField(
                widget=forms.HiddenInput, min_value=0, initial=current.version if current else 0)

    def table(self):
        """(row, role field or None, note field or None) per municipality, for the template."""
        return [
            (row, self[f"role_{row.municipality.slug}"] if f"role_{row.municipality.slug}" in self.fields else None,
             self[f"note_{row.municipality.slug}"] if f"note_{row.municipality.slug}" in self.fields else None)
            for row in self.rows
        ]

    def choices(self, members) -> dict:
        return {
            m: (self.cleaned_data[f"role_{m.slug}"], self.cleaned_data[f"note_{m.slug}"])
            for m in members if f"role_{m.slug}" in self.fields
        }

    def versions(self, members) -> dict:
        return {m: self.cleaned_data[f"version_{m.slug}"] for m in members if f"version_{m.slug}" in self.fields}
