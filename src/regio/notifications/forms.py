from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("Where Regio sends your e-mails. Without an address you receive none."),
    )

    class Meta:
        model = NotificationPreference
        fields = ["daily_digest", "decision_requests", "commitment_reminders"]
