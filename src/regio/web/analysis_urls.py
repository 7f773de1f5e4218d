"""URLs of the meeting-load analysis page (under /<region>/), in the web namespace."""

from django.urls import path

from regio.web import analysis_views

urlpatterns = [
    path("minder-overleg/", analysis_views.meeting_load, name="meeting-load"),
]
