"""URLs of the analysis pages (under /<region>/), in the web namespace."""

urlpatterns: list = []
