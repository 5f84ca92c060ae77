"""Property tests over generated incidents: no draft ever contains a placeholder, an unformatted
timestamp, or a number that is not in the record (or derived from it: local times, dates)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.compose.records import fixed_incident

from amends.check.style import PLACEHOLDER
from amends.compose import AUDIENCES, CHANNELS, STAGES, draft
from amends.compose import formatting as fmt
from amends.compose.facts import next_update_time
from amends.impact.model import Window
from amends.incident import Cause, Eta, Incident, RegionInfo

PLACES = [
    ("CA", "California", "America/Los_Angeles"),
    ("NY", "New York", "America/New_York"),
    ("AZ", "Arizona", "America/Phoenix"),
    ("NSW", "Sydney", "Australia/Sydney"),
    ("RM", "Santiago", "America/Santiago"),
]
CATEGORIES = [
    "fiber_cut",
    "power",
    "hardware",
    "software_change",
    "configuration",
    "capacity",
    "third_party",
    "natural_event",
]
ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
#: Second person in English; the public audience speaks about customers, not to them (only the
#: invitation "Tell us what you think" addresses the reader).
SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.I)
BAD_WORDS = re.compile(r"\{\{|\}\}|\{%|%\}|TODO|\bNone\b|\bnan\b|\bnull\b|%\(\w+\)s|¶")


@st.composite
def incidents(draw: st.DrawFn) -> tuple[Incident, str, str, str, datetime]:
    stage = draw(st.sampled_from(STAGES))
    channel = draw(st.sampled_from(CHANNELS))
    locale = draw(st.sampled_from(["en", "es"]))
    ongoing = stage in ("acknowledge", "update")
    places = draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=3, unique=True))
    start = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(
        minutes=draw(st.integers(0, 300 * 24 * 60))  # discovery is in the past
    )
    windows = []
    n_windows = draw(st.integers(1, 2))
    for i in range(n_windows):
        w_start = start + timedelta(minutes=90 * i)
        minutes = draw(st.integers(5, 600))
        last = i == n_windows - 1
        kind = "failures" if i == 0 else draw(st.sampled_from(["failures", "silence"]))
        regions = [p[0] for p in places] if i == 0 else [places[-1][0]]
        hit = draw(st.integers(1, 3_000_000)) if kind == "failures" else 0
        windows.append(
            Window(
                id=f"w{i + 1}",
                kind=kind,
                start=w_start,
                end=None if (ongoing and last) else w_start + timedelta(minutes=minutes),
                duration_minutes=minutes,
                regions=regions,
                services=["long_distance", "international"],
                scope=[],
                subscribers_affected=hit,  # each affected subscriber had a failed attempt
                failed_attempts=hit + draw(st.integers(0, 6_000_000)) if hit else 0,
                missing_attempts=draw(st.floats(0, 1e6)) if kind == "silence" else 0.0,
            )
        )
    base = fixed_incident(stage)
    regions = {
        code: RegionInfo(name=name, time_zone=zone, services_total=draw(st.integers(1, 10**7)))
        for code, name, zone in places
    }
    known = stage not in ("acknowledge",) or draw(st.booleans())
    cause = (
        base.cause.model_copy(update={"category": draw(st.sampled_from(CATEGORIES))})
        if known and base.cause.known
        else (Cause() if not known else fixed_incident("resolve").cause)
    )
    end = max((w.end for w in windows if w.end is not None), default=None)
    due = date(2026, 1, 1) + timedelta(days=draw(st.integers(400, 800)))
    fixes = base.fixes.model_copy(
        update={"long_term": [a.model_copy(update={"due": due}) for a in base.fixes.long_term]}
    )
    if stage in ("resolve", "explain"):
        immediate = [f.model_copy(update={"at": end}) if f.at else f for f in base.fixes.immediate]
        fixes = fixes.model_copy(update={"immediate": immediate})
    record = base.model_copy(
        update={
            "windows": windows,
            "regions": regions,
            "cause": cause,
            "fixes": fixes,
            "restored_at": None,
            "discovered_at": start + timedelta(minutes=draw(st.integers(0, 60))),
            "major": draw(st.booleans()),
            "time_zone": places[0][2],
        }
    )
    if record.compensation is not None and end is not None:
        record = record.model_copy(
            update={
                "compensation": record.compensation.model_copy(
                    update={"applied_by": end.date() + timedelta(days=30)}
                )
            }
        )
    latest = max([w.start for w in windows] + ([end] if end else []))
    now = latest + timedelta(minutes=draw(st.integers(10, 600)))
    eta = None
    if ongoing and draw(st.booleans()):
        lo = now + timedelta(minutes=draw(st.integers(30, 600)))
        eta = draw(
            st.sampled_from(
                [
                    Eta(at=lo),
                    Eta(
                        earliest=lo,
                        latest=lo + timedelta(hours=3),
                        confidence=draw(st.floats(0.5, 0.95)),
                    ),
                ]
            )
        )
    record = record.model_copy(update={"eta": eta})
    return Incident.model_validate(record.model_dump()), stage, channel, locale, now


def allowed_numbers(record: Incident, locale: str, now: datetime) -> set[str]:
    """Every digit run the record holds or a formatter derives from it."""
    texts = [record.model_dump_json()]
    zones = {r.time_zone for r in record.regions.values()} | {record.time_zone}
    moments = [now, next_update_time(record, now)]
    for w in record.windows:
        moments += [w.start] + ([w.end] if w.end else [])
        texts += [
            fmt.number(w.subscribers_affected, locale),
            fmt.number(round(w.missing_attempts), locale),
        ]
    if record.eta:
        moments += [m for m in (record.eta.at, record.eta.earliest, record.eta.latest) if m]
        if record.eta.confidence is not None:
            texts.append(fmt.percent(record.eta.confidence, locale))
    moments += [f.at for f in record.fixes.immediate if f.at]
    if record.ended_at:
        moments.append(record.ended_at)
    for m in moments:
        for z in zones:
            texts += [fmt.clock_tz(m, z, locale), fmt.day(m, z, locale)]
    dates = [a.due for a in record.fixes.long_term]
    if record.compensation and record.compensation.applied_by:
        dates.append(record.compensation.applied_by)
    texts += [fmt.long_date(d, locale) for d in dates]
    for r in record.regions.values():
        if r.services_total is not None:
            texts.append(fmt.number(r.services_total, locale))
    return set(re.findall(r"\d+", " ".join(texts)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(incidents(), st.sampled_from(AUDIENCES))
def test_drafts_hold_only_facts(
    case: tuple[Incident, str, str, str, datetime], audience: str
) -> None:
    record, stage, channel, locale, now = case
    d = draft(record, stage, channel, locale, now=now, audience=audience)
    assert d.audience == audience
    if audience == "public" and locale == "en":
        for text in (d.text, d.subject or ""):
            rest = text.replace("Tell us what you think", "")
            assert not SECOND_PERSON.search(rest), rest
    for text in (d.text, d.subject or ""):
        assert not BAD_WORDS.search(text), text
        assert not PLACEHOLDER.search(text), text
        assert not ISO.search(text), text
        extra = set(re.findall(r"\d+", text)) - allowed_numbers(record, locale, now)
        assert not extra, (extra, text)
    errors = [f.rule for f in d.check.findings if f.severity == "error"]
    assert not errors, (errors, stage, channel, locale, d.text)


@st.composite
def notice_inputs(draw: st.DrawFn) -> tuple[pa.Table, pa.Table, pa.Table, list[str]]:
    n = draw(st.integers(1, 12))
    subs = [f"S{i:03d}" for i in range(n)]
    base = datetime(2026, 1, 1, tzinfo=UTC)
    firsts = [base + timedelta(minutes=draw(st.integers(0, 400 * 24 * 60))) for _ in subs]
    lasts = [f + timedelta(minutes=draw(st.integers(0, 300))) for f in firsts]
    zones = [draw(st.sampled_from([p[2] for p in PLACES])) for _ in subs]
    locales = [draw(st.sampled_from(["en", "es", "es-MX", None])) for _ in subs]
    currencies = [draw(st.sampled_from(["USD", "EUR", "JPY"])) for _ in subs]
    amounts = [
        draw(st.one_of(st.none(), st.decimals(0, 10**7, places=2, allow_nan=False))) for _ in subs
    ]
    ts = pa.timestamp("us", tz="UTC")
    affected = pa.table(
        {
            "window": ["w1"] * n,
            "subscriber": subs,
            "region": ["CA"] * n,
            "failed_attempts": [draw(st.integers(1, 20_000)) for _ in subs],
            "first_failure": pa.array(firsts, ts),
            "last_failure": pa.array(lasts, ts),
        }
    )
    plans = pa.table({"subscriber": subs, "time_zone": zones, "locale": locales})
    keep = [i for i, a in enumerate(amounts) if a is not None]
    credits = pa.table(
        {
            "subscriber": [subs[i] for i in keep],
            "amount": pa.array([amounts[i] for i in keep], pa.decimal128(20, 6)),
            "currency": [currencies[i] for i in keep],
        }
    )
    return affected, plans, credits, currencies


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notice_inputs(), st.sampled_from([0, 20_000]))
def test_vectorised_notices_equal_the_naive_rendering(
    case: tuple[pa.Table, pa.Table, pa.Table, list[str]], unique_max: int
) -> None:
    import amends.compose.notices as mod

    affected, plans, credits, _ = case
    record = fixed_incident("resolve")
    now = datetime(2027, 3, 1, tzinfo=UTC)
    old = mod.MONEY_UNIQUE_MAX
    mod.MONEY_UNIQUE_MAX = unique_max
    try:
        table = mod.notices(record, affected, plans=plans, credits=credits, now=now)
    finally:
        mod.MONEY_UNIQUE_MAX = old
    credit = {r["subscriber"]: r for r in credits.to_pylist()}
    assert table.num_rows == affected.num_rows
    for row in table.to_pylist():
        c = credit.get(row["subscriber"])
        ref = dict(row, amount=c["amount"] if c else None, currency=c["currency"] if c else None)
        assert mod.render_one(record, ref, locale=row["locale"], now=now) == (
            row["subject"],
            row["text"],
        )
        assert not BAD_WORDS.search(row["text"]) and not ISO.search(row["text"])
