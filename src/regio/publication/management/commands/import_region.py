"""`regio import-region FILE.json [--as-slug SLUG]`: read a region export into this database.

All or nothing: the region is created in one transaction, and only under a slug not yet in use.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from regio.publication.exports.canonical import ImportError_, region_import


class Command(BaseCommand):
    help = "Import a region from the canonical JSON `regio export` writes."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export file (JSON).")
        parser.add_argument("--as-slug", help="Import under this slug instead of the one in the file.")

    def handle(self, *args, file: str, as_slug: str | None = None, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise CommandError(f"{file} is not valid JSON: {exc}.") from None
        try:
            region, created = region_import(data=data, slug=as_slug)
        except (ImportError_, PermissionDenied) as exc:
            raise CommandError(f"{exc} — nothing was stored.") from None
        summary = ", ".join(f"{n} {name}" for name, n in sorted(created.items()))
        self.stdout.write(f"Imported {region.name} as {region.slug} ({summary}).")
