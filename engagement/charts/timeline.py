"""Charts over time: registrations per day, people present per minute, minutes, departures."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..formatting import fmt_int
from ..theme import MUTED_TEXT, WHO_BLUE, WHO_NAVY
from .style import count_axis, empty_figure, is_empty, style, time_tickformat


def registrations_over_time(
    df: pd.DataFrame, tz_label: str, *, title: str | None = "Registrations over time"
) -> go.Figure:
    """Daily new registrants (bars, left axis) and the running total (line, right axis).

    Columns: day (date in the event's time zone), new_registrants, cumulative.
    `tz_label` names that zone on the axis, e.g. "CEST, Europe/Zurich".
    """
    if is_empty(df, ["day", "new_registrants", "cumulative"]):
        return empty_figure(title)
    data = df.sort_values("day")
    days = pd.to_datetime(data["day"])
    new = pd.to_numeric(data["new_registrants"], errors="coerce").fillna(0)
    cum = pd.to_numeric(data["cumulative"], errors="coerce").fillna(0)
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    fig.add_trace(
        go.Bar(
            x=days.tolist(),
            y=new.tolist(),
            name="New registrants (per day)",
            marker={"color": WHO_BLUE},
            hovertemplate="%{x|%a %-d %b %Y}<br>New registrants: %{y:,}<extra></extra>",
        ),
        secondary_y=False,
    )
    fig.add_trace(
        go.Scatter(
            x=days.tolist(),
            y=cum.tolist(),
            name="Registrants so far (cumulative)",
            mode="lines+markers" if len(data) <= 31 else "lines",
            line={"color": WHO_NAVY, "width": 2.5},
            marker={"size": 5},
            hovertemplate="%{x|%a %-d %b %Y}<br>Registrants so far: %{y:,}<extra></extra>",
        ),
        secondary_y=True,
    )
    style(fig, title, 420, legend=True)
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "xanchor": "left"},
        bargap=0.15,
        margin={"l": 10, "r": 10, "t": 90 if title else 50, "b": 10},
    )
    span_days = (days.max() - days.min()).days if len(days) else 0
    xaxis: dict = {"title_text": f"Date ({tz_label})", "tickformat": "%-d %b", "showgrid": False}
    if span_days <= 14:
        xaxis["dtick"] = 86_400_000  # one tick per day, never hours
    fig.update_xaxes(**xaxis)
    fig.update_yaxes(
        title_text="New registrants per day", secondary_y=False, **count_axis(float(new.max()))
    )
    fig.update_yaxes(
        title_text="Registrants so far",
        secondary_y=True,
        showgrid=False,
        tickmode="auto",  # own round ticks; "sync" would give 167, 334, ...
        **count_axis(float(cum.max())),
    )
    return fig


def _by_minute(df: pd.DataFrame, count: str) -> pd.DataFrame:
    """The frame in time order, minutes as timestamps and the `count` column numeric."""
    numbers = pd.to_numeric(df[count], errors="coerce").fillna(0)
    return df.assign(minute=pd.to_datetime(df["minute"]), **{count: numbers}).sort_values("minute")


def _peak(
    data: pd.DataFrame, peak_minute: pd.Timestamp | None, peak: float | None
) -> tuple[pd.Timestamp, float]:
    """The peak as given, completed from the curve: the first minute with the most people."""
    if peak_minute is None:
        if peak is None:
            peak = float(data["present"].max())
        at_peak = data.loc[data["present"] == peak, "minute"]
        peak_minute = at_peak.iloc[0] if len(at_peak) else data["minute"].iloc[0]
    peak_minute = pd.Timestamp(peak_minute)
    if peak is None:
        at_minute = data.loc[data["minute"] == peak_minute, "present"]
        peak = float(at_minute.iloc[0]) if len(at_minute) else float(data["present"].max())
    return peak_minute, peak


def _peak_text(minute: pd.Timestamp, peak: float, multi_day: bool) -> str:
    when = minute.strftime("%-d %b %H:%M") if multi_day else minute.strftime("%H:%M")
    return f"Peak {fmt_int(peak)} at {when}"


def attendance_curve(
    df: pd.DataFrame,
    tz_label: str,
    peak_minute: pd.Timestamp | None = None,
    peak: float | None = None,
    *,
    markers: dict[str, pd.Timestamp] | None = None,
    title: str | None = "People present during the session",
) -> go.Figure:
    """People present per minute (filled line) with the peak marked "Peak 1,234 at 13:42".

    Columns: minute (naive timestamp in the event's time zone), present. The peak is taken
    from the arguments when given, else from the frame (the first minute with the maximum).
    `markers` (label -> local time, e.g. the scheduled start, start + 15 min and end) are drawn
    as dotted vertical lines.
    """
    if is_empty(df, ["minute", "present"]):
        return empty_figure(title)
    data = _by_minute(df, "present")
    peak_minute, peak = _peak(data, peak_minute, peak)
    tickformat = time_tickformat(data["minute"])
    multi_day = tickformat is None or data["minute"].dt.date.nunique() > 1
    hover_time = "%-d %b %H:%M" if multi_day else "%H:%M"

    text = _peak_text(peak_minute, peak, multi_day)
    present = go.Scatter(
        x=data["minute"].tolist(),
        y=data["present"].tolist(),
        mode="lines",
        line={"color": WHO_BLUE, "width": 2, "shape": "hv"},
        fill="tozeroy",
        fillcolor="rgba(0,141,201,0.15)",
        name="People present",
        hovertemplate=f"%{{x|{hover_time}}}<br>People present: %{{y:,}}<extra></extra>",
    )
    marker = go.Scatter(
        x=[peak_minute],
        y=[peak],
        mode="markers",
        marker={"color": WHO_NAVY, "size": 9, "line": {"color": "white", "width": 1.5}},
        name="Peak",
        hovertemplate=f"{text}<extra></extra>",
    )
    fig = go.Figure([present, marker])
    fig.add_annotation(
        x=peak_minute,
        y=peak,
        text=f"<b>{text}</b>",
        showarrow=True,
        arrowhead=0,
        arrowcolor=WHO_NAVY,
        ax=0,
        ay=-28,
        font={"color": WHO_NAVY, "size": 13},
        bgcolor="rgba(255,255,255,0.85)",
    )
    style(fig, title, 420)
    ymax = max(float(data["present"].max()), float(peak), 1.0)
    fig.update_xaxes(title_text=f"Time ({tz_label})", tickformat=tickformat, showgrid=False)
    fig.update_yaxes(title_text="People present", **count_axis(ymax))
    fig.update_yaxes(range=[0, ymax * 1.2])
    _time_markers(fig, markers or {})
    return fig


def _time_markers(fig: go.Figure, markers: dict[str, pd.Timestamp]) -> None:
    """Dotted vertical lines labelled at the top. Shapes and annotations, not add_vline: its
    annotation arithmetic fails on datetime axes in some plotly versions."""
    for i, (label, when) in enumerate(markers.items()):
        if when is None or pd.isna(when):
            continue
        at = pd.Timestamp(when)
        fig.add_shape(
            type="line",
            x0=at,
            x1=at,
            xref="x",
            y0=0,
            y1=1,
            yref="paper",
            line={"color": MUTED_TEXT, "width": 1.5, "dash": "dot"},
        )
        fig.add_annotation(
            x=at,
            y=1 - 0.07 * (i % 2),  # close markers (start and +15 min) on two rows
            xref="x",
            yref="paper",
            text=f"{label} {at:%H:%M}",
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"color": MUTED_TEXT, "size": 11},
            bgcolor="rgba(255,255,255,0.8)",
        )


def _nice_bin(max_minutes: float) -> float:
    """A round bin width giving at most ~40 bins."""
    for size in (1, 2, 5, 10, 15, 20, 30, 60, 120, 240):
        if max_minutes / size <= 40:
            return size
    return math.ceil(max_minutes / 40 / 60) * 60


def minutes_histogram(
    df: pd.DataFrame, *, title: str | None = "Minutes attended per person"
) -> go.Figure:
    """Distribution of minutes attended (one row per person), with the median marked.

    Columns: minutes. The bins are counted here, so that the figure holds one bar per bin,
    not every person's minutes (1.5 MB for a 100,000-attendee session, sent on each visit).
    Bin k holds minutes in [k * size, (k + 1) * size).
    """
    if is_empty(df, ["minutes"]):
        return empty_figure(title)
    minutes = pd.to_numeric(df["minutes"], errors="coerce").dropna()
    if minutes.empty:
        return empty_figure(title)
    size = _nice_bin(float(minutes.max()))
    counts = (minutes // size).astype("int64").value_counts().sort_index()
    starts = [int(k) * size for k in counts.index]
    fig = go.Figure(
        go.Bar(
            x=[s + size / 2 for s in starts],
            y=counts.tolist(),
            width=size * 0.95,
            customdata=[f"{s:g}–{s + size:g}" for s in starts],
            marker={"color": WHO_BLUE, "line": {"color": "white", "width": 1}},
            name="People",
            hovertemplate="Minutes attended: %{customdata}<br>People: %{y:,}<extra></extra>",
        )
    )
    median = float(minutes.median())
    median_text = f"{median:,.0f}" if median >= 100 or median.is_integer() else f"{median:.1f}"
    fig.add_vline(
        x=median,
        line={"color": WHO_NAVY, "width": 2, "dash": "dash"},
        annotation={
            "text": f"Median {median_text} min",
            "font": {"color": WHO_NAVY},
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        annotation_position="top right",
    )
    # Tallest bin, to keep the median label above the bars and to avoid fractional ticks.
    tallest = float(counts.max())
    style(fig, title, 400)
    fig.update_xaxes(title_text="Minutes attended (per person)", rangemode="tozero", showgrid=False)
    fig.update_yaxes(title_text="People", range=[0, tallest * 1.18], **count_axis(tallest))
    return fig


def leave_curve(
    df: pd.DataFrame,
    tz_label: str,
    *,
    start: pd.Timestamp | None = None,
    end: pd.Timestamp | None = None,
    end_label: str = "Scheduled end",
    title: str | None = "When people left",
) -> go.Figure:
    """Share of the session's attendees who had left for good by each minute (a rising line),
    from 0 % at the session's start, with the end marked and "N left early, M at the end".

    Columns: minute (naive timestamp in the event's time zone), left_count (people whose last
    leave falls in that minute), left_early (optional: more than 5 minutes before the end).
    Counts per minute are dominated by the crowd leaving at the end, so the cumulative share
    shows early departures far more readably. The line starts at 0 % (at `start`, else a minute
    before the first leave): when everyone left in the same minute the chart is one clear step
    at the end rather than a single invisible point.
    """
    if is_empty(df, ["minute", "left_count"]):
        return empty_figure(title)
    data = _by_minute(df, "left_count")
    data = data.groupby("minute", as_index=False).agg(
        left_count=("left_count", "sum"),
        **({"left_early": ("left_early", "max")} if "left_early" in data else {}),
    )
    total = float(data["left_count"].sum()) or 1.0
    first = data["minute"].iloc[0] - pd.Timedelta(minutes=1)
    if start is not None and pd.notna(start):
        first = min(first, pd.Timestamp(start))
    data = pd.concat(
        [pd.DataFrame({"minute": [first], "left_count": [0]}), data], ignore_index=True
    )
    data = data.assign(gone=data["left_count"].cumsum(), share=data["left_count"].cumsum() / total)
    data["share"] = data["share"] * 100
    tickformat = time_tickformat(data["minute"])
    hover_time = "%H:%M" if tickformat else "%-d %b %H:%M"
    fig = go.Figure(
        go.Scatter(
            x=data["minute"].tolist(),
            y=data["share"].tolist(),
            customdata=data["gone"].tolist(),
            mode="lines",
            line={"color": WHO_NAVY, "width": 2, "shape": "hv"},
            name="Had left",
            hovertemplate=f"%{{x|{hover_time}}}<br>Had left: %{{customdata:,}} "
            "(%{y:.1f} %)<extra></extra>",
        )
    )
    if "left_early" in data:
        early = int(data.loc[data["left_early"].fillna(False).astype(bool), "left_count"].sum())
        fig.add_annotation(
            x=0,
            y=1,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            text=f"{fmt_int(early)} left early · {fmt_int(total - early)} at the end",
            font={"color": WHO_NAVY, "size": 13},
            bgcolor="rgba(255,255,255,0.85)",
        )
    style(fig, title, 380)
    _time_markers(fig, {end_label: end} if end is not None else {})
    fig.update_xaxes(title_text=f"Time ({tz_label})", tickformat=tickformat, showgrid=False)
    fig.update_yaxes(title_text="Attendees who had left", range=[0, 102], ticksuffix=" %")
    return fig
