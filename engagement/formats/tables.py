"""The table toolkit every parser shares: lines, delimiters, sections read into frames, the
contract frames (registrations, segments, rejects), answers as JSON and time problems."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import numpy as np
import pandas as pd

from engagement import faults
from engagement.limits import MAX_FIELD_CHARS
from engagement.model import (
    REGISTRATION_COLUMNS,
    REJECT_COLUMNS,
    SEGMENT_COLUMNS,
    BadFileError,
    MeetingInfo,
    ParsedReport,
    empty_frame,
)
from engagement.text import label
from engagement.timeparse import MISSING_TOKENS, parse_datetimes, parse_durations

DELIMITERS = ("\t", ";", ",")
_QUOTED_RE = re.compile(r'"[^"]*"')


# --- warnings for the organizer --------------------------------------------------------------
# Repairs made while reading (a value cut, a duplicated column, a quote that swallowed lines) are
# collected here, so every parser reports them without passing a list through each function.
_NOTES: ContextVar[list[str] | None] = ContextVar("table_notes", default=None)


@contextmanager
def collected_notes() -> Iterator[list[str]]:
    """The warnings the tables read inside the block raised (each once, in order)."""
    notes: list[str] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)


def warn(text: str) -> None:
    notes = _NOTES.get()
    if notes is not None and text not in notes:
        notes.append(text)


# --- lines and cells ---------------------------------------------------------------------------
def split_lines(text: str) -> list[str]:
    """Physical lines of the decoded text (any line ending; trailing empty lines dropped)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def sniff_delimiter(line: str) -> str:
    """TAB, ';' or ',' for one header line: TAB whenever present (Teams), else the more frequent
    of ';' and ',' outside quoted cells (Excel writes the local list separator)."""
    bare = _QUOTED_RE.sub("", line)
    if "\t" in bare:
        return "\t"
    return ";" if bare.count(";") > bare.count(",") else ","


def split_cells(line: str, delimiter: str) -> list[str]:
    """One line as trimmed cells (CSV quoting honoured)."""
    try:
        row = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        row = line.split(delimiter)
    return [c.strip() for c in row]


def header_cells(line: str, delimiter: str) -> list[str]:
    """A header or summary line as trimmed cells without the trailing empty ones."""
    cells = split_cells(line, delimiter)
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def first_nonblank(lines: list[str], start: int = 0) -> int | None:
    for i in range(start, len(lines)):
        if lines[i].strip(" \t,;\ufeff"):
            return i
    return None


def header_row(text: str) -> tuple[list[str], int, str] | None:
    """(cells, line index, delimiter) of a one-header-row file's first non-blank line."""
    lines = split_lines(text)
    first = first_nonblank(lines)
    if first is None:
        return None
    delimiter = sniff_delimiter(lines[first])
    return split_cells(lines[first], delimiter), first, delimiter


# --- sections read into frames -----------------------------------------------------------------
def read_records(
    lines: list[str], start: int, end: int | None, delimiter: str, strict: bool = False
) -> tuple[pd.DataFrame, np.ndarray]:
    """CSV records of lines[start:end] as trimmed str cells, and the 1-based line of each.

    The frame has integer column labels and is as wide as the widest row (short rows padded
    with ""); blank lines stay as all-empty rows. An unbalanced quote makes quotes ordinary
    characters, or raises BadFileError when `strict`.
    """
    section = lines[start:end]
    if not section:
        return pd.DataFrame(), np.array([], dtype=int)
    width = max(line.count(delimiter) for line in section) + 1  # quoted delimiters count too
    body = "\n".join(section)
    read = dict(
        sep=delimiter,
        header=None,
        names=list(range(width)),
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
    )
    try:
        frame = pd.read_csv(io.StringIO(body), **read)
        quoting = csv.QUOTE_MINIMAL
    except pd.errors.ParserError as exc:
        if strict:
            raise BadFileError(
                f'The rows from line {start + 1} on cannot be read as CSV: a quote (") is '
                "opened and never closed, so every line after it would be one value. Open the "
                "file in Excel, save it as CSV and upload it again."
            ) from exc
        frame = pd.read_csv(io.StringIO(body), quoting=csv.QUOTE_NONE, **read)
        quoting = csv.QUOTE_NONE
    frame = frame.fillna("")
    if len(frame) == len(section):
        starts = start + 1 + np.arange(len(frame))
    else:  # quoted cells span lines: number the records the way the csv module does
        starts = _record_starts(section, delimiter, quoting)[: len(frame)] + start
    for c in frame.columns:
        frame[c] = frame[c].str.strip()
    _cut_long_values(frame, starts)
    faults.moment("table-read")
    if len(frame) != len(section):
        _warn_swallowed(frame, starts, delimiter)
    return frame, starts


def _cut_long_values(frame: pd.DataFrame, starts: np.ndarray) -> None:
    """Values over MAX_FIELD_CHARS are cut to it (no real field is that long; a 5 MB value
    would be stored and shown whole), with one warning naming the first line."""
    for c in frame.columns:
        long = (frame[c].str.len() > MAX_FIELD_CHARS).to_numpy()
        if long.any():
            frame[c] = frame[c].str.slice(0, MAX_FIELD_CHARS)
            warn(
                f"{int(long.sum()):,} value(s) longer than {MAX_FIELD_CHARS:,} characters "
                f"(first on line {int(starts[long.argmax()]):,}) were cut to that length; "
                "check that row in the file."
            )


def _warn_swallowed(frame: pd.DataFrame, starts: np.ndarray, delimiter: str) -> None:
    """A quoted value spanning lines that themselves look like rows (several delimiters) is
    most likely a quote that was never closed: those rows were read as one value."""
    width = frame.shape[1]
    for c in frame.columns:
        multi = frame[c].str.contains("\n", regex=False).to_numpy()
        for i in np.flatnonzero(multi)[:50]:
            inner = frame[c].iloc[i].split("\n")[1:]
            if any(part.count(delimiter) >= max(width - 2, 2) for part in inner):
                first = int(starts[i])
                warn(
                    f"Line {first:,}: a quote opened there closes only {len(inner):,} line(s) "
                    "later, so those lines were read as one value of one row. Fix the quote "
                    "(or remove it) in the file and upload it again if they are separate rows."
                )
                return


def _record_starts(section: list[str], delimiter: str, quoting: int) -> np.ndarray:
    reader = csv.reader(io.StringIO("\n".join(section)), delimiter=delimiter, quoting=quoting)
    starts, previous = [], 0
    for _ in reader:
        starts.append(previous + 1)
        previous = reader.line_num
    return np.asarray(starts, dtype=int)


@dataclass
class Table:
    """One header row and the data rows under it; cells addressed by header position."""

    header: list[str]  # as written, trimmed; trailing empty header cells dropped
    folded: list[str]
    cells: pd.DataFrame  # int columns 0..len(header)-1, str, "" where a row is short
    line: np.ndarray  # 1-based line number (first physical line) of each row
    raw: pd.Series  # that line's text, for reject messages

    def col(self, index: int | None) -> pd.Series:
        if index is None or index >= self.cells.shape[1]:
            return pd.Series("", index=self.cells.index, dtype="str")
        return self.cells[index]

    def find(self, names, contains=()) -> int | None:
        """Position of the first header equal (folded) to one of names, else containing one of
        `contains`; None when absent."""
        wanted = set(names)
        for i, h in enumerate(self.folded):
            if h in wanted:
                return i
        for i, h in enumerate(self.folded):
            if any(k in h for k in contains):
                return i
        return None


def read_table(
    lines: list[str], header_index: int, end_index: int | None = None, delimiter: str = ","
) -> Table:
    """Read lines[header_index:end_index] as one table (all cells str).

    Rows may have fewer cells than the header (padded with "") or more (extra cells dropped);
    blank rows are dropped; each row keeps its line number in the decoded file.
    """
    frame, starts = read_records(lines, header_index, end_index, delimiter)
    header = list(frame.iloc[0])
    while header and header[-1] == "":
        header.pop()
    data = frame.iloc[1:, : max(len(header), 1)]
    line = starts[1:]
    keep = (data != "").any(axis=1).to_numpy()
    data = data[keep].reset_index(drop=True)
    line = line[keep]
    folded = [label(h) for h in header]
    warn_duplicates(header, folded, data)
    return Table(header, folded, data, line, raw_lines(lines, line))


def warn_duplicates(header: list[str], keys: list, data: pd.DataFrame) -> None:
    """Two columns of one key (folded name, or the field a parser maps it to; None/"" for
    columns it ignores) holding different values: the first is the one read for that field,
    which the organizer is told instead of finding out from the figures."""
    first: dict[str, int] = {}
    for i, name in enumerate(keys):
        if not name:
            continue
        if name not in first:
            first[name] = i
            continue
        j = first[name]
        if i in data.columns and j in data.columns and (data[j] != data[i]).any():
            warn(
                f'Two columns are named "{header[i]}" (columns {j + 1} and {i + 1}) with '
                f"different values: column {j + 1} is read where one value is expected. Remove "
                "or rename the other column and upload again if that is the wrong one."
            )


def raw_lines(lines: list[str], line_numbers) -> pd.Series:
    """The text of each 1-based line number, for reject messages."""
    return pd.Series([lines[n - 1][:MAX_FIELD_CHARS] for n in line_numbers], dtype="str")


# --- cell values -------------------------------------------------------------------------------
def missing(values: pd.Series) -> pd.Series:
    """True where a cell holds nothing (``""``, ``--``, ``NA``, ``null``, ...)."""
    return values.str.strip().str.lower().isin(MISSING_TOKENS)


def blank_if_missing(values: pd.Series) -> pd.Series:
    return values.where(~missing(values), "")


def minutes_from(text: pd.Series) -> pd.Series:
    """Duration cells -> float minutes (plain numbers are minutes; '1h 2m', 'h:mm:ss' too)."""
    return pd.Series(parse_durations(pd.Series(text).reset_index(drop=True)), dtype="float64")


def parse_times_together(*columns: pd.Series) -> list[pd.Series]:
    """Parse several time columns as ONE column, so day/month order is decided from all of them
    (a Teams file's summary start and every join/leave share one client locale)."""
    columns = [pd.Series(c, dtype="str").reset_index(drop=True) for c in columns]
    joined = pd.concat(columns, ignore_index=True)
    parsed = parse_datetimes(joined).reset_index(drop=True)
    out, start = [], 0
    for c in columns:
        out.append(parsed.iloc[start : start + len(c)].reset_index(drop=True))
        start += len(c)
    return out


def answers_json(frame: pd.DataFrame, columns: list[tuple[int, str]]) -> pd.Series:
    """JSON object text {question: answer} per row of the non-empty answers in those columns.

    Repeated question titles get " (2)", " (3)" so no answer is lost.
    """
    if not columns:
        return pd.Series("{}", index=frame.index, dtype="str")
    keys, seen = [], {}
    for pos, title in columns:
        title = title or f"column {pos + 1}"
        seen[title] = seen.get(title, 0) + 1
        keys.append(title if seen[title] == 1 else f"{title} ({seen[title]})")
    blank = pd.Series("", index=frame.index, dtype="str")
    block = np.column_stack(
        [(frame[p] if p in frame.columns else blank).to_numpy() for p, _ in columns]
    )
    out = [
        json.dumps({k: v for k, v in zip(keys, row, strict=True) if v}, ensure_ascii=False)
        for row in block
    ]
    return pd.Series(out, index=frame.index, dtype="str")


# --- contract frames ---------------------------------------------------------------------------
# column -> (dtype of the default, default when absent, dtype a given column is cast to)
_TEXT = ("str", "", "str")
_KINDS = {
    "registered_at": ("datetime64[ns]", pd.NaT, None),
    "answers": ("str", "{}", "str"),
    "join_at": ("datetime64[ns]", pd.NaT, None),
    "leave_at": ("datetime64[ns]", pd.NaT, None),
    "role": ("str", "attendee", "str"),
    "is_guest": ("boolean", pd.NA, "boolean"),
    "minutes_reported": ("float64", np.nan, "float64"),
}


def _contract_frame(contract: tuple[str, ...], line, columns: dict) -> pd.DataFrame:
    n = len(line)
    if n == 0:
        return empty_frame(contract)
    data = {"line": np.asarray(line, dtype="int64")}
    for c in contract[1:]:
        dtype, default, cast = _KINDS.get(c, _TEXT)
        value = columns.get(c)
        if value is None:
            data[c] = pd.Series(default, index=range(n), dtype=dtype)
        else:
            value = pd.Series(value).reset_index(drop=True)
            data[c] = value if cast is None else value.astype(cast)
    return pd.DataFrame(data, columns=list(contract))


def registrations_frame(line, **columns) -> pd.DataFrame:
    """A registrations frame in contract column order; absent text columns become ""."""
    return _contract_frame(REGISTRATION_COLUMNS, line, columns)


def segments_frame(line, **columns) -> pd.DataFrame:
    """A segments frame in contract column order (is_guest: nullable boolean)."""
    return _contract_frame(SEGMENT_COLUMNS, line, columns)


def rejects_frame(parts: list[tuple[np.ndarray, pd.Series, object]]) -> pd.DataFrame:
    """Rejects from (line numbers, raw texts, reason or reasons) parts, ordered by line."""
    frames = []
    for line, raw, reason in parts:
        if len(line) == 0:
            continue
        frames.append(
            pd.DataFrame(
                {
                    "line": np.asarray(line, dtype="int64"),
                    "reason": pd.Series(reason, index=range(len(line)), dtype="str")
                    if isinstance(reason, str)
                    else pd.Series(reason).reset_index(drop=True).astype("str"),
                    "raw": pd.Series(raw).reset_index(drop=True).astype("str"),
                }
            )
        )
    if not frames:
        return empty_frame(REJECT_COLUMNS)
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values("line", kind="stable").reset_index(drop=True)


# --- reject reasons ----------------------------------------------------------------------------
NO_PERSON = "no e-mail and no name"
BACKWARDS = "leave time is before join time"


def time_problems(text: pd.Series, parsed: pd.Series, what: str, required: bool) -> pd.Series:
    """Per row: "" when fine, else why the time cannot be used (for the reject reason)."""
    text = pd.Series(text).reset_index(drop=True)
    parsed = pd.Series(parsed).reset_index(drop=True)
    absent = missing(text.astype("str"))
    out = pd.Series("", index=text.index, dtype="str")
    if required:
        out[absent] = f"no {what}"
    bad = ~absent & parsed.isna()
    out[bad] = f"{what} '" + text[bad] + "' is not a date/time in this file's format"
    return out


def first_problem(*parts: pd.Series) -> pd.Series:
    """Per row, the first non-empty reason of the parts."""
    out = pd.Series(parts[0]).reset_index(drop=True)
    for part in parts[1:]:
        out = out.where(out != "", pd.Series(part).reset_index(drop=True))
    return out


def segment_problems(join_text, join_at, leave_text, leave_at) -> pd.Series:
    """The first problem of each join/leave pair: a missing or unreadable time, or a leave
    before the join."""
    backwards = join_at.notna() & leave_at.notna() & (leave_at < join_at)
    return first_problem(
        time_problems(join_text, join_at, "join time", required=True),
        time_problems(leave_text, leave_at, "leave time", required=True),
        pd.Series(np.where(backwards, BACKWARDS, "")),
    )


def join_reasons(*parts: pd.Series) -> pd.Series:
    """Every non-empty reason of each row, joined with "; " (rows aligned by position)."""
    result = pd.Series(parts[0]).reset_index(drop=True).astype(object)
    for part in parts[1:]:
        part = pd.Series(part).reset_index(drop=True).astype(object)
        both = (result != "") & (part != "")
        result = (result + np.where(both, "; ", "") + part).astype(object)
    return result


def too_wide(frame: pd.DataFrame, width: int) -> tuple[pd.DataFrame, pd.Series]:
    """The frame cut to the header's width, and a reason for rows with values past it (cells
    past the header must be empty: Zoom's trailing comma, Excel padding)."""
    extra = [c for c in frame.columns if c >= width]
    wide = frame[extra].ne("").any(axis=1).to_numpy() if extra else np.zeros(len(frame), bool)
    reason = pd.Series(
        np.where(wide, f"row has more values than the {width} header columns", ""),
        index=frame.index,
    )
    frame = frame[[c for c in frame.columns if c < width]].copy()
    for col in range(width):
        if col not in frame.columns:
            frame[col] = ""
    return frame, reason


def person_problems(reasons: pd.Series, email: pd.Series, name: pd.Series) -> pd.Series:
    """The reasons, with NO_PERSON for a row that has no other problem but names nobody."""
    return reasons.where((reasons != "") | (email != "") | (name != ""), NO_PERSON)


def segment_list(
    table: Table, email, name, join: tuple, leave: tuple, **more
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(segments, rejects) of a one-row-per-join table: a row is a segment when its join and
    leave times (each given as (text as written, parsed)) are usable and it names someone.
    `more`: the other columns as segments_frame takes them."""
    reasons = person_problems(segment_problems(*join, *leave), email, name)
    ok = (reasons == "").to_numpy()
    given = {"email": email, "name": name, "join_at": join[1], "leave_at": leave[1], **more}
    kept = {c: None if v is None else v[ok] for c, v in given.items()}
    segments = segments_frame(table.line[ok], **kept)
    return segments, rejects_frame([(table.line[~ok], table.raw[~ok], reasons[~ok])])


def attendance_report(fmt: str, encoding: str, meeting: MeetingInfo, segments, rejects, notes):
    """The report of an attendance-only file (no registrations in it)."""
    return ParsedReport(
        format=fmt,
        encoding=encoding,
        meeting=meeting,
        registrations=registrations_frame([]),
        segments=segments,
        rejects=rejects,
        notes=notes,
        event_level_registrations=False,
    )


def read_one_table(text: str) -> Table | None:
    """The table of a one-header-row file (header: its first non-blank line); None when the
    file holds no text."""
    found = header_row(text)
    if found is None:
        return None
    return read_table(split_lines(text), found[1], None, found[2])


def header_labels(text: str) -> list[str]:
    """The folded cells of a one-header-row file's header ([] when the file has no text)."""
    found = header_row(text)
    return [] if found is None else [label(c) for c in found[0]]
