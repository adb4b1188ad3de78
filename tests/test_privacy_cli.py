"""`python -m engagement erase | retention | audit` as an administrator runs them: what will go is
shown first, nothing happens without a yes, a locked file is explained."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import duckdb
import pytest

from engagement import privacy
from tests.test_cli import run

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ANA = "ana.silva@health.gov.example"
FILES = ("testconf_a_registration.csv", "testconf_a_attendee.csv", "testconf_b_attendee.csv")


@pytest.fixture(scope="module")
def imported_once(tmp_path_factory):
    """The three files imported by the command line, once for the module."""
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    files = [str(FIXTURES / name) for name in FILES]
    proc = run("ingest", *files, "--db", str(path), "--event", "conf", "--tz", "Europe/Zurich")
    assert proc.returncode == 0, proc.stderr
    assert not path.with_name(path.name + ".wal").exists()  # closed: all in the file
    return path


@pytest.fixture
def db_file(imported_once, tmp_path):
    """This test's own copy of it (the commands below change it)."""
    path = tmp_path / "cli.duckdb"
    shutil.copy(imported_once, path)
    return path


def test_erase_asks_first_and_a_no_changes_nothing(db_file):
    proc = run("erase", ANA.upper(), "--db", str(db_file), stdin="n\n")
    assert proc.returncode == 1, proc.stderr
    assert "registrations: 3" in proc.stdout and "segments: 5" in proc.stdout
    assert "Erase? This cannot be undone. [y/N]" in proc.stdout
    assert proc.stdout.rstrip().endswith("Nothing changed.")
    assert privacy.file_contains(db_file, ANA)


def test_erase_with_yes_leaves_no_trace_and_is_audited(db_file, tmp_path):
    proc = run("erase", ANA, "--db", str(db_file), stdin="y\n")
    assert proc.returncode == 0, proc.stderr
    assert "was rewritten" in proc.stdout
    assert not privacy.file_contains(db_file, ANA)
    again = run("erase", ANA, "--db", str(db_file), "--yes")
    assert again.returncode == 1 and "nothing changed" in again.stdout
    out = tmp_path / "audit.csv"
    proc = run("audit", "--db", str(db_file), "--csv", str(out))
    assert proc.returncode == 0 and "4 audit entries" in proc.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["Action"] for r in rows] == ["Erased a person"] + ["Imported a file"] * 3
    assert rows[0]["Who"] == "cli" and rows[0]["What"] == "health.gov.example"
    assert ANA not in out.read_text(encoding="utf-8")


def test_not_an_address_or_not_a_database(db_file, tmp_path):
    proc = run("erase", "Ana Silva", "--db", str(db_file), "--yes")
    assert proc.returncode == 2 and "is not an e-mail address" in proc.stderr
    proc = run("erase", ANA, "--db", str(FIXTURES / FILES[0]), "--yes")
    assert proc.returncode == 2 and "is not a DuckDB database file" in proc.stderr
    assert privacy.file_contains(db_file, ANA)


def test_a_database_held_by_the_dashboard_is_explained(db_file):
    holder = duckdb.connect(str(db_file))  # as the running dashboard holds it
    try:
        proc = run("erase", ANA, "--db", str(db_file), "--yes")
    finally:
        holder.close()
    assert proc.returncode == 3
    assert "in use by another program" in proc.stderr and "Admin page" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_retention_shows_then_applies(db_file):
    proc = run("retention", "--db", str(db_file))
    assert proc.returncode == 0 and "Retention is off" in proc.stdout
    # The conference's sessions were on 21 and 22 June 2021: long past 30 days.
    proc = run("retention", "--db", str(db_file), "--days", "30")
    assert proc.returncode == 0, proc.stderr
    assert "Events past that: conf." in proc.stdout and "people: 9" in proc.stdout
    assert "Nothing changed" in proc.stdout and privacy.file_contains(db_file, ANA)
    proc = run("retention", "--db", str(db_file), "--apply")
    assert proc.returncode == 0 and "Applied" in proc.stdout
    assert not privacy.file_contains(db_file, ANA)
    assert not privacy.file_contains(db_file, "gil.costa@univ.example.pt")
    proc = run("retention", "--db", str(db_file), "--days", "-1")
    assert proc.returncode == 2 and "retention_days must be between 0 and 3650" in proc.stderr
