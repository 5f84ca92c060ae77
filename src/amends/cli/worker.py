"""`amends worker`: deliver the notification outbox (email, webhooks, SMS) until stopped."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console

from amends.errors import InputError

console = Console(stderr=True)


class Kind(StrEnum):
    """Delivery channels."""

    EMAIL = "email"
    WEBHOOK = "webhook"
    SMS = "sms"


def register(app: typer.Typer) -> None:
    """Add the `worker` command."""
    app.command("worker")(worker)


def _concurrency(values: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for value in values:
        name, _, n = value.partition("=")
        if name not in {k.value for k in Kind} or not n.isdigit() or int(n) < 1:
            raise InputError(
                f"--concurrency {value!r}: write CHANNEL=N, e.g. email=4 (channels: email, "
                "webhook, sms)"
            )
        out[name] = int(n)
    return out


def worker(
    db: str | None = typer.Option(
        None,
        "--db",
        help="Database URL (default: env AMENDS_DB_URL, else sqlite:///amends.db).",
        show_default=False,
    ),
    config: Path | None = typer.Option(
        None, "--config", help="amends.toml with a \\[notify] table (default: ./amends.toml)."
    ),
    channel: list[Kind] = typer.Option(
        None, "--channel", help="Deliver only these channels (default: every configured one)."
    ),
    concurrency: list[str] = typer.Option(
        None, "--concurrency", help="Threads per channel, e.g. --concurrency email=8."
    ),
    until_empty: bool = typer.Option(
        False, "--until-empty", help="Exit once nothing is left to deliver (retries included)."
    ),
    worker_id: str | None = typer.Option(
        None, "--id", help="Name in locked_by (default host:pid)."
    ),
    metrics_port: int | None = typer.Option(
        None,
        "--metrics-port",
        min=0,
        max=65535,
        help="Serve Prometheus /metrics (outbox depth, deliveries, retries, dead) on this port.",
    ),
    metrics_host: str = typer.Option("127.0.0.1", "--metrics-host", help="Address for /metrics."),
) -> None:
    """Deliver queued messages: per-channel threads, rate limits, retries with backoff, leases."""
    import signal
    import threading
    import time

    from amends.cli.db import open_cli_store
    from amends.publish.notifyconfig import ChannelLimits, load_settings
    from amends.publish.worker import Worker, sqlite_single_worker

    settings = load_settings(config)
    for name, n in _concurrency(concurrency or []).items():
        limits = settings.limit(name).model_copy(update={"concurrency": n})
        settings.limits[name] = ChannelLimits.model_validate(limits.model_dump())
    names = [c.value for c in channel] if channel else ["email", "webhook"]
    if not channel and settings.sms.url:
        names.append("sms")
    store = open_cli_store(db)
    threads = sum(settings.limit(n).concurrency for n in names) + 2
    if store.dialect == "postgresql" and threads > 15:  # one pooled connection per thread
        from amends.store import open_store

        url = store.url
        store.close()
        store = open_store(url, migrate=False, pool_size=threads, max_overflow=4)
    stop = threading.Event()
    kwargs = {"worker_id": worker_id} if worker_id else {}
    w = Worker(store, settings, channels=names, until_empty=until_empty, stop=stop, **kwargs)
    if metrics_port is not None:
        from amends.publish.metrics import serve_metrics

        address = serve_metrics(store, w.stats, metrics_host, metrics_port)
        console.print(f"metrics: {address}")

    def _stop(signum: int, _frame: object) -> None:
        console.print(f"signal {signum}: finishing the current batch, then stopping")
        stop.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    t0 = time.perf_counter()
    try:
        with sqlite_single_worker(store):
            console.print(
                f"worker {w.worker_id}: delivering {', '.join(names)} "
                f"({store.dialect}; Ctrl-C to stop)"
            )
            stats = w.run()
    except RuntimeError as exc:
        raise InputError(str(exc)) from None
    finally:
        store.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for error in w.errors:
        console.print(f"[red]problem:[/] {error}")
    took = time.perf_counter() - t0
    console.print(
        f"sent {stats.sent:,}, retried {stats.retried:,}, dead {stats.dead:,} "
        f"in {took:.1f} s ({stats.sent / took if took else 0:,.0f}/s)"
    )
    if w.errors and stats.sent == 0:
        raise typer.Exit(1)
