"""Option values several commands share, parsed once so every command says the same thing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from amends.errors import InputError


def parse_time(text: str, *, option: str = "--now") -> datetime:
    """An ISO 8601 time with an offset (or Z) as an aware datetime; InputError otherwise."""
    from amends.incident.model import EARLIEST, LATEST  # the times a record may hold, too

    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{option} {text!r} is not a time; write ISO 8601 with an offset, "
            "e.g. 2026-03-10T15:00:00-07:00"
        ) from None
    if value.tzinfo is None:
        raise InputError(f"{option} {text!r} has no time zone; add an offset like -07:00 or Z")
    if not EARLIEST <= value < LATEST:  # the arithmetic around it (90 days, deadlines) must fit
        raise InputError(f"{option} {text!r} is out of range; give a time from 1970 to 2999")
    return value


def parse_now(text: str | None) -> datetime:
    """--now as an aware datetime; the current time when it is not given."""
    return datetime.now(UTC) if text is None else parse_time(text)


def actor() -> str:
    """Who the audit trail names for a change made from the CLI: `cli:` and the login name."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def emit(body: str, output: Path | None, what: str) -> None:
    """Print an export, or write it whole to `output` (atomically) and say so on stderr."""
    import typer

    from amends.files import write_text_atomic

    if output is None:
        typer.echo(body, nl=False)
        return
    write_text_atomic(output, body)
    typer.echo(f"{what} written to {output}", err=True)
