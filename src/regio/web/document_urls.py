"""URLs of the document pages (upload, list, detail, search) under /<region>/, in the web namespace."""

from django.urls import path

from regio.web import document_views

urlpatterns = [
    path("documenten/", document_views.document_list, name="document-list"),
    path("documenten/nieuw/", document_views.document_upload, name="document-upload"),
    path("documenten/verwerking/", document_views.upload_jobs, name="upload-jobs"),
    path("documenten/verwerking/<int:pk>/", document_views.upload_job, name="upload-job"),
    path("documenten/verwerking/<int:pk>/opnieuw/", document_views.upload_job_retry, name="upload-job-retry"),
    path("documenten/<int:pk>/", document_views.document_detail, name="document-detail"),
    path("zoeken/", document_views.search_page, name="search"),
]

# --- the review screen (documents/review.py) ---------------------------------------------------
from regio.web import review_views  # noqa: E402

urlpatterns += [
    path("documenten/<int:pk>/beoordelen/", review_views.document_review, name="document-review"),
    path("documenten/<int:pk>/beoordelen/<int:finding_pk>/accepteren/", review_views.finding_accept,
         name="finding-accept"),
    path("documenten/<int:pk>/beoordelen/<int:finding_pk>/bewerken/", review_views.finding_edit, name="finding-edit"),
    path("documenten/<int:pk>/beoordelen/<int:finding_pk>/afwijzen/", review_views.finding_reject,
         name="finding-reject"),
    path("documenten/<int:pk>/beoordelen/<int:finding_pk>/ongedaan/", review_views.finding_undo,
         name="finding-undo"),
    path("documenten/<int:pk>/beoordelen/groep/<slug:kind>/", review_views.group_review, name="finding-group"),
]
