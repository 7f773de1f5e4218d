"""API v1 for documents (documenten): metadata, the text for a document the client may see, and the original."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, renderers
from rest_framework.exceptions import NotFound

from regio.documents.models import DocumentKind
from regio.publication.api.filters import Param
from regio.publication.api.selectors import document_queryset
from regio.publication.api.serializers import DocumentDetailSerializer, DocumentSerializer
from regio.publication.api.views import REGION, FilteredListView, openapi_params

DOCUMENT_PARAMS = [
    REGION,
    Param("gemeente", description="CBS code of a municipality the document concerns."),
    Param("speerpunt", description="Spearhead code the document is about."),
    Param("soort", "choice", tuple(DocumentKind.values), "Kind of document."),
    Param("vanaf", "date", description="Dated on or after this date (YYYY-MM-DD)."),
    Param("tot", "date", description="Dated on or before this date (YYYY-MM-DD)."),
]


@extend_schema_view(get=extend_schema(summary="Published documents: metadata and a link to the original",
                                      parameters=openapi_params(DOCUMENT_PARAMS)))
class DocumentList(FilteredListView):
    serializer_class = DocumentSerializer
    params = DOCUMENT_PARAMS

    def get_queryset(self):
        filters = self.filters()
        queryset = document_queryset(self.request.user)
        if "regio" in filters:
            queryset = queryset.filter(region__slug=filters["regio"])
        if "gemeente" in filters:
            queryset = queryset.filter(municipalities__cbs_code=filters["gemeente"].upper())
        if "speerpunt" in filters:
            queryset = queryset.filter(spearheads__code=filters["speerpunt"])
        if "soort" in filters:
            queryset = queryset.filter(kind=filters["soort"])
        if "vanaf" in filters:
            queryset = queryset.filter(document_date__gte=filters["vanaf"])
        if "tot" in filters:
            queryset = queryset.filter(document_date__lte=filters["tot"])
        return queryset.distinct()


@extend_schema(summary="One document, with its text page by page")
class DocumentDetail(generics.RetrieveAPIView):
    serializer_class = DocumentDetailSerializer

    def get_queryset(self):
        return document_queryset(self.request.user, with_pages=True)


class OriginalRenderer(renderers.BaseRenderer):
    """Lets a client that accepts any type, or the original's type, fetch the file; errors stay JSON."""

    media_type = "application/octet-stream"
    format = "original"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # The file itself goes out as a FileResponse; what reaches a renderer is a problem+json body.
        return renderers.JSONRenderer().render(data, accepted_media_type, renderer_context)


@extend_schema_view(get=extend_schema(
    summary="The original file, exactly as received",
    responses={(200, "*/*"): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")}))
class DocumentOriginal(generics.GenericAPIView):
    renderer_classes = [renderers.JSONRenderer, OriginalRenderer]

    def get_queryset(self):
        return document_queryset(self.request.user)

    def get(self, request, pk: int):
        document = self.get_object()
        try:
            handle = document.original.open("rb")
        except (FileNotFoundError, ValueError):
            raise NotFound(_("The original file of this document is missing.")) from None
        return FileResponse(handle, as_attachment=True, filename=document.filename, content_type=document.media_type)
