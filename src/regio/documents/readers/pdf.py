"""PDF: the text layer per page with pypdfium2; pages without a usable text layer are OCR'd.

pypdfium2 (Google's PDFium) is chosen over pdfminer.six for speed: it extracts a text page in
about a millisecond and renders scanned pages for OCR with the same library.
"""

from __future__ import annotations

import math

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from django.utils.translation import gettext_lazy as _

from regio.documents.readers.base import Budget, PageText, Reader, ReadError, ReadResult
from regio.documents.readers.ocr import recognise

# A text layer with fewer letters and digits than this is a page number or a stamp on a scan.
MIN_TEXT_CHARACTERS = 20
_PDF_UNIT_PER_INCH = 72


def usable_text(text: str) -> bool:
    """Whether a page's text layer carries real text (not a few characters or undecodable glyphs)."""
    visible = [char for char in text if not char.isspace()]
    words = sum(char.isalnum() for char in visible)
    return words >= MIN_TEXT_CHARACTERS and words >= len(visible) * 0.5


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ReadError("encrypted_pdf", _("The PDF is protected with a password and cannot be read.")) from exc
        raise ReadError("damaged_pdf", _("The PDF is damaged and cannot be read.")) from exc


def _has_graphics(page: pdfium.PdfPage) -> bool:
    kinds = [pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM]
    return next(page.get_objects(filter=kinds, max_depth=2), None) is not None


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_bounded()
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip()


def _render(page: pdfium.PdfPage, budget: Budget):
    """The page as an image at the OCR resolution, scaled down if that would exceed the pixel limit."""
    width, height = page.get_size()
    scale = budget.limits.ocr_dpi / _PDF_UNIT_PER_INCH
    pixels = width * height * scale * scale
    if pixels > budget.limits.max_image_pixels:
        scale *= math.sqrt(budget.limits.max_image_pixels / pixels)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil()
    finally:
        bitmap.close()


class PdfReader(Reader):
    name = "pdf"
    label = "PDF"
    media_types = ("application/pdf",)
    extensions = (".pdf",)
    order = 10

    def recognises(self, data: bytes) -> bool:
        # The header may follow some junk; readers accept it within the first kilobyte.
        return b"%PDF-" in data[:1024]

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        pdf = _open(data)
        try:
            budget.check_pages(len(pdf))
            pages = []
            for index in range(len(pdf)):
                budget.check_time()
                pages.append(self._read_page(pdf, index, budget))
                budget.report(index + 1, len(pdf))
            title = (pdf.get_metadata_dict(skip_empty=True).get("Title") or "").strip()
        except pdfium.PdfiumError as exc:
            raise ReadError("damaged_pdf", _("The PDF is damaged and cannot be read.")) from exc
        finally:
            pdf.close()
        return self.result(pages, title=title)

    def _read_page(self, pdf: pdfium.PdfDocument, index: int, budget: Budget) -> PageText:
        page = pdf[index]
        try:
            text = _page_text(page)
            if usable_text(text) or not _has_graphics(page):
                return PageText(index + 1, text)
            image = _render(page, budget)
        finally:
            page.close()
        recognised = recognise(image, budget)
        # A scan with a thin text layer (a stamp, a page number) keeps whichever says more.
        if len(recognised) < len(text):
            return PageText(index + 1, text)
        return PageText(index + 1, recognised, ocr=True)
