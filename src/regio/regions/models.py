"""Regions (samenwerkingsregio's), municipalities, organisations, persons and roles."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regio.core.slugs import RESERVED_REGION_SLUGS

cbs_code_validator = RegexValidator(
    r"^GM\d{4}$",
    message=_("A CBS code is 'GM' followed by four digits, e.g. GM0546."),
    code="invalid_cbs_code",
)


class Province(models.TextChoices):
    # The twelve provinces; the values are their official names.
    GRONINGEN = "Groningen", "Groningen"
    FRYSLAN = "Fryslân", "Fryslân"
    DRENTHE = "Drenthe", "Drenthe"
    OVERIJSSEL = "Overijssel", "Overijssel"
    FLEVOLAND = "Flevoland", "Flevoland"
    GELDERLAND = "Gelderland", "Gelderland"
    UTRECHT = "Utrecht", "Utrecht"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"
    ZEELAND = "Zeeland", "Zeeland"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    LIMBURG = "Limburg", "Limburg"


class Municipality(models.Model):
    """A Dutch municipality (gemeente). One municipality may belong to several regions."""

    cbs_code = models.CharField(
        _("CBS code"),
        max_length=6,
        unique=True,
        validators=[cbs_code_validator],
        help_text=_("The municipality code of Statistics Netherlands, e.g. GM0546 for Leiden."),
    )
    name = models.CharField(_("official name"), max_length=100, help_text=_("The official name, as CBS spells it."))
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("The name as it appears in web addresses.")
    )
    province = models.CharField(
        _("province"), max_length=20, choices=Province.choices, help_text=_("The province it lies in.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def college_name(self) -> str:
        return _("Municipal executive of %(name)s") % {"name": self.name}

    @property
    def council_name(self) -> str:
        return _("Municipal council of %(name)s") % {"name": self.name}


def validate_region_slug(value: str) -> None:
    if value in RESERVED_REGION_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by the site itself; choose another short name.") % {"slug": value},
            code="reserved_slug",
        )


class Region(models.Model):
    """A cooperation of municipalities (samenwerkingsregio) with its own agenda."""

    name = models.CharField(_("name"), max_length=150, help_text=_("The region's name, e.g. Leidse regio."))
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        validators=[validate_region_slug],
        help_text=_("The short name used in web addresses."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("A few sentences on what the cooperation is.")
    )
    colour = models.CharField(
        _("theme colour"),
        max_length=7,
        default="#1f5f8b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f5f8b."), "invalid_colour")],
        help_text=_("The main colour of the region's pages, as #rrggbb."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        through="RegionMembership",
        related_name="regions",
        verbose_name=_("member municipalities"),
        help_text=_("The municipalities that take part in this cooperation."),
    )
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Generated test data (regio generate-scale), not a real cooperation."),
    )
    change_count = models.PositiveBigIntegerField(
        _("change counter"),
        default=0,
        editable=False,
        help_text=_("Raised by one in the same transaction as every change to the region's data; keys caches."),
    )
    changed_at = models.DateTimeField(
        _("last changed"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the region's data last changed (the Last-Modified of its public pages)."),
    )
    history = HistoricalRecords(excluded_fields=["change_count", "changed_at"])

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("web:region-home", kwargs={"region": self.slug})


class RegionMembership(models.Model):
    region = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text=_("The region."),
        verbose_name=_("region"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text=_("The member municipality."),
        verbose_name=_("municipality"),
    )
    joined_on = models.DateField(
        _("member since"), null=True, blank=True, help_text=_("When the municipality joined, if known.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["region", "municipality"], name="unique_region_member")]

    def __str__(self) -> str:
        return f"{self.municipality} ∈ {self.region}"


class OrganisationKind(models.TextChoices):
    PROVINCE = "provincie", _("province")
    WATER_BOARD = "waterschap", _("water board")
    EDUCATION = "onderwijsinstelling", _("educational institution")
    HOUSING = "woningcorporatie", _("housing association")
    SOCIETAL = "maatschappelijke_partner", _("societal partner")
    STATE = "rijk", _("central government")
    OTHER = "overig", _("other")


class Organisation(models.Model):
    """A partner that is not a member municipality: a province, a water board, a university..."""

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("The organisation's name."))
    kind = models.CharField(
        _("kind"), max_length=30, choices=OrganisationKind.choices, help_text=_("What kind of partner it is.")
    )
    website = models.URLField(_("website"), blank=True, help_text=_("Its website, if any."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    name = models.CharField(_("name"), max_length=200, help_text=_("Full name as used in letters."))
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Work e-mail address, if public."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleKind(models.TextChoices):
    MAYOR = "burgemeester", _("mayor")
    ALDERMAN = "wethouder", _("alderman")
    REGIONAL_PORTFOLIO_HOLDER = "portefeuillehouder_regio", _("portfolio holder for the region")
    MUNICIPAL_SECRETARY = "gemeentesecretaris", _("municipal secretary")
    CLERK = "griffier", _("council clerk")
    COUNCIL_MEMBER = "raadslid", _("council member")
    CIVIL_SERVANT = "ambtenaar", _("civil servant")
    REGIONAL_COORDINATOR = "regiocoordinator", _("regional coordinator")


class Role(models.Model):
    """A position a person holds for a municipality or organisation during a period."""

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="roles",
        help_text=_("Who holds the role."),
        verbose_name=_("person"),
    )
    kind = models.CharField(_("role"), max_length=30, choices=RoleKind.choices, help_text=_("The position."))
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("The municipality the role is held for."),
        verbose_name=_("municipality"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        help_text=_("The organisation the role is held for, when it is not a municipality."),
        verbose_name=_("organisation"),
    )
    portfolio = models.CharField(
        _("portfolio"), max_length=300, blank=True, help_text=_("For aldermen: the portfolio, e.g. wonen, regio.")
    )
    start = models.DateField(_("start"), null=True, blank=True, help_text=_("First day in the role, if known."))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Last day in the role; empty while held."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["person__name", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(municipality__isnull=False) | models.Q(organisation__isnull=False),
                name="role_has_employer",
                violation_error_message=_("A role belongs to a municipality or an organisation."),
            ),
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(end__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="role_ends_after_start",
                violation_error_message=_("A role cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        where = self.municipality or self.organisation
        return f"{self.person} — {self.get_kind_display()} ({where})"
