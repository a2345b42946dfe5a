-- eventmap store, schema version 1. One row per article, per event, and per (event, report).
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY,
    title TEXT,
    published TEXT,
    source TEXT,
    url TEXT,
    lang TEXT,
    path TEXT,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    event_date TEXT,
    time_precision INTEGER,
    date_text TEXT,
    actor1 TEXT,
    actor2 TEXT,
    assoc_actor_1 TEXT,
    assoc_actor_2 TEXT,
    location TEXT,
    location_text TEXT,
    place_id TEXT,
    admin1 TEXT,
    admin2 TEXT,
    country TEXT,
    iso3 TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    geo_confidence REAL,
    fatalities INTEGER,
    notes TEXT,
    source TEXT,
    source_url TEXT,
    article_id TEXT REFERENCES articles (article_id),
    published TEXT,
    language TEXT,
    place_candidates TEXT NOT NULL DEFAULT '[]'
);

-- the de-duplication look-up: same type, a date window, then a box around the point
CREATE INDEX IF NOT EXISTS events_by_type_date ON events (event_type, event_date);

CREATE TABLE IF NOT EXISTS event_sources (
    event_id TEXT NOT NULL REFERENCES events (event_id),
    article_id TEXT NOT NULL REFERENCES articles (article_id),
    UNIQUE (event_id, article_id)
);
