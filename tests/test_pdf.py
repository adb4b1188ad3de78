"""The briefing PDF, built from the hand-written Test Conference (see tests/test_queries.py).

The text is checked with poppler's `pdftotext` (what a reader's PDF viewer would extract): the
embedded fonts are subset and their text is glyph ids, so searching the raw bytes proves
nothing. Without poppler-utils those checks are skipped, saying so.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date

import pandas as pd
import pytest

from engagement import formatting, metrics, pdf, queries, report_files, reports

ALL = queries.Selection("testconf")
NOTE = "Synthetic demo data: no published participation data exists for WLPF 2021."
HEADLINE = "6 participants from 6 Member States across three WHO regions"


def runner(con):
    def run(name, selection=None, **params):
        return queries.run(con, name, selection, **params)

    return run


def build(con, selection=ALL, basis="attendees", note=NOTE) -> bytes:
    sessions = queries.run(con, "sessions_list", event_id="testconf")
    summary = reports.summary(runner(con), selection, basis)
    subtitle = pdf.selection_words(selection, sessions, basis)
    return pdf.briefing_pdf(
        summary, "Test Conference", subtitle, note, time_zone="CEST, Europe/Zurich"
    )


def pages(data: bytes) -> int:
    # fpdf2 writes page objects uncompressed (only content streams are compressed).
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def text_of(data: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must install poppler-utils (see .ci/run)")
        pytest.skip("pdftotext (poppler-utils) is not installed: PDF text not checked")
    path = tmp_path / "briefing.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode("utf-8").split())  # lines joined: wrapped text matches


def test_briefing_is_a_pdf(testconf_db):
    data = build(testconf_db)
    assert data[:5] == b"%PDF-"
    assert data.rstrip().endswith(b"%%EOF")
    assert pages(data) == 4  # the last one holds the definitions


def test_briefing_text(testconf_db, tmp_path):
    text = text_of(build(testconf_db), tmp_path)
    assert HEADLINE in text
    assert NOTE in text
    assert "Test Conference" in text
    assert "All days · all sessions · all regions · all stakeholder types · attendees counted" in (
        text
    )
    assert "Türkiye" in text  # Emre's country, as WHO writes it
    assert "–" in text  # share of "Unknown": a character the built-in (latin-1) fonts lack
    assert "Opening plenary" in text and "Times in CEST, Europe/Zurich" in text
    assert "66.7 %" in text  # show rate 4 / 6
    assert "Page 1 of 4" in text and "Page 4 of 4" in text
    assert f"Generated {date.today():%d %B %Y}" in text
    assert "Aggregate figures; definitions at the end of this briefing" in text
    # Aggregate only: no e-mail, no name of a person or of their organization.
    assert "@" not in text
    for name in ("Silva", "Okafor", "Chidi", "Kaya", "Diop", "Ministry of Health", "Pharma"):
        assert name not in text


def test_briefing_without_note_and_registrants(testconf_db, tmp_path):
    text = text_of(build(testconf_db, basis="registrants", note=None), tmp_path)
    assert "6 registrants from 6 Member States across four WHO regions" in text
    assert "Synthetic" not in text
    assert "registrants counted" in text


def test_briefing_of_an_empty_selection(testconf_db, tmp_path):
    # Nobody from the South-East Asia Region: every chart and table is empty, nothing breaks.
    nobody = queries.Selection("testconf", regions=("SEAR",))
    data = build(testconf_db, nobody)
    assert data[:5] == b"%PDF-"
    text = text_of(data, tmp_path)
    assert "0 participants from 0 of the 10 Member States of the South-East Asia" in text
    assert "No data for this selection" in text


def test_selection_words(testconf_db):
    sessions = queries.run(testconf_db, "sessions_list", event_id="testconf")
    ids = dict(zip(sessions["title"], sessions["session_id"], strict=True))
    assert pdf.selection_words(ALL, sessions, "attendees") == (
        "All days · all sessions · all regions · all stakeholder types · attendees counted"
    )
    chosen = queries.Selection(
        "testconf",
        days=(date(2021, 6, 21),),
        session_ids=(ids["Opening plenary"],),
        regions=("AFR", "unknown"),
        stakeholders=("academia",),
    )
    assert pdf.selection_words(chosen, sessions, "registrants") == (
        "Mon 21 Jun 2021 · Opening plenary · African Region, No WHO region or unknown · "
        "Academia and research · registrants counted"
    )
    many = queries.Selection("testconf", session_ids=(1, 2, 3, 4))
    assert pdf.selection_words(many, sessions, "attendees").startswith("All days · 4 sessions")


def test_briefing_defines_its_figures_where_the_reader_is(testconf_db, tmp_path):
    text = text_of(build(testconf_db), tmp_path)
    assert "notes/metrics.md" not in text  # a file the reader of the PDF cannot open
    assert "Definitions" in text
    # every figure the briefing prints, in the dashboard's own words where it has them
    for term, words in report_files.definitions():
        assert f"{term}: {words}" in text
    for key in ("registrants", "attendees", "show_rate", "member_states", "avg_minutes", "peak"):
        assert f"{metrics.TERMS[key]}: {metrics.HELP[key]}" in text
    # and only those: the Sessions page's schedule figures are not in the briefing
    assert metrics.TERMS["present_after_15"] not in text


def test_number_formats_share_one_missing_marker():
    assert formatting.fmt_int(1234.4) == "1,234" and formatting.fmt_int(1234567.0) == "1,234,567"
    assert formatting.fmt_pct(0.1234) == "12.3 %" and formatting.fmt_dec(100.875) == "100.9"
    assert formatting.fmt_minutes(93.6) == "94 min"
    assert formatting.fmt_count_share(1234, 0.1234) == "1,234 (12.3 %)"
    assert formatting.fmt_count_share(5, None) == "5"
    missing = (None, float("nan"), pd.NA, pd.NaT)
    for fmt in (formatting.fmt_int, formatting.fmt_pct, formatting.fmt_dec, formatting.fmt_minutes):
        assert {fmt(value) for value in missing} == {"–"}


def demo_summary(demo_db, selection):
    """reports.summary of the demo for one selection (attendees basis)."""
    from engagement import db

    con = db.connect(demo_db)
    try:
        return reports.summary(runner(con), selection, "attendees")
    finally:
        con.close()


def test_demo_briefing(demo_db, tmp_path):
    summary = demo_summary(demo_db, queries.Selection("wlpf2021"))
    data = pdf.briefing_pdf(summary, "WLPF 2021", "All days", NOTE)
    assert pages(data) == 5
    text = text_of(data, tmp_path)
    assert "across all six WHO regions" in text
    assert "Top 25 countries and territories" in text
    assert "Stakeholder type by WHO region" in text  # every region: the table is drawn
    assert "@" not in text


def test_a_region_filter_counts_member_states_of_that_region(demo_db, tmp_path):
    """Bug (2) of issue 7: "N of 194" printed while only the African Region was selected."""
    import openpyxl

    summary = demo_summary(demo_db, queries.Selection("wlpf2021", regions=("AFR",)))
    assert summary.member_states_total == 47
    missing = len(summary.tables["Member States not reached"])
    text = text_of(pdf.briefing_pdf(summary, "WLPF 2021", "African Region"), tmp_path)
    assert f"Member States not reached ({missing} of 47)" in text
    assert "Member States reached (of 47)" in text
    assert "of 194" not in text
    path = tmp_path / "summary.xlsx"
    path.write_bytes(reports.to_excel(summary.tables))
    sheet = openpyxl.load_workbook(path)["Key figures"]
    figures = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Member States reached (of 47)" in figures
    assert not any("194" in str(figure) for figure in figures)


def test_downloads_page_offers_the_briefing(demo_db, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from engagement import db

    monkeypatch.setenv("ENGAGEMENT_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=60).run()
        at = at.switch_page("pages/downloads.py").run()
        assert not at.exception, at.exception
        labels = [b.label for b in at.get("download_button")]
        assert labels[:2] == ["All tables (Excel workbook)", "Briefing (PDF)"]
    finally:
        st.cache_resource.clear()


def test_check_in_sessions_print_not_measured(demo_db, tmp_path):
    # WLPF 2025's attendance is check-in scans: no minutes or peak to print for its sessions.
    summary = demo_summary(demo_db, queries.Selection("wlpf2025"))
    listed = summary.tables["Sessions"]
    assert len(listed) == 3
    assert set(listed["Attendance measured by"]) == {reports.MEASURED_BY[True]}
    text = text_of(pdf.briefing_pdf(summary, "WLPF 2025", "All days"), tmp_path)
    assert text.count("n/m") == 3 * 4 + 1  # four cells of each session, and the caption
    assert "n/m: not measured, the session's attendance is a check-in list" in text
