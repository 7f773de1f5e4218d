"""`regio token USERNAME`: print the user's API token, creating it the first time.

The token authenticates API clients (Authorization: Token <key>) with the user's own rights; the
admin lists the tokens under 'Auth Token' and can revoke one there.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from regio.access.models import SecurityEventKind
from regio.access.security import security_event_record


class Command(BaseCommand):
    help = "Print (creating if needed) the API token of a user."

    def add_arguments(self, parser):
        parser.add_argument("username", help="The user's login name.")
        parser.add_argument("--renew", action="store_true", help="Replace an existing token by a new one.")

    def handle(self, *args, username: str, renew: bool = False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user %(username)s.") % {"username": username})
        if not user.is_active:
            raise CommandError(_("User %(username)s is not active.") % {"username": username})
        with transaction.atomic():
            renewed = renew and Token.objects.filter(user=user).delete()[0] > 0
            token, created = Token.objects.get_or_create(user=user)
            if created:
                security_event_record(
                    kind=SecurityEventKind.TOKEN_RENEWED if renewed else SecurityEventKind.TOKEN_CREATED,
                    user=user, detail={"via": "regio token"},
                )
        self.stdout.write(token.key)
