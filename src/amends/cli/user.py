"""`amends user`: the console's people: add, change password, change role, disable, list.

Passwords are read from a prompt (typed twice, not shown) or, when stdin is not a terminal, from
its first line; never from the command line, where other users and the shell history see them.
"""

from __future__ import annotations

import sys

import typer

from amends.cli.db import DB_OPTION, open_cli_store
from amends.cli.options import actor
from amends.errors import InputError

user_app = typer.Typer(
    name="user",
    help="People of the console: add, passwd, role, disable, list.",
    no_args_is_help=True,
)

ROLE_HELP = "viewer, author, approver or admin."


def register(app: typer.Typer) -> None:
    """Add the `user` command group."""
    app.add_typer(user_app, name="user")


def read_password() -> str:
    """The new password: typed twice at a prompt, or the first line of piped stdin."""
    from amends.store.users import check_password

    if sys.stdin is None or not sys.stdin.isatty():
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            raise InputError("no password on stdin; pipe one line, or run in a terminal")
        return check_password(line.rstrip("\r\n"))
    return check_password(
        typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    )


@user_app.command("add")
def add(
    name: str = typer.Argument(..., help="The login name, e.g. alice."),
    role: str = typer.Option("viewer", "--role", help=ROLE_HELP),
    db: str | None = DB_OPTION,
) -> None:
    """Create an account; its password is prompted for (or read from stdin)."""
    from amends.store.users import add_user, check_name, check_role

    check_name(name)
    check_role(role)
    password = read_password()
    with open_cli_store(db) as store, store.begin() as conn:
        user = add_user(conn, name, role, password, by=actor())
    typer.echo(f"user {user.name!r} added ({user.role})")


@user_app.command("passwd")
def passwd(
    name: str = typer.Argument(..., help="The account's login name."),
    db: str | None = DB_OPTION,
) -> None:
    """Set a new password (prompted for, or read from stdin); the account's sessions end."""
    from amends.store.users import set_password

    password = read_password()
    with open_cli_store(db) as store, store.begin() as conn:
        user = set_password(conn, name, password, by=actor())
    typer.echo(f"password of {user.name!r} changed; their sessions ended")


@user_app.command("role")
def role(
    name: str = typer.Argument(..., help="The account's login name."),
    new_role: str = typer.Argument(..., metavar="ROLE", help=ROLE_HELP),
    db: str | None = DB_OPTION,
) -> None:
    """Give an account another role (the last admin stays one)."""
    from amends.store.users import check_role, set_role

    check_role(new_role)
    with open_cli_store(db) as store, store.begin() as conn:
        user = set_role(conn, name, new_role, by=actor())
    typer.echo(f"user {user.name!r} is now {user.role}")


@user_app.command("disable")
def disable(
    name: str = typer.Argument(..., help="The account's login name."),
    db: str | None = DB_OPTION,
) -> None:
    """Disable an account at once: it cannot log in and its sessions end."""
    from amends.store.users import disable_user

    with open_cli_store(db) as store, store.begin() as conn:
        user = disable_user(conn, name, by=actor())
    typer.echo(f"user {user.name!r} disabled")


@user_app.command("list")
def list_(db: str | None = DB_OPTION) -> None:
    """Every account: name, role, state."""
    from amends.store.users import list_users

    with open_cli_store(db) as store, store.connect() as conn:
        people = list_users(conn)
    if not people:
        typer.echo("no users; add the first admin with `amends user add NAME --role admin`")
    for u in people:
        state = "active" if u.active else f"disabled {u.disabled_at:%Y-%m-%d %H:%M} UTC"
        typer.echo(f"{u.name}\t{u.role}\t{state}")
