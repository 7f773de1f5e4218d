"""The month calendar (under /<region>/), in the web namespace."""

from django.urls import path

from regio.web import calendar_views

urlpatterns = [
    path("vergaderingen/kalender/", calendar_views.meeting_calendar, name="meeting-calendar"),
]
