"""Vendor export parsers: detect a layout from content and turn it into a ParsedReport."""

from __future__ import annotations

from ..model import BadFileError, ParsedReport, UnknownLayout
from . import (
    checkin,
    eventbrite,
    generic,
    indico,
    structure,
    teams,
    webex,
    zoom_meeting,
    zoom_webinar,
)

# Order matters only where signatures could overlap: the most specific layouts first.
_VENDORS = (teams, zoom_meeting, eventbrite, indico, webex, checkin)


def detect_format(text: str) -> str | None:
    """The vendor format of decoded text, or None when it is no layout we know."""
    found = zoom_webinar.detect(text)
    if found:
        return found
    for module in _VENDORS:
        if module.detect(text):
            return module.FORMAT
    return None


def detect_by_structure(text: str) -> tuple[str, str | None, list[str]]:
    """(text, format, notes) of a file no label list recognizes: a vendor table whose columns
    were renamed is relabelled from its values (structure.relabel) and detected again."""
    found = structure.relabel(text)
    if found is None:
        return text, None, []
    relabelled, notes = found
    fmt = detect_format(relabelled)
    return (relabelled, fmt, notes) if fmt else (text, None, [])


def parse(text: str, encoding: str, fmt: str | None, mapping: dict | None = None) -> ParsedReport:
    if fmt in zoom_webinar.FORMATS:
        return zoom_webinar.parse(text, encoding)
    for module in _VENDORS:
        if fmt == module.FORMAT:
            return module.parse(text, encoding)
    if mapping:
        return generic.parse(text, encoding, mapping)
    raise UnknownLayout(
        "This file is not a layout the dashboard recognises (Zoom, Teams, Eventbrite, Indico or "
        "Webex export). If it is a table with one header row, map its columns on the Data page "
        "(the mapping is saved as a profile and reused for the next file of the same shape).",
        _header_or_none(text),
    )


def _header_or_none(text: str) -> list[str]:
    try:
        return generic.header_of(text)
    except BadFileError:
        return []
