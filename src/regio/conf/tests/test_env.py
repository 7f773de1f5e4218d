"""conf/env.py, the typed settings helper, and what the settings do with it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from regio.conf.env import as_bool, as_list, env


@pytest.mark.parametrize("raw", ["1", "true", "True", " yes ", "on", "ja"])
def test_true_values(raw):
    assert as_bool(raw) is True


@pytest.mark.parametrize("raw", ["0", "false", "FALSE", "no", "off", "nee", ""])
def test_false_values(raw):
    assert as_bool(raw) is False


def test_an_unclear_bool_is_refused_with_the_accepted_values():
    with pytest.raises(ValueError) as excinfo:
        as_bool("misschien")
    assert "'true'" in str(excinfo.value) and "'nee'" in str(excinfo.value)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("a.nl,b.nl", ["a.nl", "b.nl"]), (" a.nl , ,b.nl ,", ["a.nl", "b.nl"]), ("", []), ("regio.example", ["regio.example"])],
)
def test_lists_are_split_on_commas_and_trimmed(raw, expected):
    assert as_list(raw) == expected


def test_env_returns_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("REGIO_TEST_VALUE", raising=False)
    assert env("REGIO_TEST_VALUE", 42, cast=int) == 42


def test_env_casts_the_value(monkeypatch):
    monkeypatch.setenv("REGIO_TEST_VALUE", "off")
    assert env("REGIO_TEST_VALUE", True, cast=as_bool) is False
    monkeypatch.setenv("REGIO_TEST_VALUE", "a, b")
    assert env("REGIO_TEST_VALUE", [], cast=as_list) == ["a", "b"]


def test_a_bad_value_names_the_variable_and_the_value(monkeypatch):
    monkeypatch.setenv("REGIO_TEST_VALUE", "twee")
    with pytest.raises(ImproperlyConfigured) as excinfo:
        env("REGIO_TEST_VALUE", 0, cast=int)
    assert str(excinfo.value).startswith("REGIO_TEST_VALUE='twee' is not valid")


def import_settings(tmp_path, **variables) -> subprocess.CompletedProcess:
    env_vars = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env_vars.update(REGIO_HOME=str(tmp_path), **variables)
    code = "import regio.conf.settings as s; print(s.DEBUG, s.SECRET_KEY == s.DEVELOPMENT_SECRET, s.ALLOWED_HOSTS)"
    return subprocess.run([sys.executable, "-c", code], env=env_vars, capture_output=True, text=True, timeout=60)


def test_development_needs_no_configuration(tmp_path):
    result = import_settings(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True ['127.0.0.1', 'localhost', '[::1]']"


def test_production_refuses_to_start_without_a_secret(tmp_path):
    result = import_settings(tmp_path, REGIO_DEBUG="0")
    assert result.returncode != 0
    assert "REGIO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_the_development_secret(tmp_path):
    result = import_settings(tmp_path, REGIO_DEBUG="0", REGIO_SECRET_KEY="regio-development-secret-not-for-production")
    assert result.returncode != 0
    assert "REGIO_SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret(tmp_path):
    result = import_settings(
        tmp_path, REGIO_DEBUG="0", REGIO_SECRET_KEY="x" * 50, REGIO_ALLOWED_HOSTS="regio.example.nl, www.regio.example.nl"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False False ['regio.example.nl', 'www.regio.example.nl']"


def test_the_regio_command_explains_a_missing_secret_in_one_line(tmp_path):
    regio = os.path.join(os.path.dirname(sys.executable), "regio")
    if not os.path.exists(regio):
        pytest.skip(f"the regio command is not installed at {regio}")
    env_vars = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env_vars.update(REGIO_HOME=str(tmp_path), REGIO_DEBUG="0")
    result = subprocess.run([regio, "check"], env=env_vars, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "regio: configuration error: REGIO_SECRET_KEY must be set to a long random value when REGIO_DEBUG is off."
    ]


def test_a_bad_debug_value_is_a_configuration_error(tmp_path):
    result = import_settings(tmp_path, REGIO_DEBUG="soms")
    assert result.returncode != 0
    assert "REGIO_DEBUG='soms' is not valid" in result.stderr
