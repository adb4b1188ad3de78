"""Webex meeting/webinar attendee reports -> attendance segments (LOW confidence: no real export
was available; FORMATS.md section 3).

What is assumed, from one parser written against real files and Webex help pages:
* one header row (found by content within the first 30 lines, so a short preamble is skipped),
  comma UTF-8 or UTF-16 tab; cells may be Excel formulas `="2024-05-02 10:00:00"` (unwrapped);
* columns Display Name (or Name / Participant Name, or First + Last Name), Attendee Email (or
  Email), Join Time, Leave Time, optional Duration (plain minutes, "1h 2m" or "h:mm:ss"),
  Role, Meeting Name / Topic, Meeting Number / Meeting ID, Meeting Start Time / End Time,
  Connection Type, Source ID, Country;
* one row per join (segment); roles Host/Cohost -> host, Presenter/Panelist -> panelist;
  guest status unknown (is_guest <NA>) unless a "Guest"/"Is Guest" Yes/No column exists.
Registration reports (name, e-mail, approval status, registration time) are not handled here:
import them through the generic column mapping.
"""

from __future__ import annotations

import pandas as pd

from engagement.formats.tables import (
    DELIMITERS,
    attendance_report,
    minutes_from,
    parse_times_together,
    read_table,
    segment_list,
    split_cells,
    split_lines,
)
from engagement.formats.vocabulary import roles_from, yes_no
from engagement.ids import meeting_id
from engagement.model import (
    BadFileError,
    MeetingInfo,
    ParsedReport,
)
from engagement.text import label

FORMAT = "webex_attendees"

NAME = ("display name", "name", "participant name", "attendee name", "full name", "user name")
FIRST = ("first name",)
LAST = ("last name",)
EMAIL = ("attendee email", "email", "email address", "participant email", "user email")
JOIN = ("join time", "joined", "time joined", "join date/time", "join date & time")
LEAVE = ("leave time", "left", "time left", "leave date/time", "leave date & time")
DURATION = (
    "duration",
    "attendance duration",
    "duration (minutes)",
    "duration(minutes)",
    "duration (mins)",
    "attended duration",
    "in-meeting duration",
)
ROLE = ("role", "participant role", "attendee role", "user role")
TOPIC = (
    "meeting name",
    "topic",
    "meeting topic",
    "webinar name",
    "event name",
    "session name",
    "meeting title",
)
NUMBER = (
    "meeting number",
    "meeting id",
    "session number",
    "webinar number",
    "event number",
    "session id",
)
MEETING_START = ("meeting start time", "meeting start", "start time")
MEETING_END = ("meeting end time", "meeting end", "end time")
COUNTRY = ("country", "country/region")
GUEST = ("guest", "is guest")
# Columns no other conference tool writes: one of them is needed to claim a file as Webex.
WEBEX_ONLY = {
    "attendee email",
    "display name",
    "meeting start time",
    "meeting end time",
    "connection type",
    "source id",
    "meeting number",
}


NOT_WEBEX = (
    "This does not look like a Webex attendee report: no header with a name, a join time and a "
    "leave time was found."
)


def _unwrap(values: pd.Series) -> pd.Series:
    """Excel formula wrapping ="..." (Webex writes it to stop Excel reformatting times)."""
    return values.str.replace(r'^="(.*)"$', r"\1", regex=True).str.strip()


def _find_header(lines: list[str]):
    for i, line in enumerate(lines[:30]):
        for d in DELIMITERS:
            if d not in line:
                continue
            folded = {label(c) for c in split_cells(line, d)}
            has_name = bool(folded & set(NAME)) or (folded & set(FIRST) and folded & set(LAST))
            if has_name and folded & set(JOIN) and folded & set(LEAVE):
                return i, d, folded
    return None


def detect(text: str) -> bool:
    found = _find_header(split_lines(text[:20000]))
    return bool(found) and bool(found[2] & WEBEX_ONLY)


def parse(text: str, encoding: str) -> ParsedReport:
    lines = split_lines(text)
    found = _find_header(lines)
    if not found:
        raise BadFileError(NOT_WEBEX)
    table = read_table(lines, found[0], None, found[1])
    n = len(table.cells)
    blank = pd.Series("", index=range(n), dtype="str")

    def col(names) -> pd.Series:
        p = table.find(names)
        return blank if p is None else _unwrap(table.col(p).reset_index(drop=True))

    name = col(NAME)
    built = (col(FIRST) + " " + col(LAST)).str.strip()
    name = name.where(name != "", built)
    email = col(EMAIL)
    join_text, leave_text = col(JOIN), col(LEAVE)
    start_text, end_text = col(MEETING_START), col(MEETING_END)
    join_at, leave_at, starts, ends = parse_times_together(
        join_text, leave_text, start_text, end_text
    )
    duration_col = table.find(DURATION)
    minutes = None if duration_col is None else minutes_from(col(DURATION))
    is_guest = None if table.find(GUEST) is None else yes_no(col(GUEST))
    topic = col(TOPIC)
    topic = topic[topic != ""]
    number = col(NUMBER).map(meeting_id).fillna("").astype("str")
    number = number[number != ""]
    meeting = MeetingInfo(
        external_id=number.iloc[0] if len(number) else None,
        topic=topic.iloc[0] if len(topic) else None,
        actual_start=None if starts.isna().all() else starts.min(),
        actual_end=None if ends.isna().all() else ends.max(),
    )
    if topic.nunique() > 1 or number.nunique() > 1:
        meeting.extra["other meetings in file"] = sorted(set(topic) | set(number))
    times = {"join": (join_text, join_at), "leave": (leave_text, leave_at)}
    columns = {"role": roles_from(col(ROLE)), "is_guest": is_guest, "country_raw": col(COUNTRY)}
    segs, rejects = segment_list(table, email, name, **times, **columns, minutes_reported=minutes)
    notes = ["Webex support is provisional (built without a real export): check the figures."]
    if topic.nunique() > 1 or number.nunique() > 1:
        notes.append("The file covers more than one meeting; all rows go to the first one.")
    return attendance_report(FORMAT, encoding, meeting, segs, rejects, notes)
