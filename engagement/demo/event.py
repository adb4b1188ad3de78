"""The event the demo simulates: WLPF 2021's programme, the reference countries, the records."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

DEMO_NOTE = "Synthetic demo data: no published participation data exists for WLPF 2021."
# Each demo event's note, shown wherever the event is (sidebar, page captions, downloads).
DEMO_NOTES = {
    "wlpf2021": DEMO_NOTE,
    # Dates and places are the public record's (data/demo/SOURCES.md); everything else is not.
    "wlpf2023": "Synthetic demo data: WLPF 2023 (The Hague, 6–8 November 2023, in person) is "
    "simulated; only its dates and place are real, its registrations and check-ins are "
    "invented.",
    "wlpf2025": "Synthetic demo data: only WLPF 2025's dates and place (Abu Dhabi, 7–9 April "
    "2025) and published totals (4,077 participants from 141 countries) are real; every "
    "person, check-in and breakdown is invented.",
}


def demo_note_of(event_id: str | None) -> str:
    """Each demo edition's note: what in it is invented."""
    return DEMO_NOTES.get(event_id, "Synthetic demo data: every figure here is invented.")


ROOT = Path(__file__).resolve().parent.parent.parent
PROGRAMME_FILE = ROOT / "data" / "programme" / "wlpf2021.csv"
COUNTRIES_FILE = ROOT / "data" / "who_member_states.csv"
DEMO_DIR = ROOT / "data" / "demo"
EVENT_ID = "wlpf2021"
DEFAULT_SEED = 2021
REG_OPEN = datetime(2021, 5, 10, 9, 30)  # registration opened with the first mailing


@dataclass
class Session:
    number: int
    code: str
    title: str
    kind: str
    day: date
    scheduled: datetime
    external_id: str
    start: datetime = REG_OPEN  # actual: set when simulated
    end: datetime = REG_OPEN


@dataclass
class Registration:
    day: int  # 1-based session number
    at: datetime
    status: str  # "approved", "cancelled by self", "denied"
    email: str  # as typed for this webinar (case may differ between webinars)
    answer: str  # country answer as typed for this webinar


@dataclass
class Segment:
    join: datetime
    leave: datetime
    name: str  # "User Name (Original Name)"
    country: str  # Zoom's IP-based country
    bot: bool = False


@dataclass
class Person:
    pid: int
    first: str
    last: str
    email: str
    iso3: str
    region: str
    answer: str
    ip_country: str  # Zoom's name of the country its IP address places the person in
    ip_iso3: str
    org: str
    org_type: str
    job: str
    gender: str
    propensity: float
    shift: float
    regs: list[Registration] = field(default_factory=list)
    segments: dict[int, list[Segment]] = field(default_factory=dict)


def load_programme(path: Path = PROGRAMME_FILE) -> list[Session]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    sessions = []
    for n, row in enumerate(rows, start=1):
        day = date.fromisoformat(row["day"])
        hour, minute = (int(x) for x in row["start_local"].split(":"))
        sessions.append(
            Session(
                number=n,
                code=row["session_code"],
                title=row["title"],
                kind=row["kind"],
                day=day,
                scheduled=datetime(day.year, day.month, day.day, hour, minute),
                external_id=row["external_id"],
            )
        )
    return sessions


def load_countries(path: Path = COUNTRIES_FILE) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["iso3"]: row for row in csv.DictReader(fh)}


@dataclass(frozen=True)
class StaffSegment:
    """A host's or panelist's stay: they join without registering."""

    join: datetime
    leave: datetime
    name: str
    email: str
    iso3: str  # the country Zoom places them in
