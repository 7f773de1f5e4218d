"""Small template helpers of the web interface."""

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`mapping|lookup:key` — a dictionary value in a template."""
    return mapping.get(key, "") if mapping else ""
