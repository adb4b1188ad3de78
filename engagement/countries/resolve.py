"""Resolving answers: text to a Resolution (ISO3 code, or why none), a whole column, the CLI."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO

from .index import LISTED, Entry, Index, get_index
from .lookup import read_code, read_typo, read_whole, suggest
from .normalize import (
    COUNTRY_PREFIXES,
    TOKEN,
    key_of,
    literal_key,
    prep,
    strip_country_prefix,
    tokenize,
    unmojibake,
)
from .parts import read_list, read_parts
from .words import CODE_WORDS, DISTRUSTED_CODES, LIST_SEP, NOT_LOWER_CODES

_UPPER_ACRONYM = re.compile(r"\b(?:[A-Z]\.)+[A-Z]\b\.?|\b(?:[A-Z]\.\s?){2,}")
_ASCII_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]{2,3}(?![^\W\d_])")
# A word with an optional ending in parentheses, glued to it: "Niger(ia)", "Philippine(s)".
_OPTIONAL_ENDING = re.compile(r"(?<=[^\W\d_])\(([a-z]{1,4})\)?(?![^\W\d_])")


# French, Italian and Catalan articles and "of" elided before a vowel ("d'Australie",
# "l'Inde", "dell'Ecuador"), with the word each stands for (stop words of the keys).
_ELISION = re.compile(r"(?<![^\W\d_])(d|l|dell|dall|nell|sull)['’](?=[^\W\d_])", re.IGNORECASE)
_ELIDED = {
    "d": "de ",
    "l": "la ",
    "dell": "della ",
    "dall": "della ",
    "nell": "della ",
    "sull": "della ",
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a country answer means: an ISO3 code, or why there is none."""

    iso3: str | None
    reason: str  # "" when resolved by name, "typo:<WHO name>" by the typo rule, else REASONS
    suggestion: str | None = None  # for a person to confirm; never an assignment


_EMPTY = Resolution(None, "empty")
_NOT_A_COUNTRY = Resolution(None, "not a country")
_REGIONAL_INDICATOR_A = 0x1F1E6


def _to_resolution(ix: Index, entry: Entry, text: str) -> Resolution:
    if entry.reason == LISTED:
        entry = Entry("ambiguous", entry.codes)
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
        if w.isupper() or (len(w) == 2 and w.casefold() not in CODE_WORDS)
    }
    if "." in raw:
        for m in _UPPER_ACRONYM.finditer(raw):
            letters = m.group().replace(".", "").replace(" ", "").casefold()
            if 2 <= len(letters) <= 3:
                codes.add(letters)
    return frozenset(codes)


@functools.lru_cache(maxsize=100_000)
def _resolve_str(text: str) -> Resolution:
    ix = get_index()
    raw = text.strip()
    if not raw:
        return _EMPTY
    if len(raw) == 2 and all(0x1F1E6 <= ord(c) <= 0x1F1FF for c in raw):
        code = "".join(chr(ord(c) - _REGIONAL_INDICATOR_A + ord("A")) for c in raw)
        entry = read_code(ix, code)
        return _to_resolution(ix, entry, raw) if entry else Resolution(None, "unknown")
    if raw.isascii() and raw.isalpha() and raw.isupper() and 2 <= len(raw) <= 3:
        if raw not in DISTRUSTED_CODES:
            entry = read_code(ix, raw)
            if entry:
                return _to_resolution(ix, entry, raw)
    if raw.isascii() and raw.isalpha() and raw.islower() and len(raw) == 3:
        # A whole answer of three lower-case letters: a code typed without capitals ("gbr"),
        # unless it is also a word ("can", "per", "ind") or a first name ("ben", "ken").
        if raw not in CODE_WORDS and raw not in NOT_LOWER_CODES:
            entry = read_code(ix, raw.upper())
            if entry:
                return _to_resolution(ix, entry, raw)
    if raw.isdigit() and raw.isascii():
        iso3 = ix.m49.get(int(raw)) if len(raw) <= 3 else None
        return Resolution(iso3, "") if iso3 else _NOT_A_COUNTRY
    if "@" in raw or raw.casefold().startswith(("http://", "https://", "www.")):
        return _NOT_A_COUNTRY
    if not raw.isascii():
        written = unicodedata.normalize("NFC", unmojibake(raw)).casefold()
        entry = ix.exact.final.get(written)
        if entry is None and written.startswith(COUNTRY_PREFIXES):
            entry = ix.exact.final.get(strip_country_prefix(written))  # "ประเทศไทย"
        if entry:
            return _to_resolution(ix, entry, raw)
    m = _OPTIONAL_ENDING.search(raw)
    if m and tokenize(m.group(1)) == [m.group(1)]:  # "Korea(rep)": an abbreviation, a note
        return _read_optional_ending(ix, raw, m)
    prepped = prep(raw)
    if not tokenize(prepped) and raw.casefold() in _written_codes(raw):
        # A code that is also a stop word of the index ("de": Germany, not "of").
        entry = read_code(ix, raw)
        if entry:
            return _to_resolution(ix, entry, raw)
    if not tokenize(prepped):
        return _EMPTY if not any(ch.isdigit() for ch in prepped) else _NOT_A_COUNTRY
    entry = None
    codes = _written_codes(raw)
    if LIST_SEP.search(prepped):
        entry = read_list(ix, prepped, codes)
    entry = entry or read_whole(ix, prepped, codes) or read_parts(ix, prepped, codes)
    if entry is None and _ELISION.search(raw):
        # "Commonwealth d'Australie", "l'Allemagne": the elided article glued to the name
        # hides it from the index's keys ("daustralie"); read once with the article apart.
        spaced = _resolve_str(_ELISION.sub(lambda m: _ELIDED[m.group(1).casefold()], raw))
        if spaced.iso3 or spaced.reason != "unknown":
            return spaced
    if entry is None:
        if not any(ch.isalpha() for ch in prepped):
            return _NOT_A_COUNTRY
        iso3 = read_typo(ix, key_of(tokenize(prepped)), literal_key(TOKEN.findall(prepped)))
        if iso3 is not None:
            # Resolved by rule: the reason says which, for the Review page.
            return Resolution(iso3, f"typo:{ix.display[iso3]}")
        entry = Entry("unknown", frozenset())
    return _to_resolution(ix, entry, raw)


def _read_optional_ending(ix: Index, raw: str, m: re.Match[str]) -> Resolution:
    """An answer written with an optional ending ("Niger(ia)", "Philippine(s)") means the
    word with it, or either: the word with the ending must name a country, and the word
    without it nothing or the same country (a joined key would make "Niger(ia)" Nigeria,
    though it is written to mean Niger or Nigeria; "Island(s)" is no Iceland)."""
    short = _resolve_str(raw[: m.start()] + raw[m.end() :])
    long = _resolve_str(raw[: m.start()] + m.group(1) + raw[m.end() :])
    if long.iso3 and short.iso3 in (None, long.iso3):
        return long
    if long.iso3 and short.iso3:
        names = sorted(ix.display[c] for c in (short.iso3, long.iso3) if c in ix.display)
        return Resolution(None, "ambiguous", " or ".join(names) or None)
    return long if long.iso3 is None and long.reason != "unknown" else Resolution(None, "unknown")


def resolve(text: str) -> Resolution:
    """Resolve one country answer. Unresolved answers carry a reason (and maybe a suggestion)."""
    if not isinstance(text, str):
        return _EMPTY  # None, NaN and other missing values
    return _resolve_str(text)


def resolve_many(values: Iterable[str]) -> dict[str, Resolution]:
    """Resolve each distinct value once: {value: Resolution}, for mapping a whole column."""
    return {value: resolve(value) for value in dict.fromkeys(values)}


def countries_cli(stdin: IO[str], stdout: IO[str]) -> int:
    """One answer per input line -> "input<TAB>ISO3" (empty code when unresolved), in order."""
    for line in stdin:
        text = line.rstrip("\r\n")
        result = resolve(text)
        stdout.write(f"{text}\t{result.iso3 or ''}\n")
        stdout.flush()
    return 0
