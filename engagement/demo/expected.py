"""The demo's ground truth: every figure the dashboard should show, from the simulated people.

Computed from the simulation itself under the dashboard's metric definitions, never from the
exported files or the database, so a test can hold the import and the queries to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .attendance import simulate
from .catalogues import AMBIGUOUS, NO_ANSWER, UNRESOLVABLE, zoom_country
from .event import DEFAULT_SEED, Person
from .population import Population

BASES = ("attendees", "registrants")
_NO_ANSWER = {a.lower() for a in NO_ANSWER}
_UNPLACED = {a.lower() for a in UNRESOLVABLE + AMBIGUOUS}
_MINUTE = timedelta(minutes=1)


def _key(email: str) -> str:
    """A person is a trimmed, lower-cased e-mail."""
    return email.strip().lower()


def _placed(answer: str) -> bool:
    return answer.strip().lower() not in _UNPLACED


def _second(t: datetime) -> datetime:
    # The export writes whole seconds; what the import reads is what counts.
    return t.replace(microsecond=0)


@dataclass
class _Event:
    """The simulation, seen as people (by e-mail key) rather than as report rows."""

    people: dict[str, Person] = field(default_factory=dict)
    answers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    active: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    first_registered: dict[str, datetime] = field(default_factory=dict)
    # day -> person -> (join, leave) of each human stay, hosts and panelists included
    stays: dict[int, dict[str, list]] = field(default_factory=lambda: defaultdict(dict))
    platform: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))


def _event(pop: Population) -> _Event:
    ev = _Event()
    for p in pop.people:
        for r in p.regs:
            key = _key(r.email)
            ev.people[key] = p
            ev.answers[key].append(r.answer)
            if r.status == "approved":
                ev.active[r.day].add(key)
                at = _second(r.at)
                ev.first_registered[key] = min(at, ev.first_registered.get(key, at))
        for day, segments in p.segments.items():
            human = [(_second(g.join), _second(g.leave)) for g in segments if not g.bot]
            if human:
                ev.stays[day][_key(p.email)] = human
                if _placed(p.ip_country):
                    ev.platform[_key(p.email)][p.ip_iso3] += len(human)
    for day, groups in pop.staff.items():
        for g in (g for group in groups for g in group):
            key = _key(g.email)
            ev.stays[day].setdefault(key, []).append((_second(g.join), _second(g.leave)))
            if _placed(zoom_country(pop.countries, g.iso3)):
                ev.platform[key][g.iso3] += 1
    return ev


def _country(ev: _Event, key: str) -> tuple[str | None, str | None]:
    """(ISO3, source): the declared country, else, if none was declared, the platform's."""
    answers = [a.strip().lower() for a in ev.answers.get(key, [])]
    declared = [a for a in answers if a and a not in _NO_ANSWER]
    if declared:
        placed = any(_placed(a) for a in declared)
        return (ev.people[key].iso3 if placed else None), "registration"
    if ev.platform.get(key):
        return ev.platform[key].most_common(1)[0][0], "platform"
    return None, None


def _places(ev: _Event, keys: set[str], countries: dict[str, dict[str, str]]) -> dict:
    located = {k: _country(ev, k) for k in keys}
    iso = [c for c, _ in located.values() if c]
    member = {c for c in iso if countries[c]["member_type"] == "member"}
    regions = Counter(
        (countries[c]["who_region"] if c else "") or "unknown" for c, _ in located.values()
    )
    return {
        "kpis": {
            "people": len(keys),
            "member_states": len(member),
            "other_territories": len(set(iso) - member),
            "countries": len(set(iso)),
            "who_regions": len({countries[c]["who_region"] for c in member}),
            "with_country": len(iso),
            "platform_country": sum(source == "platform" for _, source in located.values()),
        },
        "participants_by_region": dict(regions),
        "participants_by_country": dict(Counter(iso)),
    }


def _peak(stays: dict[str, list]) -> tuple[int, datetime]:
    """Peak concurrent: most distinct people present at one minute mark, and the first such."""
    present: Counter = Counter()
    for spans in stays.values():
        minutes = set()
        for join, leave in spans:
            m = join.replace(second=0)
            m += _MINUTE if m < join else timedelta(0)
            while m < leave:
                minutes.add(m)
                m += _MINUTE
        present.update(minutes)
    peak = max(present.values())
    return peak, min(m for m, n in present.items() if n == peak)


def _sessions(ev: _Event, pop: Population) -> dict[int, dict]:
    out = {}
    for s in pop.sessions:
        registrants, attendees = ev.active[s.number], set(ev.stays[s.number])
        peak, minute = _peak(ev.stays[s.number])
        out[s.number] = {
            "registrants": len(registrants),
            "attendees": len(attendees),
            "show_rate": len(registrants & attendees) / len(registrants),
            "peak_concurrent": peak,
            "peak_minute": minute,
        }
    return out


def _schedule_and_repeat(ev: _Event, pop: Population) -> dict:
    """Retention against the schedule per session (present at the scheduled start + 15 min,
    median join delay with early joins as 0) and repeat attendance (sessions per person in
    bands, people who came to both of two sessions), from the simulated stays."""
    retention = {}
    for s in pop.sessions:
        stays = ev.stays[s.number]
        mark = s.scheduled + timedelta(minutes=15)
        delays = sorted(
            max((min(j for j, _ in spans) - s.scheduled).total_seconds() / 60, 0)
            for spans in stays.values()
        )
        half = len(delays) // 2
        median = delays[half] if len(delays) % 2 else (delays[half - 1] + delays[half]) / 2
        retention[s.number] = {
            "present_after_15": sum(
                any(j <= mark < leave for j, leave in spans) for spans in stays.values()
            ),
            "median_join_delay": median,
        }
    per_person = Counter(key for stays in ev.stays.values() for key in stays)
    bands = Counter("3+" if n >= 3 else str(n) for n in per_person.values())
    overlap = {
        (a.number, b.number): len(set(ev.stays[a.number]) & set(ev.stays[b.number]))
        for a in pop.sessions
        for b in pop.sessions
    }
    return {
        "session_retention": retention,
        "sessions_per_person": {band: bands[band] for band in ("1", "2", "3+")},
        "session_overlap": overlap,
    }


def _report_rows(pop: Population) -> dict[int, dict[str, int]]:
    """What each day's registration report holds, row by row."""
    out = {}
    for s in pop.sessions:
        statuses = Counter(r.status for p in pop.people for r in p.regs if r.day == s.number)
        out[s.number] = {
            "rows": statuses.total(),
            "cancelled": statuses["cancelled by self"],
            "denied": statuses["denied"],
        }
    return out


def figures(seed: int = DEFAULT_SEED) -> dict:
    """The figures the named queries must return for the demo event, keyed by query and column.

    Registrants: active (neither cancelled nor denied) registration. Attendees: any human stay,
    hosts and panelists included; bots never count. A person's country: the one declared at
    registration; an answer that names no place ("Geneva", "Africa") is unknown, one that says
    "none" ("-", "n/a") lets the platform's country stand in.
    """
    pop = simulate(seed)
    ev = _event(pop)
    registrants = set().union(*ev.active.values())
    attendees = set().union(*(set(stays) for stays in ev.stays.values()))
    counted = {"registrants": registrants, "attendees": attendees}
    places = {basis: _places(ev, counted[basis], pop.countries) for basis in BASES}
    overall = {
        "registrants": len(registrants),
        "attendees": len(attendees),
        "registrants_attended": len(registrants & attendees),
        "show_rate": len(registrants & attendees) / len(registrants),
    }
    new_per_day = Counter(t.date() for t in ev.first_registered.values())
    return {
        "kpis": {basis: overall | places[basis]["kpis"] for basis in BASES},
        "participants_by_region": {b: places[b]["participants_by_region"] for b in BASES},
        "participants_by_country": {b: places[b]["participants_by_country"] for b in BASES},
        "sessions_overview": _sessions(ev, pop),
        "registrations_by_day": dict(sorted(new_per_day.items())),
        "registration_reports": _report_rows(pop),
        "distinct_registration_emails": len(ev.answers),
    } | _schedule_and_repeat(ev, pop)
