"""Credits on Spark: the very SQL `credits_sql` builds for DuckDB, transpiled to Spark SQL by
sqlglot and run over the impact's subscribers and the plans as Spark reads them.

Only the computation moves: the credits come back to the run's DuckDB session in Arrow batches
(one partition at a time), where the ledger, the export and the summary run as they do for
`--engine duckdb`, so both engines write the same ledger rows and the same files.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from amends.credits.compute import affected_view

if TYPE_CHECKING:
    import pyarrow as pa

    from amends.credits.run import CreditsJob

#: Rows per Arrow batch moved from Spark into the DuckDB session.
FETCH_BATCH = 65_536


#: Python stack frames sqlglot's recursive parser may use (the credits query nests deeply).
PARSE_DEPTH = 20_000


def to_spark(sql: str) -> str:
    """DuckDB SQL as Spark SQL (sqlglot), with room on the stack for the query's nesting."""
    import sqlglot

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, PARSE_DEPTH))
    try:
        return sqlglot.transpile(sql, read="duckdb", write="spark")[0]
    finally:
        sys.setrecursionlimit(limit)


class SparkSQL:
    """The part of a DuckDB connection `credits_sql` uses (register, execute, fetchall), on a
    SparkSession: every statement is DuckDB SQL, transpiled."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.views: list[str] = []
        self._rows: list[tuple[Any, ...]] = []

    def _view(self, frame: Any, name: str) -> None:
        frame.createOrReplaceTempView(name)
        self.views.append(name)

    def register(self, name: str, table: pa.Table) -> None:
        """A temp view over a small Arrow table (shipped from the driver)."""
        self._view(self.session.createDataFrame(table), name)

    def read_parquet(self, name: str, path: str) -> None:
        """A temp view over a Parquet file the executors read themselves."""
        self._view(self.session.read.parquet(path), name)

    def execute(self, sql: str) -> SparkSQL:
        """Run one DuckDB statement on Spark; its rows are then `fetchall()`'s."""
        self._rows = [tuple(row) for row in self.sql(sql).collect()]
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        """The rows of the last `execute`."""
        return self._rows

    def sql(self, sql: str) -> Any:
        """A Spark DataFrame of one DuckDB query."""
        return self.session.sql(to_spark(sql))

    def fetch_into(self, con: Any, table: str, sql: str) -> None:
        """Create DuckDB table `table` from the query's rows, streamed one partition at a time
        and inserted in Arrow batches (the driver holds one batch, not the result)."""
        import pyarrow as pa

        frame = self.sql(sql)
        fields, columns = [], []
        for f in frame.schema.fields:
            if f.dataType.typeName() == "decimal":
                kind = pa.decimal128(f.dataType.precision, f.dataType.scale)
                sql_type = f"DECIMAL({f.dataType.precision}, {f.dataType.scale})"
            else:
                kind, sql_type = pa.string(), "VARCHAR"
            fields.append(pa.field(f.name, kind))
            columns.append(f'"{f.name}" {sql_type}')
        schema = pa.schema(fields)
        con.execute(f"CREATE TABLE {table} ({', '.join(columns)})")

        def insert(rows: list[Any]) -> None:
            batch = pa.Table.from_arrays(
                [pa.array([r[i] for r in rows], f.type) for i, f in enumerate(schema)],
                schema=schema,
            )
            con.register("spark_batch", batch)
            con.execute(f"INSERT INTO {table} SELECT * FROM spark_batch")
            con.unregister("spark_batch")

        rows: list[Any] = []
        for row in frame.toLocalIterator(prefetchPartitions=True):
            rows.append(row)
            if len(rows) == FETCH_BATCH:
                insert(rows)
                rows = []
        if rows:
            insert(rows)

    def close(self) -> None:
        """Drop the temp views this object made (a local session outlives the run)."""
        for name in self.views:
            self.session.catalog.dropTempView(name)
        self.views = []


@contextmanager
def spark_inputs(con: Any, job: CreditsJob) -> Iterator[SparkSQL]:
    """A SparkSQL on the job's master with `affected_in`, `plans_in` and `excl_in` as `credits_sql`
    expects them: the subscribers (and a Parquet plans file) read by Spark, a CSV plans file and
    the exclusions shipped from the DuckDB session `con`."""
    from amends.credits.run import _is_csv
    from amends.impact.engines import spark_session

    session, stop = spark_session(job.master, "amends-credits")
    spark = SparkSQL(session)
    try:
        spark.read_parquet("affected_src", str(job.affected_path))
        view = affected_view(job.affected, "affected_src")
        spark.execute(f"CREATE OR REPLACE TEMP VIEW affected_in AS {view}")
        spark.views.append("affected_in")
        if job.plans_path is not None:
            if _is_csv(job.plans_path):
                spark.register("plans_in", con.sql("SELECT * FROM plans_in").to_arrow_table())
            else:
                spark.read_parquet("plans_in", str(job.plans_path))
        spark.register("excl_in", con.sql("SELECT subscriber, win FROM excl_in").to_arrow_table())
        yield spark
    finally:
        spark.views.append("plans")  # made by credits_sql
        spark.close()
        stop()
