"""Joint arrangements (gemeenschappelijke regelingen) with the fields art. 27 Wgr asks a register to hold.

Art. 27 of the Wet gemeenschappelijke regelingen obliges the participants to keep a register of the
arrangements they take part in: the name, the participants, the legal basis and the text, the powers
transferred, the seat, the form, and the dates of entry into force and of the latest amendment.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.models import Visibility


class ArrangementForm(models.TextChoices):
    PUBLIC_BODY = "openbaar_lichaam", _("public body (openbaar lichaam)")
    OPERATIONS = "bedrijfsvoeringsorganisatie", _("operations organisation (bedrijfsvoeringsorganisatie)")
    JOINT_ORGAN = "gemeenschappelijk_orgaan", _("joint organ (gemeenschappelijk orgaan)")
    CENTRAL_MUNICIPALITY = "centrumgemeente", _("central-municipality arrangement (centrumgemeente)")
    PLAIN = "regeling_zonder_meer", _("arrangement without a body (regeling zonder meer)")


class Arrangement(models.Model):
    """One gemeenschappelijke regeling the region's municipalities take part in."""

    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.CASCADE,
        related_name="arrangements",
        verbose_name=_("region"),
        help_text=_("The region whose register lists it."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("The arrangement's official name."))
    slug = models.SlugField(
        _("slug"), max_length=200, help_text=_("The name as it appears in web addresses and files.")
    )
    form = models.CharField(
        _("form"),
        max_length=30,
        choices=ArrangementForm.choices,
        help_text=_("The legal form the arrangement takes under the Wgr."),
    )
    participants = models.ManyToManyField(
        "regions.Municipality",
        related_name="arrangements",
        verbose_name=_("participating municipalities"),
        help_text=_("The municipalities (their colleges, councils or mayors) that take part."),
    )
    partner_organisations = models.ManyToManyField(
        "regions.Organisation",
        blank=True,
        related_name="arrangements",
        verbose_name=_("other participants"),
        help_text=_("Participants that are not municipalities, e.g. a province or a water board."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        help_text=_("The statutory basis, e.g. Wet gemeenschappelijke regelingen, art. 8."),
    )
    text_reference = models.CharField(
        _("text of the arrangement"),
        max_length=500,
        blank=True,
        help_text=_("Where the arrangement's text is published: a CVDR reference or a web address."),
    )
    powers = models.TextField(
        _("transferred powers"),
        blank=True,
        help_text=_("The powers (bevoegdheden) the participants transferred to it, one per line."),
    )
    seat = models.CharField(
        _("seat"), max_length=200, help_text=_("The place where it is established (vestigingsplaats).")
    )
    entered_into_force = models.DateField(_("in force since"), help_text=_("The date the arrangement took effect."))
    last_amended = models.DateField(
        _("last amended"), null=True, blank=True, help_text=_("The date of the latest amendment, if any.")
    )
    bodies = models.ManyToManyField(
        "meetings.Body",
        blank=True,
        related_name="arrangements",
        verbose_name=_("bodies"),
        help_text=_("Its general and executive boards, as bodies of the region."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
        help_text=_("Public arrangements appear in the public register."),
    )
    history = HistoricalRecords(m2m_fields=[participants, partner_organisations, bodies])

    class Meta:
        verbose_name = _("joint arrangement")
        verbose_name_plural = _("joint arrangements")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["region", "slug"], name="unique_arrangement_slug")]

    def __str__(self) -> str:
        return self.name

    @property
    def power_list(self) -> list[str]:
        return [line.strip() for line in self.powers.splitlines() if line.strip()]

    def clean(self) -> None:
        if self.last_amended and self.entered_into_force and self.last_amended < self.entered_into_force:
            raise ValidationError(
                {
                    "last_amended": ValidationError(
                        _("An amendment cannot precede the entry into force."), code="amended_before_start"
                    )
                }
            )
