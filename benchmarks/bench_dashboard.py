"""Dashboard speed in headless Chromium at 100k and 1M synthetic events vs folium in an iframe.

For each size: first load with an empty browser cache and a warm reload (page opened → event
markers drawn), filter change (Enter in the
notes filter → count and markers redrawn), and the server's resident memory. The baseline, in
the same run, is a Dash page whose callback renders a folium map (clustered markers) of the
filtered events into an iframe; it is bounded to sizes ≤ 100k so the run stays short.

Usage: .venv/bin/python benchmarks/bench_dashboard.py [SIZE ...]   (default 100000 1000000)
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import folium
from dash import Dash, Input, Output, dcc, html
from folium.plugins import FastMarkerCluster
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from benchmarks.synthetic_events import synthetic_events
from dashboard import create_app
from events.filters import EventFilter
from tests.browser.harness import chromium, serving

BASELINE_MAX = 100_000
QUERY = "air strike"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def markers_drawn(browser) -> bool:
    return bool(browser.find_elements(By.CSS_SELECTOR, "#map .em-event, #map .em-cell"))


def measure_dashboard(frame, browser) -> dict:
    app = create_app(frame)
    with serving(app.server) as base:
        browser.execute_cdp_cmd("Network.clearBrowserCache", {})
        start = time.perf_counter()
        browser.get(base + "/")
        WebDriverWait(browser, 120).until(markers_drawn)
        first_load = time.perf_counter() - start
        browser.get("about:blank")
        start = time.perf_counter()
        browser.get(base + "/")
        WebDriverWait(browser, 120).until(markers_drawn)
        warm_load = time.perf_counter() - start
        before = browser.find_element(By.ID, "count").text
        timings = []
        for text in (QUERY, "", QUERY):
            box = browser.find_element(By.ID, "text")
            box.clear()
            start = time.perf_counter()
            box.send_keys(text, Keys.ENTER) if text else box.send_keys(Keys.ENTER)
            if text:
                WebDriverWait(browser, 120).until(
                    lambda b: b.find_element(By.ID, "count").text != before and markers_drawn(b))
            else:
                WebDriverWait(browser, 120).until(
                    lambda b: b.find_element(By.ID, "count").text == before and markers_drawn(b))
            browser.execute_script("return new Promise(r => requestAnimationFrame(() => r()))")
            timings.append(time.perf_counter() - start)
        return {"first_load": first_load, "warm_load": warm_load,
                "filter_change": min(timings), "rss_mb": rss_mb()}


def folium_html(frame) -> str:
    located = frame.dropna(subset=["latitude", "longitude"])
    fmap = folium.Map(location=[34.8, 40.5], zoom_start=6, tiles=None, max_zoom=18)
    FastMarkerCluster(located[["latitude", "longitude"]].to_numpy().tolist()).add_to(fmap)
    return fmap.get_root().render()


def measure_folium(frame, browser) -> dict:
    app = Dash(__name__)
    app.layout = html.Div([dcc.Input(id="text", debounce=True, value=""),
                           html.Div(id="count"),
                           html.Iframe(id="frame", style={"height": "600px"})])

    @app.callback(Output("frame", "srcDoc"), Output("count", "children"), Input("text", "value"))
    def redraw(text):
        shown = EventFilter(text=text or None).apply(frame)
        return folium_html(shown), f"{len(shown)} events"

    with serving(app.server) as base:
        browser.execute_cdp_cmd("Network.clearBrowserCache", {})
        start = time.perf_counter()
        browser.get(base + "/")
        WebDriverWait(browser, 300).until(lambda b: b.find_element(By.ID, "count").text)
        first_load = time.perf_counter() - start
        before = browser.find_element(By.ID, "count").text
        box = browser.find_element(By.ID, "text")
        start = time.perf_counter()
        box.send_keys(QUERY, Keys.ENTER)
        WebDriverWait(browser, 300).until(lambda b: b.find_element(By.ID, "count").text != before)
        browser.switch_to.frame(browser.find_element(By.ID, "frame"))
        WebDriverWait(browser, 300).until(
            lambda b: b.execute_script("return document.readyState") == "complete")
        browser.switch_to.default_content()
        return {"first_load": first_load, "filter_change": time.perf_counter() - start}


def main(sizes: list[int]) -> None:
    print(f"{'events':>9} {'variant':<22} {'first load s':>12} {'warm load s':>11} "
          f"{'filter change s':>15} {'server RSS MB':>13}")
    with chromium() as browser:
        for size in sizes:
            frame = synthetic_events(size)
            if size <= BASELINE_MAX:
                base = measure_folium(frame, browser)
                print(f"{size:>9} {'folium in iframe':<22} {base['first_load']:>12.2f} "
                      f"{'':>11} {base['filter_change']:>15.2f} {'':>13}", flush=True)
            ours = measure_dashboard(frame, browser)
            print(f"{size:>9} {'eventmap dashboard':<22} {ours['first_load']:>12.2f} "
                  f"{ours['warm_load']:>11.2f} {ours['filter_change']:>15.3f} "
                  f"{ours['rss_mb']:>13.0f}", flush=True)
            del frame


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [100_000, 1_000_000])
