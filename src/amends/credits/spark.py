"""Credits on Spark: the very SQL `credits_sql` builds for DuckDB, transpiled to Spark SQL by
sqlglot and run over the impact's subscribers and the plans as Spark reads them.

Only the computation moves: the credits come back to the run's DuckDB session in Arrow batches
(one partition at a time), where the ledger, the export and the summary run as they do for
`--engine duckdb`, so both engines write the same ledger rows and the same files.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from amends.credits.compute import affected_view
from amends.spark_sql import SparkSQL, spark_sql

if TYPE_CHECKING:
    from amends.credits.run import CreditsJob


@contextmanager
def spark_inputs(con: Any, job: CreditsJob) -> Iterator[SparkSQL]:
    """A SparkSQL on the job's master with `affected_in`, `plans_in` and `excl_in` as `credits_sql`
    expects them: the subscribers (and a Parquet plans file) read by Spark, a CSV plans file and
    the exclusions shipped from the DuckDB session `con`."""
    from amends.credits.run import _is_csv

    with spark_sql(job.master, "amends-credits") as spark:
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
        try:
            yield spark
        finally:
            spark.views.append("plans")  # made by credits_sql
