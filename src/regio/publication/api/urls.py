"""API v1 routes: Dutch plural resource names, no trailing slashes (a trailing slash is a 404)."""

from django.urls import path, register_converter
from drf_spectacular.views import SpectacularJSONAPIView

from regio.publication.api import commitment_views, document_views, meeting_views, regeling_views, views


class IdConverter:
    """A database id: at most 18 digits, so an absurd number is a 404 rather than an overflow in the database."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("regios", views.RegionList.as_view(), name="regio-list"),
    path("regios/<slug:slug>", views.RegionDetail.as_view(), name="regio-detail"),
    path("gemeenten", views.MunicipalityList.as_view(), name="gemeente-list"),
    path("gemeenten/<str:code>", views.MunicipalityDetail.as_view(), name="gemeente-detail"),
    path("gemeenten/<str:code>/regionale-agenda", regeling_views.RegionalAgenda.as_view(), name="regionale-agenda"),
    path("speerpunten", views.SpearheadList.as_view(), name="speerpunt-list"),
    path("speerpunten/<id:pk>", views.SpearheadDetail.as_view(), name="speerpunt-detail"),
    path("onderwerpen", views.TopicList.as_view(), name="onderwerp-list"),
    path("onderwerpen/<id:pk>", views.TopicDetail.as_view(), name="onderwerp-detail"),
    path("onderwerpen/<id:pk>/resultaten", views.TopicResultList.as_view(), name="resultaat-list"),
    path("onderwerpen/<id:pk>/deelnames/<str:code>", views.ParticipationDetail.as_view(), name="deelname-detail"),
    path("gremia", meeting_views.BodyList.as_view(), name="gremium-list"),
    path("gremia/<id:pk>", meeting_views.BodyDetail.as_view(), name="gremium-detail"),
    path("vergaderingen", meeting_views.MeetingList.as_view(), name="vergadering-list"),
    path("vergaderingen/<id:pk>", meeting_views.MeetingDetail.as_view(), name="vergadering-detail"),
    path("afspraken", meeting_views.AgreementList.as_view(), name="afspraak-list"),
    path("afspraken/<id:pk>", meeting_views.AgreementDetail.as_view(), name="afspraak-detail"),
    path("besluiten", meeting_views.DecisionList.as_view(), name="besluit-list"),
    path("besluiten/<id:pk>", meeting_views.DecisionDetail.as_view(), name="besluit-detail"),
    path("toezeggingen", commitment_views.CommitmentList.as_view(), name="toezegging-list"),
    path("toezeggingen/<id:pk>", commitment_views.CommitmentDetail.as_view(), name="toezegging-detail"),
    path("toezeggingen/<id:pk>/nakomen", commitment_views.CommitmentFulfil.as_view(), name="toezegging-fulfil"),
    path("documenten", document_views.DocumentList.as_view(), name="document-list"),
    path("documenten/<id:pk>", document_views.DocumentDetail.as_view(), name="document-detail"),
    path("documenten/<id:pk>/origineel", document_views.DocumentOriginal.as_view(), name="document-original"),
    path("regelingen", regeling_views.RegelingList.as_view(), name="regeling-list"),
    path("regelingen/<id:pk>", regeling_views.RegelingDetail.as_view(), name="regeling-detail"),
    path("regelingen/<id:pk>/stukken", regeling_views.StukList.as_view(), name="regeling-stukken"),
    path("zienswijzen", regeling_views.ZienswijzeList.as_view(), name="zienswijze-list"),
    path("zienswijzen/<id:pk>", regeling_views.ZienswijzeDetail.as_view(), name="zienswijze-detail"),
]
