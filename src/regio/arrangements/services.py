"""Every change to the register goes through here: permission check, validation, history, one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

import icalendar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regio.access.policies import region_access
from regio.arrangements import deadlines, risk
from regio.arrangements.models import (
    Arrangement,
    ArrangementParticipant,
    CouncilMeeting,
    CouncilMeetingSource,
    CycleDocument,
    ParticipantRole,
    SummerRecess,
    ViewBasis,
    VerbondenPartij,
    ViewState,
    Zienswijze,
)
from regio.core.models import Visibility
from regio.core.dates import refuse_unsupported_dates
from regio.core.services import validated_save
from regio.core.versions import locked, raise_version, refuse_if_stale
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
    advisory_committee: str = "",
    topics: Iterable | None = None,
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
            "advisory_committee": advisory_committee,
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
        if topics is not None:
            wanted = [t for t in topics if t.region_id == region.pk]
            if set(arrangement.topics.values_list("pk", flat=True)) != {t.pk for t in wanted}:
                arrangement.topics.set(wanted)
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


# The yearly cycle: documents sent to the councils, the councils' calendars, their views and the
# board's answers. Every refusal names the field at fault; nothing is stored in part.

ERROR_MESSAGES = {
    # The pure rules module reports codes; the messages users read are translated here.
    "term_too_short": gettext_noop("An own term is at least one week."),
    "no_override": gettext_noop("The law (%(article)s) allows no own term for this document."),
    "shorter_than_law": gettext_noop("The arrangement may not shorten the term of %(weeks)s weeks (%(article)s)."),
    "sent_after_deadline": gettext_noop("Sent on %(sent)s, but %(article)s requires sending before %(deadline)s."),
}


def _rule_error(error: deadlines.RuleError, *, kind: str, sent_on: datetime.date, year: int) -> ValidationError:
    rule = deadlines.rule_for(kind, sent_on)
    values = {"article": rule.article if rule else "", "weeks": rule.weeks if rule else "", "sent": f"{sent_on:%d-%m-%Y}"}
    if error.code == "sent_after_deadline":
        values["deadline"] = f"{deadlines.send_by(kind, year, sent_on=sent_on).date:%d-%m-%Y}"
    return ValidationError({error.field: ValidationError(_(ERROR_MESSAGES[error.code]) % values, code=error.code)})


def _assign(instance, values: dict) -> bool:
    """Set `values` on `instance`; True when it is new or something changed (so it needs saving)."""
    changed = instance.pk is None or any(getattr(instance, key) != value for key, value in values.items())
    for key, value in values.items():
        setattr(instance, key, value)
    return changed


def _participant_ids(arrangement: Arrangement) -> set[int]:
    return set(arrangement.participants.values_list("pk", flat=True))


def participant_set(
    *,
    actor,
    arrangement: Arrangement,
    municipality: Municipality | None = None,
    organisation: Organisation | None = None,
    role: str = ParticipantRole.PARTICIPANT,
    yearly_contribution: Decimal | None = None,
) -> ArrangementParticipant:
    """Record a participant's role and yearly contribution; a municipality must take part already."""
    access = region_access(actor, arrangement.region)
    access.require(access.manages_region, _("Only a regional coordinator keeps the register of joint arrangements."))
    if municipality is not None and municipality.pk not in _participant_ids(arrangement):
        raise ValidationError(
            {"municipality": ValidationError(
                _("%(name)s does not take part in %(arrangement)s.") % {"name": municipality.name, "arrangement": arrangement.name},
                code="not_a_participant")}
        )
    if organisation is not None and not arrangement.partner_organisations.filter(pk=organisation.pk).exists():
        raise ValidationError(
            {"organisation": ValidationError(
                _("%(name)s does not take part in %(arrangement)s.") % {"name": organisation.name, "arrangement": arrangement.name},
                code="not_a_participant")}
        )
    with transaction.atomic():
        detail = ArrangementParticipant.objects.filter(
            arrangement=arrangement, municipality=municipality, organisation=organisation
        ).first() or ArrangementParticipant(arrangement=arrangement, municipality=municipality, organisation=organisation)
        values = {"role": role, "yearly_contribution": None if yearly_contribution is None else Decimal(yearly_contribution)}
        if _assign(detail, values):
            validated_save(detail, actor=actor, reason=_("Participant's role and contribution recorded"))
    return detail


def cycle_document_record(
    *,
    actor,
    arrangement: Arrangement,
    kind: str,
    title: str,
    year: int,
    sent_on: datetime.date,
    own_term_weeks: int | None = None,
    general_board_on: datetime.date | None = None,
    reference: str = "",
    joint_draft: str = "",
    document: CycleDocument | None = None,
) -> CycleDocument:
    """Record a document of the cycle as sent to the councils, or correct it; only a coordinator may.

    Refused: an arrangement without participants, a document sent on or after its statutory date,
    an own term the law does not allow, a draft budget sent less than the statutory term before
    the general board decides, and a window of zero days.
    """
    access = region_access(actor, arrangement.region)
    access.require(access.manages_region, _("Only a regional coordinator records the cycle of a joint arrangement."))
    refuse_unsupported_dates(CycleDocument, sent_on=sent_on, general_board_on=general_board_on)
    errors = {}
    if not _participant_ids(arrangement):
        errors["arrangement"] = ValidationError(
            _("%(arrangement)s has no participants; add them before sending documents.") % {"arrangement": arrangement.name},
            code="no_participants",
        )
    try:
        deadlines.check_sent_in_time(kind, year, sent_on)
        term = deadlines.council_deadline(kind, sent_on, own_weeks=own_term_weeks)
    except deadlines.RuleError as error:
        raise _rule_error(error, kind=kind, sent_on=sent_on, year=year) from None
    if general_board_on is not None:
        if general_board_on <= sent_on:
            errors["general_board_on"] = ValidationError(
                _("The general board decides on %(board)s, which leaves the councils a window of zero days after %(sent)s.")
                % {"board": f"{general_board_on:%d-%m-%Y}", "sent": f"{sent_on:%d-%m-%Y}"},
                code="empty_window",
            )
        elif term.date is not None and general_board_on < term.date:
            errors["general_board_on"] = ValidationError(
                _("The general board decides on %(board)s, before the councils' term ends on %(deadline)s.")
                % {"board": f"{general_board_on:%d-%m-%Y}", "deadline": f"{term.date:%d-%m-%Y}"},
                code="board_before_term",
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = document or CycleDocument(arrangement=arrangement)
        values = {
            "kind": kind, "title": title, "year": year, "sent_on": sent_on, "own_term_weeks": own_term_weeks,
            "general_board_on": general_board_on, "reference": reference, "joint_draft": joint_draft,
        }
        if _assign(document, values):
            raise_version(document)
            validated_save(document, actor=actor, reason=_("Cycle document recorded"), trusted_relations=("arrangement",))
    return document


def final_decision_record(*, actor, document: CycleDocument, decided_on: datetime.date, text: str,
                          expected_version: int | None = None) -> CycleDocument:
    """The general board's final decision on a document, with what changed because of the views
    (`expected_version`: the version of the document the form was loaded with)."""
    access = region_access(actor, document.arrangement.region)
    access.require(access.manages_region, _("Only a regional coordinator records the cycle of a joint arrangement."))
    if decided_on < document.sent_on:
        raise ValidationError({"final_decision_on": ValidationError(
            _("The decision cannot precede sending the document (%(sent)s).") % {"sent": f"{document.sent_on:%d-%m-%Y}"},
            code="decided_before_sent")})
    with transaction.atomic():
        stored = locked(document)
        refuse_if_stale(stored, expected_version, {"final_decision_on": decided_on, "final_decision": text},
                        lead=_("Someone else has changed this document in the meantime."))
        document.version = stored.version
        raise_version(document)
        document.final_decision_on, document.final_decision = decided_on, text
        validated_save(document, actor=actor, reason=_("Final decision of the general board recorded"))
    return document


def _require_municipality_access(actor, region: Region, municipality: Municipality, message: str):
    access = region_access(actor, region)
    access.require(access.manages_region or access.edits_for(municipality.pk), message)
    if not region.memberships.filter(municipality=municipality).exists():
        raise ValidationError({"municipality": ValidationError(
            _("%(name)s is not a member of the region.") % {"name": municipality.name}, code="not_a_member")})
    return access


def council_meeting_add(
    *, actor, region: Region, municipality: Municipality, date: datetime.date, title: str = ""
) -> CouncilMeeting:
    """Add a council meeting day to a municipality's calendar (its editor or the coordinator)."""
    _require_municipality_access(actor, region, municipality, _("Only the municipality's editor or a coordinator keeps its council calendar."))
    with transaction.atomic():
        meeting = CouncilMeeting.objects.filter(municipality=municipality, date=date).first() or CouncilMeeting(
            municipality=municipality, date=date
        )
        if _assign(meeting, {"title": title or meeting.title or _("Council meeting")}):
            validated_save(meeting, actor=actor, reason=_("Council meeting entered"))
    return meeting


def council_calendar_import(*, actor, region: Region, municipality: Municipality, ics: bytes) -> int:
    """Import the council's meeting days from an iCalendar file; all of them or, on an error, none.

    Returns the number of days added (a day already in the calendar is kept as it is).
    """
    _require_municipality_access(actor, region, municipality, _("Only the municipality's editor or a coordinator keeps its council calendar."))
    events = _parse_ics(ics)
    known = set(CouncilMeeting.objects.filter(municipality=municipality).values_list("date", flat=True))
    added = 0
    with transaction.atomic():
        for day, title in events:
            if day in known:
                continue
            known.add(day)
            meeting = CouncilMeeting(municipality=municipality, date=day, title=title[:200], source=CouncilMeetingSource.ICS)
            validated_save(meeting, actor=actor, reason=_("Council calendar imported"), trusted_relations=("municipality",))
            added += 1
    return added


def _parse_ics(ics: bytes) -> list[tuple[datetime.date, str]]:
    def refuse(detail: str):
        return ValidationError({"ics": ValidationError(
            _("The iCalendar file cannot be read: %(detail)s") % {"detail": detail}, code="invalid_ics")})

    try:
        calendar = icalendar.Calendar.from_ical(ics)
    except (ValueError, IndexError, KeyError, UnicodeDecodeError) as error:
        raise refuse(str(error)[:200]) from None
    if calendar.name != "VCALENDAR":
        raise refuse(_("it does not start with BEGIN:VCALENDAR."))
    events = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        start = event.get("DTSTART")
        if start is None:
            raise refuse(_("event %(number)d has no start (DTSTART).") % {"number": number})
        value = start.dt
        day = value.date() if isinstance(value, datetime.datetime) else value
        events.append((day, str(event.get("SUMMARY", "")) or _("Council meeting")))
    if not events:
        raise refuse(_("it contains no events (VEVENT)."))
    return events


def summer_recess_set(
    *, actor, region: Region, municipality: Municipality, starts_on: datetime.date, ends_on: datetime.date
) -> SummerRecess:
    _require_municipality_access(actor, region, municipality, _("Only the municipality's editor or a coordinator keeps its council calendar."))
    with transaction.atomic():
        recess = SummerRecess.objects.filter(municipality=municipality, starts_on=starts_on).first() or SummerRecess(
            municipality=municipality, starts_on=starts_on
        )
        if _assign(recess, {"ends_on": ends_on}):
            validated_save(recess, actor=actor, reason=_("Summer recess entered"))
    return recess


def zienswijze_record(
    *,
    actor,
    document: CycleDocument,
    municipality: Municipality,
    state: str,
    verdict: str = "",
    adopted_on: datetime.date | None = None,
    basis: str = ViewBasis.OWN,
    text: str = "",
    amendments: str = "",
    sent_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Zienswijze:
    """Record a council's view on a document (its municipality's editor or the coordinator); `expected_version`:
    the version of the view the editor loaded, 0 when there was none yet (see core.versions)."""
    arrangement = document.arrangement
    access = region_access(actor, arrangement.region)
    access.require(
        access.manages_region or access.edits_for(municipality.pk),
        _("Only the municipality's editor or a coordinator records its council's view."),
    )
    errors = {}
    if municipality.pk not in _participant_ids(arrangement):
        errors["municipality"] = ValidationError(
            _("%(name)s does not take part in %(arrangement)s, so its council gives no view on it.")
            % {"name": municipality.name, "arrangement": arrangement.name},
            code="not_a_participant",
        )
    if state == ViewState.ADOPTED:
        if not verdict:
            errors["verdict"] = ValidationError(_("An adopted view is positive, with reservations or negative."), code="required")
        if adopted_on is None:
            errors["adopted_on"] = ValidationError(_("An adopted view has the date the council adopted it."), code="required")
    elif verdict or adopted_on:
        errors["state"] = ValidationError(_("Only an adopted view has a verdict and a date of adoption."), code="not_adopted")
    for field, day in (("adopted_on", adopted_on), ("sent_on", sent_on)):
        if day is not None and day < document.sent_on and field not in errors:
            errors[field] = ValidationError(
                _("%(date)s is before the document was sent to the councils (%(sent)s).")
                % {"date": f"{day:%d-%m-%Y}", "sent": f"{document.sent_on:%d-%m-%Y}"},
                code="before_document",
            )
    if basis != ViewBasis.OWN and not document.joint_draft.strip():
        errors["basis"] = ValidationError(_("There is no joint draft for this document."), code="no_joint_draft")
    if errors:
        raise ValidationError(errors)
    if basis == ViewBasis.JOINT_AS_IS and not text.strip():
        text = document.joint_draft
    with transaction.atomic():
        view = Zienswijze.objects.select_for_update().filter(document=document, municipality=municipality).first()
        values = {
            "state": state, "verdict": verdict, "adopted_on": adopted_on, "basis": basis, "text": text,
            "amendments": amendments, "sent_on": sent_on,
        }
        if view is not None:
            refuse_if_stale(view, expected_version, values,
                            lead=_("Someone else has changed this view in the meantime."))
        view = view or Zienswijze(document=document, municipality=municipality)
        if _assign(view, values):
            raise_version(view)
            validated_save(view, actor=actor, reason=_("Council's view recorded"), trusted_relations=("document",))
    return view


def board_answer_record(*, actor, view: Zienswijze, answer: str, answered_on: datetime.date,
                        expected_version: int | None = None) -> Zienswijze:
    """The board's written answer to a council's view; only a coordinator records it (`expected_version`: the
    version of the view the form was loaded with)."""
    access = region_access(actor, view.document.arrangement.region)
    access.require(access.manages_region, _("Only a regional coordinator records the board's answer."))
    errors = {}
    if view.state != ViewState.ADOPTED:
        errors["state"] = ValidationError(_("The board answers an adopted view only."), code="not_adopted")
    if not answer.strip():
        errors["board_answer"] = ValidationError(_("The answer has no text."), code="required")
    if view.adopted_on and answered_on < view.adopted_on:
        errors["board_answered_on"] = ValidationError(
            _("The answer cannot precede the view (%(date)s).") % {"date": f"{view.adopted_on:%d-%m-%Y}"},
            code="answer_before_view",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        stored = locked(view)
        refuse_if_stale(stored, expected_version, {"board_answer": answer, "board_answered_on": answered_on},
                        lead=_("Someone else has changed this view or its answer in the meantime."))
        view.version = stored.version
        raise_version(view)
        view.board_answer, view.board_answered_on = answer, answered_on
        validated_save(view, actor=actor, reason=_("Board's answer recorded"))
    return view


def verbonden_partij_record(
    *,
    actor,
    region: Region,
    municipality: Municipality,
    year: int,
    public_interest: str,
    arrangement: Arrangement | None = None,
    name: str = "",
    share_percent: Decimal | None = None,
    contribution: Decimal | None = None,
    equity_start: Decimal | None = None,
    equity_end: Decimal | None = None,
    liabilities_start: Decimal | None = None,
    liabilities_end: Decimal | None = None,
    result: Decimal | None = None,
    risks: str = "",
    risk_answers: dict[str, str] | None = None,
) -> VerbondenPartij:
    """Record a line of a municipality's register of verbonden partijen (its editor or the coordinator).

    The risk class follows from the answers to the questionnaire; without answers it stays empty.
    """
    _require_municipality_access(actor, region, municipality, _("Only the municipality's editor or a coordinator keeps its register of verbonden partijen."))
    errors = {}
    if arrangement is not None and municipality.pk not in _participant_ids(arrangement):
        errors["arrangement"] = ValidationError(
            _("%(name)s does not take part in %(arrangement)s.") % {"name": municipality.name, "arrangement": arrangement.name},
            code="not_a_participant",
        )
    if arrangement is None and not name.strip():
        errors["name"] = ValidationError(_("Name the participation, or choose a joint arrangement."), code="required")
    risk_class_ = None
    if risk_answers:
        try:
            risk_class_ = risk.risk_class(risk_answers, risk.default_questionnaire())
        except risk.AnswerError as error:
            errors["risk_answers"] = ValidationError(str(error), code="invalid_answer")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        line = VerbondenPartij.objects.filter(
            municipality=municipality, year=year, arrangement=arrangement, **({} if arrangement else {"name": name})
        ).first() or VerbondenPartij(municipality=municipality, year=year, arrangement=arrangement)
        values = {
            "name": "" if arrangement else name, "public_interest": public_interest, "share_percent": share_percent,
            "contribution": contribution, "equity_start": equity_start, "equity_end": equity_end,
            "liabilities_start": liabilities_start, "liabilities_end": liabilities_end, "result": result,
            "risks": risks, "risk_answers": risk_answers or {}, "risk_class": risk_class_,
        }
        if _assign(line, values):
            validated_save(line, actor=actor, reason=_("Register of verbonden partijen updated"))
    return line
