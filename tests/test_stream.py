"""A large Zoom report read in chunks (ingest.stream) gives the database the whole-file read
gives, row for row in every table; its staging data never outlives the import."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import duckdb
import pytest

from engagement import db, ingest
from engagement.ingest import staged
from engagement.ingest.staging import Staging
from engagement.model import BadFileError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import benchmark  # noqa: E402

ROWS = 30_000
CHUNK = 3_000
# Columns holding the moment of writing, not the file's data.
WRITTEN_AT = {"applied_at", "imported_at", "logged_at", "changed_at", "created_at"}


def _generated(rows: int) -> bytes:
    """The bench's generated report with rows the parser rejects spread over several chunks,
    and quoted values spanning lines (a chunk never ends inside one)."""
    text = benchmark.synthetic_attendee_report(rows)[0].decode("utf-8-sig")
    lines = text.split("\n")
    for n in range(40, len(lines) - 1, 3_217):  # an unreadable join time
        lines[n] = lines[n].replace("Jun 21, 2021 13:", "Jum 99, 2021 13:", 1)
    for n in range(1_000, len(lines) - 1, 2_999):  # an organization over two lines
        lines[n] = (
            lines[n].replace(",Yes,", ',"Yes\nstill",', 1) if ",Yes," in lines[n] else lines[n]
        )
    return ("\ufeff" + "\n".join(lines)).encode("utf-8")


def _import(path: Path, data: bytes, chunk: int, monkeypatch) -> tuple:
    monkeypatch.setenv("ENGAGEMENT_CHUNK_ROWS", str(chunk))
    con = db.connect(path)
    try:
        request = ingest.ImportRequest(data, "big.csv", "big", "UTC", max_bytes=len(data))
        prep = ingest.prepare(con, request)
        figures = ingest.pipeline.summarize(prep)
        staging = prep.staging
        result = ingest.commit(con, prep)
    finally:
        con.close()
    return result, figures, staging


def _tables(path: Path) -> dict[str, list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        names = con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
        ).fetchall()
        for (table,) in names:
            columns = [
                c
                for (c,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_name = $t order by ordinal_position",
                    {"t": table},
                ).fetchall()
                if c not in WRITTEN_AT
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            out[table] = con.execute(f"select {listed} from {table} order by all").fetchall()  # noqa: S608
        return out
    finally:
        con.close()


def test_chunked_import_equals_whole_file_import(tmp_path, monkeypatch):
    data = _generated(ROWS)
    whole, whole_figures, none = _import(tmp_path / "whole.duckdb", data, 10**9, monkeypatch)
    chunked, figures, staging = _import(tmp_path / "chunked.duckdb", data, CHUNK, monkeypatch)
    assert none is None and staging is not None  # the second import was streamed
    assert not staging.folder.exists()  # staging data removed after the commit
    assert whole.rows_rejected >= 3 and len(whole.notes) == 2  # rejects and notes in several chunks
    for field in ("rows_read", "rows_rejected", "registrants", "attendees", "segments", "notes"):
        assert getattr(chunked, field) == getattr(whole, field), field
    assert figures == whole_figures
    first, second = _tables(tmp_path / "whole.duckdb"), _tables(tmp_path / "chunked.duckdb")
    assert first.keys() == second.keys()
    for table, rows in first.items():
        assert second[table] == rows, table
    assert len(first["segments"]) > 20_000 and len(first["import_rejects"]) >= 3


def test_staging_removed_on_failure_and_when_dropped(tmp_path, monkeypatch):
    data = _generated(6_000)
    monkeypatch.setenv("ENGAGEMENT_CHUNK_ROWS", "1000")
    con = db.connect(tmp_path / "x.duckdb")
    try:
        request = ingest.ImportRequest(data, "big.csv", "big", "UTC", max_bytes=len(data))
        prep = ingest.prepare(con, request)
        folder = prep.staging.folder
        assert folder.exists()
        del prep  # a preview never committed: its staging data goes with it
        assert not folder.exists()
        # A worker process hands its staging over by pickling: the copy owns the folder.
        prep = ingest.prepare(con, request)
        copy = pickle.loads(pickle.dumps(prep.staging))
        folder = copy.folder
        del prep
        assert folder.exists()
        assert staged.summary(copy, "scope")["segments"] > 0
        copy.remove()
        assert not folder.exists()
        # A commit that stores nothing (the same file committed meanwhile) removes it too.
        first, second = ingest.prepare(con, request), ingest.prepare(con, request)
        folder = second.staging.folder
        assert ingest.commit(con, first).status == "imported"
        assert ingest.commit(con, second).status == "already_imported"
        assert not folder.exists()
    finally:
        con.close()


def test_small_files_and_other_layouts_are_read_whole(monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_CHUNK_ROWS", "10")
    other = b"Name,Email,Join time\n" + b"a,a@x.org,2021-06-21 10:00\n" * 50
    request = ingest.ImportRequest(other, "list.csv", "big", "UTC")
    assert ingest.stream.read_streamed(request, "UTC", None) is None
    assert isinstance(Staging().folder, Path)
    with pytest.raises(BadFileError):
        ingest.pipeline.read_file(
            ingest.ImportRequest(b"\x00" * 5000, "x.csv", "big", "UTC"), "UTC", {}
        )
