"""`amends replay`: write event files into a JetStream subject or a folder at N times real time."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from amends.cli.events import CONFIG, FILES, MAP, TZ

err_console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the `replay` command."""
    app.command("replay")(replay_command)


def replay_command(
    files: list[str] = FILES,
    to: str = typer.Option(
        ...,
        "--to",
        help="Where to write: nats://HOST:PORT/SUBJECT[?stream=NAME&format=jsonl|arrow] or "
        "dir:PATH[?map=asterisk|freeswitch|clf&tz=ZONE].",
    ),
    speed: str = typer.Option(
        "max", "--speed", help="Event time runs N times faster than wall time; max (or 0): no wait."
    ),
    start: str | None = typer.Option(
        None, "--from", help="Replay events from this time (ISO 8601 with an offset)."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Replay events before this time (ISO 8601 with an offset)."
    ),
    batch: int = typer.Option(
        5000, "--batch", min=1, help="Events per message or append, at most (never two minutes)."
    ),
    rotate_minutes: int | None = typer.Option(
        None, "--rotate-minutes", min=1, help="dir: rotate the file every M event-minutes."
    ),
    parquet: bool = typer.Option(
        False, "--parquet", help="dir: one canonical Parquet file per rotation (default 1 min)."
    ),
    mapping: str | None = MAP,
    tz: str | None = TZ,
    config: Path | None = CONFIG,
) -> None:
    """Write events into a source as a switch would (JetStream messages, or files appended and
    rotated in a folder), at --speed times real time, for the watcher to follow."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from amends.cli.options import parse_time
    from amends.events.config import load_failure_policy
    from amends.watch.replay import parse_speed, replay

    pace = parse_speed(speed)
    first = parse_time(start, option="--from") if start else None
    last = parse_time(until, option="--until") if until else None
    policy = load_failure_policy(config)
    with Progress(
        TextColumn("[bold]Replaying[/]"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bar:
        task = bar.add_task("events", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        result = replay(
            files,
            to,
            mapping=mapping,
            tz=tz,
            speed=pace,
            start=first,
            until=last,
            batch=batch,
            rotate_minutes=rotate_minutes,
            parquet=parquet,
            policy=policy,
            progress=advance,
        )
    if result.messages:
        wrote = f"{result.messages:,} messages ({result.duplicates:,} already in the stream)"
    else:
        wrote = f"{result.files:,} file(s)"
    err_console.print(
        f"replayed {result.events:,} events to {result.target}: {wrote}, "
        f"{result.seconds:.1f} s, {result.events_per_second:,.0f} events/s",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
