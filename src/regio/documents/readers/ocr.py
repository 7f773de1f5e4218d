"""Text recognition (OCR) of one page image with Tesseract and its Dutch data, through pytesseract."""

from __future__ import annotations

import os
import shutil
from functools import cache

import pytesseract
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image

from regio.documents.readers.base import Budget, ReadError

# Tesseract's OpenMP threads busy-wait; on a shared server that triples the time per page (bench/intake.py
# measured 9.8 s against 3.4 s on two loaded cores). One thread per page; an operator may override this.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# Words Tesseract is less sure of than this (0-100) are kept, but a page whose words are on
# average below it is treated as noise: a blank or unreadable scan, not text.
MIN_MEAN_CONFIDENCE = 45


@cache
def tesseract_available() -> bool:
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def _check_available(languages: str) -> None:
    if not tesseract_available():
        raise ReadError("ocr_unavailable", _("Text recognition (OCR) is not installed on this server."))
    missing = set(languages.split("+")) - set(_installed_languages())
    if missing:
        raise ReadError(
            "ocr_unavailable",
            format_lazy(
                _("Text recognition (OCR) lacks the language data for: {languages}."),
                languages=", ".join(sorted(missing)),
            ),
        )


@cache
def _installed_languages() -> tuple[str, ...]:
    return tuple(pytesseract.get_languages(config=""))


def recognise(image: Image.Image, budget: Budget) -> str:
    """The text on `image`, lines and paragraphs as Tesseract found them; "" when it finds none.

    One Tesseract run yields both the words and their confidence, so noise can be told from text.
    """
    limits = budget.limits
    _check_available(limits.ocr_languages)
    budget.check_time()
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    try:
        data = pytesseract.image_to_data(
            image,
            lang=limits.ocr_languages,
            config="--psm 3",
            output_type=pytesseract.Output.DICT,
            timeout=limits.ocr_page_seconds,
        )
    except RuntimeError as exc:  # pytesseract signals its timeout this way
        if "timeout" in str(exc).lower():
            raise ReadError(
                "ocr_timeout",
                format_lazy(
                    _("Text recognition (OCR) of one page took longer than {seconds} seconds."),
                    seconds=int(limits.ocr_page_seconds),
                ),
            ) from exc
        raise
    except pytesseract.TesseractError as exc:
        raise ReadError("ocr_failed", _("Text recognition (OCR) failed on this image.")) from exc
    return _layout(data)


def _layout(data: dict[str, list]) -> str:
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences = []
    for index, word in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        word = word.strip()
        if confidence < 0 or not word:
            continue
        confidences.append(confidence)
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        lines.setdefault(key, []).append(word)
    if not confidences or sum(confidences) / len(confidences) < MIN_MEAN_CONFIDENCE:
        return ""
    if not any(any(char.isalnum() for char in word) for words in lines.values() for word in words):
        return ""
    text: list[str] = []
    previous = None
    for key, words in lines.items():
        if previous is not None:
            text.append("\n\n" if key[:2] != previous[:2] else "\n")
        text.append(" ".join(words))
        previous = key
    return "".join(text)
