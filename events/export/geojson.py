"""GeoJSON (RFC 7946): a FeatureCollection of WGS 84 Points, every event field in properties."""

from __future__ import annotations

import json
import os

from events.export.frame import Events, as_frame, located, records


def to_geojson(events: Events, path: str | os.PathLike | None = None) -> dict:
    """The FeatureCollection of ``events`` that have coordinates; written to ``path`` if given.

    Events without coordinates are left out (RFC 7946 has no place for them); callers count
    them as ``len(events) - len(result["features"])``.
    """
    features = []
    for row in records(located(as_frame(events))):
        features.append({
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
            "properties": row,
        })
    collection = {"type": "FeatureCollection", "features": features}
    if path is not None:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(collection, handle, ensure_ascii=False)
    return collection
