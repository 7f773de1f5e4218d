"""REGIO_MEDIA_URL: where originals live, shared by every web server and worker."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from regio.conf.env import as_storage


def test_a_folder_on_a_shared_volume():
    assert as_storage("file:///srv/regio-media") == {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": "/srv/regio-media"},
    }


def test_s3_compatible_storage_with_its_endpoint():
    assert as_storage("s3://regio-originelen/productie?endpoint_url=https://s3.example.nl&region_name=nl-ams") == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "regio-originelen", "location": "productie", "file_overwrite": False,
                    "default_acl": None, "querystring_auth": True, "endpoint_url": "https://s3.example.nl",
                    "region_name": "nl-ams"},
    }


@pytest.mark.parametrize("raw", ["/srv/media", "file://relative", "s3://", "ftp://host/x", "s3://b/p?secret=x"])
def test_anything_else_is_refused(raw):
    with pytest.raises(ValueError):
        as_storage(raw)


def test_the_setting_moves_the_media_root_and_a_bad_value_stops_the_command(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env.update(REGIO_HOME=str(tmp_path), DJANGO_SETTINGS_MODULE="regio.conf.settings",
               PYTHONPATH=os.pathsep.join(sys.path))
    code = "from django.conf import settings; print(settings.MEDIA_ROOT, settings.STORAGES['default']['BACKEND'])"
    shared = tmp_path / "gedeeld"
    ok = subprocess.run([sys.executable, "-c", code], env={**env, "REGIO_MEDIA_URL": f"file://{shared}"},
                        capture_output=True, text=True, timeout=60)
    assert ok.stdout.split() == [str(shared), "django.core.files.storage.FileSystemStorage"], ok.stderr
    bad = subprocess.run([sys.executable, "-m", "regio.cli", "check"], env={**env, "REGIO_MEDIA_URL": "ftp://x/y"},
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "REGIO_MEDIA_URL='ftp://x/y' is not valid" in bad.stderr
