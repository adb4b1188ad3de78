"""The records an import passes between its steps: request, session match, prepared file, result."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..audit import Actor
from ..decode import DEFAULT_MAX_BYTES
from ..model import ParsedReport
from .staging import Staging

NEW_SESSION = -1  # commit(session_id=NEW_SESSION): the organizer wants a session of its own


@dataclass(frozen=True)
class EventDraft:
    """A new event as the organizer names it on the Data page: created with the first import
    of its files (its ID a unique slug of the name), its zone also the files' zone."""

    name: str
    timezone: str
    start_date: date | None = None
    end_date: date | None = None


@dataclass(frozen=True)
class ImportRequest:
    """One file and how to import it; the Data page's preview and every import take the same.

    event_id None: the most recent real event. tz None: the event's own zone. mapping: the
    organizer's column mapping for a layout no parser knows.
    """

    data: bytes = field(repr=False)
    file_name: str
    event_id: str | None = None
    tz: str | None = None
    mapping: dict | None = field(default=None, hash=False)
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_demo: bool = False  # only the demo build writes into the synthetic demo event
    actor: Actor | None = None  # who imports, for the audit log (None: the command line)
    # No event_id and no event yet: create one from the file (the command line's first import)
    # instead of refusing. Its ID and name come from the webinar topic / meeting title.
    create_event: bool = False
    new_event: EventDraft | None = None  # the Data page's new event (name, zone, dates)

    @classmethod
    def from_path(cls, path: Path | str, event_id: str | None = None, tz: str | None = None, **kw):
        path = Path(path)
        return cls(path.read_bytes(), path.name, event_id, tz, **kw)


class ColumnProfile(NamedTuple):
    """An organizer's column mapping, saved under a name when its file is committed."""

    name: str
    header: list[str]
    mapping: dict


@dataclass
class SessionMatch:
    session_id: int | None  # None: a new session will be created, or event-level file
    title: str
    how: str  # external_id | time | new | event-level | chosen
    day: str | None = None


@dataclass
class ReadFile:
    """A file read without the database (pipeline.read_file): what prepare then matches."""

    report: ParsedReport
    tz: str
    registrations: pd.DataFrame
    segments: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    first_join: object = None  # the earliest join (a session's start when the file gives none)
    # A large file read in chunks (ingest.stream): its rows are in this staging database and
    # registrations/segments/rejects above hold only its first rows (for the preview).
    staging: Staging | None = None


@dataclass
class Prepared:
    file_name: str
    sha256: str
    event_id: str
    tz: str
    report: ParsedReport
    match: SessionMatch
    registrations: pd.DataFrame  # classified, UTC (people are keyed when committed)
    segments: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    profile: ColumnProfile | None = None  # saved when committed
    event_name: str | None = None  # set when the commit creates the event (create_event)
    event_dates: tuple = (None, None)  # its first and last day, when the organizer gave them
    staging: Staging | None = None  # a large file's rows (see ReadFile.staging)
    first_join: object = None  # ReadFile.first_join (of every row, staged ones too)


@dataclass
class ImportResult:
    file: str
    status: str  # imported | already_imported | replaced | failed
    format: str | None = None
    encoding: str | None = None
    rows_read: int = 0
    rows_rejected: int = 0
    registrants: int = 0
    attendees: int = 0
    segments: int = 0
    sessions: list = field(default_factory=list)
    error: str | None = None
    import_id: int | None = None
    replaced_import_id: int | None = None
    notes: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)
