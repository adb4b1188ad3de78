"""The life of an import once stored: already imported, replaced by a newer export, removed,
moved to another session, and the people, countries and sessions it leaves behind."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from .. import audit
from ..db import first_row, transaction
from ..model import BadFileError, MeetingInfo
from .identity import drop_orphan_people, rekey_named_people
from .sessions import drop_empty_sessions, py_datetime


class Replaceable(NamedTuple):
    """The active import a newer export of the same occurrence takes the place of."""

    import_id: int
    generated_at: object  # the older file's "Report generated time", or None


def already_imported(con, digest: str, event_id: str | None) -> int | None:
    """The active import of the same bytes into the same event, if any."""
    row = first_row(
        con,
        "select import_id from imports where sha256 = $h and event_id = $ev "
        "and status = 'active' order by import_id limit 1",
        {"h": digest, "ev": event_id},
    )
    return row[0] if row else None


def find_replaceable(con, meeting: MeetingInfo, fmt: str, sid, start_utc) -> Replaceable | None:
    """An earlier export of the same occurrence: same session, format and meeting ID, and the
    same actual start when both files give one (another occurrence of a recurring webinar
    reuses the ID but starts at another time)."""
    if not meeting.external_id or sid is None:
        return None
    row = first_row(
        con,
        """
            select import_id, generated_at from imports
            where status = 'active' and session_id = $sid and format = $fmt
                and external_id = $ext
                and (actual_start_utc is null or $start is null
                    or abs(epoch(actual_start_utc) - epoch($start::timestamp)) < 120)
            order by import_id desc limit 1
            """,
        {"sid": sid, "fmt": fmt, "ext": meeting.external_id, "start": py_datetime(start_utc)},
    )
    return Replaceable(*row) if row else None


def refuse_older(meeting: MeetingInfo, stored: Replaceable) -> None:
    """An export generated before the one already imported never takes its place."""
    if stored.generated_at is None or meeting.generated_at is None:
        return
    if pd.Timestamp(meeting.generated_at) < pd.Timestamp(stored.generated_at):
        raise BadFileError(
            f"An export of this webinar generated later ({stored.generated_at}) is already "
            f"imported (import #{stored.import_id}); this older export was not imported. "
            "Remove that import first if you really want the older one."
        )


def retire(con, old: Replaceable, new_import_id: int) -> None:
    """The older export's rows go; its import stays in the history as replaced by the new one."""
    delete_import_rows(con, old.import_id)
    con.execute(
        "update imports set status = 'replaced', replaced_by = $new where import_id = $old",
        {"new": new_import_id, "old": old.import_id},
    )


def delete_import_rows(con, import_id: int) -> None:
    for sql in (
        "delete from registrations where import_id = $id",
        "delete from segments where import_id = $id",
        "delete from import_rejects where import_id = $id",
        "delete from platform_figures where import_id = $id",
    ):
        con.execute(sql, {"id": import_id})


def drop_orphans(con) -> None:
    """People and country answers no stored row refers to any more (after a remove or a
    replace), so that removing a file removes the personal data it brought."""
    drop_orphan_people(con)
    con.execute(
        "delete from country_lookup where raw not in ("
        "select country_raw from registrations where country_raw is not null union "
        "select country_raw from segments where country_raw is not null)"
    )


def import_contents(con, import_id: int) -> dict | None:
    """What removing an import takes away (for its audit entry), or None."""
    row = first_row(
        con,
        """
        select file_name, event_id,
            (select count(*) from registrations where import_id = $id),
            (select count(*) from segments where import_id = $id),
            (select count(*) from import_rejects where import_id = $id)
        from imports where import_id = $id
        """,
        {"id": import_id},
    )
    if row is None:
        return None
    keys = ("file_name", "event_id", "registrations", "segments", "rejected_rows")
    return dict(zip(keys, row, strict=True))


def remove_import(con, import_id: int, actor: audit.Actor | None = None) -> bool:
    """Remove an import and everything it brought (people also in another import stay).
    The synthetic demo's imports are refused: the demo is rebuilt with `build-demo --force`.
    actor: who removes it, audited in the same transaction (None: the command line)."""
    demo = first_row(
        con,
        "select e.is_demo from imports as i join events as e using (event_id) "
        "where i.import_id = $id",
        {"id": import_id},
    )
    if demo and demo[0]:
        raise BadFileError(
            f"Import #{import_id} belongs to the synthetic demo event and cannot be removed; "
            "rebuild the demo with `python -m engagement build-demo --force` instead."
        )
    with transaction(con):
        contents = import_contents(con, import_id)
        found = contents is not None
        if found:
            audit.record(
                con,
                actor or audit.CLI,
                "remove",
                contents.pop("file_name"),
                {"import_id": import_id, **contents},
            )
            delete_import_rows(con, import_id)
            con.execute("delete from imports where import_id = $id", {"id": import_id})
            drop_orphans(con)
            drop_empty_sessions(con)
    return bool(found)


def move_import(con, import_id: int, session_id: int, actor: audit.Actor | None = None) -> None:
    """The organizer changes an import's session match after the fact (one transaction)."""
    with transaction(con):
        row = first_row(
            con,
            "select i.event_id, s.event_id from imports as i, sessions as s "
            "where i.import_id = $i and s.session_id = $s",
            {"i": import_id, "s": session_id},
        )
        import_event, session_event = row or (None, None)
        if import_event is None or import_event != session_event:
            raise BadFileError(f"Import #{import_id} cannot move to session {session_id}.")
        for sql in (
            "update segments set session_id = $s where import_id = $i",
            "update registrations set session_id = $s "
            "where import_id = $i and session_id is not null",
            "update imports set session_id = $s where import_id = $i",
        ):
            con.execute(sql, {"s": session_id, "i": import_id})
        audit.record(
            con,
            actor or audit.CLI,
            "move",
            f"import #{import_id}",
            {"import_id": import_id, "event_id": import_event, "session_id": session_id},
        )
        rekey_named_people(con, import_id, import_event, session_id)
        drop_orphans(con)
        drop_empty_sessions(con)
