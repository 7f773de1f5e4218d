"""URLs of the list downloads (under /<region>/), in the web namespace: e.g. onderwerpen/export.xlsx."""

from django.urls import path

from regio.web import export_views

urlpatterns = [
    path("onderwerpen/export.<str:fmt>", export_views.topics_export, name="topic-export"),
    path("afspraken/export.<str:fmt>", export_views.agreements_export, name="agreement-export"),
    path("toezeggingen/export.<str:fmt>", export_views.commitments_export, name="commitment-export"),
    path("vergaderingen/export.<str:fmt>", export_views.meetings_export, name="meeting-export"),
]
