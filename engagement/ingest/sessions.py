"""Events, times and sessions: exported wall clock to UTC, the event a file goes to, and the
session of its programme a file belongs to (matched, chosen by the organizer, or created)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from ..db import first_row
from ..model import BadFileError, ParsedReport
from ..text import fold
from . import staged
from .records import NEW_SESSION, Prepared, SessionMatch


class Event(NamedTuple):
    event_id: str
    timezone: str
    is_demo: bool


def find_event(con, event_id: str) -> Event | None:
    row = first_row(
        con, "select event_id, timezone, is_demo from events where event_id = $ev", {"ev": event_id}
    )
    return Event(*row) if row else None


def default_event(con) -> str | None:
    row = first_row(
        con,
        "select event_id from events where not is_demo order by start_date desc nulls last limit 1",
    )
    return row[0] if row else None


def ensure_event(
    con, event_id: str, tz: str, name: str | None = None, dates: tuple = (None, None)
) -> None:
    con.execute(
        "insert or ignore into events (event_id, name, timezone, start_date, end_date, is_demo) "
        "values ($ev, coalesce($name, $ev), $tz, $start, $end, false)",
        {"ev": event_id, "tz": tz, "name": name, "start": dates[0], "end": dates[1]},
    )


def new_event(con, report: ParsedReport, file_name: str, tz: str | None) -> tuple[str, str, str]:
    """ID, name and zone of an event created from a file: named after the webinar topic or
    meeting title (else the file name), its ID a short slug of that name not yet taken; the
    zone from --tz, else the file's own, else UTC."""
    name = (report.meeting.topic or "").strip() or Path(file_name).stem
    return unique_event_id(con, name), name, tz or file_zone(report) or "UTC"


def unique_event_id(con, name: str) -> str:
    """A short slug of an event's name that no event has yet (wlpf-2026, wlpf-2026-2...)."""
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split() or ["event"]
    base = ""
    for word in words:  # whole words up to 40 characters: readable in a URL and a command
        if base and len(base) + 1 + len(word) > 40:
            break
        base = f"{base}-{word}" if base else word[:40]
    event_id, n = base, 1
    while find_event(con, event_id):
        n += 1
        event_id = f"{base}-{n}"
    return event_id


def file_zone(report: ParsedReport) -> str | None:
    """A time-zone name written in the file's summary (a "Time Zone" field), when it is one."""
    for label_, value in report.meeting.extra.items():
        if "zone" in fold(label_).replace(" ", ""):
            try:
                ZoneInfo(str(value).strip())
            except (ZoneInfoNotFoundError, ValueError):
                continue
            return str(value).strip()
    return None


def check_timezone(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadFileError(
            f"Unknown time zone {tz!r}: use a name from the time-zone database such as "
            "Europe/Zurich, Africa/Nairobi or America/New_York (not an abbreviation like CEST)."
        ) from None


def to_utc(values: pd.Series, tz: str) -> pd.Series:
    """Exports write local wall-clock times with no zone; store them as naive UTC."""
    values = pd.to_datetime(values, errors="coerce")
    if getattr(values.dt, "tz", None) is not None:
        return values.dt.tz_convert("UTC").dt.tz_localize(None)
    # The hour repeated when clocks go back is read as its first (summer-time) pass: the files
    # give no way to tell, and dropping the row would lose a real attendee.
    summer = np.ones(len(values), dtype=bool)
    local = values.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_forward")
    return local.dt.tz_convert("UTC").dt.tz_localize(None)


def to_local_day(ts_utc, tz: str):
    return pd.Timestamp(ts_utc).tz_localize("UTC").tz_convert(tz).date()


def py_datetime(value):
    """A timestamp as DuckDB takes it as a parameter; None for a missing one."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def actual_start_utc(prep: Prepared):
    start = prep.report.meeting.actual_start
    if start is None or pd.isna(start):
        return None
    return to_utc(pd.Series([start]), prep.tz).iloc[0]


def match_session(con, event_id: str, report: ParsedReport, tz: str, first_join=None):
    """Match a report to the programme: by webinar/meeting ID on the same day, else by start
    time, else a new session. A recurring webinar or a personal meeting room reuses one ID
    for many occurrences, so an ID alone never decides across days."""
    if report.segments.empty and report.event_level_registrations:
        return SessionMatch(None, "Whole event (registration list)", "event-level")
    meeting = report.meeting
    start = meeting.actual_start or meeting.scheduled_start or first_join
    start_utc = None
    if start is not None and not pd.isna(start):
        start_utc = to_utc(pd.Series([start]), tz).iloc[0]
    when = None if start_utc is None or pd.isna(start_utc) else start_utc.to_pydatetime()
    if meeting.external_id:
        rows = con.execute(
            "select s.session_id, s.title, s.day::varchar from sessions as s "
            "join events as e on e.event_id = s.event_id "
            "where s.event_id = $ev and s.external_id = $ext and (s.day is null or $t is null "
            "or s.day = cast(to_local($t, e.timezone) as date)) order by s.session_id",
            {"ev": event_id, "ext": meeting.external_id, "t": when},
        ).fetchall()
        if len(rows) == 1:
            return SessionMatch(rows[0][0], rows[0][1], "external_id", rows[0][2])
    if when is not None:
        rows = con.execute(
            "select session_id, title, day::varchar from sessions where event_id = $ev "
            "and $t between scheduled_start_utc - interval 60 minute and scheduled_end_utc",
            {"ev": event_id, "t": when},
        ).fetchall()
        if len(rows) == 1:
            return SessionMatch(rows[0][0], rows[0][1], "time", rows[0][2])
    title = (meeting.topic or "").strip() or "Imported session"
    day = None
    if when is not None:
        event = find_event(con, event_id)
        day = str(to_local_day(start_utc, event.timezone if event else tz))
    return SessionMatch(None, title, "new", day)


def first_join(report: ParsedReport):
    """The earliest join of a report: its start when the export gives none."""
    return report.segments["join_at"].min() if len(report.segments) else None


def resolve_session(con, prep: Prepared, chosen: int | None) -> tuple[int | None, str, str]:
    """The session a file is committed into, its title and how it was found: the organizer's
    choice, the automatic match, or a session created from the file (NEW_SESSION, or nothing
    matched)."""
    if chosen is not None and chosen != NEW_SESSION:
        title = first_row(
            con,
            "select title from sessions where session_id = $s and event_id = $ev",
            {"s": chosen, "ev": prep.event_id},
        )
        if title is None:
            raise BadFileError(f"Session {chosen} does not belong to event {prep.event_id}.")
        return chosen, title[0], "chosen"
    match = prep.match
    if match.how == "event-level":
        return None, match.title, match.how
    if match.how == "new" and chosen is None:
        # Files of one batch are all prepared before any is committed, so a file prepared
        # beside its sibling (Zoom registration + attendee report) saw no session yet: match
        # again here, inside the commit's transaction, as the one-file-at-a-time path does.
        first = first_join(prep.report) if prep.staging is None else prep.first_join
        match = match_session(con, prep.event_id, prep.report, prep.tz, first)
    if match.session_id is not None and chosen != NEW_SESSION:
        # A programme session matched by time learns the file's meeting ID, so that a newer
        # export of the same meeting finds it (and replaces) next time.
        con.execute(
            "update sessions set external_id = $ext where session_id = $s and external_id is null",
            {"ext": prep.report.meeting.external_id, "s": match.session_id},
        )
        return match.session_id, match.title, match.how
    return _create_session(con, prep), prep.match.title, "new"


def _create_session(con, prep: Prepared) -> int:
    """A session spanning the file's own start (or first join) to its last leave."""
    start_utc = actual_start_utc(prep)
    if prep.staging is not None:  # prep.segments holds only a large file's first rows
        first_utc, end_utc = staged.time_span(prep.staging)
    elif len(prep.segments):
        first_utc, end_utc = prep.segments["join_utc"].min(), prep.segments["leave_utc"].max()
    else:
        first_utc = end_utc = None
    start_utc = first_utc if start_utc is None else start_utc
    return con.execute(
        """
        insert into sessions (event_id, title, kind, day, scheduled_start_utc, scheduled_end_utc,
            external_id, source)
        values ($ev, $title, 'other', $day::date, $start, $end, $ext, 'import')
        returning session_id
        """,
        {
            "ev": prep.event_id,
            "title": prep.match.title,
            "day": prep.match.day,
            "start": py_datetime(start_utc),
            "end": py_datetime(end_utc),
            "ext": prep.report.meeting.external_id,
        },
    ).fetchall()[0][0]


def drop_empty_sessions(con) -> None:
    """Sessions an import created go when nothing refers to them any more."""
    con.execute(
        "delete from sessions where source = 'import' and session_id not in "
        "(select session_id from segments union select session_id from registrations "
        "where session_id is not null union select session_id from imports "
        "where session_id is not null)"
    )
