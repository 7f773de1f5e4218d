"""Pages of the document store: upload, the document list, a document's text per page, and search.

Reads go through the documents selectors and search; an upload is staged and read by a job (regio.jobs)
that calls the intake service, while the page shows each file's progress;
internal documents (and their text) are shown only to whom the access policy lets read them.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regio.access.throttling import rate_limited
from regio.core.uploads import too_large_message
from regio.core.pagination import paginate
from regio.documents import forgiving, search
from regio.documents import selectors as document_selectors
from regio.documents.models import Document
from regio.jobs.handlers import stage_upload
from regio.jobs.models import Job, JobKind
from regio.jobs.selectors import region_job, region_jobs
from regio.jobs.services import job_resume_if_orphaned, job_retry, job_submit
from regio.regions.models import Region
from regio.regions.selectors import region_members
from regio.visions.selectors import region_spearheads
from regio.web.document_forms import ENTRY_KIND_LABELS, DocumentFilterForm, SearchForm, UploadForm
from regio.web.views import region_page

PAGE_SIZE = 20


def _filter_choices(region: Region) -> dict:
    return {"municipalities": region_members(region=region), "spearheads": list(region_spearheads(region=region))}


def _int(value) -> int | None:
    return int(value) if value else None


@region_page
def document_list(request: HttpRequest, region: Region) -> HttpResponse:
    form = DocumentFilterForm(request.GET or None, **_filter_choices(region))
    filters = form.cleaned_data if form.is_valid() else {}
    documents = document_selectors.document_list(
        region=region,
        access=request.access,
        municipality_id=_int(filters.get("municipality")),
        spearhead_id=_int(filters.get("spearhead")),
        kind=filters.get("kind") or None,
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return render(
        request,
        "web/documents/list.html",
        {"region": region, "form": form, "documents": (pager := paginate(request, documents)).items, "pager": pager,
         "can_upload": request.access.can_edit_anything},
    )


@region_page
def document_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    try:
        document = document_selectors.document_detail(region=region, pk=pk, access=request.access)
    except Document.DoesNotExist:
        raise Http404(_("This document does not exist or is not public.")) from None
    return render(
        request,
        "web/documents/detail.html",
        {"region": region, "document": document, "pages": list(document.pages.all()),
         "can_review": request.access.can_edit_anything},
    )


def _require_upload(request: HttpRequest) -> None:
    if not request.access.can_edit_anything:
        raise PermissionDenied(_("Only the coordinator and editors may add documents."))


@login_required
@rate_limited("upload", methods=("POST",))
@region_page
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, region: Region) -> HttpResponse:
    """Stage each file and hand its reading to a job; the page that follows shows their progress."""
    _require_upload(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if getattr(request, "upload_too_large", False):
        form.add_error(None, too_large_message())
    elif request.method == "POST" and form.is_valid():
        jobs = []
        for upload in form.cleaned_data["file"]:
            path, sha256 = stage_upload(upload)
            jobs.append(job_submit(
                kind=JobKind.DOCUMENT_INTAKE,
                idempotency_key=f"document_intake:{region.pk}:{sha256}",
                actor=request.user,
                region=region,
                label=upload.name,
                params={"path": path, "filename": upload.name, "kind": form.cleaned_data["kind"],
                        "visibility": form.cleaned_data["visibility"]},
            ))
        query = "&".join(f"taak={job.pk}" for job in jobs)
        return redirect(reverse("web:upload-jobs", kwargs={"region": region.slug}) + f"?{query}")
    return render(request, "web/documents/upload.html",
                  {"region": region, "form": form, "max_upload_mb": settings.REGIO_MAX_UPLOAD_MB})


@login_required
@region_page
def upload_jobs(request: HttpRequest, region: Region) -> HttpResponse:
    """The files just uploaded (?taak=…), or else the latest, each with its progress."""
    _require_upload(request)
    ids = [int(value) for value in request.GET.getlist("taak") if value.isdigit()][:50]
    jobs = region_jobs(region=region, ids=ids or None, kind=JobKind.DOCUMENT_INTAKE)[:50]
    for job in jobs:
        job_resume_if_orphaned(job=job)
    return render(request, "web/documents/jobs.html", {"region": region, "jobs": jobs})


@login_required
@region_page
def upload_job(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    """One job's progress as a fragment; htmx polls it until the job is done or failed."""
    _require_upload(request)
    try:
        job = region_job(region=region, pk=pk)
    except Job.DoesNotExist:
        raise Http404(_("There is no such job.")) from None
    job_resume_if_orphaned(job=job)
    return render(request, "web/documents/_job.html", {"region": region, "job": job})


@login_required
@region_page
@require_http_methods(["POST"])
def upload_job_retry(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    _require_upload(request)
    try:
        job = region_job(region=region, pk=pk)
    except Job.DoesNotExist:
        raise Http404(_("There is no such job.")) from None
    try:
        job = job_retry(job=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.headers.get("HX-Request"):
        return render(request, "web/documents/_job.html", {"region": region, "job": job})
    return redirect(reverse("web:upload-jobs", kwargs={"region": region.slug}) + f"?taak={job.pk}")


@rate_limited("search", methods=("GET",))
@region_page
def search_page(request: HttpRequest, region: Region) -> HttpResponse:
    access = request.access
    form = SearchForm(request.GET or None, can_read_internal=access.can_read_internal, **_filter_choices(region))
    result = grouped = suggestion = None
    if form.is_valid() and form.cleaned_data.get("q"):
        data = form.cleaned_data
        page = data.get("page") or 1
        filters = search.SearchFilters(
            municipality_id=_int(data.get("municipality")),
            spearhead_id=_int(data.get("spearhead")),
            kind=data.get("kind") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            visibility=data.get("visibility") or None,
        )
        if not data.get("kind") and (data.get("sort") or "relevance") == "relevance" and page == 1 and not request.GET.get("lijst"):
            # The overview: grouped by kind, forgiving typos; a kind or a sort order gives the full list.
            grouped = forgiving.forgiving_search(region=region, access=access, query=data["q"], filters=filters)
            suggestion = grouped.suggestion
        else:
            result = search.search(
                region=region,
                access=access,
                query=data["q"],
                filters=filters,
                sort=data.get("sort") or "relevance",
                limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE,
            )
            if not result.hits:
                suggestion = forgiving.suggest(data["q"], region=region, access=access)
    params = request.GET.copy()
    page = (form.cleaned_data.get("page") or 1) if form.is_valid() else 1
    pages = {}
    for name, number in (("previous", page - 1), ("next", page + 1)):
        params["page"] = number
        pages[name] = params.urlencode()
    return render(
        request,
        "web/documents/search.html",
        {
            "region": region,
            "form": form,
            "result": result,
            "grouped": grouped,
            "suggestion": suggestion,
            "group_labels": forgiving.GROUP_LABELS,
            "group_kinds": {**search.ENTRY_LABELS, "document": ""},
            "page": page,
            "previous_query": pages["previous"] if page > 1 else None,
            "next_query": pages["next"] if result and result.has_next else None,
            "kind_labels": {**dict(Document._meta.get_field("kind").choices), **ENTRY_KIND_LABELS},
        },
    )
