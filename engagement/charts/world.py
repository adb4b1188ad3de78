"""The shipped world topojson as plain polygons (lon, lat), the Natural Earth projection, and the
view that frames a set of countries.

Plotly draws the screen map from the same file in the browser; the exported PNG/SVG and the
PDF draw it with matplotlib from these polygons (no Chrome, no shapely).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

TOPOJSON_DIR = Path(__file__).resolve().parent.parent.parent / "static" / "topojson"
WORLD_FILE = "world_110m.json"

Ring = np.ndarray  # shape (n, 2): lon, lat in degrees


def _decode_arcs(topo: dict) -> list[np.ndarray]:
    # Quantized topojson: each arc is delta-encoded integer positions, then scaled.
    scale = np.asarray(topo["transform"]["scale"], dtype=float)
    shift = np.asarray(topo["transform"]["translate"], dtype=float)
    return [np.cumsum(np.asarray(a, dtype=float), axis=0) * scale + shift for a in topo["arcs"]]


def _ring(arcs: list[np.ndarray], indexes: list[int]) -> Ring:
    parts = []
    for k, i in enumerate(indexes):
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        parts.append(arc if k == 0 else arc[1:])  # arcs share their end points
    return np.concatenate(parts)


@cache
def countries() -> dict[str, tuple[Ring, ...]]:
    """ISO3 -> the outer rings and holes of its polygons (lon, lat), as the file holds them."""
    topo = json.loads((TOPOJSON_DIR / WORLD_FILE).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topo)
    shapes: dict[str, list[Ring]] = {}
    for n, geom in enumerate(topo["objects"]["countries"]["geometries"]):
        code = str(geom.get("id") or "")
        # Shapes without an ISO3 id (disputed areas) are still land: drawn as "no data".
        key = code if len(code) == 3 and code.isalpha() else f"_{n}"
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        rings = shapes.setdefault(key, [])
        for polygon in polygons:
            for ring in polygon:
                rings.extend(_split_at_antimeridian(_ring(arcs, ring)))
    return {key: tuple(rings) for key, rings in shapes.items()}


def _split_at_antimeridian(ring: Ring) -> list[Ring]:
    """Rings of Fiji and Chukotka jump from +180 to -180; drawn as they are they would paint a
    band across the whole map. Unwrapped, cut at +-180 and shifted back, they become two."""
    steps = np.diff(ring[:, 0])
    if not len(steps) or np.abs(steps).max() <= 180:
        return [ring]
    turns = np.concatenate([[0.0], np.cumsum(np.where(steps < -180, 360.0, 0.0))])
    turns -= np.concatenate([[0.0], np.cumsum(np.where(steps > 180, 360.0, 0.0))])
    lon = ring[:, 0] + turns
    unwrapped = np.column_stack([lon, ring[:, 1]])
    parts = []
    for edge, shift in ((180.0, -360.0), (-180.0, 360.0)):
        outside = _clip(unwrapped, edge, keep_above=edge > 0)
        if len(outside) >= 3:
            parts.append(outside + [shift, 0.0])
    inside = _clip(_clip(unwrapped, 180.0, keep_above=False), -180.0, keep_above=True)
    if len(inside) >= 3:
        parts.append(inside)
    return parts


def _clip(ring: Ring, x0: float, *, keep_above: bool) -> Ring:
    """Sutherland-Hodgman against the vertical line lon = x0."""
    out = []
    n = len(ring)
    for i in range(n):
        a, b = ring[i - 1], ring[i]
        a_in = (a[0] >= x0) if keep_above else (a[0] <= x0)
        b_in = (b[0] >= x0) if keep_above else (b[0] <= x0)
        if b_in != a_in:
            t = (x0 - a[0]) / (b[0] - a[0])
            out.append((x0, a[1] + t * (b[1] - a[1])))
        if b_in:
            out.append((b[0], b[1]))
    return np.asarray(out, dtype=float).reshape(-1, 2)


def _area(ring: Ring) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def main_box(iso3: str) -> tuple[float, float, float, float] | None:
    """(lon_min, lon_max, lat_min, lat_max) of a country's largest polygon: France without
    French Guiana, Norway without Svalbard, so a region's view is not stretched by overseas
    parts. None when the file has no shape for it."""
    rings = countries().get(iso3)
    if not rings:
        return None
    ring = max(rings, key=_area)
    return (
        float(ring[:, 0].min()),
        float(ring[:, 0].max()),
        float(ring[:, 1].min()),
        float(ring[:, 1].max()),
    )


def natural_earth(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """The Natural Earth projection (Šavrič et al. 2011, as d3-geo and plotly use it)."""
    lam = np.radians(np.asarray(lon, dtype=float))
    phi = np.radians(np.asarray(lat, dtype=float))
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y
