"""Pages of the document store: upload, the document list, a document's text per page, and search.

Reads go through the documents selectors and search, the upload through the intake service;
internal documents (and their text) are shown only to whom the access policy lets read them.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regio.documents import forgiving, search
from regio.documents import selectors as document_selectors
from regio.documents.models import Document
from regio.documents.services import document_intake
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
        {"region": region, "form": form, "documents": list(documents[:200]),
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


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, region: Region) -> HttpResponse:
    if not request.access.can_edit_anything:
        raise PermissionDenied(_("Only the coordinator and editors may add documents."))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = document_intake(
                actor=request.user,
                region=region,
                data=upload.read(),
                filename=upload.name,
                kind=form.cleaned_data["kind"] or None,
                visibility=form.cleaned_data["visibility"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            if result.created:
                messages.success(
                    request,
                    _("%(file)s was read: %(pages)s page(s), %(findings)s finding(s) to review.")
                    % {"file": upload.name, "pages": result.pages, "findings": result.findings},
                )
            else:
                messages.success(request, _("%(file)s was already stored; here it is.") % {"file": upload.name})
            return redirect(result.document)
    return render(request, "web/documents/upload.html", {"region": region, "form": form})


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
