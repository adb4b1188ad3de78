"""End to end: the demo database, built by the real import, shows the simulation's own figures.

The expected figures come from the simulated people (engagement.demo.expected), never from the
files or the database; the actual ones from the named queries the pages use. Exact equality.
"""

from __future__ import annotations

import pytest

from engagement import db, demo, queries

SELECTION = queries.Selection(demo.EVENT_ID)


@pytest.fixture(scope="module")
def con(demo_db):
    con = db.connect(demo_db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def truth() -> dict:
    return demo.figures()


def _plain(value):
    """numpy and pandas scalars as Python values, so a failure prints them readably."""
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


@pytest.mark.parametrize("basis", ["attendees", "registrants"])
def test_kpis(con, truth, basis):
    expected = truth["kpis"][basis]
    row = queries.run(con, "kpis", SELECTION, basis=basis).iloc[0]
    assert {k: _plain(row[k]) for k in expected} == expected


@pytest.mark.parametrize("basis", ["attendees", "registrants"])
def test_people_per_who_region(con, truth, basis):
    df = queries.run(con, "participants_by_region", SELECTION, basis=basis)
    got = {r: _plain(n) for r, n in zip(df.who_region, df.people, strict=True)}
    assert got == truth["participants_by_region"][basis]


@pytest.mark.parametrize("basis", ["attendees", "registrants"])
def test_people_per_country(con, truth, basis):
    df = queries.run(con, "participants_by_country", SELECTION, basis=basis)
    got = {c: _plain(n) for c, n in zip(df.iso3, df.people, strict=True)}
    assert got == truth["participants_by_country"][basis]


def test_each_day_registrants_attendees_show_rate_and_peak(con, truth):
    df = queries.run(con, "sessions_overview", SELECTION)
    assert len(df) == len(truth["sessions_overview"])
    for number, row in enumerate(df.itertuples(), start=1):
        expected = truth["sessions_overview"][number]
        got = {k: _plain(getattr(row, k)) for k in expected}
        assert got == expected, f"day {number}"


def test_new_registrants_per_day(con, truth):
    df = queries.run(con, "registrations_by_day", SELECTION)
    got = {_plain(d).date(): _plain(n) for d, n in zip(df.day, df.new_registrants, strict=True)}
    assert got == truth["registrations_by_day"]
    assert _plain(df.cumulative.iloc[-1]) == truth["kpis"]["registrants"]["registrants"]
