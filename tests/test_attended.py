"""The organizer's definition of "attended" and the role filter, on the hand-counted Test Conference
(tests/test_queries.py describes sessions A and B) plus a Teams meeting, session C
(tests/fixtures/testconf_c_teams.csv, 23 June 2021 13:00-14:00 CEST, no programme row, so the
import makes a session whose schedule is the file's own span: 60 minutes):

  Olga   Organizer     13:00-14:00                60 min  host
  Cora   Co-organizer  13:00-13:50                50 min  co-host
  Pia    Presenter     13:10-13:40 + (Attendee) 13:45-13:50   35 min  presenter (most senior)
  Ana    Attendee      13:05-13:20 + 13:30-13:45  30 min  attendee
  Tom    Attendee      13:55-14:00                 5 min  attendee

Minutes per person and session, A (scheduled 13:00-15:30, 150 min; observed 12:50-15:35, 165):
host 165, panelist 152, Ana 90, Chidi 145, Emre 10. B (150 min): host 155, Ana 30, Gil 60.
Registrants (whole event): Ana Bo Chidi Emre Fatou Gil (Dana cancelled).

Presence at the minute marks of C: 13:00 2 (Olga Cora), 13:05 3, 13:10-13:15 4, 13:20-13:25 3
(Ana away), 13:30-13:35 4, 13:40 3 (Pia away), 13:45 3 (Ana gone, Pia back), 13:50 1, 13:55 2.
"""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest
from conftest import FIXTURES, import_path, own_copy

from engagement import attended, audit, cli, db, queries, reports

ALL = queries.Selection("testconf")


@pytest.fixture(scope="module")
def conf_template(testconf_template, tmp_path_factory):
    """The Test Conference and its Teams meeting, imported once for this module by the real
    import code; each test gets a copy (conf): one import instead of one per test."""
    path = tmp_path_factory.mktemp("conf") / "testconf.duckdb"
    shutil.copy(testconf_template, path)
    con = db.connect(path)
    try:
        result = import_path(con, FIXTURES / "testconf_c_teams.csv", "testconf")
        assert result.status == "imported", result
        con.execute("checkpoint")  # all in the file itself: a copy of the file is the database
    finally:
        con.close()
    return path


@pytest.fixture
def conf(conf_template, tmp_path):
    """A connection to this test's own copy (tmp_path/testconf.duckdb, as testconf_db's)."""
    yield from own_copy(conf_template, tmp_path / "testconf.duckdb")


def by_title(con, selection=ALL) -> dict:
    df = queries.run(con, "sessions_overview", selection)
    return {row.title[:5]: row for row in df.itertuples()}


def attendees(con, selection=ALL) -> dict[str, int]:
    return {t: int(r.attendees) for t, r in by_title(con, selection).items()}


def kpis(con, selection=ALL):
    return queries.run(con, "kpis", selection, basis="attendees").iloc[0]


def test_default_rule_is_any_presence(conf):
    assert attended.get(conf, "testconf") == attended.Rule("any", 0.0)
    assert attendees(conf) == {"Openi": 5, "Panel": 3, "Test ": 5}
    k = kpis(conf)
    assert k.attendees == 10  # host panelist Ana Chidi Emre Gil + Olga Cora Pia Tom
    assert k.registrants_attended == 4  # Ana Chidi Emre Gil
    assert (k.attended_rule, k.attended_value) == ("any", 0)


def test_at_least_n_minutes(conf):
    attended.put(conf, audit.CLI, "testconf", "minutes", 30)
    # A: Emre (10) out; B: Ana exactly 30 stays in; C: Tom (5) out
    assert attendees(conf) == {"Openi": 4, "Panel": 3, "Test ": 4}
    k = kpis(conf)
    assert k.attendees == 8  # Emre and Tom attended no session by the rule
    assert k.registrants_attended == 3  # Ana Chidi Gil
    assert k.show_rate == pytest.approx(3 / 6)
    # (165+152+90+145) + (30+60+155) + (60+50+35+30) over 11 person-sessions
    assert k.avg_minutes == pytest.approx(972 / 11)
    attended.put(conf, audit.CLI, "testconf", "minutes", 30.5)
    assert attendees(conf) == {"Openi": 4, "Panel": 2, "Test ": 3}  # Ana has 30 in B and C


def test_at_least_a_share_of_the_scheduled_length(conf):
    attended.put(conf, audit.CLI, "testconf", "percent", 60)
    # 60 % of 150 = 90 min: A host panelist Ana (90, exactly) Chidi; B host only.
    # 60 % of C's 60 min = 36: Olga Cora (Pia 35 is out).
    assert attendees(conf) == {"Openi": 4, "Panel": 1, "Test ": 2}
    assert kpis(conf).attendees == 6  # host panelist Ana Chidi + Olga Cora


def test_percent_without_a_schedule_uses_the_observed_span(conf):
    attended.put(conf, audit.CLI, "testconf", "percent", 60)
    conf.execute(
        "update sessions set scheduled_start_utc = null, scheduled_end_utc = null "
        "where title = 'Opening plenary' and event_id = 'testconf'"
    )
    # A's registration report states Zoom's schedule (13:00, 150 min): it stands in, Ana's 90 is in
    assert attendees(conf)["Openi"] == 4
    conf.execute("delete from platform_figures where figure like 'scheduled%'")
    # A's observed span 12:50-15:35 = 165 min; 60 % = 99: Ana's 90 is out now
    assert attendees(conf)["Openi"] == 3  # host 165, panelist 152, Chidi 145


def test_peak_and_curve_count_everyone_present(conf):
    before = {t: (r.peak_concurrent, r.peak_minute) for t, r in by_title(conf).items()}
    assert before["Test "] == (4, datetime(2021, 6, 23, 13, 10))
    attended.put(conf, audit.CLI, "testconf", "minutes", 40)
    after = {t: (r.peak_concurrent, r.peak_minute) for t, r in by_title(conf).items()}
    assert after == before
    c = sessions(conf)["Test Conference: Workshop"]
    curve = queries.run(conf, "attendance_curve", queries.Selection("testconf", session_ids=(c,)))
    # 13:00 ... 14:00, one row a minute; leaving at 13:20 means absent at 13:20:00
    assert list(curve["present"]) == (
        [2] * 5 + [3] * 5 + [4] * 10 + [3] * 10 + [4] * 10 + [3] * 10 + [1] * 5 + [2] * 5 + [0]
    )


def sessions(con) -> dict[str, int]:
    df = queries.run(con, "sessions_list", event_id="testconf")
    return dict(zip(df["title"], df["session_id"], strict=True))


@pytest.mark.parametrize(
    "roles, expected",
    [
        (("host",), {"Openi": 1, "Panel": 1, "Test ": 1}),
        (("co-host",), {"Openi": 0, "Panel": 0, "Test ": 1}),
        (("presenter",), {"Openi": 0, "Panel": 0, "Test ": 1}),  # Pia, attendee segment too
        (("panelist",), {"Openi": 1, "Panel": 0, "Test ": 0}),
        (("attendee",), {"Openi": 3, "Panel": 2, "Test ": 2}),  # C: Ana Tom
        (("host", "co-host"), {"Openi": 1, "Panel": 1, "Test ": 2}),
        ((), {"Openi": 5, "Panel": 3, "Test ": 5}),
    ],
)
def test_role_filter_counts(conf, roles, expected):
    assert attendees(conf, queries.Selection("testconf", roles=roles)) == expected


def test_role_filter_narrows_attendees_not_registrants(conf):
    hosts = queries.Selection("testconf", roles=("host",))
    a = by_title(conf, hosts)["Openi"]
    assert (a.registrants, a.attendees, a.show_rate) == (5, 1, 0.0)  # the host registered not
    k = kpis(conf, hosts)
    assert (k.registrants, k.attendees) == (6, 2)  # hosts: Hana (A and B) and Olga (C)
    c = sessions(conf)["Test Conference: Workshop"]
    pia = queries.Selection("testconf", session_ids=(c,), roles=("presenter",))
    assert list(queries.run(conf, "minutes_per_person", pia)["minutes"]) == [35.0]
    # C's attendees (Ana, Tom) never overlap: peak 1
    only = queries.Selection("testconf", session_ids=(c,), roles=("attendee",))
    assert by_title(conf, only)["Test "].peak_concurrent == 1


def test_platform_roles_are_stored_beside_the_coarse_ones(conf):
    rows = conf.execute(
        "select role, platform_role, count(*) from segments where not is_bot "
        "group by all order by all"
    ).fetchall()
    assert rows == [
        ("attendee", "attendee", 11),  # A: Ana x3 Chidi Emre; B: Ana Gil; C: Ana x2 Pia Tom
        ("host", "co-host", 1),
        ("host", "host", 3),
        ("panelist", "panelist", 1),
        ("panelist", "presenter", 1),
    ]


def test_setting_the_rule_is_audited_and_validated(conf):
    saved = attended.put(conf, audit.LOCAL, "testconf", "minutes", 10)
    assert saved.sentence() == "Attended = present at least 10 minutes in the session"
    entry = audit.entries(conf).iloc[0]
    assert (entry.action, entry.actor, entry.target) == ("attended_rule", "local", "testconf")
    assert entry.detail == '{"rule": "minutes", "value": 10.0}'
    for rule, value in (("percent", 0), ("percent", 101), ("minutes", None), ("most", 1)):
        with pytest.raises(ValueError):
            attended.put(conf, audit.LOCAL, "testconf", rule, value)
    with pytest.raises(ValueError, match="No event"):
        attended.put(conf, audit.LOCAL, "nope", "minutes", 10)
    assert attended.get(conf, "testconf") == attended.Rule("minutes", 10.0)
    attended.put(conf, audit.LOCAL, "testconf", "any", 99)
    assert attended.get(conf, "testconf") == attended.Rule()


def test_downloads_state_the_definition(conf):
    attended.put(conf, audit.CLI, "testconf", "percent", 50)

    def run(name, selection=None, **params):
        return queries.run(conf, name, selection, **params)

    keys = reports.summary(run, ALL, "attendees").tables["Key figures"]
    figures = dict(zip(keys["Figure"], keys["Value"], strict=True))
    assert figures["Attended means"] == (
        "Attended = present at least 50 % of the session's scheduled length (its observed span "
        "when it has no schedule)"
    )


def test_cli_shows_and_sets_the_rule(tmp_path, capsys):
    from engagement import db

    path = tmp_path / "cli.duckdb"
    con = db.connect(path)
    con.execute("insert into events (event_id, name, timezone) values ('conf', 'Conf', 'UTC')")
    con.close()
    assert cli.main(["attended", "minutes", "10", "--db", str(path)]) == 0
    assert cli.main(["attended", "--db", str(path)]) == 0
    assert cli.main(["attended", "percent", "150", "--db", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "conf: Attended = present at least 10 minutes in the session.",
        "conf: Attended = present at least 10 minutes in the session.",
    ]
    assert "at most 100 %" in err


def test_sessions_page_filters_by_role_and_sets_the_rule(conf, tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from engagement import db

    attended.put(conf, audit.CLI, "testconf", "minutes", 30)
    conf.close()
    monkeypatch.setenv("ENGAGEMENT_DB", str(tmp_path / "testconf.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["event"] = "testconf"
    at.run()
    at = at.switch_page("pages/sessions.py").run()
    assert not at.exception, at.exception
    said = " ".join(c.value for c in at.caption)
    assert "Attended = present at least 30 minutes in the session" in said
    assert metric(at, "Attendees") == "4"  # Opening plenary: Emre's 10 minutes do not count
    at.multiselect(key="role").set_value(["attendee"]).run()
    assert metric(at, "Attendees") == "2"  # Ana and Chidi
    next(r for r in at.radio if r.label.startswith("Count a person")).set_value("any")
    next(b for b in at.button if b.label == "Save the definition").click().run()
    assert not at.exception, at.exception
    assert metric(at, "Attendees") == "3"  # Emre again
    st.cache_resource.clear()  # closes the app's connection to the file
    con = db.connect(tmp_path / "testconf.duckdb")
    try:
        assert attended.get(con, "testconf") == attended.Rule()
        assert audit.entries(con).iloc[0].actor == "local"  # the page's actor, audited
    finally:
        con.close()


def metric(at, label):
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r} among {[m.label for m in at.metric]}"
    return found[0]


def test_rows_imported_before_version_4_keep_their_role(tmp_path):
    import duckdb

    from engagement import db

    path = tmp_path / "v3.duckdb"
    raw = duckdb.connect(str(path))
    for version, sql in db.migrations()[:3]:
        raw.execute(sql)
        raw.execute("insert into schema_version values ($v, now()::timestamp)", {"v": version})
    raw.execute("insert into events values ('old', 'Old', 'UTC', null, null, null, false)")
    raw.execute(
        "insert into sessions (event_id, title, kind, source) "
        "values ('old', 'S', 'other', 'import')"
    )
    for who, role in (("a", "host"), ("b", "panelist"), ("c", "attendee")):
        raw.execute(
            "insert into segments values (1, 'old', 1, $who, timestamp '2021-01-01 10:00', "
            "timestamp '2021-01-01 11:00', $role, null, false, null, null, 1)",
            {"who": who, "role": role},
        )
    raw.close()
    con = db.connect(path)  # migrates to the newest version
    try:
        rows = con.execute("select role, platform_role from segments order by 1").fetchall()
        assert rows == [("attendee", "attendee"), ("host", "host"), ("panelist", "panelist")]
        hosts = queries.Selection("old", roles=("host",))
        assert int(queries.run(con, "kpis", hosts, basis="attendees").iloc[0].attendees) == 1
    finally:
        con.close()


def test_role_filter_is_in_the_link(conf, tmp_path, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from engagement import db

    conf.close()
    monkeypatch.setenv("ENGAGEMENT_DB", str(tmp_path / "testconf.duckdb"))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(db.ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["event"] = "Test Conference"
    at.query_params["role"] = ["Host", "Keynote"]
    at.run()
    at = at.switch_page("pages/sessions.py").run()
    assert not at.exception, at.exception
    assert at.session_state["role"] == ["host"]
    notes = [w.value for w in at.warning]
    assert "The link asked for role `Keynote`, which no longer exists; showing the others." in (
        notes
    )
    assert metric(at, "Attendees") == "1"  # the host of the Opening plenary
    st.cache_resource.clear()
