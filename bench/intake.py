"""Intake benchmark, part 1: the readers.

- text PDFs per second through Regio's PDF reader, against pypdfium2's own text extraction
  alone on the same files (target: the reader within 1.25x of the library's time);
- OCR pages per second for scanned pages (render at 300 dpi + Tesseract with Dutch data).

Run from the repository root: `.venv/bin/python bench/intake.py [--documents 300] [--ocr-pages 6]`.
A benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regio.conf.settings")

import django  # noqa: E402

django.setup()

import pypdfium2  # noqa: E402

from regio.documents.readers import Limits, PdfReader  # noqa: E402
from regio.documents.readers.ocr import tesseract_available  # noqa: E402
from regio.documents.tests.data import make  # noqa: E402

WORDS = (
    "de raad het college gemeente Leiden Leiderdorp Oegstgeest Voorschoten Zoeterwoude regio samenwerking "
    "speerpunt agenda besluit overleg woningbouw bereikbaarheid economie energietransitie jeugd zorg "
    "informeert vóór februari maart 2019 voortgang thema trekker bestuurlijk ambtelijk planning brief"
).split()


def generated_pdfs(count: int, pages: int, seed: int = 4) -> list[bytes]:
    rng = random.Random(seed)

    def page() -> str:
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + "." for _ in range(6)]
        return "\n".join(paragraphs)

    return [make.text_pdf([page() for _ in range(pages)], title=f"Brief {index}") for index in range(count)]


def library_only(data: bytes) -> list[str]:
    """The baseline: pypdfium2 opening the file and extracting each page's text, nothing more."""
    pdf = pypdfium2.PdfDocument(data)
    texts = []
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        texts.append(textpage.get_text_bounded())
        textpage.close()
        page.close()
    pdf.close()
    return texts


def timed_pair(first, second, documents: list[bytes], rounds: int) -> tuple[float, float]:
    """Median seconds of each function over all documents; rounds alternate so load drifts hit both."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(rounds):
        for function, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            for data in documents:
                function(data)
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def bench_text_pdfs(count: int, pages: int, rounds: int) -> None:
    documents = generated_pdfs(count, pages)
    reader, limits = PdfReader(), Limits()
    # Warm both paths up once (imports, PDFium's font cache).
    library_only(documents[0])
    reader.read(documents[0], limits=limits)
    baseline, ours = timed_pair(library_only, lambda data: reader.read(data, limits=limits), documents, rounds)
    size = sum(map(len, documents)) / len(documents) / 1024
    print(f"Text PDFs: {count} documents of {pages} pages ({size:.0f} KB each), median of {rounds} rounds")
    print(f"  pypdfium2 text extraction alone: {count / baseline:8.1f} documents/s  ({baseline:.3f} s)")
    print(f"  Regio PDF reader:                {count / ours:8.1f} documents/s  ({ours:.3f} s)")
    verdict = "within" if ours <= baseline * 1.25 else "OUTSIDE"
    print(f"  ratio reader/library: {ours / baseline:.2f}x ({verdict} the 1.25x target)")


def bench_ocr(pages: int) -> None:
    if not tesseract_available():
        print("OCR: skipped, Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-nld)")
        return
    rng = random.Random(7)
    texts = [" ".join(rng.choice(WORDS) for _ in range(120)) + "." for _ in range(pages)]
    data = make.scanned_pdf(texts)
    started = time.perf_counter()
    result = PdfReader().read(data, limits=Limits())
    elapsed = time.perf_counter() - started
    assert result.ocr_pages == pages, "every scanned page should have been OCR'd"
    recognised = sum(len(page.text.split()) for page in result.pages)
    print(f"OCR: {pages} scanned pages (A4 width at 300 dpi, {len(texts[0].split())} words each)")
    print(f"  {pages / elapsed:.2f} pages/s ({elapsed / pages:.2f} s per page, {recognised} words recognised)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=300, help="text PDFs to read (default 300)")
    parser.add_argument("--pages", type=int, default=3, help="pages per text PDF (default 3)")
    parser.add_argument("--rounds", type=int, default=5, help="timing rounds; the median counts (default 5)")
    parser.add_argument("--ocr-pages", type=int, default=6, help="scanned pages to OCR (default 6)")
    args = parser.parse_args(argv)
    bench_text_pdfs(args.documents, args.pages, args.rounds)
    bench_ocr(args.ocr_pages)


if __name__ == "__main__":
    main()
