"""`amends impact`: find the outage windows in call records and write impact.json,
subscribers.parquet and the chart; the analysis itself is `amends.impact` (any Ibis backend)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from amends.errors import InputError
from amends.impact.engines import Engine

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

    from amends.cli.options import parse_time
    from amends.impact.config import BaselineMode, load_impact_config
    from amends.impact.engines import analyse_sources
    from amends.impact.outputs import write_outputs

    zone = _zone(tz)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        step = progress.add_task("reading events", total=None)
        result = analyse_sources(
            events,
            load_impact_config(config, baseline=BaselineMode(baseline) if baseline else None),
            engine=engine,
            mapping=mapping,
            since=parse_time(since, option="--since") if since else None,
            until=parse_time(until, option="--until") if until else None,
            master=spark_master,
            chart=chart,
            step=lambda text: progress.update(step, description=f"{text} ({engine.value})"),
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
