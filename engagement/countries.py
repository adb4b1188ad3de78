"""Country resolver: free-text country answers to ISO 3166-1 alpha-3 codes, never by guessing."""

from __future__ import annotations

import csv
import functools
import html
import re
import struct
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, NamedTuple

import pandas as pd
import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
REFERENCE_CSV = DATA_DIR / "who_member_states.csv"
ALIASES_CSV = DATA_DIR / "country_aliases.csv"
NON_COUNTRIES_CSV = DATA_DIR / "countries" / "non_countries.csv"
TRANSLATIONS_TSV = DATA_DIR / "countries" / "translations.tsv"
CLDR_CSV = DATA_DIR / "countries" / "cldr_names.csv"
TRANSLATIONS_HEADER = "tier\treason\tcodes\tname\ttokens\tloose_tokens\texact"
LOCALES_DIR = Path(pycountry.__file__).resolve().parent / "locales"

REASONS = ("empty", "ambiguous", "region", "city", "not a country", "unknown")

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

# ISO codes that are far more often something else in a country field: "NA" is "not
# available" (it is also the project's missing-value token), "SA" is written for both Saudi
# Arabia (its ISO code) and South Africa.
_DISTRUSTED_CODES = frozenset({"NA", "SA"})

# Leading words of formal long forms ("Republic of Guinea", "Kingdom of Spain") and of notes
# ("formerly Swaziland"); stripped only when the remainder names a country on its own.
_PREFIX_WORDS = frozenset(
    "republic kingdom state commonwealth fed federation principality grand duchy sultanate "
    "islamic socialist independent union government country nation emirate confederation "
    "plurinational bolivarian hashemite cooperative constitutional territory overseas "
    "collectivity department province arab formerly former previously ex aka now currently "
    "also known called".split()
)  # not "democratic" nor "peoples": they tell the two Congos and the two Koreas apart

# Trailing words stripped the same way ("Tanzania Republic", "Reunion Island", Mongolian
# "Монгол Улс": "Mongol State"). Not "state": "Niger State" is in Nigeria.
_SUFFIX_WORDS = frozenset({"republic", "islands", "island", "улс"})

# Words of the form of a state rather than its identity. A translation whose name, without
# them, is the English name of another country ("Republica Nigeria", Romanian for Niger, is
# "Republic of Nigeria") is dropped from translations.tsv.
_FORM_WORDS = frozenset(
    "republic fed democratic peoples kingdom state states united islamic socialist union "
    "commonwealth principality grand duchy sultanate confederation plurinational bolivarian "
    "independent cooperative constitutional hashemite emirate government".split()
)

# Leading words meaning "country" in scripts written without spaces (Thai "ประเทศไทย" is
# "country Thai"): stripped from the front of a word.
_COUNTRY_PREFIXES = ("ประเทศ", "ປະເທດ")

# ISO codes and abbreviations (aliases "US", "CAR", IOC "DEN") that are also ordinary words,
# in English or as short words of other languages. They are read as a code only when written
# in capitals ("IN", "US"): "in", "us", "It", "car" and "per" name no country.
_CODE_WORDS = frozenset(
    # ISO 3166-1 alpha-2
    "ad ai al am as at au aw ax be by ca cf cm co cv de do eg eh er es et hm hr id ie il in "
    "io is it je kg km la ma me mg ml mm mo mr ms mt my ne ni no nu om pa pe pm pr ps re se "
    "si so to tv um us ye "
    # ISO 3166-1 alpha-3
    "ago and are arm aus bra can che cod cog col com cub est fin fra gab gin gum irl jam lie "
    "lux mac mar nor pan per pry som sur ton vat "
    # abbreviations and IOC codes of the alias file
    "car den esa lat mas opt phi por vie".split()
)

# Separators of a list of places ("Kenya and Uganda", "China/Taiwan", "DRC or Congo"): an
# answer whose parts name different countries is ambiguous, unless the whole answer is an
# established name that contains the word ("Bosnia and Herzegovina", "Trinidad y Tobago").
_LIST_SEP = re.compile(r"[/;|+\\]|(?<!\S)(?:and|or|et|y|e|und|ou|o|oder)(?!\S)")

# Single letters abbreviating a compass word: "N. Ireland", "S Korea", "W. Sahara".
_COMPASS = {"n": ("north", "northern"), "s": ("south", "southern"), "w": ("west", "western")}

# Words that name no country on their own: a key made of one of them is never claimed, and as
# a part of an answer ("Kosovo (UNSCR 1244)") they are a neutral note. Not "island": that is
# Iceland in German and the Nordic languages.
_GENERIC_WORDS = frozenset(
    "islands isle republic kingdom state states country nation territory territories "
    "unscr unsc un security council resolution res under per accordance with as in pursuant to "
    "formerly former previously now aka also known ex".split()
)

# Administering country of territories: "New Caledonia (France)" is New Caledonia, not an
# ambiguity. Contested cases (Taiwan, Kosovo, Western Sahara, Palestine) are left out.
_SOVEREIGN = {
    **dict.fromkeys("NCL REU MTQ GLP GUF MYT PYF SPM BLM MAF WLF ATF".split(), "FRA"),
    **dict.fromkeys("PRI GUM VIR ASM MNP UMI".split(), "USA"),
    **dict.fromkeys("GRL FRO".split(), "DNK"),
    **dict.fromkeys("ABW CUW SXM BES".split(), "NLD"),
    **dict.fromkeys("HKG MAC".split(), "CHN"),
    **dict.fromkeys("BMU VGB CYM TCA AIA MSR FLK GIB SHN PCN IOT SGS GGY JEY IMN".split(), "GBR"),
    **dict.fromkeys("NFK CXR CCK HMD".split(), "AUS"),
    **dict.fromkeys("TKL COK NIU".split(), "NZL"),
    **dict.fromkeys("SJM BVT".split(), "NOR"),
    "ALA": "FIN",
}

# Words that carry no identity: dropped from every key so that "Bosnia & Herzegovina",
# "Bosnia y Herzegovina" and "Bosnia and Herzegovina" meet; "Gambia, The" == "The Gambia".
_STOPWORDS = frozenset(
    "the of and et y e und i en de del della di do da das dos du des la le les los las el".split()
)

# Abbreviations expanded token by token ("St. Lucia", "Korea, Rep.", "Lao PDR", "Cayman Is.").
_TOKEN_MAP: dict[str, tuple[str, ...]] = {
    "st": ("saint",),
    "ste": ("sainte",),
    "sts": ("states",),
    "rep": ("republic",),
    "repub": ("republic",),
    "dem": ("democratic",),
    "fed": ("fed",),
    "federal": ("fed",),
    "federated": ("fed",),
    "federation": ("fed",),
    "is": ("islands",),
    "isl": ("islands",),
    "isls": ("islands",),
    "pdr": ("peoples", "democratic", "republic"),
    "dpr": ("democratic", "peoples", "republic"),
    "dr": ("democratic", "republic"),
    "people": ("peoples",),
    "utd": ("united",),
    # The same words in other languages, so that "Rép. Dém. du Congo", "República Popular
    # China" and "Republik Korea" meet the English forms.
    **dict.fromkeys(
        "republique republica republik republiek repubblica republika respublika".split(),
        ("republic",),
    ),
    **dict.fromkeys(
        "democratique democratica democratico demokratische democratische demokratyczna"
        " demokraticka".split(),
        ("democratic",),
    ),
    **dict.fromkeys("popular populaire popolare".split(), ("peoples",)),
    **dict.fromkeys("islamique islamica islamische".split(), ("islamic",)),
    "eq": ("equatorial",),
    "govt": ("government",),
    "gov": ("government",),
}

_FOLD = str.maketrans(
    {
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŧ": "t",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "ʻ": "'",
        "`": "'",
        "´": "'",
        "،": ",",
        "、": ",",
        "_": " ",
        "&": " and ",
        "\ufffd": "\ue000",  # U+FFFD becomes the private wildcard character
    }
)
_WILDCARD = "\ue000"
# Combining marks of Latin/Greek/Cyrillic, Hebrew points, Arabic harakat and tatweel.
_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
    "\u0591-\u05c7\u064b-\u065f\u0670\u0640]"
)
# Letters, digits, the marks of scripts whose vowels are marks, and the wildcard.
_WORD_CHARS = (
    "\\w\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff\u3099\u309a\ue000"
)
_TOKEN = re.compile(f"[{_WORD_CHARS}]+")
_QMARK_WILDCARD = re.compile(r"(?<=\w)\?+(?=\w)")
_ACRONYM = re.compile(r"\b(?:[a-z]\.)+[a-z]\b\.?|\b(?:[a-z]\.\s?){2,}")
_UPPER_ACRONYM = re.compile(r"\b(?:[A-Z]\.)+[A-Z]\b\.?|\b(?:[A-Z]\.\s?){2,}")
_CO_OP = re.compile(r"\bco-(?=op)")
_PAREN = re.compile(r"\(([^()]*)\)")
_STRONG_SEP = re.compile(r"[;/|\\()\[\]{}:]|\s[-–—]\s")
_COMMA_SEP = re.compile(r"[;/|\\()\[\]{}:,]|\s[-–—]\s")
_DASH_SEP = re.compile(r"[;/|\\()\[\]{}:,\-–—]")
_NON_ASCII_LATIN = re.compile("[\u00c0-\u024f]")
_LOOSE_MIN_LENGTH = 6
_ASCII_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{2,3}(?![^\W\d_])")
_HAS_UMLAUT = re.compile("[äöüÄÖÜ]")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a country answer means: an ISO3 code, or why there is none."""

    iso3: str | None
    reason: str  # "" when resolved, else one of REASONS
    suggestion: str | None = None  # for a person to confirm; never an assignment


class _Entry(NamedTuple):
    reason: str  # "" for a country, else a REASONS value or _LISTED
    codes: frozenset[str]  # the country; the candidates; a city's country; or empty


# Internal reason of an answer that names several countries side by side ("Kenya Uganda",
# "Mali, Holy See"): unlike an ambiguous name ("Congo"), another part cannot narrow it down
# ("Congo, DRC" is the DRC; "Azerbaijan, Falkland Islands (Malvinas)" stays two countries).
# It reaches the caller as "ambiguous".
_LISTED = "list"


# ---------------------------------------------------------------------------------------------
# Normalization


def _cp1252_byte_map() -> dict[str, int]:
    table: dict[str, int] = {}
    for b in range(256):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            table[chr(b)] = b  # the five bytes cp1252 leaves undefined read back as latin-1
    for b in range(0x80, 0xA0):
        table.setdefault(chr(b), b)
    return table


_CP1252_BYTES = _cp1252_byte_map()
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _fix_run(m: re.Match[str]) -> str:
    run = m.group()
    try:
        return bytes(_CP1252_BYTES[c] for c in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return run


def _unmojibake(s: str) -> str:
    """Undo UTF-8 bytes that were read as cp1252/latin-1 ("CÃ´te d'Ivoire"), up to twice.

    Each run of non-ASCII characters is re-decoded on its own and kept only when it is valid
    UTF-8, which legitimate Latin-1 text ("Curaçao") practically never is.
    """
    for _ in range(2):
        fixed = _NON_ASCII_RUN.sub(_fix_run, s)
        if fixed == s:
            break
        s = fixed
    return s


def _prep(text: str, trusted: bool = False) -> str:
    """Lower-case, accent-free, mojibake-free text that keeps commas and parentheses.

    trusted=True (reference names) skips the repairs meant for user input.
    """
    s = text
    if not trusted:
        if "&" in s and ";" in s:
            s = html.unescape(s)
        if not s.isascii():
            s = _unmojibake(s)
    s = unicodedata.normalize("NFKC", s).casefold().translate(_FOLD)
    if not s.isascii():
        s = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", s)))
    if "?" in s:
        s = _QMARK_WILDCARD.sub(_WILDCARD, s)
    if "co-" in s:
        s = _CO_OP.sub("co", s)  # "Co-operative Republic of Guyana"
    s = s.replace("'", "")
    if "." in s:
        s = _ACRONYM.sub(lambda m: m.group().replace(".", "").replace(" ", "") + " ", s)
    if "special administrative region" in s:
        s = s.replace("special administrative region", " sar ")
    return s


def _strip_country_prefix(word: str) -> str:
    """A word without a leading word for "country" ("ประเทศไทย" -> "ไทย"); never empty."""
    for prefix in _COUNTRY_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix):
            return word[len(prefix) :]
    return word


def _tokens(s: str) -> list[str]:
    out: list[str] = []
    for t in _TOKEN.findall(s):
        if t.startswith(_COUNTRY_PREFIXES):
            t = _strip_country_prefix(t)
        mapped = _TOKEN_MAP.get(t)
        if mapped is not None:
            out.extend(mapped)
        elif t not in _STOPWORDS:
            out.append(t)
    if len(out) > 1 and "island" in out:
        # "Christmas Island(s)", "Cayman Island(s)"; a lone "island" is German for Iceland.
        out = ["islands" if t == "island" else t for t in out]
    if len(out) > 1 and "us" in out:
        # "US Minor Outlying Islands"; a lone "us" is a word (the code "US" is read elsewhere).
        out = [w for t in out for w in (("united", "states") if t == "us" else (t,))]
    return out


def _variants(s: str) -> list[str]:
    """The prepped text, then its word orders around one parenthesis and one comma."""
    out = [s]
    m = _PAREN.search(s)
    if m:
        out.append(m.group(1) + " " + s[: m.start()] + " " + s[m.end() :])
    if s.count(",") == 1:
        a, b = s.split(",")
        out.append(b + " " + a)
    return out


def _key(tokens: list[str]) -> str:
    return "".join(tokens)


def _bag(tokens: list[str]) -> str:
    return " ".join(sorted(tokens))


def normalize(text: str) -> str:
    """The lookup key of a text (folded, accent-free, without spaces or punctuation)."""
    return _key(_tokens(_prep(text)))


# ---------------------------------------------------------------------------------------------
# The index


class _TieredMap:
    """key -> _Entry where the first tier to claim a key owns it; rivals in that tier tie."""

    def __init__(self) -> None:
        self.final: dict[str, _Entry] = {}
        self._pending: dict[str, tuple[str, set[str]]] = {}
        self.conflicts: list[tuple[str, str, str]] = []  # special-purpose clashes in one tier

    def claim(self, key: str, reason: str, codes: tuple[str, ...]) -> None:
        if not key or key in self.final:
            return
        if key in _GENERIC_WORDS and reason in ("", "ambiguous"):
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
        interned: dict[tuple[str, frozenset[str]], _Entry] = {}
        for key, (reason, codes) in self._pending.items():
            if reason == "" and len(codes) > 1:
                reason = "ambiguous"
            ident = (reason, frozenset(codes))
            entry = interned.get(ident)
            if entry is None:
                entry = interned[ident] = _Entry(*ident)
            self.final[key] = entry
        self._pending.clear()


class _Index:
    def __init__(self) -> None:
        self.main = _TieredMap()
        self.bags = _TieredMap()
        self.loose = _TieredMap()  # names with their non-ASCII letters lost ("Cte d'Ivoire")
        self.exact = _TieredMap()  # short accented names, matched as written ("Irã")
        self.iso2: dict[str, str] = {}
        self.iso3: set[str] = set()
        self.m49: dict[int, str] = {}
        self.display: dict[str, str] = {}
        self.suggest_keys: list[str] = []
        self.suggest_iso3: list[str] = []
        self._choices: dict[int, tuple[list[str], list[str]]] = {}
        self.keys_by_len: dict[int, list[str]] = {}
        # Names with a conjunction ("Trinidad and Tobago"): keys that are not lists.
        self.conj_keys: set[str] = set()
        # Cities named like another country, by their words as written ("salvador"): not
        # claimed as cities (they would hide "El Salvador"), they make the name ambiguous.
        self.shared_places: dict[str, frozenset[str]] = {}
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
        for toks in _trusted_token_lists(name):
            self.main.claim(_key(toks), reason, codes)
            self.bags.claim(_bag(toks), reason, codes)
        if loose and not name.isascii():
            dropped = _NON_ASCII_LATIN.sub("", name.casefold())
            if dropped != name.casefold():
                for toks in _trusted_token_lists(dropped):
                    self.loose.claim(_key(toks), reason, codes)
        if reason == "" and not name.isascii() and _HAS_UMLAUT.search(name):
            self.claim_name(name.translate(_UMLAUTS), reason, codes, loose)

    def close_tier(self) -> None:
        self.main.close_tier()
        self.bags.close_tier()
        self.loose.close_tier()
        self.exact.close_tier()


_TRUSTED_MEMO: dict[str, tuple[list[str], ...]] = {}


def _trusted_token_lists(name: str) -> tuple[list[str], ...]:
    """Token lists of a reference name's word orders (memoized: catalogs repeat names)."""
    found = _TRUSTED_MEMO.get(name)
    if found is None:
        variants = _variants(_prep(name, trusted=True))
        found = _TRUSTED_MEMO[name] = tuple(t for v in variants if (t := _tokens(v)))
    return found


def _read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _read_mo(path: Path) -> dict[str, str]:
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


def _catalogs() -> dict[str, dict[str, str]]:
    return {
        mo.parent.parent.name: _read_mo(mo)
        for mo in sorted(LOCALES_DIR.glob("*/LC_MESSAGES/iso3166-1.mo"))
    }


def _english_names(reference: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(iso3, name) for pycountry's name, official_name and common_name of each table row."""
    out = []
    for row in reference:
        country = pycountry.countries.get(alpha_3=row["iso3"])
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None) if country else None
            if name:
                out.append((row["iso3"], name))
    return out


def _base_language(locale: str) -> str:
    return locale.replace("@", "_").split("_")[0]


def _cores(toks: list[str]) -> tuple[str, ...]:
    """Keys of a name without its form words (_FORM_WORDS), in order and as a bag."""
    core = [t for t in toks if t not in _FORM_WORDS]
    return (_key(core), _bag(core)) if core else ()


def _near_english(key: str, english: list[str]) -> bool:
    near = process.extract(key, english, scorer=Levenshtein.distance, score_cutoff=1, limit=None)
    return any(score == 1 for _, score, _ in near)


def build_translation_rows() -> list[str]:
    """The lines of data/countries/translations.tsv: names in other languages, pre-tokenized.

    Made from pycountry's gettext catalogs and data/countries/cldr_names.csv. Regenerate with
    scripts/build_country_names.py after a pycountry upgrade, a change to the ambiguous rows of
    the alias file or to the normalization; a test fails while the file is stale.
    """
    reference = _read_csv_rows(REFERENCE_CSV)
    aliases = _read_csv_rows(ALIASES_CSV)
    ambiguous = {normalize(r["name"]): r["iso3"] for r in aliases if r["kind"] == "ambiguous"}
    english = _english_names(reference)
    # Candidates of English ISO names that are ambiguous on their own ("Congo"), and the
    # token count of that bare name: a translation no longer than it is just as ambiguous.
    bare: dict[str, tuple[str, int]] = {}
    for iso3, msgid in english:
        if normalize(msgid) in ambiguous:
            bare[msgid] = (ambiguous[normalize(msgid)], len(_trusted_token_lists(msgid)[0]))
            bare[iso3] = bare[msgid]
    iso3_of = {row["iso2"]: row["iso3"] for row in reference} | _CLDR_EXTRA_CODES

    # (tier, source, [(name, reason, codes, ambiguity)]) in tier order
    sources: list[tuple[int, str, list[tuple[str, str, str, tuple[str, int] | None]]]] = []
    for locale, catalog in _catalogs().items():
        tier = 2 if _base_language(locale) in MAJOR_LANGUAGES else 3
        names = [
            (catalog[msgid], "", iso3, bare.get(msgid))
            for iso3, msgid in english
            if catalog.get(msgid) and catalog[msgid] != msgid
        ]
        sources.append((tier, f"pycountry:{locale}", names))
    cldr: dict[str, list[tuple[str, str, str, tuple[str, int] | None]]] = {}
    for row in _read_csv_rows(CLDR_CSV):
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
        sources.append((tier, f"cldr:{locale}", names))
    sources.sort(key=lambda source: source[0])

    # English keys: a tier-3 name one letter away from one ("Denmak", "Burundii", "Qamar" for
    # the Comoros) adds little as a translation and would turn typos into answers.
    english_keys: list[str] = []
    english_names = [(r["iso3"], r["who_name"]) for r in reference] + english
    english_names += [(r["iso3"], r["name"]) for r in aliases if r["kind"] != "ambiguous"]
    english_names += [(codes, name) for tier, _, names in sources if tier == 1
                      for name, reason, codes, _ in names if reason == ""]  # fmt: skip
    # English names without their form words ("Republic of Nigeria" -> "nigeria"), by country.
    english_cores: dict[str, set[str]] = {}
    for iso3, name in english_names:
        for toks in _trusted_token_lists(name):
            english_keys.append(_key(toks))
            for core in _cores(toks):
                english_cores.setdefault(core, set()).add(iso3)
    english_keys = sorted(set(english_keys))

    code_owner = {r["iso3"].lower(): r["iso3"] for r in reference}
    code_owner |= {r["iso2"].lower(): r["iso3"] for r in reference}

    rows = [TRANSLATIONS_HEADER]
    seen: set[tuple[str, str, str]] = set()
    for tier, _source, names in sources:
        claims: list[tuple[str, str, str, str]] = []  # (name, key, reason, codes)
        owners: dict[str, set[str]] = {}
        for name, reason, codes, ambiguity in names:
            token_lists = _trusted_token_lists(name)
            if not token_lists:
                continue
            key = _key(token_lists[0])
            # A translation as bare as an ambiguous English name ("Congo" -> "Kongo") is
            # ambiguous too; a more explicit one ("République du Congo") is not.
            if ambiguity and len(token_lists[0]) <= ambiguity[1]:
                claims.append((name, key, "ambiguous", ambiguity[0]))
                continue
            if tier == 3 and reason == "" and _near_english(key, english_keys):
                continue
            # A translation that is another country's English name but for its form words
            # ("Republica Nigeria", Romanian for Niger; "Republik Dominica", Indonesian for the
            # Dominican Republic) would take that name's long forms ("Nigeria Republic").
            if reason == "" and any(
                codes not in english_cores.get(core, (codes,))
                for toks in token_lists
                for core in _cores(toks)
            ):
                continue
            # A name spelled like another country's ISO code ("Nga", Vietnamese for Russia,
            # is NGA: Nigeria) would take that code from lower-case input. Short accented
            # names are safe: they are matched only as written.
            short_accented = len(key) <= 3 and not name.isascii()
            if code_owner.get(key, codes) != codes and not short_accented:
                continue
            claims.append((name, key, reason, codes))
            owners.setdefault(key, set()).add(f"{reason}:{codes}")
        for name, key, reason, codes in claims:
            # A source that gives one spelling to two countries contradicts itself (pt_BR
            # names Afghanistan "República Islâmica do Paquistão"): trust neither claim.
            if reason != "ambiguous" and len(owners[key]) > 1:
                continue
            spellings = [name]
            if reason == "" and _HAS_UMLAUT.search(name):
                spellings.append(name.translate(_UMLAUTS))  # "Oesterreich"
            for spelling in spellings:
                if (spelling, reason, codes) in seen:
                    continue  # the same spelling from a higher tier or another source
                seen.add((spelling, reason, codes))
                token_lists = _trusted_token_lists(spelling)
                if len(_key(token_lists[0])) <= 3 and not spelling.isascii():
                    # Short names that folding would blur ("Irã" is not "Ira", "Đức" is not
                    # "Duc"): matched only as written.
                    exact = unicodedata.normalize("NFC", spelling).casefold()
                    rows.append(f"{tier}\t{reason}\t{codes}\t{spelling}\t\t\t{exact}")
                    continue
                tokens = "|".join(" ".join(t) for t in token_lists)
                loose = ""
                if tier <= 2 and not spelling.isascii():
                    dropped = _NON_ASCII_LATIN.sub("", spelling.casefold())
                    if dropped != spelling.casefold():
                        loose = "|".join(" ".join(t) for t in _trusted_token_lists(dropped))
                rows.append(f"{tier}\t{reason}\t{codes}\t{spelling}\t{tokens}\t{loose}\t")
    _TRUSTED_MEMO.clear()
    return rows


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


def _claim_rows(ix: _Index, rows: list[list[str]], bags: bool) -> None:
    codes_of: dict[str, tuple[str, ...]] = {"": ()}
    main, bag, loose = ix.main.claim, ix.bags.claim, ix.loose.claim
    for _tier, reason, codes_text, _name, tokens, loose_tokens, exact in rows:
        codes = codes_of.get(codes_text)
        if codes is None:
            codes = codes_of[codes_text] = tuple(codes_text.split("|"))
        if exact:
            ix.exact.claim(exact, reason, codes)
            continue
        for variant in tokens.split("|"):
            toks = variant.split(" ")
            main("".join(toks), reason, codes)
            if bags:
                bag(" ".join(sorted(toks)), reason, codes)
        if loose_tokens:
            for variant in loose_tokens.split("|"):
                loose(variant.replace(" ", ""), reason, codes)


_INDEX: _Index | None = None
_INDEX_LOCK = threading.Lock()


def _index() -> _Index:
    """The name index, built once per process on first use (about a quarter of a second)."""
    global _INDEX
    if _INDEX is None:
        with _INDEX_LOCK:  # Streamlit sessions may ask at once: build it once
            if _INDEX is None:
                _INDEX = _build_index()
    return _INDEX


def _reset_index() -> None:
    """Forget the index and every cached resolution (for tests that rebuild it)."""
    global _INDEX
    with _INDEX_LOCK:
        _INDEX = None
    _resolve_str.cache_clear()


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
            for toks in _trusted_token_lists(row["name"]):
                city_keys.setdefault(_key(toks), (row["name"], set()))[1].add(row["iso3"])
    shared: set[str] = set()

    def check(key: str, iso3: str) -> None:
        found = city_keys.get(key)
        if found and iso3 not in found[1]:
            shared.add(found[0])

    names = [(row["iso3"], row["who_name"]) for row in reference] + _english_names(reference)
    names += [(row["iso3"], row["name"]) for row in aliases if row["kind"] != "ambiguous"]
    for iso3, name in names:
        for toks in _trusted_token_lists(name):
            check(_key(toks), iso3)
    for rows in translations.values():
        for _tier, reason, codes, _name, tokens, _loose, _exact in rows:
            if reason == "" and tokens:
                for variant in tokens.split("|"):
                    check(variant.replace(" ", ""), codes)
    return shared


def _build_index() -> _Index:
    ix = _Index()
    reference = _read_csv_rows(REFERENCE_CSV)
    for row in reference:
        iso3 = row["iso3"]
        ix.iso3.add(iso3)
        ix.iso2[row["iso2"]] = iso3
        if row["un_m49"]:
            ix.m49[int(row["un_m49"])] = iso3
        ix.display[iso3] = row["who_name"]

    aliases = _read_csv_rows(ALIASES_CSV)
    translations = _translation_rows()
    non_countries = _read_csv_rows(NON_COUNTRIES_CSV)
    shared = _cities_named_like_countries(reference, aliases, translations, non_countries)

    # Tier 0: curated non-countries and names that stand for several countries.
    for row in non_countries:
        codes = (row["iso3"],) if row["iso3"] else ()
        if row["reason"] == "city" and row["name"] in shared:
            literal = _literal_key(_TOKEN.findall(_prep(row["name"], trusted=True)))
            ix.shared_places[literal] = ix.shared_places.get(literal, frozenset()) | set(codes)
            continue
        ix.claim_name(row["name"], row["reason"], codes, loose=False)
    for row in aliases:
        if row["kind"] == "ambiguous":
            ix.claim_name(row["name"], "ambiguous", tuple(row["iso3"].split("|")), loose=False)
    ix.close_tier()

    # Tier 1: WHO names, English names from pycountry and CLDR, curated aliases.
    for row in reference:
        ix.claim_name(row["who_name"], "", (row["iso3"],), loose=True)
    for iso3, msgid in _english_names(reference):
        ix.claim_name(msgid, "", (iso3,), loose=True)
    for row in aliases:
        if row["kind"] != "ambiguous":
            ix.claim_name(row["name"], "", (row["iso3"],), loose=True)
    _claim_rows(ix, translations.get("1", []), bags=True)
    ix.close_tier()
    conj_names = [row["who_name"] for row in reference]
    conj_names += [name for _, name in _english_names(reference)]
    conj_names += [row["name"] for row in aliases]
    conj_names += [fields[3] for fields in translations.get("1", [])]
    for name in conj_names:
        if _LIST_SEP.search(_prep(name, trusted=True)):
            for toks in _trusted_token_lists(name):
                ix.conj_keys.update((_key(toks), _key(_strip_form(toks))))
    for key, entry in ix.main.final.items():
        if entry.reason == "":
            ix.suggest_keys.append(key)
            ix.suggest_iso3.append(next(iter(entry.codes)))

    # Tiers 2 and 3: names in other languages. Word-order (bag) matches stop at tier 2.
    _claim_rows(ix, translations.get("2", []), bags=True)
    ix.close_tier()
    _claim_rows(ix, translations.get("3", []), bags=False)
    ix.close_tier()

    _TRUSTED_MEMO.clear()
    for key in ix.main.final:
        ix.keys_by_len.setdefault(len(key), []).append(key)
    return ix


# ---------------------------------------------------------------------------------------------
# Resolution


def _lookup_tokens(ix: _Index, toks: list[str]) -> _Entry | None:
    if not toks:
        return None
    return ix.main.final.get(_key(toks)) or ix.bags.final.get(_bag(toks))


def _code(ix: _Index, code: str) -> _Entry | None:
    code = code.upper()
    if len(code) == 2 and code in ix.iso2:
        return _Entry("", frozenset({ix.iso2[code]}))
    if len(code) == 3 and code in ix.iso3:
        return _Entry("", frozenset({code}))
    return None


def _wildcard(ix: _Index, key: str) -> _Entry | None:
    """Match a key holding lost characters: each run stands for up to two folded letters."""
    parts = re.split(f"{_WILDCARD}+", key)
    runs = len(parts) - 1
    fixed = sum(len(p) for p in parts)
    if fixed < 3:
        return None
    # A run may also stand for a lost apostrophe, which keys leave out ("Cote d?Ivoire").
    pattern = re.compile(".{0,2}".join(re.escape(p) for p in parts))
    found: set[_Entry] = set()
    for length in range(fixed, fixed + 2 * runs + 1):
        for candidate in ix.keys_by_len.get(length, ()):
            if pattern.fullmatch(candidate):
                found.add(ix.main.final[candidate])
    return _combine(list(found), alternatives=True) if found else None


def _simple(ix: _Index, prepped: str, codes: frozenset[str] = frozenset()) -> _Entry | None:
    """Resolve one piece of text as a whole (no splitting into parts).

    codes: the plain ASCII words of the original text, the only ones that may be read as ISO
    codes: "Áo" (Vietnamese for Austria) folds to "ao", which is not Angola's code; and "in"
    or "us" in lower case are words, not codes.
    """
    raw = _TOKEN.findall(prepped)  # codes before abbreviations expand ("isl", "dr")
    if len(raw) == 1 and raw[0] in _CODE_WORDS and raw[0] not in codes:
        # A word that is also a code or an abbreviation ("in", "us", "car"): no country,
        # though it may be a curated non-country ("no").
        toks = _tokens(prepped)
        entry = ix.main.final.get(_key(toks)) if toks else None
        return entry if entry and entry.reason not in ("", "ambiguous") else None
    entry = _simple_reading(ix, prepped, raw, codes)
    if entry is not None and entry.reason in ("", "ambiguous"):
        # A name that is also a well-known place of another country ("Salvador", a city of
        # Brazil and El Salvador without its article): ambiguous.
        place = ix.shared_places.get(_literal_key(raw))
        if place and not place <= entry.codes:
            return _Entry("ambiguous", entry.codes | place)
    return entry


def _literal_key(raw: list[str]) -> str:
    """The words of a text as written (stop words kept, an English "the" dropped)."""
    return "".join(raw[1:] if len(raw) > 1 and raw[0] == "the" else raw)


def _compass_variants(toks: list[str]) -> list[list[str]]:
    """Readings of one abbreviated compass word: "N Ireland" -> "north(ern) ireland"."""
    at = [i for i, t in enumerate(toks) if t in _COMPASS]
    if len(at) != 1 or len(toks) < 2:
        return []
    i = at[0]
    return [toks[:i] + [word] + toks[i + 1 :] for word in _COMPASS[toks[i]]]


def _simple_reading(
    ix: _Index, prepped: str, raw: list[str], codes: frozenset[str]
) -> _Entry | None:
    variants = _variants(prepped)
    token_lists = [_tokens(v) for v in variants]
    for toks in token_lists:
        entry = ix.main.final.get(_key(toks)) if toks else None
        if entry:
            return entry
    literal = token_lists[0]
    key = _key(literal)
    if len(raw) == 1 and raw[0] in codes and 2 <= len(raw[0]) <= 3:
        entry = _code(ix, raw[0])
        if entry:
            return entry
    for toks in token_lists:
        entry = ix.bags.final.get(_bag(toks)) if toks else None
        if entry:
            return entry
    # Abbreviated compass words: "N. Ireland", "S Korea".
    found = [e for t in _compass_variants(literal) if (e := _lookup_tokens(ix, t))]
    found = [e for e in found if e.reason in ("", "ambiguous")]
    if found:
        return _combine(found, alternatives=True)
    # Formal long forms: "Republic of Guinea", "Kingdom of Denmark", "Armenia, Republic of",
    # "Tanzania Republic", "Reunion Island".
    for toks in token_lists:
        rest = toks
        while rest and rest[0] in _PREFIX_WORDS:
            rest = rest[1:]
        while rest and rest[-1] in _SUFFIX_WORDS:
            rest = rest[:-1]
        if rest and len(rest) < len(toks):
            entry = _lookup_tokens(ix, rest)
            if entry and entry.reason in ("", "ambiguous"):
                return entry
    if _WILDCARD in key:
        return _wildcard(ix, key)
    # Encoding loss: "Cte d'Ivoire". Short keys are left out: "Bnin" is likelier a typo.
    return ix.loose.final.get(key) if len(key) >= _LOOSE_MIN_LENGTH else None


def _combine(entries: list[_Entry], alternatives: bool = False) -> _Entry:
    """Merge the readings of the parts of one answer ("Geneva, Switzerland").

    With alternatives=True the entries are rival readings of the same text instead.
    """
    countries = {c for e in entries if e.reason == "" for c in e.codes}
    ambiguous = [e.codes for e in entries if e.reason == "ambiguous"]
    cities = [e.codes for e in entries if e.reason == "city"]
    listed = [e.codes for e in entries if e.reason == _LISTED]
    if listed and not alternatives:
        return _Entry(_LISTED, frozenset(countries.union(*ambiguous, *listed)))
    if alternatives:
        pool = countries.union(*ambiguous, *listed)
        if len(pool) == 1:
            return _Entry("", frozenset(pool))
        if pool:
            return _Entry("ambiguous", frozenset(pool))
        reasons = {e.reason for e in entries}
        return entries[0] if len(reasons) == 1 else _Entry("unknown", frozenset())
    if countries:
        countries -= {_SOVEREIGN.get(c) for c in countries}
        if len(countries) > 1:
            return _Entry(_LISTED, frozenset(countries))
        (only,) = countries
        clashes = [c for c in ambiguous + cities if c and only not in c]
        if clashes:
            return _Entry("ambiguous", frozenset(countries.union(*clashes)))
        return _Entry("", frozenset(countries))
    if ambiguous:
        common = frozenset.intersection(*ambiguous)
        if len(common) == 1:
            return _Entry("", common)
        return _Entry("ambiguous", common or frozenset().union(*ambiguous))
    if cities:
        return next(e for e in entries if e.reason == "city")
    for reason in ("region", "not a country", "empty"):
        for e in entries:
            if e.reason == reason:
                return e
    return _Entry("unknown", frozenset())


def _split_two(ix: _Index, prepped: str) -> _Entry | None:
    """Two known spans that agree on one country: "Nairobi Kenya", "Kenya Africa"."""
    toks = _tokens(prepped)
    if not 2 <= len(toks) <= 6:
        return None
    results: set[_Entry] = set()
    rivals: set[str] = set()  # "Kenya Uganda": two countries named side by side
    for i in range(1, len(toks)):
        left, right = _lookup_tokens(ix, toks[:i]), _lookup_tokens(ix, toks[i:])
        # Without a separator only places count: "America Samoa" is a typo, not a region
        # and a country.
        if left and right and {left.reason, right.reason} <= {"", "ambiguous", "city"}:
            combined = _combine([left, right])
            if combined.reason == "":
                results.add(combined)
            elif left.reason == right.reason == "":
                rivals |= combined.codes
    if results:
        return results.pop() if len(results) == 1 else None
    return _Entry(_LISTED, frozenset(rivals)) if rivals else None


def _composite(ix: _Index, prepped: str, codes: frozenset[str]) -> _Entry | None:
    for separators in (_STRONG_SEP, _COMMA_SEP, _DASH_SEP):
        parts = [p for p in separators.split(prepped) if p and _tokens(p)]
        if len(parts) < 2:
            continue
        read: list[tuple[str, _Entry | None]] = []
        for part in parts:
            toks = _tokens(part)
            if all(t in _GENERIC_WORDS or t == "island" or t.isdigit() for t in toks):
                continue  # a note: "(UNSCR 1244/99)", "(island)"
            # Codes only between real separators: "Sur-Afrika" holds no Suriname.
            entry = _simple(ix, part, codes if separators is not _DASH_SEP else frozenset())
            read.append((part, entry or _split_two(ix, part)))
        # Parts that name nothing are left out only between commas ("Toronto, ON, Canada"),
        # not in "Cocos (Keeling) Islands, Guernsey", and only when the text before the last
        # part names no other country as a whole.
        placeholders = separators is _COMMA_SEP and not _STRONG_SEP.search(prepped)
        if placeholders and read and any(e is None for _, e in read):
            before = _simple(ix, prepped[: prepped.rindex(read[-1][0])].rstrip(" ,"), codes)
            last = read[-1][1]
            placeholders = before is None or (last is not None and last.codes <= before.codes)
        entries = _place_in_country(read, placeholders)
        if entries:
            return _combine(entries)
    return _split_two(ix, prepped)


def _place_in_country(
    read: list[tuple[str, _Entry | None]], placeholders: bool
) -> list[_Entry] | None:
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
        owners = _subdivision_owners().get(normalize(read[-1][0]), set())
        placeholders = owners <= {country, _SOVEREIGN.get(country)}
    entries = [last]
    for i, (part, entry) in enumerate(read[:-1]):
        inside = entry is not None and any(
            c == country or _SOVEREIGN.get(c) == country for c in entry.codes
        )
        # A subdivision code only between a place and the country ("Atlanta, GA, USA"): a
        # code first is as likely a country's ("SVG, Iceland": Saint Vincent, though SVG is
        # also an Icelandic municipality).
        if not inside and _is_subdivision(part, country, code=i > 0):
            entries.append(_Entry("city", frozenset({country})))
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


@functools.cache
def _subdivision_owners() -> dict[str, set[str]]:
    """Name key -> the countries that have an ISO 3166-2 subdivision of that name."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        owners.setdefault(normalize(sub.name), set()).add(alpha3.get(sub.country_code, ""))
    return owners


def _is_subdivision(part: str, iso3: str, code: bool) -> bool:
    """Whether a part names a subdivision of a country: its code (when code=True) or, in the
    USA, the name of a state."""
    codes, names = _subdivisions(iso3)
    raw = _TOKEN.findall(part)
    if code and len(raw) == 1 and raw[0].isascii() and raw[0] in codes:
        return True
    return bool(names) and _key(_tokens(part)) in names


def _listed(ix: _Index, prepped: str, codes: frozenset[str]) -> _Entry | None:
    """An answer that lists different countries ("Kenya and Uganda", "China/Taiwan", "DRC
    or Congo"): ambiguous with all of them. None when it is no such list, or when the whole
    answer is an established name with a conjunction ("Bosnia and Herzegovina")."""
    parts = [p for p in _LIST_SEP.split(prepped) if _tokens(p)]
    if len(parts) < 2:
        return None
    toks = _tokens(prepped)
    if _key(toks) in ix.conj_keys or _key(_strip_form(toks)) in ix.conj_keys:
        return None
    named = []
    for part in parts:
        entry = _simple(ix, part, codes) or _composite(ix, part, codes)
        if entry is not None and entry.reason in ("", "ambiguous", _LISTED) and entry.codes:
            named.append(entry.codes)
    pool = frozenset().union(*named)
    if len(named) < 2 or len(pool) < 2:
        return None
    return _Entry(_LISTED, pool)


def _strip_form(toks: list[str]) -> list[str]:
    """Tokens without the leading and trailing words of formal long forms."""
    start, stop = 0, len(toks)
    while start < stop and toks[start] in _PREFIX_WORDS:
        start += 1
    while stop > start and toks[stop - 1] in _SUFFIX_WORDS:
        stop -= 1
    return toks[start:stop]


_EMPTY = Resolution(None, "empty")
_NOT_A_COUNTRY = Resolution(None, "not a country")
_REGIONAL_INDICATOR_A = 0x1F1E6


def _to_resolution(ix: _Index, entry: _Entry, text: str) -> Resolution:
    if entry.reason == _LISTED:
        entry = _Entry("ambiguous", entry.codes)
    if entry.reason == "":
        (iso3,) = entry.codes
        return Resolution(iso3, "")
    if entry.reason in ("ambiguous", "city") and 0 < len(entry.codes) <= 3:
        names = sorted(ix.display[c] for c in entry.codes if c in ix.display)
        return Resolution(None, entry.reason, " or ".join(names) or None)
    if entry.reason == "unknown":
        return Resolution(None, "unknown", suggest(text))
    return Resolution(None, entry.reason)


def _written_codes(raw: str) -> frozenset[str]:
    """The words of an answer that may be read as codes (folded): words of two or three
    capitals ("CHE", "KE"), two lower-case letters that are no ordinary word ("ke", not "in"),
    and dotted capitals ("N.Z.")."""
    codes = {
        w.casefold()
        for w in _ASCII_WORD.findall(raw)
        # Three letters in lower or title case are as often a name or a word ("Ken", "ben",
        # "dom") as a code: only capitals make them a code.
        if w.isupper() or (len(w) == 2 and w.casefold() not in _CODE_WORDS)
    }
    if "." in raw:
        for m in _UPPER_ACRONYM.finditer(raw):
            letters = m.group().replace(".", "").replace(" ", "").casefold()
            if 2 <= len(letters) <= 3:
                codes.add(letters)
    return frozenset(codes)


@functools.lru_cache(maxsize=100_000)
def _resolve_str(text: str) -> Resolution:
    ix = _index()
    raw = text.strip()
    if not raw:
        return _EMPTY
    if len(raw) == 2 and all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in raw):
        code = "".join(chr(ord(c) - _REGIONAL_INDICATOR_A + ord("A")) for c in raw)
        entry = _code(ix, code)
        return _to_resolution(ix, entry, raw) if entry else Resolution(None, "unknown")
    if raw.isascii() and raw.isalpha() and raw.isupper() and 2 <= len(raw) <= 3:
        if raw not in _DISTRUSTED_CODES:
            entry = _code(ix, raw)
            if entry:
                return _to_resolution(ix, entry, raw)
    if raw.isdigit() and raw.isascii():
        iso3 = ix.m49.get(int(raw)) if len(raw) <= 3 else None
        return Resolution(iso3, "") if iso3 else _NOT_A_COUNTRY
    if "@" in raw or raw.casefold().startswith(("http://", "https://", "www.")):
        return _NOT_A_COUNTRY
    if not raw.isascii():
        written = unicodedata.normalize("NFC", _unmojibake(raw)).casefold()
        entry = ix.exact.final.get(written)
        if entry is None and written.startswith(_COUNTRY_PREFIXES):
            entry = ix.exact.final.get(_strip_country_prefix(written))  # "ประเทศไทย"
        if entry:
            return _to_resolution(ix, entry, raw)
    prepped = _prep(raw)
    if not _tokens(prepped):
        return _EMPTY if not any(ch.isdigit() for ch in prepped) else _NOT_A_COUNTRY
    entry = None
    codes = _written_codes(raw)
    if _LIST_SEP.search(prepped):
        entry = _listed(ix, prepped, codes)
    entry = entry or _simple(ix, prepped, codes) or _composite(ix, prepped, codes)
    if entry is None:
        if not any(ch.isalpha() for ch in prepped):
            return _NOT_A_COUNTRY
        entry = _Entry("unknown", frozenset())
    return _to_resolution(ix, entry, raw)


def resolve(text: str) -> Resolution:
    """Resolve one country answer. Unresolved answers carry a reason (and maybe a suggestion)."""
    if not isinstance(text, str):
        return _EMPTY  # None, NaN and other missing values
    return _resolve_str(text)


def resolve_many(values: Iterable[str]) -> dict[str, Resolution]:
    """Resolve each distinct value once: {value: Resolution}, for mapping a whole column."""
    return {value: resolve(value) for value in dict.fromkeys(values)}


def suggest(text: str) -> str | None:
    """A display name a person might have meant (fuzzy match); never use it as an assignment."""
    if not isinstance(text, str):
        return None
    ix = _index()
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


# ---------------------------------------------------------------------------------------------
# The reference table


@functools.cache
def _table() -> pd.DataFrame:
    return pd.read_csv(REFERENCE_CSV, dtype=str, keep_default_na=False)


def country_table() -> pd.DataFrame:
    """WHO's reference table: iso3, iso2, who_name, who_region, wb_income_group, un_m49,
    member_type, notes (a copy; blanks are "" and Namibia's iso2 stays "NA")."""
    return _table().copy()


@functools.cache
def _rows() -> dict[str, dict[str, str]]:
    return {row["iso3"]: row for row in _read_csv_rows(REFERENCE_CSV)}


def _field(iso3: str, column: str) -> str | None:
    row = _rows().get(iso3.upper())
    if row is None:
        raise KeyError(f"{iso3!r} is not in {REFERENCE_CSV.name}")
    return row[column] or None


def display_name(iso3: str) -> str:
    """WHO's name for a country or territory ("Türkiye", "Netherlands (Kingdom of the)")."""
    return _field(iso3, "who_name") or iso3


def region_of(iso3: str) -> str | None:
    """WHO region code (AFR, AMR, SEAR, EUR, EMR, WPR), or None where WHO assigns none."""
    return _field(iso3, "who_region")


def member_type_of(iso3: str) -> str:
    """WHO membership: "member", "associate" or "other" (territories, non-members)."""
    return _field(iso3, "member_type") or "other"


def income_group_of(iso3: str) -> str | None:
    """World Bank income group (FY2026 labels), or None where the World Bank lists none."""
    return _field(iso3, "wb_income_group")


def countries_cli(stdin: IO[str], stdout: IO[str]) -> int:
    """One answer per input line -> "input<TAB>ISO3" (empty code when unresolved), in order."""
    for line in stdin:
        text = line.rstrip("\r\n")
        result = resolve(text)
        stdout.write(f"{text}\t{result.iso3 or ''}\n")
        stdout.flush()
    return 0
