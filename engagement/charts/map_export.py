"""The map for publication: PNG or SVG with title, filters, "data as of", legend, disclaimer and
source, drawn by matplotlib from the shipped topojson.

Why matplotlib and not kaleido: the same picture serves the download buttons, the PDF briefing
and the `report` command line; kaleido needs a Chromium at run time (about 2 s to start, one
browser per export) while matplotlib is already what the PDF draws with. The classes and colours
come from `geo`, so the screen map and the exported one agree.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd

from ..theme import MUTED_TEXT, TEXT_COLOR, WHO_NAVY
from . import world
from .geo import (
    DISCLAIMER,
    DOT_EDGE,
    GREYS,
    MAP_PRODUCTION,
    NO_DATA,
    NOT_REACHED,
    SMALL_AREA_CENTROIDS,
    MapData,
    class_color,
    legend_entries,
    map_classes,
    region_view,
)

WIDTH_IN = 10.0
MAX_MAP_H = 0.62  # the map's height at most this fraction of the width
DPI = 250  # 2,500 px wide: sharp on an A4 page and on a slide
_HATCH = "////"
_HATCH_COLOR = "#BDBDBD"
_WORLD_LAT = (-58.0, 85.0)  # as the screen map: no Antarctica


_CACHE: OrderedDict[tuple, bytes] = OrderedDict()
_CACHE_SIZE = 12
_LOCK = threading.Lock()


def _cache_key(data: MapData, fmt: str, dpi: int, framed: bool) -> tuple:
    counts = data.by_country[["iso3", "people"]].astype(str)
    return (
        tuple(map(tuple, counts.to_numpy().tolist())),
        len(data.countries),
        data.regions,
        data.measure,
        data.as_share,
        data.title,
        data.filters,
        data.data_as_of,
        data.source,
        data.k,  # a raised threshold redraws the classes
        fmt,
        dpi,
        framed,
    )


def render_cached(
    data: MapData,
    fmt: str = "png",
    *,
    dpi: int = DPI,
    framed: bool = True,
    width_in: float = WIDTH_IN,
) -> bytes:
    """`render`, remembered for the last few selections: a download button clicked twice, or
    the PNG and the SVG of one view, draw once (the download callables run in other threads)."""
    key = (*_cache_key(data, fmt, dpi, framed), width_in)
    with _LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    out = render(data, fmt, dpi=dpi, framed=framed, width_in=width_in)
    with _LOCK:
        _CACHE[key] = out
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return out


def render(
    data: MapData,
    fmt: str = "png",
    *,
    dpi: int = DPI,
    framed: bool = True,
    width_in: float = WIDTH_IN,
) -> bytes:
    """The map as PNG or SVG bytes. `framed`: with title, filters, disclaimer and source (the
    downloads); without, only the map and its legend (the PDF prints the words itself)."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"map format must be png or svg, not {fmt!r}")
    import matplotlib
    from matplotlib.figure import Figure

    frame = map_classes(data)
    x0, x1, y0, y1 = _extent(data)
    map_w = width_in * 0.92
    map_h = map_w * (y1 - y0) / (x1 - x0)
    if map_h > MAX_MAP_H * width_in:  # a tall region (Africa) narrower, not taller than a page
        map_w *= MAX_MAP_H * width_in / map_h
        map_h = MAX_MAP_H * width_in
    top = 0.95 if framed else 0.1
    source, foot = _footer(data, width_in)
    # Lines of text under the legend (in inches); a narrow picture (the PDF's) puts the greys
    # of the legend on two rows.
    text_h = (0.125 * source.count("\n") + 0.2 + 0.118 * (foot.count("\n") + 1)) if framed else 0
    grey_rows = -(-_grey_count(frame, data) // _grey_columns(_grey_count(frame, data), width_in))
    bottom = 0.67 + 0.19 * grey_rows + text_h + (0.1 if framed else 0)
    h = top + map_h + bottom
    fig = Figure(figsize=(width_in, h), facecolor="white")
    ax = fig.add_axes(((1 - map_w / width_in) / 2, bottom / h, map_w / width_in, map_h / h))
    ax.set_axis_off()
    _draw_shapes(ax, frame)
    _draw_dots(ax, frame)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal", adjustable="box")
    _legend(fig, frame, data, (bottom - 0.12) / h)
    if framed:
        _words(fig, data, h, source, foot, text_h)
    out = io.BytesIO()
    # Text stays text in the SVG (searchable, editable by a designer); fonts embedded in PNG.
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        fig.savefig(out, format=fmt, dpi=dpi, facecolor="white")
    return out.getvalue()


def _extent(data: MapData) -> tuple[float, float, float, float]:
    view = region_view(data.countries, data.regions)
    lon = view["lon"] if view else [-180.0, 180.0]
    lat = view["lat"] if view else list(_WORLD_LAT)
    # The box's edges, projected: Natural Earth bends meridians, so sample them.
    lons = np.concatenate([np.linspace(*lon, 50), np.full(50, lon[0]), np.full(50, lon[1])])
    lats = np.concatenate([np.full(50, np.mean(lat)), np.linspace(*lat, 50), np.linspace(*lat, 50)])
    lons = np.concatenate([lons, np.linspace(*lon, 50), np.linspace(*lon, 50)])
    lats = np.concatenate([lats, np.full(50, lat[0]), np.full(50, lat[1])])
    x, y = world.natural_earth(lons, lats)
    return float(x.min()), float(x.max()), float(y.min()), float(y.max())


def _draw_shapes(ax, frame: pd.DataFrame) -> None:
    from matplotlib.collections import PolyCollection

    cls = dict(zip(frame["iso3"], frame["cls"], strict=True))
    shapes = [(k, r) for k, rings in world.countries().items() if k != "ATA" for r in rings]
    # Larger rings first, so enclaves (Lesotho in South Africa) are painted over their host.
    shapes.sort(key=lambda kr: -float(np.ptp(kr[1][:, 0]) * np.ptp(kr[1][:, 1])))
    polys, colors, hatched = [], [], []
    for key, ring in shapes:
        x, y = world.natural_earth(ring[:, 0], ring[:, 1])
        c = cls.get(key, NO_DATA)
        polys.append(np.column_stack([x, y]))
        colors.append(class_color(c))
        hatched.append(c == NO_DATA)
    ax.add_collection(PolyCollection(polys, facecolors=colors, edgecolors="white", linewidths=0.35))
    # The palest grey hatched as well, so "no data" and "not reached" differ in greyscale print.
    ax.add_collection(
        PolyCollection(
            [p for p, h in zip(polys, hatched, strict=True) if h],
            facecolors="none",
            edgecolors=_HATCH_COLOR,
            linewidths=0,
            hatch=_HATCH,
        )
    )


def _draw_dots(ax, frame: pd.DataFrame) -> None:
    small = frame[frame["iso3"].isin(SMALL_AREA_CENTROIDS.keys())]
    for cls, reached in ((NOT_REACHED, False), (None, True)):
        rows = (
            small[small["cls"].map(lambda c: isinstance(c, int))]
            if reached
            else small[small["cls"].eq(cls)]
        )
        if not len(rows):
            continue
        lon = [SMALL_AREA_CENTROIDS[c][0] for c in rows["iso3"]]
        lat = [SMALL_AREA_CENTROIDS[c][1] for c in rows["iso3"]]
        x, y = world.natural_earth(lon, lat)
        ax.scatter(
            x,
            y,
            s=16,
            c=[class_color(c) for c in rows["cls"]],
            edgecolors=WHO_NAVY if reached else DOT_EDGE,
            linewidths=0.6 if reached else 0.9,
            zorder=3,
        )


def _grey_count(frame: pd.DataFrame, data: MapData) -> int:
    """Entries of the legend's second row: the greys on the map and the two kinds of dot."""
    return (
        sum(not isinstance(c, int) for c, _, _ in legend_entries(frame, data.as_share, data.k)) + 2
    )


def _grey_columns(n: int, width_in: float) -> int:
    return (n if n <= 4 else 3) if width_in >= 9 else 2


def _legend(fig, frame: pd.DataFrame, data: MapData, top: float) -> None:
    """Two rows: the classes of counts, lowest first; then the greys and the dots."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    classes, greys = [], []
    for cls, words, n in legend_entries(frame, data.as_share, data.k):
        hatch = _HATCH if cls == NO_DATA else None
        patch = Patch(
            facecolor=class_color(cls),
            edgecolor="none" if isinstance(cls, int) else _HATCH_COLOR,
            hatch=hatch,
            linewidth=0 if isinstance(cls, int) else 0.4,
            label=f"{words} ({n})",
        )
        (classes if isinstance(cls, int) else greys).append(patch)
    dot = {"marker": "o", "linestyle": "none", "markersize": 5}
    greys.append(
        Line2D(
            [],
            [],
            **dot,
            markerfacecolor=GREYS[NOT_REACHED],
            markeredgecolor=DOT_EDGE,
            label="Small Member State not reached",
        )
    )
    greys.append(
        Line2D(
            [],
            [],
            **dot,
            markerfacecolor=class_color(2),
            markeredgecolor=WHO_NAVY,
            label="Small state reached (class colour)",
        )
    )
    noun = f"Share of {data.measure}" if data.as_share else data.measure.capitalize()
    common = {
        "frameon": False,
        "fontsize": 7.5,
        "handlelength": 1.6,
        "columnspacing": 1.6,
        "labelcolor": TEXT_COLOR,
        "loc": "upper left",
        "alignment": "left",
    }
    fig.legend(
        handles=classes,
        bbox_to_anchor=(0.04, top),
        ncol=len(classes),
        title=f"{noun} per country or territory (number of countries and territories in brackets)",
        title_fontsize=8,
        **common,
    )
    fig.legend(
        handles=greys,
        bbox_to_anchor=(0.04, top - 0.36 / fig.get_figheight()),
        ncol=_grey_columns(len(greys), fig.get_figwidth()),
        **common,
    )


def _footer(data: MapData, width_in: float) -> tuple[str, str]:
    """The source line and the disclaimer, wrapped to the picture's width."""
    chars = int(width_in * 15)
    source = " ".join(
        w for w in (f"Data source: {data.source}." if data.source else "", MAP_PRODUCTION) if w
    )
    return textwrap.fill(source, chars), textwrap.fill(DISCLAIMER, int(chars * 1.05))


def _words(fig, data: MapData, h: float, source: str, foot: str, text_h: float) -> None:
    fig.text(
        0.04, 1 - 0.2 / h, data.title, fontsize=14, fontweight="bold", color=WHO_NAVY, va="top"
    )
    sub = " · ".join(
        w for w in (data.filters, f"Data as of {data.data_as_of}" if data.data_as_of else "") if w
    )
    fig.text(0.04, 1 - 0.55 / h, sub, fontsize=8.5, color=MUTED_TEXT, va="top")
    y = text_h + 0.05
    fig.text(0.04, y / h, source, fontsize=6.8, color=TEXT_COLOR, va="top", linespacing=1.3)
    y -= 0.125 * (source.count("\n") + 1) + 0.08
    fig.text(0.04, y / h, foot, fontsize=6.3, color=MUTED_TEXT, va="top", linespacing=1.3)
