"""A real browser (Debian's Chromium driven by Playwright) loads every page of a running server."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date

import pytest

from engagement import db
from scripts.screenshots import CHROMIUM_ARGS, wait_idle

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PAGES = {
    "": "Overview",
    "map": "Map",
    "stakeholders": "Stakeholders",
    "sessions": "Sessions",
    "compare": "Compare",
    "downloads": "Downloads",
    "attendance_list": "Attendance list",
    "data": "Data",
    "review": "Review",
    "admin": "Admin",
}
CHARTS_PER_PAGE = {"": 1, "map": 2, "stakeholders": 2, "sessions": 3, "compare": 3}

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install Debian's chromium (see .ci/run)")
    pytest.skip(
        "Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_dashboard(database, *extra_args: str, port: int | None = None):
    """A real streamlit server on a free loopback port (or `port`), serving the given database;
    `extra_args` are more streamlit options (e.g. --secrets.files for the sign-in test)."""
    port = port or free_port()
    env = {**os.environ, "ENGAGEMENT_DB": str(database)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",  # the launcher of `make run`: deep links work on a fresh server
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.scriptHealthCheckEnabled",
            "true",
            *extra_args,
        ],
        cwd=db.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:  # e.g. the port was taken meanwhile
                    raise RuntimeError(f"streamlit exited ({proc.returncode})") from None
                if time.time() > deadline:
                    raise RuntimeError("streamlit did not start within 60 s") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture
def server(demo_server):
    """The run's shared server on the demo database (conftest.py): these tests only read."""
    return demo_server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_page_in_browser(server, browser, path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/{path}")
    # wait_idle alone can return before a fresh server's first run has begun drawing
    page.wait_for_selector('[data-testid="stSidebarNav"] a', timeout=60_000)
    if path == "admin":  # local mode has organizer rights: the Admin page says what to do
        page.get_by_text("This page needs the admin role").wait_for(timeout=60_000)
    else:
        page.locator("h1").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not errors, errors
    nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    # each link holds its icon name, then its title; Admin is not in the local user's menu
    local_menu = sorted(t for p, t in PAGES.items() if p != "admin")
    assert sorted(n.strip().splitlines()[-1] for n in nav) == local_menu, nav
    expected = CHARTS_PER_PAGE.get(path, 0)
    if expected:
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        traces = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')].map(p => (p.data || [])"
            ".filter(t => (t.x && t.x.length) || (t.y && t.y.length) || (t.z && t.z.length)"
            " || (t.locations && t.locations.length)).length)"
        )
        assert len(traces) >= expected, traces
        assert all(n > 0 for n in traces), f"an empty chart on /{path}: {traces}"
    if path == "map":
        page.wait_for_selector("path.choroplethlocation", timeout=30_000)
        # One trace per legend class: the reached ones (the first five) hold the demo's ~125
        # shapes, the geometry having loaded offline.
        shaded = page.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot')[0]"
            ".querySelectorAll('.trace.choropleth')].slice(0, 5).flatMap(t => "
            "[...t.querySelectorAll('path.choroplethlocation')]).length"
        )
        assert shaded >= 100, f"only {shaded} shaded countries on the map"
    page.close()


@pytest.fixture(scope="module")
def writable_server(demo_db, tmp_path_factory):
    """A second server on a copy of the demo database, for a test that imports."""
    path = tmp_path_factory.mktemp("upload") / "upload.duckdb"
    shutil.copy(demo_db, path)
    with running_dashboard(path) as base:
        yield base, path


def new_event_on_data_page(page, base: str, name: str, files=(), tz: str = "UTC") -> None:
    """Open the Data page, choose "+ New event", upload the files and name the new event
    (a plain lower-case name gives the same event ID). The zone stays the one offered (UTC)."""
    page.goto(f"{base}/data")
    wait_idle(page)
    target = page.get_by_test_id("stSelectbox").filter(has_text="Import into event")
    if "+ New event" not in target.inner_text():
        target.get_by_role("combobox").click()
        page.get_by_role("option", name="+ New event").click()
        wait_idle(page)
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    uploader.set_input_files(files)
    box = page.get_by_role("textbox", name="New event's name")
    box.wait_for(timeout=60_000)
    box.fill(name)
    page.keyboard.press("Enter")
    wait_idle(page)
    assert tz == "UTC", "pick another zone in the 'Its time zone' selectbox here"


def test_upload_through_the_data_page(writable_server, browser):
    """The organizer's door: a new event, a real Zoom export uploaded, previewed, imported."""
    base, path = writable_server
    sample = db.ROOT / "tests" / "samples" / "zoom_webinar_attendee_2.csv"
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    new_event_on_data_page(page, base, "bjk2026", str(sample))
    page.get_by_text("Zoom webinar attendee report").first.wait_for(timeout=60_000)
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text("zoom_webinar_attendee_2.csv: imported").wait_for(timeout=60_000)
    message = page.get_by_text("zoom_webinar_attendee_2.csv: imported").inner_text()
    assert "944 registrants, 142 attendees, 273 segments, 0 rows not read" in message
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def choose(page, widget, option: str) -> None:
    """Pick an option of a multiselect. A rerun that lands just after the click redraws the
    widget and closes its list (seen under load): open it again, a few times at most."""
    for attempt in range(3):
        widget.get_by_role("combobox").click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page)
    page.keyboard.press("Escape")


def test_filters_survive_moving_between_pages(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    # wait_idle alone can return before the first run has drawn; a rerun arriving after the
    # click would close the list again
    page.get_by_test_id("stMetricValue").nth(1).wait_for(timeout=60_000)
    wait_idle(page)
    before = page.get_by_test_id("stMetricValue").nth(1).inner_text()  # unique attendees
    regions = page.get_by_test_id("stMultiSelect").filter(has_text="WHO region")
    choose(page, regions, "African Region")
    wait_idle(page)
    after = page.get_by_test_id("stMetricValue").nth(1).inner_text()
    assert after != before
    page.locator('[data-testid="stSidebarNav"] a', has_text="Map").click()
    wait_idle(page)
    assert "African Region" in regions.inner_text()
    page.locator('[data-testid="stSidebarNav"] a', has_text="Overview").click()
    wait_idle(page)
    assert page.get_by_test_id("stMetricValue").nth(1).inner_text() == after
    page.close()


def test_unknown_layout_asks_for_a_column_mapping(writable_server, browser, tmp_path):
    base, _ = writable_server
    table = tmp_path / "side_event.csv"
    table.write_text("E-mail;Nom;Pays\nana@x.example;Ana;Brésil\n", encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    new_event_on_data_page(page, base, "side2026", str(table))
    page.get_by_text("Unknown layout: tell the dashboard which column holds what.").wait_for(
        timeout=60_000
    )
    page.get_by_text("Table (").first.wait_for(timeout=60_000)  # the guessed mapping reads it
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    build_hostile(path)
    return path


@pytest.fixture(scope="module")
def hostile_server(hostile_db):
    """A server on a database holding the hostile Zoom pair (formulas in names, topic)."""
    # The toolbar export is off in .streamlit/config.toml; a deployer may turn it back on, and
    # then what it exports must still be formula-safe: this server has it on.
    with running_dashboard(hostile_db, "--client.disableDataExport", "false") as base:
        yield base


def audit_log_while_served(path):
    """The audit log of a database a running server holds (DuckDB: one process per file): read
    from a copy of the file and of its write-ahead log, where the latest entries may still be."""
    from engagement import audit

    copy = path.with_name(f"copy_of_{path.name}")
    shutil.copy(path, copy)
    wal = path.with_name(path.name + ".wal")
    copy_wal = copy.with_name(copy.name + ".wal")
    copy_wal.unlink(missing_ok=True)
    if wal.exists():
        shutil.copy(wal, copy_wal)
    con = db.connect(copy)
    try:
        return audit.entries(con)
    finally:
        con.close()


def build_hostile(path):
    from tests.conftest import FIXTURES, import_path

    con = db.connect(path)
    for name in ("hostile_registration.csv", "hostile_attendee.csv"):
        assert import_path(con, FIXTURES / name, "hostile", "UTC").status == "imported"
    con.close()  # one process at a time: the server opens it next


def open_hostile_event(page, base):
    page.goto(base)
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)  # the first run drew
    wait_idle(page)
    event = page.get_by_test_id("stSelectbox").filter(has_text="Event")
    event.get_by_role("combobox").click()
    page.get_by_role("option", name="hostile", exact=False).last.click()
    wait_idle(page)


def test_table_toolbar_csv_has_no_formula_cell(hostile_server, browser, tmp_path):
    """Streamlit's own "Download as CSV" on the Attendance list exports neutralized text."""
    import csv

    page = browser.new_page(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
    # Chromium's native save dialog (File System Access API) cannot be driven headless: without
    # it Streamlit falls back to an ordinary download of the same CSV text, which Playwright sees.
    page.add_init_script("window.showSaveFilePicker = async () => { throw new Error('no'); };")
    open_hostile_event(page, hostile_server)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Attendance list").click()
    wait_idle(page)
    page.get_by_text("11 people attended the selected sessions").wait_for(timeout=30_000)
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    with page.expect_download(timeout=30_000) as info:
        grid.get_by_role("button", name="Download as CSV").click()
    target = tmp_path / "attendance.csv"
    info.value.save_as(target)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    cells = [cell for row in rows for cell in row]
    assert len(rows) == 12  # header and 11 people
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    assert sum(1 for c in cells if c.startswith("'=HYPERLINK(")) == 2
    page.close()


def test_downloads_are_safe_suppressed_and_audited(hostile_server, hostile_db, browser, tmp_path):
    """The Downloads page's workbook and a CSV, clicked in a real browser: no formula, small
    counts as "<5" with the note, and one audit entry per file built (the entries this test
    added to the log; the export toolbar this server has on plays no part here)."""
    import csv
    import io
    import json

    import openpyxl

    before = set(audit_log_while_served(hostile_db)["audit_id"])
    page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
    open_hostile_event(page, hostile_server)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Downloads").click()
    wait_idle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="All tables (Excel workbook)").click()
    info.value.save_as(tmp_path / "summary.xlsx")
    with page.expect_download(timeout=60_000) as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").nth(1).click()
    info.value.save_as(tmp_path / "by_country.csv")
    page.close()
    book = openpyxl.load_workbook(tmp_path / "summary.xlsx")
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert [c.value for c in cells if str(c.value or "").startswith(("=", "+", "-", "@"))] == []
    assert book["Sessions"]["E2"].value == 11  # attendees: a number
    notes = [r[1] for r in book["Notes"].iter_rows(values_only=True) if r[0] == "Note"]
    assert notes[0].startswith("Counts below 5 are shown as <5;")
    rows = list(csv.reader(io.StringIO((tmp_path / "by_country.csv").read_text("utf-8-sig"))))
    assert rows[0] == [
        "Country or territory",
        "ISO3",
        "WHO region",
        "Status",
        "Attendees",
        "Share of known",
    ]
    assert {r[4] for r in rows[1:-1]} == {"<5"}
    assert rows[-1][0].startswith("Counts below 5 are shown as <5;")
    log = audit_log_while_served(hostile_db)
    log = log[~log["audit_id"].isin(before)]
    downloads = log[log["action"] == "download"]
    today = f"{date.today():%Y-%m-%d}"  # file names carry the event, filters and date
    assert sorted(downloads["target"]) == [
        f"hostile_{today}.xlsx",
        f"hostile_{today}_by_country.csv",
    ]
    for detail in downloads["detail"]:
        d = json.loads(detail)
        assert (d["event_id"], d["basis"], d["suppressed"]) == ("hostile", "attendees", True)


def test_tables_have_no_toolbar_export_by_default(server, browser):
    """Every file leaves through an audited download of ours, not the table toolbar."""
    page = browser.new_page(viewport={"width": 1400, "height": 1200})
    page.goto(f"{server}/map")
    wait_idle(page)
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for(timeout=30_000)
    grid.hover()
    # the toolbar is drawn (its other buttons are there), without the export button
    grid.get_by_role("button", name="Search").wait_for(timeout=30_000)
    assert grid.get_by_role("button", name="Download as CSV").count() == 0
    page.close()


def test_attendance_list_download_is_safe_and_audited(hostile_server, browser, tmp_path):
    import csv

    page = browser.new_page(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
    open_hostile_event(page, hostile_server)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Attendance list").click()
    wait_idle(page)
    # 60 s: the download is built and audited on the server, which the other worker's tests
    # load too (it timed out at 30 s once in a fresh clone's run beside a benchmark).
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Attendance list (CSV, personal data)").click()
    target = tmp_path / "list.csv"
    info.value.save_as(target)
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    cells = [cell for row in rows for cell in row]
    assert rows[0][:2] == ["Name", "E-mail"] and len(rows) == 12  # header and 11 people
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    page.close()


def test_zoom_pair_uploaded_together_is_one_session(browser, tmp_path):
    """Issue 9: a Zoom registration and attendee report uploaded in one batch (either order,
    each into a new event of one server) land in one session with 944 registrants and 142
    attendees, as the command line's do."""
    pair = ["zoom_webinar_registration_1.csv", "zoom_webinar_attendee_2.csv"]
    orders = {"pair": pair, "pairreversed": pair[::-1]}
    path = tmp_path / "pair.duckdb"
    db.connect(path).close()
    with running_dashboard(path) as base:
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        samples = db.ROOT / "tests" / "samples"
        for event, names in orders.items():
            new_event_on_data_page(page, base, event, [str(samples / name) for name in names])
            page.get_by_text("Zoom webinar attendee report").first.wait_for(timeout=60_000)
            page.get_by_text("Zoom webinar registration report").first.wait_for(timeout=60_000)
            page.get_by_role("button", name="Import", exact=True).click()
            for name in names:
                page.get_by_text(f"{name}: imported").wait_for(timeout=60_000)
            assert page.locator('[data-testid="stException"]').count() == 0
        page.close()
    con = db.connect(path)  # the server has stopped: its database is free again
    try:
        rows = {
            event: con.execute(
                "select s.external_id, count(distinct r.person_key) filter (where r.status = "
                "'approved'), (select count(distinct g.person_key) from segments as g where "
                "g.session_id = s.session_id and not g.is_bot) from sessions as s "
                "left join registrations as r on r.session_id = s.session_id "
                "where s.event_id = $event group by all",
                {"event": event},
            ).fetchall()
            for event in orders
        }
    finally:
        con.close()
    assert rows == {event: [("83478664154", 944, 142)] for event in orders}
