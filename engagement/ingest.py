"""One import engine for every door (CLI, Data page, demo build): file bytes -> database rows.

An import is prepared (decoded, detected, parsed, matched to a session, people keyed and
classified) without touching the database, then committed in one transaction. A failure at any
point leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict, dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from . import classify, countries, formats
from .db import first_row
from .decode import DEFAULT_MAX_BYTES, decode_file
from .formats import generic
from .ids import meeting_id
from .model import BadFileError, ParsedReport

ACTIVE = ("approved", "pending")


@dataclass
class SessionMatch:
    session_id: int | None  # None: a new session will be created, or event-level file
    title: str
    how: str  # external_id | time | new | event-level | chosen
    day: str | None = None


@dataclass
class Prepared:
    file_name: str
    sha256: str
    event_id: str
    tz: str
    report: ParsedReport
    match: SessionMatch
    registrations: pd.DataFrame  # keyed, classified, UTC
    segments: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int
    profile: tuple | None = None  # (name, header, mapping) to save when committed


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


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalize_email(value) -> str:
    text = str(value or "").strip().lower()
    return text if "@" in text else ""


def normalize_name(value) -> str:
    text = unicodedata.normalize("NFKD", str(value or "")).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace(",", " ").split())


def _key(prefix: str, text: str) -> str:
    return prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def person_keys(emails: pd.Series, names: pd.Series, scope: str) -> tuple[pd.Series, pd.Series]:
    """A stable pseudonym per person: the normalized e-mail, else the name within one session."""
    norm_email = emails.fillna("").map(normalize_email)
    norm_name = names.fillna("").map(normalize_name)
    keys = [
        _key("e", e) if e else (_key("n", f"{scope}|{n}") if n else "")
        for e, n in zip(norm_email, norm_name, strict=True)
    ]
    basis = ["email" if e else "name" for e in norm_email]
    return pd.Series(keys, index=emails.index, dtype=object), pd.Series(
        basis, index=emails.index, dtype=object
    )


def to_utc(values: pd.Series, tz: str) -> pd.Series:
    """Exports write local wall-clock times with no zone; store them as naive UTC."""
    values = pd.to_datetime(values, errors="coerce")
    if getattr(values.dt, "tz", None) is not None:
        return values.dt.tz_convert("UTC").dt.tz_localize(None)
    # The hour repeated when clocks go back is read as its first (summer-time) pass: the files
    # give no way to tell, and dropping the row would lose a real attendee.
    summer = np.ones(len(values), dtype=bool)
    local = values.dt.tz_localize(tz, ambiguous=summer, nonexistent="shift_forward")
    return local.dt.tz_convert("UTC").dt.tz_localize(None)


def _event(con, event_id: str):
    return first_row(
        con, "select event_id, timezone, is_demo from events where event_id = $ev", {"ev": event_id}
    )


def default_event(con) -> str | None:
    row = first_row(
        con,
        "select event_id from events where not is_demo order by start_date desc nulls last limit 1",
    )
    return row[0] if row else None


def match_session(con, event_id: str, report: ParsedReport, tz: str, first_join=None):
    """Match a report to the programme: by webinar/meeting ID on the same day, else by start
    time, else a new session. A recurring webinar or a personal meeting room reuses one ID
    for many occurrences, so an ID alone never decides across days."""
    if report.segments.empty and report.event_level_registrations:
        return SessionMatch(None, "Whole event (registration list)", "event-level")
    meeting = report.meeting
    start = meeting.actual_start or meeting.scheduled_start or first_join
    start_utc = None
    if start is not None and not pd.isna(start):
        start_utc = to_utc(pd.Series([start]), tz).iloc[0]
    when = None if start_utc is None or pd.isna(start_utc) else start_utc.to_pydatetime()
    if meeting.external_id:
        rows = con.execute(
            "select s.session_id, s.title, s.day::varchar from sessions as s "
            "join events as e on e.event_id = s.event_id "
            "where s.event_id = $ev and s.external_id = $ext and (s.day is null or $t is null "
            "or s.day = cast(to_local($t, e.timezone) as date)) order by s.session_id",
            {"ev": event_id, "ext": meeting.external_id, "t": when},
        ).fetchall()
        if len(rows) == 1:
            return SessionMatch(rows[0][0], rows[0][1], "external_id", rows[0][2])
    if when is not None:
        rows = con.execute(
            "select session_id, title, day::varchar from sessions where event_id = $ev "
            "and $t between scheduled_start_utc - interval 60 minute and scheduled_end_utc",
            {"ev": event_id, "t": when},
        ).fetchall()
        if len(rows) == 1:
            return SessionMatch(rows[0][0], rows[0][1], "time", rows[0][2])
    title = (meeting.topic or "").strip() or "Imported session"
    day = None
    if when is not None:
        tz_event = (_event(con, event_id) or (None, tz))[1]
        day = str(to_local_day(start_utc, tz_event))
    return SessionMatch(None, title, "new", day)


def check_timezone(tz: str) -> None:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadFileError(
            f"Unknown time zone {tz!r}: use a name from the time-zone database such as "
            "Europe/Zurich, Africa/Nairobi or America/New_York (not an abbreviation like CEST)."
        ) from None


def to_local_day(ts_utc, tz: str):
    return pd.Timestamp(ts_utc).tz_localize("UTC").tz_convert(tz).date()


def prepare(
    con,
    data: bytes,
    file_name: str,
    event_id: str | None = None,
    tz: str | None = None,
    mapping: dict | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_demo: bool = False,
) -> Prepared:
    """Everything short of writing: raises BadFileError with a sentence for the uploader."""
    event_id = event_id or default_event(con)
    if not event_id:
        raise BadFileError(
            "No event exists yet to import into (the demo event takes no real files): "
            "pass --event with a new event ID, e.g. --event wlpf2026."
        )
    event = _event(con, event_id)
    if event and event[2] and not allow_demo:
        raise BadFileError(
            f"The event {event_id} holds the synthetic demo and takes no real files: import "
            "into a new event (on the Data page, or --event NEW_ID --tz ZONE on the command "
            "line)."
        )
    if not event and not tz:
        raise BadFileError(
            f"The event {event_id} is new: say which time zone its files were exported in "
            "(--tz, e.g. --tz Europe/Zurich), so that local times are stored correctly."
        )
    tz = tz or event[1]
    check_timezone(tz)
    decoded = decode_file(data, file_name, max_bytes)
    fmt = formats.detect_format(decoded.text)
    if fmt is None and mapping is None:
        mapping = saved_mapping(con, decoded.text)
    report = formats.parse(decoded.text, decoded.encoding, fmt, mapping)
    report.encoding = report.encoding or decoded.encoding
    report.meeting.external_id = meeting_id(report.meeting.external_id)
    regs, segs, rejects = _normalize(report, tz)
    if regs.empty and segs.empty:
        raise BadFileError(_nothing_usable(file_name, report.format, rejects))
    first_join = report.segments["join_at"].min() if len(report.segments) else None
    match = match_session(con, event_id, report, tz, first_join)
    lines = set(regs["line"]) | set(segs["line"]) | set(rejects["line"])
    return Prepared(
        file_name=file_name,
        sha256=sha256(data),
        event_id=event_id,
        tz=tz,
        report=report,
        match=match,
        registrations=regs,
        segments=segs,
        rejects=rejects,
        rows_read=len(lines),
    )


FORMAT_LABELS = {
    "zoom_webinar_attendee": "Zoom webinar attendee report",
    "zoom_webinar_registration": "Zoom webinar registration report",
    "zoom_meeting_participants": "Zoom meeting participants export",
    "teams_attendance": "Microsoft Teams attendance report",
    "eventbrite_attendees": "Eventbrite attendee report",
    "indico_registrations": "Indico registrations export",
    "webex_attendees": "Webex attendee report",
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
    rejects = [report.rejects[["line", "reason", "raw"]]] if len(report.rejects) else []
    regs = report.registrations.copy()
    segs = report.segments.copy()

    regs["registered_at_utc"] = to_utc(regs["registered_at"], tz)
    segs["join_utc"] = to_utc(segs["join_at"], tz)
    segs["leave_utc"] = to_utc(segs["leave_at"], tz)

    bad_time = segs["join_utc"].isna() | segs["leave_utc"].isna()
    backwards = ~bad_time & (segs["leave_utc"] < segs["join_utc"])
    for mask, reason in (
        (bad_time, "join or leave time missing or unreadable"),
        (backwards, "leave time is before join time"),
    ):
        if mask.any():
            rejects.append(_reject_rows(segs[mask], reason))
    segs = segs[~(bad_time | backwards)]

    def identified(frame: pd.DataFrame) -> pd.DataFrame:
        no_id = (frame["email"].fillna("").map(normalize_email) == "") & (
            frame["name"].fillna("").map(normalize_name) == ""
        )
        if no_id.any():
            rejects.append(_reject_rows(frame[no_id], "neither an e-mail nor a name"))
        return frame[~no_id]

    regs, segs = identified(regs), identified(segs)

    # A note-taker joining with a registrant's link carries that registrant's first and last
    # name and e-mail: the registration is the person's, only the display name is the bot's.
    reg_names = (regs["first_name"].fillna("") + " " + regs["last_name"].fillna("")).str.strip()
    reg_names = reg_names.where(reg_names != "", regs["name"].fillna(""))
    regs["is_bot"] = _bots(reg_names, regs["email"])
    segs["is_bot"] = _bots(segs["name"], segs["email"])
    if len(regs):
        cls = classify.classify_many(regs[["org_type_raw", "organization", "email"]].fillna(""))
        regs["stakeholder"] = cls["stakeholder"].to_numpy()
        regs["stakeholder_rule"] = cls["stakeholder_rule"].to_numpy()
    else:
        regs["stakeholder"] = pd.Series(dtype=object)
        regs["stakeholder_rule"] = pd.Series(dtype=object)
    regs["gender"] = regs["gender_raw"].fillna("").map(classify.normalize_gender)
    all_rejects = (
        pd.concat(rejects, ignore_index=True)
        if rejects
        else pd.DataFrame({"line": [], "reason": [], "raw": []})
    )
    return regs.reset_index(drop=True), segs.reset_index(drop=True), all_rejects


def _bots(names: pd.Series, emails: pd.Series) -> list[bool]:
    """Note-taker flags, decided once per distinct (name, e-mail): large files repeat them."""
    pairs = list(zip(names.fillna("").astype(str), emails.fillna("").astype(str), strict=True))
    verdict = {pair: classify.is_bot(*pair) for pair in set(pairs)}
    return [verdict[pair] for pair in pairs]


def _reject_rows(frame: pd.DataFrame, reason: str) -> pd.DataFrame:
    raw = frame.get("name", pd.Series("", index=frame.index)).fillna("").astype(str)
    return pd.DataFrame({"line": frame["line"].to_numpy(), "reason": reason, "raw": raw.to_numpy()})


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


def summarize(prep: Prepared) -> dict:
    """Figures a file would add, computed before committing (for the preview and the CLI)."""
    regs, segs = prep.registrations, prep.segments
    scope = prep.match.title
    reg_keys, _ = person_keys(regs["email"], regs["name"], scope)
    seg_keys, _ = person_keys(segs["email"], segs["name"], scope)
    active = regs["status"].isin(ACTIVE) & ~regs["is_bot"]
    return {
        "registrants": int(reg_keys[active].nunique()),
        "attendees": int(seg_keys[~segs["is_bot"]].nunique()),
        "segments": len(segs),
    }


def import_file(
    con,
    data: bytes,
    file_name: str,
    event_id: str | None = None,
    tz: str | None = None,
    mapping: dict | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_demo: bool = False,
) -> ImportResult:
    """Import one file through the whole pipeline; never raises for a bad file."""
    known = _already_imported(con, sha256(data), event_id or default_event(con))
    if known:
        return ImportResult(
            file=file_name,
            status="already_imported",
            import_id=known,
            notes=[f"identical to import #{known}; nothing changed"],
        )
    try:
        prep = prepare(con, data, file_name, event_id, tz, mapping, max_bytes, allow_demo)
        return commit(con, prep)
    except BadFileError as exc:
        return ImportResult(file=file_name, status="failed", error=str(exc))


def _already_imported(con, digest: str, event_id: str | None) -> int | None:
    """The active import of the same bytes into the same event, if any."""
    row = first_row(
        con,
        "select import_id from imports where sha256 = $h and event_id = $ev "
        "and status = 'active' order by import_id limit 1",
        {"h": digest, "ev": event_id},
    )
    return row[0] if row else None


NEW_SESSION = -1  # commit(session_id=NEW_SESSION): the organizer wants a session of its own


def commit(con, prep: Prepared, session_id: int | None = None) -> ImportResult:
    """Write a prepared file in one transaction. session_id: the organizer's choice (None keeps
    the automatic match, NEW_SESSION creates one). Raises BadFileError for a refused file."""
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
    con.execute("begin transaction")
    try:
        known = _already_imported(con, prep.sha256, prep.event_id)
        if known:
            con.execute("rollback")
            result.status, result.import_id = "already_imported", known
            return result
        _ensure_event(con, prep.event_id, prep.tz)
        sid, title = _resolve_session(con, prep, session_id)
        start_utc = _actual_start_utc(prep)
        replaced = _replaceable(con, prep, sid, start_utc)
        if replaced and replaced[1] is not None and report.meeting.generated_at is not None:
            if pd.Timestamp(report.meeting.generated_at) < pd.Timestamp(replaced[1]):
                raise BadFileError(
                    f"An export of this webinar generated later ({replaced[1]}) is already "
                    f"imported (import #{replaced[0]}); this older export was not imported. "
                    "Remove that import first if you really want the older one."
                )
        import_id = first_row(con, "select coalesce(max(import_id), 0) + 1 from imports")[0]
        if replaced:
            _delete_import_rows(con, replaced[0])
            con.execute(
                "update imports set status = 'replaced', replaced_by = $new where import_id = $old",
                {"new": import_id, "old": replaced[0]},
            )
            result.status, result.replaced_import_id = "replaced", replaced[0]
        figures = _write_rows(con, prep, import_id, sid)
        if replaced:
            _drop_orphans(con)  # people only the older export held
        generated = report.meeting.generated_at
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
                "gen": _py(generated),
                "notes": "\n".join(report.notes) or None,
                "ext": report.meeting.external_id,
                "start": _py(start_utc),
            },
        )
        if prep.profile:
            save_profile(con, *prep.profile)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    result.import_id = import_id
    result.registrants, result.attendees = figures["registrants"], figures["attendees"]
    result.segments = figures["segments"]
    how = "chosen" if session_id is not None else prep.match.how
    result.sessions = [{"session_id": sid, "title": title, "match": how}]
    return result


def _actual_start_utc(prep: Prepared):
    start = prep.report.meeting.actual_start
    if start is None or pd.isna(start):
        return None
    return to_utc(pd.Series([start]), prep.tz).iloc[0]


def _ensure_event(con, event_id: str, tz: str) -> None:
    con.execute(
        "insert or ignore into events (event_id, name, timezone, is_demo) "
        "values ($ev, $ev, $tz, false)",
        {"ev": event_id, "tz": tz},
    )


def _resolve_session(con, prep: Prepared, chosen: int | None):
    if chosen is not None and chosen != NEW_SESSION:
        title = first_row(
            con,
            "select title from sessions where session_id = $s and event_id = $ev",
            {"s": chosen, "ev": prep.event_id},
        )
        if title is None:
            raise BadFileError(f"Session {chosen} does not belong to event {prep.event_id}.")
        return chosen, title[0]
    if prep.match.how == "event-level":
        return None, prep.match.title
    if prep.match.session_id is not None and chosen != NEW_SESSION:
        # A programme session matched by time learns the file's meeting ID, so that a newer
        # export of the same meeting finds it (and replaces) next time.
        con.execute(
            "update sessions set external_id = $ext where session_id = $s and external_id is null",
            {"ext": prep.report.meeting.external_id, "s": prep.match.session_id},
        )
        return prep.match.session_id, prep.match.title
    meeting = prep.report.meeting
    start_utc = _actual_start_utc(prep)
    if start_utc is None and len(prep.segments):
        start_utc = prep.segments["join_utc"].min()
    end_utc = prep.segments["leave_utc"].max() if len(prep.segments) else None
    sid = con.execute(
        """
        insert into sessions (event_id, title, kind, day, scheduled_start_utc, scheduled_end_utc,
            external_id, source)
        values ($ev, $title, 'other', $day::date, $start, $end, $ext, 'import')
        returning session_id
        """,
        {
            "ev": prep.event_id,
            "title": prep.match.title,
            "day": prep.match.day,
            "start": _py(start_utc),
            "end": _py(end_utc),
            "ext": meeting.external_id,
        },
    ).fetchall()[0][0]
    return sid, prep.match.title


def _py(value):
    return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()


def _replaceable(con, prep: Prepared, sid, start_utc):
    """An earlier export of the same occurrence: same session, format and meeting ID, and the
    same actual start when both files give one (another occurrence of a recurring webinar
    reuses the ID but starts at another time)."""
    ext = prep.report.meeting.external_id
    if not ext or sid is None:
        return None
    return first_row(
        con,
        """
            select import_id, generated_at from imports
            where status = 'active' and session_id = $sid and format = $fmt
                and external_id = $ext
                and (actual_start_utc is null or $start is null
                    or abs(epoch(actual_start_utc) - epoch($start::timestamp)) < 120)
            order by import_id desc limit 1
            """,
        {"sid": sid, "fmt": prep.report.format, "ext": ext, "start": _py(start_utc)},
    )


def _delete_import_rows(con, import_id: int) -> None:
    for sql in (
        "delete from registrations where import_id = $id",
        "delete from segments where import_id = $id",
        "delete from import_rejects where import_id = $id",
    ):
        con.execute(sql, {"id": import_id})


def _drop_orphans(con) -> None:
    """People (and their personal data) and country answers no stored row refers to any more.

    Run after rows were deleted (remove, replace), so that removing a file removes the personal
    data it brought; anyone still present in another import stays.
    """
    con.execute(
        "delete from person_pii where person_key not in "
        "(select person_key from registrations union select person_key from segments)"
    )
    con.execute(
        "delete from people where person_key not in "
        "(select person_key from registrations union select person_key from segments)"
    )
    con.execute(
        "delete from country_lookup where raw not in ("
        "select country_raw from registrations where country_raw is not null union "
        "select country_raw from segments where country_raw is not null)"
    )


def _write_rows(con, prep: Prepared, import_id: int, sid) -> dict:
    regs, segs = prep.registrations.copy(), prep.segments.copy()
    scope = f"{prep.event_id}|{sid}"
    regs["person_key"], regs["key_basis"] = person_keys(regs["email"], regs["name"], scope)
    segs["person_key"], segs["key_basis"] = person_keys(segs["email"], segs["name"], scope)
    regs["import_id"] = segs["import_id"] = import_id
    regs["event_id"] = segs["event_id"] = prep.event_id
    regs["session_id"] = None if prep.match.how == "event-level" else sid
    segs["session_id"] = sid

    people = pd.concat(
        [
            regs[["person_key", "key_basis", "email", "name", "first_name", "last_name"]],
            segs.assign(first_name="", last_name="")[
                ["person_key", "key_basis", "email", "name", "first_name", "last_name"]
            ],
        ],
        ignore_index=True,
    ).drop_duplicates("person_key")
    people["email"] = people["email"].fillna("").map(normalize_email)
    con.register("new_people", people)
    con.execute("insert or ignore into people select person_key, key_basis from new_people")
    con.execute(
        """
        insert or ignore into person_pii
        select person_key, nullif(email, ''), nullif(trim(name), ''),
               nullif(trim(first_name), ''), nullif(trim(last_name), '')
        from new_people
        """
    )
    con.unregister("new_people")

    raws = pd.concat([regs["country_raw"], segs["country_raw"]]).fillna("").astype(str)
    raws = sorted({r for r in raws if r.strip()})
    known = {r[0] for r in con.execute("select raw from country_lookup").fetchall()}
    fresh = [r for r in raws if r not in known]
    if fresh:
        res = countries.resolve_many(fresh)
        lookup = pd.DataFrame(
            {
                "raw": fresh,
                "iso3": [res[r].iso3 for r in fresh],
                "reason": [res[r].reason or None for r in fresh],
                "suggestion": [res[r].suggestion for r in fresh],
            }
        )
        con.register("new_lookup", lookup)
        con.execute(
            "insert into country_lookup select raw, iso3, reason, suggestion from new_lookup"
        )
        con.unregister("new_lookup")

    regs["answers"] = regs["answers"].fillna("{}").replace("", "{}")
    con.register("new_regs", regs)
    con.execute(
        """
        insert into registrations
        select import_id, event_id, session_id::integer, person_key, registered_at_utc, status,
               nullif(status_raw, ''), nullif(trim(country_raw), ''),
               nullif(trim(organization), ''),
               nullif(trim(org_type_raw), ''), nullif(trim(job_title), ''), gender, stakeholder,
               stakeholder_rule, is_bot, answers::json, line::integer
        from new_regs
        """
    )
    con.unregister("new_regs")
    con.register("new_segs", segs)
    con.execute(
        """
        insert into segments
        select import_id, event_id, session_id::integer, person_key, join_utc, leave_utc, role,
               is_guest::boolean, is_bot, nullif(trim(country_raw), ''),
               minutes_reported::double, line::integer
        from new_segs
        """
    )
    con.unregister("new_segs")
    if len(prep.rejects):
        rej = prep.rejects.assign(import_id=import_id)
        con.register("new_rejects", rej)
        con.execute(
            "insert into import_rejects select import_id, line::integer, reason, raw::varchar "
            "from new_rejects"
        )
        con.unregister("new_rejects")
    active = regs["status"].isin(ACTIVE) & ~regs["is_bot"]
    return {
        "registrants": int(regs.loc[active, "person_key"].nunique()),
        "attendees": int(segs.loc[~segs["is_bot"], "person_key"].nunique()),
        "segments": len(segs),
    }


def remove_import(con, import_id: int) -> bool:
    """Remove an import and everything it brought (people also in another import stay)."""
    con.execute("begin transaction")
    try:
        found = con.execute(
            "select count(*) from imports where import_id = $id", {"id": import_id}
        ).fetchall()[0][0]
        if found:
            _delete_import_rows(con, import_id)
            con.execute("delete from imports where import_id = $id", {"id": import_id})
            _drop_orphans(con)
            _drop_empty_sessions(con)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return bool(found)


def move_import(con, import_id: int, session_id: int) -> None:
    """The organizer changes an import's session match after the fact (one transaction)."""
    con.execute("begin transaction")
    try:
        row = first_row(
            con,
            "select i.event_id, s.event_id from imports as i, sessions as s "
            "where i.import_id = $i and s.session_id = $s",
            {"i": import_id, "s": session_id},
        )
        if row is None or row[0] != row[1]:
            raise BadFileError(f"Import #{import_id} cannot move to session {session_id}.")
        for sql in (
            "update segments set session_id = $s where import_id = $i",
            "update registrations set session_id = $s "
            "where import_id = $i and session_id is not null",
            "update imports set session_id = $s where import_id = $i",
        ):
            con.execute(sql, {"s": session_id, "i": import_id})
        _rekey_named_people(con, import_id, row[0], session_id)
        _drop_orphans(con)
        _drop_empty_sessions(con)
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def _rekey_named_people(con, import_id: int, event_id: str, session_id: int) -> None:
    """People known only by name are keyed within one session: after a move, the same name
    in the new session must be the same person."""
    named = con.execute(
        """
        select distinct x.person_key, pii.display_name
        from (
            select person_key from segments where import_id = $i
            union select person_key from registrations where import_id = $i
        ) as x
        join people as p on p.person_key = x.person_key and p.key_basis = 'name'
        join person_pii as pii on pii.person_key = x.person_key
        """,
        {"i": import_id},
    ).fetchall()
    for old_key, name in named:
        new_key = _key("n", f"{event_id}|{session_id}|{normalize_name(name)}")
        if new_key == old_key:
            continue
        con.execute("insert or ignore into people values ($k, 'name')", {"k": new_key})
        con.execute(
            "insert or ignore into person_pii select $k, email, display_name, first_name, "
            "last_name from person_pii where person_key = $old",
            {"k": new_key, "old": old_key},
        )
        for sql in (
            "update segments set person_key = $k where import_id = $i and person_key = $old",
            "update registrations set person_key = $k where import_id = $i and person_key = $old",
        ):
            con.execute(sql, {"k": new_key, "i": import_id, "old": old_key})


def _drop_empty_sessions(con) -> None:
    """Sessions an import created go when nothing refers to them any more."""
    con.execute(
        "delete from sessions where source = 'import' and session_id not in "
        "(select session_id from segments union select session_id from registrations "
        "where session_id is not null union select session_id from imports "
        "where session_id is not null)"
    )
