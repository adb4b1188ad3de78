"""The platform's own figures beside ours (issue 9 item 5), on the real samples imported by the
real import code, with exact figures counted by hand from the files:

zoom_webinar_attendee_2.csv: the Attendee Details section holds 144 different e-mails (144
"Yes" rows with a Registration Time, 126 continuation rows of the same people); 5 rows' names
are note-taker bots (Otter.ai x4 people, Fireflies x1), and 4 of those e-mails appear only as a
bot (bergljot.schlosser.121's Otter also has its owner's own rows). Host Details: 1 person in 2
rows, Panelist Details: 1 person in 1 row. 2 + 1 + 270 = 273 rows = Zoom's Total Users.
teams_meeting_attendance_v1a_fr_utf16le_1.csv: 7 rows, exemple3 joins twice: 6 people.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import SAMPLES, import_path

from engagement import db, ingest, platform_figures, queries

ZOOM = SAMPLES / "zoom_webinar_attendee_2.csv"
ZOOM_REG = SAMPLES / "zoom_webinar_registration_1.csv"


def _event(con, event_id="ev", tz="UTC"):
    con.execute(
        "insert into events values ($ev, 'Event', $tz, null, null, 'virtual', false)",
        {"ev": event_id, "tz": tz},
    )


def _sid(con) -> int:
    return con.execute("select session_id from sessions where event_id = 'ev'").fetchall()[0][0]


def _figures(con, event_id, session_id):
    stated = queries.run(con, "platform_figures", event_id=event_id, session_id=session_id)
    counts = queries.run(con, "platform_differences", event_id=event_id, session_id=session_id)
    return stated, counts.iloc[0].to_dict()


@pytest.fixture
def zoom_db(empty_db):
    _event(empty_db)
    for path in (ZOOM, ZOOM_REG):
        assert import_path(empty_db, path, "ev").status == "imported"
    return empty_db


def test_zoom_header_figures_are_stored_as_stated(zoom_db):
    sid = zoom_db.execute("select session_id from sessions where event_id = 'ev'").fetchall()
    assert len(sid) == 1
    stated, _ = _figures(zoom_db, "ev", sid[0][0])
    said = dict(zip(stated["figure"], stated["value"], strict=True))
    assert said["unique_viewers"] == 144
    assert said["total_users"] == 273
    assert said["max_concurrent"] == 111
    assert said["registrants"] == 944
    assert said["cancelled"] == 4
    assert said["duration_minutes"] == 209
    start = stated.loc[stated["figure"] == "actual_start", "value_local"].iloc[0]
    assert start == pd.Timestamp("2026-04-01 14:38")
    assert set(stated["platform"]) == {"Zoom"}


def test_zoom_differences_counted_on_the_rows(zoom_db):
    sid = _sid(zoom_db)
    stated, d = _figures(zoom_db, "ev", sid)
    assert d["attendees"] == 142
    assert d["registrants"] == 944
    assert d["joins"] == 273
    assert d["attendee_role_people"] == 144  # = Zoom's Unique Viewers
    assert d["bot_only_people"] == 4
    assert d["staff_only_people"] == 2  # host and panelist
    assert 144 - 4 + 2 == d["attendees"]
    # Max concurrent: Zoom's rule reproduces 111; people once 104; no bots 100; +staff 102.
    assert d["peak_zoom_rule"] == 111
    assert d["peak_people"] == 104
    assert d["peak_no_bots"] == 100
    assert d["peak_with_staff"] == 102
    assert d["peak_ours"] == 102
    # Our peak is the Sessions page's (sessions_overview, no filter).
    overview = queries.run(zoom_db, "sessions_overview", queries.Selection("ev"))
    assert int(overview["peak_concurrent"].iloc[0]) == 102
    assert int(overview["attendees"].iloc[0]) == 142
    lines = platform_figures.explanations(stated, d)
    assert lines[0] == (
        "Unique viewers: Zoom says 144, we count 142: the file's attendee rows hold 144 "
        "people; 4 of them are note-taker bots only, which we never count; we add the host "
        "and panelists (2), whom Zoom leaves out."
    )
    assert lines[1].startswith("Total users: Zoom says 273, the file's join rows")
    assert lines[2] == (
        "Max concurrent: Zoom says 111, our peak is 102. Counted as Zoom does (connections of "
        "attendees: a second device and note-taker bots count, host and panelists do not) the "
        "file's rows give 111 too; each person once (not each connection): 104; without "
        "note-taker bots: 100; with the host and panelists: 102."
    )
    table = platform_figures.comparison(stated, d)
    assert list(table.columns) == ["Figure", "Zoom says", "We count"]
    rows = {r[0]: (r[1], r[2]) for r in table.itertuples(index=False)}
    assert rows["Unique viewers"] == ("144", "142 attendees")
    assert rows["Max concurrent views"] == ("111", "102 peak")
    assert rows["Total users (joins)"] == ("273", "273 join rows")
    assert rows["Actual start"] == ("01 Apr 2026 14:38", "01 Apr 2026 14:38 first join")


@pytest.mark.parametrize(
    ("sample", "said", "ours", "joins", "sentence"),
    [
        (
            "teams_meeting_attendance_v1a_fr_utf16le_1.csv",
            7,
            6,
            7,
            "Participants: Teams says 7, we count 6: Teams counts every join (7 rows: a rejoin "
            "or second device counts again), we count each of the 6 people once.",
        ),
        (
            "teams_meeting_attendance_v1b_utf16le_3.csv",
            22,
            22,
            25,
            "Participants: Teams says 22, we count 22: the same people.",
        ),
        (
            "teams_meeting_attendance_v1b_utf16le_1.csv",
            291,
            3,
            4,
            "Participants: Teams says 291, we count 3: the file lists only 3 people in 4 join "
            "rows; for the other 288, they are not in the list (cut short or edited), so only "
            "its rows can be counted.",
        ),
    ],
)
def test_teams_summary_beside_ours(empty_db, sample, said, ours, joins, sentence):
    _event(empty_db, tz="Europe/Zurich")
    assert import_path(empty_db, SAMPLES / sample, "ev").status == "imported"
    sid = _sid(empty_db)
    stated, d = _figures(empty_db, "ev", sid)
    assert stated.loc[stated["figure"] == "participants", "value"].iloc[0] == said
    assert (d["attendees"], d["joins"]) == (ours, joins)
    assert platform_figures.explanations(stated, d) == [sentence]
    assert set(stated["figure"]) >= {"participants", "actual_start", "actual_end"}


def test_teams_start_end_in_event_clock(empty_db):
    _event(empty_db, tz="Europe/Zurich")
    import_path(empty_db, SAMPLES / "teams_meeting_attendance_v1a_fr_utf16le_1.csv", "ev")
    stored = empty_db.execute(
        "select figure, value_utc from platform_figures order by figure"
    ).fetchall()
    # 13/04/2021 09:01:31 and 14:03:31 Zurich summer time (UTC+2).
    assert stored == [
        ("actual_end", pd.Timestamp("2021-04-13 12:03:31").to_pydatetime()),
        ("actual_start", pd.Timestamp("2021-04-13 07:01:31").to_pydatetime()),
        ("participants", None),
    ]
    stated, _ = _figures(empty_db, "ev", _sid(empty_db))
    local = dict(zip(stated["figure"], stated["value_local"], strict=True))
    assert local["actual_start"] == pd.Timestamp("2021-04-13 09:01:31")


def test_figures_go_with_their_import(zoom_db):
    ids = [r[0] for r in zoom_db.execute("select import_id from imports order by 1").fetchall()]
    # 9 of the pair's figures + the registration report's scheduled start and length
    assert zoom_db.execute("select count(*) from platform_figures").fetchall()[0][0] == 11
    assert ingest.remove_import(zoom_db, ids[0])
    left = zoom_db.execute("select distinct import_id from platform_figures").fetchall()
    assert left == [(ids[1],)]
    assert ingest.remove_import(zoom_db, ids[1])
    assert zoom_db.execute("select count(*) from platform_figures").fetchall()[0][0] == 0


def test_schema_has_platform_figures(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    try:
        assert db.schema_version(con) >= 5
        cols = [r[0] for r in con.execute("describe platform_figures").fetchall()]
        assert cols == ["import_id", "figure", "label", "value", "value_utc"]
    finally:
        con.close()


def test_demo_day_one_beside_zoom(demo_db):
    """The synthetic demo's day-1 Attendee Report states what its generator counted (Zoom's
    rules); every difference is explained by the rows."""
    con = db.connect(demo_db, read_only=True)
    try:
        stated, d = _figures(con, "wlpf2021", 1)
    finally:
        con.close()
    said = dict(zip(stated["figure"], stated["value"], strict=True))
    assert (said["unique_viewers"], d["attendees"]) == (1493, 1497)
    assert (d["attendee_role_people"], d["bot_only_people"], d["staff_only_people"]) == (1493, 3, 7)
    assert (said["max_concurrent"], d["peak_zoom_rule"], d["peak_ours"]) == (1052, 1052, 1050)
    assert (said["registrants"], d["registrants"], d["denied_rows"]) == (2394, 2393, 1)
    lines = platform_figures.explanations(stated, d)
    assert lines[1] == (
        "Registrants: Zoom says 2,394, we count 2,393: Zoom counts 1 denied registration(s) too; "
        "we count approved and pending ones."
    )
