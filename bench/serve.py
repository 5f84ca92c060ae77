"""Benchmark `amends serve`: requests/s, p99 latency and errors for /api/v2/summary.json and the
home page under load from a second process on loopback, against nginx serving the static export
of the same pages in the same run.

Run: `.venv/bin/python -m bench.serve [--seconds 8] [--connections 64] [--workers 1]`.
Targets: >= 3,000 req/s on each path, no errors, p99 < 50 ms. The load generator is wrk when
installed (else a small asyncio raw-socket client); the baseline is nginx (else Python's
http.server).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

PATHS = ("/api/v2/summary.json", "/")
OUT = Path(__file__).resolve().parent.parent / "build" / "bench"


@dataclass
class Result:
    """One load run."""

    server: str
    path: str
    requests_per_s: float
    p99_ms: float
    errors: int
    requests: int


def free_port() -> int:
    """A free TCP port on loopback (for servers that cannot bind port 0 and report it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(port: int, timeout: float = 20.0) -> None:
    """Wait until something accepts connections on the port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def seed(db_url: str) -> None:
    """A store with one ongoing incident, two components and two published statements."""
    from amends.impact.model import ScopeEntry, Window
    from amends.incident import Action, Cause, Fixes, Incident, RegionInfo
    from amends.publish import operations as ops
    from amends.store import open_store

    start = datetime.now(UTC) - timedelta(hours=2)

    def entry(service: str, attempts: int, failures: int) -> ScopeEntry:
        rate = failures / attempts
        return ScopeEntry(
            region="california",
            service=service,
            attempts=attempts,
            failures=failures,
            failure_rate=rate,
            baseline_failure_rate=0.01,
            excess_failures=failures * 0.99,
            expected_attempts=attempts,
            ner=1 - rate,
        )

    inc = Incident(
        id="bench-ca-fiber",
        title="Calls and texts failing in California",
        time_zone="America/Los_Angeles",
        discovered_at=start,
        windows=[
            Window(
                id="w1",
                kind="failures",
                start=start,
                end=None,
                duration_minutes=120,
                regions=["california"],
                services=["voice", "sms"],
                scope=[entry("voice", 20000, 14000), entry("sms", 8000, 900)],
                subscribers_affected=1200,
                failed_attempts=14900,
                missing_attempts=0.0,
            )
        ],
        regions={"california": RegionInfo(name="California", time_zone="America/Los_Angeles")},
        services={"voice": "Phone calls", "sms": "Text messages"},
        cause=Cause(category="fiber_cut", description="a crew cut our fiber cable"),
        fixes=Fixes(
            long_term=[
                Action(
                    what="Add a second route",
                    how="a diverse cable",
                    owner="Network",
                    due=date.today() + timedelta(days=90),
                )
            ]
        ),
    )
    body = (
        "We are sorry: phone calls and texts in California have failed since "
        f"{start:%H:%M} UTC for 1,200 customers. Our next update comes within the hour."
    )
    with open_store(db_url) as store:
        ops.save_incident(store, inc)
        for n in range(2):
            ops.publish_statement(
                store,
                inc,
                "acknowledge" if n == 0 else "update",
                "web",
                "en",
                by="bench",
                text=body,
                override_reason="benchmark text",
                now=start + timedelta(minutes=20 + 30 * n),
            )


PIN = False


def pin(cpu: int) -> list[str]:
    """With --pin, a `taskset` prefix that keeps a process on one CPU (server on 0, load
    generator on 1); off by default: on a busy shared machine pinning makes things worse."""
    if PIN and (os.cpu_count() or 1) > 1 and shutil.which("taskset"):
        return ["taskset", "-c", str(cpu)]
    return []


def load_wrk(url: str, seconds: int, connections: int) -> tuple[float, float, int, int]:
    """req/s, p99 ms, errors, requests from wrk."""
    out = subprocess.run(
        [*pin(1), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    m = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    p99 = float(m.group(1)) * scale[m.group(2)] if m else float("nan")
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if e := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(e.group(1))
    if e := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in e.groups())
    return rps, p99, errors, total


async def _raw_client(
    host: str, port: int, path: str, stop: float, lat: list[float], errs: list[int]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    req = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    while time.perf_counter() < stop:
        t0 = time.perf_counter()
        writer.write(req)
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
        await reader.readexactly(length)
        lat.append(time.perf_counter() - t0)
        if not head.startswith(b"HTTP/1.1 200"):
            errs[0] += 1
    writer.close()


def load_python(url: str, seconds: int, connections: int) -> tuple[float, float, int, int]:
    """A small keep-alive load generator when wrk is missing (runs in this separate process)."""
    m = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    assert m
    host, port, path = m.group(1), int(m.group(2)), m.group(3)
    lat: list[float] = []
    errs = [0]

    async def main() -> None:
        stop = time.perf_counter() + seconds
        await asyncio.gather(
            *[_raw_client(host, port, path, stop, lat, errs) for _ in range(connections)]
        )

    t0 = time.perf_counter()
    asyncio.run(main())
    took = time.perf_counter() - t0
    lat.sort()
    p99 = lat[int(len(lat) * 0.99) - 1] * 1000 if lat else float("nan")
    return len(lat) / took, p99, errs[0], len(lat)


def run_load(name: str, base: str, seconds: int, connections: int) -> list[Result]:
    """Warm up, then load each path."""
    gen = load_wrk if shutil.which("wrk") else load_python
    results = []
    for path in PATHS:
        gen(base + path, 1, 4)  # warm-up: fill the snapshot cache
        rps, p99, errors, total = gen(base + path, seconds, connections)
        results.append(Result(name, path, rps, p99, errors, total))
    return results


def start_nginx(root: Path, tmp: Path) -> tuple[subprocess.Popen[bytes], int, str]:
    """nginx (one worker per core, its stock setting) serving the static export."""
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(f"""
worker_processes auto;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  include /etc/nginx/mime.types;
  types {{ application/json json; }}
  client_body_temp_path {tmp}/body; proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi; uwsgi_temp_path {tmp}/uwsgi; scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    keepalive_requests 1000000;
  }}
}}
""")
    proc = subprocess.Popen(
        ["nginx", "-c", str(conf), "-g", "daemon off;"], stderr=subprocess.DEVNULL
    )
    return proc, port, "nginx (static export)"


def start_http_server(root: Path) -> tuple[subprocess.Popen[bytes], int, str]:
    """Python's http.server when nginx is missing."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return proc, port, "python http.server (static export)"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and ratios."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--workers", type=int, default=1, help="amends serve worker processes")
    ap.add_argument("--pin", action="store_true", help="server on CPU 0, load on CPU 1")
    args = ap.parse_args(argv)
    global PIN
    PIN = args.pin

    from amends.publish.static import build_site
    from amends.store import open_store
    from amends.web.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="amends-bench-serve-"))
    tmp.chmod(0o755)  # nginx workers run as an unprivileged user and must read the export
    db_url = f"sqlite:///{tmp}/bench.db"
    seed(db_url)
    with open_store(db_url) as store:
        build_site(store, tmp / "site", Settings())
    port = free_port()
    env = dict(os.environ, AMENDS_SECRET="bench-secret")
    serve = subprocess.Popen(
        [
            *(pin(0) if args.workers == 1 else []),
            sys.executable,
            "-m",
            "amends",
            "serve",
            "--db",
            db_url,
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_proc = None
    results: list[Result] = []
    try:
        wait_up(port)
        results += run_load(
            f"amends serve ({args.workers} worker)",
            f"http://127.0.0.1:{port}",
            args.seconds,
            args.connections,
        )
        serve.terminate()
        serve.wait(10)
        if shutil.which("nginx"):
            base_proc, bport, bname = start_nginx(tmp / "site", tmp)
        else:
            base_proc, bport, bname = start_http_server(tmp / "site")
        wait_up(bport)
        results += run_load(bname, f"http://127.0.0.1:{bport}", args.seconds, args.connections)
    finally:
        for p in (serve, base_proc):
            if p is not None and p.poll() is None:
                p.terminate()
                p.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)

    gen = "wrk -t1" if shutil.which("wrk") else "python asyncio client"
    print(
        f"load: {gen}, {args.connections} connections, {args.seconds} s per path, loopback, "
        f"{os.cpu_count()} cores{'; pinned' if PIN else ''}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'server':38} {'path':22} {'req/s':>9} {'p99 ms':>8} {'errors':>7}")
    for r in results:
        print(f"{r.server:38} {r.path:22} {r.requests_per_s:9.0f} {r.p99_ms:8.2f} {r.errors:7d}")
    ok = True
    ours = {r.path: r for r in results if r.server.startswith("amends")}
    theirs = {r.path: r for r in results if not r.server.startswith("amends")}
    for path in PATHS:
        a, b = ours[path], theirs[path]
        ratio = a.requests_per_s / b.requests_per_s if b.requests_per_s else float("nan")
        meets = a.requests_per_s >= 3000 and a.p99_ms < 50 and a.errors == 0
        ok &= meets
        print(
            f"{path}: amends/baseline = {ratio:.2f}x req/s; target >= 3,000 req/s, p99 < 50 ms,"
            f" 0 errors: {'met' if meets else 'NOT met'}"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "serve.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
