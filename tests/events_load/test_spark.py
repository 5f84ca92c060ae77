"""Canonical Parquet loads natively in Spark through the pyspark backend (`con=`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from amends.events import load_events


@pytest.mark.spark
@pytest.mark.slow
def test_canonical_parquet_on_spark(tmp_path: Path) -> None:
    pyspark_sql = pytest.importorskip("pyspark.sql")
    import ibis

    when = [datetime(2024, 5, 1, 9, i, tzinfo=UTC) for i in range(3)]
    path = tmp_path / "calls.parquet"
    pq.write_table(
        pa.table(
            {
                "ts": pa.array(when, pa.timestamp("us", tz="UTC")),
                "subscriber": ["a", "b", "c"],
                "region": ["n", "n", "s"],
                "service": ["local"] * 3,
                "cause": pa.array([16, 34, 38], pa.int16()),
            }
        ),
        path,
    )
    spark = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("amends-test")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    try:
        con = ibis.pyspark.connect(spark)
        table = load_events(path, con=con)
        assert table.get_backend().name == "pyspark"
        assert table.columns == (
            "ts",
            "subscriber",
            "region",
            "service",
            "cause",
            "sip_status",
            "http_status",
            "duration_s",
        )
        assert table.count().execute() == 3
        assert int(table.cause.sum().execute()) == 88
        assert table.http_status.isnull().sum().execute() == 3
    finally:
        spark.stop()
