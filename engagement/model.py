"""The shape every vendor parser returns, so that one import path can store any format."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# Canonical format names (the CLI's --json "format" values).
FORMATS = (
    "zoom_webinar_attendee",
    "zoom_webinar_registration",
    "zoom_meeting_participants",
    "teams_attendance",
    "eventbrite_attendees",
    "indico_registrations",
    "webex_attendees",
    "checkin_list",
    "generic",
)

# Columns of ParsedReport.registrations. Times are naive datetime64 in the exporter's local
# time unless the column holds tz-aware values (Indico CSV writes UTC offsets).
REGISTRATION_COLUMNS = (
    "line",  # 1-based line number in the decoded file (for messages and the import log)
    "email",  # as written (trimmed); "" when none
    "first_name",
    "last_name",
    "name",  # display/full name; built from first+last when the file has no such column
    "registered_at",  # datetime64 or NaT
    "status",  # one of REGISTRATION_STATUSES
    "status_raw",  # the vendor's own word, e.g. "cancelled by self", "Refunded"
    "country_raw",  # the registration form's country answer, untouched
    "organization",
    "org_type_raw",  # an "organization type"/"sector" answer, when the form asked one
    "job_title",
    "gender_raw",
    "answers",  # JSON object text of every other registration question: {"question": "answer"}
)
REGISTRATION_STATUSES = ("approved", "pending", "cancelled", "denied")

# Columns of ParsedReport.segments: one continuous presence per row.
SEGMENT_COLUMNS = (
    "line",
    "email",
    "name",
    "join_at",  # datetime64 (naive local, or tz-aware)
    "leave_at",
    "role",  # one of ROLES
    "is_guest",  # bool or <NA>
    "country_raw",  # the platform's own country (Zoom's IP-based "Country/Region Name")
    "minutes_reported",  # the file's own duration for the row, float or NaN
)
ROLES = ("attendee", "panelist", "presenter", "co-host", "host")
# The coarse role stored in segments.role (its check constraint predates the finer roles).
COARSE_ROLE = {"co-host": "host", "presenter": "panelist"}

REJECT_COLUMNS = ("line", "reason", "raw")


@dataclass
class MeetingInfo:
    """What a report says about the meeting/webinar it covers (all optional)."""

    external_id: str | None = None  # webinar/meeting ID, digits only (Teams: the GUID)
    topic: str | None = None
    actual_start: pd.Timestamp | None = None  # naive local time, as in the file
    actual_end: pd.Timestamp | None = None
    scheduled_start: pd.Timestamp | None = None
    duration_minutes: float | None = None
    generated_at: pd.Timestamp | None = None  # "Report generated time": which export is newer
    extra: dict = field(default_factory=dict)  # every other summary field, label -> value


@dataclass
class ParsedReport:
    """One file, understood. Empty frames (with the columns above) where a part is absent."""

    format: str
    encoding: str
    meeting: MeetingInfo
    registrations: pd.DataFrame
    segments: pd.DataFrame
    rejects: pd.DataFrame
    notes: list[str] = field(default_factory=list)  # human remarks for the import summary
    # True when registrations in this file are for the whole event (Eventbrite, Indico),
    # False when they are for the one webinar/meeting the file covers.
    event_level_registrations: bool = False


class BadFileError(Exception):
    """A file that cannot be imported; the message is for the person who uploaded it."""


class UnknownLayout(BadFileError):
    """A readable table of no known vendor layout: its columns can be mapped by hand."""

    def __init__(self, message: str, header: list[str]):
        super().__init__(message)
        self.header = header


def empty_frame(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
