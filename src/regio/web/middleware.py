"""One front door per audience: anonymous visitors of a signed-in page go to the public site.

The signed-in pages (the `web` namespace, `/<region>/…`) are for people with an account. An
anonymous visitor of one of them is redirected to the same item on the public site
(`/openbaar/<region>/…`, same arguments, same query) or, where the public site has no such page,
to the login page. The calendar feeds stay open: a calendar application cannot sign in, and the
feeds already show an anonymous subscriber only public meetings.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import (
    Http404,
    HttpRequest,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from regio.access.policies import region_access
from regio.meetings.selectors import body_by_former_slug
from regio.regions.models import Region
from regio.topics.selectors import topic_by_former_slug

# Signed-in page → its public counterpart, when the public site names it differently.
_PUBLIC_NAMES = {
    "index": "publication:index",
    "search": "publication:document-list",
}
# Signed-in pages that are also the public page of the same name under /openbaar/.
_SAME_NAMES = {
    "region-home",
    "topic-list",
    "topic-detail",
    "body-list",
    "body-detail",
    "meeting-list",
    "meeting-detail",
    "agreement-list",
    "agreement-detail",
    "commitment-list",
    "commitment-detail",
    "document-list",
    "document-detail",
    "timeline",
}
_OPEN_TO_ANONYMOUS = {"body-ical", "municipality-ical", "person-ical"}


def public_counterpart(url_name: str, kwargs: dict) -> str | None:
    """The public address of the signed-in page `web:<url_name>` with `kwargs`, or None."""
    target = _PUBLIC_NAMES.get(url_name) or (f"publication:{url_name}" if url_name in _SAME_NAMES else None)
    if target is None:
        return None
    try:
        return reverse(target, kwargs=kwargs)
    except NoReverseMatch:
        return None


class PublicSurfaceMiddleware:
    """Redirects anonymous visitors of the signed-in pages (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "web" or request.user.is_authenticated:
            return None
        if match.url_name in _OPEN_TO_ANONYMOUS:
            return None
        target = public_counterpart(match.url_name, match.kwargs) if request.method in ("GET", "HEAD") else None
        if target is not None:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(f"{target}?{query}" if query else target)
        return redirect_to_login(request.get_full_path())


class RejectNulMiddleware:
    """A NUL character in the address, a parameter, a cookie or a form field is a 400, not a 500.

    PostgreSQL cannot store or compare text with NUL in it, and no real visitor sends one. The
    answer names where it was found (as plain text; the API middleware makes it problem+json).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        where = _nul_in_request_line(request)
        if where:
            return _nul_response(where)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if request.method in ("GET", "HEAD", "OPTIONS") or not request.content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            return None
        for name, values in request.POST.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return _nul_response(_("the form field “%(name)s”") % {"name": name.replace("\x00", "")})
        return None


def _nul_in_request_line(request: HttpRequest) -> str:
    if "\x00" in request.path:
        return _("the address")
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return _("the parameter “%(name)s”") % {"name": name.replace("\x00", "")}
    if any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items()):
        return _("a cookie")
    return ""


def _nul_response(where: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(
        _("The request contains a NUL character in %(where)s; that is not allowed.") % {"where": where},
        content_type="text/plain; charset=utf-8",
    )


# Pages whose `slug` argument is a topic's or a body's address.
_TOPIC_PAGES = {"web:topic-detail", "web:topic-edit", "web:topic-status", "web:topic-lead", "web:topic-participation",
                "web:result-create", "web:result-edit", "publication:topic-detail"}
_BODY_PAGES = {"web:body-detail", "web:body-edit", "web:body-member-add", "web:body-ical", "publication:body-detail"}


class FormerAddressMiddleware:
    """A renamed topic or body keeps answering its old addresses: where a page of one is a 404, an
    address it had before (from its history) is a permanent redirect to the same page under its
    current address. Only for readers who may see it, so the redirect names nothing hidden."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception):
        match = request.resolver_match
        if not isinstance(exception, Http404) or match is None or request.method not in ("GET", "HEAD"):
            return None
        slug, region = match.kwargs.get("slug"), match.kwargs.get("region")
        if not slug or not region or match.view_name not in _TOPIC_PAGES | _BODY_PAGES:
            return None
        access = None
        if match.namespace == "web":
            region_obj = Region.objects.filter(slug=region).first()
            if region_obj is None:
                return None
            access = region_access(request.user, region_obj)
        find = topic_by_former_slug if match.view_name in _TOPIC_PAGES else body_by_former_slug
        item = find(region_slug=region, slug=slug, access=access)
        if item is None:
            return None
        target = reverse(match.view_name, kwargs={**match.kwargs, "slug": item.slug})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
