"""Who comes, when and for how long: session timing, join/leave segments, bots, hosts, panelists."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from .catalogues import HOSTS, PANELISTS
from .event import Person, Segment, Session, StaffSegment
from .population import Population
from .registrations import add_cancellations_and_denials, build_registrations

OVERRUN_MINUTES = (7, 3, 11, 5, 14)  # how far past 15:30 each day ran
SHOW_BASE = (0.80, 0.67, 0.65, 0.61, 0.70)  # per-day attendance before person/region effects
BOTS_PER_DAY = (4, 2, 3, 2, 3)
# 13:00 CEST is 07:00 in New York and 19:00 in Manila: fewer of those who registered come.
REGION_SHOW = {"AFR": 1.05, "EMR": 1.0, "SEAR": 0.95, "AMR": 0.82, "EUR": 1.0, "WPR": 0.8}


def simulate_sessions(pop: Population) -> None:
    rng = pop.rng
    for s in pop.sessions:
        s.start = s.scheduled + timedelta(seconds=rng.randrange(3, 25))
        s.end = s.scheduled + timedelta(
            minutes=150 + OVERRUN_MINUTES[s.number - 1], seconds=rng.randrange(60)
        )


def build_attendance(pop: Population) -> None:
    rng = pop.rng
    for s in pop.sessions:
        n = s.number
        for person in pop.people:
            for reg in person.regs:
                if reg.day != n or reg.status != "approved":
                    continue
                day_of = reg.at > s.start - timedelta(hours=2)
                p = 0.85 if day_of else SHOW_BASE[n - 1] * person.propensity
                p *= REGION_SHOW.get(person.region, 1.0)
                if rng.random() < min(p, 0.97):
                    person.segments[n] = _presence(rng, person, s, reg.at)
        _add_bots(pop, s)


def _display_name(rng: random.Random, person: Person) -> str:
    name = f"{person.first.strip()} {person.last.strip()}"
    if rng.random() < 0.03:
        # Renamed in the webinar; Zoom keeps the registered name in brackets.
        short = person.org.split(",")[0] if person.org else person.ip_country
        return f"{name} - {short} ({name})"
    return name


def _presence(rng: random.Random, person: Person, s: Session, reg_at: datetime) -> list[Segment]:
    length = (s.end - s.start).total_seconds()
    if reg_at > s.start - timedelta(minutes=5):
        join = max(reg_at, s.start) + timedelta(seconds=rng.uniform(20, 240))
    else:
        r = rng.random()
        if r < 0.10:
            offset = rng.uniform(2, 30)
        elif r < 0.62:
            offset = min(rng.expovariate(1 / 240), 1200)
        elif r < 0.87:
            offset = rng.uniform(1200, 3600)
        else:
            offset = rng.uniform(3600, length - 600)
        join = s.start + timedelta(seconds=offset)
    join = min(join, s.end - timedelta(seconds=90))
    r = rng.random()
    left = (s.end - join).total_seconds()
    if r < 0.45:
        leave = s.end - timedelta(seconds=rng.choice((0, 0, 0, 1, 2)))
    elif r < 0.60 and s.kind == "plenary" and join < s.start + timedelta(minutes=40):
        # Stayed for the high-level opening statements only.
        leave = s.start + timedelta(seconds=rng.uniform(45 * 60, 75 * 60))
    else:
        leave = join + timedelta(seconds=max(20.0, left * rng.betavariate(1.3, 1.6)))
    leave = min(max(leave, join + timedelta(seconds=20)), s.end)
    name = _display_name(rng, person)
    country = person.ip_country
    spans = [(join, leave)]
    if rng.random() < 0.22 and (leave - join).total_seconds() > 300:
        spans = _drops(rng, join, leave)
    if rng.random() < 0.03 and (leave - join).total_seconds() > 600:
        # A second device (phone) joined while the laptop stayed in.
        start = join + timedelta(seconds=rng.uniform(60, (leave - join).total_seconds() - 120))
        end = min(start + timedelta(seconds=rng.uniform(60, 2400)), s.end)
        spans.append((start, end))
    return [Segment(a, b, name, country) for a, b in sorted(spans)]


def _drops(rng: random.Random, join: datetime, leave: datetime) -> list[tuple[datetime, datetime]]:
    k = rng.choices((1, 2, 3), (65, 25, 10))[0]
    total = (leave - join).total_seconds()
    cuts = sorted(rng.uniform(30, total - 30) for _ in range(k))
    spans, start = [], join
    for cut in cuts:
        stop = join + timedelta(seconds=cut)
        if stop <= start + timedelta(seconds=5):
            continue
        spans.append((start, stop))
        gap = rng.uniform(4, 60) if rng.random() < 0.7 else rng.uniform(60, 480)
        start = stop + timedelta(seconds=gap)
        if start >= leave - timedelta(seconds=5):
            return spans  # never came back
    spans.append((start, leave))
    return spans


def _add_bots(pop: Population, s: Session) -> None:
    rng = pop.rng
    n = s.number
    candidates = [
        p for p in pop.people if any(r.day == n and r.status == "approved" for r in p.regs)
    ]
    absent = [p for p in candidates if n not in p.segments]
    present = [p for p in candidates if n in p.segments]
    owners = rng.sample(absent, BOTS_PER_DAY[n - 1] - 1) + rng.sample(present, 1)
    for k, person in enumerate(owners):
        first = person.first.strip().removeprefix("Dr ")
        t = s.start + timedelta(seconds=rng.uniform(6, 20))
        if k % 3 != 2:  # Otter.ai: a 4-second probe, then up to its 40-minute limit or all
            name = f"{first}'s Notetaker (Otter.ai)"
            stop = t + timedelta(minutes=37, seconds=rng.randrange(60))
            if rng.random() < 0.5:
                stop = s.end
            bots = [
                Segment(t, t + timedelta(seconds=4), name, "United States", bot=True),
                Segment(t + timedelta(seconds=5), stop, name, "United States", bot=True),
            ]
        else:
            name = f"Fireflies.ai Notetaker {first}"
            stop = min(s.end, t + timedelta(hours=2, seconds=3))
            bots = [Segment(t, stop, name, "United States", bot=True)]
        person.segments[n] = sorted(
            person.segments.get(n, []) + bots, key=lambda g: (g.join, g.leave)
        )


def staff_presence(rng: random.Random, s: Session) -> tuple[list[StaffSegment], list[StaffSegment]]:
    """Host and panelist stays of one webinar."""
    hosts, panelists = [], []
    for k, (name, email, iso3) in enumerate(HOSTS[s.number - 1]):
        join = s.start if k == 0 else s.start + timedelta(seconds=rng.randrange(10, 90))
        hosts.append(StaffSegment(join, s.end, name, email, iso3))
        if k == 0 and s.number == 1:
            # The host's phone, briefly, as in the real sample.
            t = s.start + timedelta(minutes=35, seconds=rng.randrange(60))
            hosts.append(StaffSegment(t, t + timedelta(seconds=69), name, email, "FRA"))
    for k, (name, email, iso3) in enumerate(PANELISTS[s.number - 1]):
        join = s.start + timedelta(seconds=rng.randrange(15, 360))
        leave = s.end - timedelta(seconds=rng.choice((0, 1, 2)))
        if k > 0 and rng.random() < 0.4:
            leave = s.start + timedelta(minutes=rng.uniform(40, 120))
        if k == 1 and s.number in (1, 3):
            # A speaker's connection dropped and came back.
            cut = join + timedelta(minutes=rng.uniform(10, 30))
            panelists.append(StaffSegment(join, cut, name, email, iso3))
            join = cut + timedelta(seconds=rng.randrange(20, 90))
        panelists.append(StaffSegment(join, leave, name, email, iso3))
    return hosts, panelists


def simulate(seed: int) -> Population:
    """The whole event for one seed: people, registrations, sessions, attendance, staff."""
    pop = Population(seed)
    pop.build_people()
    build_registrations(pop)
    add_cancellations_and_denials(pop)
    simulate_sessions(pop)
    build_attendance(pop)
    # Hosts and panelists draw from their own stream, so the attendees stay what they were.
    staff_rng = random.Random(seed + 1)
    pop.staff = {s.number: staff_presence(staff_rng, s) for s in pop.sessions}
    return pop
