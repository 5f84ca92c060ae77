"""Benchmark `amends notices`: one million personal notices, streamed to Parquet, against the
naive baseline (one Jinja2 + Babel rendering per customer) timed on a sample in the same run.

Run: `.venv/bin/python -m bench.notices [ROWS]`. Target: 1,000,000 notices in under 30 s.

The whole command as users run it (`amends notices incident.yaml --impact DIR --credits FILE
-o OUT`), in a subprocess, at several sizes, with wall time and peak RSS (bench/measure.py:
os.wait4 on the command, so runs never mix):

    .venv/bin/python -m bench.notices --command 1M,10M [--dir /tmp]
    .venv/bin/python -m bench.notices --command 1M,10M --spark-cluster [--dir /tmp]

With `--spark-cluster`, a standalone cluster (a master and two one-core workers, separate
processes started from PySpark's scripts, as in tests/impact/test_spark_cluster.py) is started
once and each size runs again with `--engine spark --spark-master`; its notices must be the
DuckDB run's, row for row (compared in DuckDB both ways, `EXCEPT ALL`).

Inputs are written by DuckDB in the shapes the command reads (impact's subscribers.parquet, a
plans file beside it, a credits file). Baselines in the same run: the per-row Jinja2 + Babel
rendering timed on a sample and extrapolated, and the floor of DuckDB alone joining the same
inputs into Parquet (no text). Target (issue 18): peak < 4 GB at 100M, time no worse than linear.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from amends.cli.demo_compose import demo_facts
from amends.compose.notices import NOTICES_SCHEMA, iter_notices, render_one
from amends.events.simulate import subscriber_ids
from bench.measure import measure

ROWS = 1_000_000
SAMPLE = 2_000
TARGET_S = 30.0
START = datetime(2026, 3, 10, 21, 12, tzinfo=UTC)


def inputs(n: int, folder: Path) -> tuple[Path, Path, Path]:
    """Affected-subscriber, plans and credits Parquet files for `n` customers (seeded)."""
    rng = np.random.default_rng(7)
    ids = subscriber_ids(n)
    regions = np.array(["CA", "WA", "AZ"])
    zones = np.array(["America/Los_Angeles", "America/Los_Angeles", "America/Phoenix"])
    home = rng.integers(0, 3, n)
    first_s = START.timestamp() + rng.integers(0, 100 * 60, n)
    last_s = first_s + rng.integers(0, 20 * 60, n)
    affected = pa.table(
        {
            "window": pa.array(["w1"] * n),
            "subscriber": ids,
            "region": pa.array(regions[home]),
            "failed_attempts": pa.array(rng.integers(1, 6, n)),
            "first_failure": pa.array((first_s * 1e6).astype("int64")).cast(
                pa.timestamp("us", tz="UTC")
            ),
            "last_failure": pa.array((last_s * 1e6).astype("int64")).cast(
                pa.timestamp("us", tz="UTC")
            ),
        }
    )
    plans = pa.table(
        {
            "subscriber": ids,
            "time_zone": pa.array(zones[home]),
            "locale": pa.array(np.where(rng.random(n) < 0.14, "es", "en")),
            "email": pa.array([None] * n, pa.string()),
            "phone": pa.array([None] * n, pa.string()),
        }
    )
    credits = pa.table(
        {
            "subscriber": ids,
            "amount": pa.array(np.round(rng.uniform(0.5, 40, n), 2)),
            "currency": pa.array(["USD"] * n),
        }
    )
    paths = (folder / "subscribers.parquet", folder / "plans.parquet", folder / "credits.parquet")
    for table, path in zip((affected, plans, credits), paths, strict=True):
        pq.write_table(table, path)
    return paths


def record() -> object:
    """The fixed test record (California fiber cut) with three areas."""
    from tests.compose.records import base_incident

    from amends.incident import RegionInfo

    base = base_incident()
    w = base.windows[0].model_copy(update={"regions": ["CA", "WA", "AZ"]})
    regions = {
        "CA": RegionInfo(name="California", time_zone="America/Los_Angeles"),
        "WA": RegionInfo(name="Washington", time_zone="America/Los_Angeles"),
        "AZ": RegionInfo(name="Arizona", time_zone="America/Phoenix"),
    }
    return demo_facts(base.model_copy(update={"windows": [w], "regions": regions}))


def duckdb_inputs(n: int, folder: Path) -> tuple[Path, Path, Path]:
    """The command's inputs for `n` affected customers, written by DuckDB in bounded memory:
    impact/subscribers.parquet, impact/plans.subscribers.parquet (found by the command) and
    credits.parquet; zones, locales, counts and amounts as `inputs` draws them (seeded hash)."""
    import duckdb

    impact = folder / "impact"
    impact.mkdir(parents=True, exist_ok=True)
    start_us = int(START.timestamp() * 1e6)
    con = duckdb.connect(config={"memory_limit": "2GB", "preserve_insertion_order": False})
    base = f"""SELECT i, 'S' || lpad((i + 1)::VARCHAR, 9, '0') AS subscriber,
                      (hash(i, 1) % 3)::BIGINT AS home, (hash(i, 2) % 6000)::BIGINT AS first_s,
                      (hash(i, 3) % 1200)::BIGINT AS dur_s FROM range({n}) t(i)"""
    queries = {
        impact / "subscribers.parquet": f"""
            SELECT 'w1' AS "window", subscriber, ['CA', 'WA', 'AZ'][home + 1] AS region,
                   (1 + hash(i, 4) % 5)::BIGINT AS failed_attempts,
                   make_timestamptz({start_us} + first_s * 1000000) AS first_failure,
                   make_timestamptz({start_us} + (first_s + dur_s) * 1000000) AS last_failure
            FROM ({base})""",
        impact / "plans.subscribers.parquet": f"""
            SELECT subscriber,
                   ['America/Los_Angeles', 'America/Los_Angeles', 'America/Phoenix'][home + 1]
                       AS time_zone,
                   CASE WHEN hash(i, 5) % 100 < 14 THEN 'es' ELSE 'en' END AS locale,
                   NULL::VARCHAR AS email, NULL::VARCHAR AS phone
            FROM ({base})""",
        folder / "credits.parquet": f"""
            SELECT subscriber, round(0.5 + (hash(i, 6) % 3950) / 100.0, 2) AS amount,
                   'USD' AS currency FROM ({base})""",
    }
    for path, sql in queries.items():
        con.execute(f"COPY ({sql}) TO '{path}' (FORMAT parquet, COMPRESSION zstd)")
    con.close()
    return (*queries,)  # type: ignore[return-value]


def _size(text: str) -> int:
    text = text.strip().upper()
    scale = {"K": 1_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("KM")) * scale)


def command(sizes: list[int], where: Path, master: str | None = None) -> int:
    """Time `amends notices` as users run it at each size, against the baselines; with `master`,
    also on that Spark cluster (`--engine spark`), whose notices must equal DuckDB's."""
    import os

    from amends.incident.io import dump_incident

    inc = record()
    rows_of: dict[int, dict[str, float]] = {}
    naive_each = 0.0
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for n in sizes:
        with tempfile.TemporaryDirectory(dir=where) as tmp:
            folder = Path(tmp)
            t0 = time.perf_counter()
            affected, plans, credits = duckdb_inputs(n, folder)
            made = time.perf_counter() - t0
            incident = dump_incident(inc, folder / "incident.yaml")  # type: ignore[arg-type]
            out = folder / "notices.parquet"
            cmd = [sys.executable, "-m", "amends", "notices", str(incident)]
            cmd += ["--impact", str(affected.parent), "--credits", str(credits), "-o", str(out)]
            got = measure(cmd).as_dict()
            written = pq.ParquetFile(out).metadata.num_rows
            assert written == n, (written, n)
            if not naive_each:  # the per-row baseline, on a sample of the first size's output
                sample = next(pq.ParquetFile(out).iter_batches(SAMPLE)).to_pylist()
                import duckdb

                wanted = pa.table({"subscriber": [r["subscriber"] for r in sample]})
                con = duckdb.connect()
                con.register("wanted", wanted)
                by_sub = dict(
                    con.execute(
                        f"SELECT subscriber, amount FROM read_parquet('{credits}') "
                        "WHERE subscriber IN (SELECT subscriber FROM wanted)"
                    ).fetchall()
                )
                con.close()
                t0 = time.perf_counter()
                for row in sample:
                    ref = dict(row, amount=by_sub[row["subscriber"]], currency="USD")
                    render_one(inc, ref, locale=row["locale"])  # type: ignore[arg-type]
                naive_each = (time.perf_counter() - t0) / len(sample)
            floor = f"""
                COPY (SELECT a.subscriber, a.failed_attempts, p.time_zone, p.locale, c.amount
                      FROM read_parquet('{affected}') a
                      LEFT JOIN read_parquet('{plans}') p USING (subscriber)
                      LEFT JOIN read_parquet('{credits}') c USING (subscriber))
                TO '{folder / "floor.parquet"}' (FORMAT parquet, COMPRESSION zstd)"""
            fl = measure(
                [sys.executable, "-c", f"import duckdb; duckdb.connect().execute({floor!r})"]
            ).as_dict()
            rows_of[n] = got
            if master is not None:
                spark_out = folder / "spark.parquet"
                spark = [*cmd[:-1], str(spark_out), "--engine", "spark", "--spark-master", master]
                on_spark = measure(spark).as_dict()
                differ = _rows_not_in_both(out, spark_out, folder)
                print(
                    f"notices {n:>12,} on the Spark cluster: {on_spark['seconds']:7.1f} s wall, "
                    f"peak RSS {on_spark['peak_bytes'] / 2**30:5.2f} GiB (the command; the "
                    f"cluster's JVMs are not in it), {on_spark['seconds'] / got['seconds']:.2f}x "
                    f"DuckDB's time; rows in one output and not the other: {differ:,}; "
                    f"load {os.getloadavg()[0]:.2f}"
                )
                if differ:
                    raise SystemExit("the engines' notices differ")
                spark_out.unlink()
            la = os.getloadavg()[0]
            print(
                f"notices {n:>12,}: {got['seconds']:7.1f} s wall, peak RSS "
                f"{got['peak_bytes'] / 2**30:5.2f} GiB, {n / got['seconds']:,.0f}/s | inputs made "
                f"in {made:.0f} s | floor (DuckDB join only) {fl['seconds']:.1f} s, "
                f"{fl['peak_bytes'] / 2**30:.2f} GiB | per-row baseline "
                f"{naive_each * n:,.0f} s (x{naive_each * n / got['seconds']:.0f}) | "
                f"x floor {got['seconds'] / fl['seconds']:.1f} | load {la:.2f}"
            )
    first = sizes[0]
    for n in sizes[1:]:
        ratio = rows_of[n]["seconds"] / rows_of[first]["seconds"]
        print(
            f"scaling {first:,} -> {n:,} ({n / first:.0f}x rows): time x{ratio:.2f}, "
            f"peak x{rows_of[n]['peak_bytes'] / rows_of[first]['peak_bytes']:.2f}"
        )
    ok = all(r["peak_bytes"] < 4e9 for r in rows_of.values())
    ok &= all(
        rows_of[n]["seconds"] / rows_of[first]["seconds"] <= 1.15 * n / first for n in sizes[1:]
    )
    print(f"target: peak < 4 GB, time no worse than linear: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


def _rows_not_in_both(a: Path, b: Path, folder: Path) -> int:
    """Rows of one Parquet file missing from the other (duplicates counted), both ways, in
    DuckDB with a memory limit (it spills to `folder`): 0 when the two hold the same rows."""
    import duckdb

    con = duckdb.connect(
        config={"memory_limit": "4GB", "temp_directory": str(folder / "compare.tmp")}
    )
    try:
        one, two = f"read_parquet('{a}')", f"read_parquet('{b}')"
        return sum(
            con.execute(f"SELECT count(*) FROM (FROM {x} EXCEPT ALL FROM {y})").fetchall()[0][0]
            for x, y in ((one, two), (two, one))
        )
    finally:
        con.close()


def _command_main(argv: list[str]) -> int:
    """`--command SIZES [--dir DIR] [--spark-cluster]`."""
    where = Path(argv[argv.index("--dir") + 1]) if "--dir" in argv else Path("/tmp")
    sizes = [_size(x) for x in argv[1].split(",")]
    if "--spark-cluster" not in argv:
        return command(sizes, where)
    from tests.spark_cluster import standalone_cluster

    with (
        tempfile.TemporaryDirectory(dir=where) as tmp,
        standalone_cluster(Path(tmp), workers=2, memory="4g") as cluster,
    ):
        print(f"Spark standalone cluster at {cluster.master} (a master, two workers)")
        return command(sizes, where, cluster.master)


def main(argv: list[str]) -> int:
    """Time the vectorised notices and the naive baseline; print the ratio; exit 1 on a miss."""
    if argv[:1] == ["--command"]:
        return _command_main(argv)
    n = int(argv[0]) if argv else ROWS
    inc = record()
    now = datetime(2026, 3, 11, 17, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        affected, plans, credits = inputs(n, folder)
        out = folder / "notices.parquet"
        t0 = time.perf_counter()
        c0 = time.process_time()
        rows = 0
        with pq.ParquetWriter(out, NOTICES_SCHEMA, compression="zstd") as writer:
            for batch in iter_notices(
                inc,
                affected,
                plans=plans,
                credits=credits,
                now=now,  # type: ignore[arg-type]
            ):
                writer.write_batch(batch)
                rows += batch.num_rows
        fast = time.perf_counter() - t0
        cpu = time.process_time() - c0
        sample = pq.read_table(out).slice(0, SAMPLE).to_pylist()
        amounts = {
            r["subscriber"]: r["amount"] for r in pq.read_table(credits).slice(0, n).to_pylist()
        }
        t0 = time.perf_counter()
        for row in sample:
            ref = dict(row, amount=amounts[row["subscriber"]], currency="USD")
            subject, text = render_one(inc, ref, locale=row["locale"], now=now)  # type: ignore[arg-type]
            assert (subject, text) == (row["subject"], row["text"]), "outputs differ"
        naive_each = (time.perf_counter() - t0) / len(sample)
    naive = naive_each * rows
    print(
        f"notices: {rows:,} in {fast:.2f} s wall ({rows / fast:,.0f}/s), {cpu:.2f} s CPU "
        "(all threads), streamed to Parquet"
    )
    print(
        f"baseline (per-row Jinja2 + Babel, timed on {len(sample):,}, outputs identical): "
        f"{naive_each * 1e6:.0f} us/notice -> {naive:.1f} s for {rows:,}"
    )
    print(f"ratio: {naive / fast:.1f}x faster than the baseline")
    ok = fast < TARGET_S * rows / ROWS
    print(f"target: {ROWS:,} in < {TARGET_S:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
