"""Build the shipped country outlines (dashboard/assets/countries.geojson) from a TopoJSON file.

Run once by a maintainer: ``python -m dashboard.basemap_build world-atlas-countries-50m.json``
(Natural Earth via world-atlas, ISC licence; see dashboard/data/README.md). The region the
project covers keeps finer detail; the rest of the world is simplified harder to stay small.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely.geometry import box, mapping, shape

OUTPUT = Path(__file__).resolve().parent / "assets" / "countries.geojson"
DETAILED_REGION = box(25.0, 20.0, 65.0, 45.0)  # west, south, east, north: Levant to Iran


def decode_arcs(topology: dict) -> list[list[list[float]]]:
    """Absolute lon/lat arcs from a quantised, delta-encoded TopoJSON topology."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def _ring(arcs: list, indexes: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def to_geojson_geometry(geometry: dict, arcs: list) -> dict | None:
    """One TopoJSON Polygon/MultiPolygon geometry as a GeoJSON geometry."""
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(arcs, r) for r in geometry["arcs"]]}
    if geometry["type"] == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[_ring(arcs, r) for r in p] for p in geometry["arcs"]]}
    return None


def build(source: Path, output: Path = OUTPUT) -> int:
    """Write the simplified outlines; return the number of countries written."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        raw = to_geojson_geometry(geometry, arcs)
        if raw is None:
            continue
        outline = shape(raw).buffer(0)
        tolerance = 0.01 if outline.intersects(DETAILED_REGION) else 0.1
        simple = outline.simplify(tolerance, preserve_topology=True)
        geojson = json.loads(json.dumps(mapping(simple)), parse_float=lambda v: round(float(v), 3))
        features.append({"type": "Feature", "properties": {"name": geometry["properties"]["name"]},
                         "geometry": geojson})
    collection = {"type": "FeatureCollection", "features": features}
    output.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m dashboard.basemap_build COUNTRIES_TOPOJSON")
    print(f"{build(Path(sys.argv[1]))} countries written to {OUTPUT}")
