"""Pure parts: signed links, update cadence (acma-major-outage), overall status, uptime."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.web.factories import START, incident

from amends.publish.cadence import next_update
from amends.publish.signing import sign_affected, verify_affected
from amends.publish.site import (
    ComponentRow,
    IncidentRow,
    PageInfo,
    SiteData,
    overall_status,
    uptime,
)


def test_signed_link_round_trip_tamper_and_expiry():
    token = sign_affected("s3cret", "inc-1", "sub-9")
    claim = verify_affected("s3cret", token)
    assert claim is not None and (claim.incident_id, claim.subscriber) == ("inc-1", "sub-9")
    assert verify_affected("other", token) is None
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert verify_affected("s3cret", tampered) is None
    assert verify_affected("s3cret", token, max_age_days=-1) is None
    assert verify_affected("s3cret", "garbage") is None


def test_default_cadence_is_what_the_last_statement_promised():
    inc = incident(next_update_at=START + timedelta(hours=2))
    last = START + timedelta(minutes=30)
    d = next_update(inc, last, now=START + timedelta(hours=1))
    assert d.due_at == START + timedelta(hours=2) and not d.overdue
    late = next_update(inc, last, now=START + timedelta(hours=3))
    assert late.overdue and late.overdue_by == timedelta(hours=1)


def test_default_cadence_without_promise_uses_the_interval():
    inc = incident(update_interval_minutes=90)
    last = START + timedelta(minutes=30)
    assert next_update(inc, last, now=last).due_at == last + timedelta(minutes=90)


def test_acma_rule_six_hours_for_a_day_then_daily():
    inc = incident(major=True, update_interval_minutes=60 * 48)
    early = START + timedelta(hours=2)
    d = next_update(inc, early, now=early)
    assert d.due_at == early + timedelta(hours=6)
    assert "acma-major-outage" in d.basis
    later = START + timedelta(hours=30)
    assert next_update(inc, later, now=later).due_at == later + timedelta(hours=24)
    # a promise sooner than the rule wins
    soon = incident(major=True, next_update_at=early + timedelta(hours=1))
    assert next_update(soon, early, now=early).due_at == early + timedelta(hours=1)


def test_resolved_has_no_deadline():
    d = next_update(incident(ongoing=False), START, now=START, status="resolved")
    assert d.due_at is None and not d.overdue


def _data(components, incidents=(), now=None) -> SiteData:
    return SiteData(
        page=PageInfo(),
        components=tuple(components),
        incidents=tuple(incidents),
        generated_at=now or datetime(2026, 3, 20, tzinfo=UTC),
    )


def test_overall_status_is_the_worst_component_or_open_incident():
    ok = ComponentRow("a", "A", "operational")
    assert overall_status(_data([ok])).indicator == "none"
    deg = ComponentRow("b", "B", "degraded_performance")
    assert overall_status(_data([ok, deg])).description == "Partially Degraded Service"
    inc = IncidentRow("i", "I", "investigating", "critical", START, START)
    assert overall_status(_data([ok], [inc])).indicator == "critical"


def test_uptime_counts_outage_minutes_per_day():
    comp = ComponentRow("voice:ca", "Calls", "operational")
    inc = IncidentRow(
        "i",
        "I",
        "resolved",
        "major",
        START,
        START,
        started_at=START,
        resolved_at=START + timedelta(hours=2),
        components=(("voice:ca", "major_outage"),),
    )
    up = uptime(_data([comp], [inc]), "voice:ca")
    day = next(d for d in up.days if d.day == START.date())
    assert day.outage_minutes == 120 and day.worst == "major_outage"
    assert up.percent == round(100 * (1 - 120 / (90 * 1440)), 2)
    assert len(up.days) == 90


def test_status_page_stays_up_when_the_store_goes_down(tmp_path, monkeypatch):
    """A database outage must not take the status page down: the last snapshot is served."""
    import pytest
    from sqlalchemy.exc import OperationalError

    from amends.publish import operations as ops
    from amends.store import open_store
    from amends.web import cache as cache_mod
    from amends.web.settings import Settings

    with open_store(f"sqlite:///{tmp_path}/a.db", create=True) as store:
        ops.save_incident(store, incident())
        cache = cache_mod.SnapshotCache(store, Settings(refresh_seconds=0))
        first = cache.current()
        assert b"Calls and texts failing" in first.get("").body

        def down(_store):
            raise OperationalError("SELECT 1", {}, Exception("connection refused"))

        monkeypatch.setattr(cache_mod, "fingerprint", down)
        assert cache.current() is first
        assert cache.current().get("api/v2/summary.json") is not None
        cache.invalidate()
        assert cache.current() is first
        fresh = cache_mod.SnapshotCache(store, Settings(refresh_seconds=0))
        with pytest.raises(OperationalError):  # nothing to fall back on
            fresh.current()


def test_statement_markdown_is_escaped_and_headings_nest_under_the_page():
    from amends.web.render import markdown

    html = str(markdown("# We are sorry\n\n<script>alert(1)</script> **calls** fail"))
    assert "<h3>We are sorry</h3>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>calls</strong>" in html


def test_hostile_record_text_is_escaped_everywhere():
    from amends.publish.site import PageInfo
    from amends.web.render import PublicSite
    from amends.web.settings import Settings

    evil = '<script>alert("x")</script>'
    rec = incident(title=f"Calls {evil}", services={"voice": evil, "sms": "Texts"})
    inc = IncidentRow(
        rec.id,
        rec.title,
        "investigating",
        "major",
        START,
        START,
        started_at=START,
        record=rec,
        components=(("voice:california", "major_outage"),),
    )
    comp = ComponentRow(
        "voice:california", evil, "major_outage", service="voice", region="california"
    )
    data = SiteData(
        page=PageInfo(name=evil), components=(comp,), incidents=(inc,), generated_at=START
    )
    site = PublicSite(data, Settings())
    for path in site.paths():
        res = site.render(path)
        assert res is not None, path
        if res.content_type.startswith("application/json"):
            continue  # data, served as JSON with nosniff: consumers escape it for their markup
        assert b"<script>" not in res.body, path
