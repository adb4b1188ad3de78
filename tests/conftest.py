"""Shared fixtures: real DuckDB files built by the real import code."""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement import db, ingest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SAMPLES = HERE / "samples"


def import_path(con, path: Path, event_id: str, tz: str | None = None):
    return ingest.import_file(con, ingest.ImportRequest.from_path(path, event_id, tz))


@pytest.fixture
def empty_db(tmp_path):
    con = db.connect(tmp_path / "test.duckdb")
    yield con
    con.close()


@pytest.fixture
def testconf_db(tmp_path):
    """The hand-written Test Conference: two sessions, three Zoom reports."""
    con = db.connect(tmp_path / "testconf.duckdb")
    con.execute(
        "insert into events values ('testconf', 'Test Conference', 'Europe/Zurich', "
        "'2021-06-21', '2021-06-22', 'virtual', false)"
    )
    db.load_programme(con, "testconf", "Europe/Zurich", FIXTURES / "testconf_programme.csv")
    for name in (
        "testconf_a_registration.csv",
        "testconf_a_attendee.csv",
        "testconf_b_attendee.csv",
    ):
        result = import_path(con, FIXTURES / name, "testconf")
        assert result.status == "imported", result
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo database, built once per test run from data/demo/ by the real CLI path."""
    from engagement import cli

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    assert cli.build_demo(str(path)) == 0
    return path
