"""Personal data lifecycle: erase a person by e-mail, blank names and e-mails when the retention
period after an event has passed, and compact the database file so deleted bytes really go.

DuckDB keeps deleted rows' bytes in the file after DELETE, CHECKPOINT and VACUUM, so a promise
that an e-mail "appears nowhere" needs the file rewritten: compact_file copies every live row
into a new file (COPY FROM DATABASE) that then takes the old one's place.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
from duckdb import ColumnExpression, ConstantExpression, FunctionExpression

from . import audit, db, safe_export, settings
from .ingest.identity import normalize_email, person_keys
from .ingest.lifecycle import drop_orphans

ERASED = "[erased]"


class NotAnEmail(ValueError):
    """The text given to erase is not an e-mail address."""


def email_domain(email: str) -> str:
    """What the audit log keeps of an erased address."""
    return normalize_email(email).rpartition("@")[2]


def address_pattern(email: str) -> str:
    """RE2 pattern of the address as a whole address, any case: "ana@x.org" inside
    "<ana@x.org>" or "ana@x.org." but not inside "diana@x.org" or "ana@x.org.uk", which are
    other people's. Groups 1 and 2 are the characters around it, kept by the replacement."""
    before = r"(^|[^a-z0-9._%+\-])"
    after = r"($|[^a-z0-9.\-]|\.($|[^a-z0-9]))"
    return "(?i)" + before + re.escape(email) + after


def _text_columns(con) -> list[tuple[str, str, str]]:
    """(table, column, type) of every text column of every base table: where an e-mail typed
    anywhere (an answer, a raw line, a file name, a note) could sit."""
    return con.execute(
        """
        select c.table_name, c.column_name, c.data_type
        from information_schema.columns as c
        join information_schema.tables as t
            on t.table_name = c.table_name and t.table_schema = c.table_schema
        where t.table_type = 'BASE TABLE' and t.table_schema = 'main'
            and c.data_type in ('VARCHAR', 'JSON')
        order by c.table_name, c.ordinal_position
        """
    ).fetchall()


def _person_keys_of(con, email: str) -> list[str]:
    """The e-mail's own key, plus people whose stored name fields hold the address (Zoom
    shows the e-mail as the display name of someone who typed it there)."""
    own = person_keys(pd.Series([email]), pd.Series([""]), "")[0].iloc[0]
    rows = con.execute(
        """
        select person_key from person_pii
        where person_key = $own or email = $e or regexp_matches(display_name, $p)
            or regexp_matches(first_name, $p) or regexp_matches(last_name, $p)
        union select person_key from people where person_key = $own
        union select person_key from registrations where person_key = $own
        union select person_key from segments where person_key = $own
        """,
        {"own": own, "e": email, "p": address_pattern(email)},
    ).fetchall()
    return sorted(r[0] for r in rows)


# The person's own rows, by person key. Static statements: table names are never formatted in.
_OWN_ROWS = {
    "registrations": (
        "select count(*) from registrations where list_contains($keys, person_key)",
        "delete from registrations where list_contains($keys, person_key)",
    ),
    "segments": (
        "select count(*) from segments where list_contains($keys, person_key)",
        "delete from segments where list_contains($keys, person_key)",
    ),
    "person_pii": (
        "select count(*) from person_pii where list_contains($keys, person_key)",
        "delete from person_pii where list_contains($keys, person_key)",
    ),
    "people": (
        "select count(*) from people where list_contains($keys, person_key)",
        "delete from people where list_contains($keys, person_key)",
    ),
    "import_rejects": (
        "select count(*) from import_rejects where regexp_matches(raw, $p)",
        "delete from import_rejects where regexp_matches(raw, $p)",
    ),
}


def _holds(column: str, email: str):
    """The expression "this text column holds the address" (any case), values bound."""
    text = ColumnExpression(column).cast(duckdb.sqltypes.VARCHAR)
    pattern = ConstantExpression(address_pattern(email))
    return FunctionExpression("regexp_matches", text, pattern)


def _mentions(con, email: str) -> dict[str, int]:
    """Rows of every text column holding the address once the person's own rows are gone, as
    "table.column" -> rows. Built with DuckDB expressions, so no SQL text is formatted."""
    found = {}
    for table, column, _type in _text_columns(con):
        rel = con.table(table).filter(_holds(column, email))
        if table in ("registrations", "segments", "person_pii", "people"):
            # the person's own rows go whole; count only other people's rows
            keys = _person_keys_of(con, email)
            own = FunctionExpression(
                "list_contains", ConstantExpression(keys), ColumnExpression("person_key")
            )
            rel = rel.filter(~own) if keys else rel
        elif table == "import_rejects" and column == "raw":
            continue  # whole reject lines go
        n = rel.aggregate("count(*)").fetchall()[0][0]
        if n:
            found[f"{table}.{column}"] = n
    return found


def _scrub(con, email: str) -> None:
    """Replace the address wherever else it was typed (any case) by ERASED. Twice: in "a,a" the
    first match takes the comma the second one needs as its boundary."""
    pattern = ConstantExpression(address_pattern(email))
    keep = ConstantExpression(r"\1" + ERASED + r"\2")
    for table, column, _type in _text_columns(con):
        text = ColumnExpression(column).cast(duckdb.sqltypes.VARCHAR)
        for _ in range(2):
            text = FunctionExpression(
                "regexp_replace", text, pattern, keep, ConstantExpression("g")
            )
        con.table(table).update({column: text}, condition=_holds(column, email))


def erasure_preview(con, email: str) -> dict:
    """What erasing the address would remove: rows per table, and mentions scrubbed elsewhere.
    Raises NotAnEmail for text that is not an address."""
    address = normalize_email(email)
    if not address:
        raise NotAnEmail(f"{email!r} is not an e-mail address.")
    keys = _person_keys_of(con, address)
    params = {"keys": keys, "p": address_pattern(address)}
    counts = {}
    for table, (count_sql, _delete) in _OWN_ROWS.items():
        wanted = {k: v for k, v in params.items() if f"${k}" in count_sql}
        counts[table] = con.execute(count_sql, wanted).fetchall()[0][0]
    mentions = _mentions(con, address)
    found = bool(keys) or any(counts.values()) or bool(mentions)
    return {
        "email_domain": email_domain(address),
        "found": found,
        "people": len(keys),
        "rows": counts,
        "mentions": mentions,
    }


def erase_person(con, actor: audit.Actor, email: str) -> dict:
    """Remove the person with this e-mail from every table (their registrations, attendance,
    people rows, the reject log's raw lines holding the address) and replace the address
    wherever else it was typed; audited with the domain and the counts. Figures are views over
    the base tables, so they recompute. An unknown address changes nothing (found False).
    The deleted bytes stay in the file until compact_file (erase_person_file does both)."""
    preview = erasure_preview(con, email)
    if not preview["found"]:
        return preview
    address = normalize_email(email)
    params = {"keys": _person_keys_of(con, address), "p": address_pattern(address)}
    with db.transaction(con):
        for _count, delete_sql in _OWN_ROWS.values():
            wanted = {k: v for k, v in params.items() if f"${k}" in delete_sql}
            con.execute(delete_sql, wanted)
        _scrub(con, address)
        drop_orphans(con)  # country answers only this person gave
        audit.record(
            con,
            actor,
            "erase",
            preview["email_domain"],
            {"people": preview["people"], "rows": preview["rows"], "mentions": preview["mentions"]},
        )
    return preview


def compact_file(path: Path | str) -> None:
    """Rewrite the database file with its live rows only, so deleted bytes leave the disk.
    Nothing else may have the file open (close the dashboard's connection first)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".compact")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = db.connect(path)
    try:
        name = con.execute("select current_database()").fetchall()[0][0]
        con.execute("attach $tmp as compacted", {"tmp": str(tmp)})
        # A database name cannot be a $parameter; this one is DuckDB's own (the file's stem),
        # quoted as an identifier.
        quoted = '"' + name.replace('"', '""') + '"'
        con.execute(f"copy from database {quoted} to compacted")
        con.execute("detach compacted")
    finally:
        con.close()
    os.replace(tmp, path)


def erase_person_file(path: Path | str, actor: audit.Actor, email: str) -> dict:
    """erase_person on the file at path, then the file rewritten (for the CLI and admin page).
    Raises db.DatabaseLocked when another process holds the file."""
    con = db.connect(path)
    try:
        result = erase_person(con, actor, email)
    finally:
        con.close()
    if result["found"]:
        compact_file(path)
    return result


def expired_events(con, today: date | None = None, days: int | None = None) -> list[str]:
    """Events whose end (else last session day, else last attendance) plus the retention
    period has passed. days None: the setting; 0 means retention is off. The synthetic demo
    holds no real person, so it keeps its invented names."""
    days = settings.retention_days(con) if days is None else int(days)
    if days <= 0:
        return []
    cutoff = (today or date.today()) - timedelta(days=days)
    rows = con.execute(
        """
        select e.event_id from events as e
        where not e.is_demo and coalesce(
            e.end_date,
            (select max(s.day) from sessions as s where s.event_id = e.event_id),
            (select max(g.leave_utc)::date from segments as g where g.event_id = e.event_id)
        ) < $cutoff
        order by e.event_id
        """,
        {"cutoff": cutoff},
    ).fetchall()
    return [r[0] for r in rows]


# People only in expired events: someone also in a live event keeps their details there.
_EXPIRED_PEOPLE = """
    select person_key from registrations where list_contains($events, event_id)
    union select person_key from segments where list_contains($events, event_id)
    except (
        select person_key from registrations where not list_contains($events, event_id)
        union select person_key from segments where not list_contains($events, event_id)
    )
"""
_RETENTION_COUNTS = {
    "people": "select count(*) from person_pii where person_key in ({people}) and not "
    "(email is null and display_name is null and first_name is null and last_name is null)",
    "answers": "select count(*) from registrations where list_contains($events, event_id) "
    "and answers::varchar not in ('{{}}', 'null')",
    "reject_lines": "select count(*) from import_rejects where raw is not null and import_id in "
    "(select import_id from imports where list_contains($events, event_id))",
}
_RETENTION_UPDATES = (
    "update person_pii set email = null, display_name = null, first_name = null, "
    "last_name = null where person_key in ({people})",
    "update registrations set answers = '{{}}'::json "
    "where list_contains($events, event_id) and answers::varchar not in ('{{}}', 'null')",
    "update import_rejects set raw = null where raw is not null and import_id in "
    "(select import_id from imports where list_contains($events, event_id))",
)


def retention_preview(con, today: date | None = None, days: int | None = None) -> dict:
    """What apply_retention would blank: expired events, people's names and e-mails, custom
    answers and raw reject lines (counts)."""
    events = expired_events(con, today, days)
    counts = {}
    for name, sql in _RETENTION_COUNTS.items():
        counts[name] = con.execute(
            sql.format(people=_EXPIRED_PEOPLE), {"events": events}
        ).fetchall()[0][0]
    return {"events": events, **counts}


def apply_retention(con, actor: audit.Actor, today: date | None = None) -> dict:
    """Blank names, e-mails, custom answers and raw reject lines of the events past the
    retention period. Person keys, every registration and attendance row, countries,
    organizations and stakeholder types stay, so every figure stays exactly the same."""
    preview = retention_preview(con, today)
    if not any(preview[k] for k in _RETENTION_COUNTS):
        return preview
    with db.transaction(con):
        for sql in _RETENTION_UPDATES:
            con.execute(sql.format(people=_EXPIRED_PEOPLE), {"events": preview["events"]})
        audit.record(
            con,
            actor,
            "retention",
            ", ".join(preview["events"]),
            {"days": settings.retention_days(con), **preview},
        )
    return preview


def apply_retention_file(path: Path | str, actor: audit.Actor, today: date | None = None) -> dict:
    """apply_retention on the file at path, then the file rewritten so blanked values go."""
    con = db.connect(path)
    try:
        result = apply_retention(con, actor, today)
    finally:
        con.close()
    if any(result[k] for k in _RETENTION_COUNTS):
        compact_file(path)
    return result


def file_contains(path: Path | str, text: str) -> bool:
    """Whether the bytes of the file (and its write-ahead log) hold the text in any case:
    the check behind "appears nowhere in the database file"."""
    needle = text.lower().encode("utf-8")
    for file in (Path(path), Path(str(path) + ".wal")):
        if file.exists() and needle in file.read_bytes().lower():
            return True
    return False


AUDIT_COLUMNS = {
    "audit_id": "#",
    "logged_at": "When (UTC)",
    "actor": "Who",
    "role": "Role",
    "action": "Action",
    "target": "What",
    "detail": "Detail",
}


def audit_table(con, actions: list[str] | None = None, actors: list[str] | None = None):
    """The audit log newest first with plain column names and actions in words, optionally
    only some actions (codes of audit.ACTIONS) or actors; for the admin page and the CLI."""
    table = audit.entries(con)
    if actions:
        table = table[table["action"].isin(actions)]
    if actors:
        table = table[table["actor"].isin(actors)]
    table = table.assign(action=table["action"].map(lambda a: audit.ACTIONS.get(a, a)))
    return table.rename(columns=AUDIT_COLUMNS).reset_index(drop=True)


def audit_csv(table: pd.DataFrame) -> bytes:
    """The audit log as CSV. File names and answers reach it as targets, so it goes through
    the formula-safe writer."""
    return safe_export.to_csv_bytes(table)
