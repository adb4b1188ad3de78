"""Import edge cases a real organizer meets: recurring meeting IDs, re-exports, moves, DST,
placeholder country answers, the demo event, bad time zones."""

from __future__ import annotations

import pytest
from conftest import FIXTURES
from helpers import table_checksums

from engagement import db, ingest, queries
from engagement.ingest import ImportRequest

HEADER = (
    "Attended,User Name (Original Name),First Name,Last Name,Email,Country/Region,Registration "
    "Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,"
    "Country/Region Name"
)
SUMMARY = (
    "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registrants,"
    "# Cancelled registrants,Unique Viewers,Total Users,Max Concurrent Views,Enable Registration"
)


def zoom(
    rows,
    wid="111 2222 3333",
    start="Jun 21, 2021 12:50 PM",
    generated="Jun 26, 2021 09:00 AM",
    topic="Opening",
) -> bytes:
    lines = [
        "\ufeffAttendee Report,",
        f'Report generated time,"{generated}"',
        SUMMARY,
        f'{topic},{wid},"{start}",165,1,0,1,1,1,Yes',
        "Attendee Details,",
        HEADER,
        *rows,
    ]
    return ("\n".join(lines) + "\n").encode()


def row(
    name,
    email,
    join=None,
    leave=None,
    status="approved",
    country="Kenya",
    platform="Kenya",
    registered='"Jun 01, 2021 10:00:00"',
):
    first, _, last = name.partition(" ")
    attended = "Yes" if join else "No"
    times = f'"{join}","{leave}",1,No' if join else "--,--,--,--"
    person = f"{attended},{name},{first},{last},{email},{country}"
    return f"{person},{registered},{status},{times},{platform},"


@pytest.fixture
def con(tmp_path):
    con = db.connect(tmp_path / "edges.duckdb")
    con.execute(
        "insert into events values ('t', 'T', 'Europe/Zurich', '2021-06-21', '2021-06-22', "
        "'virtual', false)"
    )
    yield con
    con.close()


def kpis(con, **selection):
    return queries.run(con, "kpis", queries.Selection("t", **selection), basis="attendees").iloc[0]


def test_recurring_webinar_id_on_two_days_is_two_sessions(con):
    day1 = zoom(
        [row("Ana Silva", "ana@x.org", "Jun 21, 2021 13:00:00", "Jun 21, 2021 14:00:00")],
        wid="999 0000 1111",
        start="Jun 21, 2021 1:00 PM",
        generated="Jun 21, 2021 04:00 PM",
    )
    day2 = zoom(
        [row("Bo Chen", "bo@x.org", "Jun 22, 2021 13:00:00", "Jun 22, 2021 14:00:00")],
        wid="999 0000 1111",
        start="Jun 22, 2021 1:00 PM",
        generated="Jun 22, 2021 04:00 PM",
    )
    assert ingest.import_file(con, ImportRequest(day1, "day1.csv", "t")).status == "imported"
    second = ingest.import_file(con, ImportRequest(day2, "day2.csv", "t"))
    assert second.status == "imported"  # not "replaced"
    assert kpis(con).attendees == 2


def test_newer_export_replaces_when_matched_by_time(con, tmp_path):
    programme = tmp_path / "p.csv"
    programme.write_text(
        "event_id,session_code,title,kind,day,start_local,end_local,external_id\n"
        "t,A,Opening plenary,plenary,2021-06-21,13:00,15:30,\n"
    )
    db.load_programme(con, "t", "Europe/Zurich", programme)
    ana = row("Ana Silva", "ana@x.org", "Jun 21, 2021 13:00:00", "Jun 21, 2021 14:00:00")
    old = zoom([ana, row("Bo Chen", "bo@x.org")], generated="Jun 21, 2021 04:00 PM")
    new = zoom(
        [ana, row("Bo Chen", "bo@x.org", status="cancelled by self")],
        generated="Jun 22, 2021 04:00 PM",
    )
    first = ingest.import_file(con, ImportRequest(old, "old.csv", "t"))
    assert first.sessions[0]["match"] == "time"
    assert ingest.import_file(con, ImportRequest(new, "new.csv", "t")).status == "replaced"
    k = kpis(con)
    assert (k.registrants, k.show_rate) == (1, 1.0)  # Bo cancelled in the newer export


def test_older_export_can_come_back_after_the_newer_is_removed(con):
    db.load_programme(con, "t", "Europe/Zurich", FIXTURES / "testconf_programme.csv")
    ana = row("Ana Silva", "ana@x.org", "Jun 21, 2021 13:00:00", "Jun 21, 2021 14:00:00")
    old = zoom([ana, row("Bo Chen", "bo@x.org")], generated="Jun 21, 2021 04:00 PM")
    new = zoom([ana], generated="Jun 22, 2021 04:00 PM")
    ingest.import_file(con, ImportRequest(old, "old.csv", "t"))
    newer = ingest.import_file(con, ImportRequest(new, "new.csv", "t"))
    ingest.remove_import(con, newer.import_id)
    again = ingest.import_file(con, ImportRequest(old, "old.csv", "t"))
    assert again.status == "imported"
    assert kpis(con).registrants == 2


def test_moved_import_keeps_guests_without_email_as_one_person(con):
    db.load_programme(con, "t", "Europe/Zurich", FIXTURES / "testconf_programme.csv")
    guest_a = row(
        "Guest Person",
        "",
        "Jun 21, 2021 13:00:00",
        "Jun 21, 2021 13:30:00",
        status="",
        registered="",
    )
    guest_b = row(
        "Guest Person",
        "",
        "Jun 21, 2021 14:00:00",
        "Jun 21, 2021 14:30:00",
        status="",
        registered="",
    )
    ingest.import_file(con, ImportRequest(zoom([guest_a]), "a.csv", "t"))
    part_2 = zoom([guest_b], wid="777 7777 7777", start="Jun 21, 2021 8:00 PM", topic="Part 2")
    moved = ingest.import_file(con, ImportRequest(part_2, "b.csv", "t"))
    target = con.execute(
        "select session_id from sessions where external_id = '11122223333'"
    ).fetchall()[0][0]
    ingest.move_import(con, moved.import_id, target)
    overview = queries.run(
        con, "sessions_overview", queries.Selection("t", session_ids=(target,))
    ).iloc[0]
    assert (overview.attendees, overview.avg_minutes) == (1, 60.0)


def test_autumn_dst_hour_is_kept(con):
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "A,a@x.example,10/31/2021 02:10:00 AM,10/31/2021 02:50:00 AM,40,No\n"
    )
    request = ImportRequest(text.encode(), "dst.csv", "t", "Europe/Zurich")
    result = ingest.import_file(con, request)
    assert result.status == "imported" and result.rows_rejected == 0
    stored = con.execute("select join_utc::varchar from segments").fetchall()
    assert stored == [("2021-10-31 00:10:00",)]  # read as the summer-time pass (UTC+2)


def test_placeholder_country_falls_back_to_the_platform(con):
    db.load_programme(con, "t", "Europe/Zurich", FIXTURES / "testconf_programme.csv")
    data = zoom(
        [
            row(
                "Ana Silva",
                "ana@x.org",
                "Jun 21, 2021 13:00:00",
                "Jun 21, 2021 14:00:00",
                country="-",
            ),
            row(
                "Bo Chen",
                "bo@x.org",
                "Jun 21, 2021 13:00:00",
                "Jun 21, 2021 14:00:00",
                country="Geneva",
            ),
        ]
    )
    ingest.import_file(con, ImportRequest(data, "na.csv", "t"))
    got = dict(
        con.execute(
            "select pii.first_name, p.iso3 from v_person_profile as p "
            "join person_pii as pii using (person_key)"
        ).fetchall()
    )
    assert got == {"Ana": "KEN", "Bo": None}  # "-" declares nothing; "Geneva" is a city


def test_demo_event_and_bad_time_zone_are_refused(con):
    data = zoom([row("Ana Silva", "ana@x.org", "Jun 21, 2021 13:00:00", "Jun 21, 2021 14:00:00")])
    before = table_checksums(con)
    demo = ingest.import_file(con, ImportRequest(data, "real.csv", "wlpf2021"))
    assert demo.status == "failed" and "synthetic demo" in demo.error
    bad_tz = ingest.import_file(con, ImportRequest(data, "real.csv", "t", "CEST"))
    assert bad_tz.status == "failed" and "Europe/Zurich" in bad_tz.error
    new_event = ingest.import_file(con, ImportRequest(data, "real.csv", "brand_new"))
    assert new_event.status == "failed" and "--tz" in new_event.error
    assert table_checksums(con) == before


def test_same_file_into_another_event_is_imported(con):
    data = zoom([row("Ana Silva", "ana@x.org", "Jun 21, 2021 13:00:00", "Jun 21, 2021 14:00:00")])
    into_t = ImportRequest(data, "a.csv", "t")
    assert ingest.import_file(con, into_t).status == "imported"
    assert ingest.import_file(con, into_t).status == "already_imported"
    into_other = ImportRequest(data, "a.csv", "other", "UTC")
    assert ingest.import_file(con, into_other).status == "imported"


def test_unknown_layout_offers_its_header_for_mapping(con):
    from engagement.model import UnknownLayout

    with pytest.raises(UnknownLayout) as caught:
        data = b"Courriel;Nom;Pays\na@x.example;A;Kenya\n"
        ingest.prepare(con, ImportRequest(data, "x.csv", "t"))
    assert caught.value.header == ["Courriel", "Nom", "Pays"]


def test_transaction_commits_or_leaves_nothing(con):
    add = "insert into events values ('x', 'X', 'UTC', null, null, 'virtual', false)"
    before = table_checksums(con)
    with pytest.raises(RuntimeError, match="half way"), db.transaction(con):
        con.execute(add)
        raise RuntimeError("half way")
    assert table_checksums(con) == before
    with db.transaction(con):
        con.execute(add)
    assert con.execute("select count(*) from events where event_id = 'x'").fetchall() == [(1,)]
