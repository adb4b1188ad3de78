"""Files safe to open in a spreadsheet (CWE-1236, formula injection): every way a table leaves the
app (CSV, Excel, the dataframe toolbar's "Download as CSV") goes through `neutralize` first.

A text cell that starts with `=`, `+`, `-`, `@`, tab or carriage return is what Excel, LibreOffice
and Google Sheets read as the start of a formula, whatever the quoting; names, organizations and
session titles come straight from registration forms, so a registrant can make a reporter's
spreadsheet call a URL or run a command. OWASP's remedy: a leading `'`, which the spreadsheet
shows as text. Numbers keep their numeric dtypes (a negative number is not text).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pandas as pd

from . import audit
from .queries import Selection

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutral_text(value: object) -> object:
    """`value` with a leading `'` when it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(DANGEROUS):
        return QUOTE + value
    return value


def restore_text(value: str) -> str:
    """The text before `neutral_text` (for files of ours read back, e.g. the overrides CSV)."""
    if value.startswith(QUOTE) and value[1:].startswith(DANGEROUS):
        return value[1:]
    return value


def _text_column(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series.dtype) or series.dtype == object


def neutralize(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every formula-leading text cell and column header neutralized;
    numeric, date and boolean columns are left as they are (same dtypes)."""
    out = df.copy()
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if isinstance(series.dtype, pd.CategoricalDtype):
            cats = series.cat.categories
            if any(isinstance(c, str) and c.startswith(DANGEROUS) for c in cats):
                series = series.cat.rename_categories([neutral_text(c) for c in cats])
                out.isetitem(position, series)
        elif series.dtype != object and pd.api.types.is_string_dtype(series.dtype):
            # vectorized: the Attendance list can hold hundreds of thousands of rows
            mask = series.str.startswith(DANGEROUS).fillna(False).astype(bool)
            if mask.any():
                out.isetitem(position, series.where(~mask, QUOTE + series))
        elif series.dtype == object:
            out.isetitem(position, series.map(neutral_text, na_action="ignore"))
    out.columns = [neutral_text(c) for c in out.columns]
    if out.index.name is not None:
        out.index.name = neutral_text(out.index.name)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV, UTF-8 with BOM so that Excel opens accented names correctly; neutralized."""
    return neutralize(df).to_csv(index=False).encode("utf-8-sig")


def dangerous_cells(df: pd.DataFrame) -> list[str]:
    """Where a formula-leading text cell or header remains (for checks): "column[row]"."""
    found = [f"header {c!r}" for c in df.columns if isinstance(c, str) and c.startswith(DANGEROUS)]
    for column in df.columns:
        for i, value in enumerate(df[column].tolist()):
            if isinstance(value, str) and value.startswith(DANGEROUS):
                found.append(f"{column}[{i}]")
    return found


def to_excel_bytes(
    tables: dict[str, pd.DataFrame], notes: list[str] | tuple[str, ...] = ()
) -> bytes:
    """One sheet per table (neutralized: openpyxl writes any str starting with "=" as a live
    formula) and, when there are notes, an "About" sheet with one note per row."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in tables.items():
            safe = neutralize(table)
            sheet_name = name[:31]
            safe.to_excel(writer, sheet_name=sheet_name, index=False)
            sheet = writer.sheets[sheet_name]
            for i, column in enumerate(safe.columns, start=1):
                width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)])
                sheet.column_dimensions[sheet.cell(1, i).column_letter].width = min(60, width + 2)
        if notes:
            about = neutralize(pd.DataFrame({"Note": list(notes)}))
            about.to_excel(writer, sheet_name="About", index=False)
            writer.sheets["About"].column_dimensions["A"].width = 100
    return buffer.getvalue()


def download_detail(
    what: str,
    selection: Selection | None = None,
    basis: str | None = None,
    suppressed: bool | None = None,
) -> dict:
    """The audit log's detail of a download: what, the selection's filters, the basis and
    whether small counts were suppressed; never a person's name or e-mail."""
    detail: dict = {"what": what}
    if selection is not None:
        params = selection.params()
        params["days"] = [str(d) for d in params["days"]]
        detail.update(params)
    if basis is not None:
        detail["basis"] = basis
    if suppressed is not None:
        detail["suppressed"] = bool(suppressed)
    return detail


def audited(
    data_fn: Callable[[], bytes],
    cursor_fn: Callable[[], object],
    actor: audit.Actor,
    file_name: str,
    detail: dict,
) -> Callable[[], bytes]:
    """`data_fn` that records a "download" in the audit log each time it builds the file.
    Streamlit runs it in another thread when the button is clicked, so the actor is captured
    by the caller beforehand and the cursor is taken inside (a connection is not thread-safe)."""

    def build() -> bytes:
        data = data_fn()
        audit.record(cursor_fn(), actor, "download", file_name, detail)
        return data

    return build


def restore(df: pd.DataFrame) -> pd.DataFrame:
    """`neutralize` undone on the text cells (an edited table read back before it is saved)."""
    out = df.copy()
    for position in range(out.shape[1]):
        series = out.iloc[:, position]
        if _text_column(series) and not isinstance(series.dtype, pd.CategoricalDtype):
            restored = series.map(
                lambda v: restore_text(v) if isinstance(v, str) else v, na_action="ignore"
            )
            out.isetitem(position, restored)
    return out
