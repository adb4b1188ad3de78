"""Zoom webinar Attendee Report and Registration Report (CSV, any UI language Zoom ships).

Layout (FORMATS.md §1.1/§1.2): a title line ("Attendee Report,"), a summary block (label/value
lines and a header/value row pair), then named sections ("Host Details", "Panelist Details",
"Attendee Details", "Other Attended"), each a title line, a header row and data rows of its own
width. Sections are found by content through the alias tables below (English, pt-BR, es, fr, ko,
ja titles), never by line numbers; every section is read with pandas.read_csv.

What a row becomes
* Attendee Details (attendee report): a row with a Registration Time or an Approval Status is a
  registration; continuation rows (further join segments of the registrant above: both empty, or
  the 2020 file's "NA") are segments only. A row with Attended = Yes (Sim/Sí/Oui/...) and a Join
  Time is a segment, role "attendee".
* Host Details / Panelist Details: segments with role "host" / "panelist".
* Other Attended (2020 layout): segments, role "attendee", no e-mail.
* Registration Report: every data row is a registration.
* A row is imported completely or not at all: an unreadable time, an unknown Attended or Approval
  Status value, a Join Time without Leave Time, or more non-empty cells than the header has puts
  the row in ``rejects`` (1-based line number, reason, raw line). (A registrant row marked
  Attended = Yes without a Join Time keeps its registration; a note counts such rows.)

Registration questions (standard fields such as Phone/Organization/Job Title/Industry and custom
questions) are every column that is not a known Zoom column. They fill organization,
job_title, org_type_raw (questions about organization type/sector/stakeholder/industry),
gender_raw, country_raw (a *question* about country; the platform's IP-based "Country/Region
Name" goes to the segment's country_raw) — the first matching question for each — and every other
non-empty answer goes to ``answers`` as a JSON object.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import numpy as np
import pandas as pd

from engagement.model import (
    REGISTRATION_COLUMNS,
    REJECT_COLUMNS,
    SEGMENT_COLUMNS,
    BadFileError,
    MeetingInfo,
    ParsedReport,
    empty_frame,
)
from engagement.timeparse import MISSING_TOKENS, parse_datetimes, parse_durations

FORMATS = ("zoom_webinar_attendee", "zoom_webinar_registration")
ATTENDEE_FORMAT, REGISTRATION_FORMAT = FORMATS

# How much of a file detect() looks at: the sections it needs sit near the top.
DETECT_CHARS = 200_000


def norm_label(text: str) -> str:
    """Comparable form of a header/title/label: NFKC, lower case, no whitespace, no quotes/colon.

    Whitespace is dropped entirely so "세션 기간(분)" and "세션 기간 (분)" or "Time in session
    (minutes)" and "Time in Session (minutes)" compare equal.
    """
    text = unicodedata.normalize("NFKC", str(text)).strip().strip('"').strip()
    text = text.rstrip(":").lower()
    return re.sub(r"\s+", "", text)


def _aliases(*names: str) -> frozenset[str]:
    return frozenset(norm_label(n) for n in names)


# --- report and section titles ----------------------------------------------------------------
ATTENDEE_REPORT_TITLES = _aliases(
    "Attendee Report",
    "Relatório de Participante",
    "Relatório do Participante",
    "Relatório de Participantes",
    "Informe de asistentes",
    "Informe del asistente",
    "Informe de asistente",
    "Rapport des participants",
    "Rapport de participant",
    "Rapport sur les participants",
    "참석자 보고서",
    "出席者レポート",
)
REGISTRATION_REPORT_TITLES = _aliases(
    "Registration Report",
    "Relatório de Inscrição",
    "Relatório de Inscrições",
    "Relatório de Registro",
    "Informe de registro",
    "Informe de inscripción",
    "Rapport d'inscription",
    "Rapport des inscriptions",
    "등록 보고서",
    "登録レポート",
)
SECTION_TITLES = {
    "host": _aliases(
        "Host Details",
        "Detalhes do anfitrião",
        "Detalhes do host",
        "Detalles del anfitrión",
        "Detalles del host",
        "Détails de l'hôte",
        "Détails sur l'hôte",
        "호스트 세부 정보",
        "ホストの詳細",
    ),
    "panelist": _aliases(
        "Panelist Details",
        "Detalhes do Palestrante",
        "Detalhes dos Palestrantes",
        "Detalhes do painelista",
        "Detalles del panelista",
        "Detalles de los panelistas",
        "Détails du panéliste",
        "Détails des panélistes",
        "패널리스트 세부 정보",
        "パネリストの詳細",
    ),
    "attendee": _aliases(
        "Attendee Details",
        "Detalhes dos Participantes",
        "Detalhes do Participante",
        "Detalles del asistente",
        "Detalles de los asistentes",
        "Détails des participants",
        "Détails du participant",
        "참석자 세부 정보",
        "出席者の詳細",
    ),
    "other": _aliases(
        "Other Attended",
        "Outros participantes",
        "Outros que participaram",
        "Otros asistentes",
        "Autres participants",
        "기타 참석자",
        "その他の出席者",
    ),
}
SECTION_ROLE = {"host": "host", "panelist": "panelist", "attendee": "attendee", "other": "attendee"}

# --- summary labels -----------------------------------------------------------------------------
SUMMARY_LABELS = {
    "generated_at": _aliases(
        "Report generated time",
        "Report Generated",
        "Relatório Gerado",
        "Relatório gerado em",
        "Hora de geração do relatório",
        "Informe generado",
        "Hora de generación del informe",
        "Rapport généré",
        "Heure de génération du rapport",
        "생성된 보고서",
        "보고서 생성 시간",
        "レポート生成日時",
    ),
    "topic": _aliases("Topic", "Tópico", "Tema", "Sujet", "주제", "トピック"),
    "external_id": _aliases(
        "Webinar ID",
        "ID",
        "ID do Webinar",
        "ID do webinário",
        "ID del seminario web",
        "ID del webinar",
        "ID du webinaire",
        "웨비나 ID",
        "ウェビナーID",
        "Meeting ID",
        "ID da reunião",
        "ID de la reunión",
        "ID de réunion",
        "회의 ID",
        "ミーティングID",
    ),
    "actual_start": _aliases(
        "Actual Start Time",
        "Hora de Início Real",
        "Horário de início real",
        "Hora de inicio real",
        "Heure de début réelle",
        "실제 시작 시간",
        "実際の開始時刻",
        "Start Time",
        "Hora de início",
        "Hora de inicio",
        "Heure de début",
        "시작 시간",
        "開始時刻",
    ),
    "actual_end": _aliases(
        "End Time",
        "Hora de término",
        "Hora de finalización",
        "Heure de fin",
        "종료 시간",
        "終了時刻",
    ),
    "scheduled_start": _aliases(
        "Scheduled Time",
        "Horário agendado",
        "Hora agendada",
        "Hora programada",
        "Heure prévue",
        "Heure planifiée",
        "예약된 시간",
        "예정된 시간",
        "予定時刻",
    ),
    "duration_minutes": _aliases(
        "Actual Duration (minutes)",
        "Duration (minutes)",
        "Duração Real (minutos)",
        "Duração (minutos)",
        "Duración real (minutos)",
        "Duración (minutos)",
        "Durée réelle (minutes)",
        "Durée (minutes)",
        "실제 기간(분)",
        "기간(분)",
        "実際の時間(分)",
        "時間(分)",
        "所要時間(分)",
    ),
}

# --- column headers of the sections ---------------------------------------------------------------
COLUMN_ALIASES = {
    "attended": _aliases(
        "Attended",
        "Participou",
        "Asistió",
        "Asistio",
        "A participé",
        "Présent",
        "참석",
        "참석함",
        "参加済み",
        "出席",
    ),
    "user_name": _aliases(
        "User Name (Original Name)",
        "User Name",
        "Name (Original Name)",
        "Nome de usuário (nome original)",
        "Nome de usuário",
        "Nombre de usuario (nombre original)",
        "Nombre de usuario",
        "Nom d'utilisateur (nom d'origine)",
        "Nom d'utilisateur (nom original)",
        "Nom d'utilisateur",
        "사용자 이름(원래 이름)",
        "사용자 이름",
        "ユーザー名 (元の名前)",
        "ユーザー名",
    ),
    "first_name": _aliases("First Name", "Nome", "Primeiro nome", "Nombre", "Prénom", "이름", "名"),
    "last_name": _aliases(
        "Last Name", "Sobrenome", "Apellido", "Apellidos", "Nom de famille", "Nom", "성", "姓"
    ),
    "email": _aliases(
        "Email",
        "E-mail",
        "Email Address",
        "User Email",
        "Endereço de e-mail",
        "Correo electrónico",
        "Correo",
        "Adresse e-mail",
        "Courriel",
        "이메일",
        "사용자 이메일",
        "メール",
        "メールアドレス",
    ),
    "registration_time": _aliases(
        "Registration Time",
        "Horário de inscrição",
        "Hora de inscrição",
        "Data de inscrição",
        "Hora de registro",
        "Hora de inscripción",
        "Fecha de registro",
        "Heure d'inscription",
        "Date d'inscription",
        "등록 시간",
        "登録時間",
    ),
    "approval_status": _aliases(
        "Approval Status",
        "Status da Aprovação",
        "Status de aprovação",
        "Estado de aprobación",
        "Estado de la aprobación",
        "Statut d'approbation",
        "Statut de l'approbation",
        "승인 상태",
        "承認状況",
        "承認ステータス",
    ),
    "join_time": _aliases(
        "Join Time",
        "Hora do Ingresso",
        "Horário de entrada",
        "Hora de entrada",
        "Hora de ingreso",
        "Hora de unión",
        "Heure d'arrivée",
        "Heure de connexion",
        "참가 시간",
        "참여 시간",
        "参加時刻",
        "参加時間",
    ),
    "leave_time": _aliases(
        "Leave Time",
        "Horário de saída",
        "Hora de saída",
        "Hora de salida",
        "Heure de départ",
        "Heure de déconnexion",
        "나간 시간",
        "퇴장 시간",
        "退出時刻",
        "退出時間",
    ),
    "time_in_session": _aliases(
        "Time in Session (minutes)",
        "Tempo em Sessão (minutos)",
        "Tempo na sessão (minutos)",
        "Tiempo en la sesión (minutos)",
        "Tiempo en sesión (minutos)",
        "Durée de la session (minutes)",
        "Temps passé dans la session (minutes)",
        "Temps dans la session (minutes)",
        "세션 기간(분)",
        "セッション時間 (分)",
        "セッションの時間 (分)",
    ),
    "is_guest": _aliases(
        "Is Guest",
        "Guest",
        "É convidado",
        "Convidado",
        "Es invitado",
        "Invitado",
        "Est invité",
        "Invité",
        "게스트",
        "ゲスト",
    ),
    "country": _aliases(
        "Country/Region Name",
        "Nome do país/da região",
        "Nome do país/região",
        "Nombre del país/región",
        "Nombre del país/de la región",
        "Nom du pays/de la région",
        "Nom du pays/région",
        "국가/지역 이름",
        "国/地域名",
    ),
    "source_name": _aliases(
        "Source Name", "Nome da fonte", "Nombre de la fuente", "Nom de la source", "소스 이름"
    ),
}
LABEL_TO_COLUMN = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}

YES_WORDS = frozenset({"yes", "sim", "sí", "si", "oui", "ja", "예", "はい", "y", "true"})
NO_WORDS = frozenset({"no", "não", "nao", "non", "nein", "아니요", "いいえ", "n", "false"})

# Approval Status -> REGISTRATION_STATUSES; the vendor word is kept in status_raw.
STATUS_PATTERNS = (
    ("cancelled", r"^(?:cancel|cancelad|annul|취소|キャンセル)"),
    ("denied", r"^(?:denied|deny|reject|negad|recusad|rechazad|denegad|refus|거부|拒否)"),
    ("pending", r"^(?:pending|pendente|pendiente|en attente|awaiting|대기|保留)"),
    (
        "approved",
        r"^(?:approved|upgraded to panelist|aprovad|aprobad|approuv|승인|承認)",
    ),
)

# Registration questions: text patterns, checked in this order (first match decides the target).
QUESTION_TARGETS = (
    (
        "org_type_raw",
        r"organi[sz]ation\s*type|type\s+of\s+(?:your\s+)?(?:organi[sz]ation|institution|entity|"
        r"employer)|sector|stakeholder|constituency|industry|ind[úu]stria|setor|secteur|"
        r"tipo\s+de\s+(?:organiza|institui|entidad)|type\s+d'organisation",
    ),
    ("gender_raw", r"gender|\bsex\b|genre|g[ée]nero|sexo|성별|性別"),
    ("country_raw", r"country|pa[íi]s|\bpays\b|국가|国|nationalit|nacionalidad"),
    (
        "job_title",
        r"job\s*title|position|designation|profession|occupation|\bcargo\b|puesto|"
        r"fun[çc][ãa]o|fonction|\bposte\b|profiss|profesi|직책|役職",
    ),
    (
        "organization",
        r"organi[sz]ation|organiza[çc][ãa]o|organizaci[óo]n|company|empresa|entreprise|"
        r"institution|institui[çc][ãa]o|instituci[óo]n|employer|affiliation|afilia|agency|"
        r"organisme|소속|所属",
    ),
)


# --- shared helpers (also used by zoom_meeting) --------------------------------------------------
def split_lines(text: str) -> list[str]:
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")


def sniff_sep(header_line: str) -> str:
    """The delimiter of a header line: Zoom writes ',', Excel re-saves may use ';' or TAB."""
    counts = {sep: header_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] > 0 else ","


def parse_line(line: str, sep: str) -> list[str]:
    """Cells of one line (header or summary line), trimmed, trailing empty cells dropped."""
    cells = next(csv.reader([line], delimiter=sep), [])
    cells = [c.strip() for c in cells]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def title_keys(lines: pd.Series) -> pd.Series:
    """norm_label of each line without trailing delimiters (how section titles are matched)."""
    stripped = lines.str.replace(r"[,;\t\s]+$", "", regex=True).str.strip().str.strip('"')
    return stripped.map(norm_label)


def read_block(lines: list[str], first_line_no: int, sep: str) -> tuple[pd.DataFrame, np.ndarray]:
    """CSV records of ``lines`` (no header) as a str DataFrame with integer column labels.

    Rows of any width are accepted (the frame is as wide as the widest row, short rows padded
    with ""), blank lines are skipped, every cell is trimmed. Also returns the 1-based file line
    number where each record starts (``first_line_no`` is the number of ``lines[0]``).
    """
    series = pd.Series(lines, dtype=object).astype(str)
    keep = series.str.strip() != ""
    kept = series[keep]
    line_nos = np.flatnonzero(keep.to_numpy()) + first_line_no
    if kept.empty:
        return pd.DataFrame(), np.array([], dtype=int)
    width = int(kept.str.count(re.escape(sep)).max()) + 1  # upper bound: quoted seps count too
    body = "\n".join(kept)
    try:
        frame = pd.read_csv(
            io.StringIO(body),
            sep=sep,
            header=None,
            names=list(range(width)),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.ParserError as exc:
        raise BadFileError(
            f"The rows from line {first_line_no} on cannot be read as CSV ({exc}). A quote is "
            "probably not closed; open the file in Excel, save it as CSV and upload it again."
        ) from exc
    if len(frame) != len(kept):
        # Quoted cells with line breaks: find where each record starts with the csv module.
        reader = csv.reader(io.StringIO(body), delimiter=sep)
        starts, prev = [], 0
        for _ in reader:
            starts.append(prev)
            prev = reader.line_num
        line_nos = line_nos[np.array(starts[: len(frame)], dtype=int)]
    frame = frame.apply(lambda col: col.str.strip())
    return frame.reset_index(drop=True), line_nos


def missing(values: pd.Series) -> pd.Series:
    """True where a cell holds nothing (``""``, ``--``, ``NA``, ``null``, ...)."""
    return values.str.strip().str.lower().isin(MISSING_TOKENS)


def yes_no(values: pd.Series) -> pd.Series:
    """Yes/No words in any supported language -> nullable boolean (missing/unknown -> <NA>)."""
    low = values.str.strip().str.lower()
    out = pd.Series(pd.NA, index=values.index, dtype="boolean")
    out[low.isin(YES_WORDS)] = True
    out[low.isin(NO_WORDS)] = False
    return out


def blank_if_missing(values: pd.Series) -> pd.Series:
    return values.where(~missing(values), "")


def country_text(values: pd.Series) -> pd.Series:
    # Only dash markers mean "none" here: "NA" is Namibia in a country column.
    return values.where(~values.isin(["--", "-"]), "")


def rejects_frame(lines: list[str], line_nos, reasons) -> pd.DataFrame:
    line_nos = np.asarray(line_nos, dtype=int)
    raw = [lines[n - 1] if 0 < n <= len(lines) else "" for n in line_nos]
    frame = pd.DataFrame({"line": line_nos, "reason": list(reasons), "raw": raw})
    return frame[list(REJECT_COLUMNS)]


def time_problem(raw: pd.Series, parsed: pd.Series, label: str) -> pd.Series:
    """Reason text where a non-missing cell did not parse as a date/time, else ""."""
    bad = ~missing(raw) & parsed.isna()
    return pd.Series(
        np.where(bad, label + " '" + raw + "' is not a readable date/time", ""), index=raw.index
    )


def join_reasons(*parts: pd.Series) -> pd.Series:
    """Non-empty texts of each row joined with "; " (column by column, not row by row)."""
    return _join_nonempty(parts, "; ")


def _join_nonempty(parts, sep: str) -> pd.Series:
    result = parts[0].astype(object)
    for part in parts[1:]:
        both = (result != "") & (part != "")
        result = (result + np.where(both, sep, "") + part).astype(object)
    return result


# --- summary ---
def parse_summary(lines: list[str], sep: str) -> MeetingInfo:
    """The block between the title line and the first section: label/value lines and
    header/value row pairs (labels matched through SUMMARY_LABELS, the rest kept in extra)."""
    records = [parse_line(line, sep) for line in lines if line.strip(sep + " \t")]
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(records):
        rec = records[i]
        if len(rec) <= 2:
            pairs.append((rec[0], rec[1] if len(rec) > 1 else ""))
            i += 1
            continue
        values = records[i + 1] if i + 1 < len(records) else []
        pairs += [(label, values[k] if k < len(values) else "") for k, label in enumerate(rec)]
        i += 2
    return meeting_from_pairs(pairs)


def meeting_from_pairs(pairs: list[tuple[str, str]]) -> MeetingInfo:
    info = MeetingInfo()
    for label, value in pairs:
        value = value.strip()
        key = norm_label(label)
        field = next((f for f, names in SUMMARY_LABELS.items() if key in names), None)
        if field is None or getattr(info, field) is not None or not value:
            if label.strip():
                info.extra[label.strip().rstrip(":")] = value
            continue
        if field == "topic":
            info.topic = value
        elif field == "external_id":
            digits = re.sub(r"\D", "", value)
            info.external_id = digits or None
        elif field == "duration_minutes":
            minutes = parse_durations(pd.Series([value])).iloc[0]
            info.duration_minutes = None if pd.isna(minutes) else float(minutes)
        else:
            stamp = parse_datetimes(pd.Series([value])).iloc[0]
            if pd.isna(stamp):
                info.extra[label.strip().rstrip(":")] = value
            else:
                setattr(info, field, stamp)
    return info


# --- columns ---
def classify_header(header: list[str]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """Known column -> position (first occurrence), and (position, text) of every question."""
    known: dict[str, int] = {}
    questions: list[tuple[int, str]] = []
    for pos, label in enumerate(header):
        key = LABEL_TO_COLUMN.get(norm_label(label))
        if key is not None and key not in known:
            known[key] = pos
        elif label.strip():
            questions.append((pos, label.strip()))
    return known, questions


def question_fields(frame: pd.DataFrame, questions: list[tuple[int, str]]) -> pd.DataFrame:
    """organization/job_title/org_type_raw/gender_raw/country_raw/answers from question columns."""
    out = pd.DataFrame(index=frame.index)
    for target in ("organization", "org_type_raw", "job_title", "gender_raw", "country_raw"):
        out[target] = ""
    taken: set[str] = set()
    answer_cols: list[tuple[int, str]] = []
    for pos, text in questions:
        low = text.lower()
        target = next((t for t, pattern in QUESTION_TARGETS if re.search(pattern, low)), None)
        if target is not None and target not in taken:
            taken.add(target)
            values = frame[pos] if pos in frame.columns else pd.Series("", index=frame.index)
            out[target] = blank_if_missing(values)
        else:
            answer_cols.append((pos, text))
    out["answers"] = answers_json(frame, answer_cols)
    return out


def answers_json(frame: pd.DataFrame, cols: list[tuple[int, str]]) -> pd.Series:
    """One JSON object text per row with the non-empty answers ("{}" when none)."""
    if not cols:
        return pd.Series("{}", index=frame.index, dtype=object)
    parts = []
    for pos, text in cols:
        values = frame[pos] if pos in frame.columns else pd.Series("", index=frame.index)
        values = values.where(~missing(values), "")
        frag = (
            json.dumps(text, ensure_ascii=False)
            + ": "
            + values.map(lambda v: json.dumps(v, ensure_ascii=False))
        )
        parts.append(frag.where(values != "", ""))
    return ("{" + _join_nonempty(parts, ", ") + "}").astype(object)


def status_of(raw: pd.Series) -> pd.Series:
    """Approval Status words -> canonical status; "" for unknown (the row is then rejected)."""
    low = raw.str.strip().str.lower()
    out = pd.Series("", index=raw.index, dtype=object)
    for status, pattern in reversed(STATUS_PATTERNS):
        out[low.str.contains(pattern, regex=True)] = status
    out[low == ""] = "approved"  # a registration without an approval workflow
    return out


def _col(frame: pd.DataFrame, known: dict[str, int], key: str) -> pd.Series:
    pos = known.get(key)
    if pos is None or pos not in frame.columns:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[pos].astype(object)


# --- sections ---
def find_sections(lines: list[str]) -> list[tuple[str, int]]:
    """(kind, index of the title line) of every known section, in file order."""
    keys = title_keys(pd.Series(lines, dtype=object).astype(str))
    found = []
    for kind, aliases in SECTION_TITLES.items():
        for idx in np.flatnonzero(keys.isin(aliases).to_numpy()):
            found.append((kind, int(idx)))
    return sorted(found, key=lambda s: s[1])


def detect(text: str) -> str | None:
    """ "zoom_webinar_attendee" / "zoom_webinar_registration" from content, else None."""
    head = split_lines(text[:DETECT_CHARS])
    keys = title_keys(pd.Series(head, dtype=object).astype(str))
    first_key = keys[keys != ""].iloc[0] if (keys != "").any() else ""
    has_attendee_section = keys.isin(SECTION_TITLES["attendee"]).any()
    if first_key in ATTENDEE_REPORT_TITLES:
        # Even cut short (no Attendee Details yet) it is a Zoom report: parse() then says the
        # file is incomplete instead of offering a column mapping.
        return ATTENDEE_FORMAT
    if first_key in REGISTRATION_REPORT_TITLES:
        return REGISTRATION_FORMAT
    if not has_attendee_section:
        return None
    # Title line missing (edited file): decide from the Attendee Details header.
    idx = int(np.flatnonzero(keys.isin(SECTION_TITLES["attendee"]).to_numpy())[0])
    header_line = next((line for line in head[idx + 1 :] if line.strip()), "")
    known, _ = classify_header(parse_line(header_line, sniff_sep(header_line)))
    if "attended" in known and "email" in known:
        return ATTENDEE_FORMAT
    if {"email", "registration_time"} <= known.keys():
        return REGISTRATION_FORMAT
    return None


def parse(text: str, encoding: str) -> ParsedReport:
    """Parse a Zoom webinar attendee or registration report (see the module docstring)."""
    fmt = detect(text)
    if fmt is None:
        raise BadFileError(
            "This file does not look like a Zoom webinar Attendee or Registration Report "
            "(no 'Attendee Details' section was found). Export the report again from Zoom "
            "(Reports > Webinar > Attendee/Registration) as CSV."
        )
    lines = split_lines(text)
    while lines and lines[-1] == "":
        lines.pop()
    sections = find_sections(lines)
    sep = ","
    if sections:
        header_idx = _header_index(lines, sections[0][1])
        if header_idx is not None:
            sep = sniff_sep(lines[header_idx])
    if not sections:
        raise BadFileError(
            "This Zoom report has no 'Attendee Details' section: the file looks cut off or "
            "edited. Download the report again from Zoom (Reports > Webinar) and import that "
            "file unchanged."
        )

    meeting = parse_summary(lines[1 : sections[0][1]], sep)
    notes: list[str] = []
    if sep != ",":
        notes.append(f"Read with '{sep}' as the delimiter (the file was re-saved by Excel).")
    regs, segs, rejects = [], [], []
    ends = [s[1] for s in sections[1:]] + [len(lines)]
    for (kind, start), end in zip(sections, ends, strict=True):
        if fmt == REGISTRATION_FORMAT and kind != "attendee":
            continue
        r, s, j, n = _parse_section(lines, kind, start, end, sep, fmt)
        regs.append(r)
        segs.append(s)
        rejects.append(j)
        notes += n

    registrations = _concat(regs, REGISTRATION_COLUMNS)
    segments = _concat(segs, SEGMENT_COLUMNS)
    reject_frame = _concat(rejects, REJECT_COLUMNS)
    if len(reject_frame):
        notes.append(f"{len(reject_frame)} row(s) could not be read; see the rejected rows.")
    return ParsedReport(
        format=fmt,
        encoding=encoding,
        meeting=meeting,
        registrations=registrations,
        segments=segments,
        rejects=reject_frame,
        notes=notes,
        event_level_registrations=False,
    )


def _concat(frames: list[pd.DataFrame], columns: tuple[str, ...]) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(columns)
    return pd.concat(frames, ignore_index=True)[list(columns)]


def _header_index(lines: list[str], title_idx: int) -> int | None:
    for idx in range(title_idx + 1, len(lines)):
        if lines[idx].strip():
            return idx
    return None


def _parse_section(
    lines: list[str], kind: str, start: int, end: int, sep: str, fmt: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, list[str]]:
    """One section -> (registrations, segments, rejects, notes)."""
    notes: list[str] = []
    header_idx = _header_index(lines, start)
    if header_idx is None or header_idx >= end:
        return (
            empty_frame(REGISTRATION_COLUMNS),
            empty_frame(SEGMENT_COLUMNS),
            empty_frame(REJECT_COLUMNS),
            notes,
        )
    header = parse_line(lines[header_idx], sep)
    width = len(header)
    known, questions = classify_header(header)
    title = lines[start].strip().rstrip(sep + " ").strip('"')
    needed = {"email"} if kind != "other" else {"join_time"}
    if kind == "attendee" and fmt != REGISTRATION_FORMAT:
        needed = {"email", "join_time"}
    if not needed <= known.keys():
        absent = ", ".join(sorted(needed - known.keys())).replace("_", " ")
        raise BadFileError(
            f"The header of the {title} section (line {header_idx + 1}) has no {absent} "
            "column: the file looks cut off or edited. Download the report again from Zoom "
            "and import that file unchanged."
        )
    frame, line_nos = read_block(lines[header_idx + 1 : end], header_idx + 2, sep)
    if frame.empty:
        return (
            empty_frame(REGISTRATION_COLUMNS),
            empty_frame(SEGMENT_COLUMNS),
            empty_frame(REJECT_COLUMNS),
            notes,
        )

    # Ragged rows: cells past the header width must be empty (Zoom's trailing comma, Excel
    # padding); anything else means the row does not line up with its header.
    extra_cols = [c for c in frame.columns if c >= width]
    reasons = [
        pd.Series(
            np.where(
                frame[extra_cols].ne("").any(axis=1) if extra_cols else False,
                f"row has more values than the {width} columns of the {title} header",
                "",
            ),
            index=frame.index,
        )
    ]
    frame = frame[[c for c in frame.columns if c < width]]
    for col in range(width):
        if col not in frame.columns:
            frame[col] = ""

    is_registration_report = fmt == REGISTRATION_FORMAT
    attended_raw = _col(frame, known, "attended")
    reg_raw = _col(frame, known, "registration_time")
    status_raw = _col(frame, known, "approval_status")
    join_raw = _col(frame, known, "join_time")
    leave_raw = _col(frame, known, "leave_time")

    registered_at = parse_datetimes(reg_raw)
    join_at = parse_datetimes(join_raw)
    leave_at = parse_datetimes(leave_raw)
    reasons += [
        time_problem(reg_raw, registered_at, "Registration Time"),
        time_problem(join_raw, join_at, "Join Time"),
        time_problem(leave_raw, leave_at, "Leave Time"),
    ]

    # Which rows are registrations and which are segments.
    if kind == "attendee" and not is_registration_report:
        is_reg = ~missing(reg_raw) | ~missing(status_raw)
    elif is_registration_report:
        is_reg = pd.Series(True, index=frame.index)
    else:
        is_reg = pd.Series(False, index=frame.index)
    if "attended" in known:
        attended = yes_no(attended_raw)
        unknown_attended = attended.isna() & ~missing(attended_raw)
        reasons.append(
            pd.Series(
                np.where(unknown_attended, "Attended '" + attended_raw + "' is not Yes/No", ""),
                index=frame.index,
            )
        )
        attended = attended.fillna(False).astype(bool)
    else:
        attended = pd.Series(not is_registration_report, index=frame.index)
    has_join = ~missing(join_raw)
    is_seg = attended & has_join
    # "Attended = Yes" without a Join Time: a registrant row still gives its registration (e.g.
    # someone upgraded to panelist, whose presence is in Panelist Details); otherwise reject.
    no_join = attended & ~has_join & ("join_time" in known)
    reasons.append(
        pd.Series(
            np.where(no_join & ~is_reg, "marked as attended but has no Join Time", ""),
            frame.index,
        )
    )
    if (no_join & is_reg).any():
        notes.append(
            f"{int((no_join & is_reg).sum())} registrant row(s) in {title} say Attended = Yes "
            "but have no Join Time: read as registrations only."
        )
    no_leave = is_seg & missing(leave_raw)
    reasons.append(
        pd.Series(np.where(no_leave, "has a Join Time but no Leave Time", ""), frame.index)
    )
    backwards = is_seg & (leave_at < join_at)
    reasons.append(
        pd.Series(np.where(backwards, "Leave Time is before Join Time", ""), frame.index)
    )
    status = status_of(status_raw.where(~missing(status_raw), ""))
    bad_status = is_reg & (status == "")
    reasons.append(
        pd.Series(
            np.where(bad_status, "Approval Status '" + status_raw + "' is not known", ""),
            frame.index,
        )
    )
    neither = ~is_reg & ~is_seg & ~no_join
    if kind == "attendee" and not is_registration_report:
        reasons.append(
            pd.Series(
                np.where(neither, "row has neither registration nor attendance data", ""),
                frame.index,
            )
        )

    reason = join_reasons(*reasons)
    ok = reason == ""
    rejects = rejects_frame(lines, line_nos[~ok.to_numpy()], reason[~ok])

    first = blank_if_missing(_col(frame, known, "first_name"))
    last = blank_if_missing(_col(frame, known, "last_name"))
    full = (first + " " + last).str.strip()
    user = blank_if_missing(_col(frame, known, "user_name"))
    email = blank_if_missing(_col(frame, known, "email"))
    if kind == "other":
        email = pd.Series("", index=frame.index, dtype=object)
    line_series = pd.Series(line_nos, index=frame.index)

    reg_rows = ok & is_reg
    registrations = empty_frame(REGISTRATION_COLUMNS)
    if reg_rows.any():
        q = question_fields(frame, questions)
        registrations = pd.DataFrame(
            {
                "line": line_series,
                "email": email,
                "first_name": first,
                "last_name": last,
                "name": full.where(full != "", user),
                "registered_at": registered_at,
                "status": status,
                "status_raw": status_raw.where(~missing(status_raw), ""),
                "country_raw": q["country_raw"],
                "organization": q["organization"],
                "org_type_raw": q["org_type_raw"],
                "job_title": q["job_title"],
                "gender_raw": q["gender_raw"],
                "answers": q["answers"],
            }
        )[reg_rows][list(REGISTRATION_COLUMNS)]

    seg_rows = ok & is_seg
    segments = empty_frame(SEGMENT_COLUMNS)
    if seg_rows.any():
        segments = pd.DataFrame(
            {
                "line": line_series,
                "email": email,
                "name": user.where(user != "", full),
                "join_at": join_at,
                "leave_at": leave_at,
                "role": SECTION_ROLE[kind],
                "is_guest": yes_no(_col(frame, known, "is_guest")),
                "country_raw": country_text(_col(frame, known, "country")),
                "minutes_reported": parse_durations(_col(frame, known, "time_in_session")),
            }
        )[seg_rows][list(SEGMENT_COLUMNS)]
        continuation = int((seg_rows & ~is_reg).sum()) if kind == "attendee" else 0
        if continuation and not is_registration_report:
            notes.append(
                f"{continuation} row(s) in {title} are further join segments of a registrant "
                "(no Registration Time): read as attendance only."
            )
        if kind == "other":
            notes.append(
                f"{int(seg_rows.sum())} segment(s) from '{title}' (people who joined without "
                "registering) carry no e-mail."
            )
    return registrations, segments, rejects, notes
