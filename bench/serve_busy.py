"""Public latency of `amends serve` while its admin API is busy: GET /api/v2/status.json and
the home page one after another on loopback, first with the admin API idle, then while a second
client keeps sending large admin requests (a 10 MB statement, refused with 413; a 20,000
character statement, published; an incident file padded to just under 1 MiB, saved).

Run: `.venv/bin/python -m bench.serve_busy [--seconds 10] [--big-mb 10]`. Prints p50, p99 and
the slowest public answer per phase, and what the admin requests got; results go to
build/bench/serve_busy.json. With PYTHONPATH set to another checkout's src/, the server runs
that code (to compare before and after a change).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from bench.serve import OUT, free_port, seed, wait_up

PUBLIC = ("/api/v2/status.json", "/")


def _public_latencies(base: str, seconds: float) -> list[float]:
    """Milliseconds of each public GET, one after another, for `seconds`."""
    out: list[float] = []
    with httpx.Client(base_url=base, timeout=120) as c:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for path in PUBLIC:
                t = time.perf_counter()
                r = c.get(path)
                out.append((time.perf_counter() - t) * 1000)
                r.raise_for_status()
    return out


def _admin_load(base: str, token: str, big_mb: float, stop: threading.Event) -> dict[str, list]:
    """Large admin requests in a loop until `stop`: status codes and seconds per kind."""
    done: dict[str, list] = {"statement_big": [], "statement_max": [], "incident_1mib": []}
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=300) as c:
        record = c.get("/api/v2/incidents.json").json()["incidents"][0]["id"]
        yaml_text = _incident_yaml()
        padded = yaml_text + "#" + "x" * (1_040_000 - len(yaml_text)) + "\n"
        kinds = [
            (
                "statement_big",
                lambda: c.post(
                    f"/api/admin/incidents/{record}/statements",
                    json={
                        "stage": "update",
                        "text": "We are working on it. " * int(big_mb * 47_000),
                        "override_reason": "bench",
                    },
                ),
            ),
            (
                "statement_max",
                lambda: c.post(
                    f"/api/admin/incidents/{record}/statements",
                    json={
                        "stage": "update",
                        "text": ("We are working on it. " * 910)[:20_000],
                        "override_reason": "bench",
                    },
                ),
            ),
            (
                "incident_1mib",
                lambda: c.post(
                    "/api/admin/incidents",
                    content=padded,
                    headers={"Content-Type": "application/yaml"},
                ),
            ),
        ]
        while not stop.is_set():
            for name, call in kinds:
                if stop.is_set():
                    break
                t = time.perf_counter()
                try:
                    code = call().status_code
                except httpx.HTTPError as exc:
                    code = type(exc).__name__
                done[name].append((code, round(time.perf_counter() - t, 3)))
    return done


def _incident_yaml() -> str:
    from amends.incident.io import incident_yaml
    from amends.publish import operations as ops
    from amends.store import open_store

    with open_store(os.environ["_BENCH_DB"]) as store:
        return incident_yaml(ops.load_incident_record(store, "bench-ca-fiber"))


def _summary(ms: list[float]) -> dict[str, float]:
    ms = sorted(ms)
    return {
        "requests": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1),
        "max_ms": round(ms[-1], 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure and print public latency idle and under admin load."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds per phase")
    ap.add_argument("--big-mb", type=float, default=10.0, help="size of the oversized statement")
    args = ap.parse_args(argv)

    from amends.store import open_store
    from amends.web.auth import create_token

    tmp = Path(tempfile.mkdtemp(prefix="amends-bench-busy-"))
    db_url = f"sqlite:///{tmp}/bench.db"
    os.environ["_BENCH_DB"] = db_url
    seed(db_url)
    with open_store(db_url) as store:
        token = create_token(store, "bench")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "amends", "serve", "--db", db_url, "--port", str(port)],
        env=dict(os.environ, AMENDS_SECRET="bench-secret"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_up(port)
        idle = _public_latencies(base, args.seconds)
        stop = threading.Event()
        admin: dict[str, list] = {}
        worker = threading.Thread(
            target=lambda: admin.update(_admin_load(base, token, args.big_mb, stop))
        )
        worker.start()
        busy = _public_latencies(base, args.seconds)
        stop.set()
        worker.join()
    finally:
        server.terminate()
        server.wait(30)
    result = {
        "code": os.environ.get("PYTHONPATH") or "this checkout",
        "idle": _summary(idle),
        "busy": _summary(busy),
        "admin": {
            kind: {
                "answers": dict(Counter(str(code) for code, _ in runs)),
                "median_s": round(statistics.median(t for _, t in runs), 3) if runs else None,
                "max_s": max((t for _, t in runs), default=None),
            }
            for kind, runs in admin.items()
        },
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "serve_busy.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
