"""`amends token`: create, list and revoke the admin API's tokens (a token is shown only once)."""

from __future__ import annotations

import typer

from amends.cli.db import DB_OPTION, open_cli_store
from amends.cli.options import actor

token_app = typer.Typer(
    name="token",
    help="API tokens for the admin API: create (shown once), list, revoke.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the `token` command group."""
    app.add_typer(token_app, name="token")


@token_app.command("create")
def create(
    name: str = typer.Argument(..., help="What the token is for, e.g. status-bot."),
    scope: list[str] = typer.Option(
        ["admin"], "--scope", help="admin (everything), publish or read; repeatable."
    ),
    db: str | None = DB_OPTION,
) -> None:
    """Create a token and print it once; only its sha256 hash is stored."""
    from amends.store.tokens import check_token_name, issue_token

    check_token_name(name)  # before the store is opened: a refused name writes nothing
    with open_cli_store(db) as store, store.begin() as conn:
        new = issue_token(conn, name, scopes=scope, by=actor())
    typer.echo(new.token)
    typer.echo(
        f"token {new.info.id} '{new.info.name}' ({' '.join(new.info.scopes)}) created; "
        "copy it now: it is not shown again",
        err=True,
    )


@token_app.command("list")
def list_(
    all_: bool = typer.Option(False, "--all", help="Include revoked tokens."),
    db: str | None = DB_OPTION,
) -> None:
    """List tokens (id, name, first characters, scopes, created, last used); never the secret."""
    from rich.console import Console
    from rich.table import Table

    from amends.store.tokens import list_tokens

    with open_cli_store(db) as store, store.connect() as conn:
        tokens = list_tokens(conn, include_revoked=all_)
    table = Table("id", "name", "starts with", "scopes", "created (UTC)", "last used", "revoked")
    for t in tokens:
        table.add_row(
            str(t.id),
            t.name,
            t.prefix or "",
            " ".join(t.scopes),
            t.created_at.strftime("%Y-%m-%d %H:%M"),
            t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "never",
            t.revoked_at.strftime("%Y-%m-%d %H:%M") if t.revoked_at else "",
        )
    if tokens:
        Console(soft_wrap=True).print(table)
    else:
        typer.echo("no tokens; create one with `amends token create NAME`")


@token_app.command("revoke")
def revoke(
    key: str = typer.Argument(..., help="The token's name, id or first 8 characters."),
    db: str | None = DB_OPTION,
) -> None:
    """Revoke a token at once: requests with it are refused from now on."""
    from amends.errors import InputError
    from amends.store.tokens import revoke_token

    with open_cli_store(db) as store, store.begin() as conn:
        count = revoke_token(conn, key, by=actor())
    if count == 0:
        raise InputError(f"no active token named {key!r}; see `amends token list`")
    typer.echo(f"revoked {count} token{'s' if count != 1 else ''} matching {key!r}")
