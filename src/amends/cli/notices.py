"""`amends notices`: one personal notice per affected customer, streamed to Parquet.

Every input is opened and checked (format by extension, columns, money) and the output path
checked before any notice is written; a bad file is one line naming it, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from amends.errors import InputError, escape_controls, prepare_output
from amends.impact.engines import Engine, check_master

if TYPE_CHECKING:
    import pyarrow as pa

console = Console(stderr=True)
out_console = Console()
#: Columns each side input must have.
NEEDED = {"plans": ("subscriber",), "credits": ("subscriber", "amount", "currency")}


def read_side_input(path: Path, what: str) -> pa.Table | Path:
    """Open a --plans or --credits file by its extension (.csv read as text columns, else
    Parquet) and check its columns; a Parquet file is returned as its path (streamed later)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    where = str(path)
    if not path.is_file():
        raise InputError("file not found" if not path.exists() else "is not a file", path=where)
    if path.suffix.lower() == ".csv":
        try:
            names = pcsv.open_csv(path).schema.names
            table = pcsv.read_csv(
                path,
                convert_options=pcsv.ConvertOptions(
                    column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=True
                ),
            )
        except (pa.ArrowInvalid, UnicodeDecodeError, OSError) as exc:
            reason = escape_controls((str(exc) or type(exc).__name__).splitlines()[0][:200])
            raise InputError(
                f"cannot read the {what} file as CSV ({reason}); give UTF-8 CSV with a header",
                path=where,
            ) from exc
        names = table.column_names
    else:
        try:
            names = pq.read_schema(path).names
        except (pa.ArrowException, OSError) as exc:
            raise InputError(
                f"not a Parquet file; give the {what} as .parquet or .csv", path=where
            ) from exc
        table = None
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise InputError(f"column {twice!r} appears twice; keep one", path=where)
    missing = [c for c in NEEDED[what] if c not in names]
    if missing:
        shown = ", ".join(repr(n)[:40] for n in names[:10])
        raise InputError(
            f"the {what} file needs column(s) {', '.join(missing)} (it has {shown or 'none'})",
            path=where,
        )
    if table is None:
        return path
    if what == "credits":
        try:
            pc.cast(table.column("amount"), pa.decimal128(38, 9))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            raise InputError(
                "column 'amount' holds a value that is not a decimal number; write amounts "
                "like 12.50",
                path=where,
            ) from exc
    return table


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

    from amends.compose.notices import write_notices
    from amends.incident import load_incident

    check_master(engine, spark_master)
    prepare_output(output, create=False)  # before any work; creates nothing yet
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
