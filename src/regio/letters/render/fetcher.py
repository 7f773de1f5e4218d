"""What WeasyPrint may load while it draws a letter: our own static files and the letter's fonts.

A letter's text comes from users (titles, names, notes). Should markup ever reach the HTML — an
`<img src="file:///etc/passwd">`, a stylesheet on another server — WeasyPrint's default fetcher
would read local files and call out over the network. This fetcher refuses every URL except
`data:` URLs, the DejaVu fonts that letters/letter_base.css names, and files in the directories
Django's staticfiles finders serve. A refused resource is left out (WeasyPrint logs a warning).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint.urls import URLFetcher

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = frozenset(FONT_DIR / name for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"))


class RefusedResource(ValueError):
    pass


def static_file(path: Path) -> Path | None:
    """The file behind `path` when it is one of our static files, else None."""
    static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if str(path).startswith(static_prefix):
        try:
            found = finders.find(str(path)[len(static_prefix):])
        except SuspiciousFileOperation:  # e.g. /static/../etc/passwd
            return None
        return Path(found).resolve() if found else None
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location))
    roots += [Path(d if isinstance(d, (str, Path)) else d[1]) for d in settings.STATICFILES_DIRS]
    resolved = path.resolve()
    if any(resolved.is_relative_to(root.resolve()) for root in roots) and resolved.is_file():
        return resolved
    return None


class LetterURLFetcher(URLFetcher):
    def __init__(self, **kwargs):
        super().__init__(allow_redirects=False, **kwargs)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(unquote(parts.path))
            if path in FONT_FILES:
                return super().fetch(path.as_uri(), headers)
            found = static_file(path)
            if found is not None:
                return super().fetch(found.as_uri(), headers)
        raise RefusedResource(f"a letter may not load {url[:200]}")
