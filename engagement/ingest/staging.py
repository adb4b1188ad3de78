"""A large file's prepared rows on disk: a staging DuckDB file in a private temporary folder,
written chunk by chunk while the file is read (ingest.stream) and read by the commit with
INSERT ... SELECT, so the whole file never sits in memory as Python objects.

The folder holds personal data: it is removed after the commit (or its failure), when the
Prepared file is dropped unused (garbage collected), and at interpreter exit. Pickling a
Staging (a worker process handing its result to the app) hands the folder over: the copy
removes it, the original no longer does.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

import duckdb
import pandas as pd

TABLES = ("regs", "segs", "rejects")
# The staging connection's own memory (its buffer pool spills to the folder beyond this).
MEMORY_LIMIT = "256MB"


def _remove(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class Staging:
    """The staging database of one prepared file (path of a DuckDB file, read-only once
    written)."""

    def __init__(self) -> None:
        folder = tempfile.mkdtemp(prefix="wlpf_staging_")
        self.path = Path(folder) / "staging.duckdb"
        self._finalizer = weakref.finalize(self, _remove, folder)

    def __getstate__(self) -> dict:
        self._finalizer.detach()  # the unpickled copy owns the folder from now on
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.path = state["path"]
        self._finalizer = weakref.finalize(self, _remove, str(self.path.parent))

    def remove(self) -> None:
        """Delete the staging folder and its data now (idempotent)."""
        self._finalizer()

    @property
    def exists(self) -> bool:
        return self.path.exists()


class Writer:
    """Appends the chunks of one file to the staging database (one table per kind)."""

    def __init__(self, staging: Staging) -> None:
        self.con = duckdb.connect(str(staging.path))
        self.con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        self.con.execute(f"set temp_directory = '{staging.path.parent / 'tmp'}'")
        self.created: set[str] = set()

    def append(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty and table in self.created:
            return
        frame = _plain_types(frame)
        self.con.register("chunk", frame)
        try:
            if table in self.created:
                # table: one of TABLES, never the file's text
                self.con.execute(f"insert into {table} by name select * from chunk")  # noqa: S608
            else:
                self.con.execute(f"create table {table} as select * from chunk")  # noqa: S608
                self.created.add(table)
        finally:
            self.con.unregister("chunk")

    def close(self) -> None:
        self.con.execute("checkpoint")
        self.con.close()


def _plain_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as text (a chunk whose column is all None would otherwise give the
    table a type the next chunk's text cannot go into)."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object and not values.map(type).isin([bool]).any():
            values = values.astype("str")
        out[column] = values
    return pd.DataFrame(out, index=frame.index)


def read(staging: Staging, sql: str, params: dict | None = None) -> pd.DataFrame:
    """A query over the staging tables (regs, segs, rejects), on its own read-only connection."""
    con = duckdb.connect(str(staging.path), read_only=True)
    try:
        return con.execute(sql, params or {}).df()
    finally:
        con.close()
