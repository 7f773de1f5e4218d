"""The document store: originals addressed by their SHA-256, text per page, metadata, and findings.

A finding from the text reader waits for a person: accepted (possibly edited) it becomes an agenda
entry through the ordinary services, with the document recorded as its evidence; rejected it stays
for the record. Nothing from a document enters the agenda unconfirmed, except above a threshold the
coordinator sets for a trusted bulk import — and such findings are marked as pre-accepted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.models import TimestampedModel, Visibility


class DocumentKind(models.TextChoices):
    COUNCIL_LETTER = "raadsinformatiebrief", _("council information letter")
    LETTER = "brief", _("letter")
    DECISION_LIST = "besluitenlijst", _("decision list")
    MINUTES = "verslag", _("minutes")
    NEWS = "nieuwsbericht", _("news item")
    REPORT = "rapport", _("report")
    OTHER = "overig", _("other")


def original_path(instance: Document, filename: str) -> str:
    # Content-addressed: the same file always lands at the same place.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}"


class Document(TimestampedModel):
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("region"),
        help_text=_("The region whose document it is."),
    )
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("The checksum of the original file; the same file is stored once.")
    )
    original = models.FileField(
        _("original file"), upload_to=original_path, max_length=200, help_text=_("The file exactly as received.")
    )
    filename = models.CharField(_("file name"), max_length=255, help_text=_("The name the file had when it came in."))
    media_type = models.CharField(
        _("media type"), max_length=100, help_text=_("The format detected from the content, e.g. application/pdf.")
    )
    size = models.PositiveBigIntegerField(_("size"), help_text=_("Size of the original in bytes."))
    title = models.CharField(_("title"), max_length=300, help_text=_("The document's title."))
    document_date = models.DateField(
        _("document date"), null=True, blank=True, help_text=_("The date the document states as its own.")
    )
    kind = models.CharField(
        _("kind"), max_length=30, choices=DocumentKind.choices, default=DocumentKind.OTHER, help_text=_("What it is.")
    )
    source = models.CharField(
        _("source"), max_length=500, blank=True, help_text=_("Where it came from: a web address or who uploaded it.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
        help_text=_("Who brought it in."),
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality",
        blank=True,
        related_name="documents",
        verbose_name=_("municipalities"),
        help_text=_("Municipalities it concerns."),
    )
    spearheads = models.ManyToManyField(
        "visions.Spearhead",
        blank=True,
        related_name="documents",
        verbose_name=_("spearheads"),
        help_text=_("Spearheads it is about."),
    )
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="documents", verbose_name=_("topics"), help_text=_("Topics it concerns.")
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        help_text=_("Public documents are shown to everyone; internal ones only to signed-in users of the region."),
    )
    reader = models.CharField(_("reader"), max_length=50, blank=True, help_text=_("Which reader turned it into text."))
    notes = models.TextField(_("notes"), blank=True, help_text=_("What the reader noticed, e.g. pages read by OCR."))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-document_date", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["region", "sha256"], name="unique_document_per_region")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:document-detail", kwargs={"region": self.region.slug, "pk": self.pk})

    @property
    def text(self) -> str:
        return "\n\f".join(page.text for page in self.pages.all())


class DocumentPage(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="pages", verbose_name=_("document"), help_text=_("The document.")
    )
    number = models.PositiveIntegerField(_("page"), help_text=_("Page number, from 1."))
    text = models.TextField(_("text"), blank=True, help_text=_("The text of the page."))
    ocr = models.BooleanField(_("read by OCR"), default=False, help_text=_("Whether the text was recognised from an image."))

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_document_page")]

    def __str__(self) -> str:
        return f"{self.document} p. {self.number}"


class FindingState(models.TextChoices):
    PENDING = "open", _("to review")
    ACCEPTED = "geaccepteerd", _("accepted")
    PRE_ACCEPTED = "vooraf_geaccepteerd", _("pre-accepted by a trusted import")
    REJECTED = "afgewezen", _("rejected")


class DocumentFinding(models.Model):
    """One finding of the text reader in a document, waiting for a person's confirmation."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("document"),
        help_text=_("The document it was found in."),
    )
    kind = models.CharField(_("kind"), max_length=30, help_text=_("What was found: decision, commitment, event, ..."))
    value = models.JSONField(_("value"), help_text=_("The normalised value, as the reader understood it."))
    start = models.PositiveIntegerField(_("start"), help_text=_("Character offset where it starts in the document text."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Character offset where it ends."))
    page = models.PositiveIntegerField(_("page"), null=True, blank=True, help_text=_("The page it is on."))
    sentence = models.TextField(_("sentence"), help_text=_("The sentence it came from."))
    confidence = models.FloatField(_("confidence"), help_text=_("How sure the reader is, from 0 to 1."))
    rule = models.CharField(_("rule"), max_length=100, help_text=_("The rule that produced it."))
    explanation = models.TextField(_("explanation"), blank=True, help_text=_("Why the reader found it."))
    state = models.CharField(
        _("state"), max_length=20, choices=FindingState.choices, default=FindingState.PENDING, help_text=_("Review state.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
        help_text=_("Who accepted or rejected it."),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, help_text=_("When it was reviewed."))
    result_type = models.CharField(
        _("result type"), max_length=50, blank=True, help_text=_("What accepting it created or updated, e.g. commitment.")
    )
    result_id = models.PositiveBigIntegerField(
        _("result id"), null=True, blank=True, help_text=_("The id of the record accepting it created or updated.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["document", "start", "kind"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.sentence[:60]}"
