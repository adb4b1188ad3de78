"""The briefing: a PDF summary of the selection (aggregate figures only), fpdf2 + matplotlib.

Input is a `reports.Summary`, so the PDF, the Excel workbook and the CSVs show the same
figures. No Chrome: matplotlib draws the charts (Agg, PNG) and ships DejaVu Sans, which fpdf2
embeds (subset) so that any text prints: Côte d'Ivoire, Türkiye, "–", "÷", "…" and whatever an
organizer typed into a session title (the 14 built-in PDF fonts are latin-1 only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..charts.geo import MapData
from ..queries import Selection
from ..reports import Summary
from ..vocabulary import STAKEHOLDER_LABELS, region_label
from . import sections
from .document import new_pdf

if TYPE_CHECKING:  # only a type here: report_files builds the briefing through this package
    from ..report_files import About

SUBTITLE_SESSIONS = 3  # more chosen sessions than this are summarised as "N sessions"
_BASIS_WORDS = {"attendees": "attendees counted", "registrants": "registrants counted"}


def _shorten(words: str, limit: int = 60) -> str:
    words = " ".join(str(words).split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def selection_words(selection: Selection, sessions_df: pd.DataFrame, basis: str) -> str:
    """The filters in words, e.g. "All days · all sessions · all regions · ... · attendees
    counted" (sessions_df: the `sessions_list` query, for the titles of chosen sessions)."""
    if selection.days:
        days = ", ".join(f"{pd.Timestamp(d):%a %d %b %Y}" for d in sorted(selection.days))
    else:
        days = "all days"
    if not selection.session_ids:
        chosen = "all sessions"
    elif len(selection.session_ids) > SUBTITLE_SESSIONS:
        chosen = f"{len(selection.session_ids)} sessions"
    else:
        titles = dict(zip(sessions_df["session_id"], sessions_df["title"], strict=True))
        chosen = "; ".join(_shorten(titles.get(s, f"session {s}")) for s in selection.session_ids)
    regions = ", ".join(map(region_label, selection.regions)) or "all regions"
    types = (
        ", ".join(STAKEHOLDER_LABELS.get(s, s) for s in selection.stakeholders)
        or "all stakeholder types"
    )
    words = " · ".join([days, chosen, regions, types, _BASIS_WORDS.get(basis, basis)])
    return words[:1].upper() + words[1:]


def briefing_pdf(
    summary: Summary,
    title: str,
    subtitle: str,
    note: str | None = None,
    about: About | None = None,
    *,
    time_zone: str | None = None,
    map_data: MapData | None = None,
) -> bytes:
    """The briefing as PDF bytes. `summary` is `reports.summary(run, selection, basis)`;
    `subtitle` says the filters in words (see `selection_words`); `note` is shown in a box (the
    demo badge); `time_zone` names the zone of the sessions' times (e.g. "CEST, Europe/Zurich");
    `about` (report_files.build) adds the data's date and sources under the title and a page
    on the filters, sources and notes before the definitions."""
    pdf = new_pdf(title)
    sections.title_block(pdf, title, subtitle)
    if about is not None:
        sections.data_line(pdf, about)
    if note:
        sections.note_box(pdf, note)
    if map_data is not None:
        sections.map_page(pdf, map_data, dated=about is None)
    sections.key_figures(pdf, summary)
    sections.by_region(pdf, summary)
    sections.countries(pdf, summary)
    sections.by_stakeholder(pdf, summary)
    sections.type_by_region(pdf, summary)
    sections.sessions(pdf, summary, time_zone)
    sections.registrations(pdf, summary)
    sections.not_reached(pdf, summary)
    if about is not None:
        sections.about_section(pdf, about)
    sections.definitions(pdf)
    return bytes(pdf.output())
