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

from engagement.formats.tables import (
    attendance_report,
    blank_if_missing,
    header_cells,
    join_reasons,
    missing,
    raw_lines,
    rejects_frame,
    segment_problems,
    segments_frame,
    sniff_delimiter,
    split_lines,
    too_wide,
    warn_duplicates,
)
from engagement.formats.vocabulary import yes_no
from engagement.formats.zoom_labels import (
    HOST_EMAIL_LABELS,
    HOST_NAME_LABELS,
    MEETING_COLUMN_ALIASES,
)
from engagement.formats.zoom_webinar import country_text, meeting_from_pairs, read_rows
from engagement.ids import meeting_id
from engagement.model import (
    SEGMENT_COLUMNS,
    BadFileError,
    MeetingInfo,
    ParsedReport,
)
from engagement.text import label_key
from engagement.timeparse import parse_datetimes, parse_durations

FORMAT = "zoom_meeting_participants"

# The participant header sits within the first lines (0, 3 or 4 preamble lines seen).
HEADER_SEARCH_LINES = 12

LABEL_TO_COLUMN = {
    alias: key for key, aliases in MEETING_COLUMN_ALIASES.items() for alias in aliases
}


def _header_position(lines: list[str]) -> tuple[int, str, list[str], int] | None:
    """(line index, delimiter, cells, position of the name column) of the participant header."""
    for idx, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        sep = sniff_delimiter(line)
        cells = header_cells(line, sep)
        keys = [LABEL_TO_COLUMN.get(label_key(c)) for c in cells]
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
    frame, line_nos = read_rows(lines, header_idx + 1, None, sep)
    frame, wide = too_wide(frame, len(header))
    reasons = [wide]
    if name_pos > 0 and len(frame):
        meeting, other_meeting = _flat_meeting(frame, header[:name_pos], meeting)
        reasons.append(other_meeting)
    keys: dict[str, int] = {}
    for pos in range(name_pos, len(header)):
        key = LABEL_TO_COLUMN.get(label_key(header[pos]))
        if key and key not in keys:
            keys[key] = pos
    mapped = [
        LABEL_TO_COLUMN.get(label_key(h)) if p >= name_pos else None for p, h in enumerate(header)
    ]
    warn_duplicates(header, mapped, frame)  # a second "User Email": say which one is read

    def col(key: str) -> pd.Series:
        pos = keys.get(key)
        if pos is None:
            return pd.Series("", index=frame.index, dtype=object)
        return frame[pos].astype(object)

    if "join_time" not in keys and "total_duration" in keys:
        times = _unique_user_times(col, meeting, notes)
    else:
        times = _detailed_times(col)
    reasons += times.pop("reasons")
    reason = join_reasons(*reasons) if len(frame) else pd.Series(dtype=object)
    waiting = yes_no(col("waiting_room")).fillna(False).astype(bool)
    ok = (reason == "") & ~waiting
    if waiting.any():
        notes.append(f"{int(waiting.sum())} waiting-room row(s) skipped (not in the meeting).")
    bad = (reason != "").to_numpy()
    rejects = rejects_frame([(line_nos[bad], raw_lines(lines, line_nos[bad]), reason[bad])])
    segments = _segments(col, times, meeting, pd.Series(line_nos, index=frame.index))[ok]
    if segments.empty:
        segments = segments_frame([])
    if len(rejects):
        notes.append(f"{len(rejects)} row(s) could not be read; see the rejected rows.")
    return attendance_report(
        FORMAT, encoding, meeting, segments.reset_index(drop=True), rejects, notes
    )


def _detailed_times(col) -> dict:
    """Join and leave times as written, one row per join."""
    join_raw, leave_raw = col("join_time"), col("leave_time")
    join_at, leave_at = parse_datetimes(join_raw), parse_datetimes(leave_raw)
    return {
        "join_at": join_at,
        "leave_at": leave_at,
        "minutes": parse_durations(col("duration")),
        "reasons": [segment_problems(join_raw, join_at, leave_raw, leave_at)],
    }


def _unique_user_times(col, meeting: MeetingInfo, notes: list[str]) -> dict:
    """'Show unique users' mode: each person's total minutes as one segment from the meeting
    start (no join or leave times in the file; without a known start nothing is placed)."""
    total = col("total_duration")
    minutes = parse_durations(total)
    reasons = []
    if meeting.actual_start is None:
        reasons.append(
            pd.Series(
                "unique-users export without the meeting start time: no join time to "
                "place this person's minutes",
                index=total.index,
            )
        )
        notes.append(
            "This is a 'Show unique users' export without meeting data, so it has no join "
            "or leave times and no meeting start: no attendance was imported. Export the "
            "participants again with 'Export with meeting data' ticked (or 'Show unique "
            "users' unticked)."
        )
        join_at = pd.Series(pd.NaT, index=total.index, dtype="datetime64[ns]")
    else:
        join_at = pd.Series(meeting.actual_start, index=total.index).astype("datetime64[ns]")
        notes.append(
            "'Show unique users' export: each person's total minutes are stored as one "
            "segment from the meeting start (join/leave clock times are approximate)."
        )
    bad_minutes = ~missing(total) & minutes.isna()
    reasons.append(
        pd.Series(
            np.where(bad_minutes, "Total Duration is not a number of minutes", ""),
            index=total.index,
        )
    )
    reasons.append(pd.Series(np.where(missing(total), "no Total Duration", ""), index=total.index))
    return {
        "join_at": join_at,
        "leave_at": join_at + pd.to_timedelta(minutes, unit="min"),
        "minutes": minutes,
        "reasons": reasons,
    }


def _segments(col, times: dict, meeting: MeetingInfo, line: pd.Series) -> pd.DataFrame:
    """Every row as a segment; the host is the meeting row's host e-mail or host name."""
    host_email = next(
        (v for k, v in meeting.extra.items() if label_key(k) in HOST_EMAIL_LABELS and v), ""
    )
    host_name = next(
        (v for k, v in meeting.extra.items() if label_key(k) in HOST_NAME_LABELS and v), ""
    )
    email = blank_if_missing(col("email"))
    name = blank_if_missing(col("name"))
    is_host = (email.str.lower() == host_email.lower()) & (host_email != "")
    is_host |= (name.str.strip().str.lower() == host_name.strip().lower()) & (host_name != "")
    role = pd.Series(np.where(is_host, "host", "attendee"), index=line.index, dtype=object)
    return pd.DataFrame(
        {
            "line": line,
            "email": email,
            "name": name,
            "join_at": times["join_at"],
            "leave_at": times["leave_at"],
            "role": role,
            "is_guest": yes_no(col("guest")),
            "country_raw": country_text(col("country")),
            "minutes_reported": times["minutes"],
        }
    )[list(SEGMENT_COLUMNS)]


def _preamble_meeting(lines: list[str], sep: str) -> MeetingInfo:
    """Meeting header row + value row before the participant header (may be absent)."""
    records = [header_cells(line, sep) for line in lines if line.strip(sep + " \t")]
    pairs: list[tuple[str, str]] = []
    for i in range(0, len(records) - 1, 2):
        labels, values = records[i], records[i + 1]
        pairs += [(name, values[k] if k < len(values) else "") for k, name in enumerate(labels)]
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
        (p for p, name in enumerate(labels) if label_key(name) in ("meetingid", "id")), None
    )
    reason = pd.Series("", index=frame.index, dtype=object)
    if id_pos is not None:
        ids = frame[id_pos].map(meeting_id).fillna("").astype("str")
        other = (ids != ids.iloc[0]) & (ids != "")
        reason[other] = (
            "belongs to another meeting (ID " + ids[other] + "); upload one meeting per file"
        )
    return meeting, reason
