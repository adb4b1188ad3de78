"""A large file's prepared rows on disk: Parquet files in a private temporary folder, written
chunk by chunk while the file is read (ingest.stream) and read by the commit with
INSERT ... SELECT, so the whole file never sits in memory as Python objects.

The folder holds personal data: it is removed after the commit (or its failure), when the
Prepared file is dropped unused (garbage collected), and at interpreter exit. Pickling a
Staging (a worker process handing its result to the app) hands the folder over: the copy
removes it, the original no longer does.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import weakref
from pathlib import Path

import duckdb
import pandas as pd

TABLES = ("regs", "segs")


PREFIX = "wlpf_staging_"
STALE_SECONDS = 24 * 3600  # no import is prepared this long before its commit


def _remove(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _sweep() -> None:
    """Remove staging folders a killed process left behind (kill -9 runs no finalizer)."""
    now = time.time()
    for folder in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            if now - folder.stat().st_mtime > STALE_SECONDS:
                _remove(str(folder))
        except OSError:
            continue


class NotStreamable(Exception):
    """A large file that is to be read another way: by the chunked read instead of DuckDB's,
    or whole instead of in chunks (the reason is for debugging only)."""


class Staging:
    """The staging folder of one prepared file: one Parquet file per table and chunk."""

    def __init__(self) -> None:
        _sweep()
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX))
        self._finalizer = weakref.finalize(self, _remove, str(self.folder))

    def __getstate__(self) -> dict:
        self._finalizer.detach()  # the unpickled copy owns the folder from now on
        return {"folder": self.folder}

    def __setstate__(self, state: dict) -> None:
        self.folder = state["folder"]
        self._finalizer = weakref.finalize(self, _remove, str(self.folder))

    def remove(self) -> None:
        """Delete the staging folder and its data now (idempotent)."""
        self._finalizer()

    def source(self, table: str) -> str:
        """SQL reading one staged table (its chunks in file order: rows keep their line)."""
        files = sorted(str(p) for p in self.folder.glob(f"{table}_*.parquet"))
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        return f"read_parquet([{listed}], union_by_name = true)"


class Writer:
    """Writes the chunks of one file to its staging folder (Parquet: a chunk is written
    once and never held by a database's buffers)."""

    def __init__(self, staging: Staging) -> None:
        self.staging = staging
        self.con = duckdb.connect()
        self.count = 0
        self.empty: dict[str, pd.DataFrame] = {}

    def append(self, table: str, frame: pd.DataFrame) -> None:
        if frame.empty:  # written only when no chunk has rows (the table must exist)
            self.empty.setdefault(table, frame)
            return
        self._write(table, frame)

    def _write(self, table: str, frame: pd.DataFrame) -> None:
        self.count += 1
        path = self.staging.folder / f"{table}_{self.count:06d}.parquet"
        self.con.register("chunk", _plain_types(frame))
        try:
            self.con.execute(f"copy chunk to '{path}' (format parquet)")
        finally:
            self.con.unregister("chunk")

    def close(self) -> None:
        for table, frame in self.empty.items():
            if not any(self.staging.folder.glob(f"{table}_*.parquet")):
                self._write(table, frame)
        self.con.close()


def _plain_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as text (Python objects would be converted one by one)."""
    out = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object and not values.map(type).isin([bool]).any():
            values = values.astype("str")
        out[column] = values
    return pd.DataFrame(out, index=frame.index)
