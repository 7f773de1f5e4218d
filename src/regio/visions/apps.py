from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisionsConfig(AppConfig):
    name = "regio.visions"
    verbose_name = _("Visions")
