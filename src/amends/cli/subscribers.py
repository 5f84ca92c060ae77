"""`amends subscribers export`: every notification subscription as CSV or JSON, the same export
the console's admins download (addresses included: keep the file private)."""

from __future__ import annotations

from pathlib import Path

import typer

from amends.cli.db import DB_OPTION, open_cli_store
from amends.cli.options import emit

subscribers_app = typer.Typer(
    name="subscribers",
    help="Notification subscribers: export them (the console shows counts and removes them).",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `subscribers` command group."""
    app.add_typer(subscribers_app, name="subscribers")


@subscribers_app.command("export")
def export_(
    fmt: str = typer.Option("csv", "--format", help="csv or json."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (default: print)."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Print (or write) every subscription, oldest first, with its state."""
    from amends.errors import InputError, prepare_output
    from amends.publish.subscriber_admin import FORMATS, export

    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r} is not one of csv, json")
    if output is not None:
        prepare_output(output)
    with open_cli_store(db) as store, store.connect() as conn:
        body = export(conn, fmt)
    emit(body, output, "subscribers")
