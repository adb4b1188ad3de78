"""The Data page in the organizer's words (issue 9, items 3 and 4): a new event named, zoned and
dated when its files are uploaded; previews and results with the product's figure names and
the file's own words, never the engine's column names or codes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

from engagement import db, ingest
from engagement.ingest import preview

SAMPLES = db.ROOT / "tests" / "samples"
REG, ATT = "zoom_webinar_registration_1.csv", "zoom_webinar_attendee_2.csv"
TOPIC = "A 30-Day Path to Becoming an AI Business Strategist Businesses Actually Pay For"
# What the engine calls things; none may reach the organizer's screen.
INTERNAL = re.compile(
    r"\b(join_at|leave_at|join_utc|country_raw|org_type_raw|status_raw|gender_raw|is_bot|"
    r"is_guest|minutes_reported|person_key|external_id|event-level|matched by|"
    r"zoom_webinar_\w+|teams_attendance|rows_read|rows_rejected)\b"
)


@pytest.fixture
def empty_file(tmp_path, monkeypatch):
    import streamlit as st

    path = tmp_path / "data_page.duckdb"
    db.connect(path).close()
    monkeypatch.setenv("ENGAGEMENT_DB", str(path))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_resource.clear()


def data_page() -> AppTest:
    at = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=120).run()
    at.switch_page("pages/data.py").run()
    assert not at.exception, at.exception
    return at


def screen_text(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("text", "markdown", "caption", "info", "error", "success")
        for e in getattr(at, kind)
    ]
    parts += [str(sb.label) for sb in at.selectbox] + [str(sb.value) for sb in at.selectbox]
    # The history's and the programme editor's headings come from their column_config (drawn
    # by the browser); their cells count.
    for frame in (f.value for f in at.dataframe):
        if not {"session_code", "import_id"} & set(frame.columns):
            parts.append(" ".join(map(str, frame.columns)))
        parts.append(frame.head(20).to_csv(index=False, header=False))
    text = "\n".join(map(str, parts))
    return text.replace(ATT, "the attendee file").replace(REG, "the registration file")


def test_new_event_asked_from_the_files_and_the_pair_is_one_session(empty_file):
    at = data_page()
    uploads = [(n, (SAMPLES / n).read_bytes(), "text/csv") for n in (ATT, REG)]
    at.file_uploader(key="uploads").set_value(uploads).run()
    assert not at.exception, at.exception
    name = next(t for t in at.text_input if t.label == "New event's name")
    zone = next(s for s in at.selectbox if s.label.startswith("Its time zone"))
    first, last = (
        next(d for d in at.date_input if d.label == w) for w in ("First day", "Last day")
    )
    # Offered from the files: the webinar's topic, no zone named in them (UTC), its day.
    assert (name.value, zone.value) == (TOPIC, "UTC")
    assert first.value == last.value == dt.date(2026, 4, 1)
    name.set_value("WLPF side events 2026").run()
    zone.set_value("Europe/Zurich").run()
    last.set_value(dt.date(2026, 4, 3)).run()
    shown = screen_text(at)
    assert "Created as event wlpf-side-events-2026 with the first import." in shown
    assert "Zoom webinar attendee report (utf-8-sig): 1,077 rows · " in shown
    assert "Registrants 944 · Attendees 142 · 273 attendance segments (one per join)" in shown
    assert f"Creates a new session: {TOPIC}, Wed 01 Apr 2026." in shown
    assert "Registrations for the whole event" not in shown
    assert not INTERNAL.search(shown), INTERNAL.search(shown)
    at.button[0].click().run()  # Import
    assert not at.exception, at.exception
    done = [s.value.replace("\\", "") for s in at.success]  # as read, markdown escapes off
    assert any(
        f"{ATT}: imported (Zoom webinar attendee report): 944 registrants, 142 "
        "attendees, 273 segments, 0 rows not read." in s
        for s in done
    ), done
    assert not INTERNAL.search(screen_text(at))
    con = db.connect(empty_file)  # the page's cached connection is open: same settings
    try:
        event = con.execute(
            "select event_id, name, timezone, start_date, end_date from events where not is_demo"
        ).fetchall()
        sessions = con.execute(
            "select count(*) from sessions where event_id = 'wlpf-side-events-2026'"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert event == [
        (
            "wlpf-side-events-2026",
            "WLPF side events 2026",
            "Europe/Zurich",
            dt.date(2026, 4, 1),
            dt.date(2026, 4, 3),
        )
    ]
    assert sessions == 1


def test_preview_of_a_registration_report_in_plain_words(empty_db):
    draft = ingest.EventDraft("Side events", "UTC")
    prep = ingest.prepare(empty_db, ingest.ImportRequest.from_path(SAMPLES / REG, new_event=draft))
    table = preview.preview_table(prep)
    assert list(table.columns)[:3] == ["Line in the file", "Name", "E-mail"]
    assert "Registered" in table.columns and "Registration status" in table.columns
    assert not any(INTERNAL.search(c) or "_" in c for c in table.columns)
    assert len(table) == 20
    assert prep.event_id == "side-events" and prep.event_name == "Side events"


def test_adds_to_a_session_says_why(empty_db):
    ingest.import_file(empty_db, ingest.ImportRequest.from_path(SAMPLES / REG, "ev", "UTC"))
    prep = ingest.prepare(empty_db, ingest.ImportRequest.from_path(SAMPLES / ATT, "ev"))
    sid = prep.match.session_id
    sentence = preview.match_sentence(prep, {sid: "Wed 01 Apr · A 30-Day Path"})
    assert sentence == ("Adds to session Wed 01 Apr · A 30-Day Path: same webinar ID 83478664154.")
