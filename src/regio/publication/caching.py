"""HTTP caching of what the public reads: the public site, the open-data exports and the API.

Versions, not time: every change raises its region's change counter in the changing transaction
(regio.core.changes), so a public page's version is its region's counter (the API's and exports'
version is taken over all regions), plus the language, plus the current hour for what depends on the
clock (a meeting becomes "held", a commitment "overdue"). From that version:

- ``ETag`` and ``Last-Modified``; a conditional GET that matches is answered 304 before any view
  runs, so nothing is read but the counter and nothing is rendered;
- for anonymous visitors the whole response is kept in Django's cache (Redis in production through
  ``REGIO_CACHE_URL``, local memory by default), keyed by the version and the address, so a change
  shows at once: the next request after a write has a new version and misses the old entry;
- ``Cache-Control: public, max-age=60, stale-while-revalidate=…`` for anonymous visitors, and
  ``private, no-store`` whenever someone is signed in (or an API token is sent).

The CSRF token of the public language form differs per visitor: a cached page is stored with a
placeholder in its place and gets the visitor's own token when served.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from regio.regions.models import Region

PUBLIC_PREFIX = "/openbaar/"
API_PREFIX = "/api/v1/"
GLOBAL_PREFIXES = (API_PREFIX, "/open-data/")
UNCACHED_PATHS = ("/api/v1/openapi.json",)
MAX_AGE = 60
STALE_WHILE_REVALIDATE = 300
CACHE_TIMEOUT = 24 * 3600
_CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"regio-csrf-token-placeholder"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link", "API-Version", "ETag")


def exact_item_etag(item_tag: str, variant: str) -> str:
    """An item's version tag ("topic-12-v3") with what makes it exact for one answer: "topic-12-v3.<variant>".

    The answer also holds related rows (names, results) that change without the item's version; the variant
    (the region's change tag, or the answer's checksum) changes with them, so If-None-Match gives no stale 304.
    If-Match compares only the part before the dot (publication.api.conditional)."""
    return f'{item_tag.rstrip(chr(34))}.{variant[:16]}"'


class Version:
    """What a public response is derived from: a tag and the time of the last change."""

    def __init__(self, tag: str, changed_at):
        self.tag = tag
        self.changed_at = changed_at


def _region_slug(path: str) -> str | None:
    rest = path[len(PUBLIC_PREFIX):]
    slug = rest.split("/", 1)[0]
    return slug or None


def clock_hour() -> str:
    """The current local hour as a cache key part, for what changes with the clock as well as the data
    (overdue and due-soon signals): kept at most until the hour turns."""
    return timezone.localtime().strftime("%Y%m%d%H")


def public_version(request: HttpRequest) -> Version | None:
    """The version of the public data this request reads, or None when it is not cacheable."""
    path = request.path
    hour = clock_hour()
    if path.startswith(PUBLIC_PREFIX):
        slug = _region_slug(path)
        if slug is None:
            return None
        row = Region.objects.filter(slug=slug).values_list("pk", "change_count", "changed_at").first()
        if row is None:
            return None
        pk, count, changed_at = row
        return Version(f"r{pk}.{count}.{hour}", changed_at)
    if path.startswith(GLOBAL_PREFIXES) and path not in UNCACHED_PATHS:
        # Every change raises one counter by one, so (number of regions, highest id, sum) changes with it.
        totals = Region.objects.aggregate(n=Count("pk"), top=Max("pk"), total=Sum("change_count"), at=Max("changed_at"))
        return Version(f"g{totals['n']}.{totals['top']}.{totals['total']}.{hour}", totals["at"])
    return None


def _is_anonymous(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    return not signed_in and "HTTP_AUTHORIZATION" not in request.META


def _cache_key(request: HttpRequest, version: Version, language: str) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"regio:page:{version.tag}:{language}:{request.method == 'HEAD'}:{address}"


class PublicCacheMiddleware:
    """ETag, Last-Modified, 304, whole-response cache and Cache-Control (see the module docstring).

    Sits after the locale and authentication middleware: it needs the language and the user."""

    def __init__(self, get_response):
        self.get_response = get_response

    @property
    def cache(self):
        return caches["pages"]

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        version = public_version(request)
        if version is None:
            return self._private(request, self.get_response(request))
        if not _is_anonymous(request):
            return self._private(request, self.get_response(request), force=True)

        language = get_language() or settings.LANGUAGE_CODE
        etag = f'"{hashlib.sha256(f"{version.tag}:{language}".encode()).hexdigest()[:20]}"'
        last_modified = self._last_modified(version)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._public(not_modified, etag, last_modified)

        key = _cache_key(request, version, language)
        stored = self.cache.get(key)
        if stored is not None:
            response = self._from_stored(request, stored)
            response["X-Regio-Cache"] = "hit"
            return self._answer(request, response, etag, last_modified)

        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            self.cache.set(key, self._to_stored(response), CACHE_TIMEOUT)
            response["X-Regio-Cache"] = "miss"
        return self._answer(request, response, etag, last_modified)

    def _answer(self, request: HttpRequest, response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
        if "ETag" in response and response.status_code == 200:
            # The view's own item tag (what If-Match checks; kept as the view gave it in the cache), made
            # exact for this answer with the data's change tag; If-None-Match with it is answered 304.
            response["ETag"] = exact_item_etag(response["ETag"], etag.strip('"'))
            not_modified = get_conditional_response(request, etag=response["ETag"], response=response)
            if not_modified is not None:
                return self._public(not_modified, etag, last_modified)
        return self._public(response, etag, last_modified)

    @staticmethod
    def _last_modified(version: Version):
        # The clock is part of the version (see the module docstring): no earlier than this hour.
        hour = timezone.localtime().replace(minute=0, second=0, microsecond=0)
        changed_at = version.changed_at
        moment = max(changed_at, hour) if changed_at else hour
        return int(moment.timestamp())

    @staticmethod
    def _public(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
        if response.status_code in (200, 304) and "ETag" not in response:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
        if response.status_code in (200, 304, 404) and "Cache-Control" not in response:
            response["Cache-Control"] = (
                f"public, max-age={MAX_AGE}, stale-while-revalidate={STALE_WHILE_REVALIDATE}"
            )
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def _private(request: HttpRequest, response: HttpResponse, *, force: bool = False) -> HttpResponse:
        if force or not _is_anonymous(request):
            response["Cache-Control"] = "private, no-store"
            if request.path.startswith(API_PREFIX) and response.status_code == 200 and not response.streaming:
                # What a signed-in client reads depends on its rights, so its tag is its answer's own
                # checksum: exact for every client, and If-None-Match with it is answered 304. A view's own
                # item tag (what If-Match checks) is kept in front of the checksum.
                item_tag = response.get("ETag")
                set_response_etag(response)
                if item_tag:
                    response["ETag"] = exact_item_etag(item_tag, response["ETag"].strip('"'))
                not_modified = get_conditional_response(request, etag=response["ETag"], response=response)
                if not_modified is not None:
                    not_modified["Cache-Control"] = "private, no-store"
                    return not_modified
        return response

    @staticmethod
    def _to_stored(response: HttpResponse) -> tuple:
        content = _CSRF_FIELD.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
        headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
        return response.status_code, content, headers

    @staticmethod
    def _from_stored(request: HttpRequest, stored: tuple) -> HttpResponse:
        status, content, headers = stored
        if _CSRF_PLACEHOLDER in content:
            content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        return response
