"""The public register of joint arrangements (art. 27 Wgr) as rows and as JSON."""

from __future__ import annotations

from regio.arrangements.selectors import arrangement_list
from regio.core.models import Visibility
from regio.publication.exports.tables import Table
from regio.regions.models import Region

REGISTER_HEADER = [
    "naam",
    "vorm",
    "deelnemers",
    "overige deelnemers",
    "wettelijke grondslag",
    "tekst van de regeling",
    "overgedragen bevoegdheden",
    "vestigingsplaats",
    "in werking sinds",
    "laatst gewijzigd",
    "besturen",
]


def register_entries(region: Region) -> list[dict]:
    return [
        {
            "naam": a.name,
            "slug": a.slug,
            "vorm": a.form,
            "vormOmschrijving": str(a.get_form_display()),
            "deelnemers": [
                {"naam": m.name, "cbsCode": m.cbs_code} for m in sorted(a.participants.all(), key=lambda m: m.name)
            ],
            "overigeDeelnemers": [o.name for o in sorted(a.partner_organisations.all(), key=lambda o: o.name)],
            "wettelijkeGrondslag": a.legal_basis,
            "tekstVanDeRegeling": a.text_reference,
            "overgedragenBevoegdheden": a.power_list,
            "vestigingsplaats": a.seat,
            "inWerkingSinds": a.entered_into_force.isoformat(),
            "laatstGewijzigd": a.last_amended.isoformat() if a.last_amended else None,
            "besturen": [
                b.name for b in sorted(a.bodies.all(), key=lambda b: b.name) if b.visibility == Visibility.PUBLIC
            ],
        }
        for a in arrangement_list(region=region)
    ]


def register_table(region: Region) -> Table:
    rows = [
        [
            e["naam"],
            e["vormOmschrijving"],
            ", ".join(d["naam"] for d in e["deelnemers"]),
            ", ".join(e["overigeDeelnemers"]),
            e["wettelijkeGrondslag"],
            e["tekstVanDeRegeling"],
            " | ".join(e["overgedragenBevoegdheden"]),
            e["vestigingsplaats"],
            e["inWerkingSinds"],
            e["laatstGewijzigd"],
            ", ".join(e["besturen"]),
        ]
        for e in register_entries(region)
    ]
    return REGISTER_HEADER, rows
