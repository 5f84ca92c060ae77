"""`amends watch`: follow call records as they are written, find the outage within minutes, and
open the incident with its acknowledgement drafted for the people on duty."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

console = Console(stderr=True)


def register(app: typer.Typer) -> None:
    """Add the `watch` command."""
    app.command("watch")(watch)


def watch(
    sources: list[str] = typer.Argument(
        ...,
        help="Where records arrive: nats://HOST:PORT/SUBJECT (JetStream), "
        "dir:PATH[?map=asterisk|freeswitch|clf|FILE.toml] (a folder a switch writes into), "
        "postgresql://USER@HOST/DB?table=acc&map=kamailio-acc (a table, polled by id).",
        show_default=False,
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db).",
        show_default=False,
    ),
    history: list[str] = typer.Option(
        None,
        "--history",
        help="Past records (files or globs) added once to the stored series, so detection has "
        "a baseline from the first minute.",
    ),
    history_map: str | None = typer.Option(
        None, "--history-map", help="Column mapping of the --history files (built-in or TOML)."
    ),
    eta_history: list[Path] = typer.Option(
        None,
        "--eta-history",
        help="History CSV of past incidents (amends eta): restoration is re-estimated at every "
        "detection while the outage lasts.",
    ),
    plans: Path | None = typer.Option(
        None,
        "--plans",
        help="Plans file (Parquet: subscriber, home_region, time_zone...) as for `amends "
        "incident init`: each area's customers and zone in the records the watcher opens.",
    ),
    policy_file: Path | None = typer.Option(
        None,
        "--policy",
        help="Watch policy TOML: people on duty, standing facts, auto-publication.",
    ),
    config: Path | None = typer.Option(
        None,
        "--config",
        help="amends.toml: \\[failures] (which codes are failures), \\[impact] (detection) and "
        "\\[notify] (how alerts are sent).",
    ),
    tz: str | None = typer.Option(None, "--tz", help="Zone of naive times in the records."),
    metrics_port: int | None = typer.Option(
        None, "--metrics-port", min=0, max=65535, help="Serve Prometheus /metrics on this port."
    ),
    metrics_host: str = typer.Option("127.0.0.1", "--metrics-host", help="Address for /metrics."),
    dead_letters: Path = typer.Option(
        Path("amends-dead-letters.jsonl"),
        "--dead-letters",
        help="File that receives unreadable lines and messages, with the reason (JSON lines).",
    ),
    horizon_hours: float = typer.Option(
        48.0, "--horizon-hours", min=2.0, max=24.0 * 15, help="Minutes kept for detection."
    ),
    detect_every: float = typer.Option(
        2.0, "--detect-every", min=0.1, max=600.0, help="Seconds between detection runs."
    ),
    exit_when_idle: float | None = typer.Option(
        None,
        "--exit-when-idle",
        min=0.5,
        help="Stop after this many seconds with no new record, after a last detection over "
        "every minute (for replays and tests).",
    ),
) -> None:
    """Watch records as they are written; open incidents and draft acknowledgements."""
    import asyncio
    import signal

    from amends.cli.db import open_cli_store
    from amends.eta.history import load_history_csv
    from amends.impact.config import load_impact_config
    from amends.incident.prefill import find_plans as read_plans_near
    from amends.publish.notifyconfig import load_settings
    from amends.watch.metrics import WatchMetrics
    from amends.watch.policy import load_policy
    from amends.watch.service import Watcher, WatchOptions, bootstrap_history
    from amends.watch.sources import parse_source

    specs = [parse_source(s) for s in sources]
    impact_config = load_impact_config(config)
    failures = impact_config.failures
    options = WatchOptions(
        config=impact_config,
        policy=load_policy(policy_file),
        notify=load_settings(config),
        horizon_minutes=int(horizon_hours * 60),
        detect_every_s=detect_every,
        tz=tz,
        dead_letters=dead_letters,
        idle_exit_s=exit_when_idle,
        eta_history=[c for path in eta_history or [] for c in load_history_csv(path)],
        plans=read_plans_near(Path.cwd(), plans) if plans is not None else None,
    )
    store = open_cli_store(db)
    metrics = WatchMetrics()
    try:
        if history:
            added = bootstrap_history(store, history, mapping=history_map, tz=tz, policy=failures)
            console.print(f"history: {added:,} past events added to the series")
        watcher = Watcher(store, specs, options, metrics=metrics, say=console.print)
        if metrics_port is not None:
            from amends.publish.metrics import serve_registry

            address = serve_registry(metrics.registry, metrics_host, metrics_port)
            console.print(f"metrics: {address}")

        async def main() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            console.print(
                f"watching {', '.join(s.text for s in specs)} ({store.dialect}; Ctrl-C to stop)"
            )
            summary = await watcher.run(stop)
            opened = sum(1 for c in summary.changes if c.action == "opened")
            console.print(
                f"stopped: {summary.events:,} events in {summary.batches:,} batches, "
                f"{summary.dead_letters:,} dead letters, {summary.duplicates:,} repeats skipped, "
                f"{opened} incident(s) opened"
            )

        asyncio.run(main())
    finally:
        store.close()
