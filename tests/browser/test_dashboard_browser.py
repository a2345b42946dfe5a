"""The demo map in headless Chromium: load, filter, click, export, shared links, edge cases."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from events.model import EVENT_FIELDS
from tests.browser.harness import serving

pytestmark = pytest.mark.browser
WAIT = 20


def markers(browser):
    return browser.find_elements(By.CSS_SELECTOR, "#map .em-event, #map .em-cell")


def wait_count(browser, text):
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_element(By.ID, "count").text == text)


def test_demo_map_loads_with_its_events(browser, demo_url, screenshot):
    browser.get(demo_url + "/")
    wait_count(browser, "6 events shown")
    WebDriverWait(browser, WAIT).until(lambda b: len(markers(b)) == 6)
    assert "1 undated" in browser.find_element(By.ID, "undated-count").text
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#map path.leaflet-interactive, #map path"))
    screenshot("map-loaded")


def test_actor_type_and_dates_change_count_markers_and_shared_link(browser, demo_url, screenshot):
    query = "?actor=Syrian+Democratic+Forces&type=Battles&since=2024-01-01&until=2024-03-31"
    browser.get(demo_url + "/" + query)
    wait_count(browser, "1 events shown")
    WebDriverWait(browser, WAIT).until(lambda b: len(markers(b)) == 1)
    WebDriverWait(browser, WAIT).until(lambda b: query in b.current_url)
    shared = browser.current_url
    browser.get(demo_url + "/")
    wait_count(browser, "6 events shown")
    browser.get(shared)  # the shared link reopens the same view
    wait_count(browser, "1 events shown")
    assert "Syrian Democratic Forces" in browser.find_element(By.ID, "actors").text
    screenshot("filtered-view")


def test_typing_in_the_text_filter_narrows_the_map(browser, demo_url):
    browser.get(demo_url + "/")
    wait_count(browser, "6 events shown")
    box = browser.find_element(By.ID, "text")
    box.send_keys("drone", Keys.ENTER)
    wait_count(browser, "1 events shown")
    WebDriverWait(browser, WAIT).until(lambda b: "q=drone" in b.current_url)
    WebDriverWait(browser, WAIT).until(lambda b: len(markers(b)) == 1)


def test_click_on_an_event_opens_its_detail_with_the_evidence(browser, demo_url, screenshot):
    browser.get(demo_url + "/?actor=Hayat+Tahrir+al-Sham")
    wait_count(browser, "1 events shown")
    WebDriverWait(browser, WAIT).until(lambda b: len(markers(b)) == 1)
    browser.execute_script("arguments[0].click()", markers(browser)[0])
    evidence = WebDriverWait(browser, WAIT).until(
        lambda b: b.find_element(By.ID, "detail-evidence"))
    assert evidence.text == "Des affrontements entre HTS et l'armée syrienne près d'Idleb."
    detail = browser.find_element(By.ID, "detail-body").text
    assert "Idleb" in detail and "Hayat Tahrir al-Sham" in detail and "6" in detail
    screenshot("event-detail")


def test_geojson_export_equals_the_filtered_set(browser, demo_url, downloads):
    browser.get(demo_url + "/?type=Battles")
    wait_count(browser, "3 events shown")
    browser.find_element(By.ID, "export-geojson").click()
    WebDriverWait(browser, WAIT).until(
        lambda b: [p for p in downloads.glob("*.geojson") if p.stat().st_size])
    path = next(downloads.glob("*.geojson"))
    collection = json.loads(path.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    ids = {f["properties"]["event_id"] for f in collection["features"]}
    assert ids == {"demo-1", "demo-3", "demo-6"}
    assert path.name == "eventmap-Battles.geojson"


def test_zero_events_and_undated_events_do_not_break_the_page(browser, screenshot):
    from dashboard import create_app

    empty = pd.DataFrame(columns=list(EVENT_FIELDS))
    with serving(create_app(empty).server) as base:
        browser.get(base + "/?since=2024-01-01")
        wait_count(browser, "0 events shown")
        assert not markers(browser)
        assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        screenshot("zero-events")


def test_html_export_is_a_standalone_offline_map_of_the_filtered_events(browser, demo_url,
                                                                         downloads):
    browser.get(demo_url + "/?type=Protests")
    wait_count(browser, "1 events shown")
    browser.find_element(By.ID, "export-html").click()
    WebDriverWait(browser, WAIT).until(
        lambda b: [p for p in downloads.glob("eventmap-Protests.html") if p.stat().st_size])
    page = (downloads / "eventmap-Protests.html").read_text(encoding="utf-8")
    assert "Bassora" in page or "Basra" in page
    assert "Tal Tamar" not in page
    assert not re.search(r"<script[^>]+src=.https?:|<link[^>]+href=.https?:", page)
