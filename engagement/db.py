"""The DuckDB database: where it lives, its schema, migrations and reference data."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from .ids import meeting_id

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DEFAULT_DB = DATA / "engagement.duckdb"
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"


class DatabaseLocked(Exception):
    """Another process (usually the running dashboard) holds the database file."""


def db_path() -> Path:
    """Read when called, not at import time, so tests and the CLI can redirect it."""
    return Path(os.environ.get("ENGAGEMENT_DB", DEFAULT_DB))


def connect(path: Path | str | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    path = Path(path or db_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseLocked(
                f"The database {path} is in use by another program (most likely the running "
                "dashboard; DuckDB allows one writer process). Import through the dashboard's "
                "Data page, or stop the dashboard and run the command again."
            ) from exc
        raise
    if not read_only:
        migrate(con)
    return con


def first_row(con, sql: str, params: dict | None = None):
    """The first row of a query, or None. fetchall(), not fetchone(): in DuckDB 2.0 a result
    left unfinished blocks the next statement on the same connection."""
    rows = con.execute(sql, params or {}).fetchall()
    return rows[0] if rows else None


# Every write of this process takes its turn: two transactions of one process that touch the
# same rows (an import and a setting, a removal and an override) would otherwise conflict and
# one of them fail. Readers never take it. Re-entrant: a writer may call another writer.
_WRITE_TURN = threading.RLock()
_COMMITS = [0]  # writes committed by this process


def version() -> str:
    """The database file and the writes this process has committed to it: the dashboard's cache
    key, so an answer read before a commit is never served after it, even one a session was
    still computing while the commit landed (a cache cleared then would keep it an hour)."""
    return f"{db_path()}#{_COMMITS[0]}"


@contextmanager
def transaction(con) -> Iterator[None]:
    """One transaction around the block: committed when it ends, rolled back (and the error
    raised again) when anything in it fails, so a failed write leaves the database as it was.
    Writes of this process take turns (_WRITE_TURN)."""
    with _WRITE_TURN:
        con.execute("begin transaction")
        try:
            yield
            con.execute("commit")
            _COMMITS[0] += 1  # inside the turn: no two writers count at once
        except Exception:
            con.execute("rollback")
            raise


@contextmanager
def registered(con, name: str, frame: pd.DataFrame) -> Iterator[None]:
    """A DataFrame visible to SQL as the view `name` for the statements of the block."""
    con.register(name, frame)
    try:
        yield
    finally:
        con.unregister(name)


def migrations() -> list[tuple[int, str]]:
    """Numbered table migrations: schema/NNN_name.sql, applied once each, in order."""
    found = []
    for file in sorted(SCHEMA_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        found.append((int(file.name[:3]), file.read_text(encoding="utf-8")))
    return found


def schema_version(con) -> int:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_version'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


def migrate(con) -> int:
    """Bring the schema to the newest version; views and macros are rebuilt every time."""
    current = schema_version(con)
    for version, sql in migrations():
        if version <= current:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute(
                "insert into schema_version values ($v, current_timestamp::timestamp)",
                {"v": version},
            )
        current = version
    con.execute((SCHEMA_DIR / "views.sql").read_text(encoding="utf-8"))
    if con.execute("select count(*) from countries").fetchall()[0][0] == 0:
        load_reference(con)
    load_events(con)
    return current


def load_reference(con) -> None:
    """The WHO Member States table (copied from ../shared/reference into data/)."""
    table = pd.read_csv(
        DATA / "who_member_states.csv", dtype=str, keep_default_na=False, na_values=[]
    )
    con.execute("delete from countries")
    with registered(con, "ref_countries", table):
        con.execute(
            """
            insert into countries
            select iso3, iso2, who_name, nullif(who_region, ''), nullif(wb_income_group, ''),
                   nullif(un_m49, ''), member_type, nullif(notes, '')
            from ref_countries
            """
        )


def load_events(con) -> None:
    """Events from data/events.csv and their programmes from data/programme/<event>.csv.

    Programme rows are upserted by (event, session code) so an edited programme file updates
    titles and times without touching imported attendance.
    """
    events_file = DATA / "events.csv"
    if not events_file.exists():
        return
    events = pd.read_csv(events_file, dtype=str, keep_default_na=False)
    for row in events.itertuples(index=False):
        con.execute(
            """
            insert into events values ($id, $name, $tz, $start::date, $end::date, $mode, $demo)
            on conflict (event_id) do update set name = excluded.name,
                timezone = excluded.timezone, start_date = excluded.start_date,
                end_date = excluded.end_date, mode = excluded.mode, is_demo = excluded.is_demo
            """,
            {
                "id": row.event_id,
                "name": row.name,
                "tz": row.timezone,
                "start": row.start_date or None,
                "end": row.end_date or None,
                "mode": row.mode,
                "demo": row.is_demo.strip().lower() == "true",
            },
        )
        programme = DATA / "programme" / f"{row.event_id}.csv"
        if programme.exists():
            load_programme(con, row.event_id, row.timezone, programme)


def load_programme(con, event_id: str, tz: str, file: Path) -> None:
    prog = pd.read_csv(file, dtype=str, keep_default_na=False)
    for col in ("start_local", "end_local"):
        local = pd.to_datetime(prog["day"] + " " + prog[col])
        prog[col.replace("_local", "_utc")] = (
            local.dt.tz_localize(tz).dt.tz_convert("UTC").dt.tz_localize(None)
        )
    for row in prog.itertuples(index=False):
        params = {
            "ev": event_id,
            "code": row.session_code,
            "title": row.title,
            "kind": row.kind,
            "day": row.day,
            "start": row.start_utc.to_pydatetime(),
            "end": row.end_utc.to_pydatetime(),
            "ext": meeting_id(row.external_id),
        }
        updated = con.execute(
            """
            update sessions set title = $title, kind = $kind, day = $day::date,
                scheduled_start_utc = $start, scheduled_end_utc = $end, external_id = $ext
            where event_id = $ev and session_code = $code
            returning session_id
            """,
            params,
        ).fetchall()
        if not updated:
            con.execute(
                """
                insert into sessions (event_id, session_code, title, kind, day,
                    scheduled_start_utc, scheduled_end_utc, external_id, source)
                values ($ev, $code, $title, $kind, $day::date, $start, $end, $ext, 'programme')
                """,
                params,
            )
