"""The briefing's charts, drawn with matplotlib (imported when a briefing is built: it costs
~0.7 s at import) in the dashboard's colours, as PNG images."""

from __future__ import annotations

import io

import pandas as pd

from ..formatting import fmt_count_share, number
from ..theme import GRID_COLOR, MUTED_TEXT, TEXT_COLOR, WHO_BLUE, WHO_NAVY
from .document import CONTENT_W, RULE

DPI = 220  # crisp when printed, still fast: charts are a few hundred KB in all


def _figure(height_mm: float, width_mm: float = CONTENT_W):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # Figure + FigureCanvasAgg, never pyplot: no global state, safe in Streamlit's download
    # thread, and the Agg (non-interactive) renderer whatever backend the process has.
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), layout="constrained")
    FigureCanvasAgg(fig)
    fig.get_layout_engine().set(w_pad=0.02, h_pad=0.02)
    return fig


def _png(fig) -> io.BytesIO:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    buffer.seek(0)
    return buffer


def group_chart(
    labels: list[str], counts: pd.Series, shares: pd.Series, colors: list[str]
) -> tuple[io.BytesIO, float]:
    """Horizontal bars per group (WHO region, stakeholder type), first on top, each labelled
    "1,234 (12.3 %)" at its end; no axes clutter. Returns the PNG and its height in mm."""
    # A suppressed count (a download's "<5") draws no bar: its length would tell it.
    values = [number(v) for v in counts]
    texts = [fmt_count_share(n, s) for n, s in zip(counts, shares, strict=True)]
    height = 8 + 7.2 * len(labels)
    fig = _figure(height)
    ax = fig.add_subplot()
    y = list(range(len(labels)))
    ax.barh(y, values, color=colors, height=0.68)
    ax.set_yticks(y, labels, fontsize=8.5, color=TEXT_COLOR)
    ax.invert_yaxis()
    top = max(values) if values and max(values) > 0 else 1
    ax.set_xlim(0, top * 1.28)
    for yi, value, label in zip(y, values, texts, strict=True):
        ax.text(value + top * 0.012, yi, label, va="center", fontsize=8, color=TEXT_COLOR)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color(RULE)
    ax.tick_params(axis="y", length=0, pad=4)
    return _png(fig), height


def _shade_event(ax, event_days: list) -> None:
    first, last = min(event_days), max(event_days)
    ax.axvspan(
        first - pd.Timedelta(hours=12),
        last + pd.Timedelta(hours=12),
        color=WHO_BLUE,
        alpha=0.10,
        lw=0,
    )
    ax.text(
        first - pd.Timedelta(hours=12),
        1.0,
        " event",
        transform=ax.get_xaxis_transform(),
        va="top",
        ha="left",
        fontsize=7.5,
        color=MUTED_TEXT,
    )


def registrations_chart(table: pd.DataFrame, event_days: list) -> tuple[io.BytesIO, float]:
    """New registrants per day (bars) and the running total (line, right axis)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    height = 52.0
    fig = _figure(height)
    ax = fig.add_subplot()
    days = pd.to_datetime(table["Day"])
    if event_days:
        _shade_event(ax, event_days)
    new = [number(v) for v in table["New registrants"]]  # suppressed days draw no bar
    ax.bar(days, new, width=0.8, color=WHO_BLUE, label="New registrants")
    ax.set_ylabel("New registrants", fontsize=8, color=TEXT_COLOR)
    cumulative = [number(v) for v in table["Cumulative"]]  # all 0 when suppressed
    axes = [ax]
    if any(cumulative):
        total = ax.twinx()
        total.plot(days, cumulative, color=WHO_NAVY, lw=1.4, label="Cumulative")
        total.set_ylabel("Cumulative", fontsize=8, color=WHO_NAVY)
        # Headroom above the running total, so the line never runs into the "event" label.
        total.set_ylim(0, max(cumulative) * 1.15)
        axes.append(total)
    # else no right axis: a suppressed running total drew an empty "Cumulative" axis of 0 to 1
    for axis in axes:
        axis.tick_params(labelsize=7.5, colors=TEXT_COLOR, length=2)
        axis.yaxis.set_major_formatter(lambda v, _pos: f"{v:,.0f}")
        axis.spines["top"].set_visible(False)
        for side in ("left", "right", "bottom"):
            axis.spines[side].set_color(RULE)
        # whole people only: no "0, 0.5, 1" ticks on a small event
        axis.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True, min_n_ticks=2))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=9))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.grid(axis="y", color=GRID_COLOR, lw=0.6)
    ax.set_axisbelow(True)
    return _png(fig), height
