"""kill -9 of an import at every named moment (engagement/faults.py), parse and write phases:
the database opens afterwards with every earlier import intact, and the killed import is either
wholly there (killed after its commit) or not at all (issue 11). The heavy variant (timed kills
during a 500,000-row import) is scripts/kill_import.py."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import table_checksums

from engagement import db, faults, ingest

ROOT = Path(__file__).resolve().parent.parent
ROWS = 500  # every moment is reached by any import of people; the heavy variant is bigger
# Five kill points in `make test`, across the parse and the write phase (each kill is a Python
# start of its own); the other three run with the heavy tests (`make bench`).
LIGHT = ("decoded", "table-read", "people-written", "before-commit", "after-commit")
KILLS = [m if m in LIGHT else pytest.param(m, marks=pytest.mark.heavy) for m in faults.MOMENTS]


def zoom_meeting(rows: int) -> bytes:
    """A Zoom meeting participants export of `rows` different people (deterministic)."""
    lines = ["Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    for i in range(rows):
        minute = i % 50
        lines.append(
            f"Person {i},person.{i}@example.org,06/21/2021 01:{minute:02d}:00 PM,"
            f"06/21/2021 02:{minute:02d}:00 PM,60,Yes"
        )
    return ("\n".join(lines) + "\n").encode()


def per_import(con) -> list[tuple]:
    return con.execute(
        "select i.import_id, i.file_name, "
        "(select count(*) from segments s where s.import_id = i.import_id), "
        "(select count(*) from registrations r where r.import_id = i.import_id) "
        "from imports i order by 1"
    ).fetchall()


@pytest.fixture(scope="module")
def crash_setup(testconf_template, tmp_path_factory):
    """The Test Conference (three earlier imports), the file to kill, and what a whole import
    of it stores."""
    where = tmp_path_factory.mktemp("kill")
    big = where / "big_meeting.csv"
    big.write_bytes(zoom_meeting(ROWS))
    clean = where / "clean.duckdb"
    shutil.copyfile(testconf_template, clean)
    con = db.connect(clean)
    before = table_checksums(con)
    earlier = per_import(con)
    result = ingest.import_file(con, ingest.ImportRequest.from_path(big, "testconf"))
    assert result.status == "imported" and result.segments == ROWS, result
    whole = per_import(con)
    con.close()
    return big, before, earlier, whole


@pytest.mark.parametrize("moment", KILLS)
def test_kill_at_every_moment_leaves_earlier_imports_intact(
    crash_setup, testconf_template, tmp_path, moment
):
    big, before, earlier, whole = crash_setup
    database = tmp_path / "killed.duckdb"
    shutil.copyfile(testconf_template, database)
    proc = subprocess.run(
        [sys.executable, "-m", "engagement", "ingest", str(big), "--event", "testconf"]
        + ["--db", str(database), "--json"],
        cwd=ROOT,
        env={**os.environ, faults.ENV: moment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stderr[-500:])
    con = db.connect(database)  # opens (replaying its write-ahead log) and migrates
    try:
        if moment == "after-commit":
            assert per_import(con) == whole
        else:
            assert per_import(con) == earlier
            assert table_checksums(con) == before
    finally:
        con.close()
