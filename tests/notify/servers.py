"""Real servers on loopback for the notify tests: an aiosmtpd SMTP server and an HTTP receiver.

Both bind port 0 (xdist-safe) and record what they receive; the HTTP receiver plays a webhook
endpoint or an SMS gateway and can be told to answer 429/5xx/redirects for a while.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message as MimeMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


class _PortZeroController(Controller):
    """aiosmtpd's Controller, bound to port 0 (it learns the real port before its self-test)."""

    def _trigger_server(self) -> None:
        assert self.server is not None
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpRecorder:
    """aiosmtpd handler: keeps every accepted message; can refuse recipients or data."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    refuse_rcpt: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply
    data_reply: str | None = None  # e.g. "451 try later"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, opts: Any
    ) -> str:
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.data_reply:
            return self.data_reply
        with self.lock:
            self.messages.append(
                (envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
            )
        return "250 Message accepted"

    def parsed(self) -> list[MimeMessage]:
        """The accepted messages, parsed."""
        with self.lock:
            return [message_from_bytes(m[2], policy=default_policy) for m in self.messages]


class SmtpServer:
    """A running aiosmtpd server on 127.0.0.1 (optionally STARTTLS + AUTH)."""

    def __init__(self, recorder: SmtpRecorder, **kwargs: Any) -> None:
        self.recorder = recorder
        self.controller = _PortZeroController(recorder, hostname="127.0.0.1", port=0, **kwargs)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self.controller.port)

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


@dataclass
class Reply:
    """One scripted HTTP answer."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"{}"


@dataclass
class HttpRecorder:
    """What the HTTP receiver saw, and how it should answer (a script, then a default)."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    script: list[Reply] = field(default_factory=list)
    default: Reply = field(default_factory=Reply)
    by_path: dict[str, Reply] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    on_request: Callable[[dict[str, Any]], Reply | None] | None = None

    def answer(self, req: dict[str, Any]) -> Reply:
        with self.lock:
            self.requests.append(req)
            if self.on_request is not None:
                reply = self.on_request(req)
                if reply is not None:
                    return reply
            if req["path"] in self.by_path:
                return self.by_path[req["path"]]
            if self.script:
                return self.script.pop(0)
            return self.default

    def bodies(self) -> list[Any]:
        """The JSON bodies received."""
        with self.lock:
            return [json.loads(r["body"]) for r in self.requests]


class HttpServer:
    """A threaded http.server on a loopback address and port 0, answering POSTs from a recorder."""

    def __init__(self, recorder: HttpRecorder, host: str = "127.0.0.1", port: int = 0) -> None:
        self.recorder = recorder
        rec = recorder

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                req = {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                }
                reply = rec.answer(req)
                self.send_response(reply.status)
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.host = host
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL."""
        return f"http://{self.host}:{self.httpd.server_address[1]}"

    def __enter__(self) -> HttpServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
