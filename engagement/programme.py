"""An event's programme: sessions edited on the Data page, kept in data/programme/<event>.csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import audit, db
from .ids import meeting_id

KINDS = ("plenary", "panel", "presentation", "participatory discussion", "other")
COLUMNS = [
    "event_id",
    "session_code",
    "title",
    "kind",
    "day",
    "start_local",
    "end_local",
    "external_id",
]


def programme_file(event_id: str) -> Path:
    return db.DATA / "programme" / f"{event_id}.csv"


def current(con, event_id: str) -> pd.DataFrame:
    """The event's sessions in the file's shape (local times as HH:MM)."""
    df = con.execute(
        """
        select s.session_id, coalesce(s.session_code, 'S' || s.session_id) as session_code,
               s.title, s.kind, s.day,
               strftime(to_local(s.scheduled_start_utc, e.timezone), '%H:%M') as start_local,
               strftime(to_local(s.scheduled_end_utc, e.timezone), '%H:%M') as end_local,
               coalesce(s.external_id, '') as external_id
        from sessions as s join events as e on e.event_id = s.event_id
        where s.event_id = $ev
        order by s.day nulls last, s.scheduled_start_utc nulls last, s.session_id
        """,
        {"ev": event_id},
    ).df()
    return df


def validate(edited: pd.DataFrame) -> list[str]:
    problems = []
    for i, row in enumerate(edited.itertuples(index=False), start=1):
        if not str(row.title or "").strip():
            problems.append(f"Row {i}: the title is empty.")
        if row.kind not in KINDS:
            problems.append(f"Row {i}: kind must be one of {', '.join(KINDS)}.")
        for label, value in (("start", row.start_local), ("end", row.end_local)):
            if pd.isna(pd.to_datetime(f"2000-01-01 {value}", errors="coerce")):
                problems.append(f"Row {i}: the {label} time {value!r} is not HH:MM.")
        if pd.isna(pd.to_datetime(row.day, errors="coerce")):
            problems.append(f"Row {i}: the day {row.day!r} is not a date.")
    return problems


def save(
    con,
    event_id: str,
    timezone: str,
    edited: pd.DataFrame,
    write_file: bool = True,
    actor: audit.Actor | None = None,
):
    """Apply an edited programme (rows keep their session_id) in one transaction, audited in
    it (actor None: the command line), then write the CSV so the next start loads it."""
    problems = validate(edited)
    if problems:
        raise ValueError(" ".join(problems))
    frame = edited.assign(
        day=pd.to_datetime(edited["day"]).dt.strftime("%Y-%m-%d"),
        external_id=edited["external_id"].fillna("").astype(str),
    )
    start = pd.to_datetime(frame["day"] + " " + frame["start_local"].astype(str))
    end = pd.to_datetime(frame["day"] + " " + frame["end_local"].astype(str))
    utc = {
        name: series.dt.tz_localize(timezone).dt.tz_convert("UTC").dt.tz_localize(None)
        for name, series in (("start", start), ("end", end))
    }
    with db.transaction(con):
        for i, row in enumerate(frame.itertuples(index=False)):
            con.execute(
                """
                update sessions set session_code = $code, title = $title, kind = $kind,
                    day = $day::date, scheduled_start_utc = $start, scheduled_end_utc = $end,
                    external_id = nullif($ext, ''), source = 'programme'
                where session_id = $sid and event_id = $ev
                """,
                {
                    "code": row.session_code,
                    "title": row.title.strip(),
                    "kind": row.kind,
                    "day": row.day,
                    "start": utc["start"].iloc[i].to_pydatetime(),
                    "end": utc["end"].iloc[i].to_pydatetime(),
                    "ext": meeting_id(row.external_id) or "",
                    "sid": int(row.session_id),
                    "ev": event_id,
                },
            )
        audit.record(con, actor or audit.CLI, "programme", event_id, {"sessions": len(frame)})
    if write_file:
        out = frame.assign(event_id=event_id)[COLUMNS]
        programme_file(event_id).parent.mkdir(parents=True, exist_ok=True)
        out.to_csv(programme_file(event_id), index=False)
