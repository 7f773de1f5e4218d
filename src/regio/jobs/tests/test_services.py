"""jobs/services.py: submit, run once, progress, failure and retry, idempotency, orphaned jobs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from regio.documents.models import Document
from regio.documents.tests.data import make
from regio.jobs.handlers import stage_upload
from regio.jobs.models import Job, JobKind, JobState
from regio.jobs.services import STALE_SECONDS, job_retry, job_run, job_submit

LETTER = "Raadsinformatiebrief fietsroute\n\nLeiden, 4 maart 2024\n\nDe fietsroute wordt verlengd."


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def queued(settings):
    """Jobs wait in the queue (a runner that never comes); the test runs them with job_run."""
    settings.REGIO_JOBS_MODE = "thread"
    return None


def submit_file(world, data: bytes, filename: str, **kwargs) -> Job:
    path, sha256 = stage_upload(ContentFile(data, name=filename))
    return job_submit(
        kind=JobKind.DOCUMENT_INTAKE, idempotency_key=f"document_intake:{world.region.pk}:{sha256}",
        actor=world.user("coordinator"), region=world.region, label=filename,
        params={"path": path, "filename": filename, "kind": "", "visibility": "intern"}, **kwargs,
    )


def test_a_document_job_reads_the_file_and_reports_pages_read_of_total(world, queued):
    job = submit_file(world, make.text_pdf(["Eerste pagina.", "Tweede pagina.", "Derde pagina."]), "nota.pdf")
    assert job.state == JobState.QUEUED and job.done == 0 and job.total == 0
    seen = []
    from regio.jobs import services

    original = services._progress

    def spying(job):
        report = original(job)

        def both(done, total):
            report(done, total)
            seen.append((done, total, Job.objects.get(pk=job.pk).done))

        return both

    services._progress = spying
    try:
        job = job_run(job_id=job.pk)
    finally:
        services._progress = original
    assert seen[:3] == [(1, 3, 1), (2, 3, 2), (3, 3, 3)]  # stored as it goes, for the polling page
    document = Document.objects.get()
    assert (job.state, job.done, job.total, job.attempts) == (JobState.DONE, 3, 3, 1)
    assert job.result == {"document": document.pk, "url": document.get_absolute_url(), "created": True,
                          "pages": 3, "findings": job.result["findings"]}
    assert not default_storage.exists(job.params["path"])  # the staged copy is gone once stored


def test_the_same_work_submitted_twice_is_one_job_and_done_once(world, queued):
    first = submit_file(world, LETTER.encode(), "brief.txt")
    second = submit_file(world, LETTER.encode(), "brief-kopie.txt")
    assert second.pk == first.pk
    job_run(job_id=first.pk)
    again = job_run(job_id=first.pk)  # delivered twice: the second finds it done
    assert (again.state, again.attempts) == (JobState.DONE, 1)
    assert Document.objects.count() == 1
    assert submit_file(world, LETTER.encode(), "brief.txt").pk == first.pk
    assert Job.objects.count() == 1


def test_a_running_job_is_not_started_by_a_second_runner_until_it_goes_stale(world, queued):
    job = submit_file(world, LETTER.encode(), "brief.txt")
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1)
    assert job_run(job_id=job.pk).state == JobState.RUNNING
    assert not Document.objects.exists()
    stale = timezone.now() - timedelta(seconds=STALE_SECONDS + 1)
    Job.objects.filter(pk=job.pk).update(updated_at=stale)  # its worker died
    job = job_run(job_id=job.pk)
    assert (job.state, job.attempts) == (JobState.DONE, 2)
    assert Document.objects.count() == 1


def test_a_failed_job_keeps_its_error_stores_nothing_and_can_be_retried(world, queued):
    job = submit_file(world, b"%PDF-1.4 this is not really a pdf", "scan.pdf")
    job = job_run(job_id=job.pk)
    assert job.state == JobState.FAILED
    assert job.error.startswith("scan.pdf: ")
    assert job.finished_at is not None
    assert not Document.objects.exists()
    assert default_storage.exists(job.params["path"])  # kept for the retry

    job = job_retry(job=job)
    assert (job.state, job.error, job.finished_at) == (JobState.QUEUED, "", None)
    job = job_run(job_id=job.pk)
    assert (job.state, job.attempts) == (JobState.FAILED, 2)


def test_submitting_failed_work_again_retries_it(world, queued):
    job = submit_file(world, b"%PDF-1.4 this is not really a pdf", "scan.pdf")
    job_run(job_id=job.pk)
    again = submit_file(world, b"%PDF-1.4 this is not really a pdf", "scan.pdf")
    assert again.pk == job.pk and again.state == JobState.QUEUED


@pytest.mark.parametrize("state", [JobState.QUEUED, JobState.RUNNING, JobState.DONE])
def test_only_a_failed_job_can_be_retried(world, queued, state):
    job = submit_file(world, LETTER.encode(), "brief.txt")
    Job.objects.filter(pk=job.pk).update(state=state)
    job.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        job_retry(job=job)
    assert refused.value.code == "not_failed"
    job.refresh_from_db()
    assert job.state == state


def test_an_unknown_kind_of_job_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        job_submit(kind="mine_bitcoin", idempotency_key="x")
    assert refused.value.code == "bad_kind"
    assert not Job.objects.exists()


def test_a_staged_file_that_disappeared_fails_with_a_clear_message(world, queued):
    job = submit_file(world, LETTER.encode(), "brief.txt")
    default_storage.delete(job.params["path"])
    job = job_run(job_id=job.pk)
    assert job.state == JobState.FAILED
    assert job.error == "Het geüploade bestand is er niet meer; upload het opnieuw."


def test_eager_mode_runs_the_job_at_once(world, settings):
    settings.REGIO_JOBS_MODE = "eager"
    job = submit_file(world, LETTER.encode(), "brief.txt")
    assert job.pk and Job.objects.get(pk=job.pk).state == JobState.DONE


def test_a_reindex_job_rebuilds_the_search_index(world, queued):
    from regio.documents import search

    job = job_submit(kind=JobKind.REINDEX, idempotency_key="reindex:test", region=world.region)
    job = job_run(job_id=job.pk)
    assert job.state == JobState.DONE
    assert job.result == search.rebuild(region=world.region)


def test_a_region_load_job_loads_a_staged_region_file_and_reports_a_broken_one(db, queued):
    from regio.regionfiles.tests.helpers import builtin_data
    from regio.regions.models import Region

    import yaml

    text = yaml.safe_dump(builtin_data(), allow_unicode=True, sort_keys=False).encode()
    path, sha256 = stage_upload(ContentFile(text, name="leidse-regio.yaml"))
    job = job_submit(kind=JobKind.REGION_LOAD, idempotency_key=f"region_load:{sha256}", label="leidse-regio.yaml",
                     params={"path": path, "filename": "leidse-regio.yaml"})
    job = job_run(job_id=job.pk)
    assert job.state == JobState.DONE, job.error
    assert job.result["region"] == "leidse-regio" and Region.objects.filter(slug="leidse-regio").exists()

    broken = text.replace(b"GM0546", b"GM9999", 1)
    path, sha256 = stage_upload(ContentFile(broken, name="kapot.yaml"))
    job = job_submit(kind=JobKind.REGION_LOAD, idempotency_key=f"region_load:{sha256}", label="kapot.yaml",
                     params={"path": path, "filename": "kapot.yaml"})
    job = job_run(job_id=job.pk)
    assert job.state == JobState.FAILED and "kapot.yaml" in job.error and "GM9999" in job.error
