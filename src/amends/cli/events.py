"""`amends events inspect|convert`: validate event files and summarise or convert them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from amends.events.summary import EventSummary

console = Console()

events_app = typer.Typer(
    help="Load and validate outage events (CDRs, access logs), summarise or convert them.",
    no_args_is_help=True,
)

FILES = typer.Argument(..., help="Event files or globs (Parquet, CSV, or as --map says).")
MAP = typer.Option(
    None,
    "--map",
    "-m",
    help="Column mapping: a built-in (asterisk, freeswitch, clf) or a mapping TOML file.",
)
TZ = typer.Option(None, "--tz", help="Time zone of naive timestamps, e.g. America/New_York.")
CONFIG = typer.Option(
    None, "--config", help="amends.toml with a \\[failures] table (default: ./amends.toml)."
)


def register(app: typer.Typer) -> None:
    """Add the `events` command group."""
    app.add_typer(events_app, name="events")


@events_app.command("inspect")
def inspect(
    files: list[str] = FILES,
    mapping: str | None = MAP,
    tz: str | None = TZ,
    config: Path | None = CONFIG,
) -> None:
    """Validate event files and print a summary: rows, time range, regions, services, failures."""
    from amends.events.config import load_failure_policy
    from amends.events.load import engine_errors, load_events
    from amends.events.summary import summarize

    policy = load_failure_policy(config)
    with console.status("Validating and loading events..."), engine_errors(files):
        table = load_events(files, mapping=mapping, tz=tz)
        summary = summarize(table, policy)
    console.print(summary_table(summary, title=f"{len(files)} input(s): valid"))


@events_app.command("convert")
def convert(
    files: list[str] = FILES,
    output: Path = typer.Option(..., "-o", "--output", help="Canonical Parquet file to write."),
    mapping: str | None = MAP,
    tz: str | None = TZ,
    config: Path | None = CONFIG,
) -> None:
    """Validate event files and write them as one canonical Parquet file."""
    import pyarrow.parquet as pq
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from amends.errors import prepare_output, public_mode
    from amends.events.batches import record_batches
    from amends.events.config import load_failure_policy
    from amends.events.load import engine_errors, load_events
    from amends.events.schema import EVENT_SCHEMA
    from amends.events.summary import summarize

    policy = load_failure_policy(config)
    prepare_output(output, kind="file", create=False)
    with console.status("Validating and loading events..."), engine_errors(files):
        table = load_events(files, mapping=mapping, tz=tz)
        total = int(table.count().to_pyarrow().as_py())
    made = [p for p in (output.parent, *output.parent.parents) if not p.exists()]
    prepare_output(output, kind="file")
    partial = output.with_name(output.name + ".partial")
    try:
        with (
            engine_errors(files),
            Progress(
                TextColumn("[bold]Writing[/] {task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=console,
            ) as progress,
            pq.ParquetWriter(partial, EVENT_SCHEMA, compression="zstd") as writer,
        ):
            task = progress.add_task(output.name, total=total)
            for batch in record_batches(table):
                writer.write_batch(batch.cast(EVENT_SCHEMA))
                progress.advance(task, batch.num_rows)
        public_mode(partial)
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        for folder in made:  # the folders this run made, deepest first, if still empty
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    with engine_errors(files):
        summary = summarize(table, policy)
    console.print(summary_table(summary, title=f"Wrote {output}"))


def summary_table(summary: EventSummary, *, title: str) -> Table:
    """The summary as a two-column Rich table."""

    def top(counts: dict[str, int], n: int) -> str:
        shown = ", ".join(f"{k} ({v:,})" for k, v in counts.items())
        return f"{n}: {shown}" + (", ..." if n > len(counts) else "")

    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column("what", style="bold")
    table.add_column("value", overflow="fold")
    table.add_row("rows", f"{summary.rows:,}")
    first = summary.first.isoformat() if summary.first else "-"
    last = summary.last.isoformat() if summary.last else "-"
    table.add_row("time range (UTC)", f"{first} → {last}")
    table.add_row("regions", top(summary.regions, summary.region_count))
    table.add_row("services", top(summary.services, summary.service_count))
    table.add_row("network failures", f"{summary.network_failures:,}")
    table.add_row("failure rate", f"{summary.failure_rate:.2%}")
    return table
