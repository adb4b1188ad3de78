"""A large Zoom attendee report whose rows DuckDB reads (ingest.fastread) gives the database,
the figures, the notes and the rejects the per-file read gives, row for row; a file it
cannot read surely the same way is read in chunks instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastread_corpus import report
from test_stream import _tables

from engagement import db, ingest
from engagement.ingest import fastread, staged

FAST_FILE = "regs_999999.parquet"  # the staged file only the DuckDB read writes


def _prepare_and_commit(path: Path, data: bytes, tz: str, chunk: int, monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_CHUNK_ROWS", str(chunk))
    con = db.connect(path)
    try:
        request = ingest.ImportRequest(data, "big.csv", "big", tz, max_bytes=len(data))
        prep = ingest.prepare(con, request)
        fast = prep.staging is not None and (prep.staging.folder / FAST_FILE).exists()
        figures = ingest.pipeline.summarize(prep)
        rejects = prep.rejects.astype(str).reset_index(drop=True)
        result = ingest.commit(con, prep)
    finally:
        con.close()
    return result, figures, rejects, fast


@pytest.mark.parametrize(
    ("day", "tz"),
    [
        ("Jun 21, 2021", "UTC"),
        ("Mar 28, 2021", "Europe/Zurich"),  # 02:00-03:00 does not exist that night
        ("Oct 31, 2021", "Europe/Zurich"),  # 02:00-03:00 happens twice
    ],
)
def test_duckdb_read_equals_whole_file_read(tmp_path, monkeypatch, day, tz):
    data = report(6_000, day=day)
    whole = _prepare_and_commit(tmp_path / "whole.duckdb", data, tz, 10**9, monkeypatch)
    fast = _prepare_and_commit(tmp_path / "fast.duckdb", data, tz, 1_000, monkeypatch)
    assert not whole[3] and fast[3]  # the second file's rows were read by DuckDB
    result, expected = fast[0], whole[0]
    for field in ("rows_read", "rows_rejected", "registrants", "attendees", "segments", "notes"):
        assert getattr(result, field) == getattr(expected, field), field
    assert expected.rows_rejected > 500 and len(expected.notes) == 3  # every kind of row
    assert fast[1] == whole[1]  # the preview's figures
    assert fast[2].equals(whole[2])  # rejects: lines, reasons, raw text, in the same order
    first, second = _tables(tmp_path / "whole.duckdb"), _tables(tmp_path / "fast.duckdb")
    assert first.keys() == second.keys()
    for table, rows in first.items():
        assert second[table] == rows, table


def _variant(kind: str) -> bytes:
    lines = report(2_500).decode("utf-8").split("\n")
    # an attended registrant's row far past the first chunk
    row = next(
        n
        for n in range(len(lines) - 500, len(lines))
        if lines[n].startswith("Yes,") and lines[n].count("Jun 21, 2021 ") == 2
    )
    if kind == "value over two lines":
        lines[row] = lines[row].replace("Yes,", '"Yes\nstill",', 1)
    elif kind == "a time in another format":
        lines[row] = lines[row].replace("Jun 21, 2021 ", "21/06/2021 ", 1)
    elif kind == "a later section":
        lines[row:row] = [
            "Other Attended,",
            "User Name (Original Name),Join Time,Leave Time,Time in Session (minutes)",
        ]
    elif kind == "a value over the field limit":
        lines[row] = lines[row].replace("Yes,", "Yes," + "x" * 10_001 + " ", 1)
    elif kind == "a row far wider than the header":
        lines[row] = lines[row] + ",x" * 20
    elif kind == "a blank line":
        lines.insert(row, "")
    elif kind == "a quote inside a value":  # read alike by both readers, or in chunks
        lines[row] = lines[row].replace("Yes,", 'Y"es,', 1)
    elif kind == "spaces around a quoted value":
        lines[row] = lines[row].replace(',"Jun 21', ', "Jun 21', 1)
    elif kind == "a blank line under the section title":
        title = lines.index("Attendee Details,")
        lines.insert(title + 1, "")
    elif kind == "a line of spaces":
        lines.insert(row, "   ")
    elif kind == "a line of commas":
        lines.insert(row, ",,,,,,")
    elif kind == "Windows line ends":
        return "\r\n".join(lines).encode("utf-8")
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(
    ("kind", "by_duckdb"),
    [
        ("value over two lines", False),
        ("a time in another format", False),
        ("a later section", False),
        ("a value over the field limit", False),
        ("a row far wider than the header", False),
        ("a blank line", False),
        ("a quote inside a value", None),
        ("spaces around a quoted value", False),
        ("a line of spaces", False),
        ("a line of commas", True),
        ("Windows line ends", True),
        ("a blank line under the section title", True),
    ],
)
def test_what_duckdb_might_read_otherwise_is_read_as_before(tmp_path, monkeypatch, kind, by_duckdb):
    data = _variant(kind)
    whole = _prepare_and_commit(tmp_path / "whole.duckdb", data, "UTC", 10**9, monkeypatch)
    other = _prepare_and_commit(tmp_path / "other.duckdb", data, "UTC", 1_000, monkeypatch)
    assert by_duckdb is None or other[3] == by_duckdb
    assert (other[0].rows_rejected, other[0].notes) == (whole[0].rows_rejected, whole[0].notes)
    # (the chunked read lists each chunk's rejects together: the same rows, in another order)
    assert sorted(other[2].itertuples(index=False)) == sorted(whole[2].itertuples(index=False))
    assert _tables(tmp_path / "whole.duckdb") == _tables(tmp_path / "other.duckdb")


def test_chunks_on_request(tmp_path, monkeypatch):
    """ENGAGEMENT_READ=chunks (for comparing the two reads) never uses DuckDB's."""
    monkeypatch.setenv("ENGAGEMENT_READ", "chunks")
    data = report(3_000)
    result = _prepare_and_commit(tmp_path / "x.duckdb", data, "UTC", 1_000, monkeypatch)
    assert result[0].status == "imported" and not result[3]


def test_a_commit_out_of_memory_says_so_and_stores_nothing(tmp_path, monkeypatch):
    """Past ENGAGEMENT_COMMIT_MEMORY a large file's commit stops with a sentence (not "another
    change was being saved"), stores nothing, and the database's limit is lifted again."""
    monkeypatch.setenv("ENGAGEMENT_CHUNK_ROWS", "1000")
    monkeypatch.setattr(staged, "COMMIT_MEMORY", "4MB")
    data = report(20_000)
    con = db.connect(tmp_path / "x.duckdb")
    try:
        (default,) = con.execute("select current_setting('memory_limit')").fetchone()
        request = ingest.ImportRequest(data, "big.csv", "big", "UTC", max_bytes=len(data))
        result = ingest.import_file(con, request)
        assert result.status == "failed"
        assert result.error.startswith("big.csv is too large to save within the memory")
        assert con.execute("select count(*) from registrations").fetchone() == (0,)
        assert con.execute("select count(*) from imports").fetchone() == (0,)
        assert con.execute("select current_setting('memory_limit')").fetchone() == (default,)
        monkeypatch.setattr(staged, "COMMIT_MEMORY", "384MB")
        assert ingest.import_file(con, request).status == "imported"  # the same file, later
    finally:
        con.close()


def test_a_read_out_of_memory_falls_back_to_chunks(tmp_path, monkeypatch):
    """Past ENGAGEMENT_READ_MEMORY the DuckDB read gives way to the chunked read: same rows."""
    monkeypatch.setattr(fastread, "MEMORY_LIMIT", "2MB")
    data = report(3_000)
    result = _prepare_and_commit(tmp_path / "x.duckdb", data, "UTC", 1_000, monkeypatch)
    assert result[0].status == "imported" and not result[3]
    monkeypatch.setattr(fastread, "MEMORY_LIMIT", "256MB")
    again = _prepare_and_commit(tmp_path / "y.duckdb", data, "UTC", 1_000, monkeypatch)
    assert again[3]
    assert _tables(tmp_path / "x.duckdb") == _tables(tmp_path / "y.duckdb")
