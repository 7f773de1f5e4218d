"""Django settings. Every value that differs per machine comes from the environment (see conf.env)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from regio.conf.env import as_bool, as_list, env

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
    "regio.arrangements",
    "regio.publication",
    "regio.web",
]

MIDDLEWARE = [
    "regio.publication.api.middleware.ApiMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "regio.web.middleware.RejectNulMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regio.web.middleware.PublicSurfaceMiddleware",
    "regio.web.middleware.FormerAddressMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env("REGIO_DATABASE_CONN_MAX_AGE", 0, cast=int),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
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

# Limits for documents that come in (uploads and imports).
REGIO_MAX_UPLOAD_MB = env("REGIO_MAX_UPLOAD_MB", 50, cast=int)
REGIO_MAX_PAGES = env("REGIO_MAX_PAGES", 500, cast=int)
REGIO_MAX_IMAGE_PIXELS = env("REGIO_MAX_IMAGE_PIXELS", 50_000_000, cast=int)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("REGIO_LOG_LEVEL", "WARNING")},
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
        "DecisionKindEnum": "regio.meetings.models.DecisionKind",
        "DocumentKindEnum": "regio.documents.models.DocumentKind",
    },
}
