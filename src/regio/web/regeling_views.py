"""Pages of the gemeenschappelijke regelingen: the register with each regeling's cycle and the
councils' terms, the comparison of views, and a council's regional agenda with its calendar.

Reads go through the arrangements selectors, writes through its services; the access policy decides
which forms are shown, and the services check it again.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from regio.arrangements import comparison as view_comparison
from regio.arrangements import paragraph
from regio.arrangements import selectors, services
from regio.arrangements.models import Arrangement, CycleDocument, DocumentKind, ViewBasis, ViewState, ViewVerdict, Zienswijze
from regio.regions.models import Municipality, Region
from regio.regions.selectors import member_get
from regio.web.forms import StyledForm
from regio.web.views import _apply, region_page

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PAGE_SIZE = 20
AGENDA_PAST_DAYS = 90


class CycleDocumentForm(StyledForm):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1900, max_value=2200,
                              help_text=gettext_lazy("The year the budget is for, or the year the accounts cover."))
    sent_on = forms.DateField(label=gettext_lazy("Sent to the councils on"), widget=DATE_INPUT)
    own_term_weeks = forms.IntegerField(label=gettext_lazy("Own term (weeks)"), required=False, min_value=0,
                                        help_text=gettext_lazy("Only where the arrangement sets its own term."))
    general_board_on = forms.DateField(label=gettext_lazy("General board decides on"), required=False, widget=DATE_INPUT)
    joint_draft = forms.CharField(label=gettext_lazy("Joint draft view"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text=gettext_lazy("Paragraphs separated by an empty line."))


class ViewForm(StyledForm):
    state = forms.ChoiceField(label=gettext_lazy("State"), choices=ViewState.choices)
    verdict = forms.ChoiceField(label=gettext_lazy("Verdict"), required=False,
                                choices=[("", "—"), *ViewVerdict.choices])
    adopted_on = forms.DateField(label=gettext_lazy("Adopted on"), required=False, widget=DATE_INPUT)
    basis = forms.ChoiceField(label=gettext_lazy("Basis"), choices=ViewBasis.choices)
    text = forms.CharField(label=gettext_lazy("Text"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    amendments = forms.CharField(label=gettext_lazy("Amendments"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    sent_on = forms.DateField(label=gettext_lazy("Sent to the board on"), required=False, widget=DATE_INPUT)


class AnswerForm(StyledForm):
    board_answer = forms.CharField(label=gettext_lazy("The board's answer"), widget=forms.Textarea(attrs={"rows": 4}))
    board_answered_on = forms.DateField(label=gettext_lazy("Answered on"), widget=DATE_INPUT)


class FinalDecisionForm(StyledForm):
    final_decision_on = forms.DateField(label=gettext_lazy("Decided on"), widget=DATE_INPUT)
    final_decision = forms.CharField(label=gettext_lazy("Final decision of the general board"),
                                     widget=forms.Textarea(attrs={"rows": 3}),
                                     help_text=gettext_lazy("What it decided and what changed because of the views."))


class CalendarImportForm(StyledForm):
    ics = forms.FileField(label=gettext_lazy("iCalendar file (.ics)"),
                          help_text=gettext_lazy("The council's meeting calendar; every event is a meeting day."))


class CouncilMeetingForm(StyledForm):
    date = forms.DateField(label=gettext_lazy("Council meeting on"), widget=DATE_INPUT)


def _arrangement_or_404(request, region: Region, slug: str) -> Arrangement:
    try:
        return selectors.arrangement_detail(region=region, slug=slug, public_only=not request.access.can_read_internal)
    except Arrangement.DoesNotExist:
        raise Http404(_("This joint arrangement does not exist or is not public.")) from None


def _document_or_404(arrangement: Arrangement, pk: int) -> CycleDocument:
    document = next((d for d in selectors.cycle_documents(arrangements=[arrangement]) if d.pk == pk), None)
    if document is None:
        raise Http404(_("This document does not exist."))
    return document


@region_page
def regeling_list(request: HttpRequest, region: Region) -> HttpResponse:
    arrangements = selectors.arrangement_list(region=region, public_only=not request.access.can_read_internal)
    page = Paginator(arrangements, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/regelingen/list.html", {"region": region, "page": page})


def _detail_context(request, region, arrangement, *, forms_=None) -> dict:
    today = timezone.localdate()
    forms_ = forms_ or {}
    documents = []
    for document in selectors.cycle_documents(arrangements=[arrangement]):
        rows = []
        for term in selectors.council_terms(document, today=today):
            view_form = None
            if request.access.manages_region or request.access.edits_for(term.municipality.pk):
                view_form = forms_.get((document.pk, term.municipality.pk)) or ViewForm(
                    prefix=f"v{document.pk}-{term.municipality.pk}",
                    initial={"state": term.view.state if term.view else ViewState.PREPARING,
                             "basis": term.view.basis if term.view else ViewBasis.OWN,
                             "version": term.view.version if term.view else 0},
                    with_version=True,
                )
            answer_form = None
            if request.access.manages_region and term.view and term.view.state == ViewState.ADOPTED:
                answer_form = forms_.get(("answer", term.view.pk)) or AnswerForm(
                    prefix=f"a{term.view.pk}", initial={"version": term.view.version}, with_version=True)
            rows.append((term, view_form, answer_form))
        decision_form = None
        if request.access.manages_region:
            decision_form = forms_.get(("decision", document.pk)) or FinalDecisionForm(
                prefix=f"d{document.pk}", initial={"version": document.version}, with_version=True)
        documents.append((document, selectors.document_deadline(document), rows, decision_form))
    return {
        "region": region,
        "arrangement": arrangement,
        "documents": documents,
        "document_form": forms_.get("document") or (CycleDocumentForm() if request.access.manages_region else None),
    }


@region_page
def regeling_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    arrangement = _arrangement_or_404(request, region, slug)
    return render(request, "web/regelingen/detail.html", _detail_context(request, region, arrangement))


@login_required
@region_page
@require_POST
def document_create(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    arrangement = _arrangement_or_404(request, region, slug)
    form = CycleDocumentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.cycle_document_record(
            actor=request.user, arrangement=arrangement, kind=data["kind"], title=data["title"], year=data["year"],
            sent_on=data["sent_on"], own_term_weeks=data["own_term_weeks"], general_board_on=data["general_board_on"],
            joint_draft=data["joint_draft"],
        )):
            messages.success(request, _("The document has been recorded."))
            return redirect("web:regeling-detail", region.slug, arrangement.slug)
    return render(request, "web/regelingen/detail.html",
                  _detail_context(request, region, arrangement, forms_={"document": form}), status=400)


@login_required
@region_page
@require_POST
def view_record(request: HttpRequest, region: Region, slug: str, pk: int, municipality: str) -> HttpResponse:
    arrangement = _arrangement_or_404(request, region, slug)
    document = _document_or_404(arrangement, pk)
    council = _member_or_404(region, municipality)
    form = ViewForm(request.POST, prefix=f"v{document.pk}-{council.pk}", with_version=True)
    if form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.zienswijze_record(
            actor=request.user, document=document, municipality=council, state=data["state"],
            verdict=data["verdict"], adopted_on=data["adopted_on"], basis=data["basis"], text=data["text"],
            amendments=data["amendments"], sent_on=data["sent_on"], expected_version=data["version"],
        ), edited=lambda: Zienswijze.objects.get(document=document, municipality=council)):
            messages.success(request, _("The view of %(name)s has been saved.") % {"name": council.name})
            return redirect("web:regeling-detail", region.slug, arrangement.slug)
    context = _detail_context(request, region, arrangement, forms_={(document.pk, council.pk): form})
    return render(request, "web/regelingen/detail.html", context, status=400)


@login_required
@region_page
@require_POST
def answer_record(request: HttpRequest, region: Region, slug: str, pk: int) -> HttpResponse:
    arrangement = _arrangement_or_404(request, region, slug)
    view = Zienswijze.objects.select_related("document", "document__arrangement", "municipality").filter(
        pk=pk, document__arrangement=arrangement).first()
    if view is None:
        raise Http404(_("This view does not exist."))
    form = AnswerForm(request.POST, prefix=f"a{view.pk}", with_version=True)
    if form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.board_answer_record(
            actor=request.user, view=view, answer=data["board_answer"], answered_on=data["board_answered_on"],
            expected_version=data["version"],
        ), edited=view):
            messages.success(request, _("The board's answer has been saved."))
            return redirect("web:regeling-detail", region.slug, arrangement.slug)
    context = _detail_context(request, region, arrangement, forms_={("answer", view.pk): form})
    return render(request, "web/regelingen/detail.html", context, status=400)


@login_required
@region_page
@require_POST
def decision_record(request: HttpRequest, region: Region, slug: str, pk: int) -> HttpResponse:
    arrangement = _arrangement_or_404(request, region, slug)
    document = _document_or_404(arrangement, pk)
    form = FinalDecisionForm(request.POST, prefix=f"d{document.pk}", with_version=True)
    if form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: services.final_decision_record(
            actor=request.user, document=document, decided_on=data["final_decision_on"], text=data["final_decision"],
            expected_version=data["version"],
        ), edited=document):
            messages.success(request, _("The final decision has been saved."))
            return redirect("web:regeling-detail", region.slug, arrangement.slug)
    context = _detail_context(request, region, arrangement, forms_={("decision", document.pk): form})
    return render(request, "web/regelingen/detail.html", context, status=400)


@region_page
def comparison(request: HttpRequest, region: Region, slug: str, pk: int) -> HttpResponse:
    arrangement = _arrangement_or_404(request, region, slug)
    document = _document_or_404(arrangement, pk)
    texts = {
        view.municipality.name: view.text
        for view in sorted(document.views.all(), key=lambda v: v.municipality.name)
        if view.text.strip()
    }
    result = view_comparison.compare(texts, draft=document.joint_draft) if texts else None
    return render(request, "web/regelingen/comparison.html",
                  {"region": region, "arrangement": arrangement, "document": document, "comparison": result})


def _member_or_404(region: Region, slug: str) -> Municipality:
    try:
        return member_get(region=region, slug=slug)
    except Municipality.DoesNotExist:
        raise Http404(_("This municipality is not a member of the region.")) from None


def _agenda_context(request, region, municipality, **forms_) -> dict:
    today = timezone.localdate()
    may_edit = request.access.manages_region or request.access.edits_for(municipality.pk)
    entries = selectors.regional_agenda(
        municipality=municipality, public_only=not request.access.can_read_internal,
        start=today - datetime.timedelta(days=AGENDA_PAST_DAYS),
    )
    return {
        "region": region,
        "municipality": municipality,
        "page": Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "today": today,
        "council_meetings": municipality.council_meetings.filter(date__gte=today)[:10],
        "import_form": forms_.get("import_form") or (CalendarImportForm() if may_edit else None),
        "meeting_form": forms_.get("meeting_form") or (CouncilMeetingForm() if may_edit else None),
    }


@region_page
def regional_agenda(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    municipality = _member_or_404(region, slug)
    return render(request, "web/regelingen/agenda.html", _agenda_context(request, region, municipality))


@login_required
@region_page
@require_http_methods(["POST"])
def calendar_import(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    municipality = _member_or_404(region, slug)
    form = CalendarImportForm(request.POST, request.FILES)
    if form.is_valid():
        result = {}

        def run():
            result["added"] = services.council_calendar_import(
                actor=request.user, region=region, municipality=municipality, ics=form.cleaned_data["ics"].read())

        if _apply(form, run):
            messages.success(request, _("%(count)d council meeting days imported.") % {"count": result["added"]})
            return redirect("web:regional-agenda", region.slug, municipality.slug)
    return render(request, "web/regelingen/agenda.html",
                  _agenda_context(request, region, municipality, import_form=form), status=400)


@login_required
@region_page
@require_http_methods(["POST"])
def council_meeting_add(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    municipality = _member_or_404(region, slug)
    form = CouncilMeetingForm(request.POST)
    if form.is_valid() and _apply(form, lambda: services.council_meeting_add(
        actor=request.user, region=region, municipality=municipality, date=form.cleaned_data["date"])):
        messages.success(request, _("The council meeting has been added."))
        return redirect("web:regional-agenda", region.slug, municipality.slug)
    return render(request, "web/regelingen/agenda.html",
                  _agenda_context(request, region, municipality, meeting_form=form), status=400)


def _paragraph(request, region: Region, slug: str, year: int):
    municipality = _member_or_404(region, slug)
    if not request.access.can_read_internal:
        raise Http404(_("The register of verbonden partijen is for signed-in users."))
    return municipality, selectors.verbonden_partijen_rows(municipality=municipality, year=year)


@login_required
@region_page
def verbonden_partijen_docx(request: HttpRequest, region: Region, slug: str, year: int) -> HttpResponse:
    municipality, rows = _paragraph(request, region, slug, year)
    response = HttpResponse(
        paragraph.paragraph_docx(rows, municipality=municipality.name, year=year),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="verbonden-partijen-{municipality.slug}-{year}.docx"'
    return response


@login_required
@region_page
def verbonden_partijen_csv(request: HttpRequest, region: Region, slug: str, year: int) -> HttpResponse:
    municipality, rows = _paragraph(request, region, slug, year)
    response = HttpResponse(paragraph.paragraph_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verbonden-partijen-{municipality.slug}-{year}.csv"'
    return response
