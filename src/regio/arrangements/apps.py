from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArrangementsConfig(AppConfig):
    name = "regio.arrangements"
    verbose_name = _("Joint arrangements")
