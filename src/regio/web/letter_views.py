"""Pages for the council letters (preview, download, save as record) and the regional dashboard."""

from __future__ import annotations

import io
import zipfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from regio.commitments.models import Commitment, CommitmentState
from regio.letters.compose import compose_letter
from regio.letters.dashboard import dashboard_data
from regio.letters.forms import ALL, LetterForm
from regio.letters.gather import letter_input
from regio.letters.render import render as render_letter
from regio.letters.render import renderer_for
from django.template.loader import render_to_string

from regio.letters.render.html import letter_context, letter_html
from regio.letters.services import can_save_letter, letter_save
from regio.regions.models import Region
from regio.regions.selectors import region_members
from regio.web.views import region_page


@region_page
def letters(request: HttpRequest, region: Region) -> HttpResponse:
    access = request.access
    if not access.can_read_internal:
        raise PermissionDenied(_("Sign in to prepare council letters."))
    members = region_members(region=region)
    data = request.POST if request.method == "POST" else (request.GET if "municipality" in request.GET else None)
    open_commitments = list(
        Commitment.objects.filter(region=region, state=CommitmentState.OPEN, recipient_councils__isnull=False)
        .distinct()
        .order_by("due_date")
    )
    form = LetterForm(data, members=members, commitments=open_commitments)
    previews, action = [], request.POST.get("action") or request.GET.get("action") or "preview"
    if form.is_bound and form.is_valid():
        chosen = members if form.cleaned_data["municipality"] == ALL else [
            m for m in members if m.slug == form.cleaned_data["municipality"]
        ]
        try:
            composed = [
                (m, compose_letter(letter_input(
                    region=region, municipality=m, period_start=form.cleaned_data["period_start"],
                    period_end=form.cleaned_data["period_end"], letter_date=form.cleaned_data["letter_date"],
                )))
                for m in chosen
            ]
        except ValidationError as exc:
            form.add_error(None, exc)
            composed = []
        if composed and action in ("pdf", "docx", "html"):
            return _download(composed, action)
        if composed and action == "save":
            if request.method != "POST":
                raise PermissionDenied(_("Saving needs a form submission."))
            return _save(request, region, form, composed)
        previews = [
            (m, mark_safe(render_to_string("letters/letter.css", letter_context(letter, for_print=False))),  # noqa: S308
             mark_safe(letter_html(letter, fragment=True)))  # noqa: S308 (our own template, autoescaped)
            for m, letter in composed
        ]
    return render(request, "web/letters/letters.html", {
        "region": region,
        "form": form,
        "previews": previews,
        "may_save": access.manages_region or access.is_editor,
    })


def _download(composed, name: str) -> HttpResponse:
    renderer = renderer_for(name)
    if len(composed) == 1:
        letter = composed[0][1]
        response = HttpResponse(render_letter(letter, name), content_type=renderer.media_type)
        response["Content-Disposition"] = f'attachment; filename="{renderer.filename(letter)}"'
        return response
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for _m, letter in composed:
            archive.writestr(renderer.filename(letter), render_letter(letter, name))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="raadsinformatiebrieven-{name}.zip"'
    return response


def _save(request, region, form, composed) -> HttpResponse:
    commitment = None
    if form.cleaned_data.get("commitment"):
        commitment = Commitment.objects.filter(region=region, pk=form.cleaned_data["commitment"]).first()
    for municipality, letter in composed:
        if not can_save_letter(request.access, municipality):
            raise PermissionDenied(_("You may not save letters to this council."))
    try:
        for municipality, letter in composed:
            fulfils = commitment if commitment and municipality in commitment.recipient_councils.all() else None
            letter_save(actor=request.user, region=region, municipality=municipality, letter=letter,
                        pdf_bytes=render_letter(letter, "pdf"), commitment=fulfils)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved %(count)d letter(s) as documents.") % {"count": len(composed)})
    return redirect(request.get_full_path())


@region_page
def dashboard(request: HttpRequest, region: Region) -> HttpResponse:
    members = region_members(region=region)
    municipality = next((m for m in members if m.slug == request.GET.get("gemeente")), None)
    data = dashboard_data(region=region, access=request.access, municipality=municipality)
    return render(request, "web/dashboard.html", {"region": region, "members": members, "municipality": municipality, **data})
