"""Small template helpers of the web interface."""

from urllib.parse import quote

from django import template
from django.template import TemplateSyntaxError, Variable
from django.templatetags.cache import CacheNode
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

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


# What `{% csrf_token %}` writes inside a cached fragment; each answer gets the reader's own token in its place.
CSRF_SLOT = "regio-csrf-slot"
# The open last argument of an address made once for a whole list (`address_pattern`, `|fill`).
ADDRESS_SLOT = "regio-address-slot"
FRAGMENT_TIMEOUT = 24 * 3600


class FragmentNode(CacheNode):
    """`{% cache %}` in the "pages" cache that may hold forms: their CSRF token is kept as a slot.

    The fragment is the same for every reader with the same key, so it must not keep one reader's
    token; it is stored with CSRF_SLOT, and every answer fills in the current request's token."""

    def render(self, context):
        token = context.get("csrf_token")
        if not token or token == "NOTPROVIDED":
            return super().render(context)
        with context.push(csrf_token=CSRF_SLOT):
            html = super().render(context)
        return mark_safe(html.replace(CSRF_SLOT, conditional_escape(str(token))))


@register.tag("fragment")
def do_fragment(parser, token):
    """`{% fragment name key1 key2 … %}…{% endfragment %}`: the part between, cached in the "pages" cache under
    its name and keys for a day (see FragmentNode). The keys must name everything the part shows differently:
    the region's change counter for its data, the language, and the reader's rights where it shows edit links."""
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    bits = token.split_contents()
    if len(bits) < 2:
        raise TemplateSyntaxError(f"'{bits[0]}' needs a name.")
    return FragmentNode(nodelist, Variable(str(FRAGMENT_TIMEOUT)), bits[1],
                        [parser.compile_filter(bit) for bit in bits[2:]], Variable('"pages"'))


def address_pattern(viewname: str, *args) -> str:
    """The address of `viewname` with `args` and one more, left open: reversed once for a whole list."""
    return reverse(viewname, args=[*args, ADDRESS_SLOT])


@register.filter
def fill(pattern: str, value) -> str:
    """`pattern|fill:row.municipality.slug` — an `address_pattern` with its open argument filled in."""
    return pattern.replace(ADDRESS_SLOT, quote(str(value), safe=""))
