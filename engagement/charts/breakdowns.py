"""Charts of the breakdowns (issue 10 item 7): gender, gender within groups, World Bank income
group, stakeholder type x WHO region as a heatmap, speakers and audience."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..formatting import fmt_count_share, fmt_int, fmt_pct
from ..theme import UNKNOWN_GREY, WHO_BLUE, WHO_NAVY
from ..vocabulary import (
    GENDER_ORDER,
    GENDER_WORDS,
    INCOME_WORDS,
    REGION_ORDER,
    SIDE_WORDS,
    STAKEHOLDER_LABELS,
    region_label,
)
from .bars import _labelled_hbars
from .style import count_axis, empty_figure, is_empty, safe, style

# Categorical, colour-blind-safe (Okabe-Ito) hues for the answers; no answer is grey.
GENDER_COLORS = {
    "female": "#CC79A7",
    "male": "#0072B2",
    "non_binary_or_other": "#E69F00",
    "prefer_not_to_say": "#999999",
    "unknown": UNKNOWN_GREY,
}
# One hue, darker for richer economies; the two groups without a class are grey.
INCOME_COLORS = {
    "low": "#9ECAE1",
    "lower_middle": "#4292C6",
    "upper_middle": "#2171B5",
    "high": "#08306B",
    "not_classified": "#999999",
    "unknown": UNKNOWN_GREY,
}


def gender_bars(df: pd.DataFrame, *, measure: str = "participants") -> go.Figure:
    """Horizontal bars per gender answer, in GENDER_ORDER, "1,234 (45.6 %)" (share of the people
    who answered); "Unknown or not asked" is its own grey bar with its count.

    Columns: gender (code), people, share (0-1; NaN for unknown)."""
    noun = measure.capitalize()
    title = f"{noun} by gender (as given at registration)"
    if is_empty(df, ["gender", "people", "share"]) or df["people"].sum() == 0:
        return empty_figure(title)
    people = pd.to_numeric(df["people"], errors="coerce").fillna(0)
    labels = [GENDER_WORDS.get(g, str(g)) for g in df["gender"]]
    colors = [GENDER_COLORS.get(g, UNKNOWN_GREY) for g in df["gender"]]
    return _labelled_hbars(labels, people, df["share"], colors, noun, title, 42)


def gender_within(
    df: pd.DataFrame, group: str, *, measure: str = "participants", title: str | None = None
) -> go.Figure:
    """100 % stacked bars: within each group (`group`: "stakeholder" or "who_region"), the share
    of each answer among the people who answered; each bar's label states how many gave no
    answer, so the unknowns are never hidden.

    Columns: <group> (code), gender (code), people."""
    noun = measure.capitalize()
    what = "stakeholder type" if group == "stakeholder" else "WHO region"
    title = title if title is not None else f"Gender within each {what} ({measure})"
    if is_empty(df, [group, "gender", "people"]):
        return empty_figure(title)
    if group == "stakeholder":
        order, words = list(STAKEHOLDER_LABELS), STAKEHOLDER_LABELS.get
    else:
        order, words = [*REGION_ORDER, "unknown"], region_label
    counts = df.pivot_table(index=group, columns="gender", values="people", aggfunc="sum")
    counts = counts.reindex(columns=list(GENDER_ORDER)).fillna(0)
    rows = [g for g in order if g in counts.index]
    counts = counts.loc[rows]
    answered = counts.drop(columns="unknown").sum(axis=1)
    labels = [
        f"{words(g)} · {fmt_int(answered[g])} answered, {fmt_int(counts.loc[g, 'unknown'])} unknown"
        for g in rows
    ]
    traces = []
    for code in GENDER_ORDER[:-1]:
        shares = [counts.loc[g, code] / answered[g] if answered[g] else 0.0 for g in rows]
        traces.append(
            go.Bar(
                x=shares,
                y=labels,
                orientation="h",
                name=GENDER_WORDS[code],
                marker={"color": GENDER_COLORS[code]},
                customdata=[fmt_int(counts.loc[g, code]) for g in rows],
                hovertemplate=f"<b>%{{y}}</b><br>{safe(GENDER_WORDS[code])}: %{{x:.1%}} "
                f"(%{{customdata}} {safe(measure)})<extra></extra>",
            )
        )
    fig = go.Figure(traces)
    style(fig, title, 190 + 40 * len(rows), legend=True)
    fig.update_layout(
        barmode="stack",
        # above the bars: below them it would run into the axis title when there are few rows
        legend={
            "orientation": "h",
            "x": 0,
            "xref": "paper",
            "y": 1.0,
            "yanchor": "bottom",
            "title": {"text": ""},
            "traceorder": "normal",  # stacked bars reverse it by default
        },
        margin={"l": 10, "r": 30, "t": 95, "b": 10},
    )
    fig.update_xaxes(title_text=f"Share of the {noun.lower()} who answered", tickformat=".0%")
    fig.update_xaxes(range=[0, 1])
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=False, ticklabelstandoff=6)
    return fig


def income_bars(df: pd.DataFrame, *, measure: str = "participants") -> go.Figure:
    """Horizontal bars per World Bank income group, lowest income first, "Not classified" and
    "Country unknown" last; each bar says its people, share and Member States reached.

    Columns: income_group (code), people, share (0-1), member_states, member_states_total."""
    noun = measure.capitalize()
    title = f"{noun} by World Bank income group of their country"
    need = ["income_group", "people", "share", "member_states", "member_states_total"]
    if is_empty(df, need) or df["people"].sum() == 0:
        return empty_figure(title)
    people = pd.to_numeric(df["people"], errors="coerce").fillna(0)
    labels = [INCOME_WORDS.get(g, str(g)) for g in df["income_group"]]
    colors = [INCOME_COLORS.get(g, UNKNOWN_GREY) for g in df["income_group"]]
    fig = _labelled_hbars(labels, people, df["share"], colors, noun, title, 44)
    texts = []
    for n, s, ms, total in zip(
        people, df["share"], df["member_states"], df["member_states_total"], strict=True
    ):
        states = "" if pd.isna(total) else f" · {fmt_int(ms)} of {fmt_int(total)} Member States"
        texts.append(fmt_count_share(n, s) + states)
    fig.update_traces(text=texts)
    fig.update_xaxes(range=[0, max(float(people.max()), 1) * 2.1])
    return fig


def stakeholder_region_heatmap(
    df: pd.DataFrame, *, measure: str = "participants", k: int | None = None
) -> go.Figure:
    """Stakeholder types (rows, unknown last) x WHO regions (columns, WHO order, unknown last),
    each cell its count of people. With `k` (the downloads' suppression), a count of 1..k-1 is
    written "<k" and left uncoloured, as a download would show it.

    Columns: stakeholder (code), who_region (code or "unknown"), people."""
    title = f"Stakeholder type by WHO region ({measure})"
    if is_empty(df, ["stakeholder", "who_region", "people"]) or df["people"].sum() == 0:
        return empty_figure(title)
    data = df.assign(who_region=df["who_region"].fillna("unknown"))
    grid = data.pivot_table(
        index="stakeholder", columns="who_region", values="people", aggfunc="sum"
    ).fillna(0)
    rows = [t for t in STAKEHOLDER_LABELS if t in grid.index]
    cols = [r for r in [*REGION_ORDER, "unknown"] if r in grid.columns]
    grid = grid.loc[rows, cols].astype(int)
    z, text = [], []
    for t in rows:
        z_row, t_row = [], []
        for r in cols:
            n = int(grid.loc[t, r])
            small = k is not None and 0 < n < k
            z_row.append(None if small else n)
            t_row.append(f"<{k}" if small else fmt_int(n))
        z.append(z_row)
        text.append(t_row)
    x = [_short_region(r) for r in cols]
    y = [STAKEHOLDER_LABELS[t] for t in rows]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            text=text,
            texttemplate="%{text}",
            colorscale=[[0, "#F2F7FB"], [1, WHO_NAVY]],
            # thin and untitled (the chart's title names the measure): the width goes to the
            # region columns, whose two-line headings collided at 1280 px
            colorbar={"thickness": 10, "tickformat": ",d", "tickfont": {"size": 10}},
            xgap=2,
            ygap=2,
            hovertemplate="<b>%{y}</b><br>%{x}: %{text}<extra></extra>",
        )
    )
    style(fig, title, 150 + 38 * len(rows))
    fig.update_xaxes(
        side="top", showgrid=False, title_text=None, tickangle=0, tickfont={"size": 11}
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, title_text=None, ticklabelstandoff=6)
    return fig


def _short_region(code: str) -> str:
    """A region's name in two short lines, for a column heading that needs no rotation."""
    if code == "unknown":
        return "No region<br>or unknown"
    name = region_label(code).replace("Region of the ", "").replace(" Region", "")
    return name.replace(" ", "<br>", 1)


def speakers_bars(df: pd.DataFrame) -> go.Figure:
    """Two bars, speakers and audience (attendees), each labelled with its people and the
    Member States they come from.

    Columns: side (speaker, audience), people, member_states."""
    title = "Speakers and audience (attendees)"
    if is_empty(df, ["side", "people", "member_states"]) or df["people"].sum() == 0:
        return empty_figure(title)
    people = pd.to_numeric(df["people"], errors="coerce").fillna(0)
    total = float(people.sum())
    shares = people / total if total else people * float("nan")
    labels = [SIDE_WORDS.get(s, str(s)) for s in df["side"]]
    colors = [WHO_NAVY if s == "speaker" else WHO_BLUE for s in df["side"]]
    fig = _labelled_hbars(labels, people, shares, colors, "Attendees", title, 60)
    fig.update_traces(
        text=[
            f"{fmt_int(n)} ({fmt_pct(s)}) from {fmt_int(m)} Member States"
            for n, s, m in zip(people, shares, df["member_states"], strict=True)
        ]
    )
    fig.update_xaxes(range=[0, max(float(people.max()), 1) * 2.0], **count_axis(people.max()))
    return fig
