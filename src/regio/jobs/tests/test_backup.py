"""`regio backup` and `regio restore` as an administrator runs them: separate processes, two installations.

The demo installation (the Leidse regio, its accounts and grants, an API token, two uploaded
documents, history) is backed up and restored into a fresh one; the canonical export, the files,
history, users, grants, tokens and the search index must come back the same.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

REGIO = Path(sys.executable).parent / "regio"

pytestmark = pytest.mark.skipif(not REGIO.exists(), reason=f"the regio command is not installed at {REGIO}")

PREPARE = """
from regio.access.policies import SYSTEM
from regio.documents.services import document_intake
from regio.documents.tests.data import make
from regio.regions.models import Region
from regio.topics.models import Topic
from regio.core.services import validated_save

region = Region.objects.get(slug="leidse-regio")
document_intake(actor=SYSTEM, region=region, data=make.text_pdf(["Raadsinformatiebrief warmterotonde.",
                "Tweede pagina."]), filename="brief.pdf", visibility="openbaar")
document_intake(actor=SYSTEM, region=region, data="Verslag overleg\\n\\nLeiden, 4 maart 2024.".encode(),
                filename="verslag.txt")
topic = Topic.objects.filter(region=region).first()
topic.description += " Bijgewerkt."
validated_save(topic, reason="test")
"""

STATE = """
import json
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from regio.access.models import Grant

counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()
          if m._meta.app_label not in ("contenttypes", "sessions") and m._meta.label != "auth.Permission"}
users = sorted(get_user_model().objects.values_list("username", "password", "is_superuser", "email"))
grants = sorted(Grant.objects.values_list("user__username", "region__slug", "level", "municipality__name"),
                key=str)
tokens = []
if apps.is_installed("rest_framework.authtoken"):
    from rest_framework.authtoken.models import Token
    tokens = sorted(Token.objects.values_list("key", "user__username"))
with connection.cursor() as cursor:
    cursor.execute("SELECT count(*) FROM documents_searchentry")
    entries = cursor.fetchone()[0]
print(json.dumps({"counts": counts, "users": users, "grants": grants, "tokens": tokens, "entries": entries},
                 default=str))
"""


DATABASES: dict[Path, str] = {}  # home -> database URL when not the home's own SQLite file


def run(home: Path, *args: str, check: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env.update(REGIO_HOME=str(home), PYTHONPATH=os.pathsep.join(sys.path))
    if home in DATABASES:
        env["REGIO_DATABASE_URL"] = DATABASES[home]
    result = subprocess.run([str(REGIO), *args], env=env, cwd=home, capture_output=True, text=True, timeout=timeout)
    if check:
        assert result.returncode == 0, result.stderr[-3000:]
    return result


def state(home: Path) -> dict:
    return json.loads(run(home, "shell", "-c", STATE).stdout.strip().splitlines()[-1])


def checksums(home: Path) -> dict[str, str]:
    root = home / "var" / "media" / "documents"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(params=["sqlite", "postgresql"])
def two_installations(request, tmp_path):
    old, new = tmp_path / "oud", tmp_path / "nieuw"
    old.mkdir(), new.mkdir()
    if request.param == "sqlite":
        yield old, new
        return
    psycopg = pytest.importorskip("psycopg")
    admin = os.environ.get("REGIO_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
    names = [f"regio_backup_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            for name in names:
                conn.execute(f"CREATE DATABASE {name}")
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable: {exc}")
    DATABASES.update({old: admin.rsplit("/", 1)[0] + f"/{names[0]}", new: admin.rsplit("/", 1)[0] + f"/{names[1]}"})
    try:
        yield old, new
    finally:
        DATABASES.pop(old, None), DATABASES.pop(new, None)
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_backup_then_restore_into_a_fresh_installation_gives_everything_back(tmp_path, two_installations):
    old, new = two_installations
    run(old, "demo", "--no-serve")
    run(old, "shell", "-c", PREPARE)
    run(old, "token", "coordinator")
    backup = tmp_path / "regio-backup.tar.gz"
    run(old, "backup", str(backup))

    with tarfile.open(backup) as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        names = set(archive.getnames())
    assert manifest["format"] == "regio-backup" and len(manifest["files"]) == 2
    assert {f"files/{entry['name']}" for entry in manifest["files"]} | {"data.jsonl", "manifest.json"} == names
    assert {entry["sha256"] for entry in manifest["files"]} == set(checksums(old).values())

    restored = run(new, "restore", str(backup))
    assert "Restored" in restored.stdout

    assert run(new, "export", "--region", "leidse-regio").stdout == run(old, "export", "--region", "leidse-regio").stdout
    assert checksums(new) == checksums(old) and len(checksums(new)) == 2
    before, after = state(old), state(new)
    assert after["counts"] == before["counts"]
    assert before["counts"]["topics.HistoricalTopic"] > before["counts"]["topics.Topic"]  # history is there
    assert after["users"] == before["users"] and len(after["users"]) == 4  # password hashes included
    assert after["grants"] == before["grants"] and len(after["grants"]) == 4
    assert after["tokens"] == before["tokens"] != []
    assert after["entries"] == before["entries"] > 0  # the search index was rebuilt


def test_restore_refuses_an_installation_that_holds_data(tmp_path):
    run(tmp_path, "demo", "--no-serve")
    backup = tmp_path / "backup.tar.gz"
    run(tmp_path, "backup", str(backup))
    refused = run(tmp_path, "restore", str(backup), check=False)
    assert refused.returncode != 0
    assert "niet leeg" in refused.stderr and "Traceback" not in refused.stderr


def test_restore_refuses_a_damaged_backup_and_writes_nothing(tmp_path):
    source, target = tmp_path / "bron", tmp_path / "doel"
    source.mkdir(), target.mkdir()
    run(source, "migrate", "--verbosity", "0")
    run(source, "load-region", "leidse-regio")
    good = tmp_path / "goed.tar.gz"
    run(source, "backup", str(good))
    damaged = tmp_path / "kapot.tar.gz"
    with tarfile.open(good) as archive, tarfile.open(damaged, "w:gz") as out:
        for member in archive.getmembers():
            data = archive.extractfile(member).read()
            if member.name == "data.jsonl":
                data = data.replace(b"Leiden", b"Lijden", 1)
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    refused = run(target, "restore", str(damaged), check=False)
    assert refused.returncode != 0 and "controlesom" in refused.stderr
    assert state(target)["counts"]["regions.Region"] == 0
