"""Following changes without the domain apps knowing who follows them.

Two kinds of report, both made by the services inside their own transaction:

- `entry_changed(instance)` for each topic, meeting, agreement or commitment changed; an app that
  keeps something derived (the search index) registers a listener in its AppConfig.ready().
- `region_changed(instance)` for any change to a region's data. It raises the region's change
  counter (regions app) in the same transaction, so ETags, 304s and cached pages keyed by the
  counter are exact: a page cached before a write is never served after it. `validated_save` and
  `entry_changed` report it themselves; services that write otherwise (deletes, bulk inserts,
  queryset updates) call it explicitly.

The dependencies still point one way: core imports no domain app; the regions app registers the
counter with `on_region_changed` and tells which regions an object belongs to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

_listeners: list[Callable[[object], None]] = []
_region_listeners: list[Callable[[Iterable[int]], None]] = []

# Attributes through which an object reaches its region, tried in this order.
_PARENTS = ("topic", "meeting", "agreement", "vision", "document", "body", "commitment", "finding")


def on_entry_changed(listener: Callable[[object], None]) -> Callable[[object], None]:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def on_region_changed(listener: Callable[[Iterable[int]], None]) -> Callable[[Iterable[int]], None]:
    if listener not in _region_listeners:
        _region_listeners.append(listener)
    return listener


def entry_changed(instance) -> None:
    region_changed(instance)
    for listener in _listeners:
        listener(instance)


def region_ids_of(instance) -> set[int]:
    """The regions whose data `instance` is part of: its own region, its parent's, or a
    municipality's regions. Empty for objects outside any region (a person, an organisation)."""
    if instance is None:
        return set()
    if getattr(instance, "_meta", None) is not None and instance._meta.label == "regions.Region":
        return {instance.pk} if instance.pk else set()
    region_id = getattr(instance, "region_id", None)
    if region_id:
        return {region_id}
    if getattr(instance, "_meta", None) is not None and instance._meta.label == "regions.Municipality":
        return set(instance.memberships.values_list("region_id", flat=True)) if instance.pk else set()
    for parent in _PARENTS:
        if getattr(instance, f"{parent}_id", None):
            return region_ids_of(getattr(instance, parent))
    return set()


def region_changed(*instances, region_ids: Iterable[int] = ()) -> None:
    """Report a change to the data of the regions these objects (or ids) belong to."""
    ids = set(region_ids)
    for instance in instances:
        ids |= region_ids_of(instance)
    if ids:
        for listener in _region_listeners:
            listener(sorted(ids))
