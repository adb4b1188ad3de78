"""The commit and the preview figures of a large file read into a staging database
(ingest.stream): the same rows, people and figures as store._write_rows and
identity.headcount give for frames in memory, in SQL over the staging tables."""

from __future__ import annotations

import os
from contextlib import contextmanager

import duckdb
import pandas as pd

from .identity import ACTIVE, BASIS_SQL, KEY_SQL, insert_people
from .staging import Staging

# DuckDB's buffers while a large file is committed (its sorts and joins spill past it): the
# database's default is 80 % of the machine's memory, which a million rows would take.
COMMIT_MEMORY = os.environ.get("ENGAGEMENT_COMMIT_MEMORY", "384MB")

# The staged rows with their person keys and the import, event and session they join.
_VIEW = (
    "create or replace temp view {name} as select *, line::bigint as staged_row, "
    "{key} as person_key, {basis} as key_basis, "
    "{import_id}::integer as import_id, {event_id}::varchar as event_id, "
    "{session}::integer as session_id from {src}"
)


def _quoted(path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@contextmanager
def views(con, staging: Staging, scope: str, import_id: int, event_id: str, session, sid):
    """new_regs and new_segs (the relations store's INSERT statements read) over the staged
    Parquet files, for the time of the block. Rows are in file order by line (each section's
    rows follow its lines, sections follow each other)."""
    try:
        for name, src, session_id in (
            ("new_regs", staging.source("regs"), session),
            ("new_segs", staging.source("segs"), sid),
        ):
            # A view keeps no parameters: these values (ours, not the file's) are literals.
            sql = _VIEW.format(
                name=name,
                key=KEY_SQL.replace("$scope", _quoted(scope)),
                basis=BASIS_SQL,
                src=src,
                import_id=int(import_id),
                event_id=_quoted(event_id),
                session="null" if session_id is None else int(session_id),
            )
            con.execute(sql)
        yield
    finally:
        try:
            for name in ("new_regs", "new_segs"):
                con.execute(f"drop view if exists {name}")
        except duckdb.Error:
            pass  # an aborted transaction: its rollback drops the views


def write_people(con) -> None:
    """identity.write_people: the first row of each person (registrations first, then
    segments, in file order) gives their details; a known person keeps theirs."""
    con.execute(
        """
        create or replace temp table new_people as
        select distinct on (person_key) person_key, key_basis, email_norm as email, name,
               first_name, last_name
        from (
            select 0 as src, staged_row as r, person_key, key_basis, email_norm, name, first_name,
                   last_name
            from new_regs
            union all
            select 1, staged_row, person_key, key_basis, email_norm, name, '', '' from new_segs
        )
        order by person_key, src, r
        """
    )
    try:
        insert_people(con)
    finally:
        con.execute("drop table new_people")


def country_answers(con) -> pd.Series:
    """The distinct country answers of the staged rows (store resolves the new ones)."""
    rows = con.execute(
        "select country_raw from new_regs union select country_raw from new_segs"
    ).fetchall()
    return pd.Series([r[0] for r in rows], dtype=object)


_ACTIVE = ", ".join(f"'{status}'" for status in ACTIVE)  # our constants, not the file's
HEADCOUNT_SQL = (
    "select (select count(distinct person_key) from new_regs "  # noqa: S608 - no values
    f"where status in ({_ACTIVE}) and not is_bot), "
    "(select count(distinct person_key) from new_segs where not is_bot), "
    "(select count(*) from new_segs)"
)


def headcount(con) -> dict:
    """identity.headcount of the staged rows."""
    registrants, attendees, segments = con.execute(HEADCOUNT_SQL).fetchall()[0]
    return {"registrants": registrants, "attendees": attendees, "segments": segments}


def summary(staging: Staging, scope: str) -> dict:
    """The file's figures before committing (pipeline.summarize), names keyed in `scope`."""
    con = duckdb.connect()
    try:
        with views(con, staging, scope, 0, "", None, None):
            return headcount(con)
    finally:
        con.close()


def time_span(staging: Staging) -> tuple:
    """The first join and last leave (UTC) of a staged file's segments (None when it has none):
    the span of the session such a file creates."""
    con = duckdb.connect()
    try:
        return con.execute(
            f"select min(join_utc), max(leave_utc) from {staging.source('segs')}"  # noqa: S608
        ).fetchone()
    finally:
        con.close()


@contextmanager
def memory_limit(con):
    """COMMIT_MEMORY as the database's memory limit for the block, then its default again. It
    is a setting of the whole database: readers meanwhile share the limit (their sorts and
    joins spill to disk like the commit's)."""
    con.execute("set memory_limit = $m", {"m": COMMIT_MEMORY})
    try:
        yield
    finally:
        con.execute("reset memory_limit")
