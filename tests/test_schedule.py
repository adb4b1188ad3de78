"""Retention against the schedule and repeat attendance (issue 9 items 8, 9), counted by hand.

The Test Conference (tests/fixtures/, see tests/test_queries.py) has a programme: session A
(Opening plenary) and session B (Panel on regulation) are both scheduled 13:00-15:30 CEST, on
21 and 22 June. Merged presence, bots left out:
  A: host 12:50-15:35, panelist 12:58-15:30, Ana 13:00-14:00 + 14:30-15:00, Chidi 13:05-15:30,
     Emre 14:00-14:10                                            -> 5 attendees
  B: host 12:55-15:30, Ana 13:10-13:40, Gil 13:00-14:00          -> 3 attendees
"""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest
from conftest import SAMPLES
from streamlit.testing.v1 import AppTest

from engagement import charts, db, ingest, queries

ALL = queries.Selection("testconf")
APP = str(db.ROOT / "dashboard.py")


def session_ids(con, event_id="testconf") -> dict[str, int]:
    df = queries.run(con, "sessions_list", event_id=event_id)
    return dict(zip(df["title"], df["session_id"], strict=True))


def retention(con, selection=ALL) -> dict[str, pd.Series]:
    df = queries.run(con, "session_retention", selection)
    titles = {v: k for k, v in session_ids(con, selection.event_id).items()}
    return {titles[r.session_id]: r for r in df.itertuples(index=False)}


# ------------------------------------------------------------------ retention vs schedule


def test_retention_against_the_programme(testconf_db):
    got = retention(testconf_db)
    a, b = got["Opening plenary"], got["Panel on regulation"]
    assert a.has_schedule and b.has_schedule
    assert a.start_local == datetime(2021, 6, 21, 13)
    assert a.end_local == datetime(2021, 6, 21, 15, 30)
    # A at 13:15: host, panelist, Ana, Chidi (Emre comes at 14:00) -> 4 of 5
    assert (a.attendees, a.present_after_15, a.share_after_15) == (5, 4, pytest.approx(0.8))
    # A at 15:29 (the last minute before the end): host, panelist, Chidi -> 3 of 5
    assert (a.present_at_end, a.share_at_end) == (3, pytest.approx(0.6))
    # delays: host -10 -> 0, panelist -2 -> 0, Ana 0, Chidi 5, Emre 60 -> median 0
    # joined late (over 5 min after the start): Emre; Chidi joined at 13:05:00 exactly
    assert a.median_join_delay == 0 and a.joined_late == 1
    # last leaves: Emre 14:10 and Ana 15:00 early; panelist and Chidi 15:30, host 15:35
    assert (a.left_early, a.left_at_end) == (2, 3)
    assert (a.most_left_minute, a.most_left_count) == (datetime(2021, 6, 21, 15, 30), 2)
    # B at 13:15: all three; at 15:29 only the host; Ana (13:40) and Gil (14:00) left early
    assert (b.attendees, b.present_after_15, b.present_at_end) == (3, 3, 1)
    assert (b.left_early, b.left_at_end, b.joined_late) == (2, 1, 1)  # Ana joined at 13:10
    # every leave minute has one person: the earliest of them
    assert (b.most_left_minute, b.most_left_count) == (datetime(2021, 6, 22, 13, 40), 1)


def test_join_delay_of_late_joiners(testconf_db):
    # private sector + NGO in A: Chidi (joined 13:05, stayed) and Emre (14:00-14:10)
    sel = queries.Selection("testconf", stakeholders=("private_sector", "ngo"))
    a = retention(testconf_db, sel)["Opening plenary"]
    assert a.median_join_delay == pytest.approx(32.5)  # median of 5 and 60
    assert (a.attendees, a.present_after_15, a.present_at_end, a.left_early) == (2, 1, 1, 1)
    b = retention(testconf_db, sel)["Panel on regulation"]
    assert b.attendees == 0 and pd.isna(b.share_after_15) and pd.isna(b.most_left_minute)


def test_leave_times_relative_to_the_scheduled_end(testconf_db):
    sel = queries.Selection("testconf", session_ids=(session_ids(testconf_db)["Opening plenary"],))
    df = queries.run(testconf_db, "leave_times", sel)
    got = [
        (f"{m:%H:%M}", n, d, e)
        for m, n, d, e in zip(
            df["minute"], df["left_count"], df["minutes_from_end"], df["left_early"], strict=True
        )
    ]
    assert got == [
        ("14:10", 1, -80, True),  # Emre
        ("15:00", 1, -30, True),  # Ana
        ("15:30", 2, 0, False),  # panelist, Chidi
        ("15:35", 1, 5, False),  # host
    ]


def test_leave_curve_marks_the_end_and_counts_early_leavers():
    df = pd.DataFrame(
        {
            "minute": pd.to_datetime(["2021-06-21 14:10", "2021-06-21 15:30"]),
            "left_count": [1, 3],
            "left_early": [True, False],
        }
    )
    fig = charts.leave_curve(
        df, "CEST", start=pd.Timestamp("2021-06-21 13:00"), end=pd.Timestamp("2021-06-21 15:30")
    )
    (line,) = fig.data
    assert list(line.y) == [0.0, 25.0, 100.0]  # from the start at 0 %, then 1 of 4, then all
    assert str(line.x[0]).startswith("2021-06-21 13:00")
    texts = [a.text for a in fig.layout.annotations]
    assert "1 left early · 3 at the end" in texts and "Scheduled end 15:30" in texts


def test_curve_has_schedule_markers(testconf_db):
    a = retention(testconf_db)["Opening plenary"]
    sel = queries.Selection("testconf", session_ids=(int(a.session_id),))
    markers = {
        "Start": a.start_local,
        "+15 min": a.start_local + pd.Timedelta(minutes=15),
        "End": a.end_local,
    }
    fig = charts.attendance_curve(
        queries.run(testconf_db, "attendance_curve", sel), "CEST", markers=markers
    )
    texts = [a.text for a in fig.layout.annotations]
    assert {"Start 13:00", "+15 min 13:15", "End 15:30"} <= set(texts)
    assert [str(s.x0)[:16] for s in fig.layout.shapes] == [
        "2021-06-21 13:00",
        "2021-06-21 13:15",
        "2021-06-21 15:30",
    ]


def test_teams_everyone_left_at_the_end(tmp_path):
    # The Teams "Scrum Meeting" sample: 7 people, no programme; all last leaves 09:50:09-09:50:14
    # UTC, the meeting's (observed) end is 09:50:14, the first join 09:30:46 (start 09:29:07).
    con = db.connect(tmp_path / "t.duckdb")
    path = SAMPLES / "teams_meeting_attendance_v2_utf16_14.csv"
    assert ingest.import_file(con, path.read_bytes(), path.name, "scrum", "UTC").status == (
        "imported"
    )
    sel = queries.Selection("scrum")
    leaves = queries.run(con, "leave_times", sel)
    assert list(leaves["left_count"]) == [7] and list(leaves["minutes_from_end"]) == [0]
    assert not leaves["left_early"].any()
    r = queries.run(con, "session_retention", sel).iloc[0]
    assert not r.has_schedule  # an imported session: its span is what was observed
    assert (r.start_local, r.end_local) == (
        datetime(2022, 11, 14, 9, 29, 7),
        datetime(2022, 11, 14, 9, 50, 14),
    )
    assert (r.attendees, r.present_at_end, r.left_early, r.left_at_end) == (7, 7, 0, 7)
    assert r.most_left_count == 7
    # Before: one point at 100 %, nothing drawn. Now a step from 0 % at the start.
    fig = charts.leave_curve(leaves, "UTC", start=r.start_local, end=r.end_local)
    (line,) = fig.data
    assert list(line.y) == [0.0, 100.0]
    assert any(a.text == "0 left early · 7 at the end" for a in fig.layout.annotations)
    con.close()


# ------------------------------------------------------------------ repeat attendance


def test_sessions_per_person(testconf_db):
    df = queries.run(testconf_db, "sessions_per_person", ALL)
    # host and Ana came to both; panelist, Chidi, Emre (A) and Gil (B) to one
    assert list(zip(df["sessions_attended"], df["people"], strict=True)) == [
        ("1", 4),
        ("2", 2),
        ("3+", 0),
    ]
    fig = charts.sessions_per_person_bars(df)
    assert list(fig.data[0].y) == [4, 2, 0] and fig.data[0].text[0] == "4 (67%)"


def test_session_overlap(testconf_db):
    ids = session_ids(testconf_db)
    a, b = ids["Opening plenary"], ids["Panel on regulation"]
    df = queries.run(testconf_db, "session_overlap", ALL)
    got = {(r.session_a, r.session_b): r.shared for r in df.itertuples()}
    assert got == {(a, a): 5, (a, b): 2, (b, a): 2, (b, b): 3}  # host and Ana came to both
    fig = charts.overlap_heatmap(df, {a: "Mon 21 Jun · Opening plenary", b: "Tue 22 Jun · Panel"})
    assert [list(row) for row in fig.data[0].text] == [["5", "2"], ["2", "3"]]
    # colour: share of the row's session: 2 of A's 5, 2 of B's 3; the scale ends at 2/3
    assert [list(row) for row in fig.data[0].z] == [[1.0, 0.4], [pytest.approx(2 / 3), 1.0]]
    assert fig.data[0].zmax == pytest.approx(2 / 3)
    assert fig.data[0].x == ("1. Mon 21 Jun · Opening plenary", "2. Tue 22 Jun · Panel")


def test_day_cohorts(testconf_db):
    df = queries.run(testconf_db, "day_cohorts", ALL)
    rows = [
        (r.first_day.date(), r.day.date(), r.days_after, r.people, r.cohort_size)
        for r in df.itertuples()
    ]
    june21, june22 = date(2021, 6, 21), date(2021, 6, 22)
    assert rows == [
        (june21, june21, 0, 5, 5),  # host, panelist, Ana, Chidi, Emre
        (june21, june22, 1, 2, 5),  # host and Ana came back
        (june22, june22, 0, 1, 1),  # Gil
    ]
    fig = charts.cohort_heatmap(df)
    assert [list(row) for row in fig.data[0].text] == [["5 (100%)", "2 (40%)"], ["1 (100%)", ""]]
    assert fig.data[0].y == ("Mon 21 Jun (5)", "Tue 22 Jun (1)")


FOLLOWUP = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Ana Silva,ana.silva@health.gov.example,09/14/2021 01:00:00 PM,09/14/2021 02:00:00 PM,60,No\n"
    "Gil Costa, GIL.Costa@univ.example.pt ,09/14/2021 01:05:00 PM,09/14/2021 01:50:00 PM,45,No\n"
    "Nora New,nora@new.example,09/14/2021 01:00:00 PM,09/14/2021 02:00:00 PM,60,No\n"
    "Chidi Okafor,,09/14/2021 01:00:00 PM,09/14/2021 02:00:00 PM,60,No\n"
)


def test_people_who_return_across_events(testconf_db):
    # A later event (14 Sep 2021): Ana and Gil (same e-mails, Gil's in another case with
    # spaces) attended the Test Conference; Nora is new; Chidi gave no e-mail, so his key is
    # his name within that session and he is never matched across events.
    result = ingest.import_file(
        testconf_db, FOLLOWUP.encode(), "followup.csv", "followup", "Europe/Zurich"
    )
    assert result.status == "imported"
    df = queries.run(testconf_db, "returning_people", queries.Selection("followup"))
    total = df[df["earlier_event_id"].isna()].iloc[0]
    assert (total.people, total.attendees) == (2, 4)
    assert pd.isna(total.earlier_event) and pd.isna(total.earlier_start)  # no event's name
    per_event = df[df["earlier_event_id"].notna()]
    assert list(zip(per_event["earlier_event_id"], per_event["people"], strict=True)) == [
        ("testconf", 2)
    ]
    # seen from the Test Conference, the follow-up is later: nobody "returns"
    back = queries.run(testconf_db, "returning_people", ALL)
    assert list(back["people"]) == [0] and list(back["attendees"]) == [6]


# ------------------------------------------------------------------ the Sessions page


def sessions_page(db_path, event_id, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(db_path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["event"] = event_id
    at.run()
    at = at.switch_page("pages/sessions.py").run()
    assert not at.exception, at.exception
    st.cache_resource.clear()
    return at


def metric(at, label):
    found = [m for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} among {[m.label for m in at.metric]}"
    return found[0]


def page_shows_sections(at, con, event_id):
    """The page's retention and repeat-attendance figures are the queries' (first session)."""
    sel = queries.Selection(event_id)
    first = queries.run(con, "sessions_overview", sel).iloc[0]
    r = queries.run(con, "session_retention", sel)
    r = r[r["session_id"] == first.session_id].iloc[0]
    headings = [m.value for m in at.markdown]
    assert "#### Retention against the schedule" in headings
    assert "#### Repeat attendance" in headings
    assert metric(at, "Present at start + 15 min").value == f"{r.share_after_15 * 100:.1f} %"
    assert metric(at, "Present at the end").value == f"{r.share_at_end * 100:.1f} %"
    assert metric(at, "Left early").value == f"{int(r.left_early):,}"
    assert metric(at, "Median join delay").value == f"{r.median_join_delay:,.0f} min"
    keys = {c.proto.id for c in at.get("plotly_chart")}
    # per-session bars (click to filter), curve, minutes, leaves, 1-2-3+, cohorts, both
    assert len(at.get("plotly_chart")) == 7, keys
    returning = queries.run(con, "returning_people", sel)
    total = returning[returning["earlier_event_id"].isna()].iloc[0]
    assert metric(at, "Came back from an earlier event").value == f"{int(total.people):,}"
    return r


def test_sessions_page_demo(demo_db, monkeypatch):
    at = sessions_page(demo_db, "wlpf2021", monkeypatch)
    con = db.connect(demo_db)
    try:
        r = page_shows_sections(at, con, "wlpf2021")
    finally:
        con.close()
    assert r.has_schedule and r.attendees > 0
    assert not any("no programme schedule" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "sample", ["zoom_webinar_attendee_2.csv", "teams_meeting_attendance_v2_utf16_14.csv"]
)
def test_sessions_page_samples(sample, tmp_path, monkeypatch):
    path = tmp_path / "s.duckdb"
    con = db.connect(path)
    data = (SAMPLES / sample).read_bytes()
    assert ingest.import_file(con, data, sample, "sample", "UTC").status == "imported"
    con.close()
    at = sessions_page(path, "sample", monkeypatch)
    con = db.connect(path)
    try:
        r = page_shows_sections(at, con, "sample")
    finally:
        con.close()
    assert not r.has_schedule and r.attendees in (142, 7)
    assert any("no programme schedule" in c.value for c in at.caption)


# ------------------------------------------------------------------ the demo's own truth


def test_demo_matches_the_simulation(demo_db):
    # engagement.demo.expected counts from the simulated people, never from files or database
    from engagement import demo

    truth = demo.figures()
    con = db.connect(demo_db, read_only=True)
    try:
        sel = queries.Selection(demo.EVENT_ID)
        numbers = {
            int(sid): n
            for n, sid in enumerate(queries.run(con, "sessions_overview", sel)["session_id"], 1)
        }
        df = queries.run(con, "session_retention", sel)
        got = {
            numbers[int(r.session_id)]: {
                "present_after_15": int(r.present_after_15),
                "median_join_delay": pytest.approx(float(r.median_join_delay)),
            }
            for r in df.itertuples()
        }
        assert got == truth["session_retention"]
        df = queries.run(con, "sessions_per_person", sel)
        bands = dict(zip(df["sessions_attended"], df["people"].astype(int), strict=True))
        assert bands == truth["sessions_per_person"]
        df = queries.run(con, "session_overlap", sel)
        overlap = {
            (numbers[int(r.session_a)], numbers[int(r.session_b)]): int(r.shared)
            for r in df.itertuples()
        }
        assert overlap == truth["session_overlap"]
    finally:
        con.close()


def test_sessions_page_with_nobody_in_the_selection(tmp_path, monkeypatch):
    # the Teams sample's people have no stakeholder type: "government" selects nobody
    import streamlit as st

    path = tmp_path / "s.duckdb"
    con = db.connect(path)
    sample = "teams_meeting_attendance_v2_utf16_14.csv"
    data = (SAMPLES / sample).read_bytes()
    assert ingest.import_file(con, data, sample, "sample", "UTC").status == "imported"
    con.close()
    monkeypatch.setenv("ENGAGEMENT_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["event"] = "sample"
    at.session_state["type"] = ["government"]
    at.run()
    at = at.switch_page("pages/sessions.py").run()
    st.cache_resource.clear()
    assert not at.exception, at.exception
    assert metric(at, "Attendees").value == "0"
    assert metric(at, "Left early").value == "0"
    assert metric(at, "Came back from an earlier event").value == "0"


def test_most_left_sentence(testconf_db):
    from engagement import metrics

    sel = queries.Selection("testconf", session_ids=(session_ids(testconf_db)["Opening plenary"],))
    df = queries.run(testconf_db, "leave_times", sel)
    assert metrics.most_left_sentence(df) == (
        "Most people left at 15:30 (2, at the end), 14:10 (1, 80 min before the end), "
        "15:00 (1, 30 min before the end)."
    )
    assert metrics.most_left_sentence(df.iloc[0:0]).startswith("Nobody left")
