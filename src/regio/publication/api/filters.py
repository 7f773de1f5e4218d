"""Query parameters: lowerCamelCase, validated, and unknown ones refused (problem+json 400)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from regio.publication.api.pagination import MAX_PAGE_SIZE

ALWAYS_ALLOWED = {"page", "pageSize", "format"}
MAX_STRING = 200
MAX_ID = 10**18 - 1  # ids are database keys; a longer number would overflow the database's integer
NO_CONTROL_CHARACTERS = r"^[^\u0000-\u001f]*$"


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "string"  # string, integer, date, boolean, choice
    choices: tuple[str, ...] = ()
    description: str = ""


def parse_params(request, params: list[Param]) -> dict:
    """The validated query parameters; every problem is reported at once."""
    known = {p.name: p for p in params}
    errors: dict[str, list[str]] = {}
    values = {}
    for key in request.query_params:
        if key not in known and key not in ALWAYS_ALLOWED:
            errors[key] = [_("Unknown query parameter. Allowed: %(allowed)s.") % {"allowed": ", ".join(sorted(known) or ["—"])}]
    for name, param in known.items():
        raw = request.query_params.get(name)
        if raw is None:
            continue
        if any(ord(c) < 32 for c in raw):
            errors[name] = [_("Contains control characters.")]
        elif param.kind == "integer":
            if not (raw.isascii() and raw.isdigit() and len(raw) <= len(str(MAX_ID))):
                errors[name] = [_("Must be a whole number.")]
            else:
                values[name] = int(raw)
        elif param.kind == "date":
            try:
                if len(raw) != 10:
                    raise ValueError(raw)
                values[name] = datetime.date.fromisoformat(raw)
            except ValueError:
                errors[name] = [_("Not a date; use YYYY-MM-DD.")]
        elif param.kind == "boolean":
            if raw not in ("true", "false"):
                errors[name] = [_("Use true or false.")]
            else:
                values[name] = raw == "true"
        elif param.kind == "choice":
            if raw not in param.choices:
                errors[name] = [_("Unknown value; use one of: %(choices)s.") % {"choices": ", ".join(param.choices)}]
            else:
                values[name] = raw
        else:
            if len(raw) > MAX_STRING:
                errors[name] = [_("Too long.")]
            else:
                values[name] = raw
    for name, low in (("page", 1), ("pageSize", 1)):
        raw = request.query_params.get(name)
        if raw is not None and (not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < low or (name == "pageSize" and int(raw) > MAX_PAGE_SIZE)):
            errors[name] = [_("Must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]
            if name == "page":
                errors[name] = [_("Must be a whole number from 1.")]
    if errors:
        raise ValidationError(errors)
    return values
