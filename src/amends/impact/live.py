"""Detection on a growing minute series: the same `amends.impact` detection, run on the minutes
that are complete, over a bounded horizon, as events keep arriving.

A minute is complete once an event of a later minute has arrived from every source (records
arrive in time order per source); the newest minute is still filling, so it is never tested
(its partial count would look like a collapse in volume). Windows found on successive runs are
matched to the incidents already opened, so a window that grows or is re-cut by a minute stays
the same incident.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.compute as pc

from amends.impact.aggregate import SERIES_SCHEMA
from amends.impact.analysis import Detection, detect
from amends.impact.config import ImpactConfig
from amends.impact.model import Window

#: The default horizon: two days, so the previous day's same minutes serve as the baseline.
DEFAULT_HORIZON_MINUTES = 2 * 1440


def _sum(table: pa.Table) -> pa.Table:
    """Rows with the same (region, service, minute) added up, in the series' schema."""
    grouped = table.group_by(["region", "service", "minute"], use_threads=False).aggregate(
        [("attempts", "sum"), ("failures", "sum")]
    )
    return pa.table(
        [
            grouped["region"],
            grouped["service"],
            grouped["minute"],
            grouped["attempts_sum"],
            grouped["failures_sum"],
        ],
        schema=SERIES_SCHEMA,
    )


@dataclass
class LiveSeries:
    """The per-(region, service, minute) series kept current in memory over a bounded horizon."""

    horizon_minutes: int = DEFAULT_HORIZON_MINUTES
    newest: int | None = None
    _chunks: list[pa.Table] = field(default_factory=list)
    _rows: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, series: pa.Table) -> None:
        """Add a batch's minute rows (they add up with what is there)."""
        if series.num_rows == 0:
            return
        top = pc.max(series["minute"]).as_py()
        part = series.select(SERIES_SCHEMA.names).cast(SERIES_SCHEMA)
        with self._lock:
            self.newest = top if self.newest is None else max(self.newest, top)
            self._chunks.append(part)
            self._rows += series.num_rows
            many = len(self._chunks) > 64
        if many:
            self.table()

    def table(self) -> pa.Table:
        """The whole series within the horizon, one row per (region, service, minute)."""
        with self._lock:
            if not self._chunks:
                return SERIES_SCHEMA.empty_table()
            merged = _sum(pa.concat_tables(self._chunks))
            if self.newest is not None:
                merged = merged.filter(
                    pc.greater_equal(merged["minute"], self.newest - self.horizon_minutes)
                )
            self._chunks = [merged]
            self._rows = merged.num_rows
            return merged

    def replace(self, series: pa.Table) -> None:
        """Hold exactly `series` (the stored series, when other watchers add to it too)."""
        part = series.select(SERIES_SCHEMA.names).cast(SERIES_SCHEMA)
        with self._lock:
            self._chunks = [part] if part.num_rows else []
            self._rows = part.num_rows
            if part.num_rows:
                top = pc.max(part["minute"]).as_py()
                self.newest = top if self.newest is None else max(self.newest, top)

    def closed_until(self) -> int | None:
        """Minutes before this one are complete (None: no minute is complete yet)."""
        return self.newest


def detect_closed(series: pa.Table, until: int, config: ImpactConfig | None = None) -> Detection:
    """Detection on the complete minutes before `until`, laid out up to `until - 1`.

    A pair with no event in the last minutes still counts them (as zero attempts), so silence
    that runs up to now is seen as ongoing.
    """
    closed = series.filter(pc.less(series["minute"], until))
    if closed.num_rows:
        first = closed.slice(0, 1)
        pad = pa.table(
            [
                first["region"],
                first["service"],
                pa.array([until - 1], pa.int64()),
                pa.array([0], pa.int64()),
                pa.array([0], pa.int64()),
            ],
            schema=SERIES_SCHEMA,
        )
        closed = pa.concat_tables([closed, pad])
    return detect(closed, config)


def minute_of(when: datetime) -> int:
    """Minutes since the epoch of an aware time."""
    return int(when.astimezone(UTC).timestamp() // 60)


@dataclass(frozen=True)
class Known:
    """A window an incident was opened for: kind, minutes [start, end) (None: ongoing), scope."""

    id: str
    kind: str
    start: int
    end: int | None
    pairs: frozenset[tuple[str, str]]


def pairs_of(window: Window) -> frozenset[tuple[str, str]]:
    """The (region, service) pairs of a window's scope."""
    return frozenset((e.region, e.service) for e in window.scope)


def match(
    windows: list[Window], known: list[Known], *, gap: int = 5
) -> list[tuple[Window, str | None]]:
    """Each window with the incident it continues (same kind, or an incident an alert opened;
    overlapping in time within `gap` minutes; sharing a region), or None for a new one; an
    incident continues at most one."""
    taken: set[str] = set()
    out: list[tuple[Window, str | None]] = []
    for w in sorted(windows, key=lambda w: w.start):
        start = minute_of(w.start)
        end = None if w.end is None else minute_of(w.end)
        regions = set(w.regions)
        best: tuple[int, str] | None = None
        for k in known:
            # an incident an alert opened ("alert") is continued by whatever the records show
            if k.id in taken or k.kind not in (w.kind, "alert"):
                continue
            if not regions & {r for r, _ in k.pairs}:
                continue
            lo = max(start, k.start)
            hi = min(end if end is not None else 1 << 62, k.end if k.end is not None else 1 << 62)
            if hi + gap < lo:
                continue
            overlap = hi - lo
            if best is None or overlap > best[0]:
                best = (overlap, k.id)
        if best is not None:
            taken.add(best[1])
        out.append((w, None if best is None else best[1]))
    return out
