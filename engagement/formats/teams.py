"""Microsoft Teams attendance downloads (legacy event log, 2021/2022 "Meeting Summary", 2022+
numbered sections) -> attendance segments.

Decisions (FORMATS.md section 2):
* Segments come from the per-join table: v1 participant rows, or v2 section "3. In-Meeting
  activities". A v2 file without section 3 gets one segment per person from section 2's first
  join to last leave (breaks unknown; a note says so). The legacy event log is paired per name.
* Guest suffixes "(Guest)" and translations, and "(Unverified)" (Teams' label for people who
  joined without signing in, the successor of "(Guest)" for anonymous joiners), are stripped from
  the name and set is_guest=True. "(External)"/"(EXT)" marks people of another organisation who
  did sign in: stripped from the name, is_guest=False. Everyone else is_guest=False.
* E-mail: the Email cell as written; when it is empty the "Participant ID (UPN)" is used only
  if it is a plain address (never a "#EXT#" guest UPN, whose original address cannot be
  recovered safely). Guests have neither: e-mail "".
* Teams carries no registrations; the meeting title "null" means no title.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from engagement.formats.tables import (
    DELIMITERS,
    NO_PERSON,
    Table,
    attendance_report,
    minutes_from,
    parse_times_together,
    read_table,
    rejects_frame,
    segment_list,
    segments_frame,
    split_cells,
    split_lines,
    time_problems,
)
from engagement.formats.teams_labels import (
    ACTION_HEADERS,
    AVERAGE_WORDS,
    DURATION_KEYS,
    DURATION_WORDS,
    EMAIL_HEADERS,
    END_WORDS,
    EXTERNAL_SUFFIXES,
    FIRST_KEYS,
    GUEST_SUFFIXES,
    JOIN_KEYS,
    JOIN_WORDS,
    LEAVE_KEYS,
    LEAVE_WORDS,
    NAME_HEADERS,
    ROLE_HEADERS,
    START_WORDS,
    SUMMARY_TITLES,
    TIMESTAMP_HEADERS,
    TITLE_WORDS,
)
from engagement.formats.vocabulary import roles_from
from engagement.model import (
    BadFileError,
    MeetingInfo,
    ParsedReport,
)
from engagement.text import label

FORMAT = "teams_attendance"

_SECTION_RE = re.compile(r"^\*?\s*(\d+)\s*\.\s*\S")
_DIGIT_RE = re.compile(r"\d")
_SUFFIX_RE = re.compile(r"\s*\(([^()]*)\)\s*$")


def _cell_kind(folded: str) -> str | None:
    if not folded:
        return None
    if "upn" in folded:
        return "upn"
    if folded in NAME_HEADERS:
        return "name"
    if folded in ACTION_HEADERS:
        return "action"
    if folded in TIMESTAMP_HEADERS:
        return "timestamp"
    if folded in EMAIL_HEADERS or "mail" in folded:
        return "email"
    if folded in ROLE_HEADERS:
        return "role"
    if any(k in folded for k in DURATION_KEYS):
        return "duration"
    if any(k in folded for k in JOIN_KEYS):
        return "first_join" if any(k in folded for k in FIRST_KEYS) else "join"
    if any(k in folded for k in LEAVE_KEYS):
        return "last_leave" if "last" in folded or "dern" in folded or "ult" in folded else "leave"
    return None


def classify_header(cells: list[str]) -> tuple[str, dict[str, int]] | None:
    """(table kind, column positions) when the cells are a Teams table header, else None.

    Kinds: "log" (legacy Joined/Left event log), "merged" (one row per person: First join/Last
    leave) and "segments" (one row per join: v1 participants, v2 section 3).
    """
    cols: dict[str, int] = {}
    for i, c in enumerate(cells):
        kind = _cell_kind(label(c))
        if kind and kind not in cols:
            cols[kind] = i
    if "name" not in cols:
        return None
    if "action" in cols and "timestamp" in cols:
        return "log", cols
    plain_join = "join" in cols
    join = cols.get("join", cols.get("first_join"))
    leave = cols.get("leave", cols.get("last_leave"))
    if join is None or leave is None:
        return None
    cols["join"], cols["leave"] = join, leave
    return ("segments" if plain_join else "merged"), cols


def _file_delimiter(lines: list[str]) -> tuple[str, int] | None:
    """(delimiter, line index) of the first Teams table header within the first 80 lines."""
    for i, line in enumerate(lines[:80]):
        for d in DELIMITERS:
            if d in line and classify_header(split_cells(line, d)):
                return d, i
    return None


def _is_summary_title(line: str) -> bool:
    folded = label(line.strip(" \t,;*\ufeff"))
    return folded in SUMMARY_TITLES or bool(_SECTION_RE.match(folded))


def detect(text: str) -> bool:
    lines = split_lines(text)[:80]
    found = _file_delimiter(lines)
    if not found:
        return False
    delimiter, at = found
    kind, cols = classify_header(split_cells(lines[at], delimiter))
    if kind == "log":
        return True
    # A bare name/join/leave table could be anything; Teams ones carry Role or UPN columns or
    # sit under a Teams summary title.
    return "role" in cols or "upn" in cols or any(_is_summary_title(x) for x in lines[:at])


def strip_suffixes(names: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(name without Teams markers, is_guest) — see the module docstring for the rule."""
    name = names.reset_index(drop=True).astype("str").str.strip()
    guest = pd.Series(False, index=name.index)
    for _ in range(3):  # "Name (Guest) (Unverified)" at most a couple of markers deep
        suffix = name.str.extract(_SUFFIX_RE)[0].fillna("").map(label)
        is_guest = suffix.isin(GUEST_SUFFIXES)
        is_ext = suffix.isin(EXTERNAL_SUFFIXES)
        hit = is_guest | is_ext
        if not hit.any():
            break
        guest |= is_guest
        name = name.where(~hit, name.str.replace(_SUFFIX_RE, "", regex=True))
    name = name.str.replace(r"\s+", " ", regex=True).str.strip()
    return name, guest


def _plain_address(values: pd.Series) -> pd.Series:
    return values.str.contains("@", regex=False) & ~values.str.contains("#EXT#", case=False)


def parse(text: str, encoding: str) -> ParsedReport:
    lines = split_lines(text)
    found = _file_delimiter(lines)
    if not found:
        raise BadFileError(
            "This does not look like a Microsoft Teams attendance report: no participant table "
            "(Name, Join time, Leave time, or Full Name, User Action, Timestamp) was found."
        )
    delimiter = found[0]
    summary, tables = _layout(lines, delimiter)
    if not tables:
        raise BadFileError(
            "This Teams report has no participant table in its first three sections, so there "
            "is no attendance to import."
        )
    notes: list[str] = []
    meeting = MeetingInfo()
    starts = pd.Series([summary.pop("_start", "")], dtype="str")
    ends = pd.Series([summary.pop("_end", "")], dtype="str")

    seg_tables = [t for k, t, _ in tables if k == "segments"]
    merged_tables = [t for k, t, _ in tables if k == "merged"]
    log_tables = [t for k, t, _ in tables if k == "log"]
    if seg_tables:
        body, cols = _concat(seg_tables)
        role_map = _roles_by_name(merged_tables)
        segs, rejects, start, end = _segments_from_rows(body, cols, starts, ends, role_map)
    elif merged_tables:
        body, cols = _concat(merged_tables)
        segs, rejects, start, end = _segments_from_rows(body, cols, starts, ends, None)
        notes.append(
            "The report has no 'In-Meeting activities' section: each person counts as present "
            "from their first join to their last leave (breaks in between are not known)."
        )
    else:
        body, cols = _concat(log_tables)
        segs, rejects, start, end, log_notes = _segments_from_log(body, cols, starts, ends)
        notes.extend(log_notes)

    meeting.actual_start = None if pd.isna(start) else start
    meeting.actual_end = None if pd.isna(end) else end
    title = summary.pop("_title", None)
    meeting.topic = None if title is None or label(title) in ("", "null") else title
    meeting.external_id = summary.pop("_id", None) or None
    duration = summary.pop("_duration", None)
    if duration:
        minutes = minutes_from(pd.Series([duration], dtype="str")).iloc[0]
        meeting.duration_minutes = None if pd.isna(minutes) else float(minutes)
    meeting.extra = summary
    return attendance_report(FORMAT, encoding, meeting, segs, rejects, notes)


def _layout(lines: list[str], delimiter: str):
    """Summary label/value pairs and the Teams tables of the file.

    A table runs from its header to the next section title, next header or the end of the
    file; blank rows inside are dropped. Tables under a section numbered 4 or more (Teams
    Premium "4. Meeting engagement" and later) are ignored, as are unknown tables.
    """
    summary: dict[str, str] = {}
    tables = []
    section = 0
    open_at = None  # (kind, header index, section number)
    for i, line in enumerate(lines + [None]):
        title, header, cells = False, None, None
        if line is None:
            boundary = True
        else:
            bare = line.strip(" \t,;*\ufeff")
            if _SECTION_RE.match(bare):
                cells = split_cells(line, delimiter)
                title = sum(1 for c in cells if c) == 1
            # Data rows always hold a time (digits); headers never do. Skipping them keeps a
            # 20,000-row report from being folded cell by cell.
            if not title and (open_at is None or not _DIGIT_RE.search(line)):
                cells = cells or split_cells(line, delimiter)
                header = classify_header(cells)
            boundary = title or header is not None
        if boundary and open_at is not None:
            kind, start, number = open_at
            if number <= 3:
                tables.append((kind, read_table(lines, start, i, delimiter), number))
            open_at = None
        if line is None:
            break
        if title:
            section = int(_SECTION_RE.match(bare).group(1))
            continue
        if header is not None:
            open_at = (header[0], i, section)
            continue
        if not tables and open_at is None:
            nonempty = [c for c in cells if c]
            if len(nonempty) >= 2 and cells[0]:
                _summary_pair(summary, cells[0], cells[1])
    return summary, tables


def _summary_pair(summary: dict, name: str, value: str) -> None:
    words = set(re.findall(r"[\w-]+", label(name)))
    if words & TITLE_WORDS and "_title" not in summary:
        summary["_title"] = value
    elif "id" in words and "_id" not in summary:
        summary["_id"] = value
    elif words & START_WORDS and "_start" not in summary:
        summary["_start"] = value
    elif words & END_WORDS and "_end" not in summary:
        summary["_end"] = value
    elif words & DURATION_WORDS and not words & AVERAGE_WORDS and "_duration" not in summary:
        summary["_duration"] = value
    else:
        summary[name] = value


def _concat(tables: list[Table]) -> tuple[Table, dict[str, int]]:
    """Tables of one kind as one (same column roles; v1 files have one, Excel copies may not)."""
    first = tables[0]
    _, cols = classify_header(first.header)
    if len(tables) == 1:
        return first, cols
    frames, lines, raws = [], [], []
    for t in tables:
        _, c = classify_header(t.header)
        frames.append(pd.DataFrame({k: t.col(v).to_numpy() for k, v in c.items()}))
        lines.append(t.line)
        raws.append(t.raw)
    body = pd.concat(frames, ignore_index=True).fillna("")
    names = list(body.columns)
    cells = body.copy()
    cells.columns = range(len(names))
    table = Table(names, names, cells, np.concatenate(lines), pd.concat(raws, ignore_index=True))
    return table, {k: i for i, k in enumerate(names)}


def _roles_by_name(merged: list[Table]) -> dict[str, str]:
    """Section-2 roles by name, for section-3 tables exported without a Role column."""
    out: dict[str, str] = {}
    for t in merged:
        _, c = classify_header(t.header)
        if "role" in c:
            out.update(zip(t.col(c["name"]), t.col(c["role"]), strict=True))
    return out


def _segments_from_rows(table: Table, cols, starts, ends, role_map):
    n = len(table.cells)
    name_raw = table.col(cols["name"]).reset_index(drop=True)
    join_text = table.col(cols["join"]).reset_index(drop=True)
    leave_text = table.col(cols["leave"]).reset_index(drop=True)
    start, end, join_at, leave_at = parse_times_together(starts, ends, join_text, leave_text)
    email = table.col(cols.get("email")).reset_index(drop=True)
    upn = table.col(cols.get("upn")).reset_index(drop=True)
    email = email.where((email != "") | ~_plain_address(upn), upn)
    if "role" in cols:
        role_text = table.col(cols["role"]).reset_index(drop=True)
    elif role_map:
        role_text = name_raw.map(role_map).fillna("").astype("str")
    else:
        role_text = pd.Series("", index=range(n), dtype="str")
    name, guest = strip_suffixes(name_raw)
    minutes = (
        minutes_from(table.col(cols["duration"]))
        if "duration" in cols
        else pd.Series(np.nan, index=range(n))
    )
    times = (join_text, join_at), (leave_text, leave_at)
    extra = {"role": roles_from(role_text), "is_guest": guest, "minutes_reported": minutes}
    segs, rejects = segment_list(table, email, name, *times, **extra)
    return segs, rejects, start.iloc[0], end.iloc[0]


def _action_kind(actions: pd.Series) -> pd.Series:
    folded = actions.map(label)
    join = folded.str.contains("|".join(JOIN_WORDS), regex=True)
    leave = folded.str.contains("|".join(LEAVE_WORDS), regex=True)
    return pd.Series(np.where(join, "join", np.where(leave, "leave", "")), index=actions.index)


def _segments_from_log(table: Table, cols, starts, ends):
    """Pair the legacy Joined/Left log per name (exact name as written, markers included)."""
    notes: list[str] = []
    ev, reject_parts, start, end = _log_events(table, cols, starts, ends)
    if ev.empty:
        return segments_frame([]), rejects_frame(reject_parts), start, end, notes
    file_first, file_last = ev["ts"].min(), ev["ts"].max()
    ev, bad = _drop_repeats(ev, notes)
    reject_parts.append(
        (bad["line"].to_numpy(), bad["raw"], "a second 'Left' with no 'Joined' in between")
    )
    seg = _pair_events(ev, file_first, file_last, notes)
    name, guest = strip_suffixes(seg["key"])
    segs = segments_frame(
        seg["line"].to_numpy(),
        email=None,
        name=name,
        join_at=seg["join_at"].astype(ev["ts"].dtype),
        leave_at=seg["leave_at"].astype(ev["ts"].dtype),
        role=None,  # the log has no roles
        is_guest=guest,
        country_raw=None,
        minutes_reported=None,
    )
    return segs, rejects_frame(reject_parts), start, end, notes


def _log_events(table: Table, cols, starts, ends):
    """The readable events of the log (name key, join/leave, time, line), the rejects of the
    others, and the summary's start and end parsed together with the events' times."""
    name_raw = table.col(cols["name"]).reset_index(drop=True)
    ts_text = table.col(cols["timestamp"]).reset_index(drop=True)
    start, end, ts = parse_times_together(starts, ends, ts_text)
    action_text = table.col(cols["action"]).reset_index(drop=True)
    action = _action_kind(action_text)
    key = name_raw.str.replace(r"\s+", " ", regex=True).str.strip()
    unknown = pd.Series(
        np.where(action == "", "action '" + action_text + "' is neither a join nor a leave", "")
    )
    reasons = time_problems(ts_text, ts, "timestamp", required=True)
    reasons = reasons.where(reasons != "", unknown)
    reasons = reasons.where((reasons != "") | (key != ""), NO_PERSON)
    ok = (reasons == "").to_numpy()
    ev = pd.DataFrame(
        {
            "key": key[ok].to_numpy(),
            "action": action[ok].to_numpy(),
            "ts": ts[ok].to_numpy(),
            "line": table.line[ok],
            "raw": table.raw[ok].to_numpy(),
            "order": np.arange(int(ok.sum())),
        }
    )
    rejects = [(table.line[~ok], table.raw[~ok], reasons[~ok])]
    return ev, rejects, start.iloc[0], end.iloc[0]


def _drop_repeats(ev: pd.DataFrame, notes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events sorted per name without repeats, and the repeated 'Left' events (rejected).

    A second "Joined" while already present: the person is still there; the first join is
    kept. A second "Left" with no join in between cannot be placed.
    """
    ev = ev.sort_values(["key", "ts", "order"], kind="stable").reset_index(drop=True)
    same_prev = ev["key"].eq(ev["key"].shift())
    prev = ev["action"].shift().where(same_prev)
    extra_join = (ev["action"] == "join") & (prev == "join")
    extra_leave = (ev["action"] == "leave") & (prev == "leave")
    if extra_join.any():
        notes.append(
            f"{int(extra_join.sum())} repeated 'Joined' event(s) for someone already present "
            "were ignored (the earlier join is kept)."
        )
    return ev[~(extra_join | extra_leave)].reset_index(drop=True), ev[extra_leave]


def _pair_events(ev: pd.DataFrame, file_first, file_last, notes: list[str]) -> pd.DataFrame:
    """Segments (line, key, join_at, leave_at) from clean per-name events: a join takes the
    next event of the same name (a leave); open ends take the file's first or last time."""
    same_prev = ev["key"].eq(ev["key"].shift())
    same_next = ev["key"].eq(ev["key"].shift(-1))
    nxt_ts = ev["ts"].shift(-1)
    joins = ev["action"] == "join"
    paired = joins & same_next
    open_join = joins & ~same_next
    lead_leave = (ev["action"] == "leave") & ~same_prev
    if open_join.any():
        notes.append(
            f"{int(open_join.sum())} 'Joined' event(s) without a later 'Left' end at the last "
            f"timestamp in the file ({file_last}); the list was probably saved during the meeting."
        )
    if lead_leave.any():
        notes.append(
            f"{int(lead_leave.sum())} 'Left' event(s) without an earlier 'Joined' start at the "
            f"first timestamp in the file ({file_first})."
        )
    starts = paired | open_join
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "line": ev["line"][starts],
                    "key": ev["key"][starts],
                    "join_at": ev["ts"][starts],
                    "leave_at": nxt_ts[starts].where(paired, file_last),
                }
            ),
            pd.DataFrame(
                {
                    "line": ev["line"][lead_leave],
                    "key": ev["key"][lead_leave],
                    "join_at": file_first,
                    "leave_at": ev["ts"][lead_leave],
                }
            ),
        ],
        ignore_index=True,
    ).sort_values("line", kind="stable")
