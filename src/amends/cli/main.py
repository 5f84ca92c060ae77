"""The `amends` root command: registers each command module and turns input errors into exit 2."""

from __future__ import annotations

import errno
import importlib
import pkgutil
import sys

import typer
from rich.console import Console
from rich.markup import escape

import amends
from amends.errors import InputError

#: The order commands appear in `--help`; any other module under amends.cli that defines
#: `register(app)` is registered after these, so a new command is a new module, not an edit here.
COMMAND_ORDER: tuple[str, ...] = (
    "demo",
    "simulate",
    "replay",
    "events",
    "impact",
    "watch",
    "incident",
    "eta",
    "history",
    "draft",
    "check",
    "notices",
    "credits",
    "assess",
    "publish",
    "due",
    "serve",
    "site",
    "feedback",
    "notify",
    "worker",
    "db",
    "token",
)


def command_modules() -> list[str]:
    """Every module under amends.cli that defines `register(app)`, in help order."""
    import amends.cli as package

    names = [m.name for m in pkgutil.iter_modules(package.__path__) if m.name != "main"]
    ordered = sorted(names, key=lambda n: (COMMAND_ORDER.index(n) if n in COMMAND_ORDER else 99, n))
    return [n for n in ordered if hasattr(importlib.import_module(f"amends.cli.{n}"), "register")]


app = typer.Typer(
    name="amends",
    help="Outage accountability: measure the outage, say sorry properly, make amends.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

err_console = Console(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"amends {amends.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Outage accountability: measure the outage, say sorry properly, make amends."""


for _name in command_modules():
    importlib.import_module(f"amends.cli.{_name}").register(app)


def report_error(message: str) -> None:
    """Print a one-line error for the user (no traceback)."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; bad input prints one line and returns 2, never a traceback."""
    try:
        result = app(args=argv, prog_name="amends", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.TyperException as exc:  # usage errors: Typer prints them, exit 2
        exc.show()  # type: ignore[attr-defined]
        return getattr(exc, "exit_code", 2)
    except typer.Abort:
        report_error("aborted")
        return 1
    except InputError as exc:
        report_error(str(exc))
        return 2
    except KeyboardInterrupt:
        report_error("interrupted")
        return 130
    except Exception as exc:
        message = _out_of_resources(exc)
        if message is None:
            raise
        report_error(message)
        return 1
    return result if isinstance(result, int) else 0


def _out_of_resources(exc: BaseException) -> str | None:
    """One line for a run that ran out of memory or disk (not the user's input: exit 1), or None
    for any other error. The ledger and the outbox commit per batch and a re-run adds only what
    is missing; files are written whole or not at all."""
    duckdb = sys.modules.get("duckdb")  # only if a command used it: no import for the check
    if duckdb is not None and isinstance(exc, duckdb.OutOfMemoryException):
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return (
            f"out of memory in DuckDB ({first}); free memory, or disk for its spill files "
            "in the temporary folder (TMPDIR), and run the command again"
        )
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        where = f" writing {exc.filename}" if exc.filename else ""
        return f"no space left on the device{where}; free disk space and run the command again"
    return None


def entry() -> None:  # pragma: no cover - the console script
    sys.exit(main())
