"""Every change to the register goes through here: permission check, validation, history, one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.arrangements.models import Arrangement
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.meetings.models import Body, BodyKind
from regio.regions.models import Municipality, Organisation, Region

ARRANGEMENT_BODY_KINDS = {BodyKind.GR_GENERAL, BodyKind.GR_EXECUTIVE}


def arrangement_save(
    *,
    actor,
    region: Region,
    slug: str,
    name: str,
    form: str,
    legal_basis: str,
    seat: str,
    entered_into_force: datetime.date,
    participants: Iterable[Municipality],
    partner_organisations: Iterable[Organisation] = (),
    bodies: Iterable[Body] = (),
    text_reference: str = "",
    powers: str = "",
    last_amended: datetime.date | None = None,
    visibility: str = Visibility.PUBLIC,
    reason: str = "",
    arrangement: Arrangement | None = None,
) -> Arrangement:
    """Create the arrangement `slug` of `region`, or bring it up to date; only a coordinator may.

    Without `arrangement` the register entry is found by its slug (loading files); with it, that entry
    is changed, its slug included (the admin).
    """
    access = region_access(actor, region)
    access.require(access.manages_region, _("Only a regional coordinator keeps the register of joint arrangements."))
    participants, partner_organisations, bodies = list(participants), list(partner_organisations), list(bodies)
    _check_relations(region, participants=participants, bodies=bodies)
    with transaction.atomic():
        if arrangement is None:
            arrangement = Arrangement.objects.filter(region=region, slug=slug).first() or Arrangement(region=region)
        else:
            # Compare with what is stored, not with a form's unsaved copy.
            arrangement = Arrangement.objects.select_for_update().get(pk=arrangement.pk)
        values = {
            "region": region,
            "slug": slug,
            "name": name,
            "form": form,
            "legal_basis": legal_basis,
            "seat": seat,
            "entered_into_force": entered_into_force,
            "text_reference": text_reference,
            "powers": powers,
            "last_amended": last_amended,
            "visibility": visibility,
        }
        changed = arrangement.pk is None or any(getattr(arrangement, key) != value for key, value in values.items())
        for key, value in values.items():
            setattr(arrangement, key, value)
        if changed:
            validated_save(
                arrangement,
                actor=actor,
                reason=reason or _("Register of joint arrangements updated"),
                trusted_relations=("region",),
            )
        for name_, wanted in (
            ("participants", participants),
            ("partner_organisations", partner_organisations),
            ("bodies", bodies),
        ):
            manager = getattr(arrangement, name_)
            if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in wanted}:
                manager.set(wanted)
    return arrangement


def _check_relations(region: Region, *, participants: list[Municipality], bodies: list[Body]) -> None:
    errors = {}
    if not participants:
        errors["participants"] = ValidationError(
            _("A joint arrangement has at least one participating municipality."), code="no_participants"
        )
    member_ids = set(region.memberships.values_list("municipality_id", flat=True))
    strangers = [m.name for m in participants if m.pk not in member_ids]
    if strangers:
        errors["participants"] = ValidationError(
            _("Not a member of the region: %(names)s.") % {"names": ", ".join(strangers)}, code="not_a_member"
        )
    wrong = [b.name for b in bodies if b.region_id != region.pk or b.kind not in ARRANGEMENT_BODY_KINDS]
    if wrong:
        errors["bodies"] = ValidationError(
            _("Only a board of a joint arrangement of this region can be linked: %(names)s.")
            % {"names": ", ".join(wrong)},
            code="not_an_arrangement_body",
        )
    if errors:
        raise ValidationError(errors)
