"""End to end with real software: SIPp callers in two area codes place calls through Kamailio to
SIPp gateways; Kamailio's acc module writes every INVITE to PostgreSQL; for two minutes the
gateway for area code 212's long-distance calls answers 503. Then `amends impact` on the acc
table must find that window, that region and service only, and exactly the callers who got a
503; meanwhile Prometheus scrapes the carrier's SIP counters and amends' /metrics, a rule fires,
and Alertmanager's webhook opens an incident in a real `amends serve`.

Everything listens on 127.0.0.1; every process is stopped at the end. Run it alone: `make e2e`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import psycopg
import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]

HERE = Path(__file__).parent
SIPP = HERE / "sipp"
#: The alerting rules on amends' own metrics that the project ships (tested by promtool too).
SHIPPED_RULES = HERE.parents[1] / "docs" / "prometheus" / "amends-rules.yml"
AMENDS = Path(sys.executable).with_name("amends")
MODULE_DIRS = [
    Path("/usr/lib/x86_64-linux-gnu/kamailio/modules"),
    Path("/usr/lib/kamailio/modules"),
]
BINARIES = ("kamailio", "sipp", "prometheus", "prometheus-alertmanager")

#: Calls per second from each area code (two callers: about 300 calls a minute in all).
RATE = 2.5
#: The outage: 140 s from 10 s into the first whole minute of calls, so two whole minutes of
#: 503s are complete (and seen by the watcher) 30 s before the 503s stop.
OUTAGE_SECONDS = 140


def _missing() -> str | None:
    absent = [b for b in BINARIES if shutil.which(b) is None]
    if not any((d / "db_postgres.so").exists() for d in MODULE_DIRS):
        absent.append("kamailio-postgres-modules")
    if absent:
        return f"not installed: {', '.join(absent)} (.ci/run installs them with apt-get)"
    if not os.environ.get("AMENDS_TEST_POSTGRES_URL"):
        return "AMENDS_TEST_POSTGRES_URL is not set: no PostgreSQL for Kamailio's acc table"
    return None


pytestmark.append(pytest.mark.skipif(_missing() is not None, reason=_missing() or ""))


def _free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ceil_minute(t: float) -> float:
    return (int(t) // 60 + 1) * 60 if t % 60 else t


@dataclass
class Processes:
    """Every process the test starts, stopped in reverse order at the end (by process id)."""

    folder: Path
    running: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)
    cleanups: list[Callable[[], object]] = field(default_factory=list)

    def start(self, name: str, args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("wb")
        proc = subprocess.Popen(
            args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **kwargs
        )
        self.running.append((name, proc))
        return proc

    def stop(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
        if proc.poll() is None:
            proc.send_signal(sig)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)

    def stop_all(self) -> None:
        for _, proc in reversed(self.running):
            self.stop(proc)
        for cleanup in reversed(self.cleanups):
            cleanup()

    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@pytest.fixture
def procs(tmp_path: Path) -> Iterator[Processes]:
    p = Processes(tmp_path)
    try:
        yield p
    finally:
        p.stop_all()


@pytest.fixture
def acc_schema() -> Iterator[tuple[str, str]]:
    """A schema with Kamailio's acc table and a login role whose search_path is that schema
    (Kamailio's db_url names no schema); yields (role, schema), dropped at the end."""
    from tests.events_tables.conftest import ACC_DDL

    base = os.environ["AMENDS_TEST_POSTGRES_URL"].replace("postgresql+psycopg://", "postgresql://")
    name = f"amends_e2e_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
        conn.execute(ACC_DDL["postgresql"].format(schema=name))
        conn.execute(f"CREATE ROLE {name} LOGIN")
        conn.execute(f"ALTER ROLE {name} SET search_path = {name}")
        conn.execute(f"GRANT USAGE ON SCHEMA {name} TO {name}")
        conn.execute(f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA {name} TO {name}")
        conn.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {name} TO {name}")
    try:
        yield name, name
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {name} CASCADE")
            conn.execute(f"DROP ROLE {name}")


def _callers(area: str, count: int, seed: int) -> list[tuple[str, str]]:
    """(caller, callee) rows: local, long-distance and international numbers."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        caller = f"+1{area}555{i % 400:04d}"
        kind = rng.random()
        if kind < 0.4:
            callee = f"555{rng.randrange(10_000):04d}"
        elif kind < 0.8:
            callee = f"1{rng.choice(['312', '617', '305'])}555{rng.randrange(10_000):04d}"
        else:
            callee = f"01144207{rng.randrange(1_000_000):06d}"
        rows.append((caller, callee))
    return rows


def _write_csv(path: Path, rows: list[tuple[str, str]]) -> None:
    path.write_text("SEQUENTIAL\n" + "".join(f"{a};{b}\n" for a, b in rows), encoding="utf-8")


def _wait_http(url: str, deadline: float, **kwargs: object) -> None:
    while True:
        try:
            if httpx.get(url, timeout=2, **kwargs).status_code < 500:  # type: ignore[arg-type]
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not answer")
        time.sleep(0.2)


class CarrierCounters:
    """The carrier's own SIP counters for Prometheus: a thread polls the acc table as it grows
    with `read_after` (the position reader a live poller uses, on one connection); a scrape
    reports the counts so far at once."""

    def __init__(self, url: str) -> None:
        from amends.events.mapping import Mapping

        self.url, self.mapping = url, Mapping.load("kamailio-acc")
        self.attempts: dict[tuple[str, str], int] = {}
        self.failures: dict[tuple[str, str], int] = {}
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        from amends.events.failures import DEFAULT_FAILURES
        from amends.events.tables import connect, parse_table_url, read_after

        db = connect(parse_table_url(self.url))
        position = 0
        try:
            while not self.stopped.wait(0.5):
                batch = read_after(self.url, self.mapping, position, 5000, db=db)
                position = batch.position
                rows = batch.events.select(["region", "service", "sip_status"]).to_pylist()
                with self.lock:
                    for row in rows:
                        key = (row["region"], row["service"])
                        self.attempts[key] = self.attempts.get(key, 0) + 1
                        if DEFAULT_FAILURES.is_failure(None, row["sip_status"], None):
                            self.failures[key] = self.failures.get(key, 0) + 1
        finally:
            db.disconnect()

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(10)

    def collect(self) -> Iterator[object]:
        from prometheus_client.core import CounterMetricFamily

        with self.lock:
            counts = {"attempts": dict(self.attempts), "network_failures": dict(self.failures)}
        for name, table in counts.items():
            family = CounterMetricFamily(
                f"carrier_sip_{name}",
                f"INVITEs ({name}) by region and service",
                labels=["region", "service"],
            )
            for region, service in sorted(counts["attempts"]):
                family.add_metric([region, service], table.get((region, service), 0))
            yield family


def _config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _fill(name: str, folder: Path, **values: str) -> Path:
    """The test's configuration template `name` with its placeholders replaced, in `folder`."""
    text = (HERE / name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return _config(folder / name, text)


# acc_schema comes before procs: fixtures end in reverse, so the schema is dropped last.
def test_kamailio_outage_is_measured_and_alerted(
    acc_schema: tuple[str, str], procs: Processes, tmp_path: Path
) -> None:
    from prometheus_client import CollectorRegistry, start_http_server

    role, schema = acc_schema
    pg = os.environ["AMENDS_TEST_POSTGRES_URL"].replace("postgresql+psycopg://", "postgresql://")
    host = pg.split("@", 1)[1].split("/", 1)[0]
    table_url = f"{pg}?table=acc&schema={schema}"
    began = time.monotonic()

    # ---- amends serve, with a token for Alertmanager ------------------------------------------
    env = {**os.environ, "AMENDS_DB_URL": f"sqlite:///{tmp_path}/amends.db", "TZ": "UTC"}
    _config(tmp_path / "amends.toml", '[alerts]\ntime_zone = "America/New_York"\n'
            "[impact]\nmin_duration_minutes = 2\n")  # fmt: skip
    subprocess.run([str(AMENDS), "db", "upgrade"], env=env, cwd=tmp_path, check=True)
    token = subprocess.run(
        [str(AMENDS), "token", "create", "alertmanager"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    ).stdout.split()[0]  # fmt: skip
    (tmp_path / "token").write_text(token)
    serve_port = _free_port()
    procs.start("serve", [str(AMENDS), "serve", "--port", str(serve_port)], env=env, cwd=tmp_path)
    serve = f"http://127.0.0.1:{serve_port}"

    # ---- the carrier's counters, Prometheus and Alertmanager ----------------------------------
    registry = CollectorRegistry()
    counters = CarrierCounters(table_url)
    registry.register(counters)  # type: ignore[arg-type]
    counters.thread.start()
    procs.cleanups.append(counters.stop)
    exporter_port = _free_port()
    exporter, exporter_thread = start_http_server(
        exporter_port, addr="127.0.0.1", registry=registry
    )
    procs.cleanups += [lambda: exporter_thread.join(5), exporter.shutdown]
    am_port, prom_port = _free_port(), _free_port()
    _fill("alertmanager.yml", tmp_path, SERVE_URL=serve, TOKEN_FILE=str(tmp_path / "token"))
    _fill(
        "prometheus.yml",
        tmp_path,
        CARRIER=f"127.0.0.1:{exporter_port}",
        AMENDS=f"127.0.0.1:{serve_port}",
        ALERTMANAGER=f"127.0.0.1:{am_port}",
        SHIPPED_RULES=str(SHIPPED_RULES),  # before RULES, which it contains
        RULES=str(HERE / "rules.yml"),
    )
    procs.start("alertmanager", [
        "prometheus-alertmanager", f"--config.file={tmp_path / 'alertmanager.yml'}",
        f"--storage.path={tmp_path / 'am-data'}", f"--web.listen-address=127.0.0.1:{am_port}",
        "--cluster.listen-address=",
    ])  # fmt: skip
    procs.start("prometheus", [
        "prometheus", f"--config.file={tmp_path / 'prometheus.yml'}",
        f"--storage.tsdb.path={tmp_path / 'prom-data'}",
        f"--web.listen-address=127.0.0.1:{prom_port}",
    ])  # fmt: skip

    # ---- amends watch, polling the acc table as Kamailio writes it ----------------------------
    procs.start("watch", [
        str(AMENDS), "watch", f"{table_url}&map=kamailio-acc", "--config",
        str(tmp_path / "amends.toml"), "--detect-every", "1", "--dead-letters",
        str(tmp_path / "dead.jsonl"),
    ], env=env, cwd=tmp_path)  # fmt: skip

    # ---- Kamailio and the SIPp gateways --------------------------------------------------------
    sip, local_gw, ld_gw, ld212_gw = (_free_port(socket.SOCK_DGRAM) for _ in range(4))
    modules = next(d for d in MODULE_DIRS if (d / "db_postgres.so").exists())
    (tmp_path / "kamailio-run").mkdir()
    kamailio = procs.start("kamailio", [
        "kamailio", "-f", str(HERE / "kamailio.cfg"), "-L", str(modules), "-DD", "-E",
        "-l", f"udp:127.0.0.1:{sip}", "-Y", str(tmp_path / "kamailio-run"),
        "-A", f'DBURL="postgres://{role}@{host}/test"',
        "-A", f'LOCAL_GW="sip:127.0.0.1:{local_gw}"', "-A", f'LD_GW="sip:127.0.0.1:{ld_gw}"',
        "-A", f'LD_212_GW="sip:127.0.0.1:{ld212_gw}"',
    ], env={**os.environ, "TZ": "UTC"})  # fmt: skip

    def gateway(name: str, port: int, scenario: str) -> subprocess.Popen[bytes]:
        extra = ["-trace_logs", "-log_file", str(tmp_path / f"{name}.calls")]
        return procs.start(name, [
            "sipp", "-sf", str(SIPP / scenario), "-i", "127.0.0.1", "-p", str(port), "-nostdin",
            *(extra if "503" in scenario else []),
        ])  # fmt: skip

    gateway("gw-local", local_gw, "uas_ok.xml")
    gateway("gw-ld", ld_gw, "uas_ok.xml")
    ld212 = gateway("gw-ld212", ld212_gw, "uas_ok.xml")
    deadline = time.monotonic() + 30
    _wait_http(f"{serve}/metrics", deadline)
    _wait_http(f"http://127.0.0.1:{prom_port}/-/ready", deadline)
    _wait_http(f"http://127.0.0.1:{am_port}/-/ready", deadline)
    time.sleep(1.0)  # Kamailio's children bind and connect to PostgreSQL
    assert kamailio.poll() is None, procs.log("kamailio")

    # ---- the calls: whole minutes before, during and after the outage -------------------------
    t0 = time.time()
    since = _ceil_minute(t0 + 3)
    # 503s from 10 s into the first whole minute to 30 s into the third; the fourth (half a
    # minute up to --until) is normal again, so the window has ended before --until
    outage_end_at = since + 150
    outage_start_at = outage_end_at - OUTAGE_SECONDS
    until = since + 210  # half a normal minute after: the window has ended before --until
    calls = int((until + 3 - t0) * RATE)
    for area, source, seed in (("212", "127.0.0.2", 1), ("415", "127.0.0.3", 2)):
        _write_csv(tmp_path / f"callers-{area}.csv", _callers(area, calls + 10, seed))
        procs.start(f"callers-{area}", [
            "sipp", f"127.0.0.1:{sip}", "-sf", str(SIPP / "uac.xml"), "-inf",
            str(tmp_path / f"callers-{area}.csv"), "-i", source, "-r", str(RATE), "-m", str(calls),
            "-nostdin",
        ])  # fmt: skip
    time.sleep(max(0.0, outage_start_at - time.time()))
    procs.stop(ld212)
    failing = gateway("gw-ld212-503", ld212_gw, "uas_503.xml")
    outage_start = datetime.now(UTC)
    time.sleep(max(0.0, outage_end_at - time.time()))
    procs.stop(failing)
    outage_end = datetime.now(UTC)
    gateway("gw-ld212-again", ld212_gw, "uas_ok.xml")

    # ---- Alertmanager's webhook reached amends serve while the outage ran ---------------------
    auth = {"Authorization": f"Bearer {token}"}
    view = None
    for _ in range(200):
        alerts_seen = httpx.get(f"{serve}/metrics").text
        if 'action="opened",source="alertmanager",status="firing"} 1.0' in alerts_seen:
            break
        time.sleep(0.2)
    else:
        pytest.fail("no alert arrived: " + procs.log("alertmanager") + procs.log("prometheus"))
    # the rules amends ships for its own metrics are loaded and evaluate without error
    groups = httpx.get(f"http://127.0.0.1:{prom_port}/api/v1/rules").json()["data"]["groups"]
    shipped = {r["name"]: r["health"] for g in groups if g["name"] == "amends" for r in g["rules"]}
    assert {"AmendsOutboxGrowing", "AmendsSourceSilent", "AmendsWatcherLagging"} <= set(shipped)
    assert set(shipped.values()) == {"ok"}, shipped
    time.sleep(max(0.0, until + 4 - time.time()))  # the callers finish their last calls
    with httpx.Client(base_url=serve, headers=auth) as client:
        import sqlite3

        con = sqlite3.connect(tmp_path / "amends.db")
        [(incident_id,)] = con.execute("SELECT id FROM watch_incidents").fetchall()
        con.close()
        view = client.get(f"/api/admin/alerts/incidents/{incident_id}").json()
    # one incident, whoever saw it first: the watcher from the acc rows, or Alertmanager
    detection = view["detection"]
    if detection["source"] == "alertmanager":
        assert detection["scope"] == [{"region": "212", "service": "long_distance"}]
        seen_at = datetime.fromisoformat(detection["measured_at"])
    else:
        assert detection["source"].startswith("postgresql://")
        seen_at = datetime.fromisoformat(detection["wall_time"])
    assert outage_start < seen_at < outage_end, (seen_at, outage_start, outage_end)
    # the watcher resolves the incident when the records show the window ended (a normal minute
    # after the 503s); Alertmanager's resolved notice alone ends nothing (tests/web/test_alerts.py)
    assert view["status"] in ("investigating", "resolved")
    firing = [e for e in view["timeline"] if e["status"] == "firing"]
    assert len(firing) == 1
    fired_at = datetime.fromisoformat(firing[0]["received_at"])
    assert outage_start < fired_at < outage_end  # it came while the 503s were being answered

    # ---- amends impact on the acc table ------------------------------------------------------
    out = tmp_path / "impact"
    run = subprocess.run(
        [str(AMENDS), "impact", table_url, "--map", "kamailio-acc", "--config",
         str(tmp_path / "amends.toml"), "--since", datetime.fromtimestamp(since, UTC).isoformat(),
         "--until", datetime.fromtimestamp(until, UTC).isoformat(), "-o", str(out), "--no-chart"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads((out / "impact.json").read_text())
    assert len(report["windows"]) == 1, report["windows"]
    [window] = report["windows"]
    assert window["regions"] == ["212"] and window["services"] == ["long_distance"]
    start, end = datetime.fromisoformat(window["start"]), datetime.fromisoformat(window["end"])
    assert abs(start - outage_start) <= timedelta(minutes=1), (start, outage_start)
    assert abs(end - outage_end) <= timedelta(minutes=1), (end, outage_end)
    import pyarrow.parquet as pq

    found = set(pq.read_table(out / "subscribers.parquet").column("subscriber").to_pylist())
    refused = {
        line.split()[1]
        for line in (tmp_path / "gw-ld212-503.calls").read_text().splitlines()
        if line.startswith("503 ")
    }
    assert refused and all(c.startswith("+1212") for c in refused)
    true_positives = len(found & refused)
    assert (true_positives / len(found), true_positives / len(refused)) == (1.0, 1.0), (
        sorted(found - refused),
        sorted(refused - found),
    )
    print(
        f"\ne2e: {report['events']['attempts']} attempts, {len(refused)} callers refused, "
        f"window {start:%H:%M}-{end:%H:%M} for 503s {outage_start:%H:%M:%S}-{outage_end:%H:%M:%S}, "
        f"alert after {(fired_at - outage_start).total_seconds():.0f} s, "
        f"wall {time.monotonic() - began:.0f} s"
    )
