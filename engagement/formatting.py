"""Numbers and dates as every surface writes them (pages, charts, downloads, PDF); one marker,
MISSING, for a value that is not there."""

from __future__ import annotations

import pandas as pd

MISSING = "–"


def is_missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def is_withheld(value: object) -> bool:
    """A figure replaced by words in a download ("<5", "hidden": see engagement/suppress)."""
    if not isinstance(value, str):
        return False
    try:
        float(value)
    except ValueError:
        return True
    return False


def number(value: object) -> float:
    """A figure as a number for a chart or a sum: missing and withheld figures are 0."""
    return 0.0 if is_missing(value) or is_withheld(value) else float(value)


def fmt_int(value: object) -> str:
    """1234.4 -> "1,234"; a withheld figure as it is ("<5")."""
    if is_withheld(value):
        return str(value)
    return MISSING if is_missing(value) else f"{int(round(float(value))):,}"


def fmt_pct(share: object, digits: int = 1) -> str:
    """0.1234 -> "12.3 %"."""
    if is_withheld(share):
        return str(share)
    return MISSING if is_missing(share) else f"{float(share) * 100:.{digits}f} %"


def fmt_dec(value: object) -> str:
    """100.875 -> "100.9"."""
    if is_withheld(value):
        return str(value)
    return MISSING if is_missing(value) else f"{float(value):,.1f}"


def fmt_minutes(value: object) -> str:
    """93.6 -> "94 min"."""
    return MISSING if is_missing(value) else f"{float(value):,.0f} min"


def fmt_count_share(count: object, share: object) -> str:
    """ "1,234 (12.3 %)", or "1,234" alone when there is no share (the unknown group)."""
    if is_missing(share) or is_withheld(share):
        return fmt_int(count)
    return f"{fmt_int(count)} ({fmt_pct(share)})"


def fmt_text(value: object) -> str:
    return MISSING if is_missing(value) else str(value)


def fmt_day(value: object, pattern: str = "%a %d %b") -> str:
    """A session's day, e.g. "Mon 21 Jun"; a session without a date is "undated"."""
    return "undated" if is_missing(value) else f"{pd.Timestamp(value):{pattern}}"
