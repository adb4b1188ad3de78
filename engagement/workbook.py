"""The Excel workbook of a report, as a reporter can use it as is: a Notes sheet first (filters,
generated at, data as of, sources, the definition of every figure), then one sheet per table
with a styled, frozen header row and an autofilter, shares as percentages, days as dates, and
native Excel charts (openpyxl) beside the main breakdowns.

Cells are written from `safe_export.neutralize`d tables: openpyxl writes any text starting with
"=" as a live formula. Suppressed counts ("<5", "hidden") stay text, right-aligned like numbers.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import safe_export
from .formatting import MISSING
from .report_files import Report, definitions, is_share, sources_words
from .theme import WHO_BLUE, WHO_NAVY

PERCENT = "0.0%"
INTEGER = "#,##0"
DECIMAL = "#,##0.0"
DAY = "yyyy-mm-dd"
MINUTE = "yyyy-mm-dd hh:mm"
STAMP = 'd mmmm yyyy, hh:mm "UTC"'
HEAD_FONT = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor=WHO_BLUE.lstrip("#"))
WRAP = Alignment(wrap_text=True, vertical="top")
RIGHT = Alignment(horizontal="right")
MAX_WIDTH = 60
SHARE_FOOTNOTE = f"{MISSING} unknown: not counted in the shares (see Notes)."
# The main breakdowns get a native chart: table -> (kind, value columns, title). "People" is
# the report's counting noun (Attendees or Registrants).
CHARTS = {
    "By WHO region": ("bar", ("People",), "{noun} by WHO region"),
    "By stakeholder type": ("bar", ("People",), "{noun} by stakeholder type"),
    "Sessions": ("bar", ("Registrants", "Attendees"), "Registrants and attendees by session"),
    "Registrations by day": ("line", ("New registrants",), "New registrants by day"),
    "By gender": ("bar", ("People",), "{noun} by gender"),
    "By income group": ("bar", ("People",), "{noun} by World Bank income group"),
}


def _format(column: str) -> str | None:
    words = column.lower()
    if is_share(column):
        return PERCENT
    if "minutes" in words:
        return DECIMAL
    return None


def _cell_value(value: object) -> object:
    """A cell's value as openpyxl writes it: dates as dates (no 00:00:00), numbers as numbers."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value == datetime.combine(value.date(), datetime.min.time()):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _number_format(value: object, column_format: str | None) -> str | None:
    if isinstance(value, datetime):
        return MINUTE
    if isinstance(value, date):
        return DAY
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if column_format:
        return column_format
    return INTEGER if float(value).is_integer() else DECIMAL


def _prepared(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Columns that are text in the summary but times in a spreadsheet ("Peak at")."""
    out = table.copy()
    if "Peak at" in out.columns:
        out["Peak at"] = pd.to_datetime(out["Peak at"], format="%Y-%m-%d %H:%M", errors="coerce")
    return out


def _key_format(figure: str, value: object) -> str | None:
    """Key figures hold one figure per row: the format follows the figure."""
    return _number_format(_cell_value(value), _format(figure))


def _header(sheet, row: int, names: list[str]) -> None:
    for col, name in enumerate(names, start=1):
        cell = sheet.cell(row, col, name)
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _write_table(sheet, name: str, table: pd.DataFrame) -> None:
    safe = safe_export.neutralize(_prepared(name, table))
    columns = [str(c) for c in safe.columns]
    _header(sheet, 1, columns)
    widths = [len(c) for c in columns]
    key_figures = name == "Key figures"
    dashed = False
    for r, values in enumerate(safe.itertuples(index=False), start=2):
        for c, raw in enumerate(values, start=1):
            value = _cell_value(raw)
            if value is None and is_share(columns[c - 1]):
                # the unknown group is not in the shares: a dash that the footnote explains,
                # as the pages and the PDF show it, not an empty cell that looks like a gap
                value, dashed = MISSING, True
            cell = sheet.cell(r, c, value)
            if key_figures and c == 2:
                fmt = _key_format(str(values[0]), raw)
            else:
                fmt = _number_format(value, _format(columns[c - 1]))
            if fmt:
                cell.number_format = fmt
            elif isinstance(value, str) and c > 1 and value.startswith(("<", "hidden", MISSING)):
                cell.alignment = RIGHT  # a suppressed count sits where its number would
            shown = 16 if isinstance(value, date) else len(str(value or ""))
            widths[c - 1] = max(widths[c - 1], shown)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    if dashed:
        sheet.cell(len(safe) + 3, 1, SHARE_FOOTNOTE).font = Font(italic=True)
    if len(safe):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(safe) + 1}"


def _chart(sheet, name: str, table: pd.DataFrame, noun: str) -> None:
    if name not in CHARTS or table.empty:
        return
    kind, wanted, title = CHARTS[name]
    columns = [str(c) for c in table.columns]
    values = [noun if w == "People" else w for w in wanted]
    if any(v not in columns for v in values):
        return
    rows = len(table) + 1
    chart = LineChart() if kind == "line" else BarChart()
    if kind == "bar":
        chart.type = "bar"  # horizontal: long names read on the axis
        chart.y_axis.majorGridlines = None
        chart.x_axis.scaling.orientation = "maxMin"  # the table's first row on top
        chart.y_axis.crosses = "max"  # and the value axis stays at the bottom
    chart.title = title.format(noun=noun)
    # openpyxl 3.1 marks both axes deleted unless told: Excel then draws no labels at all.
    chart.x_axis.delete = chart.y_axis.delete = False
    label_column = 2 if name == "Sessions" else 1
    for v in values:
        col = columns.index(v) + 1
        chart.add_data(
            Reference(sheet, min_col=col, min_row=1, max_row=rows), titles_from_data=True
        )
    for series in chart.series:
        series.smooth = False  # openpyxl's default curve swings below 0 between daily counts
    cats = Reference(sheet, min_col=label_column, min_row=2, max_row=rows)
    chart.set_categories(cats)
    chart.legend = chart.legend if len(values) > 1 else None
    chart.height = max(7.5, 0.7 * len(table) + 3) if kind == "bar" else 8
    chart.width = 22
    sheet.add_chart(chart, f"{get_column_letter(len(columns) + 2)}2")


def _notes(sheet, report: Report) -> None:
    """The Notes sheet: what the workbook is, its filters, date, sources and definitions."""
    about = report.about
    title = safe_export.neutral_text(f"{about.event_name}: participation report")
    sheet.cell(1, 1, title).font = Font(bold=True, size=14, color=WHO_NAVY.lstrip("#"))
    sheet.cell(2, 1, "Aggregate figures only: no names or e-mail addresses.")
    row = 4
    _header(sheet, row, ["About this workbook", ""])
    rows: list[tuple[str, object]] = list(about.filters)
    rows += [("Generated at", about.generated_at.replace(tzinfo=None))]
    as_of = about.data_as_of
    rows += [("Data as of", None if as_of is None else as_of.to_pydatetime().replace(tzinfo=None))]
    rows += [("Sources", sources_words(about.sources)), ("Times in", about.time_zone)]
    rows += [("Note", note) for note in about.all_notes]
    for item, value in rows:
        row += 1
        sheet.cell(row, 1, safe_export.neutral_text(item)).font = Font(bold=True)
        cell = sheet.cell(row, 2, safe_export.neutral_text(value))
        cell.alignment = WRAP
        if isinstance(value, datetime):
            cell.number_format = STAMP
            cell.alignment = Alignment(horizontal="left")
    row += 2
    _header(sheet, row, ["Figure", "Definition"])
    for term, words in definitions(report.summary.tables):
        row += 1
        sheet.cell(row, 1, term).font = Font(bold=True)
        sheet.cell(row, 2, words).alignment = WRAP
    row += 2
    sources = safe_export.neutralize(about.sources)
    _header(sheet, row, [str(c) for c in sources.columns])
    for values in sources.itertuples(index=False):
        row += 1
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(row, c, _cell_value(value))
            if isinstance(cell.value, datetime):
                cell.number_format = MINUTE
    widths = (34, 90, 64, 18)
    for letter, width in zip("ABCD", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    for r in range(5, row + 1):
        sheet.cell(r, 1).alignment = WRAP
        _fit_height(sheet, r, widths[:2])


def _fit_height(sheet, row: int, widths: tuple[int, ...]) -> None:
    """A row tall enough for its wrapped text: neither openpyxl nor LibreOffice sizes it, and a
    long definition then prints over the next one."""
    lines = 1
    for c, width in enumerate(widths, start=1):
        value = sheet.cell(row, c).value
        if isinstance(value, str):
            lines = max(lines, -(-len(value) // int(width * 1.05)))
    if lines > 1:
        sheet.row_dimensions[row].height = 15 * lines


def _print_setup(sheet) -> None:
    """Printed (or saved as PDF), a sheet is one page wide with its chart beside the table,
    instead of the table and the chart cut over many pages."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = "1:1"


def build(report: Report) -> bytes:
    """The workbook's bytes: Notes, then one sheet per summary table."""
    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    _notes(notes, report)
    _print_setup(notes)
    noun = {"attendees": "Attendees", "registrants": "Registrants"}[report.summary.basis]
    for name, table in report.summary.tables.items():
        sheet = book.create_sheet(name[:31])
        _write_table(sheet, name, table)
        _chart(sheet, name, table, noun)
        _print_setup(sheet)
    stamp = report.about.generated_at.replace(tzinfo=None)
    book.properties.created = book.properties.modified = stamp
    book.properties.title = f"{report.about.event_name}: participation report"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
