"""The demo's live section: the demo day's records replayed into a folder at high speed while
`amends watch` follows it; the watcher opens each outage's incident and drafts its
acknowledgement as the records arrive (no server needed: the folder source and SQLite)."""

from __future__ import annotations

import asyncio
import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

#: The part of the demo day replayed live (UTC): both outages; the hours before it are the
#: watcher's history (its baseline from the first minute).
LIVE_FROM = datetime(2026, 3, 10, 12, 30, tzinfo=UTC)
LIVE_UNTIL = datetime(2026, 3, 10, 22, 0, tzinfo=UTC)
#: Event time runs this many times faster than wall time (an hour a second).
SPEED = 3600.0
#: The provider's standing facts the watcher lays over every record it opens (made up for the
#: demo, like the rest of its human facts).
DEMO_STANDING = {
    "provider": "Example Mobile",
    "status_url": "https://status.example.com/i/demo",
    "locales": ["en", "es"],
    "support": [{"kind": "phone", "contact": "1-800-555-0199", "hours": "24/7"}],
    "translations": {
        "es": {"support[0].kind": "teléfono", "support[0].hours": "las 24 horas, todos los días"}
    },
    "symptoms": {
        "failures": {
            "en": "a fast busy tone and the message 'all circuits are busy'",
            "es": "un tono de ocupado rápido y el mensaje «todos los circuitos están ocupados»",
        },
        "silence": {
            "en": "silence: calls did not go through at all",
            "es": "silencio: las llamadas no se conectaban",
        },
    },
}


def run(output: Path, calls: Path, plans: Path | None, console: Console) -> list[tuple[str, Path]]:
    """Replay the demo day's afternoon into `output/live/cdr` with a watcher running; print what
    it opened and when; export each incident's record and drafts. Returns what it wrote."""
    import pyarrow.parquet as pq
    from rich.table import Table

    from amends.store import open_store
    from amends.store.watch import incident_summary, list_watch_incidents
    from amends.watch.export import export
    from amends.watch.policy import WatchPolicy
    from amends.watch.replay import events_before, replay
    from amends.watch.service import Watcher, WatchOptions, bootstrap_history
    from amends.watch.sources import parse_source

    live = output / "live"
    folder = live / "cdr"
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(live / 'watch.db').resolve()}"
    history = live / "history.parquet"
    events_before(calls, LIVE_FROM, history)
    said: list[str] = []
    with open_store(url, create=True) as store:
        options = WatchOptions(
            policy=WatchPolicy.model_validate({"facts": DEMO_STANDING}),
            idle_exit_s=2.0,
            detect_every_s=0.5,
            dead_letters=live / "dead-letters.jsonl",
            plans=pq.read_table(plans) if plans is not None and plans.exists() else None,
        )
        bootstrap_history(
            store, [str(history)], mapping=None, tz=None, policy=options.config.failures
        )
        watcher = Watcher(
            store, [parse_source(f"dir:{folder}")], options, say=lambda m: said.append(m)
        )
        thread = threading.Thread(target=lambda: asyncio.run(watcher.run()), daemon=True)
        thread.start()
        console.print(
            f"live: replaying {LIVE_FROM:%H:%M}-{LIVE_UNTIL:%H:%M} UTC of the demo day into "
            f"{folder} at {SPEED:,.0f}x real time, with `amends watch` following the folder"
        )
        result = replay(
            [str(calls)],
            f"dir:{folder}",
            speed=SPEED,
            start=LIVE_FROM,
            until=LIVE_UNTIL,
            rotate_minutes=120,
        )
        thread.join(timeout=120)
        with store.connect() as conn:
            incidents = list_watch_incidents(conn)
    table = Table(title="What the watcher opened while the records arrived", title_justify="left")
    for col in ("incident", "window (UTC)", "detected at (event time)", "customers", "drafts"):
        table.add_column(col)
    wrote: list[tuple[str, Path]] = []
    summaries = []
    for inc in sorted(incidents, key=lambda i: i.start_minute):
        s = incident_summary(inc)
        summaries.append(s)
        w = s["windows"][0]
        detected = datetime.fromisoformat(inc.detection["event_time"])
        start = datetime.fromisoformat(w["start"].replace("Z", "+00:00"))
        minutes = (detected - start).total_seconds() / 60
        table.add_row(
            inc.id,
            f"{start:%H:%M}-{w['end'][11:16] if w['end'] else 'ongoing'}",
            f"{detected:%H:%M} (+{minutes:.0f} min)",
            f"{w['subscribers_affected']:,}",
            f"{s['drafts']['ready']} ready, {s['drafts']['blocked']} need facts",
        )
        from amends.incident.model import Incident

        paths = export(
            Incident.model_validate(inc.record),
            inc.drafts,
            live / f"{inc.id}.yaml",
            live / "drafts" / inc.id,
            "# Opened by `amends watch` during the demo's live replay; complete, then publish.\n",
        )
        wrote.append((f"watcher's incident {inc.id}", paths[0]))
        wrote += [("acknowledgement draft", p) for p in paths[1:]]
    listing = live / "incidents.json"
    listing.write_text(json.dumps(summaries, indent=2, ensure_ascii=False) + "\n")
    console.print(table)
    console.print(
        f"live: {result.events:,} records replayed; the watcher opened {len(incidents)} "
        "incident(s) with their acknowledgements drafted and checked, for a person to confirm. "
        f"At {SPEED:,.0f}x an event-minute lasts {60 / SPEED * 1000:.0f} ms, less than one "
        "detection run, so 'detected at' lags more than it does in real time (docs/live.md)."
    )
    return [("live replay: incidents opened (JSON)", listing), *wrote]
