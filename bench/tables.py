"""Benchmark `amends impact` reading a Kamailio `acc` table in place (PostgreSQL, MariaDB)
against the same records exported to a Parquet file, the step a table source saves, in one run.

    .venv/bin/python -m bench.tables [--rows 1000000]

Each server fills a throw-away `acc` table itself (a PostgreSQL schema, a MariaDB database):
INVITEs from two area codes over 24 hours to local, long-distance and international numbers,
with 503s for one area's long-distance calls during two hours, and one BYE per ten INVITEs. The
whole command runs as a user runs it (a subprocess); wall time and peak memory are printed for
each source and the ratio to the Parquet file. PostgreSQL comes from AMENDS_TEST_POSTGRES_URL,
MariaDB from AMENDS_TEST_MYSQL_URL (each skipped, saying so, when unset or unreachable).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

from bench.measure import measure

#: One INSERT … SELECT per server: row i is a call at second i·86400/rows of 2026-03-02.
ACC_FILL = """
INSERT INTO {schema}.acc (method, callid, sip_code, time, src_user, dst_user, src_ip)
SELECT CASE WHEN i % 10 = 9 THEN 'BYE' ELSE 'INVITE' END, concat('c', i),
       CASE WHEN {in_outage} AND i % 2 = 0 AND (i / 3) % 3 = 1 THEN '503'
            WHEN i % 17 = 0 THEN '486' ELSE '200' END,
       {at},
       concat(CASE WHEN i % 2 = 0 THEN '+1212555' ELSE '+1415555' END,
              lpad(cast((i * 7919) % 10000 AS {text}), 4, '0')),
       CASE (i / 3) % 3 WHEN 0 THEN '5550100' WHEN 1 THEN '13125550100'
            ELSE '011442071234567' END,
       '10.0.0.1'
FROM {series}
"""

SERVERS = {
    "postgresql": {
        "series": "generate_series(0::bigint, {last}) AS s(i)",
        "at": "timestamp '2026-03-02 00:00:00' + (i * 86400.0 / {rows}) * interval '1 second'",
        "text": "text",
        "ddl": "id SERIAL PRIMARY KEY, time TIMESTAMP WITHOUT TIME ZONE NOT NULL",
    },
    "mysql": {
        "series": "(SELECT seq AS i FROM seq_0_to_{last}) AS s",
        "at": "timestamp '2026-03-02 00:00:00' + interval floor(i * 86400 / {rows}) second",
        "text": "char",
        "ddl": "id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, time DATETIME NOT NULL",
    },
}
COLUMNS = (
    "method VARCHAR(16) NOT NULL, callid VARCHAR(255) NOT NULL, sip_code VARCHAR(3) NOT NULL, "
    "src_user VARCHAR(64) NOT NULL, dst_user VARCHAR(64) NOT NULL, src_ip VARCHAR(64) NOT NULL"
)
#: The outage: 503s for 212's long-distance calls from 10:00 to 12:00.
OUTAGE = "(i * 24 >= 10 * {rows} AND i * 24 < 12 * {rows})"


def run_impact(source: str, mapping: str, out: Path) -> tuple[float, float, dict]:
    """`amends impact SOURCE --map MAPPING`: wall seconds, peak MiB, the report."""
    argv = [sys.executable, "-m", "amends", "impact", source, "--map", mapping]
    run = measure([*argv, "-o", str(out), "--no-chart"])
    return run.seconds, run.peak_mib, json.loads((out / "impact.json").read_text())


def fill(kind: str, execute, schema: str, rows: int) -> None:
    """Create and fill `schema`.acc on the server."""
    spec = SERVERS[kind]
    execute(f"CREATE TABLE {schema}.acc ({spec['ddl']}, {COLUMNS})")
    sql = ACC_FILL.format(
        schema=schema,
        in_outage=OUTAGE.format(rows=rows),
        at=spec["at"].format(rows=rows),
        text=spec["text"],
        series=spec["series"].format(last=rows - 1),
    )
    execute(sql.replace("{rows}", str(rows)))


def postgres(rows: int):
    """Yield the table URL of a filled PostgreSQL acc table (dropped afterwards)."""
    import psycopg

    url = os.environ.get("AMENDS_TEST_POSTGRES_URL", "")
    base = url.replace("postgresql+psycopg://", "postgresql://")
    schema = f"bench_acc_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        try:
            fill("postgresql", conn.execute, schema, rows)
            conn.execute(f"ANALYZE {schema}.acc")
            yield f"{base}?table=acc&schema={schema}"
        finally:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def mariadb(rows: int):
    """Yield the table URL of a filled MariaDB acc table (its database dropped afterwards)."""
    import MySQLdb

    parts = urlsplit(os.environ.get("AMENDS_TEST_MYSQL_URL", ""))
    server = {"host": parts.hostname, "port": parts.port or 3306, "user": parts.username}
    if parts.password:
        server["password"] = parts.password
    name = f"bench_acc_{uuid.uuid4().hex[:8]}"
    conn = MySQLdb.connect(**server, autocommit=True)
    cur = conn.cursor()
    cur.execute(f"CREATE DATABASE {name}")
    cur.execute(f"USE {name}")  # the Sequence engine's seq_0_to_N tables need a database
    try:
        fill("mysql", cur.execute, name, rows)
        yield f"{parts.scheme}://{parts.netloc}/{name}?table=acc"
    finally:
        cur.execute(f"DROP DATABASE {name}")
        conn.close()


def export_parquet(url: str, path: Path) -> None:
    """The baseline's input: the table's INVITE rows written to Parquet (the export step), in a
    child process, so that this one stays small (a child inherits its parent's peak memory)."""
    code = (
        "import sys; from amends.events.tables import connect, parse_table_url\n"
        "src = parse_table_url(sys.argv[1]); con = connect(src)\n"
        "t = con.table(src.table, database=src.schema)\n"
        "t.filter(t.method == 'INVITE').drop('id').to_parquet(sys.argv[2])\n"
    )
    subprocess.run([sys.executable, "-c", code, url, str(path)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    servers = {"postgresql": postgres, "mysql": mariadb}
    env = {"postgresql": "AMENDS_TEST_POSTGRES_URL", "mysql": "AMENDS_TEST_MYSQL_URL"}
    print(f"{args.rows:,} acc rows (90% INVITEs), 24 h, one 2-hour outage; `amends impact`")
    for kind, make in servers.items():
        if not os.environ.get(env[kind]):
            print(f"{kind:<10}  skipped: set {env[kind]} to include it")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            started = time.perf_counter()
            try:
                filled = make(args.rows)
                url = next(filled)
            except Exception as exc:  # a server not running, a driver not installed
                print(f"{kind:<10}  skipped: {str(exc).splitlines()[0]}")
                continue
            fill_s = time.perf_counter() - started
            try:
                parquet = work / "acc.parquet"
                export_parquet(url, parquet)
                t_wall, t_mib, t_report = run_impact(url, "kamailio-acc", work / "table")
                as_file = work / "acc-parquet.toml"
                as_file.write_text('extends = "kamailio-acc"\nformat = "parquet"\n')
                p_wall, p_mib, p_report = run_impact(str(parquet), str(as_file), work / "pq")
            finally:
                filled.close()
            [window] = t_report["windows"]
            assert t_report["windows"] == p_report["windows"], "table and Parquet disagree"
            print(
                f"{kind:<10}  filled in {fill_s:.1f} s; in place {t_wall:.1f} s, "
                f"peak {t_mib:.0f} MiB; Parquet export (baseline) {p_wall:.1f} s, "
                f"peak {p_mib:.0f} MiB; ratio {t_wall / p_wall:.2f}x the baseline's time; "
                f"window {window['start'][11:16]}-{window['end'][11:16]} "
                f"{','.join(window['regions'])} {','.join(window['services'])}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
