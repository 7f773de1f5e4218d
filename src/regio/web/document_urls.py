"""URLs of the document pages (upload, review, search) under /<region>/, in the web namespace."""

urlpatterns: list = []
