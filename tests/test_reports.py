"""The report files (issue 10 items 5, 6, 9): the Excel workbook a reporter can use as is, the
PDF briefing's notes, and `python -m engagement report` writing what the Downloads page gives.

Built on the demo database (conftest builds it once with the real import code); figures are
checked against hand-written SQL over the stored rows, not against the code under test."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import UTC, date, datetime

import duckdb
import openpyxl
import pytest

from engagement import cli, db, queries, report_files, settings
from tests.test_pdf import text_of

TODAY = f"{date.today():%Y-%m-%d}"
AFR = queries.Selection("wlpf2021", regions=("AFR",))
# Attendees (any presence: the demo's rule) from Member States of the African Region.
AFR_SQL = """
    select count(distinct p.iso3) as states, count(distinct s.person_key) as people
    from segments as s
    join v_person_profile as p on p.person_key = s.person_key and p.event_id = s.event_id
    where s.event_id = 'wlpf2021' and not s.is_bot and p.who_region = 'AFR'
      and p.member_type = 'member'
"""


@pytest.fixture
def demo_copy(demo_db, tmp_path):
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, path)
    return path


def _files(path, selection, fmt, basis="attendees") -> dict[str, bytes]:
    con = db.connect(path, read_only=True)
    try:

        def run(name, sel=None, **params):
            return queries.run(con, name, sel, **params)

        report = report_files.build(run, selection, basis, settings.suppression_k(con))
        return report_files.files(report, fmt)
    finally:
        con.close()


def _cli(path, out, *args) -> int:
    return cli.main(["report", "--db", str(path), "--event", "wlpf2021", *args, "--out", str(out)])


def _notes(book) -> dict[str, object]:
    return {r[0]: r[1] for r in book["Notes"].iter_rows(values_only=True) if r[0] is not None}


def test_region_workbook_notes_chart_formats(demo_copy, tmp_path):
    """Done when: `report --region AFR` -> a workbook whose Notes sheet names the filter and
    the date, with native charts, percent and date formats, styled frozen filtered headers."""
    assert _cli(demo_copy, f"{tmp_path}/out/", "--region", "AFR", "--format", "xlsx") == 0
    path = tmp_path / "out" / f"wlpf2021_AFR_{TODAY}.xlsx"  # event, filter and date
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Notes"
    notes = _notes(book)
    assert notes["WHO regions"] == "African Region (AFR)"
    assert notes["Generated at"].date() == datetime.now(UTC).date()
    assert book["Notes"]["B" + str(_row(book["Notes"], "Generated at"))].number_format.startswith(
        "d mmmm yyyy"
    )
    assert notes["Data as of"] == datetime(2021, 6, 28, 9, 21)  # the last export's time
    assert notes["Sources"] == (
        "10 exported files: 5 Zoom webinar attendee reports, 5 Zoom webinar registration reports"
    )
    terms = [r[0] for r in book["Notes"].iter_rows(values_only=True)]
    for term, _ in report_files.definitions():
        assert term in terms
    assert "wlpf2021_day1_attendee.csv" in [r[1] for r in book["Notes"].iter_rows(values_only=True)]

    con = duckdb.connect(str(demo_copy), read_only=True)
    states, people = con.execute(AFR_SQL).fetchall()[0]
    share_sql = con.execute(
        """select count(distinct s.person_key) from segments as s
        join v_person_profile as p on p.person_key = s.person_key and p.event_id = s.event_id
        where s.event_id = 'wlpf2021' and not s.is_bot and p.iso3 = 'NGA'"""
    ).fetchall()[0][0]
    con.close()
    keys = {r[0]: r[1] for r in book["Key figures"].iter_rows(min_row=2, values_only=True)}
    assert keys["Member States reached (of 47)"] == states == 43
    assert keys["Unique attendees"] == people == 763
    assert keys["WHO regions reached (of 1)"] == 1
    assert not any("194" in str(figure) for figure in keys)
    show_rate = next(
        c for c in book["Key figures"]["B"] if c.row == _row(book["Key figures"], "Show rate")
    )
    assert show_rate.number_format == "0.0%"

    countries = book["By country"]
    assert [c.value for c in countries[1]][-1] == "Share of known"
    nigeria = next(r for r in countries.iter_rows(min_row=2) if r[1].value == "NGA")
    assert nigeria[4].value == share_sql
    assert nigeria[5].value == pytest.approx(share_sql / people, abs=5e-5)
    assert nigeria[5].number_format == "0.0%"  # 13.5 %, not 0.135
    assert countries.freeze_panes == "A2" and countries.auto_filter.ref.startswith("A1:F")
    assert countries["A1"].font.bold and countries["A1"].fill.fgColor.rgb.endswith("008DC9")

    day = book["Registrations by day"]["A2"]
    assert day.number_format == "yyyy-mm-dd" and (day.value.hour, day.value.minute) == (0, 0)
    assert book["Sessions"]["J2"].number_format == "yyyy-mm-dd hh:mm"

    # the unknown group's share: a dash that a footnote under the table explains, not a gap
    types = book["By stakeholder type"]
    unknown = next(r for r in types.iter_rows(min_row=2) if r[0].value == "Unknown")
    assert unknown[1].value == 7 and unknown[2].value == "–"
    assert types.cell(types.max_row, 1).value.startswith("–")
    assert types.auto_filter.ref == f"A1:C{unknown[0].row}"  # the footnote is not a table row
    gender = book["By gender"]
    assert [r[2] for r in gender.iter_rows(min_row=2, max_row=6, values_only=True)][-1] == "–"
    # printed or saved as PDF: one page wide, landscape; wrapped definitions get their height
    assert types.page_setup.fitToWidth == 1 and types.page_setup.orientation == "landscape"
    assert book["Notes"].row_dimensions[_row(book["Notes"], "Attendees")].height >= 45
    [line] = book["Registrations by day"]._charts
    assert [s.smooth for s in line.series] == [False]  # daily counts, not a curve below 0

    charted = [s.title for s in book.worksheets if s._charts]
    assert {"By WHO region", "By stakeholder type", "Sessions"} <= set(charted)
    with zipfile.ZipFile(path) as z:  # native Excel charts, not pictures
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
        assert not any(n.startswith("xl/media/") for n in z.namelist())


def _row(sheet, label: str) -> int:
    return next(c.row for c in sheet["A"] if c.value == label)


def test_region_pdf_counts_of_47_and_says_date_and_sources(demo_copy, tmp_path):
    assert _cli(demo_copy, tmp_path, "--region", "AFR", "--format", "pdf") == 0
    text = text_of((tmp_path / f"wlpf2021_AFR_{TODAY}.pdf").read_bytes(), tmp_path)
    assert "Member States reached (of 47) 43" in text
    assert "Member States not reached (4 of 47)" in text
    assert "of 194" not in text and "194" not in text
    assert "WHO regions reached (of 1) 1" in text
    assert "Data as of 28 June 2021, 09:21 UTC" in text
    # once under the title (not again under the map), once on the About page
    assert text.count("Data as of") == 2
    # one region: no one-column "type by WHO region" table repeating the type table
    assert "Stakeholder type by WHO region" not in text
    assert "Sources: 10 exported files: 5 Zoom webinar attendee reports" in text
    assert "wlpf2021_day5_registration.csv" in text
    assert "WHO regions African Region (AFR)" in text  # the filters, on the About page
    assert "notes/metrics.md" not in text and ".py" not in text
    for term, words in report_files.definitions():
        assert f"{term}: {words}" in text


def test_cli_writes_what_the_downloads_function_builds(demo_copy, tmp_path):
    """One builder for both doors: the CLI's files are the function's, for the same filters."""
    args = ["--region", "AFR", "--region", "EUR", "--stakeholder", "academia", "--format", "csv"]
    assert _cli(demo_copy, tmp_path / "csv", *args) == 0
    selection = queries.Selection("wlpf2021", regions=("AFR", "EUR"), stakeholders=("academia",))
    expected = _files(demo_copy, selection, "csv")
    written = {p.name: p.read_bytes() for p in (tmp_path / "csv").iterdir()}

    def timeless(files: dict) -> dict:
        # The notes say when each was generated: the two may fall in different minutes.
        return {
            n: b"\n".join(x for x in b.split(b"\n") if not x.startswith(b"Generated"))
            for n, b in files.items()
        }

    assert timeless(written) == timeless(expected)
    assert f"wlpf2021_AFR-EUR_academia_{TODAY}_by_country.csv" in written
    assert f"wlpf2021_AFR-EUR_academia_{TODAY}_notes.csv" in written

    assert _cli(demo_copy, tmp_path / "book.xlsx", "--day", "2021-06-22", "--format", "xlsx") == 0
    [(name, data)] = _files(
        demo_copy, queries.Selection("wlpf2021", days=(date(2021, 6, 22),)), "xlsx"
    ).items()
    assert name == f"wlpf2021_20210622_{TODAY}.xlsx"
    mine = openpyxl.load_workbook(io.BytesIO(data))
    theirs = openpyxl.load_workbook(tmp_path / "book.xlsx")
    assert mine.sheetnames == theirs.sheetnames
    for sheet in mine.sheetnames:
        a = [r for r in mine[sheet].iter_rows(values_only=True) if r[0] != "Generated at"]
        b = [r for r in theirs[sheet].iter_rows(values_only=True) if r[0] != "Generated at"]
        assert a == b, sheet


def test_unfiltered_and_filtered_files_differ_in_name(demo_copy):
    every = _files(demo_copy, queries.Selection("wlpf2021"), "xlsx")
    assert list(every) == [f"wlpf2021_{TODAY}.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(every[f"wlpf2021_{TODAY}.xlsx"]))
    heads = [c.value for c in book["Stakeholder type by region"][1]]
    assert heads == [
        "Stakeholder type",
        "African Region",
        "Region of the Americas",
        "South-East Asia Region",
        "European Region",
        "Eastern Mediterranean Region",
        "Western Pacific Region",
        "No WHO region or unknown",
    ]
    rows = [r[0] for r in book["By WHO region"].iter_rows(min_row=2, values_only=True)]
    regions = rows[: rows.index(None)]  # the table, above its footnote (the unknown's "–")
    assert regions == [*heads[1:]]  # WHO order, unknown last
    assert book["By WHO region"].cell(len(regions) + 1, 3).value == "–"
    assert _notes(book)["WHO regions"] == "All regions"


def test_unknown_region_code_is_refused_with_the_valid_ones(demo_copy, tmp_path, capsys):
    assert _cli(demo_copy, tmp_path, "--region", "AFRO", "--format", "xlsx") == 2
    err = capsys.readouterr().err
    assert "Unknown WHO region code AFRO" in err
    assert "AFR, AMR, SEAR, EUR, EMR, WPR" in err
    assert list(tmp_path.iterdir()) == [demo_copy]  # nothing written
    assert _cli(demo_copy, tmp_path, "--stakeholder", "pharma", "--format", "csv") == 2
    assert "Valid types:" in capsys.readouterr().err
    assert _cli(demo_copy, tmp_path, "--day", "2021-07-01", "--format", "csv") == 2
    assert "2021-06-21" in capsys.readouterr().err


def test_a_long_unbroken_session_title_still_makes_a_briefing(demo_copy, tmp_path):
    """Issue 11 item 6: a URL as a session title made fpdf raise; the user got nothing."""
    url = "https://who.zoom.us/webinar/register/WN_" + "Xy7" * 120
    con = duckdb.connect(str(demo_copy))
    con.execute("update sessions set title = $t where session_id = 1", {"t": url})
    con.close()
    assert _cli(demo_copy, tmp_path, "--session", "1", "--format", "pdf") == 0
    text = text_of((tmp_path / f"wlpf2021_session1_{TODAY}.pdf").read_bytes(), tmp_path)
    assert "https://who.zoom.us/webinar/register/WN_Xy7" in text
    assert "Sessions" in text


def test_the_downloads_preview_shows_percentages(demo_copy):
    """The page previews the files' tables with shares as the files show them (13.5 %)."""
    con = db.connect(demo_copy, read_only=True)
    try:

        def run(name, sel=None, **params):
            return queries.run(con, name, sel, **params)

        report = report_files.build(run, AFR, "attendees", 5)
    finally:
        con.close()
    countries = report_files.for_screen(report.summary.tables["By country"])
    assert countries.loc[countries["ISO3"] == "NGA", "Share of known"].tolist() == ["13.5 %"]
    keys = report_files.for_screen(report.summary.tables["Key figures"])
    figures = dict(zip(keys["Figure"], keys["Value"], strict=True))
    assert figures["Show rate"] == "75.4 %" and figures["Registrants"] == "1,005"
    assert figures["Member States reached (of 47)"] == "43"
    days = report_files.for_screen(report.summary.tables["Registrations by day"])
    assert days["Day"].iloc[0] == "2021-05-10"


def test_an_empty_selection_still_gives_every_file(testconf_db, tmp_path):
    """Nobody from the South-East Asia Region in the Test Conference: files, no error."""

    def run(name, sel=None, **params):
        return queries.run(testconf_db, name, sel, **params)

    nobody = queries.Selection("testconf", regions=("SEAR",))
    report = report_files.build(run, nobody, "registrants", 5)
    [book] = report_files.files(report, "xlsx").values()
    sheets = openpyxl.load_workbook(io.BytesIO(book))
    assert _notes(sheets)["WHO regions"] == "South-East Asia Region (SEAR)"
    [briefing] = report_files.files(report, "pdf").values()
    text = text_of(briefing, tmp_path)
    [(sear,)] = testconf_db.execute(
        "select count(*) from countries where who_region = 'SEAR' and member_type = 'member'"
    ).fetchall()
    assert f"0 registrants from 0 of the {sear} Member States of the South-East Asia" in text
    assert f"Member States not reached ({sear} of {sear})" in text and "194" not in text
    assert len(report_files.files(report, "csv")) == len(report.summary.tables) + 1
