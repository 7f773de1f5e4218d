"""`regio load-region` as a user runs it: a separate process with its own SQLite file under REGIO_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from regio.regionfiles.tests.helpers import builtin_data, changed, write_region

REGIO = Path(sys.executable).parent / "regio"

pytestmark = pytest.mark.skipif(not REGIO.exists(), reason=f"the regio command is not installed at {REGIO}")


def regio(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REGIO_", "DJANGO_"))}
    env["REGIO_HOME"] = str(home)
    return subprocess.run([str(REGIO), *args], env=env, cwd=home, capture_output=True, text=True, timeout=120)


def assert_one_line_failure(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_broken_file_exits_non_zero_with_one_line(tmp_path):
    data = builtin_data()
    data["topics"][0]["spearheads"] = ["ruimte"]
    path = write_region(tmp_path, data, name="kapot.yaml")
    line = assert_one_line_failure(regio(tmp_path, "load-region", str(path)))
    assert str(path) in line and "topics[0] (Warmterotonde)" in line and "field 'spearheads'" in line
    assert "nothing was stored" in line


def test_an_unknown_region_exits_non_zero_with_one_line(tmp_path):
    line = assert_one_line_failure(regio(tmp_path, "load-region", "nergens-regio"))
    assert "nergens-regio" in line and "leidse-regio" in line


def test_an_unmigrated_database_is_explained_in_one_line(tmp_path):
    line = assert_one_line_failure(regio(tmp_path, "load-region", "leidse-regio"))
    assert "regio migrate" in line


def test_load_region_loads_then_reports_it_is_up_to_date(tmp_path):
    assert regio(tmp_path, "migrate", "--verbosity", "0").returncode == 0
    first = regio(tmp_path, "load-region", "leidse-regio")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Loaded Leidse regio")
    assert (tmp_path / "var" / "regio.sqlite3").is_file()
    again = regio(tmp_path, "load-region", "leidse-regio")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Already up to date: Leidse regio")
    broken = write_region(tmp_path, changed(lambda d: d["municipalities"][0].update(cbs_code="GM0501")))
    line = assert_one_line_failure(regio(tmp_path, "load-region", str(broken)))
    assert "municipalities[0]: field 'cbs_code': GM0501" in line
