"""The attended rule and the role filter on the real Zoom and Teams samples, against a count made
here from the raw files with the csv module alone (none of the import code):

- a person is the e-mail address, lower-cased (a Teams guest without one: the display name);
- Zoom rows whose display name says "Notetaker" are bots and are not people (five rows' names
  in the sample, hand-read: Otter.ai and Fireflies.ai note-takers);
- minutes are the union of a person's join-leave intervals, in seconds (overlaps count once);
- the session's length: Zoom from the header's actual start (14:38) to the last leave (18:06:47),
  208.78 minutes; Teams from the summary's meeting start to its end (17:58:05-20:09:20, 131.25).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from engagement import attended, audit, cli, db, queries

SAMPLES = Path(__file__).parent / "samples"
ZOOM = SAMPLES / "zoom_webinar_attendee_2.csv"
TEAMS = SAMPLES / "teams_meeting_attendance_v1b_utf16le_3.csv"


def union_seconds(intervals: list[tuple[datetime, datetime]]) -> float:
    total, end = 0.0, None
    for start, stop in sorted(intervals):
        if end is None or start > end:
            total += (stop - start).total_seconds()
            end = stop
        elif stop > end:
            total += (stop - end).total_seconds()
            end = stop
    return total


def zoom_rows() -> list[dict]:
    """The rows of the attendee report's three sections that attended, bots left out, each
    with its section (host / panelist / attendee)."""
    text = ZOOM.read_text(encoding="utf-8-sig")
    rows, section, header = [], None, None
    for row in csv.reader(io.StringIO(text)):
        if row and row[0] in ("Host Details", "Panelist Details", "Attendee Details"):
            section, header = row[0].split()[0].lower(), None
            continue
        if section is None or not row:
            continue
        if header is None:
            header = row
            continue
        rec = dict(zip(header, row, strict=False))
        if rec["Attended"] == "Yes" and "notetaker" not in rec["User Name (Original Name)"].lower():
            rows.append({**rec, "section": section})
    return rows


def zoom_intervals() -> dict[str, list[tuple[datetime, datetime]]]:
    spans: dict[str, list] = defaultdict(list)
    for rec in zoom_rows():
        join, leave = (
            datetime.strptime(rec[c], "%b %d, %Y %H:%M:%S") for c in ("Join Time", "Leave Time")
        )
        spans[rec["Email"].strip().lower()].append((join, leave))
    return spans


def zoom_people() -> tuple[dict[str, float], dict[str, str], float]:
    """Seconds and section per e-mail, and the session's length."""
    spans = zoom_intervals()
    role: dict[str, str] = {}
    for rec in zoom_rows():
        role.setdefault(rec["Email"].strip().lower(), rec["section"])
    last_leave = max(leave for s in spans.values() for _, leave in s)
    length = (last_leave - datetime(2026, 4, 1, 14, 38)).total_seconds()
    return {k: union_seconds(v) for k, v in spans.items()}, role, length


def teams_people() -> tuple[dict[str, float], dict[str, str], float]:
    lines = TEAMS.read_bytes().decode("utf-16-le").lstrip("\ufeff").splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Full Name")))
    spans: dict[str, list] = defaultdict(list)
    role: dict[str, str] = {}
    for rec in csv.DictReader(lines[start:], delimiter="\t"):
        join, leave = (
            datetime.strptime(rec[c], "%m/%d/%Y, %I:%M:%S %p") for c in ("Join Time", "Leave Time")
        )
        key = rec["Email"].strip().lower() or rec["Full Name"].strip()
        spans[key].append((join, leave))
        role[key] = {"Organizer": "host"}.get(rec["Role"], rec["Role"].lower())
    length = (datetime(2022, 9, 16, 20, 9, 20) - datetime(2022, 9, 16, 17, 58, 5)).total_seconds()
    return {k: union_seconds(v) for k, v in spans.items()}, role, length


@pytest.fixture(scope="module", params=["zoom", "teams"])
def sample(request, tmp_path_factory):
    path, people = (ZOOM, zoom_people) if request.param == "zoom" else (TEAMS, teams_people)
    target = tmp_path_factory.mktemp(request.param) / "sample.duckdb"
    assert cli.main(["ingest", str(path), "--db", str(target)]) == 0
    con = db.connect(target)
    event = con.execute("select distinct event_id from imports").fetchone()[0]
    yield con, event, *people()
    con.close()


def attendees(con, event: str, roles: tuple[str, ...] = ()) -> int:
    selection = queries.Selection(event, roles=roles)
    return int(queries.run(con, "kpis", selection, basis="attendees").iloc[0].attendees)


def test_the_samples_hand_count(sample):
    con, event, seconds, role, length = sample
    assert len(seconds) in (142, 22)  # Zoom: 140 attendees + host + panelist; Teams: 22 people
    assert attendees(con, event) == len(seconds)


@pytest.mark.parametrize(
    "rule, value", [("minutes", 10), ("minutes", 60), ("minutes", 120), ("percent", 50)]
)
def test_attended_rule_matches_the_raw_count(sample, rule, value):
    con, event, seconds, role, length = sample
    attended.put(con, audit.CLI, event, rule, value)
    try:
        need = value * 60 if rule == "minutes" else value / 100 * length
        expected = sum(1 for s in seconds.values() if s >= need)
        assert attendees(con, event) == expected
        for r in set(role.values()):
            kept = sum(1 for k, s in seconds.items() if s >= need and role[k] == r)
            assert attendees(con, event, (r,)) == kept, r
    finally:
        attended.put(con, audit.CLI, event, "any")


def test_exact_figures_of_the_rules(sample):
    """The raw count's figures, pinned, so a change in the counting above shows too."""
    con, event, seconds, role, length = sample
    counts = {}
    for rule, value in [("minutes", 10), ("minutes", 60), ("percent", 50)]:
        attended.put(con, audit.CLI, event, rule, value)
        counts[(rule, value)] = attendees(con, event)
    attended.put(con, audit.CLI, event, "any")
    roles = {r: attendees(con, event, (r,)) for r in sorted(set(role.values()))}
    if len(seconds) == 142:
        assert round(length / 60, 2) == 208.78
        assert roles == {"attendee": 140, "host": 1, "panelist": 1}
    else:
        assert length / 60 == 131.25
        assert roles == {"host": 1, "presenter": 21}
    assert counts == EXACT[len(seconds)]


# Zoom: 142 people, Teams: 22 (the raw count above gave these; the rule test checks them live).
EXACT = {
    142: {("minutes", 10): 121, ("minutes", 60): 91, ("percent", 50): 56},
    22: {("minutes", 10): 21, ("minutes", 60): 17, ("percent", 50): 17},
}
