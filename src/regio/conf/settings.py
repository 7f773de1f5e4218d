"""Django settings. Every value that differs per machine comes from the environment (see conf.env)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from regio.conf.env import as_bool, as_list, as_storage, email_settings, env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(env("REGIO_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEBUG = env("REGIO_DEBUG", True, cast=as_bool)
DEVELOPMENT_SECRET = "regio-development-secret-not-for-production"
SECRET_KEY = env("REGIO_SECRET_KEY", DEVELOPMENT_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET):
    raise ImproperlyConfigured(
        "REGIO_SECRET_KEY must be set to a long random value when REGIO_DEBUG is off."
    )
ALLOWED_HOSTS = env(
    "REGIO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [], cast=as_list
)
CSRF_TRUSTED_ORIGINS = env("REGIO_CSRF_TRUSTED_ORIGINS", [], cast=as_list)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",
    "regio.core",
    "regio.regions",
    "regio.access",
    "regio.visions",
    "regio.topics",
    "regio.meetings",
    "regio.commitments",
    "regio.documents",
    "regio.letters",
    "regio.regionfiles",
    "regio.jobs",
    "regio.arrangements",
    "regio.notifications",
    "regio.publication",
    "regio.web",
]

MIDDLEWARE = [
    "regio.core.uploads.BodySizeLimitMiddleware",
    "regio.publication.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "regio.web.middleware.RejectNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regio.web.middleware.PublicSurfaceMiddleware",
    "regio.web.middleware.FormerAddressMiddleware",
    "regio.publication.caching.PublicCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "regio.access.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "regio.conf.urls"
WSGI_APPLICATION = "regio.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASE_URL = env("REGIO_DATABASE_URL", "")
if not DATABASE_URL:
    # The embedded default: a SQLite file under ./var/, created on first use.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'regio.sqlite3'}"
# A new connection per request costs more than a signed-in page that its caches serve (measured 2 ms on
# SQLite, 10 ms on PostgreSQL), so production servers keep theirs for a minute, checked before reuse. The
# development server (`regio serve`) runs each request in a new thread, where a kept connection only lingers.
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env("REGIO_DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60, cast=int),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; a writer waits for the lock up to the busy
    # timeout instead of failing at once ("database is locked"). Bulk loads commit in short batches
    # on SQLite (regionfiles.services), so a web write never waits long.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=env("REGIO_SQLITE_BUSY_TIMEOUT", 30, cast=int),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Whole public pages and template fragments, keyed by the regions' change counters
# (regio.publication.caching). Redis when several processes serve the site, e.g.
# REGIO_CACHE_URL=redis://127.0.0.1:6379/1; local memory in the embedded default.
CACHE_URL = env("REGIO_CACHE_URL", "")
CACHE_PREFIX = env("REGIO_CACHE_PREFIX", "regio")
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": f"{CACHE_PREFIX}-{alias}"}
    if CACHE_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias, "OPTIONS": {"MAX_ENTRIES": 5000}}
    for alias in ("default", "pages")  # "pages": whole public pages and signed-in fragments
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out user name + address before a password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "regio.access.oidc.RegioOIDCBackend",  # does nothing unless REGIO_OIDC_* is configured
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:index"
LOGOUT_REDIRECT_URL = "web:index"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env("REGIO_STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = Path(env("REGIO_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Where originals (and uploads waiting for a job) are kept, shared by every web server and worker:
# unset or file:///path — a folder (a shared volume when there are several machines);
# s3://bucket/prefix?endpoint_url=…&region_name=… — S3-compatible storage through django-storages
# (needs boto3; credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role).
MEDIA_STORAGE = env("REGIO_MEDIA_URL", None, cast=as_storage)
if MEDIA_STORAGE:
    STORAGES["default"] = MEDIA_STORAGE
    if MEDIA_STORAGE["BACKEND"] == "django.core.files.storage.FileSystemStorage":
        MEDIA_ROOT = Path(MEDIA_STORAGE["OPTIONS"]["location"])

# Limits for documents that come in (uploads and imports).
REGIO_MAX_UPLOAD_MB = env("REGIO_MAX_UPLOAD_MB", 50, cast=int)

# E-mail (notifications): one address for the mail server; the console in development.
_EMAIL = env("REGIO_EMAIL_URL", email_settings(""), cast=email_settings)
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = _EMAIL.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _EMAIL.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _EMAIL.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _EMAIL.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _EMAIL.get("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("REGIO_EMAIL_FROM", "Regio <regio@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The site's own address, for links in e-mails (which are read outside the site).
REGIO_SITE_URL = env("REGIO_SITE_URL", "http://127.0.0.1:8000")
REGIO_MAX_PAGES = env("REGIO_MAX_PAGES", 500, cast=int)
REGIO_MAX_IMAGE_PIXELS = env("REGIO_MAX_IMAGE_PIXELS", 50_000_000, cast=int)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files go to a temporary file on disk as they arrive, never into memory (core/uploads.py).
FILE_UPLOAD_HANDLERS = ["regio.core.uploads.LimitedTemporaryFileUploadHandler"]

# Background jobs (regio.jobs): Celery workers when a broker is configured, else a thread of the
# server process (the embedded default); "eager" runs a job in the request itself (tests, scripts).
REGIO_BROKER_URL = env("REGIO_BROKER_URL", "")
REGIO_JOBS_MODE = env("REGIO_JOBS_MODE", "celery" if REGIO_BROKER_URL else "thread")
if REGIO_JOBS_MODE not in ("celery", "thread", "eager"):
    raise ImproperlyConfigured(f"REGIO_JOBS_MODE={REGIO_JOBS_MODE!r} is not valid: use celery, thread or eager.")
if REGIO_JOBS_MODE == "celery" and not REGIO_BROKER_URL:
    raise ImproperlyConfigured("REGIO_JOBS_MODE=celery needs REGIO_BROKER_URL (e.g. redis://127.0.0.1:6379/0).")
CELERY_BROKER_URL = REGIO_BROKER_URL or "memory://"
CELERY_TASK_DEFAULT_QUEUE = env("REGIO_JOB_QUEUE", "regio")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE  # the beat schedule's hours are Dutch time

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): only our own files; no inline script or style. The one
# exception is a letter preview's stylesheet, which carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],  # the nonce only appears when a page uses request.csp_nonce
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# Permissions-Policy (django-permissions-policy): no page needs any of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen",
        "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
    )
}

# Behind a reverse proxy every request comes from the proxy: say how many proxies add X-Forwarded-For,
# so lockout, rate limits and the security log see the client's own address.
REGIO_TRUSTED_PROXIES = env("REGIO_TRUSTED_PROXIES", 0, cast=int)
# Lockout after repeated failed sign-ins (django-axes): per user name *and* address, so an attacker
# cannot lock a colleague out from elsewhere. An admin unlocks under /beheer/ (Axes → access attempts).
AXES_CLIENT_IP_CALLABLE = "regio.access.security.client_address"
AXES_FAILURE_LIMIT = env("REGIO_LOCKOUT_FAILURES", 10, cast=int)
AXES_COOLOFF_TIME = timedelta(minutes=env("REGIO_LOCKOUT_MINUTES", 15, cast=int))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "regio.access.views.locked_out"
AXES_VERBOSE = False  # our own security log (logger regio.security) records sign-ins and lockouts
# Two-factor authentication (TOTP, django-otp): required for staff and coordinators (off only for
# a development demo, REGIO_TWO_FACTOR_REQUIRED=0); anyone may set it up under /account/.
REGIO_TWO_FACTOR_REQUIRED = env("REGIO_TWO_FACTOR_REQUIRED", True, cast=as_bool)
OTP_TOTP_ISSUER = env("REGIO_TWO_FACTOR_ISSUER", "Regio")
# Single sign-on with OpenID Connect (mozilla-django-oidc; see access/oidc.py). On when a client id
# and the provider's endpoints are set. Accounts are matched, never created, never given rights.
REGIO_OIDC_CLIENT_ID = env("REGIO_OIDC_CLIENT_ID", "")
REGIO_OIDC_ENABLED = bool(REGIO_OIDC_CLIENT_ID)
REGIO_OIDC_MATCH_CLAIM = env("REGIO_OIDC_MATCH_CLAIM", "email")
OIDC_RP_CLIENT_ID = REGIO_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = env("REGIO_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("REGIO_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("REGIO_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("REGIO_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("REGIO_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env("REGIO_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("REGIO_OIDC_SCOPES", "openid email profile")
OIDC_CREATE_USER = False
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/account/inloggen/?sso=mislukt"
if REGIO_OIDC_ENABLED and not all(
    (OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT,
     OIDC_OP_JWKS_ENDPOINT)
):
    raise ImproperlyConfigured(
        "REGIO_OIDC_CLIENT_ID is set: also set REGIO_OIDC_CLIENT_SECRET and the provider's "
        "REGIO_OIDC_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT, _USERINFO_ENDPOINT and _JWKS_ENDPOINT."
    )
# Rate limits per scope (see access/throttling.py): "N/second", "N/minute", "N/hour" or "N/day".
REGIO_RATE_LIMITS = {
    "api_anonymous": env("REGIO_RATE_API_ANONYMOUS", "120/minute"),
    "api_token": env("REGIO_RATE_API_TOKEN", "600/minute"),
    "login": env("REGIO_RATE_LOGIN", "20/minute"),
    "upload": env("REGIO_RATE_UPLOAD", "60/hour"),
    "search": env("REGIO_RATE_SEARCH", "60/minute"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("REGIO_LOG_LEVEL", "WARNING")},
    # The security log (access/security.py): one JSON line per event, always written.
    "loggers": {"regio.security": {"level": "INFO"}},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["regio.publication.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "regio.publication.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "regio.publication.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "regio.publication.api.problems.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "NUM_PROXIES": REGIO_TRUSTED_PROXIES,  # never None: DRF would then trust any X-Forwarded-For
    "DEFAULT_THROTTLE_CLASSES": [
        "regio.access.throttling.ApiAnonymousThrottle",
        "regio.access.throttling.ApiTokenThrottle",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Regio API",
    "DESCRIPTION": (
        "Open data of regional cooperations of municipalities: regions, municipalities, spearheads, topics, "
        "bodies, meetings, agreements, decisions per municipality, commitments and documents. Public items can be "
        "read without authentication; writing and internal items need a token (Authorization: Token <key>)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "CONTACT": {"name": "Regio"},
    "LICENSE": {"name": "EUPL-1.2"},
    "ENUM_NAME_OVERRIDES": {
        "BodyKindEnum": "regio.meetings.models.BodyKind",
        "ConsentCellStateEnum": "regio.meetings.models.CellState",
        "DecisionKindEnum": "regio.meetings.models.DecisionKind",
        "DocumentKindEnum": "regio.documents.models.DocumentKind",
    },
}
