"""API v1 for commitments (toezeggingen) to councils: reads, and fulfilling one through the service."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from regio.commitments import services as commitment_services
from regio.commitments.models import CommitmentState
from regio.commitments.selectors import overdue_filter
from regio.core.dates import SupportedDate
from regio.publication.api.filters import Param
from regio.publication.api.problems import api_field_names
from regio.publication.api.selectors import commitment_queryset
from regio.publication.api.serializers import CommitmentSerializer
from regio.publication.api.views import REGION, FilteredListView, openapi_params

COMMITMENT_PARAMS = [
    REGION,
    Param("gemeente", description="CBS code of a council the promise was made to."),
    Param("status", "choice", tuple(CommitmentState.values), "Open, fulfilled or withdrawn."),
    Param("teLaat", "boolean", description="true: open and past the due date; false: all others."),
    Param("vanaf", "date", description="Due on or after this date (YYYY-MM-DD)."),
    Param("tot", "date", description="Due on or before this date (YYYY-MM-DD)."),
]


@extend_schema_view(get=extend_schema(summary="Commitments to councils and partners, with their state",
                                      parameters=openapi_params(COMMITMENT_PARAMS)))
class CommitmentList(FilteredListView):
    serializer_class = CommitmentSerializer
    params = COMMITMENT_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = commitment_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(region__slug=filters["regio"])
        if "gemeente" in filters:
            queryset = queryset.filter(recipient_councils__cbs_code=filters["gemeente"].upper()).distinct()
        if "status" in filters:
            queryset = queryset.filter(state=filters["status"])
        if "teLaat" in filters:
            overdue = overdue_filter(queryset, timezone.localdate())
            queryset = overdue if filters["teLaat"] else queryset.exclude(pk__in=overdue.values("pk"))
        if "vanaf" in filters:
            queryset = queryset.filter(due_date__gte=filters["vanaf"])
        if "tot" in filters:
            queryset = queryset.filter(due_date__lte=filters["tot"])
        return queryset


@extend_schema(summary="One commitment")
class CommitmentDetail(generics.RetrieveAPIView):
    serializer_class = CommitmentSerializer

    def get_queryset(self):
        return commitment_queryset(self.request.user)


class FulfilSerializer(serializers.Serializer):
    bewijs = serializers.CharField(max_length=300, help_text="How it was fulfilled: a letter, a meeting.")
    datum = serializers.DateField(required=False, allow_null=True, default=None, validators=[SupportedDate()],
                                  help_text="When it was fulfilled; today when left out.")


@extend_schema_view(post=extend_schema(
    summary="Mark a commitment as fulfilled (token required; coordinator or a promising municipality's editor)",
    request=FulfilSerializer, responses={200: CommitmentSerializer}))
class CommitmentFulfil(generics.GenericAPIView):
    serializer_class = CommitmentSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return commitment_queryset(self.request.user)

    def post(self, request, pk: int):
        commitment = self.get_object()
        payload = FulfilSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        with api_field_names({"evidence": "bewijs", "resolved_on": "datum", "state": "status"}):
            commitment_services.commitment_fulfil(
                actor=request.user, commitment=commitment, evidence=payload.validated_data["bewijs"],
                on=payload.validated_data["datum"],
            )
        commitment = self.get_queryset().get(pk=commitment.pk)
        return Response(CommitmentSerializer(commitment, context={"request": request}).data)
