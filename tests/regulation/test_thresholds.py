"""Worked examples at and around every threshold of the built-in regimes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from amends.regulation import ExtraFacts, assess, load_regime

from .helpers import incident, report, window

LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2026, 3, 10, 14, 10, tzinfo=LA)
LATER = T0 + timedelta(days=1)


def _verdict(regime: str, minutes: int | None, users: int, *, now=LATER, **kw):
    w = window(T0, minutes, users, **kw.pop("win", {}))
    inc = incident(T0 + timedelta(minutes=5), **kw.pop("inc", {}))
    result = assess(inc, report(w), [load_regime(regime)], now=now, **kw)
    return result.regimes[0]


@pytest.mark.parametrize(
    ("users", "minutes", "expected"),
    [
        (29_999, 30, "no"),  # 899,970 user minutes
        (29_032, 31, "no"),  # 899,992 user minutes
        (30_000, 30, "yes"),  # exactly 900,000
        (30_001, 30, "yes"),  # 900,030
    ],
)
def test_fcc_user_minutes_edge(users: int, minutes: int, expected: str) -> None:
    r = _verdict("fcc-part4", minutes, users)
    assert r.reportable == expected
    test = r.windows[0].tests[0]
    assert test.conditions[1].figure == users * minutes
    assert test.conditions[1].threshold == 900_000


@pytest.mark.parametrize(("user_minutes", "expected"), [(899_999, "no"), (900_000, "yes")])
def test_fcc_899999_vs_900000_from_the_providers_own_count(
    user_minutes: int, expected: str
) -> None:
    # § 4.7(c): assigned telephone number minutes, computed by the provider from its inventory
    extra = ExtraFacts.model_validate({"user_minutes": {"w1": user_minutes}})
    r = _verdict("fcc-part4", 45, 100, extra=extra)
    assert r.reportable == expected
    assert r.windows[0].tests[0].conditions[1].figure == user_minutes
    assert r.windows[0].user_minutes == user_minutes
    if expected == "yes":  # reached at the end of the 45 minutes, linearly
        assert r.windows[0].tests[0].crossed_at == T0 + timedelta(minutes=45)


@pytest.mark.parametrize(("minutes", "expected"), [(29, "no"), (30, "yes")])
def test_fcc_duration_29_vs_30_minutes(minutes: int, expected: str) -> None:
    r = _verdict("fcc-part4", minutes, 1_000_000)  # tens of millions of user minutes either way
    assert r.windows[0].user_minutes >= 29_000_000
    assert r.reportable == expected


def test_fcc_911_needs_review_when_emergency_calls_fail() -> None:
    r = _verdict("fcc-part4", 30, 10, win={"services": ("local", "emergency")})
    t911 = next(t for t in r.windows[0].tests if t.id == "911-special-facility")
    assert t911.holds == "yes" and t911.review and "4.5(e)" in t911.review
    ids = [c.id for c in r.windows[0].clocks]
    assert "911-facilities" in ids


@pytest.mark.parametrize(("services", "expected"), [(99_999, "no"), (100_000, "yes")])
def test_acma_99999_vs_100000_services(services: int, expected: str) -> None:
    ca = {"CA": {"name": "California", "time_zone": "America/Los_Angeles", "state": "CA"}}
    r = _verdict("acma-outages-2024", 61, services, inc={"regions": ca})
    assert r.windows[0].tests[0].holds == expected
    # without the state's service count, "all services in a state" cannot be ruled out
    assert r.reportable == ("yes" if expected == "yes" else "unknown")
    ca["CA"]["services_total"] = 30_000_000
    r = _verdict("acma-outages-2024", 61, services, inc={"regions": ca})
    assert r.reportable == expected
    assert r.classification == ("major outage" if expected == "yes" else None)


@pytest.mark.parametrize(("minutes", "expected"), [(59, "no"), (60, "no"), (61, "yes")])
def test_acma_longer_than_60_minutes(minutes: int, expected: str) -> None:
    r = _verdict("acma-outages-2024", minutes, 150_000)
    assert r.reportable == expected


def test_acma_expected_duration_counts_while_ongoing() -> None:
    now = T0 + timedelta(minutes=20)
    eta = {"latest": (T0 + timedelta(hours=3)).isoformat()}
    r = _verdict("acma-outages-2024", None, 150_000, now=now, inc={"eta": eta})
    assert r.reportable == "yes"
    cond = r.windows[0].tests[0].conditions[1]
    assert cond.metric == "duration_or_expected_minutes" and cond.figure == 180


def _state_regions(total: int | None) -> dict:
    info = {"name": "Tasmania", "time_zone": "Australia/Hobart", "state": "TAS"}
    if total is not None:
        info["services_total"] = total
    return {"TAS": info}


@pytest.mark.parametrize(("affected", "expected"), [(4_999, "no"), (5_000, "yes")])
def test_acma_every_service_in_one_state(affected: int, expected: str) -> None:
    r = _verdict(
        "acma-outages-2024",
        90,
        affected,
        win={"regions": ("TAS",)},
        inc={"regions": _state_regions(5_000), "time_zone": "Australia/Hobart"},
        region_users={"w1": {"TAS": affected}},
    )
    assert r.reportable == expected
    state = next(t for t in r.windows[0].tests if t.id == "major-state")
    assert state.conditions[0].figure is (expected == "yes")


def test_acma_state_test_is_unknown_without_services_total() -> None:
    r = _verdict(
        "acma-outages-2024",
        90,
        5_000,
        win={"regions": ("TAS",)},
        inc={"regions": _state_regions(None), "time_zone": "Australia/Hobart"},
        region_users={"w1": {"TAS": 5_000}},
    )
    assert r.reportable == "unknown"
    assert any("services_total" in m for m in r.missing_facts)


def test_significant_local_needs_remoteness_then_applies() -> None:
    common = {
        "win": {"regions": ("NT",)},
        "inc": {"regions": {"NT": {"name": "Katherine", "time_zone": "Australia/Darwin"}}},
        "region_users": {"w1": {"NT": 300}},
    }
    r = _verdict("acma-significant-local-2025", 200, 300, **common)
    assert r.reportable == "unknown"
    assert any("remoteness" in m for m in r.missing_facts)
    extra = ExtraFacts.model_validate(
        {"regions": {"NT": {"remoteness": "remote", "services_total": 20_000}}}
    )
    r = _verdict("acma-significant-local-2025", 200, 300, extra=extra, **common)
    assert r.reportable == "yes" and r.classification == "significant local outage"
    r = _verdict("acma-significant-local-2025", 179, 300, extra=extra, **common)
    assert r.reportable == "no"  # under 3 hours


def test_users_override_from_facts_file_is_labelled() -> None:
    extra = ExtraFacts.model_validate({"users_potentially_affected": {"w1": 40_000}})
    r = _verdict("fcc-part4", 30, 100, extra=extra)
    assert r.reportable == "yes"
    assert r.windows[0].users == 40_000 and r.windows[0].users_source == "facts file"
