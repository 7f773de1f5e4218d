"""The reader interface: what every file-format reader receives, returns and refuses.

A reader turns the bytes of one file into text per page. It never touches the database or the
disk: the intake stores what a reader returns, so a refused file leaves nothing behind.
"""

from __future__ import annotations

import logging
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from django.utils.functional import Promise, lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from lxml import etree

logger = logging.getLogger(__name__)

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much one file may ask of the server. The defaults match the settings' defaults."""

    max_bytes: int = 50 * MB
    max_pages: int = 500
    max_image_pixels: int = 50_000_000
    # A .docx is a zip: its declared unpacked size and compression ratio are checked before reading.
    max_unpacked_bytes: int = 250 * MB
    max_compression_ratio: int = 100
    max_zip_entries: int = 5_000
    # Wall-clock budget for one file, checked between pages, and for one OCR page.
    max_seconds: float = 900.0
    ocr_page_seconds: float = 120.0
    ocr_dpi: int = 300
    ocr_languages: str = "nld"
    # E-mails inside e-mails are read this many levels deep.
    max_nesting: int = 3

    @classmethod
    def from_settings(cls) -> Limits:
        """Limits from REGIO_MAX_UPLOAD_MB, REGIO_MAX_PAGES and REGIO_MAX_IMAGE_PIXELS in the settings."""
        from django.conf import settings

        return cls(
            max_bytes=int(getattr(settings, "REGIO_MAX_UPLOAD_MB", 50) * MB),
            max_pages=int(getattr(settings, "REGIO_MAX_PAGES", 500)),
            max_image_pixels=int(getattr(settings, "REGIO_MAX_IMAGE_PIXELS", 50_000_000)),
        )


class ReadError(Exception):
    """A file that cannot be read, with a stable code and a translatable message.

    The message names the problem, not the file: the caller knows the file name and adds it.
    """

    def __init__(self, code: str, message: str | Promise):
        super().__init__(code, message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class PageText:
    number: int
    text: str
    ocr: bool = False


@dataclass
class Attachment:
    """An attachment of an e-mail: where its pages landed in the result, or why it was not read."""

    filename: str
    media_type: str
    first_page: int | None = None
    last_page: int | None = None
    error: ReadError | None = None


@dataclass
class ReadResult:
    pages: list[PageText]
    media_type: str
    title: str = ""
    # A date the format itself states (an e-mail's Date header); the text may state another.
    date: date | None = None
    author: str = ""
    notes: list[str | Promise] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def ocr_pages(self) -> int:
        return sum(page.ocr for page in self.pages)

    @property
    def text(self) -> str:
        return "\n\n".join(page.text for page in self.pages)


class Budget:
    """The limits of one read plus its deadline; shared with the attachments read inside it."""

    def __init__(self, limits: Limits, *, deadline: float | None = None, depth: int = 0, pages_before: int = 0,
                 progress=None):
        self.limits = limits
        self.deadline = deadline if deadline is not None else time.monotonic() + limits.max_seconds
        self.depth = depth
        self.pages_before = pages_before
        # progress(done, total): pages read of the file's pages, for a job's progress bar.
        self.progress = progress

    def report(self, done: int, total: int) -> None:
        if self.progress is not None and self.depth == 0:
            self.progress(done, total)

    def nested(self, *, pages_before: int) -> Budget:
        return Budget(self.limits, deadline=self.deadline, depth=self.depth + 1, pages_before=pages_before)

    @property
    def pages_left(self) -> int:
        return self.limits.max_pages - self.pages_before

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise ReadError(
                "too_slow",
                format_lazy(
                    _("Reading took longer than the limit of {seconds} seconds."), seconds=int(self.limits.max_seconds)
                ),
            )

    def check_pages(self, count: int) -> None:
        if count > self.pages_left:
            raise ReadError(
                "too_many_pages",
                format_lazy(
                    _("The document has {count} pages; at most {limit} are allowed."),
                    count=count + self.pages_before,
                    limit=self.limits.max_pages,
                ),
            )


# What third-party parsers raise on damaged input. Anything else is a bug and is left to surface.
PARSER_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,  # includes UnicodeError
    LookupError,  # KeyError, IndexError: missing parts of a package
    OSError,
    EOFError,
    SyntaxError,  # Pillow's "broken PNG file"
    struct.error,
    zlib.error,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    etree.LxmlError,
    RecursionError,
)


class Reader:
    """One file format. Subclasses set the class attributes and implement `recognises` and `extract`."""

    name: ClassVar[str]
    media_types: ClassVar[tuple[str, ...]]
    extensions: ClassVar[tuple[str, ...]]
    # Readers are asked in this order whether they recognise a file; the plain-text fallback comes last.
    order: ClassVar[int] = 50
    label: ClassVar[str | Promise]

    def recognises(self, data: bytes) -> bool:
        """Whether `data` is in this reader's format, judged by its content alone (cheaply)."""
        raise NotImplementedError

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        """Read `data`; raise ReadError for anything the reader cannot or may not read."""
        raise NotImplementedError

    def read(self, data: bytes, *, limits: Limits | None = None) -> ReadResult:
        return self.read_within(data, Budget(limits or Limits()))

    def read_within(self, data: bytes, budget: Budget) -> ReadResult:
        check_size(data, budget.limits)
        try:
            result = self.extract(data, budget)
        except ReadError:
            raise
        except PARSER_ERRORS as exc:
            logger.info("%s reader refused damaged input: %r", self.name, exc)
            raise ReadError(
                "damaged",
                format_lazy(_("The file is damaged or is not a valid {format} file."), format=self.label),
            ) from exc
        budget.check_pages(len(result.pages))
        if not any(page.text.strip() for page in result.pages):
            if result.ocr_pages:
                raise ReadError("unreadable_scan", _("Text recognition (OCR) found no readable text in the scan."))
            raise ReadError("no_text", _("The file contains no text."))
        return result

    def result(self, pages: list[PageText], **kwargs) -> ReadResult:
        return ReadResult(pages=pages, media_type=self.media_types[0], **kwargs)


def _megabytes(size: int, decimals: int = 1) -> str:
    from django.utils.formats import number_format

    return number_format(round(size / MB, decimals), decimal_pos=decimals)


# A size in MB in the reader's language: "55,0 MB" in Dutch, "55.0 MB" in English.
megabytes = lazy(_megabytes, str)


def check_size(data: bytes, limits: Limits) -> None:
    if not data or (len(data) < 4096 and not data.strip()):
        raise ReadError("empty", _("The file is empty."))
    if len(data) > limits.max_bytes:
        raise ReadError(
            "too_large",
            format_lazy(
                _("The file is {size} MB; at most {limit} MB is allowed."),
                size=megabytes(len(data)),
                limit=megabytes(limits.max_bytes),
            ),
        )
