"""The synthetic in-person editions: WLPF 2023 (The Hague) and WLPF 2025 (Abu Dhabi).

Each is a registration list for the whole event (2023: Indico's registrations CSV; 2025: an
Eventbrite attendee report) and one on-site check-in list per day (badge scans: the attendance
of an in-person forum). Some people of the 2021 demo come back with the same e-mail address, so
returning, new and lost Member States mean something. Everything here is invented except WLPF
2025's published totals, which the simulation hits exactly: 4,077 participants from 141
countries (all of them WHO Member States).
"""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from .attendance import simulate
from .catalogues import COUNTRY_WEIGHTS, UNRESOLVABLE
from .event import DEFAULT_SEED, Person, load_countries
from .population import Population

# Republic of the Congo: WHO's name "Congo" alone places no one (see catalogues.AMBIGUOUS), and
# the published "141 countries" must be hit exactly, so no edition draws it.
LEFT_OUT = {"COG"}


@dataclass(frozen=True)
class Edition:
    event_id: str
    seed: int
    days: tuple[date, ...]
    attendees: int  # distinct people with at least one check-in
    no_shows: int  # registered (active), never checked in
    withdrawn: int  # registrations cancelled (people who are not registrants at all)
    member_states: int  # distinct Member States among the attendees' declared countries
    returning_2021: int  # 2021 attendees who come back (same e-mail)
    returning_2023: int  # 2023 attendees who come back (2025 only)
    region_share: tuple[tuple[str, float], ...]
    show_by_day: tuple[float, ...]  # chance an attendee checks in on each day


WLPF2023 = Edition(
    event_id="wlpf2023",
    seed=2023,
    days=(date(2023, 11, 6), date(2023, 11, 7), date(2023, 11, 8)),
    attendees=864,
    no_shows=187,
    withdrawn=23,
    member_states=112,
    returning_2021=160,
    returning_2023=0,
    region_share=(
        ("AFR", 0.27),
        ("EMR", 0.12),
        ("SEAR", 0.10),
        ("AMR", 0.12),
        ("EUR", 0.31),
        ("WPR", 0.08),
    ),
    show_by_day=(0.92, 0.74, 0.66),
)
WLPF2025 = Edition(
    event_id="wlpf2025",
    seed=2025,
    days=(date(2025, 4, 7), date(2025, 4, 8), date(2025, 4, 9)),
    attendees=4077,  # published
    no_shows=912,
    withdrawn=64,
    member_states=141,  # published: 141 countries
    returning_2021=420,
    returning_2023=230,
    region_share=(
        ("AFR", 0.24),
        ("EMR", 0.30),
        ("SEAR", 0.12),
        ("AMR", 0.10),
        ("EUR", 0.15),
        ("WPR", 0.09),
    ),
    show_by_day=(0.90, 0.71, 0.63),
)
EDITIONS = (WLPF2023, WLPF2025)


@dataclass
class Delegate:
    person: Person
    checkins: dict[int, datetime] = field(default_factory=dict)  # day number -> scan time
    registered: datetime = datetime(2000, 1, 1)
    status: str = "approved"  # "approved", "pending" or "cancelled"


def _listed_members(countries: dict) -> dict[str, list[str]]:
    """Member States of the 2021 country lists, by region (territories and LEFT_OUT dropped)."""
    out = {}
    for region, text in COUNTRY_WEIGHTS.items():
        codes = text.split()[0::2]
        out[region] = [
            c for c in codes if countries[c]["member_type"] == "member" and c not in LEFT_OUT
        ]
    return out


def pick_countries(rng: random.Random, countries: dict, n: int) -> list[str]:
    """n Member States: the 2021 lists first (in their order, sampled when there are more),
    then others drawn from the reference table; sorted, so the set alone depends on rng."""
    listed = [c for codes in _listed_members(countries).values() for c in codes]
    if n <= len(listed):
        return sorted(rng.sample(listed, n))
    others = sorted(
        iso3
        for iso3, row in countries.items()
        if row["member_type"] == "member" and iso3 not in listed and iso3 not in LEFT_OUT
    )
    return sorted(listed + rng.sample(others, n - len(listed)))


class EditionPopulation(Population):
    """A 2021-style population drawing new people for a later edition (e-mails stay unique
    across editions, so a new person is never mistaken for a returning one)."""

    def __init__(self, seed: int, taken: set[str]):
        super().__init__(seed)
        self.emails = {e: -1 for e in taken}

    def new_person(self, pid: int, iso3: str) -> Person:
        region = self.countries[iso3]["who_region"]
        return self._person(pid, iso3, region)


def _country_draws(rng, ed: Edition, states: list[str], countries: dict, k: int) -> list[str]:
    """k countries among states, weighted by the edition's region shares (and the 2021 weights
    inside a region where listed)."""
    weights_2021 = {}
    for text in COUNTRY_WEIGHTS.values():
        tokens = text.split()
        weights_2021.update(zip(tokens[0::2], (float(w) for w in tokens[1::2]), strict=True))
    share = dict(ed.region_share)
    per_region: dict[str, int] = {}
    for iso3 in states:
        region = countries[iso3]["who_region"]
        per_region[region] = per_region.get(region, 0) + 1
    weights = []
    for iso3 in states:
        region = countries[iso3]["who_region"]
        weights.append(share[region] * weights_2021.get(iso3, 0.6) / per_region[region])
    return rng.choices(states, weights, k=k)


def build_edition(ed: Edition, returning: list[Person], taken: set[str]) -> list[Delegate]:
    """The edition's delegates: attendees (returning people first), then no-shows and
    withdrawn sign-ups. The first attendee of each Member State types its WHO name, so the
    attendees reach exactly ed.member_states Member States."""
    pop = EditionPopulation(ed.seed, taken)
    rng = pop.rng
    countries = load_countries()
    states = pick_countries(rng, countries, ed.member_states)
    in_states = [p for p in returning if p.iso3 in states]
    attendees = [Delegate(p) for p in in_states]
    # A returning person's own answer places them unless it is one no one can place.
    covered = {p.iso3 for p in in_states if p.answer not in UNRESOLVABLE}
    missing = [s for s in states if s not in covered]
    pid = 10_000 * (ed.seed - 2000)
    for iso3 in missing:  # anchors: one attendee per Member State not yet present
        person = pop.new_person(pid, iso3)
        person.answer = countries[iso3]["who_name"]
        attendees.append(Delegate(person))
        pid += 1
    n_new = ed.attendees - len(attendees)
    draws = _country_draws(rng, ed, states, countries, n_new + ed.no_shows + ed.withdrawn)
    others = []
    for iso3 in draws:
        others.append(Delegate(pop.new_person(pid, iso3)))
        pid += 1
    attendees += others[:n_new]
    absent = others[n_new:]
    for d in absent[ed.no_shows :]:
        d.status = "cancelled"
    for d in rng.sample(absent[: ed.no_shows], ed.no_shows // 20):
        d.status = "pending"  # still awaiting approval when the list was exported
    _checkins(rng, ed, attendees, anchors=len(in_states) + len(missing))
    everyone = attendees + absent
    _registration_times(rng, ed, everyone)
    return everyone


def _checkins(rng: random.Random, ed: Edition, attendees: list[Delegate], anchors: int) -> None:
    """Badge scans: every attendee at least once; anchors (and returning people) on day one."""
    for k, d in enumerate(attendees):
        days = [n for n, p in enumerate(ed.show_by_day, start=1) if rng.random() < p]
        if k < anchors and 1 not in days:
            days.insert(0, 1)
        if not days:
            days = [rng.choice((1, 2, 3))]
        for n in days:
            day = ed.days[n - 1]
            minutes = rng.choices((rng.uniform(10, 55), rng.uniform(55, 420)), (80, 20))[0]
            at = datetime(day.year, day.month, day.day, 8, 0) + timedelta(minutes=minutes)
            d.checkins[n] = at.replace(microsecond=0)


def _registration_times(rng: random.Random, ed: Edition, everyone: list[Delegate]) -> None:
    opens = datetime.combine(ed.days[0], datetime.min.time()) - timedelta(days=120)
    for d in everyone:
        offset = rng.betavariate(2.2, 1.4) * 118 * 86400
        d.registered = opens + timedelta(seconds=int(offset))


def returning_people(ed: Edition, pools: dict[str, list[Person]]) -> list[Person]:
    """Attendees of earlier demo editions who come back (same e-mail), drawn with the
    edition's own seed; someone who came to both earlier ones is taken once."""
    rng = random.Random(ed.seed * 7)
    picked = rng.sample(pools["wlpf2021"], ed.returning_2021)
    if ed.returning_2023:
        seen = {p.email.lower() for p in picked}
        pool = [p for p in pools["wlpf2023"] if p.email.lower() not in seen]
        picked += rng.sample(pool, ed.returning_2023)
    return picked


def simulate_editions(seed_2021: int = DEFAULT_SEED) -> dict[str, list[Delegate]]:
    """Both editions, from the 2021 simulation and each edition's own seed."""
    pop21 = simulate(seed_2021)
    came = [p for p in pop21.people if p.segments and p.iso3 and p.org_type != "Media"]
    pools = {"wlpf2021": sorted(came, key=lambda p: p.pid)}
    taken = {p.email.lower() for p in pop21.people}
    out = {}
    for ed in EDITIONS:
        delegates = build_edition(ed, returning_people(ed, pools), taken)
        out[ed.event_id] = delegates
        taken |= {d.person.email.lower() for d in delegates}
        pools[ed.event_id] = [d.person for d in delegates if d.checkins]
    return out


# -- the files ------------------------------------------------------------------------------
INDICO_HEADER = (
    "ID",
    "Name",
    "First Name",
    "Last Name",
    "Email Address",
    "Affiliation",
    "Position",
    "Country",
    "Type of organization",
    "Gender",
    "Registration date",
    "Registration state",
)
INDICO_STATE = {"approved": "Completed", "pending": "Pending", "cancelled": "Withdrawn"}
EVENTBRITE_HEADER = (
    "Order #",
    "Order Date",
    "First Name",
    "Last Name",
    "Email",
    "Quantity",
    "Ticket Type",
    "Attendee #",
    "Order Type",
    "Attendee Status",
    "Country",
    "Job Title",
    "Company",
    "Type of organization",
    "Gender",
)
EVENTBRITE_STATUS = {"approved": "Attending", "pending": "Attending", "cancelled": "Not Attending"}
CHECKIN_HEADERS = {
    "wlpf2023": ("Badge ID", "First Name", "Last Name", "Email", "Organization", "Check-in Time"),
    "wlpf2025": ("Badge ID", "Full Name", "Email", "Company", "Scan Time", "Scan Point"),
}


def _name(p: Person) -> str:
    return f"{p.first.strip()} {p.last.strip()}"


def indico_rows(delegates: list[Delegate]) -> list[list[str]]:
    rows = [list(INDICO_HEADER)]
    ordered = sorted(delegates, key=lambda d: (d.registered, d.person.pid))
    for k, d in enumerate(ordered, start=1):
        p = d.person
        # Indico's CSV writes the registration time in UTC with microseconds and an offset.
        utc = d.registered - timedelta(hours=1)
        when = f"{utc:%Y-%m-%d %H:%M:%S}.{(p.pid * 7919) % 1_000_000:06d}+00:00"
        rows.append(
            [str(k), _name(p), p.first, p.last, p.email, p.org, p.job, p.answer]
            + [p.org_type, p.gender, when, INDICO_STATE[d.status]]
        )
    return rows


def eventbrite_rows(delegates: list[Delegate]) -> list[list[str]]:
    rows = [list(EVENTBRITE_HEADER)]
    ordered = sorted(delegates, key=lambda d: (d.registered, d.person.pid))
    for k, d in enumerate(ordered, start=1):
        p = d.person
        ticket = "Delegate" if p.org_type != "Media" else "Media"
        rows.append(
            [str(8_410_000_000 + 37 * k), f"{d.registered:%Y-%m-%d %H:%M}", p.first, p.last]
            + [p.email, "1", ticket, str(12_900_000_000 + 53 * k), "Free Order"]
            + [EVENTBRITE_STATUS[d.status], p.answer, p.job, p.org, p.org_type, p.gender]
        )
    return rows


def checkin_rows(event_id: str, delegates: list[Delegate], day: int) -> list[list[str]]:
    rows = [list(CHECKIN_HEADERS[event_id])]
    scanned = sorted(
        (d for d in delegates if day in d.checkins), key=lambda d: (d.checkins[day], d.person.pid)
    )
    for d in scanned:
        p, at = d.person, d.checkins[day]
        badge = f"{event_id[-2:]}-{p.pid % 100_000:05d}"
        if event_id == "wlpf2023":
            rows.append([badge, p.first, p.last, p.email, p.org, f"{at:%Y-%m-%d %H:%M:%S}"])
        else:
            gate = ("Hall 5 North", "Hall 5 South", "Conference Centre")[p.pid % 3]
            rows.append([badge, _name(p), p.email, p.org, f"{at:%d %b %Y %H:%M}", gate])
    return rows


def _write(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def generate_editions(out_dir: Path, seed_2021: int = DEFAULT_SEED) -> list[Path]:
    """Write both editions' files into out_dir; same seeds, same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for event_id, delegates in simulate_editions(seed_2021).items():
        reg = out_dir / f"{event_id}_registrations.csv"
        _write(
            reg, indico_rows(delegates) if event_id == "wlpf2023" else eventbrite_rows(delegates)
        )
        written.append(reg)
        for day in (1, 2, 3):
            path = out_dir / f"{event_id}_day{day}_checkin.csv"
            _write(path, checkin_rows(event_id, delegates, day))
            written.append(path)
    return written


def edition_figures(delegates: list[Delegate]) -> dict:
    """What the dashboard must show for an edition, from the simulation alone."""
    came = [d for d in delegates if d.checkins]
    return {
        "registrants": sum(d.status != "cancelled" for d in delegates),
        "attendees": len(came),
        "member_states": len({d.person.iso3 for d in came if d.person.answer not in UNRESOLVABLE}),
    }
