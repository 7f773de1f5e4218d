"""The "fewer but stronger meetings" page: the load, the overlaps and an adjustable proposal."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regio.core.widgets import IsoDateInput
from regio.letters import charts
from regio.meetings.analysis import AnalysisInputError, analyse
from regio.meetings.analysis_inputs import analysis_inputs, default_period
from regio.regions.models import Region
from regio.web.forms import StyledForm
from regio.web.views import region_page



class AnalysisForm(StyledForm):
    show_optional = False

    start = forms.DateField(label=gettext_lazy("From"), required=False, widget=IsoDateInput)
    end = forms.DateField(label=gettext_lazy("Until"), required=False, widget=IsoDateInput)
    overlap = forms.DecimalField(
        label=gettext_lazy("Minimum overlap"),
        required=False,
        min_value=0.05,
        max_value=1,
        decimal_places=2,
        help_text=gettext_lazy("From 0.05 to 1: how much two bodies must overlap before merging them is proposed."),
    )
    exclude = forms.MultipleChoiceField(
        label=gettext_lazy("Leave these bodies as they are"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exclude"].choices = [(str(b.id), b.name) for b in bodies]


def _pairs(request: HttpRequest, name: str, known: set[int]) -> tuple[tuple[int, int], ...]:
    """Pairs given as "a:b" (body a into body b); unknown ids are ignored."""
    pairs = []
    for token in request.GET.getlist(name):
        left, _sep, right = token.partition(":")
        if left.isdigit() and right.isdigit() and int(left) in known and int(right) in known and left != right:
            pairs.append((int(left), int(right)))
    return tuple(dict.fromkeys(pairs))


@region_page
def meeting_load(request: HttpRequest, region: Region) -> HttpResponse:
    bodies, meetings, persons, body_objects = analysis_inputs(region=region, access=request.access)
    start, end = default_period(meetings, timezone.localdate())
    form = AnalysisForm(request.GET or None, bodies=bodies, initial={"start": start, "end": end, "overlap": "0.50"})
    data = form.cleaned_data if form.is_valid() else {}
    start, end = data.get("start") or start, data.get("end") or end
    overlap = float(data.get("overlap") or 0.5)
    known = {b.id for b in bodies}
    forced = _pairs(request, "merge", known)
    forbidden = _pairs(request, "forbid", known)
    analysis, error = None, None
    try:
        analysis = analyse(
            bodies=bodies,
            meetings=meetings,
            persons=persons,
            period=(start, end),
            exclude=frozenset(int(i) for i in data.get("exclude", [])),
            forced_merges=forced,
            forbidden_merges=forbidden,
            min_overlap=overlap,
        )
    except AnalysisInputError as exc:
        error = exc.message
    names = {b.id: b.name for b in bodies}
    context = {
        "region": region,
        "form": form,
        "analysis": analysis,
        "error": error,
        "period": (start, end),
        "names": names,
        "bodies": body_objects,
        "has_example": any(b.is_example for b in body_objects.values()),
        "forced": [(a, b, names[a], names[b]) for a, b in forced],
        "forbidden": [(a, b, names[a], names[b]) for a, b in forbidden],
        "query": request.GET.urlencode(),
        "topic_names": {t.pk: t.title for body in body_objects.values() for t in body.topics.all()},
    }
    if analysis is not None:
        context.update(_charts(analysis, names, region.colour))
        context["overlap_rows"] = [
            (o, names[o.body_a_id], names[o.body_b_id]) for o in analysis.overlaps if o.score > 0
        ][:20]
    return render(request, "web/analysis/meeting_load.html", context)


def _charts(analysis, names: dict[int, str], colour: str) -> dict[str, str]:
    months, period = charts.per_period(
        [(m.year, m.month, m.person_hours) for m in analysis.months], figure=lambda hours: f"{hours:.0f}"
    )
    before = {b.body_id: b.person_hours for b in analysis.bodies}
    after = {b.body_id: b.person_hours for b in analysis.bodies_after}
    rows = []
    for body_id, hours in sorted(before.items(), key=lambda item: -item[1]):
        kept = body_id in after
        rows.append((
            names[body_id],
            charts.Bar(_("now"), hours, f"{hours:.0f}"),
            # A body the proposal merges away keeps no hours of its own: drawn in a warning colour.
            charts.Bar(_("after"), after.get(body_id, 0.0), f"{after.get(body_id, 0.0):.0f}", None if kept else "#8a3b00"),
        ))
    maximum = max([*before.values(), *after.values(), 1.0])
    note = _("Person-hours: per meeting, the people present (when not recorded: the members of its body) times its duration in hours.")
    titles = {"maand": _("Person-hours in meetings per month"), "kwartaal": _("Person-hours in meetings per quarter"),
              "jaar": _("Person-hours in meetings per year")}
    return {
        "month_chart": charts.vertical_bars(title=titles[period], bars=months, colour=colour, width=720, note=note),
        "body_chart": charts.paired_bars(
            title=_("Person-hours per body, now and after the proposal"), rows=rows,
            legend=(_("now"), _("after the proposal")), maximum=maximum, width=720,
            colours=(colour, "#1b6b3a"), note=note,
        ),
    }
