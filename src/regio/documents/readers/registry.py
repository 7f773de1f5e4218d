"""The registry of readers and content sniffing: a file is read by what it is, not by what its name says."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from regio.documents.readers.base import Budget, Limits, Reader, ReadError, ReadResult, check_size

_readers: list[Reader] = []


def register(reader: type[Reader]) -> type[Reader]:
    """Add a reader (usable as a class decorator). Readers are consulted in their `order`."""
    if any(type(existing) is reader for existing in _readers):
        return reader
    _readers.append(reader())
    _readers.sort(key=lambda existing: existing.order)
    return reader


def registered() -> list[Reader]:
    return list(_readers)


def _extension(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


# What a zip holds when it is an office document (OOXML, OpenDocument) rather than an archive of files.
_OFFICE_PARTS = ("[Content_Types].xml", "mimetype", "META-INF/manifest.xml")
_OFFICE_FOLDERS = ("word/", "xl/", "ppt/")


def _is_archive(data: bytes, filename: str) -> bool:
    """Whether `data` is a plain zip archive (not a Word or other office file, which are zips too)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        # Unlistable: only the name can tell; a damaged .docx is left to the Word reader to explain.
        return _extension(filename) == ".zip"
    return not (names & set(_OFFICE_PARTS) or any(name.startswith(_OFFICE_FOLDERS) for name in names))


def reader_for(data: bytes, filename: str = "") -> Reader:
    """The reader for `data`, chosen by content; the file name only refines a choice the content allows.

    Markdown cannot be told from plain text by its bytes, so a text file named .md is read as
    Markdown: a more specific reader of the same kind whose extensions match wins.
    """
    if not data or (len(data) < 4096 and not data.strip()):
        raise ReadError("empty", _("The file is empty."))
    if _is_archive(data, filename):
        raise ReadError(
            "archive",
            _("The file is a zip archive. Regio reads documents, not archives: unpack it and upload the documents one by one."),
        )
    for reader in _readers:
        if reader.recognises(data):
            extension = _extension(filename)
            for specific in _readers:
                if specific is not reader and isinstance(specific, type(reader)) and extension in specific.extensions:
                    return specific
            return reader
    raise ReadError("unsupported_format", _("The file is not in a format Regio can read."))


def extension_mismatch(reader: Reader, filename: str) -> str | None:
    """A note when the file name claims another format than the content shows, else None."""
    extension = _extension(filename)
    if not extension or extension in reader.extensions:
        return None
    claimed = next((other for other in _readers if extension in other.extensions), None)
    if claimed is None or isinstance(reader, type(claimed)):
        return None
    return format_lazy(
        _("The file name ends in {extension}, but the content is {format}; it was read as {format}."),
        extension=extension,
        format=reader.label,
    )


def read_document(
    data: bytes, filename: str = "", *, limits: Limits | None = None, budget: Budget | None = None
) -> ReadResult:
    """Read one file: check its size, recognise its format, read it and note a lying extension."""
    budget = budget or Budget(limits or Limits())
    check_size(data, budget.limits)
    reader = reader_for(data, filename)
    result = reader.read_within(data, budget)
    mismatch = extension_mismatch(reader, filename)
    if mismatch:
        result.notes.insert(0, mismatch)
    return result
