"""SQLite under load: web writes during a long `regio load-region` wait briefly and never fail.

Real processes on a real SQLite file under REGIO_HOME: one runs `regio load-region` on a large
generated region file, another runs ten writer threads (each with its own connection, like the
threads of a web server) that save records until the load has finished.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from regio.regionfiles.tests.helpers import builtin_data, write_region

REGIO = Path(sys.executable).parent / "regio"

pytestmark = pytest.mark.skipif(not REGIO.exists(), reason=f"the regio command is not installed at {REGIO}")

TOPICS = 200

WRITERS = """
import json, sys, threading, time
from pathlib import Path
from django.db import connection
from regio.core.services import validated_save
from regio.regions.models import Organisation

stop = Path(sys.argv[-1])
errors, writes, waits = [], [], []

def writer(number):
    n = 0
    while not stop.exists():
        n += 1
        started = time.monotonic()
        try:
            validated_save(Organisation(name=f"Schrijver {number}-{n}", kind="overig"))
            writes.append(1)
            waits.append(time.monotonic() - started)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.02)
    connection.close()

threads = [threading.Thread(target=writer, args=(i,)) for i in range(10)]
for t in threads:
    t.start()
for t in threads:
    t.join()
waits.sort()
print(json.dumps({"errors": errors, "writes": len(writes), "max_wait": waits[-1] if waits else None}))
"""


def environment(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env["REGIO_HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join(sys.path)  # the code under test, not an installed copy
    return env


def large_region(folder: Path) -> Path:
    data = builtin_data()
    codes = [m["cbs_code"] for m in data["municipalities"]]
    template = data["topics"][0]
    data["topics"] += [
        {
            **template,
            "slug": f"onderwerp-{n:04d}",
            "title": f"Onderwerp {n:04d}",
            "aliases": [],
            "participation": {code: "doet_mee" for code in codes},
        }
        for n in range(1, TOPICS + 1)
    ]
    return write_region(folder, data, name="groot.yaml")


def while_writers_write(tmp_path, env, command: list[str]):
    """Run `regio COMMAND` while ten writer threads save records in another process; returns the command's
    result, how long it took and the writers' report (errors, number of writes, longest wait)."""
    stop = tmp_path / "stop"
    script = tmp_path / "writers.py"
    script.write_text(WRITERS, encoding="utf-8")
    writers = subprocess.Popen(
        [str(REGIO), "shell", "-c", f"import sys; sys.argv.append({str(stop)!r}); exec(open({str(script)!r}).read())"],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        time.sleep(3)  # the writers are writing before the command begins
        started = time.monotonic()
        done = subprocess.run([str(REGIO), *command], env=env, cwd=tmp_path, capture_output=True, text=True,
                              timeout=900)
        seconds = time.monotonic() - started
    finally:
        stop.touch()
        out, err = writers.communicate(timeout=120)
    assert writers.returncode == 0, err
    return done, seconds, json.loads(out.strip().splitlines()[-1])


def test_ten_writers_during_a_long_load_region_never_fail(tmp_path):
    env = environment(tmp_path)
    subprocess.run([str(REGIO), "migrate", "--verbosity", "0"], env=env, cwd=tmp_path, check=True, timeout=300)
    path = large_region(tmp_path)
    load, load_seconds, result = while_writers_write(tmp_path, env, ["load-region", str(path)])
    assert load.returncode == 0, load.stderr
    assert load.stdout.startswith("Loaded Leidse regio"), load.stdout
    assert f"{TOPICS + len(builtin_data()['topics'])} onderwerpen" in load.stdout
    assert result["errors"] == []
    # The load took long enough that a load in one transaction would have locked the writers out.
    assert load_seconds > 5, f"the load took only {load_seconds:.1f} s; make the file larger"
    assert result["writes"] > 100
    assert result["max_wait"] < 5, f"a write waited {result['max_wait']:.1f} s"


def test_ten_writers_during_a_long_import_region_never_wait_long(tmp_path):
    env = environment(tmp_path)
    subprocess.run([str(REGIO), "migrate", "--verbosity", "0"], env=env, cwd=tmp_path, check=True, timeout=300)
    subprocess.run([str(REGIO), "load-region", str(large_region(tmp_path))], env=env, cwd=tmp_path, check=True,
                   capture_output=True, timeout=900)
    export = tmp_path / "regio.json"
    subprocess.run([str(REGIO), "export", "--output", str(export)], env=env, cwd=tmp_path, check=True,
                   capture_output=True, timeout=300)
    imported, import_seconds, result = while_writers_write(
        tmp_path, env, ["import-region", str(export), "--as-slug", "kopie"])
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("Imported Leidse regio as kopie"), imported.stdout
    assert result["errors"] == []
    # In one transaction every write would have waited for the whole import.
    assert import_seconds > 4, f"the import took only {import_seconds:.1f} s; make the file larger"
    assert result["writes"] > 100
    # Batches: a write waits for one batch, not the import. Relative to the import's length, since a loaded
    # machine slows both (a write waited 2.6 s of an import that took much longer on a busy CI machine).
    assert result["max_wait"] < min(5, import_seconds / 2), (
        f"a write waited {result['max_wait']:.1f} s of the import's {import_seconds:.1f} s")
