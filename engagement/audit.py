"""The audit log: who (the signed-in identity, or "local"), when and what, for every action that
changes data or takes data out of the app. Written in the same transaction as the action where
there is one, so an action and its record land together or not at all."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

ACTIONS = {
    "import": "Imported a file",
    "remove": "Removed an import",
    "move": "Moved an import to another session",
    "override": "Set an organizer answer",
    "overrides_upload": "Loaded organizer answers from a file",
    "programme": "Edited the programme",
    "erase": "Erased a person",
    "retention": "Applied the retention setting",
    "setting": "Changed a setting",
    "attended_rule": "Set an event's definition of attended",
    "download": "Downloaded",
    "sign_in": "Signed in",
    "refused": "Was refused a page",
}


@dataclass(frozen=True)
class Actor:
    """Who acts: the signed-in e-mail (or "local" / "cli") and the role they acted with."""

    identity: str
    role: str


LOCAL = Actor("local", "organizer")
CLI = Actor("cli", "admin")


def record(con, actor: Actor, action: str, target: str = "", detail: dict | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    con.execute(
        "insert into audit_log (logged_at, actor, role, action, target, detail) "
        "values (current_timestamp::timestamp, $actor, $role, $action, $target, $detail)",
        {
            "actor": actor.identity,
            "role": actor.role,
            "action": action,
            "target": str(target or ""),
            "detail": json.dumps(detail, default=str, sort_keys=True) if detail else None,
        },
    )


def entries(con, limit: int = 10_000) -> pd.DataFrame:
    """Newest first, for the admin page and its download."""
    return con.execute(
        "select audit_id, logged_at, actor, role, action, target, detail from audit_log "
        "order by audit_id desc limit $limit",
        {"limit": limit},
    ).df()
