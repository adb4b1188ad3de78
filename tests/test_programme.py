"""Editing the programme: sessions change in place, imports stay attached, bad edits refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from engagement import programme, queries


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
