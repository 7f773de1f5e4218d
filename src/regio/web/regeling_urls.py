"""URLs of the regelingen pages and a council's regional agenda (under /<region>/), in the web namespace."""

from django.urls import path

from regio.web import regeling_views as views

urlpatterns = [
    path("regelingen/", views.regeling_list, name="regeling-list"),
    path("regelingen/<slug:slug>/", views.regeling_detail, name="regeling-detail"),
    path("regelingen/<slug:slug>/stukken/nieuw/", views.document_create, name="regeling-document-create"),
    path("regelingen/<slug:slug>/stukken/<int:pk>/vergelijking/", views.comparison, name="regeling-comparison"),
    path("regelingen/<slug:slug>/stukken/<int:pk>/zienswijze/<slug:municipality>/", views.view_record,
         name="regeling-view"),
    path("regelingen/<slug:slug>/stukken/<int:pk>/besluit/", views.decision_record, name="regeling-decision"),
    path("regelingen/<slug:slug>/zienswijzen/<int:pk>/antwoord/", views.answer_record, name="regeling-answer"),
    path("gemeenten/<slug:slug>/regionale-agenda/", views.regional_agenda, name="regional-agenda"),
    path("gemeenten/<slug:slug>/raadskalender/import/", views.calendar_import, name="council-calendar-import"),
    path("gemeenten/<slug:slug>/raadskalender/nieuw/", views.council_meeting_add, name="council-meeting-add"),
    path("gemeenten/<slug:slug>/verbonden-partijen/<int:year>.docx", views.verbonden_partijen_docx,
         name="verbonden-partijen-docx"),
    path("gemeenten/<slug:slug>/verbonden-partijen/<int:year>.csv", views.verbonden_partijen_csv,
         name="verbonden-partijen-csv"),
]
