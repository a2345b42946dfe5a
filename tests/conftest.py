"""Shared test fixtures. Every test runs with its own eventmap data directory, so no test reads
or writes the real user overlay or store."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point EVENTMAP_DATA_DIR at a fresh folder for each test."""
    data_dir = tmp_path_factory.mktemp("eventmap-data")
    monkeypatch.setenv("EVENTMAP_DATA_DIR", str(data_dir))
    return data_dir
