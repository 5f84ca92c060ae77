"""Canonical events written the way switches and web servers write them, so the built-in mappings
read them back: canonical CSV, Asterisk and FreeSWITCH `Master.csv` lines, access-log lines.

Each writer turns a canonical Arrow table into complete lines (bytes, vectorised by Arrow). What a
format cannot carry is refused with an InputError naming the value (a call type Asterisk has no
dialled number for, a region with a `/` in it); the outcome is written so that the mapping
classifies it as the same network failure or not (`FailurePolicy`). Times are written to the
second in `tz` (UTC by default; read them back with `--tz` of the same zone).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from amends.errors import InputError, shown
from amends.events.failures import DEFAULT_FAILURES, FailurePolicy
from amends.events.mapping import Mapping
from amends.events.schema import EVENT_SCHEMA
from amends.events.timetext import clf_time, digits, in_fixed_range, iso_utc, layout, wall_seconds
from amends.events.wire import concat_text

#: The formats a folder can be written in: `None` (canonical CSV) or a built-in mapping's name.
WRITABLE = ("asterisk", "freeswitch", "clf")

#: Call type → the dialled-number prefix the built-in CDR mappings read back as that call type.
_DIALLED = {"emergency": "911", "international": "01144", "long_distance": "1212", "local": "555"}
#: Asterisk's dispositions, by the index `asterisk_lines` computes.
_DISPOSITIONS = ["ANSWERED", "CONGESTION", "FAILED", "BUSY", "NO ANSWER"]
#: Digits after the prefix, so every number has a plausible length.
_DIGITS = {"emergency": 0, "international": 8, "long_distance": 7, "local": 4}


@dataclass(frozen=True)
class LineFormat:
    """How one format names its file, starts it, rotates it, and writes a batch of events."""

    name: str  # "canonical", "asterisk", "freeswitch", "clf"
    filename: str  # the live file: events.csv, Master.csv, access.log
    header: bytes  # written at the top of a new file (canonical CSV only)
    rotation: (
        str  # "numbered" (name.1, name.2, ...), "stamped" (name.<time>), "dated" (stem-<time>)
    )
    encode: Callable[[pa.Table, int], bytes]  # (events, sequence number of the first) → lines


def line_format(
    map_name: str | None, *, tz: str = "UTC", policy: FailurePolicy = DEFAULT_FAILURES
) -> LineFormat:
    """The writer for `map_name` (None: canonical CSV); a custom mapping file is refused."""
    if map_name is None:
        header = (",".join(EVENT_SCHEMA.names) + "\n").encode()
        return LineFormat("canonical", "events.csv", header, "dated", canonical_csv_lines)
    if map_name == "asterisk":
        return LineFormat(
            "asterisk",
            "Master.csv",
            b"",
            "numbered",
            lambda t, seq: asterisk_lines(t, seq, tz=tz, policy=policy),
        )
    if map_name == "freeswitch":
        return LineFormat(
            "freeswitch",
            "Master.csv",
            b"",
            "stamped",
            lambda t, seq: freeswitch_lines(t, seq, tz=tz, policy=policy),
        )
    if map_name == "clf":
        return LineFormat(
            "clf", "access.log", b"", "numbered", lambda t, seq: clf_lines(t, tz=tz, policy=policy)
        )
    raise InputError(
        f"map={shown(map_name)}: replay writes the built-in formats only ({', '.join(WRITABLE)}), "
        "or canonical CSV without map; convert a custom format with `amends events convert`"
    )


# --- canonical CSV ------------------------------------------------------------------------------


def canonical_csv_lines(table: pa.Table, seq: int = 0) -> bytes:
    """Canonical CSV rows (no header): ts as ISO 8601 UTC with microseconds, empty for null."""
    table = _plain(table)
    micros = _micros(table)
    ts = iso_utc(micros).cast(pa.string())
    out = table.set_column(0, "ts", ts)
    return _csv(out, quoting="needed")


# --- Asterisk cdr_csv ---------------------------------------------------------------------------


def asterisk_lines(
    table: pa.Table, seq: int = 0, *, tz: str = "UTC", policy: FailurePolicy = DEFAULT_FAILURES
) -> bytes:
    """Asterisk cdr_csv Master.csv lines (headerless, the 18 fields of mappings/asterisk.toml).

    The region is the peer of the calling channel (`SIP/<region>-<hex>`), the call type the
    dialled number's prefix, the outcome the disposition.
    """
    table = _plain(table)
    n = table.num_rows
    region = table.column("region").combine_chunks()
    channel = pc.binary_join_element_wise("SIP/", region, "-", _hex(seq + np.arange(n), 8), "")
    _check_regions(region)
    dst = _dialled(table.column("service").combine_chunks(), seq, "asterisk")
    cause, failure = outcome_causes(table, policy)
    kind = np.select(
        [
            failure & np.isin(cause, (34, 42)),
            failure,
            np.isin(cause, (17, 21)),
            np.isin(cause, (18, 19, 20)),
        ],
        [1, 2, 3, 4],
        default=0,
    )
    disposition = _choose(kind, _DISPOSITIONS)
    answered = kind == 0
    billsec = _billsec(table, answered)
    start, answer, end = _stamps(table, billsec, answered, tz)
    subscriber = table.column("subscriber").combine_chunks()
    micros = _micros(table)
    uniqueid = pc.binary_join_element_wise(
        _decimal(micros // 1_000_000), ".", _decimal(seq + np.arange(n)), ""
    )
    empty = _const("", n)
    columns = {
        "accountcode": empty,
        "src": subscriber,
        "dst": dst,
        "dcontext": _const("from-internal", n),
        "clid": subscriber,
        "channel": channel,
        "dstchannel": pc.binary_join_element_wise("SIP/trunk-", _hex(seq + np.arange(n), 8), ""),
        "lastapp": _const("Dial", n),
        "lastdata": pc.binary_join_element_wise("SIP/trunk/", dst, ""),
        "start": start,
        "answer": answer,
        "end": end,
        "duration": pa.array(billsec),
        "billsec": pa.array(billsec),
        "disposition": disposition,
        "amaflags": _const("DOCUMENTATION", n),
        "uniqueid": uniqueid,
        "userfield": empty,
    }
    return _csv(pa.table(columns), quoting="needed")


def _check_regions(region: pa.Array) -> None:
    """Every region must come back out of its channel name through the mapping's own regex
    (checked once per distinct region: the channel's id is always eight hex digits)."""
    pattern = _mapping("asterisk").columns["region"].regex
    assert pattern is not None
    named = re.sub(r"\((?!\?)", "(?P<region>", pattern, count=1)
    regions = pc.unique(region)
    channel = pc.binary_join_element_wise("SIP/", regions, "-0000abcd", "")
    back = pc.struct_field(pc.extract_regex(channel, named), [0])
    same = pc.fill_null(pc.equal(back, regions), False)
    _refuse_rows(
        pc.invert(same),
        regions,
        "region {value!r} cannot be written in an Asterisk channel name (SIP/<region>-<id>) so "
        "that it reads back the same; use regions without / or surrounding spaces",
    )


# --- FreeSWITCH mod_cdr_csv ---------------------------------------------------------------------


def freeswitch_lines(
    table: pa.Table, seq: int = 0, *, tz: str = "UTC", policy: FailurePolicy = DEFAULT_FAILURES
) -> bytes:
    """FreeSWITCH Master.csv lines of the default "example" template (mappings/freeswitch.toml).

    The region is the account code, the call type the destination number's prefix, the outcome
    the hangup cause's name.
    """
    table = _plain(table)
    n = table.num_rows
    region = table.column("region").combine_chunks()
    stripped = pc.utf8_trim_whitespace(region)
    _refuse_rows(
        pc.invert(pc.equal(stripped, region)),
        region,
        "region {value!r} has surrounding spaces, which FreeSWITCH's CSV reader drops; trim it",
    )
    dst = _dialled(table.column("service").combine_chunks(), seq, "freeswitch")
    cause, failure = outcome_causes(table, policy)
    names, fallback_fail = _freeswitch_names(policy)
    named = np.isin(cause, list(names))
    cause = np.where(named, cause, np.where(failure, fallback_fail, 16))
    lookup = np.array(sorted(names))
    hangup = _choose(np.searchsorted(lookup, cause), [names[c] for c in lookup])
    answered = cause == 16
    billsec = _billsec(table, answered)
    start, answer, end = _stamps(table, billsec, answered, tz)
    subscriber = table.column("subscriber").combine_chunks()
    ids = seq + np.arange(n)
    uuid = pc.binary_join_element_wise("00000000-0000-4000-8000-", _hex(ids, 12), "")
    columns = {
        "caller_id_name": subscriber,
        "caller_id_number": subscriber,
        "destination_number": dst,
        "context": _const("default", n),
        "start_stamp": start,
        "answer_stamp": answer,
        "end_stamp": end,
        "duration": pa.array(billsec).cast(pa.string()),
        "billsec": pa.array(billsec).cast(pa.string()),
        "hangup_cause": hangup,
        "uuid": uuid,
        "bleg_uuid": _const("", n),
        "accountcode": region,
        "read_codec": _const("PCMU", n),
        "write_codec": _const("PCMU", n),
    }
    return _csv(pa.table(columns), quoting="all_valid")


@cache
def _freeswitch_names_for(network: frozenset[int]) -> tuple[dict[int, str], int]:
    codes = _mapping("freeswitch").codes["cause"]
    names: dict[int, str] = {}
    for name, number in codes.items():
        names.setdefault(int(number), name)
    candidates = [c for c in (41, 38, 34, *sorted(network)) if c in network and c in names]
    if not candidates:
        raise InputError(
            "no FreeSWITCH hangup cause counts as a network failure under the failure policy; "
            "add one of 34, 38, 41 to network_causes"
        )
    return names, candidates[0]


def _freeswitch_names(policy: FailurePolicy) -> tuple[dict[int, str], int]:
    """Cause number → FreeSWITCH name, and the network failure written for a cause it lacks."""
    return _freeswitch_names_for(policy.network_causes)


# --- access logs --------------------------------------------------------------------------------


def clf_lines(
    table: pa.Table, *, tz: str = "UTC", policy: FailurePolicy = DEFAULT_FAILURES
) -> bytes:
    """Access-log lines in the Combined Log Format (mappings/clf.toml).

    The subscriber is the authenticated user, the service the first path segment, the outcome
    the status (the event's own, or 503 for a network failure and 200 otherwise). The built-in
    mapping has one region, `all`: the region is not written.
    """
    table = _plain(table)
    n = table.num_rows
    subscriber = table.column("subscriber").combine_chunks()
    _refuse_rows(
        pc.or_(pc.match_substring_regex(subscriber, r"\s"), pc.equal(subscriber, "-")),
        subscriber,
        "subscriber {value!r} cannot be an access log's user field (no spaces, not -)",
    )
    service = table.column("service").combine_chunks()
    _refuse_rows(
        pc.and_(
            pc.invert(pc.match_substring_regex(service, r'^[^/?#\s"\\]+$')),
            pc.not_equal(service, "/"),
        ),
        service,
        "service {value!r} cannot be the first segment of a request path (no /, ?, #, spaces "
        "or quotes)",
    )
    path = pc.if_else(pc.equal(service, "/"), "/", pc.binary_join_element_wise("/", service, ""))
    _, failure = outcome_causes(table, policy)
    http = pc.fill_null(table.column("http_status").combine_chunks().cast(pa.int64()), -1)
    http_np = http.to_numpy()
    given = http_np >= 0
    bad = given & ((http_np < 100) | (http_np > 999))
    _refuse_rows(
        pa.array(bad),
        http,
        "http_status {value} is not a three-digit status an access log can carry",
    )
    status = np.where(given, http_np, np.where(failure, 503, 200))
    status = np.where(failure & (status < policy.http_min_failure), 503, status)
    local, offset = _local_micros(table, tz)
    when = clf_time(local, offset).cast(pa.string())
    size = pa.array(np.where(status < 400, 512, 0)).cast(pa.string())
    line = pc.binary_join_element_wise(
        "10.0.0.1 - ",
        subscriber,
        " [",
        when,
        '] "GET ',
        path,
        ' HTTP/1.1" ',
        pa.array(status).cast(pa.string()),
        " ",
        size,
        ' "-" "amends-replay"\n',
        "",
    )
    return concat_text(line) if n else b""


# --- shared -------------------------------------------------------------------------------------


def outcome_causes(
    table: pa.Table, policy: FailurePolicy = DEFAULT_FAILURES
) -> tuple[np.ndarray, np.ndarray]:
    """Per event: a Q.850 cause for its outcome, and whether it is a network failure.

    The cause is the event's own; without one it follows the SIP or HTTP status (busy 17, no
    answer 19, rejected 21, answered 16); a failure whose cause is not a network cause (a SIP 503
    with cause 16) gets one, so every writer keeps the classification.
    """

    def ints(name: str) -> np.ndarray:
        col = table.column(name).combine_chunks().cast(pa.int64())
        return pc.fill_null(col, -1).to_numpy()

    cause, sip, http = ints("cause"), ints("sip_status"), ints("http_status")
    failure = (
        np.isin(cause, list(policy.network_causes))
        | np.isin(sip, list(policy.network_sip))
        | (http >= policy.http_min_failure)
    )
    derived = np.select(
        [sip == 486, sip == 480, sip == 603],
        [17, 19, 21],
        default=16,
    )
    out = np.where(cause >= 0, cause, derived)
    network = sorted(policy.network_causes)
    fallback = next(
        (c for c in (38, 41, 34) if c in policy.network_causes), network[0] if network else 38
    )
    out = np.where(failure & ~np.isin(out, network), fallback, out)
    return out, failure


def _plain(table: pa.Table) -> pa.Table:
    """The table with plain (not dictionary) columns, in the canonical schema."""
    return table.select(EVENT_SCHEMA.names).cast(EVENT_SCHEMA.remove_metadata())


def _dialled(service: pa.Array, seq: int, fmt: str) -> pa.Array:
    """A dialled number per call whose prefix the CDR mappings read back as its call type."""
    known = pc.is_in(service, value_set=pa.array(list(_DIALLED)))
    _refuse_rows(
        pc.invert(known),
        service,
        f"service {{value!r}} has no dialled-number form in {fmt}'s CSV; it writes "
        f"{', '.join(_DIALLED)} calls (write other services without map, as canonical CSV)",
    )
    n = len(service)
    names = list(_DIALLED)
    index = pc.index_in(service, value_set=pa.array(names)).to_numpy(zero_copy_only=False)
    tail = pc.if_else(
        pa.array(index == names.index("emergency")),
        "",
        _decimal((seq + np.arange(n)) % 10_000_000, width=7),
    )
    prefix = _choose(index, [_DIALLED[name] for name in names])
    return pc.binary_join_element_wise(prefix, tail, "")


def _billsec(table: pa.Table, answered: np.ndarray) -> np.ndarray:
    """Whole seconds answered (0 for calls not answered)."""
    duration = table.column("duration_s").combine_chunks().cast(pa.float64())
    values = pc.fill_null(duration, 0.0).to_numpy(zero_copy_only=False)
    values = np.where(np.isfinite(values) & (values > 0), values, 0.0)
    return np.where(answered, np.round(values), 0).astype(np.int64)


def _micros(table: pa.Table) -> np.ndarray:
    """The events' times as epoch microseconds; InputError outside the years 1000-9999."""
    micros = table.column("ts").combine_chunks().cast(pa.int64()).to_numpy(zero_copy_only=False)
    if not in_fixed_range(micros):
        raise InputError(
            "an event time lies outside the years 1000-9999, which a switch's log cannot carry; "
            "replay with --from/--until inside them"
        )
    return micros


def _local_micros(table: pa.Table, tz: str) -> tuple[np.ndarray, np.ndarray]:
    """Wall-clock microseconds in `tz` (whole seconds) and the UTC offset in minutes, per event."""
    utc = _micros(table)
    utc = utc - utc % 1_000_000
    if tz == "UTC":
        return utc, np.zeros(len(utc), dtype=np.int64)
    aware = pa.array(utc, pa.int64()).cast(pa.timestamp("us", tz=tz))
    local = pc.local_timestamp(aware).cast(pa.int64()).to_numpy()
    return local, (local - utc) // 60_000_000


def _stamps(
    table: pa.Table, billsec: np.ndarray, answered: np.ndarray, tz: str
) -> tuple[pa.Array, pa.Array, pa.Array]:
    """start, answer (empty unless answered) and end, as local `YYYY-MM-DD HH:MM:SS` in `tz`."""
    local, _ = _local_micros(table, tz)
    start = wall_seconds(local).cast(pa.string())
    answer = pc.if_else(pa.array(answered), start, "")
    end = wall_seconds(local + billsec * 1_000_000).cast(pa.string())
    return start, answer, end


def _const(value: str, n: int) -> pa.Array:
    """`value` `n` times."""
    return _choose(np.zeros(n, dtype=np.int8), [value])


def _choose(index: np.ndarray, labels: list[str]) -> pa.Array:
    """labels[index] per row, as plain strings."""
    indices = pa.array(np.asarray(index, dtype=np.int32))
    return pa.DictionaryArray.from_arrays(indices, pa.array(labels)).dictionary_decode()


def _refuse_rows(bad: pa.Array, values: pa.Array, message: str) -> None:
    """InputError naming the first value where `bad` holds, and how many more there are."""
    bad = pc.fill_null(bad, False)
    count = pc.sum(bad).as_py() or 0
    if not count:
        return
    first = values.filter(bad)[0].as_py()
    more = f" ({count - 1} more)" if count > 1 else ""
    raise InputError(message.format(value=shown(first)) + more)


def _hex(numbers: np.ndarray, width: int) -> pa.Array:
    """Each number as `width` lower-case hex digits (its low bits)."""
    return layout(len(numbers), [digits(numbers, width, 16)]).cast(pa.string())


def _decimal(numbers: np.ndarray, width: int | None = None) -> pa.Array:
    """Each non-negative number in decimal, zero-padded to `width` (default: no padding)."""
    if width is not None:
        return layout(len(numbers), [(numbers, width)]).cast(pa.string())
    return pa.array(numbers, pa.int64()).cast(pa.string())


def _csv(table: pa.Table, *, quoting: str) -> bytes:
    """Rows as CSV lines without a header (strings quoted; numbers bare unless `all_valid`)."""
    if table.num_rows == 0:
        return b""
    sink = io.BytesIO()
    options = pacsv.WriteOptions(include_header=False, quoting_style=quoting)
    pacsv.write_csv(table, sink, write_options=options)
    return sink.getvalue()


@cache
def _mapping(name: str) -> Mapping:
    return Mapping.load(name)
