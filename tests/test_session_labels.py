"""Session labels unique and meaningful everywhere (issue 9 item 2) and time-zone labels from
each session's own date (item 10): the pure functions, then the Sessions page in AppTest on a
real database where one webinar's two files were kept apart (two same-title sessions on one
day) and a Europe/Zurich event has a session in summer time and one in winter time."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from conftest import SAMPLES, import_path
from streamlit.testing.v1 import AppTest

from engagement import db, ingest, queries
from engagement.labels import session_labels, zone_label
from engagement.text import md_escape

APP = str(db.ROOT / "dashboard.py")
TITLE = "A 30-Day Path to Becoming an AI Business Strategist Businesses Actually Pay For"


def test_same_title_same_day_told_apart_by_meeting_id_and_time():
    day = pd.Timestamp("2026-04-01")
    sessions = pd.DataFrame(
        {
            "session_id": [7, 8, 9],
            "day": [day, day, day],
            "title": ["Clinic", "Clinic", "Opening"],
            "start_local": [
                pd.Timestamp("2026-04-01 09:00"),
                pd.Timestamp("2026-04-01 14:30"),
                pd.Timestamp("2026-04-01 08:00"),
            ],
            "external_id": ["83478664154", "91234567890", None],
            "session_code": [None, None, None],
        }
    )
    assert session_labels(sessions) == {
        7: "Wed 01 Apr 09:00 · Clinic · ID 834 7866 4154",
        8: "Wed 01 Apr 14:30 · Clinic · ID 912 3456 7890",
        9: "Wed 01 Apr 08:00 · Opening",
    }


def test_shared_meeting_id_falls_back_to_the_session_code():
    day = pd.Timestamp("2026-04-01")
    sessions = pd.DataFrame(
        {
            "session_id": [7, 8],
            "day": [day, day],
            "title": ["Clinic", "Clinic"],
            "start_local": [pd.Timestamp("2026-04-01 09:00"), None],
            "external_id": ["83478664154", "83478664154"],
            "session_code": ["C1", None],
        }
    )
    assert session_labels(sessions) == {
        7: "Wed 01 Apr 09:00 · Clinic · C1",
        8: "Wed 01 Apr · Clinic · #8",
    }


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (["2021-04-13"], "CEST, Europe/Zurich"),
        (["2022-02-18"], "CET, Europe/Zurich"),
        (["2022-02-18", "2021-04-13"], "CET/CEST, Europe/Zurich"),
        # The day clocks go forward (28 Mar 2021): noon is summer time.
        (["2021-03-28"], "CEST, Europe/Zurich"),
        ([], "Europe/Zurich"),
    ],
)
def test_zone_label_from_the_sessions_own_days(days, label):
    assert zone_label("Europe/Zurich", [pd.Timestamp(d) for d in days]) == label


def test_zone_without_abbreviation_is_named():
    assert zone_label("UTC", [pd.Timestamp("2021-01-01")]) == "UTC"
    assert zone_label("America/Sao_Paulo", [pd.Timestamp("2021-01-01")]) == "America/Sao_Paulo"


@pytest.fixture(scope="module")
def two_of_one_webinar_template(tmp_path_factory):
    """Zoom attendee report, its registration report kept apart as a new session (the issue's
    two same-title copies), and two Teams meetings: April 2021 (CEST), February 2022 (CET).
    Imported once for this module; each test gets a copy (two_of_one_webinar)."""
    path = tmp_path_factory.mktemp("labels") / "labels.duckdb"
    con = db.connect(path)
    con.execute(
        "insert into events values ('zz', 'Zurich event', 'Europe/Zurich', '2099-01-01', null, "
        "'virtual', false)"
    )
    assert import_path(con, SAMPLES / "zoom_webinar_attendee_2.csv", "zz").status == "imported"
    prep = ingest.prepare(
        con, ingest.ImportRequest.from_path(SAMPLES / "zoom_webinar_registration_1.csv", "zz")
    )
    assert ingest.commit(con, prep, session_id=ingest.NEW_SESSION).status == "imported"
    for name in (
        "teams_meeting_attendance_v1a_fr_utf16le_1.csv",
        "teams_meeting_attendance_v1b_utf16le_1.csv",
    ):
        assert import_path(con, SAMPLES / name, "zz").status == "imported"
    con.execute("checkpoint")  # all in the file itself: a copy of the file is the database
    con.close()
    return path


@pytest.fixture
def two_of_one_webinar(two_of_one_webinar_template, tmp_path):
    path = tmp_path / "labels.duckdb"
    shutil.copy(two_of_one_webinar_template, path)
    return path


def _sessions_page(path, monkeypatch, session_label=None) -> AppTest:
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["event"] = "Zurich event"
    if session_label:
        at.query_params["view_session"] = session_label
    at.run()
    at = at.switch_page("pages/sessions.py").run()
    assert not at.exception, at.exception
    return at


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_sessions_picker_opens_each_same_title_session(two_of_one_webinar, monkeypatch):
    con = db.connect(two_of_one_webinar)
    listed = queries.run(con, "sessions_list", event_id="zz")
    con.close()
    labels = session_labels(listed)
    zoom = listed[listed["title"] == TITLE]
    assert len(zoom) == 2
    first, second = (labels[int(s)] for s in zoom["session_id"])
    # 14:38 Zurich: the attendee report's actual start; the registration-only copy has none.
    assert first == f"Wed 01 Apr 14:38 · {TITLE} · #{int(zoom['session_id'].iloc[0])}"
    assert second == f"Wed 01 Apr · {TITLE} · #{int(zoom['session_id'].iloc[1])}"
    at = _sessions_page(two_of_one_webinar, monkeypatch, first)
    assert at.selectbox(key="view_session").value == int(zoom["session_id"].iloc[0])
    assert (_metric(at, "Registrants"), _metric(at, "Attendees")) == ("944", "142")
    assert "#### Zoom says / we count" in [m.value for m in at.markdown]
    said = md_escape("Unique viewers: Zoom says 144, we count 142")  # shown escaped: plain text
    assert any(c.value.startswith(said) for c in at.caption)
    at = _sessions_page(two_of_one_webinar, monkeypatch, second)
    assert at.selectbox(key="view_session").value == int(zoom["session_id"].iloc[1])
    assert (_metric(at, "Registrants"), _metric(at, "Attendees")) == ("944", "0")


def _axis_titles(at) -> list[str]:
    import json

    titles = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        # Charts without an x-axis title (the repeat-attendance heatmaps) name no time.
        title = spec["layout"].get("xaxis", {}).get("title", {}).get("text")
        if title:
            titles.append(title)
    return titles


def test_curve_times_labelled_with_the_sessions_own_zone(two_of_one_webinar, monkeypatch):
    con = db.connect(two_of_one_webinar)
    listed = queries.run(con, "sessions_list", event_id="zz")
    con.close()
    labels = session_labels(listed)
    by_day = {str(r.day.date()): labels[int(r.session_id)] for r in listed.itertuples()}
    summer = _sessions_page(two_of_one_webinar, monkeypatch, by_day["2021-04-13"])
    assert "Time (CEST, Europe/Zurich)" in _axis_titles(summer)
    winter = _sessions_page(two_of_one_webinar, monkeypatch, by_day["2022-02-18"])
    titles = _axis_titles(winter)
    assert "Time (CET, Europe/Zurich)" in titles
    assert not any("CEST" in t for t in titles)


def test_attendance_list_times_say_the_zone_of_the_chosen_sessions(two_of_one_webinar, monkeypatch):
    import json

    import streamlit as st

    con = db.connect(two_of_one_webinar)
    listed = queries.run(con, "sessions_list", event_id="zz")
    con.close()
    labels = session_labels(listed)
    winter = next(labels[int(r.session_id)] for r in listed.itertuples() if r.day.month == 2)

    def headers(params: dict) -> str:
        monkeypatch.setenv("ENGAGEMENT_DB", str(two_of_one_webinar))
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in {"event": "Zurich event", **params}.items():
            at.query_params[key] = value
        at.run()
        at = at.switch_page("pages/attendance_list.py").run()
        assert not at.exception, at.exception
        return json.dumps([json.loads(d.proto.columns) for d in at.dataframe])

    # All sessions: April 2021 and 2026 (summer) and February 2022 (winter) -> both.
    assert "First joined (CET/CEST, Europe/Zurich)" in headers({})
    one = headers({"session": winter})
    assert "First joined (CET, Europe/Zurich)" in one and "CEST" not in one
