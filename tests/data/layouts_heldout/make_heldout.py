"""Build the held-out layout set: renamed/reordered/re-saved variants of the real samples.

Deterministic (no randomness, no clock): running it twice writes the same bytes. It reads only
tests/samples/ and writes files/ and expected.tsv next to this script. The expected figures are
computed here from the source tables with the csv module and datetime.strptime, independently of
the import code (see README.md for the rules). Run: .venv/bin/python make_heldout.py
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parents[1] / "samples"
OUT = HERE / "files"
ROLE_WORDS = {  # a Teams role value -> the product's role (notes/metrics.md)
    "organizer": "host",
    "organisateur": "host",
    "presenter": "panelist",
    "présentateur": "panelist",
    "attendee": "attendee",
    "participant": "attendee",
}
BOT_NAME = re.compile(r"notetaker|otter\.ai|fireflies", re.I)


@dataclass
class Source:
    """One attendance table from a real sample: header, rows, the role of each column."""

    name: str
    header: list[str]
    rows: list[list[str]]
    roles: dict[str, str]  # column -> name | email | join | leave | duration | role | action | time
    time_format: str
    preamble: list[list[str]] = field(default_factory=list)  # Teams summary lines, kept sometimes


def _utf16_lines(name: str) -> list[list[str]]:
    text = (SAMPLES / name).read_bytes().decode("utf-16")
    return list(csv.reader(io.StringIO(text), delimiter="\t"))


def _table_after(lines: list[list[str]], first_cell: str, start: int = 0) -> tuple[int, int]:
    """(header index, end index) of the table whose header starts with `first_cell`."""
    head = next(i for i in range(start, len(lines)) if lines[i] and lines[i][0] == first_cell)
    end = head + 1
    while end < len(lines) and any(c.strip() for c in lines[end]):
        end += 1
    return head, end


def _teams(name: str, first_cell: str, after: str | None, fmt: str, roles: dict) -> Source:
    lines = _utf16_lines(name)
    start = 0 if after is None else next(i for i, r in enumerate(lines) if r and r[0] == after)
    head, end = _table_after(lines, first_cell, start)
    preamble = [r for r in lines[:head] if any(c.strip() for c in r)] if after is None else []
    return Source(name, lines[head], lines[head + 1 : end], roles, fmt, preamble)


TEAMS_ROLES = {
    "Full Name": "name",
    "Join Time": "join",
    "Leave Time": "leave",
    "Duration": "duration",
    "Email": "email",
    "Role": "role",
    "Participant ID (UPN)": "-",
}


def sources() -> dict[str, Source]:
    t3 = _teams(
        "teams_meeting_attendance_v1b_utf16le_3.csv",
        "Full Name",
        None,
        "%m/%d/%Y, %I:%M:%S %p",
        TEAMS_ROLES,
    )
    t1 = _teams(
        "teams_meeting_attendance_v1b_utf16le_1.csv",
        "Full Name",
        None,
        "%m/%d/%Y, %I:%M:%S %p",
        TEAMS_ROLES,
    )
    t14 = _teams(
        "teams_meeting_attendance_v2_utf16_14.csv",
        "Name",
        "3. In-Meeting activities",
        "%d/%m/%y, %H:%M:%S",
        {
            "Name": "name",
            "Join time": "join",
            "Leave time": "leave",
            "Duration": "duration",
            "Email": "email",
            "Role": "role",
        },
    )
    tfr = _teams(
        "teams_meeting_attendance_v1a_fr_utf16le_1.csv",
        "Nom complet",
        None,
        "%d/%m/%Y à %H:%M:%S",
        {
            "Nom complet": "name",
            "Heure d'arrivée": "join",
            "Heure de départ": "leave",
            "Durée": "duration",
            "E-mail": "email",
            "Rôle": "role",
        },
    )
    tl_lines = _utf16_lines("teams_inmeeting_attendance_list_utf16le_1.csv")
    tl = Source(
        "teams_inmeeting_attendance_list_utf16le_1.csv",
        tl_lines[0],
        [r for r in tl_lines[1:] if r],
        {"Full Name": "name", "User Action": "action", "Timestamp": "time"},
        "%m/%d/%y, %I:%M:%S %p",
    )
    zd_text = (SAMPLES / "zoom_meeting_participants_detail_1.csv").read_text("utf-8-sig")
    zd_lines = [r for r in csv.reader(io.StringIO(zd_text)) if r]
    zd = Source(
        "zoom_meeting_participants_detail_1.csv",
        zd_lines[0],
        zd_lines[1:],
        {
            "Name (Original Name)": "name",
            "User Email": "email",
            "Join Time": "join",
            "Leave Time": "leave",
            "Duration (Minutes)": "duration",
            "Guest": "-",
        },
        "%m/%d/%Y %I:%M:%S %p",
    )
    return {"t3": t3, "t1": t1, "t14": t14, "tfr": tfr, "tl": tl, "zd": zd, "zw": _zoom_webinar()}


def _zoom_webinar() -> Source:
    """The 'Attendee Details' section, attended rows only, as a flat table a user pasted."""
    text = (SAMPLES / "zoom_webinar_attendee_2.csv").read_text("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    head = next(i for i, r in enumerate(lines) if r and r[0] == "Attendee Details") + 1
    header = lines[head]
    rows = [r[: len(header)] for r in lines[head + 1 :] if r and r[0] == "Yes"]
    roles = {h: "-" for h in header}
    roles.update(
        {
            "User Name (Original Name)": "name",
            "Email": "email",
            "Join Time": "join",
            "Leave Time": "leave",
            "Time in Session (minutes)": "duration",
            "First Name": "first_name",
            "Last Name": "last_name",
            "Registration Time": "registered",
            "Approval Status": "status",
            "Country/Region Name": "country",
        }
    )
    header, rows = header[1:], [r[1:] for r in rows]  # 'Attended' is 'Yes' everywhere: dropped
    del roles["Attended"]
    return Source("zoom_webinar_attendee_2.csv", header, rows, roles, "%b %d, %Y %H:%M:%S")


# ---- expected figures, computed from the source table alone ------------------------------


def _fold(text: str) -> str:
    return " ".join(text.replace("(Unverified)", "").split()).casefold()


def _person(name: str, email: str) -> str:
    return "e:" + email.strip().lower() if email.strip() else "n:" + _fold(name)


def _merged_seconds(spans: dict[str, list[tuple[datetime, datetime]]]) -> int:
    total = 0
    for intervals in spans.values():
        intervals.sort()
        cur_start, cur_end = intervals[0]
        for start, end in intervals[1:]:
            if start > cur_end:
                total += int((cur_end - cur_start).total_seconds())
                cur_start, cur_end = start, end
            else:
                cur_end = max(cur_end, end)
        total += int((cur_end - cur_start).total_seconds())
    return total


def expected(src: Source) -> dict:
    """rows (segments), attendees (distinct non-bot people), seconds, roles of the source."""
    col = {role: src.header.index(c) for c, role in src.roles.items() if role != "-"}
    if "action" in col:
        return _expected_events(src, col)
    spans: dict[str, list] = {}
    roles: dict[str, int] = {}
    rows = 0
    for r in src.rows:
        name = r[col["name"]]
        email = r[col["email"]] if "email" in col else ""
        join = datetime.strptime(r[col["join"]], src.time_format)
        leave = datetime.strptime(r[col["leave"]], src.time_format)
        rows += 1
        role = ROLE_WORDS[r[col["role"]].strip().casefold()] if "role" in col else "attendee"
        roles[role] = roles.get(role, 0) + 1
        if not BOT_NAME.search(name):
            spans.setdefault(_person(name, email), []).append((join, leave))
    return {
        "rows": rows,
        "attendees": len(spans),
        "seconds": _merged_seconds(spans),
        "roles": roles,
    }


def _expected_events(src: Source, col: dict) -> dict:
    """Joined/Left events: each Joined opens a segment; one still open ends at the last event."""
    stamps = [datetime.strptime(r[col["time"]], src.time_format) for r in src.rows]
    last = max(stamps)
    open_: dict[str, datetime] = {}
    spans: dict[str, list] = {}
    rows = 0
    for r, at in zip(src.rows, stamps, strict=True):
        who = _person(r[col["name"]], "")
        if r[col["action"]] == "Joined":
            rows += 1
            if who in open_:  # a second Joined closes nothing: count the earlier one to now
                spans.setdefault(who, []).append((open_[who], at))
            open_[who] = at
        elif who in open_:
            spans.setdefault(who, []).append((open_.pop(who), at))
    for who, at in open_.items():
        spans.setdefault(who, []).append((at, last))
    return {
        "rows": rows,
        "attendees": len(spans),
        "seconds": _merged_seconds(spans),
        "roles": {"attendee": rows},
    }


# ---- writers -------------------------------------------------------------------------------


@dataclass
class Variant:
    """One held-out file: which source, how its header was renamed, and how it was saved."""

    file: str
    src: str
    rename: dict[str, str] = field(default_factory=dict)  # source column -> new label
    order: list[str] | None = None  # source columns in the new order (None: as is)
    extra: list[tuple[int, str, str]] = field(default_factory=list)  # (position, label, kind)
    header: bool = True
    preamble: bool = False
    delimiter: str = ","
    encoding: str = "utf-8"  # utf-8 | utf-8-sig | cp1252 | xlsx | xlsx-dates
    note: str = ""


def _notes(i: int, kind: str) -> str:
    if kind == "empty":
        return ""
    return ("left early", "", "", "camera off", "", "asked a question")[i % 6]


def _table(v: Variant, src: Source) -> tuple[list[str], list[list[str]], list[str]]:
    """Header, rows and the source column behind each output column ('' for an extra one)."""
    cols = list(v.order or src.header)
    header = [v.rename.get(c, c) for c in cols]
    rows = [[r[src.header.index(c)] for c in cols] for r in src.rows]
    origin = list(cols)
    for pos, lab, kind in v.extra:
        header.insert(pos, lab)
        origin.insert(pos, "")
        for i, r in enumerate(rows):
            r.insert(pos, _notes(i, kind))
    return header, rows, origin


def _write_text(path: Path, v: Variant, src: Source, header: list, rows: list) -> None:
    buf = io.StringIO()
    out = csv.writer(buf, delimiter=v.delimiter, lineterminator="\r\n")
    if v.preamble:
        out.writerows(src.preamble)
        out.writerow([])
    if v.header:
        out.writerow(header)
    out.writerows(rows)
    path.write_bytes(buf.getvalue().encode(v.encoding))  # strict: fails on unencodable text


def _write_xlsx(path: Path, v: Variant, src: Source, header, rows, origin) -> None:
    import zipfile

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    timed = {i for i, c in enumerate(origin) if src.roles.get(c) in ("join", "leave", "time")}
    if v.header:
        ws.append(header)
    for r in rows:
        cells: list = list(r)
        if v.encoding == "xlsx-dates":  # what a spreadsheet does when it opens the CSV
            for i in timed:
                cells[i] = datetime.strptime(r[i], src.time_format)
        ws.append(cells)
    fixed = datetime(2026, 1, 1)
    wb.properties.created = wb.properties.modified = fixed
    buf = io.BytesIO()
    wb.save(buf)
    # Rewrite the zip with fixed member times so that the bytes are the same on every run.
    src_zip = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src_zip.infolist():
            data = src_zip.read(info.filename)
            data = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\w+>", b"", data)
            dst.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), data)
    path.write_bytes(out.getvalue())


def mapping_text(v: Variant, src: Source, header: list, origin: list) -> str:
    """'label=role' per output column in file order ('#3' for a file without header row)."""
    parts = []
    for i, (lab, c) in enumerate(zip(header, origin, strict=True)):
        role = src.roles.get(c, "-") if c else "-"
        parts.append(f"{lab if v.header else '#' + str(i + 1)}={role}")
    return "; ".join(parts)


# ---- the set -------------------------------------------------------------------------------

T3_ES = {
    "Full Name": "Nombre y apellidos",
    "Join Time": "Hora de entrada",
    "Leave Time": "Hora de salida",
    "Duration": "Duración",
    "Email": "Correo electrónico",
    "Role": "Función",
    "Participant ID (UPN)": "Id. de participante",
}
T3_DE = {
    "Full Name": "Teilnehmer",
    "Join Time": "Beginn",
    "Leave Time": "Ende",
    "Duration": "Dauer",
    "Email": "E-Mail-Adresse",
    "Role": "Rolle",
    "Participant ID (UPN)": "UPN",
}
ZD_ES = {
    "Name (Original Name)": "Nombre",
    "User Email": "Correo",
    "Join Time": "Entrada",
    "Leave Time": "Salida",
    "Duration (Minutes)": "Minutos",
    "Guest": "Invitado",
}
ZW_FR = {
    "User Name (Original Name)": "Nom d'utilisateur",
    "First Name": "Prénom",
    "Last Name": "Nom de famille",
    "Email": "Adresse e-mail",
    "Registration Time": "Date d'inscription",
    "Approval Status": "Statut",
    "Join Time": "Heure d'arrivée",
    "Leave Time": "Heure de départ",
    "Time in Session (minutes)": "Temps de présence (min)",
    "Is Guest": "Invité",
    "Country/Region Name": "Pays",
}
ZW_PT = {
    "User Name (Original Name)": "Nome do usuário",
    "First Name": "Nome",
    "Last Name": "Sobrenome",
    "Email": "E-mail",
    "Registration Time": "Data de inscrição",
    "Approval Status": "Situação",
    "Join Time": "Entrou",
    "Leave Time": "Saiu",
    "Time in Session (minutes)": "Minutos na sessão",
    "Is Guest": "Convidado",
    "Country/Region Name": "País/região",
}


def _cols(names: str) -> list[str]:
    return names.split("|")


VARIANTS = [
    Variant("t3_name_ru.csv", "t3", {"Full Name": "ФИО"}, note="the issue's case: name renamed"),
    Variant(
        "t3_name_zh_teams_tab_bom.csv",
        "t3",
        {"Full Name": "姓名"},
        preamble=True,
        delimiter="\t",
        encoding="utf-8-sig",
        note="whole Teams report kept, re-saved as UTF-8 tab text",
    ),
    Variant("t3_es_semicolon_cp1252.csv", "t3", T3_ES, delimiter=";", encoding="cp1252"),
    Variant(
        "t3_de_reordered_dates.xlsx",
        "t3",
        T3_DE,
        _cols("Email|Full Name|Role|Join Time|Leave Time|Duration|Participant ID (UPN)"),
        encoding="xlsx-dates",
        note="times as real spreadsheet dates",
    ),
    Variant(
        "t3_column1_notes.csv",
        "t3",
        {"Full Name": "Column1"},
        extra=[(3, "", "empty"), (8, "Notes", "notes")],
        note="Excel's default label, an empty unlabelled column and a notes column",
    ),
    Variant("t3_headerless_tab.csv", "t3", header=False, delimiter="\t"),
    Variant(
        "t1_pt_semicolon.csv",
        "t1",
        {
            "Full Name": "Nome completo",
            "Join Time": "Hora de entrada",
            "Leave Time": "Hora de saída",
            "Duration": "Duração",
            "Email": "E-mail",
            "Role": "Função",
            "Participant ID (UPN)": "ID do participante",
        },
        delimiter=";",
    ),
    Variant(
        "t1_ar_bom.csv",
        "t1",
        {"Full Name": "الاسم الكامل", "Email": "البريد الإلكتروني"},
        encoding="utf-8-sig",
    ),
    Variant(
        "t14_fr_abbrev.csv",
        "t14",
        {
            "Name": "Nom",
            "Join time": "Arr.",
            "Leave time": "Dép.",
            "Duration": "Durée",
            "Email": "Courriel",
            "Role": "Rôle",
        },
    ),
    Variant(
        "t14_typos.csv",
        "t14",
        {
            "Name": "Nmae",
            "Join time": "Join tiem",
            "Leave time": "Leave tmie",
            "Duration": "Duraton",
            "Email": "Emial",
            "Role": "Rloe",
        },
    ),
    Variant(
        "tfr_es_cp1252.csv",
        "tfr",
        {
            "Nom complet": "Asistente",
            "Heure d'arrivée": "Llegada",
            "Heure de départ": "Salida",
            "Durée": "Tiempo",
            "E-mail": "Correo",
            "Rôle": "Papel",
        },
        encoding="cp1252",
    ),
    Variant(
        "tfr_ru_leave_first.csv",
        "tfr",
        {
            "Nom complet": "Участник",
            "Heure d'arrivée": "Вход",
            "Heure de départ": "Выход",
            "Durée": "Длительность",
            "E-mail": "Эл. почта",
            "Rôle": "Роль",
        },
        _cols("Rôle|E-mail|Nom complet|Heure de départ|Heure d'arrivée|Durée"),
    ),
    Variant(
        "zd_de.csv",
        "zd",
        {
            "Name (Original Name)": "Teilnehmer",
            "User Email": "E-Mail",
            "Join Time": "Beginn",
            "Leave Time": "Ende",
            "Duration (Minutes)": "Minuten",
            "Guest": "Gast",
        },
    ),
    Variant("zd_headerless.csv", "zd", header=False),
    Variant(
        "zd_es_leave_first_semicolon.csv",
        "zd",
        ZD_ES,
        _cols("User Email|Name (Original Name)|Leave Time|Join Time|Duration (Minutes)|Guest"),
        delimiter=";",
    ),
    Variant(
        "zd_zh.xlsx",
        "zd",
        {
            "Name (Original Name)": "姓名",
            "User Email": "用户邮箱",
            "Join Time": "加入时间",
            "Leave Time": "离开时间",
            "Duration (Minutes)": "时长(分钟)",
            "Guest": "访客",
        },
        encoding="xlsx",
    ),
    Variant(
        "zd_columnN.csv",
        "zd",
        {
            c: f"Column{i + 1}"
            for i, c in enumerate(
                _cols(
                    "Name (Original Name)|User Email|Join Time|Leave Time|Duration (Minutes)|Guest"
                )
            )
        },
        note="every label is Excel's default",
    ),
    Variant("zw_fr_flat.csv", "zw", ZW_FR, note="Zoom attendee section alone, attended rows"),
    Variant(
        "zw_pt_reordered_dates.xlsx",
        "zw",
        ZW_PT,
        _cols(
            "Email|Join Time|Leave Time|User Name (Original Name)|First Name|Last Name|"
            "Country/Region Name|Time in Session (minutes)|Is Guest|Registration Time|"
            "Approval Status"
        ),
        encoding="xlsx-dates",
    ),
    Variant(
        "zw_abbrev.csv",
        "zw",
        {
            "User Name (Original Name)": "Nm",
            "First Name": "Fst",
            "Last Name": "Lst",
            "Email": "E-mail addr",
            "Registration Time": "Reg.",
            "Approval Status": "Stat.",
            "Join Time": "In",
            "Leave Time": "Out",
            "Time in Session (minutes)": "Mins",
            "Is Guest": "Guest?",
            "Country/Region Name": "Ctry",
        },
    ),
    Variant(
        "tl_es.csv",
        "tl",
        {"Full Name": "Nombre completo", "User Action": "Acción", "Timestamp": "Marca de tiempo"},
        note="Teams join/leave event list",
    ),
    Variant("t3_control_utf8.csv", "t3", note="control: Teams labels as exported, UTF-8"),
    Variant(
        "zd_control_semicolon.csv", "zd", delimiter=";", note="control: Zoom labels as exported"
    ),
]


# ---- negatives: a careful importer refuses these, or reads no attendance from them ---------


def _csv_bytes(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    buf = io.StringIO()
    out = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    out.writerow(header)
    out.writerows(rows)
    return buf.getvalue().encode("utf-8")


def negatives(srcs: dict[str, Source]) -> list[tuple[str, str, bytes, str]]:
    """(file, outcome, bytes, why) of each negative."""
    t3, zd, zw = srcs["t3"], srcs["zd"], srcs["zw"]
    i = {c: t3.header.index(c) for c in t3.header}
    people = [r[i["Full Name"]] for r in t3.rows]
    two_names = [
        [r[i["Full Name"]], people[(k + 7) % len(people)], r[i["Join Time"]], r[i["Leave Time"]]]
        for k, r in enumerate(t3.rows)
    ]
    swapped = [
        [r[i["Full Name"]], r[i["Email"]], r[i["Leave Time"]], r[i["Join Time"]], r[i["Role"]]]
        for r in t3.rows
    ]
    z = {c: zd.header.index(c) for c in zd.header}
    zd_swapped = [list(r) for r in zd.rows]
    for r in zd_swapped:
        r[z["Join Time"]], r[z["Leave Time"]] = r[z["Leave Time"]], r[z["Join Time"]]
    w = {c: zw.header.index(c) for c in zw.header}
    regs = [
        [r[w["First Name"]], r[w["Last Name"]], r[w["Email"]], r[w["Registration Time"]], "Sim"]
        for r in zw.rows
        if r[w["Registration Time"]]
    ]
    return [
        (
            "n_two_names.csv",
            "refuse",
            _csv_bytes(["Nom", "Nom_1", "Début", "Fin"], two_names),
            "two columns of people's names, no e-mail: nothing says which is the attendee",
        ),
        (
            "n_swapped_es.csv",
            "refuse",
            _csv_bytes(
                ["Nombre", "Correo", "Hora de entrada", "Hora de salida", "Función"], swapped
            ),
            "the 'entrada' column holds the leave times: every row leaves before it joins",
        ),
        (
            "n_swapped_zoom.csv",
            "refuse",
            _csv_bytes(zd.header, zd_swapped),
            "Zoom's own labels, join and leave values swapped: leave < join (or equal) everywhere",
        ),
        ("n_budget.xlsx", "refuse", _budget_xlsx(), "a budget sheet: dates, amounts, approvers"),
        (
            "n_registrations_pt.csv",
            "no-attendance",
            _csv_bytes(["Nome", "Sobrenome", "E-mail", "Inscrito em", "Confirmado"], regs, ";"),
            "a registration list: may be read as registrations, never as attendance",
        ),
        (
            "n_project_fr.csv",
            "refuse",
            _csv_bytes(["Responsable", "Tâche", "Début", "Fin", "Statut"], _project_rows()),
            "a project plan: a person, a start and an end weeks apart",
        ),
    ]


def _budget_xlsx() -> bytes:
    header = ["Date", "Budget line", "Amount (CHF)", "Approved by", "Paid on"]
    approvers = ["Blair Valle", "Uma Claire Ortiz", "Chuki Opoku", "Harri Ahlgren"]
    lines = ["Venue", "Interpretation", "Travel", "Catering", "Printing", "Platform licence"]
    rows = []
    for k in range(18):
        day = datetime(2025, 1, 6) + timedelta(days=9 * k)
        rows.append(
            [
                day.strftime("%d/%m/%Y"),
                lines[k % len(lines)],
                f"{1250 + 317 * k:.2f}",
                approvers[k % len(approvers)],
                (day + timedelta(days=21)).strftime("%d/%m/%Y"),
            ]
        )
    path = OUT / "_budget.tmp.xlsx"
    src = Source("budget", header, rows, {}, "%d/%m/%Y")
    _write_xlsx(path, Variant("_", "_", encoding="xlsx"), src, header, rows, header)
    data = path.read_bytes()
    path.unlink()
    return data


def _project_rows() -> list[list[str]]:
    owners = ["Nelcy Pijus Anokye", "Ismo Liwia Huba", "Eszter Kirimi", "Lisette Petra Arslan"]
    tasks = ["Programme", "Invitations", "Interprètes", "Plateforme", "Rapport", "Bilan"]
    rows = []
    for k in range(12):
        start = datetime(2025, 2, 3, 9, 0) + timedelta(days=7 * k)
        end = start + timedelta(days=18 + 3 * (k % 4), hours=8)
        status = ("terminé", "en cours", "à faire")[k % 3]
        rows.append(
            [
                owners[k % 4],
                tasks[k % 6],
                start.strftime("%d/%m/%Y %H:%M"),
                end.strftime("%d/%m/%Y %H:%M"),
                status,
            ]
        )
    return rows


# ---- main ----------------------------------------------------------------------------------

TSV_HEADER = ["file", "outcome", "rows", "attendees", "seconds", "roles", "mapping", "note"]


def people(src: Source) -> dict:
    """Every e-mail (lower-cased) and every acceptable display name (folded) of the rows."""
    col = {role: src.header.index(c) for c, role in src.roles.items() if role != "-"}
    emails = (
        sorted({r[col["email"]].strip().lower() for r in src.rows} - {""})
        if ("email" in col)
        else []
    )
    names = {_fold(r[col["name"]]) for r in src.rows}
    # A parser may drop trailing markers such as "(Guest)", "(Invitado)", "(EXT)": also allowed.
    names |= {_fold(re.sub(r"(\s*\([^()]*\))+\s*$", "", r[col["name"]])) for r in src.rows}
    if "first_name" in col:  # a name built from first + last is the same person's name
        names |= {_fold(r[col["first_name"]] + " " + r[col["last_name"]]) for r in src.rows}
    return {"emails": emails, "names": sorted(names)}


def main() -> None:
    import json

    OUT.mkdir(exist_ok=True)
    srcs = sources()
    lines = ["\t".join(TSV_HEADER)]
    side = {}
    for v in VARIANTS:
        src = srcs[v.src]
        header, rows, origin = _table(v, src)
        path = OUT / v.file
        if v.encoding.startswith("xlsx"):
            _write_xlsx(path, v, src, header, rows, origin)
        else:
            _write_text(path, v, src, header, rows)
        exp = expected(src)
        roles = ",".join(f"{k}:{n}" for k, n in sorted(exp["roles"].items()))
        note = f"from {src.name}; {v.encoding}" + (f"; {v.note}" if v.note else "")
        cells = [v.file, "read", exp["rows"], exp["attendees"], exp["seconds"], roles]
        lines.append(
            "\t".join(str(c) for c in [*cells, mapping_text(v, src, header, origin), note])
        )
        side[v.file] = people(src)
    for name, outcome, data, why in negatives(srcs):
        (OUT / name).write_bytes(data)
        lines.append("\t".join([name, outcome, "", "", "", "", "", why]))
    (HERE / "expected.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "expected_people.json").write_text(
        json.dumps(side, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
