"""Links in the app run (AppTest, no browser): values a link asks for that the data does not have
are named in a note, the rest of the view is shown; session labels (URL values) are unique."""

from __future__ import annotations

from datetime import date

import pandas as pd
from streamlit.testing.v1 import AppTest

from engagement import db, ui

APP = str(db.ROOT / "dashboard.py")


def run_with(demo_db, monkeypatch, params: dict) -> AppTest:
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(demo_db))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_unknown_values_are_named_and_dropped(demo_db, monkeypatch):
    at = run_with(
        demo_db,
        monkeypatch,
        {"region": ["Atlantis", "African Region"], "day": "Sat 26 Jun 2021", "event": "Gone"},
    )
    notes = [w.value for w in at.warning]
    assert (
        "The link asked for region `Atlantis`, which no longer exists; showing the others." in notes
    )
    assert (
        "The link asked for day `Sat 26 Jun 2021`, which no longer exists; showing all days."
        in (notes)
    )
    assert "The link asked for event `Gone`, which no longer exists; showing the first event." in (
        notes
    )
    assert len(notes) == 3
    assert at.session_state["region"] == ["AFR"]
    assert at.session_state["day"] == []
    assert [t.value for t in at.title] == ["Overview"]


def test_a_session_on_another_day_is_called_so(demo_db, monkeypatch):
    at = run_with(
        demo_db,
        monkeypatch,
        {
            "day": "Tue 22 Jun 2021",
            "session": "Mon 21 Jun 13:00 · Opening high-level plenary: local production and "
            "technology transfer to improve access to medicines and other health technologies",
        },
    )
    notes = [w.value for w in at.warning]
    assert len(notes) == 1
    assert "which is not on the chosen days; showing all sessions." in notes[0]
    assert at.session_state["day"] == [date(2021, 6, 22)]


def test_no_note_for_a_valid_link(demo_db, monkeypatch):
    at = run_with(demo_db, monkeypatch, {"region": "African Region", "basis": "Registrants"})
    assert not at.warning
    assert at.session_state["basis"] == "registrants"


def test_session_labels_are_unique():
    day = pd.Timestamp("2021-06-21")
    sessions = pd.DataFrame(
        {"session_id": [1, 2, 3], "day": [day, day, day], "title": ["Panel", "Panel", "Q&A"]}
    )
    assert ui.session_labels(sessions) == {
        1: "Mon 21 Jun · Panel · #1",
        2: "Mon 21 Jun · Panel · #2",
        3: "Mon 21 Jun · Q&A",
    }


def test_link_text_stays_in_one_code_span(demo_db, monkeypatch):
    at = run_with(demo_db, monkeypatch, {"type": "x`\n\n![img](http://x.example/a.png)"})
    notes = [w.value for w in at.warning]
    assert notes == [
        "The link asked for stakeholder type `x ![img](http://x.example/a.png)`, which no "
        "longer exists; showing all types."
    ]
