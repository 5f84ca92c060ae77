"""While an outage lasts the watcher re-estimates restoration from past incidents; a policy may
publish the acknowledgement without a person (once, only when it passes its check), never by
default."""

from __future__ import annotations

import asyncio
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from tests.watch.helpers import csv_lines, sorted_events

from amends.eta.history import load_history_csv
from amends.store import open_store
from amends.store.schema import statements
from amends.store.watch import list_watch_incidents
from amends.watch.policy import WatchPolicy
from amends.watch.service import Watcher, WatchOptions
from amends.watch.sources import parse_source

FACTS = {
    "provider": "Example Telecom",
    "support": [{"kind": "phone", "contact": "611", "hours": "24/7"}],
    "status_url": "https://status.example.test",
    "symptoms": {"failures": "calls fail with a fast busy tone"},
}


def _run(folder: Path, url: str, policy: WatchPolicy, tmp: Path, **kw: object) -> None:
    options = WatchOptions(policy=policy, idle_exit_s=1.0, dead_letters=tmp / "dead.jsonl", **kw)
    with open_store(url, create=True) as store:
        asyncio.run(Watcher(store, [parse_source(f"dir:{folder}")], options).run())


def _folder(day, tmp_path: Path) -> Path:
    parquet, _ = day("ongoing")
    folder = tmp_path / "cdr"
    folder.mkdir()
    (folder / "events.csv").write_bytes(b"".join(csv_lines(sorted_events(parquet), tmp_path)))
    return folder


def test_ongoing_outage_gets_an_estimate_and_is_published_once_when_allowed(
    day, tmp_path: Path
) -> None:
    folder = _folder(day, tmp_path)
    url = f"sqlite:///{tmp_path / 'w.db'}"
    sample = resources.files("amends.eta") / "data" / "sample_history.csv"
    history = load_history_csv(Path(str(sample)))
    policy = WatchPolicy.model_validate(
        {"facts": FACTS, "auto_publish": {"enabled": True, "min_subscribers": 100}}
    )
    for _ in range(2):
        _run(folder, url, policy, tmp_path, eta_history=history)
    with open_store(url) as store, store.connect() as conn:
        (inc,) = list_watch_incidents(conn)
        rows = conn.execute(select(statements.c.stage, statements.c.channel)).all()
    assert inc.record["eta"]["source"] == "estimate"
    assert inc.record["eta"]["basis"]
    web = next(d for d in inc.drafts if d["channel"] == "web" and d["audience"] == "customers")
    assert "We expect service to be restored" in web["text"]
    assert inc.alerts["published"] == "published"
    assert rows == [("acknowledge", "web")]  # once, though the watcher ran twice


def test_nothing_is_published_by_default_or_below_the_threshold(day, tmp_path: Path) -> None:
    folder = _folder(day, tmp_path)
    for n, rule in enumerate(({}, {"enabled": True, "min_subscribers": 10_000_000})):
        url = f"sqlite:///{tmp_path / f'w{n}.db'}"
        _run(
            folder,
            url,
            WatchPolicy.model_validate({"facts": FACTS, "auto_publish": rule}),
            tmp_path,
        )
        with open_store(url) as store, store.connect() as conn:
            assert conn.execute(select(statements.c.id)).all() == []
            (inc,) = list_watch_incidents(conn)
        if rule:
            assert inc.alerts["published"].startswith("not published: ")
        else:
            assert "published" not in inc.alerts
