"""URLs of the agreement and commitment pages (under /<region>/), in the web namespace."""

from django.urls import path

from regio.web import agreement_views as views

urlpatterns = [
    path("afspraken/", views.agreement_list, name="agreement-list"),
    path("afspraken/nieuw/", views.agreement_create, name="agreement-create"),
    path("afspraken/<int:pk>/", views.agreement_detail, name="agreement-detail"),
    path("afspraken/<int:pk>/bewerken/", views.agreement_edit, name="agreement-edit"),
    path("afspraken/<int:pk>/besluit/<slug:municipality>/", views.agreement_decision, name="agreement-decision"),
    path("toezeggingen/", views.commitment_list, name="commitment-list"),
    path("toezeggingen/nieuw/", views.commitment_create, name="commitment-create"),
    path("toezeggingen/<int:pk>/", views.commitment_detail, name="commitment-detail"),
    path("toezeggingen/<int:pk>/bewerken/", views.commitment_edit, name="commitment-edit"),
    path("toezeggingen/<int:pk>/nagekomen/", views.commitment_fulfil, name="commitment-fulfil"),
    path("toezeggingen/<int:pk>/intrekken/", views.commitment_withdraw, name="commitment-withdraw"),
    path("gemeenten/<slug:slug>/toezeggingen/", views.council_commitments, name="council-commitments"),
]
