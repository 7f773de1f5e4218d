"""API representations: Dutch resource names, lowerCamelCase properties, ISO 8601 dates."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.reverse import reverse

from regio.regions.models import Municipality, Region
from regio.topics.models import Participation, Result, Topic
from regio.visions.models import Spearhead


class RegionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    naam = serializers.CharField(source="name")
    omschrijving = serializers.CharField(source="description")
    kleur = serializers.CharField(source="colour")
    gemeenten = serializers.SerializerMethodField()

    class Meta:
        model = Region
        fields = ["url", "slug", "naam", "omschrijving", "kleur", "gemeenten"]

    def get_url(self, obj) -> str:
        return reverse("api:regio-detail", kwargs={"slug": obj.slug}, request=self.context.get("request"))

    def get_gemeenten(self, obj) -> list[str]:
        return [m.municipality.cbs_code for m in obj.memberships.all()]


class MunicipalitySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    code = serializers.CharField(source="cbs_code")
    naam = serializers.CharField(source="name")
    provincie = serializers.CharField(source="province")
    regios = serializers.SerializerMethodField()

    class Meta:
        model = Municipality
        fields = ["url", "code", "naam", "provincie", "regios"]

    def get_url(self, obj) -> str:
        return reverse("api:gemeente-detail", kwargs={"code": obj.cbs_code}, request=self.context.get("request"))

    def get_regios(self, obj) -> list[str]:
        return [m.region.slug for m in obj.memberships.all()]


class SpearheadSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="vision.region.slug")
    visie = serializers.CharField(source="vision.title")
    naam = serializers.CharField(source="name")
    formulering = serializers.CharField(source="wording")
    volgorde = serializers.IntegerField(source="order")

    class Meta:
        model = Spearhead
        fields = ["url", "id", "code", "regio", "visie", "naam", "formulering", "volgorde"]

    def get_url(self, obj) -> str:
        return reverse("api:speerpunt-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))


class ParticipationSerializer(serializers.ModelSerializer):
    gemeente = serializers.CharField(source="municipality.cbs_code")
    gemeenteNaam = serializers.CharField(source="municipality.name")
    deelname = serializers.CharField(source="role")
    toelichting = serializers.CharField(source="note")

    class Meta:
        model = Participation
        fields = ["gemeente", "gemeenteNaam", "deelname", "toelichting"]


class ResultSerializer(serializers.ModelSerializer):
    omschrijving = serializers.CharField(source="description")
    eenheid = serializers.CharField(source="unit")
    nulmeting = serializers.DecimalField(source="baseline", max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    streefwaarde = serializers.DecimalField(source="target_value", max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    streefdatum = serializers.DateField(source="target_date", allow_null=True)
    huidigeWaarde = serializers.DecimalField(source="current_value", max_digits=14, decimal_places=2, allow_null=True, coerce_to_string=False)
    voortgangPercentage = serializers.IntegerField(source="progress_percent", allow_null=True)

    class Meta:
        model = Result
        fields = ["id", "omschrijving", "indicator", "eenheid", "nulmeting", "streefwaarde", "streefdatum",
                  "huidigeWaarde", "voortgangPercentage"]


class TopicSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    titel = serializers.CharField(source="title")
    omschrijving = serializers.CharField(source="description")
    speerpunten = serializers.SerializerMethodField()
    ingebrachtDoor = serializers.CharField(source="proposed_by.cbs_code", allow_null=True, default=None)
    ingebrachtOp = serializers.DateField(source="proposed_on", allow_null=True)
    trekker = serializers.CharField(source="lead_municipality.cbs_code", allow_null=True, default=None)
    trekkerNogTeBepalen = serializers.BooleanField(source="lead_is_open")
    samenwerkingsvorm = serializers.CharField(source="cooperation_form")
    zichtbaarheid = serializers.CharField(source="visibility")
    deelnames = ParticipationSerializer(source="participations", many=True)
    resultaten = ResultSerializer(source="results", many=True)
    gewijzigdOp = serializers.DateTimeField(source="updated_at")

    class Meta:
        model = Topic
        fields = ["url", "id", "slug", "regio", "titel", "omschrijving", "status", "speerpunten", "ingebrachtDoor",
                  "ingebrachtOp", "trekker", "trekkerNogTeBepalen", "samenwerkingsvorm", "zichtbaarheid",
                  "deelnames", "resultaten", "gewijzigdOp"]

    def get_url(self, obj) -> str:
        return reverse("api:onderwerp-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_speerpunten(self, obj) -> list[str]:
        return [s.code for s in obj.spearheads.all()]
