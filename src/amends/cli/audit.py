"""`amends audit export`: the audit trail (who changed what, when, before and after) as CSV or
JSON, the same export the console's admins download."""

from __future__ import annotations

from pathlib import Path

import typer

from amends.cli.db import DB_OPTION, open_cli_store
from amends.cli.options import emit

audit_app = typer.Typer(
    name="audit",
    help="The audit trail: who changed what and when, with before and after.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `audit` command group."""
    app.add_typer(audit_app, name="audit")


@audit_app.command("export")
def export_(
    fmt: str = typer.Option("csv", "--format", help="csv or json."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (default: print)."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Print (or write) the whole audit trail, oldest first."""
    from amends.errors import InputError, prepare_output
    from amends.store.audit import FORMATS, export

    if fmt not in FORMATS:
        raise InputError(f"unknown audit export format {fmt!r}; use csv or json")
    if output is not None:
        prepare_output(output)
    with open_cli_store(db) as store, store.connect() as conn:
        body = export(conn, fmt)
    emit(body, output, "audit trail")
