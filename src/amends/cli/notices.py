"""`amends notices`: one personal notice per affected customer, streamed to Parquet."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

from amends.errors import InputError

console = Console(stderr=True)
out_console = Console()


def register(app: typer.Typer) -> None:
    """Add the `notices` command."""
    app.command("notices")(notices_command)


def notices_command(
    incident: Path = typer.Argument(..., help="Incident YAML file."),
    impact: Path = typer.Option(..., "--impact", help="Folder written by `amends impact`."),
    credits: Path | None = typer.Option(
        None, "--credits", help="Credits Parquet (subscriber, amount, currency)."
    ),
    plans: Path | None = typer.Option(
        None, "--plans", help="Subscribers/plans Parquet (default: *.subscribers.parquet nearby)."
    ),
    locale: str = typer.Option("en", "--locale", help="Locale for customers without one."),
    templates: Path | None = typer.Option(None, "--templates", help="Your template folder."),
    output: Path = typer.Option(..., "-o", "--output", help="Notices Parquet to write."),
) -> None:
    """Write one notice per affected customer: their failed calls, local times, credit, help."""
    import pyarrow.parquet as pq
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from amends.compose.notices import NOTICES_SCHEMA, iter_notices
    from amends.incident import load_incident

    record = load_incident(incident)
    folder = impact if impact.is_dir() else impact.parent
    affected = folder / "subscribers.parquet"
    if not affected.is_file():
        raise InputError(
            "subscribers.parquet not found; pass the folder `amends impact` wrote", path=str(folder)
        )
    plan_file = plans
    if plan_file is None:
        found = sorted(folder.glob("*.subscribers.parquet")) or sorted(
            folder.parent.glob("*.subscribers.parquet")
        )
        plan_file = found[0] if len(found) == 1 else None
    for p in (plan_file, credits):
        if p is not None and not p.is_file():
            raise InputError("file not found", path=str(p))
    total = pq.ParquetFile(affected).metadata.num_rows
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    rows = 0
    try:
        with (
            pq.ParquetWriter(tmp, NOTICES_SCHEMA, compression="zstd") as writer,
            Progress(
                TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console
            ) as progress,
        ):
            task = progress.add_task("writing notices", total=total)
            for batch in iter_notices(
                record,
                affected,
                plans=plan_file,
                credits=credits,
                locale=locale,
                templates=templates,
            ):
                writer.write_batch(batch)
                rows += batch.num_rows
                progress.update(task, completed=min(total, rows))
        os.replace(tmp, output)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    out_console.print(f"wrote {rows:,} notices to {output}")
