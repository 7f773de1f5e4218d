"""Writes for commitments: record a promise, fulfil it with evidence, or withdraw it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.commitments.models import Commitment, CommitmentState
from regio.core.changes import entry_changed
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.core.versions import locked, raise_version, refuse_if_stale
from regio.regions.models import Municipality, Organisation, Region


def _members_only(region: Region, municipalities: list[Municipality], field: str) -> None:
    member_ids = set(region.memberships.values_list("municipality_id", flat=True))
    for municipality in municipalities:
        if municipality.pk not in member_ids:
            raise ValidationError(
                {field: _("%(municipality)s is not a member of %(region)s.") % {"municipality": municipality, "region": region}},
                code="not_a_member",
            )


@transaction.atomic
def commitment_save(
    *,
    actor,
    region: Region,
    title: str,
    promised_by: str,
    due_date: datetime.date,
    commitment: Commitment | None = None,
    description: str = "",
    due_start: datetime.date | None = None,
    promised_by_municipalities: Iterable[Municipality] = (),
    recipient_councils: Iterable[Municipality] = (),
    recipient_organisation: Organisation | None = None,
    topic=None,
    meeting=None,
    source: str = "",
    visibility: str = Visibility.PUBLIC,
    expected_version: int | None = None,
) -> Commitment:
    """Record a promise to one or more councils or a partner, due by `due_date`; update `commitment` when given
    (`expected_version`: the version the editor loaded, see core.versions)."""
    access = region_access(actor, region)
    access.require(access.manages_region, _("Only the regional coordinator records commitments."))
    promisers, councils = list(promised_by_municipalities), list(recipient_councils)
    if not councils and recipient_organisation is None:
        raise ValidationError(
            {"recipient_councils": _("Say to whom the promise was made: one or more councils, or a partner.")},
            code="no_recipient",
        )
    _members_only(region, councils, "recipient_councils")
    _members_only(region, promisers, "promised_by_municipalities")
    if commitment is not None:
        commitment = locked(commitment)
        refuse_if_stale(commitment, expected_version, {
            "title": title, "description": description, "promised_by": promised_by, "due_start": due_start,
            "due_date": due_date, "promised_by_municipalities": promisers, "recipient_councils": councils,
            "recipient_organisation": recipient_organisation, "topic": topic, "meeting": meeting, "source": source,
            "visibility": visibility,
        }, lead=_("Someone else has changed this commitment in the meantime."))
        raise_version(commitment)
    commitment = commitment or Commitment(region=region)
    commitment.title, commitment.description, commitment.promised_by = title, description, promised_by
    commitment.due_start, commitment.due_date = due_start, due_date
    commitment.recipient_organisation, commitment.topic, commitment.meeting = recipient_organisation, topic, meeting
    commitment.source, commitment.visibility = source, visibility
    validated_save(commitment, actor=actor)
    commitment.promised_by_municipalities.set(promisers)
    commitment.recipient_councils.set(councils)
    entry_changed(commitment)
    return commitment


def _resolve(*, actor, commitment: Commitment, state: str, on: datetime.date | None, evidence: str, evidence_meeting=None,
             expected_version: int | None = None):
    commitment = Commitment.objects.select_for_update().select_related("region").get(pk=commitment.pk)
    access = region_access(actor, commitment.region)
    access.require(
        access.can_resolve_commitment(
            promising_municipality_ids=commitment.promised_by_municipalities.values_list("pk", flat=True)
        ),
        _("Only the coordinator or a municipality that made the promise may resolve it."),
    )
    if commitment.state != CommitmentState.OPEN:
        raise ValidationError(
            {"state": _("This commitment is already %(state)s.") % {"state": commitment.get_state_display()}},
            code="already_resolved",
        )
    if not evidence.strip() and evidence_meeting is None:
        raise ValidationError({"evidence": _("Say how it was fulfilled or why it was withdrawn.")}, code="evidence_required")
    refuse_if_stale(commitment, expected_version, {"state": state, "resolved_on": on or timezone.localdate(),
                                                   "evidence": evidence.strip(), "evidence_meeting": evidence_meeting},
                    lead=_("Someone else has changed this commitment since you opened this form."))
    raise_version(commitment)
    commitment.state, commitment.resolved_on = state, on or timezone.localdate()
    commitment.evidence, commitment.evidence_meeting = evidence.strip(), evidence_meeting
    validated_save(commitment, actor=actor)
    entry_changed(commitment)
    return commitment


@transaction.atomic
def commitment_fulfil(*, actor, commitment: Commitment, evidence: str = "", on=None, evidence_meeting=None,
                      expected_version: int | None = None) -> Commitment:
    """Mark a promise as kept (nagekomen), with the letter or meeting that kept it."""
    return _resolve(actor=actor, commitment=commitment, state=CommitmentState.FULFILLED, on=on,
                    evidence=evidence, evidence_meeting=evidence_meeting, expected_version=expected_version)


@transaction.atomic
def commitment_withdraw(*, actor, commitment: Commitment, reason: str, on=None,
                        expected_version: int | None = None) -> Commitment:
    return _resolve(actor=actor, commitment=commitment, state=CommitmentState.WITHDRAWN, on=on, evidence=reason,
                    expected_version=expected_version)
