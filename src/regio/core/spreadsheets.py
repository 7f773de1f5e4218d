"""The one place where Regio writes cells for spreadsheet programs: CSV and Excel (.xlsx).

Anyone who can edit a title can make it start with ``=``; a spreadsheet program that opens
the export would run it as a formula (``=HYPERLINK(...)`` leaks a neighbouring cell to an
outside address). Every cell that starts with a character a spreadsheet reads as the start
of a formula — ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — gets a leading single
quote (OWASP's advice for CSV injection), so it is shown as the text it is. Numbers, dates and
booleans pass unchanged: they are values, not formulas. Every CSV and .xlsx the project
writes goes through this module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel limits a sheet title to 31 characters and refuses these.
_SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def safe_cell(value: Any) -> Any:
    """``value`` as a spreadsheet shows it without running it: text that would start a formula
    gets a leading single quote; numbers, dates, booleans and None pass unchanged."""
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _text(value: Any) -> str:
    value = safe_cell(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # A decimal comma, as a Dutch spreadsheet reads numbers in a `;`-separated file.
        return format(value.normalize(), "f").replace(".", ",")
    return str(value)


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file as Dutch spreadsheet programs open it: ``;`` between fields, CRLF line ends,
    UTF-8 with a byte order mark; every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(name) for name in header])
    writer.writerows([_text(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str) -> bytes:
    """An Excel workbook with one sheet named ``title``: a bold header row that stays in view,
    every text cell neutralised and stored as text (never as a formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = (title.translate(_SHEET_TITLE_FORBIDDEN).strip() or "Blad1")[:31]
    sheet.append([_text(name) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        values = []
        for value in row:
            value = safe_cell(value)
            if isinstance(value, datetime) and value.tzinfo is not None:
                value = value.replace(tzinfo=None)  # Excel has no time zones
            values.append(value)
        sheet.append(values)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it looks like a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
