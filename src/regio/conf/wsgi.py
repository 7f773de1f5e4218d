"""WSGI entry point for production servers (gunicorn regio.conf.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")
application = get_wsgi_application()
