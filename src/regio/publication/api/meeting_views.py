"""API v1 for bodies (gremia), meetings (vergaderingen), agreements (afspraken) and the decisions per
municipality (besluiten): reads for public items, token-authenticated writes through the services."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from regio.core.dates import SupportedDate
from regio.meetings import services as meeting_services
from regio.meetings.models import BodyKind, ConsentState, DecisionKind, Organ, Outcome, consent_cells, consent_state
from regio.meetings.selectors import meetings_concerning
from regio.publication.api.filters import Param
from regio.publication.api.problems import api_field_names
from regio.publication.api.selectors import agreement_queryset, body_queryset, decision_queryset, meeting_queryset
from regio.publication.api.serializers import AgreementSerializer, BodySerializer, DecisionSerializer, MeetingSerializer
from regio.publication.api.views import REGION, FilteredListView, openapi_params
from regio.regions.models import Municipality

BODY_PARAMS = [
    REGION,
    Param("soort", "choice", tuple(BodyKind.values), "Kind of body."),
    Param("speerpunt", description="Spearhead code the body covers."),
    Param("gemeente", description="CBS code of a municipality represented in the body."),
]


@extend_schema_view(get=extend_schema(summary="Bodies (gremia) the municipalities cooperate in, with their members",
                                      parameters=openapi_params(BODY_PARAMS)))
class BodyList(FilteredListView):
    serializer_class = BodySerializer
    params = BODY_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = body_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(region__slug=filters["regio"])
        if "soort" in filters:
            queryset = queryset.filter(kind=filters["soort"])
        if "speerpunt" in filters:
            queryset = queryset.filter(spearheads__code=filters["speerpunt"])
        if "gemeente" in filters:
            queryset = queryset.filter(members__municipality__cbs_code=filters["gemeente"].upper())
        return queryset.distinct()


@extend_schema(summary="One body, with its members")
class BodyDetail(generics.RetrieveAPIView):
    serializer_class = BodySerializer

    def get_queryset(self):
        return body_queryset(self.request.user)


MEETING_PARAMS = [
    REGION,
    Param("gremium", "integer", description="Id of the body that meets."),
    Param("gemeente", description="CBS code: meetings that concern this municipality (its bodies, its ad hoc meetings)."),
    Param("vanaf", "date", description="First day on or after this date (YYYY-MM-DD); a window counts by its first day."),
    Param("tot", "date", description="First day on or before this date (YYYY-MM-DD)."),
    Param("gehouden", "boolean", description="true: meetings held (dated, in the past, not cancelled); false: the others."),
]


@extend_schema_view(get=extend_schema(
    summary="Meetings, held and planned; a planned meeting may have only a window (vensterStart, vensterEind)",
    parameters=openapi_params(MEETING_PARAMS)))
class MeetingList(FilteredListView):
    serializer_class = MeetingSerializer
    params = MEETING_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = meeting_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(region__slug=filters["regio"])
        if "gremium" in filters:
            queryset = queryset.filter(body_id=filters["gremium"])
        if "gemeente" in filters:
            municipality = Municipality.objects.filter(cbs_code=filters["gemeente"].upper()).first()
            queryset = queryset.filter(meetings_concerning(municipality=municipality)) if municipality else queryset.none()
        if "vanaf" in filters:
            queryset = queryset.filter(first_day_sort__gte=filters["vanaf"])
        if "tot" in filters:
            queryset = queryset.filter(first_day_sort__lte=filters["tot"])
        if "gehouden" in filters:
            held = Q(starts_at__isnull=False, cancelled=False, starts_at__lte=timezone.now())
            queryset = queryset.filter(held if filters["gehouden"] else ~held)
        return queryset


@extend_schema(summary="One meeting, with its agenda items")
class MeetingDetail(generics.RetrieveAPIView):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return meeting_queryset(self.request.user)


AGREEMENT_PARAMS = [
    REGION,
    Param("onderwerp", "integer", description="Id of the topic the agreement concerns."),
    Param("gemeente", description="CBS code of a participating municipality."),
    Param("status", "choice", tuple(ConsentState.values),
          "Derived consent state: aangenomen (by all), aangenomen_door_deel (all decided; who rejected does not take "
          "part), deels (adopted by some, others still to decide), open, niet_aangenomen, geblokkeerd (only an "
          "agreement that needs every participant)."),
]


@extend_schema_view(get=extend_schema(
    summary="Agreements proposed to the municipalities, each with every participant's decisions and the derived state",
    parameters=openapi_params(AGREEMENT_PARAMS)))
class AgreementList(FilteredListView):
    serializer_class = AgreementSerializer
    params = AGREEMENT_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = agreement_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(region__slug=filters["regio"])
        if "onderwerp" in filters:
            queryset = queryset.filter(topic_id=filters["onderwerp"])
        if "gemeente" in filters:
            queryset = queryset.filter(participants__cbs_code=filters["gemeente"].upper()).distinct()
        if "status" in filters:
            # The state is derived from the decisions, never stored: filter the prefetched rows.
            return [a for a in queryset if consent_state(consent_cells(a)) == filters["status"]]
        return queryset


@extend_schema(summary="One agreement, with the consent matrix")
class AgreementDetail(generics.RetrieveAPIView):
    serializer_class = AgreementSerializer

    def get_queryset(self):
        return agreement_queryset(self.request.user)


DECISION_PARAMS = [
    REGION,
    Param("gemeente", description="CBS code of the deciding municipality."),
    Param("afspraak", "integer", description="Id of the agreement."),
    Param("orgaan", "choice", tuple(Organ.values), "College or council."),
    Param("uitkomst", "choice", tuple(Outcome.values), "What was decided."),
    Param("vanaf", "date", description="Decided on or after this date (YYYY-MM-DD)."),
    Param("tot", "date", description="Decided on or before this date (YYYY-MM-DD)."),
]


class DecisionWriteSerializer(serializers.Serializer):
    afspraak = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Id of the agreement.")
    gemeente = serializers.CharField(max_length=6, help_text="CBS code of the deciding municipality.")
    orgaan = serializers.ChoiceField(choices=Organ.values)
    uitkomst = serializers.ChoiceField(choices=Outcome.values)
    datum = serializers.DateField(validators=[SupportedDate()])
    soort = serializers.ChoiceField(choices=DecisionKind.choices, required=False, default=DecisionKind.DECISION)
    document = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


@extend_schema_view(
    get=extend_schema(summary="Decisions of the municipalities' colleges and councils on agreements",
                      parameters=openapi_params(DECISION_PARAMS)),
    post=extend_schema(summary="Record a decision of your own municipality (token required; editor of that "
                               "municipality or coordinator)", request=DecisionWriteSerializer,
                       responses={201: DecisionSerializer}),
)
class DecisionList(FilteredListView, generics.CreateAPIView):
    serializer_class = DecisionSerializer
    params = DECISION_PARAMS

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]

    def get_queryset(self):
        filters = self.filters()
        queryset = decision_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(agreement__region__slug=filters["regio"])
        if "gemeente" in filters:
            queryset = queryset.filter(municipality__cbs_code=filters["gemeente"].upper())
        if "afspraak" in filters:
            queryset = queryset.filter(agreement_id=filters["afspraak"])
        if "orgaan" in filters:
            queryset = queryset.filter(organ=filters["orgaan"])
        if "uitkomst" in filters:
            queryset = queryset.filter(outcome=filters["uitkomst"])
        if "vanaf" in filters:
            queryset = queryset.filter(decided_on__gte=filters["vanaf"])
        if "tot" in filters:
            queryset = queryset.filter(decided_on__lte=filters["tot"])
        return queryset

    def create(self, request, *args, **kwargs):
        payload = DecisionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        errors = {}
        agreement = agreement_queryset(request.user).filter(pk=data["afspraak"]).first()
        if agreement is None:
            errors["afspraak"] = [_("There is no such agreement.")]
        municipality = Municipality.objects.filter(cbs_code=data["gemeente"].upper()).first()
        if municipality is None:
            errors["gemeente"] = [_("Unknown municipality code.")]
        if errors:
            raise ValidationError(errors)
        with api_field_names({"municipality": "gemeente", "organ": "orgaan", "decided_on": "datum", "outcome": "uitkomst",
                              "kind": "soort"}):
            decision = meeting_services.decision_record(
                actor=request.user, agreement=agreement, municipality=municipality, organ=data["orgaan"],
                outcome=data["uitkomst"], decided_on=data["datum"], kind=data["soort"], document=data["document"],
            )
        decision = decision_queryset(request.user).get(pk=decision.pk)
        return Response(DecisionSerializer(decision, context={"request": request}).data, status=201)


@extend_schema(summary="One decision")
class DecisionDetail(generics.RetrieveAPIView):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return decision_queryset(self.request.user)
