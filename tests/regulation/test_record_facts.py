"""The incident record's own regulatory facts: region remoteness, the regulatory contact and the
filings already made, read by `assess` without a facts file; every recorded statement or filing
counts as done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from amends.regulation import ExtraFacts, assess, due_clocks, load_regime

from .helpers import incident, report, window

LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2026, 3, 10, 10, 0, tzinfo=LA)
FCC = load_regime("fcc-part4")
ACMA = load_regime("acma-outages-2024")


def _fcc_window(now: datetime, *windows, **inc):
    windows = windows or (window(T0, 120, 20_000),)  # 900,000 user minutes 45 minutes in
    result = assess(incident(T0 + timedelta(minutes=5), **inc), report(*windows), [FCC], now=now)
    return result.regimes[0]


def _clock(r, cid: str, wid: str = "w1"):
    w = next(w for w in r.windows if w.window == wid)
    return next(c for c in w.clocks if c.id == cid)


def test_remoteness_from_the_incident_record_decides_a_significant_local_outage() -> None:
    def verdict(remoteness: str | None) -> str:
        region = {"name": "Katherine", "time_zone": "Australia/Darwin", "services_total": 20_000}
        if remoteness:
            region["remoteness"] = remoteness
        start = datetime(2026, 7, 1, 8, 0, tzinfo=ZoneInfo("Australia/Darwin"))
        w = window(start, 200, 300, regions=("NT",))
        result = assess(
            incident(start, regions={"NT": region}, time_zone="Australia/Darwin"),
            report(w),
            [load_regime("acma-significant-local-2025")],
            now=start + timedelta(hours=5),
            region_users={"w1": {"NT": 300}},
        )
        return result.regimes[0].reportable

    assert verdict(None) == "unknown"  # no remoteness anywhere: a missing fact
    assert verdict("remote") == "yes"  # 300 remote services for 200 minutes
    assert verdict("metro") == "no"


def test_regulatory_contact_fills_the_fcc_notification_and_the_facts_file_wins() -> None:
    now = T0 + timedelta(hours=3)
    contact = {"name": "Dana Ruiz", "phone": "+1 415 555 0100"}
    r = _fcc_window(now, regulatory_contact=contact)
    note = next(d for d in r.windows[0].drafts if d.id == "fcc-notification")
    values = {f.name: f.value for f in note.fields}
    assert values["Contact name"] == "Dana Ruiz"
    assert values["Contact telephone number"] == "+1 415 555 0100"
    assert "Contact name" not in note.missing and "Contact telephone number" not in note.missing

    result = assess(
        incident(T0 + timedelta(minutes=5), regulatory_contact=contact),
        report(window(T0, 120, 20_000)),
        [FCC],
        now=now,
        extra=ExtraFacts(contact_name="Sam Lee"),
    )
    note = next(d for d in result.regimes[0].windows[0].drafts if d.id == "fcc-notification")
    values = {f.name: f.value for f in note.fields}
    assert values["Contact name"] == "Sam Lee"  # given on the command line for this run
    assert values["Contact telephone number"] == "+1 415 555 0100"


def test_a_filing_in_the_record_discharges_the_obligation() -> None:
    late = T0 + timedelta(hours=4)
    r = _fcc_window(late)
    assert _clock(r, "notification").state == "overdue"
    on_time = (T0 + timedelta(minutes=100)).isoformat()
    r = _fcc_window(
        late, filings=[{"regime": "fcc-part4", "obligation": "notification", "at": on_time}]
    )
    c = _clock(r, "notification")
    assert c.state == "done" and c.done_source == "incident filings"
    assert c.done_at == (T0 + timedelta(minutes=100)).astimezone(UTC)
    assert r.overdue == []
    # filed after the 120 minutes (due 12:45 PDT): done, but late
    too_late = (T0 + timedelta(minutes=170)).isoformat()
    r = _fcc_window(
        late, filings=[{"regime": "fcc-part4", "obligation": "notification", "at": too_late}]
    )
    assert _clock(r, "notification").state == "late"


def test_a_filing_for_one_window_leaves_the_other_window_open() -> None:
    w1 = window(T0, 120, 20_000)
    w2 = window(T0 + timedelta(hours=1), 120, 20_000, wid="w2")
    at = (T0 + timedelta(minutes=100)).isoformat()
    filing = {"regime": "fcc-part4", "obligation": "notification", "window": "w1", "at": at}
    r = _fcc_window(T0 + timedelta(hours=5), w1, w2, filings=[filing])
    assert _clock(r, "notification", "w1").state == "done"
    assert _clock(r, "notification", "w2").state == "overdue"
    other = {"regime": "acma-outages-2024", "obligation": "notification", "at": at}
    r = _fcc_window(T0 + timedelta(hours=5), w1, w2, filings=[other])  # another regime's
    assert _clock(r, "notification", "w1").state == "overdue"


def test_every_statement_in_history_counts_even_one_recorded_before_discovery() -> None:
    w = window(T0, 90, 150_000, regions=("NSW",))
    regions = {"NSW": {"name": "New South Wales", "time_zone": "Australia/Sydney", "state": "NSW"}}
    early = (T0 - timedelta(minutes=1)).isoformat()  # the record's discovery time came later
    inc = incident(
        T0 + timedelta(minutes=10),
        regions=regions,
        history=[{"stage": "acknowledge", "channel": "social", "published_at": early}],
    )
    result = assess(inc, report(w), [ACMA], now=T0 + timedelta(hours=2))
    public = _clock(result.regimes[0], "public")
    assert public.state == "done" and public.done_source == "published acknowledge on social"


def test_filings_count_as_customer_updates_in_the_cadence() -> None:
    # ongoing for 13 hours: updates are due 6 and 12 hours after the outage became reportable
    w = window(T0, None, 150_000, regions=("NSW",))
    regions = {"NSW": {"name": "New South Wales", "time_zone": "Australia/Sydney", "state": "NSW"}}
    now = T0 + timedelta(hours=13)
    bare = incident(T0, regions=regions)
    updates = _clock(assess(bare, report(w), [ACMA], now=now).regimes[0], "customer-updates")
    assert updates.state == "overdue"
    sent = [
        {"regime": "acma-outages-2024", "obligation": "customer-updates", "at": t.isoformat()}
        for t in (T0 + timedelta(hours=5), T0 + timedelta(hours=10))
    ]
    filed = incident(T0, regions=regions, filings=sent)
    updates = _clock(assess(filed, report(w), [ACMA], now=now).regimes[0], "customer-updates")
    assert updates.state == "due"
    assert [s.state for s in updates.slots] == ["met", "met", "due"]
    assert updates.due == (T0 + timedelta(hours=16)).astimezone(UTC)


def test_due_clocks_reads_the_record_alone_with_both_zones() -> None:
    now = T0 + timedelta(hours=4)
    inc = incident(T0 + timedelta(minutes=5), windows=[window(T0, 120, 20_000)])
    items = due_clocks(inc, [FCC], now=now)
    assert [(i.obligation, i.state) for i in items] == [
        ("notification", "overdue"),
        ("initial-report", "due"),
        ("final-report", "due"),
    ]
    first = items[0]
    assert first.incident == "test-outage" and first.time_zone == "America/Los_Angeles"
    assert first.due == (T0 + timedelta(minutes=165)).astimezone(UTC)  # 19:45 UTC
    assert first.due_local == "2026-03-10 12:45 PDT"
    assert first.recipient == "regulator" and first.section.startswith("47 CFR 4.9(a)")
    filed = inc.model_copy(
        update={
            "filings": [
                *inc.filings,
                *incident(
                    T0,
                    filings=[{"regime": "fcc-part4", "obligation": "notification", "at": now}],
                ).filings,
            ]
        }
    )
    assert [i.obligation for i in due_clocks(filed, [FCC], now=now)] == [
        "initial-report",
        "final-report",
    ]


def test_the_earliest_of_a_statement_and_a_filing_is_when_it_was_done() -> None:
    w = window(T0, 90, 150_000, regions=("NSW",))
    regions = {"NSW": {"name": "New South Wales", "time_zone": "Australia/Sydney", "state": "NSW"}}
    told = T0 + timedelta(minutes=30)
    later = told + timedelta(hours=1)
    filing = {"regime": "acma-outages-2024", "obligation": "public", "at": later}
    statement = {"stage": "acknowledge", "channel": "web", "published_at": told}
    inc = incident(T0, regions=regions, history=[statement], filings=[filing])
    public = _clock(assess(inc, report(w), [ACMA], now=later).regimes[0], "public")
    assert public.done_at == told.astimezone(UTC)
    assert public.done_source == "published acknowledge on web"
    inc = incident(T0, regions=regions, filings=[filing])
    public = _clock(assess(inc, report(w), [ACMA], now=later).regimes[0], "public")
    assert public.done_at == later.astimezone(UTC)
    assert public.done_source == "incident filings"
