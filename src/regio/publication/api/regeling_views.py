"""API v1 for gemeenschappelijke regelingen: the register, the cycle's documents with each council's
terms (termijnen), the councils' views (zienswijzen) and a council's regional agenda. Read only."""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.reverse import reverse

from regio.arrangements.models import (
    Arrangement,
    ArrangementParticipant,
    DocumentKind,
    ViewState,
    ViewVerdict,
    Zienswijze,
)
from regio.core.models import Visibility
from regio.arrangements.selectors import AgendaKind, council_terms, cycle_documents, document_deadline, regional_agenda
from regio.publication.api.access import internal_region_ids, visible
from regio.publication.api.filters import Param
from regio.publication.api.views import REGION, FilteredListView, openapi_params
from regio.regions.models import Municipality

TOOI_MUNICIPALITY = "https://identifier.overheid.nl/tooi/id/gemeente/{code}"


def tooi_municipality(cbs_code: str) -> str:
    """The municipality's TOOI identifier (gm + the four digits of its CBS code)."""
    return TOOI_MUNICIPALITY.format(code=cbs_code.lower())


def arrangement_queryset(user):
    return (
        visible(Arrangement.objects.all(), user)
        .select_related("region")
        .prefetch_related(
            Prefetch("participants", queryset=Municipality.objects.order_by("name")),
            Prefetch("participant_details", queryset=ArrangementParticipant.objects.select_related("municipality", "organisation")),
            "partner_organisations",
            "bodies",
        )
        .order_by("name", "pk")
    )


class ParticipantSerializer(serializers.Serializer):
    gemeente = serializers.CharField(help_text="CBS code.")
    naam = serializers.CharField()
    tooi = serializers.URLField(help_text="The TOOI identifier of the municipality.")
    rol = serializers.CharField(allow_null=True)
    jaarlijkseBijdrage = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class RegelingSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regio = serializers.CharField(source="region.slug")
    naam = serializers.CharField(source="name")
    vorm = serializers.CharField(source="form")
    grondslag = serializers.CharField(source="legal_basis")
    vestigingsplaats = serializers.CharField(source="seat")
    inWerkingSinds = serializers.DateField(source="entered_into_force")
    laatstGewijzigd = serializers.DateField(source="last_amended", allow_null=True)
    bevoegdheden = serializers.ListField(source="power_list", child=serializers.CharField())
    deelnemers = serializers.SerializerMethodField()
    andereDeelnemers = serializers.SerializerMethodField()
    gremia = serializers.SerializerMethodField()
    gemeenschappelijkeAdviescommissie = serializers.CharField(source="advisory_committee")
    stukken = serializers.SerializerMethodField()
    zichtbaarheid = serializers.CharField(source="visibility")

    class Meta:
        model = Arrangement
        fields = ["url", "id", "regio", "naam", "slug", "vorm", "grondslag", "vestigingsplaats", "inWerkingSinds",
                  "laatstGewijzigd", "bevoegdheden", "deelnemers", "andereDeelnemers", "gremia",
                  "gemeenschappelijkeAdviescommissie", "stukken", "zichtbaarheid"]

    def get_url(self, obj) -> str:
        return reverse("api:regeling-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    def get_stukken(self, obj) -> str:
        return reverse("api:regeling-stukken", kwargs={"pk": obj.pk}, request=self.context.get("request"))

    @extend_schema_field(ParticipantSerializer(many=True))
    def get_deelnemers(self, obj) -> list[dict]:
        details = {d.municipality_id: d for d in obj.participant_details.all() if d.municipality_id}
        rows = []
        for municipality in obj.participants.all():
            detail = details.get(municipality.pk)
            rows.append({
                "gemeente": municipality.cbs_code,
                "naam": municipality.name,
                "tooi": tooi_municipality(municipality.cbs_code),
                "rol": detail.role if detail else None,
                "jaarlijkseBijdrage": detail.yearly_contribution if detail else None,
            })
        return ParticipantSerializer(rows, many=True).data

    def get_andereDeelnemers(self, obj) -> list[str]:
        return [o.name for o in obj.partner_organisations.all()]

    def get_gremia(self, obj) -> list[int]:
        return [b.pk for b in obj.bodies.all()]


class WarningSerializer(serializers.Serializer):
    code = serializers.CharField()
    melding = serializers.CharField(source="message")


class TermSerializer(serializers.Serializer):
    gemeente = serializers.CharField(source="municipality.cbs_code")
    naam = serializers.CharField(source="municipality.name")
    uitersteDatum = serializers.DateField(source="deadline", allow_null=True)
    dagenResterend = serializers.IntegerField(source="days_left", allow_null=True)
    raadsvergaderingInTermijn = serializers.SerializerMethodField()
    raadsvergaderingen = serializers.ListField(source="meetings_in_window", child=serializers.DateField())
    waarschuwingen = WarningSerializer(source="warnings", many=True)
    zienswijze = serializers.SerializerMethodField()

    def get_raadsvergaderingInTermijn(self, obj) -> bool:
        return bool(obj.meetings_in_window)

    def get_zienswijze(self, obj) -> str | None:
        if obj.view is None:
            return None
        return reverse("api:zienswijze-detail", kwargs={"pk": obj.view.pk}, request=self.context.get("request"))


class StukSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    regeling = serializers.IntegerField(source="arrangement_id")
    soort = serializers.ChoiceField(source="kind", choices=DocumentKind.values)
    titel = serializers.CharField(source="title")
    jaar = serializers.IntegerField(source="year")
    verzondenOp = serializers.DateField(source="sent_on")
    eigenTermijnWeken = serializers.IntegerField(source="own_term_weeks", allow_null=True)
    wetsartikel = serializers.SerializerMethodField()
    algemeenBestuurOp = serializers.DateField(source="general_board_on", allow_null=True)
    vindplaats = serializers.CharField(source="reference")
    besluitAlgemeenBestuurOp = serializers.DateField(source="final_decision_on", allow_null=True)
    besluitAlgemeenBestuur = serializers.CharField(source="final_decision")
    termijnen = serializers.SerializerMethodField()

    def get_wetsartikel(self, obj) -> str | None:
        rule = document_deadline(obj).rule
        return rule.article if rule else None

    @extend_schema_field(TermSerializer(many=True))
    def get_termijnen(self, obj) -> list[dict]:
        today = self.context.setdefault("today", timezone.localdate())
        return TermSerializer(council_terms(obj, today=today), many=True, context=self.context).data


class ZienswijzeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    regeling = serializers.IntegerField(source="document.arrangement_id")
    stuk = serializers.IntegerField(source="document_id")
    gemeente = serializers.CharField(source="municipality.cbs_code")
    status = serializers.ChoiceField(source="state", choices=ViewState.values)
    oordeel = serializers.ChoiceField(source="verdict", choices=[""] + list(ViewVerdict.values))
    vastgesteldOp = serializers.DateField(source="adopted_on", allow_null=True)
    grondslag = serializers.CharField(source="basis")
    tekst = serializers.CharField(source="text")
    amendementen = serializers.CharField(source="amendments")
    verzondenOp = serializers.DateField(source="sent_on", allow_null=True)
    antwoordBestuur = serializers.CharField(source="board_answer")
    antwoordBestuurOp = serializers.DateField(source="board_answered_on", allow_null=True)

    class Meta:
        model = Zienswijze
        fields = ["url", "id", "regeling", "stuk", "gemeente", "status", "oordeel", "vastgesteldOp", "grondslag",
                  "tekst", "amendementen", "verzondenOp", "antwoordBestuur", "antwoordBestuurOp"]

    def get_url(self, obj) -> str:
        return reverse("api:zienswijze-detail", kwargs={"pk": obj.pk}, request=self.context.get("request"))


class AgendaEntrySerializer(serializers.Serializer):
    datum = serializers.DateField(source="day")
    soort = serializers.ChoiceField(source="kind", choices=[AgendaKind.VIEW_DEADLINE, AgendaKind.COMMITMENT,
                                                            AgendaKind.DECISION, AgendaKind.MEETING])
    titel = serializers.CharField(source="title")
    regio = serializers.CharField(source="region.slug")
    toelichting = serializers.CharField(source="detail")
    gedateerd = serializers.BooleanField(source="dated", help_text="false: an open item, dated by when it opened.")
    uid = serializers.CharField()


REGELING_PARAMS = [REGION, Param("gemeente", description="CBS code of a participating municipality.")]


@extend_schema_view(get=extend_schema(summary="Joint arrangements (gemeenschappelijke regelingen)",
                                      parameters=openapi_params(REGELING_PARAMS)))
class RegelingList(FilteredListView):
    serializer_class = RegelingSerializer
    params = REGELING_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = arrangement_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(region__slug=filters["regio"])
        if "gemeente" in filters:
            queryset = queryset.filter(participants__cbs_code=filters["gemeente"].upper()).distinct()
        return queryset


@extend_schema(summary="One joint arrangement")
class RegelingDetail(generics.RetrieveAPIView):
    serializer_class = RegelingSerializer

    def get_queryset(self):
        return arrangement_queryset(self.request.user)


@extend_schema_view(get=extend_schema(summary="The cycle's documents of an arrangement, each with the terms per council",
                                      parameters=openapi_params([])))
class StukList(FilteredListView):
    serializer_class = StukSerializer

    def get_queryset(self):
        self.filters()
        arrangement = generics.get_object_or_404(arrangement_queryset(self.request.user), pk=self.kwargs["pk"])
        return cycle_documents(arrangements=[arrangement])


ZIENSWIJZE_PARAMS = [
    Param("regeling", "integer", description="Id of the joint arrangement."),
    Param("gemeente", description="CBS code of the council."),
    Param("stuk", "integer", description="Id of the cycle document."),
]


def zienswijze_queryset(user):
    region_ids = internal_region_ids(user)
    queryset = Zienswijze.objects.select_related("document", "municipality")
    if region_ids is not None:
        queryset = queryset.filter(
            Q(document__arrangement__visibility=Visibility.PUBLIC) | Q(document__arrangement__region_id__in=region_ids)
        )
    return queryset.order_by("-document__sent_on", "document_id", "municipality__name", "pk")


@extend_schema_view(get=extend_schema(summary="Councils' views (zienswijzen) and the board's answers",
                                      parameters=openapi_params(ZIENSWIJZE_PARAMS)))
class ZienswijzeList(FilteredListView):
    serializer_class = ZienswijzeSerializer
    params = ZIENSWIJZE_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = zienswijze_queryset(self.request.user)
        if "regeling" in filters:
            queryset = queryset.filter(document__arrangement_id=filters["regeling"])
        if "gemeente" in filters:
            queryset = queryset.filter(municipality__cbs_code=filters["gemeente"].upper())
        if "stuk" in filters:
            queryset = queryset.filter(document_id=filters["stuk"])
        return queryset


@extend_schema(summary="One council's view")
class ZienswijzeDetail(generics.RetrieveAPIView):
    serializer_class = ZienswijzeSerializer

    def get_queryset(self):
        return zienswijze_queryset(self.request.user)


@extend_schema_view(get=extend_schema(
    summary="A council's regional agenda: view deadlines, promises due, open council decisions, body meetings",
    parameters=openapi_params([])))
class RegionalAgenda(FilteredListView):
    serializer_class = AgendaEntrySerializer

    def get_queryset(self):
        self.filters()
        municipality = Municipality.objects.filter(cbs_code=self.kwargs["code"].upper(), memberships__isnull=False).first()
        if municipality is None:
            raise Http404(_("There is no member municipality with this code."))
        # Public items only: an agenda mixes regions, and a token's grant is per region.
        return regional_agenda(municipality=municipality, public_only=True)
