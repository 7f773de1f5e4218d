from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("account/meldingen/", views.preferences, name="preferences"),
    path("meldingen/afmelden/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
