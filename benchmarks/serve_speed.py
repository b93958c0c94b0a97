"""How long the workbench takes from an option change to the rendered panes (bill, checklist,
review), in process (the ASGI app called directly) and over loopback HTTP (uvicorn, as a
trainer's browser reaches it).  Every request is a scenario not seen before, so the
server's cache of recent scenarios does not flatter the figure.  Target: median < 50 ms.

    python benchmarks/serve_speed.py [--runs 60]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import uvicorn  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from modellaw.serve.app import create_app  # noqa: E402


def _queries(runs: int) -> list[str]:
    """Distinct option changes, as the options panel sends them."""
    return [urlencode([("profile", "za"), ("offence-recruitment.max_years", str(10 + i % 80)),
                       ("definition-child.age", str(16 + (i // 80) % 6)),
                       ("prev", "profile=za")]) for i in range(runs)]


def in_process(runs: int) -> list[float]:
    client = TestClient(create_app(ROOT))
    client.get("/panes?profile=za")                       # warm: templates compiled once
    times = []
    for query in _queries(runs):
        start = time.perf_counter()
        response = client.get(f"/panes?{query}")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200 and "<article" in response.text
    return times


def over_loopback(runs: int) -> list[float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(ROOT), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/panes?profile=za")
    connection.getresponse().read()
    times = []
    try:
        for query in _queries(runs):
            start = time.perf_counter()
            connection.request("GET", f"/panes?{query}")
            body = connection.getresponse().read()
            times.append(time.perf_counter() - start)
            assert b"<article" in body
    finally:
        connection.close()
        server.should_exit = True
        thread.join(timeout=10)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    runs = parser.parse_args().runs
    for name, measure in (("in process", in_process), ("over loopback HTTP", over_loopback)):
        times = measure(runs)
        print(f"{name:20} median {statistics.median(times) * 1000:6.1f} ms   "
              f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:6.1f} ms   ({runs} changes)")


if __name__ == "__main__":
    main()
