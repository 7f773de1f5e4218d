"""A region's meetings and decisions in the vocabulary of ODS Open Raadsinformatie (VNG Realisatie).

Resources and property names follow the mini-ORI API (docs/mini-ORI-API/openapi.yaml in
VNG-Realisatie/ODS-Open-Raadsinformatie): `vergaderingen`, `agendapunten`, `besluiten`,
`informatieobjecten`, with their enumerations (`status`: gepland/gehouden/geannuleerd;
`informatieobjecttype`: besluitvormingsstuk, ingekomen_stuk, ...).

ODS describes the bodies of one municipality, province or water board; a regional body, and the board
of a gemeenschappelijke regeling, has no place in it. We add `organisaties`: every member municipality
(soort `gemeente`, with its TOOI identifier) and the region and each regeling as an organisation of
soort `samenwerkingsorganisatie`; a meeting names the organisation that holds it in `organisatie`, and
`georganiseerdDoorGremium` names the body. Only the general board of a regeling gets a
`vergaderingstype` (`algemene_bestuursvergadering`, the closest value ODS has); other regional meetings
have none, as the enumeration offers nothing that fits. See docs/regelingen.md.
"""

from __future__ import annotations

from django.utils import timezone

from regio.arrangements.models import CycleDocument, ViewState, Zienswijze
from regio.core.models import Visibility
from regio.meetings.models import BodyKind, MunicipalDecision
from regio.publication.exports import selectors
from regio.publication.woo import published_documents
from regio.regions.models import Region

TOOI_MUNICIPALITY = "https://identifier.overheid.nl/tooi/id/gemeente/"
STANDARD = "ODS Open Raadsinformatie (mini-ORI API 0.0.1, VNG Realisatie)"
DOCUMENT_TYPES = {"besluitenlijst": "besluitvormingsstuk", "raadsinformatiebrief": "mededeling"}


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _gemeente(municipality) -> dict:
    return {"gemeentecode": municipality.cbs_code[2:], "gemeentenaam": municipality.name}


def ori_document(region: Region) -> dict:
    today = timezone.localdate()
    members = selectors.members(region)
    arrangements = list(
        region.arrangements.filter(visibility=Visibility.PUBLIC).prefetch_related("bodies", "participants").order_by("name")
    )
    body_owner = {body.pk: f"regeling-{a.pk}" for a in arrangements for body in a.bodies.all()}
    organisaties = [
        {"id": f"regio-{region.slug}", "naam": region.name, "soort": "samenwerkingsorganisatie",
         "deelnemers": [m.cbs_code for m in members]},
        *[
            {"id": f"regeling-{a.pk}", "naam": a.name, "soort": "samenwerkingsorganisatie",
             "vorm": a.form, "deelnemers": [m.cbs_code for m in a.participants.all()]}
            for a in arrangements
        ],
        *[
            {"id": m.cbs_code, "naam": m.name, "soort": "gemeente", "tooi": TOOI_MUNICIPALITY + m.cbs_code.lower(),
             "gemeente": _gemeente(m)}
            for m in members
        ],
    ]
    vergaderingen, agendapunten = [], []
    for meeting in selectors.public_meetings(region):
        if meeting.starts_at is None:
            continue  # ODS knows a meeting by its date; one still in a window is not published here
        points = [f"vergadering-{meeting.pk}-{item.order}" for item in meeting.agenda_items.all()]
        body = meeting.body
        status = "geannuleerd" if meeting.cancelled else ("gehouden" if meeting.starts_at.date() < today else "gepland")
        entry = {
            "id": f"vergadering-{meeting.pk}",
            "naam": meeting.title[:100],
            "vergaderdatum": timezone.localtime(meeting.starts_at).date().isoformat(),
            "aanvangVergadering": _moment(meeting.starts_at),
            "eindeVergadering": _moment(meeting.ends_at),
            "locatie": meeting.place[:100],
            "status": status,
            "organisatie": body_owner.get(meeting.body_id, f"regio-{region.slug}"),
            "agendapunten": points,
        }
        if body is not None:
            entry["georganiseerdDoorGremium"] = {"gremiumidentificatie": str(body.pk)[:10], "gremiumnaam": body.name[:100]}
            if body.kind == BodyKind.GR_GENERAL:
                entry["vergaderingstype"] = "algemene_bestuursvergadering"
        vergaderingen.append(entry)
        for item in meeting.agenda_items.all():
            agendapunten.append({
                "id": f"vergadering-{meeting.pk}-{item.order}",
                "vergadering": {"id": f"vergadering-{meeting.pk}"},
                "agendapuntvolgnummer": str(item.order)[:3],
                "agendapuntTitel": item.title[:100],
                "agendapuntOmschrijving": item.notes,
            })
    besluiten = [
        {
            "id": f"besluit-{decision.pk}",
            "besluitresultaat": decision.get_outcome_display()[:200],
            "besluittoelichting": f"{decision.get_organ_display()}: {decision.agreement.title}"[:200],
            "gemeente": _gemeente(decision.municipality),
            "datum": decision.decided_on.isoformat(),
        }
        for decision in MunicipalDecision.objects.filter(
            agreement__region=region, agreement__visibility=Visibility.PUBLIC
        ).select_related("agreement", "municipality").order_by("decided_on", "pk")
    ]
    informatieobjecten = [
        {
            "id": f"document-{document.pk}",
            "titel": document.title[:200],
            "informatieobjecttype": DOCUMENT_TYPES.get(document.kind, "ingekomen_stuk"),
            "creatiedatum": (document.document_date or timezone.localdate(document.created_at)).isoformat(),
            "taal": "dut",
        }
        for document in published_documents(region)
    ]
    for document in CycleDocument.objects.filter(arrangement__in=arrangements).select_related("arrangement"):
        informatieobjecten.append({
            "id": f"stuk-{document.pk}", "titel": document.title[:200], "informatieobjecttype": "ingekomen_stuk",
            "creatiedatum": document.sent_on.isoformat(), "auteur": document.arrangement.name[:200], "taal": "dut",
        })
    for view in Zienswijze.objects.filter(document__arrangement__in=arrangements, state=ViewState.ADOPTED).select_related(
        "document", "municipality"
    ):
        informatieobjecten.append({
            "id": f"zienswijze-{view.pk}", "titel": f"Zienswijze op {view.document.title}"[:200],
            "informatieobjecttype": "besluitvormingsstuk", "creatiedatum": view.adopted_on.isoformat(),
            "auteur": f"Gemeenteraad {view.municipality.name}", "gemeente": _gemeente(view.municipality),
            "inhoud": view.text, "taal": "dut",
        })
    return {
        "standaard": STANDARD,
        "organisaties": organisaties,
        "vergaderingen": vergaderingen,
        "agendapunten": agendapunten,
        "besluiten": besluiten,
        "informatieobjecten": informatieobjecten,
    }
