"""Defect: date inputs came up empty because they rendered Dutch-formatted values (``02-12-2026``),
which browsers drop for ``<input type="date">``. Every form with a date or datetime-local input
renders ISO values, in Dutch as in English."""

from __future__ import annotations

import datetime
import importlib
import inspect
from types import SimpleNamespace

import pytest
from django import forms
from django.utils import translation

from regio.documents.models import DocumentFinding

DAY = datetime.date(2026, 12, 2)
MOMENT = datetime.datetime(2026, 12, 2, 19, 30)
ISO_DAY = 'value="2026-12-02"'
ISO_MOMENT = 'value="2026-12-02T19:30"'


def _topic():
    return SimpleNamespace(allowed_next_statuses=["verkennen"])


def _forms(world):
    """(form, field names) for every form that has a date or datetime-local input."""
    from regio.letters.forms import LetterForm
    from regio.web.agreement_forms import AgreementForm, CommitmentForm, DecisionForm, FulfilForm, WithdrawForm
    from regio.web.analysis_views import AnalysisForm
    from regio.web.document_forms import DocumentFilterForm, SearchForm
    from regio.web.forms import ResultForm, StatusChangeForm
    from regio.web.meeting_forms import MeetingForm
    from regio.web.review_views import FindingEditForm

    def finding(kind):
        return DocumentFinding(kind=kind)

    none = dict(municipalities=[], meetings=[], topics=[])
    return [
        (StatusChangeForm, dict(topic=_topic()), ["changed_on"]),
        (ResultForm, {}, ["target_date"]),
        (LetterForm, dict(members=[]), ["period_start", "period_end", "letter_date"]),
        (AnalysisForm, dict(bodies=[]), ["start", "end"]),
        (DocumentFilterForm, dict(municipalities=[], spearheads=[]), ["date_from", "date_to"]),
        (SearchForm, dict(municipalities=[], spearheads=[], can_read_internal=True), ["date_from", "date_to"]),
        (AgreementForm, none, ["made_on"]),
        (DecisionForm, {}, ["decided_on"]),
        (CommitmentForm, dict(municipalities=[], organisations=[], topics=[], meetings=[]), ["due_start", "due_date"]),
        (FulfilForm, dict(meetings=[]), ["on"]),
        (WithdrawForm, {}, ["on"]),
        (MeetingForm, dict(bodies=[], persons=[]), ["window_start", "window_end"]),
        (FindingEditForm, dict(finding=finding("commitment"), region=world.region), ["due_date"]),
        (FindingEditForm, dict(finding=finding("event"), region=world.region), ["window_start", "window_end"]),
        (FindingEditForm, dict(finding=finding("decision"), region=world.region), ["made_on"]),
        (FindingEditForm, dict(finding=finding("document_date"), region=world.region), ["document_date"]),
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_date_input_renders_an_iso_value(world, language):
    with translation.override(language):
        for form_class, kwargs, names in _forms(world):
            form = form_class(initial={name: DAY for name in names}, **kwargs)
            for name in names:
                html = str(form[name])
                assert 'type="date"' in html, (form_class.__name__, name, html)
                assert ISO_DAY in html, (form_class.__name__, name, html)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_meeting_times_render_as_datetime_local_iso(world, language):
    from regio.web.meeting_forms import MeetingForm

    with translation.override(language):
        form = MeetingForm(initial={"starts_at": MOMENT, "ends_at": MOMENT}, bodies=[], persons=[])
        for name in ("starts_at", "ends_at"):
            html = str(form[name])
            assert 'type="datetime-local"' in html and ISO_MOMENT in html, html


def test_a_submitted_iso_date_is_accepted_and_shown_back_unchanged():
    """A form redisplayed with errors keeps the date the browser sent."""
    from regio.web.forms import StatusChangeForm

    with translation.override("nl"):
        form = StatusChangeForm({"status": "verkennen", "changed_on": "2026-12-02", "reason": ""}, topic=_topic())
        assert not form.is_valid()
        assert "changed_on" not in form.errors
        assert form.cleaned_data["changed_on"] == DAY
        assert ISO_DAY in str(form["changed_on"])


MODULES = [
    "regio.web.forms", "regio.web.agreement_forms", "regio.web.meeting_forms", "regio.web.document_forms",
    "regio.web.analysis_views", "regio.web.review_views", "regio.letters.forms",
]


def test_no_form_has_a_date_input_without_the_iso_format():
    """A guard for forms added later: every date-type widget in the form modules carries the ISO format."""
    seen = 0
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for _, form_class in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form_class, forms.BaseForm) or form_class.__module__ != module_name:
                continue
            for name, field in form_class.base_fields.items():
                widget = field.widget
                if getattr(widget, "input_type", "") in ("date", "datetime-local"):
                    seen += 1
                    expected = "%Y-%m-%d" if widget.input_type == "date" else "%Y-%m-%dT%H:%M"
                    assert widget.format == expected, (module_name, form_class.__name__, name, widget.format)
    assert seen >= 20


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_every_date_input_refuses_a_date_outside_the_supported_years_naming_the_field(world, day):
    with translation.override("nl"):
        for form_class, kwargs, names in _forms(world):
            form = form_class(**kwargs)
            for name in names:
                with pytest.raises(forms.ValidationError) as excinfo:
                    form.fields[name].clean(day)
                label = str(form.fields[name].label)
                assert excinfo.value.messages == [
                    f"{label[0].upper()}{label[1:]}: kies een datum tussen 1 januari 1900 en 31 december 2199."
                ], (form_class.__name__, name)
