"""The engines the analysis runs on: embedded DuckDB, or Spark (local, or a cluster's master).

One Ibis expression runs on either; this module only opens the connection. A Spark master is
`local[*]` by default, or a cluster's URL (`spark://host:7077`, `yarn`, `k8s://...`) from
`--spark-master` or AMENDS_SPARK_MASTER.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from amends.errors import InputError

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
