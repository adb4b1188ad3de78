"""Prepare: file bytes -> rows ready to store (decode, detect, parse, UTC, rejects, classify,
session match), without touching the database; and import_file, prepare then commit.

A failure at any point before the commit's transaction ends leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from .. import classify, formats
from ..decode import decode_file
from ..distinct import map_distinct
from ..formats.tables import collected_notes
from ..ids import meeting_id
from ..model import BadFileError, ParsedReport
from . import staged
from .identity import headcount, normalize_emails, normalize_name, person_keys
from .lifecycle import already_imported
from .profiles import mapping_for, saved_profiles
from .records import EventDraft, ImportRequest, ImportResult, Prepared, ReadFile
from .sessions import (
    check_timezone,
    default_event,
    file_zone,
    find_event,
    first_join,
    match_session,
    new_event,
    to_utc,
    unique_event_id,
)
from .store import commit
from .stream import read_streamed


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_file(con, request: ImportRequest | bytes, *fields, **options) -> ImportResult:
    """Import one file through the whole pipeline; never raises for a bad file.

    import_file(con, data, file_name, event_id, tz, ...) is kept as shorthand for
    import_file(con, ImportRequest(data, file_name, event_id, tz, ...)).
    """
    request = _as_request(request, fields, options)
    known = already_imported(con, sha256(request.data), request.event_id or default_event(con))
    if known:
        return ImportResult(
            file=request.file_name,
            status="already_imported",
            import_id=known,
            notes=[f"identical to import #{known}; nothing changed"],
        )
    try:
        return commit(con, prepare(con, request), actor=request.actor)
    except BadFileError as exc:
        return ImportResult(file=request.file_name, status="failed", error=str(exc))


def prepare(con, request: ImportRequest | bytes, *fields, reader=None, **options) -> Prepared:
    """Everything short of writing: raises BadFileError with a sentence for the uploader.

    Takes the same shorthand as import_file. reader: read_file's stand-in (the Data page's
    ingest.worker.read_file, the same read in a process of its own).
    """
    request = _as_request(request, fields, options)
    event_id, tz = _event_and_zone(con, request)
    read = (reader or read_file)(request, tz, saved_profiles(con))
    report, tz = read.report, read.tz
    event_name, draft = None, request.new_event
    if draft is not None:  # the Data page's new event, named by the organizer
        event_id, event_name = unique_event_id(con, draft.name), draft.name
    elif event_id is None:  # request.create_event and no event yet
        event_id, event_name, _ = new_event(con, report, request.file_name, tz)
    return Prepared(
        file_name=request.file_name,
        sha256=sha256(request.data),
        event_id=event_id,
        tz=tz,
        report=report,
        match=match_session(con, event_id, report, tz, read.first_join),
        registrations=read.registrations,
        segments=read.segments,
        rejects=read.rejects,
        rows_read=read.rows_read,
        event_name=event_name,
        event_dates=(draft.start_date, draft.end_date) if draft else (None, None),
        staging=read.staging,
        first_join=read.first_join,
    )


def read_file(request: ImportRequest, tz: str | None, profiles: dict[str, dict]) -> ReadFile:
    """The file's rows parsed, in UTC, with rejects and classification: everything that needs
    no database (saved column profiles are passed in), so that it can run in a worker process.

    tz None: the event is created from this file, in the file's own zone (else UTC).
    """
    streamed = read_streamed(request, tz, _read_decoded)
    if streamed is not None:  # a large Zoom report, read in chunks into a staging database
        return streamed
    decoded = decode_file(request.data, request.file_name, request.max_bytes)
    report, tz, regs, segs, rejects = _read_decoded(decoded, request.mapping, profiles, tz)
    if regs.empty and segs.empty:
        raise BadFileError(_nothing_usable(request.file_name, report.format, rejects))
    lines = set(regs["line"]) | set(segs["line"]) | set(rejects["line"])
    return ReadFile(report, tz, regs, segs, rejects, len(lines), first_join(report))


def _read_decoded(decoded, mapping, profiles: dict[str, dict], tz: str | None):
    """(report, zone, registrations, segments, rejects) of decoded text: detect, parse, UTC,
    rejects, classification (the whole file, or one chunk of a large one)."""
    with collected_notes() as repairs:  # values cut, duplicated columns, runaway quotes
        text, fmt, read_as = decoded.text, formats.detect_format(decoded.text), []
        if fmt is None and mapping is None:
            mapping = mapping_for(profiles, text)
            if mapping is None:  # a vendor table with renamed labels, read from its values
                text, fmt, read_as = formats.detect_by_structure(text)
        report = formats.parse(text, decoded.encoding, fmt, mapping)
    report.notes[:0] = decoded.notes + repairs + read_as
    report.encoding = report.encoding or decoded.encoding
    report.meeting.external_id = meeting_id(report.meeting.external_id)
    tz = tz or file_zone(report) or "UTC"
    regs, segs, rejects = _normalize(report, tz)
    return report, tz, regs, segs, rejects


def event_draft(files: list[tuple[bytes, str]]) -> EventDraft:
    """What the Data page offers for a new event made of these files (bytes, file name): the
    first webinar topic or meeting title (else the first file's name), a zone a file names
    (else UTC), and the first and last day the files' sessions started on."""
    name = zone = None
    days = []
    for data, file_name in files:
        try:
            decoded = decode_file(data, file_name)
            text, fmt = decoded.text, formats.detect_format(decoded.text)
            if fmt is None:
                text, fmt, _ = formats.detect_by_structure(text)
            report = formats.parse(text, decoded.encoding, fmt) if fmt else None
        except BadFileError:  # the file's own preview says why; it just offers nothing here
            report = None
        if report is None:
            continue
        name = name or (report.meeting.topic or "").strip() or None
        zone = zone or file_zone(report)
        meeting = report.meeting
        start = meeting.actual_start or meeting.scheduled_start or first_join(report)
        if start is not None and not pd.isna(start):
            days.append(pd.Timestamp(start).date())
    if name is None:
        name = Path(files[0][1]).stem if files else "New event"
    return EventDraft(name, zone or "UTC", min(days, default=None), max(days, default=None))


def _as_request(request: ImportRequest | bytes, fields: tuple, options: dict) -> ImportRequest:
    if isinstance(request, ImportRequest):
        if fields or options:
            raise TypeError("pass an ImportRequest alone, or the request's fields one by one")
        return request
    return ImportRequest(request, *fields, **options)


def _event_and_zone(con, request: ImportRequest) -> tuple[str | None, str | None]:
    """The event a file goes to and the zone its times were written in, or the reason why not.
    (None, --tz) when the event is to be created from the file itself (create_event)."""
    if request.new_event is not None:
        check_timezone(request.new_event.timezone)
        return None, request.new_event.timezone
    event_id = request.event_id or default_event(con)
    if not event_id and request.create_event:
        if request.tz:
            check_timezone(request.tz)
        return None, request.tz
    if not event_id:
        raise BadFileError(
            "No event exists yet to import into (the demo event takes no real files): "
            "pass --event with a new event ID, e.g. --event wlpf2026."
        )
    event = find_event(con, event_id)
    if event and event.is_demo and not request.allow_demo:
        raise BadFileError(
            f"The event {event_id} holds the synthetic demo and takes no real files: import "
            "into a new event (on the Data page, or --event NEW_ID --tz ZONE on the command "
            "line)."
        )
    if not event and not request.tz:
        raise BadFileError(
            f"The event {event_id} is new: say which time zone its files were exported in "
            "(--tz, e.g. --tz Europe/Zurich), so that local times are stored correctly."
        )
    tz = request.tz or event.timezone
    check_timezone(tz)
    return event_id, tz


def summarize(prep: Prepared) -> dict:
    """Figures a file would add, computed before committing (for the preview and the CLI)."""
    regs, segs = prep.registrations, prep.segments
    scope = prep.match.title
    if prep.staging is not None:
        return staged.summary(prep.staging, scope)
    reg_keys, _ = person_keys(regs["email"], regs["name"], scope)
    seg_keys, _ = person_keys(segs["email"], segs["name"], scope)
    return headcount(regs, reg_keys, segs, seg_keys)


FORMAT_LABELS = {
    "zoom_webinar_attendee": "Zoom webinar attendee report",
    "zoom_webinar_registration": "Zoom webinar registration report",
    "zoom_meeting_participants": "Zoom meeting participants export",
    "teams_attendance": "Microsoft Teams attendance report",
    "eventbrite_attendees": "Eventbrite attendee report",
    "indico_registrations": "Indico registrations export",
    "webex_attendees": "Webex attendee report",
    "checkin_list": "on-site check-in list",
    "generic": "table",
}


def _nothing_usable(file_name: str, fmt: str, rejects: pd.DataFrame) -> str:
    """The sentence for a file in which not one row can be stored."""
    label = FORMAT_LABELS.get(fmt, "report")
    if rejects.empty:
        return (
            f"{file_name} is a {label} with no data rows, so there is nothing to import. "
            "Check that the export covers the right meeting or date range, then download it "
            "again and upload the new file."
        )
    # The first three distinct reasons, in file order, each with its first line.
    groups = list(rejects.sort_values("line", kind="stable").groupby("reason", sort=False)["line"])
    parts = []
    for reason, lines in groups[:3]:
        more = len(lines) - 1
        like = f" (and {more:,} more row(s) like it)" if more else ""
        parts.append(f"line {int(lines.iloc[0])}: {reason}{like}")
    if len(groups) > 3:
        parts.append(f"and {len(groups) - 3:,} other problem(s)")
    return (
        f"{file_name} is a {label}, but no row could be read: {'; '.join(parts)}. Export the "
        "report again from the platform (or correct those rows), then upload it again."
    )


def _normalize(report: ParsedReport, tz: str):
    """UTC times, rejects for rows that cannot count, classification of every registration."""
    regs = report.registrations.copy()
    regs["registered_at_utc"] = to_utc(regs["registered_at"], tz)
    segs, time_rejects = _timed_segments(report.segments, tz)
    regs, reg_rejects = _identified(regs)
    segs, seg_rejects = _identified(segs)
    rejects = [report.rejects[["line", "reason", "raw"]]] if len(report.rejects) else []
    rejects += time_rejects + reg_rejects + seg_rejects

    # A note-taker joining with a registrant's link carries that registrant's first and last
    # name and e-mail: the registration is the person's, only the display name is the bot's.
    reg_names = (regs["first_name"].fillna("") + " " + regs["last_name"].fillna("")).str.strip()
    reg_names = reg_names.where(reg_names != "", regs["name"].fillna(""))
    regs["is_bot"] = _bots(reg_names, regs["email"])
    segs["is_bot"] = _bots(segs["name"], segs["email"])
    regs = _classified(regs)
    all_rejects = (
        pd.concat(rejects, ignore_index=True)
        if rejects
        else pd.DataFrame({"line": [], "reason": [], "raw": []})
    )
    return regs.reset_index(drop=True), segs.reset_index(drop=True), all_rejects


def _timed_segments(segments: pd.DataFrame, tz: str) -> tuple[pd.DataFrame, list]:
    """Join and leave in UTC; a segment without both, or ending before it starts, is rejected."""
    segs = segments.copy()
    segs["join_utc"] = to_utc(segs["join_at"], tz)
    segs["leave_utc"] = to_utc(segs["leave_at"], tz)
    bad_time = segs["join_utc"].isna() | segs["leave_utc"].isna()
    backwards = ~bad_time & (segs["leave_utc"] < segs["join_utc"])
    rejects = [
        _reject_rows(segs[mask], reason)
        for mask, reason in (
            (bad_time, "join or leave time missing or unreadable"),
            (backwards, "leave time is before join time"),
        )
        if mask.any()
    ]
    return segs[~(bad_time | backwards)], rejects


def _identified(frame: pd.DataFrame) -> tuple[pd.DataFrame, list]:
    """Rows with an e-mail or a name; the others cannot be anyone, so they are rejected."""
    no_id = (normalize_emails(frame["email"].fillna("")) == "") & (
        map_distinct(frame["name"].fillna(""), normalize_name) == ""
    )
    rejects = [_reject_rows(frame[no_id], "neither an e-mail nor a name")] if no_id.any() else []
    return frame[~no_id], rejects


def _classified(regs: pd.DataFrame) -> pd.DataFrame:
    """Stakeholder type (with the rule that decided it) and gender of every registration."""
    regs = regs.copy()
    if len(regs):
        cls = classify.classify_many(regs[["org_type_raw", "organization", "email"]].fillna(""))
        regs["stakeholder"] = cls["stakeholder"].to_numpy()
        regs["stakeholder_rule"] = cls["stakeholder_rule"].to_numpy()
    else:
        regs["stakeholder"] = pd.Series(dtype=object)
        regs["stakeholder_rule"] = pd.Series(dtype=object)
    regs["gender"] = map_distinct(regs["gender_raw"].fillna(""), classify.normalize_gender)
    return regs


def _bots(names: pd.Series, emails: pd.Series) -> list[bool]:
    """Note-taker flags (classify.is_bot), the name decided once per distinct name and the
    e-mail once per distinct domain: large files repeat them, rarely the pair."""
    by_name = map_distinct(names.fillna("").astype(str), classify.bot_name_rule) != ""
    domains = classify.email_domains(emails.fillna("").astype(str))
    by_domain = map_distinct(domains, classify.bot_domain_rule) != ""
    return (by_name.to_numpy(dtype=bool) | by_domain.to_numpy(dtype=bool)).tolist()


def _reject_rows(frame: pd.DataFrame, reason: str) -> pd.DataFrame:
    raw = frame.get("name", pd.Series("", index=frame.index)).fillna("").astype(str)
    return pd.DataFrame({"line": frame["line"].to_numpy(), "reason": reason, "raw": raw.to_numpy()})
