"""Vendor tables whose labels were renamed, recognized by what their columns hold (issue 9, 11).

A Teams or Zoom participant table re-saved by someone whose spreadsheet renamed a column
("Full Name" -> "Nimi") matches no label list. Its values still say what each column is: one
holds e-mail addresses, two hold date-times (join before leave), one durations, one the words
Organizer/Presenter/Attendee, and the one left with free text that looks like people is the
name. relabel() writes the vendor's own labels over the renamed ones so that the vendor's
parser reads the file exactly as the original, and says which column was taken as which.

Never a wrong column silently: two columns that could both be the name, or more date-time
columns than join and leave, are refused with a sentence (UnknownLayout, so the Data page
offers the column mapping).
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

from engagement.formats import teams, zoom_meeting
from engagement.formats.tables import DELIMITERS, header_cells, split_cells, split_lines
from engagement.formats.vocabulary import NO_WORDS, ROLE_OF_WORD, YES_WORDS
from engagement.model import UnknownLayout
from engagement.text import label
from engagement.timeparse import parse_datetimes, parse_durations

SAMPLE_ROWS = 500  # enough to judge a column, cheap on a 20,000-row report
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DIGIT_RE = re.compile(r"\d")
_LETTER_RE = re.compile(r"[^\W\d_]")

# Field -> the label each vendor's parser reads it by.
TEAMS_LABELS = {
    "name": "Full Name",
    "join": "Join Time",
    "leave": "Leave Time",
    "first_join": "First join",
    "last_leave": "Last leave",
    "duration": "Duration",
    "email": "Email",
    "upn": "Participant ID (UPN)",
    "role": "Role",
}
ZOOM_LABELS = {
    "name": "Name (Original Name)",
    "join": "Join Time",
    "leave": "Leave Time",
    "duration": "Duration (Minutes)",
    "total_duration": "Total Duration (Minutes)",
    "email": "User Email",
}
WORDS = {
    "name": "the participant's name",
    "join": "the join time",
    "leave": "the leave time",
    "duration": "the time in the meeting",
    "email": "the e-mail address",
    "upn": "the participant ID",
    "role": "the participant's role",
}
_ZOOM_KIND = {"join_time": "join", "leave_time": "leave"}
_TEAMS_KIND = {"first_join": "join", "last_leave": "leave"}


def relabel(text: str) -> tuple[str, list[str]] | None:
    """(text with the vendor's labels on renamed columns, notes) when a table of the text is a
    Teams or Zoom participant table by its values; None when nothing was recognized."""
    lines = split_lines(text)
    notes: list[str] = []
    changed = False
    for at, delimiter in _header_candidates(lines):
        done = _relabel_table(lines, at, delimiter)
        if done:
            lines[at], table_notes = done
            notes += [n for n in table_notes if n not in notes]
            changed = True
    return ("\n".join(lines) + "\n", notes) if changed else None


def _header_candidates(lines: list[str]):
    """(line index, delimiter) of lines that look like a header over rows: no digits, three
    cells or more, and the next line a data row of about the same width."""
    for i, line in enumerate(lines[:-1]):
        if not line.strip() or _DIGIT_RE.search(line) or not _DIGIT_RE.search(lines[i + 1]):
            continue
        for d in DELIMITERS:
            cells = header_cells(line, d)
            if len(cells) >= 3 and len(split_cells(lines[i + 1], d)) >= len(cells):
                yield i, d
                break


def _body(lines: list[str], at: int, delimiter: str, width: int) -> pd.DataFrame:
    """Up to SAMPLE_ROWS rows under the header, to the first blank or digit-free line."""
    rows = []
    for line in lines[at + 1 : at + 1 + SAMPLE_ROWS]:
        if not line.strip() or not _DIGIT_RE.search(line):
            break
        rows.append((split_cells(line, delimiter) + [""] * width)[:width])
    return pd.DataFrame(rows, columns=range(width), dtype=object)


def _known(cell: str) -> tuple[str | None, str | None]:
    """(Teams field, Zoom field) a header label already means, by the vendors' label lists."""
    t = teams._cell_kind(label(cell))
    z = zoom_meeting.LABEL_TO_COLUMN.get(zoom_meeting.label_key(cell))
    return _TEAMS_KIND.get(t, t), _ZOOM_KIND.get(z, z)


def _value_kind(values: pd.Series) -> str | None:
    """What a column's values are: email, datetime, role, yesno, duration, person, or None."""
    v = values.fillna("").astype(str).str.strip()
    v = v[v != ""]
    if v.empty:
        return None
    share = lambda mask: float(mask.mean())  # noqa: E731
    if share(v.str.match(_EMAIL_RE)) >= 0.8:
        return "email"
    if share(parse_datetimes(v).notna()) >= 0.9:
        return "datetime"
    folded = v.map(label)
    if share(folded.isin(ROLE_OF_WORD.keys())) >= 0.9:
        return "role"
    if share(v.str.lower().isin(YES_WORDS | NO_WORDS)) >= 0.9:
        return "yesno"
    if share(parse_durations(v).notna()) >= 0.9:
        return "duration"
    person = v.str.contains(_LETTER_RE) & ~v.str.contains("@", regex=False)
    person &= v.str.count(r"\d") <= 2
    if share(person) >= 0.7 and v.nunique() >= min(3, len(v)):
        return "person"
    # Free text with no letters: names masked as "***** ****" in anonymized copies.
    return "text" if share(v.str.count(r"\d") <= 2) >= 0.7 else None


def _relabel_table(lines: list[str], at: int, delimiter: str):
    """(new header line, notes) for one table, or None when it is no renamed vendor table."""
    header = header_cells(lines[at], delimiter)
    body = _body(lines, at, delimiter, len(header))
    if body.empty:
        return None
    known = [_known(c) for c in header]
    kinds = [_value_kind(body[i]) for i in range(len(header))]
    teams_like = any(
        t in ("role", "upn") or k == "role" for (t, _), k in zip(known, kinds, strict=True)
    )
    vendor = 0 if teams_like else 1  # index into (Teams field, Zoom field)
    fields = {i: k[vendor] for i, k in enumerate(known) if k[vendor]}
    if "name" in fields.values() or not teams_like and not _zoom_like(known, kinds):
        return None
    taken = _taken_by_values(header, kinds, fields, body, teams_like)
    if "name" not in taken.values():
        return None
    labels = TEAMS_LABELS if teams_like else ZOOM_LABELS
    if teams_like and _merged(lines, at, header):
        taken = {
            i: {"join": "first_join", "leave": "last_leave"}.get(f, f) for i, f in taken.items()
        }
    if (
        not teams_like
        and "duration" in taken.values()
        and "join" not in {**fields, **taken}.values()
    ):
        taken = {i: "total_duration" if f == "duration" else f for i, f in taken.items()}
    if not teams_like:
        _name_first(header, {**fields, **taken})
    cells = split_cells(lines[at], delimiter)
    for i, field in taken.items():
        cells[i] = labels[field]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="").writerow(cells)
    notes = [
        f"Column '{header[i]}' read as {WORDS[_plain(f)]}, from its values."
        for i, f in taken.items()
    ]
    return out.getvalue(), notes


def _plain(field: str) -> str:
    return {"first_join": "join", "last_leave": "leave", "total_duration": "duration"}.get(
        field, field
    )


def _zoom_like(known, kinds) -> bool:
    """A Zoom meeting table: a Zoom duration label, or durations in whole minutes beside an
    e-mail column (Teams writes "1h 5m")."""
    if any(z in ("duration", "total_duration") for _, z in known):
        return True
    return "duration" in kinds and "email" in kinds


def _taken_by_values(header, kinds, fields, body, teams_like) -> dict[int, str]:
    """Fields of the columns no label names, from their values (refusing real ambiguity)."""
    free = [i for i in range(len(header)) if i not in fields]
    have = set(fields.values())
    taken: dict[int, str] = {}
    emails = [i for i in free if kinds[i] == "email"]
    for i, field in zip(emails, [f for f in ("email", "upn") if f not in have], strict=False):
        if field == "email" or teams_like:
            taken[i] = field
    times = [i for i in free if kinds[i] == "datetime"]
    need = [f for f in ("join", "leave") if f not in have]
    if len(times) > len(need):
        _refuse(header, times, "date-times", "join and leave times")
    taken.update(_join_leave(times, need, fields, body))
    if "role" not in have and teams_like:
        taken.update({i: "role" for i in free if kinds[i] == "role"})
    durations = [i for i in free if kinds[i] == "duration"]
    if "duration" not in have and "total_duration" not in have and len(durations) == 1:
        taken[durations[0]] = "duration"
    people = [i for i in free if kinds[i] == "person"]
    if len(people) > 1:
        _refuse(header, people, "people's names", "the participant's name")
    texts = [i for i in free if kinds[i] == "text"]
    if people or len(texts) == 1:  # else the one free-text column left (masked names)
        taken[(people or texts)[0]] = "name"
    return dict(sorted(taken.items()))


def _join_leave(times: list[int], need: list[str], fields: dict, body) -> dict[int, str]:
    """The date-time columns left, as join or leave: the join is never after the leave."""
    if not times:
        return {}
    if len(need) == 1:
        return {times[0]: need[0]}
    a, b = (parse_datetimes(body[i].fillna("").astype(str)) for i in times)
    both = a.notna() & b.notna()
    if both.any() and bool((a[both] <= b[both]).all()):
        return {times[0]: "join", times[1]: "leave"}
    if both.any() and bool((b[both] <= a[both]).all()):
        return {times[1]: "join", times[0]: "leave"}
    return {}


def _merged(lines: list[str], at: int, header: list[str]) -> bool:
    """A Teams one-row-per-person table (First join / Last leave): beside a label that says
    so, or under "2. Participants"."""
    if any(teams._cell_kind(label(c)) in ("first_join", "last_leave") for c in header):
        return True
    for line in reversed(lines[max(0, at - 3) : at]):
        bare = line.strip(" \t,;*\ufeff")
        if bare:
            return bare.startswith("2")
    return False


def _refuse(header: list[str], columns: list[int], what: str, field: str) -> None:
    names = " and ".join(f"'{header[i]}'" for i in columns)
    raise UnknownLayout(
        f"Columns {names} all hold {what}, and nothing in the file tells which one is "
        f"{field}. Rename the columns in the file to the platform's own labels (e.g. 'Name', "
        "'Join Time', 'Leave Time'), or map the columns below, then upload it again.",
        header,
    )


def _name_first(header: list[str], fields: dict[int, str]) -> None:
    """Zoom's flat exports put meeting columns (the host's e-mail among them) before the name:
    its parser reads a participant's columns only after the name, so a renamed table with the
    e-mail or a time before the name would lose them. Refuse rather than read it short."""
    name = next(i for i, f in fields.items() if f == "name")
    before = sorted(i for i, f in fields.items() if i < name)
    if before:
        names = " and ".join(f"'{header[i]}'" for i in before)
        raise UnknownLayout(
            f"Column {names} comes before the name column '{header[name]}', where a Zoom export "
            "has meeting details, not the participant's. Move the name column first, or map "
            "the columns below, then upload it again.",
            header,
        )
