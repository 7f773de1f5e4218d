"""Forms of the agreement and commitment pages. They only parse input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from regio.commitments.models import CommitmentState
from regio.core.models import Visibility
from regio.core.widgets import IsoDateInput
from regio.meetings.models import ConsentRule, DecisionKind, Organ, Outcome
from regio.web.forms import StyledForm

DATE_INPUT = IsoDateInput()


def _pick(choices, value):
    """The object whose pk matches the chosen value, or None (the choices limit what can be chosen)."""
    return next((obj for obj in choices if str(obj.pk) == str(value)), None)


class AgreementForm(StyledForm):
    service_required = ("participants",)  # agreement_save names the missing municipalities

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 5}))
    made_on = forms.DateField(label=_("Made on"), widget=DATE_INPUT)
    participants = forms.MultipleChoiceField(
        label=_("Participating municipalities"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The member municipalities asked to adopt it."),
    )
    council_decision_needed = forms.BooleanField(label=_("Each council must decide too"), required=False)
    consent_rule = forms.TypedChoiceField(label=_("Kind of agreement"), choices=ConsentRule.choices,
                                          initial=ConsentRule.OPT_IN, required=False, empty_value=ConsentRule.OPT_IN,
                                          help_text=_("Opt-in unless every participant must adopt it."))
    meeting = forms.ChoiceField(label=_("Made in meeting"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    other_topics = forms.MultipleChoiceField(
        label=_("Other topics"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Other topics it concerns, beside the main one."),
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, municipalities, meetings, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities, self.meetings, self.topics = municipalities, meetings, topics
        self.fields["participants"].choices = [(str(m.pk), m.name) for m in municipalities]
        self.fields["meeting"].choices = [("", _("— none —")), *[(str(m.pk), str(m)) for m in meetings]]
        self.fields["topic"].choices = [("", _("— none —")), *[(str(t.pk), t.title) for t in topics]]
        self.fields["other_topics"].choices = [(str(t.pk), t.title) for t in topics]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "made_on": data["made_on"],
            "other_topics": [t for t in self.topics if str(t.pk) in data["other_topics"]],
            "participants": [m for m in self.municipalities if str(m.pk) in data["participants"]],
            "council_decision_needed": data["council_decision_needed"],
            "consent_rule": data["consent_rule"],
            "meeting": _pick(self.meetings, data["meeting"]),
            "topic": _pick(self.topics, data["topic"]),
            "visibility": data["visibility"],
        }


class DecisionForm(StyledForm):
    organ = forms.ChoiceField(label=_("Organ"), choices=Organ.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=DecisionKind.choices, initial=DecisionKind.DECISION)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DATE_INPUT)
    document = forms.CharField(label=_("Document"), required=False, max_length=300)
    # The versions of the college's and the council's decision as loaded (0: none yet): recording over a
    # decision someone else saved in between is refused (core.versions).
    college_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    council_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    VERSION_FIELDS = {Organ.COLLEGE: "college_version", Organ.COUNCIL: "council_version"}

    def __init__(self, *args, prefix_slug: str = "", **kwargs):
        # A prefix per municipality keeps the ids unique when the matrix shows several forms.
        super().__init__(*args, auto_id=f"id_{prefix_slug}_%s" if prefix_slug else "id_%s", **kwargs)

    @staticmethod
    def versions(college, council) -> dict:
        """The hidden versions for a cell whose decisions are `college` and `council` (None: none yet)."""
        return {"college_version": college.version if college else 0, "council_version": council.version if council else 0}

    def service_arguments(self) -> dict:
        data = {name: value for name, value in self.cleaned_data.items() if not name.endswith("_version")}
        return {**data, "expected_version": self.cleaned_data[self.VERSION_FIELDS[data["organ"]]]}


class CommitmentFilterForm(StyledForm):
    show_optional = False

    council = forms.ChoiceField(label=_("Promised to the council of"), required=False)
    municipality = forms.ChoiceField(label=_("Promised by"), required=False)
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states")), *CommitmentState.choices]
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    due_soon = forms.BooleanField(label=_("Due soon only"), required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        everyone = [("", _("All municipalities")), *[(m.slug, m.name) for m in municipalities]]
        self.fields["council"].choices = everyone
        self.fields["municipality"].choices = everyone


class CommitmentForm(StyledForm):
    title = forms.CharField(label=_("What is promised"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    promised_by = forms.CharField(
        label=_("Promised by"), max_length=200, help_text=_("A college, the colleges together, or a person.")
    )
    promised_by_municipalities = forms.MultipleChoiceField(
        label=_("Promising municipalities"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Their editors may mark the promise as fulfilled or withdrawn."),
    )
    recipient_councils = forms.MultipleChoiceField(
        label=_("Promised to the councils of"), widget=forms.CheckboxSelectMultiple, required=False
    )
    recipient_organisation = forms.ChoiceField(label=_("Or promised to the partner"), required=False)
    due_start = forms.DateField(
        label=_("Due window from"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Only when a window was given, such as a quarter."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DATE_INPUT, help_text=_("The latest date."))
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    meeting = forms.ChoiceField(label=_("Made in meeting"), required=False)
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Visibility.choices)

    def __init__(self, *args, municipalities, organisations, topics, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities, self.organisations = municipalities, organisations
        self.topics, self.meetings = topics, meetings
        members = [(str(m.pk), m.name) for m in municipalities]
        self.fields["promised_by_municipalities"].choices = members
        self.fields["recipient_councils"].choices = members
        self.fields["recipient_organisation"].choices = [
            ("", _("— none —")),
            *[(str(o.pk), o.name) for o in organisations],
        ]
        self.fields["topic"].choices = [("", _("— none —")), *[(str(t.pk), t.title) for t in topics]]
        self.fields["meeting"].choices = [("", _("— none —")), *[(str(m.pk), str(m)) for m in meetings]]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "promised_by": data["promised_by"],
            "promised_by_municipalities": [
                m for m in self.municipalities if str(m.pk) in data["promised_by_municipalities"]
            ],
            "recipient_councils": [m for m in self.municipalities if str(m.pk) in data["recipient_councils"]],
            "recipient_organisation": _pick(self.organisations, data["recipient_organisation"]),
            "due_start": data["due_start"],
            "due_date": data["due_date"],
            "topic": _pick(self.topics, data["topic"]),
            "meeting": _pick(self.meetings, data["meeting"]),
            "source": data["source"],
            "visibility": data["visibility"],
        }


class FulfilForm(StyledForm):
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        max_length=300,
        help_text=_("The letter or other proof that the promise was kept."),
    )
    evidence_meeting = forms.ChoiceField(label=_("Or the meeting in which it was kept"), required=False)
    on = forms.DateField(label=_("Fulfilled on"), widget=DATE_INPUT)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = meetings
        self.fields["evidence_meeting"].choices = [("", _("— none —")), *[(str(m.pk), str(m)) for m in meetings]]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "evidence": data["evidence"],
            "evidence_meeting": _pick(self.meetings, data["evidence_meeting"]),
            "on": data["on"],
        }


class WithdrawForm(StyledForm):
    service_required = ("evidence",)

    # Not required here: the service refuses an empty reason and names the field.
    evidence = forms.CharField(
        label=_("Reason"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = forms.DateField(label=_("Withdrawn on"), widget=DATE_INPUT)

    def service_arguments(self) -> dict:
        return {"reason": self.cleaned_data["evidence"], "on": self.cleaned_data["on"]}
