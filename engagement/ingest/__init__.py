"""One import engine for every door (CLI, Data page, demo build): file bytes -> database rows.

An import is prepared (pipeline: decoded, detected, parsed, times in UTC, classified, matched to
a session) without touching the database, then committed in one transaction (store: people keyed
by identity, rows written); lifecycle replaces, removes and moves imports afterwards.
"""

from .identity import ACTIVE, normalize_email, normalize_name, person_keys
from .lifecycle import import_contents, move_import, remove_import
from .pipeline import FORMAT_LABELS, event_draft, import_file, prepare, sha256, summarize
from .profiles import save_profile, saved_mapping
from .records import (
    NEW_SESSION,
    ColumnProfile,
    EventDraft,
    ImportRequest,
    ImportResult,
    Prepared,
    SessionMatch,
)
from .sessions import (
    check_timezone,
    default_event,
    match_session,
    to_local_day,
    to_utc,
    unique_event_id,
)
from .store import commit

__all__ = [
    "ACTIVE",
    "FORMAT_LABELS",
    "NEW_SESSION",
    "ColumnProfile",
    "EventDraft",
    "ImportRequest",
    "ImportResult",
    "Prepared",
    "SessionMatch",
    "check_timezone",
    "commit",
    "default_event",
    "event_draft",
    "import_contents",
    "import_file",
    "match_session",
    "move_import",
    "normalize_email",
    "normalize_name",
    "person_keys",
    "prepare",
    "remove_import",
    "save_profile",
    "saved_mapping",
    "sha256",
    "summarize",
    "to_local_day",
    "to_utc",
    "unique_event_id",
]
