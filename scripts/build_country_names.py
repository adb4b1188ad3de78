"""Regenerate the name data of the country resolver (engagement/countries/).

    .venv/bin/python scripts/build_country_names.py          # data/countries/translations.tsv
    .venv/bin/python scripts/build_country_names.py --cldr   # data/countries/cldr_names.csv too
    .venv/bin/python scripts/build_country_names.py --mledoze F.json  # mledoze_names.csv
    .venv/bin/python scripts/build_country_names.py --iso-search F.json  # iso_search_names.csv

translations.tsv is made from pycountry's gettext catalogs (iso3166-1: countries; iso3166-3:
former states with one successor, see HISTORIC_LEFT_OUT), cldr_names.csv and the ambiguous
rows of data/country_aliases.csv. Rerun after upgrading pycountry, after editing those rows or
after changing the normalization; tests/test_countries.py fails while the file is stale.

cldr_names.csv holds the Unicode CLDR territory names (common short names in many languages:
"Russie", "Rusia", "Россия", "Corée du Sud") as shipped by the `babel` package. Only --cldr
needs babel (`pip install babel`); the project does not depend on it at run time.

mledoze_names.csv holds the names of mledoze/countries (ODbL 1.0; official names in each
country's own languages and 24 others, any script; alternative spellings), read from its
countries.json at commit 5e9f370050f83ad2ba4cb885f75d66114badf72c: pass the file's path with
--mledoze or in $MLEDOZE_COUNTRIES_JSON. former_names.csv (hand-kept, a source per name) holds
former names in other languages. Both go into translations.tsv (see data/countries/README.md).

iso_search_names.csv holds the aliases of country-iso-search 0.1.2 (Plotly, MIT; curated from
GeoNames, CLDR and Wikidata: romanised official names, former names, territories' names). The
npm package ships them as JavaScript; dump them to JSON with node, then pass --iso-search:
    npm pack country-iso-search@0.1.2 && tar xzf country-iso-search-0.1.2.tgz
    node -e 'const m=require("./package/dist/index.cjs"); require("fs").writeFileSync("cis.json",
      JSON.stringify(m.COUNTRIES.map(c=>({iso3:c.iso3,name:c.name,aliases:c.aliases}))))'
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import struct
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pycountry
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engagement.countries.index import (  # noqa: E402
    ALIASES_CSV,
    DATA_DIR,
    REFERENCE_CSV,
    TRANSLATIONS_HEADER,
    TRANSLATIONS_TSV,
    clear_token_memo,
    english_names,
    read_csv_rows,
    subdivision_owners,
    trusted_token_lists,
)
from engagement.countries.normalize import (  # noqa: E402
    HAS_UMLAUT,
    NON_ASCII_LATIN,
    UMLAUTS,
    bag_of,
    key_of,
    normalize,
    prep,
)
from engagement.countries.words import GENERIC_WORDS  # noqa: E402

CLDR_CSV = DATA_DIR / "countries" / "cldr_names.csv"
MLEDOZE_CSV = DATA_DIR / "countries" / "mledoze_names.csv"
MLEDOZE_ENV = "MLEDOZE_COUNTRIES_JSON"
FORMER_CSV = DATA_DIR / "countries" / "former_names.csv"
ISO_SEARCH_CSV = DATA_DIR / "countries" / "iso_search_names.csv"
LOCALES_DIR = Path(pycountry.__file__).resolve().parent / "locales"

# Names in other languages (pycountry's gettext catalogs, CLDR) are trusted by tier, and a
# lower tier never overrides a higher one. Tier 2 holds the six UN languages and other widely
# used, well-reviewed languages; every other language is tier 3 (some of pycountry's minor
# catalogs contain plain mistakes, e.g. Malaysia spelt "Mexico").
MAJOR_LANGUAGES = frozenset(
    "ar zh fr ru es pt de it nl ja ko tr id pl sv da nb fi cs el he hi uk vi ro hu ca ms fa".split()
)
# CLDR territory codes that are not ISO 3166-1 codes of the reference table.
_CLDR_EXTRA_CODES = {"AC": "SHN", "TA": "SHN", "DG": "IOT"}
_CLDR_SPECIAL_CODES = {"EU": "region", "EZ": "region", "QO": "region", "IC": "region",
                       "EA": "region", "UN": "not a country", "ZZ": "empty"}  # fmt: skip

# Former states of ISO 3166-3 (pycountry.historic_countries) with one clear successor: the
# last two letters of the alpha-4 code name it (DYBJ: Dahomey -> BJ, Benin). Left out: codes
# ending HH/XX/AA... that name no successor, Antarctic claims (a part of Antarctica; pycountry's
# Arabic catalog also gives one of them the name of British Indian Ocean Territory), Sikkim
# (now a state of India, a place and not a country), and the halves of states that were
# split in two (East Germany, North Vietnam, South Yemen): ISO names the state that absorbed
# them, but "East Germany" is no answer for Germany (data/countries/non_countries.csv).
HISTORIC_LEFT_OUT = frozenset({"DDDE", "VDVN", "YDYE", "SKIN", "BQAQ", "NQAQ"})


def historic_successors(reference: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(iso3, English name) of each former state with one successor in the reference table."""
    iso3_of = {row["iso2"]: row["iso3"] for row in reference}
    out = []
    for country in pycountry.historic_countries:
        iso3 = iso3_of.get(country.alpha_4[2:])
        if iso3 and country.alpha_4 not in HISTORIC_LEFT_OUT:
            out.append((iso3, country.name))
    return out


def historic_forms(name: str) -> list[str]:
    """A former name as ISO writes it ("Upper Volta, Republic of") and its short form (the
    part before the comma, "Upper Volta"): nobody types the inverted long form."""
    short = name.split(",")[0].strip()
    return [name, short] if short and short != name else [name]


# Words of the form of a state rather than its identity. A translation whose name, without
# them, is the English name of another country ("Republica Nigeria", Romanian for Niger, is
# "Republic of Nigeria") is dropped from translations.tsv.
FORM_WORDS = frozenset(
    "republic fed democratic peoples kingdom state states united islamic socialist union "
    "commonwealth principality grand duchy sultanate confederation plurinational bolivarian "
    "independent cooperative constitutional hashemite emirate government".split()
)


# CLDR locales read (base language, or language_Script where the script changes the names).
CLDR_LOCALES = (
    "en", "en_GB", "ar", "zh", "zh_Hant", "zh_Hant_HK", "fr", "fr_CA", "ru", "es", "es_419",
    "es_MX", "pt", "pt_PT", "de", "de_CH", "it", "nl", "ja", "ko", "tr", "id", "pl", "sv",
    "da", "nb", "nn", "fi", "cs", "el", "he", "hi", "uk", "vi", "ro", "hu", "ca", "ms", "fa",
    "af", "am", "az", "be", "bg", "bn", "bs", "cy", "et", "eu", "fil", "ga", "gl", "gu", "ha",
    "hr", "hy", "ig", "is", "ka", "kk", "km", "kn", "ky", "lb", "ln", "lo", "lt", "lv", "mg",
    "mk", "ml", "mn", "mr", "mt", "my", "ne", "om", "pa", "ps", "rw", "si", "sk", "sl", "sn",
    "so", "sq", "sr", "sr_Latn", "sw", "ta", "te", "tg", "th", "ti", "tk", "ur", "uz", "wo",
    "xh", "yo", "zu", "ckb", "ku", "eo", "la",
)  # fmt: skip


# (name, reason, codes, ambiguity): a name of one source, with the candidates and the token
# count of the ambiguous English name it translates ("Congo"), if any.
Name = tuple[str, str, str, tuple[str, int] | None]


class _English(NamedTuple):
    """What a translation is checked against: the English names of every country."""

    keys: list[str]  # sorted keys of the English names
    cores: dict[str, set[str]]  # keys without form words -> their countries
    code_owner: dict[str, str]  # folded ISO codes -> their country


def read_mo(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a gettext .mo file (what gettext.GNUTranslations reads, faster)."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    count, ids_at, strs_at = struct.unpack_from(order + "3I", data, 8)
    ids = struct.unpack_from(f"{order}{2 * count}I", data, ids_at)
    strs = struct.unpack_from(f"{order}{2 * count}I", data, strs_at)
    out: dict[str, str] = {}
    for i in range(0, 2 * count, 2):
        msgid = data[ids[i + 1] : ids[i + 1] + ids[i]]
        if not msgid or b"\x00" in msgid or b"\x04" in msgid:
            continue  # the header, plural forms and contexts: none name a country
        msgstr = data[strs[i + 1] : strs[i + 1] + strs[i]]
        out[msgid.decode("utf-8")] = msgstr.decode("utf-8")
    return out


def _catalogs(domain: str = "iso3166-1") -> dict[str, dict[str, str]]:
    return {
        mo.parent.parent.name: read_mo(mo)
        for mo in sorted(LOCALES_DIR.glob(f"*/LC_MESSAGES/{domain}.mo"))
    }


def _base_language(locale: str) -> str:
    return locale.replace("@", "_").split("_")[0]


def cores(toks: list[str]) -> tuple[str, ...]:
    """Keys of a name without its form words (FORM_WORDS), in order and as a bag."""
    core = [t for t in toks if t not in FORM_WORDS]
    return (key_of(core), bag_of(core)) if core else ()


def _near_english(key: str, english: list[str]) -> bool:
    near = process.extract(key, english, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return any(score == 1 for _, score, _ in near)


def build_translation_rows() -> list[str]:
    """The lines of data/countries/translations.tsv: names in other languages, pre-tokenized.

    Made from pycountry's gettext catalogs and data/countries/cldr_names.csv. Rerun after a
    pycountry upgrade, a change to the ambiguous rows of the alias file or to the
    normalization; a test fails while the file is stale.
    """
    reference = read_csv_rows(REFERENCE_CSV)
    aliases = read_csv_rows(ALIASES_CSV)
    english = english_names(reference)
    sources = _sources(reference, english, _bare_names(aliases, english))
    checks = _english_checks(reference, aliases, english, sources)
    rows = [TRANSLATIONS_HEADER]
    seen: set[tuple[str, str, str]] = set()
    for tier, names in sources:
        claims, owners = _claims(tier, names, checks)
        rows += _lines(tier, claims, owners, seen)
    clear_token_memo()
    return rows


def _bare_names(
    aliases: list[dict[str, str]], english: list[tuple[str, str]]
) -> dict[str, tuple[str, int]]:
    """Candidates of English ISO names that are ambiguous on their own ("Congo"), and the
    token count of that bare name, by name and by code: a translation no longer than it is
    just as ambiguous."""
    ambiguous = {normalize(r["name"]): r["iso3"] for r in aliases if r["kind"] == "ambiguous"}
    bare: dict[str, tuple[str, int]] = {}
    for iso3, msgid in english:
        if normalize(msgid) in ambiguous:
            bare[msgid] = (ambiguous[normalize(msgid)], len(trusted_token_lists(msgid)[0]))
            bare[iso3] = bare[msgid]
    return bare


def _sources(
    reference: list[dict[str, str]],
    english: list[tuple[str, str]],
    bare: dict[str, tuple[str, int]],
) -> list[tuple[int, list[Name]]]:
    """(tier, names) of each pycountry catalog and CLDR locale, in tier order."""
    sources: list[tuple[int, list[Name]]] = []
    for locale, catalog in _catalogs().items():
        tier = 2 if _base_language(locale) in MAJOR_LANGUAGES else 3
        names: list[Name] = [
            (catalog[msgid], "", iso3, bare.get(msgid))
            for iso3, msgid in english
            if catalog.get(msgid) and catalog[msgid] != msgid
        ]
        sources.append((tier, names))
    historic = historic_successors(reference)
    sources.append((1, [(form, "", iso3, None) for iso3, name in historic
                        for form in historic_forms(name)]))  # fmt: skip
    for locale, catalog in _catalogs("iso3166-3").items():
        tier = 2 if _base_language(locale) in MAJOR_LANGUAGES else 3
        names = [
            (form, "", iso3, None)
            for iso3, msgid in historic
            if catalog.get(msgid) and catalog[msgid] != msgid
            for form in historic_forms(catalog[msgid])
        ]
        sources.append((tier, names))
    iso3_of = {row["iso2"]: row["iso3"] for row in reference} | _CLDR_EXTRA_CODES
    cldr: dict[str, list[Name]] = {}
    for row in read_csv_rows(CLDR_CSV):
        code, name = row["code"], row["name"]
        if code.isdigit() or code in _CLDR_SPECIAL_CODES:
            entry = (name, _CLDR_SPECIAL_CODES.get(code, "region"), "", None)
        elif code in iso3_of:
            entry = (name, "", iso3_of[code], bare.get(iso3_of[code]))
        else:
            continue  # Clipperton, Sark, pseudo-locales: not in the reference table
        cldr.setdefault(row["locale"], []).append(entry)
    for locale, names in cldr.items():
        language = _base_language(locale)
        tier = 1 if language == "en" else 2 if language in MAJOR_LANGUAGES else 3
        sources.append((tier, names))
    sources.append((2, territory_parts(reference)))
    claimed = _claimed(sources)
    contested: dict[str, tuple[str, set[str]]] = {}
    sources += _mledoze_sources(bare, claimed, sources, contested)
    # A name that one source alone gives to one country and mledoze to another is a slip of
    # one of them (pycountry's Arabic catalog names Moldova "المالديف", the Maldives): it is
    # ambiguous between the two.
    sources = [(tier, [n for n in names if normalize(n[0]) not in contested])
               for tier, names in sources]  # fmt: skip
    sources.append((2, [(name, "ambiguous", "|".join(sorted(codes)), None)
                        for name, codes in contested.values()]))  # fmt: skip
    # Former names in other languages (hand-kept, each with its source: the renaming or
    # independence that ended the name): tier 2, and only where no other source gives the
    # name to another country.
    former = [(r["name"], "", r["iso3"], None) for r in read_csv_rows(FORMER_CSV)
              if set(claimed.get(normalize(r["name"]), {r["iso3"]: 1})) == {r["iso3"]}]  # fmt: skip
    sources.append((2, former))
    sources.sort(key=lambda source: source[0])
    return sources


# ISO 3166-2 types of the parts of a territory that name it: the islands of the United States
# Minor Outlying Islands ("Howland Island", "Palmyra Atoll"), Ascension and Tristan da Cunha
# (Saint Helena), Bonaire, Saba and Sint Eustatius (the special municipalities of BES).
_TERRITORY_PART_TYPES = frozenset({"Islands, groups of islands", "Island", "Geographical entity"})
_TERRITORY_PART_EXTRA = frozenset({("BQ", "Special municipality")})


def territory_parts(reference: list[dict[str, str]]) -> list[Name]:
    """Names of the island parts of the territories ("other" rows of the reference table):
    such an island is an answer for its territory (a part of a member state is not)."""
    territories = {r["iso2"]: r["iso3"] for r in reference if r["member_type"] == "other"}
    return [
        (sub.name, "", territories[sub.country_code], None)
        for sub in sorted(pycountry.subdivisions, key=lambda sub: sub.code)
        if sub.country_code in territories
        and (
            sub.type in _TERRITORY_PART_TYPES
            or (sub.country_code, sub.type) in _TERRITORY_PART_EXTRA
        )  # fmt: skip
    ]


# mledoze/countries names its languages by ISO 639-3 (or 639-2/B: "per"); the tier of a
# translation depends on its ISO 639-1 language as for the other sources.
_MLEDOZE_LANGUAGES = {
    "ara": "ar", "bre": "br", "ces": "cs", "deu": "de", "est": "et", "fin": "fi", "fra": "fr",
    "hrv": "hr", "hun": "hu", "ita": "it", "jpn": "ja", "kor": "ko", "nld": "nl", "per": "fa",
    "pol": "pl", "por": "pt", "rus": "ru", "slk": "sk", "spa": "es", "srp": "sr", "swe": "sv",
    "tur": "tr", "urd": "ur", "zho": "zh",
}  # fmt: skip
# cca3 codes of mledoze/countries that differ from the reference table's.
_MLEDOZE_CODES = {"UNK": "XKX"}
# Alternative spellings that are no name of the country: Thai "prathet" is "country".
_MLEDOZE_LEFT_OUT = frozenset({"Prathet"})


def _bare_code(name: str, codes: str, ambiguity: tuple[str, int] | None) -> str:
    """ "ambiguous" for a name as bare as an ambiguous English name ("الكونغو"), else codes."""
    if ambiguity and len((trusted_token_lists(name) or [[]])[0]) <= ambiguity[1]:
        return "ambiguous"
    return codes


def _claimed(sources: list[tuple[int, list[Name]]]) -> dict[str, dict[str, int]]:
    """Normalized name -> the codes (or reasons) the sources so far give it, any tier, each
    with the number of sources that do."""
    claimed: dict[str, dict[str, int]] = {}
    for _, names in sources:
        for key, code in {(normalize(n), r or _bare_code(n, c, a)) for n, r, c, a in names}:
            claimed.setdefault(key, {}).setdefault(code, 0)
            claimed[key][code] += 1
    return claimed


def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", prep(name, trusted=True)))


def _within_other(
    sources: list[tuple[int, list[Name]]], claimed: dict[str, dict[str, int]]
) -> Callable[[str, str], bool]:
    """A test of a new name: are its words all in a name that the sources give to another
    country, while none of them gives it to its own? Such a name is too bare to tell them
    apart (Spanish "Islas Vírgenes" is in "Islas Vírgenes de los Estados Unidos")."""
    by_word: dict[str, list[tuple[frozenset[str], str]]] = {}
    for _, names in sources:
        for name, reason, codes, _ in names:
            words = _words(name)
            for word in words:
                by_word.setdefault(word, []).append((words, reason or codes))

    def test(name: str, iso3: str) -> bool:
        if iso3 in claimed.get(normalize(name), ()):
            return False
        words = _words(name)
        if not words:
            return False
        rarest = min(words, key=lambda word: len(by_word.get(word, ())))
        return any(code != iso3 and words <= other for other, code in by_word.get(rarest, ()))

    return test


def _mledoze_sources(
    bare: dict[str, tuple[str, int]],
    claimed: dict[str, dict[str, int]],
    sources: list[tuple[int, list[Name]]],
    contested: dict[str, tuple[str, set[str]]],
) -> list[tuple[int, list[Name]]]:
    """(tier, names) of data/countries/mledoze_names.csv: the English names (tier 1), the
    names in each country's own languages (tier 2: a state's own name for itself, in any
    script), the translations (tier of their language) and the alternative spellings (tier
    2). A common name as bare as an ambiguous English name ("Kongo") stays ambiguous. A
    name that pycountry or CLDR give to another country (or to a region) is dropped, and
    when a single source of theirs does so, the name goes into `contested` (one of the two
    has a slip: the name becomes ambiguous between the two countries)."""
    by_tier: dict[int, list[Name]] = {}
    within_other = _within_other(sources, claimed)
    subdivisions = subdivision_owners()
    own_words = {
        r["iso3"]: frozenset(w for w in _words(r["who_name"]) if len(w) > 3) - GENERIC_WORDS
        for r in read_csv_rows(REFERENCE_CSV)
        if r["member_type"] == "other"
    }
    aliases = read_csv_rows(ALIASES_CSV)
    demonym_countries = {r["iso3"] for r in aliases if r["kind"] == "demonym"}
    # country-iso-search's aliases are read as alternative spellings (same tier, same guards).
    extra = [{"source": "altSpellings", "lang": "", "iso3": r["iso3"], "name": r["name"]}
             for r in read_csv_rows(ISO_SEARCH_CSV)]  # fmt: skip
    for row in [*read_csv_rows(MLEDOZE_CSV), *extra]:
        source, lang, iso3, name = row["source"], row["lang"], row["iso3"], row["name"]
        if source.startswith("name."):
            tier = 1
        elif source.startswith("translations."):
            tier = 2 if _MLEDOZE_LANGUAGES.get(lang) in MAJOR_LANGUAGES else 3
        else:
            tier = 2
        support = claimed.get(normalize(name), {})
        others = {c: n for c, n in support.items() if c != iso3}
        one_country = len(others) == 1 and len(next(iter(others))) == 3  # no region, no "A|B"
        if iso3 not in support and one_country and sum(others.values()) == 1:
            contested[normalize(name)] = (name, {iso3, *others})
        if others or within_other(name, iso3):
            continue
        # A place of another country ("Portuguesa", a state of Venezuela), or a one-word
        # spelling of 4 letters or fewer ("Mann", "Viti"): too likely to be something else.
        place_of_other = subdivisions.get(normalize(name), {iso3}) - {iso3}
        # ...unless the name holds the territory's own name: ISO 3166-2 lists Åland as a
        # region of Finland, "Landskapet Åland", which is Åland's own official name.
        if place_of_other and not _words(name) & own_words.get(iso3, frozenset()):
            continue
        if name in _MLEDOZE_LEFT_OUT:
            continue
        if source == "altSpellings" and " " not in name and len(name) <= 4:
            continue
        # A demonym is a name only where the alias file takes the English one as an answer
        # ("Algerian"; not "French", a language): then its French forms too.
        if source.startswith("demonyms.") and iso3 not in demonym_countries:
            continue
        ambiguity = None if source.endswith("official") else bare.get(iso3)
        by_tier.setdefault(tier, []).append((name, "", iso3, ambiguity))
    return sorted(by_tier.items())


def _english_checks(
    reference: list[dict[str, str]],
    aliases: list[dict[str, str]],
    english: list[tuple[str, str]],
    sources: list[tuple[int, list[Name]]],
) -> _English:
    """The English names (WHO, pycountry, aliases, CLDR English) as keys, as keys without
    their form words ("Republic of Nigeria" -> "nigeria"), and the ISO codes."""
    names = [(r["iso3"], r["who_name"]) for r in reference] + english
    names += [(r["iso3"], r["name"]) for r in aliases if r["kind"] != "ambiguous"]
    names += [(codes, name) for tier, source in sources if tier == 1
              for name, reason, codes, _ in source if reason == ""]  # fmt: skip
    keys: list[str] = []
    cores_of: dict[str, set[str]] = {}
    for iso3, name in names:
        for toks in trusted_token_lists(name):
            keys.append(key_of(toks))
            for core in cores(toks):
                cores_of.setdefault(core, set()).add(iso3)
    code_owner = {r["iso3"].lower(): r["iso3"] for r in reference}
    code_owner |= {r["iso2"].lower(): r["iso3"] for r in reference}
    return _English(sorted(set(keys)), cores_of, code_owner)


def _claims(
    tier: int, names: list[Name], english: _English
) -> tuple[list[tuple[str, str, str, str]], dict[str, set[str]]]:
    """The (name, key, reason, codes) a source may claim, and the claimants of each key."""
    claims: list[tuple[str, str, str, str]] = []
    owners: dict[str, set[str]] = {}
    for name, reason, codes, ambiguity in names:
        token_lists = trusted_token_lists(name)
        if not token_lists:
            continue
        key = key_of(token_lists[0])
        # A translation as bare as an ambiguous English name ("Congo" -> "Kongo") is
        # ambiguous too; a more explicit one ("République du Congo") is not.
        if ambiguity and len(token_lists[0]) <= ambiguity[1]:
            claims.append((name, key, "ambiguous", ambiguity[0]))
            continue
        # A tier-3 name one letter away from an English name ("Denmak", "Burundii", "Qamar"
        # for the Comoros) adds little as a translation and would turn typos into answers.
        if tier == 3 and reason == "" and _near_english(key, english.keys):
            continue
        # A translation that is another country's English name but for its form words
        # ("Republica Nigeria", Romanian for Niger; "Republik Dominica", Indonesian for the
        # Dominican Republic) would take that name's long forms ("Nigeria Republic").
        if reason == "" and any(
            codes not in english.cores.get(core, (codes,))
            for toks in token_lists
            for core in cores(toks)
        ):
            continue
        # A name spelled like another country's ISO code ("Nga", Vietnamese for Russia,
        # is NGA: Nigeria) would take that code from lower-case input. Short accented
        # names are safe: they are matched only as written.
        short_accented = len(key) <= 3 and not name.isascii()
        if english.code_owner.get(key, codes) != codes and not short_accented:
            continue
        claims.append((name, key, reason, codes))
        owners.setdefault(key, set()).add(f"{reason}:{codes}")
    return claims, owners


def _lines(
    tier: int,
    claims: list[tuple[str, str, str, str]],
    owners: dict[str, set[str]],
    seen: set[tuple[str, str, str]],
) -> list[str]:
    """The lines of translations.tsv for the claims of one source."""
    lines = []
    for name, key, reason, codes in claims:
        # A source that gives one spelling to two countries contradicts itself (pt_BR
        # names Afghanistan "República Islâmica do Paquistão"): trust neither claim.
        if reason != "ambiguous" and len(owners[key]) > 1:
            continue
        spellings = [name]
        if reason == "" and HAS_UMLAUT.search(name):
            spellings.append(name.translate(UMLAUTS))  # "Oesterreich"
        for spelling in spellings:
            if (spelling, reason, codes) in seen:
                continue  # the same spelling from a higher tier or another source
            seen.add((spelling, reason, codes))
            lines.append(_line(tier, reason, codes, spelling))
    return lines


def _line(tier: int, reason: str, codes: str, spelling: str) -> str:
    token_lists = trusted_token_lists(spelling)
    if len(key_of(token_lists[0])) <= 3 and not spelling.isascii():
        # Short names that folding would blur ("Irã" is not "Ira", "Đức" is not "Duc"):
        # matched only as written.
        exact = unicodedata.normalize("NFC", spelling).casefold()
        return f"{tier}\t{reason}\t{codes}\t{spelling}\t\t\t{exact}"
    tokens = "|".join(" ".join(t) for t in token_lists)
    loose = ""
    if tier <= 2 and not spelling.isascii():
        dropped = NON_ASCII_LATIN.sub("", spelling.casefold())
        if dropped != spelling.casefold():
            loose = "|".join(" ".join(t) for t in trusted_token_lists(dropped))
    return f"{tier}\t{reason}\t{codes}\t{spelling}\t{tokens}\t{loose}\t"


def write_cldr() -> int:
    from babel import Locale, __version__
    from babel.core import UnknownLocaleError

    rows: dict[tuple[str, str, str], None] = {}
    for ident in CLDR_LOCALES:
        try:
            locale = Locale.parse(ident)
        except (UnknownLocaleError, ValueError):
            print(f"babel {__version__} has no locale {ident}; skipped", file=sys.stderr)
            continue
        for code, name in sorted(locale.territories.items()):
            rows[(ident, code, name)] = None
    with CLDR_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["locale", "code", "name"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} CLDR names (babel {__version__}) to {CLDR_CSV}")
    return 0


def mledoze_rows(path: Path, known: set[str]) -> list[tuple[str, str, str, str]]:
    """(source, lang, iso3, name) of a mledoze/countries countries.json: name.common and
    .official, name.native.<lang>.*, translations.<lang>.*, altSpellings, demonyms.<lang>.f/m
    (English and French: "Algérienne" makes "République algérienne"). Left out: names of
    3 letters or fewer once folded (codes, "UK", "Irã"), and any name that two countries
    share (folded), so that no name of this source can give a wrong country."""
    import json

    rows: list[tuple[str, str, str, str]] = []
    for entry in json.loads(path.read_text(encoding="utf-8")):
        iso3 = _MLEDOZE_CODES.get(entry["cca3"], entry["cca3"])
        if iso3 not in known:
            continue
        rows += [(f"name.{k}", "", iso3, entry["name"][k]) for k in ("common", "official")]
        for field in ("native", "translations"):
            names = entry["name"]["native"] if field == "native" else entry["translations"]
            for lang, forms in sorted(names.items()):
                rows += [(f"{field}.{k}", lang, iso3, forms[k]) for k in ("official", "common")]
        rows += [("altSpellings", "", iso3, name) for name in entry.get("altSpellings", [])]
        for lang, forms in sorted(entry.get("demonyms", {}).items()):
            rows += [(f"demonyms.{k}", lang, iso3, forms[k]) for k in ("f", "m") if forms[k]]
    owners: dict[str, set[str]] = {}
    for _, _, iso3, name in rows:
        owners.setdefault(normalize(name), set()).add(iso3)
    out: dict[tuple[str, str, str, str], None] = {}
    for row in rows:
        # Letters as written: "ST" (a code of São Tomé) would normalize to "saint".
        if sum(ch.isalpha() for ch in row[3]) > 3 and len(owners[normalize(row[3])]) == 1:
            out[row] = None
    return list(out)


def write_mledoze(path: Path) -> int:
    """Write data/countries/mledoze_names.csv from a mledoze/countries countries.json."""
    known = {row["iso3"] for row in read_csv_rows(REFERENCE_CSV)}
    rows = mledoze_rows(path, known)
    with MLEDOZE_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["source", "lang", "iso3", "name"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} mledoze/countries names to {MLEDOZE_CSV}")
    return 0


# Aliases of country-iso-search that name no one country: a bare form word ("la
# république", "bundesrepublik", "grand duché"), "special municipality", "southern provinces",
# "second republic", regions ("central africa", "guiana", "hindustan"; "grenadines", shared
# by Grenada and Saint Vincent), places ("santo domingo", "saint pierre", "garden city"),
# states of the past that were larger than today's country ("papal state", "nueva españa",
# "netherlands antilles"), a name of either China ("chinese republic"), words ("heard",
# "liber", "spore") and a county of China ("tianzhu").
_ISO_SEARCH_LEFT_OUT = frozenset({
    "la republique", "bijzondere gemeente", "southern provinces", "zweite republik",
    "central africa", "guiana", "santo domingo", "bundesrepublik", "eidgenossenschaft",
    "netherlands antilles", "hindoostan", "hindustan", "al hind", "grenadines",
    "saint pierre", "heard", "mcdonald", "garden city", "lion city", "spore",
    "chinese republic", "liber", "papal state", "nueva espana", "grand duche", "tianzhu",
    "union islands", "bal bo", "balbo", "balpo",
})  # fmt: skip


def write_iso_search(path: Path) -> int:
    """Write data/countries/iso_search_names.csv (iso3, name) from a JSON dump of
    country-iso-search's COUNTRIES: the English name and the aliases of each record whose
    code is in the reference table. Left out: emoji flags, names of 3 letters or fewer,
    _ISO_SEARCH_LEFT_OUT, and any name (folded) the table gives to two countries."""
    import json

    known = {row["iso3"] for row in read_csv_rows(REFERENCE_CSV)}
    rows = [(r["iso3"], name) for r in json.loads(path.read_text(encoding="utf-8"))
            if r["iso3"] in known for name in [r["name"], *r["aliases"]]]  # fmt: skip
    owners: dict[str, set[str]] = {}
    for iso3, name in rows:
        owners.setdefault(normalize(name), set()).add(iso3)
    out = {
        (iso3, name): None
        for iso3, name in rows
        if sum(ch.isalpha() for ch in name) > 3
        and name not in _ISO_SEARCH_LEFT_OUT
        and len(owners[normalize(name)]) == 1
    }
    with ISO_SEARCH_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["iso3", "name"])
        writer.writerows(out)
    print(f"wrote {len(out)} country-iso-search names to {ISO_SEARCH_CSV}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cldr", action="store_true", help="refresh cldr_names.csv (babel)")
    parser.add_argument(
        "--mledoze",
        metavar="COUNTRIES_JSON",
        default=os.environ.get(MLEDOZE_ENV),
        help=f"refresh mledoze_names.csv from mledoze's countries.json (or ${MLEDOZE_ENV})",
    )
    parser.add_argument(
        "--iso-search",
        metavar="COUNTRIES_JSON",
        help="refresh iso_search_names.csv from a JSON dump of country-iso-search's COUNTRIES",
    )
    args = parser.parse_args()
    if args.iso_search:
        write_iso_search(Path(args.iso_search))
    if args.cldr:
        write_cldr()
    if args.mledoze:
        write_mledoze(Path(args.mledoze))
    rows = build_translation_rows()
    TRANSLATIONS_TSV.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows) - 1} names to {TRANSLATIONS_TSV}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
