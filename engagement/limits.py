"""The work one file may cause, in one place: bytes, rows, columns, cells, XLSX expansion, field
length. Each limit is checked before the expensive step it protects (size before reading, a
sheet's declared dimension and uncompressed size before parsing, columns before pandas), so a
hostile file is refused in seconds and bounded memory, with a sentence saying what, where and
what to do.
"""

from __future__ import annotations

import re

from engagement.model import BadFileError

MB = 2**20

# Upload through the Data page: every byte of an upload sits in the server's memory (Streamlit
# keeps it), so the page takes less than the command line, which reads one file at a time.
MAX_UPLOAD_BYTES = 60 * MB
# The command line and the engine's default (the 1,000,000-row Zoom report is 114 MB).
MAX_FILE_BYTES = 200 * MB
MAX_ROWS = 2_000_000  # lines of text of a CSV
MAX_COLUMNS = 1_000  # values in one row (a registration form with every question fits)
MAX_CELLS = 30_000_000  # rows x columns of a CSV (the 1,000,000-row Zoom report: 13 million)
# XLSX: Excel's own sheet height; cells and expanded size are lower than a CSV's because
# openpyxl reads about 200,000 cells a second: these keep the worst workbook near 10 s.
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CELLS = 2_000_000
XLSX_MAX_EXPANDED = 64 * MB  # uncompressed worksheets + shared strings, as the zip declares
MAX_FIELD_CHARS = 10_000  # a longer value is cut to this length, with a warning

SPLIT_HINT = "Export a shorter date range or split the report, then upload the parts."


def mb(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{n:,} bytes"


def check_size(size: int, name: str, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse a file from its size alone (os.stat, the uploader's size), before reading it."""
    if size > max_bytes:
        raise BadFileError(
            f"{name} is {mb(size)}, over the {mb(max_bytes)} upload limit. {SPLIT_HINT}"
        )


def check_text(text: str, name: str) -> None:
    """Rows, columns and cells of a decoded CSV, checked with C-speed scans before any parser
    splits it (a 100,000-column line would otherwise become 100,000 pandas columns)."""
    rows = text.count("\n") + 1
    if rows > MAX_ROWS:
        raise BadFileError(
            f"{name} has {rows:,} lines, over the limit of {MAX_ROWS:,} rows per file. "
            + SPLIT_HINT
        )
    # A row over MAX_COLUMNS values is at least MAX_COLUMNS characters long: only such lines
    # are looked at, so ordinary files pay one regex scan.
    for match in re.finditer(rf"(?m)^[^\n]{{{MAX_COLUMNS},}}", text):
        line = match.group()
        values = max(line.count(d) for d in ("\t", ";", ",")) + 1
        if values > MAX_COLUMNS:
            number = text.count("\n", 0, match.start()) + 1
            raise BadFileError(
                f"Line {number:,} of {name} has {values:,} values, over the limit of "
                f"{MAX_COLUMNS:,} columns. Check that this is the platform's report (not a "
                "pivoted or transposed sheet); remove the extra columns and upload it again."
            )
    # Cells = rows + separators (of the most frequent separator): exact for a regular file.
    cells = rows + max(text.count(d) for d in ("\t", ";", ","))
    if cells > MAX_CELLS:
        raise BadFileError(
            f"{name} holds about {cells:,} values, over the limit of {MAX_CELLS:,} per file. "
            + SPLIT_HINT
        )


def check_sheet(rows: int, columns: int, name: str, where: str) -> None:
    """A worksheet's rows and columns, from its declared dimension or counted while streaming."""
    if rows > XLSX_MAX_ROWS or rows * max(columns, 1) > XLSX_MAX_CELLS:
        raise BadFileError(
            f"The first worksheet of {name} {where} {rows:,} rows x {columns:,} columns, over "
            f"the limit of {XLSX_MAX_ROWS:,} rows and {XLSX_MAX_CELLS:,} cells for a workbook. "
            "Delete the empty or extra rows and columns in Excel, or save the sheet as CSV "
            "(which may hold more), then upload it again."
        )
    if columns > MAX_COLUMNS:
        raise BadFileError(
            f"The first worksheet of {name} {where} {columns:,} columns, over the limit of "
            f"{MAX_COLUMNS:,}. Delete the extra columns in Excel and upload it again."
        )


def check_expanded(size: int, name: str) -> None:
    if size > XLSX_MAX_EXPANDED:
        raise BadFileError(
            f"{name} expands to {mb(size)} of worksheet data, over the limit of "
            f"{mb(XLSX_MAX_EXPANDED)} for a workbook. Save the sheet as CSV and upload that, "
            "or split the report."
        )
