"""URLs of the meeting pages (under /<region>/), in the web namespace."""

urlpatterns: list = []
