"""Words that name a session or a time zone on screen (no streamlit here: tested directly).

A picker (and the URL parameter it binds) tells sessions apart by their label, so a label must
be unique and say which session it is: day, local start time, title, and where titles repeat
the meeting/webinar ID or a short code. A time zone is named by its abbreviation on the date
the times belong to: an April session of a Europe/Zurich event is CEST, not the CET of a
January first day.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .formatting import fmt_day


def _time(value) -> str:
    return "" if value is None or pd.isna(value) else f" {pd.Timestamp(value):%H:%M}"


def _meeting_id(value) -> str:
    """Zoom prints IDs in groups ("834 7866 4154"); a Teams GUID is cut to its first part."""
    if value is None or pd.isna(value) or not str(value):
        return ""
    text = str(value)
    if text.isdigit() and len(text) in (10, 11):
        return f"ID {text[:3]} {text[3:-4]} {text[-4:]}"
    if text.isdigit():
        return f"ID {text}"
    return f"ID {text[:8]}"


def _code(row) -> str:
    code = getattr(row, "session_code", None)
    if code is not None and not pd.isna(code) and str(code).strip():
        return str(code).strip()
    return f"#{int(row.session_id)}"


def session_labels(sessions: pd.DataFrame) -> dict[int, str]:
    """session_id -> "Wed 1 Apr 14:38 · title", plus " · ID 834 7866 4154" (or the session's
    code, else "#<id>") where the title repeats. Columns: session_id, day, title, and where
    known start_local, external_id, session_code."""
    rows = list(sessions.itertuples(index=False))
    titles = pd.Series([str(r.title) for r in rows], dtype=object)
    repeated = set(titles[titles.duplicated(keep=False)])
    ids = pd.Series([_meeting_id(getattr(r, "external_id", None)) for r in rows], dtype=object)
    shared_ids = set(ids[(ids != "") & ids.duplicated(keep=False)])
    labels: dict[int, str] = {}
    for row, meeting in zip(rows, ids, strict=True):
        label = f"{fmt_day(row.day)}{_time(getattr(row, 'start_local', None))} · {row.title}"
        if str(row.title) in repeated:
            # An ID several sessions share (a recurring webinar, a file imported apart from its
            # pair) tells nothing apart: the session's own code does.
            suffix = meeting if meeting and meeting not in shared_ids else _code(row)
            label = f"{label} · {suffix}"
        if label in labels.values():  # same title, day, time and code: still tell them apart
            label = f"{label} · #{int(row.session_id)}"
        labels[int(row.session_id)] = label
    return labels


def _zone_at(tz: str, when) -> tuple[float, str]:
    """(UTC offset in hours, abbreviation) of the zone at that moment; (0, tz) if unknown."""
    try:
        local = pd.Timestamp(when).tz_localize(None).tz_localize(tz)
    except (ValueError, TypeError):
        return 0.0, tz
    return local.utcoffset().total_seconds() / 3600, local.tzname() or tz


def zone_abbreviation(tz: str, when) -> str:
    """The zone's abbreviation on that date ("CEST"), or the zone itself if it has none."""
    return _zone_at(tz, when)[1]


def zone_label(tz: str, days: Iterable = ()) -> str:
    """ "CEST, Europe/Zurich" for times on those days; "CET/CEST, Europe/Zurich" (winter time
    first) when the days straddle a clock change; the zone name alone when no day is known or
    the zone has no abbreviation (UTC, "-03")."""
    dates = {pd.Timestamp(d).normalize() for d in days if d is not None and pd.notna(d)}
    # Noon: a clock change happens at night, so noon names the day's zone for all of it.
    zones = sorted({_zone_at(tz, d + pd.Timedelta(hours=12)) for d in dates})
    abbrs = list(dict.fromkeys(a for _, a in zones if a != tz and not a.lstrip("+-").isdigit()))
    if not abbrs:
        return tz
    return f"{'/'.join(abbrs)}, {tz}"
