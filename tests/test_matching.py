"""One session-matching path for every door: a Zoom webinar's registration and attendee reports
land in one session whether they are imported one at a time (the command line) or prepared
together before either is committed (a Data page batch), in either order.

Figures of the pair (counted by hand in tests/test_ingest.py): 944 registrants (948 rows, 4
"cancelled by self"), 142 attendees, webinar 834 7866 4154 on 2026-04-01.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engagement import cli, db, ingest, queries

SAMPLES = Path(__file__).resolve().parent / "samples"
EVENT = "matching"
REGISTRATION = "zoom_webinar_registration_1.csv"
ATTENDEE = "zoom_webinar_attendee_2.csv"
ORDERS = {
    "registration first": [REGISTRATION, ATTENDEE],
    "attendee first": [ATTENDEE, REGISTRATION],
}


def request(name: str) -> ingest.ImportRequest:
    return ingest.ImportRequest.from_path(SAMPLES / name, EVENT, "UTC")


@pytest.fixture
def con(tmp_path):
    con = db.connect(tmp_path / "matching.duckdb")
    yield con
    con.close()


def overview(con) -> list[tuple]:
    df = queries.run(con, "sessions_overview", queries.Selection(EVENT))
    return [
        (str(r.day)[:10], r.title, int(r.registrants), int(r.attendees)) for r in df.itertuples()
    ]


def external_ids(con) -> list[tuple]:
    return con.execute(
        "select external_id, day::varchar from sessions where event_id = $ev",
        {"ev": EVENT},
    ).fetchall()


ONE_SESSION = [("83478664154", "2026-04-01")]


@pytest.mark.parametrize("order", ORDERS)
def test_batch_prepared_together_is_one_session(con, order):
    """The Data page's batch: every file prepared first (neither sees a session), then each
    committed; the second commit matches the session the first created, by webinar ID."""
    prepared = [ingest.prepare(con, request(name)) for name in ORDERS[order]]
    assert [p.match.how for p in prepared] == ["new", "new"]  # nothing existed when prepared
    results = [ingest.commit(con, p) for p in prepared]
    assert [r.status for r in results] == ["imported", "imported"]
    assert [r.sessions[0]["match"] for r in results] == ["new", "external_id"]
    assert results[0].sessions[0]["session_id"] == results[1].sessions[0]["session_id"]
    assert external_ids(con) == ONE_SESSION
    rows = overview(con)
    assert len(rows) == 1
    assert (rows[0][0], rows[0][2], rows[0][3]) == ("2026-04-01", 944, 142)


@pytest.mark.parametrize("order", ORDERS)
def test_one_file_at_a_time_is_one_session(con, order):
    """The command line's path (prepare + commit per file) gives the same single session."""
    results = [ingest.import_file(con, request(name)) for name in ORDERS[order]]
    assert [r.sessions[0]["match"] for r in results] == ["new", "external_id"]
    assert external_ids(con) == ONE_SESSION
    assert [(r[0], r[2], r[3]) for r in overview(con)] == [("2026-04-01", 944, 142)]


def test_organizer_asking_for_a_new_session_still_gets_one(con):
    """NEW_SESSION is the organizer's explicit choice: the commit does not match it away."""
    prepared = [ingest.prepare(con, request(name)) for name in ORDERS["registration first"]]
    first = ingest.commit(con, prepared[0])
    second = ingest.commit(con, prepared[1], session_id=ingest.NEW_SESSION)
    assert second.sessions[0]["match"] == "chosen"
    assert first.sessions[0]["session_id"] != second.sessions[0]["session_id"]
    # the attendee report lists the registrants too (944 active), so its own session has both
    assert sorted((r[2], r[3]) for r in overview(con)) == [(944, 0), (944, 142)]


# --- the command line's first import into a fresh database: the event comes from the files -----
TOPIC = "A 30-Day Path to Becoming an AI Business Strategist Businesses Actually Pay For"
SLUG = "a-30-day-path-to-becoming-an-ai-business"  # whole words, at most 40 characters


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("tz", [None, "Europe/Zurich"])
def test_ingest_without_event_creates_one_from_the_files(tmp_path, capsys, order, tz):
    target = tmp_path / "new.duckdb"
    files = [str(SAMPLES / name) for name in ORDERS[order]]
    argv = ["ingest", *files, "--db", str(target), *(["--tz", tz] if tz else [])]
    assert cli.main(argv) == 0
    zone = tz or "UTC"  # the Zoom reports name no zone
    out = capsys.readouterr().out
    assert (
        f'Created the event "{TOPIC}" (ID {SLUG}, time zone {zone}) from the first file; '
        f"import more files into it with --event {SLUG}."
    ) in out.splitlines()
    con = db.connect(target)
    try:
        events = "select event_id, name, timezone from events where not is_demo"
        assert con.execute(events).fetchall() == [(SLUG, TOPIC, zone)]
        df = queries.run(con, "sessions_overview", queries.Selection(SLUG))
        assert [(int(r.registrants), int(r.attendees)) for r in df.itertuples()] == [(944, 142)]
        # the same files again: already imported into that event, no second event
        assert cli.main(argv) == 0
        assert con.execute(events).fetchall() == [(SLUG, TOPIC, zone)]
    finally:
        con.close()


def test_created_event_ids_stay_unique(con):
    """A second file of the same title into a database that has the slug gets "-2"."""
    prep = ingest.prepare(con, request(REGISTRATION))
    taken = ingest.sessions.new_event(con, prep.report, REGISTRATION, None)
    assert taken == (SLUG, TOPIC, "UTC")
    con.execute(
        "insert into events (event_id, name, timezone) values ($ev, 'x', 'UTC')", {"ev": SLUG}
    )
    assert ingest.sessions.new_event(con, prep.report, REGISTRATION, None)[0] == f"{SLUG}-2"
