"""eventmap events: ingest articles, extract ACLED-style events, store and export them."""
