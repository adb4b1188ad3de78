"""Settings an admin changes (page or CLI), kept in the database so every server process and the
CLI agree. Each change is audited in the same transaction."""

from __future__ import annotations

from . import audit
from .db import first_row, transaction

# name -> (default, smallest allowed, largest allowed). Retention 0 = off.
KNOWN = {
    "retention_days": (0, 0, 3650),
    "suppression_k": (5, 3, 100),
}


def get(con, name: str) -> int:
    default, low, high = KNOWN[name]
    row = first_row(con, "select value from settings where name = $name", {"name": name})
    if row is None:
        return default
    return min(max(int(row[0]), low), high)


def put(con, actor: audit.Actor, name: str, value: int) -> None:
    if name not in KNOWN:
        raise ValueError(f"unknown setting {name!r}")
    _, low, high = KNOWN[name]
    if not low <= int(value) <= high:
        raise ValueError(f"{name} must be between {low} and {high}, not {value}")
    with transaction(con):
        con.execute(
            "insert or replace into settings values "
            "($name, $value, current_timestamp::timestamp, $by)",
            {"name": name, "value": str(int(value)), "by": actor.identity},
        )
        audit.record(con, actor, "setting", name, {"value": int(value)})


def suppression_k(con) -> int:
    return get(con, "suppression_k")


def retention_days(con) -> int:
    return get(con, "retention_days")
