"""Answers of several parts: lists of countries, "place, ..., country", subdivisions."""

from __future__ import annotations

import functools
import re

import pycountry

from .index import LISTED, Entry, Index, subdivision_owners
from .lookup import combine, lookup_tokens, read_abbreviated, read_whole, suggest
from .normalize import TOKEN, key_of, normalize, strip_form, tokenize
from .words import GENERIC_WORDS, LIST_SEP, SOVEREIGN, STATUS_WORDS

_STRONG_SEP = re.compile(r"[;/|\\()\[\]{}:]|\s[-–—]\s")
_COMMA_SEP = re.compile(r"[;/|\\()\[\]{}:,]|\s[-–—]\s")
_DASH_SEP = re.compile(r"[;/|\\()\[\]{}:,\-–—]")


def _split_two(ix: Index, prepped: str) -> Entry | None:
    """Two known spans that agree on one country: "Nairobi Kenya", "Kenya Africa"."""
    toks = tokenize(prepped)
    if not 2 <= len(toks) <= 6:
        return None
    results: set[Entry] = set()
    rivals: set[str] = set()  # "Kenya Uganda": two countries named side by side
    for i in range(1, len(toks)):
        left, right = lookup_tokens(ix, toks[:i]), lookup_tokens(ix, toks[i:])
        # Without a separator only places count: "America Samoa" is a typo, not a region
        # and a country.
        if left and right and {left.reason, right.reason} <= {"", "ambiguous", "city"}:
            combined = combine([left, right])
            if combined.reason == "":
                results.add(combined)
            elif left.reason == right.reason == "":
                rivals |= combined.codes
    if results:
        return results.pop() if len(results) == 1 else None
    return Entry(LISTED, frozenset(rivals)) if rivals else None


def read_parts(ix: Index, prepped: str, codes: frozenset[str]) -> Entry | None:
    """An answer split into parts at the strongest separators that give two ("Geneva,
    Switzerland"), else at a space ("Nairobi Kenya"): the readings of its parts combined."""
    for separators in (_STRONG_SEP, _COMMA_SEP, _DASH_SEP):
        parts = [p for p in separators.split(prepped) if p and tokenize(p)]
        if len(parts) < 2:
            continue
        read: list[tuple[str, Entry | None]] = []
        for part in parts:
            toks = tokenize(part)
            if all(t in GENERIC_WORDS or t == "island" or t.isdigit() for t in toks):
                continue  # a note: "(UNSCR 1244/99)", "(island)"
            rest = [t for t in toks if t not in STATUS_WORDS]
            if separators is _STRONG_SEP and rest and len(rest) < len(toks):
                # "(British Overseas Territory)": British. A note of status words alone
                # ("(overseas territory)") stays unread: "Samoa" would be the wrong Samoa.
                part = " ".join(rest)
            # Codes only between real separators: "Sur-Afrika" holds no Suriname.
            entry = read_whole(ix, part, codes if separators is not _DASH_SEP else frozenset())
            read.append((part, entry or _split_two(ix, part)))
        # Parts that name nothing are left out only between commas ("Toronto, ON, Canada"),
        # not in "Cocos (Keeling) Islands, Guernsey", and only when the text before the last
        # part names no other country as a whole.
        placeholders = separators is _COMMA_SEP and not _STRONG_SEP.search(prepped)
        if placeholders and read and any(e is None for _, e in read):
            before = read_whole(ix, prepped[: prepped.rindex(read[-1][0])].rstrip(" ,"), codes)
            last = read[-1][1]
            placeholders = before is None or (last is not None and last.codes <= before.codes)
        entries = _place_in_country(read, placeholders)
        if entries:
            return combine(entries)
    return _split_two(ix, prepped)


def _place_in_country(
    read: list[tuple[str, Entry | None]], placeholders: bool
) -> list[Entry] | None:
    """The readings of the parts of an answer, or None when a part cannot be read.

    When the last part names one country ("Toronto, ON, Canada"), the parts before it are
    places in it: a part that names nothing is left out unless it looks like a misspelt
    country ("ON" names nothing; "Keyna" does), and a state or province of that country
    counts as a place in it even where it also names another country ("Atlanta, GA, USA":
    Georgia, not Gabon; "Georgia, USA"). A territory of that country stays the territory
    ("San Juan, PR, USA" is Puerto Rico). No part is left out when the last part is also a
    province or state of another country ("Savannah, Georgia"; "Minna, Niger").
    """
    if not read:
        return None
    last = read[-1][1]
    if last is None or last.reason != "" or len(last.codes) != 1:
        return None if any(e is None for _, e in read) else [e for _, e in read if e]
    (country,) = last.codes
    if placeholders and any(e is None for _, e in read[:-1]):
        owners = subdivision_owners().get(normalize(read[-1][0]), set())
        placeholders = owners <= {country, SOVEREIGN.get(country)}
    entries = [last]
    for i, (part, entry) in enumerate(read[:-1]):
        inside = entry is not None and any(
            c == country or SOVEREIGN.get(c) == country for c in entry.codes
        )
        # A subdivision code only between a place and the country ("Atlanta, GA, USA"): a
        # code first is as likely a country's ("SVG, Iceland": Saint Vincent, though SVG is
        # also an Icelandic municipality).
        if not inside and _is_subdivision(part, country, code=i > 0):
            entries.append(Entry("city", frozenset({country})))
        elif entry is not None:
            entries.append(entry)
        elif not placeholders or suggest(part) is not None:
            return None
    return entries


@functools.cache
def _subdivisions(iso3: str) -> tuple[frozenset[str], frozenset[str]]:
    """(codes, name keys) of the ISO 3166-2 subdivisions of a country (pycountry).

    Names only for the states of the USA and its capital district: a state named like a
    country ("Georgia") is common in "city, state, USA" answers, while elsewhere a province
    named like a country ("Luxembourg, Belgium", "Niger, Nigeria") may as well be a list of
    two countries.
    """
    country = pycountry.countries.get(alpha_3=iso3)
    subdivisions = pycountry.subdivisions.get(country_code=country.alpha_2) if country else None
    if not subdivisions:
        return frozenset(), frozenset()
    codes = frozenset(sub.code.split("-", 1)[1].casefold() for sub in subdivisions)
    names = frozenset(
        normalize(sub.name)
        for sub in subdivisions
        if iso3 == "USA" and sub.type in ("State", "District")
    )
    return codes, names


def _is_subdivision(part: str, iso3: str, code: bool) -> bool:
    """Whether a part names a subdivision of a country: its code (when code=True) or, in the
    USA, the name of a state."""
    codes, names = _subdivisions(iso3)
    raw = TOKEN.findall(part)
    if code and len(raw) == 1 and raw[0].isascii() and raw[0] in codes:
        return True
    return bool(names) and key_of(tokenize(part)) in names


def read_list(ix: Index, prepped: str, codes: frozenset[str]) -> Entry | None:
    """An answer that lists different countries ("Kenya and Uganda", "China/Taiwan", "DRC
    or Congo"): ambiguous with all of them. None when it is no such list, or when the whole
    answer is an established name with a conjunction ("Bosnia and Herzegovina")."""
    parts = [p for p in LIST_SEP.split(prepped) if tokenize(p)]
    if len(parts) < 2:
        return None
    toks = tokenize(prepped)
    if key_of(toks) in ix.conj_keys or key_of(strip_form(toks)) in ix.conj_keys:
        return None
    if read_abbreviated(ix, prepped, [toks]) is not None:
        return None  # "Antigua & Barb.": one name cut short, not Antigua and Barbados
    named = []
    nameless = []
    for part in parts:
        entry = read_whole(ix, part, codes) or read_parts(ix, part, codes)
        if entry is not None and entry.reason in ("", "ambiguous", LISTED) and entry.codes:
            named.append(entry.codes)
        elif entry is None:
            nameless.append(part)
    if len(parts) == 2 and nameless:
        elliptic = _elliptic(ix, parts[0], parts[1], codes)
        narrowed = frozenset().union(*elliptic)
        if len(named) == 1 and len(narrowed) == 1 and narrowed < named[0]:
            return Entry("", narrowed)  # "Macedonia / North": one of the name's candidates
        named += elliptic
    pool = frozenset().union(*named)
    if len(named) < 2 or len(pool) < 2:
        return None
    return Entry(LISTED, pool)


def _elliptic(ix: Index, left: str, right: str, codes: frozenset[str]) -> list[frozenset[str]]:
    """The countries of a list that shares words between its parts ("Congo, Rep./Dem. Rep.",
    "Korea Rep/DPR", "Sudan/South"): one part names nothing alone, so it is read in place
    of the other part's last or first words, and before or after it."""
    lw, rw = left.split(), right.split()
    forms = [" ".join(lw[:i] + rw) for i in range(1, len(lw))]
    forms += [" ".join(lw + rw[j:]) for j in range(1, len(rw))]
    forms += [f"{left} {right}", f"{right} {left}"]
    found = []
    for form in forms:
        entry = read_whole(ix, form, codes)
        if entry is not None and entry.reason in ("", "ambiguous") and entry.codes:
            found.append(entry.codes)
    return found
