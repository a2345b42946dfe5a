"""What the map draws for one view: only the visible events, aggregated on the server when dense.

The browser never receives the whole event set. For the visible box (plus a margin, so a small pan
needs no new data) the server sends individual markers when there are few of them or the map is
zoomed in, and otherwise one marker per grid cell whose size follows the zoom level; the density
mode sends the same grid as shaded squares. A response stays a few hundred kilobytes at 1M events.
"""

from __future__ import annotations

import numpy as np

from dashboard.source import UNDATED, LoadedEvents

POINT_LIMIT = 1500  # individual markers up to this many visible events
POINT_ZOOM = 12  # from this zoom on, always individual markers
CELL_PIXELS = 56  # grid cell side on screen, markers mode
DENSITY_PIXELS = 20  # grid cell side on screen, density mode
MARGIN = 0.25  # share of the view added on each side
DENSE_GRID_LIMIT = 4_000_000  # cells; above this the grid is counted by sorting instead


def visible_rows(events: LoadedEvents, mask: np.ndarray, bounds: list | None) -> np.ndarray:
    """Rows kept by ``mask`` that have coordinates inside ``bounds`` (+ margin)."""
    keep = mask & events.located
    if bounds:
        (south, west), (north, east) = bounds
        dy, dx = (north - south) * MARGIN, (east - west) * MARGIN
        keep &= (events.lat >= south - dy) & (events.lat <= north + dy)
        keep &= (events.lon >= west - dx) & (events.lon <= east + dx)
    return np.flatnonzero(keep)


def map_features(events: LoadedEvents, rows: np.ndarray, zoom: float, mode: str) -> dict:
    """GeoJSON FeatureCollection for the visible ``rows`` at ``zoom`` in ``mode``."""
    if mode == "density":
        return _density(events, rows, zoom)
    if len(rows) <= POINT_LIMIT or zoom >= POINT_ZOOM:
        return _points(events, rows[: POINT_LIMIT * 4])
    return _cells(events, rows, zoom)


def _points(events: LoadedEvents, rows: np.ndarray) -> dict:
    lon = events.lon[rows].round(5).tolist()
    lat = events.lat[rows].round(5).tolist()
    types = events.type_code[rows].tolist()
    precision = events.precision[rows].tolist()
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]},
         "properties": {"kind": "event", "i": i, "t": t, "p": p}}
        for i, x, y, t, p in zip(rows.tolist(), lon, lat, types, precision, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def _grid(events: LoadedEvents, rows: np.ndarray, zoom: float, pixels: int):
    """Cell side (degrees), column and row of each occupied cell, each row's cell, counts.

    Cells are numbered densely over the occupied box, so counting is one ``bincount`` (linear
    time) rather than a sort of every visible event.
    """
    size = 360.0 / 2 ** max(zoom, 0) * pixels / 256
    ix = np.floor(events.lon[rows] / size).astype(np.int64)
    iy = np.floor(events.lat[rows] / size).astype(np.int64)
    x0, y0 = ix.min(), iy.min()
    height = int(iy.max() - y0) + 1
    dense = (ix - x0) * height + (iy - y0)
    if (int(ix.max() - x0) + 1) * height > DENSE_GRID_LIMIT:  # sparse events over a huge box
        occupied, inverse, counts = np.unique(dense, return_inverse=True, return_counts=True)
        return size, occupied // height + x0, occupied % height + y0, inverse, counts
    per_cell = np.bincount(dense)
    occupied = np.flatnonzero(per_cell)
    lookup = np.zeros(len(per_cell), dtype=np.int64)
    lookup[occupied] = np.arange(len(occupied))
    return (size, occupied // height + x0, occupied % height + y0, lookup[dense],
            per_cell[occupied])


def _cells(events: LoadedEvents, rows: np.ndarray, zoom: float) -> dict:
    if not len(rows):
        return {"type": "FeatureCollection", "features": []}
    _, _, _, inverse, counts = _grid(events, rows, zoom, CELL_PIXELS)
    lon = np.bincount(inverse, weights=events.lon[rows]) / counts
    lat = np.bincount(inverse, weights=events.lat[rows]) / counts
    n_types = len(events.type_names) + 1
    by_type = np.bincount(inverse * n_types + events.type_code[rows],
                          minlength=len(counts) * n_types)
    dominant = by_type.reshape(len(counts), n_types).argmax(axis=1)
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]},
         "properties": {"kind": "cell", "n": n, "t": t}}
        for x, y, n, t in zip(lon.round(5).tolist(), lat.round(5).tolist(), counts.tolist(),
                              dominant.tolist(), strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def _density(events: LoadedEvents, rows: np.ndarray, zoom: float) -> dict:
    if not len(rows):
        return {"type": "FeatureCollection", "features": []}
    size, ix, iy, _, counts = _grid(events, rows, zoom, DENSITY_PIXELS)
    level = np.log1p(counts) / np.log1p(counts.max())
    features = []
    for x, y, n, lv in zip(ix.tolist(), iy.tolist(), counts.tolist(), level.round(3).tolist(),
                           strict=True):
        west, south = x * size, y * size
        ring = [[west, south], [west + size, south], [west + size, south + size],
                [west, south + size], [west, south]]
        features.append({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
                         "properties": {"kind": "density", "n": n, "level": lv}})
    return {"type": "FeatureCollection", "features": features}


def weekly_counts(events: LoadedEvents, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monday of each week (datetime64[D]) and the number of dated events kept in that week."""
    days = events.day[mask & (events.day != UNDATED)]
    if not len(days):
        return np.array([], dtype="datetime64[D]"), np.array([], dtype=np.int64)
    weeks = (days.astype(np.int64) + 3) // 7
    first = weeks.min()
    counts = np.bincount(weeks - first)
    mondays = np.datetime64("1970-01-01", "D") + ((np.arange(len(counts)) + first) * 7 - 3)
    return mondays, counts
