from django.urls import path

from regio.web import letter_views

urlpatterns = [
    path("brieven/", letter_views.letters, name="letters"),
    path("dashboard/", letter_views.dashboard, name="dashboard"),
]
