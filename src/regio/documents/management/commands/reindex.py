"""`regio reindex [--region SLUG]`: rebuild the full-text search index.

Documents are indexed by their own services in the same transaction; agenda entries changed by
services that do not call regio.documents.search.reindex_entry are picked up by running this
periodically (e.g. nightly from cron) or after a bulk load.
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
