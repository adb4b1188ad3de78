"""The map's inputs for one selection, from the named queries: the same for the Map page, its
PNG/SVG downloads and the PDF briefing (`run` is `ui.query` or a `queries.run` bound to a
connection, as for `reports.summary`)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .charts.geo import MapData
from .queries import Selection
from .vocabulary import MEASURES

Runner = Callable[..., pd.DataFrame]
DEMO_WORDS = "synthetic demonstration data"


def data_as_of(source: pd.DataFrame) -> str:
    """The latest export time of the event's files, e.g. "28 June 2021, 09:21 UTC"."""
    when = source["data_as_of"].iloc[0] if len(source) else None
    return "" if when is None or pd.isna(when) else f"{pd.Timestamp(when):%-d %B %Y, %H:%M} UTC"


def source_words(source: pd.DataFrame, event_name: str, is_demo: bool = False) -> str:
    """E.g. "WLPF 2021, 10 exported files (Zoom webinar attendee, Zoom webinar registration)"."""
    if not len(source) or not int(source["files"].iloc[0]):
        return f"{event_name}, no files imported"
    formats = str(source["formats"].iloc[0] or "")
    kinds = ", ".join(f.replace("_", " ").capitalize() for f in formats.split(", ") if f)
    files = int(source["files"].iloc[0])
    words = f"{event_name}, {files:,} exported file{'s' if files != 1 else ''} ({kinds})"
    return f"{words}; {DEMO_WORDS}" if is_demo else words


def map_data(
    run: Runner,
    selection: Selection,
    basis: str,
    *,
    event_name: str,
    filters: str = "",
    as_share: bool = False,
    is_demo: bool = False,
    k: int = 5,
) -> MapData:
    """Everything one map shows for the selection (`filters`: the filters in words; `k`: the
    small-count threshold, settings.suppression_k, where the classes of counts start)."""
    measure = MEASURES[basis]
    source = run("map_source", None, event_id=selection.event_id)
    return MapData(
        by_country=run("participants_by_country", selection, basis=basis),
        countries=run("countries_list", None),
        regions=tuple(selection.regions),
        measure=measure,
        as_share=as_share,
        title=f"{event_name}: {'share of ' if as_share else ''}{measure} by country",
        filters=filters,
        data_as_of=data_as_of(source),
        source=source_words(source, event_name, is_demo),
        k=k,
    )
