"""The one place where settings are read from the environment, with types and clear errors."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def as_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected one of {sorted(_TRUE | _FALSE - {''})}")


def as_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def as_storage(raw: str) -> dict:
    """A STORAGES entry from a URL: file:///path, or s3://bucket/prefix?endpoint_url=…&region_name=…"""
    from urllib.parse import parse_qs, urlsplit

    url = urlsplit(raw.strip())
    if url.scheme == "file" and url.path.startswith("/"):
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": url.path}}
    if url.scheme == "s3" and url.netloc:
        options = {"bucket_name": url.netloc, "location": url.path.strip("/"), "file_overwrite": False,
                   "default_acl": None, "querystring_auth": True}
        for key, values in parse_qs(url.query).items():
            if key not in ("endpoint_url", "region_name", "addressing_style", "signature_version"):
                raise ValueError(f"unknown option {key!r}")
            options[key] = values[-1]
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    raise ValueError("expected file:///absolute/path or s3://bucket/prefix")


def env(name: str, default: T, *, cast: Callable[[str], T] = str) -> T:
    """Return environment variable `name` converted by `cast`, or `default` when it is unset."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return cast(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: {exc}") from exc


def email_settings(url: str) -> dict[str, object]:
    """Django's EMAIL_* settings from one address.

    ``smtp://user:password@host:587?tls=true`` (STARTTLS), ``smtps://user:password@host:465`` (TLS from the
    start; also ``?ssl=true``), optional ``timeout=`` seconds; ``console://`` prints e-mails (the default in
    development); an empty value means the console too. User name and password may be %-encoded.
    """
    from urllib.parse import parse_qs, unquote, urlsplit

    if not url or url.strip() == "console://":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url.strip())
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError("use smtp://user:password@host:port, smtps://… or console://")
    if not parts.hostname:
        raise ValueError("the address names no mail server (host)")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(query) - {"tls", "ssl", "timeout"}
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(sorted(unknown))}; known: tls, ssl, timeout")
    use_ssl = parts.scheme == "smtps" or as_bool(query.get("ssl", "false"))
    use_tls = as_bool(query.get("tls", "false"))
    if use_ssl and use_tls:
        raise ValueError("choose tls (STARTTLS) or ssl, not both")
    try:
        port = parts.port or (465 if use_ssl else 25)
    except ValueError as exc:  # a port that is not a number
        raise ValueError("the port is not a number") from exc
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_TIMEOUT": int(query["timeout"]) if "timeout" in query else 30,
    }
