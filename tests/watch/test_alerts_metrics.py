"""People on duty hear of a detected outage (real SMTP sink and webhook receiver, once each, no
subscriber in any payload); serve, worker and watcher expose Prometheus metrics."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families
from tests.watch.helpers import csv_lines, sorted_events

from amends.publish.notifyconfig import NotifySettings
from amends.publish.receivers import SmtpSink, WebhookReceiver
from amends.store import open_store
from amends.watch.policy import WatchPolicy
from amends.watch.service import Watcher, WatchOptions
from amends.watch.sources import parse_source


def samples_of(text: str) -> dict[tuple[str, tuple], float]:
    out = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_people_on_duty_are_told_once_with_counts_and_no_subscriber(day, tmp_path: Path) -> None:
    parquet, _ = day("two_windows")
    table = sorted_events(parquet)
    folder = tmp_path / "cdr"
    folder.mkdir()
    (folder / "events.csv").write_bytes(b"".join(csv_lines(table, tmp_path)))
    subscribers = set(table.column("subscriber").to_pylist())
    with SmtpSink() as sink, WebhookReceiver() as hooks:
        policy = WatchPolicy.model_validate(
            {
                "review_url": "http://127.0.0.1:8000/admin/incidents",
                "on_duty": [
                    {"kind": "email", "to": "noc@example.test"},
                    {"kind": "chat", "url": hooks.url},
                    {"kind": "webhook", "url": hooks.url, "secret": "whsec_" + "a" * 32},
                ],
                "facts": {
                    "provider": "Example Telecom",
                    "support": [{"kind": "phone", "contact": "611", "hours": "24/7"}],
                    "status_url": "https://status.example.test",
                    "symptoms": {"failures": "calls fail with a fast busy tone"},
                },
            }
        )
        notify = NotifySettings.model_validate(
            {
                "email": {"host": "127.0.0.1", "port": sink.port, "sender": "watch@example.test"},
                "webhook": {"allow": ["127.0.0.0/8"]},
            }
        )
        options = WatchOptions(
            policy=policy, notify=notify, idle_exit_s=1.0, dead_letters=tmp_path / "dead.jsonl"
        )
        url = f"sqlite:///{tmp_path / 'w.db'}"
        for _run in range(2):  # the second run must tell nobody again
            with open_store(url, create=True) as store:
                w = Watcher(store, [parse_source(f"dir:{folder}")], options)
                asyncio.run(w.run())
        assert sink.unique == 2 and sink.total == 2
        subjects = sorted(s for _, s in sink.messages.values())
        assert all(s.startswith("Outage detected: ") for s in subjects)
        assert hooks.total == 4 and hooks.unique == 4
        payloads = list(hooks.events.values())
        chats = [p for p in payloads if "text" in p]
        assert len(chats) == 2
        assert any("Texas" in c["title"] for c in chats)
        assert all("Review: http://127.0.0.1:8000/admin/incidents/" in c["text"] for c in chats)
        counts = sorted(c["amends"]["subscribers_affected"] for c in chats)
        assert counts[0] > 0
        blob = json.dumps(payloads)
        assert not [s for s in subscribers if s in blob]  # no subscriber id leaves in an alert
    with open_store(url) as store, store.connect() as conn:
        from amends.store.watch import list_watch_incidents

        assert all(i.alerts["opened"] == "sent" for i in list_watch_incidents(conn))


def test_worker_metrics_count_outcomes_and_outbox_depth(store) -> None:
    from amends.publish.channels import Message, Outcome
    from amends.publish.metrics import serve_metrics
    from amends.publish.worker import WorkerStats

    stats = WorkerStats()
    address = serve_metrics(store, stats, "127.0.0.1", 0)
    msg = Message(1, "k", "email", "a@example.test")
    stats.add([(msg, Outcome.sent()), (msg, Outcome.retry("busy")), (msg, Outcome.dead("no"))])
    samples = samples_of(httpx.get(address).text)
    for outcome in ("sent", "retry", "dead"):
        key = ("amends_worker_messages_total", (("channel", "email"), ("outcome", outcome)))
        assert samples[key] == 1.0


def test_every_watcher_metric_is_documented() -> None:
    from amends.watch.metrics import WatchMetrics

    names = {m.name for m in WatchMetrics().registry.collect()}
    doc = (Path(__file__).parents[2] / "docs" / "live.md").read_text()
    for name in names:
        assert name in doc, f"{name} is not documented in docs/live.md"


def test_an_alert_that_failed_is_tried_again_and_no_target_is_told_twice(
    day, tmp_path: Path
) -> None:
    import threading

    parquet, _ = day("two_windows")
    folder = tmp_path / "cdr"
    folder.mkdir()
    (folder / "events.csv").write_bytes(b"".join(csv_lines(sorted_events(parquet), tmp_path)))
    with SmtpSink() as sink, WebhookReceiver() as hooks:
        hooks.down = True  # answers 503 until the timer brings it back
        policy = WatchPolicy.model_validate(
            {
                "on_duty": [
                    {"kind": "email", "to": "noc@example.test"},
                    {"kind": "webhook", "url": hooks.url, "secret": "whsec_" + "b" * 32},
                ],
            }
        )
        notify = NotifySettings.model_validate(
            {
                "email": {"host": "127.0.0.1", "port": sink.port, "sender": "watch@example.test"},
                "webhook": {"allow": ["127.0.0.0/8"]},
            }
        )
        options = WatchOptions(
            policy=policy, notify=notify, idle_exit_s=1.0, dead_letters=tmp_path / "dead.jsonl"
        )
        url = f"sqlite:///{tmp_path / 'w.db'}"
        back = threading.Timer(1.0, lambda: setattr(hooks, "down", False))
        with open_store(url, create=True) as store:
            w = Watcher(store, [parse_source(f"dir:{folder}")], options)
            back.start()
            asyncio.run(w.run())
        back.cancel()
        with open_store(url) as store, store.connect() as conn:
            from amends.store.watch import list_watch_incidents

            incidents = list_watch_incidents(conn)
        assert len(incidents) == 2
        assert all(i.alerts["opened"] == "sent" for i in incidents)
        assert sink.total == 2  # the email went the first time and only then
        assert hooks.unique == 2 and hooks.total == 2


def test_an_alert_that_keeps_failing_is_recorded_as_failed_after_the_last_try() -> None:
    from amends.watch.incidents import ALERT_BACKOFF_S, DueAlert, alert_state

    inc = object()  # alert_state reads only the targets and tries
    due = DueAlert(inc, "opened", frozenset({"email:noc"}), 0)  # type: ignore[arg-type]
    state = alert_state(due, {"webhook:h": "failed: HTTP 503"}, now=100.0)
    assert state == {
        "state": "retrying",
        "attempts": 1,
        "sent": ["email:noc"],
        "errors": {"webhook:h": "failed: HTTP 503"},
        "next_at": 100.0 + ALERT_BACKOFF_S[0],
    }
    last = DueAlert(inc, "opened", frozenset(), len(ALERT_BACKOFF_S))  # type: ignore[arg-type]
    final = alert_state(last, {"webhook:h": "failed: HTTP 503"})
    assert isinstance(final, str) and final.startswith("failed after ")
    assert alert_state(due, {"webhook:h": "sent"}) == "sent"
