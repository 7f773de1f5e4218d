"""`regio worker`: a Celery worker for the background jobs (needs REGIO_BROKER_URL)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a worker for background jobs (OCR of uploads, imports, letters, reindexing)."

    def add_arguments(self, parser):
        parser.add_argument("--concurrency", type=int, default=2, help="jobs run at once (default 2)")
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args, concurrency: int, loglevel: str, **options):
        if not settings.REGIO_BROKER_URL:
            raise CommandError(
                "REGIO_BROKER_URL is not set: without a broker the web server runs jobs itself "
                "(e.g. REGIO_BROKER_URL=redis://127.0.0.1:6379/0)."
            )
        from regio.jobs.celery import app

        app.worker_main(["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}",
                         "--queues", settings.CELERY_TASK_DEFAULT_QUEUE, "--without-gossip", "--without-mingle"])
