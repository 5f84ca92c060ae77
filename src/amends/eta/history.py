"""Past incidents, the evidence behind every estimate: the `PastCase` model and CSV history files.

A history CSV has one row per past incident: cause category, start, restored (empty while still
ongoing: a censored case), regions, services, customers affected. Every problem is refused with
one line naming the file, the row and the fix; nothing is read half-way.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from amends.errors import InputError
from amends.incident.model import CauseCategory

CAUSES: tuple[str, ...] = CauseCategory.__args__  # type: ignore[attr-defined]

#: Canonical column → other names people use for it (lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("id", "incident", "incident_id", "reference", "ticket"),
    "cause_category": ("cause", "category", "cause category"),
    "started_at": ("start", "started", "start_time", "began", "began_at"),
    "restored_at": ("restored", "end", "ended", "ended_at", "end_time", "resolved", "resolved_at"),
    "regions": ("region", "areas", "area"),
    "services": ("service",),
    "customers_affected": ("customers", "customers affected", "affected", "subscribers"),
    "open_as_of": ("last_seen", "last_seen_open", "as_of", "open_at"),
}
REQUIRED = ("cause_category", "started_at", "restored_at")
MAX_ROWS = 1_000_000
MAX_FIELD = 1_000
#: The largest customers_affected accepted (a 64-bit database integer holds it; 2**53 stays exact).
MAX_CUSTOMERS = 2**53

#: Arrow schema of a history table (what `estimate` also accepts).
HISTORY_SCHEMA = pa.schema(
    [
        pa.field("ref", pa.string(), nullable=False),
        pa.field("cause_category", pa.string(), nullable=False),
        pa.field("started_at", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("restored_at", pa.timestamp("us", tz="UTC")),
        pa.field("regions", pa.list_(pa.string())),
        pa.field("services", pa.list_(pa.string())),
        pa.field("customers_affected", pa.int64()),
        pa.field("open_as_of", pa.timestamp("us", tz="UTC")),
    ]
)


class PastCase(BaseModel):
    """One past incident: its cause, when it started and, unless still open, when restored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ref: str = Field(min_length=1, max_length=200)
    cause_category: str = Field(min_length=1)
    started_at: datetime
    restored_at: datetime | None = None
    regions: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    customers_affected: int | None = Field(None, ge=0)
    open_as_of: datetime | None = Field(
        None, description="Open case only: last time it was seen still open (default: now)"
    )

    @field_validator("started_at", "restored_at", "open_as_of")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("give a time zone offset, e.g. 2025-06-01T14:10:00-07:00")
        return value

    @model_validator(mode="after")
    def _order(self) -> PastCase:
        if self.restored_at is not None and self.restored_at < self.started_at:
            raise ValueError("restored before it started; check the two times")
        if self.open_as_of is not None and self.open_as_of < self.started_at:
            raise ValueError("open_as_of is before it started; check the two times")
        return self

    def duration_hours(self, now: datetime) -> tuple[float, bool]:
        """(hours it lasted as known at `now`, True if restored by then); open cases censored."""
        if self.restored_at is not None and self.restored_at <= now:
            return (self.restored_at - self.started_at).total_seconds() / 3600, True
        end = min(self.open_as_of or now, now)
        return max((end - self.started_at).total_seconds() / 3600, 0.0), False


def case_ref(cause: str, started_at: datetime, regions: Iterable[str]) -> str:
    """A stable reference for a row without one, so importing a file twice adds nothing."""
    key = f"{cause}|{started_at.isoformat()}|{'|'.join(sorted(regions))}"
    return "h-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def _split(value: str) -> tuple[str, ...]:
    parts = [p.strip() for p in value.replace("|", ";").split(";")]
    return tuple(dict.fromkeys(p for p in parts if p))


def _time(value: str, column: str, path: str, row: int) -> datetime:
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        raise InputError(
            f"{column} {text[:40]!r} is not a time; write ISO 8601 with an offset, "
            "e.g. 2025-06-01T14:10:00-07:00",
            path=path,
            row=row,
        ) from None
    if parsed.tzinfo is None:
        raise InputError(
            f"{column} {text[:40]!r} has no time zone; add an offset like -07:00 or Z",
            path=path,
            row=row,
        )
    return parsed


def _header(found: list[str], path: str) -> dict[str, int]:
    """Canonical column → index; refuses missing or doubled columns with a did-you-mean."""
    index: dict[str, int] = {}
    for i, raw in enumerate(found):
        name = raw.strip().lower().replace("-", "_")
        canon = next(
            (c for c, alias in COLUMNS.items() if name == c or name in alias),
            None,
        )
        if canon is None:
            continue
        if canon in index:
            raise InputError(
                f"columns {found[index[canon]]!r} and {raw!r} both mean {canon}; keep one",
                path=path,
                row=1,
            )
        index[canon] = i
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        hints = []
        for m in missing:
            names = (m, *COLUMNS[m])

            def score(f: str, names: tuple[str, ...] = names) -> float:
                return max(difflib.SequenceMatcher(None, f.lower(), n).ratio() for n in names)

            best = max(found, key=score, default=None)
            if best is not None and score(best) >= 0.75:
                hints.append(f"{best!r} for {m!r}?")
        hint = f" (did you mean {' '.join(hints)})" if hints else ""
        shown = ", ".join(found[:12]) or "no columns"
        raise InputError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}; found "
            f"{shown}{hint}: a history file needs {', '.join(REQUIRED)} "
            "(and optionally ref, regions, services, customers_affected, open_as_of)",
            path=path,
            row=1,
        )
    return index


def parse_history_csv(text: str, *, source: str = "<history>") -> list[PastCase]:
    """Validate history CSV text; the row in errors is the file's line number (header = 1)."""
    if "\x00" in text:
        raise InputError("contains NUL bytes: not a text CSV file; export it as CSV", path=source)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        found = next(reader)
    except StopIteration:
        raise InputError(
            "the file is empty; add a header row and one row per incident", path=source
        ) from None
    except csv.Error as exc:
        raise InputError(f"not valid CSV ({exc}); fix the file", path=source, row=1) from None
    cols = _header(found, source)
    cases: list[PastCase] = []
    refs: dict[str, int] = {}
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(
            f"not valid CSV ({exc}); fix the quoting", path=source, row=reader.line_num
        ) from None
    if len(rows) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS:,} rows; split the file", path=source)
    for n, values in enumerate(rows, start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(found):
            raise InputError(
                f"has {len(values)} fields but the header has {len(found)}; "
                "quote fields that contain commas",
                path=source,
                row=n,
            )
        cases.append(_row(values, cols, source, n))
        ref = cases[-1].ref
        if ref in refs:
            raise InputError(
                f"ref {ref!r} repeats row {refs[ref]}; give each incident its own ref "
                "(or drop the duplicate row)",
                path=source,
                row=n,
            )
        refs[ref] = n
    if not cases:
        raise InputError("no incidents: the file has a header but no rows", path=source)
    return cases


def _row(values: list[str], cols: dict[str, int], path: str, n: int) -> PastCase:
    def get(name: str) -> str:
        value = values[cols[name]].strip() if name in cols else ""
        if len(value) > MAX_FIELD:
            raise InputError(
                f"{name} is longer than {MAX_FIELD} characters; shorten it", path=path, row=n
            )
        if any(ord(c) < 32 and c not in "\t" for c in value):
            raise InputError(f"{name} contains control characters; remove them", path=path, row=n)
        return value

    cause = get("cause_category").lower().replace(" ", "_").replace("-", "_")
    if cause not in CAUSES:
        close = difflib.get_close_matches(cause, CAUSES, n=1, cutoff=0.5)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise InputError(
            f"cause_category {get('cause_category')[:40]!r} is not a known cause{hint}; "
            f"use one of {', '.join(CAUSES)}",
            path=path,
            row=n,
        )
    if not get("started_at"):
        raise InputError("started_at is empty; every incident needs its start", path=path, row=n)
    started = _time(get("started_at"), "started_at", path, n)
    latest = datetime.now(UTC) + timedelta(days=1)
    if started > latest:
        raise InputError(
            f"started_at {get('started_at')[:40]!r} is in the future; check the year and the zone",
            path=path,
            row=n,
        )
    restored_text = get("restored_at")
    restored = _time(restored_text, "restored_at", path, n) if restored_text else None
    if restored is not None and restored < started:
        raise InputError(
            "restored_at is before started_at; check the two times (or swap them)",
            path=path,
            row=n,
        )
    if restored is not None and restored > latest:
        raise InputError(
            f"restored_at {restored_text[:40]!r} is in the future; check the year and the zone "
            "(leave it empty while the incident is open)",
            path=path,
            row=n,
        )
    open_text = get("open_as_of")
    open_as_of = _time(open_text, "open_as_of", path, n) if open_text else None
    if open_as_of is not None and restored is not None:
        raise InputError(
            "open_as_of is only for incidents still open; empty it or empty restored_at",
            path=path,
            row=n,
        )
    if open_as_of is not None and open_as_of < started:
        raise InputError("open_as_of is before started_at; check the two times", path=path, row=n)
    customers_text = get("customers_affected").replace(",", "").replace("_", "")
    customers: int | None = None
    if customers_text:
        if not (customers_text.isascii() and customers_text.isdigit()):
            raise InputError(
                f"customers_affected {customers_text[:20]!r} is not a whole number ≥ 0; "
                "write a count like 1200 or leave it empty",
                path=path,
                row=n,
            )
        customers = int(customers_text)
        if customers > MAX_CUSTOMERS:
            raise InputError(
                f"customers_affected {customers_text[:20]!r}"
                f"{'...' if len(customers_text) > 20 else ''} is too large (at most "
                f"{MAX_CUSTOMERS:,}); check the count",
                path=path,
                row=n,
            )
    regions, services = _split(get("regions")), _split(get("services"))
    ref = get("ref") or case_ref(cause, started, regions)
    return PastCase(
        ref=ref[:200],
        cause_category=cause,
        started_at=started,
        restored_at=restored,
        regions=regions,
        services=services,
        customers_affected=customers,
        open_as_of=open_as_of,
    )


def load_history_csv(path: Path) -> list[PastCase]:
    """Read and validate a history CSV file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; check the path", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "not UTF-8 text; save the file as UTF-8 CSV", path=str(path), row=line
        ) from None
    return parse_history_csv(text, source=str(path))


def cases_to_table(cases: Sequence[PastCase]) -> pa.Table:
    """The cases as an Arrow table with `HISTORY_SCHEMA` (times in UTC)."""
    return pa.Table.from_pylist(
        [
            {
                **c.model_dump(),
                "regions": list(c.regions),
                "services": list(c.services),
            }
            for c in cases
        ],
        schema=HISTORY_SCHEMA,
    )


def table_to_cases(table: pa.Table) -> list[PastCase]:
    """Cases from an Arrow table with at least ref, cause_category, started_at, restored_at."""
    missing = [
        c
        for c in ("ref", "cause_category", "started_at", "restored_at")
        if c not in table.column_names
    ]
    if missing:
        raise InputError(f"history table lacks column(s) {', '.join(missing)}")
    out = []
    for row in table.to_pylist():
        data = {k: row.get(k) for k in HISTORY_SCHEMA.names if k in row}
        data["regions"] = tuple(data.get("regions") or ())
        data["services"] = tuple(data.get("services") or ())
        out.append(PastCase.model_validate(data))
    return out


CSV_COLUMNS = (
    "ref",
    "cause_category",
    "started_at",
    "restored_at",
    "regions",
    "services",
    "customers_affected",
    "open_as_of",
)


def cases_to_csv(cases: Sequence[PastCase], *, note: str | None = None) -> str:
    """The cases as history CSV text (the format `load_history_csv` reads; lists joined by ';').

    `note` adds a `note` column with that text on every row (ignored when read back).
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *(["note"] if note else [])])
    for c in cases:
        writer.writerow(
            [
                c.ref,
                c.cause_category,
                c.started_at.isoformat(),
                c.restored_at.isoformat() if c.restored_at else "",
                ";".join(c.regions),
                ";".join(c.services),
                "" if c.customers_affected is None else c.customers_affected,
                c.open_as_of.isoformat() if c.open_as_of else "",
                *([note] if note else []),
            ]
        )
    return out.getvalue()
