"""`amends impact`: find the outage windows in call records and write impact.json,
subscribers.parquet and the chart; the analysis itself is `amends.impact` (any Ibis backend)."""

from __future__ import annotations

import json
import threading
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.table import Table

from amends.errors import InputError
from amends.impact.engines import Engine
from amends.impact.engines import spark_master as spark_master_url

if TYPE_CHECKING:
    from amends.impact import ImpactResult

console = Console(stderr=True)
out_console = Console()


class Baseline(StrEnum):
    """The reference period (mirrors `amends.impact.BaselineMode`)."""

    AUTO = "auto"
    PREVIOUS_DAY = "previous-day"
    PREVIOUS_WEEK = "previous-week"


def register(app: typer.Typer) -> None:
    """Add the `impact` command."""
    app.command("impact")(impact)


def impact(
    events: list[str] = typer.Argument(
        ...,
        help="Call records: Parquet/CSV files, folders or globs, or a database table "
        "(postgresql://user@host/db?table=acc, mysql://...).",
        show_default=False,
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Folder for the outputs."),
    mapping: str | None = typer.Option(
        None,
        "--map",
        help="Column mapping: a built-in name (kamailio-acc, asterisk, ...) or a mapping file.",
    ),
    since: str | None = typer.Option(
        None, "--since", help="Database tables: read rows from this time (ISO 8601, with offset)."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Database tables: read rows before this time (ISO 8601)."
    ),
    tz: str | None = typer.Option(
        None, "--tz", help="Time zone for the summary's local times (impact.json stays UTC)."
    ),
    engine: Engine = typer.Option(Engine.DUCKDB, "--engine", help="duckdb (embedded) or spark."),
    spark_master: str | None = typer.Option(
        None,
        "--spark-master",
        help="With --engine spark: local[*] (default), spark://HOST:PORT, yarn or k8s://URL "
        "(else AMENDS_SPARK_MASTER).",
    ),
    baseline: Baseline | None = typer.Option(
        None, "--baseline", help="Reference period (default: [impact] baseline, else auto)."
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        help="amends.toml: \\[failures] (which codes are failures), \\[impact] (detection).",
    ),
    chart: bool = typer.Option(True, "--chart/--no-chart", help="Draw impact.png and .svg."),
) -> None:
    """Find the outage in raw call records: when, where, which services and who."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    zone = _zone(tz)
    if spark_master is not None:
        if engine is not Engine.SPARK:
            raise InputError("--spark-master runs the analysis on Spark: add --engine spark")
        spark_master_url(spark_master)  # checked before anything is read
    # Import what detection and the chart need while the engine scans (the scan releases the GIL).
    warm = threading.Thread(target=_preload, args=(chart,), daemon=True)
    warm.start()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        step = progress.add_task("reading events", total=None)
        from amends.impact.config import BaselineMode, load_impact_config

        cfg = load_impact_config(config, baseline=BaselineMode(baseline) if baseline else None)
        db = _table_source(events, engine, mapping, since, until)
        parquet = (
            _canonical_parquet(events)
            if engine is Engine.DUCKDB and not mapping and db is None
            else None
        )

        def say(text: str) -> None:
            progress.update(step, description=f"{text} ({engine.value})")

        from amends.events.load import engine_errors
        from amends.events.tables import parse_table_url

        # a table's errors name its URL without the password
        with engine_errors(parquet or ([parse_table_url(db[0]).shown] if db else events)):
            if parquet is not None:
                result = _analyse_parquet(parquet, cfg, say, warm)
            else:
                warm.join()
                result = _analyse_ibis(
                    events, mapping, engine, cfg, say, db=db, master=spark_master
                )
        progress.update(step, description="writing outputs")
        paths = write_outputs(result, output, chart=chart, tz=zone)
        progress.update(step, description="done", total=1, completed=1)
    out_console.print(summary_table(result, zone))
    ev = result.report.events
    out_console.print(
        f"{ev.attempts:,} attempts, {ev.network_failures:,} network failures, "
        f"{len(ev.regions)} regions, {len(ev.services)} services; wrote "
        + ", ".join(str(p) for p in paths)
    )


def _table_source(
    events: list[str], engine: Engine, mapping: str | None, since: str | None, until: str | None
) -> tuple[str, Any, Any] | None:
    """(URL, --since, --until) when the input is a database table, else None (after checks)."""
    from amends.cli.options import parse_time
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
    return (
        urls[0],
        parse_time(since, option="--since") if since else None,
        parse_time(until, option="--until") if until else None,
    )


def _analyse_ibis(
    events: list[str],
    mapping: str | None,
    engine: Engine,
    cfg: Any,
    say: Any,
    *,
    db: tuple[str, Any, Any] | None = None,
    master: str | None = None,
) -> ImpactResult:
    """Both passes through Ibis: any input the events loader reads, on DuckDB or Spark."""
    import ibis  # noqa: F401  (heavy: imported here, not at CLI start)

    from amends.impact.analysis import analyse
    from amends.impact.engines import connect

    say("reading events")
    con, stop = connect(engine, master=master, app="amends-impact")
    try:
        if db is not None:
            from amends.events.mapping import Mapping
            from amends.events.tables import read_range

            url, start, end = db
            rows = read_range(url, Mapping.load(mapping or ""), since=start, until=end, con=con)
            return analyse(rows, cfg, step=say)
        table = load(events, mapping=mapping, con=con)
        return analyse(table, cfg, step=say)
    finally:
        stop()


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


def _analyse_parquet(paths: list[Path], cfg: Any, say: Any, warm: threading.Thread) -> ImpactResult:
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
        con.execute("SET enable_progress_bar = false")  # the Rich display shows progress
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


def _zone(tz: str | None) -> str:
    """The display zone, checked (default UTC)."""
    if tz is None:
        return "UTC"
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            f"--tz: unknown time zone {tz!r}; use an IANA name like America/Chicago"
        ) from None
    return tz


def load(sources: list[str], *, mapping: str | None, con: Any) -> Any:
    """Canonical events as an Ibis table on `con`, validated by the events loader."""
    from amends.events.load import load_events

    return load_events([str(s) for s in sources], mapping=mapping, con=con)


def write_outputs(result: ImpactResult, out: Path, *, chart: bool, tz: str) -> list[Path]:
    """Write impact.json, subscribers.parquet and (optionally) impact.png/.svg into `out`."""
    import pyarrow.parquet as pq

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output folder ({exc.strerror})", path=str(out)
        ) from None
    paths = [out / "impact.json", out / "subscribers.parquet"]
    data = result.report.model_dump(mode="json")
    # Each output appears whole or not at all: written beside its name, then renamed into place.
    tmp = out / ".subscribers.parquet.tmp"
    pq.write_table(result.subscribers, tmp)
    tmp.replace(paths[1])
    tmp = out / ".impact.json.tmp"
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    tmp.replace(paths[0])
    if chart:
        from amends.impact.chart import render

        fig = render(result, tz=tz)
        for ext in ("png", "svg"):
            path = out / f"impact.{ext}"
            fig.savefig(path, dpi=110)
            paths.append(path)
    return paths


def summary_table(result: ImpactResult, tz: str) -> Table:
    """One row per outage window, times in the display zone."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    windows = result.report.windows
    table = Table(title=f"Outage windows ({len(windows)}), times in {tz}", title_justify="left")
    for col in ("window", "kind", "start", "end", "regions", "services"):
        table.add_column(col)
    for col in ("subscribers", "failed attempts", "failure rate"):
        table.add_column(col, justify="right")
    for w in windows:
        attempts = sum(s.attempts for s in w.scope)
        fmt = "%Y-%m-%d %H:%M %Z"
        table.add_row(
            w.id,
            w.kind,
            w.start.astimezone(zone).strftime(fmt),
            w.end.astimezone(zone).strftime(fmt) if w.end else "ongoing",
            ", ".join(w.regions),
            ", ".join(w.services),
            f"{w.subscribers_affected:,}",
            f"{w.failed_attempts:,}",
            f"{w.failed_attempts / attempts:.1%}" if attempts else "–",
        )
    return table
