"""What the Data page says about a prepared file, in the organizer's words (issue 9, item 4):
the product's figure names and the file's own words, never the engine's column names or codes
(join_at, country_raw, "matched by new")."""

from __future__ import annotations

import pandas as pd

from .pipeline import FORMAT_LABELS
from .records import Prepared, SessionMatch

# Engine column -> the heading shown; columns not listed (UTC copies, keys, JSON answers,
# classification rules) are the engine's own and stay out of the preview.
SEGMENT_HEADINGS = {
    "line": "Line in the file",
    "name": "Name",
    "email": "E-mail",
    "join_at": "Joined",
    "leave_at": "Left",
    "minutes_reported": "Minutes (as the file says)",
    "role": "Role",
    "is_guest": "Guest",
    "country_raw": "Country (platform's)",
    "is_bot": "Note-taker bot",
}
REGISTRATION_HEADINGS = {
    "line": "Line in the file",
    "name": "Name",
    "email": "E-mail",
    "registered_at": "Registered",
    "status_raw": "Registration status",
    "country_raw": "Country as typed",
    "organization": "Organization",
    "org_type_raw": "Organization type as typed",
    "stakeholder": "Stakeholder type",
    "job_title": "Job title",
    "gender_raw": "Gender as typed",
    "is_bot": "Note-taker bot",
}
REJECT_HEADINGS = {"line": "Line in the file", "reason": "Why it was not read", "raw": "Row"}
ROLE_WORDS = {"host": "Host", "panelist": "Panelist or presenter", "attendee": "Attendee"}
HOW = {
    "external_id": "same {kind} ID {id}",
    "time": "it started during that session",
    "chosen": "chosen by you",
}


def _plain(frame: pd.DataFrame, headings: dict[str, str], rows: int) -> pd.DataFrame:
    """The first rows with the listed columns, renamed; columns the file left empty dropped."""
    shown = frame.head(rows)
    keep = [c for c in headings if c in shown.columns and shown[c].notna().any()]
    keep = [c for c in keep if c == "line" or (shown[c].astype(str).str.strip() != "").any()]
    out = shown[keep].copy()
    if "role" in out:
        out["role"] = out["role"].map(ROLE_WORDS).fillna(out["role"])
    return out.rename(columns=headings).reset_index(drop=True)


def preview_table(prep: Prepared, rows: int = 20) -> pd.DataFrame:
    """The first attendance rows of a file (else its first registrations), plainly headed."""
    if len(prep.segments):
        return _plain(prep.segments, SEGMENT_HEADINGS, rows)
    return _plain(prep.registrations, REGISTRATION_HEADINGS, rows)


def rejects_table(prep: Prepared, rows: int = 50) -> pd.DataFrame:
    return prep.rejects.head(rows).rename(columns=REJECT_HEADINGS).reset_index(drop=True)


def file_sentence(prep: Prepared, figures: dict) -> str:
    """One line: what the file is and what it would add, with the dashboard's figure names."""
    kind = FORMAT_LABELS.get(prep.report.format, "Table")
    kind = kind[0].upper() + kind[1:]
    return (
        f"{kind} ({prep.report.encoding}): {prep.rows_read:,} rows · "
        f"Registrants {figures['registrants']:,} · Attendees {figures['attendees']:,} · "
        f"{figures['segments']:,} attendance segments (one per join) · "
        f"{len(prep.rejects):,} rows that cannot be read"
    )


def match_sentence(prep: Prepared, labels: dict[int, str]) -> str:
    """Where the file goes, as a sentence: "Creates a new session: <title>, <day>" or "Adds to
    session <label>: same webinar ID 123"."""
    match: SessionMatch = prep.match
    if match.how == "event-level":
        return "Registrations for the whole event (no single session)."
    if match.session_id is None or match.session_id not in labels:
        day = f", {pd.Timestamp(match.day):%a %d %b %Y}" if match.day else ""
        return f"Creates a new session: {match.title}{day}."
    kind = "webinar" if "webinar" in prep.report.format else "meeting"
    why = HOW.get(match.how, "").format(kind=kind, id=prep.report.meeting.external_id)
    return f"Adds to session {labels[match.session_id]}" + (f": {why}." if why else ".")


def result_sentence(result: dict) -> str:
    """The line a committed file gets (no internal codes): "x.csv: imported (Zoom webinar
    attendee report): 944 registrants, 142 attendees, 273 segments, 0 rows not read."."""
    kind = FORMAT_LABELS.get(result["format"], "same file as before")
    status = {
        "already_imported": "already imported",
        "replaced": "imported, replacing the older export",
    }.get(result["status"], result["status"])
    return (
        f"{result['file']}: {status} ({kind}): {result['registrants']:,} registrants, "
        f"{result['attendees']:,} attendees, {result['segments']:,} segments, "
        f"{result['rows_rejected']:,} rows not read."
    )


RESULT_HEADINGS = {
    "file": "File",
    "status": "Result",
    "format": "Kind of file",
    "rows_read": "Rows read",
    "rows_rejected": "Rows not read",
    "registrants": "Registrants",
    "attendees": "Attendees",
    "segments": "Segments",
    "error": "Why not imported",
}


def results_table(results: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(results)[list(RESULT_HEADINGS)]
    frame["format"] = frame["format"].map(FORMAT_LABELS)
    frame["status"] = frame["status"].str.replace("_", " ")
    return frame.rename(columns=RESULT_HEADINGS)
