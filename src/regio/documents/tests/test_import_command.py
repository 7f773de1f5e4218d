"""`regio import`: folders recursively, a report per file, exit 1 on failures, resuming by checksum."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regio.documents.management.commands import import_documents
from regio.documents.models import Document

GOOD = {
    "a.txt": "Besluitenlijst overleg wonen\n\nLeiden, 3 april 2024\n\nDe colleges besluiten tot een gezamenlijke aanpak.\n",
    "sub/b.txt": "Verslag bestuurlijk overleg\n\nOegstgeest, 5 mei 2024\n\nHet overleg bespreekt de woningbouw.\n",
    "sub/deeper/c.md": "# Nieuwsbericht\n\nLeiderdorp, 6 juni 2024\n\nDe regio opent een nieuw loket voor ondernemers.\n",
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "in"
    for name, text in GOOD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    (root / "sub" / "kapot.pdf").write_bytes(bytes(range(256)) * 40)
    (root / "leeg.txt").write_bytes(b"")
    (root / ".verborgen.txt").write_text("niet importeren", encoding="utf-8")
    return root


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_documents", *args, "--region", "proefregio", stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_a_folder_with_good_and_bad_files(world, folder):
    code, out, err = run(str(folder))
    assert code == 1
    assert Document.objects.count() == 3
    lines = out.splitlines()
    assert sum(line.startswith("read") for line in lines) == 3
    failed = [line for line in lines if line.startswith("FAILED")]
    assert len(failed) == 2
    assert any("kapot.pdf" in line for line in failed) and any("leeg.txt" in line for line in failed)
    assert lines[-1] == "5 file(s): 3 read, 0 already stored, 2 failed."
    assert "verborgen" not in out
    # Progress on stderr: plain lines when it is not a terminal, the last one the totals.
    progress = err.strip().splitlines()
    assert len(progress) == 5 and progress[-1].startswith("[5/5] pages 3, OCR pages 0, errors 2")
    read_line = next(line for line in lines if "a.txt" in line)
    assert "1 page(s), 0 by OCR" in read_line and "finding(s)" in read_line


def test_all_good_exits_zero_and_a_rerun_skips_everything(world, folder):
    for bad in ("sub/kapot.pdf", "leeg.txt"):
        (folder / bad).unlink()
    assert run(str(folder))[0] == 0
    code, out, _err = run(str(folder))
    assert code == 0
    assert out.splitlines()[-1] == "3 file(s): 0 read, 3 already stored, 0 failed."
    assert Document.objects.count() == 3


def test_an_interrupted_import_resumes_where_it_stopped(world, folder, monkeypatch):
    for bad in ("sub/kapot.pdf", "leeg.txt"):
        (folder / bad).unlink()
    real_intake = import_documents.document_intake
    calls = []

    def interrupted(**kwargs):
        calls.append(kwargs["filename"])
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_intake(**kwargs)

    monkeypatch.setattr(import_documents, "document_intake", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(str(folder))
    assert Document.objects.count() == 1
    monkeypatch.setattr(import_documents, "document_intake", real_intake)
    code, out, _err = run(str(folder))
    assert code == 0
    assert out.splitlines()[-1] == "3 file(s): 2 read, 1 already stored, 0 failed."
    assert Document.objects.count() == 3


def test_missing_path_and_unknown_region(world, tmp_path):
    code, out, _err = run(str(tmp_path / "bestaat-niet"))
    assert code == 1 and "no such file or folder" in out
    with pytest.raises(CommandError, match="no region"):
        call_command("import_documents", str(tmp_path), "--region", "nergens", stdout=io.StringIO())


def test_trusted_import_marks_what_it_pre_accepts(world, folder):
    from regio.documents.models import DocumentFinding, FindingState

    code, out, _err = run(str(folder / "a.txt"), "--trusted", "--threshold", "0.5")
    assert code == 0
    pre_accepted = DocumentFinding.objects.filter(state=FindingState.PRE_ACCEPTED)
    assert pre_accepted.exists() and f", {pre_accepted.count()} pre-accepted" in out
    assert all(finding.confidence >= 0.5 and finding.reviewed_by is None for finding in pre_accepted)
    assert not DocumentFinding.objects.filter(confidence__lt=0.5).exclude(state=FindingState.PENDING).exists()


def test_regio_import_is_the_command_line_name(tmp_path):
    # The alias resolves to this command (its help names the options), without touching a database.
    completed = subprocess.run(
        [sys.executable, "-m", "regio.cli", "import", "--help"], capture_output=True, text=True, timeout=120,
        cwd=tmp_path, env={"PYTHONPATH": str(Path(import_documents.__file__).parents[4]), "REGIO_HOME": str(tmp_path),
                           "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 0, completed.stderr
    assert "--trusted" in completed.stdout and "--threshold" in completed.stdout
