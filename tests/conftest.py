"""Shared fixtures: real DuckDB files built by the real import code."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
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


@pytest.fixture(scope="session")
def testconf_template(tmp_path_factory):
    """The hand-written Test Conference: two sessions, three Zoom reports; built once per run
    by the real import code (each test gets a copy: testconf_db)."""
    path = tmp_path_factory.mktemp("testconf") / "testconf.duckdb"
    con = db.connect(path)
    try:
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
        con.execute("checkpoint")  # all in the file itself: a copy of the file is the database
    finally:
        con.close()
    return path


@pytest.fixture(autouse=True)
def _app_connection_closed():
    """An AppTest leaves the app's cached connection (st.cache_resource) open in the worker:
    closed after each test, so that a later test can open the same file read-only (DuckDB
    refuses two configurations of one file in one process; test_links then
    test_platform_figures failed so)."""
    yield
    streamlit = sys.modules.get("streamlit")  # not imported by tests that need no app
    if streamlit is not None:
        streamlit.cache_resource.clear()


@pytest.fixture
def testconf_db(testconf_template, tmp_path):
    """A connection to this test's own copy of the Test Conference (tmp_path/testconf.duckdb)."""
    yield from own_copy(testconf_template, tmp_path / "testconf.duckdb")


def own_copy(template: Path, path: Path):
    """A fixture's body: a connection to a copy of a template database, closed afterwards."""
    shutil.copy(template, path)
    con = db.connect(path)
    yield con
    con.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo database, built once per test run from data/demo/ by the real CLI path. With
    several workers (pytest -n) the first one builds it and each works on a copy of its own: a
    database file open for writing is open in one process only."""
    from engagement import cli

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        assert cli.build_demo(str(path)) == 0
        return path
    shared = tmp_path_factory.getbasetemp().parent  # this run's directory, common to the workers
    built = shared / "demo.duckdb"
    with open(shared / "demo.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here while one builds
        if not built.exists():
            assert cli.build_demo(str(built)) == 0  # written aside, then renamed: whole or absent
    shutil.copy(built, path)
    return path


@pytest.fixture(scope="session")
def demo_server(demo_db, tmp_path_factory):
    """One streamlit server for the whole run on a copy of the demo database, shared by the
    browser tests that only read (a server start and its first run cost seconds each). Tests
    that import, erase or need other options start their own (running_dashboard)."""
    from tests.test_browser import running_dashboard  # skips when chromium is missing

    path = tmp_path_factory.mktemp("demo_server") / "demo_server.duckdb"
    shutil.copy(demo_db, path)
    with running_dashboard(path) as base:
        yield base


# The slowest modules, slowest first: each file's summed test times (setup included) in
# `make test` on 3 December 2026 (load average 9), seconds in the comments. `make test` runs
# `--dist loadfile --no-loadscope-reorder`: a worker takes the next whole file when it is free,
# in collection order (xdist's default order, by number of tests, put the few-test browser
# modules last). The long ones first and the short ones last, the two workers finish together.
# test_ingest is second, not third: it needs no demo database, so the second worker works
# while the first builds it (the other demo users wait for that build). A module not named
# keeps its place after these.
SLOW_FIRST = (
    "test_browser.py",  # 197
    "test_ingest.py",  # 55
    "test_links_browser.py",  # 103
    "test_roles_app.py",  # 77
    "test_viewers_browser.py",  # 62
    "test_reports.py",  # 59
    "test_hostile.py",  # 54
    "test_attended.py",  # 53
    "test_stream.py",  # 49
    "test_hostile_browser.py",  # 42
    "test_layouts.py",  # 38
    "test_app.py",  # 37
    "test_queries.py",  # 36
    "test_click_filter_browser.py",  # 36
    "test_compare.py",  # 36
    "test_privacy.py",  # 36
    "test_schedule.py",  # 34
    "test_bad_input.py",  # 34
    "test_cli.py",  # 33
    "test_signin_browser.py",  # 31
    "test_pdf.py",  # 31
    "test_read_worker.py",  # 30
    "test_admin_browser.py",  # 30
    "test_fastread.py",  # 22
)


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(SLOW_FIRST)))  # stable
