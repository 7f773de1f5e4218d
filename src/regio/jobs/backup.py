"""Full backup and restore: the whole database in Django's portable JSON plus every original file.

A backup is one .tar.gz holding ``data.jsonl`` (dumpdata, one object a line so loading streams of every app: history, users with their
password hashes, grants, API tokens; content types and permissions by natural key, sessions left
out), ``files/<storage name>`` for every document original, and ``manifest.json`` with the SHA-256
and size of each. It is read from one consistent snapshot while the site runs: on SQLite a copy made
with SQLite's online backup API, on PostgreSQL a REPEATABLE READ, READ ONLY transaction.

Restoring needs an empty, migrated installation; it checks every checksum before anything is
written, loads the data in one transaction, writes the files, and rebuilds the search index (which
is derived data and not in the backup).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.test.utils import override_settings

FORMAT = "regio-backup"
VERSION = 1
# Rebuilt by migrate (content types, permissions) or worthless in another installation (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
SNAPSHOT_ALIAS = "backup_snapshot"


class BackupError(Exception):
    """A backup that cannot be written or restored; the message is for the person running it."""


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def _snapshot():
    """The database alias to read from, frozen at one moment while writers go on."""
    if connection.vendor == "sqlite":
        with tempfile.TemporaryDirectory(prefix="regio-backup-") as folder:
            copy = Path(folder) / "snapshot.sqlite3"
            source = sqlite3.connect(connection.settings_dict["NAME"], timeout=60)
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            connections.databases[SNAPSHOT_ALIAS] = {**connection.settings_dict, "NAME": str(copy)}
            try:
                yield SNAPSHOT_ALIAS
            finally:
                connections[SNAPSHOT_ALIAS].close()
                del connections.databases[SNAPSHOT_ALIAS]
    else:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield "default"


def _originals(alias: str) -> list[str]:
    from regio.documents.models import Document

    return sorted(set(Document.objects.using(alias).exclude(original="").values_list("original", flat=True)))


def backup_write(*, target: Path) -> dict:
    """Write the backup to `target` (a .tar.gz); return its manifest."""
    with tempfile.TemporaryDirectory(prefix="regio-backup-") as folder:
        data = Path(folder) / "data.jsonl"
        with _snapshot() as alias:
            call_command("dumpdata", exclude=EXCLUDED, natural_foreign=True, format="jsonl",
                         database=alias, output=str(data), verbosity=0)
            names = _originals(alias)
        manifest = {
            "format": FORMAT, "version": VERSION, "created": datetime.now(timezone.utc).isoformat(),
            "database": connection.vendor, "data": {"name": "data.jsonl", "sha256": _sha256_file(data)},
            "files": [],
        }
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(data, arcname="data.jsonl")
            for name in names:
                try:
                    handle = default_storage.open(name, "rb")
                except OSError as exc:
                    raise BackupError(f"the original {name} cannot be read: {exc}") from None
                with handle:
                    copy = Path(folder) / "file"
                    with open(copy, "wb") as out:
                        shutil.copyfileobj(handle, out, 1024 * 1024)
                manifest["files"].append({"name": name, "sha256": _sha256_file(copy), "size": copy.stat().st_size})
                archive.add(copy, arcname=f"files/{name}")
            encoded = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
        os.replace(partial, target)
    return manifest


def _user_tables_with_rows() -> list[str]:
    skip = {"contenttypes", "auth.permission", "sessions", "admin.logentry"}
    filled = []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in skip or model._meta.app_label in skip or not model._meta.managed or model._meta.proxy:
            continue
        if model._default_manager.exists():
            filled.append(label)
    return filled


def restore_read(*, source: Path) -> dict:
    """Restore the backup at `source` into this (empty, migrated) installation; return its manifest."""
    filled = _user_tables_with_rows()
    if filled:
        raise BackupError(
            "Deze installatie is niet leeg (gegevens in onder meer "
            f"{', '.join(filled[:5])}); herstellen kan alleen in een lege installatie. "
            "Maak een nieuwe, lege database aan en voer daar 'regio restore' uit."
        )
    with tempfile.TemporaryDirectory(prefix="regio-restore-") as folder:
        root = Path(folder)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(root, filter="data")
        except (OSError, tarfile.TarError) as exc:
            raise BackupError(f"{source} is geen leesbare back-up van Regio: {exc}") from None
        try:
            manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise BackupError(f"{source} mist een geldig manifest.json; is het een back-up van Regio?") from None
        if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
            raise BackupError(f"{source} is geen back-up in een vorm die deze versie van Regio kent.")
        data = root / "data.jsonl"
        if not data.is_file() or _sha256_file(data) != manifest["data"]["sha256"]:
            raise BackupError(f"{source}: data.jsonl ontbreekt of klopt niet met de controlesom in het manifest.")
        for entry in manifest["files"]:
            path = root / "files" / entry["name"]
            if not path.is_file() or _sha256_file(path) != entry["sha256"]:
                raise BackupError(f"{source}: het bestand {entry['name']} ontbreekt of klopt niet met de controlesom.")

        written: list[str] = []
        try:
            for entry in manifest["files"]:
                with open(root / "files" / entry["name"], "rb") as handle:
                    if default_storage.exists(entry["name"]):
                        default_storage.delete(entry["name"])
                    saved = default_storage.save(entry["name"], File(handle))
                if saved != entry["name"]:
                    raise BackupError(f"the storage renamed {entry['name']} to {saved}")
                written.append(saved)
            # History rows come from the backup itself; none are made while loading.
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(data), verbosity=0)
        except BaseException:
            for name in written:
                default_storage.delete(name)
            raise
    from regio.documents import search

    search.rebuild()
    return manifest
