"""Readers: every supported file format to text with page boundaries, behind one interface and a registry.

    result = read_document(data, "brief.pdf", limits=Limits.from_settings())
    result.pages  # [PageText(number=1, text="...", ocr=False), ...]

A file is recognised by its content; a name that claims another format is noted, not obeyed.
Every refusal is a ReadError with a stable code and a message naming the problem.
"""

from regio.documents.readers.base import (
    Attachment,
    Budget,
    Limits,
    PageText,
    Reader,
    ReadError,
    ReadResult,
)
from regio.documents.readers.image import ImageReader
from regio.documents.readers.mail import EmailReader
from regio.documents.readers.markup import HtmlReader
from regio.documents.readers.pdf import PdfReader
from regio.documents.readers.plain import MarkdownReader, PlainTextReader
from regio.documents.readers.registry import extension_mismatch, read_document, reader_for, register, registered
from regio.documents.readers.word import DocxReader

for _reader in (PdfReader, DocxReader, ImageReader, HtmlReader, EmailReader, PlainTextReader, MarkdownReader):
    register(_reader)

__all__ = [
    "Attachment",
    "Budget",
    "Limits",
    "PageText",
    "ReadError",
    "ReadResult",
    "Reader",
    "extension_mismatch",
    "read_document",
    "reader_for",
    "register",
    "registered",
]
