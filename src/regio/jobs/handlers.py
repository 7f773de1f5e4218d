"""What each kind of job does: a function (job, progress) -> result, calling the ordinary services.

`progress(done, total)` reports steps (pages read, letters written) for the job-status page.
Files a job works on are staged in the default storage (shared by web servers and workers:
REGIO_MEDIA_ROOT on a shared volume, or S3-compatible storage through REGIO_MEDIA_URL).
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from regio.access.policies import SYSTEM
from regio.jobs.models import Job, JobKind
from regio.jobs.services import JobFailed

STAGING = "jobs/staging"


def stage_upload(upload) -> tuple[str, str]:
    """Copy an uploaded file into the shared storage, addressed by its SHA-256: (name, sha256)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    name = f"{STAGING}/{sha256[:2]}/{sha256}"
    if not default_storage.exists(name):
        upload.seek(0)
        default_storage.save(name, upload)
    return name, sha256


def _staged_bytes(job: Job) -> bytes:
    try:
        with default_storage.open(job.params["path"], "rb") as handle:
            return handle.read()
    except (OSError, KeyError):
        raise JobFailed(_("The uploaded file is no longer there; please upload it again.")) from None


def _actor(job: Job):
    return job.created_by or SYSTEM


def document_intake_job(job: Job, progress) -> dict:
    from regio.documents.services import document_intake

    params = job.params
    result = document_intake(
        actor=_actor(job), region=job.region, data=_staged_bytes(job), filename=params["filename"],
        kind=params.get("kind") or None, visibility=params["visibility"], progress=progress,
    )
    progress(result.pages, result.pages)
    default_storage.delete(params["path"])
    return {"document": result.document.pk, "url": result.document.get_absolute_url(), "created": result.created,
            "pages": result.pages, "findings": result.findings}


def region_load_job(job: Job, progress) -> dict:
    from regio.regionfiles.schema import RegionFileError, parse_region_text
    from regio.regionfiles.services import region_load

    try:
        spec = parse_region_text(_staged_bytes(job).decode("utf-8"), source=job.params.get("filename", "region file"))
        report = region_load(spec=spec, actor=_actor(job))
    except (RegionFileError, UnicodeDecodeError) as exc:
        raise JobFailed(str(exc)) from None
    default_storage.delete(job.params["path"])
    return {"region": report.region.slug, "summary": report.summary()}


def letters_job(job: Job, progress) -> dict:
    from regio.letters.compose import compose_letter
    from regio.letters.gather import check_period, letter_input
    from regio.letters.render import render
    from regio.letters.services import letter_save
    from regio.regions.selectors import region_members

    start = datetime.date.fromisoformat(job.params["from"])
    end = datetime.date.fromisoformat(job.params["to"])
    check_period(start, end)
    municipalities = list(region_members(region=job.region))
    documents = []
    for number, municipality in enumerate(municipalities):
        progress(number, len(municipalities))
        letter = compose_letter(letter_input(region=job.region, municipality=municipality,
                                             period_start=start, period_end=end))
        document = letter_save(actor=_actor(job), region=job.region, municipality=municipality, letter=letter,
                               pdf_bytes=render(letter, "pdf"))
        documents.append(document.pk)
    return {"documents": documents}


def reindex_job(job: Job, progress) -> dict:
    from regio.documents import search

    progress(0, 1)
    return search.rebuild(region=job.region)


HANDLERS = {
    JobKind.DOCUMENT_INTAKE: document_intake_job,
    JobKind.REGION_LOAD: region_load_job,
    JobKind.LETTERS: letters_job,
    JobKind.REINDEX: reindex_job,
}
