"""Signed unsubscribe links: whoever holds the link may turn off that kind of e-mail for that user, nothing more."""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing

SALT = "regio.notifications.unsubscribe"
# A link in an old e-mail still works for this long.
MAX_AGE_DAYS = 180
ALL_KINDS = "all"


class InvalidToken(Exception):
    """The link was not made by this site (forged or damaged)."""


class ExpiredToken(Exception):
    """The link was made by this site but is older than MAX_AGE_DAYS."""


@dataclass(frozen=True)
class Unsubscribe:
    user_id: int
    kind: str  # a NotificationKind value, or ALL_KINDS


def make_token(*, user_id: int, kind: str) -> str:
    return signing.dumps({"u": user_id, "k": kind}, salt=SALT)


def read_token(token: str) -> Unsubscribe:
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_DAYS * 24 * 3600)
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        raise InvalidToken
    return Unsubscribe(user_id=data["u"], kind=data["k"])
