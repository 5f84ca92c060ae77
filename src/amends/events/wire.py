"""Canonical events on the wire: a batch as JSON lines or as an Arrow IPC stream.

One message carries one batch. JSON lines: one object per event with the canonical column names,
`ts` in ISO 8601 with an offset (`2026-03-10T14:10:00.123456Z`) or as integer microseconds since
the epoch; optional columns may be absent or null. Arrow IPC: a stream whose schema has the
canonical columns (extra columns are dropped, missing optional ones are null). Decoding never
raises for bad content: it returns the good events and one `Rejected` per bad line or message.
"""

from __future__ import annotations

import io
import json
import math
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc
import pyarrow.json as pajson

from amends.events.schema import EVENT_SCHEMA, REQUIRED_COLUMNS
from amends.events.timetext import in_fixed_range, iso_utc

JSONL = "application/x-ndjson"
ARROW = "application/vnd.apache.arrow.stream"
#: Largest value each optional integer column holds (int16 in the canonical schema).
_INT_COLUMNS = ("cause", "sip_status", "http_status")


@dataclass(frozen=True)
class Rejected:
    """A line (1-based; 0: the whole message) that could not be read, the reason, the raw text."""

    line: int
    reason: str
    raw: bytes


def encode_jsonl(table: pa.Table) -> bytes:
    """A canonical table as JSON lines, built column-wise by Arrow (no Python loop per row).

    Times are UTC with a Z and their microseconds (epoch microseconds as a string instead, for
    the whole batch, when a time lies outside the years 1000-9999 that ISO 8601 text carries);
    nulls and durations that are not finite numbers are left out.
    """
    if table.num_rows == 0:
        return b""
    members: list[pa.Array] = []
    for name in (f.name for f in EVENT_SCHEMA if f.name in table.column_names):
        col = table.column(name).combine_chunks()
        if pa.types.is_dictionary(col.type):
            col = col.dictionary_decode()
        members.append(_json_member(name, col, "{" if not members else ","))
    rows = pc.binary_join_element_wise(
        *members,
        pa.scalar("}\n", pa.large_string()),
        pa.scalar("", pa.large_string()),
        null_handling="replace",
        null_replacement="",
    )
    return concat_text(rows)


def concat_text(values: pa.Array) -> bytes:
    """The UTF-8 text of a string array's values, back to back (nulls are empty), without a copy
    per value: lines built column-wise become one payload."""
    values = pc.fill_null(values.cast(pa.large_string()), "")
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)
    start, end = int(offsets[values.offset]), int(offsets[values.offset + len(values)])
    return values.buffers()[2][start:end].to_pybytes() if end > start else b""


_CONTROL = [chr(c) for c in range(0x20)]
#: Columns that usually hold few distinct values in a batch.
_FEW_VALUES = frozenset({"region", "service", "cause", "sip_status", "http_status"})


def _json_member(name: str, col: pa.Array, sep: str) -> pa.Array:
    """`<sep>"name":value` per row as large strings (null where the value is null or not finite).

    Columns with few distinct values (region, service, the codes) are written once per value
    with `json.dumps` and taken by index; the others are escaped and joined by Arrow.
    """
    key = f'{sep}"{name}":'
    if name == "ts":
        micros = col.cast(pa.int64()).to_numpy(zero_copy_only=False)
        if in_fixed_range(micros):
            return iso_utc(micros, prefix=f'{key}"'.encode(), suffix=b'"')
        text = col.cast(pa.int64()).cast(pa.string())
        return pc.binary_join_element_wise(f'{key}"', text, '"', "").cast(pa.large_string())
    encoded = col.dictionary_encode() if name in _FEW_VALUES else None
    if encoded is not None and len(encoded.dictionary) <= max(16, len(col) // 8):
        values = encoded.dictionary
        words = [
            None if v is None or (isinstance(v, float) and not math.isfinite(v))
            else key + json.dumps(v, ensure_ascii=False, separators=(",", ":"))
            for v in values.to_pylist()
        ]  # fmt: skip
        return pa.array(words, pa.large_string()).take(encoded.indices)
    if pa.types.is_floating(col.type):
        value = pc.if_else(pc.is_finite(col), col.cast(pa.float64()), None).cast(pa.string())
    elif pa.types.is_integer(col.type):
        value = col.cast(pa.int64()).cast(pa.string())
    else:
        value = pc.binary_join_element_wise('"', _json_escape(col.cast(pa.string())), '"', "")
    return pc.binary_join_element_wise(key, value, "").cast(pa.large_string())


def _json_escape(text: pa.Array) -> pa.Array:
    """JSON string escapes: backslash, quote, and control characters (others stay UTF-8)."""
    if pc.any(pc.match_substring_regex(text, r'[\\"\x00-\x1f]')).as_py():
        text = pc.replace_substring(text, "\\", "\\\\")
        text = pc.replace_substring(text, '"', '\\"')
        for c in _CONTROL:
            text = pc.replace_substring(text, c, f"\\u{ord(c):04x}")
    return text


def encode_arrow(table: pa.Table) -> bytes:
    """A canonical table as one Arrow IPC stream."""
    sink = io.BytesIO()
    with ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue()


def _canonical(table: pa.Table) -> pa.Table:
    """Cast to EVENT_SCHEMA (missing optional columns null); raises on impossible values."""
    arrays = []
    for f in EVENT_SCHEMA:
        if f.name in table.column_names:
            col = table.column(f.name)
            if f.name == "ts" and pa.types.is_integer(col.type):
                col = pc.cast(col, pa.int64()).cast(pa.timestamp("us", tz="UTC"))
            elif f.name == "ts" and pa.types.is_timestamp(col.type) and col.type.tz is None:
                raise ValueError("ts has no time zone; write it with an offset such as Z")
            arrays.append(pc.cast(col, f.type))
        elif f.name in REQUIRED_COLUMNS:
            raise ValueError(f"the column {f.name} is missing")
        else:
            arrays.append(pa.nulls(table.num_rows, f.type))
    out = pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA.remove_metadata())
    for name in REQUIRED_COLUMNS:
        nulls = out.column(name).null_count
        if nulls:
            raise ValueError(f"{name} is empty in {nulls} event(s)")
    for name in ("subscriber", "region", "service"):
        if pc.any(pc.equal(pc.utf8_length(out.column(name)), 0)).as_py():
            raise ValueError(f"{name} is an empty string")
    return out


_JSON_SCHEMA = pa.schema(
    [
        ("ts", pa.string()),
        ("subscriber", pa.string()),
        ("region", pa.string()),
        ("service", pa.string()),
        ("cause", pa.int64()),
        ("sip_status", pa.int64()),
        ("http_status", pa.int64()),
        ("duration_s", pa.float64()),
    ]
)


def _times(col: pa.ChunkedArray) -> pa.Array:
    """ISO 8601 text with an offset, or digits (microseconds since the epoch), as UTC times."""
    text = col.combine_chunks()
    digits = pc.match_substring_regex(text, r"^-?[0-9]+$")
    if pc.all(digits).as_py():
        return pc.cast(text, pa.int64()).cast(pa.timestamp("us", tz="UTC"))
    if pc.any(digits).as_py():
        raise ValueError("ts mixes epoch microseconds and ISO 8601 text")
    try:
        return pc.cast(text, pa.timestamp("us", tz="UTC"))
    except pa.ArrowInvalid as exc:
        if "zone offset" in str(exc):
            raise ValueError("ts has no time zone; write it with an offset such as Z") from None
        raise ValueError("ts is not an ISO 8601 time such as 2026-03-10T14:10:00Z") from None


def _json_table(data: bytes) -> pa.Table:
    options = pajson.ParseOptions(explicit_schema=_JSON_SCHEMA, unexpected_field_behavior="ignore")
    raw = pajson.read_json(io.BytesIO(data), parse_options=options)
    if raw.num_rows == 0:
        return EVENT_SCHEMA.empty_table()
    for name in ("cause", "sip_status", "http_status"):
        col = raw.column(name)
        if col.null_count < len(col):
            lo, hi = pc.min_max(col).values()
            if lo.as_py() < -32768 or hi.as_py() > 32767:
                raise ValueError(f"{name} is out of range")
    raw = raw.set_column(0, "ts", _times(raw.column("ts")))
    return _canonical(raw)


def decode_jsonl(data: bytes) -> tuple[pa.Table, list[Rejected]]:
    """Events from JSON lines; lines that cannot be read come back as Rejected, with the reason."""
    try:
        return _json_table(data), []
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError, OverflowError):
        pass
    good: list[pa.Table] = []
    bad: list[Rejected] = []
    for n, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("not a JSON object")
            good.append(_json_table(line + b"\n"))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError, OverflowError) as exc:
            bad.append(Rejected(n, _reason(exc), line))
    table = pa.concat_tables(good) if good else EVENT_SCHEMA.empty_table()
    return table, bad


_UNREADABLE = (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError, OverflowError, OSError)


def decode_arrow(data: bytes) -> tuple[pa.Table, list[Rejected]]:
    """Events from an Arrow IPC stream; a stream that cannot be read is one Rejected."""
    try:
        table = ipc.open_stream(pa.BufferReader(data)).read_all()
        return _canonical(table), []
    except (
        pa.ArrowInvalid,
        pa.ArrowNotImplementedError,
        ValueError,
        OverflowError,
        OSError,
    ) as exc:
        return EVENT_SCHEMA.empty_table(), [Rejected(0, _reason(exc), data[:2048])]


def decode(data: bytes, fmt: str) -> tuple[pa.Table, list[Rejected]]:
    """Decode a message in `fmt` ("jsonl" or "arrow")."""
    return decode_arrow(data) if fmt == "arrow" else decode_jsonl(data)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] or type(exc).__name__
