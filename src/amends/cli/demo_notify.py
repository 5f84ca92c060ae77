"""The demo's notification step: subscribers, and the outbox worker run until every statement
published so far has been delivered to a local SMTP sink and webhook receiver
(`amends.publish.receivers`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from amends.publish.receivers import SmtpSink, WebhookReceiver

if TYPE_CHECKING:
    from rich.console import Console


DEMO_SUBSCRIBERS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("email", "all-updates@example.net", {}),
    ("email", "noc@example.net", {}),
)


def run(output: Path, db_url: str, console: Console) -> list[tuple[str, Path]]:
    """Deliver every statement published so far to a local SMTP sink and webhook receiver.

    Subscribes demo addresses (everything, each affected region, a webhook), enqueues every
    published statement for them (idempotent), runs the worker until the outbox is empty,
    prints what arrived and writes `notify-deliveries.json`. Returns [(label, path)].
    """
    from rich.table import Table

    from amends.files import write_text_atomic
    from amends.publish.notifyconfig import load_settings
    from amends.publish.outbox import enqueue_published, status_counts
    from amends.publish.subscriptions import confirm, subscribe
    from amends.publish.worker import Worker
    from amends.store import open_store
    from amends.store.components import incident_regions

    output.mkdir(parents=True, exist_ok=True)
    store = open_store(db_url, create=True)
    with SmtpSink() as sink, WebhookReceiver() as receiver:
        settings = load_settings(
            None,
            env={},
            base_url="http://127.0.0.1:8000",
            email={"host": "127.0.0.1", "port": sink.port, "sender": "status@example.net"},
            webhook={"allow": ["127.0.0.1/32"]},  # the operator allows the local receiver
            poll_s=0.05,
        )
        with store.begin() as conn:
            regions = incident_regions(conn)
            subs = [
                subscribe(conn, settings, k, a, confirmed=True, **kw)
                for k, a, kw in DEMO_SUBSCRIBERS
            ]
            for region in regions:
                subs.append(
                    subscribe(
                        conn,
                        settings,
                        "email",
                        f"{region}@example.net",
                        region=region,
                        confirmed=True,
                    )
                )
            subscribe(conn, settings, "webhook", receiver.url)
            # one reader signs up the real way: double opt-in, then confirms from the link
            reader = subscribe(conn, settings, "email", "reader@example.net")
        Worker(store, settings, channels=["email"], until_empty=True).run()  # confirmation email
        with store.begin() as conn:
            if reader.confirm_token:
                confirm(conn, reader.confirm_token)
            published, queued = enqueue_published(conn)
        console.print(
            f"notify: {len(subs) + 2} subscriptions, {published} published statements, "
            f"{queued} messages queued; delivering (SMTP sink :{sink.port}, "
            f"webhook receiver :{receiver.port})"
        )
        stats = Worker(store, settings, until_empty=True).run()
        with store.connect() as conn:
            counts = status_counts(conn)
        mails = sorted(sink.messages.values())
        events = list(receiver.events.values())
    store.close()
    table = Table(title="Delivered notifications", title_justify="left")
    table.add_column("channel")
    table.add_column("to", overflow="fold")
    table.add_column("subject / event", overflow="fold")
    for rcpt, subject in mails:
        table.add_row("email", rcpt, subject)
    for event in events:
        data = (event or {}).get("data", {})
        table.add_row("webhook", receiver.url, f"{data.get('stage')}: {data.get('subject') or ''}")
    console.print(table)
    console.print(
        f"notify: sent {stats.sent}, retried {stats.retried}, dead {stats.dead}; outbox "
        + ", ".join(f"{ch} {r['sent']} sent / {r['dead']} dead" for ch, r in sorted(counts.items()))
    )
    path = output / "notify-deliveries.json"
    write_text_atomic(
        path,
        json.dumps(
            {
                "emails": [{"to": r, "subject": s} for r, s in mails],
                "webhooks": events,
                "outbox": counts,
            },
            indent=2,
            default=str,
        ),
    )
    return [("notifications delivered (email + webhook)", path)]
