"""Bringing documents in: :func:`document_intake` (upload and bulk import alike).

One call, one transaction: the file's SHA-256 decides whether the region already has it (then
that document is returned, not a copy); otherwise a reader turns it into text per page, the text
reader runs over the pages with the region's context from the database, and the document, its
pages, its metadata and its findings are stored together with the search index entries. The
original is written to the default storage (``REGIO_MEDIA_ROOT``) only after the rows validated,
and removed again if the transaction fails after that, so a refused file leaves nothing behind.

Findings wait for a person (the review screen). A trusted import by the coordinator may
pre-accept findings at or above a confidence threshold through the review's
:func:`~regio.documents.review.finding_accept`, which marks them as pre-accepted.
"""

from __future__ import annotations

import hashlib
import logging
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from regio.access.policies import region_access
from regio.core.changes import region_changed
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.documents import search
from regio.documents.models import Document, DocumentFinding, DocumentKind, DocumentPage, original_path
from regio.documents.readers import Limits, ReadError, ReadResult, read_document, reader_for
from regio.documents.readers.base import Budget
from regio.documents.selectors import document_by_checksum, extraction_context
from regio.extraction.engine import ExtractionResult, extract
from regio.regions.models import Region
from regio.topics.models import Topic
from regio.visions.models import Spearhead

logger = logging.getLogger(__name__)

# Pages are joined like Document.text, so finding offsets point into the text the review shows.
PAGE_SEPARATOR = "\n\f"
TITLE_LENGTH = 300


@dataclass
class IntakeResult:
    document: Document
    created: bool
    pages: int
    ocr_pages: int
    findings: int
    pre_accepted: int = 0
    notes: list[str] = field(default_factory=list)


def _rejected(filename: str, problem: str, code: str) -> ValidationError:
    return ValidationError(
        _("%(file)s: %(problem)s") % {"file": filename, "problem": problem}, code=code
    )


# --- pure helpers -------------------------------------------------------------------------------

_KIND_SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (DocumentKind.COUNCIL_LETTER, re.compile(r"\braadsinformatiebrief\b|\braadsinformatie\b", re.I)),
    (DocumentKind.DECISION_LIST, re.compile(r"\bbesluitenlijst\b|\blijst van besluiten\b", re.I)),
    (DocumentKind.MINUTES, re.compile(r"\b(?:verslag|notulen|actielijst)\b", re.I)),
    (DocumentKind.NEWS, re.compile(r"\b(?:nieuwsbericht|nieuwsitem|persbericht)\b", re.I)),
    (DocumentKind.REPORT, re.compile(r"\b(?:rapport|rapportage|eindrapport|evaluatie|onderzoeksrapport)\b", re.I)),
    (DocumentKind.LETTER, re.compile(r"\b(?:geachte|met vriendelijke groet(?:en)?|hoogachtend)\b", re.I)),
)


def guess_kind(title: str, text: str) -> str:
    """What kind of document this is, from its title and opening (the first signal in that order)."""
    opening = f"{title}\n{text[:3000]}"
    for kind, signal in _KIND_SIGNALS[:-1]:
        # The title and the first lines name the kind; a "verslag" mentioned in passing does not.
        if signal.search(title) or signal.search(text[:400]):
            return kind
    if _KIND_SIGNALS[-1][1].search(text[:6000]):
        return DocumentKind.LETTER
    for kind, signal in _KIND_SIGNALS[:-1]:
        if signal.search(opening):
            return kind
    return DocumentKind.OTHER


def title_from(read_title: str, pages: list[str], filename: str) -> str:
    """The reader's title, else the first line that reads like a heading, else the file name."""
    title = " ".join((read_title or "").split())
    if not title:
        for page in pages:
            for line in page.splitlines():
                line = " ".join(line.split())
                if len(line) >= 3 and re.search(r"[^\W\d_]{2}", line):
                    title = line
                    break
            if title:
                break
    title = title or filename
    return title if len(title) <= TITLE_LENGTH else title[: TITLE_LENGTH - 1].rstrip() + "…"


def page_starts(pages: list[str]) -> list[int]:
    """The offset of each page in the pages joined by PAGE_SEPARATOR."""
    starts, offset = [], 0
    for text in pages:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    return starts


def page_of(offset: int, starts: list[int]) -> int:
    """The page number (from 1) that holds `offset`."""
    return max(1, bisect_right(starts, offset))


# --- the intake ---------------------------------------------------------------------------------


def _read(data: bytes, filename: str, progress=None) -> tuple[ReadResult, str]:
    """The reader's result and the reader's name; a ReadError becomes a message naming the file."""
    try:
        result = read_document(data, filename, budget=Budget(Limits.from_settings(), progress=progress))
        # Recognising is a cheap look at the first bytes; asked again only for the reader's name.
        return result, reader_for(data, filename).name
    except ReadError as exc:
        raise _rejected(filename, str(exc.message), exc.code) from None


def _metadata(document: Document, found: ExtractionResult) -> tuple[list, list, list]:
    region = document.region
    codes = {f.value.get("cbs_code") for f in found.of_type("municipality") if isinstance(f.value, dict)}
    municipalities = list(region.municipalities.filter(cbs_code__in=codes - {None, ""}))
    theme_codes = {f.value.get("code") for f in found.of_type("theme") if isinstance(f.value, dict)}
    spearheads = list(Spearhead.objects.filter(vision__region=region, code__in=theme_codes - {None}))
    slugs = {f.value.get("slug") for f in found.of_type("topic") if isinstance(f.value, dict)}
    topics = list(Topic.objects.filter(region=region, slug__in=slugs - {None, ""}))
    return municipalities, spearheads, topics


def _findings(document: Document, found: ExtractionResult, starts: list[int]) -> list[DocumentFinding]:
    rows = [
        DocumentFinding(
            document=document,
            kind=f.type,
            value=f.value,
            start=f.start,
            end=f.end,
            page=page_of(f.start, starts),
            sentence=f.sentence,
            confidence=f.confidence,
            rule=f.rule[:100],
            explanation=f.explanation,
        )
        for f in found.findings
    ]
    region_changed(document)
    return bulk_create_with_history(rows, DocumentFinding, batch_size=500)


def _pre_accept(actor, document: Document, threshold: float) -> tuple[int, list[str]]:
    """Accept the findings at or above `threshold` as a trusted import; one refusal never stops the rest."""
    from regio.documents import review

    accepted, notes = 0, []
    agenda = review.Agenda.load(document.region)
    candidates = document.findings.filter(kind__in=review.REVIEW_KINDS, confidence__gte=threshold).order_by("start")
    for finding in candidates:
        try:
            with transaction.atomic():
                review.finding_accept(actor=actor, finding=finding, pre_accepted=True, agenda=agenda)
        except (ValidationError, PermissionDenied) as exc:
            notes.append(_("Finding on page %(page)s left for review: %(reason)s")
                         % {"page": finding.page, "reason": "; ".join(getattr(exc, "messages", [str(exc)]))})
        else:
            accepted += 1
    return accepted, notes


def document_intake(
    *,
    actor,
    region: Region,
    data: bytes,
    filename: str,
    source: str = "",
    kind: str | None = None,
    visibility: str = Visibility.INTERNAL,
    pre_accept_threshold: float | None = None,
    progress=None,
) -> IntakeResult:
    """Store `data` as a document of `region` (or return the one it already has); see the module doc.

    Raises PermissionDenied for readers and anonymous users, ValidationError (naming the file)
    for a file that cannot be read or has bad metadata; in both cases nothing is stored.
    `progress(done, total)`, if given, hears of each page read (a job's progress bar).
    """
    access = region_access(actor, region)
    access.require(access.can_edit_anything, _("Only the coordinator and editors may add documents."))
    if pre_accept_threshold is not None:
        access.require(access.manages_region, _("Only the coordinator may pre-accept findings of an import."))
        if not 0 < pre_accept_threshold <= 1:
            raise _rejected(filename, _("the threshold must lie between 0 and 1."), "bad_threshold")
    if kind and kind not in DocumentKind.values:
        raise _rejected(filename, _("unknown document kind “%(kind)s”.") % {"kind": kind}, "bad_kind")
    if visibility not in Visibility.values:
        raise _rejected(filename, _("unknown visibility “%(visibility)s”.") % {"visibility": visibility}, "bad_visibility")

    sha256 = hashlib.sha256(data).hexdigest()
    existing = document_by_checksum(region=region, sha256=sha256)
    if existing is not None:
        return IntakeResult(existing, False, existing.pages.count(), existing.pages.filter(ocr=True).count(),
                            existing.findings.count())

    read, reader_name = _read(data, filename, progress)
    page_texts = [page.text for page in read.pages]
    found = extract(PAGE_SEPARATOR.join(page_texts), extraction_context(region=region))
    title = title_from(read.title, page_texts, filename)
    user = actor if isinstance(actor, get_user_model()) else None
    written: list[str] = []
    try:
        with transaction.atomic():
            # Another request may have stored the same file meanwhile; the row lock settles it.
            existing = document_by_checksum(region=region, sha256=sha256)
            if existing is not None:
                return IntakeResult(existing, False, existing.pages.count(),
                                    existing.pages.filter(ocr=True).count(), existing.findings.count())
            document = Document(
                region=region,
                sha256=sha256,
                filename=filename[:255],
                media_type=read.media_type[:100],
                size=len(data),
                title=title,
                document_date=found.document_date or getattr(read, "date", None),
                kind=kind or guess_kind(title, page_texts[0] if page_texts else ""),
                source=(source or (_("uploaded by %(user)s") % {"user": user.get_username()} if user else ""))[:500],
                uploaded_by=user,
                visibility=visibility,
                reader=reader_name[:50],
                notes="\n".join(str(note) for note in [*read.notes, *found.notes]),
            )
            document.original.name = original_path(document, filename)
            try:
                validated_save(document, actor=actor, reason=_("Document brought in"))
            except ValidationError as exc:
                raise _rejected(filename, "; ".join(exc.messages), "invalid") from None
            DocumentPage.objects.bulk_create(
                DocumentPage(document=document, number=page.number, text=page.text, ocr=page.ocr)
                for page in read.pages
            )
            municipalities, spearheads, topics = _metadata(document, found)
            document.municipalities.set(municipalities)
            document.spearheads.set(spearheads)
            document.topics.set(topics)
            findings = _findings(document, found, page_starts(page_texts))
            pre_accepted, notes = (0, [])
            if pre_accept_threshold is not None:
                pre_accepted, notes = _pre_accept(actor, document, pre_accept_threshold)
            search.index_document(document)
            # Last: the rows are valid and written; a content-addressed file may already be there.
            storage = document.original.storage
            if not storage.exists(document.original.name):
                # Ours from here on, even if the save fails halfway through writing.
                written.append(document.original.name)
                saved = storage.save(document.original.name, ContentFile(data))
                if saved != document.original.name:
                    written.append(saved)
                    raise RuntimeError(f"storage put {document.original.name} at {saved}")
    except BaseException:
        for name in written:
            if document.original.storage.exists(name):
                document.original.storage.delete(name)
        raise
    return IntakeResult(document, True, len(read.pages), sum(p.ocr for p in read.pages), len(findings),
                        pre_accepted, [str(n) for n in [*read.notes, *notes]])


@transaction.atomic
def document_delete(*, actor, document: Document) -> None:
    """Remove a document, its pages, findings and index entries (the coordinator only).

    The original stays in storage when another region holds the same file.
    """
    access = region_access(actor, document.region)
    access.require(access.manages_region, _("Only the coordinator may delete documents."))
    name = document.original.name
    sha256 = document.sha256
    search.remove("document", [document.pk])
    region_changed(document)
    document.delete()
    if not Document.objects.filter(sha256=sha256).exists():
        storage = Document._meta.get_field("original").storage
        transaction.on_commit(lambda: storage.delete(name))
