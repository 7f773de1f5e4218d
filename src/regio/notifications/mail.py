"""One e-mail as Regio sends it: Dutch, plain text and HTML from one template context, links that work
outside the site (absolute addresses), and an unsubscribe link (also as List-Unsubscribe headers)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .tokens import make_token


@dataclass(frozen=True)
class Line:
    text: str
    url: str = ""  # a path on this site or an absolute address


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[Line] = field(default_factory=list)


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.REGIO_SITE_URL.rstrip("/") + url


def build(*, user, subject: str, intro: str, sections: list[Section], kind: str) -> EmailMultiAlternatives:
    """The message for `user`; its unsubscribe link turns off `kind` only."""
    unsubscribe_url = absolute(
        reverse("notifications:unsubscribe", kwargs={"token": make_token(user_id=user.pk, kind=kind)})
    )
    context = {
        "user": user,
        "intro": intro,
        "sections": [Section(s.heading, [Line(line.text, absolute(line.url)) for line in s.lines]) for s in sections],
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": absolute(reverse("notifications:preferences")),
        "site_url": settings.REGIO_SITE_URL,
    }
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
