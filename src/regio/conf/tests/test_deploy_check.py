"""`regio check --deploy` with production settings warns about nothing but what the web server does
(W004 HSTS and W008 the redirect to HTTPS, see docs/operations.md)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys


def test_check_deploy_leaves_only_the_web_servers_part(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIO_")}
    env.update(
        REGIO_HOME=str(tmp_path),
        REGIO_DEBUG="false",
        REGIO_SECRET_KEY=secrets.token_urlsafe(50),
        REGIO_ALLOWED_HOSTS="regio.example.nl",
        REGIO_CSRF_TRUSTED_ORIGINS="https://regio.example.nl",
    )
    done = subprocess.run(
        [sys.executable, "-m", "regio.cli", "check", "--deploy"],
        env=env, capture_output=True, text=True, timeout=300,
    )
    output = done.stdout + done.stderr
    assert sorted(set(re.findall(r"\(([\w.]+\.[EWI]\d+)\)", output))) == ["security.W004", "security.W008"], output
