"""Errors as problem+json (RFC 9457), listing every invalid field, with a Dutch `detail`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_TYPE = "https://regio.example/problemen/"  # stable identifiers; not fetched by clients
TITLES = {
    400: gettext_lazy("Invalid request"),
    401: gettext_lazy("Not authenticated"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Conflict"),
    412: gettext_lazy("Precondition failed"),
    413: gettext_lazy("Request too large"),
    415: gettext_lazy("Unsupported media type"),
    429: gettext_lazy("Too many requests"),
    500: gettext_lazy("Internal error"),
}
CODES = {400: "invalid", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
         405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 412: "precondition_failed",
         413: "too_large", 415: "unsupported_media_type", 429: "throttled", 500: "error"}


def problem(status_code: int, detail: str, *, invalid_params: list[dict] | None = None, instance: str = "") -> dict:
    body = {
        "type": PROBLEM_TYPE + CODES.get(status_code, "error"),
        "code": CODES.get(status_code, "error"),
        "title": str(TITLES.get(status_code, _("Error"))),
        "status": status_code,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error detail → [{"name", "code", "reason"}, ...] for every invalid field."""
    params = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = key if not prefix else f"{prefix}.{key}"
            if key == "non_field_errors":
                name = prefix or "nonFieldErrors"
            params += _flatten(value, name)
    elif isinstance(detail, list):
        for i, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                params += _flatten(value, f"{prefix}.{i}" if prefix else str(i))
            else:
                params += _flatten(value, prefix)
    else:
        params.append({"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"), "reason": str(detail)})
    return params


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = gettext_lazy("Someone else changed this at the same moment; fetch it again and retry.")
    default_code = "conflict"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_detail = gettext_lazy("This has been changed since you fetched it; fetch it again and retry.")
    default_code = "precondition_failed"


def exception_handler(exc, context):
    if isinstance(exc, IntegrityError):
        # A unique constraint lost a race the service's lock did not foresee: the client may retry.
        exc = Conflict()
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"nonFieldErrors": exc.messages}
        )
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        # Django's own "No Topic matches the given query." is neither translated nor meant for clients.
        message = str(exc)
        if not message or message.startswith("No ") and message.endswith(" matches the given query."):
            message = _("There is no such resource, or it is not public.")
        exc = exceptions.NotFound(message)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, exceptions.Throttled):
        seconds = max(1, int(exc.wait or 1))
        response["Retry-After"] = str(seconds)
        body = problem(429, _("Too many requests in a short time. Try again in %(seconds)s seconds.")
                       % {"seconds": seconds}, instance=instance)
    elif isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        body = problem(400, _("The request has %(count)d invalid parameter(s); see invalidParams.") % {"count": len(params)},
                       invalid_params=params, instance=instance)
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        body = problem(response.status_code, detail, instance=instance)
    response.data = body
    response.content_type = "application/problem+json"
    return response


def problem_response(status_code: int, detail: str, request=None) -> JsonResponse:
    """A problem+json response outside DRF's views (404 for unknown paths, 413, 500)."""
    body = problem(status_code, detail, instance=request.path if request is not None else "")
    return JsonResponse(body, status=status_code, content_type="application/problem+json",
                        json_dumps_params={"ensure_ascii": False})



class api_field_names:
    """Report a service's validation errors under the API's field names (e.g. decided_on → datum)."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, DjangoValidationError) and hasattr(exc, "error_dict"):
            renamed = {self.mapping.get(field, field): errors for field, errors in exc.error_dict.items()}
            raise DjangoValidationError(renamed) from exc
        return False
