"""On-site check-in lists (badge scans at an in-person event's entrance) -> attendance.

Written for the synthetic WLPF 2023/2025 demo and for the lists badge-printing services export:
one header row with a badge column (Badge ID / Badge No.) and a scan time (Check-in Time, Scan
Time, Checked in at); e-mail and name (Full Name, or First + Last Name); optional organization
and scan point. One file per day: the file's first scan finds the programme session by time.

Decisions:
* A scan is a moment, not a stay: each row is a segment whose join and leave are the scan
  time. The person attended the day's session (the "any presence" rule); minutes and concurrent
  figures say nothing for such a list, and the import says so.
* Scan points (gates) are not copied; the organization is not either (registration lists
  carry it), so a check-in list never changes a person's declared details.
"""

from __future__ import annotations

import pandas as pd

from engagement.formats.tables import (
    attendance_report,
    header_labels,
    parse_times_together,
    read_one_table,
    segment_list,
)
from engagement.model import BadFileError, MeetingInfo, ParsedReport

FORMAT = "checkin_list"

BADGE = ("badge id", "badge no.", "badge no", "badge number", "badge #", "badge")
TIME = (
    "check-in time",
    "checkin time",
    "scan time",
    "checked in at",
    "check-in date",
    "scanned at",
)
EMAIL = ("email", "e-mail", "email address", "e-mail address")
NAME = ("full name", "name", "attendee name", "delegate name")
FIRST = ("first name", "given name")
LAST = ("last name", "family name", "surname")
NOTE = (
    "Check-in list: each badge scan is an arrival only, so it counts the person as present at "
    "that day's session; minutes attended and concurrent figures do not apply."
)


def detect(text: str) -> bool:
    folded = set(header_labels(text[:20000]))
    return bool(folded & set(BADGE)) and bool(folded & set(TIME)) and bool(folded & set(EMAIL))


def parse(text: str, encoding: str) -> ParsedReport:
    table = read_one_table(text)
    if table is None:
        raise BadFileError("The check-in list is empty: it has no header row.")
    blank = pd.Series("", index=range(len(table.cells)), dtype="str")

    def col(names) -> pd.Series:
        p = table.find(names)
        return blank if p is None else table.col(p).reset_index(drop=True)

    name = col(NAME)
    name = name.where(name != "", (col(FIRST) + " " + col(LAST)).str.strip())
    scan_text = col(TIME)
    (scan_at,) = parse_times_together(scan_text)
    scans = scan_at.dropna()
    meeting = MeetingInfo(
        actual_start=None if scans.empty else scans.min(),
        actual_end=None if scans.empty else scans.max(),
    )
    segs, rejects = segment_list(
        table,
        col(EMAIL),
        name,
        join=(scan_text, scan_at),
        leave=(scan_text, scan_at),
        role=pd.Series("attendee", index=range(len(table.cells)), dtype="str"),
    )
    return attendance_report(FORMAT, encoding, meeting, segs, rejects, [NOTE])
