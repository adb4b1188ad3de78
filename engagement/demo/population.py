"""The simulated people: who they are, where they work, their e-mail, how they fill in the form."""

from __future__ import annotations

import random
import unicodedata

from .catalogues import (
    COUNTRY_VARIANTS,
    COUNTRY_WEIGHTS,
    FIN_ORGS,
    GENDERS,
    GOV_ORGS,
    INTL_ORGS,
    JOBS,
    LEGAL,
    MEDIA_ORGS,
    NAMES,
    NGO_ORGS,
    ORG_TYPES,
    OTHER_ORGS,
    PERSONAL_DOMAINS,
    PERSONAL_SHARE,
    PHIL_ORGS,
    PLACE_SEP,
    PLACES,
    REGION_SHARE,
    SECTORS,
    TYPE_KEY,
    UNRESOLVABLE,
    UTC_SHIFT,
    zoom_country,
)
from .event import Person, StaffSegment, load_countries, load_programme

N_PEOPLE = 3000  # genuine registrants drawn; two bogus (denied) sign-ups come on top


def _ascii(text: str) -> str:
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch in ".-")


def weighted(rng: random.Random, pairs) -> str:
    items = [p[0] for p in pairs]
    weights = [p[-1] for p in pairs]
    return rng.choices(items, weights)[0]


class Population:
    """The event's people and sessions, drawn from one random stream (same seed, same people)."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.sessions = load_programme()
        self.countries = load_countries()
        self.emails: dict[str, int] = {}  # lower-cased e-mail -> pid (uniqueness)
        self.companies = self._companies()
        self.people: list[Person] = []
        self.staff: dict[int, tuple[list[StaffSegment], list[StaffSegment]]] = {}

    # -- organisations --------------------------------------------------------------------
    def _companies(self) -> dict[str, list[tuple[str, str]]]:
        rng = self.rng
        pools: dict[str, list[tuple[str, str]]] = {}
        for region, _ in REGION_SHARE:
            two_word = PLACE_SEP.get(region, [])
            text = PLACES[region]
            for place in two_word:
                text = text.replace(place, place.replace(" ", "_"))
            places = [p.replace("_", " ") for p in text.split()]
            pool = []
            for place in places:
                for sector in rng.sample(SECTORS, 2):
                    legal = rng.choice(LEGAL[region])
                    domain = _ascii(place + sector).replace(".", "") + ".example"
                    pool.append((f"{place} {sector}{legal}", domain))
            pools[region] = pool
        return pools

    def _organisation(self, key: str, person_region: str, iso3: str) -> tuple[str, str]:
        """(organisation as typed, e-mail domain)."""
        rng = self.rng
        cc = self.countries[iso3]["iso2"].lower()
        if key == "gov":
            name, slug = weighted(rng, [(g[0:2], g[2]) for g in GOV_ORGS])
            if rng.random() < 0.15:
                name = f"{name}, {self.countries[iso3]['who_name']}"
            return name, f"{slug}.gov.{cc}.example"
        if key == "private":
            pool = self.companies[person_region]
            weights = [1.0 / (i + 1) ** 0.6 for i in range(len(pool))]
            return rng.choices(pool, weights)[0]
        if key == "academia":
            return self._university(rng.choice(PLACES[person_region].split()))
        if key == "intl":
            name, domain = weighted(rng, [(o[0:2], o[2]) for o in INTL_ORGS])
            return name, domain
        table = {"ngo": NGO_ORGS, "phil": PHIL_ORGS, "fin": FIN_ORGS, "media": MEDIA_ORGS}
        if key in table:
            return rng.choice(table[key])
        return rng.choice(OTHER_ORGS), rng.choice(PERSONAL_DOMAINS)

    def _university(self, place: str) -> tuple[str, str]:
        slug = _ascii(place)
        pattern = self.rng.randrange(4)
        if pattern == 0:
            return f"{place} University of Health Sciences", f"univ-{slug}.example"
        if pattern == 1:
            return f"{place} Institute of Pharmaceutical Research", f"ipr-{slug}.example"
        if pattern == 2:
            return f"School of Pharmacy, {place} University", f"pharmacy.univ-{slug}.example"
        return f"{place} University", f"{slug}.edu.example"

    def _email(self, first: str, last: str, domain: str, personal: bool) -> str:
        rng = self.rng
        f, lst = _ascii(first.replace(" ", "")), _ascii(last.replace(" ", ""))
        if personal:
            local = f"{f}.{lst}.{rng.randrange(10, 1000)}"
        else:
            style = rng.random()
            if style < 0.6:
                local = f"{f}.{lst}"
            elif style < 0.85:
                local = f"{f[0]}{lst}"
            else:
                local = f"{lst}{f[0]}"
        email = f"{local}@{domain}"
        n = 2
        while email.lower() in self.emails:
            email = f"{local}{n}@{domain}"
            n += 1
        return email

    # -- people ---------------------------------------------------------------------------
    def _country_list(self) -> list[tuple[str, str]]:
        rng = self.rng
        out: list[tuple[str, str]] = []
        for region, share in REGION_SHARE:
            tokens = COUNTRY_WEIGHTS[region].split()
            codes, weights = tokens[0::2], [float(w) for w in tokens[1::2]]
            n = round(share * N_PEOPLE)
            picked = list(codes)  # every listed country sends at least one person
            picked += rng.choices(codes, weights, k=n - len(codes))
            out += [(code, region) for code in picked]
        out = out[:N_PEOPLE] + [out[-1]] * (N_PEOPLE - len(out))
        rng.shuffle(out)
        return out

    def build_people(self) -> None:
        for pid, (iso3, region) in enumerate(self._country_list()):
            self.people.append(self._person(pid, iso3, region))

    def _person(self, pid: int, iso3: str, region: str) -> Person:
        rng = self.rng
        gender = weighted(rng, GENDERS)
        if rng.random() < 0.01:
            gender = ""
        females, males, lasts = (s.split() for s in NAMES[region])
        if gender == "Female" or (gender not in ("Male",) and rng.random() < 0.5):
            first = rng.choice(females)
        else:
            first = rng.choice(males)
        last = rng.choice(lasts)
        org_type = weighted(rng, ORG_TYPES)
        key = TYPE_KEY.get(org_type) or TYPE_KEY[weighted(rng, ORG_TYPES[:-1])]
        org, domain = self._organisation(key, region, iso3)
        personal = rng.random() < PERSONAL_SHARE[key] and domain != "who.example"
        if personal:
            domain = rng.choice(PERSONAL_DOMAINS)
        if rng.random() < 0.02:
            org = ""
        email = self._email(first, last, domain, personal or domain in PERSONAL_DOMAINS)
        if rng.random() < 0.05:  # "Kipngeno.Omotoso.282@example.org" in the real sample
            local, _, dom = email.partition("@")
            email = ".".join(p[:1].upper() + p[1:] for p in local.split(".")) + "@" + dom
        self.emails[email.lower()] = pid
        job = rng.choice(JOBS[key].split("|")) if rng.random() > 0.04 else ""
        first, last = self._as_typed(first, last)
        answer = self._country_answer(iso3)
        ip_iso = iso3
        if rng.random() < 0.06:  # travelling, VPN, or based in Geneva
            ip_iso = rng.choice(("CHE", "CHE", "USA", "FRA", "GBR", "KEN", "ZAF", "BEL"))
        propensity = rng.choices((0.12, 0.7, 1.0, 1.3), (15, 35, 35, 15))[0]
        return Person(
            pid=pid,
            first=first,
            last=last,
            email=email,
            iso3=iso3,
            region=region,
            answer=answer,
            ip_country=zoom_country(self.countries, ip_iso),
            ip_iso3=ip_iso,
            org=org,
            org_type=org_type,
            job=job,
            gender=gender,
            propensity=propensity,
            shift=rng.choice(UTC_SHIFT[region]),
        )

    def _as_typed(self, first: str, last: str) -> tuple[str, str]:
        """The way people fill in forms: stray blanks, capitals, titles."""
        r = self.rng.random()
        if r < 0.03:
            first += " "
        elif r < 0.04:
            last = last.upper()
        elif r < 0.05:
            last += " PhD"
        elif r < 0.06:
            first = "Dr " + first
        return first, last

    def _country_answer(self, iso3: str) -> str:
        rng = self.rng
        name = self.countries[iso3]["who_name"]
        r = rng.random()
        if r < 0.01:
            return rng.choice(UNRESOLVABLE)
        if iso3 in COUNTRY_VARIANTS and r < 0.40:
            return rng.choice(COUNTRY_VARIANTS[iso3])
        if r < 0.025:
            return rng.choice((name.upper(), name.lower(), name + " ", " " + name))
        return name
