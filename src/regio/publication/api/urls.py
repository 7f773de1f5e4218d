"""API v1 routes: Dutch plural resource names, no trailing slashes (a trailing slash is a 404)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from regio.publication.api import views

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("regios", views.RegionList.as_view(), name="regio-list"),
    path("regios/<slug:slug>", views.RegionDetail.as_view(), name="regio-detail"),
    path("gemeenten", views.MunicipalityList.as_view(), name="gemeente-list"),
    path("gemeenten/<str:code>", views.MunicipalityDetail.as_view(), name="gemeente-detail"),
    path("speerpunten", views.SpearheadList.as_view(), name="speerpunt-list"),
    path("speerpunten/<int:pk>", views.SpearheadDetail.as_view(), name="speerpunt-detail"),
    path("onderwerpen", views.TopicList.as_view(), name="onderwerp-list"),
    path("onderwerpen/<int:pk>", views.TopicDetail.as_view(), name="onderwerp-detail"),
    path("onderwerpen/<int:pk>/deelnames/<str:code>", views.ParticipationDetail.as_view(), name="deelname-detail"),
]
