"""REGIO_EMAIL_URL: one address for the mail server, read into Django's EMAIL_* settings."""

import pytest

from regio.conf.env import email_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"
CONSOLE = "django.core.mail.backends.console.EmailBackend"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", {"EMAIL_BACKEND": CONSOLE}),
        ("console://", {"EMAIL_BACKEND": CONSOLE}),
        (
            "smtp://regio:geheim@mail.example.org:587?tls=true",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "regio",
                "EMAIL_HOST_PASSWORD": "geheim",
                "EMAIL_USE_TLS": True,
                "EMAIL_USE_SSL": False,
                "EMAIL_TIMEOUT": 30,
            },
        ),
        (
            "smtps://noreply%40regio.example.org:p%40ss%3Aword@mail.example.org",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 465,
                "EMAIL_HOST_USER": "noreply@regio.example.org",
                "EMAIL_HOST_PASSWORD": "p@ss:word",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": True,
                "EMAIL_TIMEOUT": 30,
            },
        ),
        (
            "smtp://127.0.0.1:2525?timeout=5",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
                "EMAIL_TIMEOUT": 5,
            },
        ),
        (
            "smtp://mail.example.org?ssl=1",
            {
                "EMAIL_BACKEND": SMTP,
                "EMAIL_HOST": "mail.example.org",
                "EMAIL_PORT": 465,
                "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": True,
                "EMAIL_TIMEOUT": 30,
            },
        ),
    ],
)
def test_email_urls(url, expected):
    assert email_settings(url) == expected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://mail.example.org", "use smtp://"),
        ("smtp://", "names no mail server"),
        ("smtp://mail.example.org:poort", "port is not a number"),
        ("smtp://mail.example.org?tls=1&ssl=1", "not both"),
        ("smtp://mail.example.org?starttls=1", "unknown option(s) starttls"),
        ("smtp://mail.example.org?tls=misschien", "expected one of"),
    ],
)
def test_a_wrong_email_url_is_refused_with_the_reason(url, reason):
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        email_settings(url)
