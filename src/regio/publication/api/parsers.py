"""The API's JSON parser: DRF's, refusing text with a NUL character (PostgreSQL cannot store it)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


def _nul_path(value, path: str = "") -> str | None:
    """The dotted name of the first string (or key) in `value` that holds a NUL character."""
    if isinstance(value, str):
        return path or "body" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if "\x00" in str(key):
                return name.replace("\x00", "")
            found = _nul_path(item, name)
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_path(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        field = _nul_path(data)
        if field:
            message = _("The field “%(field)s” contains a NUL character; that is not allowed.")
            raise ParseError(message % {"field": field})
        return data
