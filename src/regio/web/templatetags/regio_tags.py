"""Small template helpers of the web interface."""

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`mapping|lookup:key` — a dictionary value in a template."""
    return mapping.get(key, "") if mapping else ""


@register.filter
def visible(item, access):
    """`agreement.topic|visible:request.access` — the item, or None when the reader may not see it."""
    if item is None or access is None or not access.can_view(item):
        return None
    return item


@register.filter
def visible_only(items, access):
    """`body.topics.all|visible_only:request.access` — the items the reader may see."""
    if access is None:
        return []
    return [item for item in items if access.can_view(item)]
