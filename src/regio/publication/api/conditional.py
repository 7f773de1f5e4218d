"""No lost updates through the API: an item's ETag from its version (core.versions), and If-Match on its writes.

A write that sends If-Match is checked under a row lock taken in the writing transaction, so no other edit can
come between the check and the write; a mismatch is 412 problem+json naming the current tag, nothing saved. A
write without If-Match is not checked."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from regio.publication.api.problems import PreconditionFailed


def item_etag(kind: str, pk: int, version: int) -> str:
    """The entity tag of one stored item: its kind, id and the version its edits raise, e.g. "topic-12-v3"."""
    return f'"{kind}-{pk}-v{version}"'


def if_match(request) -> list[str] | None:
    """The entity tags of the request's If-Match header, or None without one; a tag a GET answered
    ("topic-12-v3.<variant>", see publication.caching.exact_item_etag) counts as the version's tag."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    return [_version_part(tag.strip()) for tag in header.split(",") if tag.strip()]


def _version_part(tag: str) -> str:
    if tag.startswith('"') and tag.endswith('"') and "." in tag:
        return tag[: tag.index(".")] + '"'
    return tag


def require_if_match(request, *, kind: str, pk: int | None, locked_version: Callable[[], int | None]) -> None:
    """Refuse the write with 412 when If-Match names no current tag of the item. Call it inside the writing
    transaction: `locked_version` reads the stored version under select_for_update (None: no such item yet)."""
    tags = if_match(request)
    if tags is None:
        return
    version = locked_version() if pk is not None else None
    if version is None:
        raise PreconditionFailed(
            _("If-Match names %(sent)s, but there is nothing stored here yet for it to match. Nothing has been saved; "
              "send the write without If-Match to create it.") % {"sent": ", ".join(tags)}
        )
    current = item_etag(kind, pk, version)
    if "*" not in tags and current not in tags:
        raise PreconditionFailed(
            _("This has been changed since you fetched it: its ETag is now %(etag)s, not %(sent)s. Nothing has been "
              "saved; fetch it again and retry.") % {"etag": current, "sent": ", ".join(tags)}
        )
