"""The outage-data simulator: realistic call records in the canonical schema, with injected outages.

Generation is vectorised per time slice (Poisson counts per minute and region from each region's
local-time calling curve, then categorical draws for subscriber, call type and outcome), streamed
to Parquet by a writer thread with bounded memory, and exactly reproducible from the seed.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from amends.errors import InputError
from amends.events.failures import DEFAULT_FAILURES, FailurePolicy
from amends.events.scenario import (
    SIM_SERVICES,
    OutageSpec,
    RegionSpec,
    Scenario,
    Truth,
    TruthRegion,
    TruthSilenced,
    TruthSubscriber,
    TruthWindow,
)
from amends.files import atomic_path

#: Eight US states with their IANA zones, weighted by population (millions, 2024).
DEFAULT_REGIONS: tuple[RegionSpec, ...] = (
    RegionSpec(name="CA", tz="America/Los_Angeles", weight=39.4),
    RegionSpec(name="TX", tz="America/Chicago", weight=31.3),
    RegionSpec(name="FL", tz="America/New_York", weight=23.4),
    RegionSpec(name="NY", tz="America/New_York", weight=19.9),
    RegionSpec(name="IL", tz="America/Chicago", weight=12.7),
    RegionSpec(name="WA", tz="America/Los_Angeles", weight=8.0),
    RegionSpec(name="AZ", tz="America/Phoenix", weight=7.6),
    RegionSpec(name="CO", tz="America/Denver", weight=6.0),
)

#: Relative calling volume per local hour (0..23): quiet at night, peaks late morning and early
#: evening. Interpolated to minutes and normalised so that a day sums to 1.
HOURLY_PROFILE: tuple[float, ...] = (
    0.30, 0.18, 0.12, 0.09, 0.09, 0.14, 0.33, 0.72, 1.18, 1.52, 1.72, 1.80,
    1.66, 1.58, 1.56, 1.60, 1.70, 1.82, 1.78, 1.52, 1.26, 1.00, 0.74, 0.48,
)  # fmt: skip

#: Share of call attempts per call type.
SERVICE_MIX: dict[str, float] = {
    "local": 0.655,
    "long_distance": 0.27,
    "international": 0.07,
    "emergency": 0.005,
}

#: Outcomes other than a network failure: (name, Q.850 cause, SIP status).
OUTCOMES: tuple[tuple[str, int, int], ...] = (
    ("answered", 16, 200),
    ("busy", 17, 486),
    ("no_answer", 19, 480),
    ("rejected", 21, 603),
)
FAILED = len(OUTCOMES)  # the outcome index of a (background) network failure

#: Per call type: shares of busy, no answer, rejected (answered takes the rest).
OUTCOME_RATES: dict[str, tuple[float, float, float]] = {
    "local": (0.07, 0.12, 0.04),
    "long_distance": (0.08, 0.14, 0.05),
    "international": (0.09, 0.18, 0.05),
    "emergency": (0.01, 0.01, 0.0),
}

#: Background network failures: (Q.850 cause, SIP status, relative frequency).
BACKGROUND_FAILURES: tuple[tuple[int, int, float], ...] = (
    (34, 503, 0.30),  # no circuit/channel available
    (38, 503, 0.12),  # network out of order
    (41, 503, 0.18),  # temporary failure
    (42, 503, 0.10),  # switching equipment congestion
    (44, 503, 0.05),  # requested channel not available
    (47, 503, 0.05),  # resource unavailable
    (63, 500, 0.05),  # service or option not available
    (102, 504, 0.15),  # recovery on timer expiry
)

#: Median answered duration (seconds) per call type; durations are log-normal.
MEDIAN_DURATION_S: dict[str, float] = {
    "local": 75.0,
    "long_distance": 140.0,
    "international": 260.0,
    "emergency": 110.0,
}
DURATION_SIGMA = 0.9

#: Plans in the subscribers file: (name, monthly fee in USD, share).
PLANS: tuple[tuple[str, str, float], ...] = (
    ("Basic", "25.00", 0.34),
    ("Standard", "45.00", 0.36),
    ("Unlimited", "70.00", 0.22),
    ("Business", "95.00", 0.08),
)
SPANISH_SHARE = 0.14
DEFAULT_START = date(2026, 3, 10)
#: Rows per generated slice (and Parquet row group), roughly; slices are 1 minute to 1 day long.
SLICE_ROWS = 1_000_000
#: Above this many subscribers the subscriber column is written as plain strings: Parquet's
#: writer is much slower with a dictionary larger than the rows of a row group. Plain ids are
#: built per slice from the subscriber numbers (never all ids at once: bounded memory).
DICTIONARY_MAX_SUBSCRIBERS = 250_000
#: Subscribers per row group of the subscribers file, written one chunk at a time (pyarrow's
#: default row-group size, so a file of up to this many rows is the one `write_table` wrote).
SUBSCRIBER_CHUNK = 1024 * 1024
#: Up to this many per-subscriber truth entries (affected plus silenced, all windows) are listed
#: in the truth JSON; above it they go to `<stem>.truth.subscribers.parquet` and
#: `<stem>.truth.silenced.parquet`, streamed in chunks (the JSON keeps every count).
TRUTH_LIST_MAX = 200_000
#: The "no failure yet" sentinels of the per-subscriber first/last failure (seconds since start).
_NO_FIRST = np.iinfo(np.int32).max
_NO_LAST = np.iinfo(np.int32).min


class SimulationConfig(BaseModel):
    """What to simulate: how many subscribers and attempts, which days, which scenario, which seed.

    Same config and seed give byte-identical files.
    """

    model_config = ConfigDict(extra="forbid")

    subscribers: int = Field(default=20_000, ge=1, le=999_999_999)
    calls_per_day: int = Field(default=200_000, ge=1, description="attempts per day, all regions")
    days: int = Field(default=1, ge=1, le=731)
    start: date = Field(default=DEFAULT_START, description="first day; starts 00:00 UTC")
    scenario: Scenario = Field(default_factory=Scenario)
    seed: int = Field(default=0, ge=0)
    background_failure_rate: float = Field(default=0.004, ge=0, le=0.5)
    compression: str = Field(default="zstd", description="Parquet codec")

    @classmethod
    def resolve(
        cls,
        scenario: Scenario,
        *,
        subscribers: int | None = None,
        calls_per_day: int | None = None,
        days: int | None = None,
        start: date | None = None,
        seed: int | None = None,
    ) -> SimulationConfig:
        """Options given here win over the scenario's own defaults, which win over ours."""
        given: dict[str, Any] = {}
        from_option: set[str] = set()
        for name, value in (
            ("subscribers", subscribers),
            ("calls_per_day", calls_per_day),
            ("days", days),
            ("start", start),
            ("seed", seed),
        ):
            chosen = value if value is not None else getattr(scenario, name)
            if value is not None:
                from_option.add(name)
            if chosen is not None:
                given[name] = chosen
        try:
            return cls(scenario=scenario, **given)
        except ValidationError as exc:
            err = exc.errors()[0]
            name = str(err["loc"][0]) if err["loc"] else "config"
            msg = f"{err['msg']} (got {err.get('input')!r})"
            if name in from_option:
                raise InputError(f"--{name.replace('_', '-')}: {msg}") from None
            raise InputError(f"{name}: {msg}", path=scenario.source) from None

    @property
    def period_start(self) -> datetime:
        """00:00 UTC on the start date."""
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)

    @property
    def period_end(self) -> datetime:
        """The end of the simulated period (exclusive)."""
        return self.period_start + timedelta(days=self.days)

    def regions(self) -> tuple[RegionSpec, ...]:
        """The scenario's regions, or the default US states."""
        return tuple(self.scenario.regions) if self.scenario.regions else DEFAULT_REGIONS


def truth_path(out: Path) -> Path:
    """`X/calls.parquet` → `X/calls.truth.json`."""
    return out.with_name(out.stem + ".truth.json")


def subscribers_path(out: Path) -> Path:
    """`X/calls.parquet` → `X/calls.subscribers.parquet`."""
    return out.with_name(out.stem + ".subscribers.parquet")


def truth_subscribers_path(out: Path) -> Path:
    """`X/calls.parquet` → `X/calls.truth.subscribers.parquet` (a large run's affected list)."""
    return out.with_name(out.stem + ".truth.subscribers.parquet")


def truth_silenced_path(out: Path) -> Path:
    """`X/calls.parquet` → `X/calls.truth.silenced.parquet` (a large run's silenced list)."""
    return out.with_name(out.stem + ".truth.silenced.parquet")


# --- the plan: everything fixed before the first row --------------------------------------------


def _split(total: int, weights: np.ndarray) -> np.ndarray:
    """Split `total` into integer parts proportional to weights, each at least 1."""
    k = len(weights)
    share = weights / weights.sum() * (total - k)
    parts = np.floor(share).astype(np.int64)
    rest = total - k - int(parts.sum())
    order = np.argsort(-(share - parts), kind="stable")
    parts[order[:rest]] += 1
    return parts + 1


def _minute_profile() -> np.ndarray:
    """Relative volume per local minute of the day, summing to 1 (periodic interpolation)."""
    hours = np.asarray(HOURLY_PROFILE, dtype=np.float64)
    centers = np.arange(-1, 25) * 60 + 30.0
    values = np.concatenate([hours[-1:], hours, hours[:1]])
    prof = np.interp(np.arange(1440) + 0.5, centers, values)
    return prof / prof.sum()


def _utc_offsets_minutes(tz: str, start: datetime, minutes: int) -> np.ndarray:
    """The zone's UTC offset (minutes) at every UTC minute of the period, from zoneinfo."""
    zone = ZoneInfo(tz)
    quarters = (minutes + 14) // 15
    offs = np.empty(quarters, dtype=np.int64)
    for q in range(quarters):  # offsets change on quarter hours at the finest
        at = start + timedelta(minutes=15 * q)
        delta = at.astimezone(zone).utcoffset() or timedelta(0)
        offs[q] = int(delta.total_seconds() // 60)
    return np.repeat(offs, 15)[:minutes]


@dataclass
class _Window:
    """An outage resolved to index sets and epoch times, plus its truth accumulators."""

    id: str
    spec: OutageSpec
    regions: list[str]
    services: list[str]
    region_ok: np.ndarray  # bool per region index
    service_ok: np.ndarray  # bool per service index
    start_s: int  # epoch seconds, inclusive
    end_s: int  # epoch seconds, exclusive (the period end when ongoing)
    failed: np.ndarray  # per subscriber: network failures in scope (int32)
    first: np.ndarray  # per subscriber: earliest failure (int32 seconds since the period start)
    last: np.ndarray  # per subscriber: latest failure (int32 seconds since the period start)
    suppressed: np.ndarray  # per subscriber: attempts removed by silence (empty unless silence)
    injected: int = 0

    def ramp(self, ts_s: np.ndarray) -> np.ndarray | float:
        """1 at full strength; rises linearly from 0 over `onset_minutes` after the start."""
        onset = self.spec.onset_minutes * 60.0
        if onset <= 0:
            return 1.0
        return np.clip((ts_s - self.start_s + 0.5) / onset, 0.0, 1.0)


@dataclass
class _Plan:
    """The fixed parts of a simulation: regions, subscriber ranges, rates, outcome tables."""

    config: SimulationConfig
    regions: tuple[RegionSpec, ...]
    sizes: np.ndarray  # subscribers per region
    offsets: np.ndarray  # first subscriber index of each region
    home: np.ndarray  # region index per subscriber
    start_s: int
    minutes: int
    lam: np.ndarray  # expected attempts per (UTC minute, region)
    service_cum: np.ndarray
    outcome_cum: np.ndarray  # per service, shifted by the service index (see _draw_outcome)
    cause_of: np.ndarray
    sip_of: np.ndarray
    bg_cum: np.ndarray
    bg_cause: np.ndarray
    bg_sip: np.ndarray
    dur_mu: np.ndarray
    windows: list[_Window] = field(default_factory=list)
    net_cause: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    net_sip: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def _lut(codes: frozenset[int]) -> np.ndarray:
    """A boolean lookup table over all int16 codes."""
    lut = np.zeros(1 << 15, dtype=bool)
    for c in codes:
        if 0 <= c < len(lut):
            lut[c] = True
    return lut


def _plan(config: SimulationConfig, policy: FailurePolicy) -> _Plan:
    regions = config.regions()
    names = [r.name for r in regions]
    if len(set(names)) != len(names):
        raise InputError(
            "regions: a region name is listed twice; give each region once",
            path=config.scenario.source,
        )
    if config.subscribers < len(regions):
        raise InputError(
            f"--subscribers {config.subscribers} is fewer than the {len(regions)} regions; "
            "simulate at least one subscriber per region"
        )
    start = config.period_start
    end = config.period_end
    config.scenario.check(regions=names, services=SIM_SERVICES, start=start, end=end)

    weights = np.array([r.weight for r in regions], dtype=np.float64)
    sizes = _split(config.subscribers, weights)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    home = np.repeat(np.arange(len(regions), dtype=np.int8), sizes)

    minutes = config.days * 1440
    prof = _minute_profile()
    share = weights / weights.sum()
    lam = np.empty((minutes, len(regions)), dtype=np.float64)
    utc_minute = np.arange(minutes, dtype=np.int64)
    for j, r in enumerate(regions):
        local = (utc_minute + _utc_offsets_minutes(r.tz, start, minutes)) % 1440
        lam[:, j] = config.calls_per_day * share[j] * prof[local]

    mix = np.array([SERVICE_MIX[s] for s in SIM_SERVICES])
    service_cum = np.cumsum(mix / mix.sum())
    service_cum[-1] = 1.0
    outcome_cum = np.empty(len(SIM_SERVICES) * (FAILED + 1))
    bg = config.background_failure_rate
    for j, s in enumerate(SIM_SERVICES):
        busy, no_answer, rejected = OUTCOME_RATES[s]
        probs = np.array([1 - busy - no_answer - rejected - bg, busy, no_answer, rejected, bg])
        cum = np.cumsum(probs)
        cum[-1] = 1.0
        outcome_cum[j * (FAILED + 1) : (j + 1) * (FAILED + 1)] = j + cum
    bg_w = np.array([w for _, _, w in BACKGROUND_FAILURES])
    bg_cum = np.cumsum(bg_w / bg_w.sum())
    bg_cum[-1] = 1.0

    plan = _Plan(
        config=config,
        regions=regions,
        sizes=sizes,
        offsets=offsets,
        home=home,
        start_s=int(start.timestamp()),
        minutes=minutes,
        lam=lam,
        service_cum=service_cum,
        outcome_cum=outcome_cum,
        cause_of=np.array([c for _, c, _ in OUTCOMES] + [0], dtype=np.int16),
        sip_of=np.array([s for _, _, s in OUTCOMES] + [0], dtype=np.int16),
        bg_cum=bg_cum,
        bg_cause=np.array([c for c, _, _ in BACKGROUND_FAILURES], dtype=np.int16),
        bg_sip=np.array([s for _, s, _ in BACKGROUND_FAILURES], dtype=np.int16),
        dur_mu=np.log([MEDIAN_DURATION_S[s] for s in SIM_SERVICES]),
        net_cause=_lut(policy.network_causes),
        net_sip=_lut(policy.network_sip),
    )
    n = config.subscribers
    end_s = int(end.timestamp())
    for wid, o in zip(config.scenario.window_ids(), config.scenario.outages, strict=True):
        rnames = names if o.regions == "all" else list(o.regions)
        snames = list(SIM_SERVICES) if o.services == "all" else list(o.services)
        plan.windows.append(
            _Window(
                id=wid,
                spec=o,
                regions=rnames,
                services=snames,
                region_ok=np.isin(names, rnames),
                service_ok=np.isin(SIM_SERVICES, snames),
                start_s=int(o.start.timestamp()),
                end_s=end_s if o.end is None else int(o.end.timestamp()),
                failed=np.zeros(n, dtype=np.int32),
                first=np.full(n, _NO_FIRST, dtype=np.int32),
                last=np.full(n, _NO_LAST, dtype=np.int32),
                suppressed=np.zeros(n if o.kind == "silence" else 0, dtype=np.int32),
            )
        )
    return plan


# --- one slice of rows ---------------------------------------------------------------------------


@dataclass
class _Slice:
    """The columns of one generated slice, as numpy arrays (ts in epoch seconds)."""

    ts_s: np.ndarray
    sub: np.ndarray
    region: np.ndarray
    service: np.ndarray
    cause: np.ndarray
    sip: np.ndarray
    duration: np.ndarray
    minute: np.ndarray  # minute index within the period, ascending


def _rng(seed: int, *key: int) -> np.random.Generator:
    """An independent, reproducible PCG64 stream for one part of the simulation."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def _time_range(minute: np.ndarray, ts_s: np.ndarray, plan: _Plan, w: _Window) -> np.ndarray:
    """Row indices with start_s <= ts < end_s (rows are in ascending minute order)."""
    m0 = (w.start_s - plan.start_s) // 60
    m1 = -(-(w.end_s - plan.start_s) // 60)
    lo, hi = np.searchsorted(minute, [m0, m1], side="left")
    if lo >= hi:
        return np.zeros(0, dtype=np.int64)
    t = ts_s[lo:hi]
    return lo + np.flatnonzero((t >= w.start_s) & (t < w.end_s))


def _scope(s: _Slice, plan: _Plan, w: _Window) -> np.ndarray:
    """Row indices inside the window's time range, regions and services."""
    idx = _time_range(s.minute, s.ts_s, plan, w)
    if len(idx) == 0:
        return idx
    ok = w.region_ok[s.region[idx]] & w.service_ok[s.service[idx]]
    return idx[ok]


def _generate(plan: _Plan, index: int, m0: int, m1: int) -> _Slice:
    """Generate minutes [m0, m1) of the period: deterministic for (seed, slice index)."""
    rng = _rng(plan.config.seed, 1, index)
    nreg = len(plan.regions)
    counts = rng.poisson(plan.lam[m0:m1]).ravel()
    n = int(counts.sum())
    cell = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    minute = (m0 + cell // nreg).astype(np.int32)
    region = (cell % nreg).astype(np.int8)
    del cell
    ts_s = plan.start_s + minute.astype(np.int64) * 60 + rng.integers(0, 60, n, dtype=np.int64)
    # a mildly skewed choice inside the home region: a few subscribers call much more than most
    pick = rng.random(n)
    np.power(pick, 1.5, out=pick)
    pick *= plan.sizes[region]
    sub = (plan.offsets[region] + pick.astype(np.int64)).astype(np.int32)
    del pick
    service = np.searchsorted(plan.service_cum, rng.random(n), side="right").astype(np.int8)
    u = rng.random(n)
    u += service
    outcome = np.searchsorted(plan.outcome_cum, u, side="right")
    outcome -= service.astype(np.int64) * (FAILED + 1)
    del u
    cause = plan.cause_of[outcome]
    sip = plan.sip_of[outcome]
    failed = np.flatnonzero(outcome == FAILED)
    which = np.searchsorted(plan.bg_cum, rng.random(len(failed)), side="right")
    cause[failed] = plan.bg_cause[which]
    sip[failed] = plan.bg_sip[which]
    duration = np.zeros(n, dtype=np.float64)
    answered = np.flatnonzero(outcome == 0)
    del outcome
    d = rng.lognormal(plan.dur_mu[service[answered]], DURATION_SIGMA)
    duration[answered] = np.maximum(1.0, np.rint(d))
    s = _Slice(ts_s, sub, region, service, cause, sip, duration, minute)
    return _apply_outages(s, plan, rng)


def _apply_outages(s: _Slice, plan: _Plan, rng: np.random.Generator) -> _Slice:
    """Silence first (those calls never reach a switch), then injected failures; update truth."""
    drop: np.ndarray | None = None
    for w in plan.windows:
        if w.spec.kind != "silence":
            continue
        idx = _scope(s, plan, w)
        if drop is not None and len(idx):
            idx = idx[~drop[idx]]
        if len(idx) == 0:
            continue
        hit = idx[rng.random(len(idx)) < w.spec.collapse * w.ramp(s.ts_s[idx])]
        if drop is None:
            drop = np.zeros(len(s.ts_s), dtype=bool)
        drop[hit] = True
        _count(w.suppressed, s.sub[hit])
    if drop is not None:
        keep = ~drop
        s = _Slice(*(getattr(s, f)[keep] for f in _Slice.__dataclass_fields__))
    for w in plan.windows:
        if w.spec.kind != "failures":
            continue
        idx = _scope(s, plan, w)
        if len(idx) == 0:
            continue
        idx = idx[~(plan.net_cause[s.cause[idx]] | plan.net_sip[s.sip[idx]])]
        hit = idx[rng.random(len(idx)) < w.spec.rate * w.ramp(s.ts_s[idx])]
        s.cause[hit] = w.spec.cause
        s.sip[hit] = w.spec.sip_status
        s.duration[hit] = 0.0
        w.injected += len(hit)
    for w in plan.windows:
        idx = _scope(s, plan, w)
        if len(idx) == 0:
            continue
        idx = idx[plan.net_cause[s.cause[idx]] | plan.net_sip[s.sip[idx]]]
        subs = s.sub[idx]
        ts = (s.ts_s[idx] - plan.start_s).astype(np.int32)
        _count(w.failed, subs)
        np.minimum.at(w.first, subs, ts)
        np.maximum.at(w.last, subs, ts)
    return s


def _count(counts: np.ndarray, subs: np.ndarray) -> None:
    """Add one per occurrence of each subscriber: only the subscribers seen are touched (a
    `bincount` over every subscriber would cost the whole population per slice)."""
    if len(subs):
        seen, n = np.unique(subs, return_counts=True)
        counts[seen] += n.astype(counts.dtype)


# --- Arrow and Parquet ---------------------------------------------------------------------------


def _write_schema(plain_subscribers: bool = False) -> pa.Schema:
    """EVENT_SCHEMA with dictionary-encoded strings (they read back as plain strings)."""
    dict_type = pa.string() if plain_subscribers else pa.dictionary(pa.int32(), pa.string())
    small = pa.dictionary(pa.int8(), pa.string())
    return pa.schema(
        [
            pa.field("ts", pa.timestamp("us", tz="UTC"), nullable=False),
            pa.field("subscriber", dict_type, nullable=False),
            pa.field("region", small, nullable=False),
            pa.field("service", small, nullable=False),
            pa.field("cause", pa.int16()),
            pa.field("sip_status", pa.int16()),
            pa.field("http_status", pa.int16()),
            pa.field("duration_s", pa.float64()),
        ]
    )


def _to_arrow(
    s: _Slice,
    schema: pa.Schema,
    sub_dict: pa.Array | None,
    region_dict: pa.Array,
    service_dict: pa.Array,
    width: int,
) -> pa.Table:
    """A slice as Arrow: subscribers index a dictionary of all ids (small populations) or are
    spelled out from their numbers (large ones: no array of every id is ever held)."""
    n = len(s.ts_s)
    ts_us = s.ts_s * 1_000_000
    if sub_dict is not None:
        subscriber = pa.DictionaryArray.from_arrays(pa.array(s.sub), sub_dict)
    else:
        subscriber = _fixed_strings("S", s.sub.astype(np.int64) + 1, width)
    cols = [
        pa.Array.from_buffers(schema.field("ts").type, n, [None, pa.py_buffer(ts_us)]),
        subscriber,
        pa.DictionaryArray.from_arrays(pa.array(s.region), region_dict),
        pa.DictionaryArray.from_arrays(pa.array(s.service), service_dict),
        pa.array(s.cause),
        pa.array(s.sip),
        pa.nulls(n, pa.int16()),
        pa.array(s.duration),
    ]
    return pa.Table.from_arrays(cols, schema=schema)


class _Writer:
    """Writes tables to Parquet on a background thread so compression overlaps generation."""

    def __init__(self, path: Path, schema: pa.Schema, compression: str) -> None:
        dictionary = [f.name for f in schema if f.name != "subscriber"]
        if pa.types.is_dictionary(schema.field("subscriber").type):
            dictionary.append("subscriber")
        self._writer = pq.ParquetWriter(
            path,
            schema,
            compression=compression,
            store_schema=False,
            write_statistics=True,
            use_dictionary=dictionary,
        )
        self._queue: queue.Queue[pa.Table | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="amends-parquet-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            table = self._queue.get()
            if table is None:
                return
            if self._error is None:
                try:
                    self._writer.write_table(table, row_group_size=max(1, table.num_rows))
                except BaseException as exc:  # re-raised on the caller's thread
                    self._error = exc

    def put(self, table: pa.Table) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(table)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._writer.close()
        if self._error is not None:
            raise self._error


def _fixed_strings(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    """`prefix` + each number zero-padded to `width` digits, built as Arrow buffers (fast)."""
    n = len(numbers)
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    size = len(head) + width
    chars = np.empty((n, size), dtype=np.uint8)
    chars[:, : len(head)] = head
    rest = numbers.astype(np.int64)
    for j in range(size - 1, len(head) - 1, -1):  # one digit column at a time: bounded memory
        chars[:, j] = rest % 10 + 48
        rest //= 10
    offsets = np.arange(0, (n + 1) * size, size, dtype=np.int32)
    return pa.Array.from_buffers(
        pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(chars.ravel())]
    )


def id_width(n: int) -> int:
    """Digits of a subscriber number: 8 (S00000001), more above 99,999,999 subscribers."""
    return max(8, len(str(n)))


def subscriber_ids(n: int) -> pa.Array:
    """The simulated subscriber ids S00000001 ... in order."""
    return _fixed_strings("S", np.arange(1, n + 1), id_width(n))


def subscriber_id(index: int, n: int) -> str:
    """The id of subscriber `index` (0-based) of `n`."""
    return f"S{index + 1:0{id_width(n)}d}"


def _write_subscribers(plan: _Plan, path: Path, compression: str = "zstd") -> None:
    """The subscribers file, one chunk of SUBSCRIBER_CHUNK rows (one row group) at a time.

    Each chunk draws from the same two random streams the whole table once drew from (the plan
    draws, then the locale draws: the second stream is the first advanced by n), so the values
    are those of the one-piece table whatever the chunking."""
    n = plan.config.subscribers
    plans = _rng(plan.config.seed, 0)
    locales = _rng(plan.config.seed, 0)
    locales.bit_generator.advance(n)  # type: ignore[attr-defined]  # PCG64: one step per double
    writer: pq.ParquetWriter | None = None
    try:
        for lo in range(0, n, SUBSCRIBER_CHUNK):
            hi = min(n, lo + SUBSCRIBER_CHUNK)
            table = _subscribers_table(plan, lo, hi, plans, locales)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema, compression=compression)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()


def _subscribers_table(
    plan: _Plan, lo: int, hi: int, plans: np.random.Generator, locales: np.random.Generator
) -> pa.Table:
    """Subscribers lo..hi-1: plan, fee, home region and zone, locale and fictional contacts."""
    import pyarrow.compute as pc

    n = hi - lo
    ids = _fixed_strings("S", np.arange(lo + 1, hi + 1), id_width(plan.config.subscribers))
    shares = np.array([p[2] for p in PLANS])
    plan_ix = pa.array(
        np.searchsorted(np.cumsum(shares / shares.sum())[:-1], plans.random(n), side="right")
    )
    fees = pa.array([p[1] for p in PLANS]).cast(pa.decimal128(10, 2))
    locale = pa.array((locales.random(n) < SPANISH_SHARE).astype(np.int8))
    home = pa.array(plan.home[lo:hi].astype(np.int32))
    i = np.arange(lo, hi, dtype=np.int64)
    # fictional numbers: NPA-555-01XX (reserved for fiction), skipping N11 service codes;
    # unique for the first 79,200 subscribers, then they repeat
    npas = np.array([a for a in range(200, 1000) if a % 100 != 11], dtype=np.int64)
    local = npas[(i // 100) % len(npas)] * 10_000_000 + 5_550_100 + i % 100
    return pa.table(
        {
            "subscriber": ids,
            "plan": pa.array([p[0] for p in PLANS]).take(plan_ix),
            "monthly_fee": fees.take(plan_ix),
            "currency": pa.array(["USD"]).take(pa.array(np.zeros(n, dtype=np.int8))),
            "home_region": pa.array([r.name for r in plan.regions]).take(home),
            "time_zone": pa.array([r.tz for r in plan.regions]).take(home),
            "locale": pa.array(["en", "es"]).take(locale),
            "email": pc.binary_join_element_wise(pc.utf8_lower(ids), "@example.com", ""),
            "phone": _fixed_strings("+1", local, 10),
        }
    )


def _truth(plan: _Plan, rows: int, out: Path) -> Truth:
    """The answer key: counts per window, and who was hit (listed in the JSON when there are at
    most TRUTH_LIST_MAX entries, else streamed to the two truth Parquet files)."""
    cfg = plan.config
    n = cfg.subscribers
    names = [r.name for r in plan.regions]
    entries = sum(
        int(np.count_nonzero(w.failed)) + int(np.count_nonzero(w.suppressed)) for w in plan.windows
    )
    listed = entries <= TRUTH_LIST_MAX
    extra: dict[str, Any] = {}
    if listed:
        for stale in (truth_subscribers_path(out), truth_silenced_path(out)):
            stale.unlink(missing_ok=True)  # an earlier, larger run's lists would mislead
    else:
        _write_truth_lists(plan, out, cfg.compression)
        extra["truth_files"] = {
            "subscribers": truth_subscribers_path(out).name,
            "silenced": truth_silenced_path(out).name,
        }

    def at(offset_s: int) -> datetime:
        return datetime.fromtimestamp(plan.start_s + int(offset_s), tz=UTC)

    windows: list[TruthWindow] = []
    for w in plan.windows:
        hit = np.flatnonzero(w.failed) if listed else np.zeros(0, dtype=np.int64)
        silenced = np.flatnonzero(w.suppressed) if listed else np.zeros(0, dtype=np.int64)
        windows.append(
            TruthWindow(
                id=w.id,
                kind=w.spec.kind,
                regions=w.regions,
                services=w.services,
                start=w.spec.start,
                end=w.spec.end,
                cause=w.spec.cause,
                sip_status=w.spec.sip_status,
                rate=w.spec.rate,
                collapse=w.spec.collapse,
                onset_minutes=w.spec.onset_minutes,
                failed_attempts=int(w.failed.sum(dtype=np.int64)),
                injected_failures=w.injected,
                suppressed_attempts=int(w.suppressed.sum(dtype=np.int64)),
                subscribers_affected=int(np.count_nonzero(w.failed)),
                subscribers=[  # built without re-validation: the values are ours
                    TruthSubscriber.model_construct(
                        subscriber=subscriber_id(k, n),
                        region=names[plan.home[k]],
                        failed_attempts=int(w.failed[k]),
                        first_failure=at(w.first[k]),
                        last_failure=at(w.last[k]),
                    )
                    for k in hit.tolist()
                ],
                silenced_subscribers=[
                    TruthSilenced.model_construct(
                        subscriber=subscriber_id(k, n),
                        region=names[plan.home[k]],
                        suppressed_attempts=int(w.suppressed[k]),
                    )
                    for k in silenced.tolist()
                ],
            )
        )
    return Truth(
        seed=cfg.seed,
        config={
            "subscribers": cfg.subscribers,
            "calls_per_day": cfg.calls_per_day,
            "days": cfg.days,
            "start": cfg.start.isoformat(),
            "seed": cfg.seed,
            "scenario": cfg.scenario.source,
            "background_failure_rate": cfg.background_failure_rate,
            **extra,
        },
        rows=rows,
        start=cfg.period_start,
        end=cfg.period_end,
        regions=[
            TruthRegion(name=r.name, tz=r.tz, subscribers=int(plan.sizes[j]))
            for j, r in enumerate(plan.regions)
        ],
        windows=windows,
    )


def _write_truth_lists(plan: _Plan, out: Path, compression: str) -> None:
    """Who each window hit (and silenced), one chunk of subscribers at a time, as Parquet:
    window, subscriber, region, failed_attempts, first_failure, last_failure (and window,
    subscriber, region, suppressed_attempts), in window then subscriber order."""
    n = plan.config.subscribers
    width = id_width(n)
    regions = pa.array([r.name for r in plan.regions])
    ts = pa.timestamp("us", tz="UTC")
    hit_schema = pa.schema(
        [
            ("window", pa.string()),
            ("subscriber", pa.string()),
            ("region", pa.string()),
            ("failed_attempts", pa.int64()),
            ("first_failure", ts),
            ("last_failure", ts),
        ]
    )
    quiet_schema = pa.schema(
        [
            ("window", pa.string()),
            ("subscriber", pa.string()),
            ("region", pa.string()),
            ("suppressed_attempts", pa.int64()),
        ]
    )

    def micros(offsets: np.ndarray) -> pa.Array:
        return pa.array((plan.start_s + offsets.astype(np.int64)) * 1_000_000).cast(ts)

    with (
        pq.ParquetWriter(truth_subscribers_path(out), hit_schema, compression=compression) as hw,
        pq.ParquetWriter(truth_silenced_path(out), quiet_schema, compression=compression) as qw,
    ):
        for w in plan.windows:
            for lo in range(0, n, SUBSCRIBER_CHUNK):
                hi = min(n, lo + SUBSCRIBER_CHUNK)
                k = lo + np.flatnonzero(w.failed[lo:hi])
                if len(k):
                    cols = [
                        pa.array([w.id] * len(k), pa.string()),
                        _fixed_strings("S", k + 1, width),
                        regions.take(pa.array(plan.home[k].astype(np.int32))),
                        pa.array(w.failed[k].astype(np.int64)),
                        micros(w.first[k]),
                        micros(w.last[k]),
                    ]
                    hw.write_table(pa.Table.from_arrays(cols, schema=hit_schema))
                if len(w.suppressed):
                    k = lo + np.flatnonzero(w.suppressed[lo:hi])
                    if len(k):
                        cols = [
                            pa.array([w.id] * len(k), pa.string()),
                            _fixed_strings("S", k + 1, width),
                            regions.take(pa.array(plan.home[k].astype(np.int32))),
                            pa.array(w.suppressed[k].astype(np.int64)),
                        ]
                        qw.write_table(pa.Table.from_arrays(cols, schema=quiet_schema))


def simulate(
    out: Path,
    config: SimulationConfig,
    *,
    progress: Callable[[int, int], None] | None = None,
    policy: FailurePolicy = DEFAULT_FAILURES,
) -> Truth:
    """Write call records to `out` (Parquet), plus `<stem>.truth.json` and the subscribers file.

    `progress(done, total)` is called after each slice with expected attempts so far and in all.
    Returns the truth (also written to the truth file).
    """
    out = Path(out)
    if out.is_dir():
        raise InputError("is a folder; give a file name like calls.parquet", path=str(out))
    plan = _plan(config, policy)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the output folder ({exc.strerror})", path=str(out)
        ) from None
    plain = config.subscribers > DICTIONARY_MAX_SUBSCRIBERS
    ids = None if plain else subscriber_ids(config.subscribers)
    width = id_width(config.subscribers)
    region_dict = pa.array([r.name for r in plan.regions])
    service_dict = pa.array(list(SIM_SERVICES))
    schema = _write_schema(plain)

    per_minute = config.calls_per_day / 1440
    step = int(min(1440, max(1, SLICE_ROWS // max(per_minute, 1))))
    expected = plan.lam.sum(axis=1).cumsum()
    total = round(float(expected[-1])) if len(expected) else 0

    rows = 0
    with ExitStack() as stack:
        try:
            tmp = stack.enter_context(atomic_path(out))
            writer = _Writer(tmp, schema, config.compression)
        except OSError as exc:
            raise InputError(f"cannot write the output ({exc})", path=str(out)) from None
        try:
            for index, m0 in enumerate(range(0, plan.minutes, step)):
                m1 = min(plan.minutes, m0 + step)
                s = _generate(plan, index, m0, m1)
                rows += len(s.ts_s)
                writer.put(_to_arrow(s, schema, ids, region_dict, service_dict, width))
                if progress is not None:
                    progress(round(float(expected[m1 - 1])), total)
        finally:
            writer.close()

    _write_subscribers(plan, subscribers_path(out))
    truth = _truth(plan, rows, out)
    truth.write(truth_path(out))
    return truth
