"""Benchmark `amends.credits.compute` (vectorised DuckDB, exact integers) against a naive
per-row Python Decimal/Fraction loop (`amends.credits.reference`), in the same run; or, with
`--command`, the whole `amends credits` command as users run it (`command_main`), or, with
`--crash`, that command SIGKILLed while it records, then run again (`crash_main`).

    .venv/bin/python -m bench.credits [--subscribers 10000000] [--sample 50000]
    .venv/bin/python -m bench.credits --command [--sizes 1000000,10000000] [--db sqlite|postgresql]
        [--baseline-rev REV --baseline-size 200000] [--floor]
    .venv/bin/python -m bench.credits --crash 10000000 [--db sqlite|postgresql]
    .venv/bin/python -m bench.credits --command --spark-cluster --sizes 1000000,10000000

It builds a plans table and an impact table in memory (every subscriber affected in one 26-hour
window, 1 to 15 failed calls each), applies a policy with prorata, tiers by failed calls, a flat
floor, caps and half-even rounding, and times the engine on all of them. The baseline runs on a
sample (it would take far too long on all rows); its per-row time is scaled to the full size for
the ratio, and the sample's amounts are checked to be identical to the engine's.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from amends.credits import WindowSpan, compute, parse_policy
from amends.credits.reference import compute_naive
from amends.events.simulate import PLANS, subscriber_ids
from amends.store.parallel import WRITERS
from bench.measure import measure, revision_env

POLICY = """
id = "bench"
currency = "USD"
combine = "max"
minimum = "1.00"
maximum = "50.00"
rounding = "half_even"

[[credit]]
kind = "prorata"

[[credit]]
kind = "tiered"
by = "failed_attempts"
tiers = [
  { from = 1, amount = "2.00" },
  { from = 3, amount = "5.00" },
  { from = 10, amount = "10.00" },
]

[[credit]]
kind = "flat"
amount = "1.50"
"""

REGIONS = ("CA", "TX", "NY", "FL", "IL", "WA", "GA", "AZ")


def build(n: int, seed: int = 1) -> tuple[pa.Table, pa.Table]:
    """The impact's subscriber table and the plans table for n subscribers."""
    rng = np.random.default_rng(seed)
    ids = subscriber_ids(n)
    plan_ix = pa.array(rng.integers(0, len(PLANS), n).astype(np.int8))
    fees = pa.array([Decimal(p[1]) for p in PLANS], pa.decimal128(10, 2)).take(plan_ix)
    region = pa.array(REGIONS).take(pa.array(rng.integers(0, len(REGIONS), n).astype(np.int8)))
    plans = pa.table(
        {
            "subscriber": ids,
            "plan": pa.array([p[0] for p in PLANS]).take(plan_ix),
            "monthly_fee": fees,
            "currency": pa.array(["USD"]).take(pa.array(np.zeros(n, dtype=np.int8))),
            "home_region": region,
        }
    )
    affected = pa.table(
        {
            "window": pa.array(["w1"]).take(pa.array(np.zeros(n, dtype=np.int8))),
            "subscriber": ids,
            "region": region,
            "failed_attempts": pa.array(rng.integers(1, 16, n)),
        }
    )
    return affected, plans


def main() -> None:
    """Time the engine on all subscribers and the per-row baseline on a sample; print ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000_000)
    parser.add_argument("--sample", type=int, default=50_000)
    parser.add_argument("--command", action="store_true", help="time `amends credits` itself")
    parser.add_argument("--crash", type=int, default=0, help="SIGKILL test at this many")
    parser.add_argument("--sizes", default="1000000,10000000")
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--baseline-rev", default="9cd2efb")
    parser.add_argument("--baseline-size", type=int, default=200_000)
    parser.add_argument("--work", type=Path, default=None, help="folder for inputs and stores")
    parser.add_argument(
        "--spark-cluster",
        action="store_true",
        help="with --command: start a local standalone Spark cluster (a master, two workers) and "
        "run each size on it (--engine spark) and on DuckDB",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="with --command: also time the database alone loading the same ledger rows",
    )
    args = parser.parse_args()
    if args.command and args.spark_cluster:
        spark_main(args)
        return
    if args.command:
        command_main(args)
        return
    if args.crash:
        crash_main(args)
        return
    n, sample = args.subscribers, min(args.sample, args.subscribers)
    policy = parse_policy(POLICY)
    window = WindowSpan(
        "w1", datetime(2026, 3, 10, 21, 11, tzinfo=UTC), datetime(2026, 3, 11, 23, 5, tzinfo=UTC)
    )
    t0 = time.perf_counter()
    affected, plans = build(n)
    print(f"built {n:,} subscribers in {time.perf_counter() - t0:.1f} s")

    t0, c0 = time.perf_counter(), time.process_time()
    table = compute([window], affected, plans, policy, "bench")
    engine_s, engine_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"engine (DuckDB, exact integers): {n:,} subscribers -> {table.num_rows:,} credits "
        f"in {engine_s:.2f} s wall, {engine_cpu:.2f} s CPU ({n / engine_s:,.0f} subscribers/s); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    rows = list(
        zip(
            ["w1"] * sample,
            affected.column("subscriber").slice(0, sample).to_pylist(),
            affected.column("failed_attempts").slice(0, sample).to_pylist(),
            plans.column("monthly_fee").slice(0, sample).to_pylist(),
            strict=True,
        )
    )
    t0, c0 = time.perf_counter(), time.process_time()
    naive = compute_naive(policy, [window], rows)
    naive_s, naive_cpu = time.perf_counter() - t0, time.process_time() - c0
    per_row = naive_s / sample
    print(
        f"baseline (per-row Python Decimal/Fraction): {sample:,} subscribers in {naive_s:.2f} s "
        f"({1 / per_row:,.0f} subscribers/s); {n:,} would take {per_row * n:,.1f} s"
    )
    ids = affected.column("subscriber").slice(0, sample)
    head = table.filter(pc.is_in(table.column("subscriber"), value_set=ids.combine_chunks()))
    engine_sample = {
        (r["subscriber"], r["window"], r["unit"]): r["amount"]
        for r in head.select(["subscriber", "window", "unit", "amount"]).to_pylist()
    }
    agree = engine_sample == naive
    print(f"sample amounts identical to the baseline: {agree}")
    print(
        f"ratio: engine is {per_row * n / engine_s:,.1f}x faster than the per-row baseline "
        f"(wall); {naive_cpu / sample * n / engine_cpu:,.1f}x in CPU time"
    )
    total = pc.sum(table.column("amount")).as_py()
    print(f"total credited: {total:,.2f} USD over {table.num_rows:,} rows")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mb:,.0f} MB")
    if not agree:
        raise SystemExit("the engine and the baseline disagree on the sample")


# --- the whole command ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
#: The PostgreSQL server the command benchmark makes its own database on (trust auth, local).
PG_SERVER = os.environ.get("AMENDS_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")
PG_DATABASE = "amends_bench_credits"
START, END = "2026-03-10T21:11:00+00:00", "2026-03-11T23:05:00+00:00"


def write_inputs(folder: Path, n: int) -> dict[str, Path]:
    """What `amends credits` reads, in the shape `amends impact` writes it, for n affected
    subscribers (one 26-hour window, 1 to 15 failed calls each), generated by DuckDB: the impact
    folder (impact.json, subscribers.parquet), a plans file (Parquet), the incident, the policy."""
    import duckdb

    from amends.impact.model import BaselineInfo, EventsSummary, ImpactReport, Window

    folder.mkdir(parents=True, exist_ok=True)
    impact = folder / "impact"
    impact.mkdir(exist_ok=True)
    start, end = datetime.fromisoformat(START), datetime.fromisoformat(END)
    minutes = int((end - start).total_seconds() // 60)
    window = Window(
        id="w1",
        kind="failures",
        start=start,
        end=end,
        duration_minutes=minutes,
        regions=list(REGIONS),
        services=["local"],
        scope=[],
        subscribers_affected=n,
        failed_attempts=8 * n,
        missing_attempts=0,
    )
    report = ImpactReport(
        windows=[window],
        events=EventsSummary(
            attempts=20 * n,
            network_failures=8 * n,
            start=start,
            end=end,
            minutes=minutes,
            regions=list(REGIONS),
            services=["local"],
            subscribers_with_failures=n,
        ),
        baseline=BaselineInfo(
            mode="auto",
            sources={},
            comparable_half_width_minutes=0,
            volume_reference_minutes=0,
            rate_reference_minutes=0,
            overall_failure_rate=0.0,
            method="bench",
        ),
    )
    (impact / "impact.json").write_text(report.model_dump_json(), encoding="utf-8")
    regions = "[" + ", ".join(f"'{r}'" for r in REGIONS) + "]"
    fees = "[" + ", ".join(p[1] for p in PLANS) + "]"
    names = "[" + ", ".join(f"'{p[0]}'" for p in PLANS) + "]"
    sub = "'S' || lpad(CAST(i AS VARCHAR), 9, '0')"
    plan = f"1 + CAST(hash(i, 3) % {len(PLANS)} AS BIGINT)"
    home = f"1 + CAST(hash(i, 1) % {len(REGIONS)} AS BIGINT)"
    con = duckdb.connect()
    try:
        con.execute("SET memory_limit = '2GB'")
        con.execute(
            f"""COPY (
                SELECT 'w1' AS "window", {sub} AS subscriber,
                       {regions}[{home}] AS region,
                       CAST(1 + hash(i, 2) % 15 AS BIGINT) AS failed_attempts,
                       TIMESTAMPTZ '{START}' AS first_failure,
                       TIMESTAMPTZ '{END}' AS last_failure
                FROM range({n}) t(i)
            ) TO '{impact / "subscribers.parquet"}' (FORMAT parquet)"""
        )
        con.execute(
            f"""COPY (
                SELECT {sub} AS subscriber, {names}[{plan}] AS plan,
                       CAST({fees}[{plan}] AS DECIMAL(10, 2))
                           AS monthly_fee,
                       'USD' AS currency, {regions}[{home}] AS home_region
                FROM range({n}) t(i)
            ) TO '{folder / "plans.parquet"}' (FORMAT parquet)"""
        )
    finally:
        con.close()
    incident = folder / "incident.yaml"
    incident.write_text(
        "id: bench-outage\ntitle: Calls failing nationwide\ntime_zone: America/Los_Angeles\n"
        "discovered_at: 2026-03-10T14:30:00-07:00\n",
        encoding="utf-8",
    )
    policy = folder / "policy.toml"
    policy.write_text(POLICY, encoding="utf-8")
    return {
        "incident": incident,
        "impact": impact,
        "plans": folder / "plans.parquet",
        "policy": policy,
    }


def fresh_store(kind: str, folder: Path, tag: str) -> str:
    """A new, migrated, empty store: a SQLite file in `folder`, or a recreated PG database."""
    from amends.store import open_store

    if kind == "sqlite":
        path = folder / f"ledger-{tag}.db"
        for leftover in folder.glob(f"ledger-{tag}.db*"):
            leftover.unlink()
        url = f"sqlite:///{path}"
    else:
        import psycopg

        server = PG_SERVER.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{PG_SERVER}/{PG_DATABASE}"
    open_store(url, create=True).close()
    return url


def command(inputs: dict[str, Path], url: str, out: Path) -> list[str]:
    """The `amends credits` command line."""
    return [
        str(ROOT / ".venv" / "bin" / "amends"),
        "credits",
        str(inputs["incident"]),
        "--impact",
        str(inputs["impact"]),
        "--policy",
        str(inputs["policy"]),
        "--plans",
        str(inputs["plans"]),
        "--db",
        url,
        "-o",
        str(out),
    ]


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a command: its wall time (s), its peak RSS with its children (MB), its stdout and
    stderr (the steps it logs) with a last line `cpu: S`, the command's own CPU time: the
    database server's is not in it."""
    run = measure(argv, env=env)
    return run.seconds, run.peak_mib, f"{run.stdout}\n{run.stderr}\ncpu: {run.cpu_seconds:.1f}"


def steps(text: str) -> list[str]:
    """The step lines `amends credits` logs when its output is not a terminal ("  12.3 s  ...")."""
    return [line for line in text.splitlines() if STEP.match(line)]


STEP = re.compile(r"^\s*\d+\.\d s  \S")


def _load() -> str:
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"


def command_main(args: argparse.Namespace) -> None:
    """Time `amends credits` at each size (fresh store each), and the baseline revision's
    command at `--baseline-size`, with ratios."""
    folder = args.work or Path(tempfile.mkdtemp(prefix="amends-bench-credits-"))
    sizes = [int(x) for x in args.sizes.split(",") if x]
    print(f"whole command: `amends credits` on {args.db}; work folder {folder}; {_load()}")
    results: dict[int, tuple[float, float]] = {}
    try:
        if args.baseline_rev and args.baseline_size:
            n = args.baseline_size
            inputs = write_inputs(folder / f"in-{n}", n)
            env = revision_env(args.baseline_rev, folder)
            url = fresh_store(args.db, folder, "baseline")
            wall, rss, _ = timed(command(inputs, url, folder / "out-base" / "credits.csv"), env)
            print(
                f"baseline (main@{args.baseline_rev}): {n:,} affected in {wall:.1f} s, "
                f"peak RSS {rss:,.0f} MB; {_load()}"
            )
            url = fresh_store(args.db, folder, "new")
            new_wall, new_rss, _ = timed(command(inputs, url, folder / "out-new" / "credits.csv"))
            same = (folder / "out-base" / "credits.csv").read_bytes() == (
                folder / "out-new" / "credits.csv"
            ).read_bytes()
            print(
                f"this branch: {n:,} affected in {new_wall:.1f} s, peak RSS {new_rss:,.0f} MB; "
                f"{wall / new_wall:.1f}x faster, {rss / new_rss:.1f}x less memory than the "
                f"baseline; exports byte-identical: {same}; {_load()}"
            )
            shutil.rmtree(folder / f"in-{n}")
        for n in sizes:
            t0 = time.perf_counter()
            inputs = write_inputs(folder / f"in-{n}", n)
            made = time.perf_counter() - t0
            url = fresh_store(args.db, folder, f"n{n}")
            out = folder / f"out-{n}" / "credits.csv"
            wall, rss, text = timed(command(inputs, url, out))
            results[n] = (wall, rss)
            recorded = next((line for line in text.splitlines() if "ledger:" in line), "")
            cpu = text.rsplit("cpu: ", 1)[1]
            print(
                f"{n:,} affected: {wall:.1f} s wall, {cpu} s CPU, peak RSS {rss:,.0f} MB "
                f"({n / wall:,.0f} customers/s; inputs made in {made:.1f} s); {_load()}"
            )
            print(f"  {recorded.strip()[:110]}")
            for line in steps(text):
                print(f"  step at {line.strip()}")
            if args.floor:
                floor = ledger_floor(args.db, url, folder, n)
                print(
                    f"  floor: the {args.db} database alone loading the same {n:,} ledger rows "
                    f"(its own bulk path, no amends): {floor:.1f} s; amends' whole command is "
                    f"{wall / floor:.2f}x that; {_load()}"
                )
            shutil.rmtree(folder / f"in-{n}")
            shutil.rmtree(out.parent)
            if args.db == "sqlite":
                for leftover in folder.glob(f"ledger-n{n}.db*"):
                    leftover.unlink()
        ordered = sorted(results)
        for a, b in pairwise(ordered):
            growth = results[b][0] / results[a][0]
            print(
                f"{a:,} -> {b:,} ({b / a:.0f}x the customers): {growth:.2f}x the time "
                f"({'at most' if growth <= b / a else 'MORE than'} linear)"
            )
    finally:
        if args.work is None:
            shutil.rmtree(folder, ignore_errors=True)


def spark_main(args: argparse.Namespace) -> None:
    """Time `amends credits --engine spark` on a standalone cluster started here from PySpark's
    scripts (a master and two one-core workers, separate processes) against the same command on
    DuckDB, at each size, each into a fresh store; the two exports must be byte-identical."""
    from tests.spark_cluster import standalone_cluster

    folder = args.work or Path(tempfile.mkdtemp(prefix="amends-bench-credits-spark-"))
    sizes = [int(x) for x in args.sizes.split(",") if x]
    (folder / "cluster").mkdir(parents=True, exist_ok=True)
    try:
        with standalone_cluster(folder / "cluster", workers=2, memory="4g") as cluster:
            print(f"Spark standalone cluster at {cluster.master}; store {args.db}; {_load()}")
            for n in sizes:
                inputs = write_inputs(folder / f"in-{n}", n)
                runs: dict[str, tuple[float, float, Path]] = {}
                for engine in ("duckdb", "spark"):
                    url = fresh_store(args.db, folder, f"{engine}-{n}")
                    out = folder / f"out-{engine}-{n}" / "credits.csv"
                    argv = [*command(inputs, url, out), "--no-chart", "--engine", engine]
                    if engine == "spark":
                        argv += ["--spark-master", cluster.master]
                    wall, rss, text = timed(argv)
                    cpu = text.rsplit("cpu: ", 1)[1]
                    runs[engine] = (wall, rss, out)
                    print(
                        f"{n:,} affected on {engine}: {wall:.1f} s wall, {cpu} s CPU of the "
                        f"command (the cluster's JVMs are not in it), peak RSS {rss:,.0f} MB; "
                        f"{_load()}"
                    )
                same = runs["duckdb"][2].read_bytes() == runs["spark"][2].read_bytes()
                print(
                    f"  Spark cluster / DuckDB: {runs['spark'][0] / runs['duckdb'][0]:.2f}x the "
                    f"wall time; exports byte-identical: {same}"
                )
                shutil.rmtree(folder / f"in-{n}")
                if not same:
                    raise SystemExit("the engines' exports differ")
    finally:
        if args.work is None:
            shutil.rmtree(folder, ignore_errors=True)


#: The ledger's columns a run writes (the id is the database's).
LEDGER_COLUMNS = (
    "run_id, incident_id, subscriber, window_id, policy_id, policy_version, kind, amount, "
    "currency, unit, reason, inputs, created_at"
)


def ledger_floor(kind: str, url: str, folder: Path, n: int) -> float:
    """Seconds the database alone takes to load the ledger rows the command wrote, into a fresh,
    migrated store with the same indexes, by its own bulk path: PostgreSQL `COPY ... FROM` CSV
    files (psql `\\copy`, as many streams at once as amends uses), SQLite one `INSERT ...
    SELECT` from a staging table in the same file (C code only). No amends code runs in what is
    timed: a floor no ledger writer can beat."""
    import sqlite3

    csv_path = folder / f"floor-{n}.csv"
    if kind == "postgresql":
        plain = url.replace("postgresql+psycopg://", "postgresql://")
        subprocess.run(
            ["psql", plain, "-q", "-c",
             f"\\copy (SELECT {LEDGER_COLUMNS} FROM ledger) TO '{csv_path}' CSV"],
            check=True,
        )  # fmt: skip
        fresh = fresh_store(kind, folder, "floor").replace("postgresql+psycopg://", "postgresql://")
        # as many COPY streams at once as amends uses, each a contiguous share of the rows
        parts = _split_lines(csv_path, WRITERS)
        t0 = time.perf_counter()
        loads = [
            subprocess.Popen(
                ["psql", fresh, "-q", "-c", f"\\copy ledger ({LEDGER_COLUMNS}) FROM '{part}' CSV"]
            )
            for part in parts
        ]
        codes = [load.wait() for load in loads]
        seconds = time.perf_counter() - t0
        if any(codes):
            raise SystemExit(f"psql \\copy failed: {codes}")
        for path in (csv_path, *parts):
            path.unlink()
        return seconds
    source = url.removeprefix("sqlite:///")
    fresh = fresh_store(kind, folder, "floor").removeprefix("sqlite:///")
    con = sqlite3.connect(fresh)
    try:
        con.execute(f"ATTACH DATABASE '{source}' AS src")
        con.execute(f"CREATE TABLE staging AS SELECT {LEDGER_COLUMNS} FROM src.ledger")
        con.commit()
        con.execute("DETACH DATABASE src")
        t0 = time.perf_counter()
        con.execute(f"INSERT INTO ledger ({LEDGER_COLUMNS}) SELECT * FROM staging")
        con.commit()
        seconds = time.perf_counter() - t0
    finally:
        con.close()
    for leftover in folder.glob("ledger-floor.db*"):
        leftover.unlink()
    return seconds


def _split_lines(path: Path, parts: int) -> list[Path]:
    """`path` cut into `parts` files of whole lines, in order (none of them quoted across lines:
    the ledger's CSV has no line breaks inside fields)."""
    total = sum(1 for _ in path.open("rb"))
    share = -(-total // parts)
    out: list[Path] = []
    with path.open("rb") as source:
        for i in range(parts):
            part = path.with_suffix(f".{i}.csv")
            with part.open("wb") as sink:
                for _ in range(share):
                    line = source.readline()
                    if not line:
                        break
                    sink.write(line)
            out.append(part)
    return out


def _ledger_counts(url: str) -> tuple[int, int, int, Decimal, int]:
    """Rows, distinct (subscriber, window, unit), distinct subscribers, the sum of the
    amounts and unfinished runs in the ledger (every customer credited exactly once: rows ==
    keys == subscribers)."""
    import duckdb

    from amends.duckdb_session import duckdb_session
    from amends.store import open_store
    from amends.store.ledger import load_ledger

    store = open_store(url)
    try:
        with duckdb_session("2GB") as con:
            load_ledger(store, con, "l", "bench-outage", None)
            rows, keys, subs, total = con.execute(
                "SELECT count(*), count(DISTINCT (subscriber, window_id, unit)), "
                "count(DISTINCT subscriber), sum(amount) FROM l"
            ).fetchall()[0]
        with store.connect() as conn:
            open_runs = conn.exec_driver_sql(
                "SELECT count(*) FROM ledger_runs WHERE finished_at IS NULL"
            ).scalar()
    finally:
        store.close()
    del duckdb
    return rows, keys, subs, total, open_runs


def _rows_so_far(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM ledger")).scalar() or 0
    finally:
        engine.dispose()


def crash_main(args: argparse.Namespace) -> None:
    """SIGKILL `amends credits` once some ledger batches are committed, run it again, and check
    that every customer is credited exactly once, each with the amount the policy gives."""
    n = args.crash
    folder = args.work or Path(tempfile.mkdtemp(prefix="amends-bench-crash-"))
    try:
        inputs = write_inputs(folder / "in", n)
        url = fresh_store(args.db, folder, "crash")
        argv = command(inputs, url, folder / "out" / "credits.csv")
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen, kill_at = 0, max(1, n // 4)  # a quarter of the credits committed: mid-run
        while seen < kill_at:
            if child.poll() is not None:
                raise SystemExit("the command finished before it was killed")
            time.sleep(0.5)
            seen = _rows_so_far(url)
        child.send_signal(signal.SIGKILL)
        child.wait()
        killed = _rows_so_far(url)
        print(
            f"killed `amends credits` ({n:,} affected, {args.db}) after "
            f"{time.perf_counter() - t0:.1f} s with {killed:,} credits committed; {_load()}"
        )
        wall, rss, text = timed(argv)
        recorded = next((line for line in text.splitlines() if "ledger:" in line), "")
        print(f"re-run: {wall:.1f} s, peak RSS {rss:,.0f} MB; {recorded.strip()[:100]}")
        rows, keys, subs, total, open_runs = _ledger_counts(url)
        _, _, text = timed(argv)
        # a third run computes every amount again: one that differed from the ledger's would be
        # refused (same policy version), so "nothing to do" means every amount is right
        nothing = "already recorded: nothing to do" in text
        ok = rows == keys == subs == n and nothing
        print(
            f"ledger after the re-run: {rows:,} rows, {keys:,} distinct credits, {subs:,} "
            f"customers, total {total:,.2f} USD; {open_runs} unfinished run (the killed one); "
            f"a third run found every amount recorded and wrote nothing: {nothing}"
        )
        print(f"every customer credited exactly once: {ok}")
        if not ok:
            raise SystemExit(1)
    finally:
        if args.work is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
