"""The whole `amends credits` run, at any size: compute, record in the ledger, export, summarise.

Everything streams through one DuckDB session on a private temp folder (spilling to disk beyond
`ENGINE_MEMORY`): the impact's subscribers and a Parquet plans file are scanned in place, a CSV
plans file is streamed in once; the credits are computed by `credits_sql`, recorded by
`amends.store.ledger.record_from` (bulk, exactly once), and the export (the ledger's net for the
policy), its CSV and Parquet files, the summary and the chart are computed column-wise from
DuckDB tables, never one value at a time in Python.

`prepare` checks the inputs (no store needed); `run` does the work against an opened store.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amends.credits.compute import (
    _PLAN_COLUMNS,
    add_exclusions,
    affected_view,
    credits_sql,
    exclusions_table,
    run_windows,
)
from amends.credits.policy import CASH, Policy, load_policy
from amends.errors import InputError, read_text
from amends.files import atomic_path, open_csv_text, save_figure_atomic
from amends.impact.engines import Engine, check_master
from amends.progress import Progress
from amends.subscriber_ranges import parts_for, split_by_subscriber

if TYPE_CHECKING:
    import pyarrow as pa

    from amends.store import Store
    from amends.store.ledger import RecordResult

#: DuckDB's memory for the run; joins, sorts and tables beyond it spill to the temp folder.
ENGINE_MEMORY = "1GB"
#: Rows per Arrow batch streamed to the export files.
EXPORT_BATCH = 262_144
#: Columns of the exported credits (CSV and Parquet).
EXPORT_COLUMNS = ("subscriber", "window", "amount", "currency", "unit", "policy", "reason")


@dataclass(frozen=True)
class CreditsJob:
    """A checked credits run: the incident, its windows, the policy and the files."""

    incident_id: str
    windows: Sequence[Any]
    policy: Policy
    policy_path: Path
    affected_path: Path
    affected: pa.Schema
    plans_path: Path | None
    plans: pa.Schema | None
    output: Path
    chart: bool = True
    engine: Engine = Engine.DUCKDB
    #: the Spark master (with Engine.SPARK; None: AMENDS_SPARK_MASTER or local[*])
    master: str | None = None


@dataclass(frozen=True)
class Summary:
    """The run's totals: per (currency, unit), per amount, per region (small, aggregated)."""

    #: (currency, unit, credits, total)
    totals: list[tuple[str, str, int, Decimal]]
    #: (amount, unit, currency, subscribers)
    per_amount: list[tuple[Decimal, str, str, int]]
    #: (region, subscribers, cash, cash credits)
    per_region: list[tuple[str, int, Decimal, int]]
    #: (cash amount, subscribers), for the chart
    cash_per_amount: list[tuple[Decimal, int]] = field(default_factory=list)


@dataclass(frozen=True)
class CreditsRun:
    """What a credits run did: the policy, the ledger result, the summary and the files."""

    policy: Policy
    recorded: RecordResult
    summary: Summary
    paths: list[Path]


def incident_inputs(path: Path, impact: Path) -> tuple[str, list[Any]]:
    """The incident id and windows: from the incident file, windows from impact.json if absent."""
    try:
        from amends.incident import load_incident

        record = load_incident(path)
        incident_id, windows = record.id, list(record.windows)
    except InputError:
        raise
    except Exception:  # the incident model is in flux: read just the id and windows
        incident_id, windows = read_incident_raw(path)
    if not windows:
        windows = impact_windows(impact)
    return incident_id, windows


def incident_policy(path: Path) -> Path:
    """The policy the incident names (compensation.policy, relative to the incident file)."""
    import yaml

    from amends.incident.io import safe_load_unique

    try:
        data = safe_load_unique(read_text(path, what="incident file"))
    except yaml.YAMLError:
        data = None
    named = (
        ((data or {}).get("compensation") or {}).get("policy") if isinstance(data, dict) else None
    )
    if not isinstance(named, str) or not named:
        raise InputError(
            "no --policy given and the incident names none (compensation.policy); pass --policy",
            path=str(path),
        )
    return path.parent / named


def read_incident_raw(path: Path) -> tuple[str, list[Any]]:
    """The incident's id and windows read as plain YAML (when the full record does not load)."""
    import yaml

    from amends.impact.model import Window
    from amends.incident.io import safe_load_unique

    text = read_text(path, what="incident file", hint="check the path")
    try:
        data = safe_load_unique(text)
    except yaml.YAMLError as exc:
        raise InputError(f"cannot read the incident ({exc})", path=str(path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise InputError("the incident has no `id`; add one (a slug)", path=str(path))
    try:
        windows = [Window.model_validate(w) for w in data.get("windows") or []]
    except ValueError as exc:
        raise InputError(f"windows: {str(exc).splitlines()[0]}", path=str(path)) from None
    return data["id"], windows


def impact_windows(impact: Path) -> list[Any]:
    """Every window of the impact folder's impact.json."""
    from amends.impact.outputs import read_report

    return list(read_report(impact).windows)


def prepare(
    *,
    incident_id: str,
    windows: Sequence[Any],
    impact: Path,
    policy_path: Path,
    plans_path: Path | None,
    output: Path,
    chart: bool = True,
    engine: Engine = Engine.DUCKDB,
    master: str | None = None,
) -> CreditsJob:
    """Load the policy and check the files (their schemas), `-o` and the engine, before any store
    is open."""
    check_master(engine, master)
    policy = load_policy(policy_path)
    check_export_paths(output, create=False)  # before the ledger: refuse a bad -o up front
    affected_path = impact / "subscribers.parquet"
    affected = _schema(affected_path, "impact subscribers")
    plans = _schema(plans_path, "plans") if plans_path is not None else None
    return CreditsJob(
        incident_id,
        windows,
        policy,
        policy_path,
        affected_path,
        affected,
        plans_path,
        plans,
        output,
        chart,
        engine,
        master,
    )


def run(job: CreditsJob, store: Store, progress: Progress | None = None) -> CreditsRun:
    """Compute, record and export (and draw): the whole command, minus its printing."""
    from amends.duckdb_session import duckdb_session
    from amends.store.ledger import record_from

    def say(what: str, done: int | None = None, total: int | None = None) -> None:
        if progress is not None:
            progress(what, done, total)

    policy = job.policy
    with duckdb_session(ENGINE_MEMORY) as con:
        say(f"computing credits ({policy.id})")
        con.execute(
            f"CREATE VIEW affected_src AS SELECT * FROM read_parquet({_q(job.affected_path)})"
        )
        parts = 1 if job.engine is Engine.SPARK else parts_for(_parquet_rows(job.affected_path))
        if job.plans_path is not None:
            _plans_in(con, job.plans_path, job.plans, "plans_in" if parts == 1 else "plans_whole")
        _exclusions(con, job, store)
        ordered = parts > 1  # the parts are computed in key order
        if ordered:
            _compute_in_parts(con, job, parts, say)
        else:
            con.execute(f"CREATE VIEW affected_in AS {affected_view(job.affected, 'affected_src')}")
            with ExitStack() as stack:
                engine_con = con
                if job.engine is Engine.SPARK:
                    from amends.credits.spark import spark_inputs

                    say(f"computing credits ({policy.id}) on Spark")
                    engine_con = stack.enter_context(spark_inputs(con, job))
                sql = _credits_sql(engine_con, job)
                if sql is None:
                    _no_credits(con)
                elif engine_con is con:
                    con.execute(f"CREATE TABLE credits AS {sql}")
                else:
                    engine_con.fetch_into(con, "credits", sql)
        count = con.execute("SELECT count(*) FROM credits").fetchall()[0][0]
        check_export_paths(job.output)  # make the folder now, so the export cannot fail after
        say("recording credits in the ledger", 0, count)
        recorded = record_from(
            store,
            con,
            "credits",
            job.incident_id,
            policy_id=policy.id,
            version=policy.version,
            windows=run_windows(job.windows, policy),
            ordered=ordered,
            on_batch=lambda done, total: say("recording credits in the ledger", done, total),
        )
        say("writing the export")
        con.execute("CREATE TABLE export AS SELECT * FROM ledger_export")
        paths = write_export(con, "export", job.output, policy)
        summary = summarize(con, "export", "credits")
        if job.chart:
            say("drawing the chart")
            paths += write_chart(summary, policy, paths[0])
    say("done")
    return CreditsRun(policy, recorded, summary, paths)


def _credits_sql(con: Any, job: CreditsJob) -> str | None:
    """`credits_sql` for the job on `con`, naming the plans file in a message about it."""
    try:
        return credits_sql(
            con,
            job.windows,
            job.policy,
            affected=job.affected,
            plans=job.plans,
            engine=job.engine,
        )
    except InputError as exc:
        if exc.path is None and job.plans_path is not None and "plans file" in str(exc):
            raise InputError(str(exc), path=str(job.plans_path)) from None
        raise


def _no_credits(con: Any) -> None:
    """The empty `credits` table (no window left to credit)."""
    con.execute(
        'CREATE TABLE credits (subscriber VARCHAR, "window" VARCHAR, '
        "amount DECIMAL(20, 6), currency VARCHAR, unit VARCHAR, reason VARCHAR, "
        "inputs VARCHAR, region VARCHAR)"
    )


def _compute_in_parts(con: Any, job: CreditsJob, parts: int, say: Progress) -> None:
    """`credits` on DuckDB above `amends.subscriber_ranges.PART_ROWS` affected rows: the impact's
    subscribers and the plans split into ranges of subscriber ids, each part computed on its own
    (each subscriber's rows are in one part), so DuckDB's working set is one part's. Each part is
    stored sorted into the ledger's key order and the parts follow in subscriber order, so the
    table is in key order with no sort of the whole (`record_from(..., ordered=True)`)."""
    from amends.duckdb_session import session_folder
    from amends.store.ledger import KEY_ORDER

    work = session_folder(con)
    assert work is not None  # run() computes in a duckdb_session
    folder = work / "parts"
    relations = {"affected": "affected_src"}
    if job.plans_path is not None:
        relations["plans"] = "plans_whole"
    con.execute("SET preserve_insertion_order = false")  # for the split; the parts keep order
    try:
        say(f"computing credits ({job.policy.id}): splitting the inputs into {parts} parts")
        made = False
        for i, part in enumerate(split_by_subscriber(con, relations, parts, folder)):
            if part["affected"] is not None:
                source = f"read_parquet({_q(part['affected'])})"
                con.execute(
                    f"CREATE OR REPLACE VIEW affected_in AS {affected_view(job.affected, source)}"
                )
                if job.plans_path is not None:
                    plans = (
                        f"SELECT * FROM read_parquet({_q(part['plans'])})"
                        if part.get("plans")
                        else "SELECT * FROM plans_whole LIMIT 0"
                    )
                    con.execute(f"CREATE OR REPLACE VIEW plans_in AS {plans}")
                sql = _credits_sql(con, job)
                if sql is None:
                    break  # no window: the same for every part
                con.execute("SET preserve_insertion_order = true")
                con.execute(
                    f"{'INSERT INTO credits' if made else 'CREATE TABLE credits AS'} "
                    f"SELECT * FROM ({sql}) ORDER BY {KEY_ORDER}"
                )
                con.execute("SET preserve_insertion_order = false")
                made = True
            say(f"computing credits ({job.policy.id}): parts done", i + 1, parts)
        if not made:
            _no_credits(con)
    finally:
        con.execute("SET preserve_insertion_order = true")


def _parquet_rows(path: Path) -> int:
    """Rows of a Parquet file, from its footer."""
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


def _q(text: object) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def _schema(path: Path, what: str) -> pa.Schema:
    """The schema of a CSV (every column as text, so money stays exact) or Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not path.is_file():
        raise InputError(f"no such {what} file; check the path", path=str(path))
    try:
        if _is_csv(path):
            with _csv_reader(path) as reader:
                return reader.schema
        return pq.read_schema(path)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
        raise _unreadable(what, path, exc) from None


def _unreadable(what: str, path: Path, exc: BaseException) -> InputError:
    return InputError(
        f"cannot read the {what} file ({str(exc).splitlines()[0]}); give CSV or Parquet",
        path=str(path),
    )


def _is_csv(path: Path) -> bool:
    return path.suffix.lower() in (".csv", ".txt")


def _csv_reader(path: Path, columns: Sequence[str] | None = None) -> Any:
    """A streaming reader of a CSV file, every column as text (an empty field is the empty
    string); `columns`: only those."""
    return open_csv_text(path, columns, empty_is_null=False)


def read_table(path: Path, what: str) -> pa.Table:
    """A small CSV (every column as text) or Parquet file as an Arrow table (the exclusions)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    _schema(path, what)
    try:
        if _is_csv(path):
            with _csv_reader(path) as reader:
                return reader.read_all()
        return pq.read_table(path)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
        raise _unreadable(what, path, exc) from None


def _plans_in(con: Any, path: Path, schema: pa.Schema | None, name: str = "plans_in") -> None:
    """`name` (`plans_in`): a view over a Parquet plans file, or the CSV's used columns
    streamed into a DuckDB table once (the query reads the plans several times)."""
    import duckdb
    import pyarrow as pa

    if not _is_csv(path):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({_q(path)})")
        return
    try:
        with _csv_reader(path, _PLAN_COLUMNS) as reader:
            con.register("plans_reader", reader)
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM plans_reader")
            con.unregister("plans_reader")
    except duckdb.OutOfMemoryException:
        raise  # the machine's limit, not the file's fault (amends.cli.main says so)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError, duckdb.Error) as exc:
        raise _unreadable("plans", path, exc) from None


def _exclusions(con: Any, job: CreditsJob, store: Store) -> None:
    """`excl_in`: the policy's exclusions file, and the accounts `credited_by` other policies
    already credited for the same window (from the ledger)."""
    import pyarrow as pa

    from amends.store.ledger import load_ledger, net_sql

    policy = job.policy
    exclusions_table(con)
    if policy.exclude.file is not None:
        path = job.policy_path.parent / policy.exclude.file
        table = read_table(path, "exclusions")
        if "subscriber" not in table.column_names:
            raise InputError(
                "the exclusions file needs a `subscriber` column (and optionally `window`)",
                path=str(path),
            )
        window = (
            table.column("window").cast(pa.string())
            if "window" in table.column_names
            else pa.nulls(table.num_rows, pa.string())
        )
        add_exclusions(
            con,
            pa.table(
                {"subscriber": table.column("subscriber").cast(pa.string()), "window": window}
            ),
        )
    for other in policy.exclude.credited_by:
        load_ledger(store, con, "paid", job.incident_id, other)
        con.execute(f'INSERT INTO excl_in SELECT subscriber, "window" FROM ({net_sql("paid")})')
        con.execute("DROP TABLE paid")


def summarize(con: Any, export: str, computed: str) -> Summary:
    """The summary, aggregated in DuckDB: totals per (currency, unit), subscribers per amount,
    subscribers and cash per region (each credit's region from the computed table)."""
    totals = con.execute(
        f"SELECT currency, unit, count(*), sum(amount) FROM {export} "
        "GROUP BY currency, unit ORDER BY currency, unit"
    ).fetchall()
    per_amount = con.execute(
        f"SELECT amount, unit, currency, count(*) FROM {export} "
        "GROUP BY amount, unit, currency ORDER BY unit, amount, currency"
    ).fetchall()
    per_region = con.execute(
        f"""WITH regions AS (
                SELECT subscriber, "window", min(region) AS region FROM {computed}
                GROUP BY subscriber, "window"
            )
            SELECT coalesce(r.region, '(unknown)') AS region, count(DISTINCT e.subscriber),
                   coalesce(sum(e.amount) FILTER (WHERE e.unit = {_q(CASH)}), 0),
                   count(*) FILTER (WHERE e.unit = {_q(CASH)})
            FROM {export} e LEFT JOIN regions r
              ON r.subscriber = e.subscriber AND r."window" = e."window"
            GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    cash = con.execute(
        f"SELECT amount, count(*) FROM {export} WHERE unit = {_q(CASH)} "
        "GROUP BY amount ORDER BY amount"
    ).fetchall()
    return Summary(
        [tuple(r) for r in totals],
        [tuple(r) for r in per_amount],
        [tuple(r) for r in per_region],
        [tuple(r) for r in cash],
    )


def export_paths(output: Path) -> tuple[Path, Path]:
    """The CSV and Parquet files `-o` names (`x.csv` or `x.parquet` or `x` -> x.csv, x.parquet)."""
    stem = output.with_suffix("") if output.suffix.lower() in (".csv", ".parquet") else output
    return stem.with_suffix(".csv"), stem.with_suffix(".parquet")


def check_export_paths(output: Path, *, create: bool = True) -> None:
    """Refuse an `-o` that is a folder (or whose exports or charts would land on folders) or
    that lies under a file; with `create`, make its folder."""
    from amends.errors import prepare_output

    if output.is_dir():
        raise InputError("is a folder; give a file name like credits.csv", path=str(output))
    csv_path, parquet_path = export_paths(output)
    for path in (
        csv_path,
        parquet_path,
        csv_path.with_suffix(".png"),
        csv_path.with_suffix(".svg"),
    ):
        prepare_output(path, kind="file", create=False)
    if create:
        prepare_output(csv_path, kind="file")


def _scale(policy: Policy) -> int:
    digits = [policy.digits] + [policy.unit_digits(u) for u in policy.allowances()]
    return max(digits)


def write_export(con: Any, export: str, output: Path, policy: Policy) -> list[Path]:
    """Write the export table as CSV and Parquet, streamed in batches, each file atomically
    (temp file + rename); amounts at the policy's minor units (6 places if some have more)."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    csv_path, parquet_path = export_paths(output)
    scale = _scale(policy)
    finer = con.execute(
        f"SELECT count(*) FROM {export} WHERE amount <> CAST(amount AS DECIMAL(38, {scale}))"
    ).fetchall()[0][0]
    scale = 6 if finer else scale
    columns = ", ".join(
        f"CAST(amount AS DECIMAL(20, {scale})) AS amount" if c == "amount" else f'"{c}"'
        for c in EXPORT_COLUMNS
    )
    try:
        with atomic_path(parquet_path) as parquet_tmp, atomic_path(csv_path) as csv_tmp:
            reader = con.sql(f"SELECT {columns} FROM {export}").to_arrow_reader(EXPORT_BATCH)
            with (
                pcsv.CSVWriter(csv_tmp, reader.schema) as csv_out,
                pq.ParquetWriter(parquet_tmp, reader.schema) as parquet_out,
            ):
                for batch in reader:
                    csv_out.write_batch(batch)
                    parquet_out.write_batch(batch)
    except OSError as exc:
        raise InputError(f"cannot write the export ({exc.strerror})", path=str(csv_path)) from None
    return [csv_path, parquet_path]


def write_chart(summary: Summary, policy: Policy, csv_path: Path) -> list[Path]:
    """Draw credits.png and credits.svg beside the CSV (each written to a temp file, renamed)."""
    import matplotlib

    matplotlib.use("Agg")
    from amends.credits.chart import render

    regions = [(name, cash) for name, _subs, cash, rows in summary.per_region if rows]
    fig = render(summary.cash_per_amount, regions, policy.currency, policy.digits)
    return [
        save_figure_atomic(fig, csv_path.with_suffix(f".{ext}"), dpi=110) for ext in ("png", "svg")
    ]
