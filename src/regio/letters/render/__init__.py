"""Renderers of a composed letter: HTML, PDF (WeasyPrint) and Word (python-docx), behind one registry.

`render(letter, "pdf")` returns the file's bytes; `renderer_for(name)` gives the renderer itself
(its media type and file extension). All three walk the same `Letter`, so they cannot drift apart.
"""

from __future__ import annotations

from regio.letters.render import docx, html, pdf  # noqa: F401  (registers the renderers)
from regio.letters.render.base import REGISTRY, Renderer, renderer_for

FORMATS = ("html", "pdf", "docx")


def render(letter, name: str) -> bytes:
    return renderer_for(name).render(letter)


__all__ = ["FORMATS", "REGISTRY", "Renderer", "render", "renderer_for"]
