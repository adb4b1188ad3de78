"""Reading one piece of an answer against the index, merging readings, and suggestions."""

from __future__ import annotations

import functools
import re
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from .index import LISTED, Entry, Index, get_index, subdivision_owners
from .normalize import (
    TOKEN,
    WILDCARD,
    bag_of,
    expansion,
    key_of,
    literal_key,
    normalize,
    prep,
    roman_key,
    strip_form,
    tokenize,
    word_orders,
)
from .typing import typing_distance
from .words import CODE_WORDS, COMPASS, REGIME_WORDS, SOVEREIGN

_LOOSE_MIN_LENGTH = 6


def lookup_tokens(ix: Index, toks: list[str]) -> Entry | None:
    """The entry of tokens in order, else as a bag of words."""
    if not toks:
        return None
    return ix.main.final.get(key_of(toks)) or ix.bags.final.get(bag_of(toks))


def read_code(ix: Index, code: str) -> Entry | None:
    """The country of an ISO 3166-1 alpha-2 or alpha-3 code of the reference table."""
    code = code.upper()
    if len(code) == 2 and code in ix.iso2:
        return Entry("", frozenset({ix.iso2[code]}))
    if len(code) == 3 and code in ix.iso3:
        return Entry("", frozenset({code}))
    return None


def _wildcard(ix: Index, key: str) -> Entry | None:
    """Match a key holding lost characters: each run stands for up to two folded letters."""
    parts = re.split(f"{WILDCARD}+", key)
    runs = len(parts) - 1
    fixed = sum(len(p) for p in parts)
    if fixed < 3:
        return None
    # A run may also stand for a lost apostrophe, which keys leave out ("Cote d?Ivoire").
    pattern = re.compile(".{0,2}".join(re.escape(p) for p in parts))
    found: set[Entry] = set()
    for length in range(fixed, fixed + 2 * runs + 1):
        for candidate in ix.keys_by_len.get(length, ()):
            if pattern.fullmatch(candidate):
                found.add(ix.main.final[candidate])
    return combine(list(found), alternatives=True) if found else None


def read_whole(ix: Index, prepped: str, codes: frozenset[str] = frozenset()) -> Entry | None:
    """Resolve one piece of text as a whole (no splitting into parts).

    codes: the plain ASCII words of the original text, the only ones that may be read as ISO
    codes: "Áo" (Vietnamese for Austria) folds to "ao", which is not Angola's code; and "in"
    or "us" in lower case are words, not codes.
    """
    raw = TOKEN.findall(prepped)  # codes before abbreviations expand ("isl", "dr")
    if len(raw) == 1 and raw[0] in CODE_WORDS and raw[0] not in codes:
        # A word that is also a code or an abbreviation ("in", "us", "car"): no country,
        # though it may be a curated non-country ("no").
        toks = tokenize(prepped)
        entry = ix.main.final.get(key_of(toks)) if toks else None
        return entry if entry and entry.reason not in ("", "ambiguous") else None
    entry = _read_name(ix, prepped, raw, codes)
    if entry is not None and entry.reason in ("", "ambiguous"):
        # A name that is also a well-known place of another country ("Salvador", a city of
        # Brazil and El Salvador without its article): ambiguous.
        place = ix.shared_places.get(literal_key(raw))
        if place and not place <= entry.codes:
            return Entry("ambiguous", entry.codes | place)
    return entry


def _compass_variants(toks: list[str]) -> list[list[str]]:
    """Readings of one abbreviated compass word: "N Ireland" -> "north(ern) ireland"."""
    at = [i for i, t in enumerate(toks) if t in COMPASS]
    if len(at) != 1 or len(toks) < 2:
        return []
    i = at[0]
    return [toks[:i] + [word] + toks[i + 1 :] for word in COMPASS[toks[i]]]


def _read_name(ix: Index, prepped: str, raw: list[str], codes: frozenset[str]) -> Entry | None:
    """A text read as one name, most certain reading first: names in their word orders, a
    code, word bags, compass words, long forms, lost characters."""
    token_lists = [tokenize(v) for v in word_orders(prepped)]
    for toks in token_lists:
        entry = ix.main.final.get(key_of(toks)) if toks else None
        if entry:
            return entry
    literal = token_lists[0]
    key = key_of(literal)
    if len(raw) == 1 and raw[0] in codes and 2 <= len(raw[0]) <= 3:
        entry = read_code(ix, raw[0])
        if entry:
            return entry
    for toks in token_lists:
        entry = ix.bags.final.get(bag_of(toks)) if toks else None
        if entry:
            return entry
    # Abbreviated compass words: "N. Ireland", "S Korea".
    found = [e for t in _compass_variants(literal) if (e := lookup_tokens(ix, t))]
    found = [e for e in found if e.reason in ("", "ambiguous")]
    if found:
        return combine(found, alternatives=True)
    # Formal long forms: "Republic of Guinea", "Kingdom of Denmark", "Armenia, Republic of",
    # "Tanzania Republic", "Reunion Island".
    for toks in token_lists:
        rest = _form_rest(ix, toks)
        if rest and len(rest) < len(toks):
            entry = lookup_tokens(ix, rest)
            if entry and entry.reason in ("", "ambiguous"):
                return entry
    entry = _read_regime_form(ix, token_lists) or _read_cjk_form(ix, key)
    if entry is not None:
        return entry
    entry = read_abbreviated(ix, prepped, token_lists, codes)
    if entry is not None:
        return entry
    if WILDCARD in key:
        return _wildcard(ix, key)
    # Encoding loss: "Cte d'Ivoire". Short keys are left out: "Bnin" is likelier a typo.
    entry = ix.loose.final.get(key) if len(key) >= _LOOSE_MIN_LENGTH else None
    # Another romanisation of a name ("Al-Mamlaka al-Maghribiya"): see normalize.roman_key.
    if entry is None and len(key) >= 10:
        entry = ix.roman.final.get(roman_key(prepped) or "-")
    return entry


def _form_rest(ix: Index, toks: list[str]) -> list[str]:
    """The tokens without the form words (normalize.strip_form), but nothing for a people's
    territory ("Indian Territory", "Australian Antarctic Territory"): not the country."""
    rest = strip_form(toks)
    if rest and toks[-1] == "territory" and key_of(rest) in ix.demonym_keys:
        return []
    return rest


def _read_regime_form(ix: Index, token_lists: list[list[str]]) -> Entry | None:
    """A former regime's long form: the name without REGIME_WORDS and the form words, when
    that names one country ("People's Republic of Benin", "Hungarian People's Republic")."""
    for toks in token_lists:
        rest = _form_rest(ix, [t for t in toks if t not in REGIME_WORDS])
        if rest and len(rest) < len(toks):
            entry = lookup_tokens(ix, rest)
            if entry and entry.reason == "":
                return entry
    return None


# Form words at the end of Chinese and Japanese names, written without spaces, longest
# first: "香港特别行政区" (Hong Kong SAR), "日本国" (Japan), "泰王国" (Thailand).
_CJK_SUFFIXES = ("特别行政区", "特別行政區", "人民共和国", "人民共和國", "共和国", "共和國",
                 "王国", "王國", "国", "國")  # fmt: skip


def _read_cjk_form(ix: Index, key: str) -> Entry | None:
    """A Chinese or Japanese name without its form suffix, when that names one country."""
    for suffix in _CJK_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            rest = key[: -len(suffix)]
            # Names of three characters or fewer are matched as written (index.exact).
            entry = ix.main.final.get(rest) or ix.exact.final.get(rest)
            return entry if entry and entry.reason == "" else None
    return None


# What a territory's name may add to the name it shares with a country: its owner
# ("American Samoa"), not a place ("South Georgia", "Saint Helena").
_OWNER_WORDS = frozenset("american british french dutch danish norwegian australian united states "
                         "part islands".split())  # fmt: skip


def _territory_named(countries: set[str]) -> str | None:
    """The one territory of a sovereign whose WHO name holds the other country's name, for
    a country qualified by a sovereign that does not own it ("Samoa (US)" is American Samoa,
    "Guinea (France)" is nothing)."""
    ix = get_index()
    for sovereign in countries & set(SOVEREIGN.values()):
        (other,) = countries - {sovereign}
        words = set(tokenize(prep(ix.display[other], trusted=True)))
        found = [
            t
            for t, owner in SOVEREIGN.items()
            if owner == sovereign
            and t in ix.display
            and words <= (name := set(tokenize(prep(ix.display[t], trusted=True))))
            and name - words <= _OWNER_WORDS
        ]
        if len(found) == 1:
            return found[0]
    return None


def combine(entries: list[Entry], alternatives: bool = False) -> Entry:
    """Merge the readings of the parts of one answer ("Geneva, Switzerland").

    With alternatives=True the entries are rival readings of the same text instead.
    """
    countries = {c for e in entries if e.reason == "" for c in e.codes}
    ambiguous = [e.codes for e in entries if e.reason == "ambiguous"]
    cities = [e.codes for e in entries if e.reason == "city"]
    listed = [e.codes for e in entries if e.reason == LISTED]
    if listed and not alternatives:
        return Entry(LISTED, frozenset(countries.union(*ambiguous, *listed)))
    if alternatives:
        pool = countries.union(*ambiguous, *listed)
        if len(pool) == 1:
            return Entry("", frozenset(pool))
        if pool:
            return Entry("ambiguous", frozenset(pool))
        reasons = {e.reason for e in entries}
        return entries[0] if len(reasons) == 1 else Entry("unknown", frozenset())
    if countries:
        countries -= {SOVEREIGN.get(c) for c in countries}
        if len(countries) == 2:
            territory = _territory_named(countries)
            if territory:  # "Samoa (US)": American Samoa
                return Entry("", frozenset({territory}))
        if len(countries) > 1:
            return Entry(LISTED, frozenset(countries))
        (only,) = countries
        # A sovereign beside a name its territories share: "Virgin Islands (UK)".
        owned = {c for codes in ambiguous for c in codes if SOVEREIGN.get(c) == only}
        if len(owned) == 1 and len(ambiguous) == 1:
            return Entry("", frozenset(owned))
        clashes = [c for c in ambiguous + cities if c and only not in c]
        if clashes:
            return Entry("ambiguous", frozenset(countries.union(*clashes)))
        return Entry("", frozenset(countries))
    if ambiguous:
        common = frozenset.intersection(*ambiguous)
        if len(common) == 1:
            return Entry("", common)
        # A city of one of the candidates narrows the name down ("Seoul, Korea").
        narrowed = common.intersection(*cities) if cities else frozenset()
        if len(narrowed) == 1:
            return Entry("", narrowed)
        return Entry("ambiguous", common or frozenset().union(*ambiguous))
    if cities:
        return next(e for e in entries if e.reason == "city")
    for reason in ("region", "not a country", "empty"):
        for e in entries:
            if e.reason == reason:
                return e
    return Entry("unknown", frozenset())


def suggest(text: str) -> str | None:
    """A display name a person might have meant (fuzzy match); never use it as an assignment."""
    if not isinstance(text, str):
        return None
    ix = get_index()
    key = normalize(text)
    if len(key) < 3:
        return None
    entry = ix.main.final.get(key)
    if entry is not None and entry.reason == "":
        return ix.display[next(iter(entry.codes))]
    if len(key) > 60:
        return None
    keys, codes = ix.suggestion_choices(len(key))
    best = process.extractOne(key, keys, scorer=fuzz.ratio, processor=None, score_cutoff=75)
    return ix.display[codes[best[2]]] if best else None


_DOTTED = re.compile(r"([^\W\d_]+)\.")


def read_abbreviated(
    ix: Index, prepped: str, token_lists: list[list[str]], acronyms: frozenset[str] = frozenset()
) -> Entry | None:
    """A name with words cut short and marked with a dot, as statistical tables write them
    ("Cent. African Rep.", "Antigua & Barb.", "Kingdom of the Neth."): each dotted word may
    stand for any word it begins, the others must be written out. An acronym among other
    words (acronyms: written in capitals or with dots, "F.S. Micronesia", "UK of Great
    Britain") stands for words with its initials. Only one country among all the names of
    tiers 0-2 that fit, and no non-country, is an answer."""
    cut = set(_DOTTED.findall(prepped))
    acronyms = acronyms.intersection(t for toks in token_lists if len(toks) > 1 for t in toks)
    if not cut and not acronyms:
        return None
    variants = [t for toks in token_lists for t in (toks, strip_form(toks)) if t]
    # A dotted word the tokens expanded ("St." to "saint", "Is." to "islands") may stand
    # for another word too: "Plurinational St. of" is a state, "Is. of Man" an isle. Only
    # these: "Rep."/"Dem." mean one word each, and read alike they stay in the tokens.
    for word in cut & _TWO_MEANINGS:
        (expanded,) = expansion(word) or ("",)
        for toks in list(variants):
            if expanded and expanded in toks:
                variants.append([word if t == expanded else t for t in toks])
    for toks in list(variants) if acronyms else ():
        for i, t in enumerate(toks):
            if t in acronyms and len(toks) > 1 and 2 <= len(t) <= 3 and t.isalpha():
                variants.append(toks[:i] + list(t) + toks[i + 1 :])
                cut.update(t)
    if not cut:
        return None
    for toks in variants:
        at = [i for i, t in enumerate(toks) if t in cut]
        if not at:
            continue
        found: set[Entry] = set()
        n = len(toks)
        whole = [i for i in range(n) if i not in at]
        pool = ix.words_at.get(
            (n, whole[0], toks[whole[0]]) if whole else (n, 0, "^" + toks[0][:1]), ()
        )
        keys = ix.words_by_len.get(n, {})
        for words in pool:
            key = keys[words]
            if all(
                w == t or (i in at and (w.startswith(t) or _contracted(t, w)))
                for i, (w, t) in enumerate(zip(words, toks, strict=True))
            ):
                entry = ix.main.final.get(key)
                if entry is not None:
                    found.add(entry)
        if found:
            codes = {c for e in found for c in e.codes}
            if all(e.reason == "" for e in found) and len(codes) == 1:
                return Entry("", frozenset(codes))
            return None
    return None


_TWO_MEANINGS = frozenset({"st", "sts", "is", "isl"})


def _contracted(short: str, word: str) -> bool:
    """Whether a dotted word is a contraction of a word: its head and its tail, the middle
    left out ("Grens." for Grenadines, "Sts." for States, "St." for Saint)."""
    if len(short) < 2 or len(short) >= len(word):
        return False
    return any(
        word.startswith(short[:i]) and word.endswith(short[i:]) for i in range(1, len(short))
    )


# The typo rule: a misspelt English name is read as that name only when it is 1-2 edits
# (Damerau-Levenshtein: insertions, deletions, substitutions, transpositions) from a tier-1
# name of 7 letters or more with the same first letter, every non-country and English name
# of another country is at least 2 edits further away, and no name in another language of
# another country is as close.
TYPO_MIN_TARGET = 7
# Names of six letters ("Sweden", "Uganda") are typo targets only for one slip of the hand:
# a letter doubled or dropped, or two neighbours swapped; never a changed letter, which turns
# six-letter names into one another ("Gambia", "Zambia") or into words.
TYPO_SHORT_TARGET = 6
TYPO_MIN_INPUT = 6
TYPO_MAX_EDITS = 2
TYPO_MARGIN = 2


def _letters(keys: list[str]) -> np.ndarray:
    """64-bit masks of the characters of non-empty keys (code point mod 64), computed at
    once: one edit changes at most two bits of a mask."""
    if not keys:
        return np.zeros(0, dtype=np.uint64)
    points = np.frombuffer("".join(keys).encode("utf-32-le"), dtype=np.uint32)
    bits = np.left_shift(np.uint64(1), (points % 64).astype(np.uint64))
    starts = np.cumsum([0] + [len(k) for k in keys[:-1]])
    return np.bitwise_or.reduceat(bits, starts)


def _typo_choices(ix: Index, length: int, reach: int) -> tuple[list[str], np.ndarray]:
    """Every key of the index close enough in length to be `reach` edits from a key this
    long, with the masks of their characters."""
    found = ix.typo_choices.get((length, reach))
    if found is None:
        if not ix.typo_masks:  # the masks of every key, by length, in one pass
            for n, keys in ix.keys_by_len.items():
                ix.typo_masks[n] = _letters(keys)
        lengths = [n for n in range(length - reach, length + reach + 1) if n in ix.keys_by_len]
        keys = [k for n in lengths for k in ix.keys_by_len[n]]
        masks = np.concatenate([ix.typo_masks[n] for n in lengths] or [_letters([])])
        found = ix.typo_choices[(length, reach)] = (keys, masks)
    return found


def _typo_targets(ix: Index, first: str) -> list[str]:
    """English names of one country, TYPO_SHORT_TARGET letters or more, by first letter."""
    if not ix.typo_targets:
        for k in sorted(ix.english_keys):
            if len(k) >= TYPO_SHORT_TARGET:
                ix.typo_targets.setdefault(k[0], []).append(k)
    return ix.typo_targets.get(first, [])


def _slip(key: str, target: str) -> bool:
    """One letter added or dropped, or two neighbouring letters swapped."""
    if abs(len(key) - len(target)) == 1:
        return Indel.distance(key, target) == 1
    return (
        len(key) == len(target) and OSA.distance(key, target) == 1 and sorted(key) == sorted(target)
    )


def read_typo(ix: Index, key: str, literal: str = "") -> str | None:
    """The country of a key that is a safe misspelling of one English name, else None: by
    plain edits with a margin of two, or by typing slips (see typing.py) with a margin of one
    edit."""
    if len(key) < TYPO_MIN_INPUT or not key.isalpha() or len(key) > 60:
        return None
    found = _read_plain_typo(ix, key) or _read_slip_typo(ix, key)
    if found is None:
        return None
    iso3, target = found
    # A city named like another country ("Salvador" in Brazil, "Guadalupe" in Mexico), kept
    # apart by the index (Index.shared_places), is a rival too, by the words as written,
    # when it is the name read or nearer than it: "Salvadar" and "Guadelupe" may be the
    # cities, "El Salvadar" and "Guadelope" are the countries.
    best = typing_distance(key, target)
    literal = literal or key
    for place in ix.shared_places:
        if (place == target and literal == key) or typing_distance(literal, place) < best:
            return None
    return iso3


def _read_plain_typo(ix: Index, key: str) -> tuple[str, str] | None:
    # Cheap first pass: a target within reach at all (most unknown answers have none).
    hits = process.extract(
        key,
        _typo_targets(ix, key[0]),
        scorer=OSA.distance,
        score_cutoff=TYPO_MAX_EDITS,
        limit=None,
    )
    hits = [(dist, k) for k, dist, _ in hits if dist >= 1]
    if not hits:
        return None
    best, target = min(hits)
    if len(target) < TYPO_MIN_TARGET and not _slip(key, target):
        return None
    entry = ix.main.final[target]
    if entry.reason != "" or len(entry.codes) != 1:
        return None
    if best == 2 and Levenshtein.distance(key, target) == 2 and Indel.distance(key, target) > 2:
        # Two edits of which one changes a letter ("Neverland" -> "Netherland") read as
        # another word as often as a typo: only dropped, doubled or swapped letters count.
        return None
    reach = best + TYPO_MARGIN - 1
    near = _within(key, _typo_choices(ix, len(key), reach), reach)
    for k, dist, _ in near:
        # A rival: a non-country (but a city of the country itself) or an English name of
        # another country less than TYPO_MARGIN edits further than the target, or a name in
        # another language at least as close as the target.
        rival = ix.main.final[k]
        if rival.reason == "city" and rival.codes == entry.codes:
            continue  # a city of the same country ("Tunis" for "Tunisa"): the same answer
        if rival != entry and (k in ix.tier01_keys or dist <= best):
            return None
    (iso3,) = entry.codes
    return None if _subdivision_rival(key, target, iso3, best, OSA.distance) else (iso3, target)


def _subdivision_rival(key: str, target: str, iso3: str, best: float, distance: Any) -> bool:
    """Whether a place of ISO 3166-2 is at least as close as the target by `distance`."""
    # Places of ISO 3166-2 at least as close are rivals too ("St. Helens", a town of England,
    # is no typo of Saint Helena), unless they lie in the country itself or bear the target's
    # name (France's subdivision "Martinique").
    places = _subdivision_keys()
    reach = int(2 * best) if distance is typing_distance else int(best)
    choices = [k for n in range(len(key) - reach, len(key) + reach + 1) for k in places.get(n, ())]
    near = process.extract(key, choices, scorer=OSA.distance, score_cutoff=reach, limit=None)
    return any(
        k != target and places[len(k)][k] - {iso3} and distance(key, k) <= best for k, _, _ in near
    )


# Typing slips (typing.py): a key at most one edit's worth of slips from an English name
# (two swaps, a changed vowel and a doubled letter...), every non-country and English name of
# another country at least one edit further, and every name in another language of another
# country further too.
TYPO_MAX_SLIPS = 1.0
TYPO_SLIP_MARGIN = 1.0
# Every slip costs at least half an edit: a name within 2 x TYPO_MAX_SLIPS of the key by
# the slip distance is within 2 x that plain edits, and the rivals within TYPO_SLIP_MARGIN
# more.
_SLIP_REACH = int(2 * (TYPO_MAX_SLIPS + TYPO_SLIP_MARGIN)) - 1


def _read_slip_typo(ix: Index, key: str) -> tuple[str, str] | None:
    """The country of a key that is a few typing slips from one English name, else None."""
    hits = process.extract(
        key,
        _typo_targets(ix, key[0]),
        scorer=OSA.distance,
        score_cutoff=int(2 * TYPO_MAX_SLIPS),
        limit=None,
    )
    scored = sorted((typing_distance(key, k), k) for k, dist, _ in hits if dist >= 1)
    if not scored or scored[0][0] > TYPO_MAX_SLIPS:
        return None
    best, target = scored[0]
    if len(target) < TYPO_MIN_TARGET and not _slip(key, target):
        return None
    if key.startswith(target) and key[len(target)] != target[-1]:
        return None  # a word made from the name ("Persian" from Persia), not a slip
    entry = ix.main.final[target]
    if entry.reason != "" or len(entry.codes) != 1:
        return None
    for k, _, _ in _within(key, _typo_choices(ix, len(key), _SLIP_REACH), _SLIP_REACH):
        rival = ix.main.final[k]
        dist = typing_distance(key, k)
        if rival == entry or (rival.reason == "city" and rival.codes == entry.codes):
            if rival.reason == "city" and dist < best:
                return None  # nearer the city than the country: "Algeirs" is Algiers
            continue
        if dist < best + TYPO_SLIP_MARGIN if k in ix.tier01_keys else dist <= best:
            return None
    (iso3,) = entry.codes
    if _subdivision_rival(key, target, iso3, best, typing_distance):
        return None
    return iso3, target


def _within(
    key: str, choices: tuple[list[str], np.ndarray], edits: int
) -> list[tuple[str, int, int]]:
    """The choices at most `edits` edits from key by optimal string alignment (a swap is one
    edit). It finds every name that Damerau-Levenshtein puts within reach but for contrived
    ones (a letter inserted between two swapped ones). The character masks leave out at
    once the names that differ in more than 2 x edits characters."""
    keys, masks = choices
    close = np.flatnonzero(np.bitwise_count(masks ^ _letters([key])[0]) <= 2 * edits)
    pool = [keys[i] for i in close]
    return process.extract(key, pool, scorer=OSA.distance, score_cutoff=edits, limit=None)


@functools.cache
def _subdivision_keys() -> dict[int, dict[str, frozenset[str]]]:
    """By key length: name key -> the countries (ISO3) with an ISO 3166-2 subdivision of that
    name."""
    by_len: dict[int, dict[str, frozenset[str]]] = {}
    for k, owners in subdivision_owners().items():
        by_len.setdefault(len(k), {})[k] = frozenset(owners)
    return by_len
