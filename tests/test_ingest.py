"""The import engine on every real sample: exact figures counted by hand, replace, remove.

Every expected number below was counted independently of the parsers: with Python's csv module
and datetime.strptime over the sample bytes (in a scratch session), following the rules written
in notes/metrics.md (a person is a lower-cased e-mail, else a name within the session; bots never
count; minutes are the union of a person's segments). Each figure carries its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import table_checksums

from engagement import db, ingest

SAMPLES = Path(__file__).resolve().parent / "samples"
EVENT = "samples"
TZ = "UTC"  # the exports' wall clock is stored as is: session dates are the files' own dates

ZOOM_ATTENDEE = "zoom_webinar_attendee_2.csv"
ZOOM_REGISTRATION = "zoom_webinar_registration_1.csv"
WEBINAR_ID = "83478664154"  # "834 7866 4154" in both Zoom webinar reports


@dataclass(frozen=True)
class Expected:
    format: str
    registrants: int
    attendees: int
    segments: int
    seconds: int  # sum over people of merged presence (v_presence), in seconds
    day: str | None  # the session's date; None for event-level registration lists


EXPECTED = {
    ZOOM_ATTENDEE: Expected(
        "zoom_webinar_attendee",
        # 948 rows with Registration Time: 944 "approved" + 4 "cancelled by self" -> 944 active
        944,
        # distinct e-mails over host (1), panelist (1) and "Yes" attendee rows, without the
        # Otter.ai/Fireflies note-takers that joined with registrants' links -> 142
        142,
        # 2 host rows + 1 panelist row + 270 attendee rows with Attended=Yes and a Join Time
        273,
        # union of each person's join..leave intervals (the host's 2nd segment lies inside
        # her 1st), summed over the 142 people = 764059 s (12734.3 min)
        764059,
        "2026-04-01",  # Actual Start Time "Apr 1, 2026 2:38 PM"
    ),
    ZOOM_REGISTRATION: Expected(
        "zoom_webinar_registration",
        944,  # 948 data rows: 944 "approved", 4 "cancelled by self"; 948 distinct e-mails
        0,  # a registration report has no attendance
        0,
        0,
        "2026-04-01",  # Scheduled Time "Apr 01, 2026 3:00 PM"
    ),
    "zoom_meeting_participants_detail_1.csv": Expected(
        "zoom_meeting_participants",
        0,  # meeting exports carry no registrations
        397,  # distinct lower-cased User Email over the 2220 rows (every row has one)
        2220,  # 2221 lines minus the header, one join segment per row, none backwards
        4915793,  # merged per e-mail: 81929.9 min
        "2021-05-24",  # every Join Time is 05/24/2021
    ),
    "zoom_meeting_participants_unique_1.csv": Expected(
        "zoom_meeting_participants",
        0,
        30,  # 30 unique-user rows, 30 distinct e-mails
        30,  # one segment per person: meeting start + Total Duration
        50220,  # Total Duration column sums to 837 minutes (one row is 0 minutes)
        "2020-09-01",  # meeting Start Time 09/01/2020 09:03:16 AM
    ),
    "teams_meeting_attendance_v1b_utf16le_1.csv": Expected(
        "teams_attendance",
        0,
        3,  # Blair, Yurany, Sedife (two rows)
        4,  # four participant rows
        5297,  # 914 + 1394 + 49 + 2940 s from the Join/Leave times (not the edited durations)
        "2022-02-18",  # Meeting Start Time 2/18/2022, 2:47:02 PM
    ),
    "teams_meeting_attendance_v1b_utf16le_3.csv": Expected(
        "teams_attendance",
        0,
        22,  # 20 distinct e-mails + 2 "(Invitado)" guests without e-mail, keyed by name
        25,  # 25 participant rows (Uma 3 rows, Lekha 2 rows)
        120795,  # merged per person: 2013.25 min
        "2022-09-16",  # Meeting Start Time 9/16/2022, 5:58:05 PM
    ),
    "teams_meeting_attendance_v1a_fr_utf16le_1.csv": Expected(
        "teams_attendance",
        0,
        6,  # masked e-mails exemple1/3/5/6/7/8 (exemple3 twice)
        7,  # seven rows
        55536,  # 9840 + 8724 (exemple3's two rows overlap) + 9616 + 9556 + 9496 + 8304 s
        "2021-04-13",  # "13/04/2021 à 09:01:31": day-first French date
    ),
    "teams_meeting_attendance_v2_utf16_14.csv": Expected(
        "teams_attendance",
        0,
        7,  # seven people in "3. In-Meeting activities"
        7,  # one row each there
        7730,  # 1166 + 1160 + 1162 + 1159 + 1130 + 1062 + 891 s
        "2022-11-14",  # "14/11/22": day-first (14 > 12)
    ),
    "teams_inmeeting_attendance_list_utf16le_1.csv": Expected(
        "teams_attendance",
        0,
        # 43 distinct names as written; after removing "(Unverified)" and case,
        # "Rasmus Fosu"/"Rasmus Fosu (Unverified)" and "Guido Chiliza (Unverified)"/
        # "guido chiliza (Unverified)" are one person each -> 41
        41,
        # 61 "Joined" events, each opening one segment (49 closed by "Left", 12 still open
        # end at the file's last timestamp 10:40:18 pm)
        61,
        203475,  # merged per person: 3391.25 min
        "2025-02-01",  # "2/1/25, 9:04:01 pm": AM/PM column, tie goes to US month-first
    ),
    "eventbrite_attendee_1.csv": Expected(
        "eventbrite_attendees",
        3,  # three tickets, Attendee Status "Attending", three e-mails
        0,
        0,
        0,
        None,  # Eventbrite registrations are for the whole event, no session
    ),
}


def test_every_sample_has_expected_figures():
    assert sorted(EXPECTED) == sorted(p.name for p in SAMPLES.glob("*.csv"))


def _read(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def request(name: str, data: bytes | None = None, tz: str = TZ) -> ingest.ImportRequest:
    """The sample `name` (or other bytes under that name) into the test event."""
    return ingest.ImportRequest(_read(name) if data is None else data, name, EVENT, tz)


@pytest.fixture
def con(tmp_path):
    con = db.connect(tmp_path / "ingest.duckdb")
    yield con
    con.close()


def _one(con, sql: str, params: dict | None = None):
    return con.execute(sql, params or {}).fetchall()[0][0]


def _session_count(con) -> int:
    """Sessions of the test event (the database also holds the demo event's programme)."""
    return _one(con, "select count(*) from sessions where event_id = $ev", {"ev": EVENT})


def figures(con) -> dict:
    """The five figures, straight from the stored rows and the semantic views."""
    return {
        "registrants": _one(
            con,
            "select count(distinct person_key) from registrations "
            "where status in ('approved', 'pending') and not is_bot",
        ),
        "attendees": _one(con, "select count(distinct person_key) from segments where not is_bot"),
        "segments": _one(con, "select count(*) from segments"),
        "seconds": _one(
            con, "select coalesce(sum(epoch(leave_utc - join_utc)), 0)::bigint from v_presence"
        ),
    }


def assert_figures(con, result: ingest.ImportResult, exp: Expected) -> None:
    assert result.format == exp.format
    assert (result.registrants, result.attendees, result.segments) == (
        exp.registrants,
        exp.attendees,
        exp.segments,
    )
    assert figures(con) == {
        "registrants": exp.registrants,
        "attendees": exp.attendees,
        "segments": exp.segments,
        "seconds": exp.seconds,
    }
    (session,) = result.sessions
    if exp.day is None:
        assert session["session_id"] is None and session["match"] == "event-level"
        assert _session_count(con) == 0
    else:
        day = _one(
            con,
            "select day::varchar from sessions where session_id = $s",
            {"s": session["session_id"]},
        )
        assert day == exp.day


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_import_file(con, name):
    exp = EXPECTED[name]
    result = ingest.import_file(con, request(name))
    assert result.status == "imported", result.error
    assert result.error is None
    assert_figures(con, result, exp)
    stored = con.execute(
        "select file_name, format, status, registrants, attendees, segments from imports"
    ).fetchall()
    assert stored == [(name, exp.format, "active", exp.registrants, exp.attendees, exp.segments)]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_data_page_door_prepare_then_commit(con, name):
    """The Data page previews `prepare` (nothing written), then commits the same object."""
    exp = EXPECTED[name]
    before = table_checksums(con)
    prep = ingest.prepare(con, request(name))
    assert table_checksums(con) == before  # a preview writes nothing
    assert ingest.summarize(prep) == {
        "registrants": exp.registrants,
        "attendees": exp.attendees,
        "segments": exp.segments,
    }
    result = ingest.commit(con, prep, None)
    assert result.status == "imported", result.error
    assert_figures(con, result, exp)


def test_commit_into_the_session_the_organizer_chose(con):
    con.execute(
        "insert into events values ($ev, 'Samples', 'UTC', null, null, 'virtual', false)",
        {"ev": EVENT},
    )
    chosen = _one(
        con,
        "insert into sessions (event_id, title, kind, day, source) "
        "values ($ev, 'Chosen panel', 'panel', '2022-11-14', 'programme') returning session_id",
        {"ev": EVENT},
    )
    name = "teams_meeting_attendance_v2_utf16_14.csv"
    prep = ingest.prepare(con, request(name))
    assert prep.match.how == "new"  # nothing in the programme carries this Teams meeting
    result = ingest.commit(con, prep, chosen)
    assert result.status == "imported"
    assert result.sessions == [{"session_id": chosen, "title": "Chosen panel", "match": "chosen"}]
    assert _session_count(con) == 1  # no session was created
    assert con.execute("select distinct session_id from segments").fetchall() == [(chosen,)]


def test_time_zone_of_the_export_is_honoured(con):
    """Wall-clock times are the exporter's zone: stored in UTC, the session keeps its local date."""
    result = ingest.import_file(con, request(ZOOM_ATTENDEE, tz="Asia/Kolkata"))
    assert result.status == "imported"
    # host's first join "Apr 01, 2026 14:38:06" in UTC+05:30
    assert str(_one(con, "select min(join_utc) from segments")) == "2026-04-01 09:08:06"
    day = _one(con, "select day::varchar from sessions where event_id = $ev", {"ev": EVENT})
    assert day == "2026-04-01"
    assert _one(con, "select timezone from events where event_id = $ev", {"ev": EVENT}) == (
        "Asia/Kolkata"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reimport_is_already_imported_and_changes_nothing(con, name):
    first = ingest.import_file(con, request(name))
    assert first.status == "imported"
    before = table_checksums(con)
    again = ingest.import_file(con, request(f"copy of {name}", _read(name)))
    assert again.status == "already_imported"
    assert again.import_id == first.import_id
    assert table_checksums(con) == before
    # the Data page door says the same when the same bytes are committed twice
    prep = ingest.prepare(con, request(name))
    assert ingest.commit(con, prep).status == "already_imported"
    assert table_checksums(con) == before


# --- a newer export of the same webinar replaces the older one ----------------------------------
DROPPED_LINES = (14, 15, 16, 23)  # 1-based lines of the attendee sample dropped from the newer
NEWER = Expected(
    "zoom_webinar_attendee",
    940,  # 944 minus Qaim, Borys, Jodi (registered, did not attend) and Kiara (attended)
    141,  # 142 minus Kiara, whose only segment was line 23
    272,  # 273 minus Kiara's one segment
    764059 - 11094,  # minus Kiara's 15:01:53 -> 18:06:47 (3 h 4 min 54 s)
    "2026-04-01",
)


def newer_export() -> bytes:
    lines = _read(ZOOM_ATTENDEE).split(b"\n")
    assert lines[1] == b'Report generated time,"Apr 04, 2026 12:18 PM"'
    assert lines[22].startswith(b"Yes,Kiara Meurisse,")
    assert all(lines[n - 1].startswith(b"No,") for n in DROPPED_LINES[:3])
    lines[1] = b'Report generated time,"Apr 05, 2026 09:00 AM"'
    return b"\n".join(line for n, line in enumerate(lines, 1) if n not in DROPPED_LINES)


def test_newer_export_replaces_the_older(con):
    old = ingest.import_file(con, request(ZOOM_ATTENDEE))
    assert old.status == "imported"
    new = ingest.import_file(con, request("attendee_83478664154_newer.csv", newer_export()))
    assert new.status == "replaced", new.error
    assert new.replaced_import_id == old.import_id
    assert new.sessions[0]["session_id"] == old.sessions[0]["session_id"]
    assert new.sessions[0]["match"] == "external_id"
    assert_figures(con, new, NEWER)
    assert con.execute(
        "select import_id, status, replaced_by from imports order by 1"
    ).fetchall() == [
        (old.import_id, "replaced", new.import_id),
        (new.import_id, "active", None),
    ]
    assert _session_count(con) == 1
    # personal data of the four people only the older export held is gone: 950 - 4
    assert _one(con, "select count(*) from person_pii") == 946


def test_older_export_after_a_newer_one_fails_and_changes_nothing(con):
    new = ingest.import_file(con, request("newer.csv", newer_export()))
    assert new.status == "imported"
    before = table_checksums(con)
    old = ingest.import_file(con, request(ZOOM_ATTENDEE))
    assert old.status == "failed"
    assert "generated later" in old.error and "older export was not imported" in old.error
    assert f"import #{new.import_id}" in old.error and "Remove that import" in old.error
    assert table_checksums(con) == before
    assert_figures(con, new, NEWER)


# --- remove ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_remove_import_takes_everything_it_brought(con, name):
    before = table_checksums(con)
    result = ingest.import_file(con, request(name))
    assert result.status == "imported"
    created = result.sessions[0]["session_id"]
    if created is not None:
        assert _one(con, "select source from sessions where session_id = $s", {"s": created}) == (
            "import"
        )
    assert ingest.remove_import(con, result.import_id) is True
    after = table_checksums(con)
    # the event the import created stays (an organizer may import more files into it); the
    # audit log holds the import and the removal
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= {"events", "audit_log"}, changed
    assert _session_count(con) == 0  # the created session is gone
    assert ingest.remove_import(con, result.import_id) is False  # nothing left to remove


def test_remove_keeps_what_other_imports_share(con):
    """Registration report first, attendee report into the same session, then remove the latter."""
    reg = ingest.import_file(con, request(ZOOM_REGISTRATION))
    assert reg.status == "imported"
    before = table_checksums(con)
    att = ingest.import_file(con, request(ZOOM_ATTENDEE))
    assert att.status == "imported"
    assert att.sessions[0]["session_id"] == reg.sessions[0]["session_id"]  # the session is shared
    assert ingest.remove_import(con, att.import_id)
    after = table_checksums(con)
    assert after.pop("audit_log") != before.pop("audit_log")  # the import and its removal
    assert after == before  # incl. sessions: the shared one stays
    assert _session_count(con) == 1


# --- one webinar, two reports --------------------------------------------------------------------
@pytest.mark.parametrize("order", ["registration first", "attendee first"])
def test_registration_and_attendee_reports_make_one_session(con, order):
    names = [ZOOM_REGISTRATION, ZOOM_ATTENDEE]
    if order == "attendee first":
        names.reverse()
    results = [ingest.import_file(con, request(n)) for n in names]
    assert [r.status for r in results] == ["imported", "imported"]
    assert results[1].sessions[0]["match"] == "external_id"
    assert {r.sessions[0]["session_id"] for r in results} == {results[0].sessions[0]["session_id"]}
    sessions = "select external_id, day::varchar from sessions where event_id = $ev"
    assert con.execute(sessions, {"ev": EVENT}).fetchall() == [(WEBINAR_ID, "2026-04-01")]
    # the same 948 e-mails registered in both files; 944 of them are not cancelled
    assert figures(con) == {
        "registrants": 944,
        "attendees": 142,
        "segments": 273,
        "seconds": 764059,
    }
    # 948 registrants + the host and the panelist, who never registered
    assert _one(con, "select count(*) from people") == 950


def test_same_email_in_another_case_is_one_person(con):
    """Registration report with every address upper-cased, attendee report as exported."""
    text = _read(ZOOM_REGISTRATION).decode("utf-8-sig")
    shouted = re.sub(r"[^,\s]+@[^,\s]+", lambda m: m.group(0).upper(), text)
    assert shouted != text and "QAIM.POPESCU.358@EXAMPLE.ORG" in shouted
    reg = ingest.import_file(con, request("regs.csv", shouted.encode("utf-8-sig")))
    att = ingest.import_file(con, request(ZOOM_ATTENDEE))
    assert (reg.status, att.status) == ("imported", "imported")
    assert _one(con, "select count(*) from people") == 950  # not 948 + 950
    assert _one(con, "select count(*) from people where key_basis = 'email'") == 950
    # every attendee who registered is found among the registrants (all but host and panelist)
    assert (
        _one(
            con,
            "select count(distinct person_key) from segments where not is_bot "
            "and person_key not in (select person_key from registrations)",
        )
        == 2
    )
    # the Teams report's mixed-case addresses meet the lower-case ones of another file
    teams = "teams_meeting_attendance_v2_utf16_14.csv"
    ingest.import_file(con, request(teams))
    lower = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
        "Eszter Kirimi,eszter.kirimi.542@rivergrove.aero,11/14/2022 10:00:00 AM,"
        "11/14/2022 10:30:00 AM,30,No\n"
    )
    other = ingest.import_file(con, request("zoom.csv", lower.encode()))
    assert other.status == "imported", other.error
    assert (
        _one(
            con,
            "select count(distinct person_key) from segments "
            "where person_key in (select person_key from person_pii "
            "where email = 'eszter.kirimi.542@rivergrove.aero')",
        )
        == 1
    )
    assert _one(con, "select count(*) from person_pii where email ilike 'eszter.kirimi%'") == 1
