"""Headless Chromium and a live dashboard server for the browser tests and the dashboard benchmark.

Plain selenium (no ``dash[testing]``): Debian's chromium and chromedriver, a fresh profile per
browser, the app served by werkzeug in a thread on 127.0.0.1 at a free port.
"""

from __future__ import annotations

import logging
import shutil
import socket
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from werkzeug.serving import make_server

logging.getLogger("werkzeug").setLevel(logging.WARNING)

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=1500,950")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(flask_app, timeout: float = 30.0) -> Iterator[str]:
    """Serve a Flask app on a free loopback port in a thread; yield its base URL."""
    port = free_port()
    server = make_server("127.0.0.1", port, flask_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(base + "/_dash-layout", timeout=5).read()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    try:
        yield base
    finally:
        server.shutdown()
        thread.join(timeout=10)


@contextmanager
def chromium(downloads: str | None = None) -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a throwaway profile, quit and cleaned up afterwards."""
    profile = tempfile.mkdtemp(prefix="eventmap-chromium-")
    options = webdriver.ChromeOptions()
    if downloads:
        options.add_experimental_option("prefs", {"download.default_directory": downloads})
    options.binary_location = CHROMIUM
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
