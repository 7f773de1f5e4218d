"""Download views of the public exports; thin: resolve the region, call the export, send the bytes."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from regio.core.spreadsheets import csv_bytes
from regio.publication.exports import ori, popolo, register, tables
from regio.publication.selectors import region_theme
from regio.regions.models import Region
from regio.regions.selectors import region_get

JSON_OPTIONS = {"ensure_ascii": False, "indent": 2}


def _region(slug: str) -> Region:
    try:
        return region_get(slug=slug)
    except Region.DoesNotExist:
        raise Http404(_("There is no region with this address.")) from None


def _csv_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def popolo_json(request: HttpRequest, region: str) -> JsonResponse:
    return JsonResponse(popolo.popolo_document(_region(region)), json_dumps_params=JSON_OPTIONS)


@require_safe
def ori_json(request: HttpRequest, region: str) -> JsonResponse:
    """Meetings, agenda items, decisions and documents in the vocabulary of ODS Open Raadsinformatie."""
    return JsonResponse(ori.ori_document(_region(region)), json_dumps_params=JSON_OPTIONS)


@require_safe
def entity_csv(request: HttpRequest, region: str, entity: str) -> HttpResponse:
    region_obj = _region(region)
    make_table = tables.TABLES.get(entity)
    if make_table is None:
        raise Http404(_("There is no table of that name."))
    header, rows = make_table(region_obj)
    return _csv_response(csv_bytes(header, rows), f"{region_obj.slug}-{entity}.csv")


@require_safe
def register_page(request: HttpRequest, region: str) -> HttpResponse:
    region_obj = _region(region)
    return render(
        request,
        "arrangements/register.html",
        {
            "region": region_obj,
            "theme": region_theme(region_obj),
            "entries": register.register_entries(region_obj),
        },
    )


@require_safe
def register_csv(request: HttpRequest, region: str) -> HttpResponse:
    region_obj = _region(region)
    header, rows = register.register_table(region_obj)
    return _csv_response(csv_bytes(header, rows), f"{region_obj.slug}-regelingen.csv")


@require_safe
def register_json(request: HttpRequest, region: str) -> HttpResponse:
    region_obj = _region(region)
    body = json.dumps({"regio": region_obj.name, "regelingen": register.register_entries(region_obj)}, **JSON_OPTIONS)
    return HttpResponse(body, content_type="application/json")
