"""`regio beat`: the Celery scheduler (nightly reindex; see regio.jobs.celery.BEAT_SCHEDULE)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run the scheduler that submits the regular background jobs (run exactly one)."

    def add_arguments(self, parser):
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args, loglevel: str, **options):
        if not settings.REGIO_BROKER_URL:
            raise CommandError("REGIO_BROKER_URL is not set: the scheduler needs a broker (e.g. redis://127.0.0.1:6379/0).")
        from regio.jobs.celery import app

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        app.start(["beat", f"--loglevel={loglevel}", "--schedule", str(settings.VAR_DIR / "celerybeat-schedule")])
