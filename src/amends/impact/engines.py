"""The engines the analysis runs on: embedded DuckDB, or Spark (local, or a cluster's master),
and the choice among them for a given input (`analyse_sources`).

One Ibis expression runs on either. Canonical Parquet on DuckDB skips Ibis: both passes run as
`amends.impact.aggregate`'s SQL on a plain DuckDB connection. A Spark master is `local[*]` by
default, or a cluster's URL (`spark://host:7077`, `yarn`, `k8s://...`) from `--spark-master` or
AMENDS_SPARK_MASTER.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amends.errors import InputError

if TYPE_CHECKING:
    from amends.impact import ImpactResult
    from amends.impact.config import ImpactConfig

#: The environment variable naming a Spark master when --spark-master is not given.
MASTER_ENV = "AMENDS_SPARK_MASTER"


class Engine(StrEnum):
    """Where the engine passes run."""

    DUCKDB = "duckdb"
    SPARK = "spark"


def spark_master(master: str | None = None) -> str:
    """The Spark master to use: the one given, else AMENDS_SPARK_MASTER, else local[*]."""
    chosen = master or os.environ.get(MASTER_ENV) or "local[*]"
    if not chosen.startswith(("local", "spark://", "yarn", "k8s://", "mesos://")):
        raise InputError(
            f"--spark-master {chosen!r}: give local[*], spark://HOST:PORT, yarn or k8s://URL"
        )
    return chosen


def check_master(engine: Engine, master: str | None) -> None:
    """Refuse a --spark-master without --engine spark, or one that is not a Spark master URL."""
    if master is not None:
        if engine is not Engine.SPARK:
            raise InputError("--spark-master runs the analysis on Spark: add --engine spark")
        spark_master(master)


#: Bytes (about) of a result partition handed to the driver: AQE's advisory partition size,
#: which `amends.spark_sql` results are rebalanced to (a bounded share of the heap each).
RESULT_PARTITION = "4m"
#: How many times its size on disk a Parquet file is taken to hold when Spark plans a join:
#: columnar files of ids and repeated values shrink 100x and more, so at Spark's 1.0 a file of
#: millions of rows looked small enough to broadcast. Small tables shipped from the driver keep
#: their exact size (and their broadcast); a file's join is broadcast by AQE once it is run and
#: seen to be small.
FILE_EXPANSION = "100"


def spark_session(master: str | None = None, app: str = "amends") -> tuple[Any, Callable[[], None]]:
    """A SparkSession on the master (see `spark_master`), and a function that releases it.

    On a cluster the executors run this interpreter's Python (PYSPARK_PYTHON, unless set), so
    the workers must see the same installation path, as on one machine or a shared image.
    A local session is kept for the next call in-process.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise InputError(
            "--engine spark needs the spark extra: pip install 'amends[spark]'"
        ) from None
    url = spark_master(master)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(url)
        .appName(app)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        # results are rebalanced into partitions of this size before they cross to the driver
        .config("spark.sql.adaptive.advisoryPartitionSizeInBytes", RESULT_PARTITION)
        # Spark sizes a Parquet file by its compressed bytes: a 6 MB file of ten million plans
        # was broadcast, built on the driver and filled its heap (docs/scale.md)
        .config("spark.sql.sources.fileCompressionFactor", FILE_EXPANSION)
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    if url.startswith("local"):
        return session, lambda: None
    return session, session.stop


def connect(
    engine: Engine, *, master: str | None = None, app: str = "amends"
) -> tuple[Any, Callable[[], None]]:
    """An Ibis connection for the engine, and a function that releases it (see `spark_session`)."""
    import ibis

    if engine is Engine.DUCKDB:
        con = ibis.duckdb.connect()
        return con, con.disconnect
    session, stop = spark_session(master, app)
    return ibis.pyspark.connect(session), stop


def analyse_sources(
    events: list[str],
    cfg: ImpactConfig,
    *,
    engine: Engine = Engine.DUCKDB,
    mapping: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    master: str | None = None,
    chart: bool = True,
    step: Callable[[str], None] | None = None,
) -> ImpactResult:
    """Both passes and detection over files, globs or one database table, on the engine that
    fits: plain DuckDB SQL for canonical Parquet, else Ibis on DuckDB or Spark.

    `chart`: import matplotlib meanwhile (while the engine scans); `step(text)`: what it does.
    """
    say = step or (lambda _text: None)
    check_master(engine, master)  # before anything is read
    # Import what detection and the chart need while the engine scans (the scan releases the GIL).
    warm = threading.Thread(target=_preload, args=(chart,), daemon=True)
    warm.start()
    from amends.events.load import engine_errors
    from amends.events.tables import parse_table_url

    db = _table_source(events, engine, mapping, since, until)
    parquet = (
        _canonical_parquet(events)
        if engine is Engine.DUCKDB and not mapping and db is None
        else None
    )
    # a table's errors name its URL without the password
    with engine_errors(parquet or ([parse_table_url(db[0]).shown] if db else events)):
        if parquet is not None:
            return _analyse_parquet(parquet, cfg, say, warm)
        warm.join()
        return _analyse_ibis(events, mapping, engine, cfg, say, db=db, master=master)


def _table_source(
    events: list[str],
    engine: Engine,
    mapping: str | None,
    since: datetime | None,
    until: datetime | None,
) -> tuple[str, datetime | None, datetime | None] | None:
    """(URL, since, until) when the input is a database table, else None (after checks)."""
    from amends.events.tables import is_table_url

    urls = [e for e in events if is_table_url(e)]
    if not urls:
        if since or until:
            raise InputError("--since/--until read database tables; files are read whole")
        return None
    if len(events) > 1:
        raise InputError("give one database table, or files: not both or several tables")
    if mapping is None:
        raise InputError("a database table needs --map (e.g. --map kamailio-acc)", path=urls[0])
    if engine is not Engine.DUCKDB:
        raise InputError("database tables are read with --engine duckdb")
    return urls[0], since, until


def _analyse_ibis(
    events: list[str],
    mapping: str | None,
    engine: Engine,
    cfg: ImpactConfig,
    say: Callable[[str], None],
    *,
    db: tuple[str, datetime | None, datetime | None] | None = None,
    master: str | None = None,
) -> ImpactResult:
    """Both passes through Ibis: any input the events loader reads, on DuckDB or Spark."""
    import ibis  # noqa: F401  (heavy: imported here, not at CLI start)

    from amends.impact.analysis import analyse

    say("reading events")
    con, stop = connect(engine, master=master, app="amends-impact")
    try:
        if db is not None:
            from amends.events.mapping import Mapping
            from amends.events.tables import read_range

            url, start, end = db
            rows = read_range(url, Mapping.load(mapping or ""), since=start, until=end, con=con)
            return analyse(rows, cfg, step=say)
        return analyse(load(events, mapping=mapping, con=con), cfg, step=say)
    finally:
        stop()


def load(sources: list[str], *, mapping: str | None, con: Any) -> Any:
    """Canonical events as an Ibis table on `con`, validated by the events loader."""
    from amends.events.load import load_events

    return load_events([str(s) for s in sources], mapping=mapping, con=con)


def _canonical_parquet(sources: list[str]) -> list[Path] | None:
    """The files, when all are Parquet with exactly the canonical columns' types, else None.

    Such files need no casts, so both passes run as `amends.impact.aggregate`'s DuckDB SQL
    on a plain DuckDB connection: no Ibis import.
    The checks and messages are the events loader's own; anything else takes the Ibis path.
    """
    from amends.events.schema import EVENT_SCHEMA
    from amends.events.sources import detect_format, expand_sources
    from amends.events.validate import check_canonical_parquet, parquet_schema

    paths = expand_sources([str(s) for s in sources])
    if detect_format(paths) != "parquet":
        return None
    names = None
    for path in paths:
        schema = parquet_schema(path)
        check_canonical_parquet(schema, path)
        if names is not None and schema.names != names:
            return None
        names = schema.names
        for field in EVENT_SCHEMA:
            if field.name not in schema.names or schema.field(field.name).type != field.type:
                return None
    return paths


def _analyse_parquet(
    paths: list[Path], cfg: ImpactConfig, say: Callable[[str], None], warm: threading.Thread
) -> ImpactResult:
    """Both passes over canonical Parquet on a plain DuckDB connection (no Ibis import).

    The SQL is `amends.impact.aggregate`'s hand-written twin of the Ibis passes (tested equal).
    """
    import duckdb

    from amends.impact.aggregate import (
        duckdb_failures_sql,
        duckdb_series_sql,
        failure_rows,
        series_table,
    )
    from amends.impact.model import SUBSCRIBERS_SCHEMA

    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        con.execute("SET python_enable_replacements = false")
        con.execute("SET enable_progress_bar = false")  # the caller shows progress
        files = ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths)
        con.execute(f"CREATE TEMP VIEW amends_events AS SELECT * FROM read_parquet([{files}])")
        say("pass 1: attempts and failures per minute")
        series = series_table(
            con.sql(duckdb_series_sql("amends_events", cfg.failures)).to_arrow_table()
        )
        warm.join()
        from amends.impact.analysis import detect

        say("detecting outage windows")
        found = detect(series, cfg)
        say(f"pass 2: who was hit in {len(found.scopes)} window(s)")
        query = duckdb_failures_sql("amends_events", cfg.failures, found.scopes)
        if query is None:
            return found.finish(SUBSCRIBERS_SCHEMA.empty_table())
        sql, params = query
        return found.finish(failure_rows(con.sql(sql, params=params).to_arrow_table()))
    finally:
        con.close()


def _preload(chart: bool) -> None:
    """Import the in-process half (detection, and matplotlib for the chart) ahead of use.

    pandas too: PyArrow imports it on its first conversion from or to NumPy.
    """
    import pandas  # noqa: F401

    import amends.impact.analysis  # noqa: F401

    if chart:
        from amends.impact.chart import warm_up

        warm_up()
