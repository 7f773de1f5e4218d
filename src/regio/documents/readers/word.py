"""Word .docx with python-docx: paragraphs, headings and tables in reading order, split at page breaks.

A .docx is a zip archive, so its declared unpacked sizes and compression ratios are checked
before anything is decompressed: a zip bomb named .docx is refused unread.
"""

from __future__ import annotations

import io
import zipfile

import docx
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from docx.oxml.ns import qn
from lxml import etree

from regio.documents.readers.base import MB, Budget, Limits, PageText, Reader, ReadError, ReadResult

_MAIN_PART = "word/document.xml"
# Entries smaller than this may compress extremely well (runs of spaces) without being a threat.
_RATIO_FLOOR = 1 * MB

_P, _T, _TAB, _BR, _CR, _TC, _TR = (qn(tag) for tag in ("w:p", "w:t", "w:tab", "w:br", "w:cr", "w:tc", "w:tr"))
_RENDERED_BREAK = qn("w:lastRenderedPageBreak")
_BREAK_BEFORE = qn("w:pageBreakBefore")
_SECTION = qn("w:sectPr")
_TYPE, _VAL = qn("w:type"), qn("w:val")


def check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse archives whose declared contents would take too much memory or time to unpack."""
    entries = archive.infolist()
    if len(entries) > limits.max_zip_entries:
        raise ReadError("zip_bomb", _("The file is a zip archive with suspiciously many parts; it was not unpacked."))
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unpacked_bytes:
        raise ReadError(
            "zip_bomb",
            format_lazy(
                _("The file would unpack to {size} MB (at most {limit} MB is allowed); it was not unpacked."),
                size=total // MB,
                limit=limits.max_unpacked_bytes // MB,
            ),
        )
    for entry in entries:
        if entry.file_size > _RATIO_FLOOR and entry.file_size > entry.compress_size * limits.max_compression_ratio:
            raise ReadError(
                "zip_bomb",
                _("The file contains a part that is compressed suspiciously well (a zip bomb); it was not unpacked."),
            )


def _is_page_break(element: etree._Element, use_rendered: bool) -> bool:
    tag = element.tag
    if use_rendered:
        return tag == _RENDERED_BREAK
    if tag == _BR:
        return element.get(_TYPE) == "page"
    if tag == _BREAK_BEFORE:
        return element.get(_VAL, "true") not in ("0", "false", "off")
    return False


def _section_breaks_page(paragraph: etree._Element) -> bool:
    """A paragraph carrying a section break starts a new page unless the section is continuous."""
    properties = paragraph.find(qn("w:pPr"))
    section = properties.find(_SECTION) if properties is not None else None
    if section is None:
        return False
    kind = section.find(qn("w:type"))
    return kind is None or kind.get(_VAL) != "continuous"


def body_pages(body: etree._Element) -> list[str]:
    """The text of a document body per page.

    Word records where it last broke the pages when it saved (lastRenderedPageBreak); those match
    what the author saw and are used when present. Otherwise the explicit breaks count: page
    breaks, "page break before" paragraphs and section breaks.
    """
    use_rendered = body.find(f".//{_RENDERED_BREAK}") is not None
    pages: list[list[str]] = [[]]
    cell_depth = 0
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag
        if event == "start":
            if tag == _T and element.text:
                pages[-1].append(element.text)
            elif tag == _TAB:
                pages[-1].append("\t")
            elif _is_page_break(element, use_rendered):
                pages.append([])
            elif tag in (_BR, _CR):
                pages[-1].append("\n")
            elif tag == _TC:
                cell_depth += 1
            continue
        if tag == _P:
            pages[-1].append(" " if cell_depth else "\n")
            if not use_rendered and _section_breaks_page(element):
                pages.append([])
        elif tag == _TC:
            cell_depth -= 1
            if pages[-1] and pages[-1][-1] == " ":
                pages[-1].pop()  # the separator after the cell's last paragraph
            pages[-1].append("\t")
        elif tag == _TR:
            pages[-1].append("\n")
    texts = ["\n".join(line.rstrip(" \t") for line in "".join(chunks).split("\n")).strip("\n") for chunks in pages]
    # A break at the very end (a trailing section) makes no page of its own.
    while len(texts) > 1 and not texts[-1].strip():
        texts.pop()
    return texts


def _title(document) -> str:
    title = (document.core_properties.title or "").strip()
    if title:
        return title
    for paragraph in document.paragraphs[:50]:
        style = paragraph.style.name if paragraph.style is not None else ""
        if style in ("Title", "Heading 1") and paragraph.text.strip():
            return paragraph.text.strip()
    return ""


class DocxReader(Reader):
    name = "docx"
    label = _("Word (.docx)")
    media_types = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
    extensions = (".docx",)
    order = 10

    def recognises(self, data: bytes) -> bool:
        if not data.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return _MAIN_PART in archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            # Damaged beyond listing: still a zip that claims to be Word, so let the reader say so.
            return True

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        stream = io.BytesIO(data)
        with zipfile.ZipFile(stream) as archive:
            check_zip(archive, budget.limits)
        stream.seek(0)
        document = docx.Document(stream)
        texts = body_pages(document.element.body)
        budget.check_pages(len(texts))
        pages = [PageText(number, text) for number, text in enumerate(texts, start=1)]
        return self.result(pages, title=_title(document), author=(document.core_properties.author or "").strip())
