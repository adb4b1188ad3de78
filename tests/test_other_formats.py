"""Teams, Eventbrite, Indico, Webex and generic-mapping parsers: real samples, exact figures.

Figures for the real samples were counted independently of the parsers, by reading each file
with Python's csv module and strptime in a scratch session; each has a one-line reason.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import unicodedata
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from engagement.decode import decode_file
from engagement.formats import eventbrite, generic, indico, teams, webex
from engagement.model import (
    REGISTRATION_COLUMNS,
    REGISTRATION_STATUSES,
    REJECT_COLUMNS,
    ROLES,
    SEGMENT_COLUMNS,
    BadFileError,
)

SAMPLES = Path(__file__).parent / "samples"
MINE = (teams, eventbrite, indico, webex)
TS = pd.Timestamp


def load(name: str):
    path = SAMPLES / name
    assert path.exists(), f"committed sample {name} is missing from tests/samples"
    return decode_file(path.read_bytes(), name)


def decoded(data: bytes, name: str = "upload.csv"):
    return decode_file(data, name)


def utf16(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")


def norm_name(value: str) -> str:
    # The lead's person rule (engagement.ingest.normalize_name), restated here on purpose.
    text = unicodedata.normalize("NFKD", value).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace(",", " ").split())


def people(frame: pd.DataFrame) -> set[str]:
    """Distinct people: lower-cased e-mail, or the normalized name when there is no e-mail."""
    return {
        e.lower() if e else "name:" + norm_name(n)
        for e, n in zip(frame["email"], frame["name"], strict=True)
    }


def clock_minutes(segs: pd.DataFrame) -> float:
    return round((segs["leave_at"] - segs["join_at"]).dt.total_seconds().sum() / 60, 4)


def union_minutes(segs: pd.DataFrame) -> float:
    """Minutes attended: per person, the length of the union of their segments."""
    total = 0.0
    keyed = segs.assign(
        key=[
            e.lower() if e else norm_name(n)
            for e, n in zip(segs["email"], segs["name"], strict=True)
        ]
    )
    for _, g in keyed.sort_values("join_at").groupby("key"):
        end = None
        for s, e in zip(g["join_at"], g["leave_at"], strict=True):
            if end is None or s > end:
                total += (e - s).total_seconds()
                end = e
            elif e > end:
                total += (e - end).total_seconds()
                end = e
    return round(total / 60, 4)


def check_contract(report) -> None:
    assert tuple(report.segments.columns) == SEGMENT_COLUMNS
    assert tuple(report.registrations.columns) == REGISTRATION_COLUMNS
    assert tuple(report.rejects.columns) == REJECT_COLUMNS
    assert set(report.segments["role"]) <= set(ROLES)
    assert set(report.registrations["status"]) <= set(REGISTRATION_STATUSES)
    if len(report.segments):
        assert report.segments["join_at"].notna().all()
        assert (report.segments["leave_at"] >= report.segments["join_at"]).all()
        assert report.segments["line"].is_unique
    for frame in (report.registrations, report.segments):
        if len(frame):
            assert frame["line"].dtype == "int64"


# ---------------------------------------------------------------------------------------------
# Detection: every sample is claimed by exactly its own parser (content only)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, owner",
    [
        ("teams_inmeeting_attendance_list_utf16le_1.csv", teams),
        ("teams_meeting_attendance_v1a_fr_utf16le_1.csv", teams),
        ("teams_meeting_attendance_v1b_utf16le_1.csv", teams),
        ("teams_meeting_attendance_v1b_utf16le_3.csv", teams),
        ("teams_meeting_attendance_v2_utf16_14.csv", teams),
        ("eventbrite_attendee_1.csv", eventbrite),
        ("zoom_webinar_attendee_2.csv", None),
        ("zoom_webinar_registration_1.csv", None),
        ("zoom_meeting_participants_detail_1.csv", None),
        ("zoom_meeting_participants_unique_1.csv", None),
    ],
)
def test_each_sample_is_detected_by_its_own_parser_only(name, owner):
    text = load(name).text
    claimed = [m for m in MINE if m.detect(text)]
    assert claimed == ([owner] if owner else [])


# ---------------------------------------------------------------------------------------------
# Teams, real samples
# ---------------------------------------------------------------------------------------------


def test_teams_legacy_event_log_is_paired_into_segments():
    d = load("teams_inmeeting_attendance_list_utf16le_1.csv")
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    assert r.format == "teams_attendance" and d.encoding == "utf-16-le"
    # 61 'Joined' rows, each opens one segment (no repeated joins in this file)
    assert len(segs) == 61
    # 43 distinct names as written; 41 people once '(Unverified)' is stripped and case folded
    # ('Rasmus Fosu' + 'Rasmus Fosu (Unverified)', 'Guido Chiliza' + 'guido chiliza')
    assert segs["name"].nunique() == 42
    assert len(people(segs)) == 41
    # 30 of the 61 segments belong to names carrying '(Unverified)'
    assert int(segs["is_guest"].sum()) == 30
    assert "Ifora Magyar" in set(segs["name"])  # double space before the marker collapsed
    # the log has no roles and no e-mails
    assert set(segs["role"]) == {"attendee"} and set(segs["email"]) == {""}
    # 12 joins have no later 'Left' (e.g. 'Noel Mosquera', last 'LARA' join) -> end of file
    assert (segs["leave_at"] == TS("2025-02-01 22:40:18")).sum() == 14  # 12 open + 2 real
    assert any("12 'Joined' event(s) without a later 'Left'" in n for n in r.notes)
    # sum of leave - join over the 61 segments (csv + strptime, same pairing rule)
    assert clock_minutes(segs) == 3391.9667
    # union per person is a little less: the merged duplicates above overlap
    assert union_minutes(segs) == 3391.25
    # first row of the file; '2/1/25' with 'pm' is month-first by timeparse's AM/PM tie rule
    assert segs["join_at"].min() == TS("2025-02-01 21:04:01")
    assert r.meeting.topic is None and r.meeting.actual_start is None
    # Charity Laith Olaiya: Joined 9:04:07, Left 9:05:26, Joined 9:07:07, Left 10:40:17
    charity = segs[segs["name"] == "Charity Laith Olaiya"]
    assert list(charity["line"]) == [6, 8]
    assert list(charity["leave_at"]) == [TS("2025-02-01 21:05:26"), TS("2025-02-01 22:40:17")]


def test_teams_v1a_french_meeting_summary():
    d = load("teams_meeting_attendance_v1a_fr_utf16le_1.csv")
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    # 7 participant rows under the 'Nom complet' header
    assert len(segs) == 7
    # 6 distinct e-mails (exemple3 appears twice)
    assert len(people(segs)) == 6
    # 1 Organisateur, 6 Présentateur
    assert segs["role"].value_counts().to_dict() == {"presenter": 6, "host": 1}
    assert int(segs["is_guest"].sum()) == 0
    # 'Titre de la réunion<TAB>null' means no title
    assert r.meeting.topic is None
    # 'Heure de début de la réunion<TAB>13/04/2021 à 09:01:31'
    assert r.meeting.actual_start == TS("2021-04-13 09:01:31")
    assert r.meeting.actual_end == TS("2021-04-13 14:03:31")
    assert r.meeting.extra == {"Nombre total de participants": "7"}
    # NBSP durations: 2 h 44 m x4 + 2 h 25 m x3 = 656 + 435 minutes
    assert segs["minutes_reported"].sum() == 1091
    # leave - join summed over the 7 rows
    assert clock_minutes(segs) == 1070.0
    assert union_minutes(segs) == 925.6
    assert segs["join_at"].min() == TS("2021-04-13 09:01:31")
    assert list(segs["line"]) == list(range(8, 15))  # header on line 7


def test_teams_v1b_english_meeting_summary():
    d = load("teams_meeting_attendance_v1b_utf16le_1.csv")
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    # 4 rows; Sedife Michalka has two
    assert len(segs) == 4 and len(people(segs)) == 3
    # Presenter x1, Attendee x3
    assert segs["role"].value_counts().to_dict() == {"attendee": 3, "presenter": 1}
    assert r.meeting.topic.startswith("Get to know your Tech Centers: Aachen, Germany")
    assert r.meeting.external_id == "526e86af-c841-4ac8-906d-d9be3158549f"
    assert r.meeting.actual_start == TS("2022-02-18 14:47:02")
    assert r.meeting.extra == {"Total Number of Participants": "291"}
    # 1h 15m + 14s + 49s + 48m 59s (author-edited durations, inconsistent with the times)
    assert round(segs["minutes_reported"].sum(), 4) == 125.0333
    assert clock_minutes(segs) == 88.2833
    assert union_minutes(segs) == 88.2833
    assert segs["join_at"].min() == TS("2022-02-18 14:47:02")


def test_teams_v1b_guests_and_organizer():
    d = load("teams_meeting_attendance_v1b_utf16le_3.csv")
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    # 25 participant rows; Uma Claire Ortiz x3 and Lekha Omosalewa Vill x2 -> 22 people
    assert len(segs) == 25 and len(people(segs)) == 22
    # Organizer x1, Presenter x24
    assert segs["role"].value_counts().to_dict() == {"presenter": 24, "host": 1}
    # two '(Invitado)' rows, both with empty Email and UPN
    guests = segs[segs["is_guest"].astype(bool)]
    assert sorted(guests["name"]) == ["Chloé Besson", "ismo rijntjes"]
    assert set(guests["email"]) == {""}
    assert round(segs["minutes_reported"].sum(), 4) == 2004.4167
    assert clock_minutes(segs) == 2013.25
    assert union_minutes(segs) == 2013.25
    assert r.meeting.topic == "General"
    assert r.meeting.actual_start == TS("2022-09-16 17:58:05")
    assert segs["join_at"].min() == TS("2022-09-16 17:58:05")


def test_teams_v2_numbered_sections_use_section_3():
    d = load("teams_meeting_attendance_v2_utf16_14.csv")
    assert d.encoding == "utf-16-be"
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    # section 3 has 7 rows (lines 21-27), one per person
    assert list(segs["line"]) == list(range(21, 28))
    assert len(people(segs)) == 7
    # Organizer x1, Presenter x6
    assert segs["role"].value_counts().to_dict() == {"presenter": 6, "host": 1}
    # '(EXT)' is an external marker: stripped, not a guest
    assert segs["name"].iloc[0] == "NIINA VRHOVEC" and not segs["is_guest"].any()
    assert r.meeting.topic == "Scrum Meeting"
    # 'Start time<TAB>14/11/22, 09:29:07' (day-first: 14 cannot be a month)
    assert r.meeting.actual_start == TS("2022-11-14 09:29:07")
    assert r.meeting.duration_minutes == pytest.approx(21 + 7 / 60)  # 'Meeting duration 21m 7s'
    assert r.meeting.extra == {"Attended participants": "7", "Average attendance time": "18m 24s"}
    assert round(segs["minutes_reported"].sum(), 4) == 128.7667
    assert clock_minutes(segs) == 128.8333
    assert segs["join_at"].min() == TS("2022-11-14 09:30:46")
    assert "Jelínek Bergljót, Ilga" in set(segs["name"])


# ---------------------------------------------------------------------------------------------
# Teams, synthetic variants
# ---------------------------------------------------------------------------------------------

EXCEL_RESAVE = (
    "Meeting Summary;;;;;;\r\n"
    "Total Number of Participants;5;;;;;\r\n"
    '"Meeting Title";"Regional consultation; Africa";;;;;\r\n'
    "Meeting Start Time;25/04/2022 08:22;;;;;\r\n"
    "Meeting End Time;25/04/2022 10:16;;;;;\r\n"
    "Meeting Id;bf2dbe01-58bd-491d-b4a6-7e9bacabbeb1;;;;;\r\n"
    ";;;;;;\r\n"
    "Full Name;Join Time;Leave Time;Duration;Email;Role;Participant ID (UPN)\r\n"
    "Ana Souza;25/04/2022 08:22;25/04/2022 09:00;38m;ana.souza@example.org;Organizer;"
    "ana.souza@example.org\r\n"
    "Ana Souza;25/04/2022 09:05;25/04/2022 10:16;1h 11m;ana.souza@example.org;Organizer;"
    "ana.souza@example.org\r\n"
    "Jean Dupont (Guest);25/04/2022 08:30;25/04/2022 10:00;1h 30m;;Attendee;\r\n"
    "Kofi Mensah;25/04/2022 08:40;25/04/2022 09:40;1h;;Presenter;kofi.mensah@example.org\r\n"
    "Lee Wong;25/04/2022 08:45;25/04/2022 09:15;30m;;Attendee;"
    "lee.wong_partner.org#EXT#@who.onmicrosoft.com\r\n"
    "Broken Row;25/04/2022 xx;25/04/2022 09:15;30m;b@example.org;Attendee;\r\n"
)


def test_teams_excel_resave_utf8_semicolon():
    d = decoded(codecs.BOM_UTF8 + EXCEL_RESAVE.encode("utf-8"), "meetingAttendanceReport.csv")
    assert teams.detect(d.text) and not any(m.detect(d.text) for m in MINE if m is not teams)
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    assert len(segs) == 5
    assert r.meeting.topic == "Regional consultation; Africa"
    assert r.meeting.actual_start == TS("2022-04-25 08:22")
    assert r.meeting.external_id == "bf2dbe01-58bd-491d-b4a6-7e9bacabbeb1"
    # Kofi: Email empty, plain UPN -> used; Lee: '#EXT#' UPN -> not used; guest: nothing
    assert list(segs["email"]) == [
        "ana.souza@example.org",
        "ana.souza@example.org",
        "",
        "kofi.mensah@example.org",
        "",
    ]
    assert list(segs["is_guest"]) == [False, False, True, False, False]
    assert segs["name"].iloc[2] == "Jean Dupont"
    assert list(segs["role"]) == ["host", "host", "attendee", "presenter", "attendee"]
    assert segs["minutes_reported"].sum() == 38 + 71 + 90 + 60 + 30
    assert len(people(segs)) == 4
    assert r.rejects.to_dict("records") == [
        {
            "line": 14,
            "reason": "join time '25/04/2022 xx' is not a date/time in this file's format",
            "raw": "Broken Row;25/04/2022 xx;25/04/2022 09:15;30m;b@example.org;Attendee;",
        }
    ]


PT_BR_LOG = (
    "Nome Completo\tAtividade\tData e hora\n"
    "Ana Lima\tEntrou\t09/03/2021 07:59:50\n"
    "Bruno Costa (Convidado)\tEntrou\t09/03/2021 08:01:00\n"
    "Ana Lima\tSaiu\t09/03/2021 08:30:00\n"
    "Carla Dias\tSaiu\t09/03/2021 08:10:00\n"
    "Ana Lima\tEntrou\t09/03/2021 08:35:00\n"
    "Bruno Costa (Convidado)\tEntrou\t09/03/2021 08:02:00\n"
    "Bruno Costa (Convidado)\tSaiu\t09/03/2021 09:00:00\n"
    "Dora Reis\tAcenou\t09/03/2021 08:40:00\n"
)


def test_teams_pt_br_legacy_list():
    d = decoded(utf16(PT_BR_LOG), "meetingAttendanceList.csv")
    assert teams.detect(d.text)
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments.sort_values(["name", "join_at"]).reset_index(drop=True)
    got = [
        (n, str(j), str(lv), g)
        for n, j, lv, g in zip(
            segs["name"], segs["join_at"], segs["leave_at"], segs["is_guest"], strict=True
        )
    ]
    # 24-hour day/month values: timeparse reads them day-first (9 March 2021)
    assert got == [
        ("Ana Lima", "2021-03-09 07:59:50", "2021-03-09 08:30:00", False),
        # open join: ends at the last timestamp of the file
        ("Ana Lima", "2021-03-09 08:35:00", "2021-03-09 09:00:00", False),
        # second 'Entrou' while present is ignored; the first join is kept
        ("Bruno Costa", "2021-03-09 08:01:00", "2021-03-09 09:00:00", True),
        # 'Saiu' with no earlier join: present since the first timestamp of the file
        ("Carla Dias", "2021-03-09 07:59:50", "2021-03-09 08:10:00", False),
    ]
    assert r.rejects[["line", "reason"]].to_dict("records") == [
        {"line": 9, "reason": "action 'Acenou' is neither a join nor a leave"}
    ]
    assert len(r.notes) == 3


V2_PREMIUM = (
    "1. Summary\n"
    "Meeting title\tWLPF side event: local production\n"
    "Attended participants\t3\n"
    "Start time\t7/22/26, 7:00:11\u202fPM\n"
    "End time\t7/22/26, 8:10:00\u202fPM\n"
    "Meeting duration\t1h 9m 49s\n"
    "Average attendance time\t45m\n"
    "\n"
    "2. Participants\n"
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\t"
    "Engagement: Reaction-Applause\tEngagement: Unmute\n"
    "Amina Diallo\t7/22/26, 7:00:11\u202fPM\t7/22/26, 8:10:00\u202fPM\t1h 4m 49s\t"
    "amina.diallo@who.int\tamina.diallo@who.int\tOrganizer\t2\t5\n"
    "Pedro Alves (Guest)\t7/22/26, 7:05:00\u202fPM\t7/22/26, 7:50:00\u202fPM\t45m\t\t\tAttendee\n"
    "Sara Ali\t7/22/26, 7:10:00\u202fPM\t7/22/26, 8:00:00\u202fPM\t50m\tsara.ali@example.org\t"
    "sara.ali@example.org\tPresenter\t0\t1\n"
    "\n"
    "3. In-Meeting Activities\n"
    "NAME\tJOIN TIME\tLEAVE TIME\tDURATION\tEMAIL\tROLE\tEngagement: Chat\n"
    "Amina Diallo\t7/22/26, 7:00:11\u202fPM\t7/22/26, 7:30:00\u202fPM\t29m 49s\t"
    "amina.diallo@who.int\tOrganizer\t3\n"
    "Amina Diallo\t7/22/26, 7:35:00\u202fPM\t7/22/26, 8:10:00\u202fPM\t35m\tamina.diallo@who.int\t"
    "Organizer\n"
    "Pedro Alves (Guest)\t7/22/26, 7:05:00\u202fPM\t7/22/26, 7:50:00\u202fPM\t45m\n"
    "Sara Ali\t7/22/26, 7:10:00\u202fPM\t7/22/26, 8:00:00\u202fPM\t50m\tsara.ali@example.org\t"
    "Presenter\t0\n"
    "\n"
    "4. Meeting Engagement\n"
    "Name\tJoin time\tLeave time\tReactions\n"
    "Amina Diallo\t7/22/26, 7:00:11\u202fPM\t7/22/26, 8:10:00\u202fPM\t3\n"
)


def test_teams_v2_with_engagement_columns_and_a_fourth_section():
    d = decoded(utf16(V2_PREMIUM))
    assert teams.detect(d.text)
    r = teams.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    # the four section-3 rows (lines 17-20); section 4 ignored though it looks like a table
    assert list(segs["line"]) == [17, 18, 19, 20]
    assert list(segs["name"]) == ["Amina Diallo", "Amina Diallo", "Pedro Alves", "Sara Ali"]
    # Pedro's row stops after Duration: no e-mail, no role (-> attendee), still a segment
    assert list(segs["email"]) == ["amina.diallo@who.int"] * 2 + ["", "sara.ali@example.org"]
    assert list(segs["role"]) == ["host", "host", "attendee", "presenter"]
    assert list(segs["is_guest"]) == [False, False, True, False]
    assert r.meeting.topic == "WLPF side event: local production"
    assert r.meeting.actual_start == TS("2026-07-22 19:00:11")
    assert r.meeting.duration_minutes == pytest.approx(69 + 49 / 60)
    assert round(segs["minutes_reported"].sum(), 4) == round(29 + 49 / 60 + 35 + 45 + 50, 4)
    assert r.rejects.empty and r.notes == []


def test_teams_v2_without_section_3_uses_first_join_last_leave():
    text = V2_PREMIUM.split("\n3. In-Meeting")[0] + "\n"
    r = teams.parse(text, "utf-8")
    check_contract(r)
    segs = r.segments
    assert list(segs["line"]) == [11, 12, 13]  # one row per person from section 2
    assert segs["leave_at"].iloc[0] == TS("2026-07-22 20:10:00")
    assert segs["minutes_reported"].iloc[0] == pytest.approx(64 + 49 / 60)
    assert any("first join to their last leave" in n for n in r.notes)


def test_teams_guest_and_external_suffixes():
    names = pd.Series(
        [
            "A (Guest)",
            "B (Invitado)",
            "C (Unverified)",
            "D (External)",
            "E (Non vérifié)",
            "F (Gast)",
            "G",
            "H (Finance)",
        ]
    )
    name, guest = teams.strip_suffixes(names)
    assert list(name) == ["A", "B", "C", "D", "E", "F", "G", "H (Finance)"]
    assert list(guest) == [True, True, True, False, True, True, False, False]


def test_teams_parse_refuses_text_without_a_participant_table():
    with pytest.raises(BadFileError, match="Microsoft Teams"):
        teams.parse("Meeting Summary\nMeeting Title\tX\n", "utf-8")


# ---------------------------------------------------------------------------------------------
# Eventbrite
# ---------------------------------------------------------------------------------------------


def test_eventbrite_sample():
    d = load("eventbrite_attendee_1.csv")
    r = eventbrite.parse(d.text, d.encoding)
    check_contract(r)
    regs = r.registrations
    assert r.event_level_registrations and r.segments.empty and r.rejects.empty
    # three data rows, three distinct e-mails, all 'Attending'
    assert len(regs) == 3 and len(people(regs)) == 3
    assert set(regs["status"]) == {"approved"} and set(regs["status_raw"]) == {"Attending"}
    # 'Order Date' 11/29/24 22:28 (M/D/YY H:MM)
    assert list(regs["registered_at"]) == [
        TS("2024-11-29 22:28"),
        TS("2024-11-29 22:54"),
        TS("2024-11-29 06:24"),
    ]
    assert list(regs["organization"]) == ["Company1Name", "Company2Name", "Company3Name"]
    assert list(regs["job_title"]) == ["JobTitle1", "Job2Title", "Job3Title"]
    assert list(regs["name"]) == ["Judith Sutt", "Wahab Sutt", "Adrienne Barbieux"]
    assert set(regs["country_raw"]) == {""}  # Home Country is empty in every row
    # custom questions only, non-empty answers only (row 1 has 5 of the 7 answered)
    assert json.loads(regs["answers"].iloc[0]) == {
        "How did you hear about this event?": "CNSV Email",
        "Are you a consultant?": "Yes",
        "Are you an IEEE member?": "No",
        "Are you an IEEE-CNSV Member?": "No",
        "Where are you located (city+state or city+country)": "City1, CA",
    }
    assert list(regs["line"]) == [2, 3, 4]


EVENTBRITE_2013 = (
    '"Attendee #","Date","Last Name","First Name","Email","QTY","Ticket Type","Date Attending",'
    '"Order #","Order Type","Amount (USD)","Fees Paid (USD)","Attendee Status","Home Country",'
    '"Organisation type","Gender","Company"\n'
    '"11111111111","2013-06-12 09:15:00","Okafor","Ngozi","ngozi@example.ng","1","General",'
    '"2013-07-01 09:00:00","22222222222","PayPal Completed","0.00","0.00","Checked In","Nigeria",'
    '"NGO","Female","Health Access"\n'
    '"11111111112","2013-06-13 10:00:00","Smith","John","john@example.co.uk","1","General",'
    '"2013-07-01 09:00:00","22222222223","Free Order","0.00","0.00","Refunded","United Kingdom",'
    '"Private sector","Male","Pharma Ltd"\n'
    '"11111111113","2013-06-14 11:00:00","Rossi","Maria","maria@example.it","1","General",'
    '"2013-07-01 09:00:00","22222222224","Free Order","0.00","0.00","Waitlisted","Italy",'
    '"","",""\n'
)


def test_eventbrite_2013_quoted_layout_statuses_and_questions():
    d = decoded(EVENTBRITE_2013.encode("utf-8"))
    assert eventbrite.detect(d.text)
    r = eventbrite.parse(d.text, d.encoding)
    check_contract(r)
    regs = r.registrations
    assert list(regs["status"]) == ["approved", "cancelled", "approved"]
    assert list(regs["status_raw"]) == ["Checked In", "Refunded", "Waitlisted"]
    assert any("Waitlisted" in n for n in r.notes)
    assert list(regs["org_type_raw"]) == ["NGO", "Private sector", ""]
    assert list(regs["gender_raw"]) == ["Female", "Male", ""]
    assert list(regs["country_raw"]) == ["Nigeria", "United Kingdom", "Italy"]
    assert regs["registered_at"].iloc[0] == TS("2013-06-12 09:15")
    assert set(regs["answers"]) == {"{}"}  # nothing but standard fields


def test_eventbrite_italian_header_semicolon():
    text = (
        "Ordine n.;Data ordine;Nome;Cognome;Indirizzo e-mail;Tipologia biglietto;"
        "Stato partecipante;Paese;Azienda;Titolo professionale;Settore di attività\n"
        "123;15/03/2024 10:30;Giulia;Bianchi;giulia@example.it;Ingresso;Attending;Italia;"
        "Farmaco SpA;Direttrice;Industria\n"
    )
    assert eventbrite.detect(text)
    r = eventbrite.parse(text, "utf-8")
    row = r.registrations.iloc[0]
    assert (row["email"], row["name"], row["organization"], row["job_title"]) == (
        "giulia@example.it",
        "Giulia Bianchi",
        "Farmaco SpA",
        "Direttrice",
    )
    assert row["registered_at"] == TS("2024-03-15 10:30")
    assert row["country_raw"] == "Italia"
    # the question asks the sector, so it is the organisation type, not a free answer
    assert (row["org_type_raw"], row["answers"]) == ("Industria", "{}")


# ---------------------------------------------------------------------------------------------
# Indico
# ---------------------------------------------------------------------------------------------

INDICO_CSV = (
    "ID,Name,First Name,Last Name,Email Address,Affiliation,Country,Position,"
    "Type of organization,Gender,Dietary needs,Dietary needs,Phone Number,Registration date,"
    "Registration state,Checked in\r\n"
    "1,Amina Diallo,Amina,Diallo,amina@example.org,Ministry of Health,Senegal,Director,"
    "Government,Female,Vegetarian,,41 22 791 2111,2024-05-02 09:15:30.123456+00:00,Completed,"
    "Yes\r\n"
    '2,Hans Müller,Hans,Müller,hans@example.de,"Pharma GmbH, Berlin",Germany,CEO,'
    "Private sector,Male,,Halal,,2024-05-03 10:00:00+00:00,Pending,No\r\n"
    "3,Ana Souza,Ana,Souza,ana@example.br,Fiocruz,Brazil,Researcher,Academia,,NA,,,"
    "2024-05-04 11:30:00.500000+00:00,Rejected,No\r\n"
    "4,Li Wei,Li,Wei,li@example.cn,,Namibia,,,,,,,2024-05-05 08:00:00+00:00,Withdrawn,No\r\n"
    "5,Kofi Mensah,Kofi,Mensah,kofi@example.gh,KNUST,Ghana,,,,,,,2024-05-06 12:00:00+00:00,"
    "Awaiting payment,No\r\n"
    "6,,,,,,,,,,,,,2024-05-06 12:00:00+00:00,Completed,No\r\n"
)


def test_indico_csv():
    d = decoded(codecs.BOM_UTF8 + INDICO_CSV.encode("utf-8"), "registrations.csv")
    assert indico.detect(d.text) and not eventbrite.detect(d.text) and not teams.detect(d.text)
    r = indico.parse(d.text, d.encoding)
    check_contract(r)
    regs = r.registrations
    assert r.event_level_registrations and r.segments.empty
    assert list(regs["status"]) == ["approved", "pending", "denied", "cancelled", "pending"]
    assert list(regs["organization"]) == [
        "Ministry of Health",
        "Pharma GmbH, Berlin",
        "Fiocruz",
        "",
        "KNUST",
    ]
    assert list(regs["org_type_raw"])[:3] == ["Government", "Private sector", "Academia"]
    assert list(regs["gender_raw"])[:2] == ["Female", "Male"]
    assert list(regs["job_title"])[:2] == ["Director", "CEO"]
    # aware UTC datetimes stay aware
    assert str(regs["registered_at"].dt.tz) == "UTC"
    assert regs["registered_at"].iloc[0] == TS("2024-05-02 09:15:30.123456", tz="UTC")
    # duplicate question titles keep both answers; phone and static columns are not copied
    assert json.loads(regs["answers"].iloc[0]) == {"Dietary needs": "Vegetarian"}
    assert json.loads(regs["answers"].iloc[1]) == {"Dietary needs (2)": "Halal"}
    assert json.loads(regs["answers"].iloc[2]) == {"Dietary needs": "NA"}  # not NaN
    # the empty row 6 (line 7) has neither e-mail nor name
    assert r.rejects[["line", "reason"]].to_dict("records") == [
        {"line": 7, "reason": "no e-mail and no name"}
    ]


def test_indico_xlsx_through_decode():
    import datetime as dt

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "ID",
            "Name",
            "First Name",
            "Last Name",
            "Email Address",
            "Affiliation",
            "Country",
            "Registration date",
            "Registration state",
        ]
    )
    ws.append(
        [
            7,
            "Amina Diallo",
            "Amina",
            "Diallo",
            "amina@example.org",
            "MoH",
            "Senegal",
            dt.datetime(2024, 5, 2, 11, 15),
            "Completed",
        ]
    )
    ws.append(
        [
            8,
            "Li Wei",
            "Li",
            "Wei",
            "li@example.cn",
            None,
            "China",
            dt.datetime(2024, 5, 5, 10, 0),
            "Withdrawn",
        ]
    )
    buf = io.BytesIO()
    wb.save(buf)
    d = decode_file(buf.getvalue(), "registrations.xlsx")
    assert d.kind == "xlsx" and indico.detect(d.text)
    r = indico.parse(d.text, d.encoding)
    check_contract(r)
    regs = r.registrations
    # XLSX times are naive event-local times
    assert list(regs["registered_at"]) == [TS("2024-05-02 11:15"), TS("2024-05-05 10:00")]
    assert regs["registered_at"].dt.tz is None
    assert list(regs["status"]) == ["approved", "cancelled"]
    assert list(regs["email"]) == ["amina@example.org", "li@example.cn"]
    assert list(regs["country_raw"]) == ["Senegal", "China"]
    assert any("event's time zone" in n for n in r.notes)


# ---------------------------------------------------------------------------------------------
# Webex
# ---------------------------------------------------------------------------------------------

WEBEX_CSV = (
    "Meeting Name,Meeting Number,Meeting Start Time,Meeting End Time,Display Name,"
    "Attendee Email,Join Time,Leave Time,Duration,Connection Type,Role\n"
    'WLPF webinar,2634 123 4567,="2024-05-02 10:00:00",="2024-05-02 11:30:00",Amina Diallo,'
    'amina@example.org,="2024-05-02 10:01:00",="2024-05-02 11:29:00",88,Desktop app,Host\n'
    'WLPF webinar,2634 123 4567,="2024-05-02 10:00:00",="2024-05-02 11:30:00",John Smith,'
    'john@example.org,"=""2024-05-02 10:05:00""","=""2024-05-02 10:35:00""",30,Web app,'
    "Attendee\n"
    'WLPF webinar,2634 123 4567,="2024-05-02 10:00:00",="2024-05-02 11:30:00",John Smith,'
    'john@example.org,="2024-05-02 10:40:00",="2024-05-02 11:00:00",20,Web app,Attendee\n'
    'WLPF webinar,2634 123 4567,="2024-05-02 10:00:00",="2024-05-02 11:30:00",Late Comer,'
    'late@example.org,="2024-05-02 10:50:00",,,Phone,Attendee\n'
)


def test_webex_attendee_csv_with_formula_wrapped_times():
    d = decoded(WEBEX_CSV.encode("utf-8"))
    assert webex.detect(d.text) and not teams.detect(d.text)
    r = webex.parse(d.text, d.encoding)
    check_contract(r)
    segs = r.segments
    assert len(segs) == 3 and len(people(segs)) == 2
    assert list(segs["join_at"]) == [
        TS("2024-05-02 10:01"),
        TS("2024-05-02 10:05"),
        TS("2024-05-02 10:40"),
    ]
    assert list(segs["role"]) == ["host", "attendee", "attendee"]
    assert segs["minutes_reported"].sum() == 138
    assert segs["is_guest"].isna().all()
    assert r.meeting.external_id == "26341234567"
    assert r.meeting.topic == "WLPF webinar"
    assert r.meeting.actual_start == TS("2024-05-02 10:00")
    assert r.meeting.actual_end == TS("2024-05-02 11:30")
    assert r.rejects[["line", "reason"]].to_dict("records") == [
        {"line": 5, "reason": "no leave time"}
    ]


def test_webex_utf16_tab():
    text = WEBEX_CSV.replace(",", "\t").replace("2634 123 4567", "26341234567")
    d = decoded(utf16(text.replace('"=""', '="').replace('"""', '"')))
    assert webex.detect(d.text)
    assert len(webex.parse(d.text, d.encoding).segments) == 3


# ---------------------------------------------------------------------------------------------
# Generic mapping
# ---------------------------------------------------------------------------------------------

GENERIC_ES = (
    "Correo electrónico;Nombre;Apellidos;País;Organización;Tipo de organización;Sexo;"
    "Fecha de registro;Estado;¿Cómo se enteró?\n"
    "maria@example.mx;María;López;México;Cofepris;Gobierno;Mujer;03/05/2024 14:00;Confirmado;"
    "Boletín\n"
    "carlos@example.ar;Carlos;Pérez;Argentina;ANMAT;Gobierno;Hombre;04/05/2024 09:30;Cancelado;\n"
    ";;;Chile;;;;05/05/2024 10:00;Confirmado;\n"
    "ines@example.cl;Inés;Soto;Chile;Lab;Privado;Mujer;31/13/2024 10:00;;\n"
    "pat@example.pe;Pat;Ruiz;Perú;;;;;Lista de espera;\n"
)


def test_generic_suggests_a_mapping_in_spanish_and_parses_with_it():
    header = generic.header_of(GENERIC_ES)
    mapping = generic.suggest_mapping(header)
    assert mapping == {
        "email": "Correo electrónico",
        "first_name": "Nombre",
        "last_name": "Apellidos",
        "country": "País",
        "organization": "Organización",
        "org_type": "Tipo de organización",
        "gender": "Sexo",
        "registered_at": "Fecha de registro",
        "status": "Estado",
    }
    r = generic.parse(GENERIC_ES, "utf-8", mapping)
    check_contract(r)
    regs = r.registrations
    assert r.format == "generic" and r.event_level_registrations and r.segments.empty
    assert list(regs["email"]) == ["maria@example.mx", "carlos@example.ar", "pat@example.pe"]
    assert list(regs["name"]) == ["María López", "Carlos Pérez", "Pat Ruiz"]
    assert list(regs["status"]) == ["approved", "cancelled", "approved"]
    assert any("Lista de espera" in n for n in r.notes)
    assert regs["registered_at"].iloc[0] == TS("2024-05-03 14:00")
    assert json.loads(regs["answers"].iloc[0]) == {"¿Cómo se enteró?": "Boletín"}
    assert r.rejects[["line", "reason"]].to_dict("records") == [
        {"line": 4, "reason": "no e-mail and no name"},
        {
            "line": 5,
            "reason": "registration time '31/13/2024 10:00' is not a date/time in this "
            "file's format",
        },
    ]


GENERIC_ATTENDANCE = (
    "Participant,E-mail,Arrived,Departed,Minutes,Type,Country\n"
    "Amina Diallo,amina@example.org,2024-05-02 10:01,2024-05-02 11:29,88,Host,Senegal\n"
    "John Smith,,2024-05-02 10:05,2024-05-02 10:35,30,Attendee,\n"
    "Bad Times,bad@example.org,2024-05-02 10:05,2024-05-02 09:35,,Attendee,\n"
    "No Leave,nl@example.org,2024-05-02 10:05,,15,Attendee,\n"
)


def test_generic_attendance_with_join_and_leave():
    mapping = {
        "name": "Participant",
        "email": "E-mail",
        "join_at": "Arrived",
        "leave_at": "Departed",
        "duration_minutes": "Minutes",
        "role": "Type",
        "country": "Country",
    }
    r = generic.parse(GENERIC_ATTENDANCE, "utf-8", mapping)
    check_contract(r)
    segs = r.segments
    assert r.registrations.empty and not r.event_level_registrations
    assert list(segs["name"]) == ["Amina Diallo", "John Smith", "No Leave"]
    assert list(segs["role"]) == ["host", "attendee", "attendee"]
    # empty leave with a duration: join + duration
    assert segs["leave_at"].iloc[2] == TS("2024-05-02 10:20")
    assert list(segs["country_raw"]) == ["Senegal", "", ""]
    assert r.rejects[["line", "reason"]].to_dict("records") == [
        {"line": 4, "reason": "leave time is before join time"}
    ]


def test_generic_mapping_errors_are_sentences():
    with pytest.raises(BadFileError, match="names column 'Mail' for email"):
        generic.parse(GENERIC_ATTENDANCE, "utf-8", {"email": "Mail"})
    with pytest.raises(BadFileError, match="must name an e-mail column or a name column"):
        generic.parse(GENERIC_ATTENDANCE, "utf-8", {"country": "Country"})


def test_generic_signature_is_stable_and_normalized():
    a = generic.signature(["Email", "First Name", "Country", ""])
    assert a == generic.signature([" email ", "FIRST  NAME", "Country"])
    assert a != generic.signature(["Email", "Country", "First Name"])
    assert re.fullmatch(r"[0-9a-f]{16}", a)


@pytest.mark.parametrize(
    "header, expected",
    [
        (
            [
                "Name (Original Name)",
                "User Email",
                "Join Time",
                "Leave Time",
                "Duration (Minutes)",
                "Guest",
            ],
            {
                "name": "Name (Original Name)",
                "email": "User Email",
                "join_at": "Join Time",
                "leave_at": "Leave Time",
                "duration_minutes": "Duration (Minutes)",
            },
        ),
        (
            [
                "Prénom",
                "Nom",
                "Adresse e-mail",
                "Pays",
                "Type d'organisation",
                "Organisme",
                "Genre",
            ],
            {
                "first_name": "Prénom",
                "last_name": "Nom",
                "email": "Adresse e-mail",
                "country": "Pays",
                "org_type": "Type d'organisation",
                "organization": "Organisme",
                "gender": "Genre",
            },
        ),
        (
            ["Nome", "Sobrenome", "E-mail", "País", "Função", "Hora de entrada", "Hora de saída"],
            {
                "first_name": "Nome",
                "last_name": "Sobrenome",
                "email": "E-mail",
                "country": "País",
                "role": "Função",
                "join_at": "Hora de entrada",
                "leave_at": "Hora de saída",
            },
        ),
    ],
)
def test_generic_suggestions_in_other_languages(header, expected):
    assert generic.suggest_mapping(header) == expected


# ---------------------------------------------------------------------------------------------
# The registry sees the same thing (no other vendor's detector claims these files)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (EXCEL_RESAVE, "teams_attendance"),
        (PT_BR_LOG, "teams_attendance"),
        (V2_PREMIUM, "teams_attendance"),
        (EVENTBRITE_2013, "eventbrite_attendees"),
        (INDICO_CSV, "indico_registrations"),
        (WEBEX_CSV, "webex_attendees"),
        (GENERIC_ES, None),
        (GENERIC_ATTENDANCE, None),
    ],
)
def test_registry_detects_the_synthetic_files(text, expected):
    from engagement import formats

    assert formats.detect_format(text.replace("\r\n", "\n")) == expected


@pytest.mark.parametrize(
    "summary, header, row, organizer",
    [
        (
            "Resumen de la reunión",
            "Nombre completo\tHora de unión\tHora de salida\tDuración\tCorreo electrónico\tRol",
            "Ana Ruiz (Invitado)\t25/04/2022 8:22:11\t25/04/2022 9:22:11\t1h\t\tOrganizador",
            "host",
        ),
        (
            "Besprechungszusammenfassung",
            "Vollständiger Name\tBeitrittszeit\tZeitpunkt des Verlassens\tDauer\tE-Mail\tRolle",
            "Ana Ruiz (Gast)\t25.04.2022, 08:22:11\t25.04.2022, 09:22:11\t1 Std.\t\tReferent",
            "presenter",
        ),
        (
            "Podsumowanie spotkania",
            "Imię i nazwisko\tGodzina dołączenia\tGodzina opuszczenia\tCzas trwania\tAdres e-mail"
            "\tRola",
            "Ana Ruiz (Gość)\t25.04.2022, 08:22:11\t25.04.2022, 09:22:11\t1 godz.\t\tOrganizator",
            "host",
        ),
    ],
)
def test_teams_localized_v1_headers(summary, header, row, organizer):
    # Microsoft's es/de/pl UI words (no real file seen): headers, roles, guest suffixes
    text = f"{summary}\nMeeting Title\tX\n\n{header}\n{row}\n"
    assert teams.detect(text)
    segs = teams.parse(text, "utf-16-le").segments
    assert segs[["name", "role"]].iloc[0].tolist() == ["Ana Ruiz", organizer]
    assert bool(segs["is_guest"].iloc[0])
    assert (segs["join_at"].iloc[0], segs["leave_at"].iloc[0]) == (
        TS("2022-04-25 08:22:11"),
        TS("2022-04-25 09:22:11"),
    )
    assert segs["minutes_reported"].iloc[0] == 60
