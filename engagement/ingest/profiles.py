"""Saved column mappings: a file of a shape no parser knows reuses the organizer's last mapping."""

from __future__ import annotations

import json

from ..formats import generic
from ..model import BadFileError


def saved_mapping(con, text: str) -> dict | None:
    """A column profile saved for a file of the same shape (same normalized header)."""
    return mapping_for(saved_profiles(con), text)


def saved_profiles(con) -> dict[str, dict]:
    """Every saved mapping by header signature, the newest for each: read before a file is
    parsed, so that parsing needs no database (it may run in a worker process)."""
    rows = con.execute(
        "select signature, mapping from column_profiles order by created_at"
    ).fetchall()
    return {signature: json.loads(mapping) for signature, mapping in rows}


def mapping_for(profiles: dict[str, dict], text: str) -> dict | None:
    try:
        return profiles.get(generic.signature(generic.header_of(text)))
    except BadFileError:
        return None


def save_profile(con, name: str, header: list[str], mapping: dict) -> None:
    con.execute(
        "insert or replace into column_profiles values ($n, $s, $m, current_timestamp::timestamp)",
        {"n": name, "s": generic.signature(header), "m": json.dumps(mapping)},
    )
