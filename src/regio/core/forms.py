"""One look for every form control: the NL Design System classes per widget, for every app's forms."""

from __future__ import annotations

from django import forms

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


def nl_design_classes(form: forms.BaseForm) -> None:
    """Give each widget of `form` its NL Design System class (a class already set is kept); mark optional fields."""
    for field in form.fields.values():
        widget = field.widget
        css = next((c for cls, c in WIDGET_CLASSES.items() if isinstance(widget, cls)), None)
        widget.attrs.setdefault("class", css or TEXTBOX)
        field.show_optional = not field.required
