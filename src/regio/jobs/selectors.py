"""Reading jobs for the pages that show their progress."""

from __future__ import annotations

from django.db.models import QuerySet

from regio.jobs.models import Job


def region_jobs(*, region, ids: list[int] | None = None, kind: str | None = None) -> QuerySet[Job]:
    jobs = Job.objects.filter(region=region).select_related("created_by")
    if ids is not None:
        jobs = jobs.filter(pk__in=ids)
    if kind:
        jobs = jobs.filter(kind=kind)
    return jobs.order_by("-created_at")


def region_job(*, region, pk: int) -> Job:
    return Job.objects.select_related("created_by").get(region=region, pk=pk)
