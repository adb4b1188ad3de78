"""Two editions side by side: each group's share of an edition's people, as paired bars."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..formatting import fmt_count_share
from ..theme import MUTED_TEXT, WHO_BLUE
from .style import empty_figure, is_empty, safe, style


def edition_share_bars(
    df: pd.DataFrame,
    group: str,
    labels: list[tuple[str, str]],
    names: tuple[str, str],
    title: str,
) -> go.Figure:
    """Horizontal bars per group (in the order of labels: (code, label) pairs), one bar per
    edition, lengths the share of the edition's people whose group is known; labelled
    "1,234 (12.3 %)". Columns: edition ('a' or 'b'), <group>, people, share (0-1, null for
    unknown, which has no bar: the page's table shows it)."""
    if is_empty(df, ["edition", group, "people", "share"]):
        return empty_figure(title)
    known = df[df["share"].notna()]
    shown = [(c, lab) for c, lab in labels if c in set(known[group])]
    fig = go.Figure()
    for edition, name, color in (("a", names[0], MUTED_TEXT), ("b", names[1], WHO_BLUE)):
        part = known[known["edition"] == edition].set_index(group)
        people = [part["people"].get(c, 0) for c, _ in shown]
        shares = [part["share"].get(c, 0.0) for c, _ in shown]
        texts = [fmt_count_share(p, s) for p, s in zip(people, shares, strict=True)]
        fig.add_trace(
            go.Bar(
                x=[s * 100 for s in shares],
                y=[lab for _, lab in shown],
                orientation="h",
                name=name,
                marker={"color": color},
                text=texts,
                textposition="outside",
                cliponaxis=False,
                hovertemplate=[
                    f"<b>{safe(lab)}</b><br>{safe(name)}: {t}<extra></extra>"
                    for (_, lab), t in zip(shown, texts, strict=True)
                ],
            )
        )
    style(
        fig, title, 150 + 56 * len(shown), legend=True, margin={"l": 10, "r": 30, "t": 80, "b": 10}
    )
    top = float(known["share"].max()) * 100 if len(known) else 1.0
    fig.update_layout(
        barmode="group",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    fig.update_xaxes(title_text="Share of known (%)", range=[0, top * 1.7])
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=False, ticklabelstandoff=6)
    return fig
