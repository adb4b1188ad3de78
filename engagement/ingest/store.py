"""Commit: write a prepared file in one transaction (session, people, countries, rows, import)."""

from __future__ import annotations

import threading
from contextlib import nullcontext

import duckdb
import pandas as pd

from .. import audit, countries, faults, platform_figures
from ..db import first_row, registered, transaction
from ..model import BadFileError
from . import staged
from .identity import headcount, person_keys, session_scope, write_people
from .lifecycle import already_imported, drop_orphans, find_replaceable, refuse_older, retire
from .profiles import save_profile
from .records import ImportResult, Prepared
from .sessions import actual_start_utc, ensure_event, py_datetime, resolve_session, to_utc

# DuckDB lets one process write a file, through many connections whose transactions conflict
# when two imports add the same person or country answer at once. Commits in this process
# therefore take turns: the slow part (prepare: decode, parse, classify) runs outside the lock,
# and a commit is one short transaction, so readers (who never take it) are not held up.
_WRITES = threading.Lock()

NO_MEMORY = (
    "{name} is too large to save within the memory the database may use for one import "
    "(nothing of it was stored). Split the report into shorter date ranges and import the "
    "parts, or ask the administrator to raise ENGAGEMENT_COMMIT_MEMORY."
)
BUSY = (
    "Another change was being saved to the database at the same moment and this file's rows "
    "could not be written (nothing of it was stored). Import it again."
)


def commit(
    con, prep: Prepared, session_id: int | None = None, actor: audit.Actor | None = None
) -> ImportResult:
    """Write a prepared file in one transaction. session_id: the organizer's choice (None keeps
    the automatic match, NEW_SESSION creates one). Raises BadFileError for a refused file.
    actor: who imports, audited in the same transaction (None: the command line or a script).
    Commits of one process take turns (_WRITES); a conflict with a writer outside it (another
    change on the same rows) is a BadFileError saying to import again, never a crash."""
    # A large file's commit is bounded in memory: set around the transaction, not in it, so
    # that the limit is lifted again even when the transaction is aborted.
    bound = staged.memory_limit(con) if prep.staging is not None else nullcontext()
    with _WRITES:
        try:
            with bound:
                return _commit(con, prep, session_id, actor)
        except duckdb.OutOfMemoryException as exc:
            raise BadFileError(NO_MEMORY.format(name=prep.file_name)) from exc
        except (duckdb.ConstraintException, duckdb.TransactionException) as exc:
            raise BadFileError(BUSY) from exc
        finally:
            if prep.staging is not None:  # personal data: gone whatever the outcome
                prep.staging.remove()


def _commit(con, prep: Prepared, session_id, actor) -> ImportResult:
    report = prep.report
    result = ImportResult(
        file=prep.file_name,
        status="imported",
        format=report.format,
        encoding=report.encoding,
        rows_read=prep.rows_read,
        rows_rejected=len(prep.rejects),
        notes=list(report.notes),
    )
    with transaction(con):
        faults.moment("transaction-begun")
        known = already_imported(con, prep.sha256, prep.event_id)
        if known:
            result.status, result.import_id = "already_imported", known
            return result
        ensure_event(con, prep.event_id, prep.tz, prep.event_name, prep.event_dates)
        sid, title, how = resolve_session(con, prep, session_id)
        start_utc = actual_start_utc(prep)
        replaced = find_replaceable(con, report.meeting, report.format, sid, start_utc)
        if replaced:
            refuse_older(report.meeting, replaced)
        import_id = first_row(con, "select nextval('import_seq')")[0]
        if replaced:
            retire(con, replaced, import_id)
            result.status, result.replaced_import_id = "replaced", replaced.import_id
        if prep.staging is None:
            figures = _write_rows(con, prep, import_id, sid)
        else:
            figures = _write_staged(con, prep, import_id, sid)
        if replaced:
            drop_orphans(con)  # people only the older export held
        _insert_import(con, prep, import_id, sid, start_utc, figures)
        faults.moment("import-recorded")
        _insert_platform_figures(con, prep, import_id)
        if prep.profile:
            save_profile(con, *prep.profile)
        _audit_import(con, actor, prep, import_id, sid, figures, replaced)
        faults.moment("before-commit")
    faults.moment("after-commit")
    result.import_id = import_id
    result.registrants, result.attendees = figures["registrants"], figures["attendees"]
    result.segments = figures["segments"]
    how = "chosen" if session_id is not None else how
    result.sessions = [{"session_id": sid, "title": title, "match": how}]
    return result


def _audit_import(con, actor, prep: Prepared, import_id: int, sid, figures, replaced) -> None:
    """Counts and ids only: the file's rows (names, e-mails) never go into the audit log."""
    detail = {
        "import_id": import_id,
        "event_id": prep.event_id,
        "session_id": sid,
        "format": prep.report.format,
        "rows_read": prep.rows_read,
        "rows_rejected": len(prep.rejects),
        **figures,
    }
    if replaced:
        detail["replaced_import_id"] = replaced.import_id
    audit.record(con, actor or audit.CLI, "import", prep.file_name, detail)


def _insert_import(con, prep: Prepared, import_id: int, sid, start_utc, figures: dict) -> None:
    report = prep.report
    con.execute(
        """
        insert into imports values ($id, $file, $sha, $fmt, $enc, $ev, $sid, $tz, $read,
            $rej, $regs, $att, $segs, current_timestamp::timestamp, $gen, 'active', null,
            $notes, $ext, $start)
        """,
        {
            "id": import_id,
            "file": prep.file_name,
            "sha": prep.sha256,
            "fmt": report.format,
            "enc": report.encoding,
            "ev": prep.event_id,
            "sid": sid,
            "tz": prep.tz,
            "read": prep.rows_read,
            "rej": len(prep.rejects),
            "regs": figures["registrants"],
            "att": figures["attendees"],
            "segs": figures["segments"],
            "gen": py_datetime(report.meeting.generated_at),
            "notes": "\n".join(report.notes) or None,
            "ext": report.meeting.external_id,
            "start": py_datetime(start_utc),
        },
    )


def _insert_platform_figures(con, prep: Prepared, import_id: int) -> None:
    """What the export's header says about the meeting (Zoom's Unique Viewers, Teams'
    participants, actual start/end): kept as stated, times in UTC like every stored time."""
    stated = platform_figures.figures_of(prep.report.meeting)
    if stated.empty:
        return
    times = to_utc(stated["local_time"], prep.tz)
    stated = stated.assign(import_id=import_id, value_utc=times).drop(columns="local_time")
    with registered(con, "new_figures", stated):
        con.execute(
            "insert into platform_figures select import_id::integer, figure, label, "
            "value::double, value_utc::timestamp from new_figures"
        )


def _write_rows(con, prep: Prepared, import_id: int, sid) -> dict:
    """People, new country answers, registrations, segments and rejects; the file's figures."""
    regs, segs = _keyed_rows(prep, import_id, sid)
    write_people(con, regs, segs)
    faults.moment("people-written")
    _add_country_answers(con, pd.concat([regs["country_raw"], segs["country_raw"]]))
    _insert_registrations(con, regs)
    _insert_segments(con, segs)
    if len(prep.rejects):
        _insert_rejects(con, prep.rejects.assign(import_id=import_id))
    faults.moment("rows-written")
    return headcount(regs, regs["person_key"], segs, segs["person_key"])


def _write_staged(con, prep: Prepared, import_id: int, sid) -> dict:
    """_write_rows for a large file's staging database: the same rows, by INSERT ... SELECT."""
    session = None if prep.match.how == "event-level" else sid
    scope = session_scope(prep.event_id, sid)
    with staged.views(con, prep.staging, scope, import_id, prep.event_id, session, sid):
        staged.write_people(con)
        faults.moment("people-written")
        _add_country_answers(con, staged.country_answers(con))
        con.execute(REGISTRATIONS_SQL)
        con.execute(SEGMENTS_SQL)
        if len(prep.rejects):
            _insert_rejects(con, prep.rejects.assign(import_id=import_id))
        faults.moment("rows-written")
        return staged.headcount(con)


def _keyed_rows(prep: Prepared, import_id: int, sid) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The prepared rows with their person keys and the import, event and session they join."""
    regs, segs = prep.registrations.copy(), prep.segments.copy()
    scope = session_scope(prep.event_id, sid)
    regs["person_key"], regs["key_basis"] = person_keys(regs["email"], regs["name"], scope)
    segs["person_key"], segs["key_basis"] = person_keys(segs["email"], segs["name"], scope)
    regs["import_id"] = segs["import_id"] = import_id
    regs["event_id"] = segs["event_id"] = prep.event_id
    regs["session_id"] = None if prep.match.how == "event-level" else sid
    segs["session_id"] = sid
    return regs, segs


def _add_country_answers(con, raw_values: pd.Series) -> None:
    """Resolve each country answer once: the lookup keeps every raw value already seen."""
    # Distinct values first (a large file repeats a few hundred answers), then Python.
    raws = sorted(r for r in raw_values.dropna().astype("str").unique().tolist() if r.strip())
    known = {r[0] for r in con.execute("select raw from country_lookup").fetchall()}
    fresh = [r for r in raws if r not in known]
    if not fresh:
        return
    res = countries.resolve_many(fresh)
    lookup = pd.DataFrame(
        {
            "raw": fresh,
            "iso3": [res[r].iso3 for r in fresh],
            "reason": [res[r].reason or None for r in fresh],
            "suggestion": [res[r].suggestion for r in fresh],
        }
    )
    with registered(con, "new_lookup", lookup):
        con.execute(
            "insert into country_lookup select raw, iso3, reason, suggestion from new_lookup"
        )


# From the relations new_regs / new_segs: a registered frame, or a staged file's view.
REGISTRATIONS_SQL = """
    insert into registrations
    select import_id, event_id, session_id::integer, person_key, registered_at_utc,
           status, nullif(status_raw, ''), nullif(trim(country_raw), ''),
           nullif(trim(organization), ''),
           nullif(trim(org_type_raw), ''), nullif(trim(job_title), ''), gender,
           stakeholder, stakeholder_rule, is_bot, coalesce(nullif(answers, ''), '{}')::json,
           line::integer
    from new_regs
"""
SEGMENTS_SQL = """
    insert into segments
    select import_id, event_id, session_id::integer, person_key, join_utc, leave_utc,
           case role when 'co-host' then 'host' when 'presenter' then 'panelist'
               else role end,
           is_guest::boolean, is_bot, nullif(trim(country_raw), ''),
           minutes_reported::double, line::integer, role
    from new_segs
"""


def _insert_registrations(con, regs: pd.DataFrame) -> None:
    with registered(con, "new_regs", regs):
        con.execute(REGISTRATIONS_SQL)


def _insert_segments(con, segs: pd.DataFrame) -> None:
    with registered(con, "new_segs", segs):
        con.execute(SEGMENTS_SQL)


def _insert_rejects(con, rejects: pd.DataFrame) -> None:
    with registered(con, "new_rejects", rejects):
        con.execute(
            "insert into import_rejects select import_id, line::integer, reason, raw::varchar "
            "from new_rejects"
        )
