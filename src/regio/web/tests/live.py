"""Support for the browser tests: the real `regio` command serving a demo, and Debian's Chromium.

The server runs in a subprocess with its own REGIO_HOME (an SQLite file), whatever database the
suite itself uses, so what the browser sees is what `make demo` gives a new user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing in CI; `make test` should have installed it")
        pytest.skip("Debian's chromium is not installed (make test installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def demo_server(
    home: Path, *, prepare: str = "", ready_path: str = "/", two_factor: bool = False
) -> Iterator[str]:
    """Prepare the demo in `home` (plus `prepare`, Python run in `regio shell`), serve it, yield its URL.

    The browser tests are about pages, not sign-in: unless `two_factor`, the demo runs as
    `REGIO_TWO_FACTOR_REQUIRED=0 make demo` would (the second factor has tests of its own in access/).
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIO_")}
    env.update(REGIO_HOME=str(home), REGIO_DEBUG="1", REGIO_TWO_FACTOR_REQUIRED="1" if two_factor else "0")
    regio = [sys.executable, "-m", "regio.cli"]
    subprocess.run([*regio, "demo", "--no-serve"], env=env, check=True, capture_output=True, timeout=600)
    if prepare:
        done = subprocess.run([*regio, "shell", "-c", prepare], env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    port = _free_port()
    # The request log goes to a file: a pipe nobody reads fills up after a few hundred requests and
    # then blocks the server mid-request.
    log = open(home / "serve.log", "wb")  # noqa: SIM115 (closed in the finally below)
    process = subprocess.Popen(
        [*regio, "serve", f"127.0.0.1:{port}", "--noreload"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # A shared, busy machine can take well over 20 seconds to start Django: wait up to two minutes.
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(url + ready_path, timeout=5)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@contextmanager
def browser_context(locale: str = "nl-NL"):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser.new_context(locale=locale)
        finally:
            browser.close()
