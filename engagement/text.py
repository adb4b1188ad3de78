"""Text folding for matching: the one `fold` of the package, and header-label forms built on it."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# Typographic quotes and dashes written as their plain forms before anything else.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u00b4": "'",
        "`": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\ufeff": "",
    }
)
# Letters NFKD does not decompose (Polish ł, Nordic ø, ...), applied after case folding.
_LETTERS = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae"})


def strip_accents(text: str) -> str:
    """NFKD without combining marks (plain quotes and dashes); case and spacing untouched."""
    # NFKD also splits Arabic hamza seats (أ -> ا + hamza), so "أنثى" and "انثى" fold alike.
    decomposed = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: object) -> str:
    """Lower-case, accent-free, single-spaced text; "" for None/NaN/NA."""
    if text is None:
        return ""
    if not isinstance(text, str):
        if pd.isna(text):
            return ""
        text = str(text)
    if text.isascii():  # most values: NFKD and the letter table change nothing, casefold = lower
        return " ".join(text.replace("`", "'").lower().split())
    return " ".join(strip_accents(text).casefold().translate(_LETTERS).split())


def label(text: object) -> str:
    """A header or summary label for matching: folded, without a trailing colon."""
    return fold(text).rstrip(":").strip()


def label_key(text: object) -> str:
    """A label without quotes or any space, so "세션 기간(분)" equals "세션 기간 (분)"."""
    return label(str(text).strip().strip('"')).replace(" ", "")


# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all
# turns links, images, HTML, emphasis, autolinked URLs ("http\:\/\/…") and Streamlit's
# ":color[…]" / ":material/…:" directives into the literal characters.
_MD_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_{}[]()#+-.!|<>~$:@&=\"'%;,/?^"})


# GFM turns bare URLs, "www." and e-mail addresses into links after escapes are resolved
# (seen in Streamlit 1.67), so a WORD JOINER (U+2060, invisible) goes where those patterns need
# two characters side by side.
_JOIN = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(?=://)|(?<=\bwww)(?=\.)|(?=@)")


def md_escape(text: object) -> str:
    """A string from a file or a user, safe to put inside Markdown: shown exactly as written."""
    if text is None:
        return ""
    flat = " ".join(str(text).splitlines())  # a newline would start a new Markdown block
    return _AUTOLINK.sub(_JOIN, flat).translate(_MD_SPECIAL)
