"""The Compare page's queries on two tiny editions counted by hand, the synthetic WLPF 2023 and
2025 demo editions (2025: the published 4,077 participants from 141 countries), the check-in
list format, and the page itself on the demo database."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import FIXTURES, import_path
from streamlit.testing.v1 import AppTest

from engagement import db, demo, formats, queries

APP = str(db.ROOT / "dashboard.py")
NAMES = {
    "wlpf2023": "WLPF 2023 · World Local Production Forum, The Hague (in person)",
    "wlpf2025": "WLPF 2025 · World Local Production Forum, Abu Dhabi (in person)",
}
NO_FILTER = queries.Selection("cmpa")


@pytest.fixture
def editions(tmp_path):
    """Edition A (cmpa): six Indico registrations (Eve withdrawn), check-ins of Ana, Ben, Chen and
    Fay (Greenland: not a Member State); Dia never came. Edition B (cmpb): Ana again (her
    address in capitals), Gus, Hal (scanned twice), Ivy (no gender; never came)."""
    con = db.connect(tmp_path / "cmp.duckdb")
    con.execute(
        "insert into events values ('cmpa', 'Edition A', 'UTC', '2023-01-10', '2023-01-10', "
        "'in person', false), ('cmpb', 'Edition B', 'UTC', '2024-01-10', '2024-01-10', "
        "'in person', false)"
    )
    for event, stem in (("cmpa", "compare_a"), ("cmpb", "compare_b")):
        for kind in ("registrations", "checkin"):
            result = import_path(con, FIXTURES / f"{stem}_{kind}.csv", event)
            assert result.status == "imported", result
    yield con
    con.close()


def run(con, name, selection=NO_FILTER, basis="attendees"):
    return queries.run(con, name, selection, event_a="cmpa", event_b="cmpb", basis=basis)


def test_checkin_lists_are_detected_from_content():
    for stem in ("compare_a", "compare_b"):
        text = (FIXTURES / f"{stem}_checkin.csv").read_text(encoding="utf-8")
        assert formats.detect_format(text) == "checkin_list"
    registrations = (FIXTURES / "compare_a_registrations.csv").read_text(encoding="utf-8")
    assert formats.detect_format(registrations) == "indico_registrations"


def test_kpis_side_by_side(editions):
    k = run(editions, "compare_kpis").set_index("edition")
    assert k.loc["a"].to_dict() == {
        "event_id": "cmpa",
        "registrants": 5,  # Eve withdrew
        "attendees": 4,
        "people": 4,
        "member_states": 3,  # Kenya, France, China; Greenland is not a Member State
        "member_states_total": 194,
        "other_territories": 1,
        "who_regions": 3,  # AFR, EUR, WPR
    }
    assert k.loc["b"].to_dict() == {
        "event_id": "cmpb",
        "registrants": 4,
        "attendees": 3,  # Hal's two scans are one person
        "people": 3,
        "member_states": 3,  # Kenya, Ghana, India
        "member_states_total": 194,
        "other_territories": 0,
        "who_regions": 2,  # AFR, SEAR
    }


def statuses(frame) -> dict[str, list[str]]:
    return {s: sorted(frame[frame["status"] == s]["iso3"]) for s in sorted(set(frame["status"]))}


def test_member_states_new_returning_lost(editions):
    attendees = run(editions, "compare_member_states")
    assert statuses(attendees) == {
        "lost": ["CHN", "FRA"],
        "new": ["GHA", "IND"],
        "returning": ["KEN"],
    }
    kenya = attendees.set_index("iso3").loc["KEN"]
    assert (kenya.people_a, kenya.people_b) == (1, 1)  # Ana both times (Gus is from Ghana)
    registrants = run(editions, "compare_member_states", basis="registrants")
    assert statuses(registrants) == {
        "lost": ["BRA", "CHN"],  # Dia registered for A only; Eve's withdrawal does not count
        "new": ["GHA", "IND"],
        "returning": ["FRA", "KEN"],  # Ivy registered for B from France
    }


def test_member_states_follow_the_region_filter(editions):
    afr = queries.Selection("cmpa", regions=("AFR",))
    k = run(editions, "compare_kpis", afr).set_index("edition")
    assert list(k["member_states"]) == [1, 2]
    assert list(k["member_states_total"]) == [47, 47]
    assert statuses(run(editions, "compare_member_states", afr)) == {
        "new": ["GHA"],
        "returning": ["KEN"],
    }


def shares(frame, group) -> dict:
    return {
        (r.edition, getattr(r, group)): (
            r.people,
            None if r.share != r.share else round(r.share, 4),
        )
        for r in frame.itertuples()
    }


def test_regions_stakeholders_gender(editions):
    assert shares(run(editions, "compare_regions"), "region") == {
        ("a", "EUR"): (2, 0.5),  # Ben, and Fay (Greenland lies in the European Region)
        ("a", "AFR"): (1, 0.25),
        ("a", "WPR"): (1, 0.25),
        ("b", "AFR"): (2, 0.6667),
        ("b", "SEAR"): (1, 0.3333),
    }
    assert shares(run(editions, "compare_stakeholders"), "stakeholder") == {
        ("a", "academia"): (1, 0.25),
        ("a", "government"): (1, 0.25),
        ("a", "media"): (1, 0.25),
        ("a", "private_sector"): (1, 0.25),
        ("b", "academia"): (1, 0.3333),
        ("b", "government"): (1, 0.3333),
        ("b", "private_sector"): (1, 0.3333),
    }
    assert shares(run(editions, "compare_genders"), "gender") == {
        ("a", "female"): (3, 0.75),
        ("a", "male"): (1, 0.25),
        ("b", "male"): (2, 0.6667),
        ("b", "female"): (1, 0.3333),
    }
    registrants = run(editions, "compare_genders", basis="registrants")
    assert shares(registrants, "gender") == {
        ("a", "female"): (3, 0.6),  # Dia (no-show) registered, saying she prefers not to say
        ("a", "male"): (1, 0.2),
        ("a", "prefer_not_to_say"): (1, 0.2),
        ("b", "male"): (2, 0.6667),
        ("b", "female"): (1, 0.3333),
        ("b", "unknown"): (1, None),  # Ivy left the question blank
    }


# -- the demo editions -------------------------------------------------------------------------
def test_editions_are_deterministic_and_committed(tmp_path):
    fresh = demo.generate_editions(tmp_path / "one")
    again = demo.generate_editions(tmp_path / "two")
    assert [p.name for p in fresh] == [p.name for p in again]
    for a, b in zip(fresh, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        committed = db.DATA / "demo" / a.name
        assert committed.read_bytes() == a.read_bytes(), f"{a.name} drifted: run `demo`"


def test_demo_2025_hits_the_published_totals(demo_db):
    con = db.connect(demo_db, read_only=True)
    try:
        k = queries.run(con, "kpis", queries.Selection("wlpf2025"), basis="attendees").iloc[0]
        assert (k.attendees, k.member_states, k.countries) == (4077, 141, 141)
        assert k.other_territories == 0
        k23 = queries.run(con, "kpis", queries.Selection("wlpf2023"), basis="attendees").iloc[0]
        assert k23.attendees == 864  # "800+ delegates"
        # People come back: the same e-mail is the same person key in every edition.
        both = con.execute(
            "select count(*) from (select person_key from v_attendance where event_id = "
            "'wlpf2021' intersect select person_key from v_attendance where event_id = 'wlpf2025')"
        ).fetchall()[0][0]
        assert both > 300
        events = queries.run(con, "events", None)
        assert events["event_id"].iloc[0] == "wlpf2021"  # the default event stays 2021
    finally:
        con.close()


def test_compare_page_on_the_demo(demo_db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert at.sidebar.selectbox(key="event").value == "wlpf2021"
    assert demo.DEMO_NOTE in [i.value for i in at.sidebar.info]
    at.switch_page("pages/compare.py").run()
    assert not at.exception, at.exception
    at.selectbox(key="cmp_b").set_value("wlpf2025").run()
    assert not at.exception, at.exception
    values = {m.label: m.value for m in at.metric}
    assert values["Attendees"] == "4,077"
    assert values["Member States reached"] == "141 of 194"
    captions = [c.value for c in at.caption]
    assert any(demo.DEMO_NOTES["wlpf2025"] in c for c in captions)
    assert any("WLPF 2025's attendance is on-site check-in lists:" in c for c in captions)
    assert [b.label for b in at.get("download_button")] == [
        "Comparison (Excel workbook)",
        "Comparison (CSV tables, ZIP)",
    ]
    # The pickers are in the URL: a shared link opens the same comparison.
    link = AppTest.from_file(APP, default_timeout=120)
    link.query_params["cmp_a"] = NAMES["wlpf2023"]
    link.query_params["cmp_b"] = NAMES["wlpf2025"]
    link.run()
    link.switch_page("pages/compare.py").run()
    assert not link.exception, link.exception
    assert (link.selectbox(key="cmp_a").value, link.selectbox(key="cmp_b").value) == (
        "wlpf2023",
        "wlpf2025",
    )
    assert {m.label: m.value for m in link.metric}["Registrants"] == "4,989"
    # Chosen in the sidebar, a later edition shows its own synthetic note on every page.
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["event"] = "wlpf2023"
    at.run()
    assert not at.exception, at.exception
    assert demo.DEMO_NOTES["wlpf2023"] in [i.value for i in at.sidebar.info]
    assert any(demo.DEMO_NOTES["wlpf2023"] in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Unique attendees"] == "864"
    st.cache_resource.clear()


# -- the comparison's tables, its files and `python -m engagement compare` ----------------------
def build_comparison(con, selection=NO_FILTER, basis="attendees"):
    from engagement import compare

    def run(name, sel=None, **params):
        return queries.run(con, name, sel, **params)

    return compare.build(run, selection, basis, "cmpa", "cmpb")


def test_comparison_tables_by_hand(editions):
    c = build_comparison(editions)
    assert c.names == ("Edition A", "Edition B")
    assert c.tables["Key figures"].values.tolist() == [
        ["Registrants", 5, 4, -1],
        ["Attendees (participants)", 4, 3, -1],
        ["Member States reached (of 194)", 3, 3, 0],
        ["WHO regions reached (of 6)", 3, 2, -1],
        ["Other countries and territories", 1, 0, -1],
    ]
    # New first, then returning, then lost; WHO region order within each.
    assert c.tables["Member States"].values.tolist() == [
        ["Ghana", "GHA", "African Region", "New", 0, 1],
        ["India", "IND", "South-East Asia Region", "New", 0, 1],
        ["Kenya", "KEN", "African Region", "Returning", 1, 1],
        ["France", "FRA", "European Region", "Lost", 1, 0],
        ["China", "CHN", "Western Pacific Region", "Lost", 1, 0],
    ]
    assert list(c.tables["By WHO region"].columns) == [
        "WHO region",
        "Edition A attendees",
        "Edition A share of known",
        "Edition B attendees",
        "Edition B share of known",
    ]
    assert c.tables["By WHO region"].values.tolist() == [
        ["African Region", 1, 0.25, 2, 0.6667],
        ["South-East Asia Region", 0, 0.0, 1, 0.3333],
        ["European Region", 2, 0.5, 0, 0.0],
        ["Western Pacific Region", 1, 0.25, 0, 0.0],
    ]
    registrants = build_comparison(editions, basis="registrants")
    gender = registrants.tables["By gender"]
    assert gender.iloc[:, :3].values.tolist()[:3] == [
        ["Woman", 3, 0.6],
        ["Man", 1, 0.2],
        ["Prefer not to say", 1, 0.2],
    ]
    # Ivy (edition B) left it blank: unknown has people and no share in either edition.
    unknown = gender.iloc[3].tolist()
    assert unknown[:2] == ["Unknown or not asked", 0] and unknown[3] == 1
    assert unknown[2] != unknown[2] and unknown[4] != unknown[4]  # NaN: no share
    afr = build_comparison(editions, queries.Selection("cmpa", regions=("AFR",)))
    assert afr.tables["Key figures"]["Figure"].tolist()[2:4] == [
        "Member States reached (of 47)",
        "WHO regions reached (of 1)",
    ]


def test_comparison_files_are_suppressed(editions):
    from engagement import compare

    c = build_comparison(editions)
    safe = compare.suppressed(c, 2)
    # Edition B: SEAR's 1 is below 2; AFR's 2 would follow from the 3 attendees: hidden too.
    assert safe["By WHO region"].values.tolist() == [
        ["African Region", "<2", "hidden", "hidden", "hidden"],
        ["South-East Asia Region", 0, 0.0, "<2", "hidden"],
        ["European Region", 2, 0.5, 0, 0.0],
        ["Western Pacific Region", "<2", "hidden", 0, 0.0],
    ]
    assert safe["Member States"]["Edition A attendees"].tolist() == [0, 0, "<2", "<2", "<2"]
    assert safe["Key figures"].values.tolist()[:2] == [
        ["Registrants", 5, 4, -1],
        ["Attendees (participants)", 4, 3, -1],
    ]
    files = compare.files(c, "csv", 5)
    stem = compare.file_stem(c)
    assert stem.startswith("compare_cmpa_cmpb_") and len(stem) == len("compare_cmpa_cmpb_") + 10
    assert sorted(files) == sorted(
        f"{stem}_{t}.csv"
        for t in ("key_figures", "member_states", "by_who_region", "by_stakeholder_type")
        + ("by_gender", "notes")
    )
    key = files[f"{stem}_key_figures.csv"].decode("utf-8-sig").splitlines()
    assert key[:3] == ["Figure,Edition A,Edition B,Change", "Registrants,5,<5,hidden"] + [
        "Attendees (participants),<5,<5,hidden"
    ]
    assert key[-1].startswith('"Counts below 5 are shown as <5')
    # Aggregate only: no name or address of a participant in any file.
    for data in [*files.values(), *compare.files(c, "xlsx", 5).values()]:
        assert b"@cmp.example" not in data and b"Wanjiru" not in data


def test_compare_command_writes_the_page_files(editions, tmp_path, capsys):
    from openpyxl import load_workbook

    from engagement import cli

    path = editions.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchall()[0][0]
    editions.close()  # the command opens the file read-only: no writer may hold it
    out = tmp_path / "out"
    args = ["compare", "--db", path, "--events", "cmpa,cmpb", "--basis", "registrants"]
    assert cli.main([*args, "--format", "csv", "--out", str(out)]) == 0
    region = next(out.glob("*_by_who_region.csv")).read_text(encoding="utf-8-sig").splitlines()
    assert region[0] == (
        "WHO region,Edition A registrants,Edition A share of known,Edition B registrants,"
        "Edition B share of known"
    )
    # Registrants: A Ana (KEN), Ben (FRA), Chen (CHN), Dia (BRA), Fay (GRL); B Ana, Gus (GHA),
    # Hal (IND), Ivy (FRA). Every count is below 5.
    assert region[1:6] == [
        "African Region,<5,hidden,<5,hidden",
        "Region of the Americas,<5,hidden,0,0.0",
        "South-East Asia Region,0,0.0,<5,hidden",
        "European Region,<5,hidden,<5,hidden",
        "Western Pacific Region,<5,hidden,0,0.0",
    ]
    assert region[6].startswith('"Counts below 5') and len(region) == 7
    assert cli.main([*args, "--format", "xlsx", "--out", str(tmp_path / "c.xlsx")]) == 0
    book = load_workbook(tmp_path / "c.xlsx")
    assert book.sheetnames == [
        "Key figures",
        "Member States",
        "By WHO region",
        "By stakeholder type",
        "By gender",
        "Notes",
    ]
    sheet = book["By WHO region"]
    assert sheet["C2"].number_format == "0.0%" and sheet.freeze_panes == "A2"
    notes = {r[0]: r[1] for r in book["Notes"].iter_rows(min_row=2, values_only=True)}
    assert notes["Earlier edition"] == "Edition A" and notes["People counted"] == "Registrants"
    assert cli.main([*args[:4], "cmpa,nope", "--format", "csv", "--out", str(out)]) == 2
    assert "No event 'nope'" in capsys.readouterr().err
    assert cli.main([*args[:4], "cmpa", "--format", "csv", "--out", str(out)]) == 2


# -- check-in sessions: minutes and peak are not measured, and every surface says so ------------
def test_checkin_sessions_have_no_minutes_or_peak(editions):
    from engagement import reports

    def run(name, sel=None, **params):
        return queries.run(editions, name, sel, **params)

    scans = run("checkin_sessions", event_id="cmpa")
    assert scans["checkin_only"].tolist() == [True]
    row = run("sessions_overview", NO_FILTER, roles=()).iloc[0]
    assert (row.attendees, bool(row.checkin_only)) == (4, True)
    figures = [row.avg_minutes, row.median_minutes, row.peak_concurrent, row.peak_minute]
    assert [pd.isna(f) for f in figures] == [True] * 4  # null, never 0 min or peak = everyone
    k = run("kpis", NO_FILTER, basis="attendees").iloc[0]
    assert pd.isna(k.avg_minutes) and k.attendees == 4
    summary = reports.summary(run, NO_FILTER, "attendees")
    key = dict(summary.tables["Key figures"].values.tolist())
    assert key["Average minutes attended per person and session"] == reports.NOT_MEASURED
    sessions = summary.tables["Sessions"]
    assert sessions["Attendance measured by"].tolist() == [
        "Check-in list: minutes and peak are not measured"
    ]


def test_sessions_page_on_a_checkin_session(demo_db, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["event"] = "wlpf2025"
    at.run()
    overview = {m.label: m.value for m in at.metric}
    assert overview["Average time per session"] == "Not measured"
    at.switch_page("pages/sessions.py").run()
    assert not at.exception, at.exception
    assert [i.value for i in at.info][-1].startswith(
        "Check-in list: minutes and peak are not measured."
    )
    labels = [m.label for m in at.metric]
    assert labels[:3] == ["Registrants", "Attendees", "Show rate"]
    values = {m.label: m.value for m in at.metric}
    assert values["Attendees"] == "3,751"  # day 1's scans
    assert values["Registrants"] == "Not per session"  # one registration for the whole event
    for figure in ("Average time attended", "Peak concurrent", "Present at the end"):
        assert figure not in labels
    st.cache_resource.clear()
