"""Who signs up for which day, and when: registrations, cancellations and denied sign-ups."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from .event import REG_OPEN, Person, Registration
from .population import Population

MAILINGS = ((date(2021, 5, 10), 30.0), (date(2021, 5, 31), 20.0), (date(2021, 6, 14), 26.0))
CANCELLED = 14  # "cancelled by self" rows, plus the re-registrations below
REREGISTERED = 2  # people who cancelled, then registered again for the same day
LOCAL_HOUR_WEIGHTS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 3.5, 3.6, 3.4,
    2.8, 3.0, 3.3, 3.2, 2.8, 2.2, 1.6, 1.3, 1.1, 0.9, 0.6, 0.4,
)  # fmt: skip
# Which day a stakeholder group cares most about (registrations for single days).
DAY_INTEREST = {
    "Government / Ministry of Health / Regulatory authority": (1.0, 1.8, 0.9, 0.8, 1.0),
    "Private sector / Manufacturer": (1.0, 1.0, 1.9, 1.4, 0.9),
    "Academia / Research": (1.0, 0.9, 1.6, 0.8, 1.0),
    "Finance / Development bank": (1.0, 0.7, 0.9, 2.5, 1.0),
    "Philanthropic foundation": (1.0, 0.8, 1.0, 2.2, 1.0),
}


def _day_weights(pop: Population) -> tuple[list[date], list[float]]:
    days, weights = [], []
    d = REG_OPEN.date()
    last = pop.sessions[-1].day
    while d <= last:
        k = (d - REG_OPEN.date()).days
        w = 2.0 + 0.06 * k
        for mailing, amp in MAILINGS:
            j = (d - mailing).days
            if j >= 0:
                w += amp * math.exp(-j / 2.2)
        if date(2021, 6, 17) <= d <= date(2021, 6, 20):
            w *= 1.8  # last-minute sign-ups before the Forum
        w *= {21: 2.2, 22: 0.9, 23: 0.7, 24: 0.6, 25: 0.4}.get(d.day if d.month == 6 else 0, 1)
        if d.weekday() >= 5:
            w *= 0.4
        days.append(d)
        weights.append(w)
        d += timedelta(days=1)
    return days, weights


def _first_registration(pop: Population, person: Person, days, weights) -> datetime:
    rng = pop.rng
    hours = list(range(24))
    while True:
        d = rng.choices(days, weights)[0]
        local = datetime(d.year, d.month, d.day, rng.choices(hours, LOCAL_HOUR_WEIGHTS)[0])
        local += timedelta(seconds=rng.randrange(3600))
        t = local - timedelta(hours=person.shift)
        if REG_OPEN <= t <= pop.sessions[-1].scheduled + timedelta(minutes=100):
            return t


def build_registrations(pop: Population) -> None:
    rng = pop.rng
    days, weights = _day_weights(pop)
    ends = [s.scheduled + timedelta(minutes=150) for s in pop.sessions]
    for person in pop.people:
        base = _first_registration(pop, person, days, weights)
        open_days = [s.number for s in pop.sessions if ends[s.number - 1] > base]
        chosen = _choose_days(pop, person, open_days)
        t = base
        for n in chosen:
            if t >= ends[n - 1]:
                continue
            if t != base and rng.random() < 0.3:
                # Came back later (often after a mailing) to add another day.
                later = t + timedelta(days=rng.uniform(1, 20), seconds=rng.randrange(86400))
                if later < pop.sessions[n - 1].scheduled:
                    t = later
            email, answer = person.email, person.answer
            if n != chosen[0] and rng.random() < 0.02:
                email = email.lower() if email != email.lower() else email.capitalize()
            who_name = pop.countries[person.iso3]["who_name"]
            if n != chosen[0] and answer != who_name and rng.random() < 0.1:
                answer = who_name  # picked the listed name the next time round
            person.regs.append(Registration(n, t, "approved", email, answer))
            t += timedelta(seconds=rng.randrange(25, 240))


def _choose_days(pop: Population, person: Person, open_days: list[int]) -> list[int]:
    rng = pop.rng
    if len(open_days) == 5 and rng.random() < 0.2:
        return open_days
    if len(open_days) < 5 and rng.random() < 0.3:
        return open_days
    interest = DAY_INTEREST.get(person.org_type, (1.0,) * 5)
    chosen = []
    for n in open_days:
        if n == open_days[0]:
            p = 0.78 if n == 1 else 0.85
        else:
            p = min(0.9, 0.17 * interest[n - 1])
        if rng.random() < p:
            chosen.append(n)
    return chosen or [rng.choice(open_days)]


def add_cancellations_and_denials(pop: Population) -> None:
    rng = pop.rng
    pool = [(p, r) for p in pop.people for r in p.regs if r.at < datetime(2021, 6, 18)]
    picks = rng.sample(pool, CANCELLED + REREGISTERED)
    for _, reg in picks[:CANCELLED]:
        reg.status = "cancelled by self"
    for person, reg in picks[CANCELLED:]:
        # Cancelled, then signed up again for the same webinar a few days later.
        reg.status = "cancelled by self"
        again = reg.at + timedelta(days=rng.uniform(2, 6), seconds=rng.randrange(3600))
        again = min(again, pop.sessions[reg.day - 1].scheduled - timedelta(minutes=47))
        person.regs.append(Registration(reg.day, again, "approved", reg.email, reg.answer))
    bogus = (("test", "test", "test@test.example"), ("Asdf", "Qwerty", "asdf@asdf.example"))
    for k, (first, last, email) in enumerate(bogus):
        day = (1, 3)[k]
        at = datetime(2021, 6, 2 + 9 * k, 3, 17 + k, 41 - k)
        who = Person(
            pid=len(pop.people),
            first=first,
            last=last,
            email=email,
            iso3=("", "AFG")[k],
            region=("", "EMR")[k],
            answer=("-", "Afghanistan")[k],  # the first entry of the drop-down
            ip_country="",
            ip_iso3="",
            org=("test", "asdf")[k],
            org_type="",
            job="",
            gender="Prefer not to say",
            propensity=0.0,
            shift=0.0,
        )
        who.regs.append(Registration(day, at, "denied", email, who.answer))
        pop.people.append(who)
