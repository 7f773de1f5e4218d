from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionFilesConfig(AppConfig):
    name = "regio.regionfiles"
    verbose_name = _("Region files")
