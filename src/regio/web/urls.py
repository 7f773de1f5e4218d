from django.urls import include, path

from regio.web import views

app_name = "web"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:region>/", views.region_home, name="region-home"),
    path("<slug:region>/mijn-werk/aantal/", views.worklist_count, name="worklist-count"),
    path("<slug:region>/", include("regio.web.export_urls")),
    path("<slug:region>/", include("regio.web.calendar_urls")),
    path("<slug:region>/onderwerpen/", views.topic_list, name="topic-list"),
    path("<slug:region>/onderwerpen/nieuw/", views.topic_create, name="topic-create"),
    path("<slug:region>/onderwerpen/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("<slug:region>/onderwerpen/<slug:slug>/bewerken/", views.topic_edit, name="topic-edit"),
    path("<slug:region>/onderwerpen/<slug:slug>/status/", views.topic_status, name="topic-status"),
    path("<slug:region>/onderwerpen/<slug:slug>/trekker/", views.lead_edit, name="topic-lead"),
    path("<slug:region>/onderwerpen/<slug:slug>/deelname/", views.participation_bulk_edit, name="topic-participation-bulk"),
    path(
        "<slug:region>/onderwerpen/<slug:slug>/deelname/<slug:municipality>/",
        views.participation_edit,
        name="topic-participation",
    ),
    path("<slug:region>/onderwerpen/<slug:slug>/resultaten/nieuw/", views.result_edit, name="result-create"),
    path("<slug:region>/onderwerpen/<slug:slug>/resultaten/<int:pk>/", views.result_edit, name="result-edit"),
    path("<slug:region>/gemeenten/<slug:slug>/", views.municipality_detail, name="municipality-detail"),
    path("<slug:region>/", include("regio.web.meeting_urls")),
    path("<slug:region>/", include("regio.web.agreement_urls")),
    path("<slug:region>/", include("regio.web.analysis_urls")),
    path("<slug:region>/", include("regio.web.document_urls")),
    path("<slug:region>/", include("regio.web.letter_urls")),
    path("<slug:region>/", include("regio.web.regeling_urls")),
]
