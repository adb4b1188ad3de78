"""Removing an import asks first: the preview counts exactly what goes; demo imports stay."""

from __future__ import annotations

import shutil

import pytest

from engagement import db, ingest, queries
from engagement.model import BadFileError
from tests.helpers import table_checksums


def test_demo_import_cannot_be_removed(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    con = db.connect(path)
    try:
        before = table_checksums(con)
        first = con.execute("select min(import_id) from imports").fetchall()[0][0]
        preview = queries.run(con, "import_removal_preview", import_id=first).iloc[0]
        assert bool(preview.is_demo)
        with pytest.raises(BadFileError, match="synthetic demo event and cannot be removed"):
            ingest.remove_import(con, first)
        assert table_checksums(con) == before
    finally:
        con.close()


def test_preview_counts_what_removal_takes(testconf_db):
    con = testconf_db
    ids = dict(con.execute("select file_name, import_id from imports").fetchall())
    b_id = ids["testconf_b_attendee.csv"]
    preview = queries.run(con, "import_removal_preview", import_id=b_id).iloc[0]
    # hand count of testconf_b_attendee.csv: 2 registration rows, 3 presences, 1 person who is
    # in no other file of the Test Conference
    got = (preview.registrations, preview.segments, preview.rejected_rows, preview.people_only_here)
    assert got == (2, 3, 0, 1)
    assert not bool(preview.is_demo)
    people_before = con.execute("select count(*) from people").fetchall()[0][0]
    assert ingest.remove_import(con, b_id)
    people_after = con.execute("select count(*) from people").fetchall()[0][0]
    assert people_before - people_after == 1


def test_preview_of_a_missing_import_is_empty(empty_db):
    assert queries.run(empty_db, "import_removal_preview", import_id=99).empty
