"""Reviewing a document's findings: a person accepts, edits or rejects what the text reader found.

This module owns the review: which findings are put to a person (:data:`REVIEW_GROUPS`), what
accepting each one would do (:func:`accept_plan`), the matching of a finding to an entry the
agenda already has (:class:`Agenda`: the same commitment, the same meeting window, a topic by
title, slug or alias), and the two writes :func:`finding_accept` and :func:`finding_reject`.

Accepting goes through the same services as the forms (``commitment_save``, ``meeting_save``,
``agreement_save``, ``topic_create``, ``topic_lead_set``), so their permission rules and
history apply unchanged; the document is recorded as the evidence on the finding
(``result_type``/``result_id``), linked to the topics the finding names, and the search index is
brought up to date in the same transaction. The pure helper
:func:`text_segments` cuts the text at the findings' spans for highlighting.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regio.access.policies import RegionAccess, region_access
from regio.commitments import services as commitment_services
from regio.commitments.models import Commitment, CommitmentState
from regio.core.services import validated_save
from regio.core.windows import window_label
from regio.documents import search
from regio.documents.models import Document, DocumentFinding, FindingState
from regio.extraction.context import RegionDataError, load_region
from regio.extraction.dates import Window
from regio.meetings import services as meeting_services
from regio.meetings.models import Agreement, Meeting
from regio.regions.models import Municipality, Region
from regio.topics import services as topic_services
from regio.topics.models import Topic
from regio.visions.models import Spearhead

# The findings put to a person, in the order the review screen groups them. Dates and
# organisations are parts of these (a due date, a place) and are not reviewed on their own.
REVIEW_KINDS = (
    "decision",
    "commitment",
    "event",
    "open_role",
    "topic",
    "topic_candidate",
    "municipality",
    "theme",
    "document_date",
)

# What a finding's acceptance produced, as stored in DocumentFinding.result_type.
RESULT_AGREEMENT = "agreement"
RESULT_COMMITMENT = "commitment"
RESULT_MEETING = "meeting"
RESULT_TOPIC = "topic"
RESULT_DOCUMENT = "document"

# A promise "to you" / "to the council(s)" in a letter of the colleges together goes to every member council.
_COUNCIL_ADDRESS = frozenset(
    {"u", "uw raad", "de raad", "de raden", "de gemeenteraad", "de gemeenteraden", "de raadsleden"}
)
_COLLECTIVE_PROMISOR = frozenset({"wij", "we", "de colleges"})
_WORD = re.compile(r"[^\W_]+")
# Words too common in promises to say that two promises are the same one.
_COMMON = frozenset(
    """aan als bij dat deze die door een het hier hierop hun met naar niet nog ons onze ook over
    raad raden tot uit uiterlijk van voor wij zij zijn zullen zal worden wordt verwachten verwacht
    colleges college gemeenten gemeente gemeenteraden""".split()
)
TITLE_LENGTH = 200


def group_labels() -> dict[str, str]:
    """The heading of each group of findings on the review screen."""
    return {
        "decision": _("Decisions and agreements"),
        "commitment": _("Commitments"),
        "event": _("Meetings and events"),
        "open_role": _("Open roles"),
        "topic": _("Topics"),
        "topic_candidate": _("New topic candidates"),
        "municipality": _("Municipalities"),
        "theme": _("Spearheads"),
        "document_date": _("Document date"),
    }


# --- pure helpers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of the text and the findings whose span covers it (empty for plain text)."""

    text: str
    finding_ids: tuple[int, ...] = ()
    anchors: tuple[int, ...] = ()  # findings whose span starts here


def text_segments(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """Cut `text` at every start and end of the spans (id, start, end); overlapping spans are allowed.

    The text is returned unescaped, in order and complete: the template escapes it. Spans outside
    the text are clipped; empty spans are dropped.
    """
    length = len(text)
    clipped = []
    for finding_id, start, end in spans:
        start, end = max(0, min(start, length)), max(0, min(end, length))
        if start < end:
            clipped.append((finding_id, start, end))
    cuts = sorted({0, length, *(s for _i, s, _e in clipped), *(e for _i, _s, e in clipped)})
    segments = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = tuple(i for i, s, e in clipped if s <= left and right <= e)
        starting = tuple(i for i, s, _e in clipped if s == left)
        segments.append(Segment(text[left:right], covering, starting))
    return segments


def significant_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 and not w.isdigit() and w not in _COMMON}


def same_promise(a: str, b: str) -> bool:
    """Whether two wordings share enough words to be the same promise."""
    left, right = significant_words(a), significant_words(b)
    if not left or not right:
        return False
    shared = len(left & right)
    return shared >= 3 or shared >= max(2, round(0.4 * min(len(left), len(right))))


def places_match(a: str | None, b: str | None) -> bool:
    """Two places are the same when they share a word ("Zoeterwoude" and "Gemeentehuis Zoeterwoude")."""
    if not a or not b:
        return False
    return bool(set(_WORD.findall(a.lower())) & set(_WORD.findall(b.lower())))


def title_from(quote: str) -> str:
    """A title from a quote: the quote, shortened at a word boundary to fit."""
    quote = " ".join(quote.split()).strip()
    if len(quote) <= TITLE_LENGTH:
        return quote
    cut = quote[: TITLE_LENGTH - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


AGREEMENT_TITLE_LENGTH = 80
# A decision the text reports as already taken ("is vastgesteld", "hebben we besloten", "heeft ingestemd").
_TAKEN = re.compile(
    r"\b(?:is|zijn|werd|werden|hebben|heeft|hadden|had)\b(?:\s+\S+){0,20}?\s+"
    r"(?:vastgesteld|besloten|ingestemd|aangenomen|goedgekeurd|bekrachtigd|ondertekend|afgesproken|gekozen|"
    r"toegezegd|overeengekomen|akkoord\s+gegaan|getekend)\b",
    re.IGNORECASE,
)


def agreement_title(sentence: str) -> str:
    """A title from a sentence: capitalised, at most about 80 characters, cut at a word."""
    text = " ".join(sentence.split()).strip().rstrip(".")
    text = text[:1].upper() + text[1:]
    if len(text) <= AGREEMENT_TITLE_LENGTH:
        return text
    cut = text[: AGREEMENT_TITLE_LENGTH - 1]
    if text[AGREEMENT_TITLE_LENGTH - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;: ") + "…"


@dataclass(frozen=True)
class DecisionReading:
    """How the review reads a decision finding: already taken or proposed, and the date the text gives."""

    taken: bool
    date: datetime.date | None
    date_text: str


def decision_reading(finding: DocumentFinding) -> DecisionReading:
    """From the reader's `status`/`tense`/`date` where it gives them, else from the sentence and its dates."""
    value = finding.value if isinstance(finding.value, dict) else {}
    status, tense = value.get("status"), value.get("tense")
    if status in ("taken", "planned", "requested"):
        taken = status == "taken"
    elif tense in ("past", "present", "future"):
        taken = tense == "past"
    else:
        taken = bool(_TAKEN.search(finding.sentence))
    window = value.get("date") if isinstance(value.get("date"), dict) else None
    if window is None:
        window = next((d for d in value.get("dates") or [] if isinstance(d, dict) and d.get("start")), None)
    start = as_date(window.get("start")) if window else None
    end = (as_date(window.get("end")) or start) if window else None
    return DecisionReading(taken, start, window_label(Window(start, end)) if start else "")


def as_date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


# --- what the region already has --------------------------------------------------------------


def _invalid(field_name: str, message: str, code: str) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code)})


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


@dataclass
class Agenda:
    """What the region already has, loaded once, to match findings against without a query each."""

    region: Region
    members: list[Municipality]
    topics: list[Topic]
    commitments: list[Commitment]
    meetings: list[Meeting]
    spearheads: list[Spearhead]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    agreements: list[Agreement] = field(default_factory=list)

    @classmethod
    def load(cls, region: Region) -> Agenda:
        try:
            # A region loaded from a region file keeps its topics' aliases there.
            aliases = {t.slug: t.aliases for t in load_region(region.slug).topics}
        except RegionDataError:
            aliases = {}
        return cls(
            region=region,
            members=list(Municipality.objects.filter(memberships__region=region).order_by("name")),
            topics=list(Topic.objects.filter(region=region).select_related("lead_municipality")),
            commitments=list(
                Commitment.objects.filter(region=region, state=CommitmentState.OPEN)
                .prefetch_related("recipient_councils")
            ),
            meetings=list(Meeting.objects.filter(region=region, cancelled=False)),
            spearheads=list(Spearhead.objects.filter(vision__region=region).order_by("order")),
            aliases=aliases,
            agreements=list(Agreement.objects.filter(region=region).order_by("-made_on", "pk")),
        )

    def topic_named(self, name: str) -> Topic | None:
        """An existing topic by title, slug or alias (case and punctuation ignored)."""
        wanted = _key(name)
        if not wanted:
            return None
        for topic in self.topics:
            names = (topic.title, topic.slug.replace("-", " "), *self.aliases.get(topic.slug, ()))
            if wanted in {_key(n) for n in names} or slugify(name) == topic.slug:
                return topic
        return None

    def topics_in(self, text: str) -> list[Topic]:
        """The existing topics whose title or alias occurs in `text` as whole words."""
        words = f" {_key(text)} "
        return [
            topic for topic in self.topics
            if any(f" {_key(n)} " in words for n in (topic.title, *self.aliases.get(topic.slug, ())) if _key(n))
        ]

    def commitment_like(self, *, due_date: datetime.date, wording: str) -> Commitment | None:
        """An open commitment with the same due date whose wording shares enough words."""
        for commitment in self.commitments:
            if commitment.due_date == due_date and same_promise(
                wording, f"{commitment.title} {commitment.description}"
            ):
                return commitment
        return None

    def meeting_in(self, *, start: datetime.date, end: datetime.date, place: str | None) -> Meeting | None:
        """The meeting a finding speaks of, if the agenda has it.

        First a planned meeting known by the same window (its place, where both name one, the same);
        then a dated meeting within the window at the same named place. A dated meeting without a
        place is never taken for it: a region has many meetings in a quarter.
        """
        meetings = sorted(self.meetings, key=lambda meeting: meeting.pk or 0)
        for meeting in meetings:
            if not meeting.is_dated and (meeting.window_start, meeting.window_end) == (start, end):
                if not place or not meeting.place or places_match(place, meeting.place):
                    return meeting
        if place:
            for meeting in meetings:
                if meeting.is_dated and start <= meeting.first_day <= end and meeting.place:
                    if places_match(place, meeting.place):
                        return meeting
        return None

    def agreements_like(self, *, sentence: str, topics: Sequence[Topic], day: datetime.date | None) -> list[Agreement]:
        """Existing agreements this decision may be: the same wording, or the same topic and date."""
        found = []
        for agreement in self.agreements:
            same_words = same_promise(sentence, f"{agreement.title} {agreement.text}")
            same_topic_and_day = day is not None and agreement.made_on == day and agreement.topic_id in {
                t.pk for t in topics
            }
            if same_words or same_topic_and_day:
                found.append(agreement)
        return found

    def member_by_name(self, name: str) -> Municipality | None:
        wanted = _key(name)
        return next((m for m in self.members if _key(m.name) == wanted), None)

    def spearhead(self, code: str) -> Spearhead | None:
        return next((s for s in self.spearheads if s.code == code), None)


# --- reading a finding in its document --------------------------------------------------------


def _inside(finding: DocumentFinding, others: Sequence[DocumentFinding], kind: str) -> list[DocumentFinding]:
    return [o for o in others if o.kind == kind and finding.start <= o.start < max(finding.end, finding.start + 1)]


def named_members(finding: DocumentFinding, others: Sequence[DocumentFinding], agenda: Agenda) -> list[Municipality]:
    """The member municipalities named inside the finding's sentence, in order, once each."""
    found: list[Municipality] = []
    for other in _inside(finding, others, "municipality"):
        member = agenda.member_by_name(other.value.get("name", ""))
        if member is not None and member not in found:
            found.append(member)
    return found


def named_topics(finding: DocumentFinding, others: Sequence[DocumentFinding], agenda: Agenda) -> list[Topic]:
    """The existing topics a finding is about: its own value (topic, open role), else those in its sentence."""
    if finding.kind == "topic":
        names = [finding.value.get("slug") or "", finding.value.get("title") or ""]
    elif finding.kind == "open_role":
        names = list(finding.value.get("topics") or [])
    else:
        # The reader reports a topic once per document, so the sentence itself is searched as well.
        names = [o.value.get("slug") or o.value.get("title") or "" for o in _inside(finding, others, "topic")]
        names += [t.slug for t in agenda.topics_in(finding.sentence)]
    topics: list[Topic] = []
    for name in names:
        topic = agenda.topic_named(name)
        if topic is not None and topic not in topics:
            topics.append(topic)
    return topics


def _promiser(finding: DocumentFinding, agenda: Agenda) -> tuple[str, list[Municipality]]:
    """Who made the promise: the college the text names, else the colleges together."""
    promisor = " ".join((finding.value.get("promisor") or "").split())
    if promisor.lower() in _COLLECTIVE_PROMISOR or not promisor:
        # Stored as data in the region's language, like the promisor the text names.
        return "De colleges", list(agenda.members)
    named = re.search(r"\bvan\s+(.+)$", promisor)
    member = agenda.member_by_name(named.group(1)) if named else None
    return promisor[:1].upper() + promisor[1:], [member] if member else []


def recipients_for(finding: DocumentFinding, others: Sequence[DocumentFinding], agenda: Agenda) -> list[Municipality]:
    """The councils a promise is made to: those named in it, else every member council when it
    addresses "you" or "the council(s)" on behalf of the colleges together, else the council of
    the one college that promises."""
    named = named_members(finding, others, agenda)
    if named:
        return named
    recipient = " ".join((finding.value.get("recipient") or "").lower().split())
    if recipient not in _COUNCIL_ADDRESS:
        return []
    _label, promisers = _promiser(finding, agenda)
    return promisers if len(promisers) == 1 else list(agenda.members)


# --- what accepting will do -------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """What accepting a finding would do, in words for the reviewer; `ready` is False when an edit is needed."""

    summary: str
    ready: bool = True
    target: models.Model | None = None


def _names(items: Iterable[Any]) -> str:
    return ", ".join(str(item) for item in items)


def accept_plan(finding: DocumentFinding, others: Sequence[DocumentFinding], agenda: Agenda) -> Plan:
    """Say what accepting `finding` (as it stands, without edits) would create, update or link."""
    value = finding.value if isinstance(finding.value, dict) else {"value": finding.value}
    kind = finding.kind
    if kind == "commitment":
        due = as_date(value.get("due"))
        councils = recipients_for(finding, others, agenda)
        if due is None:
            return Plan(_("Give the due date to record this commitment."), ready=False)
        if not councils:
            return Plan(_("Say to which councils the promise was made."), ready=False)
        existing = agenda.commitment_like(due_date=due, wording=finding.sentence)
        if existing is not None:
            return Plan(
                _("Updates the existing commitment “%(title)s” (due %(due)s) with this document as its source.")
                % {"title": existing.title, "due": existing.due_label},
                target=existing,
            )
        return Plan(
            _("Records a new commitment due %(due)s to the councils of %(councils)s.")
            % {"due": window_label(Window(due, due)), "councils": _names(councils)}
        )
    if kind == "event":
        start, end = as_date(value.get("start")), as_date(value.get("end"))
        if start is None or end is None:
            return Plan(_("Give the date or the window of this meeting to record it."), ready=False)
        existing = agenda.meeting_in(start=start, end=end, place=value.get("place"))
        if existing is not None:
            return Plan(_("Links to the existing meeting “%(meeting)s”.") % {"meeting": existing}, target=existing)
        return Plan(
            _("Plans a new meeting %(when)s%(place)s.")
            % {
                "when": window_label(Window(start, end)),
                "place": (" " + _("in %(place)s") % {"place": value["place"]}) if value.get("place") else "",
            }
        )
    if kind == "decision":
        participants = named_members(finding, others, agenda) or agenda.members
        reading = decision_reading(finding)
        topics = named_topics(finding, others, agenda)
        matches = agenda.agreements_like(sentence=finding.sentence, topics=topics, day=reading.date)
        if matches:
            summary = _("Links to the existing agreement “%(title)s” of %(date)s.") % {
                "title": matches[0].title, "date": window_label(Window(matches[0].made_on, matches[0].made_on))}
            if reading.taken:
                summary += " " + _("The text says it was already decided: the colleges of %(municipalities)s are "
                                   "recorded as having adopted it.") % {"municipalities": _names(participants)}
            return Plan(summary, target=matches[0])
        if reading.date is None and finding.document.document_date is not None:
            day = finding.document.document_date
            reading = DecisionReading(reading.taken, day, window_label(Window(day, day)))
        if reading.date is None:
            return Plan(_("The text gives no date for this decision: edit it and give the date."), ready=False)
        if reading.taken:
            summary = _("Records an agreement already decided (%(when)s), adopted by the colleges of "
                        "%(municipalities)s.") % {"when": reading.date_text, "municipalities": _names(participants)}
        else:
            summary = _("Records a proposed agreement (%(when)s), put to %(municipalities)s; each decides for "
                        "itself.") % {"when": reading.date_text, "municipalities": _names(participants)}
        if topics:
            summary += " " + _("About: %(topics)s.") % {"topics": _names(topics)}
        return Plan(summary)
    if kind in ("topic", "open_role"):
        topics = named_topics(finding, others, agenda)
        if not topics:
            return Plan(_("None of the topics it names exists yet; nothing to link."), ready=False)
        if kind == "topic":
            return Plan(_("Links the document to the topic %(topics)s.") % {"topics": _names(topics)}, target=topics[0])
        return Plan(
            _("Links the document to %(topics)s and marks their lead as still to be appointed where none is set.")
            % {"topics": _names(topics)}
        )
    if kind == "topic_candidate":
        existing = agenda.topic_named(value.get("title") or "")
        if existing is not None:
            return Plan(_("Links the document to the existing topic %(topic)s.") % {"topic": existing}, target=existing)
        return Plan(_("Choose at least one spearhead to add this as a new topic."), ready=False)
    if kind == "municipality":
        return Plan(_("Adds %(name)s to the document's municipalities.") % {"name": value.get("name", "")})
    if kind == "theme":
        spearhead = agenda.spearhead(value.get("code", ""))
        if spearhead is None:
            return Plan(_("The region has no spearhead with this code."), ready=False)
        return Plan(_("Adds the spearhead %(spearhead)s to the document.") % {"spearhead": spearhead.name})
    if kind == "document_date":
        day = as_date(finding.value)
        if day is None:
            return Plan(_("Give the document date."), ready=False)
        return Plan(_("Sets the document date to %(date)s.") % {"date": window_label(Window(day, day))})
    return Plan(_("This kind of finding is not reviewed on its own."), ready=False)


def plain_explanation(finding: DocumentFinding) -> str:
    """Why the reader put this finding forward, in plain words (never the name of a rule)."""
    kind = finding.kind
    if kind == "decision":
        reading = decision_reading(finding)
        if reading.taken:
            when = (" " + _("(%(when)s)") % {"when": reading.date_text}) if reading.date_text else ""
            return _("The sentence reports a decision that was already taken%(when)s.") % {"when": when}
        return _("The sentence proposes or asks for a decision; each municipality still decides for itself.")
    texts = {
        "commitment": _("The sentence promises something to the councils or a partner, with a date."),
        "event": _("The sentence speaks of a meeting or gathering."),
        "open_role": _("The sentence says a role, such as the lead, is still open."),
        "topic": _("The text names a topic the region already has."),
        "topic_candidate": _("The text names something that could become a new topic."),
        "municipality": _("The text names this municipality."),
        "theme": _("The text speaks of this spearhead."),
        "document_date": _("This looks like the date of the document itself."),
    }
    return str(texts.get(kind, ""))


# --- permission -------------------------------------------------------------------------------


def can_review(access: RegionAccess, document: Document) -> bool:
    """The coordinator and the region's editors review; the services decide what each may write."""
    return access.region_id == document.region_id and (access.manages_region or access.is_editor)


def may_accept(access: RegionAccess, finding: DocumentFinding, plan: Plan) -> bool:
    """Whether to offer the accept button: a reviewer who may write what accepting writes."""
    if not can_review(access, finding.document):
        return False
    # Commitments, meetings and agreements are the coordinator's; so is setting a lead back to open.
    if finding.kind in ("commitment", "event", "decision", "open_role"):
        return access.manages_region
    return True


# --- writes -----------------------------------------------------------------------------------


def _require_review(actor, document: Document) -> RegionAccess:
    access = region_access(actor, document.region)
    access.require(can_review(access, document), _("Only the coordinator and the region's editors review documents."))
    return access


def _link_topics(document: Document, topics: Iterable[Topic]) -> None:
    topics = [t for t in topics if t.region_id == document.region_id]
    if topics:
        document.topics.add(*topics)


def _edited(edits: Mapping[str, Any]) -> dict[str, Any]:
    """The edits as JSON, for the finding's record of what the reviewer changed."""
    def plain(value):
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, (list, tuple, set, models.QuerySet)):
            return [plain(v) for v in value]
        return value

    return {key: plain(value) for key, value in edits.items() if value not in (None, "", [], ())}


def _accept_commitment(*, actor, finding, document, edits, others, agenda) -> tuple[str, int]:
    value = finding.value
    due = as_date(edits.get("due_date")) or as_date(value.get("due"))
    if due is None:
        raise _invalid("due_date", _("Give the date by which the promise must be kept."), "no_due_date")
    councils = list(edits.get("recipient_councils") or recipients_for(finding, others, agenda))
    if not councils:
        raise _invalid("recipient_councils", _("Say to which councils the promise was made."), "no_recipient")
    source = title_from(document.title)[:300]
    existing = agenda.commitment_like(due_date=due, wording=finding.sentence)
    if existing is not None:
        # The same promise, met again: the document becomes its source; the councils it names are added.
        merged = list(existing.recipient_councils.all())
        merged += [c for c in councils if c not in merged]
        saved = commitment_services.commitment_save(
            actor=actor, region=document.region, commitment=existing, title=existing.title,
            description=existing.description, promised_by=existing.promised_by, due_date=existing.due_date,
            due_start=existing.due_start, promised_by_municipalities=existing.promised_by_municipalities.all(),
            recipient_councils=merged, recipient_organisation=existing.recipient_organisation,
            topic=existing.topic, meeting=existing.meeting, source=source, visibility=existing.visibility,
        )
        return RESULT_COMMITMENT, saved.pk
    promised_by, promisers = _promiser(finding, agenda)
    topics = named_topics(finding, others, agenda)
    saved = commitment_services.commitment_save(
        actor=actor, region=document.region, title=edits.get("title") or title_from(finding.sentence),
        description=finding.sentence, promised_by=edits.get("promised_by") or promised_by, due_date=due,
        promised_by_municipalities=promisers, recipient_councils=councils,
        topic=topics[0] if topics else None, source=source, visibility=document.visibility,
    )
    # A shared agenda (a bulk import) then matches the next mention of the same promise to this one.
    agenda.commitments.append(saved)
    finding.created_entry = True
    return RESULT_COMMITMENT, saved.pk


def _accept_event(*, actor, finding, document, edits, others, agenda) -> tuple[str, int]:
    value = finding.value
    start = as_date(edits.get("window_start")) or as_date(value.get("start"))
    end = as_date(edits.get("window_end")) or as_date(value.get("end")) or start
    place = edits.get("place") or value.get("place") or ""
    if start is None or end is None:
        raise _invalid(
            "window_start", _("Give the date, or the first and last day of the window, of this meeting."), "no_window"
        )
    existing = agenda.meeting_in(start=start, end=end, place=place)
    if existing is not None:
        if place and not existing.place:
            meeting_services.meeting_save(
                actor=actor, region=document.region, meeting=existing, title=existing.title, body=existing.body,
                starts_at=existing.starts_at, ends_at=existing.ends_at, window_start=existing.window_start,
                window_end=existing.window_end, place=place, minutes=existing.minutes,
                invitees=existing.invitees.all(), is_example=existing.is_example, visibility=existing.visibility,
            )
        else:
            # Matching writes nothing to the meeting, so the coordinator's right to plan it is checked here.
            access = region_access(actor, document.region)
            access.require(
                access.manages_region, _("Only the regional coordinator manages bodies, meetings and agreements.")
            )
        return RESULT_MEETING, existing.pk
    saved = meeting_services.meeting_save(
        actor=actor, region=document.region, title=edits.get("title") or title_from(finding.sentence),
        window_start=start, window_end=end, place=place, visibility=document.visibility,
    )
    agenda.meetings.append(saved)
    finding.created_entry = True
    return RESULT_MEETING, saved.pk


def _accept_decision(*, actor, finding, document, edits, others, agenda) -> tuple[str, int]:
    participants = list(edits.get("participants") or named_members(finding, others, agenda) or agenda.members)
    topics = named_topics(finding, others, agenda)
    reading = decision_reading(finding)
    if "taken" in edits:
        reading = DecisionReading(edits["taken"] == "yes", reading.date, reading.date_text)
    made_on = as_date(edits.get("made_on")) or reading.date or document.document_date
    choice = edits.get("agreement")
    if choice and choice != "new":
        existing = next((a for a in agenda.agreements if str(a.pk) == str(choice)), None)
        if existing is None:
            raise _invalid("agreement", _("Choose one of the agreements offered, or a new one."), "unknown_agreement")
    elif choice == "new":
        existing = None
    else:
        matches = agenda.agreements_like(sentence=finding.sentence, topics=topics, day=reading.date)
        existing = matches[0] if matches else None
    if existing is not None:
        agreement, created = existing, False
    else:
        if made_on is None:
            raise _invalid("made_on", _("The text gives no date for this decision; give the date it was made."),
                           "no_decision_date")
        agreement = meeting_services.agreement_save(
            actor=actor, region=document.region, title=(edits.get("title") or agreement_title(finding.sentence))[:200],
            text=finding.sentence, made_on=made_on, participants=participants,
            topic=topics[0] if topics else None, other_topics=topics[1:], visibility=document.visibility,
        )
        agenda.agreements.append(agreement)
        created = True
    if reading.taken:
        decided = {d.municipality_id for d in agreement.decisions.filter(organ="college")}
        joined = {m.pk for m in agreement.participants.all()}
        for municipality in participants:
            if municipality.pk in joined and municipality.pk not in decided:
                meeting_services.decision_record(
                    actor=actor, agreement=agreement, municipality=municipality, organ="college", outcome="ingestemd",
                    decided_on=max(made_on or agreement.made_on, agreement.made_on),
                    document=title_from(document.title)[:300],
                )
    finding.created_entry = created
    return RESULT_AGREEMENT, agreement.pk


def _accept_topics(*, actor, finding, document, edits, others, agenda) -> tuple[str, int]:
    topics = named_topics(finding, others, agenda)
    if not topics:
        raise ValidationError(
            _("None of the topics this finding names exists in %(region)s.") % {"region": document.region},
            code="no_such_topic",
        )
    if finding.kind == "open_role":
        for topic in topics:
            if topic.lead_municipality_id is None:
                # Confirms, with this document as the reason, that the lead is still to be appointed.
                topic_services.topic_lead_set(actor=actor, topic=topic, municipality=None)
    return RESULT_TOPIC, topics[0].pk


def _accept_candidate(*, actor, finding, document, edits, others, agenda) -> tuple[str, int]:
    title = (edits.get("title") or finding.value.get("title") or "").strip()
    existing = agenda.topic_named(title)
    if existing is not None:
        return RESULT_TOPIC, existing.pk
    spearheads = list(edits.get("spearheads") or [])
    if not spearheads:
        message = _("Choose at least one spearhead before adding “%(title)s” as a topic.") % {"title": title}
        raise _invalid("spearheads", message, "no_spearhead")
    topic = topic_services.topic_create(
        actor=actor, region=document.region, title=title[:1].upper() + title[1:], spearheads=spearheads,
        description=finding.sentence, proposed_by=edits.get("proposed_by"), proposed_on=document.document_date,
        visibility=document.visibility,
    )
    agenda.topics.append(topic)
    finding.created_entry = True
    return RESULT_TOPIC, topic.pk


def _accept_metadata(*, actor, finding, document, edits, others, agenda) -> tuple[str, int]:
    if finding.kind == "municipality":
        municipality = Municipality.objects.filter(cbs_code=finding.value.get("cbs_code") or "").first()
        if municipality is None:
            raise ValidationError(
                _("%(name)s is not in Regio's list of municipalities.") % {"name": finding.value.get("name")},
                code="unknown_municipality",
            )
        document.municipalities.add(municipality)
    elif finding.kind == "theme":
        spearhead = agenda.spearhead(finding.value.get("code", ""))
        if spearhead is None:
            raise ValidationError(
                _("%(region)s has no spearhead “%(code)s”.")
                % {"region": document.region, "code": finding.value.get("code")},
                code="unknown_spearhead",
            )
        document.spearheads.add(spearhead)
    else:
        day = as_date(edits.get("document_date")) or as_date(finding.value)
        if day is None:
            raise _invalid("document_date", _("Give the document date."), "no_document_date")
        finding.previous_date = document.document_date.isoformat() if document.document_date else None
        document.document_date = day
        validated_save(document, actor=actor, reason=_("Document date confirmed in review"))
    return RESULT_DOCUMENT, document.pk


_ACCEPT = {
    "commitment": _accept_commitment,
    "event": _accept_event,
    "decision": _accept_decision,
    "topic": _accept_topics,
    "open_role": _accept_topics,
    "topic_candidate": _accept_candidate,
    "municipality": _accept_metadata,
    "theme": _accept_metadata,
    "document_date": _accept_metadata,
}


def _reindex(document: Document, result_type: str, result_id: int) -> None:
    """Keep search current in the same transaction: the document's filters, or the entry accepting wrote."""
    if result_type == RESULT_DOCUMENT:
        search.index_document(document)
        return
    model = {RESULT_COMMITMENT: Commitment, RESULT_MEETING: Meeting, RESULT_AGREEMENT: Agreement,
             RESULT_TOPIC: Topic}[result_type]
    search.reindex_entry(model.objects.get(pk=result_id))


def _locked(finding: DocumentFinding) -> DocumentFinding:
    return DocumentFinding.objects.select_for_update().select_related("document__region").get(pk=finding.pk)


@transaction.atomic
def finding_accept(
    *,
    actor,
    finding: DocumentFinding,
    edits: dict | None = None,
    pre_accepted: bool = False,
    agenda: Agenda | None = None,
) -> DocumentFinding:
    """Accept a finding (with the reviewer's `edits`): create, update or link its agenda entry.

    `edits` holds cleaned values: title, due_date, recipient_councils, promised_by, window_start,
    window_end, place, made_on, participants, spearheads, proposed_by, document_date.
    `pre_accepted` marks an acceptance by a trusted bulk import rather than a person. A finding
    already accepted is refused, so accepting twice never makes a second entry.
    """
    finding = _locked(finding)
    document = finding.document
    _require_review(actor, document)
    if finding.state in (FindingState.ACCEPTED, FindingState.PRE_ACCEPTED):
        raise ValidationError(_("This finding has already been accepted."), code="already_accepted")
    accept = _ACCEPT.get(finding.kind)
    if accept is None:
        raise ValidationError(
            _("A finding of the kind “%(kind)s” is not reviewed on its own.") % {"kind": finding.kind},
            code="not_reviewable",
        )
    edits = dict(edits or {})
    others = list(document.findings.filter(kind__in=("municipality", "topic")).exclude(pk=finding.pk))
    agenda = agenda or Agenda.load(document.region)
    result_type, result_id = accept(
        actor=actor, finding=finding, document=document, edits=edits, others=others, agenda=agenda
    )
    if result_type != RESULT_DOCUMENT:
        _link_topics(document, named_topics(finding, others, agenda))
    if result_type == RESULT_TOPIC:
        _link_topics(document, Topic.objects.filter(pk=result_id))
    _reindex(document, result_type, result_id)
    if isinstance(finding.value, dict):
        extra = {"edited": _edited(edits)} if edits else {}
        if getattr(finding, "created_entry", False):
            extra["created"] = True  # so undoing the acceptance removes what it made, and nothing else
        if hasattr(finding, "previous_date"):
            extra["previous_date"] = finding.previous_date
        finding.value = {**finding.value, **extra}
    finding.state = FindingState.PRE_ACCEPTED if pre_accepted else FindingState.ACCEPTED
    finding.reviewed_by = actor if getattr(actor, "pk", None) and not pre_accepted else None
    finding.reviewed_at = timezone.now()
    finding.result_type, finding.result_id = result_type, result_id
    validated_save(finding, actor=actor, reason=_("Accepted in review"))
    _follow(finding, actor=actor, reason=_("Accepted in review"))
    return finding


@transaction.atomic
def finding_reject(*, actor, finding: DocumentFinding, reason: str = "") -> DocumentFinding:
    """Reject a finding: it stays, marked rejected, with the reason in its history."""
    finding = _locked(finding)
    _require_review(actor, finding.document)
    if finding.state in (FindingState.ACCEPTED, FindingState.PRE_ACCEPTED):
        raise ValidationError(
            _("This finding has already been accepted; change the agenda entry it made instead."),
            code="already_accepted",
        )
    finding.state = FindingState.REJECTED
    finding.reviewed_by = actor if getattr(actor, "pk", None) else None
    finding.reviewed_at = timezone.now()
    if isinstance(finding.value, dict):
        # Kept on the finding, so the review screen keeps showing why it was rejected.
        finding.value = {**finding.value, "rejected_reason": reason.strip()}
    validated_save(finding, actor=actor, reason=reason.strip() or _("Rejected in review"))
    _follow(finding, actor=actor, reason=reason.strip() or _("Rejected in review"))
    return finding


# The same municipality or spearhead named again in a document is one item to review.
DUPLICATE_KEYS = {"municipality": "cbs_code", "theme": "code"}


def duplicate_key(finding: DocumentFinding) -> tuple[str, str] | None:
    field_name = DUPLICATE_KEYS.get(finding.kind)
    if field_name is None or not isinstance(finding.value, dict):
        return None
    return finding.kind, str(finding.value.get(field_name) or "")


def _duplicates(finding: DocumentFinding) -> list[DocumentFinding]:
    key = duplicate_key(finding)
    if key is None:
        return []
    same = finding.document.findings.select_for_update().filter(kind=finding.kind).exclude(pk=finding.pk)
    return [f for f in same if duplicate_key(f) == key]


def _follow(finding: DocumentFinding, *, actor, reason: str) -> None:
    """Give the finding's duplicates (the same municipality named again) its state."""
    for other in _duplicates(finding):
        other.state, other.reviewed_by, other.reviewed_at = finding.state, finding.reviewed_by, finding.reviewed_at
        other.result_type, other.result_id = finding.result_type, finding.result_id
        if isinstance(other.value, dict) and isinstance(finding.value, dict):
            other.value = {**other.value, "rejected_reason": finding.value.get("rejected_reason", "")}
        validated_save(other, actor=actor, reason=reason)


@transaction.atomic
def finding_undo(*, actor, finding: DocumentFinding) -> DocumentFinding:
    """Put an accepted or rejected finding back to open; undoing an acceptance removes what it made.

    An entry the acceptance only linked to (an existing agreement, meeting, commitment or topic)
    stays as it is; one it created is deleted, with its history recording the deletion.
    """
    finding = _locked(finding)
    document = finding.document
    access = _require_review(actor, document)
    if finding.state == FindingState.PENDING:
        raise ValidationError(_("This finding has not been reviewed yet; there is nothing to undo."),
                              code="not_reviewed")
    value = dict(finding.value) if isinstance(finding.value, dict) else finding.value
    if finding.state in (FindingState.ACCEPTED, FindingState.PRE_ACCEPTED):
        _undo_result(access, finding, document, value if isinstance(value, dict) else {}, actor=actor)
    if isinstance(value, dict):
        for key in ("created", "rejected_reason", "previous_date", "edited"):
            value.pop(key, None)
        finding.value = value
    finding.state, finding.reviewed_by, finding.reviewed_at = FindingState.PENDING, None, None
    finding.result_type, finding.result_id = "", None
    validated_save(finding, actor=actor, reason=_("Review undone"))
    _follow(finding, actor=actor, reason=_("Review undone"))
    return finding


def _undo_result(access: RegionAccess, finding: DocumentFinding, document: Document, value: dict, *, actor) -> None:
    if finding.result_type == RESULT_DOCUMENT:
        if finding.kind == "municipality":
            document.municipalities.remove(*Municipality.objects.filter(cbs_code=value.get("cbs_code") or ""))
        elif finding.kind == "theme":
            document.spearheads.remove(*Spearhead.objects.filter(vision__region=document.region,
                                                                  code=value.get("code") or ""))
        elif finding.kind == "document_date":
            document.document_date = as_date(value.get("previous_date"))
            validated_save(document, actor=actor, reason=_("Review undone"))
        search.index_document(document)
        return
    if not value.get("created"):
        return
    model = {RESULT_COMMITMENT: Commitment, RESULT_MEETING: Meeting, RESULT_AGREEMENT: Agreement,
             RESULT_TOPIC: Topic}[finding.result_type]
    entry = model.objects.filter(pk=finding.result_id).first()
    if entry is None:
        return
    if isinstance(entry, Topic):
        access.require(access.can_edit_topic(entry), _("Only the coordinator or the proposing municipality may "
                                                       "remove this topic."))
    else:
        access.require(access.manages_region, _("Only the regional coordinator manages bodies, meetings and "
                                                "agreements."))
    document.topics.remove(*([entry] if isinstance(entry, Topic) else []))
    search.remove({RESULT_COMMITMENT: "commitment", RESULT_MEETING: "meeting", RESULT_AGREEMENT: "agreement",
                   RESULT_TOPIC: "topic"}[finding.result_type], [entry.pk])
    entry.delete()


@dataclass(frozen=True)
class GroupResult:
    done: int
    refused: list[tuple[DocumentFinding, str]]


def findings_accept_group(*, actor, document: Document, kind: str) -> GroupResult:
    """Accept every open finding of one group that can be accepted as read; say which could not and why."""
    access = _require_review(actor, document)
    agenda = Agenda.load(document.region)
    done, refused = 0, []
    for item in _open_items(document, kind, access, agenda):
        if not item.plan.ready or not item.may_accept:
            refused.append((item.finding, item.plan.summary if not item.plan.ready else
                            _("Only the coordinator can accept this.")))
            continue
        try:
            with transaction.atomic():
                finding_accept(actor=actor, finding=item.finding, agenda=agenda)
            done += 1
        except ValidationError as exc:
            refused.append((item.finding, " ".join(exc.messages)))
    return GroupResult(done, refused)


def findings_reject_group(*, actor, document: Document, kind: str, reason: str = "") -> GroupResult:
    access = _require_review(actor, document)
    done = 0
    with transaction.atomic():
        for item in _open_items(document, kind, access, Agenda.load(document.region)):
            finding_reject(actor=actor, finding=item.finding, reason=reason)
            done += 1
    return GroupResult(done, [])


def _open_items(document: Document, kind: str, access: RegionAccess, agenda: Agenda) -> list[ReviewItem]:
    groups = review_items(document=document, access=access, agenda=agenda)
    return [item for group in groups if group.kind == kind for item in group.items
            if item.finding.state == FindingState.PENDING]


# --- reads ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewItem:
    finding: DocumentFinding
    plan: Plan
    may_accept: bool
    duplicates: tuple[DocumentFinding, ...] = ()


@dataclass(frozen=True)
class ReviewGroup:
    kind: str
    label: str
    items: list[ReviewItem]


def review_document_get(*, region: Region, pk: int, access: RegionAccess) -> Document:
    """The document to review, with its pages; DoesNotExist when it is not there or not visible."""
    document = Document.objects.select_related("region").prefetch_related("pages").get(region=region, pk=pk)
    if not access.can_view(document):
        raise Document.DoesNotExist
    return document


def review_items(*, document: Document, access: RegionAccess, agenda: Agenda | None = None) -> list[ReviewGroup]:
    """The document's reviewable findings, grouped, each with what accepting it would do."""
    agenda = agenda or Agenda.load(document.region)
    findings = list(
        document.findings.filter(kind__in=REVIEW_KINDS).select_related("reviewed_by").order_by("start", "pk")
    )
    others = [f for f in findings if f.kind in ("municipality", "topic")]
    labels = group_labels()
    groups = []
    for kind in REVIEW_KINDS:
        items, by_key = [], {}
        for finding in (f for f in findings if f.kind == kind):
            finding.document = document
            key = duplicate_key(finding)
            if key is not None and key in by_key:
                by_key[key].append(finding)
                continue
            if key is not None:
                by_key[key] = [finding]
            plan = accept_plan(finding, [o for o in others if o.pk != finding.pk], agenda)
            items.append(ReviewItem(finding, plan, may_accept(access, finding, plan)))
        items = [
            ReviewItem(i.finding, i.plan, i.may_accept, tuple(by_key.get(duplicate_key(i.finding), [None])[1:]))
            if duplicate_key(i.finding) is not None else i
            for i in items
        ]
        if items:
            groups.append(ReviewGroup(kind, labels[kind], items))
    return groups


def open_review_count(findings: Iterable[DocumentFinding]) -> int:
    """Open items as the review screen counts them: reviewable kinds, a repeated municipality once."""
    seen, count = set(), 0
    for finding in findings:
        if finding.kind not in REVIEW_KINDS or finding.state != FindingState.PENDING:
            continue
        key = duplicate_key(finding)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        count += 1
    return count


def review_item(*, finding: DocumentFinding, access: RegionAccess) -> ReviewItem:
    """One finding as the review screen shows it (after an htmx action)."""
    document = finding.document
    agenda = Agenda.load(document.region)
    others = list(document.findings.filter(kind__in=("municipality", "topic")).exclude(pk=finding.pk))
    plan = accept_plan(finding, others, agenda)
    return ReviewItem(finding, plan, may_accept(access, finding, plan))

