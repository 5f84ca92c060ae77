"""DuckDB SQL on Spark: the stages written as DuckDB SQL (credits, personal notices) run the same
text on a SparkSession, transpiled by sqlglot, with results streamed back as Arrow batches.

`SparkSQL` offers the part of a DuckDB connection those stages use (register, execute, fetchall,
fetchone, description), so one query builder serves both engines.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pyarrow as pa

from amends.errors import InputError

#: Rows (about) per Arrow batch handed on by the driver (Spark's own Arrow batches are gathered).
FETCH_BATCH = 65_536
#: Arrow types of Spark's simple types (by DataType.typeName()).
_ARROW = {
    "string": pa.string(),
    "long": pa.int64(),
    "integer": pa.int32(),
    "short": pa.int16(),
    "byte": pa.int8(),
    "double": pa.float64(),
    "float": pa.float32(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}
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


#: A Java throwable's class name in a Py4J error's text (which carries the Java stack trace).
_THROWABLE = re.compile(r"\b(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Error|Exception)\b")
#: Throwables that only wrap the cause ("Job aborted due to stage failure: ...").
_WRAPPERS = ("org.apache.spark.SparkException", "py4j.", "java.util.concurrent.ExecutionException")
#: A JVM out of heap: Spark's page allocator retries a failed allocation by calling itself, so a
#: full heap can surface as a StackOverflowError there (a lost executor as ExecutorLostFailure).
_OUT_OF_MEMORY = ("OutOfMemoryError", "StackOverflowError")


def java_cause(text: str) -> tuple[str, str] | None:
    """The first throwable in a Java stack trace's text that is not a wrapper, with the frame it
    was raised in ("" when the text has none); None when the text names no throwable."""
    for found in _THROWABLE.finditer(text):
        name = found.group(0)
        if name.startswith(_WRAPPERS):
            continue
        frame = re.search(r"\n\s*at ([\w$.]+)\(", text[found.end() :])
        return name, frame.group(1) if frame else ""
    return None


def _spark_error(exc: BaseException) -> InputError:
    """One line for a failed Spark query: a query Spark refused (its analysis) points at the
    inputs; a failure while it ran names the Java error, and the memory settings when a JVM ran
    out of heap."""
    text = str(exc) or type(exc).__name__
    first = text.strip().splitlines()[0][:300]
    if not type(exc).__module__.startswith("py4j"):
        return InputError(f"Spark could not run the query ({first}); check the inputs' columns")
    name, frame = java_cause(text) or ("", "")
    what = f"{name} in {frame}" if frame else name or first
    if "ExecutorLostFailure" in text or name.endswith(_OUT_OF_MEMORY):
        return InputError(
            f"Spark ran out of memory while running the query ({what}); give the driver and the "
            "executors more (spark.driver.memory, spark.executor.memory in spark-defaults.conf) "
            "or the query more partitions"
        )
    return InputError(f"Spark failed while running the query ({what}); see Spark's logs")


class SparkSQL:
    """The part of a DuckDB connection the SQL stages use, on a SparkSession: every statement is
    DuckDB SQL, transpiled."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.views: list[str] = []
        self.description: list[tuple[str, ...]] = []
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
        frame = self.sql(sql)
        self.description = [(name,) for name in frame.columns]
        try:
            self._rows = [tuple(row) for row in frame.collect()]
        except Exception as exc:  # a Java error surfaces as py4j's or pyspark's
            raise _spark_error(exc) from exc
        return self

    def fetchall(self) -> list[tuple[Any, ...]]:
        """The rows of the last `execute`."""
        return self._rows

    def fetchone(self) -> tuple[Any, ...] | None:
        """The first row of the last `execute`, or None."""
        return self._rows[0] if self._rows else None

    def sql(self, sql: str) -> Any:
        """A Spark DataFrame of one DuckDB query."""
        try:
            return self.session.sql(to_spark(sql))
        except Exception as exc:
            if type(exc).__module__.startswith(("pyspark", "py4j")):
                raise _spark_error(exc) from exc
            raise

    def _arrow(self, frame: Any) -> tuple[pa.Schema, Any]:
        """The Arrow schema of a DataFrame, and the frame with timestamps as UTC microseconds."""
        fields, exprs = [], []
        for f in frame.schema.fields:
            kind, name = f.dataType.typeName(), f"`{f.name}`"
            if kind == "decimal":
                arrow = pa.decimal128(f.dataType.precision, f.dataType.scale)
            elif kind == "timestamp":
                arrow, name = pa.timestamp("us", tz="UTC"), f"unix_micros({name}) AS {name}"
            elif kind in _ARROW:
                arrow = _ARROW[kind]
            else:
                raise TypeError(f"no Arrow type for Spark's {kind} (column {f.name})")
            fields.append(pa.field(f.name, arrow))
            exprs.append(name)
        return pa.schema(fields), frame.selectExpr(*exprs)

    def batches(self, sql: str, rows: int = FETCH_BATCH) -> Iterator[pa.RecordBatch]:
        """The query's result as Arrow batches of about `rows` rows, one partition at a time (the
        driver holds a partition's batches, not the result); timestamps in UTC; in no particular
        order (the result is rebalanced first: callers sort where they need to).

        The executors hand over Arrow itself: each of their Arrow batches travels as one Arrow
        IPC message (`mapInArrow`), so the driver never builds a Python object per value."""
        import pyarrow.ipc as ipc

        schema, frame = self._arrow(self.sql(sql))
        # a result of one big partition would have to fit in an executor's and then the driver's
        # heap at once: rebalance it into partitions of about RESULT_PARTITION bytes (engines)
        self._view(frame, "amends_result")
        frame = self.session.sql("SELECT /*+ REBALANCE */ * FROM amends_result")

        def as_ipc(parts: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
            import pyarrow as arrow  # on the executors

            for part in parts:
                if part.num_rows == 0:
                    continue
                sink = arrow.BufferOutputStream()
                with arrow.ipc.new_stream(sink, part.schema) as writer:
                    writer.write_batch(part)
                blob = arrow.array([sink.getvalue().to_pybytes()], arrow.binary())
                yield arrow.RecordBatch.from_arrays([blob], names=["ipc"])

        held: list[pa.Table] = []
        count = 0

        def flush() -> pa.RecordBatch:
            table = pa.concat_tables(held).combine_chunks()
            held.clear()
            return table.to_batches()[0]

        try:
            for row in frame.mapInArrow(as_ipc, "ipc binary").toLocalIterator(
                prefetchPartitions=True
            ):
                part = ipc.open_stream(bytes(row[0])).read_all()
                held.append(part.select(schema.names).cast(schema))
                count += part.num_rows
                if count >= rows:
                    yield flush()
                    count = 0
        except Exception as exc:
            if type(exc).__module__.startswith(("pyspark", "py4j")):
                raise _spark_error(exc) from exc
            raise
        if held:
            yield flush()

    def fetch_into(self, con: Any, table: str, sql: str, rows: int = FETCH_BATCH) -> None:
        """Create DuckDB table `table` (on connection `con`) from the query's batches."""
        schema, _ = self._arrow(self.sql(sql))
        con.register("spark_batch", schema.empty_table())
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM spark_batch")
        con.unregister("spark_batch")
        for part in self.batches(sql, rows):
            con.register("spark_batch", part)
            con.execute(f"INSERT INTO {table} SELECT * FROM spark_batch")
            con.unregister("spark_batch")

    def close(self) -> None:
        """Drop the temp views this object made (a local session outlives the run)."""
        for name in self.views:
            self.session.catalog.dropTempView(name)
        self.views = []


@contextmanager
def spark_sql(master: str | None, app: str) -> Iterator[SparkSQL]:
    """A SparkSQL on the master (see `amends.impact.engines.spark_session`); its temp views are
    dropped and a cluster's session stopped afterwards."""
    from amends.impact.engines import spark_session

    session, stop = spark_session(master, app)
    spark = SparkSQL(session)
    try:
        yield spark
    finally:
        spark.close()
        stop()
