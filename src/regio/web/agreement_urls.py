"""URLs of the agreement pages (under /<region>/), in the web namespace."""

urlpatterns: list = []
