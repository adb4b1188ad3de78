"""Bar charts of groups: people per WHO region, per stakeholder type, and type by region."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..formatting import fmt_count_share
from ..theme import WHO_BLUE, region_color, stakeholder_color
from ..vocabulary import REGION_LABELS, REGION_ORDER, STAKEHOLDER_LABELS, region_label
from .style import count_axis, empty_figure, is_empty, safe, style


def _labelled_hbars(
    labels, people, shares, colors, noun, title, row_height, codes=None
) -> go.Figure:
    """Horizontal bars in the given order, each labelled "1,234 (12.3 %)" outside the bar.
    `codes` (a region or stakeholder code per bar) ride along as customdata: a click on a bar
    gives the page the code to filter on (ui.plot's click=)."""
    texts = [fmt_count_share(p, s) for p, s in zip(people, shares, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=people.tolist(),
            y=labels,
            customdata=list(codes) if codes is not None else None,
            orientation="h",
            marker={"color": colors},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate=[
                f"<b>{safe(lab)}</b><br>{noun}: {t}<extra></extra>"
                for lab, t in zip(labels, texts, strict=True)
            ],
            name=noun,
        )
    )
    style(fig, title, 110 + row_height * len(labels))
    xmax = float(people.max()) if len(people) else 1.0
    # room for the "1,234 (12.3 %)" labels outside the longest bar, even in a narrow column
    fig.update_xaxes(title_text=noun, range=[0, max(xmax, 1) * 1.6], **count_axis(xmax))
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=False, ticklabelstandoff=6)
    return fig


def _shares(df: pd.DataFrame) -> pd.Series:
    return df["share"] if "share" in df.columns else pd.Series(float("nan"), index=df.index)


def region_bars(
    df: pd.DataFrame,
    *,
    measure: str = "participants",
    title: str | None = None,
    regions=(),
    by_country: pd.DataFrame | None = None,
) -> go.Figure:
    """Horizontal bars per WHO region, in WHO order, labelled "1,234 (12.3 %)".

    Columns: who_region (code; anything else is shown as UNKNOWN_REGION_LABEL, last), people,
    share (0-1). `regions`: the selection's region filter: every selected region keeps its bar
    (at 0 when nobody came from it); with exactly one region and `by_country` (the
    participants_by_country frame) the bars are that region's countries instead of one lonely
    bar.
    """
    noun = measure.capitalize()
    chosen = [c for c in REGION_ORDER if c in set(regions or ())]
    if len(chosen) == 1 and by_country is not None:
        return _country_bars(by_country, chosen[0], noun, title)
    title = title if title is not None else f"{noun} by WHO region"
    missing = [c for c in chosen if c not in set(df["who_region"])]
    if missing:
        zeros = pd.DataFrame({"who_region": missing, "people": 0, "share": 0.0})
        df = pd.concat([df, zeros], ignore_index=True) if len(df) else zeros
    if is_empty(df, ["who_region", "people"]):
        return empty_figure(title)
    order = {code: i for i, code in enumerate(REGION_ORDER)}
    data = df.assign(
        _order=[
            order.get(c, len(order)) if isinstance(c, str) else len(order) for c in df["who_region"]
        ]
    ).sort_values("_order", kind="stable")
    labels = [region_label(c) for c in data["who_region"]]
    people = pd.to_numeric(data["people"], errors="coerce").fillna(0)
    colors = [region_color(c) for c in data["who_region"]]
    codes = [c if isinstance(c, str) else "unknown" for c in data["who_region"]]
    return _labelled_hbars(labels, people, _shares(data), colors, noun, title, 46, codes)


COUNTRY_BARS_TOP = 15


def _country_bars(by_country: pd.DataFrame, region: str, noun: str, title) -> go.Figure:
    """One region's countries, largest first (the first COUNTRY_BARS_TOP; the table lists all)."""
    data = by_country[by_country["who_region"] == region]
    shown = data.sort_values(["people", "country"], ascending=[False, True]).head(COUNTRY_BARS_TOP)
    if title is None:
        top = f" (top {COUNTRY_BARS_TOP} of {len(data)})" if len(data) > len(shown) else ""
        title = f"{noun} by country, {REGION_LABELS[region]}{top}"
    if shown.empty:
        return empty_figure(title)
    people = pd.to_numeric(shown["people"], errors="coerce").fillna(0)
    colors = [region_color(region)] * len(shown)
    labels = shown["country"].astype(str).tolist()
    codes = [region] * len(shown)
    return _labelled_hbars(labels, people, _shares(shown), colors, noun, title, 30, codes)


def _stakeholder_labels(df: pd.DataFrame) -> list[str]:
    """The frame's human label, falling back to ours, never the raw code."""
    labels = []
    codes = df["stakeholder"].tolist()
    given = df["label"].tolist() if "label" in df.columns else [None] * len(codes)
    for code, label in zip(codes, given, strict=True):
        if isinstance(label, str) and label.strip():
            labels.append(label)
        else:
            labels.append(STAKEHOLDER_LABELS.get(code, str(code).replace("_", " ").capitalize()))
    return labels


def _stakeholder_sort_key(codes: pd.Series, people: pd.Series) -> list[tuple]:
    """Largest first, "other" after the named types, "unknown" always last."""
    keys = []
    for code, n in zip(codes, people, strict=True):
        rank = 2 if code == "unknown" else 1 if code == "other" else 0
        keys.append((rank, -float(n)))
    return keys


def stakeholder_bars(
    df: pd.DataFrame, *, measure: str = "participants", title: str | None = None
) -> go.Figure:
    """Horizontal bars per stakeholder type, largest first, unknown last and grey.

    Columns: stakeholder (code), label (human), people, share (0-1, of people whose type is
    known; NaN for unknown is fine).
    """
    noun = measure.capitalize()
    title = title if title is not None else f"{noun} by stakeholder type"
    if is_empty(df, ["stakeholder", "people"]):
        return empty_figure(title)
    people_all = pd.to_numeric(df["people"], errors="coerce").fillna(0)
    keys = _stakeholder_sort_key(df["stakeholder"], people_all)
    order = sorted(range(len(df)), key=lambda i: keys[i])
    data = df.iloc[order]
    people = people_all.iloc[order]
    labels = _stakeholder_labels(data)
    colors = [stakeholder_color(c) for c in data["stakeholder"]]
    codes = data["stakeholder"].tolist()
    return _labelled_hbars(labels, people, _shares(data), colors, noun, title, 40, codes)


def stakeholder_by_region(
    df: pd.DataFrame, *, measure: str = "participants", title: str | None = None
) -> go.Figure:
    """Stacked horizontal bars: one bar per WHO region, one colour per stakeholder type.

    Columns: stakeholder (code), label (human), who_region (code), people.
    One trace per stakeholder type (named by its label), y = region labels in WHO order.
    """
    noun = measure.capitalize()
    title = title if title is not None else f"Stakeholder types by WHO region ({measure})"
    if is_empty(df, ["stakeholder", "who_region", "people"]):
        return empty_figure(title)
    data = df.assign(
        _label=_stakeholder_labels(df),
        _people=pd.to_numeric(df["people"], errors="coerce").fillna(0),
        _region=[c if isinstance(c, str) and c in REGION_LABELS else "" for c in df["who_region"]],
    )
    region_codes = [c for c in REGION_ORDER if c in set(data["_region"])]
    if "" in set(data["_region"]):
        region_codes.append("")
    totals = data.groupby("stakeholder", sort=False)["_people"].sum()
    keys = dict(
        zip(totals.index, _stakeholder_sort_key(pd.Series(totals.index), totals), strict=True)
    )
    fig = go.Figure(
        [
            _type_trace(data[data["stakeholder"] == code], code, region_codes)
            for code in sorted(totals.index, key=lambda c: keys[c])
        ]
    )
    region_axis = [region_label(c) for c in region_codes]
    style(fig, title, 160 + 52 * len(region_axis), legend=True)
    fig.update_layout(
        barmode="stack",
        legend={"title": {"text": "Stakeholder type"}, "traceorder": "normal"},
    )
    region_totals = data.groupby("_region")["_people"].sum()
    fig.update_xaxes(title_text=noun, **count_axis(float(region_totals.max())))
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(region_axis)),
        title_text=None,
        showgrid=False,
        ticklabelstandoff=6,
    )
    return fig


def _type_trace(part: pd.DataFrame, code: str, region_codes: list[str]) -> go.Bar:
    """One stakeholder type's people per region, as one colour of the stacked bars."""
    per_region = part.groupby("_region", sort=False)["_people"].sum()
    present = [c for c in region_codes if c in per_region.index]
    label = part["_label"].iloc[0]
    return go.Bar(
        x=[float(per_region[c]) for c in present],
        y=[region_label(c) for c in present],
        orientation="h",
        name=label,
        marker={"color": stakeholder_color(code)},
        hovertemplate=f"<b>%{{y}}</b><br>{safe(label)}: %{{x:,}}<extra></extra>",
    )


def session_bars(df: pd.DataFrame, labels: dict, *, title: str | None = None) -> go.Figure:
    """Attendees per session, in programme order (a click on a bar filters on that session).

    Columns: session_id, attendees (the sessions_overview query); `labels`: session_id -> its
    unique label (ui.session_labels)."""
    title = title if title is not None else "Attendees per session"
    if is_empty(df, ["session_id", "attendees"]):
        return empty_figure(title)
    ids = [int(s) for s in df["session_id"]]
    people = pd.to_numeric(df["attendees"], errors="coerce").fillna(0)
    names = [safe(_short(labels.get(s, str(s)))) for s in ids]
    shares = pd.Series(float("nan"), index=df.index)  # each session's own count, no share
    colors = [WHO_BLUE] * len(ids)
    return _labelled_hbars(names, people, shares, colors, "Attendees", title, 28, ids)


def _short(label: str, most: int = 60) -> str:
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"
