"""Benchmark of the outage-data simulator: rows/s and peak memory at 10M and 100M rows.

Each size runs in its own subprocess (peak RSS from `getrusage`), against two baselines measured
in the same run: a naive per-row Python generator (100k rows, extrapolated) and the pyarrow
Parquet write alone of pre-generated random arrays (the I/O floor of the same schema and codec).

    .venv/bin/python -m bench.simulate [--sizes 10M,100M] [--dir /tmp]

Scaling in subscribers, the whole command as users run it (`amends simulate` in a subprocess,
wall time and peak RSS by bench/measure.py, os.wait4 on each run's command): the
issue-18 nationwide outage (two days, 90% of every call type failing in every region for 12 hours
on the second), 3 call attempts per subscriber per day:

    .venv/bin/python -m bench.simulate --subscribers 1M,10M [--baseline /work/main]

Baseline in the same run: the same command from another checkout (`--baseline`, e.g. main
before this change; its own .venv), at the sizes up to `--baseline-max` subscribers.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import measure

DAYS = 10
ROWS_PER_SUBSCRIBER = 50  # over the simulated period: 5 attempts per subscriber per day


def _size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000, "G": 1_000_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KMG")) * scale)


def _config(rows: int):  # type: ignore[no-untyped-def]
    from amends.events.scenario import Scenario
    from amends.events.simulate import SimulationConfig

    return SimulationConfig(
        subscribers=max(1_000, rows // ROWS_PER_SUBSCRIBER),
        calls_per_day=rows // DAYS,
        days=DAYS,
        scenario=Scenario.builtin("demo"),
        seed=1,
    )


def child_simulate(rows: int, folder: Path) -> dict[str, float]:
    """Run the simulator once (in this process) and report rows, seconds and peak RSS."""
    from amends.events.simulate import simulate

    config = _config(rows)
    start = time.perf_counter()
    truth = simulate(folder / "calls.parquet", config)
    seconds = time.perf_counter() - start
    size = (folder / "calls.parquet").stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rows": truth.rows, "seconds": seconds, "peak_bytes": peak, "file_bytes": size}


def child_naive(rows: int, folder: Path) -> dict[str, float]:
    """Baseline: a naive per-row Python generator (random module, dict rows) written by pyarrow."""
    import random
    from datetime import UTC, datetime, timedelta

    import pyarrow as pa
    import pyarrow.parquet as pq

    from amends.events.schema import EVENT_SCHEMA

    start = time.perf_counter()
    rnd = random.Random(1)
    t0 = datetime(2026, 3, 10, tzinfo=UTC)
    outcomes = [
        (16, 200, 0.74),
        (17, 486, 0.07),
        (19, 480, 0.13),
        (21, 603, 0.056),
        (38, 503, 0.004),
    ]
    out = []
    for _ in range(rows):
        cause, sip, _w = rnd.choices(outcomes, weights=[o[2] for o in outcomes])[0]
        out.append(
            {
                "ts": t0 + timedelta(seconds=rnd.randrange(86_400)),
                "subscriber": f"S{rnd.randrange(1, 20_001):08d}",
                "region": rnd.choice(["CA", "TX", "FL", "NY"]),
                "service": rnd.choice(["local", "long_distance", "international"]),
                "cause": cause,
                "sip_status": sip,
                "http_status": None,
                "duration_s": rnd.lognormvariate(4.3, 0.9) if cause == 16 else 0.0,
            }
        )
    out.sort(key=lambda r: r["ts"])
    pq.write_table(pa.Table.from_pylist(out, schema=EVENT_SCHEMA), folder / "naive.parquet")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rows": rows, "seconds": seconds, "peak_bytes": peak, "file_bytes": 0}


def child_write_only(rows: int, folder: Path) -> dict[str, float]:
    """Baseline: pyarrow Parquet write (zstd, same schema) of pre-generated random arrays."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from amends.events.simulate import _write_schema, subscriber_ids

    rng = np.random.default_rng(1)
    schema = _write_schema()
    chunk = 1_000_000
    ids = subscriber_ids(200_000)
    regions = pa.array(["CA", "TX", "FL", "NY", "IL", "WA", "AZ", "CO"])
    services = pa.array(["local", "long_distance", "international", "emergency"])
    t0 = 1_773_100_800
    tables = []
    for k in range(0, rows, chunk):
        n = min(chunk, rows - k)
        ts = (np.sort(rng.integers(0, 3600, n)) + t0 + k) * 1_000_000
        tables.append(
            pa.Table.from_arrays(
                [
                    pa.Array.from_buffers(schema.field("ts").type, n, [None, pa.py_buffer(ts)]),
                    pa.DictionaryArray.from_arrays(
                        rng.integers(0, len(ids), n, dtype=np.int32), ids
                    ),
                    pa.DictionaryArray.from_arrays(rng.integers(0, 8, n, dtype=np.int8), regions),
                    pa.DictionaryArray.from_arrays(rng.integers(0, 4, n, dtype=np.int8), services),
                    pa.array(rng.choice(np.array([16, 17, 19, 21], dtype=np.int16), n)),
                    pa.array(rng.choice(np.array([200, 486, 480, 603], dtype=np.int16), n)),
                    pa.nulls(n, pa.int16()),
                    pa.array(np.rint(rng.lognormal(4.3, 0.9, n))),
                ],
                schema=schema,
            )
        )
    start = time.perf_counter()
    with pq.ParquetWriter(
        folder / "write_only.parquet", schema, compression="zstd", store_schema=False
    ) as writer:
        for table in tables:
            writer.write_table(table, row_group_size=table.num_rows)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"rows": rows, "seconds": seconds, "peak_bytes": peak, "file_bytes": 0}


CHILDREN = {"simulate": child_simulate, "naive": child_naive, "write_only": child_write_only}


def _run(kind: str, rows: int, base: Path) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix=f"amends-bench-{kind}-", dir=base))
    try:
        wall = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "bench.simulate", "--child", kind, str(rows), str(folder)],
            check=True,
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - wall
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["wall"] = wall
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


NATIONWIDE = """\
name: nationwide
description: 90% of every call type fails in every region for 12 hours, after a normal day.
start: 2026-03-10
days: 2
outages:
  - id: nationwide
    kind: failures
    regions: all
    services: all
    start: 2026-03-11T12:00:00Z
    end: 2026-03-12T00:00:00Z
    cause: 38
    sip_status: 503
    rate: 0.9
"""
CALLS_PER_SUBSCRIBER_DAY = 3


def scale_subscribers(sizes: list[int], base: Path, baseline: Path | None, base_max: int) -> int:
    """`amends simulate` at each number of subscribers, against another checkout's command."""
    import os

    scenario = base / "amends-bench-nationwide.yaml"
    scenario.write_text(NATIONWIDE, encoding="utf-8")
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    ours: dict[int, dict[str, float]] = {}
    for n in sizes:
        for who, root in (("this", Path.cwd()), ("baseline", baseline)):
            if root is None or (who == "baseline" and n > base_max):
                continue
            folder = Path(tempfile.mkdtemp(prefix="amends-bench-sim-", dir=base))
            try:
                out = folder / "calls.parquet"
                cmd = [str(root / ".venv/bin/python"), "-m", "amends", "simulate", "-o", str(out)]
                cmd += ["--scenario", str(scenario), "--subscribers", str(n), "--seed", "1"]
                cmd += ["--calls-per-day", str(CALLS_PER_SUBSCRIBER_DAY * n)]
                r = measure(cmd, cwd=root).as_dict()
                truth = json.loads(out.with_name("calls.truth.json").read_text())
                r["rows"] = truth["rows"]
                r["affected"] = truth["windows"][0]["subscribers_affected"]
                r["bytes"] = sum(f.stat().st_size for f in folder.iterdir())
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            if who == "this":
                ours[n] = r
            note = ""
            if who == "baseline":
                mine = ours[n]
                note = (
                    f" | this change: time x{r['seconds'] / mine['seconds']:.2f} faster, "
                    f"peak x{r['peak_bytes'] / mine['peak_bytes']:.1f} smaller"
                )
            print(
                f"{who:8s} {n:>12,} subscribers: {r['rows']:>13,} rows, {r['affected']:>11,} "
                f"affected, {r['seconds']:7.1f} s wall, peak RSS {r['peak_bytes'] / 2**30:5.2f} "
                f"GiB, files {r['bytes'] / 2**30:.2f} GiB, load {os.getloadavg()[0]:.2f}{note}",
                flush=True,
            )
    first = sizes[0]
    for n in sizes[1:]:
        print(
            f"scaling {first:,} -> {n:,} subscribers ({n / first:.0f}x): time "
            f"x{ours[n]['seconds'] / ours[first]['seconds']:.2f}, peak "
            f"x{ours[n]['peak_bytes'] / ours[first]['peak_bytes']:.2f}"
        )
    ok = all(r["peak_bytes"] < 4e9 for r in ours.values())
    ok &= all(ours[n]["seconds"] / ours[first]["seconds"] <= 1.15 * n / first for n in sizes[1:])
    print(f"target: peak < 4 GB, time no worse than linear: {'met' if ok else 'MISSED'}")
    scenario.unlink(missing_ok=True)
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    """Measure the simulator at each size against the two baselines and print the ratios."""
    parser = argparse.ArgumentParser(prog="python -m bench.simulate", description=__doc__)
    parser.add_argument("--sizes", default="10M,100M", help="rows to simulate, e.g. 10M,100M")
    parser.add_argument("--dir", default=tempfile.gettempdir(), help="scratch folder")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "ROWS", "DIR"), help=argparse.SUPPRESS)
    parser.add_argument("--subscribers", help="scale in subscribers instead, e.g. 1M,10M,100M")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--baseline-max", default="1M", help="largest size for the baseline")
    args = parser.parse_args(argv)
    if args.child:
        kind, rows, folder = args.child
        print(json.dumps(CHILDREN[kind](int(rows), Path(folder))))
        return 0
    if args.subscribers:
        sizes = [_size(s) for s in args.subscribers.split(",")]
        return scale_subscribers(sizes, Path(args.dir), args.baseline, _size(args.baseline_max))

    base = Path(args.dir)
    sizes = [_size(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {platform.python_version()}, cpus shared with others")
    naive = _run("naive", 100_000, base)
    naive_rate = naive["rows"] / naive["seconds"]
    print(
        f"baseline naive per-row Python generator (100k rows): {naive_rate:,.0f} rows/s "
        f"-> {max(sizes) / naive_rate / 60:,.1f} min for {max(sizes):,} rows (extrapolated)"
    )
    write = _run("write_only", 10_000_000, base)
    write_rate = write["rows"] / write["seconds"]
    print(f"baseline pyarrow write only (10M pre-generated rows, zstd): {write_rate:,.0f} rows/s")
    print()
    header = (
        f"{'rows':>13} {'seconds':>8} {'wall':>7} {'rows/s':>12} {'peak RSS':>9} "
        f"{'file':>9} {'x naive':>8} {'x write-only':>12}"
    )
    print(header)
    for rows in sizes:
        r = _run("simulate", rows, base)
        rate = r["rows"] / r["seconds"]
        print(
            f"{int(r['rows']):>13,} {r['seconds']:>8.1f} {r['wall']:>7.1f} {rate:>12,.0f} "
            f"{r['peak_bytes'] / 2**30:>7.2f} G {r['file_bytes'] / 2**30:>7.2f} G "
            f"{rate / naive_rate:>8.0f} {rate / write_rate:>12.2f}",
            flush=True,
        )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"largest child peak RSS (RUSAGE_CHILDREN): {children / 2**30:.2f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
