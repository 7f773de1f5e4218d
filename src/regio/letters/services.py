"""Letters as records: a rendered letter saved in the document store, optionally fulfilling a promise.

A saved letter is a Document of kind raadsinformatiebrief with its date, the recipient council in
`municipalities`, the PDF as the original and its text per page. Saved letters are what "changes
since the previous letter" counts from; linked to an open commitment to that council, the letter is
the evidence that fulfils it (through `commitment_fulfil`, so its rules and history apply).
"""

from __future__ import annotations

import hashlib

import pypdfium2
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.commitments.models import Commitment, CommitmentState
from regio.commitments.services import commitment_fulfil
from regio.core.models import Visibility
from regio.core.services import validated_save
from regio.documents.models import Document, DocumentKind, DocumentPage
from regio.letters.document import Letter
from regio.regions.models import Municipality, Region

READER = "regio-brief"


def pdf_page_texts(pdf_bytes: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    try:
        texts = []
        for page in pdf:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range().replace("\r\n", "\n"))
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def can_save_letter(access, municipality: Municipality) -> bool:
    return access.manages_region or access.edits_for(municipality.pk)


@transaction.atomic
def letter_save(
    *,
    actor,
    region: Region,
    municipality: Municipality,
    letter: Letter,
    pdf_bytes: bytes,
    commitment: Commitment | None = None,
) -> Document:
    """Store the letter as a raadsinformatiebrief to `municipality`'s council; fulfil `commitment` with it."""
    access = region_access(actor, region)
    access.require(
        can_save_letter(access, municipality),
        _("Only the coordinator or an editor of %(municipality)s saves its council letters.")
        % {"municipality": municipality},
    )
    if commitment is not None:
        commitment = Commitment.objects.prefetch_related("recipient_councils").get(pk=commitment.pk)
        if commitment.region_id != region.pk or municipality not in commitment.recipient_councils.all():
            raise ValidationError(
                {"commitment": _("This commitment was not made to the council of %(municipality)s.")
                 % {"municipality": municipality}},
                code="commitment_other_council",
            )
        if commitment.state != CommitmentState.OPEN:
            raise ValidationError(
                {"commitment": _("This commitment is already %(state)s.") % {"state": commitment.get_state_display()}},
                code="already_resolved",
            )
    sha256 = hashlib.sha256(pdf_bytes).hexdigest()
    document = Document.objects.filter(region=region, sha256=sha256).first()
    if document is None:
        document = Document(
            region=region,
            sha256=sha256,
            filename=f"{letter.reference}.pdf",
            media_type="application/pdf",
            size=len(pdf_bytes),
            title=f"{letter.subject} ({letter.reference})"[:300],
            document_date=letter.date,
            kind=DocumentKind.COUNCIL_LETTER,
            source=_("Composed in Regio by %(user)s") % {"user": actor},
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            visibility=Visibility.INTERNAL,
            reader=READER,
        )
        document.original.save(document.filename, ContentFile(pdf_bytes), save=False)
        validated_save(document, actor=actor, reason=_("Council letter saved"))
        document.municipalities.set([municipality])
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=number, text=text)
            for number, text in enumerate(pdf_page_texts(pdf_bytes), start=1)
        )
    if commitment is not None:
        commitment_fulfil(
            actor=actor,
            commitment=commitment,
            evidence=_("Council letter %(reference)s of %(date)s") % {"reference": letter.reference, "date": letter.date_text},
            on=letter.date,
        )
    return document
