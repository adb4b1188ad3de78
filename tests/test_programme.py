"""Editing the programme: sessions change in place, imports stay attached, bad edits refused."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import SAMPLES, import_path

from engagement import db, programme, queries


def test_edit_session_keeps_attendance(testconf_db):
    table = programme.current(testconf_db, "testconf")
    assert list(table["start_local"]) == ["13:00", "13:00"]
    edited = table.copy()
    edited.loc[0, "title"] = "Opening plenary (renamed)"
    edited.loc[0, "start_local"] = "12:45"
    programme.save(testconf_db, "testconf", "Europe/Zurich", edited, write_file=False)
    sessions = queries.run(testconf_db, "sessions_list", event_id="testconf")
    first = sessions.iloc[0]
    assert first.title == "Opening plenary (renamed)"
    assert first.start_local == datetime(2021, 6, 21, 12, 45)
    overview = queries.run(testconf_db, "sessions_overview", queries.Selection("testconf"))
    assert list(overview["attendees"]) == [5, 3]  # attendance stays with the session


def test_bad_edit_is_refused_and_changes_nothing(testconf_db):
    table = programme.current(testconf_db, "testconf")
    edited = table.copy()
    edited.loc[1, "kind"] = "keynote"
    edited.loc[1, "end_local"] = "half past three"
    with pytest.raises(ValueError, match="Row 2: kind must be one of"):
        programme.save(testconf_db, "testconf", "Europe/Zurich", edited, write_file=False)
    assert programme.current(testconf_db, "testconf").equals(table)


def test_teams_meeting_id_typed_in_the_programme_matches_the_import(empty_db, tmp_path):
    # The Teams report prints the GUID lower-case with hyphens; an organizer pastes it in
    # capitals. Both must reach the same session (not the time match: the programme starts
    # an hour away from the meeting, beyond the time window).
    empty_db.execute(
        "insert into events values ('tech', 'Tech Centers', 'Europe/Berlin', "
        "'2022-02-18', '2022-02-18', 'virtual', false)"
    )
    plan = tmp_path / "programme.csv"
    plan.write_text(
        "event_id,session_code,title,kind,day,start_local,end_local,external_id\n"
        "tech,T1,Tech Centers,other,2022-02-18,09:00,10:00,"
        "526E86AF-C841-4AC8-906D-D9BE3158549F\n"
    )
    db.load_programme(empty_db, "tech", "Europe/Berlin", plan)
    result = import_path(empty_db, SAMPLES / "teams_meeting_attendance_v1b_utf16le_1.csv", "tech")
    assert result.status == "imported", result
    assert [s["match"] for s in result.sessions] == ["external_id"]
    assert (
        empty_db.execute("select count(*) from sessions where event_id = 'tech'").fetchone()[0] == 1
    )
