"""The Celery application: `regio worker` runs its tasks, `regio beat` its schedule.

Configured from the Django settings prefixed CELERY_ (conf/settings.py: REGIO_BROKER_URL,
REGIO_JOB_QUEUE). The state of each job lives in the database (regio.jobs.models.Job), so no result
backend is needed; tasks are acknowledged after they ran, so a job whose worker died is delivered again.
"""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")

app = Celery("regio")
app.config_from_object("django.conf:settings", namespace="CELERY")

BEAT_SCHEDULE = {
    "nightly-reindex": {"task": "regio.jobs.nightly_reindex", "schedule": crontab(hour=3, minute=15)},
    # What `regio notify` sends (digests, decision requests, reminders), each once: its sent log makes a
    # second run the same day send nothing, so a beat that fires twice does no harm.
    "daily-notifications": {"task": "regio.jobs.daily_notifications", "schedule": crontab(hour=7, minute=0)},
}
app.conf.beat_schedule = BEAT_SCHEDULE


@app.task(name="regio.jobs.run", acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def run_job(job_id: int) -> None:
    from regio.jobs.services import job_run

    job_run(job_id=job_id)


@app.task(name="regio.jobs.nightly_reindex", ignore_result=True)
def nightly_reindex() -> None:
    from django.utils import timezone

    from regio.jobs.models import JobKind
    from regio.jobs.services import job_submit

    today = timezone.localdate().isoformat()
    job_submit(kind=JobKind.REINDEX, idempotency_key=f"reindex:nightly:{today}", label=f"nightly {today}")


@app.task(name="regio.jobs.daily_notifications", ignore_result=True)
def daily_notifications() -> None:
    from regio.notifications.services import notify_run

    notify_run()
