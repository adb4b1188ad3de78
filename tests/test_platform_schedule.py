"""A session no programme plans is measured against the platform's schedule when an export
states it: the Zoom registration report's "Scheduled Time" (Apr 01, 2026 3:00 PM) and "Duration
(minutes)" (90). The webinar itself ran from 14:38 to 18:06, so retention and the percent rule
read 15:00-16:30, not the observed span; removing the registration report takes the schedule
away again. Expected figures are counted from the raw attendee report (test_attended_samples).
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from test_attended_samples import SAMPLES, union_seconds, zoom_intervals

from engagement import attended, audit, cli, db, ingest, queries

PAIR = [SAMPLES / "zoom_webinar_registration_1.csv", SAMPLES / "zoom_webinar_attendee_2.csv"]
START, END = datetime(2026, 4, 1, 15, 0), datetime(2026, 4, 1, 16, 30)


@pytest.fixture(scope="module")
def pair_template(tmp_path_factory):
    """The pair imported once for this module by the command line; each test gets a copy."""
    target = tmp_path_factory.mktemp("pair") / "pair.duckdb"
    assert cli.main(["ingest", *map(str, PAIR), "--db", str(target)]) == 0
    return target


@pytest.fixture
def pair(pair_template, tmp_path):
    target = tmp_path / "pair.duckdb"
    shutil.copy(pair_template, target)
    con = db.connect(target)
    event = con.execute("select distinct event_id from imports").fetchone()[0]
    yield con, event
    con.close()


def schedule(con, event):
    return con.execute(
        "select schedule_source, has_schedule, start_utc, end_utc from v_session_schedule "
        "where event_id = $ev",
        {"ev": event},
    ).fetchall()


def present_at(t: datetime) -> int:
    return sum(any(j <= t < leave for j, leave in spans) for spans in zoom_intervals().values())


def test_the_registration_report_gives_the_schedule(pair):
    con, event = pair
    assert schedule(con, event) == [("platform", True, START, END)]
    r = queries.run(con, "session_retention", queries.Selection(event)).iloc[0]
    assert r.schedule_source == "platform"
    assert (r.start_local, r.end_local) == (START, END)  # the event's zone is UTC
    assert r.attendees == 142
    assert r.present_after_15 == present_at(datetime(2026, 4, 1, 15, 15))
    assert r.present_at_end == present_at(datetime(2026, 4, 1, 16, 29))
    assert (r.present_after_15, r.present_at_end) == (87, 83)


def test_the_percent_rule_reads_the_platform_length(pair):
    con, event = pair
    attended.put(con, audit.CLI, event, "percent", 50)  # 45 of the scheduled 90 minutes
    expected = sum(union_seconds(s) >= 45 * 60 for s in zoom_intervals().values())
    k = queries.run(con, "kpis", queries.Selection(event), basis="attendees").iloc[0]
    assert (k.attendees, expected) == (97, 97)


def test_removing_the_registration_report_takes_its_schedule_away(pair):
    con, event = pair
    reg = con.execute(
        "select import_id from imports where format = 'zoom_webinar_registration'"
    ).fetchone()[0]
    assert ingest.remove_import(con, reg, audit.CLI)
    source, has, start, end = schedule(con, event)[0]
    assert (source, has) == ("observed", False)
    # The registration report created the session with no times: the first join is the start.
    assert (start, end) == (datetime(2026, 4, 1, 14, 38, 6), datetime(2026, 4, 1, 18, 6, 47))
