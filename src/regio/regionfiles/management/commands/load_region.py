"""`regio load-region NAME|FILE`: load a built-in region or a region file, all or nothing."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from regio.regionfiles.schema import RegionFileError, builtin_region_names, read_region_file
from regio.regionfiles.services import region_load


class Command(BaseCommand):
    help = "Load a region: a built-in name (e.g. leidse-regio) or the path of a YAML/JSON region file."

    def add_arguments(self, parser):
        parser.add_argument("region", help=f"built-in region ({', '.join(builtin_region_names())}) or a file path")

    def handle(self, *args, region, **options):
        try:
            report = region_load(spec=read_region_file(region))
        except (RegionFileError, PermissionDenied) as exc:
            report = getattr(exc, "report", None)
            if report is not None and report.batches_committed:
                raise CommandError(
                    f"{exc} — the records before it were stored; load the corrected file again to complete "
                    "the load (loading is idempotent)."
                ) from None
            raise CommandError(f"{exc} — nothing was stored.") from None
        verb = "Loaded" if report.changed else "Already up to date:"
        self.stdout.write(f"{verb} {report.region.name} ({report.summary()}).")
