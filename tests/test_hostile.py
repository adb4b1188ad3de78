"""The hostile-file corpus (tests/data/hostile/, cases in hostile_corpus.py): each file gets its
sentence (refused, database unchanged) or is imported with a note that says what was repaired;
the big ones too, and in a process of their own within 10 s and bounded memory in the heavy
variant (marker `heavy`, run by `make bench`)."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from helpers import table_checksums
from hostile_corpus import CORPUS_DIR, all_cases
from test_bad_input import ALREADY_THERE, EVENT, SAMPLES, TZ, Bad, assert_sentence

from engagement import db, ingest, limits
from engagement.model import BadFileError

ROOT = Path(__file__).resolve().parent.parent
CASES = all_cases()
SMALL = [c for c in CASES if not c.big]
BIG = [c for c in CASES if c.big]
SECONDS = 10
PEAK_MB = 600


def test_the_corpus_is_committed_as_the_script_writes_it():
    assert len(CASES) >= 50 and len({c.name for c in CASES}) == len(CASES)
    committed = {p.name for p in CORPUS_DIR.iterdir() if p.name != "README.md"}
    assert committed == {c.name for c in SMALL}
    for case in SMALL:
        assert _same((CORPUS_DIR / case.name).read_bytes(), case.build()), case.name
    readme = (CORPUS_DIR / "README.md").read_text(encoding="utf-8")
    assert all(f"`{c.name}`" in readme for c in CASES)


def _same(committed: bytes, built: bytes) -> bool:
    """Equal bytes, or for a workbook equal members but for openpyxl's creation time."""
    if committed == built:
        return True
    if not committed.startswith(b"PK"):
        return False
    old, new = zipfile.ZipFile(io.BytesIO(committed)), zipfile.ZipFile(io.BytesIO(built))
    names = [n for n in old.namelist() if n != "docProps/core.xml"]
    if names != [n for n in new.namelist() if n != "docProps/core.xml"]:
        return False
    return all(old.read(n) == new.read(n) for n in names)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """A database holding one earlier import, which no hostile file may disturb."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    con = db.connect(path)
    data = (SAMPLES / ALREADY_THERE).read_bytes()
    assert ingest.import_file(con, data, ALREADY_THERE, EVENT, TZ).status == "imported"
    con.execute("checkpoint")
    con.close()
    return path


def _earlier_import(con) -> tuple:
    return con.execute(
        "select (select count(*) from segments where import_id = 1), "
        "(select count(*) from registrations where import_id = 1), "
        "(select rows_read from imports where import_id = 1)"
    ).fetchall()[0]


def _check_repaired(con, case, result, before_first) -> None:
    assert result.status == "imported", (case.name, result.error)
    notes = " ".join(result.notes)
    missing = [p for p in case.says if p.lower() not in notes.lower()]
    assert not missing, f"{case.name}: notes lack {missing}: {notes}"
    for sql, expected in case.stored:
        assert con.execute(sql).fetchall()[0][0] == expected, (case.name, sql)
    assert _earlier_import(con) == before_first


@pytest.mark.parametrize("case", SMALL, ids=[c.name for c in SMALL])
def test_small_file(loaded, tmp_path, case):
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(loaded, path)
    con = db.connect(path)
    try:
        data = (CORPUS_DIR / case.name).read_bytes()
        before = table_checksums(con)
        first = _earlier_import(con)
        started = time.perf_counter()
        if case.outcome == "refused":
            result = ingest.import_file(con, data, case.name, EVENT, TZ, max_bytes=case.max_bytes)
            assert result.status == "failed", result
            assert_sentence(Bad(case.name, data, case.says), result.error)
            assert table_checksums(con) == before
        else:
            # the preview shows the note and writes nothing; the import stores repaired values
            prep = ingest.prepare(con, data, case.name, EVENT, TZ)
            assert all(p.lower() in " ".join(prep.report.notes).lower() for p in case.says)
            assert table_checksums(con) == before
            _check_repaired(con, case, ingest.import_file(con, data, case.name, EVENT, TZ), first)
        assert time.perf_counter() - started < SECONDS
    finally:
        con.close()


# The file's own work is timed (reading it to the end of its import), not Python's start,
# which takes seconds on a busy 2-core machine; memory is the whole process's peak.
DRIVER = """
import json, sys, time
from engagement import db, ingest
path, name, max_bytes, database = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
con = db.connect(database)
started = time.perf_counter()
request = ingest.ImportRequest.from_path(path, "samples", "UTC", max_bytes=max_bytes)
result = ingest.import_file(con, request)
elapsed = time.perf_counter() - started
con.close()
print(json.dumps(result.as_dict()))
print(elapsed)
"""


def _run_measured(args: list[str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a child process; its wall time and its own peak RSS in MB (wait4, not the tests')."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    done = subprocess.CompletedProcess(args, proc.returncode, out.decode(), err.decode())
    return done, elapsed, usage.ru_maxrss / 1024


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    """Each big case's file, built once for this module (the zip bombs take seconds each)."""
    where = tmp_path_factory.mktemp("big")
    for case in BIG:
        (where / case.name).write_bytes(case.build())
    return where


@pytest.mark.parametrize("case", BIG, ids=[c.name for c in BIG])
def test_big_file(loaded, big_files, tmp_path, case):
    """Its sentence (or its note and repaired values), the database unchanged; in this process:
    the time and memory bounds are the heavy variant's below (`make bench`)."""
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(loaded, path)
    con = db.connect(path)
    try:
        before, first = table_checksums(con), _earlier_import(con)
        request = ingest.ImportRequest.from_path(
            big_files / case.name, EVENT, TZ, max_bytes=case.max_bytes
        )
        _check_outcome(con, case, ingest.import_file(con, request), before, first)
    finally:
        con.close()


def _check_outcome(con, case, result, before, first) -> None:
    """A refused big file: its sentence and an unchanged database; else its repaired rows."""
    if case.outcome == "refused":
        assert result.status == "failed", result
        assert_sentence(Bad(case.name, b"", case.says), result.error)
        assert table_checksums(con) == before
    else:
        _check_repaired(con, case, result, first)


@pytest.mark.heavy
@pytest.mark.parametrize("case", BIG, ids=[c.name for c in BIG])
def test_big_file_in_its_own_process(loaded, big_files, tmp_path, case):
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(loaded, path)
    con = db.connect(path)
    before, first = table_checksums(con), _earlier_import(con)
    con.close()
    file = big_files / case.name
    args = [sys.executable, "-c", DRIVER, str(file), case.name, str(case.max_bytes), str(path)]
    proc, _, peak_mb = _run_measured(args)
    assert proc.returncode == 0, proc.stderr
    out, elapsed = proc.stdout.splitlines()
    result, elapsed = ingest.ImportResult(**json.loads(out)), float(elapsed)
    con = db.connect(path)
    try:
        _check_outcome(con, case, result, before, first)
    finally:
        con.close()
    assert elapsed < SECONDS, f"{case.name}: {elapsed:.1f} s"
    assert peak_mb < PEAK_MB, f"{case.name}: {peak_mb:.0f} MB"


def test_cli_refuses_an_oversized_file_from_its_size(loaded, tmp_path):
    """A 1 GB file (sparse: no disk used) is refused after os.stat, never read: the command's
    peak memory stays below the file's size."""
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(loaded, path)
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as fh:
        fh.truncate(2**30)
    args = [sys.executable, "-m", "engagement", "ingest", str(huge), "--json", "--db", str(path)]
    proc, _, peak_mb = _run_measured([*args, "--event", EVENT, "--tz", TZ])
    assert proc.returncode == 1, proc.stderr
    error = json.loads(proc.stdout.splitlines()[0])["error"]
    assert_sentence(Bad("huge.csv", b"", ("1024.0 MB", "200.0 MB upload limit")), error)
    # Python with pandas and DuckDB alone is a few hundred MB; reading the file would add 1 GB.
    assert peak_mb < 900, peak_mb


def test_the_upload_limit_is_the_pages(loaded):
    """The Data page passes MAX_UPLOAD_BYTES; the engine refuses one byte more, from len()."""
    con = db.connect(loaded)
    try:
        with pytest.raises(BadFileError, match="upload limit"):
            ingest.prepare(
                con,
                b"x" * (limits.MAX_UPLOAD_BYTES + 1),
                "a.csv",
                EVENT,
                TZ,
                max_bytes=limits.MAX_UPLOAD_BYTES,
            )
    finally:
        con.close()
