"""`regio demo`: prepare the database with the Leidse regio and demo accounts, then serve it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from regio.access.models import AccessLevel, Grant
from regio.regionfiles.schema import read_region_file
from regio.regionfiles.services import region_load
from regio.regions.models import Municipality

DEMO_PASSWORD = "regio-demo"
# (username, level, municipality name or None, superuser)
DEMO_ACCOUNTS = [
    ("coordinator", AccessLevel.COORDINATOR, None, True),
    ("leiden", AccessLevel.EDITOR, "Leiden", False),
    ("voorschoten", AccessLevel.EDITOR, "Voorschoten", False),
    ("griffier", AccessLevel.READER, None, False),
]


class Command(BaseCommand):
    help = "Migrate, load the Leidse regio, create demo accounts, and start the server (unless --no-serve)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--no-serve", action="store_true", help="prepare everything but do not start the server")

    def handle(self, *args, addrport, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        report = region_load(spec=read_region_file("leidse-regio"))
        self.create_accounts(report.region)
        host, _, port = addrport.rpartition(":")
        url = f"http://{host or '127.0.0.1'}:{port}/{report.region.slug}/"
        self.stdout.write(self.style.SUCCESS(f"Regio is ready: {report.region.name} is loaded."))
        self.stdout.write(f"  Open      {url}")
        self.stdout.write(f"  Log in as coordinator / {DEMO_PASSWORD}  (regional coordinator, may edit everything)")
        self.stdout.write(
            f"  or        leiden or voorschoten / {DEMO_PASSWORD}  (editor for that municipality), "
            f"griffier / {DEMO_PASSWORD}  (reader)"
        )
        if settings.REGIO_TWO_FACTOR_REQUIRED:
            self.stdout.write(
                "  The coordinator sets up two-factor authentication (an authenticator app) at the first sign-in;"
                " to try without, start with REGIO_TWO_FACTOR_REQUIRED=0."
            )
        if not no_serve:
            call_command("runserver", addrport, use_reloader=False)

    @transaction.atomic
    def create_accounts(self, region) -> None:
        User = get_user_model()
        for username, level, municipality_name, superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": superuser, "is_superuser": superuser, "email": f"{username}@example.org"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            municipality = Municipality.objects.get(name=municipality_name) if municipality_name else None
            Grant.objects.get_or_create(user=user, region=region, level=level, municipality=municipality)
