"""Views: read through selectors, write through services; no business rules here."""

from __future__ import annotations

from functools import cache, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from regio.access.policies import region_with_access
from regio.commitments.selectors import commitment_signals
from regio.core.pagination import paginate
from regio.documents.worklist import worklist
from regio.documents.worklist import worklist_count as worklist_count_of
from regio.publication.caching import clock_hour
from regio.regions.models import Municipality, Person, Region
from regio.regions.selectors import member_get, region_list, region_members
from regio.topics import selectors as topic_selectors
from regio.topics import services as topic_services
from regio.topics.models import Participation, ParticipationRole, Topic, TopicStatus
from regio.visions.selectors import region_milestones, region_spearheads, region_vision
from regio.web.forms import (
    BulkParticipationForm,
    LeadForm,
    ParticipationForm,
    ResultForm,
    StatusChangeForm,
    TopicFilterForm,
    TopicForm,
)
from regio.web.templatetags.regio_tags import FRAGMENT_TIMEOUT, address_pattern

HOME_LIST_SIZE = 10  # a home page shows the latest few of a list, with its count and a link to all


def region_page(view):
    """Resolve the region from the URL and the visitor's access to it."""

    @wraps(view)
    def wrapper(request: HttpRequest, region: str, *args, **kwargs):
        try:
            region_obj, request.access = region_with_access(slug=region, user=request.user)
        except Region.DoesNotExist:
            raise Http404(_("There is no region with this address.")) from None
        request.region = region_obj
        return view(request, region_obj, *args, **kwargs)

    return wrapper


def _topic_or_404(request, region, slug) -> Topic:
    try:
        return topic_selectors.topic_detail(region=region, slug=slug, access=request.access)
    except Topic.DoesNotExist:
        raise Http404(_("This topic does not exist or is not public.")) from None


def _apply(form, call, names: dict[str, str] | None = None, edited=None) -> bool:
    """Run a service call; put its validation errors on the form (`names`: service field → form field).

    `edited`: the stored record a versioned form edits (or a function that finds it now, for a form that may
    create it). When the service refused the form's version as stale, the form keeps the user's input and now
    carries the stored version: saving it again deliberately replaces the newer one. True when it succeeded."""
    try:
        call()
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                field = (names or {}).get(field, field)
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc)
            if edited is not None and any(error.code == "stale" for error in exc.error_list):
                stored = edited() if callable(edited) else edited
                form.data = form.data.copy()
                form.data[form.add_prefix("version")] = (
                    type(stored)._default_manager.values_list("version", flat=True).get(pk=stored.pk)
                )
        return False
    return True


def index(request: HttpRequest) -> HttpResponse:
    regions = list(region_list())
    if len(regions) == 1:
        return redirect(regions[0])
    return render(request, "web/index.html", {"regions": regions})


@region_page
def region_home(request: HttpRequest, region: Region) -> HttpResponse:
    # The page is one template fragment cached by the region's change counter (see the template);
    # what it reads is evaluated lazily, so a cached page reads nothing of it.
    access = request.access
    vision = SimpleLazyObject(lambda: region_vision(region=region))

    def spearhead_rows():
        counts = topic_selectors.spearhead_topic_counts(region=region, access=access)
        return [(s, counts.get(s.pk, 0)) for s in (vision.spearheads.all() if vision else [])]

    open_leads = (
        topic_selectors.topic_list(region=region, access=access, open_lead=True)
        .exclude(status__in=(TopicStatus.COMPLETED, TopicStatus.STOPPED))
        .prefetch_related(None)
    )
    return render(
        request,
        "web/region_home.html",
        {
            "region": region,
            "vision": vision,
            "spearhead_rows": SimpleLazyObject(spearhead_rows),
            "recent_topics": SimpleLazyObject(lambda: topic_selectors.topics_recently_changed(region=region, access=access)),
            "open_leads": SimpleLazyObject(lambda: list(open_leads[:HOME_LIST_SIZE])),
            "open_lead_count": SimpleLazyObject(open_leads.count),
            "milestones": SimpleLazyObject(lambda: list(region_milestones(region=region))),
            "members": SimpleLazyObject(lambda: region_members(region=region)),
            "today": timezone.localdate(),
            "commitments": SimpleLazyObject(lambda: commitment_signals(region=region, access=access)),
            # What waits for this person by their role here; a user without a grant in the region has none.
            # A fragment kept by the change counter, the reader's rights and the hour (see documents.worklist).
            "work": SimpleLazyObject(lambda: worklist(user=request.user, region=region))
            if request.access.can_read_internal else None,
            "hour": clock_hour(),
            "municipality_address": address_pattern("web:municipality-detail", region.slug),
        },
    )


@region_page
def worklist_count(request: HttpRequest, region: Region) -> HttpResponse:
    """The number in the navigation's "Mijn werk" item (loaded after the page, so pages stay as cheap)."""
    if not request.user.is_authenticated:
        return HttpResponse("")
    # Every signed-in page asks for it: kept like the Mijn werk fragment (counter, rights, hour).
    key = f"regio:work-count:{region.pk}:{region.change_count}:{request.access.rights_key}:{clock_hour()}"
    count = caches["pages"].get_or_set(key, lambda: worklist_count_of(user=request.user, region=region),
                                       FRAGMENT_TIMEOUT)
    return HttpResponse(
        f'<span class="regio-count" aria-label="{_("%(count)d waiting") % {"count": count}}">{count}</span>'
        if count else ""
    )


@region_page
def topic_list(request: HttpRequest, region: Region) -> HttpResponse:
    # Read lazily: the filter form and the results are template fragments cached by the region's change counter
    # and the address (its filters), so a cached page reads neither the members nor the topics.
    @cache
    def filtered():
        members = region_members(region=region)
        spearheads = list(region_spearheads(region=region))
        form = TopicFilterForm(request.GET or None, spearheads=spearheads, municipalities=members)
        filters = form.cleaned_data if form.is_valid() else {}
        municipality = next((m for m in members if m.slug == filters.get("municipality")), None)
        lead = filters.get("lead")
        topics = topic_selectors.topic_list(
            region=region,
            access=request.access,
            spearhead=filters.get("spearhead") or None,
            municipality=municipality,
            status=filters.get("status") or None,
            open_lead={"open": True, "set": False}.get(lead),
            search=filters.get("q") or None,
        )
        return form, topics

    pager = SimpleLazyObject(lambda: paginate(request, filtered()[1]))
    context = {
        "region": region,
        "filter_fields": SimpleLazyObject(lambda: list(filtered()[0])),
        "topics": SimpleLazyObject(lambda: pager.items),
        "pager": pager,
    }
    template = "web/_topic_results.html" if request.headers.get("HX-Request") else "web/topic_list.html"
    return render(request, template, context)


@region_page
def topic_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    # The page's content is one template fragment cached by the region's change counter and what this
    # reader's rights change in it (`rights`); the topic's relations, matrix and history are read only
    # when it is rendered.
    try:
        topic = topic_selectors.topic_get(region=region, slug=slug, access=request.access)
    except Topic.DoesNotExist:
        raise Http404(_("This topic does not exist or is not public.")) from None
    access = request.access
    members = SimpleLazyObject(lambda: region_members(region=region))
    full = SimpleLazyObject(lambda: _topic_or_404(request, region, slug))
    can_edit = access.can_edit_topic(topic)
    can_change_status = access.can_change_status(topic) and bool(topic.allowed_next_statuses)
    can_edit_results = access.can_edit_results(topic)
    can_set_lead = access.manages_region or access.is_editor
    # Who may set which municipality's participation: every member (coordinator), its own (editor), none.
    edits_participation = "all" if access.manages_region else ".".join(map(str, sorted(access.editor_municipality_ids)))
    return render(
        request,
        "web/topic_detail.html",
        {
            "region": region,
            "topic": topic,
            "full": full,
            "rights": f"{can_edit:d}{can_change_status:d}{can_edit_results:d}{can_set_lead:d}:{edits_participation}",
            "matrix": SimpleLazyObject(lambda: topic_selectors.participation_matrix(topic=full, members=members)),
            "history": SimpleLazyObject(lambda: topic_selectors.topic_history(topic=topic)),
            "can_edit": can_edit,
            "can_change_status": can_change_status,
            "can_edit_results": can_edit_results,
            "can_set_lead": can_set_lead,
            "editable_municipality_ids": SimpleLazyObject(lambda: {
                m.pk for m in members if access.can_set_participation(topic, municipality_id=m.pk)
            }),
            "participation_roles": ParticipationRole.choices,
            "municipality_address": address_pattern("web:municipality-detail", region.slug),
            "participation_address": address_pattern("web:topic-participation", region.slug, topic.slug),
        },
    )


@region_page
def municipality_detail(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    try:
        municipality = member_get(region=region, slug=slug)
    except Municipality.DoesNotExist:
        raise Http404(_("This municipality is not a member of the region.")) from None
    # Counts and the latest few per group, with a link to the filtered list: constant in data size.
    topics = (
        topic_selectors.topic_list(region=region, access=request.access)
        .prefetch_related(None)  # title, status and lead only: the same cost for an empty group
        .order_by("-updated_at", "-pk")
    )
    leads = topics.filter(lead_municipality=municipality)
    counts = topic_selectors.spearhead_topic_counts(region=region, access=request.access, municipality=municipality)
    groups = []
    for role in ParticipationRole.values:
        in_role = topics.filter(participations__municipality=municipality, participations__role=role)
        groups.append((ParticipationRole(role).label, list(in_role[:HOME_LIST_SIZE]), in_role.count()))
    return render(
        request,
        "web/municipality_detail.html",
        {
            "region": region,
            "municipality": municipality,
            "leads": list(leads[:HOME_LIST_SIZE]),
            "lead_count": leads.count(),
            "groups": groups,
            "spearhead_rows": [(s, counts[s.pk]) for s in region_spearheads(region=region) if s.pk in counts],
        },
    )


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def topic_create(request: HttpRequest, region: Region) -> HttpResponse:
    access = request.access
    if not access.can_edit_anything:
        raise PermissionDenied(_("You may not add topics in this region."))
    members = region_members(region=region)
    if not access.manages_region:
        members = [m for m in members if access.edits_for(m.pk)]
    spearheads = list(region_spearheads(region=region))
    form = TopicForm(request.POST or None, spearheads=spearheads, municipalities=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}

        def create():
            result["topic"] = topic_services.topic_create(
                actor=request.user,
                region=region,
                title=data["title"],
                description=data["description"],
                spearheads=[s for s in spearheads if s.code in data["spearheads"]],
                proposed_by=next((m for m in members if m.slug == data.get("proposed_by")), None),
                proposed_on=timezone.localdate(),
                cooperation_form=data["cooperation_form"],
                visibility=data["visibility"],
            )

        if _apply(form, create):
            messages.success(request, _("The topic has been added."))
            return redirect(result["topic"])
    return render(request, "web/topic_form.html", {"region": region, "form": form, "topic": None})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, region, slug)
    if not request.access.can_edit_topic(topic):
        raise PermissionDenied(_("Only the coordinator or the proposing municipality may edit this topic."))
    spearheads = list(region_spearheads(region=region))
    initial = {
        "title": topic.title,
        "description": topic.description,
        "spearheads": [s.code for s in topic.spearheads.all()],
        "cooperation_form": topic.cooperation_form,
        "visibility": topic.visibility,
        "version": topic.version,
    }
    form = TopicForm(request.POST or None, initial=initial, spearheads=spearheads, municipalities=[],
                     include_proposer=False, with_version=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}

        def update():
            result["topic"] = topic_services.topic_update(
                actor=request.user,
                topic=topic,
                title=data["title"],
                description=data["description"],
                spearheads=[s for s in spearheads if s.code in data["spearheads"]],
                cooperation_form=data["cooperation_form"],
                visibility=data["visibility"],
                expected_version=data["version"],
            )

        if _apply(form, update, edited=topic):
            messages.success(request, _("The topic has been saved."))
            return redirect(result["topic"])
    return render(request, "web/topic_form.html", {"region": region, "form": form, "topic": topic})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def topic_status(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, region, slug)
    if not request.access.can_change_status(topic):
        raise PermissionDenied(_("You may not change the status of this topic."))
    form = StatusChangeForm(request.POST or None, topic=topic, with_version=True,
                            initial={"changed_on": timezone.localdate(), "version": topic.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(form, lambda: topic_services.topic_status_change(
            actor=request.user, topic=topic, status=data["status"], reason=data["reason"], changed_on=data["changed_on"],
            expected_version=data["version"],
        ), edited=topic):
            messages.success(request, _("The status has been changed."))
            return redirect(topic)
    changes = list(topic.status_changes.all())
    last_change = max(changes, key=lambda c: (c.changed_on, c.recorded_at)) if changes else None
    return render(request, "web/status_form.html", {"region": region, "form": form, "topic": topic,
                                                    "last_change": last_change})


@login_required
@region_page
@require_http_methods(["POST"])
def participation_edit(request: HttpRequest, region: Region, slug: str, municipality: str) -> HttpResponse:
    topic = _topic_or_404(request, region, slug)
    members = region_members(region=region)
    member = next((m for m in members if m.slug == municipality), None)
    if member is None:
        raise Http404(_("This municipality is not a member of the region."))
    form = ParticipationForm(request.POST, with_version=True)
    ok = form.is_valid() and _apply(form, lambda: topic_services.participation_set(
        actor=request.user, topic=topic, municipality=member, role=form.cleaned_data["role"], note=form.cleaned_data["note"],
        expected_version=form.cleaned_data["version"],
    ))
    if request.headers.get("HX-Request"):
        topic = _topic_or_404(request, region, slug)
        row = next(r for r in topic_selectors.participation_matrix(topic=topic, members=[member]))
        return render(request, "web/_participation_rows.html", {
            "region": region, "topic": topic, "matrix": [row], "form_errors": None if ok else form.errors,
            "editable_municipality_ids": {member.pk}, "participation_roles": ParticipationRole.choices,
            "saved": ok, "municipality_address": address_pattern("web:municipality-detail", region.slug),
            "participation_address": address_pattern("web:topic-participation", region.slug, topic.slug),
        })
    if ok:
        messages.success(request, _("The participation of %(municipality)s has been saved.") % {"municipality": member})
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(topic)


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def participation_bulk_edit(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    """All member municipalities' participation in one form and one save (each editor its own row)."""
    topic = _topic_or_404(request, region, slug)
    access = request.access
    members = region_members(region=region)
    editable = {m.pk for m in members if access.can_set_participation(topic, municipality_id=m.pk)}
    if not editable:
        raise PermissionDenied(_("You may only record the participation of your own municipality."))
    rows = topic_selectors.participation_matrix(topic=topic, members=members)
    form = BulkParticipationForm(request.POST or None, rows=rows, editable_ids=editable)
    if request.method == "POST" and form.is_valid():
        result = {}

        def save():
            result["saved"] = topic_services.participation_set_many(
                actor=request.user, topic=topic, choices=form.choices(members), versions=form.versions(members))

        if _apply(form, save, names={m.slug: f"role_{m.slug}" for m in members}):
            messages.success(request, ngettext(
                "%(count)d municipality's participation has been saved.",
                "%(count)d municipalities' participation has been saved.", len(result["saved"]),
            ) % {"count": len(result["saved"])})
            return redirect(topic)
        stale = [m for m in members if any(e.code == "stale" for e in form.errors.as_data().get(f"role_{m.slug}", ()))]
        if stale:
            # The input stays; the stale rows now carry the stored versions, so saving again deliberately wins.
            stored = {p.municipality_id: p.version for p in Participation.objects.filter(topic=topic)}
            form.data = form.data.copy()
            for municipality in stale:
                form.data[f"version_{municipality.slug}"] = stored.get(municipality.pk, 0)
    return render(request, "web/participation_bulk_form.html", {"region": region, "topic": topic, "form": form})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def lead_edit(request: HttpRequest, region: Region, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, region, slug)
    access = request.access
    if not (access.manages_region or access.is_editor):
        raise PermissionDenied(_("You may not change the lead of this topic."))
    members = region_members(region=region)
    initial = {
        "municipality": topic.lead_municipality.slug if topic.lead_municipality else "",
        "person": str(topic.lead_person_id or ""),
        "version": topic.version,
    }
    # The person list follows the chosen municipality (the form reloads it when that changes).
    chosen_slug = (request.POST or request.GET).get("municipality", initial["municipality"])
    chosen = next((m for m in members if m.slug == chosen_slug), None)
    persons = list(Person.objects.filter(roles__municipality=chosen).distinct().order_by("name")) if chosen else []
    if request.method == "POST" and chosen is None:
        # A person without a municipality is refused by the service, with a message that says so.
        persons = list(Person.objects.filter(roles__municipality__in=members).distinct().order_by("name"))
    data = request.POST if request.method == "POST" else None
    if request.method == "GET" and "municipality" in request.GET:
        initial = {"municipality": chosen_slug, "person": "", "version": request.GET.get("version", topic.version)}
    form = LeadForm(data, initial=initial, municipalities=members, persons=persons, with_version=True,
                    participation=topic_selectors.participation_matrix(topic=topic, members=members))
    form.fields["municipality"].widget.attrs.update({
        "hx-get": request.path, "hx-target": "closest form", "hx-select": "form.regio-form", "hx-swap": "outerHTML",
        "hx-include": "[name='version']",  # the reloaded form keeps the version it was first loaded with
    })
    if request.method == "POST" and form.is_valid():
        municipality = next((m for m in members if m.slug == form.cleaned_data["municipality"]), None)
        person = next((p for p in persons if str(p.pk) == form.cleaned_data["person"]), None)
        try:
            ok = _apply(form, lambda: topic_services.topic_lead_set(
                actor=request.user, topic=topic, municipality=municipality, person=person,
                expected_version=form.cleaned_data["version"],
            ), names={"lead_municipality": "municipality", "lead_person": "person"}, edited=topic)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            ok = False
        if ok:
            messages.success(request, _("The lead has been saved."))
            return redirect(topic)
    return render(request, "web/lead_form.html", {"region": region, "form": form, "topic": topic})


@login_required
@region_page
@require_http_methods(["GET", "POST"])
def result_edit(request: HttpRequest, region: Region, slug: str, pk: int | None = None) -> HttpResponse:
    topic = _topic_or_404(request, region, slug)
    if not request.access.can_edit_results(topic):
        raise PermissionDenied(_("You may not edit the results of this topic."))
    result = None
    if pk is not None:
        result = next((r for r in topic.results.all() if r.pk == pk), None)
        if result is None:
            raise Http404(_("This result does not belong to the topic."))
    initial = {} if result is None else {
        f: getattr(result, f)
        for f in ("description", "indicator", "unit", "baseline", "target_value", "target_date", "current_value",
                  "version")
    }
    form = ResultForm(request.POST or None, initial=initial, with_version=result is not None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version", None)
        if _apply(form, lambda: topic_services.result_save(actor=request.user, topic=topic, result=result,
                                                           expected_version=expected, **data), edited=result):
            messages.success(request, _("The result has been saved."))
            return redirect(topic)
    return render(request, "web/result_form.html", {"region": region, "form": form, "topic": topic, "result": result})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    # The region (set by region_page) keeps the region's navigation on the error page.
    context = {"reason": str(exception) if exception else "", "region": getattr(request, "region", None)}
    return render(request, "403.html", context, status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", {"region": getattr(request, "region", None)}, status=404)


