"""DuckDB SQL on Spark (`amends.spark_sql`): joins are broadcast by the rows Spark actually
shuffles, not by a file's compressed size, and a failed query ends in one line that names its
cause."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from tests.impact.conftest import spark  # noqa: F401

from amends.errors import InputError
from amends.spark_sql import _spark_error, java_cause, spark_sql

# The shape of the text of a Py4JJavaError from `toLocalIterator` on a cluster whose driver ran
# out of heap (2026-12-04, notices for 10M customers): a wrapper, the cause, its frames.
STAGE_FAILURE = (
    "An error occurred while calling o90.toPythonIterator.\n"
    ": org.apache.spark.SparkException: Job aborted due to stage failure: Task 3 in stage 7.0 "
    "failed 4 times, most recent failure: Lost task 3.3 in stage 7.0 (TID 41) (127.0.0.1 "
    "executor 1): java.lang.StackOverflowError\n"
    "\tat org.apache.spark.memory.TaskMemoryManager.allocatePage(TaskMemoryManager.java:397)\n"
    "\tat org.apache.spark.memory.TaskMemoryManager.allocatePage(TaskMemoryManager.java:421)\n"
)


class Py4JJavaError(Exception):
    """Stands in for py4j's class where only the module and the text matter."""


Py4JJavaError.__module__ = "py4j.protocol"


def test_java_cause_skips_wrappers_and_names_the_frame() -> None:
    assert java_cause(STAGE_FAILURE) == (
        "java.lang.StackOverflowError",
        "org.apache.spark.memory.TaskMemoryManager.allocatePage",
    )
    nested = (
        "An error occurred while calling o7.collect.\n"
        ": java.util.concurrent.ExecutionException: org.apache.spark.SparkException: x\n"
        "Caused by: java.io.FileNotFoundException: /data/plans.parquet (No such file)\n"
        "\tat java.base/java.io.FileInputStream.open0(Native Method)\n"
    )
    assert java_cause(nested) == ("java.io.FileNotFoundException", "")
    assert java_cause("An error occurred while calling o90.toPythonIterator.") is None


def test_spark_errors_are_one_line_naming_the_cause() -> None:
    memory = _spark_error(Py4JJavaError(STAGE_FAILURE))
    assert isinstance(memory, InputError)
    text = str(memory)
    assert "\n" not in text and "ran out of memory" in text
    assert "java.lang.StackOverflowError in org.apache.spark.memory.TaskMemoryManager" in text
    assert "spark.executor.memory" in text and "inputs' columns" not in text
    lost = _spark_error(
        Py4JJavaError(
            "An error occurred while calling o5.collect.\n: org.apache.spark.SparkException: Job "
            "aborted: ExecutorLostFailure (executor 0 exited caused by one of the running tasks)"
        )
    )
    assert "ran out of memory" in str(lost)
    gone = str(_spark_error(Py4JJavaError("An error occurred while calling o90.toPythonIterator.")))
    assert "failed while running the query (An error occurred while calling o90" in gone
    assert "see Spark's logs" in gone

    class AnalysisException(Exception):
        pass

    AnalysisException.__module__ = "pyspark.errors.exceptions.captured"
    refused = str(_spark_error(AnalysisException("[UNRESOLVED_COLUMN] `amount` cannot be found")))
    assert refused.startswith("Spark could not run the query ([UNRESOLVED_COLUMN]")
    assert refused.endswith("check the inputs' columns")


@pytest.mark.spark
@pytest.mark.slow
@pytest.mark.xdist_group("spark")
def test_a_small_file_of_many_rows_is_not_broadcast(
    spark: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    """Before the run Spark sizes a Parquet file by its compressed bytes: 50,000 plans in well
    under Spark's 10 MB broadcast threshold were broadcast (built whole on the driver). Now the
    plan joins them by sort-merge; a small table shipped from the driver is still broadcast."""
    n = 50_000
    subs = pa.array([f"S{i:09d}" for i in range(n)])
    pq.write_table(
        pa.table({"subscriber": subs, "zone": pa.array(["UTC"] * n)}), tmp_path / "plans.parquet"
    )
    pq.write_table(
        pa.table({"subscriber": subs, "calls": pa.array(range(n), pa.int64())}),
        tmp_path / "affected.parquet",
    )
    assert (tmp_path / "plans.parquet").stat().st_size < 10 * 2**20
    with spark_sql("local[2]", "amends-tests") as on:
        on.register("regions", pa.table({"zone": ["UTC"], "name": ["Universal"]}))
        frame = on.sql(
            f"SELECT a.subscriber, a.calls, r.name FROM read_parquet('{tmp_path}/affected.parquet')"
            f" a LEFT JOIN read_parquet('{tmp_path}/plans.parquet') p USING (subscriber)"
            " LEFT JOIN regions r ON r.zone = p.zone"
        )
        before = frame._jdf.queryExecution().executedPlan().toString()
        rows = len(frame.collect())  # runs this plan (count() would plan anew)
    assert rows == n
    # planned: the file of plans joined by sort-merge, the one-row table shipped from the driver
    # broadcast (its size is known exactly)
    assert before.count("SortMergeJoin") == 1 and before.count("BroadcastHashJoin") == 1
    broadcast = before[before.index("BroadcastExchange") :]
    assert "LocalTableScan" in broadcast and "plans.parquet" not in broadcast
