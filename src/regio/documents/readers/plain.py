"""Plain text and Markdown: encoding detection, form feeds as page breaks, a light Markdown clean-up."""

from __future__ import annotations

import codecs
import re
import unicodedata

from django.utils.translation import gettext_lazy as _

from regio.documents.readers.base import Budget, PageText, Reader, ReadError, ReadResult

# Control characters that may occur in text files; any other in quantity means binary data.
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}


def decode_text(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

    Windows-1252 leaves five byte values undefined; a file containing them is read as Latin-1,
    which accepts every byte.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def looks_like_text(sample: str) -> bool:
    """Whether a decoded sample is text rather than binary data read as characters."""
    if not sample:
        return False
    if "\x00" in sample:
        return False
    odd = sum(1 for char in sample if unicodedata.category(char) in ("Cc", "Co", "Cn") and char not in _TEXT_CONTROLS)
    return odd <= len(sample) // 100


def head_text(data: bytes, size: int = 4096) -> str | None:
    """The decoded start of `data` when it looks like text, else None."""
    head = data[:size]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = data[: size * 2]
    text, encoding = decode_text(head)
    if encoding == "utf-8" and len(head) == size:
        # The sample may end inside a multi-byte character; decoding it strictly is then unfair.
        text = head.decode("utf-8", errors="ignore")
    return text if looks_like_text(text) else None


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_SETEXT = re.compile(r"^(?P<title>[^\n]+)\n(?:=+|-+)[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE)


def markdown_title(text: str) -> str:
    headings = [match for match in _HEADING.finditer(text) if len(match.group(1)) == 1]
    if headings:
        return headings[0].group(2).strip()
    setext = _SETEXT.search(text)
    return setext.group("title").strip() if setext else ""


def markdown_to_text(text: str) -> str:
    """Markdown's markup removed so that sentences read as sentences; the words stay as written."""
    text = _RULE.sub("", text)
    text = _HEADING.sub(lambda match: match.group(2), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _LIST_MARK.sub("- ", text)
    return _QUOTE.sub("", text)


class PlainTextReader(Reader):
    name = "text"
    label = _("text")
    media_types = ("text/plain", "text/markdown")
    extensions = (".txt", ".text", ".csv")
    order = 100

    def recognises(self, data: bytes) -> bool:
        return head_text(data) is not None

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        text, encoding = decode_text(data)
        if not looks_like_text(text[:65536]):
            raise ReadError("unsupported_format", _("The file is not text and not in a format Regio can read."))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        raw_pages = text.split("\f")
        budget.check_pages(len(raw_pages))
        notes = []
        if encoding in ("cp1252", "latin-1"):
            notes.append(_("The text was not UTF-8; it was read as Windows-1252 (West European)."))
        return self.result([PageText(number, page) for number, page in enumerate(raw_pages, start=1)], notes=notes)


class MarkdownReader(PlainTextReader):
    """Markdown cannot be told from text by content; the file name's .md decides (see the registry)."""

    name = "markdown"
    label = _("Markdown")
    media_types = ("text/markdown",)
    extensions = (".md", ".markdown")

    def recognises(self, data: bytes) -> bool:
        return False

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        result = super().extract(data, budget)
        result.title = markdown_title(result.pages[0].text)
        for page in result.pages:
            page.text = markdown_to_text(page.text)
        result.media_type = self.media_types[0]
        return result
