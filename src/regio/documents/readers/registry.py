"""The registry of readers and content sniffing: a file is read by what it is, not by what its name says."""

from __future__ import annotations

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


def reader_for(data: bytes, filename: str = "") -> Reader:
    """The reader for `data`, chosen by content; the file name only refines a choice the content allows.

    Markdown cannot be told from plain text by its bytes, so a text file named .md is read as
    Markdown: a more specific reader of the same kind whose extensions match wins.
    """
    if not data or (len(data) < 4096 and not data.strip()):
        raise ReadError("empty", _("The file is empty."))
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
