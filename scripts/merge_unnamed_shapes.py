"""One-off edit of static/topojson/world_110m.json (kept so it can be redone on a new copy).

Natural Earth draws three areas without an ISO3 id: northern Cyprus, Somaliland and Kosovo.
Drawn apart, the first two would show a border and a "no data" grey inside two Member States,
which is not the UN's position that WHO follows. This merges them into Cyprus and Somalia (the
shared arcs removed, so no line remains) and gives Kosovo its code XKX, which the reference table
lists as a territory (shown as "not a WHO Member State / no data").

Run: .venv/bin/python scripts/merge_unnamed_shapes.py
"""

from __future__ import annotations

import json
from pathlib import Path

FILE = Path(__file__).resolve().parent.parent / "static" / "topojson" / "world_110m.json"
# Centre (lon, lat) of each id-less shape -> what it becomes: a host to merge into, or an id.
TARGETS = {
    (33.4, 35.2): ("merge", "CYP"),
    (46.1, 10.4): ("merge", "SOM"),
    (21.0, 42.5): ("id", "XKX"),
}


def _points(topo: dict) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """First and last quantized point of every arc (delta-encoded positions summed)."""
    ends = []
    for arc in topo["arcs"]:
        x = y = 0
        first = None
        for dx, dy in arc:
            x, y = x + dx, y + dy
            first = first or (x, y)
        ends.append((first, (x, y)))
    return ends


def _centre(topo: dict, arc_ids: list[int]) -> tuple[float, float]:
    ends = _points(topo)
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    pts = [ends[i if i >= 0 else ~i][0] for i in arc_ids]
    return (
        sum(p[0] for p in pts) / len(pts) * sx + tx,
        sum(p[1] for p in pts) / len(pts) * sy + ty,
    )


def _stitch(topo: dict, arc_ids: list[int]) -> list[int]:
    """One ring from arcs: the arcs both rings use (once each way) are dropped first."""
    ends = _points(topo)
    keep = [a for a in arc_ids if ~a not in arc_ids]

    def start(a: int):
        return ends[a][0] if a >= 0 else ends[~a][1]

    def end(a: int):
        return ends[a][1] if a >= 0 else ends[~a][0]

    ring = [keep.pop(0)]
    while keep:
        nxt = next(a for a in keep if start(a) == end(ring[-1]))
        keep.remove(nxt)
        ring.append(nxt)
    return ring


def main() -> None:
    topo = json.loads(FILE.read_text(encoding="utf-8"))
    geoms = topo["objects"]["countries"]["geometries"]
    by_id = {g.get("id"): g for g in geoms}
    for g in [g for g in geoms if not g.get("id")]:
        assert g["type"] == "Polygon" and len(g["arcs"]) == 1, g
        lon, lat = _centre(topo, g["arcs"][0])
        ((what, code),) = [v for k, v in TARGETS.items() if abs(k[0] - lon) + abs(k[1] - lat) < 2]
        if what == "id":
            g["id"] = code
            continue
        host = by_id[code]
        assert host["type"] == "Polygon" and len(host["arcs"]) == 1, code
        host["arcs"] = [_stitch(topo, host["arcs"][0] + g["arcs"][0])]
        geoms.remove(g)
    FILE.write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")


if __name__ == "__main__":
    main()
