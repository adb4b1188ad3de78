"""Any CSV/XLSX with one header row, read through a column mapping a person confirmed (or that
`suggest_mapping` guessed from the header words), and the header signature profiles key on."""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd

from engagement.formats.generic_labels import (
    EXACT_ONLY,
    FIELDS,
    PARTNERED,
    PATTERNS,
    SPECIFICITY,
)
from engagement.formats.tables import (
    BACKWARDS,
    NO_PERSON,
    Table,
    answers_json,
    header_row,
    join_reasons,
    minutes_from,
    parse_times_together,
    read_one_table,
    registrations_frame,
    rejects_frame,
    segments_frame,
    time_problems,
)
from engagement.formats.vocabulary import roles_from, statuses_from
from engagement.model import (
    BadFileError,
    MeetingInfo,
    ParsedReport,
)
from engagement.text import label
from engagement.timeparse import parse_datetimes

__all__ = ["FIELDS", "FORMAT", "header_of", "parse", "signature", "suggest_mapping"]

FORMAT = "generic"
_NO_HEADER = "The file has no header row: it holds no text at all."

_PATTERN_RES = {
    f: [
        (p, None if p in EXACT_ONLY else re.compile(r"(?<![\w])" + re.escape(p) + r"(?![\w])"))
        for p in pats
    ]
    for f, pats in PATTERNS.items()
}


def header_of(text: str) -> list[str]:
    """The header row of a one-header-row file: first non-blank line, sniffed delimiter."""
    found = header_row(text)
    if found is None:
        raise BadFileError(_NO_HEADER)
    cells = list(found[0])
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def suggest_mapping(header: list[str]) -> dict[str, str]:
    """Guess field -> column from header words (en, fr, es, pt, it, de, pl); each column is
    used for at most one field, each field at most once. A person confirms before import."""
    folded = [label(h) for h in header]
    present = set(folded)
    candidates = []  # (score, field order, column position, field)
    for pos, h in enumerate(folded):
        if not h:
            continue
        if h in PARTNERED and any(p in present for p in PARTNERED[h][1]):
            candidates.append((4, 0, pos, PARTNERED[h][0]))
            continue
        for order, f in enumerate(FIELDS):
            best = _field_score(f, h)
            if best:
                candidates.append((best, order, pos, f))
    # Best score first; among equal scores compound concepts ("organization type", "first
    # name") claim their column before plain words ("organization", "name").
    candidates.sort(key=lambda c: (-c[0], SPECIFICITY.get(c[3], 9), c[2]))
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for _, _, pos, f in candidates:
        if f in mapping or pos in used:
            continue
        mapping[f] = header[pos]
        used.add(pos)
    return mapping


def _field_score(field: str, header: str) -> int:
    """3 when the folded header is one of the field's words, 2 when it contains one."""
    best = 0
    for p, rx in _PATTERN_RES.get(field, ()):
        if header == p:
            return 3
        if rx is not None and rx.search(header):
            best = 2
    return best


def signature(header: list[str]) -> str:
    """Stable 16-hex-digit hash of the normalized header (saved column profiles key on it)."""
    cells = [label(h) for h in header]
    while cells and cells[-1] == "":
        cells.pop()
    return hashlib.sha256("\x1f".join(cells).encode("utf-8")).hexdigest()[:16]


def parse(text: str, encoding: str, mapping: dict[str, str]) -> ParsedReport:
    """Read a one-header-row file through `mapping` (field -> column header as written)."""
    table = read_one_table(text)
    if table is None:
        raise BadFileError(_NO_HEADER)
    pos = _mapped_positions(table, mapping or {})
    _check_mapping(pos)
    get = {f: table.col(p).reset_index(drop=True) for f, p in pos.items()}
    blank = pd.Series("", index=range(len(table.cells)), dtype="str")
    columns = {f: get.get(f, blank) for f in FIELDS if f != "name"}
    built = (columns["first_name"] + " " + columns["last_name"]).str.strip()
    columns["name"] = get["name"].where(get["name"] != "", built) if "name" in get else built
    want_regs = "join_at" not in pos or "registered_at" in pos or "status" in pos
    reasons = pd.Series("", index=blank.index, dtype="str")
    reasons[(columns["email"] == "") & (columns["name"] == "")] = NO_PERSON
    times, time_reasons = _times(get, want_regs)
    reasons = join_reasons(reasons, time_reasons)
    ok = (reasons == "").to_numpy()
    notes: list[str] = []
    regs = registrations_frame([])
    if want_regs:
        others = [(i, h) for i, h in enumerate(table.header) if i not in pos.values() and h]
        regs = _registrations(table, columns, times, others, ok, notes)
    segs = segments_frame([])
    if "join_at" in pos:
        segs = _segments(table, columns, times, ok, want_regs)
    return ParsedReport(
        format=FORMAT,
        encoding=encoding,
        meeting=MeetingInfo(),
        registrations=regs,
        segments=segs,
        rejects=rejects_frame([(table.line[~ok], table.raw[~ok], reasons[~ok])]),
        notes=notes,
        event_level_registrations=want_regs and "join_at" not in pos,
    )


def _check_mapping(pos: dict[str, int]) -> None:
    """Refuse a mapping that cannot give a person, or a join without an end."""
    has_name = any(f in pos for f in ("name", "first_name", "last_name"))
    if "email" not in pos and not has_name:
        raise BadFileError(
            "The column mapping must name an e-mail column or a name column (full name, or "
            "first/last name): without one, no person in the file can be recognised."
        )
    has_join = "join_at" in pos
    if has_join and "leave_at" not in pos and "duration_minutes" not in pos:
        raise BadFileError(
            "The column mapping names a join time but neither a leave time nor a duration, so "
            "no attendance segment can be built. Map the leave-time or duration column too."
        )
    if not has_join and "leave_at" in pos:
        raise BadFileError(
            "The column mapping names a leave time but no join time. Map the join-time column."
        )


def _times(get: dict[str, pd.Series], want_regs: bool) -> tuple[dict, pd.Series]:
    """Registration, join and leave times and minutes of each row, and the problems with them.

    A leave time is derived from join + duration where the leave cell is empty; a file that is
    also a registration list names people who never joined: no segment, and no reject either.
    """
    n = len(next(iter(get.values())))
    times: dict = {"registered_at": None, "join_at": None, "leave_at": None, "minutes": None}
    reasons = [pd.Series("", index=range(n), dtype="str")]
    if "registered_at" in get:
        times["registered_at"] = parse_datetimes(get["registered_at"]).reset_index(drop=True)
        reasons.append(
            time_problems(get["registered_at"], times["registered_at"], "registration time", False)
        )
    if "join_at" not in get:
        return times, join_reasons(*reasons)
    has_leave = "leave_at" in get
    if has_leave:
        join_at, leave_at = parse_times_together(get["join_at"], get["leave_at"])
    else:
        (join_at,) = parse_times_together(get["join_at"])
    minutes = minutes_from(get["duration_minutes"]) if "duration_minutes" in get else None
    no_time = get["join_at"].str.strip() == ""
    if has_leave:
        no_time &= get["leave_at"].str.strip() == ""
    required = ~no_time if want_regs else pd.Series(True, index=range(n))
    reasons.append(time_problems(get["join_at"], join_at, "join time", True).where(required, ""))
    if has_leave:
        derive = (get["leave_at"].str.strip() == "") & (
            minutes.notna() if minutes is not None else False
        )
        leave_problem = time_problems(get["leave_at"], leave_at, "leave time", True)
        reasons.append(leave_problem.where(required & ~derive, ""))
        if derive.any():
            leave_at = leave_at.where(~derive, join_at + pd.to_timedelta(minutes, unit="min"))
    else:
        leave_at = join_at + pd.to_timedelta(minutes, unit="min")
        no_minutes = required & minutes.isna()
        reasons.append(pd.Series(np.where(no_minutes, "no duration", ""), dtype="str"))
    backwards = join_at.notna() & leave_at.notna() & (leave_at < join_at)
    reasons.append(pd.Series(np.where(backwards, BACKWARDS, ""), dtype="str"))
    times.update(join_at=join_at, leave_at=leave_at, minutes=minutes)
    return times, join_reasons(*reasons)


# Registration contract column -> mapping field, for the text columns copied as written.
_REGISTRATION_TEXT = {
    "email": "email",
    "first_name": "first_name",
    "last_name": "last_name",
    "name": "name",
    "status_raw": "status",
    "country_raw": "country",
    "organization": "organization",
    "org_type_raw": "org_type",
    "job_title": "job_title",
    "gender_raw": "gender",
}


def _registrations(table: Table, columns: dict, times: dict, others, ok, notes) -> pd.DataFrame:
    statuses, unknown = statuses_from(columns["status"])
    if unknown:
        notes.append("Status words not recognised, counted as approved: " + ", ".join(unknown[:10]))
    given = {c: columns[f] for c, f in _REGISTRATION_TEXT.items()}
    given["status"] = statuses
    given["answers"] = answers_json(table.cells, others).reset_index(drop=True)
    if times["registered_at"] is not None:
        given["registered_at"] = times["registered_at"]
    return registrations_frame(table.line[ok], **{c: v[ok] for c, v in given.items()})


def _segments(table: Table, columns: dict, times: dict, ok, want_regs: bool) -> pd.DataFrame:
    attended = ok & times["join_at"].notna().to_numpy()
    given = {
        "email": columns["email"],
        "name": columns["name"],
        "join_at": times["join_at"],
        "leave_at": times["leave_at"],
        "role": roles_from(columns["role"]),
        "minutes_reported": times["minutes"],
        # The platform's country only when the file is not also a registration list.
        "country_raw": None if want_regs else columns["country"],
    }
    kept = {c: None if v is None else v[attended] for c, v in given.items()}
    return segments_frame(table.line[attended], **kept)


def _mapped_positions(table: Table, mapping: dict[str, str]) -> dict[str, int]:
    unknown = [f for f in mapping if f not in FIELDS]
    if unknown:
        raise BadFileError(
            f"The column mapping uses unknown field(s) {', '.join(map(repr, unknown))}; "
            f"known fields are: {', '.join(FIELDS)}."
        )
    pos: dict[str, int] = {}
    for f, column in mapping.items():
        if column is None or str(column).strip() == "":
            continue
        column = str(column).strip()
        if column in table.header:
            pos[f] = table.header.index(column)
        elif label(column) in table.folded:
            pos[f] = table.folded.index(label(column))
        else:
            shown = ", ".join(repr(h) for h in table.header if h)
            raise BadFileError(
                f"The column mapping names column {column!r} for {f}, but the file's header "
                f"has no such column (it has: {shown})."
            )
    return pos
