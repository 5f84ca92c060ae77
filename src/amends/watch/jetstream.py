"""A JetStream subject as a source: a durable pull consumer; each message a batch of events.

A message is acknowledged only after its minutes are stored; its stream sequence is stored in the
same transaction, so a message delivered again after a crash is recognised and not counted twice.
Messages or lines that cannot be read go to the dead-letter subject `amends.dead.<subject>` (in
the stream AMENDS_DEAD, created when missing) with the reason in a header.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from amends.errors import InputError
from amends.events.schema import EVENT_SCHEMA
from amends.events.wire import ARROW, JSONL, decode
from amends.watch.sources import SourceSpec

DEAD_STREAM = "AMENDS_DEAD"
DEAD_PREFIX = "amends.dead"
DEFAULT_DURABLE = "amends-watch"


@dataclass(frozen=True)
class Fetched:
    """One fetch: the messages, their stream sequences, and each one's decoded events."""

    messages: list[Any]
    sequences: list[int]
    events: list[pa.Table]
    rejected: list[tuple[int, int, str, bytes]]  # (sequence, line, reason, raw)


def dead_subject(subject: str) -> str:
    """Where unreadable messages and lines of `subject` go."""
    return f"{DEAD_PREFIX}.{subject}"


class JetStreamSource:
    """A connected durable pull consumer on one subject."""

    def __init__(self, spec: SourceSpec) -> None:
        self.spec = spec
        self.nc: Any = None
        self.js: Any = None
        self.sub: Any = None
        self.durable = spec.params.get("durable", DEFAULT_DURABLE)
        self.ack_wait = float(spec.params.get("ack_wait", "30"))

    async def connect(self, timeout: float = 5.0) -> None:
        """Connect, find or create the stream, and bind the durable consumer."""
        import nats
        from nats.js.api import ConsumerConfig, StreamConfig
        from nats.js.errors import NotFoundError

        try:
            self.nc = await asyncio.wait_for(
                nats.connect(
                    servers=[self.spec.url],
                    connect_timeout=timeout,
                    max_reconnect_attempts=-1,
                    allow_reconnect=True,
                ),
                timeout + 1,
            )
        except Exception as exc:
            raise InputError(
                f"cannot reach the NATS server at {self.spec.url} ({type(exc).__name__}: {exc}); "
                "check the address and that JetStream is running (nats-server -js)"
            ) from None
        self.js = self.nc.jetstream()
        subject = self.spec.subject or ""
        try:
            stream = await self.js.find_stream_name_by_subject(subject)
        except NotFoundError:
            stream = self.spec.stream
            await self.js.add_stream(StreamConfig(name=stream, subjects=[subject]))
        try:
            await self.js.find_stream_name_by_subject(dead_subject(subject))
        except NotFoundError:
            with contextlib.suppress(Exception):
                await self.js.add_stream(
                    StreamConfig(name=DEAD_STREAM, subjects=[f"{DEAD_PREFIX}.>"])
                )
        self.sub = await self.js.pull_subscribe(
            subject,
            durable=self.durable,
            stream=stream,
            config=ConsumerConfig(ack_wait=self.ack_wait, max_ack_pending=100_000),
        )

    async def fetch(self, batch: int = 64, timeout: float = 0.5) -> Fetched | None:
        """Up to `batch` messages, not decoded yet (None when none arrived within `timeout`)."""
        import nats.errors

        try:
            msgs = await self.sub.fetch(batch=batch, timeout=timeout)
        except (nats.errors.TimeoutError, TimeoutError):
            return None
        return Fetched(msgs, [m.metadata.sequence.stream for m in msgs], [], [])

    def decode(self, got: Fetched) -> Fetched:
        """Each message's events (a thread may run this: it touches no connection)."""
        tables: list[pa.Table] = []
        rejected: list[tuple[int, int, str, bytes]] = []
        for msg, seq in zip(got.messages, got.sequences, strict=True):
            kind = (msg.headers or {}).get("Content-Type", "")
            fmt = "arrow" if kind == ARROW else "jsonl" if kind == JSONL else self.spec.wire_format
            table, bad = decode(msg.data, fmt)
            tables.append(table if table.num_rows else EVENT_SCHEMA.empty_table())
            rejected += [(seq, r.line, r.reason, r.raw) for r in bad]
        return Fetched(got.messages, got.sequences, tables, rejected)

    async def dead_letter(self, rejected: list[tuple[int, int, str, bytes]]) -> None:
        """Publish unreadable lines and messages, each with its reason, once (by message id)."""
        subject = dead_subject(self.spec.subject or "")
        for seq, line, reason, raw in rejected:
            await self.js.publish(
                subject,
                raw,
                headers={
                    "Amends-Reason": reason[:500],
                    "Amends-Source": self.spec.subject or "",
                    "Amends-Stream-Seq": str(seq),
                    "Amends-Line": str(line),
                    "Nats-Msg-Id": f"{self.spec.subject}:{seq}:{line}",
                },
            )

    async def ack(self, messages: list[Any]) -> None:
        """Acknowledge messages whose events are stored (or were stored before)."""
        for msg in messages:
            await msg.ack()

    async def ack_floor(self) -> int | None:
        """Stream sequence below which every message is acknowledged (never delivered again)."""
        try:
            info = await self.sub.consumer_info()
        except Exception:
            return None
        return int(info.ack_floor.stream_seq)

    async def pending(self) -> tuple[int, int] | None:
        """(messages not yet delivered, delivered but not acknowledged)."""
        try:
            info = await self.sub.consumer_info()
        except Exception:
            return None
        return int(info.num_pending), int(info.num_ack_pending)

    async def close(self) -> None:
        """Drain and close the connection."""
        if self.nc is not None:
            with contextlib.suppress(Exception):
                await self.nc.close()
