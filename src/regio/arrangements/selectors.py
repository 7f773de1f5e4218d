"""Reading the register: arrangements with their participants and bodies in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from regio.arrangements import deadlines
from regio.arrangements.models import Arrangement, ArrangementParticipant, CycleDocument, Zienswijze
from regio.core.models import Visibility
from regio.regions.models import Municipality, Region


def arrangement_list(*, region: Region, public_only: bool = True) -> QuerySet[Arrangement]:
    queryset = Arrangement.objects.filter(region=region).prefetch_related(
        "participants", "partner_organisations", "bodies"
    )
    if public_only:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset.order_by("name")


# The cycle: per document, each council's deadline, days left, meetings in the window, warnings.


@dataclass(frozen=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True)
class CouncilTerm:
    """One council's position on one cycle document."""

    municipality: Municipality
    deadline: datetime.date | None
    days_left: int | None
    meetings_in_window: list[datetime.date]
    warnings: list[Warning]
    view: Zienswijze | None


def arrangement_detail(*, region: Region, slug: str, public_only: bool = True) -> Arrangement:
    return arrangement_list(region=region, public_only=public_only).prefetch_related(
        Prefetch("participant_details", queryset=ArrangementParticipant.objects.select_related("municipality", "organisation")),
        "topics",
    ).get(slug=slug)


def cycle_documents(*, arrangements) -> QuerySet[CycleDocument]:
    """The documents of these arrangements, each with what its terms need, in a fixed number of queries."""
    return (
        CycleDocument.objects.filter(arrangement__in=arrangements)
        .select_related("arrangement", "arrangement__region")
        .prefetch_related(
            Prefetch(
                "arrangement__participants",
                queryset=Municipality.objects.prefetch_related("council_meetings", "summer_recesses").order_by("name"),
            ),
            Prefetch("views", queryset=Zienswijze.objects.select_related("municipality")),
        )
        .order_by("-sent_on", "title")
    )


def document_deadline(document: CycleDocument) -> deadlines.Deadline:
    return deadlines.council_deadline(document.kind, document.sent_on, own_weeks=document.own_term_weeks)


def council_terms(document: CycleDocument, *, today: datetime.date) -> list[CouncilTerm]:
    """Each participating council's deadline and warnings; reads only what `cycle_documents` prefetched."""
    deadline = document_deadline(document).date
    views = {view.municipality_id: view for view in document.views.all()}
    terms = []
    for municipality in document.arrangement.participants.all():
        meetings, warnings = [], []
        if deadline is not None:
            meetings = [m.date for m in municipality.council_meetings.all() if document.sent_on <= m.date <= deadline]
            if not meetings:
                warnings.append(Warning("geen_raadsvergadering", _(
                    "No council meeting of %(name)s between receipt on %(sent)s and the deadline of %(deadline)s."
                ) % {"name": municipality.name, "sent": f"{document.sent_on:%d-%m-%Y}", "deadline": f"{deadline:%d-%m-%Y}"}))
            for recess in municipality.summer_recesses.all():
                if recess.starts_on <= deadline and document.sent_on <= recess.ends_on:
                    warnings.append(Warning("zomerreces", _(
                        "The window overlaps the summer recess of %(name)s (%(start)s to %(end)s)."
                    ) % {"name": municipality.name, "start": f"{recess.starts_on:%d-%m-%Y}", "end": f"{recess.ends_on:%d-%m-%Y}"}))
        terms.append(CouncilTerm(
            municipality=municipality,
            deadline=deadline,
            days_left=deadlines.days_left(deadline, today) if deadline else None,
            meetings_in_window=meetings,
            warnings=warnings,
            view=views.get(municipality.pk),
        ))
    return terms


def zienswijze_list(*, public_only: bool = True) -> QuerySet[Zienswijze]:
    queryset = Zienswijze.objects.select_related("document", "document__arrangement", "document__arrangement__region", "municipality")
    if public_only:
        queryset = queryset.filter(document__arrangement__visibility=Visibility.PUBLIC)
    return queryset.order_by("-document__sent_on", "document__title", "municipality__name")
