"""`amends db`: create or upgrade the store's schema, show its revision, import the plans file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from amends.errors import InputError

if TYPE_CHECKING:
    import pyarrow as pa

    from amends.store import Store

db_app = typer.Typer(
    name="db",
    help="The store's database: create or upgrade its schema, show its revision, import plans.",
    no_args_is_help=True,
)

#: Files with at least this many rows show a progress bar while importing.
PROGRESS_FROM = 50_000

DB_OPTION = typer.Option(
    None,
    "--db",
    help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db).",
    show_default=False,
)


def register(app: typer.Typer) -> None:
    """Add the `db` command group."""
    app.add_typer(db_app, name="db")


def open_cli_store(url: str | None, *, migrate: bool = True, create: bool = False) -> Store:
    """Open the store for a command; an unreachable or malformed database is a one-line error,
    and so is one that does not exist yet (only `create=True` callers may create it)."""
    from sqlalchemy.exc import SQLAlchemyError

    from amends.store import open_store
    from amends.store.engine import resolve_url

    shown = resolve_url(url).render_as_string(hide_password=True)
    store = None
    try:
        store = open_store(url, migrate=migrate, create=create)
        with store.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        return store
    except SQLAlchemyError as exc:
        if store is not None:
            store.close()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise InputError(
            f"cannot open the database {shown}: {reason}; check --db or AMENDS_DB_URL"
        ) from exc


@db_app.command("upgrade")
def upgrade(
    db: str | None = DB_OPTION,
    revision: str = typer.Option("head", "--revision", help="Target revision."),
) -> None:
    """Create the tables or bring them to the newest migration (safe to run again)."""
    from alembic.util import CommandError

    from amends.store.migrate import upgrade as run_upgrade

    with open_cli_store(db, migrate=False, create=True) as store:
        before = store.current()
        try:
            run_upgrade(store, revision)
        except CommandError as exc:
            reason = str(exc).strip().splitlines()[0]
            raise InputError(
                f"--revision {revision!r}: {reason}; use head or a revision in docs/store.md"
            ) from None
        after = store.current()
        shown = store.engine.url.render_as_string(hide_password=True)
    if before == after:
        typer.echo(f"{shown}: already at revision {after}")
    else:
        typer.echo(f"{shown}: upgraded from {before or 'empty'} to {after}")


@db_app.command("current")
def current(db: str | None = DB_OPTION) -> None:
    """Show the database's migration revision and whether it is the newest."""
    from amends.store.engine import resolve_url, sqlite_file_missing
    from amends.store.migrate import head

    if sqlite_file_missing(db):  # report it without creating the file
        rev, shown = None, resolve_url(db).render_as_string(hide_password=True)
    else:
        with open_cli_store(db, migrate=False, create=True) as store:  # creates nothing
            rev = store.current()
            shown = store.engine.url.render_as_string(hide_password=True)
    newest = head()
    if rev is None:
        typer.echo(
            f"{shown}: not created yet (newest is {newest}); run `amends db upgrade --db {shown}`"
        )
    elif rev == newest:
        typer.echo(f"{shown}: revision {rev} (newest)")
    else:
        typer.echo(f"{shown}: revision {rev}; newest is {newest}: run `amends db upgrade`")


def read_plans(path: Path) -> pa.Table:
    """The plans file (CSV with a header, every column read as text so fees stay exact; or
    Parquet) as an Arrow table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from amends.files import read_csv_text

    if not path.is_file():
        raise InputError("no such plans file; check the path", path=str(path))
    try:
        if path.suffix.lower() in (".csv", ".txt"):
            # only an empty field is missing: "NaN", "null" or "NA" reach the checks as text
            return read_csv_text(path)
        return pq.read_table(path)
    except (pa.ArrowInvalid, OSError, UnicodeDecodeError) as exc:
        reason = str(exc).strip().splitlines()[0]
        raise InputError(
            f"cannot read the plans file ({reason}); give CSV with a header row or Parquet",
            path=str(path),
        ) from None


@db_app.command("import-plans")
def import_plans(
    plans: Path = typer.Argument(
        ..., help="The customers' plans: CSV or Parquet.", show_default=False
    ),
    replace: bool = typer.Option(
        False, "--replace", help="Also delete stored customers that are not in the file."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Load the provider's customers (the plans file) into the store; every row checked first.

    Columns: subscriber (required), plan, monthly_fee, currency, home_region, time_zone,
    locale, email, phone.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from amends.store.plans import import_plans

    table = read_plans(plans)
    first_row = 2 if plans.suffix.lower() in (".csv", ".txt") else 1
    with (
        open_cli_store(db) as store,
        Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
            disable=table.num_rows < PROGRESS_FROM,
        ) as progress,
    ):
        task = progress.add_task("importing customers", total=table.num_rows)
        with store.begin() as conn:
            count = import_plans(
                conn,
                table,
                source=str(plans),
                first_row=first_row,
                replace=replace,
                progress=lambda n: progress.advance(task, n),
            )
    typer.echo(f"imported {count:,} customers from {plans}")
