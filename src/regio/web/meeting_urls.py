"""URLs of the body, meeting and timeline pages and the meeting feeds (under /<region>/), in the web namespace."""

from django.urls import path

from regio.web import meeting_views as views

urlpatterns = [
    path("gremia/", views.body_list, name="body-list"),
    path("gremia/nieuw/", views.body_edit, name="body-create"),
    path("gremia/<slug:slug>/", views.body_detail, name="body-detail"),
    path("gremia/<slug:slug>/bewerken/", views.body_edit, name="body-edit"),
    path("gremia/<slug:slug>/leden/nieuw/", views.body_member_add, name="body-member-add"),
    path("gremia/<slug:slug>/agenda.ics", views.body_ical, name="body-ical"),
    path("vergaderingen/", views.meeting_list, name="meeting-list"),
    path("vergaderingen/nieuw/", views.meeting_edit, name="meeting-create"),
    path("vergaderingen/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("vergaderingen/<int:pk>/bewerken/", views.meeting_edit, name="meeting-edit"),
    path("vergaderingen/<int:pk>/agendapunten/", views.agenda_item_add, name="meeting-agenda-add"),
    path("vergaderingen/<int:pk>/aanwezigheid/", views.attendance_record, name="meeting-attendance"),
    path("tijdlijn/", views.timeline, name="timeline"),
    path("gemeenten/<slug:slug>/agenda.ics", views.municipality_ical, name="municipality-ical"),
    path("personen/<int:pk>/agenda.ics", views.person_ical, name="person-ical"),
]
