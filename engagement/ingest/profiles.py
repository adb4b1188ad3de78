"""Saved column mappings: a file of a shape no parser knows reuses the organizer's last mapping."""

from __future__ import annotations

import json

from ..db import first_row
from ..formats import generic
from ..model import BadFileError


def saved_mapping(con, text: str) -> dict | None:
    """A column profile saved for a file of the same shape (same normalized header)."""
    try:
        signature = generic.signature(generic.header_of(text))
    except BadFileError:
        return None
    row = first_row(
        con,
        "select mapping from column_profiles where signature = $sig "
        "order by created_at desc limit 1",
        {"sig": signature},
    )
    return json.loads(row[0]) if row else None


def save_profile(con, name: str, header: list[str], mapping: dict) -> None:
    con.execute(
        "insert or replace into column_profiles values ($n, $s, $m, current_timestamp::timestamp)",
        {"n": name, "s": generic.signature(header), "m": json.dumps(mapping)},
    )
