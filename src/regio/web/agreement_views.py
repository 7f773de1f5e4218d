"""Pages of agreements (with their consent matrix) and of commitments to the councils.

Reads go through the selectors, writes through the services; the access policy decides which forms
are shown, and the services check it again.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from regio.core.pagination import paginate
from regio.commitments import selectors as commitment_selectors
from regio.commitments import services as commitment_services
from regio.commitments.models import Commitment, CommitmentState
from regio.meetings import agreement_selectors
from regio.meetings import services as meeting_services
from regio.meetings.models import Agreement, MunicipalDecision, Organ
from regio.regions.models import Municipality, Region
from regio.regions.selectors import member_get, region_members
from regio.topics import selectors as topic_selectors
from regio.web.agreement_forms import (
    AgreementForm,
    CommitmentFilterForm,
    CommitmentForm,
    DecisionForm,
    FulfilForm,
    WithdrawForm,
)
from regio.web.views import _apply, region_page

# Agreements


def _agreement_or_404(request, region, pk) -> Agreement:
    try:
        return agreement_selectors.agreement_detail(region=region, pk=pk, access=request.access)
    except Agreement.DoesNotExist:
        raise Http404(_("This agreement does not exist or is not public.")) from None


def _consent_context(request, region, agreement, *, forms=None, saved_for=None) -> dict:
    """What the consent partial needs: the matrix, and a decision form in each cell the visitor may fill in."""
    consent = agreement_selectors.agreement_consent(agreement)
    forms = forms or {}
    today = timezone.localdate()
    entries = []
    for row in consent.rows:
        form = None
        if request.access.can_record_decision(municipality_id=row.municipality.pk):
            form = forms.get(row.municipality.pk) or DecisionForm(
                prefix_slug=row.municipality.slug,
                initial={"organ": Organ.COLLEGE, "decided_on": max(today, agreement.made_on),
                         **DecisionForm.versions(row.cell.college, row.cell.council)},
            )
        entries.append((row, form))
    return {
        "region": region,
        "agreement": agreement,
        "consent": consent,
        "entries": entries,
        "saved_for": saved_for,
    }


@region_page
def agreement_list(request: HttpRequest, region: Region) -> HttpResponse:
    pager = paginate(request, agreement_selectors.agreement_list(region=region, access=request.access))
    return render(
        request,
        "web/agreements/list.html",
        {"region": region, "rows": agreement_selectors.agreements_with_consent(pager.items), "pager": pager},
    )


@region_page
def agreement_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    agreement = _agreement_or_404(request, region, pk)
    context = _consent_context(request, region, agreement)
    context["can_edit"] = request.access.manages_region
    return render(request, "web/agreements/detail.html", context)


@login_required
@region_page
@require_http_methods(["POST"])
def agreement_decision(request: HttpRequest, region: Region, pk: int, municipality: str) -> HttpResponse:
    """Record one municipality's decision from its cell of the matrix; htmx gets the updated matrix back."""
    agreement = _agreement_or_404(request, region, pk)
    try:
        member = member_get(region=region, slug=municipality)
    except Municipality.DoesNotExist:
        raise Http404(_("This municipality is not a member of the region.")) from None
    if not request.access.can_record_decision(municipality_id=member.pk):
        raise PermissionDenied(_("You may only record the decisions of your own municipality."))
    form = DecisionForm(request.POST, prefix_slug=member.slug)
    ok = form.is_valid() and _apply(
        form,
        lambda: meeting_services.decision_record(
            actor=request.user, agreement=agreement, municipality=member, **form.service_arguments()
        ),
    )
    if not ok and any(error.code == "stale" for error in form.non_field_errors().as_data()):
        # The input stays; the form now carries the stored versions, so saving again deliberately replaces them.
        stored = {d.organ: d for d in MunicipalDecision.objects.filter(agreement=agreement, municipality=member)}
        form.data = form.data.copy()
        for name, version in DecisionForm.versions(stored.get(Organ.COLLEGE), stored.get(Organ.COUNCIL)).items():
            form.data[name] = version
    if request.headers.get("HX-Request"):
        agreement = _agreement_or_404(request, region, pk)
        forms = {} if ok else {member.pk: form}
        context = _consent_context(request, region, agreement, forms=forms, saved_for=member.pk if ok else None)
        return render(request, "web/agreements/_consent.html", context)
    if ok:
        messages.success(request, _("The decision of %(municipality)s has been saved.") % {"municipality": member})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(agreement)


def _agreement_form(request, region, agreement=None) -> HttpResponse:
    if not request.access.manages_region:
        raise PermissionDenied(_("Only the regional coordinator manages agreements."))
    initial = {"visibility": "openbaar"}
    if agreement is not None:
        initial = {
            "title": agreement.title,
            "text": agreement.text,
            "made_on": agreement.made_on,
            "participants": [str(m.pk) for m in agreement.participants.all()],
            "council_decision_needed": agreement.council_decision_needed,
            "consent_rule": agreement.consent_rule,
            "meeting": str(agreement.meeting_id or ""),
            "topic": str(agreement.topic_id or ""),
            "other_topics": [str(t.pk) for t in agreement.other_topics.all()],
            "visibility": agreement.visibility,
            "version": agreement.version,
        }
    form = AgreementForm(
        request.POST or None,
        initial=initial,
        with_version=agreement is not None,
        municipalities=region_members(region=region),
        meetings=agreement_selectors.meeting_choices(region=region),
        topics=list(topic_selectors.topic_list(region=region, access=request.access)),
    )
    if request.method == "POST" and form.is_valid():
        result = {}

        def save():
            result["agreement"] = meeting_services.agreement_save(
                actor=request.user,
                region=region,
                agreement=agreement,
                is_example=agreement.is_example if agreement else False,
                expected_version=form.cleaned_data.get("version"),
                **form.service_arguments(),
            )

        if _apply(form, save, edited=agreement):
            messages.success(request, _("The agreement has been saved."))
            return redirect(result["agreement"])
    return render(request, "web/agreements/form.html", {"region": region, "form": form, "agreement": agreement})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest, region: Region) -> HttpResponse:
    return _agreement_form(request, region)


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    return _agreement_form(request, region, _agreement_or_404(request, region, pk))


# Commitments


def _commitment_or_404(request, region, pk) -> Commitment:
    try:
        return commitment_selectors.commitment_detail(region=region, pk=pk, access=request.access)
    except Commitment.DoesNotExist:
        raise Http404(_("This commitment does not exist or is not public.")) from None


def _may_resolve(access, commitment) -> bool:
    promisers = [m.pk for m in commitment.promised_by_municipalities.all()]
    return commitment.state == CommitmentState.OPEN and access.can_resolve_commitment(
        promising_municipality_ids=promisers
    )


@region_page
def commitment_list(request: HttpRequest, region: Region) -> HttpResponse:
    members = region_members(region=region)
    form = CommitmentFilterForm(request.GET or None, municipalities=members)
    filters = form.cleaned_data if form.is_valid() else {}
    by_slug = {m.slug: m for m in members}
    today = timezone.localdate()
    commitments = commitment_selectors.commitment_list(
        region=region,
        access=request.access,
        council=by_slug.get(filters.get("council")),
        municipality=by_slug.get(filters.get("municipality")),
        state=filters.get("state") or None,
        overdue=bool(filters.get("overdue")),
        due_soon=bool(filters.get("due_soon")),
        today=today,
    )
    pager = paginate(request, commitments)
    context = {"region": region, "form": form, "commitments": pager.items, "pager": pager, "today": today}
    template = "web/commitments/_results.html" if request.headers.get("HX-Request") else "web/commitments/list.html"
    return render(request, template, context)


@region_page
def council_commitments(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    try:
        municipality = member_get(region=region, slug=slug)
    except Municipality.DoesNotExist:
        raise Http404(_("This municipality is not a member of the region.")) from None
    today = timezone.localdate()
    commitments = commitment_selectors.commitment_list(
        region=region, access=request.access, council=municipality, today=today
    )
    return render(
        request,
        "web/commitments/council.html",
        {"region": region, "municipality": municipality, "commitments": list(commitments), "today": today},
    )


@region_page
def commitment_detail(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    commitment = _commitment_or_404(request, region, pk)
    return render(
        request,
        "web/commitments/detail.html",
        {
            "region": region,
            "commitment": commitment,
            "today": timezone.localdate(),
            "can_edit": request.access.manages_region,
            "can_resolve": _may_resolve(request.access, commitment),
        },
    )


def _commitment_form(request, region, commitment=None) -> HttpResponse:
    if not request.access.manages_region:
        raise PermissionDenied(_("Only the regional coordinator records commitments."))
    initial = {"visibility": "openbaar"}
    if commitment is not None:
        initial = {
            "title": commitment.title,
            "description": commitment.description,
            "promised_by": commitment.promised_by,
            "promised_by_municipalities": [str(m.pk) for m in commitment.promised_by_municipalities.all()],
            "recipient_councils": [str(m.pk) for m in commitment.recipient_councils.all()],
            "recipient_organisation": str(commitment.recipient_organisation_id or ""),
            "due_start": commitment.due_start,
            "due_date": commitment.due_date,
            "topic": str(commitment.topic_id or ""),
            "meeting": str(commitment.meeting_id or ""),
            "source": commitment.source,
            "visibility": commitment.visibility,
            "version": commitment.version,
        }
    form = CommitmentForm(
        request.POST or None,
        initial=initial,
        with_version=commitment is not None,
        municipalities=region_members(region=region),
        organisations=commitment_selectors.organisation_choices(),
        topics=list(topic_selectors.topic_list(region=region, access=request.access)),
        meetings=agreement_selectors.meeting_choices(region=region),
    )
    if request.method == "POST" and form.is_valid():
        result = {}

        def save():
            result["commitment"] = commitment_services.commitment_save(
                actor=request.user, region=region, commitment=commitment,
                expected_version=form.cleaned_data.get("version"), **form.service_arguments()
            )

        if _apply(form, save, edited=commitment):
            messages.success(request, _("The commitment has been saved."))
            return redirect(result["commitment"])
    return render(request, "web/commitments/form.html", {"region": region, "form": form, "commitment": commitment})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def commitment_create(request: HttpRequest, region: Region) -> HttpResponse:
    return _commitment_form(request, region)


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def commitment_edit(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    return _commitment_form(request, region, _commitment_or_404(request, region, pk))


def _commitment_resolve(request, region, pk, *, fulfil: bool) -> HttpResponse:
    commitment = _commitment_or_404(request, region, pk)
    promisers = [m.pk for m in commitment.promised_by_municipalities.all()]
    if not request.access.can_resolve_commitment(promising_municipality_ids=promisers):
        raise PermissionDenied(_("Only the coordinator or a municipality that made the promise may resolve it."))
    initial = {"on": timezone.localdate(), "version": commitment.version}
    if fulfil:
        form = FulfilForm(
            request.POST or None, initial=initial, meetings=agreement_selectors.meeting_choices(region=region),
            with_version=True,
        )
        service, done = commitment_services.commitment_fulfil, _("The commitment has been marked as fulfilled.")
    else:
        form = WithdrawForm(request.POST or None, initial=initial, with_version=True)
        service, done = commitment_services.commitment_withdraw, _("The commitment has been withdrawn.")
    if request.method == "POST" and form.is_valid():
        if _apply(form, lambda: service(actor=request.user, commitment=commitment,
                                        expected_version=form.cleaned_data["version"], **form.service_arguments()),
                  edited=commitment):
            messages.success(request, done)
            return redirect(commitment)
    return render(
        request,
        "web/commitments/resolve_form.html",
        {"region": region, "form": form, "commitment": commitment, "fulfil": fulfil},
    )


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def commitment_fulfil(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    return _commitment_resolve(request, region, pk, fulfil=True)


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def commitment_withdraw(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    return _commitment_resolve(request, region, pk, fulfil=False)
