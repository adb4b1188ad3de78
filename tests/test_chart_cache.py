"""Figures shared by every session (engagement/chart_cache.py) and the key of the app's query
cache (db.version): one build for the same rows, a new one for other rows, and no answer read
before a commit served after it."""

from __future__ import annotations

import pickle

import pytest
from streamlit.testing.v1 import AppTest

from engagement import chart_cache, charts, db, queries
from engagement.formatting import fmt_int
from engagement.ingest import lifecycle

APP = str(db.ROOT / "dashboard.py")
SELECTION = queries.Selection("testconf")
ATTENDEES_BEFORE, ATTENDEES_AFTER = 6, 5  # the Test Conference without report b


def stakeholders(con):
    return queries.run(con, "stakeholders", SELECTION, basis="attendees")


def test_same_rows_one_figure_for_every_session(testconf_db):
    chart_cache.clear()
    fresh = stakeholders(testconf_db)
    # Another session gets its own copy of the rows out of the query cache (a pickle): its
    # memory layout differs from the frame fresh from DuckDB, its values do not.
    copy = pickle.loads(pickle.dumps(fresh))
    built = chart_cache.stats["built"]
    first = chart_cache.stakeholder_bars(fresh, measure="attendees")
    assert chart_cache.stakeholder_bars(copy, measure="attendees") is first
    assert chart_cache.stats["built"] == built + 1
    assert first.to_dict() == charts.stakeholder_bars(fresh, measure="attendees").to_dict()


def test_other_rows_or_words_another_figure(testconf_db):
    chart_cache.clear()
    rows = stakeholders(testconf_db)
    first = chart_cache.stakeholder_bars(rows, measure="attendees")
    changed = rows.copy()
    changed.loc[0, "people"] += 1  # one count moved, as an import moves it
    moved = chart_cache.stakeholder_bars(changed, measure="attendees")
    assert moved is not first
    assert moved.to_dict() == charts.stakeholder_bars(changed, measure="attendees").to_dict()
    assert moved.to_dict() != first.to_dict()
    worded = chart_cache.stakeholder_bars(rows, measure="registrants")
    assert worded is not first
    assert worded.to_dict() == charts.stakeholder_bars(rows, measure="registrants").to_dict()


def test_at_most_max_figures_kept(testconf_db, monkeypatch):
    chart_cache.clear()
    monkeypatch.setattr(chart_cache, "MAX_FIGURES", 2)
    rows = stakeholders(testconf_db)
    figures = [chart_cache.stakeholder_bars(rows, measure=m) for m in ("a", "b", "c")]
    assert len(chart_cache._figures) == 2
    assert chart_cache.stakeholder_bars(rows, measure="c") is figures[2]
    assert chart_cache.stakeholder_bars(rows, measure="a") is not figures[0]  # the oldest went


def test_version_counts_commits_not_rollbacks(testconf_db, tmp_path, monkeypatch):
    monkeypatch.setenv("ENGAGEMENT_DB", str(tmp_path / "testconf.duckdb"))
    before = db.version()
    assert before.startswith(str(tmp_path / "testconf.duckdb") + "#")
    with db.transaction(testconf_db):
        testconf_db.execute("update events set name = 'Renamed' where event_id = 'testconf'")
    after = db.version()
    assert after != before
    with pytest.raises(RuntimeError), db.transaction(testconf_db):
        testconf_db.execute("update events set name = 'Again' where event_id = 'testconf'")
        raise RuntimeError("rolled back")
    assert db.version() == after


def attendees_tile(at) -> str:
    return next(m.value for m in at.metric if m.label == "Unique attendees")


def test_an_answer_from_before_a_commit_is_not_served_after_it(testconf_db, tmp_path, monkeypatch):
    """A session still computing a query while an import commits used to store the old answer
    after data_changed had cleared the cache, for an hour. Now the key holds the commit count:
    here the cache is never cleared at all and the page still shows the commit at once."""
    import streamlit as st

    monkeypatch.setenv("ENGAGEMENT_DB", str(tmp_path / "testconf.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(APP, default_timeout=60).run()
        assert not at.exception, at.exception
        k = queries.run(testconf_db, "kpis", SELECTION, basis="attendees").iloc[0]
        assert attendees_tile(at) == fmt_int(k.attendees)
        (report,) = testconf_db.execute(
            "select import_id from imports where file_name = 'testconf_b_attendee.csv'"
        ).fetchone()
        assert lifecycle.remove_import(testconf_db, report)  # db.transaction, no clear
        left = queries.run(testconf_db, "kpis", SELECTION, basis="attendees").iloc[0]
        assert (k.attendees, left.attendees) == (ATTENDEES_BEFORE, ATTENDEES_AFTER)
        at.run()
        assert not at.exception, at.exception
        assert attendees_tile(at) == fmt_int(left.attendees)
    finally:
        st.cache_resource.clear()
