"""Synthetic ACLED-style events over Syria and Iraq, for dashboard benchmarks and tests.

Realistic enough to exercise every filter and map mode: ACLED types and sub-types, a few dozen
actors, dates over several years with a share undated, points scattered around real towns with
geo precision 1-3, and a notes sentence per event. Deterministic for a given seed.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from events.model import EVENT_FIELDS

_HERE = Path(__file__).resolve().parent
_STYLES = Path(__file__).resolve().parents[1] / "dashboard" / "data" / "event_styles.json"


def synthetic_events(n: int, seed: int = 0, undated_share: float = 0.03) -> pd.DataFrame:
    """A frame of ``n`` events with the columns of ``events.model.EVENT_FIELDS``."""
    rng = np.random.default_rng(seed)
    facts = json.loads((_HERE / "synthetic_data.json").read_text(encoding="utf-8"))
    types = json.loads(_STYLES.read_text(encoding="utf-8"))["types"]
    pairs = [(t, s) for t, spec in types.items() for s in spec["sub_types"]]
    actors = np.array(facts["actors"], dtype=object)
    places = facts["places"]

    pair_idx = rng.integers(0, len(pairs), n)
    place_idx = rng.integers(0, len(places), n)
    precision = rng.choice([1, 2, 3], n, p=[0.7, 0.2, 0.1])
    spread = np.where(precision == 1, 0.02, np.where(precision == 2, 0.08, 0.4))
    lat = np.array([p[4] for p in places])[place_idx] + rng.normal(0, 1, n) * spread
    lon = np.array([p[5] for p in places])[place_idx] + rng.normal(0, 1, n) * spread
    days = rng.integers(0, 5 * 365, n)
    dates = (np.datetime64("2019-01-01") + days.astype("timedelta64[D]")).astype(str).astype(object)
    dates[rng.random(n) < undated_share] = None
    a1 = actors[rng.integers(0, len(actors), n)]
    a2 = actors[rng.integers(0, len(actors), n)]
    a2[rng.random(n) < 0.2] = None
    fatalities = rng.poisson(2.0, n).astype(object)
    fatalities[rng.random(n) < 0.3] = None
    templates = facts["sentences"]
    locations = np.array([p[0] for p in places], dtype=object)[place_idx]
    notes = [
        templates[k % len(templates)].format(a1=x, a2=y or "unknown forces", loc=loc, f=f or 0)
        for k, x, y, loc, f in zip(range(n), a1, a2, locations, fatalities, strict=True)
    ]
    ids = [f"syn{seed}-{k:07d}" for k in range(n)]
    columns = {
        "event_id": ids,
        "event_type": [pairs[k][0] for k in pair_idx],
        "sub_event_type": [pairs[k][1] for k in pair_idx],
        "event_date": dates,
        "time_precision": rng.choice([1, 2, 3], n, p=[0.8, 0.15, 0.05]),
        "date_text": None,
        "actor1": a1,
        "actor2": a2,
        "assoc_actor_1": None,
        "assoc_actor_2": None,
        "location": locations,
        "location_text": locations,
        "place_id": [f"syn:{k}" for k in place_idx],
        "admin1": np.array([p[3] for p in places], dtype=object)[place_idx],
        "admin2": None,
        "country": np.array([p[1] for p in places], dtype=object)[place_idx],
        "iso3": np.array([p[2] for p in places], dtype=object)[place_idx],
        "latitude": lat.round(5),
        "longitude": lon.round(5),
        "geo_precision": precision,
        "geo_confidence": rng.uniform(0.3, 1.0, n).round(3),
        "fatalities": fatalities,
        "notes": notes,
        "source": "synthetic",
        "source_url": None,
        "article_id": [f"art{k // 3:07d}" for k in range(n)],
        "published": dates,
        "language": "en",
        "sources": [[] for _ in range(n)],
        "place_candidates": [[] for _ in range(n)],
    }
    return pd.DataFrame(columns, columns=list(EVENT_FIELDS))


if __name__ == "__main__":
    print(synthetic_events(5).T)
