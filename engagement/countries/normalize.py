"""Text normalization of country answers: repairs, folding, tokens and lookup keys."""

from __future__ import annotations

import html
import re
import unicodedata

from .words import PREFIX_WORDS, SUFFIX_WORDS

# Leading words meaning "country" in scripts written without spaces (Thai "ประเทศไทย" is
# "country Thai"): stripped from the front of a word.
COUNTRY_PREFIXES = ("ประเทศ", "ປະເທດ")

# Words that carry no identity: dropped from every key so that "Bosnia & Herzegovina",
# "Bosnia y Herzegovina" and "Bosnia and Herzegovina" meet; "Gambia, The" == "The Gambia".
_STOPWORDS = frozenset(
    "the of and et y e und i en de del della di do da das dos du des la le les los las el "
    "der".split()
)

# Abbreviations expanded token by token ("St. Lucia", "Korea, Rep.", "Lao PDR", "Cayman Is.").
_TOKEN_MAP: dict[str, tuple[str, ...]] = {
    "st": ("saint",),
    "sankt": ("saint",),  # German: "Sankt Helena"
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
    # UN statistical abbreviations (UN Comtrade, M49 tables): "Turks & Caicos Isds".
    "isd": ("islands",),
    "isds": ("islands",),
    "islds": ("islands",),
    "pdr": ("peoples", "democratic", "republic"),
    "dpr": ("democratic", "peoples", "republic"),
    "dr": ("democratic", "republic"),
    "people": ("peoples",),
    "utd": ("united",),
    "gt": ("great",),  # "Gt. Britain" (a lone "gt" is Guatemala's code, read before this)
    "side": ("part",),  # "Saint Martin (French side)", as "(French part)"
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
    # Form words of official names in other languages (read from pycountry's catalogs of
    # official names: "République française", "Jamhuri ya Kenya", "دولة ليبيا"), mapped to
    # the English form words that the long-form readings strip (words.PREFIX_WORDS,
    # REGIME_WORDS), so that "Volksrepublik Bangladesch" reads as "Bangladesch".
    **dict.fromkeys(
        "jamhuri jamhuriyar jumhuriya jomhuri poblacht repubblika respublikasy respublikasi "
        "repiblik repoblika lydveldid cumhuriyeti koztarsasag rzeczpospolita "
        "vabariik hanrapetutyun gonoprojatontri olominira "
        "جمهورية الجمهورية республика республикасы република республіка गणराज्य".split(),
        ("republic",),
    ),
    **dict.fromkeys(
        "الديمقراطية الديموقراطية демократическая демократична".split(), ("democratic",)
    ),
    **dict.fromkeys("الشعبية народная народна".split(), ("peoples",)),
    "volksrepublik": ("peoples", "republic"),
    **dict.fromkeys(
        "الاشتراكية socialiste socialista sozialistische социалистическая".split(),
        ("socialist",),
    ),
    **dict.fromkeys("الاسلامية исламская eslami".split(), ("islamic",)),
    **dict.fromkeys(
        "الاتحادية федеративная федеральная federativa federative federativo foderative "
        "federale tarayyar apapo foderation federacion federacao".split(),
        ("fed",),
    ),
    "bundesrepublik": ("fed", "republic"),
    **dict.fromkeys(
        "مملكة المملكة королевство royaume reino konigreich koenigreich regno koninkrijk "
        "krolestwo kraljevina kongeriket kongeriget konungariket mamlaka umbuso anachak "
        "puleanga".split(),
        ("kingdom",),
    ),
    **dict.fromkeys("دولة etat estat estado staat stato государство muso malo".split(), ("state",)),
    # Japanese "-koku" (country, 国) of romanized names ("Nihon-koku"); Guarani "Tetã".
    **dict.fromkeys("koku teta".split(), ("country",)),
    **dict.fromkeys("unione unie союз اتحاد الاتحاد".split(), ("union",)),
    "sonderverwaltungszone": ("sar",),
    **dict.fromkeys("territoire territorio territorium".split(), ("territory",)),
    **dict.fromkeys("collectivite collectividad".split(), ("collectivity",)),
    **dict.fromkeys("departement departamento".split(), ("department",)),
    **dict.fromkeys("principaute principado furstentum principato".split(), ("principality",)),
    **dict.fromkeys("emirat emirato".split(), ("emirate",)),
    **dict.fromkeys("sultanat sultanato sultania".split(), ("sultanate",)),
    **dict.fromkeys("mancomunidad commonwealth".split(), ("commonwealth",)),
    **dict.fromkeys("independiente independant independente tutoatasi".split(), ("independent",)),
    "plurinacional": ("plurinational",),
    "bolivariana": ("bolivarian",),
    "eq": ("equatorial",),
    "govt": ("government",),
    "gov": ("government",),
}


def expansion(token: str) -> tuple[str, ...] | None:
    """The words an abbreviation stands for in the tokens ("st": "saint"), if it is one."""
    return _TOKEN_MAP.get(token)


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
WILDCARD = "\ue000"
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
TOKEN = re.compile(f"[{_WORD_CHARS}]+")
_QMARK_WILDCARD = re.compile(r"(?<=\w)\?+(?=\w)")
_ACRONYM = re.compile(r"\b(?:[a-z]\.)+[a-z]\b\.?|\b(?:[a-z]\.\s?){2,}")
_CO_OP = re.compile(r"\bco-(?=op)")
_FMR_NOTE = re.compile(r"\(\s*fmr\b\.?\s*")
_PAREN = re.compile(r"\(([^()]*)\)")
NON_ASCII_LATIN = re.compile("[\u00c0-\u024f]")
HAS_UMLAUT = re.compile("[äöüÄÖÜ]")
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


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


def unmojibake(s: str) -> str:
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


def prep(text: str, trusted: bool = False) -> str:
    """Lower-case, accent-free, mojibake-free text that keeps commas and parentheses.

    trusted=True (reference names) skips the repairs meant for user input.
    """
    s = text
    if not trusted:
        if "&" in s and ";" in s:
            s = html.unescape(s)
        if not s.isascii():
            s = unmojibake(s)
    s = unicodedata.normalize("NFKC", s).casefold().translate(_FOLD)
    if not s.isascii():
        s = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFKD", s)))
    if "?" in s:
        s = _QMARK_WILDCARD.sub(WILDCARD, s)
    if "co-" in s:
        s = _CO_OP.sub("co", s)  # "Co-operative Republic of Guyana"
    s = s.replace("'", "")
    if "(fmr" in s:
        # "Eswatini (fmr. Swaziland)": UN tables' "former" in a note; a leading "Fmr" names
        # the former, larger state ("Fmr Sudan", with South Sudan) and stays as it is.
        s = _FMR_NOTE.sub("(formerly ", s)
    if "." in s:
        s = _ACRONYM.sub(lambda m: m.group().replace(".", "").replace(" ", "") + " ", s)
    if "special administrative region" in s:
        s = s.replace("special administrative region", " sar ")
    if "administrativ" in s:  # "Región Administrativa Especial de Macao", French likewise
        for form in ("region administrativa especial", "region administrative speciale"):
            s = s.replace(form, " sar ")
    return s


def strip_country_prefix(word: str) -> str:
    """A word without a leading word for "country" ("ประเทศไทย" -> "ไทย"); never empty."""
    for prefix in COUNTRY_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix):
            return word[len(prefix) :]
    return word


def tokenize(s: str) -> list[str]:
    """The words of prepped text that carry identity, abbreviations expanded."""
    out: list[str] = []
    for t in TOKEN.findall(s):
        if t.startswith(COUNTRY_PREFIXES):
            t = strip_country_prefix(t)
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


def word_orders(s: str) -> list[str]:
    """The prepped text, then its word orders around one parenthesis and one comma."""
    out = [s]
    m = _PAREN.search(s)
    if m:
        out.append(m.group(1) + " " + s[: m.start()] + " " + s[m.end() :])
    if s.count(",") == 1:
        a, b = s.split(",")
        out.append(b + " " + a)
    return out


def key_of(tokens: list[str]) -> str:
    """The key of tokens in order."""
    return "".join(tokens)


def bag_of(tokens: list[str]) -> str:
    """The key of tokens in any order."""
    return " ".join(sorted(tokens))


def normalize(text: str) -> str:
    """The lookup key of a text (folded, accent-free, without spaces or punctuation)."""
    return key_of(tokenize(prep(text)))


def literal_key(raw: list[str]) -> str:
    """The words of a text as written (stop words kept, an English "the" dropped)."""
    return "".join(raw[1:] if len(raw) > 1 and raw[0] == "the" else raw)


def strip_form(toks: list[str]) -> list[str]:
    """Tokens without the leading and trailing words of formal long forms."""
    start, stop = 0, len(toks)
    while start < stop and toks[start] in PREFIX_WORDS:
        start += 1
    while stop > start and toks[stop - 1] in SUFFIX_WORDS:
        stop -= 1
    return toks[start:stop]


_DOUBLED = re.compile(r"(.)\1+")


# The Arabic article in its assimilated forms and short words for "of", "and", "the".
_ROMAN_PARTICLES = frozenset(
    "al el ul as ar at ad an az ash ath of the and de di da du del la le y e i ye ya wa va".split()
)


def roman_key(prepped: str) -> str:
    """A coarse key of a romanised name, for spellings of the same name in other
    romanisations ("Al-Mamlaka al-Maghribiya", "Al-Mamlakah al-Maġribiyah"): the words but
    the articles and particles ("al", "as", "of"), each with its inner h dropped (gh, kh, sh),
    and doubled letters single ("Jumhooriyyaa", "Jumhooriyya"). Vowels stay: "Maldivská"
    and "Moldavská" must not meet. Names of two such words or more and of 10 letters or
    more only; "" otherwise (and for names in other scripts)."""
    words = [w for w in TOKEN.findall(prepped) if w not in _ROMAN_PARTICLES]
    if len(words) < 2 or not all(w.isascii() and w.isalpha() for w in words):
        return ""
    key = "".join(w[0] + w[1:].replace("h", "") for w in words)
    key = _DOUBLED.sub(r"\1", key)
    return key if len(key) >= 10 else ""
