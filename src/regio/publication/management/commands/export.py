"""`regio export [--region SLUG] --output FILE.json`: the canonical JSON of a whole region.

See `regio.publication.exports.canonical` for what it carries. Keys are sorted and the output is
stable, so two exports of an unchanged region are identical and can be compared with diff.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from regio.access.models import SecurityEventKind
from regio.access.security import security_event_record
from regio.publication.exports.canonical import region_export
from regio.regions.models import Region


def canonical_json(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


class Command(BaseCommand):
    help = "Write the canonical JSON of a region (everything, internal items included) to a file or stdout."

    def add_arguments(self, parser):
        parser.add_argument("--region", help="The region's slug; may be left out when there is only one region.")
        parser.add_argument("--output", "-o", default="-", help="The file to write; '-' (default) writes to stdout.")

    def handle(self, *args, region: str | None = None, output: str = "-", **options):
        regions = Region.objects.all()
        if region:
            found = regions.filter(slug=region).first()
            if found is None:
                known = ", ".join(regions.values_list("slug", flat=True)) or "none"
                raise CommandError(f"There is no region {region!r} (known: {known}).")
        else:
            slugs = list(regions.values_list("slug", flat=True)[:2])
            if len(slugs) != 1:
                raise CommandError("Name the region with --region SLUG." if slugs else "There is no region to export.")
            found = regions.get()
        text = canonical_json(region_export(found))
        security_event_record(kind=SecurityEventKind.INTERNAL_EXPORT, region=found,
                              detail={"via": "regio export", "output": output})
        if output == "-":
            sys.stdout.write(text)
            return
        try:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}.") from None
        self.stderr.write(f"Exported {found.name} to {output}.")
