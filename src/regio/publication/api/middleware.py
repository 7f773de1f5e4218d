"""Headers every API response carries, and problem+json for what Django answers outside DRF."""

from __future__ import annotations

from django.utils.translation import gettext as _

from regio.publication.api import API_VERSION
from regio.publication.api.problems import problem_response

API_PREFIX = "/api/"
OPENAPI_PATH = "/api/v1/openapi.json"


class ApiMiddleware:
    """For /api/ paths: the API-Version header, security headers, CORS for the OpenAPI document,
    problem+json instead of HTML for 404/500, 404 instead of a redirect, and 413 for bodies over the limit."""

    max_body_bytes = 1024 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")):
            return self.get_response(request)
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > self.max_body_bytes:
            response = problem_response(413, _("The request body is larger than %(limit)d bytes.") % {"limit": self.max_body_bytes}, request)
        else:
            response = self.get_response(request)
            if response.status_code in (301, 302, 307, 308):
                # The API never redirects: CommonMiddleware's APPEND_SLASH (or a site page under /api/)
                # would send a client to another address; NL API Design Rules want a 404 instead.
                response = problem_response(404, _("There is no resource at this address."), request)
            elif response.status_code == 400 and response.get("Content-Type", "").startswith("text/plain"):
                # A request the site refuses before any view (e.g. a NUL character): its reason, as problem+json.
                response = problem_response(400, response.content.decode(), request)
            elif response.status_code in (404, 500) and "json" not in response.get("Content-Type", ""):
                detail = _("There is no resource at this address.") if response.status_code == 404 else _("Something went wrong on our side.")
                response = problem_response(response.status_code, detail, request)
        response["API-Version"] = API_VERSION
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        response["Referrer-Policy"] = "no-referrer"
        response["Strict-Transport-Security"] = "max-age=31536000"
        if request.path == OPENAPI_PATH or request.method == "GET":
            # Public read access: any origin may read (the API carries no cookies for this).
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "API-Version"
        return response
