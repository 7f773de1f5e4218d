"""The review screen: a document's text with its findings marked, and accept / edit / reject per finding.

Reads go through :mod:`regio.documents.review`'s read functions, writes through its
``finding_accept`` and ``finding_reject``; the per-finding actions answer htmx with the finding's
row and plain form posts with a redirect, so the screen works with and without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from regio.core.widgets import IsoDateInput
from regio.documents import review
from regio.documents.models import Document, DocumentFinding, FindingState
from regio.core.windows import window_label
from regio.extraction.dates import Window
from regio.regions.models import Region
from regio.visions.selectors import region_spearheads
from regio.web.forms import StyledForm
from regio.web.views import region_page

# Which corrections a reviewer can make per kind of finding (the rest are accepted as read).
EDITABLE_FIELDS = {
    "commitment": ("title", "due_date", "recipient_councils"),
    "event": ("title", "window_start", "window_end", "place"),
    "decision": ("agreement", "taken", "title", "made_on", "participants"),
    "topic_candidate": ("title", "spearheads", "proposed_by"),
    "document_date": ("document_date",),
}


class FindingEditForm(StyledForm):
    """The corrections to a finding before it is accepted; only the fields of its kind are kept."""

    agreement = forms.ChoiceField(label=gettext_lazy("Agreement"), required=False)
    taken = forms.ChoiceField(
        label=gettext_lazy("Already decided?"), required=False,
        choices=[("yes", gettext_lazy("Yes: the text reports a decision already taken")),
                 ("no", gettext_lazy("No: it is a proposal the municipalities still decide on"))],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200, required=False)
    due_date = forms.DateField(label=gettext_lazy("Due date"), required=False,
                               widget=IsoDateInput)
    recipient_councils = forms.ModelMultipleChoiceField(
        label=gettext_lazy("To the councils of"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    window_start = forms.DateField(label=gettext_lazy("From"), required=False,
                                   widget=IsoDateInput)
    window_end = forms.DateField(label=gettext_lazy("Until"), required=False,
                                 widget=IsoDateInput)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=200, required=False)
    made_on = forms.DateField(label=gettext_lazy("Made on"), required=False,
                              widget=IsoDateInput)
    participants = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Put to"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    spearheads = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Spearheads"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    proposed_by = forms.ModelChoiceField(label=gettext_lazy("Proposed by"), queryset=None, required=False)
    document_date = forms.DateField(label=gettext_lazy("Document date"), required=False,
                                    widget=IsoDateInput)

    def __init__(self, *args, finding: DocumentFinding, region: Region, matches=(), **kwargs):
        kwargs.setdefault("prefix", f"f{finding.pk}")
        super().__init__(*args, **kwargs)
        keep = EDITABLE_FIELDS.get(finding.kind, ())
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if {"recipient_councils", "participants", "proposed_by"} & set(keep):
            members = region.municipalities.order_by("name")
            for name in ("recipient_councils", "participants", "proposed_by"):
                if name in self.fields:
                    self.fields[name].queryset = members
        if "spearheads" in self.fields:
            self.fields["spearheads"].queryset = region_spearheads(region=region)
        if "agreement" in self.fields:
            self.fields["agreement"].choices = [("new", _("A new agreement")), *[
                (str(a.pk), _("The existing agreement “%(title)s” (%(date)s)") % {
                    "title": a.title, "date": window_label(Window(a.made_on, a.made_on))})
                for a in matches]]

    def edits(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", [])}


def _document_or_404(request, region: Region, pk: int) -> Document:
    try:
        return review.review_document_get(region=region, pk=pk, access=request.access)
    except Document.DoesNotExist:
        raise Http404(_("This document does not exist or is not public.")) from None


def _finding_or_404(document: Document, finding_pk: int) -> DocumentFinding:
    finding = document.findings.filter(pk=finding_pk, kind__in=review.REVIEW_KINDS).first()
    if finding is None:
        raise Http404(_("This finding does not belong to the document."))
    finding.document = document
    return finding


def _window_text(start, end) -> str:
    start, end = review.as_date(start), review.as_date(end)
    if start is None:
        return ""
    return window_label(Window(start, end or start))


def finding_facts(finding: DocumentFinding) -> list[tuple[str, str]]:
    """What the reader understood, as (label, text) lines for the reviewer."""
    value = finding.value if isinstance(finding.value, dict) else {}
    kind, facts = finding.kind, []
    if kind == "commitment":
        facts.append((_("Due"), _window_text(value.get("due"), value.get("due")) or _("no date found")))
        facts.append((_("Promised by"), value.get("promisor") or _("not named")))
        facts.append((_("To"), value.get("recipient") or _("not named")))
    elif kind == "event":
        facts.append((_("When"), _window_text(value.get("start"), value.get("end")) or _("no date found")))
        facts.append((_("Place"), value.get("place") or _("not named")))
    elif kind == "decision":
        dates = [_window_text(d.get("start"), d.get("end")) for d in value.get("dates") or []]
        if dates:
            facts.append((_("Dates"), ", ".join(dates)))
    elif kind == "open_role":
        facts.append((_("Role"), value.get("role", "")))
        facts.append((_("Topics"), ", ".join(value.get("topics") or []) or _("not named")))
    elif kind in ("topic", "topic_candidate"):
        facts.append((_("Topic"), value.get("title", "")))
    elif kind == "municipality":
        facts.append((_("Municipality"), value.get("name", "")))
    elif kind == "theme":
        facts.append((_("Spearhead"), value.get("name", "")))
    elif kind == "document_date":
        facts.append((_("Date"), _window_text(finding.value, finding.value)))
    return facts


def _pages(text: str, groups: list[review.ReviewGroup]) -> list[list[review.Segment]]:
    """The text cut into pages (at the form feeds the intake puts between pages), each cut at the findings' spans."""
    spans = [(item.finding.pk, item.finding.start, item.finding.end) for group in groups for item in group.items]
    pages, offset = [], 0
    for page_text in text.split("\f"):
        end = offset + len(page_text)
        local = [(pk, start - offset, stop - offset) for pk, start, stop in spans if start < end and stop > offset]
        pages.append(review.text_segments(page_text, local))
        offset = end + 1
    return pages


def _row_context(request, region: Region, document: Document, item: review.ReviewItem, **extra) -> dict:
    return {
        "region": region, "document": document, "item": item, "facts": finding_facts(item.finding),
        "why": review.plain_explanation(item.finding),
        "editable": item.finding.kind in EDITABLE_FIELDS, "can_review": review.can_review(request.access, document),
        **extra,
    }


@region_page
def document_review(request: HttpRequest, region: Region, pk: int) -> HttpResponse:
    document = _document_or_404(request, region, pk)
    groups = review.review_items(document=document, access=request.access)
    rows = {
        group.kind: [
            {"item": item, "facts": finding_facts(item.finding), "editable": item.finding.kind in EDITABLE_FIELDS,
             "why": review.plain_explanation(item.finding)}
            for item in group.items
        ]
        for group in groups
    }
    open_count = sum(item.finding.state == FindingState.PENDING for group in groups for item in group.items)
    open_by_kind = {group.kind: sum(item.finding.state == FindingState.PENDING for item in group.items)
                    for group in groups}
    return render(request, "web/documents/review.html", {
        "region": region,
        "document": document,
        "groups": [(group, rows[group.kind], open_by_kind[group.kind]) for group in groups],
        "pages": _pages(document.text, groups),
        "open_count": open_count,
        "can_review": review.can_review(request.access, document),
    })


def _answer(request, region: Region, document: Document, finding: DocumentFinding, *, error: str = "",
            form: FindingEditForm | None = None, done: str = "") -> HttpResponse:
    if request.headers.get("HX-Request"):
        finding.refresh_from_db()
        finding.document = document
        item = review.review_item(finding=finding, access=request.access)
        return render(request, "web/documents/review_finding.html",
                      _row_context(request, region, document, item, error=error, form=form, done=done))
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    return redirect(reverse("web:document-review", args=[region.slug, document.pk]) + f"#bevinding-{finding.pk}")


def _require_review(request, document: Document) -> None:
    if not review.can_review(request.access, document):
        raise PermissionDenied(_("Only the coordinator and the region's editors review documents."))


def _messages_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@login_required
@region_page
@require_http_methods(["POST"])
def finding_accept(request: HttpRequest, region: Region, pk: int, finding_pk: int) -> HttpResponse:
    document = _document_or_404(request, region, pk)
    finding = _finding_or_404(document, finding_pk)
    _require_review(request, document)
    form = FindingEditForm(request.POST, finding=finding, region=region, matches=_matches(finding, region))
    if not form.is_valid():
        return _edit_answer(request, region, document, finding, form)
    try:
        review.finding_accept(actor=request.user, finding=finding, edits=form.edits())
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and set(exc.error_dict) & set(form.fields):
            for field_name, errors in exc.error_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
            return _edit_answer(request, region, document, finding, form)
        return _answer(request, region, document, finding, error=_messages_of(exc))
    return _answer(request, region, document, finding, done=_("Accepted."))


@login_required
@region_page
@require_http_methods(["POST"])
def finding_reject(request: HttpRequest, region: Region, pk: int, finding_pk: int) -> HttpResponse:
    document = _document_or_404(request, region, pk)
    finding = _finding_or_404(document, finding_pk)
    _require_review(request, document)
    try:
        review.finding_reject(actor=request.user, finding=finding, reason=request.POST.get("reason", "")[:500])
    except ValidationError as exc:
        return _answer(request, region, document, finding, error=_messages_of(exc))
    return _answer(request, region, document, finding, done=_("Rejected."))


def _edit_answer(request, region, document, finding, form) -> HttpResponse:
    item = review.review_item(finding=finding, access=request.access)
    context = _row_context(request, region, document, item, form=form, editing=True)
    if request.headers.get("HX-Request"):
        return render(request, "web/documents/review_finding.html", context)
    return render(request, "web/documents/review_edit.html", context)


@login_required
@region_page
@require_http_methods(["GET"])
def finding_edit(request: HttpRequest, region: Region, pk: int, finding_pk: int) -> HttpResponse:
    """The finding's row with its correction form (htmx), or a page of its own without JavaScript."""
    document = _document_or_404(request, region, pk)
    _require_review(request, document)
    finding = _finding_or_404(document, finding_pk)
    initial = _initial(finding, region)
    return _edit_answer(request, region, document, finding, FindingEditForm(
        finding=finding, region=region, initial=initial, matches=_matches(finding, region)))


def _matches(finding: DocumentFinding, region: Region) -> list:
    """The existing agreements a decision finding may be (offered before a new one)."""
    if finding.kind != "decision":
        return []
    agenda = review.Agenda.load(region)
    others = list(finding.document.findings.filter(kind__in=("municipality", "topic")).exclude(pk=finding.pk))
    reading = review.decision_reading(finding)
    return agenda.agreements_like(sentence=finding.sentence, topics=review.named_topics(finding, others, agenda),
                                  day=reading.date)


def _initial(finding: DocumentFinding, region: Region) -> dict:
    """The form filled with what accepting as read would use."""
    value = finding.value if isinstance(finding.value, dict) else {}
    initial: dict = {"title": review.title_from(finding.sentence)}
    if finding.kind == "commitment":
        agenda = review.Agenda.load(region)
        others = list(finding.document.findings.filter(kind__in=("municipality", "topic")).exclude(pk=finding.pk))
        initial.update(due_date=review.as_date(value.get("due")),
                       recipient_councils=review.recipients_for(finding, others, agenda))
    elif finding.kind == "event":
        initial.update(window_start=review.as_date(value.get("start")), window_end=review.as_date(value.get("end")),
                       place=value.get("place") or "")
    elif finding.kind == "decision":
        # The form shows what the card says accepting will do: the same agreement, date and municipalities.
        agenda = review.Agenda.load(region)
        others = list(finding.document.findings.filter(kind__in=("municipality", "topic")).exclude(pk=finding.pk))
        reading = review.decision_reading(finding)
        matches = _matches(finding, region)
        initial.update(
            agreement=str(matches[0].pk) if matches else "new",
            taken="yes" if reading.taken else "no",
            title=review.agreement_title(finding.sentence),
            made_on=reading.date,
            participants=review.named_members(finding, others, agenda) or agenda.members,
        )
    elif finding.kind == "topic_candidate":
        initial["title"] = (value.get("title") or "").capitalize()
    elif finding.kind == "document_date":
        initial["document_date"] = review.as_date(finding.value)
    return initial



@login_required
@region_page
@require_http_methods(["POST"])
def finding_undo(request: HttpRequest, region: Region, pk: int, finding_pk: int) -> HttpResponse:
    document = _document_or_404(request, region, pk)
    finding = _finding_or_404(document, finding_pk)
    _require_review(request, document)
    try:
        review.finding_undo(actor=request.user, finding=finding)
    except ValidationError as exc:
        return _answer(request, region, document, finding, error=_messages_of(exc))
    return _answer(request, region, document, finding, done=_("Undone: the finding is open again."))


@login_required
@region_page
@require_http_methods(["POST"])
def group_review(request: HttpRequest, region: Region, pk: int, kind: str) -> HttpResponse:
    """Accept or reject every open finding of one group (e.g. all municipalities) at once."""
    document = _document_or_404(request, region, pk)
    _require_review(request, document)
    if kind not in review.REVIEW_KINDS:
        raise Http404(_("There is no such group of findings."))
    action = request.POST.get("action")
    if action == "accept":
        result = review.findings_accept_group(actor=request.user, document=document, kind=kind)
        messages.success(request, ngettext("%(count)d finding accepted.", "%(count)d findings accepted.",
                                           result.done) % {"count": result.done})
        for finding, reason in result.refused:
            messages.warning(request, _("Not accepted: “%(sentence)s” — %(reason)s") % {
                "sentence": review.title_from(finding.sentence)[:120], "reason": reason})
    elif action == "reject":
        result = review.findings_reject_group(actor=request.user, document=document, kind=kind,
                                              reason=request.POST.get("reason", "")[:500])
        messages.success(request, ngettext("%(count)d finding rejected.", "%(count)d findings rejected.",
                                           result.done) % {"count": result.done})
    else:
        messages.error(request, _("Choose to accept or to reject the group."))
    return redirect(reverse("web:document-review", args=[region.slug, document.pk]) + f"#groep-{kind}")
