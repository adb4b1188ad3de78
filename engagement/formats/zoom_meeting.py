"""Zoom meeting usage report "Participants" export (detailed and unique-users modes).

Layouts accepted (FORMATS.md §1.3), all found by content:
* the participant header on line 1, or after a meeting-data preamble ("Export with meeting data":
  a meeting header row, its value row, a blank line — 3 lines; other counts are fine too);
* 2020–2023 headers ("Name (Original Name),User Email,Join Time,...") and 2024+ sentence case
  ("Name (original name),Email,Join time,..."), Japanese ("名前 (元の名前),ユーザーメール,...")
  and the admin flat variant where every row repeats meeting columns before "Name (Original
  Name)" (duplicated header names such as "User Email"; columns are used by position);
* optional Guest / Recording Consent / In Waiting Room columns; rows in the waiting room
  ("In Waiting Room" = Yes) are not presence in the meeting and are skipped (counted in notes).

Detailed mode: one segment per row (join/leave/duration as written).

Unique-users mode ("Show unique users": Total Duration, no Join/Leave Time): a segment needs
times, so each person becomes ONE segment with join_at = meeting start and leave_at = meeting
start + total duration — an approximation that keeps minutes right but not the clock times —
and only when the meeting start is known (from the meeting-data preamble). Without it every
row is rejected with a note asking for a re-export. Both cases are stated in ParsedReport.notes.

Registrations: none (meetings have no registration data in this export). Role: "host" for the
e-mail given as the meeting's host ("User Email" of the 2020 meeting row) or the exact name given
as "Host" (2024+ meeting row), "attendee" otherwise.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from engagement.formats.zoom_webinar import (
    blank_if_missing,
    country_text,
    join_reasons,
    meeting_from_pairs,
    missing,
    norm_label,
    parse_line,
    read_block,
    rejects_frame,
    sniff_sep,
    split_lines,
    time_problem,
    yes_no,
)
from engagement.model import (
    REGISTRATION_COLUMNS,
    REJECT_COLUMNS,
    SEGMENT_COLUMNS,
    BadFileError,
    MeetingInfo,
    ParsedReport,
    empty_frame,
)
from engagement.timeparse import parse_datetimes, parse_durations

FORMAT = "zoom_meeting_participants"

# The participant header sits within the first lines (0, 3 or 4 preamble lines seen).
HEADER_SEARCH_LINES = 12


def _aliases(*names: str) -> frozenset[str]:
    return frozenset(norm_label(n) for n in names)


COLUMN_ALIASES = {
    "name": _aliases(
        "Name (Original Name)",
        "名前 (元の名前)",
        "이름(원래 이름)",
        "Nome (nome original)",
        "Nombre (nombre original)",
        "Nom (nom d'origine)",
        "Nom (nom original)",
    ),
    "email": _aliases(
        "User Email",
        "Email",
        "E-mail",
        "ユーザーメール",
        "メール",
        "사용자 이메일",
        "이메일",
        "E-mail do usuário",
        "Correo electrónico del usuario",
        "Correo electrónico",
        "E-mail de l'utilisateur",
        "Adresse e-mail",
    ),
    "join_time": _aliases(
        "Join Time",
        "参加時刻",
        "참가 시간",
        "Hora de entrada",
        "Horário de entrada",
        "Hora de ingreso",
        "Heure d'arrivée",
    ),
    "leave_time": _aliases(
        "Leave Time",
        "退出時刻",
        "나간 시간",
        "Hora de salida",
        "Horário de saída",
        "Heure de départ",
    ),
    "duration": _aliases(
        "Duration (Minutes)",
        "所要時間(分)",
        "기간(분)",
        "Duração (minutos)",
        "Duración (minutos)",
        "Durée (minutes)",
    ),
    "total_duration": _aliases(
        "Total Duration (Minutes)",
        "合計時間(分)",
        "合計所要時間(分)",
        "총 기간(분)",
        "Duração total (minutos)",
        "Duración total (minutos)",
        "Durée totale (minutes)",
    ),
    "guest": _aliases("Guest", "ゲスト", "게스트", "Convidado", "Invitado", "Invité"),
    "waiting_room": _aliases(
        "In Waiting Room",
        "待機室内",
        "待合室内",
        "대기실에서",
        "Na sala de espera",
        "En la sala de espera",
        "En salle d'attente",
    ),
    "country": _aliases("Country/Region Name", "Location", "Country"),
}
LABEL_TO_COLUMN = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}
# Meeting-row labels naming the host's e-mail (the 2020 preamble's "User Email").
HOST_EMAIL_LABELS = _aliases("User Email", "Host Email", "ユーザーメール", "사용자 이메일")
# 2024+ meeting rows name the host instead ("Host"); matched against the participant name.
HOST_NAME_LABELS = _aliases(
    "Host", "Host Name", "ホスト", "호스트", "Anfitrião", "Anfitrión", "Hôte"
)


def _header_position(lines: list[str]) -> tuple[int, str, list[str], int] | None:
    """(line index, delimiter, cells, position of the name column) of the participant header."""
    for idx, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        sep = sniff_sep(line)
        cells = parse_line(line, sep)
        keys = [LABEL_TO_COLUMN.get(norm_label(c)) for c in cells]
        if "name" not in keys:
            continue
        name_pos = keys.index("name")
        after = keys[name_pos:]
        if "duration" in after or "total_duration" in after:
            return idx, sep, cells, name_pos
    return None


def detect(text: str) -> bool:
    """True for a Zoom meeting Participants export (header found by content)."""
    head = split_lines(text[:20_000])
    return _header_position(head) is not None


def parse(text: str, encoding: str) -> ParsedReport:
    """Parse a Zoom meeting Participants export (see the module docstring)."""
    lines = split_lines(text)
    while lines and lines[-1] == "":
        lines.pop()
    found = _header_position(lines)
    if found is None:
        raise BadFileError(
            "This file does not look like a Zoom meeting Participants export (no "
            "'Name (Original Name)' header with a duration column in its first lines). Export "
            "it again from Zoom (Reports > Usage > Participants) as CSV."
        )
    header_idx, sep, header, name_pos = found
    notes: list[str] = []
    if sep != ",":
        notes.append(f"Read with '{sep}' as the delimiter (the file was re-saved by Excel).")

    meeting = _preamble_meeting(lines[:header_idx], sep)
    frame, line_nos = read_block(lines[header_idx + 1 :], header_idx + 2, sep)
    width = len(header)
    for col in range(width):
        if col not in frame.columns:
            frame[col] = ""
    keys: dict[str, int] = {}
    for pos in range(name_pos, width):
        key = LABEL_TO_COLUMN.get(norm_label(header[pos]))
        if key and key not in keys:
            keys[key] = pos

    reasons: list[pd.Series] = []
    extra_cols = [c for c in frame.columns if c >= width]
    too_wide = frame[extra_cols].ne("").any(axis=1) if extra_cols else False
    reasons.append(
        pd.Series(
            np.where(too_wide, f"row has more values than the {width} header columns", ""),
            index=frame.index,
        )
    )
    if name_pos > 0 and len(frame):
        meeting, other_meeting = _flat_meeting(frame, header[:name_pos], meeting)
        reasons.append(other_meeting)

    def col(key: str) -> pd.Series:
        pos = keys.get(key)
        if pos is None:
            return pd.Series("", index=frame.index, dtype=object)
        return frame[pos].astype(object)

    host_email = next(
        (v for k, v in meeting.extra.items() if norm_label(k) in HOST_EMAIL_LABELS and v), ""
    )
    host_name = next(
        (v for k, v in meeting.extra.items() if norm_label(k) in HOST_NAME_LABELS and v), ""
    )
    email = blank_if_missing(col("email"))
    name = blank_if_missing(col("name"))
    waiting = yes_no(col("waiting_room")).fillna(False).astype(bool)
    unique_mode = "join_time" not in keys and "total_duration" in keys

    if unique_mode:
        minutes = parse_durations(col("total_duration"))
        if meeting.actual_start is None:
            reasons.append(
                pd.Series(
                    "unique-users export without the meeting start time: no join time to "
                    "place this person's minutes",
                    index=frame.index,
                )
            )
            notes.append(
                "This is a 'Show unique users' export without meeting data, so it has no join "
                "or leave times and no meeting start: no attendance was imported. Export the "
                "participants again with 'Export with meeting data' ticked (or 'Show unique "
                "users' unticked)."
            )
            join_at = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        else:
            join_at = pd.Series(meeting.actual_start, index=frame.index).astype("datetime64[ns]")
            notes.append(
                "'Show unique users' export: each person's total minutes are stored as one "
                "segment from the meeting start (join/leave clock times are approximate)."
            )
        leave_at = join_at + pd.to_timedelta(minutes, unit="min")
        bad_minutes = ~missing(col("total_duration")) & minutes.isna()
        reasons.append(
            pd.Series(
                np.where(bad_minutes, "Total Duration is not a number of minutes", ""),
                index=frame.index,
            )
        )
        reasons.append(
            pd.Series(
                np.where(missing(col("total_duration")), "no Total Duration", ""),
                index=frame.index,
            )
        )
    else:
        join_raw, leave_raw = col("join_time"), col("leave_time")
        join_at, leave_at = parse_datetimes(join_raw), parse_datetimes(leave_raw)
        minutes = parse_durations(col("duration"))
        reasons += [
            time_problem(join_raw, join_at, "Join Time"),
            time_problem(leave_raw, leave_at, "Leave Time"),
            pd.Series(np.where(missing(join_raw), "no Join Time", ""), index=frame.index),
            pd.Series(np.where(missing(leave_raw), "no Leave Time", ""), index=frame.index),
            pd.Series(
                np.where(leave_at < join_at, "Leave Time is before Join Time", ""),
                index=frame.index,
            ),
        ]

    reason = join_reasons(*reasons) if len(frame) else pd.Series(dtype=object)
    ok = (reason == "") & ~waiting
    if waiting.any():
        notes.append(f"{int(waiting.sum())} waiting-room row(s) skipped (not in the meeting).")
    bad = (reason != "").to_numpy()
    rejects = (
        rejects_frame(lines, line_nos[bad], reason[bad])
        if bad.any()
        else empty_frame(REJECT_COLUMNS)
    )
    is_host = (email.str.lower() == host_email.lower()) & (host_email != "")
    is_host |= (name.str.strip().str.lower() == host_name.strip().lower()) & (host_name != "")
    role = np.where(is_host, "host", "attendee")
    segments = pd.DataFrame(
        {
            "line": pd.Series(line_nos, index=frame.index),
            "email": email,
            "name": name,
            "join_at": join_at,
            "leave_at": leave_at,
            "role": pd.Series(role, index=frame.index, dtype=object),
            "is_guest": yes_no(col("guest")),
            "country_raw": country_text(col("country")),
            "minutes_reported": minutes,
        }
    )[ok][list(SEGMENT_COLUMNS)]
    if segments.empty:
        segments = empty_frame(SEGMENT_COLUMNS)
    if len(rejects):
        notes.append(f"{len(rejects)} row(s) could not be read; see the rejected rows.")
    return ParsedReport(
        format=FORMAT,
        encoding=encoding,
        meeting=meeting,
        registrations=empty_frame(REGISTRATION_COLUMNS),
        segments=segments.reset_index(drop=True),
        rejects=rejects.reset_index(drop=True),
        notes=notes,
        event_level_registrations=False,
    )


def _preamble_meeting(lines: list[str], sep: str) -> MeetingInfo:
    """Meeting header row + value row before the participant header (may be absent)."""
    records = [parse_line(line, sep) for line in lines if line.strip(sep + " \t")]
    pairs: list[tuple[str, str]] = []
    for i in range(0, len(records) - 1, 2):
        labels, values = records[i], records[i + 1]
        pairs += [(label, values[k] if k < len(values) else "") for k, label in enumerate(labels)]
    return meeting_from_pairs(pairs)


def _flat_meeting(
    frame: pd.DataFrame, labels: list[str], meeting: MeetingInfo
) -> tuple[MeetingInfo, pd.Series]:
    """Admin flat export: meeting columns repeated on every row before the participant block.

    The first row describes the meeting; rows of any other meeting ID are rejected because a
    report covers one meeting.
    """
    first = [str(frame.at[frame.index[0], pos]) for pos in range(len(labels))]
    flat = meeting_from_pairs(list(zip(labels, first, strict=True)))
    for attr in ("external_id", "topic", "actual_start", "actual_end", "duration_minutes"):
        if getattr(meeting, attr) is None:
            setattr(meeting, attr, getattr(flat, attr))
    for key, value in flat.extra.items():
        meeting.extra.setdefault(key, value)
    id_pos = next(
        (p for p, label in enumerate(labels) if norm_label(label) in ("meetingid", "id")), None
    )
    reason = pd.Series("", index=frame.index, dtype=object)
    if id_pos is not None:
        ids = frame[id_pos].str.replace(r"\D", "", regex=True)
        other = (ids != ids.iloc[0]) & (ids != "")
        reason[other] = (
            "belongs to another meeting (ID " + ids[other] + "); upload one meeting per file"
        )
    return meeting, reason
