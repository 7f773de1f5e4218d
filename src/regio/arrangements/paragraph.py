"""The budget's paragraph on verbonden partijen as a table: rows per municipality and year, written
as Word (python-docx) and CSV for the municipality's budget and annual accounts."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from docx import Document
from docx.shared import Pt

COLUMNS = [
    "Verbonden partij", "Openbaar belang", "Deelnemers", "Bijdrage (€)", "Aandeel (%)",
    "Eigen vermogen 1-1 (€)", "Eigen vermogen 31-12 (€)", "Vreemd vermogen 1-1 (€)", "Vreemd vermogen 31-12 (€)",
    "Resultaat (€)", "Belangrijkste risico's", "Risicoklasse",
]


@dataclass(frozen=True)
class ParagraphRow:
    name: str
    public_interest: str
    participants: str
    contribution: Decimal | None
    share_percent: Decimal | None
    equity_start: Decimal | None
    equity_end: Decimal | None
    liabilities_start: Decimal | None
    liabilities_end: Decimal | None
    result: Decimal | None
    risks: str
    risk_class: int | None

    def cells(self) -> list[str]:
        return [
            self.name, self.public_interest, self.participants, _amount(self.contribution),
            _amount(self.share_percent, decimals=2), _amount(self.equity_start), _amount(self.equity_end),
            _amount(self.liabilities_start), _amount(self.liabilities_end), _amount(self.result), self.risks,
            str(self.risk_class) if self.risk_class else "",
        ]


def _amount(value: Decimal | None, *, decimals: int = 0) -> str:
    """Dutch notation: 1.250.000 or 12,50; empty when unknown."""
    if value is None:
        return ""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def paragraph_docx(rows: list[ParagraphRow], *, municipality: str, year: int) -> bytes:
    document = Document()
    document.add_heading(f"Paragraaf verbonden partijen {year} — gemeente {municipality}", level=1)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(8)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row.cells(), strict=True):
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def paragraph_csv(rows: list[ParagraphRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(row.cells())
    return buffer.getvalue()
