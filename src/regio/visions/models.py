"""A region's shared vision, its adoption by each council, its spearheads, and the milestones."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.windows import window_label
from regio.extraction.dates import Window


class Vision(models.Model):
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="visions",
        help_text=_("The region it belongs to."),
        verbose_name=_("region"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. Toekomstvisie Leidse regio 2027."))
    subtitle = models.CharField(
        _("subtitle"),
        max_length=200,
        blank=True,
        help_text=_("The motto, e.g. Kwaliteiten versterken & krachten verenigen."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("What the vision is about, in a few sentences."))
    document_url = models.URLField(_("document"), blank=True, help_text=_("Where the vision document can be read."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")
        ordering = ["region", "title"]
        constraints = [models.UniqueConstraint(fields=["region", "title"], name="unique_vision_title")]

    def __str__(self) -> str:
        return self.title


class VisionAdoption(models.Model):
    """How and when one council adopted (vastgesteld) the vision."""

    vision = models.ForeignKey(
        Vision, on_delete=models.CASCADE, related_name="adoptions", help_text=_("The vision."), verbose_name=_("vision")
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        related_name="vision_adoptions",
        help_text=_("The municipality whose council adopted it."),
        verbose_name=_("municipality"),
    )
    adopted_start = models.DateField(
        _("adopted from"), help_text=_("The adoption date, or the first day of the window when only a month is known.")
    )
    adopted_end = models.DateField(
        _("adopted until"), help_text=_("The same date, or the last day of the window (e.g. 30 November 2016).")
    )
    unanimous = models.BooleanField(
        _("unanimous"), null=True, blank=True, help_text=_("Whether the council voted unanimously, if known.")
    )
    document_reference = models.CharField(
        _("document reference"), max_length=300, blank=True, help_text=_("The council decision's reference or link.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adoption of the vision")
        verbose_name_plural = _("adoptions of the vision")
        ordering = ["vision", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["vision", "municipality"], name="unique_adoption")]

    def __str__(self) -> str:
        return f"{self.vision} — {self.municipality}"

    @property
    def window(self) -> Window:
        return Window(self.adopted_start, self.adopted_end)

    @property
    def when(self) -> str:
        return window_label(self.window)

    def clean(self) -> None:
        if self.adopted_start and self.adopted_end and self.adopted_end < self.adopted_start:
            raise ValidationError(
                {
                    "adopted_end": ValidationError(
                        _("The window ends before it starts."),
                        code="window_reversed",
                    )
                }
            )


class Spearhead(models.Model):
    """One of the vision's spearheads (speerpunten); topics are fitted to them."""

    vision = models.ForeignKey(
        Vision,
        on_delete=models.CASCADE,
        related_name="spearheads",
        help_text=_("The vision."),
        verbose_name=_("vision"),
    )
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("A stable code, e.g. wonen_groen; used in data files and the API.")
    )
    name = models.CharField(_("short name"), max_length=100, help_text=_("A short name, e.g. Wonen en groen."))
    wording = models.TextField(_("wording"), help_text=_("The full wording as the vision states it."))
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("Position in the vision's list."))
    vocabulary = models.JSONField(
        _("vocabulary"),
        default=list,
        blank=True,
        help_text=_("Words and phrases that signal this spearhead in a text; used by the text reader."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spearhead")
        verbose_name_plural = _("spearheads")
        ordering = ["vision", "order"]
        constraints = [
            models.UniqueConstraint(fields=["vision", "code"], name="unique_spearhead_code"),
            models.UniqueConstraint(fields=["vision", "order"], name="unique_spearhead_order"),
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """A moment in the cooperation's history or plan: a date or a window, with what happened."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="milestones",
        help_text=_("The region."),
        verbose_name=_("region"),
    )
    start = models.DateField(_("from"), help_text=_("The date, or the first day of the window."))
    end = models.DateField(_("until"), help_text=_("The same date, or the last day of the window."))
    title = models.CharField(_("title"), max_length=200, help_text=_("What happened or will happen, in a few words."))
    description = models.TextField(_("description"), blank=True, help_text=_("A short explanation."))
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Where, if it matters."))
    source = models.CharField(
        _("source document"), max_length=300, blank=True, help_text=_("The letter or minutes this is taken from.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["region", "start", "end", "title"]

    def __str__(self) -> str:
        return f"{self.when}: {self.title}"

    @property
    def window(self) -> Window:
        return Window(self.start, self.end)

    @property
    def when(self) -> str:
        return window_label(self.window)

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {
                    "end": ValidationError(
                        _("The window ends before it starts."),
                        code="window_reversed",
                    )
                }
            )
