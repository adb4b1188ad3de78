"""Every named query on the hand-written Test Conference, with figures counted by hand.

The conference (tests/fixtures/): session A (21 June, webinar 111 2222 3333) has a registration
report and an attendee report; session B (22 June, webinar 444 5555 6666) an attendee report.
People: Ana (BRA, government; A: 13:00-13:30 + 13:20-14:00 overlapping + 14:30-15:00; B:
13:10-13:40), Bo (CHN, academia, registered A, absent), Chidi (NGA, private sector, A
13:05-15:30), Dana (USA, cancelled), Emre (TUR, NGO, A 14:00-14:10), Fatou (SEN, WHO,
registered A, absent), Gil (PRT, academia, B 13:00-14:00), the host (no registration, Zoom says
Switzerland; A 12:50-15:35, B 12:55-15:30), the panelist (no registration, Zoom says Kenya;
A 12:58-15:30) and Ana's Otter.ai note-taker (A 13:00-15:30, Ana's e-mail) which never counts.
All times CEST.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from conftest import FIXTURES

from engagement import ingest, metrics, queries, reports

ALL = queries.Selection("testconf")


def sessions(con) -> dict[str, int]:
    df = queries.run(con, "sessions_list", event_id="testconf")
    return dict(zip(df["title"], df["session_id"], strict=True))


def only(con, title: str) -> queries.Selection:
    return queries.Selection("testconf", session_ids=(sessions(con)[title],))


def test_kpis_whole_event_attendees(testconf_db):
    k = queries.run(testconf_db, "kpis", ALL, basis="attendees").iloc[0]
    assert k.registrants == 6  # Ana Bo Chidi Emre Fatou Gil; Dana cancelled
    assert k.attendees == 6  # host, panelist, Ana, Chidi, Emre, Gil; the bot is not a person
    assert k.registrants_attended == 4  # Ana Chidi Emre Gil
    assert k.show_rate == pytest.approx(4 / 6)
    assert k.people == 6
    assert k.member_states == 6  # CHE KEN (platform) BRA NGA TUR PRT (registration)
    assert k.other_territories == 0
    assert k.who_regions == 3  # EUR (CHE TUR PRT), AFR (KEN NGA), AMR (BRA)
    # per person and session, union of segments: A host 165, panelist 152, Ana 90 (overlap
    # merged), Chidi 145, Emre 10; B Ana 30, Gil 60, host 155 -> 807 / 8
    assert k.avg_minutes == pytest.approx(807 / 8)
    assert k.with_country == 6
    assert k.platform_country == 2  # host and panelist declared nothing
    assert k.with_stakeholder == 4  # host and panelist have no registration -> unknown


def test_kpis_registrant_basis(testconf_db):
    k = queries.run(testconf_db, "kpis", ALL, basis="registrants").iloc[0]
    assert k.people == 6
    assert k.member_states == 6  # BRA CHN NGA TUR SEN PRT
    assert k.who_regions == 4  # AMR WPR AFR EUR
    assert metrics.headline(k, "registrants") == (
        "6 registrants from 6 Member States across four WHO regions"
    )


def test_headline_all_six_regions():
    k = {"attendees": 2034, "registrants": 3000, "member_states": 128, "who_regions": 6}
    assert (
        metrics.headline(k)
        == "2,034 participants from 128 Member States across all six WHO regions"
    )


def test_session_filter(testconf_db):
    k = queries.run(
        testconf_db, "kpis", only(testconf_db, "Opening plenary"), basis="attendees"
    ).iloc[0]
    assert k.registrants == 5  # Ana Bo Chidi Emre Fatou registered for A
    assert k.attendees == 5  # host panelist Ana Chidi Emre
    assert k.registrants_attended == 3
    assert k.show_rate == pytest.approx(0.6)


def test_day_filter_matches_session(testconf_db):
    by_day = queries.Selection("testconf", days=(date(2021, 6, 22),))
    k = queries.run(testconf_db, "kpis", by_day, basis="attendees").iloc[0]
    assert (k.registrants, k.attendees) == (2, 3)  # Ana Gil registered; + host attended


def test_region_and_stakeholder_filters(testconf_db):
    eur = queries.Selection("testconf", regions=("EUR",))
    k = queries.run(testconf_db, "kpis", eur, basis="attendees").iloc[0]
    assert k.attendees == 3  # host (CHE), Emre (TUR), Gil (PRT)
    gov = queries.Selection("testconf", stakeholders=("government",))
    k = queries.run(testconf_db, "kpis", gov, basis="attendees").iloc[0]
    assert (k.registrants, k.attendees) == (1, 1)  # Ana


def test_participants_by_country(testconf_db):
    df = queries.run(testconf_db, "participants_by_country", ALL, basis="attendees")
    assert sorted(df["iso3"]) == ["BRA", "CHE", "KEN", "NGA", "PRT", "TUR"]
    assert set(df["people"]) == {1}
    assert df["share"].sum() == pytest.approx(1.0)
    assert df.set_index("iso3").at["TUR", "country"] == "Türkiye"


def test_participants_by_region(testconf_db):
    df = queries.run(testconf_db, "participants_by_region", ALL, basis="attendees")
    got = dict(zip(df["who_region"], df["people"], strict=True))
    assert got == {"EUR": 3, "AFR": 2, "AMR": 1}
    assert df.set_index("who_region").at["EUR", "share"] == pytest.approx(0.5)


def test_member_states_not_reached(testconf_db):
    df = queries.run(testconf_db, "member_states_not_reached", ALL, basis="attendees")
    assert len(df) == 194 - 6
    assert "BRA" not in set(df["iso3"]) and "SEN" in set(df["iso3"])


def test_member_states_are_counted_out_of_the_selected_regions(testconf_db):
    def total(*regions):
        selection = queries.Selection("testconf", regions=regions)
        return queries.run(testconf_db, "kpis", selection, basis="attendees").iloc[0]

    assert total().member_states_total == 194  # WHO Member States in data/who_member_states.csv
    assert total("AFR").member_states_total == 47
    assert total("AFR", "EUR").member_states_total == 47 + 53
    assert total("unknown").member_states_total == 0  # no Member State lies in no region
    afr = queries.Selection("testconf", regions=("AFR",))
    missing = queries.run(testconf_db, "member_states_not_reached", afr, basis="attendees")
    assert len(missing) == 47 - 2  # KEN NGA reached
    assert set(missing["who_region"]) == {"AFR"}


def test_stakeholders_keep_unknown(testconf_db):
    df = queries.run(testconf_db, "stakeholders", ALL, basis="attendees")
    got = dict(zip(df["stakeholder"], df["people"], strict=True))
    assert got == {"unknown": 2, "government": 1, "private_sector": 1, "ngo": 1, "academia": 1}
    share = dict(zip(df["stakeholder"], df["share"], strict=True))
    assert share["government"] == pytest.approx(0.25)  # of the 4 with a known type
    assert df["stakeholder"].iloc[-1] == "unknown"


def test_stakeholder_by_region(testconf_db):
    df = queries.run(testconf_db, "stakeholder_by_region", ALL, basis="attendees")
    got = {(r.stakeholder, r.who_region): r.people for r in df.itertuples()}
    assert got == {
        ("academia", "EUR"): 1,
        ("government", "AMR"): 1,
        ("ngo", "EUR"): 1,
        ("private_sector", "AFR"): 1,
        ("unknown", "AFR"): 1,
        ("unknown", "EUR"): 1,
    }


def test_registrations_by_day(testconf_db):
    df = queries.run(testconf_db, "registrations_by_day", ALL)
    got = [
        (f"{d:%Y-%m-%d}", n, c)
        for d, n, c in zip(df["day"], df["new_registrants"], df["cumulative"], strict=True)
    ]
    # first active registration per person, CEST days; Dana (cancelled) never counts
    assert got == [
        ("2021-06-01", 1, 1),
        ("2021-06-02", 2, 3),
        ("2021-06-05", 2, 5),
        ("2021-06-10", 1, 6),
    ]


def test_attendance_curve_and_peak(testconf_db):
    sel = only(testconf_db, "Opening plenary")
    curve = queries.run(testconf_db, "attendance_curve", sel)
    assert len(curve) == 166  # 12:50 .. 15:35 inclusive
    assert curve["minute"].iloc[0] == datetime(2021, 6, 21, 12, 50)
    present = dict(zip(curve["minute"].dt.strftime("%H:%M"), curve["present"], strict=True))
    assert present["12:50"] == 1  # the host alone
    assert present["13:05"] == 4  # host panelist Ana Chidi (the bot is not counted)
    assert present["14:05"] == 4  # host panelist Chidi Emre; Ana left at 14:00:00
    assert present["14:15"] == 3
    assert present["15:34"] == 1
    overview = queries.run(testconf_db, "sessions_overview", sel).iloc[0]
    assert overview.peak_concurrent == 4
    assert overview.peak_minute == datetime(2021, 6, 21, 13, 5)  # first minute with 4
    assert (overview.registrants, overview.attendees) == (5, 5)
    assert overview.show_rate == pytest.approx(0.6)
    assert overview.median_minutes == pytest.approx(145)  # 10 90 145 152 165
    assert overview.avg_minutes == pytest.approx((165 + 152 + 90 + 145 + 10) / 5)


def test_sessions_overview_both(testconf_db):
    df = queries.run(testconf_db, "sessions_overview", ALL)
    assert list(df["title"]) == ["Opening plenary", "Panel on regulation"]
    assert list(df["attendees"]) == [5, 3]
    assert list(df["registrants"]) == [5, 2]
    assert list(df["peak_concurrent"]) == [4, 3]


def test_minutes_and_leaves(testconf_db):
    sel = only(testconf_db, "Opening plenary")
    minutes = queries.run(testconf_db, "minutes_per_person", sel)
    assert sorted(minutes["minutes"].round(6)) == [10, 90, 145, 152, 165]
    leaves = queries.run(testconf_db, "leave_times", sel)
    got = dict(zip(leaves["minute"].dt.strftime("%H:%M"), leaves["left_count"], strict=True))
    assert got == {"14:10": 1, "15:00": 1, "15:30": 2, "15:35": 1}


def test_session_people_is_organizer_only(testconf_db):
    df = queries.run(testconf_db, "session_people", only(testconf_db, "Opening plenary"))
    assert len(df) == 5
    ana = df[df["email"] == "ana.silva@health.gov.example"].iloc[0]
    # three rows in the file; the two overlapping ones merge into one continuous presence
    assert ana.minutes == pytest.approx(90) and ana.segments == 2
    roles = dict(zip(df["email"], df["roles"], strict=True))
    assert roles["host@who.int"] == "host" and roles["pat.panel@example.org"] == "panelist"
    assert roles["ana.silva@health.gov.example"] == "attendee"  # her bot's rows do not count


def test_summary_tables_are_aggregate(testconf_db):
    def run(name, selection=None, **params):
        return queries.run(testconf_db, name, selection, **params)

    tables = reports.summary(run, ALL, "attendees").tables
    text = "".join(t.to_csv() for t in tables.values())
    assert "@" not in text and "Silva" not in text  # no personal data in downloads
    figures = dict(
        zip(tables["Key figures"]["Figure"], tables["Key figures"]["Value"], strict=True)
    )
    assert figures["Member States reached (of 194)"] == 6
    assert tables["By country"]["Attendees"].sum() == 6
    assert reports.to_excel(tables)[:2] == b"PK"  # a real xlsx (zip) workbook


def test_every_query_has_a_header_and_runs(testconf_db):
    for name in queries.names():
        sql = queries.sql_text(name)
        assert sql.startswith(f"-- name: {name}\n"), name
        for word in ("-- purpose:", "-- params:", "-- columns:"):
            assert word in sql, (name, word)
        pair = {"event_a": "testconf", "event_b": "testconf"}  # the compare_* queries
        queries.run(testconf_db, name, ALL, basis="attendees", import_id=1, session_id=1, **pair)


def test_whole_event_registrations_only_without_a_session_filter(testconf_db):
    # Eventbrite: three people registered for the event, not for a session
    eventbrite = FIXTURES.parent / "samples" / "eventbrite_attendee_1.csv"
    result = ingest.import_file(testconf_db, eventbrite.read_bytes(), eventbrite.name, "testconf")
    assert result.status == "imported" and result.registrants == 3
    assert queries.run(testconf_db, "kpis", ALL, basis="attendees").iloc[0].registrants == 9
    session_b = only(testconf_db, "Panel on regulation")
    k = queries.run(testconf_db, "kpis", session_b, basis="attendees").iloc[0]
    assert (k.registrants, k.show_rate) == (2, 1.0)  # unchanged by the event-wide list
    overview = queries.run(testconf_db, "sessions_overview", ALL)
    assert list(overview["registrants"]) == [5, 2]


def test_peak_counts_simultaneous_presence(tmp_path):
    # two people who never overlap, both inside the same clock minute: peak 1, not 2
    from engagement import db

    con = db.connect(tmp_path / "p.duckdb")
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "A,a@x.example,06/21/2021 01:00:00 PM,06/21/2021 01:00:20 PM,1,No\n"
        "B,b@x.example,06/21/2021 01:00:30 PM,06/21/2021 01:02:00 PM,2,No\n"
    )
    assert ingest.import_file(con, text.encode(), "m.csv", "peak", "UTC").status == "imported"
    row = queries.run(con, "sessions_overview", queries.Selection("peak")).iloc[0]
    assert row.peak_concurrent == 1
    assert row.peak_minute == datetime(2021, 6, 21, 13, 0)  # A present at 13:00:00
    con.close()
