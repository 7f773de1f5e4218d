"""Fixture makers for the reader tests and the intake benchmark: small files of every format, built in code.

The PDF writer is deliberately tiny (Helvetica, WinAnsi, one text line per `Tj`), and can protect a
file with the PDF standard security handler (revision 2, RC4 40-bit) so that an encrypted PDF
can be tested without a PDF library that writes.
"""

from __future__ import annotations

import hashlib
import io
import textwrap
import zipfile
import zlib
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

_PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_PERMISSIONS = -4
_FILE_ID = hashlib.md5(b"regio-test-pdf").digest()


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + _PASSWORD_PAD)[:32]


class _Security:
    """PDF 1.4 standard security handler, revision 2 (algorithms 3.1-3.4 of the PDF reference)."""

    def __init__(self, user_password: str, owner_password: str):
        self.owner = _rc4(hashlib.md5(_padded(owner_password)).digest()[:5], _padded(user_password))
        permissions = _PERMISSIONS.to_bytes(4, "little", signed=True)
        self.key = hashlib.md5(_padded(user_password) + self.owner + permissions + _FILE_ID).digest()[:5]
        self.user = _rc4(self.key, _PASSWORD_PAD)

    def encrypt(self, number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(self.key + number.to_bytes(3, "little") + b"\x00\x00").digest()[:10]
        return _rc4(object_key, data)

    def dictionary(self) -> bytes:
        return (
            b"<< /Filter /Standard /V 1 /R 2 /O <" + self.owner.hex().encode() + b"> /U <"
            + self.user.hex().encode() + b"> /P " + str(_PERMISSIONS).encode() + b" >>"
        )  # fmt: skip


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def text_pdf(pages: list[str], *, title: str = "", user_password: str = "", compress: bool = True) -> bytes:
    """A PDF with a real text layer: one page per string, lines wrapped at 90 characters."""
    security = _Security(user_password, "regio-eigenaar") if user_password else None
    page_numbers = [5 + 2 * index for index in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % n for n in page_numbers) + b"] /Count %d >>" % len(pages),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    title_bytes = title.encode("cp1252")
    if security:
        title_bytes = security.encrypt(4, title_bytes)
    objects[4] = b"<< /Title <" + title_bytes.hex().encode() + b"> >>"
    for number, text in zip(page_numbers, pages, strict=True):
        lines = [wrapped for paragraph in text.split("\n") for wrapped in (textwrap.wrap(paragraph, 90) or [""])]
        content = b"BT /F1 10 Tf 13 TL 56 790 Td " + b" ".join(_pdf_string(line) + b" Tj T*" for line in lines) + b" ET"
        filters = b""
        if compress:
            content, filters = zlib.compress(content), b" /Filter /FlateDecode"
        if security:
            content = security.encrypt(number + 1, content)
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (number + 1)
        )
        objects[number + 1] = b"<< /Length %d%s >>\nstream\n" % (len(content), filters) + content + b"\nendstream"
    if security:
        objects[max(objects) + 1] = security.dictionary()
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    trailer = b"<< /Size %d /Root 1 0 R /Info 4 0 R /ID [<%s> <%s>]" % (
        size,
        _FILE_ID.hex().encode(),
        _FILE_ID.hex().encode(),
    )
    if security:
        trailer += b" /Encrypt %d 0 R" % (size - 1)
    out.write(b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def page_image(text: str, *, width: int = 2480, dpi: int = 300, font_size: int = 44) -> Image.Image:
    """A white page with `text` in black DejaVu Sans, like a letter scanned at `dpi`."""
    font = ImageFont.truetype(str(DEJAVU), font_size)
    lines = [wrapped for paragraph in text.split("\n") for wrapped in (textwrap.wrap(paragraph, 70) or [""])]
    line_height = int(font_size * 1.5)
    image = Image.new("L", (width, 2 * 150 + line_height * len(lines)), color=255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((200, 150 + index * line_height), line, font=font, fill=0)
    image.info["dpi"] = (dpi, dpi)
    return image


def scanned_pdf(pages: list[str], *, dpi: int = 300) -> bytes:
    """A PDF of page images only (no text layer), as a scanner makes it."""
    images = [page_image(text, dpi=dpi) for text in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def image_file(pages: list[str], image_format: str, *, width: int = 2480) -> bytes:
    images = [page_image(text, width=width) for text in pages]
    out = io.BytesIO()
    if len(images) > 1:
        images[0].save(out, image_format, save_all=True, append_images=images[1:], dpi=(300, 300))
    else:
        images[0].save(out, image_format, dpi=(300, 300))
    return out.getvalue()


def huge_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A valid, all-white 1-bit PNG of the given size: about 100 KB on disk, a gigapixel decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def docx_file(
    paragraphs: list[str],
    *,
    title: str = "",
    heading: str = "",
    table: list[list[str]] | None = None,
    page_break_after: int | None = None,
) -> bytes:
    """A Word document: an optional heading, paragraphs (a page break after the given one), a table."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    if title:
        document.core_properties.title = title
    if heading:
        document.add_heading(heading, level=1)
    for index, text in enumerate(paragraphs):
        paragraph = document.add_paragraph(text)
        if page_break_after == index:
            paragraph.add_run().add_break(WD_BREAK.PAGE)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bomb_docx(unpacked_mb: int = 1024) -> bytes:
    """A zip that looks like a .docx whose document part unpacks to `unpacked_mb` megabytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                part.write(block)
    return out.getvalue()


def eml_file(
    body: str, *, subject: str, sender: str, date: str, attachments: list[tuple[str, bytes, str]] = ()
) -> bytes:
    """An e-mail; attachments are (filename, content, media type)."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = "griffie@leiden.nl"
    message["Date"] = date
    message.set_content(body)
    for filename, content, media_type in attachments:
        maintype, subtype = media_type.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
