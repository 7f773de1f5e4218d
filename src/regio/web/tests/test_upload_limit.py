"""Uploads above REGIO_MAX_UPLOAD_MB are refused from Content-Length, before the body is read.

Against a real gunicorn process (one worker) on a free port: a request announcing 300 MB gets 413
at once and the worker's memory stays flat, also when the client really starts sending the 300 MB.
A body without a length is streamed to a temporary file and cut off at the limit.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadhandler import StopUpload
from django.test import RequestFactory, override_settings

from regio.core.uploads import LimitedTemporaryFileUploadHandler
from regio.web.tests.live import _free_port

GUNICORN = Path(sys.executable).parent / "gunicorn"
MB = 1024 * 1024


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _worker_pid(master: int) -> int:
    for _ in range(100):
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise AssertionError("gunicorn started no worker")


def _post(port: int, length: int, body_bytes: int, path: str = "/leidse-regio/documenten/toevoegen/") -> tuple[str, float]:
    """Send headers announcing `length` bytes, then up to `body_bytes` of them; return the status line."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: {length}\r\n\r\n".encode()
        )
        chunk = b"x" * MB
        sent = 0
        try:
            while sent < body_bytes:
                conn.sendall(chunk[: min(MB, body_bytes - sent)])
                sent += MB
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed without reading the rest: that is the point
        response = b""
        try:
            while b"\r\n" not in response:
                data = conn.recv(4096)
                if not data:
                    break
                response += data
        except ConnectionResetError:
            pass
    return response.split(b"\r\n", 1)[0].decode(), time.monotonic() - started


@pytest.mark.skipif(not GUNICORN.exists(), reason=f"gunicorn is not installed at {GUNICORN}")
def test_gunicorn_refuses_300_mb_from_content_length_with_flat_memory(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGIO_")}
    env.update(REGIO_HOME=str(tmp_path), REGIO_MAX_UPLOAD_MB="50", PYTHONPATH=os.pathsep.join(sys.path))
    server = subprocess.Popen(
        [str(GUNICORN), "regio.conf.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        worker = _worker_pid(server.pid)
        # Warm the worker (imports, URL resolution) before measuring.
        _post(port, 1000, 1000)
        before = _rss_kb(worker)

        status, seconds = _post(port, 300 * MB, 1024)  # announces 300 MB, sends 1 KB
        assert status == "HTTP/1.1 413 Request Entity Too Large"
        assert seconds < 2
        status, _seconds = _post(port, 300 * MB, 300 * MB)  # really starts sending the 300 MB
        assert status == "HTTP/1.1 413 Request Entity Too Large"

        grown = _rss_kb(worker) - before
        assert grown < 20 * 1024, f"the worker grew by {grown} kB"
        # Within the limit the request goes on to the view (no 413): here CSRF refuses it.
        status, _seconds = _post(port, 10 * MB, 10 * MB)
        assert status.split()[1] != "413", status
    finally:
        server.terminate()
        server.wait(timeout=20)


@override_settings(REGIO_MAX_UPLOAD_MB=1)
def test_a_body_without_a_length_is_streamed_to_disk_and_cut_off_at_the_limit():
    request = RequestFactory().post("/")
    handler = LimitedTemporaryFileUploadHandler(request)
    handler.new_file("file", "scan.pdf", "application/pdf", None)
    handler.receive_data_chunk(b"x" * (MB // 2), 0)
    assert Path(handler.file.temporary_file_path()).is_file()  # on disk, not in memory
    handler.receive_data_chunk(b"x" * (MB // 2), MB // 2)
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"x", MB)
    assert request.upload_too_large is True
