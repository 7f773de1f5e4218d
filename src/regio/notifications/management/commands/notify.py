"""`regio notify`: send the e-mails due today (digests, decision requests, promise reminders), each once."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from regio.notifications.models import NotificationKind
from regio.notifications.services import notify_run, parse_day


class Command(BaseCommand):
    help = "Send the e-mails that are due today and were not sent before (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list what would be sent; send and log nothing")
        parser.add_argument("--today", help="the day to count as today (YYYY-MM-DD); default: today")

    def handle(self, *args, dry_run, today, **options):
        try:
            day = parse_day(today) if today else None
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        report = notify_run(today=day, dry_run=dry_run)
        labels = dict(NotificationKind.choices)
        if dry_run:
            for username, kind, subject in report.planned:
                self.stdout.write(f"{username}\t{labels[kind]}\t{subject}")
            self.stdout.write(f"{len(report.planned)} e-mail(s) would be sent.")
            return
        parts = ", ".join(f"{labels[kind]}: {count}" for kind, count in sorted(report.sent.items()))
        self.stdout.write(f"{report.total} e-mail(s) sent" + (f" ({parts})" if parts else "") + ".")
        for failure in report.failed:
            self.stderr.write(f"not sent: {failure}")
        if report.failed:
            raise CommandError(f"{len(report.failed)} e-mail(s) could not be sent; the next run tries again.")
