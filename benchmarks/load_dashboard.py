"""Load test on loopback: 20 concurrent clients post filter changes to the map callback for 60 s.

The dashboard (100k synthetic events by default) runs in its own process; each client loops over
random filter views and posts them to Dash's callback endpoint, exactly as the browser does.
Prints requests, errors and latency percentiles. Bounded: at most DURATION seconds and
MAX_REQUESTS requests in all.

Usage: .venv/bin/python benchmarks/load_dashboard.py [--events N] [--clients 20] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_REQUESTS = 100_000
FILTER_IDS = [("actors", "value"), ("types", "value"), ("subtypes", "value"),
              ("countries", "value"), ("admin1", "value"), ("dates", "start_date"),
              ("dates", "end_date"), ("undated", "value"), ("text", "value"),
              ("min-conf", "value"), ("mode", "value")]
OUTPUTS = [("events", "data"), ("count", "children"), ("undated-count", "children"),
           ("url", "search")]
TYPES = ["Battles", "Protests", "Riots", "Explosions/Remote violence"]
ACTORS = ["Hezbollah", "Asayish", "Syrian Democratic Forces", "Military Forces of Iraq"]


def serve(port: int, events: int) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic_events import synthetic_events
    from dashboard import create_app

    create_app(synthetic_events(events)).run(host="127.0.0.1", port=port, debug=False,
                                             threaded=True)


def random_view(rng: random.Random) -> dict:
    year = rng.choice([2019, 2020, 2021, 2022, 2023])
    return {
        "actors": rng.sample(ACTORS, rng.randint(0, 2)),
        "types": rng.sample(TYPES, rng.randint(0, 2)), "subtypes": [], "countries": [],
        "admin1": [], "start_date": rng.choice([None, f"{year}-01-01"]),
        "end_date": rng.choice([None, f"{year}-12-31"]), "undated": ["yes"],
        "text": rng.choice(["", "", "air strike", "arrested"]),
        "min-conf": rng.choice([0, 0.5]), "mode": rng.choice(["markers", "markers", "density"]),
        "zoom": rng.choice([5, 6, 7, 9, 12]),
    }


def payload(view: dict) -> bytes:
    center = (35.0 + random.uniform(-1, 1), 40.0 + random.uniform(-3, 3))
    span = 40 / 2 ** view["zoom"]
    bounds = [[center[0] - span, center[1] - span], [center[0] + span, center[1] + span]]
    inputs = [{"id": i, "property": p, "value": view[i if i != "dates" else p]}
              for i, p in FILTER_IDS]
    inputs += [{"id": "map", "property": "bounds", "value": bounds},
               {"id": "map", "property": "zoom", "value": view["zoom"]},
               {"id": "data-version", "property": "data", "value": 0}]
    body = {"output": ".." + "...".join(f"{i}.{p}" for i, p in OUTPUTS) + "..",
            "outputs": [{"id": i, "property": p} for i, p in OUTPUTS],
            "inputs": inputs, "changedPropIds": ["types.value"], "state": []}
    return json.dumps(body).encode()


def client(url: str, seed: int, stop: float, latencies: list, errors: list, lock) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop:
        with lock:
            if len(latencies) + len(errors) >= MAX_REQUESTS:
                return
        request = urllib.request.Request(url, data=payload(random_view(rng)),
                                         headers={"Content-Type": "application/json"})
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                response.read()
            with lock:
                latencies.append(time.perf_counter() - start)
        except Exception as exc:  # every failure is counted and reported
            with lock:
                errors.append(repr(exc))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.events)
        return 0
    sys.path.insert(0, str(ROOT))
    from tests.browser.harness import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port),
                               "--events", str(args.events)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base + "/_dash-layout", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("load_dashboard: the dashboard server did not start")
                    return 1
                time.sleep(0.3)
        latencies: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(base + "/_dash-update-component", k,
                                                         stop, latencies, errors, lock))
                   for k in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    def pick(q):
        return (latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
                if latencies else float("nan"))
    print(f"{args.clients} clients, {args.seconds:.0f} s, {args.events} events: "
          f"{len(latencies)} ok, {len(errors)} errors, "
          f"{len(latencies) / args.seconds:.1f} req/s, p50 {pick(0.5):.0f} ms, "
          f"p95 {pick(0.95):.0f} ms, max {pick(1.0):.0f} ms")
    for error in sorted(set(errors))[:5]:
        print("  error:", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
