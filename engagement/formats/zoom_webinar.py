"""Zoom webinar Attendee Report and Registration Report (CSV, any UI language Zoom ships).

Layout (FORMATS.md §1.1/§1.2): a title line ("Attendee Report,"), a summary block (label/value
lines and a header/value row pair), then named sections ("Host Details", "Panelist Details",
"Attendee Details", "Other Attended"), each a title line, a header row and data rows of its own
width. Sections are found by content through the alias tables of zoom_labels (English, pt-BR,
es, fr, ko, ja titles), never by line numbers; every section is read with pandas.read_csv.

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

import copy
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from engagement.formats.tables import (
    BACKWARDS,
    answers_json,
    blank_if_missing,
    header_cells,
    join_reasons,
    missing,
    raw_lines,
    read_records,
    registrations_frame,
    rejects_frame,
    segments_frame,
    sniff_delimiter,
    split_lines,
    time_problems,
    too_wide,
    warn_duplicates,
)
from engagement.formats.vocabulary import yes_no
from engagement.formats.zoom_labels import (
    ATTENDEE_REPORT_TITLES,
    COLUMN_ALIASES,
    QUESTION_TARGETS,
    REGISTRATION_REPORT_TITLES,
    SECTION_TITLES,
    STATUS_PATTERNS,
    SUMMARY_LABELS,
)
from engagement.ids import meeting_id
from engagement.model import (
    REGISTRATION_COLUMNS,
    SEGMENT_COLUMNS,
    BadFileError,
    MeetingInfo,
    ParsedReport,
)
from engagement.text import label_key
from engagement.timeparse import parse_datetimes, parse_durations

FORMATS = ("zoom_webinar_attendee", "zoom_webinar_registration")
ATTENDEE_FORMAT, REGISTRATION_FORMAT = FORMATS

# How much of a file detect() looks at: the sections it needs sit near the top.
DETECT_CHARS = 200_000

SECTION_ROLE = {"host": "host", "panelist": "panelist", "attendee": "attendee", "other": "attendee"}
LABEL_TO_COLUMN = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}


class Section(NamedTuple):
    """One named section of a report: lines[start:end], its title line first."""

    kind: str  # a key of SECTION_TITLES
    start: int
    end: int
    sep: str
    fmt: str


# --- shared with zoom_meeting ------------------------------------------------------------------
def read_rows(lines: list[str], start: int, end: int | None, sep: str):
    """The non-blank CSV records of lines[start:end] (a Zoom file with an unclosed quote is
    refused) and the 1-based line where each starts."""
    frame, line_nos = read_records(lines, start, end, sep, strict=True)
    if frame.empty:
        return frame, line_nos
    keep = np.array([lines[n - 1].strip() != "" for n in line_nos], dtype=bool)
    return frame[keep].reset_index(drop=True), line_nos[keep]


def country_text(values: pd.Series) -> pd.Series:
    # Only dash markers mean "none" here: "NA" is Namibia in a country column.
    return values.where(~values.isin(["--", "-"]), "")


def meeting_from_pairs(pairs: list[tuple[str, str]]) -> MeetingInfo:
    """MeetingInfo from (label, value) pairs: labels matched through SUMMARY_LABELS, the first
    value of each field wins, the rest kept in extra."""
    info = MeetingInfo()
    for name, value in pairs:
        value = value.strip()
        key = label_key(name)
        field = next((f for f, names in SUMMARY_LABELS.items() if key in names), None)
        if field is None or getattr(info, field) is not None or not value:
            if name.strip():
                info.extra[name.strip().rstrip(":")] = value
            continue
        if field == "topic":
            info.topic = value
        elif field == "external_id":
            info.external_id = meeting_id(value)
        elif field == "duration_minutes":
            minutes = parse_durations(pd.Series([value])).iloc[0]
            info.duration_minutes = None if pd.isna(minutes) else float(minutes)
        else:
            stamp = parse_datetimes(pd.Series([value])).iloc[0]
            if pd.isna(stamp):
                info.extra[name.strip().rstrip(":")] = value
            else:
                setattr(info, field, stamp)
    return info


# --- layout ------------------------------------------------------------------------------------
def title_keys(lines: pd.Series) -> pd.Series:
    """label_key of each line without trailing delimiters (how section titles are matched)."""
    stripped = lines.str.replace(r"[,;\t\s]+$", "", regex=True).str.strip().str.strip('"')
    return stripped.map(label_key)


# A line whose title key could hold no "," or ";" (no title does): trailing delimiters and
# spaces are what title_keys strips. Tested per line with one compiled pattern, so that only
# a handful of lines of a large file are folded.
_MAYBE_TITLE = re.compile(r"[^,;]*[,;\s]*")


def find_sections(lines: list[str]) -> list[tuple[str, int]]:
    """(kind, index of the title line) of every known section, in file order."""
    match = _MAYBE_TITLE.fullmatch
    where = [i for i, line in enumerate(lines) if match(str(line))]
    keys = title_keys(pd.Series([lines[i] for i in where], dtype=object).astype(str))
    found = []
    for kind, aliases in SECTION_TITLES.items():
        for pos in np.flatnonzero(keys.isin(aliases).to_numpy()):
            found.append((kind, where[int(pos)]))
    return sorted(found, key=lambda s: s[1])


# The last summary read and its meeting: every chunk of a large file (ingest.stream) starts
# with the same summary, whose few dates cost a second to read each time.
_LAST_SUMMARY: list = [None, None]


def parse_summary(lines: list[str], sep: str) -> MeetingInfo:
    """The block between the title line and the first section: label/value lines and
    header/value row pairs."""
    key = (tuple(lines), sep)
    if _LAST_SUMMARY[0] != key:
        _LAST_SUMMARY[:] = [key, _parse_summary(lines, sep)]
    return copy.deepcopy(_LAST_SUMMARY[1])


def _parse_summary(lines: list[str], sep: str) -> MeetingInfo:
    records = [header_cells(line, sep) for line in lines if line.strip(sep + " \t")]
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(records):
        rec = records[i]
        if len(rec) <= 2:
            pairs.append((rec[0], rec[1] if len(rec) > 1 else ""))
            i += 1
            continue
        values = records[i + 1] if i + 1 < len(records) else []
        pairs += [(name, values[k] if k < len(values) else "") for k, name in enumerate(rec)]
        i += 2
    return meeting_from_pairs(pairs)


def classify_header(header: list[str]) -> tuple[dict[str, int], list[tuple[int, str]]]:
    """Known column -> position (first occurrence), and (position, text) of every question."""
    known: dict[str, int] = {}
    questions: list[tuple[int, str]] = []
    for pos, name in enumerate(header):
        key = LABEL_TO_COLUMN.get(label_key(name))
        if key is not None and key not in known:
            known[key] = pos
        elif name.strip():
            questions.append((pos, name.strip()))
    return known, questions


def detect(text: str) -> str | None:
    """ "zoom_webinar_attendee" / "zoom_webinar_registration" from content, else None."""
    head = split_lines(text[:DETECT_CHARS])
    keys = title_keys(pd.Series(head, dtype=object).astype(str))
    first_key = keys[keys != ""].iloc[0] if (keys != "").any() else ""
    if first_key in ATTENDEE_REPORT_TITLES:
        # Even cut short (no Attendee Details yet) it is a Zoom report: parse() then says the
        # file is incomplete instead of offering a column mapping.
        return ATTENDEE_FORMAT
    if first_key in REGISTRATION_REPORT_TITLES:
        return REGISTRATION_FORMAT
    attendee = np.flatnonzero(keys.isin(SECTION_TITLES["attendee"]).to_numpy())
    if not len(attendee):
        return None
    # Title line missing (edited file): decide from the Attendee Details header.
    header_line = next((line for line in head[int(attendee[0]) + 1 :] if line.strip()), "")
    known, _ = classify_header(header_cells(header_line, sniff_delimiter(header_line)))
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
    sections = find_sections(lines)
    if not sections:
        raise BadFileError(
            "This Zoom report has no 'Attendee Details' section: the file looks cut off or "
            "edited. Download the report again from Zoom (Reports > Webinar) and import that "
            "file unchanged."
        )
    header_idx = _header_index(lines, sections[0][1])
    sep = "," if header_idx is None else sniff_delimiter(lines[header_idx])
    meeting = parse_summary(lines[1 : sections[0][1]], sep)
    notes: list[str] = []
    if sep != ",":
        notes.append(f"Read with '{sep}' as the delimiter (the file was re-saved by Excel).")
    parts = []
    ends = [s[1] for s in sections[1:]] + [len(lines)]
    for (kind, start), end in zip(sections, ends, strict=True):
        if fmt == REGISTRATION_FORMAT and kind != "attendee":
            continue
        parts.append(_parse_section(lines, Section(kind, start, end, sep, fmt)))
        notes += parts[-1][3]
    registrations = _concat([p[0] for p in parts], registrations_frame([]))
    segments = _concat([p[1] for p in parts], segments_frame([]))
    rejects = _concat([p[2] for p in parts], rejects_frame([]))
    if len(rejects):
        notes.append(rejected_note(len(rejects)))
    return ParsedReport(
        format=fmt,
        encoding=encoding,
        meeting=meeting,
        registrations=registrations,
        segments=segments,
        rejects=rejects,
        notes=notes,
        event_level_registrations=False,
    )


def _concat(frames: list[pd.DataFrame], empty: pd.DataFrame) -> pd.DataFrame:
    """The non-empty frames as one, in the columns of `empty` (itself when all are empty)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty
    return pd.concat(frames, ignore_index=True)[list(empty.columns)]


def _header_index(lines: list[str], title_idx: int) -> int | None:
    for idx in range(title_idx + 1, len(lines)):
        if lines[idx].strip():
            return idx
    return None


# --- one section -------------------------------------------------------------------------------
def _parse_section(lines: list[str], section: Section):
    """One section -> (registrations, segments, rejects, notes)."""
    empty = (registrations_frame([]), segments_frame([]), rejects_frame([]), [])
    header_idx = _header_index(lines, section.start)
    if header_idx is None or header_idx >= section.end:
        return empty
    header = header_cells(lines[header_idx], section.sep)
    known, questions = classify_header(header)
    title = lines[section.start].strip().rstrip(section.sep + " ").strip('"')
    _require_columns(section, known, title, header_idx)
    frame, line_nos = read_rows(lines, header_idx + 1, section.end, section.sep)
    if frame.empty:
        return empty
    frame, wide = too_wide(frame, len(header))
    # A second "Email" column: the first is read; say so if their values differ.
    warn_duplicates(header, [LABEL_TO_COLUMN.get(label_key(h)) for h in header], frame)
    rows, notes = _read_section_rows(frame, known, section, title)
    reason = join_reasons(wide, *rows.pop("reasons"))
    ok = reason == ""
    bad = line_nos[~ok.to_numpy()]
    rejects = rejects_frame([(bad, raw_lines(lines, bad), reason[~ok])])
    people = _people(frame, known, section.kind)
    line = pd.Series(line_nos, index=frame.index)
    registrations = registrations_frame([])
    if (ok & rows["is_reg"]).any():
        registrations = _registrations(frame, questions, rows, people, line)[ok & rows["is_reg"]]
    segments = segments_frame([])
    seg_rows = ok & rows["is_seg"]
    if seg_rows.any():
        segments = _segments(frame, known, rows, people, line, section.kind)[seg_rows]
        notes += _segment_notes(seg_rows, rows["is_reg"], section, title)
    return registrations, segments, rejects, notes


def _require_columns(section: Section, known: dict, title: str, header_idx: int) -> None:
    needed = {"email"} if section.kind != "other" else {"join_time"}
    if section.kind == "attendee" and section.fmt != REGISTRATION_FORMAT:
        needed = {"email", "join_time"}
    if not needed <= known.keys():
        absent = ", ".join(sorted(needed - known.keys())).replace("_", " ")
        raise BadFileError(
            f"The header of the {title} section (line {header_idx + 1}) has no {absent} "
            "column: the file looks cut off or edited. Download the report again from Zoom "
            "and import that file unchanged."
        )


def _read_section_rows(frame: pd.DataFrame, known: dict, section: Section, title: str):
    """Which rows are registrations and which segments, their times, and every reason a row
    cannot be used (a row is imported completely or not at all)."""
    is_registration_report = section.fmt == REGISTRATION_FORMAT
    attended_raw = _col(frame, known, "attended")
    reg_raw = _col(frame, known, "registration_time")
    status_raw = _col(frame, known, "approval_status")
    join_raw = _col(frame, known, "join_time")
    leave_raw = _col(frame, known, "leave_time")
    rows = {
        "registered_at": zoom_times(reg_raw),
        "join_at": zoom_times(join_raw),
        "leave_at": zoom_times(leave_raw),
        "status_raw": status_raw.where(~missing(status_raw), ""),
    }
    reasons = [
        time_problems(reg_raw, rows["registered_at"], "registration time", required=False),
        time_problems(join_raw, rows["join_at"], "join time", required=False),
        time_problems(leave_raw, rows["leave_at"], "leave time", required=False),
    ]
    if section.kind == "attendee" and not is_registration_report:
        is_reg = ~missing(reg_raw) | ~missing(status_raw)
    else:
        is_reg = pd.Series(is_registration_report, index=frame.index)
    if "attended" in known:
        attended = yes_no(attended_raw)
        unknown = attended.isna() & ~missing(attended_raw)
        reasons.append(_where(unknown, "Attended '" + attended_raw + "' is not Yes/No"))
        attended = attended.fillna(False).astype(bool)
    else:
        attended = pd.Series(not is_registration_report, index=frame.index)
    is_seg = attended & ~missing(join_raw)
    # "Attended = Yes" without a Join Time: a registrant row still gives its registration (e.g.
    # someone upgraded to panelist, whose presence is in Panelist Details); otherwise reject.
    no_join = attended & missing(join_raw) & ("join_time" in known)
    reasons.append(_where(no_join & ~is_reg, "marked as attended but has no join time"))
    notes = []
    if (no_join & is_reg).any():
        notes.append(no_join_note(int((no_join & is_reg).sum()), title))
    reasons.append(_where(is_seg & missing(leave_raw), "no leave time"))
    reasons.append(_where(is_seg & (rows["leave_at"] < rows["join_at"]), BACKWARDS))
    rows["status"] = status_of(rows["status_raw"])
    bad_status = is_reg & (rows["status"] == "")
    reasons.append(_where(bad_status, "Approval Status '" + status_raw + "' is not known"))
    if section.kind == "attendee" and not is_registration_report:
        neither = ~is_reg & ~is_seg & ~no_join
        reasons.append(_where(neither, "row has neither registration nor attendance data"))
    rows.update(is_reg=is_reg, is_seg=is_seg, reasons=reasons)
    return rows, notes


# Zoom's English export writes every time alike ("Jun 21, 2021 13:01:32"): such a column is
# read with its one format (a large file has nearly as many distinct times as rows, each of
# which parse_datetimes would normalize in Python first), any other column as before.
ZOOM_TIME = r"[A-Z][a-z]{2} \d{1,2}, \d{4} \d{2}:\d{2}:\d{2}"


def zoom_times(raw: pd.Series) -> pd.Series:
    """parse_datetimes(raw), at C speed for a column of Zoom's English times only."""
    text = raw.astype("str")
    present = ~missing(text)
    if present.any() and text[present].str.fullmatch(ZOOM_TIME).all():
        parsed = pd.to_datetime(text.where(present), format="%b %d, %Y %H:%M:%S", errors="coerce")
        if parsed[present].notna().all():
            return pd.Series(
                parsed.to_numpy(dtype="datetime64[ns]"), index=raw.index, name=raw.name
            )
    return parse_datetimes(raw)


def _where(mask: pd.Series, reason) -> pd.Series:
    """The reason (text, or one text per row) where mask holds, "" elsewhere."""
    return pd.Series(np.where(mask, reason, ""), index=mask.index)


def _people(frame: pd.DataFrame, known: dict, kind: str) -> dict[str, pd.Series]:
    first = blank_if_missing(_col(frame, known, "first_name"))
    last = blank_if_missing(_col(frame, known, "last_name"))
    email = blank_if_missing(_col(frame, known, "email"))
    if kind == "other":
        email = pd.Series("", index=frame.index, dtype=object)
    return {
        "first": first,
        "last": last,
        "full": (first + " " + last).str.strip(),
        "user": blank_if_missing(_col(frame, known, "user_name")),
        "email": email,
    }


def _registrations(frame, questions, rows: dict, people: dict, line: pd.Series) -> pd.DataFrame:
    q = question_fields(frame, questions)
    full, user = people["full"], people["user"]
    return pd.DataFrame(
        {
            "line": line,
            "email": people["email"],
            "first_name": people["first"],
            "last_name": people["last"],
            "name": full.where(full != "", user),
            "registered_at": rows["registered_at"],
            "status": rows["status"],
            "status_raw": rows["status_raw"],
            "country_raw": q["country_raw"],
            "organization": q["organization"],
            "org_type_raw": q["org_type_raw"],
            "job_title": q["job_title"],
            "gender_raw": q["gender_raw"],
            "answers": q["answers"],
        }
    )[list(REGISTRATION_COLUMNS)]


def _segments(frame, known, rows: dict, people: dict, line: pd.Series, kind: str):
    full, user = people["full"], people["user"]
    return pd.DataFrame(
        {
            "line": line,
            "email": people["email"],
            "name": user.where(user != "", full),
            "join_at": rows["join_at"],
            "leave_at": rows["leave_at"],
            "role": SECTION_ROLE[kind],
            "is_guest": yes_no(_col(frame, known, "is_guest")),
            "country_raw": country_text(_col(frame, known, "country")),
            "minutes_reported": parse_durations(_col(frame, known, "time_in_session")),
        }
    )[list(SEGMENT_COLUMNS)]


def no_join_note(count: int, title: str) -> str:
    return (
        f"{count} registrant row(s) in {title} say Attended = Yes but have no Join Time: "
        "read as registrations only."
    )


def continuation_note(count: int, title: str) -> str:
    return (
        f"{count} row(s) in {title} are further join segments of a registrant "
        "(no Registration Time): read as attendance only."
    )


def rejected_note(count: int) -> str:
    return f"{count} row(s) could not be read; see the rejected rows."


def _segment_notes(seg_rows, is_reg, section: Section, title: str) -> list[str]:
    notes = []
    continuation = int((seg_rows & ~is_reg).sum()) if section.kind == "attendee" else 0
    if continuation and section.fmt != REGISTRATION_FORMAT:
        notes.append(continuation_note(continuation, title))
    if section.kind == "other":
        notes.append(
            f"{int(seg_rows.sum())} segment(s) from '{title}' (people who joined without "
            "registering) carry no e-mail."
        )
    return notes


# --- columns -----------------------------------------------------------------------------------
def _col(frame: pd.DataFrame, known: dict[str, int], key: str) -> pd.Series:
    pos = known.get(key)
    if pos is None or pos not in frame.columns:
        return pd.Series("", index=frame.index, dtype="str")
    # str (Arrow) cells, not object: strip/lower/isin then run vectorized on large sections
    return frame[pos].astype("str")


def _cells(frame: pd.DataFrame, pos: int) -> pd.Series:
    return frame[pos] if pos in frame.columns else pd.Series("", index=frame.index)


QUESTION_FIELDS = ("organization", "org_type_raw", "job_title", "gender_raw", "country_raw")


def question_plan(questions: list[tuple[int, str]]):
    """({field: position} of the first question matching each field's pattern, and the
    (position, text) of every other question, whose answers go to `answers`)."""
    targets: dict[str, int] = {}
    answer_cols: list[tuple[int, str]] = []
    for pos, text in questions:
        low = text.lower()
        target = next((t for t, pattern in QUESTION_TARGETS if re.search(pattern, low)), None)
        if target is not None and target not in targets:
            targets[target] = pos
        else:
            answer_cols.append((pos, text))
    return targets, answer_cols


def question_fields(frame: pd.DataFrame, questions: list[tuple[int, str]]) -> pd.DataFrame:
    """organization/job_title/org_type_raw/gender_raw/country_raw/answers from question columns
    (the first question matching a target's pattern fills it; the others become answers)."""
    out = pd.DataFrame(index=frame.index)
    targets, answer_cols = question_plan(questions)
    for target in QUESTION_FIELDS:
        pos = targets.get(target)
        out[target] = "" if pos is None else blank_if_missing(_cells(frame, pos))
    answered = pd.DataFrame(
        {pos: blank_if_missing(_cells(frame, pos)) for pos, _ in answer_cols},
        index=frame.index,
    )
    out["answers"] = answers_json(answered, answer_cols)
    return out


def status_of(raw: pd.Series) -> pd.Series:
    """Approval Status words -> canonical status; "" for unknown (the row is then rejected)."""
    low = raw.str.strip().str.lower()
    out = pd.Series("", index=raw.index, dtype=object)
    for status, pattern in reversed(STATUS_PATTERNS):
        out[low.str.contains(pattern, regex=True)] = status
    out[low == ""] = "approved"  # a registration without an approval workflow
    return out
