"""`regio restore FILE`: bring a backup made by `regio backup` into an empty installation."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from regio.jobs.backup import BackupError, restore_read


class Command(BaseCommand):
    help = "Restore a backup into an empty installation (migrates it first); refuses one that holds data."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a backup written by regio backup")

    def handle(self, *args, file: str, **options):
        if not Path(file).is_file():
            raise CommandError(f"Het bestand {file} bestaat niet.")
        call_command("migrate", verbosity=0)
        try:
            manifest = restore_read(source=Path(file))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {file} (made {manifest['created']}): the database and "
                          f"{len(manifest['files'])} original file(s); the search index was rebuilt.")
