"""Images (PNG, JPEG, TIFF with several pages): each page recognised by OCR.

The pixel count is checked from the header before any pixel is decoded, so an image that would
take gigabytes of memory is refused without being opened.
"""

from __future__ import annotations

import io
import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from regio.documents.readers.base import Budget, Limits, PageText, Reader, ReadError, ReadResult
from regio.documents.readers.ocr import recognise

_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "TIFF": "image/tiff"}
_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"II*\x00": "image/tiff",
    b"MM\x00*": "image/tiff",
}


def check_pixels(width: int, height: int, limits: Limits) -> None:
    if width * height > limits.max_image_pixels:
        raise ReadError(
            "image_too_large",
            format_lazy(
                _("The image is {width} × {height} pixels; at most {limit} million pixels are allowed."),
                width=width,
                height=height,
                limit=round(limits.max_image_pixels / 1_000_000, 1),
            ),
        )


def open_image(data: bytes, limits: Limits) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data), formats=list(_FORMATS))
    except Image.DecompressionBombError as exc:
        # Pillow's own guard fires first on headers far beyond its limit; report it like ours.
        counted = re.search(r"\((\d+) pixels\)", str(exc))
        raise ReadError(
            "image_too_large",
            format_lazy(
                _("The image has {pixels} million pixels; at most {limit} million pixels are allowed."),
                pixels=round(int(counted.group(1)) / 1_000_000) if counted else "?",
                limit=round(limits.max_image_pixels / 1_000_000, 1),
            ),
        ) from exc
    check_pixels(*image.size, limits)
    return image


class ImageReader(Reader):
    name = "image"
    label = _("image")
    media_types = ("image/png", "image/jpeg", "image/tiff")
    extensions = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
    order = 20

    def recognises(self, data: bytes) -> bool:
        return data.startswith(tuple(_SIGNATURES))

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        image = open_image(data, budget.limits)
        frames = getattr(image, "n_frames", 1)
        budget.check_pages(frames)
        pages = []
        for index in range(frames):
            budget.check_time()
            image.seek(index)
            check_pixels(*image.size, budget.limits)
            frame = ImageOps.exif_transpose(image) if image.format == "JPEG" else image
            pages.append(PageText(index + 1, recognise(frame, budget), ocr=True))
            budget.report(index + 1, frames)
        media_type = _FORMATS.get(image.format or "", self.media_types[0])
        return ReadResult(pages=pages, media_type=media_type)
