from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regio.regions"
    verbose_name = _("Regions and municipalities")

    def ready(self) -> None:
        from regio.core.changes import on_region_changed
        from regio.regions.services import region_counter_bump

        # Every reported change raises its region's counter, in the changing transaction.
        on_region_changed(region_counter_bump)
