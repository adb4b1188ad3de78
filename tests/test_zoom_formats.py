"""Tests for the Zoom parsers: real samples with hand-counted figures, plus synthetic variants.

Expected figures for the real samples were counted independently of the parser (csv module /
awk over tests/samples), never by running it.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from engagement.decode import decode_file
from engagement.formats import zoom_meeting, zoom_webinar
from engagement.model import REGISTRATION_COLUMNS, REJECT_COLUMNS, SEGMENT_COLUMNS, BadFileError

SAMPLES = Path(__file__).parent / "samples"
T = pd.Timestamp
TOPIC_2026 = "A 30-Day Path to Becoming an AI Business Strategist Businesses Actually Pay For"


def load(name: str):
    return decode_file((SAMPLES / name).read_bytes(), name)


def parse_webinar_bytes(data: bytes, name: str = "x.csv"):
    decoded = decode_file(data, name)
    fmt = zoom_webinar.detect(decoded.text)
    assert fmt is not None
    return zoom_webinar.parse(decoded.text, decoded.encoding)


def assert_shapes(report) -> None:
    assert list(report.registrations.columns) == list(REGISTRATION_COLUMNS)
    assert list(report.segments.columns) == list(SEGMENT_COLUMNS)
    assert list(report.rejects.columns) == list(REJECT_COLUMNS)


# --- real samples -----------------------------------------------------------------------------


def test_detection_of_the_real_samples():
    assert zoom_webinar.detect(load("zoom_webinar_attendee_2.csv").text) == "zoom_webinar_attendee"
    reg = load("zoom_webinar_registration_1.csv").text
    assert zoom_webinar.detect(reg) == "zoom_webinar_registration"
    for name in (
        "zoom_meeting_participants_detail_1.csv",
        "zoom_meeting_participants_unique_1.csv",
    ):
        text = load(name).text
        assert zoom_meeting.detect(text) is True
        assert zoom_webinar.detect(text) is None
    for name in (
        "teams_meeting_attendance_v1b_utf16le_1.csv",
        "teams_meeting_attendance_v2_utf16_14.csv",
        "teams_inmeeting_attendance_list_utf16le_1.csv",
        "eventbrite_attendee_1.csv",
    ):
        text = load(name).text
        assert zoom_webinar.detect(text) is None
        assert zoom_meeting.detect(text) is False
    assert zoom_meeting.detect(load("zoom_webinar_attendee_2.csv").text) is False


def test_registry_routes_zoom_samples():
    from engagement import formats

    expected = {
        "zoom_webinar_attendee_2.csv": "zoom_webinar_attendee",
        "zoom_webinar_registration_1.csv": "zoom_webinar_registration",
        "zoom_meeting_participants_detail_1.csv": "zoom_meeting_participants",
        "zoom_meeting_participants_unique_1.csv": "zoom_meeting_participants",
    }
    for name, fmt in expected.items():
        assert formats.detect_format(load(name).text) == fmt, name


def test_webinar_attendee_2026_sample():
    decoded = load("zoom_webinar_attendee_2.csv")
    report = zoom_webinar.parse(decoded.text, decoded.encoding)
    assert_shapes(report)
    regs, segs = report.registrations, report.segments
    assert report.format == "zoom_webinar_attendee"
    assert report.encoding == "utf-8-sig"
    assert report.event_level_registrations is False
    # 948 Attendee Details rows carry Registration Time + Approval Status (13-field rows)
    assert len(regs) == 948
    # every one of those rows has a different e-mail
    assert regs["email"].nunique() == 948
    # 944 "approved" + 4 "cancelled by self"
    assert (regs["status"] == "approved").sum() == 944
    assert (regs["status"] == "cancelled").sum() == 4
    assert set(regs.loc[regs["status"] == "cancelled", "status_raw"]) == {"cancelled by self"}
    # first data row (line 14): Qaim Popescu registered Mar 25, 2026 06:25:15
    assert regs["registered_at"].min() == T("2026-03-25 06:25:15")
    assert regs.iloc[0]["line"] == 14
    # host 2 + panelist 1 + attendee rows with Attended=Yes and a Join Time 144 + 126 = 273
    # (= the summary's "Total Users 273")
    assert len(segs) == 273
    assert segs["role"].value_counts().to_dict() == {"attendee": 270, "host": 2, "panelist": 1}
    # 144 attendees + host + panelist
    assert segs["email"].nunique() == 146
    assert segs.loc[segs["role"] == "attendee", "email"].nunique() == 144
    # sum of "Time in Session (minutes)" over those 273 rows (host 211, panelist 208)
    assert segs["minutes_reported"].sum() == 13851
    # host's first join, line 7
    assert segs["join_at"].min() == T("2026-04-01 14:38:06")
    assert segs.loc[segs["role"] == "attendee", "join_at"].min() == T("2026-04-01 15:01:52")
    # host's second segment (line 8) came from Guatemala
    assert segs.loc[segs["line"] == 8, "country_raw"].item() == "Guatemala"
    # panelist row says Is Guest = Yes, host rows No
    assert bool(segs.loc[segs["role"] == "panelist", "is_guest"].item()) is True
    assert report.rejects.empty
    m = report.meeting
    assert m.topic == TOPIC_2026
    assert m.external_id == "83478664154"  # "834 7866 4154" -> digits only
    assert m.actual_start == T("2026-04-01 14:38")  # "Apr 1, 2026 2:38 PM"
    assert m.generated_at == T("2026-04-04 12:18")
    assert m.duration_minutes == 209
    assert m.extra["Total Users"] == "273"
    assert any("126 row(s)" in n for n in report.notes)  # continuation rows


def test_webinar_attendee_continuation_rows_and_note_takers():
    decoded = load("zoom_webinar_attendee_2.csv")
    report = zoom_webinar.parse(decoded.text, decoded.encoding)
    segs, regs = report.segments, report.registrations
    # lines 79/80: Otter.ai note-taker, registration row + continuation row (segment only)
    assert 79 in set(regs["line"]) and 80 not in set(regs["line"])
    assert {79, 80} <= set(segs["line"])
    # lines 231/232: a note-taker whose rows all lack Registration Time -> segments only
    assert not {231, 232} & set(regs["line"])
    assert segs.loc[segs["line"] == 232, "minutes_reported"].item() == 38
    # 800 registrants did not attend: no segment carries their e-mail
    attended = set(segs["email"])
    assert sum(e not in attended for e in regs["email"]) == 804  # 800 "No" + 4 cancelled


def test_webinar_registration_2026_sample():
    decoded = load("zoom_webinar_registration_1.csv")
    report = zoom_webinar.parse(decoded.text, decoded.encoding)
    assert_shapes(report)
    regs = report.registrations
    assert report.format == "zoom_webinar_registration"
    # 948 data rows (6 fields each: trailing comma) after the header on line 6
    assert len(regs) == 948
    assert regs["email"].nunique() == 948  # no repeated e-mail
    assert (regs["status"] == "approved").sum() == 944  # 944 approved + 4 cancelled by self
    assert regs["registered_at"].min() == T("2026-03-25 06:25:15")  # line 7
    assert regs["registered_at"].max() == T("2026-04-01 17:58:39")  # last line
    assert regs.iloc[0]["line"] == 7
    # "Kipngeno ,Omotoso" on line 10: names are trimmed
    assert regs.loc[regs["line"] == 10, "first_name"].item() == "Kipngeno"
    assert report.segments.empty and report.rejects.empty
    m = report.meeting
    assert m.topic == TOPIC_2026
    assert m.external_id == "83478664154"
    assert m.scheduled_start == T("2026-04-01 15:00")  # "Apr 01, 2026 3:00 PM"
    assert m.actual_start is None
    assert m.duration_minutes == 90  # " 90" with a leading space
    assert m.generated_at == T("2026-04-04 12:18")
    # the same 948 people as the attendee report (SOURCES.md: 948 shared addresses)
    att = load("zoom_webinar_attendee_2.csv")
    att_regs = zoom_webinar.parse(att.text, att.encoding).registrations
    assert len(set(regs["email"]) & set(att_regs["email"])) == 948


def test_meeting_detail_sample():
    decoded = load("zoom_meeting_participants_detail_1.csv")
    report = zoom_meeting.parse(decoded.text, decoded.encoding)
    assert_shapes(report)
    segs = report.segments
    assert report.format == "zoom_meeting_participants"
    assert report.registrations.empty and report.rejects.empty
    assert len(segs) == 2220  # 2221 lines minus the header, one segment each
    assert segs["email"].nunique() == 397  # distinct User Email values
    assert segs["minutes_reported"].sum() == 83315  # awk sum of Duration (Minutes)
    assert segs["join_at"].min() == T("2021-05-24 09:09:52")
    assert segs["leave_at"].max() == T("2021-05-24 17:48:10")
    assert segs["is_guest"].sum() == 2187  # Guest = Yes rows (33 No)
    assert set(segs["role"]) == {"attendee"}  # no meeting data -> no host known
    assert segs.iloc[0]["line"] == 2
    assert report.meeting.external_id is None and report.meeting.actual_start is None


def test_meeting_unique_sample_with_meeting_data():
    decoded = load("zoom_meeting_participants_unique_1.csv")
    report = zoom_meeting.parse(decoded.text, decoded.encoding)
    segs = report.segments
    assert len(segs) == 30  # 30 rows after the header on line 4
    assert segs["email"].nunique() == 30
    assert segs["minutes_reported"].sum() == 837  # awk sum of Total Duration (Minutes)
    m = report.meeting
    assert m.external_id == "94758381041"
    assert m.topic == "Fall 2020 BSCI:414 Tuesday, Thursday Classroom"
    assert m.actual_start == T("2020-09-01 09:03:16")
    assert m.actual_end == T("2020-09-01 10:13:23")
    assert m.duration_minutes == 71
    # documented approximation: join at the meeting start, leave = start + total minutes
    assert (segs["join_at"] == m.actual_start).all()
    first = segs.iloc[0]  # Iain Barna, 10 minutes, line 5
    assert (first["line"], first["leave_at"]) == (5, T("2020-09-01 09:13:16"))
    assert any("unique users" in n for n in report.notes)
    assert report.rejects.empty


# --- synthetic webinar variants ------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _write(rows, delimiter=",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def test_excel_padded_resave_gives_the_same_figures():
    text = load("zoom_webinar_attendee_2.csv").text
    rows = _rows(text)
    width = max(len(r) for r in rows) + 1  # Excel pads every line to the used range (14)
    padded = _write([r + [""] * (width - len(r)) for r in rows])
    assert padded.startswith("Attendee Report,,,,,,,,,,,,,\r\n")
    report = parse_webinar_bytes(padded.encode("utf-8"))
    assert len(report.registrations) == 948  # as the original
    assert len(report.segments) == 273
    assert report.segments["minutes_reported"].sum() == 13851
    assert report.meeting.external_id == "83478664154"
    assert report.rejects.empty


def test_semicolon_resave_with_excel_dates():
    """European Excel: ';' delimiter, no BOM, dates rewritten as dd/mm/yyyy HH:MM."""
    rows = _rows(load("zoom_webinar_attendee_2.csv").text)

    def excel_date(cell: str) -> str:
        for fmt in ("%b %d, %Y %H:%M:%S", "%b %d, %Y %I:%M %p"):
            try:
                return datetime.strptime(cell, fmt).strftime("%d/%m/%Y %H:%M")
            except ValueError:
                pass
        return cell

    text = _write([[excel_date(c) for c in r] for r in rows], delimiter=";")
    report = parse_webinar_bytes(text.encode("cp1252", errors="replace"))
    assert report.encoding == "cp1252"
    assert len(report.registrations) == 948
    assert len(report.segments) == 273
    assert report.segments["minutes_reported"].sum() == 13851
    # seconds are gone; 25/03..04/04 makes the column day-first
    assert report.segments["join_at"].min() == T("2026-04-01 14:38")
    assert report.registrations["registered_at"].min() == T("2026-03-25 06:25")
    assert report.meeting.actual_start == T("2026-04-01 14:38")
    assert any("';'" in n for n in report.notes)


PT_BR = """\ufeffRelatório de Participante,
Relatório Gerado:,"jul. 13, 2021 1:41 da tarde"
Tópico,ID do Webinar,Hora de Início Real,Duração Real (minutos),# Inscrito,# Cancelado,\
Visualizadores específicos,Total de usuários,Máximo de visualizações simultâneas
Fórum de Produção Local,850 9954 9479,"jan. 12, 2021 8:53 da manhã",125,3,0,2,4,2
Detalhes do anfitrião,
Participou,Nome de usuário (nome original),E-mail,Hora do Ingresso,Horário de saída,\
Tempo em Sessão (minutos),Nome do país/da região
Sim,Ana Anfitriã,ana.host@example.org,"Jan 12, 2021 08:53:47","Jan 12, 2021 10:58:00",125,Brasil
Detalhes do Palestrante,
Participou,Nome de usuário (nome original),E-mail,Hora do Ingresso,Horário de saída,\
Tempo em Sessão (minutos),Nome do país/da região
Sim,João Palestrante,joao.p@example.org,"Jan 12, 2021 08:55:00","Jan 12, 2021 10:50:00",115,Brasil
Detalhes dos Participantes,
Participou,Nome de usuário (nome original),Nome,Sobrenome,E-mail,Horário de inscrição,\
Status da Aprovação,Hora do Ingresso,Horário de saída,Tempo em Sessão (minutos),\
Nome do país/da região
Sim,Maria,Maria,Conceição,maria.c@example.org,"Jan 05, 2021 10:00:00",aprovado,\
"Jan 12, 2021 09:00:00","Jan 12, 2021 09:30:00",30,Brasil,
Sim,Maria,Maria,Conceição,maria.c@example.org,,,"Jan 12, 2021 09:40:00",\
"Jan 12, 2021 10:00:00",20,Brasil
Não,José,José,Araújo,jose.a@example.org,"Jan 06, 2021 11:00:00",aprovado,--,--,--,,
"""


def test_pt_br_localized_report():
    report = parse_webinar_bytes(PT_BR.encode("utf-8"))
    assert report.format == "zoom_webinar_attendee"
    regs, segs = report.registrations, report.segments
    assert len(regs) == 2  # Maria's first row + José; Maria's 2nd row is a continuation
    assert set(regs["status"]) == {"approved"}  # "aprovado"
    assert len(segs) == 4  # host + panelist + Maria's two segments
    assert segs["role"].tolist() == ["host", "panelist", "attendee", "attendee"]
    assert segs["minutes_reported"].sum() == 125 + 115 + 30 + 20
    assert segs["join_at"].min() == T("2021-01-12 08:53:47")
    assert regs.loc[regs["email"] == "maria.c@example.org", "name"].item() == "Maria Conceição"
    m = report.meeting
    assert m.topic == "Fórum de Produção Local"
    assert m.external_id == "85099549479"
    assert m.actual_start == T("2021-01-12 08:53")  # "jan. 12, 2021 8:53 da manhã"
    assert m.generated_at == T("2021-07-13 13:41")  # "jul. 13, 2021 1:41 da tarde"
    assert m.duration_minutes == 125
    assert report.rejects.empty
    # the same report re-saved by Excel in cp1252 decodes and parses identically
    again = parse_webinar_bytes(PT_BR.lstrip("\ufeff").encode("cp1252"))
    assert again.encoding == "cp1252"
    assert again.meeting.topic == "Fórum de Produção Local"
    assert len(again.segments) == 4 and len(again.registrations) == 2


LAYOUT_2020 = """Attendee Report,
Report Generated:,"Apr 09, 2020 8:50 PM"
Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,\
Unique Viewers,Total Users,Max Concurrent Views
satRdays DC 2020,328-972-509,"Mar 28, 2020 8:07 AM", 548, 461, 0,446,991,0
Host Details,
Attended,User Name,Email,Join Time,Leave Time,Time in Session (minutes),Country/Region Name
Yes,Host One,host@example.org,"Mar 28, 2020 08:07:10","Mar 28, 2020 17:15:00",548,United States
Panelist Details,
"Attended","User Name","Email","Join Time","Leave Time","Time in Session (minutes)",\
"Country/Region Name"
"Yes","Pan One","pan@example.org","Mar 28, 2020 08:30:00","Mar 28, 2020 09:00:00","30",\
"United States"
Attendee Details,
"Attended","First Name","Last Name","Email","Registration Time","Approval Status","Join Time",\
"Leave Time","Time in Session (minutes)","Country/Region Name"
"Yes","Amina","Diallo","amina@example.org","Mar 20, 2020 10:00:00","approved",\
"Mar 28, 2020 09:00:00","Mar 28, 2020 10:00:00","60","Namibia"
"Yes","Amina","Diallo","amina@example.org","NA","NA","Mar 28, 2020 11:00:00",\
"Mar 28, 2020 11:30:00","30","NA"
"No","Ben","Okafor","ben@example.org","Mar 21, 2020 10:00:00","cancelled by self","--","--",\
"--","--"
"Yes","Chen","Li","chen@example.org","Mar 22, 2020 10:00:00","upgraded to panelist",\
"Mar 28, 2020 12:00:00","Mar 28, 2020 12:05:00","5","China"
"Yes","Dana","Kim","dana@example.org","Mar 23, 2020 10:00:00","upgraded to panelist","--","--",\
"--","--"
Other Attended,
"User Name","Join Time","Leave Time","Time in Session (minutes)","Country/Region Name"
"userOther_1","Mar 28, 2020 2:20 PM","Mar 28, 2020 2:21 PM",1,"India"
"""


def test_2020_layout_with_other_attended_and_na_continuations():
    report = parse_webinar_bytes(LAYOUT_2020.encode("utf-8"))
    regs, segs = report.registrations, report.segments
    # Amina, Ben, Chen, Dana; Amina's "NA","NA" row is a continuation
    assert len(regs) == 4
    assert regs["status"].tolist() == ["approved", "cancelled", "approved", "approved"]
    assert regs["status_raw"].tolist() == [
        "approved",
        "cancelled by self",
        "upgraded to panelist",
        "upgraded to panelist",
    ]
    # no User Name column in 2020: the name is First + Last
    assert regs["name"].tolist() == ["Amina Diallo", "Ben Okafor", "Chen Li", "Dana Kim"]
    # host 1 + panelist 1 + Amina 2 + Chen 1 + Other Attended 1
    assert len(segs) == 6
    assert segs["minutes_reported"].sum() == 548 + 30 + 60 + 30 + 5 + 1
    other = segs[segs["line"] == len(LAYOUT_2020.splitlines())]
    assert other["email"].item() == "" and other["role"].item() == "attendee"
    assert other["join_at"].item() == T("2020-03-28 14:20")  # 12-hour in this section
    # "NA" in a country cell is Namibia, not a missing value
    assert segs.loc[segs["email"] == "amina@example.org", "country_raw"].tolist() == [
        "Namibia",
        "NA",
    ]
    assert report.meeting.external_id == "328972509"  # "328-972-509"
    assert report.meeting.generated_at == T("2020-04-09 20:50")
    assert report.meeting.duration_minutes == 548
    assert report.rejects.empty
    assert any("no e-mail" in n for n in report.notes)
    # Dana: Attended = Yes but "--" times -> registration only, counted in a note
    assert any("1 registrant row(s)" in n for n in report.notes)


QUESTIONS_2025 = """Attendee Report,,,,,,,,,,,,,,,
Report generated time,"Mar 10, 2025 09:00 AM",,,,,,,,,,,,,,
Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registrants,\
# Cancelled registrants,Unique Viewers,Total Users,Max Concurrent Views,Enable Registration,,,,,,
WLPF session,811 2222 3333,"Mar 5, 2025 2:00 PM",60,3,0,2,2,2,Yes,,,,,,
Host Details,,,,,,,,,,,,,,,
Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),\
Is Guest,Country/Region Name,,,,,,,,
Panelist Details,,,,,,,,,,,,,,,
Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),\
Is Guest,Country/Region Name,,,,,,,,
Attendee Details,,,,,,,,,,,,,,,
Attended,User Name (Original Name),First Name,Last Name,Email,Phone,Organization,\
Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,\
"Profession (if student mention ""Student"", not target profession)",\
Type of organization,Gender,Country/Region,"What do you hope to learn, if anything?",\
Country/Region Name
Yes,Ada,Ada,Obi,ada@example.org,+234 1,Lagos Pharma,"Mar 01, 2025 10:00:00",approved,\
"Mar 05, 2025 14:01:00","Mar 05, 2025 15:00:00",59,Yes,Pharmacist,Private sector,Female,\
Nigeria,"Tech transfer, regulation",Nigeria
No,Bo,Bo,Lund,bo@example.org,--,Karolinska,"Mar 02, 2025 10:00:00",pending,--,--,--,--,\
Student,Academia,Male,Sweden,,
Yes,Cy,Cy,Roe,cy@example.org,,,"Mar 03, 2025 10:00:00",denied,"Mar 05, 2025 14:05:00",\
"bad time",5,No,,,,,,Kenya
Yes,Di,Di,Fox,di@example.org,,,"Mar 04, 2025 10:00:00",approved,"Mar 05, 2025 14:06:00",\
"Mar 05, 2025 14:07:00",1,No,,,,,,Ghana,extra value
"""


def test_registration_questions_rejects_and_padding():
    report = parse_webinar_bytes(QUESTIONS_2025.encode("utf-8"))
    regs, segs, rej = report.registrations, report.segments, report.rejects
    # Ada and Bo parse; Cy has an unreadable Leave Time, Di a value past the header width
    assert regs["email"].tolist() == ["ada@example.org", "bo@example.org"]
    assert regs["status"].tolist() == ["approved", "pending"]
    ada = regs.iloc[0]
    assert ada["organization"] == "Lagos Pharma"
    assert ada["job_title"] == "Pharmacist"  # the "Profession (...)" question
    assert ada["org_type_raw"] == "Private sector"
    assert ada["gender_raw"] == "Female"
    assert ada["country_raw"] == "Nigeria"  # the registration question "Country/Region"
    assert json.loads(ada["answers"]) == {
        "Phone": "+234 1",
        "What do you hope to learn, if anything?": "Tech transfer, regulation",
    }
    assert json.loads(regs.iloc[1]["answers"]) == {}  # Bo's phone is "--"
    assert len(segs) == 1  # only Ada attended and parsed
    assert segs.iloc[0]["country_raw"] == "Nigeria"  # platform "Country/Region Name"
    assert bool(segs.iloc[0]["is_guest"]) is True
    lines = QUESTIONS_2025.splitlines()
    cy_line = next(i for i, line in enumerate(lines, 1) if line.startswith("Yes,Cy"))
    assert rej["line"].tolist() == [cy_line, cy_line + 1]
    assert "leave time 'bad time'" in rej["reason"].iloc[0]
    assert "more values" in rej["reason"].iloc[1]
    assert rej["raw"].iloc[0].startswith("Yes,Cy")
    assert report.meeting.external_id == "81122223333"


REGISTRATION_WITH_QUESTIONS = """Registration Report,
Report generated time,"Apr 04, 2026 12:18 PM"
Topic,ID,Scheduled Time,Duration (minutes),# Registrants,# Cancelled registrants,\
# Approved registrants,# Denied registrants
WLPF 2026,834 7866 4154,"Apr 01, 2026 3:00 PM", 90, 3, 1, 2, 0
Attendee Details,
First Name,Last Name,Email,Registration Time,Approval Status,Job Title,\
Stakeholder group,Sex,Country
Ana ,Silva ,ana@example.org,"Mar 25, 2026 06:25:15",approved,Director,Government,F,Brazil,
Li,Wei,li@example.org,"Mar 26, 2026 07:00:00",cancelled by host,,NGO,,China,
Sam,Ode,sam@example.org,"Mar 27, 2026 08:00:00",weird status,,,,,
"""


def test_registration_report_with_questions():
    report = parse_webinar_bytes(REGISTRATION_WITH_QUESTIONS.encode("utf-8"))
    regs = report.registrations
    assert report.format == "zoom_webinar_registration"
    assert regs["name"].tolist() == ["Ana Silva", "Li Wei"]  # trimmed
    assert regs["status"].tolist() == ["approved", "cancelled"]
    assert regs["job_title"].tolist() == ["Director", ""]
    assert regs["org_type_raw"].tolist() == ["Government", "NGO"]
    assert regs["gender_raw"].tolist() == ["F", ""]
    assert regs["country_raw"].tolist() == ["Brazil", "China"]
    assert report.meeting.external_id == "83478664154"  # label "ID" (older reports)
    assert report.rejects["line"].tolist() == [9]
    assert "Approval Status 'weird status'" in report.rejects["reason"].item()


def test_webinar_detect_without_title_line():
    text = "\n".join(LAYOUT_2020.splitlines()[1:])  # first line deleted by a user
    assert zoom_webinar.detect(text) == "zoom_webinar_attendee"


def test_webinar_parse_refuses_other_files():
    with pytest.raises(BadFileError):
        zoom_webinar.parse("a,b\n1,2\n", "utf-8")


# --- synthetic meeting variants ------------------------------------------------------------------

MEETING_2024 = """Topic,ID,Host,Duration (minutes),Start time,End time,Participants
WLPF briefing,812 3456 7890,Host Person,62,04/23/2024 03:00:05 PM,04/23/2024 04:02:10 PM,3

Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,\
Recording disclaimer response,In waiting room
Host Person,host@who.int,04/23/2024 03:00:05 PM,04/23/2024 04:02:10 PM,63,No,--,No
Ama Mensah,ama@example.org,04/23/2024 02:58:00 PM,04/23/2024 03:00:10 PM,3,Yes,--,Yes
Ama Mensah,ama@example.org,04/23/2024 03:00:10 PM,04/23/2024 03:45:00 PM,45,Yes,OK,No
Ama Mensah,ama@example.org,04/23/2024 03:50:00 PM,04/23/2024 04:02:00 PM,12,Yes,OK,No
Bo,,04/23/2024 03:05:00 PM,04/23/2024 03:06:00 PM,1,Yes,OK,No
Cy,cy@example.org,04/23/2024 03:05:00 PM,,1,Yes,OK,No
"""


def test_meeting_2024_sentence_case_with_preamble():
    decoded = decode_file(MEETING_2024.replace("\n", "\r\n").encode("utf-8-sig"), "p.csv")
    assert zoom_meeting.detect(decoded.text)
    report = zoom_meeting.parse(decoded.text, decoded.encoding)
    segs = report.segments
    assert len(segs) == 4  # 6 rows: 1 waiting-room row skipped, Cy rejected (no Leave Time)
    assert segs["minutes_reported"].sum() == 63 + 45 + 12 + 1
    assert segs.loc[segs["email"] != "", "email"].nunique() == 2  # host + Ama; Bo has none
    assert segs["role"].tolist() == ["host", "attendee", "attendee", "attendee"]  # "Host" name
    assert segs["join_at"].min() == T("2024-04-23 15:00:05")
    assert report.rejects["line"].tolist() == [10]
    assert "no leave time" in report.rejects["reason"].item()
    m = report.meeting
    assert (m.external_id, m.topic) == ("81234567890", "WLPF briefing")
    assert m.actual_start == T("2024-04-23 15:00:05")
    assert m.duration_minutes == 62
    assert any("waiting-room" in n for n in report.notes)


JAPANESE = """名前 (元の名前),ユーザーメール,参加時刻,退出時刻,所要時間（分）
山田 太郎,taro@example.jp,2020/12/8 8:35,2020/12/8 9:40,65
佐藤 花子,hanako@example.jp,2020/12/8 8:40,2020/12/8 9:00,20
"""


def test_meeting_japanese_headers():
    decoded = decode_file(JAPANESE.replace("\n", "\r\n").encode("utf-8-sig"), "jp.csv")
    report = zoom_meeting.parse(decoded.text, decoded.encoding)
    segs = report.segments
    assert len(segs) == 2
    assert segs["minutes_reported"].sum() == 85
    assert segs["join_at"].tolist() == [T("2020-12-08 08:35"), T("2020-12-08 08:40")]
    assert segs["name"].tolist() == ["山田 太郎", "佐藤 花子"]


def test_meeting_unique_without_meeting_data_is_rejected_with_a_note():
    text = (
        "Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
        "Ana,ana@example.org,10,No\nBo,bo@example.org,20,Yes\n"
    )
    report = zoom_meeting.parse(text, "utf-8")
    assert report.segments.empty
    assert report.rejects["line"].tolist() == [2, 3]
    assert "unique-users" in report.rejects["reason"].iloc[0]
    assert any("Export with meeting data" in n for n in report.notes)


def test_meeting_admin_flat_variant_with_duplicated_headers():
    header = (
        "Topic,Meeting ID,User Name,User Email,Department,Group,Has Zoom Rooms,Creation Time,"
        "Start Time,End Time,Duration (Minutes),Participants,Name (Original Name),User Email,"
        "Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room,"
        "Marketing opt-in"
    )
    meeting = (
        "WLPF,85011112222,Host P,host@who.int,,,No,05/01/2023 08:00:00 AM,"
        "05/02/2023 09:00:00 AM,05/02/2023 10:00:00 AM,60,2"
    )
    other = meeting.replace("85011112222", "85099998888")
    times = "05/02/2023 09:{}:00 AM,05/02/2023 {}:00 AM"
    text = "\n".join(
        [
            header,
            f"{meeting},Host P,host@who.int,{times.format('00', '10:00')},60,No,,No,-",
            f"{meeting},Eve,eve@example.org,{times.format('10', '09:40')},30,Yes,,No,-",
            f"{other},Zed,zed@example.org,{times.format('10', '09:20')},10,Yes,,No,-",
        ]
    )
    assert zoom_meeting.detect(text)
    report = zoom_meeting.parse(text, "utf-8")
    segs = report.segments
    # participant "User Email"/"Duration (Minutes)" are the second occurrences
    assert segs["email"].tolist() == ["host@who.int", "eve@example.org"]
    assert segs["minutes_reported"].tolist() == [60, 30]
    assert segs["role"].tolist() == ["host", "attendee"]  # meeting's User Email = host
    assert report.meeting.external_id == "85011112222"
    assert report.meeting.actual_start == T("2023-05-02 09:00")
    assert report.rejects["line"].tolist() == [4]  # the row of another meeting
    assert "another meeting" in report.rejects["reason"].item()


def test_meeting_from_xlsx():
    """The detail sample saved as .xlsx with real datetime cells parses to the same figures."""
    import openpyxl

    rows = _rows(load("zoom_meeting_participants_detail_1.csv").text)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(rows[0])
    for r in rows[1:]:
        ws.append(
            [
                r[0],
                r[1],
                datetime.strptime(r[2], "%m/%d/%Y %I:%M:%S %p"),
                datetime.strptime(r[3], "%m/%d/%Y %I:%M:%S %p"),
                int(r[4]),
                r[5],
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)
    decoded = decode_file(buf.getvalue(), "participants.xlsx")
    report = zoom_meeting.parse(decoded.text, decoded.encoding)
    assert len(report.segments) == 2220  # as the CSV
    assert report.segments["minutes_reported"].sum() == 83315
    assert report.segments["join_at"].min() == T("2021-05-24 09:09:52")


def test_a_second_email_column_with_other_values_is_said(tmp_path):
    # Hostile or re-saved file: two "Email" columns in the attendee section. The first is
    # read, as before, and the organizer is told so instead of finding out from the figures.
    from engagement import db, ingest

    text = (db.ROOT / "data/demo/wlpf2021_day1_attendee.csv").read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    header = lines.index("Attendee Details,") + 1
    out = []
    for i, line in enumerate(lines):
        if i < header or not line.strip():
            out.append(line)
            continue
        cells = next(csv.reader([line]))
        cells.insert(5, "Email" if i == header else "other." + cells[4])
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(cells)
        out.append(buf.getvalue())
    con = db.connect(tmp_path / "dup.duckdb")
    try:
        request = ingest.ImportRequest(
            "\n".join(out).encode(), "dup_email.csv", "dupconf", "Europe/Zurich"
        )
        prep = ingest.prepare(con, request)
    finally:
        con.close()
    assert any(
        'Two columns are named "Email" (columns 5 and 6)' in note and "column 5 is read" in note
        for note in prep.report.notes
    )
    assert not prep.segments["email"].str.startswith("other.").any()
