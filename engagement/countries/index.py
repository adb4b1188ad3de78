"""The name index: every known spelling of a country or non-answer by trust tier, built once."""

from __future__ import annotations

import csv
import functools
import re
import threading
from pathlib import Path
from typing import Any, NamedTuple

import pycountry

from .normalize import (
    HAS_UMLAUT,
    NON_ASCII_LATIN,
    TOKEN,
    UMLAUTS,
    bag_of,
    key_of,
    literal_key,
    normalize,
    prep,
    roman_key,
    strip_form,
    tokenize,
    word_orders,
)
from .words import GENERIC_WORDS, LIST_SEP

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
REFERENCE_CSV = DATA_DIR / "who_member_states.csv"
ALIASES_CSV = DATA_DIR / "country_aliases.csv"
NON_COUNTRIES_CSV = DATA_DIR / "countries" / "non_countries.csv"
TRANSLATIONS_TSV = DATA_DIR / "countries" / "translations.tsv"

TRANSLATIONS_HEADER = "tier\treason\tcodes\tname\ttokens\tloose_tokens\texact"


# Kinds of data/country_aliases.csv that are English names of a country (typo targets).
TYPO_ALIAS_KINDS = frozenset({"short", "long_form", "un", "wb", "imf", "former"})


class Entry(NamedTuple):
    """One reading of a key: a country, the candidates of an ambiguous name, or why none."""

    reason: str  # "" for a country, else a REASONS value or LISTED
    codes: frozenset[str]  # the country; the candidates; a city's country; or empty


# Internal reason of an answer that names several countries side by side ("Kenya Uganda",
# "Mali, Holy See"): unlike an ambiguous name ("Congo"), another part cannot narrow it down
# ("Congo, DRC" is the DRC; "Azerbaijan, Falkland Islands (Malvinas)" stays two countries).
# It reaches the caller as "ambiguous".
LISTED = "list"


class _TieredMap:
    """key -> Entry where the first tier to claim a key owns it; rivals in that tier tie."""

    def __init__(self) -> None:
        self.final: dict[str, Entry] = {}
        self._pending: dict[str, tuple[str, set[str]]] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # special-purpose clashes in one tier

    def claim(self, key: str, reason: str, codes: tuple[str, ...]) -> None:
        if not key or key in self.final:
            return
        if key in GENERIC_WORDS and reason in ("", "ambiguous"):
            return  # "islands" is no country, whatever a catalog says
        slot = self._pending.get(key)
        if slot is None:
            self._pending[key] = (reason, set(codes))
            return
        old_reason, old_codes = slot
        country_like = ("", "ambiguous")
        if old_reason in country_like and reason in country_like:
            merged = old_codes | set(codes)
            both_plain = old_reason == "" and reason == "" and len(merged) == 1
            self._pending[key] = ("" if both_plain else "ambiguous", merged)
        elif old_reason in country_like or reason in country_like:
            # A country in one source and a region (say) in another: name no country.
            merged = old_codes if old_reason in country_like else set(codes)
            self._pending[key] = ("ambiguous", merged)
        elif old_reason != reason or (reason == "city" and old_codes != set(codes)):
            self.conflicts.append((key, old_reason, reason))

    def close_tier(self) -> None:
        interned: dict[tuple[str, frozenset[str]], Entry] = {}
        for key, (reason, codes) in self._pending.items():
            if reason == "" and len(codes) > 1:
                reason = "ambiguous"
            ident = (reason, frozenset(codes))
            entry = interned.get(ident)
            if entry is None:
                entry = interned[ident] = Entry(*ident)
            self.final[key] = entry
        self._pending.clear()


class Index:
    """Every known spelling by key (in order, as a bag of words, with lost letters, as
    written), and the codes and WHO names of the reference table."""

    def __init__(self) -> None:
        self.main = _TieredMap()
        self.bags = _TieredMap()
        self.loose = _TieredMap()  # names with their non-ASCII letters lost ("Cte d'Ivoire")
        self.exact = _TieredMap()  # short accented names, matched as written ("Irã")
        self.roman = _TieredMap()  # names of tiers 0-2 by normalize.roman_key
        self.iso2: dict[str, str] = {}
        self.iso3: set[str] = set()
        self.m49: dict[int, str] = {}
        self.display: dict[str, str] = {}
        self.suggest_keys: list[str] = []
        self.suggest_iso3: list[str] = []
        self._choices: dict[int, tuple[list[str], list[str]]] = {}
        self.typo_choices: dict[tuple[int, int], tuple[list[str], Any]] = {}
        self.typo_targets: dict[str, list[str]] = {}
        self.typo_masks: dict[int, Any] = {}
        self.tier01_keys: set[str] = set()  # keys of non-countries and English names
        self.english_keys: set[str] = set()  # tier-1 keys of one country: typo targets
        self.demonym_keys: set[str] = set()  # "indian": a people, not a country's name
        self.keys_by_len: dict[int, list[str]] = {}
        # Names with a conjunction ("Trinidad and Tobago"): keys that are not lists.
        self.conj_keys: set[str] = set()
        # Cities named like another country, by their words as written ("salvador"): not
        # claimed as cities (they would hide "El Salvador"), they make the name ambiguous.
        self.shared_places: dict[str, frozenset[str]] = {}
        # Names of tiers 0-2 as words, by word count: abbreviated answers ("Cent. African
        # Rep.") are matched word by word against them (lookup.read_abbreviated).
        self.words_by_len: dict[int, dict[tuple[str, ...], str]] = {}
        self.words_at: dict[tuple[int, int, str], list[tuple[str, ...]]] = {}
        self._seen: set[tuple[str, str, tuple[str, ...]]] = set()

    def suggestion_choices(self, length: int) -> tuple[list[str], list[str]]:
        """English keys (and their countries) long enough and short enough to reach the
        suggestion cutoff (a ratio of 75 needs lengths within 0.6x..1.67x of each other)."""
        found = self._choices.get(length)
        if found is None:
            low, high = 0.6 * length, length / 0.6
            pairs = [
                (k, c)
                for k, c in zip(self.suggest_keys, self.suggest_iso3, strict=True)
                if low <= len(k) <= high
            ]
            found = self._choices[length] = ([k for k, _ in pairs], [c for _, c in pairs])
        return found

    def claim_name(self, name: str, reason: str, codes: tuple[str, ...], loose: bool) -> None:
        # The same spelling recurs in many catalogs; a repeat claim can change nothing.
        ident = (name, reason, codes)
        if ident in self._seen:
            return
        self._seen.add(ident)
        for toks in trusted_token_lists(name):
            self.main.claim(key_of(toks), reason, codes)
            self.bags.claim(bag_of(toks), reason, codes)
            self.add_words(toks)
        self.roman.claim(_roman_key_of_name(name), reason, codes)
        if loose and not name.isascii():
            dropped = NON_ASCII_LATIN.sub("", name.casefold())
            if dropped != name.casefold():
                for toks in trusted_token_lists(dropped):
                    self.loose.claim(key_of(toks), reason, codes)
        if reason == "" and not name.isascii() and HAS_UMLAUT.search(name):
            self.claim_name(name.translate(UMLAUTS), reason, codes, loose)

    def add_words(self, toks: list[str] | tuple[str, ...]) -> None:
        words = tuple(toks)
        if words in self.words_by_len.setdefault(len(words), {}):
            return
        self.words_by_len[len(words)][words] = key_of(words)
        # By (word count, position, word) and by (word count, position, "^" first letter):
        # an abbreviated answer scans only the names that share one of its words.
        for i, word in enumerate(words):
            self.words_at.setdefault((len(words), i, word), []).append(words)
            self.words_at.setdefault((len(words), i, "^" + word[:1]), []).append(words)

    def close_tier(self) -> None:
        self.main.close_tier()
        self.bags.close_tier()
        self.loose.close_tier()
        self.exact.close_tier()
        self.roman.close_tier()


_TRUSTED_MEMO: dict[str, tuple[list[str], ...]] = {}


def trusted_token_lists(name: str) -> tuple[list[str], ...]:
    """Token lists of a reference name's word orders (memoized: catalogs repeat names)."""
    found = _TRUSTED_MEMO.get(name)
    if found is None:
        variants = word_orders(prep(name, trusted=True))
        found = _TRUSTED_MEMO[name] = tuple(t for v in variants if (t := tokenize(v)))
    return found


def clear_token_memo() -> None:
    """Forget the memoized token lists once an index or a translations file is built."""
    _TRUSTED_MEMO.clear()


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def english_names(reference: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(iso3, name) for pycountry's name, official_name and common_name of each table row."""
    out = []
    for row in reference:
        country = pycountry.countries.get(alpha_3=row["iso3"])
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None) if country else None
            if name:
                out.append((row["iso3"], name))
    return out


def _translation_rows() -> dict[str, list[list[str]]]:
    """translations.tsv split into fields, by tier ("1", "2", "3")."""
    with TRANSLATIONS_TSV.open(encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    if not lines or lines[0] != TRANSLATIONS_HEADER:
        raise RuntimeError(f"{TRANSLATIONS_TSV} is not a translations file; regenerate it")
    by_tier: dict[str, list[list[str]]] = {}
    for line in lines[1:]:
        fields = line.split("\t")
        by_tier.setdefault(fields[0], []).append(fields)
    return by_tier


# Letters of the Latin script (with the extended blocks of romanisations: "ġ", "ḥ") and the
# apostrophes of romanised Arabic; a name with other letters has no roman key.
_NOT_LATIN = re.compile("[^\u0000-\u024f\u1e00-\u1eff\u2018\u2019\u02bb\u02bc]")


def _roman_key_of_name(name: str) -> str:
    """normalize.roman_key of a reference name, skipping at once the names that have none
    (one word, other scripts): most of the index's names."""
    if (" " not in name and "-" not in name) or _NOT_LATIN.search(name):
        return ""
    return roman_key(prep(name, trusted=True))


def _claim_rows(ix: Index, rows: list[list[str]], bags: bool) -> None:
    codes_of: dict[str, tuple[str, ...]] = {"": ()}
    main, bag, loose = ix.main.claim, ix.bags.claim, ix.loose.claim
    for _tier, reason, codes_text, name, tokens, loose_tokens, exact in rows:
        codes = codes_of.get(codes_text)
        if codes is None:
            codes = codes_of[codes_text] = tuple(codes_text.split("|"))
        if exact:
            ix.exact.claim(exact, reason, codes)
            continue
        for variant in tokens.split("|"):
            toks = variant.split(" ")
            main("".join(toks), reason, codes)
            if bags:  # tiers 1 and 2
                bag(" ".join(sorted(toks)), reason, codes)
                ix.add_words(toks)
        if bags:
            ix.roman.claim(_roman_key_of_name(name), reason, codes)
        if loose_tokens:
            for variant in loose_tokens.split("|"):
                loose(variant.replace(" ", ""), reason, codes)


@functools.cache
def subdivision_owners() -> dict[str, set[str]]:
    """Name key -> the countries (ISO3) that have an ISO 3166-2 subdivision of that name."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        owners.setdefault(normalize(sub.name), set()).add(alpha3.get(sub.country_code, ""))
    return owners


_INDEX: Index | None = None
_INDEX_LOCK = threading.Lock()


def get_index() -> Index:
    """The name index, built once per process on first use (about a quarter of a second)."""
    global _INDEX
    if _INDEX is None:
        with _INDEX_LOCK:  # Streamlit sessions may ask at once: build it once
            if _INDEX is None:
                _INDEX = _build_index()
    return _INDEX


def _cities_named_like_countries(
    reference: list[dict[str, str]],
    aliases: list[dict[str, str]],
    translations: dict[str, list[list[str]]],
    non_countries: list[dict[str, str]],
) -> set[str]:
    """Names of curated cities that a country name of tiers 1-3 also claims for another
    country ("Salvador": BRA, and SLV's "El Salvador" once the article drops; "Granada": ESP,
    and Spanish for Grenada; "Gold Coast": AUS, and the former name of Ghana)."""
    city_keys: dict[str, tuple[str, set[str]]] = {}
    for row in non_countries:
        if row["reason"] == "city" and row["iso3"]:
            for toks in trusted_token_lists(row["name"]):
                city_keys.setdefault(key_of(toks), (row["name"], set()))[1].add(row["iso3"])
    shared: set[str] = set()

    def check(key: str, iso3: str) -> None:
        found = city_keys.get(key)
        if found and iso3 not in found[1]:
            shared.add(found[0])

    names = [(row["iso3"], row["who_name"]) for row in reference] + english_names(reference)
    names += [(row["iso3"], row["name"]) for row in aliases if row["kind"] != "ambiguous"]
    for iso3, name in names:
        for toks in trusted_token_lists(name):
            check(key_of(toks), iso3)
    for rows in translations.values():
        for _tier, reason, codes, _name, tokens, _loose, _exact in rows:
            if reason == "" and tokens:
                for variant in tokens.split("|"):
                    check(variant.replace(" ", ""), codes)
    return shared


def _build_index() -> Index:
    ix = Index()
    reference = read_csv_rows(REFERENCE_CSV)
    for row in reference:
        iso3 = row["iso3"]
        ix.iso3.add(iso3)
        ix.iso2[row["iso2"]] = iso3
        if row["un_m49"]:
            ix.m49[int(row["un_m49"])] = iso3
        ix.display[iso3] = row["who_name"]
    aliases = read_csv_rows(ALIASES_CSV)
    translations = _translation_rows()
    non_countries = read_csv_rows(NON_COUNTRIES_CSV)
    shared = _cities_named_like_countries(reference, aliases, translations, non_countries)
    _claim_tier_0(ix, non_countries, aliases, shared)
    _claim_tier_1(ix, reference, aliases, translations.get("1", []))
    ix.tier01_keys = set(ix.main.final)
    # Tiers 2 and 3: names in other languages. Word-order (bag) matches stop at tier 2.
    _claim_rows(ix, translations.get("2", []), bags=True)
    ix.close_tier()
    _claim_rows(ix, translations.get("3", []), bags=False)
    ix.close_tier()
    clear_token_memo()
    for key in ix.main.final:
        ix.keys_by_len.setdefault(len(key), []).append(key)
    return ix


def _claim_tier_0(
    ix: Index, non_countries: list[dict[str, str]], aliases: list[dict[str, str]], shared: set[str]
) -> None:
    """Curated non-countries and names that stand for several countries."""
    for row in non_countries:
        codes = (row["iso3"],) if row["iso3"] else ()
        if row["reason"] == "city" and row["name"] in shared:
            literal = literal_key(TOKEN.findall(prep(row["name"], trusted=True)))
            ix.shared_places[literal] = ix.shared_places.get(literal, frozenset()) | set(codes)
            continue
        ix.claim_name(row["name"], row["reason"], codes, loose=False)
    for row in aliases:
        if row["kind"] == "ambiguous":
            ix.claim_name(row["name"], "ambiguous", tuple(row["iso3"].split("|")), loose=False)
    ix.close_tier()


def _claim_tier_1(
    ix: Index,
    reference: list[dict[str, str]],
    aliases: list[dict[str, str]],
    english_rows: list[list[str]],
) -> None:
    """WHO names, English names from pycountry and CLDR, curated aliases; then the names with
    a conjunction and the keys suggestions are made from, both taken from this tier."""
    for row in reference:
        ix.claim_name(row["who_name"], "", (row["iso3"],), loose=True)
    for iso3, msgid in english_names(reference):
        ix.claim_name(msgid, "", (iso3,), loose=True)
    for row in aliases:
        if row["kind"] != "ambiguous":
            ix.claim_name(row["name"], "", (row["iso3"],), loose=True)
        if row["kind"] == "demonym":
            ix.demonym_keys.update(key_of(toks) for toks in trusted_token_lists(row["name"]))
    _claim_rows(ix, english_rows, bags=True)
    ix.close_tier()
    conj_names = [row["who_name"] for row in reference]
    conj_names += [name for _, name in english_names(reference)]
    conj_names += [row["name"] for row in aliases]
    conj_names += [fields[3] for fields in english_rows]
    for name in conj_names:
        if LIST_SEP.search(prep(name, trusted=True)):
            for toks in trusted_token_lists(name):
                ix.conj_keys.update((key_of(toks), key_of(strip_form(toks))))
    for key, entry in ix.main.final.items():
        if entry.reason == "":
            ix.suggest_keys.append(key)
            ix.suggest_iso3.append(next(iter(entry.codes)))
    # Typo targets: English names only (not endonyms such as "Nederland", which would make
    # "Neverland" a typo, nor demonyms or codes).
    english = [row["who_name"] for row in reference] + [n for _, n in english_names(reference)]
    english += [r["name"] for r in aliases if r["kind"] in TYPO_ALIAS_KINDS]
    # The nations of the United Kingdom by their ISO 3166-2 names ("Scotland", not "Escocia").
    owners = subdivision_owners()
    english += [
        r["name"]
        for r in aliases
        if r["kind"] == "constituent" and r["iso3"] in owners.get(normalize(r["name"]), ())
    ]
    english += [fields[3] for fields in english_rows if fields[1] == ""]
    for name in english:
        for toks in trusted_token_lists(name):
            entry = ix.main.final.get(key_of(toks))
            if entry is not None and entry.reason == "" and len(entry.codes) == 1:
                ix.english_keys.add(key_of(toks))
