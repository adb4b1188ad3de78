"""The one look of every plotly figure, the empty-selection figure, and small shared helpers."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..theme import FONT_FAMILY, GRID_COLOR, MUTED_TEXT, TEXT_COLOR
from ..vocabulary import EMPTY_MESSAGE

_BASE_TEMPLATE = pio.templates["plotly_white"]


def safe(text: object) -> str:
    """Text for a hovertemplate: no accidental plotly variables or HTML tags."""
    return str(text).replace("%{", "% {").replace("<", "&lt;").replace(">", "&gt;")


def is_empty(df: pd.DataFrame | None, required: Iterable[str]) -> bool:
    if df is None or len(df) == 0:
        return True
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"figure data lacks column(s) {', '.join(missing)}")
    return False


def count_axis(max_value: float) -> dict:
    """Axis settings for head counts: thousands separators, no fractional ticks."""
    axis: dict = {"tickformat": ",d", "rangemode": "tozero"}
    if max_value <= 5:
        axis["dtick"] = 1
    return axis


def time_tickformat(times: pd.Series) -> str | None:
    """Clock times when a series lies within one day; plotly's default dates otherwise."""
    if len(times) and (times.max() - times.min()) <= pd.Timedelta(days=1):
        return "%H:%M"
    return None


def style(
    fig: go.Figure,
    title: str | None,
    height: int,
    *,
    legend: bool = False,
    margin: dict | None = None,
) -> go.Figure:
    """One look for every figure: font, title, margins, hover labels, white background."""
    fig.update_layout(
        template=_BASE_TEMPLATE,
        font={"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOR},
        title=(
            {
                "text": title,
                "x": 0,
                "xanchor": "left",
                "xref": "container",
                "pad": {"l": 12},
                "font": {"size": 17},
            }
            if title
            else None
        ),
        height=height,
        margin=margin or {"l": 10, "r": 30, "t": 60 if title else 20, "b": 10},
        showlegend=legend,
        separators=".,",
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}, "bgcolor": "white"},
        paper_bgcolor="white",
        plot_bgcolor="white",
    )
    fig.update_xaxes(automargin=True, gridcolor=GRID_COLOR, zeroline=False, title_standoff=8)
    fig.update_yaxes(automargin=True, gridcolor=GRID_COLOR, zeroline=False, title_standoff=8)
    return fig


def empty_figure(title: str | None = None, message: str = EMPTY_MESSAGE) -> go.Figure:
    """A figure with only a centred message: no axes, no traces."""
    fig = go.Figure()
    style(fig, title, 320)
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "middle",
                "showarrow": False,
                "font": {"size": 16, "color": MUTED_TEXT},
            }
        ],
    )
    return fig
