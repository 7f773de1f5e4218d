"""The public site's URLs, mounted under /openbaar/.

The signed-in pages own /<region>/...; the public site mirrors their Dutch path names under its own
prefix, so a public address is predictable from the signed-in one and neither can shadow the other.
"""

from django.urls import path

from regio.publication import views

app_name = "publication"

urlpatterns = [
    path("", views.index, name="index"),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("<slug:region>/", views.region_home, name="region-home"),
    path("<slug:region>/thema.css", views.theme_css, name="theme-css"),
    path("<slug:region>/onderwerpen/", views.topic_list, name="topic-list"),
    path("<slug:region>/onderwerpen/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("<slug:region>/gremia/", views.body_list, name="body-list"),
    path("<slug:region>/gremia/<slug:slug>/", views.body_detail, name="body-detail"),
    path("<slug:region>/vergaderingen/", views.meeting_list, name="meeting-list"),
    path("<slug:region>/vergaderingen/kalender/", views.meeting_calendar, name="meeting-calendar"),
    path("<slug:region>/vergaderingen/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<slug:region>/afspraken/", views.agreement_list, name="agreement-list"),
    path("<slug:region>/afspraken/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("<slug:region>/toezeggingen/", views.commitment_list, name="commitment-list"),
    path("<slug:region>/toezeggingen/<int:pk>/", views.commitment_detail, name="commitment-detail"),
    path("<slug:region>/documenten/", views.document_list, name="document-list"),
    path("<slug:region>/documenten/<int:pk>/", views.document_detail, name="document-detail"),
    path("<slug:region>/regelingen/", views.regeling_list, name="regeling-list"),
    path("<slug:region>/regelingen/<slug:slug>/", views.regeling_detail, name="regeling-detail"),
    path("<slug:region>/tijdlijn/", views.timeline, name="timeline"),
    path("<slug:region>/nieuws/", views.news, name="news"),
    path("<slug:region>/zoeken/", views.search_page, name="search"),
    path("<slug:region>/toegankelijkheid/", views.accessibility, name="region-accessibility"),
]
