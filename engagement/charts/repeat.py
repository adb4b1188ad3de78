"""Repeat attendance: sessions per person, who came to both of two sessions, day cohorts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..formatting import fmt_int
from ..theme import WHO_BLUE
from .style import count_axis, empty_figure, is_empty, safe, style

# White to WHO blue: a count scale that starts at "nobody" in the background colour.
_BLUES = [[0.0, "#FFFFFF"], [1.0, WHO_BLUE]]


def sessions_per_person_bars(
    df: pd.DataFrame, *, title: str | None = "Sessions attended per person"
) -> go.Figure:
    """People by how many of the selected sessions they came to (1, 2, 3+).

    Columns: sessions_attended ('1', '2', '3+'), people.
    """
    if is_empty(df, ["sessions_attended", "people"]) or df["people"].sum() == 0:
        return empty_figure(title)
    people = pd.to_numeric(df["people"]).astype(int)
    total = int(people.sum())
    labels = [f"{band} session" + ("" if band == "1" else "s") for band in df["sessions_attended"]]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=people.tolist(),
            text=[f"{fmt_int(n)} ({n / total:.0%})" for n in people],
            textposition="outside",
            marker={"color": WHO_BLUE},
            hovertemplate="%{x}: %{y:,} people<extra></extra>",
        )
    )
    style(fig, title, 360)
    fig.update_xaxes(title_text="Sessions attended", showgrid=False)
    fig.update_yaxes(title_text="People", **count_axis(float(people.max())))
    fig.update_yaxes(range=[0, float(people.max()) * 1.2])
    return fig


def _short(labels: dict[int, str], width: int = 34) -> dict[int, str]:
    """Numbered, shortened session labels: unique even when cut (a heatmap merges repeats)."""
    out = {}
    for i, (sid, label) in enumerate(labels.items(), start=1):
        text = label if len(label) <= width else label[: width - 1] + "…"
        out[sid] = safe(f"{i}. {text}")
    return out


def overlap_heatmap(
    df: pd.DataFrame,
    labels: dict[int, str],
    *,
    title: str | None = "Who came to both sessions",
) -> go.Figure:
    """Session x session matrix of shared attendees; the diagonal is each session's attendees.

    Columns: session_a, session_b, shared. `labels`: session_id -> label, in display order.
    """
    if is_empty(df, ["session_a", "session_b", "shared"]) or df["session_a"].nunique() < 2:
        return empty_figure(title, "Select at least two sessions to compare.")
    short = _short({sid: labels.get(sid, str(sid)) for sid in dict.fromkeys(df["session_a"])})
    order = list(short.values())
    grid = (
        df.assign(a=df["session_a"].map(short), b=df["session_b"].map(short))
        .pivot(index="a", columns="b", values="shared")
        .reindex(index=order, columns=order)
        .fillna(0)
        .astype(int)
    )
    # Colour: the share of the row session's attendees who also came to the column session.
    # The diagonal (100 %) would otherwise wash every other cell out, so the scale stops at
    # the largest share between two different sessions and the diagonal saturates.
    own = grid.values.diagonal().astype(float)
    share = grid.values / own.clip(min=1)[:, None]
    off = share[~np.eye(len(order), dtype=bool)]
    fig = go.Figure(
        go.Heatmap(
            z=share.tolist(),
            x=order,
            y=order,
            customdata=grid.values.tolist(),
            text=[[fmt_int(v) for v in row] for row in grid.values.tolist()],
            texttemplate="%{text}",
            colorscale=_BLUES,
            zmin=0,
            zmax=float(off.max()) if off.size and off.max() > 0 else 1.0,
            showscale=False,
            hovertemplate="%{y}<br>and %{x}<br>Came to both: %{customdata:,} "
            "(%{z:.0%} of the first)<extra></extra>",
        )
    )
    style(fig, title, max(360, 60 + 40 * len(order)))
    fig.update_xaxes(showgrid=False, tickangle=-30)
    fig.update_yaxes(showgrid=False, autorange="reversed")
    return fig


def cohort_heatmap(df: pd.DataFrame, *, title: str | None = "Coming back, day by day") -> go.Figure:
    """Attendees by the first day they came (rows) and the share of them back on each later
    day (columns: days after the first).

    Columns: first_day, day, days_after, people, cohort_size.
    """
    if is_empty(df, ["first_day", "days_after", "people", "cohort_size"]):
        return empty_figure(title)
    data = df.assign(share=df["people"] / df["cohort_size"])
    later = data.loc[data["days_after"] > 0, "share"]
    data["row"] = [
        f"{pd.Timestamp(d):%a %-d %b} ({fmt_int(n)})"
        for d, n in zip(data["first_day"], data["cohort_size"], strict=True)
    ]
    rows = list(dict.fromkeys(data.sort_values("first_day")["row"]))
    days = sorted(int(d) for d in data["days_after"].unique())
    cols = ["first day" if d == 0 else f"+{d} day" + ("" if d == 1 else "s") for d in days]
    share = data.pivot(index="row", columns="days_after", values="share").reindex(
        index=rows, columns=days
    )
    people = data.pivot(index="row", columns="days_after", values="people").reindex(
        index=rows, columns=days
    )
    text = [
        ["" if pd.isna(n) else f"{fmt_int(n)} ({s:.0%})" for n, s in zip(pr, sr, strict=True)]
        for pr, sr in zip(people.values.tolist(), share.values.tolist(), strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=share.values.tolist(),
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            colorscale=_BLUES,
            zmin=0,
            # the first day is 100 % by definition: the scale is set by the days after it
            zmax=float(later.max()) if len(later) and later.max() > 0 else 1.0,
            showscale=False,
            hovertemplate="First came %{y}<br>%{x}: %{text}<extra></extra>",
        )
    )
    style(fig, title, max(300, 80 + 40 * len(rows)))
    fig.update_xaxes(title_text="Days after their first day", showgrid=False)
    fig.update_yaxes(title_text="First day (cohort size)", showgrid=False, autorange="reversed")
    return fig
