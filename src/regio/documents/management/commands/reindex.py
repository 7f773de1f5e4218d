"""`regio reindex [--region SLUG]`: rebuild the full-text search index.

The index follows every change on its own: documents are indexed by the intake service, and agenda
entries whenever a service or the region-file loader reports them changed (regio.core.changes). Run
this after restoring a backup, after changing the index layout, or to repair an index.
"""

from django.core.management.base import BaseCommand, CommandError

from regio.documents import search
from regio.regions.models import Region


class Command(BaseCommand):
    help = "Rebuild the full-text search index (documents, topics, agreements, commitments, meetings)."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="only this region's entries (its slug)")

    def handle(self, *args, region=None, **options):
        region_obj = None
        if region:
            try:
                region_obj = Region.objects.get(slug=region)
            except Region.DoesNotExist:
                raise CommandError(f"there is no region {region!r}") from None
        counts = search.rebuild(region=region_obj)
        self.stdout.write("Indexed " + ", ".join(f"{count} {kind} entr{'y' if count == 1 else 'ies'}"
                                                 for kind, count in counts.items()) + ".")
