"""A report table as a CSV or XLSX download.

Only the headers are in the reader's language. A CSV is for other programs: machine values
(a dot for decimals, no group separators, rates as fractions, months as YYYY-MM). An XLSX is
for people: numbers stay numbers, with a number format (`innovato.formatting.XLSX_*`) that
Excel shows with the reader's own separators, so a clerk can sum and sort them.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font
from rest_framework.renderers import BaseRenderer

from innovato import formatting
from tenant_apps.calls.models import Call
from tenant_apps.reports.tables import Kind, Table

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A spreadsheet runs a cell that starts with one of these as a formula; department and
# theme names are typed by people, so such a name is written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_FORMATS = {
    Kind.COUNT: formatting.XLSX_COUNT,
    Kind.MONEY: formatting.XLSX_MONEY,
    Kind.HOURS: formatting.XLSX_HOURS,
    Kind.PERCENT: formatting.XLSX_PERCENT,
    Kind.MONTH: formatting.XLSX_MONTH,
    Kind.SCORE: formatting.XLSX_SCORE,
}


def filename(*, city_slug: str, report: str, call: Call | None, extension: str) -> str:
    """Such as `cluj-funnel-call-12-2026-11-24.csv` or `cluj-savings-city-2026-11-24.xlsx`."""
    scope = f"call-{call.pk}" if call is not None else "city"
    return f"{city_slug}-{report}-{scope}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%Y-%m}"
    text = str(value)
    if not isinstance(value, int | Decimal) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(table: Table) -> bytes:
    """The table as UTF-8 CSV, with a byte-order mark so spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([column.header for column in table.columns])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    if table.totals is not None:
        writer.writerow([_csv_cell(value) for value in table.totals])
    return buffer.getvalue().encode("utf-8")


def csv_response(table: Table, *, name: str) -> HttpResponse:
    """The table as a CSV download named `name`."""
    return _attachment(csv_bytes(table), CSV_TYPE, name)


def _sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Report"


def _write_row(sheet, row_number: int, table: Table, values: list[Any], *,
               bold: bool = False) -> None:
    for column_number, (column, value) in enumerate(zip(table.columns, values, strict=True),
                                                    start=1):
        cell = sheet.cell(row=row_number, column=column_number, value=value)
        if isinstance(value, str):
            # Never a formula, whatever the text starts with.
            cell.data_type = "s"
        elif column.kind in XLSX_FORMATS:
            cell.number_format = XLSX_FORMATS[column.kind]
        if bold:
            cell.font = Font(bold=True)


def xlsx_bytes(table: Table) -> bytes:
    """The table as an XLSX workbook with one sheet: headers in the first row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(table.title)
    workbook.properties.title = table.title
    headers = [column.header for column in table.columns]
    _write_row(sheet, 1, table, headers, bold=True)
    for row_number, row in enumerate(table.rows, start=2):
        _write_row(sheet, row_number, table, row)
    if table.totals is not None:
        _write_row(sheet, len(table.rows) + 2, table, table.totals, bold=True)
    sheet.freeze_panes = "A2"
    for column_number, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=column_number).column_letter
        sheet.column_dimensions[letter].width = max(12, min(len(header) + 2, 40))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(table: Table, *, name: str) -> HttpResponse:
    """The table as an XLSX download named `name`."""
    return _attachment(xlsx_bytes(table), XLSX_TYPE, name)


class CSVRenderer(BaseRenderer):
    """Renders a `Table` (the data of an API response) as CSV: `?format=csv` or
    `Accept: text/csv`."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return csv_bytes(data)


class XLSXRenderer(BaseRenderer):
    """Renders a `Table` as an XLSX workbook: `?format=xlsx` or an Accept of its type."""

    media_type = XLSX_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return xlsx_bytes(data)
