"""`regio import PATH...`: bring files and folders (recursively) into a region's document store.

Each file goes through the same intake as an upload, in its own transaction, so one bad file never
stops the others. Progress (files done/total, pages, OCR pages, errors) goes to stderr: one line
rewritten in place on a terminal, plain lines otherwise. The report on stdout lists per file what
was read and every failure with its reason. Exit code 0 when every file was stored (or was
already), 1 when some failed.

Resuming is idempotency by SHA-256: a file the region already holds is recognised by its checksum
before it is read and reported as "already stored", so re-running an interrupted import continues
with the files that are not in yet. No manifest is kept.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from regio.access.policies import SYSTEM
from regio.core.models import Visibility
from regio.documents.models import DocumentKind
from regio.documents.services import document_intake
from regio.regions.models import Region


@dataclass
class Outcome:
    path: Path
    status: str  # stored, present, failed
    detail: str
    pages: int = 0
    ocr_pages: int = 0


def collect(paths: list[str]) -> tuple[list[Path], list[Outcome]]:
    """The files under `paths` (folders recursively, hidden files skipped), and paths that do not exist."""
    files: list[Path] = []
    missing: list[Outcome] = []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
                                                                            p.relative_to(path).parts))
            )
        else:
            missing.append(Outcome(path, "failed", "no such file or folder"))
    return list(dict.fromkeys(files)), missing


class Progress:
    def __init__(self, stream, total: int):
        self.stream, self.total = stream, total
        self.done = self.pages = self.ocr_pages = self.errors = 0
        self.tty = stream.isatty()

    def update(self, outcome: Outcome) -> None:
        self.done += 1
        self.pages += outcome.pages
        self.ocr_pages += outcome.ocr_pages
        self.errors += outcome.status == "failed"
        line = (f"[{self.done}/{self.total}] pages {self.pages}, OCR pages {self.ocr_pages}, "
                f"errors {self.errors} — {outcome.path.name}")
        if self.tty:
            self.stream.write("\r\x1b[K" + line[:200], ending="\n" if self.done == self.total else "")
        else:
            self.stream.write(line)
        self.stream.flush()


class Command(BaseCommand):
    help = "Import documents (files and folders, recursively) into a region; re-running skips what is stored."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
        parser.add_argument("--region", default="leidse-regio", help="the region's slug (default: leidse-regio)")
        parser.add_argument("--kind", choices=DocumentKind.values, help="the kind of every file (default: recognised)")
        parser.add_argument("--visibility", choices=Visibility.values, default=Visibility.INTERNAL)
        parser.add_argument("--trusted", action="store_true", help="pre-accept findings at or above --threshold")
        parser.add_argument("--threshold", type=float, default=0.9, help="confidence for --trusted (default 0.9)")

    def handle(self, *args, paths, region, kind, visibility, trusted, threshold, **options):
        try:
            region_obj = Region.objects.get(slug=region)
        except Region.DoesNotExist:
            raise CommandError(f"there is no region {region!r}; load it first (regio load-region {region})") from None
        if trusted and not 0 < threshold <= 1:
            raise CommandError("--threshold must lie between 0 and 1")
        files, outcomes = collect(paths)
        progress = Progress(self.stderr, len(files))
        for path in files:
            outcome = self.import_one(path, region_obj, kind, visibility, threshold if trusted else None)
            outcomes.append(outcome)
            progress.update(outcome)
        self.report(outcomes)
        if any(o.status == "failed" for o in outcomes):
            sys.exit(1)

    def import_one(self, path: Path, region: Region, kind, visibility, threshold) -> Outcome:
        try:
            data = path.read_bytes()
            result = document_intake(
                actor=SYSTEM, region=region, data=data, filename=path.name, source=f"import: {path}",
                kind=kind, visibility=visibility, pre_accept_threshold=threshold,
            )
        except ValidationError as exc:
            # The message already names the file: keep only the reason.
            reason = "; ".join(m.split(": ", 1)[1] if m.startswith(f"{path.name}: ") else m for m in exc.messages)
            return Outcome(path, "failed", reason)
        except (OSError, PermissionDenied) as exc:
            return Outcome(path, "failed", str(exc))
        document = result.document
        if not result.created:
            return Outcome(path, "present", f"already stored as document {document.pk} ({document.title})")
        detail = (f"document {document.pk}: {result.pages} page(s), {result.ocr_pages} by OCR, "
                  f"{result.findings} finding(s)")
        if threshold is not None:
            detail += f", {result.pre_accepted} pre-accepted"
        return Outcome(path, "stored", detail, result.pages, result.ocr_pages)

    def report(self, outcomes: list[Outcome]) -> None:
        labels = {"stored": "read   ", "present": "skipped", "failed": "FAILED "}
        for outcome in outcomes:
            self.stdout.write(f"{labels[outcome.status]} {outcome.path}: {outcome.detail}")
        counts = {status: sum(o.status == status for o in outcomes) for status in labels}
        self.stdout.write(
            f"{len(outcomes)} file(s): {counts['stored']} read, {counts['present']} already stored, "
            f"{counts['failed']} failed."
        )
