"""A real OpenID provider for the single sign-on tests: a tiny Django project with django-oauth-toolkit's
OIDC support, written into a temporary folder and served by `runserver` in its own process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "regio-test"
CLIENT_SECRET = "regio-test-geheim-van-de-client"
REDIRECT_URI = "http://testserver/account/sso/callback/"


@dataclass
class Provider:
    url: str

    def endpoints(self) -> dict[str, str]:
        return {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/o/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/o/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/o/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/o/.well-known/jwks.json",
        }


SETTINGS = """
SECRET_KEY = "provider-only-for-tests"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "oauth2_provider"]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "provider_urls"
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
TEMPLATES = [{{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}}]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/inloggen"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
OAUTH2_PROVIDER = {{
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": {key!r},
    "SCOPES": {{"openid": "OpenID Connect", "email": "e-mail", "profile": "profile"}},
    "OAUTH2_VALIDATOR_CLASS": "provider_validator.Validator",
    "PKCE_REQUIRED": True,
}}
"""

URLS = """
from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path


def sign_in(request):
    # The provider's own sign-in, reduced to what a test needs: user name and password in the query.
    user = authenticate(request, username=request.GET["username"], password=request.GET["password"])
    if user is None:
        return HttpResponse("wrong password", status=403)
    login(request, user)
    return HttpResponseRedirect(request.GET["next"])


urlpatterns = [
    path("inloggen", sign_in),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
"""

VALIDATOR = """
from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "email": "email", "email_verified": "email"}

    def get_additional_claims(self, request):
        user = request.user
        return {"email": user.email, "email_verified": True, "name": user.get_full_name(),
                "preferred_username": user.username}
"""

SETUP = """
from django.contrib.auth import get_user_model
from oauth2_provider.models import get_application_model

User = get_user_model()
for username, email in {people!r}:
    User.objects.create_user(username=username, email=email, password="wachtwoord-bij-de-provider")
get_application_model().objects.create(
    name="Regio", client_id={client_id!r}, client_secret={client_secret!r},
    client_type="confidential", authorization_grant_type="authorization-code",
    redirect_uris={redirect!r}, algorithm="RS256", skip_authorization=True,
)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oidc_provider(folder: Path, *, people: list[tuple[str, str]]) -> Iterator[Provider]:
    """Serve a provider that knows `people` ((user name, e-mail), password 'wachtwoord-bij-de-provider')."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    (folder / "provider_settings.py").write_text(SETTINGS.format(db=str(folder / "provider.sqlite3"), key=key))
    (folder / "provider_urls.py").write_text(textwrap.dedent(URLS))
    (folder / "provider_validator.py").write_text(textwrap.dedent(VALIDATOR))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="provider_settings", PYTHONPATH=str(folder))
    django_admin = [sys.executable, "-m", "django"]
    run = dict(env=env, cwd=folder, capture_output=True, text=True, timeout=300)
    done = subprocess.run([*django_admin, "migrate", "-v", "0"], **run)
    assert done.returncode == 0, done.stderr[-3000:]
    setup = SETUP.format(people=people, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, redirect=REDIRECT_URI)
    done = subprocess.run([*django_admin, "shell", "-c", setup], **run)
    assert done.returncode == 0, done.stderr[-3000:]
    port = _free_port()
    process = subprocess.Popen(
        [*django_admin, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/o/.well-known/jwks.json", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the OpenID provider did not start")
        yield Provider(url)
    finally:
        process.terminate()
        process.wait(timeout=10)
