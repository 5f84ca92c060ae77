"""`amends notices`: one personal notice per affected customer, streamed to Parquet.

Every input is opened and checked (format by extension, columns, money) and the output path
checked before any notice is written; a bad file is one line naming it, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from amends.errors import InputError, prepare_output
from amends.impact.engines import Engine, check_master

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
    engine: Engine = typer.Option(
        Engine.DUCKDB, "--engine", help="Join and aggregate on duckdb (embedded) or spark."
    ),
    spark_master: str | None = typer.Option(
        None,
        "--spark-master",
        help="With --engine spark: local[*] (default), spark://HOST:PORT, yarn or k8s://URL "
        "(or $AMENDS_SPARK_MASTER).",
    ),
) -> None:
    """Write one notice per affected customer: their failed calls, local times, credit, help."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from amends.compose.notices import read_side_input, write_notices
    from amends.incident import load_incident
    from amends.incident.prefill import plans_near

    check_master(engine, spark_master)
    prepare_output(output, create=False)  # before any work; creates nothing yet
    record = load_incident(incident)
    folder = impact if impact.is_dir() else impact.parent
    affected = folder / "subscribers.parquet"
    if not affected.is_file():
        raise InputError(
            "subscribers.parquet not found; pass the folder `amends impact` wrote", path=str(folder)
        )
    plan_file = plans if plans is not None else plans_near(folder)
    plan_src = read_side_input(plan_file, "plans") if plan_file is not None else None
    credit_src = read_side_input(credits, "credits") if credits is not None else None
    try:
        total = pq.ParquetFile(affected).metadata.num_rows
    except (pa.ArrowException, OSError) as exc:
        raise InputError(
            "not a Parquet file; pass the folder `amends impact` wrote", path=str(affected)
        ) from exc
    with Progress(
        TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console
    ) as progress:
        task = progress.add_task("writing notices", total=total)
        rows = write_notices(
            record,
            affected,
            output,
            plans=plan_src,
            credits=credit_src,
            locale=locale,
            templates=templates,
            progress=lambda done: progress.update(task, completed=min(total, done)),
            inputs=[p for p in (affected, plan_file, credits) if p is not None],
            where=str(incident),
            engine=engine,
            master=spark_master,
        )
    out_console.print(f"wrote {rows:,} notices to {output}")
