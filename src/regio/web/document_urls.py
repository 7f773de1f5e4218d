"""URLs of the document pages (upload, list, detail, search) under /<region>/, in the web namespace."""

from django.urls import path

from regio.web import document_views

urlpatterns = [
    path("documenten/", document_views.document_list, name="document-list"),
    path("documenten/nieuw/", document_views.document_upload, name="document-upload"),
    path("documenten/<int:pk>/", document_views.document_detail, name="document-detail"),
    path("zoeken/", document_views.search_page, name="search"),
]
