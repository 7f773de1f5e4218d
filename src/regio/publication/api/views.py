"""API v1 views: thin — parse and validate, call a selector or a service, serialise."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse

from regio.publication.api.access import internal_region_ids, visible
from regio.publication.api.conditional import item_etag, require_if_match
from regio.publication.api.filters import MAX_ID, MAX_STRING, NO_CONTROL_CHARACTERS, Param, parse_params
from regio.publication.api.problems import api_field_names
from regio.publication.api.representations import json_response, topic_dicts
from regio.publication.api.selectors import TopicRows, topic_detail_row, topic_filter, topic_related_rows, topic_results
from regio.publication.api.serializers import (
    MunicipalitySerializer,
    ParticipationSerializer,
    RegionSerializer,
    ResultSerializer,
    SpearheadSerializer,
    TopicSerializer,
)
from regio.regions.models import Municipality, Region, RegionMembership
from regio.topics import services as topic_services
from regio.topics.models import CooperationForm, Participation, ParticipationRole, Topic, TopicStatus
from regio.visions.models import Spearhead


def openapi_params(params: list[Param]) -> list[OpenApiParameter]:
    """Describe the query parameters in the OpenAPI document."""
    result = []
    for p in params:
        if p.kind == "date":
            kind = OpenApiTypes.DATE
        elif p.kind == "integer":
            kind = OpenApiTypes.INT
        elif p.kind == "boolean":
            kind = OpenApiTypes.BOOL
        else:
            kind = OpenApiTypes.STR
        if p.kind == "integer":
            kind = {"type": "integer", "minimum": 0, "maximum": MAX_ID}
        elif p.kind == "string":
            kind = {"type": "string", "maxLength": MAX_STRING, "pattern": NO_CONTROL_CHARACTERS}
        result.append(
            OpenApiParameter(p.name, type=kind, location=OpenApiParameter.QUERY, description=p.description,
                             enum=list(p.choices) or None)
        )
    return result


class FilteredListView(generics.ListAPIView):
    params: list[Param] = []

    def filters(self) -> dict:
        if not hasattr(self, "_filters"):
            self._filters = parse_params(self.request, self.params)
        return self._filters


REGION = Param("regio", description="Slug of the region, e.g. leidse-regio.")


@extend_schema_view(get=extend_schema(summary="Regions", parameters=openapi_params([])))
class RegionList(FilteredListView):
    serializer_class = RegionSerializer
    queryset = Region.objects.prefetch_related(
        Prefetch("memberships", queryset=RegionMembership.objects.select_related("municipality"))
    ).order_by("name")

    def get_queryset(self):
        self.filters()
        return super().get_queryset()


@extend_schema(summary="One region")
class RegionDetail(generics.RetrieveAPIView):
    serializer_class = RegionSerializer
    queryset = RegionList.queryset
    lookup_field = "slug"


MUNICIPALITY_PARAMS = [REGION]


@extend_schema_view(get=extend_schema(summary="Member municipalities", parameters=openapi_params(MUNICIPALITY_PARAMS)))
class MunicipalityList(FilteredListView):
    serializer_class = MunicipalitySerializer
    params = MUNICIPALITY_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = Municipality.objects.filter(memberships__isnull=False).distinct()
        if "regio" in filters:
            queryset = queryset.filter(memberships__region__slug=filters["regio"])
        return queryset.prefetch_related(
            Prefetch("memberships", queryset=RegionMembership.objects.select_related("region"))
        ).order_by("name")


@extend_schema(summary="One municipality, by its CBS code")
class MunicipalityDetail(generics.RetrieveAPIView):
    serializer_class = MunicipalitySerializer
    lookup_field = "cbs_code"
    lookup_url_kwarg = "code"

    def get_queryset(self):
        return Municipality.objects.filter(memberships__isnull=False).distinct().prefetch_related(
            Prefetch("memberships", queryset=RegionMembership.objects.select_related("region"))
        )


SPEARHEAD_PARAMS = [REGION]


@extend_schema_view(get=extend_schema(summary="Spearheads of the regions' visions", parameters=openapi_params(SPEARHEAD_PARAMS)))
class SpearheadList(FilteredListView):
    serializer_class = SpearheadSerializer
    params = SPEARHEAD_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = Spearhead.objects.select_related("vision__region").order_by("vision__region__name", "order")
        if "regio" in filters:
            queryset = queryset.filter(vision__region__slug=filters["regio"])
        return queryset


@extend_schema(summary="One spearhead")
class SpearheadDetail(generics.RetrieveAPIView):
    serializer_class = SpearheadSerializer
    queryset = Spearhead.objects.select_related("vision__region")


TOPIC_PARAMS = [
    REGION,
    Param("speerpunt", description="Spearhead code, e.g. duurzaamheid."),
    Param("gemeente", description="CBS code of a municipality that leads, proposed or takes part, e.g. GM0546."),
    Param("status", "choice", tuple(TopicStatus.values), "Status of the topic."),
    Param("trekkerNogTeBepalen", "boolean", description="true: only topics whose lead is still to be appointed."),
    Param("gewijzigdVanaf", "date", description="Changed on or after this date (YYYY-MM-DD)."),
    Param("gewijzigdTot", "date", description="Changed before this date (YYYY-MM-DD)."),
    Param("zoek", description="Words in the title or description."),
]


def topic_queryset():
    return Topic.objects.select_related("region", "lead_municipality", "proposed_by").prefetch_related(
        "spearheads",
        Prefetch("participations", queryset=Participation.objects.select_related("municipality")),
        "results",
    )


def topic_url_prefix(request) -> str:
    """The absolute address of the topic list and a slash: a topic's address is this and its id."""
    return reverse("api:onderwerp-list", request=request) + "/"


class TopicWriteSerializer(serializers.Serializer):
    regio = serializers.SlugField(help_text="Slug of the region.")
    titel = serializers.CharField(max_length=200)
    omschrijving = serializers.CharField(required=False, allow_blank=True, default="")
    speerpunten = serializers.ListField(child=serializers.SlugField(), help_text="Spearhead codes; at least one.")
    ingebrachtDoor = serializers.CharField(required=False, allow_null=True, default=None, help_text="CBS code.")
    samenwerkingsvorm = serializers.ChoiceField(choices=CooperationForm.values, required=False, default=CooperationForm.LIGHT)
    zichtbaarheid = serializers.ChoiceField(choices=["openbaar", "intern"], required=False, default="openbaar")


@extend_schema_view(
    get=extend_schema(summary="Topics of the regional agendas", parameters=openapi_params(TOPIC_PARAMS)),
    post=extend_schema(summary="Add a topic (token required)", request=TopicWriteSerializer, responses={201: TopicSerializer}),
)
class TopicList(FilteredListView, generics.CreateAPIView):
    serializer_class = TopicSerializer
    params = TOPIC_PARAMS

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else [AllowAny()]

    def get_queryset(self):
        return topic_filter(self.filters(), internal_region_ids(self.request.user))

    def list(self, request, *args, **kwargs):
        # The busiest read: plain rows and plain dicts instead of TopicSerializer (which still
        # describes the response in the OpenAPI document).
        rows = self.paginate_queryset(TopicRows(request.user, self.filters()))
        related = topic_related_rows([row["id"] for row in rows])
        topics = topic_dicts(rows, related, url_prefix=topic_url_prefix(request))
        return json_response(self.paginator.paginated_body(topics))

    def create(self, request, *args, **kwargs):
        payload = TopicWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        region = Region.objects.filter(slug=data["regio"]).first()
        if region is None:
            raise ValidationError({"regio": [_("Unknown region.")]})
        spearheads = list(Spearhead.objects.filter(vision__region=region, code__in=data["speerpunten"]))
        unknown = sorted(set(data["speerpunten"]) - {s.code for s in spearheads})
        if unknown:
            raise ValidationError({"speerpunten": [_("Unknown spearhead code(s): %(codes)s.") % {"codes": ", ".join(unknown)}]})
        proposed_by = None
        if data["ingebrachtDoor"]:
            proposed_by = Municipality.objects.filter(cbs_code=data["ingebrachtDoor"].upper()).first()
            if proposed_by is None:
                raise ValidationError({"ingebrachtDoor": [_("Unknown municipality code.")]})
        topic = topic_services.topic_create(
            actor=request.user,
            region=region,
            title=data["titel"],
            description=data["omschrijving"],
            spearheads=spearheads,
            proposed_by=proposed_by,
            cooperation_form=data["samenwerkingsvorm"],
            visibility=data["zichtbaarheid"],
        )
        return Response(TopicSerializer(topic_queryset().get(pk=topic.pk), context={"request": request}).data, status=201)


class TopicPatchSerializer(serializers.Serializer):
    titel = serializers.CharField(max_length=200, required=False)
    omschrijving = serializers.CharField(required=False, allow_blank=True)
    speerpunten = serializers.ListField(child=serializers.SlugField(), required=False,
                                        help_text="Spearhead codes; at least one.")
    samenwerkingsvorm = serializers.ChoiceField(choices=CooperationForm.values, required=False)
    zichtbaarheid = serializers.ChoiceField(choices=["openbaar", "intern"], required=False)
    trekker = serializers.CharField(required=False, allow_null=True, max_length=6,
                                    help_text="CBS code of the lead municipality (it must take part); null: still "
                                              "to be appointed.")
    trekkerNogTeBepalen = serializers.BooleanField(required=False,
                                                   help_text="true: set the lead back to 'still to be appointed'.")


TOPIC_FIELDS = ("titel", "omschrijving", "speerpunten", "samenwerkingsvorm", "zichtbaarheid")


def topic_etag(topic_id: int, version: int) -> str:
    """The topic's entity tag: its id and the version its edits raise (see topics.services.topic_update)."""
    return item_etag("topic", topic_id, version)


TOPIC_ETAG_HEADER = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
    description="The topic's version, e.g. \"topic-12-v3\"; send it back in If-Match when editing.",
)


@extend_schema_view(
    get=extend_schema(summary="One topic", parameters=[TOPIC_ETAG_HEADER]),
    patch=extend_schema(summary="Edit a topic's text, spearheads, form or visibility (coordinator or the proposing "
                                "municipality) or its lead (the rules of the lead form); token required",
                        request=TopicPatchSerializer,
                        parameters=[
                            TOPIC_ETAG_HEADER,
                            OpenApiParameter(
                                "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                                description="The ETag the edit is based on; when the topic has changed since, the "
                                            "answer is 412 and nothing is saved. Without it the edit is not checked.",
                            ),
                        ],
                        responses={200: TopicSerializer}),
)
class TopicDetail(generics.RetrieveAPIView):
    serializer_class = TopicSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "PATCH" else [AllowAny()]

    def get_queryset(self):
        return visible(topic_queryset(), self.request.user)

    def retrieve(self, request, *args, **kwargs):
        row = topic_detail_row(request.user, topic_id=self.kwargs["pk"])
        if row is None:
            raise NotFound(_("There is no such topic."))
        topic = topic_dicts([row], topic_related_rows([row["id"]]), url_prefix=topic_url_prefix(request))[0]
        response = json_response(topic)
        # The item's version tag, which PATCH checks in If-Match; the cache middleware makes it exact for the answer.
        response["ETag"] = topic_etag(row["id"], row["version"])
        return response

    def patch(self, request, pk: int):
        topic = self.get_object()
        payload = TopicPatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        spearheads = None
        if "speerpunten" in data:
            spearheads = list(Spearhead.objects.filter(vision__region=topic.region, code__in=data["speerpunten"]))
            unknown = sorted(set(data["speerpunten"]) - {s.code for s in spearheads})
            if unknown:
                raise ValidationError({"speerpunten": [_("Unknown spearhead code(s): %(codes)s.") % {"codes": ", ".join(unknown)}]})
        lead_given = "trekker" in data or "trekkerNogTeBepalen" in data
        lead = topic.lead_municipality
        if "trekker" in data:
            code = (data["trekker"] or "").upper()
            lead = None
            if code:
                lead = Municipality.objects.filter(cbs_code=code, memberships__region=topic.region).first()
                if lead is None:
                    raise ValidationError({"trekker": [_("%(code)s is not a member municipality of this region.")
                                                       % {"code": code}]})
        if data.get("trekkerNogTeBepalen") is True:
            if lead is not None and "trekker" in data:
                raise ValidationError({"trekker": [_("Give either a lead or trekkerNogTeBepalen: true, not both.")]})
            lead = None
        elif data.get("trekkerNogTeBepalen") is False and lead is None:
            raise ValidationError(
                {"trekker": [_("trekkerNogTeBepalen is false: name the lead municipality in trekker.")]})
        with transaction.atomic(), api_field_names({
            "title": "titel", "description": "omschrijving", "spearheads": "speerpunten",
            "cooperation_form": "samenwerkingsvorm", "visibility": "zichtbaarheid",
            "lead_municipality": "trekker", "lead_person": "trekker",
        }):
            require_if_match(request, kind="topic", pk=topic.pk, locked_version=lambda: Topic.objects.select_for_update()
                             .values_list("version", flat=True).get(pk=topic.pk))
            if any(name in data for name in TOPIC_FIELDS):
                topic_services.topic_update(
                    actor=request.user, topic=topic, title=data.get("titel"), description=data.get("omschrijving"),
                    spearheads=spearheads, cooperation_form=data.get("samenwerkingsvorm"),
                    visibility=data.get("zichtbaarheid"),
                )
            if lead_given:
                person = topic.lead_person if lead is not None and lead.pk == topic.lead_municipality_id else None
                topic_services.topic_lead_set(actor=request.user, topic=topic, municipality=lead, person=person)
        saved = topic_queryset().get(pk=topic.pk)
        return Response(TopicSerializer(saved, context={"request": request}).data,
                        headers={"ETag": topic_etag(saved.pk, saved.version)})


@extend_schema_view(get=extend_schema(summary="The desired results of a topic", parameters=openapi_params([])))
class TopicResultList(FilteredListView):
    serializer_class = ResultSerializer

    def get_queryset(self):
        self.filters()
        results = topic_results(self.request.user, topic_pk=self.kwargs["pk"])
        if results is None:
            raise NotFound(_("There is no such topic."))
        return results


class ParticipationWriteSerializer(serializers.Serializer):
    deelname = serializers.ChoiceField(choices=ParticipationRole.values)
    toelichting = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


PARTICIPATION_ETAG_HEADER = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[200],
    description="The choice's version, e.g. \"participation-7-v2\"; send it back in If-Match when changing it.",
)


@extend_schema_view(
    get=extend_schema(summary="One municipality's participation in a topic", parameters=[PARTICIPATION_ETAG_HEADER]),
    put=extend_schema(summary="Record a municipality's own choice (token required)", request=ParticipationWriteSerializer,
                      parameters=[
                          PARTICIPATION_ETAG_HEADER,
                          OpenApiParameter(
                              "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                              description="The ETag the change is based on; when the choice has changed since (or "
                                          "none is stored yet), the answer is 412 and nothing is saved. Without it "
                                          "the change is not checked.",
                          ),
                      ]),
)
class ParticipationDetail(generics.GenericAPIView):
    serializer_class = ParticipationSerializer

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "PUT" else [AllowAny()]

    def topic(self) -> Topic:
        topic = visible(Topic.objects.select_related("region"), self.request.user).filter(pk=self.kwargs["pk"]).first()
        if topic is None:
            raise NotFound(_("There is no such topic."))
        return topic

    def municipality(self, topic: Topic) -> Municipality:
        municipality = Municipality.objects.filter(cbs_code=self.kwargs["code"].upper(), memberships__region=topic.region).first()
        if municipality is None:
            raise NotFound(_("This municipality is not a member of the topic's region."))
        return municipality

    def get(self, request, pk: int, code: str):
        topic = self.topic()
        participation = Participation.objects.select_related("municipality").filter(
            topic=topic, municipality=self.municipality(topic)
        ).first()
        if participation is None:
            raise NotFound(_("This municipality has not chosen yet."))
        return Response(ParticipationSerializer(participation).data,
                        headers={"ETag": item_etag("participation", participation.pk, participation.version)})

    def put(self, request, pk: int, code: str):
        topic = self.topic()
        municipality = self.municipality(topic)
        payload = ParticipationWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with transaction.atomic():
            if "If-Match" in request.headers:
                # The topic's lock, as participation_set takes it: the writers of its choices queue in one order.
                Topic.objects.select_for_update().filter(pk=topic.pk).first()
            stored = Participation.objects.filter(topic=topic, municipality=municipality)
            require_if_match(request, kind="participation", pk=stored.values_list("pk", flat=True).first(),
                             locked_version=lambda: stored.values_list("version", flat=True).first())
            participation = topic_services.participation_set(
                actor=request.user, topic=topic, municipality=municipality,
                role=payload.validated_data["deelname"], note=payload.validated_data["toelichting"],
            )
        return Response(ParticipationSerializer(participation).data,
                        headers={"ETag": item_etag("participation", participation.pk, participation.version)})
