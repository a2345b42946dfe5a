"""A demo store of realistic events, the dashboard serving it, and one headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from events import store
from events.model import Article, Event
from tests.browser.harness import chromium, serving

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def _event(n: int, **fields) -> Event:
    return Event(event_id=f"demo-{n}", article_id="demo-article", source="Demo Presse",
                 source_url="https://example.org/article", language="fr",
                 published="2024-03-05", **fields)


DEMO_EVENTS = [
    _event(1, event_type="Battles", sub_event_type="Armed clash", event_date="2024-03-02",
           time_precision=1, actor1="Syrian Democratic Forces", actor2="Islamic State (Syria)",
           location="Tall Tamr", location_text="Tal Tamar", admin1="Al-Hasakah", country="SY",
           iso3="SYR", latitude=36.652, longitude=40.37, geo_precision=1, geo_confidence=0.91,
           fatalities=4, notes="Des combats ont opposé les FDS à l'EI près de Tal Tamar samedi.",
           place_candidates=[{"name": "Tell Tamer", "country": "SY", "confidence": 0.31}]),
    _event(2, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
           event_date="2024-02-20", time_precision=2, actor1="Military Forces of Turkey",
           actor2="Syrian Democratic Forces", location="Qamishli", location_text="Qamichli",
           admin1="Al-Hasakah", country="SY", iso3="SYR", latitude=37.052, longitude=41.231,
           geo_precision=2, geo_confidence=0.8, fatalities=2,
           notes="Une frappe de drone turque a visé un véhicule aux abords de Qamichli."),
    _event(3, event_type="Battles", sub_event_type="Armed clash", event_date="2023-11-14",
           time_precision=1, actor1="Military Forces of Iraq", actor2="Islamic State (Iraq)",
           location="Kirkuk", location_text="Kirkouk", admin1="Kirkuk", country="IQ",
           iso3="IRQ", latitude=35.468, longitude=44.392, geo_precision=1, geo_confidence=0.95,
           fatalities=1, notes="L'armée irakienne a affronté des jihadistes au sud de Kirkouk."),
    _event(4, event_type="Protests", sub_event_type="Peaceful protest", event_date="2024-01-08",
           time_precision=1, actor1="Protesters (Iraq)", location="Basra", location_text="Bassora",
           admin1="Basrah", country="IQ", iso3="IRQ", latitude=30.508, longitude=47.783,
           geo_precision=1, geo_confidence=0.97, notes="Des centaines de manifestants à Bassora."),
    _event(5, event_type="Violence against civilians", sub_event_type="Attack",
           event_date=None, actor1="Islamic State (Syria)", actor2="Civilians (Syria)",
           location="Deir ez-Zor", location_text="Deir ez-Zor", admin1="Deir-ez-Zor",
           country="SY", iso3="SYR", latitude=35.336, longitude=40.141, geo_precision=3,
           geo_confidence=0.6, notes="Des bergers ont été tués dans la badia de Deir ez-Zor."),
    _event(6, event_type="Battles", sub_event_type="Armed clash", event_date="2024-02-27",
           time_precision=1, actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria",
           location="Idlib", location_text="Idleb", admin1="Idlib", country="SY", iso3="SYR",
           latitude=35.931, longitude=36.634, geo_precision=1, geo_confidence=0.88,
           fatalities=6, notes="Des affrontements entre HTS et l'armée syrienne près d'Idleb."),
]


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "demo.sqlite"
    st = store.open(str(path))
    article = Article(text=" ".join(e.notes for e in DEMO_EVENTS), article_id="demo-article",
                      title="Combats dans le nord-est syrien", published="2024-03-05",
                      source="Demo Presse", url="https://example.org/article", lang="fr")
    st.add_article(article, DEMO_EVENTS)
    return st


@pytest.fixture(scope="session")
def demo_url(demo_store):
    from dashboard import create_app

    with serving(create_app(demo_store).server) as base:
        yield base


@pytest.fixture(scope="session")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(downloads):
    with chromium(str(downloads)) as driver:
        yield driver


@pytest.fixture
def screenshot(browser):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return lambda name: browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
