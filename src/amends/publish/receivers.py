"""Local receivers for the publish channels: an SMTP sink and a webhook endpoint (stdlib only).

The demo delivers to them, and the crash test, the alert tests and `bench.notify` count on them:
both count what they receive and de-duplicate by idempotency key (Message-ID, webhook-id), as a
careful receiver would, so "each exactly once" can be checked.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class _LoopThread:
    """An asyncio loop in a daemon thread, serving one server on 127.0.0.1:<free port>."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.server: asyncio.AbstractServer | None = None
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.port = 0

    def start(self, handler: Callable[..., Any], host: str = "127.0.0.1") -> None:
        self.thread.start()
        fut = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(handler, host, 0, backlog=512), self.loop
        )
        self.server = fut.result(10)
        self.port = int(self.server.sockets[0].getsockname()[1])

    def stop(self) -> None:
        async def _close() -> None:
            if self.server is not None:
                self.server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        if self.thread.is_alive():
            asyncio.run_coroutine_threadsafe(_close(), self.loop).result(10)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(10)


@dataclass
class SmtpSink:
    """A minimal SMTP server (EHLO, PIPELINING, MAIL, RCPT, DATA, RSET, NOOP, QUIT) that keeps
    one record per Message-ID and counts every delivery, duplicates included."""

    keep: bool = True  # keep (recipient, subject) per Message-ID (the demo); False: ids only
    total: int = 0
    messages: dict[str, tuple[str, str]] = field(default_factory=dict)
    _runner: _LoopThread = field(default_factory=_LoopThread, repr=False)

    @property
    def port(self) -> int:
        """The bound port."""
        return self._runner.port

    @property
    def unique(self) -> int:
        """Distinct Message-IDs received."""
        return len(self.messages)

    def start(self) -> SmtpSink:
        """Listen on 127.0.0.1:<free port>."""
        self._runner.start(self._session)
        return self

    def stop(self) -> None:
        """Stop listening and drop open sessions."""
        self._runner.stop()

    def __enter__(self) -> SmtpSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 amends-sink ESMTP\r\n")
        rcpt = ""
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    writer.write(b"250-amends-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 OK\r\n")
                elif verb == b"MAIL":
                    rcpt = ""
                    writer.write(b"250 OK\r\n")
                elif verb == b"RCPT":
                    rcpt = line.decode(errors="replace").partition(":")[2].strip().strip("<>")
                    writer.write(b"250 OK\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 go ahead\r\n")
                    await writer.drain()
                    data = await reader.readuntil(b"\r\n.\r\n")
                    self._store(rcpt, data)
                    writer.write(b"250 OK queued\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 bye\r\n")
                    await writer.drain()
                    break
                else:  # RSET, NOOP and anything else
                    writer.write(b"250 OK\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()

    def _store(self, rcpt: str, data: bytes) -> None:
        head = data.split(b"\r\n\r\n", 1)[0]
        mid, subject = "", ""
        if self.keep:  # the demo shows the subject as a mail client would (headers decoded)
            from email import message_from_bytes, policy

            parsed = message_from_bytes(head + b"\r\n\r\n", policy=policy.default)
            mid, subject = str(parsed["Message-ID"] or ""), str(parsed["Subject"] or "")
        for raw in head.split(b"\r\n") if not self.keep else ():
            if raw[:12].lower().startswith(b"message-id:"):
                mid = raw[11:].strip().decode(errors="replace")
        self.total += 1
        if mid not in self.messages:
            self.messages[mid] = (rcpt, subject) if self.keep else ("", "")


@dataclass
class WebhookReceiver:
    """A minimal HTTP/1.1 endpoint (keep-alive) that de-duplicates by `webhook-id`; while `down`
    it answers 503, as a receiver in trouble would."""

    keep: bool = True
    down: bool = False
    total: int = 0
    events: dict[str, Any] = field(default_factory=dict)
    _runner: _LoopThread = field(default_factory=_LoopThread, repr=False)

    @property
    def port(self) -> int:
        """The bound port."""
        return self._runner.port

    @property
    def url(self) -> str:
        """Where to point a webhook subscription."""
        return f"http://127.0.0.1:{self.port}/hooks/amends"

    @property
    def unique(self) -> int:
        """Distinct webhook-ids received."""
        return len(self.events)

    def start(self) -> WebhookReceiver:
        """Listen on 127.0.0.1:<free port>."""
        self._runner.start(self._session)
        return self

    def stop(self) -> None:
        """Stop listening."""
        self._runner.stop()

    def __enter__(self) -> WebhookReceiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                headers: dict[str, str] = {}
                for raw in head.split(b"\r\n")[1:]:
                    name, _, value = raw.decode(errors="replace").partition(":")
                    if name:
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length") or 0))
                if self.down:
                    writer.write(b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n")
                else:
                    self.total += 1
                    wid = headers.get("webhook-id", "")
                    if wid not in self.events:
                        self.events[wid] = json.loads(body) if self.keep and body else None
                    writer.write(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass
        finally:
            writer.close()
