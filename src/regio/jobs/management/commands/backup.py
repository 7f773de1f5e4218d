"""`regio backup FILE`: the whole installation (database and document originals) in one file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from regio.jobs.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Write a full backup (database as portable JSON, every original document, a manifest with checksums)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup to write, e.g. regio-2026-12-02.tar.gz")

    def handle(self, *args, file: str, **options):
        try:
            manifest = backup_write(target=Path(file))
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}") from None
        self.stdout.write(f"Backup written to {file}: the database and {len(manifest['files'])} original file(s).")
