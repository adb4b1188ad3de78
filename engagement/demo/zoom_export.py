"""The Zoom webinar Registration and Attendee reports of the simulated event, byte for byte."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .attendance import simulate
from .catalogues import is_guest, zoom_country
from .event import DEFAULT_SEED, Person, Registration, Segment, Session, StaffSegment
from .population import Population

# Registration questions. Standard Zoom fields, then the two custom questions.
STANDARD_FIELDS = ("Country/Region", "Organization", "Job Title")
CUSTOM_QUESTIONS = ("Type of organization", "Gender")
# FORMATS.md §1.2: in the registration report the questions follow "Approval Status";
# §1.1: in the attendee report standard fields follow "Email", custom ones follow "Is Guest".
REGISTRATION_HEADER = (
    ("First Name", "Last Name", "Email", "Registration Time", "Approval Status")
    + STANDARD_FIELDS
    + CUSTOM_QUESTIONS
)
ATTENDEE_HEADER = (
    ("Attended", "User Name (Original Name)", "First Name", "Last Name", "Email")
    + STANDARD_FIELDS
    + ("Registration Time", "Approval Status", "Join Time", "Leave Time")
    + ("Time in Session (minutes)", "Is Guest")
    + CUSTOM_QUESTIONS
    + ("Country/Region Name",)
)
STAFF_HEADER = (
    "Attended",
    "User Name (Original Name)",
    "Email",
    "Join Time",
    "Leave Time",
    "Time in Session (minutes)",
    "Is Guest",
    "Country/Region Name",
)
REGISTRATION_SUMMARY = (
    "Topic",
    "Webinar ID",
    "Scheduled Time",
    "Duration (minutes)",
    "# Registrants",
    "# Cancelled registrants",
    "# Approved registrants",
    "# Denied registrants",
)
ATTENDEE_SUMMARY = (
    "Topic",
    "Webinar ID",
    "Actual Start Time",
    "Actual Duration (minutes)",
    "# Registrants",
    "# Cancelled registrants",
    "Unique Viewers",
    "Total Users",
    "Max Concurrent Views",
    "Enable Registration",
)
# One fixed "Report generated time" per day (the organizer exported the pairs one after another).
GENERATED = ("09:14", "09:16", "09:17", "09:19", "09:21")
GENERATED_DAY = date(2021, 6, 28)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt_row_time(t: datetime) -> str:
    """Join/Leave/Registration Time: "Jun 21, 2021 13:02:11"."""
    return f"{MONTHS[t.month - 1]} {t.day:02d}, {t.year} {t:%H:%M:%S}"


def _clock12(t: datetime) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"


def fmt_actual_start(t: datetime) -> str:
    """Attendee-report "Actual Start Time": day not zero-padded, "Jun 21, 2021 1:00 PM"."""
    return f"{MONTHS[t.month - 1]} {t.day}, {t.year} {_clock12(t)}"


def fmt_scheduled(t: datetime) -> str:
    """Registration-report "Scheduled Time": day zero-padded, "Jun 21, 2021 1:00 PM"."""
    return f"{MONTHS[t.month - 1]} {t.day:02d}, {t.year} {_clock12(t)}"


def spaced_id(digits: str) -> str:
    """Zoom writes 11-digit webinar IDs as "841 6920 7315"."""
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"


def minutes_in_session(join: datetime, leave: datetime) -> int:
    """Zoom rounds up: a 4-second stay is 1 minute."""
    return max(1, math.ceil((leave - join).total_seconds() / 60))


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


@dataclass
class _Day:
    """One webinar's registrations, in report order, and the summary both reports share."""

    session: Session
    regs: list[tuple[Registration, Person]]
    generated: str
    topic: str
    webinar_id: str

    def count(self, status: str) -> int:
        return sum(r.status == status for r, _ in self.regs)

    @property
    def registrants(self) -> int:
        return len(self.regs) - self.count("cancelled by self")


def _day(pop: Population, s: Session) -> _Day:
    n = s.number
    regs = sorted(
        ((r, p) for p in pop.people for r in p.regs if r.day == n),
        key=lambda rp: (rp[0].at, rp[1].pid),
    )
    g = GENERATED_DAY
    generated = f"{MONTHS[g.month - 1]} {g.day:02d}, {g.year} {GENERATED[n - 1]} AM"
    topic = f"World Local Production Forum 2021 – Day {n}: {s.title}"
    return _Day(s, regs, generated, topic, spaced_id(s.external_id))


def registration_report(day: _Day) -> list[list[str]]:
    counts = (day.registrants, day.count("cancelled by self"), day.count("approved"))
    rows = [
        ["Registration Report", ""],
        ["Report generated time", day.generated],
        list(REGISTRATION_SUMMARY),
        [day.topic, day.webinar_id, fmt_scheduled(day.session.scheduled)]
        + [f" {v}" for v in (150, *counts, day.count("denied"))],
        ["Attendee Details", ""],
        list(REGISTRATION_HEADER),
    ]
    for reg, p in day.regs:
        rows.append(
            [p.first, p.last, reg.email, fmt_row_time(reg.at), reg.status]
            + [reg.answer, p.org, p.job, p.org_type, p.gender, ""]
        )
    return rows


def _attendee_rows(reg: Registration, p: Person, segs: list[Segment]) -> list[list[str]]:
    """A registrant's rows: one "No" row, or a row per segment (only the first carries answers)."""
    answers = [reg.answer, p.org, p.job]
    custom = [p.org_type, p.gender]
    registered = [fmt_row_time(reg.at), reg.status]
    if not segs:
        return [
            ["No", p.first, p.first, p.last, reg.email, *answers, *registered]
            + ["--", "--", "--", "--", *custom, "", ""]
        ]
    rows = []
    for k, g in enumerate(segs):
        first_row = k == 0
        rows.append(
            ["Yes", g.name, p.first, p.last, reg.email]
            + (answers if first_row else ["", "", ""])
            + (registered if first_row else ["", ""])
            + [fmt_row_time(g.join), fmt_row_time(g.leave)]
            + [str(minutes_in_session(g.join, g.leave)), _yes_no(is_guest(p.email))]
            + (custom if first_row else ["", ""])
            + [g.country]
            + ([""] if first_row else [])
        )
    return rows


def _staff_rows(pop: Population, stays: list[StaffSegment]) -> list[list[str]]:
    return [
        [
            "Yes",
            g.name,
            g.email,
            fmt_row_time(g.join),
            fmt_row_time(g.leave),
            str(minutes_in_session(g.join, g.leave)),
            _yes_no(is_guest(g.email)),
            zoom_country(pop.countries, g.iso3),
        ]
        for g in stays
    ]


def max_concurrent_views(segments: list[Segment]) -> int:
    """Zoom's own peak: overlapping views, every device and bot included."""
    events = []
    for g in segments:
        events.append((g.join, 1))
        events.append((g.leave, -1))
    events.sort(key=lambda e: (e[0], e[1]))  # a leave at the same second counts first
    level = peak = 0
    for _, step in events:
        level += step
        peak = max(peak, level)
    return peak


def attendee_report(pop: Population, day: _Day) -> list[list[str]]:
    s = day.session
    att_rows: list[list[str]] = []
    views: list[Segment] = []
    viewers = 0
    for reg, p in day.regs:
        segs = p.segments.get(s.number, []) if reg.status == "approved" else []
        att_rows += _attendee_rows(reg, p, segs)
        viewers += bool(segs)
        views += segs
    hosts, panelists = (_staff_rows(pop, stays) for stays in pop.staff[s.number])
    duration = math.ceil((s.end - s.start).total_seconds() / 60)
    total_users = len(hosts) + len(panelists) + len(views)
    summary = (duration, day.registrants, day.count("cancelled by self"), viewers, total_users)
    return [
        ["Attendee Report", ""],
        ["Report generated time", day.generated],
        list(ATTENDEE_SUMMARY),
        [day.topic, day.webinar_id, fmt_actual_start(s.start)]
        + [str(v) for v in summary]
        + [str(max_concurrent_views(views)), "Yes"],
        ["Host Details", ""],
        list(STAFF_HEADER),
        *hosts,
        ["Panelist Details", ""],
        list(STAFF_HEADER),
        *panelists,
        ["Attendee Details", ""],
        list(ATTENDEE_HEADER),
        *att_rows,
    ]


def _write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    buf.write("\ufeff")
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def generate(out_dir: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the ten reports into out_dir; same seed, same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pop = simulate(seed)
    written = []
    for s in pop.sessions:
        day = _day(pop, s)
        reg_path = out_dir / f"wlpf2021_day{s.number}_registration.csv"
        att_path = out_dir / f"wlpf2021_day{s.number}_attendee.csv"
        _write(reg_path, registration_report(day))
        _write(att_path, attendee_report(pop, day))
        written += [reg_path, att_path]
    return written
