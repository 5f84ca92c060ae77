"""Benchmark `amends impact` against the fastest hand-written DuckDB query and against pandas.

    .venv/bin/python -m bench.impact [--rows 10M,100M] [--days 7]

For each size it simulates the events (with one partial outage) into /tmp, then measures, each in
its own subprocess (wall time, CPU and peak RSS by bench/measure.py):

* `sql`: the hand-written single DuckDB query that computes the same per-(region, service, minute)
  attempts and failures and per-subscriber failures (first/last) — every variant below is run and
  the fastest is the reference;
* `impact`: the whole `amends impact FILE -o DIR` (load and check, pass 1 over every event,
  detection, pass 2 over the windows' failures, impact.json, subscribers.parquet, impact.png
  and .svg);
* `pandas` (10M only): the straightforward pandas equivalent of the aggregation alone:
  `pd.read_parquet` of the seven columns it needs, `isin` masks for network failures, the minute
  as the microsecond timestamp // 60,000,000 (as fast as `ts.dt.floor("min")`), and two
  `groupby().agg()`: size and sum per (region, service, minute), size/min/max per failing
  (subscriber, region, service, minute). No detection, no outputs; pandas runs on one core.

It prints the ratios measured in the same run and deletes the generated data afterwards.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.measure import measure

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
AMENDS = str(Path(PYTHON).with_name("amends"))

NETWORK = "cause IN (34, 38, 41, 42, 44, 47, 63, 102) OR sip_status IN (500, 502, 503, 504) "
NETWORK += "OR http_status >= 500"

#: Hand-written single queries over the Parquet file (`{path}`); the fastest one is the baseline.
SQL_VARIANTS: dict[str, str] = {
    # One grouping: the minute series and the failing subscribers' minutes come out together.
    "one-grouping": f"""
        SELECT region, service, epoch(ts)::BIGINT // 60 AS minute,
               CASE WHEN {NETWORK} THEN subscriber END AS sub,
               count(*) AS attempts, min(ts) AS first, max(ts) AS last
        FROM read_parquet('{{path}}')
        GROUP BY ALL""",
    # The same, first/last only computed for failures.
    "one-grouping-filtered-minmax": f"""
        SELECT region, service, epoch(ts)::BIGINT // 60 AS minute,
               CASE WHEN {NETWORK} THEN subscriber END AS sub,
               count(*) AS attempts,
               min(ts) FILTER (WHERE sub IS NOT NULL) AS first,
               max(ts) FILTER (WHERE sub IS NOT NULL) AS last
        FROM read_parquet('{{path}}')
        GROUP BY ALL""",
    # The same with the minute from integer microseconds (the fastest minute DuckDB computes).
    "one-grouping-epoch-us": f"""
        SELECT region, service, epoch_us(ts) // 60000000 AS minute,
               CASE WHEN {NETWORK} THEN subscriber END AS sub,
               count(*) AS attempts,
               min(ts) FILTER (WHERE sub IS NOT NULL) AS first,
               max(ts) FILTER (WHERE sub IS NOT NULL) AS last
        FROM read_parquet('{{path}}')
        GROUP BY ALL""",
    # Two groupings of one scan with GROUPING SETS.
    "grouping-sets": f"""
        WITH e AS (
            SELECT region, service, epoch(ts)::BIGINT // 60 AS minute, ts,
                   CASE WHEN {NETWORK} THEN subscriber END AS sub
            FROM read_parquet('{{path}}'))
        SELECT region, service, minute, sub, count(*) AS attempts,
               count(sub) AS failures, min(ts) AS first, max(ts) AS last
        FROM e
        GROUP BY GROUPING SETS ((region, service, minute), (region, service, minute, sub))
        HAVING sub IS NOT NULL OR GROUPING(sub) = 1""",
}

SQL_RUNNER = """
import sys, duckdb
con = duckdb.connect()
t = con.sql(sys.argv[1]).to_arrow_table()
print(t.num_rows)
"""

PANDAS_RUNNER = """
import sys
import numpy as np, pandas as pd
df = pd.read_parquet(sys.argv[1], columns=[
    "ts", "subscriber", "region", "service", "cause", "sip_status", "http_status"])
failed = (df["cause"].isin([34, 38, 41, 42, 44, 47, 63, 102])
          | df["sip_status"].isin([500, 502, 503, 504])
          | (df["http_status"] >= 500))
df["minute"] = df["ts"].astype("int64") // 60_000_000
df["failed"] = failed
series = df.groupby(["region", "service", "minute"], observed=True).agg(
    attempts=("failed", "size"), failures=("failed", "sum"))
subs = df[failed].groupby(["subscriber", "region", "service", "minute"], observed=True).agg(
    failures=("ts", "size"), first=("ts", "min"), last=("ts", "max"))
print(len(series), len(subs))
"""

SCENARIO = """
outages:
  - id: w1
    kind: failures
    regions: [CA, TX]
    services: [local, long_distance]
    start: 2026-03-13T18:00:00Z
    end: 2026-03-13T20:00:00Z
    rate: 0.45
"""


def best(runs: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """The fastest wall time, the largest peak RSS and the least CPU time over repeated runs."""
    return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)


def parse_rows(text: str) -> list[int]:
    """'10M,100M' -> [10_000_000, 100_000_000]."""
    out = []
    for part in text.split(","):
        part = part.strip().upper()
        scale = {"K": 10**3, "M": 10**6, "G": 10**9}.get(part[-1:], 1)
        out.append(int(float(part.rstrip("KMG")) * scale))
    return out


def generate(folder: Path, rows: int, days: int) -> Path:
    """Simulate about `rows` events over `days` days (one partial outage) into `folder`."""
    from amends.events.scenario import Scenario
    from amends.events.simulate import SimulationConfig, simulate

    path = folder / "calls.parquet"
    simulate(
        path,
        SimulationConfig(
            subscribers=max(20_000, rows // 100),
            calls_per_day=rows // days,
            days=days,
            start=date(2026, 3, 10),
            scenario=Scenario.from_yaml(SCENARIO, source="<bench>"),
            seed=1,
        ),
    )
    return path


def bench_size(rows: int, days: int, repeat: int, pandas: bool) -> dict[str, float]:
    """Measure every contender on one generated file; returns the numbers."""
    folder = Path(tempfile.mkdtemp(prefix=f"amends-bench-impact-{rows}-", dir="/tmp"))
    try:
        t = time.perf_counter()
        path = generate(folder, rows, days)
        size_mb = path.stat().st_size / 2**20
        print(
            f"\n{rows:,} events, {days} days: {size_mb:,.0f} MiB Parquet, "
            f"simulated in {time.perf_counter() - t:.0f} s",
            flush=True,
        )
        subprocess.run(["cat", str(path)], stdout=subprocess.DEVNULL, check=True)  # warm cache
        res: dict[str, float] = {"rows": rows}
        fastest = None
        for name, sql in SQL_VARIANTS.items():
            argv = [PYTHON, "-c", SQL_RUNNER, sql.format(path=path)]
            runs = [measure(argv).figures() for _ in range(repeat)]
            secs, rss, cpu = best(runs)
            print(f"  sql {name:<30} {secs:8.2f} s  {rss:8.0f} MiB  {cpu:7.2f} cpu-s", flush=True)
            if fastest is None or secs < fastest[0]:
                fastest = (secs, rss, cpu, name)
        assert fastest is not None
        res["sql_s"], res["sql_mib"], res["sql_cpu"] = fastest[:3]
        out = folder / "out"
        argv = [AMENDS, "impact", str(path), "-o", str(out)]
        measure(argv)  # warm-up: bytecode, file cache
        runs = [measure(argv).figures() for _ in range(repeat)]
        res["impact_s"], res["impact_mib"], res["impact_cpu"] = best(runs)
        print(
            f"  amends impact (whole command)    {res['impact_s']:8.2f} s  "
            f"{res['impact_mib']:8.0f} MiB  {res['impact_cpu']:7.2f} cpu-s",
            flush=True,
        )
        report = json.loads((out / "impact.json").read_text())
        print(
            f"  found {len(report['windows'])} window(s): "
            + "; ".join(
                f"{w['start']}..{w['end']} {w['regions']} {w['services']}"
                for w in report["windows"]
            ),
            flush=True,
        )
        if pandas:
            argv = [PYTHON, "-c", PANDAS_RUNNER, str(path)]
            runs = [measure(argv).figures() for _ in range(repeat)]
            res["pandas_s"], res["pandas_mib"], res["pandas_cpu"] = best(runs)
            print(
                f"  pandas aggregation only          {res['pandas_s']:8.2f} s  "
                f"{res['pandas_mib']:8.0f} MiB  {res['pandas_cpu']:7.2f} cpu-s",
                flush=True,
            )
        print(
            f"  ratio impact / fastest SQL ({fastest[3]}): {res['impact_s'] / res['sql_s']:.2f}x "
            f"wall (target <= 1.3x), {res['impact_cpu'] / res['sql_cpu']:.2f}x CPU"
        )
        if pandas:
            print(
                f"  ratio pandas / impact: {res['pandas_s'] / res['impact_s']:.1f}x wall "
                f"(target >= 10x), {res['pandas_cpu'] / res['impact_cpu']:.1f}x CPU"
            )
        return res
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for each requested size and print the ratios."""
    ap = argparse.ArgumentParser(prog="python -m bench.impact", description=__doc__.split("\n")[0])
    ap.add_argument("--rows", default="10M", help="sizes, e.g. 10M,100M (default 10M)")
    ap.add_argument("--days", type=int, default=7, help="days of data (default 7)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per measurement; best is kept")
    args = ap.parse_args(argv)
    results = [
        bench_size(n, args.days, args.repeat, pandas=n <= 10_000_000) for n in parse_rows(args.rows)
    ]
    if len(results) > 1:
        a, b = results[0], results[-1]
        growth = (b["impact_s"] / a["impact_s"]) / (b["rows"] / a["rows"])
        print(
            f"\ntime growth {a['rows']:,} -> {b['rows']:,}: "
            f"{b['impact_s'] / a['impact_s']:.2f}x for {b['rows'] / a['rows']:.0f}x rows "
            f"(per-row cost ratio {growth:.2f}; <= 1 is linear or better)"
        )
        print(f"peak RSS at {b['rows']:,}: {b['impact_mib']:,.0f} MiB (target < 6144 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
