"""Source addresses for `amends watch` and `amends replay`: one parser for both.

- `nats://HOST:PORT/SUBJECT[?stream=NAME&format=jsonl|arrow&durable=NAME]`: a JetStream subject;
  each message carries a batch of canonical events (JSON lines or an Arrow IPC stream).
- `dir:PATH[?map=asterisk|freeswitch|clf|FILE.toml]`: a folder a switch writes into (no `map`:
  canonical CSV or Parquet files).
- `postgresql://...?table=T` / `mysql://...?table=T`: a database table read in place (read by
  amends.events; the watcher polls it by increasing id).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from amends.errors import InputError

Kind = str  # "nats" | "dir" | "table"

#: What each kind of source accepts after `?`.
PARAMS: dict[str, frozenset[str]] = {
    "nats": frozenset({"stream", "format", "durable", "ack_wait"}),
    "dir": frozenset({"map", "tz"}),
    "table": frozenset({"table", "schema", "map"}),
}
WIRE_FORMATS = ("jsonl", "arrow")
_SUBJECT = re.compile(r"^[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]+)*$")


@dataclass(frozen=True)
class SourceSpec:
    """A parsed source address (`text` is what the user wrote, minus any password)."""

    kind: Kind
    text: str
    path: Path | None = None  # dir
    url: str | None = None  # nats: nats://host:port; table: the database URL without `?table`
    subject: str | None = None  # nats
    params: dict[str, str] = field(default_factory=dict)

    @property
    def stream(self) -> str:
        """The JetStream stream holding the subject (given, else derived from the subject)."""
        return self.params.get("stream") or stream_name(self.subject or "")

    @property
    def wire_format(self) -> str:
        """jsonl (default) or arrow."""
        return self.params.get("format", "jsonl")

    @property
    def table_url(self) -> str:
        """A table source as amends.events.tables reads it (password included)."""
        schema = self.params.get("schema")
        return f"{self.url}?table={self.params.get('table')}" + (
            f"&schema={schema}" if schema else ""
        )

    @property
    def key(self) -> str:
        """A stable identity for positions kept in the store (no password, no query noise)."""
        if self.kind == "dir":
            return f"dir:{self.path}"
        if self.kind == "nats":
            return f"nats:{self.url}/{self.subject}#{self.params.get('durable', 'amends-watch')}"
        return f"table:{_hide_password(self.table_url)}"


def stream_name(subject: str) -> str:
    """The default stream for a subject: AMENDS_ + the subject in capitals, dots as underscores."""
    return "AMENDS_" + re.sub(r"[^A-Za-z0-9]+", "_", subject).strip("_").upper()


def _params(query: str, kind: Kind, text: str) -> dict[str, str]:
    pairs = parse_qsl(query, keep_blank_values=True)
    out: dict[str, str] = {}
    for name, value in pairs:
        if name not in PARAMS[kind]:
            allowed = ", ".join(sorted(PARAMS[kind]))
            raise InputError(f"unknown option {name!r} in source {text!r}; use one of: {allowed}")
        if name in out:
            raise InputError(f"option {name!r} is given twice in source {text!r}")
        out[name] = value
    return out


def parse_source(text: str) -> SourceSpec:
    """Parse one source address; InputError (one line, with an example) when it is not one."""
    raw = text.strip()
    if raw.startswith("dir:"):
        rest = raw[4:]
        path_part, _, query = rest.partition("?")
        if not path_part:
            raise InputError(f"source {raw!r} names no folder; write dir:/var/log/asterisk/cdr-csv")
        params = _params(query, "dir", raw)
        return SourceSpec("dir", raw, path=Path(path_part), params=params)
    if raw.startswith("nats://"):
        parts = urlsplit(raw)
        subject = parts.path.lstrip("/")
        if not parts.hostname or not subject:
            raise InputError(
                f"source {raw!r} needs a server and a subject; write nats://127.0.0.1:4222/cdr.events"
            )
        if not _SUBJECT.match(subject):
            raise InputError(
                f"source {raw!r}: {subject!r} is not a plain subject (letters, digits, - and _, "
                "separated by dots; no wildcards)"
            )
        params = _params(parts.query, "nats", raw)
        if params.get("format", "jsonl") not in WIRE_FORMATS:
            raise InputError(f"source {raw!r}: format must be one of {', '.join(WIRE_FORMATS)}")
        try:
            port = parts.port or 4222
        except ValueError:
            raise InputError(f"source {raw!r}: the port is not a number") from None
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        return SourceSpec("nats", raw, url=f"nats://{host}:{port}", subject=subject, params=params)
    scheme = raw.split(":", 1)[0].lower()
    if scheme.startswith(("postgresql", "postgres", "mysql", "mariadb")):
        base, _, query = raw.partition("?")
        params = _params(query, "table", "the database source")
        if not params.get("table"):
            raise InputError(
                "a database source needs ?table=NAME, e.g. postgresql://host/db?table=acc"
            )
        return SourceSpec("table", _hide_password(raw), url=base, params=params)
    raise InputError(
        f"unknown source {raw!r}; use nats://HOST:PORT/SUBJECT, dir:PATH[?map=asterisk] or "
        "postgresql://HOST/DB?table=acc"
    )


def _hide_password(url: str) -> str:
    """The URL with any password replaced by ***, for messages and logs."""
    return re.sub(r"(//[^:/@]+:)[^@/]*@", r"\1***@", url)
