"""An organizer's answers for raw values: set once, applied to every current and future row."""

from __future__ import annotations

import io

import pandas as pd

from . import audit, safe_export
from .db import transaction
from .model import BadFileError

KINDS = ("country", "organization", "org_type")


def raw_key(raw: str) -> str:
    return str(raw or "").strip().lower()


def set_override(con, kind: str, raw: str, value: str, actor: audit.Actor | None = None) -> None:
    """One answer, audited in the same transaction (actor None: the command line)."""
    with transaction(con):
        _store(con, kind, raw, value)
        # The raw text is a country answer or an organization, never a person's name or e-mail
        # column; an erasure scrubs an e-mail typed into it anyway.
        audit.record(
            con, actor or audit.CLI, "override", kind, {"raw": raw_key(raw), "value": value}
        )


def _store(con, kind: str, raw: str, value: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown override kind {kind!r}")
    con.execute(
        "insert or replace into overrides values ($k, $r, $v, current_timestamp::timestamp)",
        {"k": kind, "r": raw_key(raw), "v": value},
    )


def export_csv(con) -> bytes:
    """The overrides as CSV, safe to open in a spreadsheet; `import_csv` reads it back."""
    table = con.execute("select kind, raw_key, value from overrides order by kind, raw_key").df()
    return safe_export.to_csv_bytes(table)


def import_csv(
    con, data: bytes, valid_values: dict[str, set[str]], actor: audit.Actor | None = None
) -> int:
    """Load overrides from CSV (kind, raw_key, value); all rows or none."""
    try:
        table = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises several parser errors
        raise BadFileError(f"The overrides file could not be read as CSV: {exc}") from exc
    # Our own export quotes formula-leading answers ("'=1+1"): read them as they were typed.
    table = table.map(safe_export.restore_text)
    needed = {"kind", "raw_key", "value"}
    if not needed <= set(table.columns):
        raise BadFileError(
            f"The overrides file needs the columns {sorted(needed)}; it has {list(table.columns)}."
        )
    for i, row in enumerate(table.itertuples(index=False), start=2):
        if row.kind not in KINDS:
            raise BadFileError(f"Line {i}: unknown kind {row.kind!r} (use one of {KINDS}).")
        allowed = valid_values.get(row.kind)
        if allowed is not None and row.value not in allowed:
            raise BadFileError(f"Line {i}: {row.value!r} is not a valid {row.kind} answer.")
    with transaction(con):
        for row in table.itertuples(index=False):
            _store(con, row.kind, row.raw_key, row.value)
        counts = table["kind"].value_counts().to_dict()
        audit.record(con, actor or audit.CLI, "overrides_upload", "overrides", {"rows": counts})
    return len(table)
