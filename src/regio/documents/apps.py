from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "regio.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from regio.core.changes import on_entry_changed
        from regio.documents import search

        # Keep the search index current whenever a service changes an agenda entry.
        on_entry_changed(search.reindex_entry)
