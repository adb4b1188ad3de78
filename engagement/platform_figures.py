"""The platform's own figures for a meeting (what Zoom or Teams says in the export's header)
and the sentence saying why ours differ.

Organizers compare with the platform first; a difference nobody explains makes every figure
suspect. So each import keeps the header figures as the file states them (table
platform_figures), and the Sessions page shows them beside ours with the reasons, each reason
computed from the stored rows (queries/platform_differences.sql), never assumed.
"""

from __future__ import annotations

import pandas as pd

from .model import MeetingInfo
from .text import label_key

# figure -> the header labels (any UI language seen) that state it.
FIGURE_LABELS = {
    "unique_viewers": ("Unique Viewers", "Visualizadores específicos", "Espectadores únicos"),
    "total_users": ("Total Users", "Total de usuários", "Total de usuarios"),
    "max_concurrent": (
        "Max Concurrent Views",
        "Máximo de visualizações simultâneas",
        "Máximo de vistas simultáneas",
    ),
    "registrants": ("# Registrants", "# Registered", "# Inscrito", "# Inscritos"),
    "cancelled": ("# Cancelled registrants", "# Cancelled", "# Cancelado", "# Cancelados"),
    "participants": (
        "Participants",
        "Total Number of Participants",
        "Attended participants",
        "Nombre total de participants",
        "Participants présents",
        "Número total de participantes",
        "Participantes presentes",
        "Gesamtanzahl der Teilnehmer",
    ),
}
_LABEL_TO_FIGURE = {label_key(a): f for f, names in FIGURE_LABELS.items() for a in names}

# The words a page shows for each figure, in the order it shows them.
FIGURE_NAMES = {
    "unique_viewers": "Unique viewers",
    "participants": "Participants",
    "total_users": "Total users (joins)",
    "max_concurrent": "Max concurrent views",
    "registrants": "Registrants",
    "cancelled": "Cancelled registrations",
    "actual_start": "Actual start",
    "actual_end": "Actual end",
    "duration_minutes": "Actual duration (minutes)",
    "scheduled_start": "Scheduled start",
    "scheduled_minutes": "Scheduled length (minutes)",
}


def figures_of(meeting: MeetingInfo) -> pd.DataFrame:
    """figure, label (as the file words it), value (a number) and local_time (naive, the
    file's clock) of every platform figure the report's header states."""
    rows = []
    for label, text in meeting.extra.items():
        figure = _LABEL_TO_FIGURE.get(label_key(label))
        value = pd.to_numeric(str(text).strip().replace(",", ""), errors="coerce")
        if figure and not pd.isna(value):
            rows.append((figure, label, float(value), None))
    for figure, label in (("actual_start", "Actual start"), ("actual_end", "Actual end")):
        stamp = getattr(meeting, figure)
        if stamp is not None and not pd.isna(stamp):
            rows.append((figure, label, None, pd.Timestamp(stamp)))
    if meeting.duration_minutes is not None and meeting.actual_start is not None:
        # A scheduled duration (registration report) says nothing about the meeting held.
        rows.append(("duration_minutes", "Actual duration", meeting.duration_minutes, None))
    elif meeting.duration_minutes is not None and meeting.scheduled_start is not None:
        # The platform's schedule: a session no programme plans is measured against it.
        rows.append(
            ("scheduled_start", "Scheduled time", None, pd.Timestamp(meeting.scheduled_start))
        )
        rows.append(("scheduled_minutes", "Duration", meeting.duration_minutes, None))
    return pd.DataFrame(rows, columns=["figure", "label", "value", "local_time"])


class _Count(int):
    """An int that prints with thousands separators in an f-string ("2,394"), as every other
    figure on the page does, so the sentences below can interpolate counts as they are."""

    def __format__(self, spec: str) -> str:
        return format(int(self), spec or ",")


def _n(value) -> _Count:
    return _Count(0 if value is None or pd.isna(value) else int(value))


def comparison(stated: pd.DataFrame, counts: dict) -> pd.DataFrame:
    """One line per stated figure: what the platform says and what we count, as text.
    stated: queries/platform_figures.sql; counts: queries/platform_differences.sql."""
    platform = stated["platform"].iloc[0] if len(stated) else "Platform"
    ours = {
        "unique_viewers": f"{_n(counts['attendees'])} attendees",
        "participants": f"{_n(counts['attendees'])} attendees",
        "total_users": f"{_n(counts['joins'])} join rows",
        "registrants": f"{_n(counts['registrants'])} registrants",
        "duration_minutes": f"{_n(counts['span_minutes'])} first join to last leave",
        "max_concurrent": f"{_n(counts['peak_ours'])} peak",
        "actual_start": _clock(counts.get("first_join_local"), "first join"),
        "actual_end": _clock(counts.get("last_leave_local"), "last leave"),
        "scheduled_start": _clock(counts.get("first_join_local"), "first join"),
        "scheduled_minutes": f"{_n(counts['span_minutes'])} first join to last leave",
    }
    rows = []
    order = {name: pos for pos, name in enumerate(FIGURE_NAMES)}
    stated = stated.sort_values("figure", key=lambda f: f.map(order))
    for fig in stated.itertuples():
        said = _clock(fig.value_local, "") if pd.isna(fig.value) else f"{_n(fig.value)}"
        rows.append((FIGURE_NAMES.get(fig.figure, fig.label), said, ours.get(fig.figure, "")))
    return pd.DataFrame(rows, columns=["Figure", f"{platform} says", "We count"])


def _clock(value, words: str) -> str:
    if value is None or pd.isna(value):
        return ""
    return (pd.Timestamp(value).strftime("%d %b %Y %H:%M") + f" {words}").strip()


def explanations(stated: pd.DataFrame, counts: dict) -> list[str]:
    """One sentence per head-count figure the platform states, true for these rows."""
    said = {f.figure: _n(f.value) for f in stated.itertuples() if not pd.isna(f.value)}
    platform = stated["platform"].iloc[0] if len(stated) else "The platform"
    out = []
    if "unique_viewers" in said:
        out.append(why_unique_viewers(said["unique_viewers"], counts))
    if "participants" in said:
        out.append(why_participants(platform, said["participants"], counts))
    if "registrants" in said and said["registrants"] != _n(counts["registrants"]):
        out.append(why_registrants(platform, said["registrants"], counts))
    if "total_users" in said:
        out.append(why_total_users(said["total_users"], counts))
    if "max_concurrent" in said:
        out.append(why_peak(said["max_concurrent"], counts))
    return out


def _people(n: int) -> str:
    return f"{_n(n)} {'person' if n == 1 else 'people'}"


def why_unique_viewers(said: int, d: dict) -> str:
    """Zoom's Unique Viewers are the different people of the Attendee section, note-taker
    bots included, host and panelists not; we count people of every role, bots never."""
    base, bots, staff = (
        _n(d["attendee_role_people"]),
        _n(d["bot_only_people"]),
        _n(d["staff_only_people"]),
    )
    ours = _n(d["attendees"])
    steps = [f"the file's attendee rows hold {_people(base)}"]
    if bots:
        steps.append(f"{bots} of them are note-taker bots only, which we never count")
    if staff:
        steps.append(f"we add the host and panelists ({staff}), whom Zoom leaves out")
    reason = "; ".join(steps)
    if said == base:
        return f"Unique viewers: Zoom says {said}, we count {ours}: {reason}."
    return (
        f"Unique viewers: Zoom says {said}, we count {ours}: {reason}; the other "
        f"{abs(said - base)} are not in the file's rows (a report cut short or edited)."
    )


def why_participants(platform: str, said: int, d: dict) -> str:
    """Teams' (or a Zoom meeting's) participant total against our attendees."""
    ours, joins = _n(d["attendees"]), _n(d["joins"])
    people, bots = _n(d["people_with_bots"]), _n(d["bot_only_people"])
    bot_words = f" ({bots} note-taker bots, never counted)" if bots else ""
    head = f"Participants: {platform} says {said}, we count {ours}"
    if said == ours:
        return f"{head}: the same people."
    if said == people and bots:
        return f"{head}: {platform} counts note-taker bots too{bot_words}."
    if said == joins:
        return (
            f"{head}: {platform} counts every join ({joins} rows: a rejoin or second device "
            f"counts again), we count each of the {_people(people)} once{bot_words}."
        )
    if joins == people:
        why = (
            "this export has one row per person, so the platform's extra count (rejoins, "
            "second devices, or people left out of the list) cannot be told apart here"
        )
    else:
        why = "they are not in the list (cut short or edited), so only its rows can be counted"
    return (
        f"{head}: the file lists only {_people(people)} in {joins} join rows{bot_words}; "
        f"for the other {abs(said - people)}, {why}."
    )


def why_registrants(platform: str, said: int, d: dict) -> str:
    """Registrants: we count people with an active registration, never a note-taker bot."""
    ours, bots, rows = _n(d["registrants"]), _n(d["bot_registrants"]), _n(d["registration_rows"])
    head = f"Registrants: {platform} says {said}, we count {ours}"
    denied = _n(d["denied_rows"])
    if denied and said == ours + denied:
        return (
            f"{head}: {platform} counts {denied} denied registration(s) too; we count approved "
            "and pending ones."
        )
    if said == ours + bots:
        return f"{head}: {platform} counts {bots} registered note-taker bot(s) too."
    if said == rows:
        twice = rows - ours - bots
        return (
            f"{head}: {platform} counts the file's {rows} registration rows, we count people "
            f"({twice} registered more than once)."
        )
    return (
        f"{head}: the file holds {rows} active registrations ({bots} of note-taker bots); "
        f"the other {abs(said - rows)} are not in its rows (cancelled later, or left out of "
        "the export)."
    )


def why_total_users(said: int, d: dict) -> str:
    joins, people = _n(d["joins"]), _n(d["people_with_bots"])
    if said == joins:
        return (
            f"Total users: Zoom says {said}, the file's join rows (every join, rejoin and "
            f"second device, host, panelists and bots included) of {people} people and bots; we "
            "count each person once."
        )
    return f"Total users: Zoom says {said}; the file holds {joins} join rows of {_people(people)}."


def why_peak(said: int, d: dict) -> str:
    """Why Zoom's Max Concurrent Views differs from our peak: the chain from Zoom's rule
    (connections of attendees, bots included) to ours (people, no bots, hosts and panelists
    included, at minute marks), each step counted on the stored rows."""
    ours = _n(d["peak_ours"])
    chain = [
        (_n(d["peak_people"]), "each person once (not each connection)"),
        (_n(d["peak_no_bots"]), "without note-taker bots"),
        (_n(d["peak_with_staff"]), "with the host and panelists"),
        (ours, "at minute marks (hh:mm:00)"),
    ]
    zoom_rule = _n(d["peak_zoom_rule"])
    head = f"Max concurrent: Zoom says {said}, our peak is {ours}. "
    if said == zoom_rule:
        head += (
            f"Counted as Zoom does (connections of attendees: a second device and note-taker "
            f"bots count, host and panelists do not) the file's rows give {zoom_rule} too"
        )
    else:
        head += f"Counted as Zoom does, the file's rows give {zoom_rule} (not {said})"
    parts, last = [], zoom_rule
    for value, words in chain:
        if value != last:
            parts.append(f"{words}: {value}")
            last = value
    return head + ("; " + "; ".join(parts) if parts else "") + "."
