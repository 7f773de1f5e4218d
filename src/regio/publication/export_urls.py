"""Open-data addresses of a region: exports, feeds, the register of joint arrangements, the Woo sitemap."""

from django.urls import path

from regio.publication import agenda_feeds, feeds, woo
from regio.publication.exports import views

app_name = "open-data"

urlpatterns = [
    path("<slug:region>/popolo.json", views.popolo_json, name="popolo"),
    path("<slug:region>/open-raadsinformatie.json", views.ori_json, name="ori"),
    path("<slug:region>/regelingen/", views.register_page, name="register"),
    path("<slug:region>/regelingen.csv", views.register_csv, name="register-csv"),
    path("<slug:region>/regelingen.json", views.register_json, name="register-json"),
    path("<slug:region>/nieuws.atom", feeds.RegionFeed(), name="feed"),
    path("<slug:region>/speerpunten/<slug:spearhead>/nieuws.atom", feeds.RegionFeed(), name="spearhead-feed"),
    path("<slug:region>/vergaderingen.ics", feeds.region_calendar, name="calendar"),
    path("<slug:region>/gremia/<slug:slug>/vergaderingen.ics", feeds.body_calendar, name="body-calendar"),
    path("<slug:region>/woo-sitemap.xml", woo.woo_sitemap_view, name="woo-sitemap"),
    path("<slug:region>/gemeenten/<slug:slug>/regionale-agenda.ics", agenda_feeds.regional_agenda_ics,
         name="regional-agenda-ics"),
    path("<slug:region>/gemeenten/<slug:slug>/regionale-agenda.csv", agenda_feeds.regional_agenda_csv,
         name="regional-agenda-csv"),
    path("<slug:region>/<slug:entity>.csv", views.entity_csv, name="csv"),
]
