"""Clocks from discovery and threshold crossing, what is done and overdue, and honest drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from amends.regulation import ExtraFacts, assess, draft_markdown, load_regime

from .helpers import incident, report, window

LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2026, 3, 10, 10, 0, tzinfo=LA)


def _fcc(discovered: datetime, now: datetime, extra: ExtraFacts | None = None, **inc):
    # 20,000 users: 900,000 user minutes are reached 45 minutes in
    w = window(T0, 120, 20_000)
    result = assess(
        incident(discovered, **inc), report(w), [load_regime("fcc-part4")], now=now, extra=extra
    )
    return result.regimes[0].windows[0], result


def _clock(w, cid: str):
    return next(c for c in w.clocks if c.id == cid)


def test_discovered_before_threshold_crossed_clock_starts_at_crossing() -> None:
    w, _ = _fcc(T0 + timedelta(minutes=5), now=T0 + timedelta(hours=3))
    assert w.tests[0].crossed_at == T0 + timedelta(minutes=45)
    assert w.reportable_at == T0 + timedelta(minutes=45)
    assert _clock(w, "notification").due == (T0 + timedelta(minutes=165)).astimezone(UTC)


def test_discovered_after_threshold_crossed_clock_starts_at_discovery() -> None:
    w, _ = _fcc(T0 + timedelta(minutes=90), now=T0 + timedelta(hours=3))
    assert w.reportable_at == T0 + timedelta(minutes=90)
    note = _clock(w, "notification")
    assert note.due == (T0 + timedelta(minutes=210)).astimezone(UTC)
    assert note.state == "due"
    assert _clock(w, "initial-report").due == (T0 + timedelta(minutes=90, hours=72)).astimezone(UTC)
    final = _clock(w, "final-report").due.astimezone(LA)
    assert (final.month, final.day, final.hour, final.minute) == (4, 9, 11, 30)


def test_overdue_until_the_facts_file_records_the_filing() -> None:
    late = T0 + timedelta(hours=4)
    w, result = _fcc(T0 + timedelta(minutes=5), now=late)
    assert _clock(w, "notification").state == "overdue"
    assert any("Notification to the FCC" in o for o in result.regimes[0].overdue)
    filed = ExtraFacts.model_validate(
        {"done": {"fcc-part4:notification": (T0 + timedelta(minutes=100)).isoformat()}}
    )
    w, result = _fcc(T0 + timedelta(minutes=5), now=late, extra=filed)
    c = _clock(w, "notification")
    assert c.state == "done" and c.done_source.startswith("facts file")
    assert result.regimes[0].overdue == []


def test_drafts_name_missing_facts_and_never_invent_them() -> None:
    w, result = _fcc(T0 + timedelta(minutes=5), now=T0 + timedelta(hours=3))
    note = next(d for d in w.drafts if d.id == "fcc-notification")
    assert "Name of the reporting entity" in note.missing
    assert "Contact telephone number" in note.missing
    values = {f.name: f.value for f in note.fields}
    assert values["Geographic area affected"] == "California"
    assert (
        values["Date and time of onset of the outage"]
        == "2026-03-10 10:00 PDT (2026-03-10 17:00 UTC)"
    )
    text = draft_markdown(note, incident=result.incident, zone=result.time_zone)
    assert "**MISSING**" in text and "## Missing facts" in text

    extra = ExtraFacts(contact_name="Dana Ruiz", contact_phone="+1 415 555 0100")
    w, _ = _fcc(
        T0 + timedelta(minutes=5),
        now=T0 + timedelta(hours=3),
        extra=extra,
        provider="Pacific Telephone",
        symptom="calls end with a fast busy tone",
        cause={"category": "fiber_cut", "description": "a construction crew cut our fiber"},
    )
    note = next(d for d in w.drafts if d.id == "fcc-notification")
    assert note.missing == []
    values = {f.name: f.value for f in note.fields}
    assert values["Contact name"] == "Dana Ruiz"
    assert "construction crew" in values["Brief description of the problem"]


def test_acma_public_done_by_a_published_web_statement_and_major_flag() -> None:
    w = window(T0, 90, 150_000, regions=("NSW",))
    regions = {"NSW": {"name": "New South Wales", "time_zone": "Australia/Sydney", "state": "NSW"}}
    published = (T0 + timedelta(minutes=30)).isoformat()
    inc = incident(
        T0 + timedelta(minutes=10),
        regions=regions,
        history=[{"stage": "acknowledge", "channel": "web", "published_at": published}],
    )
    result = assess(inc, report(w), [load_regime("acma-outages-2024")], now=T0 + timedelta(hours=2))
    r = result.regimes[0]
    assert r.reportable == "yes" and result.major is True
    public = next(c for c in r.windows[0].clocks if c.id == "public")
    assert public.state == "done" and public.done_source == "published acknowledge on web"
    stakeholders = next(c for c in r.windows[0].clocks if c.id == "stakeholders")
    assert stakeholders.state == "owed" and stakeholders.due_text == "as soon as practicable"
    updates = next(c for c in r.windows[0].clocks if c.id == "customer-updates")
    assert updates.state == "done"  # restored after 90 minutes, before the first 6-hour update


def test_not_reportable_has_no_clocks_or_drafts() -> None:
    w = window(T0, 20, 5)
    result = assess(
        incident(T0), report(w), [load_regime("fcc-part4")], now=T0 + timedelta(hours=1)
    )
    r = result.regimes[0]
    assert r.reportable == "no" and r.windows[0].clocks == [] and r.windows[0].drafts == []


def test_open_clocks_lists_overdue_first_then_by_due_time() -> None:
    from amends.regulation import open_clocks

    w = window(T0, 120, 20_000, services=("local",))
    result = assess(
        incident(T0 + timedelta(minutes=5)),
        report(w),
        [load_regime("fcc-part4")],
        now=T0 + timedelta(hours=4),
    )
    items = open_clocks(result)
    assert [i.obligation for i in items] == ["notification", "initial-report", "final-report"]
    assert items[0].state == "overdue" and items[1].state == "due"


def test_assess_from_the_incident_record_windows_alone() -> None:
    w = window(T0, 120, 20_000)
    inc = incident(T0 + timedelta(minutes=5), windows=[w.model_dump()])
    result = assess(inc, None, [load_regime("fcc-part4")], now=T0 + timedelta(hours=3))
    assert result.regimes[0].reportable == "yes"


def test_final_report_due_across_a_month_end() -> None:
    start = datetime(2026, 1, 31, 9, 0, tzinfo=LA)
    w = window(start, 60, 20_000)
    result = assess(
        incident(start), report(w), [load_regime("fcc-part4")], now=start + timedelta(hours=2)
    )
    final = _clock(result.regimes[0].windows[0], "final-report").due.astimezone(LA)
    # reportable 45 minutes in (09:45 on 31 January); 30 calendar days later is 2 March
    assert (final.month, final.day, final.hour, final.minute) == (3, 2, 9, 45)


def test_acma_missed_update_is_overdue_across_the_sydney_dst_change() -> None:
    syd = ZoneInfo("Australia/Sydney")
    t0 = datetime(2026, 4, 4, 20, 0, tzinfo=syd)  # AEDT; clocks go back at 03:00 on 5 April
    w = window(t0, None, 180_000, regions=("NSW",))
    regions = {
        "NSW": {
            "name": "New South Wales",
            "time_zone": "Australia/Sydney",
            "state": "NSW",
            "services_total": 4_000_000,
        }
    }
    utc0 = t0.astimezone(UTC)
    sent = [utc0 + timedelta(minutes=50), utc0 + timedelta(hours=6, minutes=30)]
    history = [{"stage": "update", "channel": "sms", "published_at": s.isoformat()} for s in sent]
    inc = incident(
        t0 + timedelta(minutes=12), time_zone="Australia/Sydney", regions=regions, history=history
    )
    result = assess(
        inc, report(w), [load_regime("acma-outages-2024")], now=t0 + timedelta(hours=13)
    )
    r = result.regimes[0]
    updates = next(c for c in r.windows[0].clocks if c.id == "customer-updates")
    assert updates.state == "overdue"
    missed = next(s for s in updates.slots if s.state == "missed")
    assert missed.due == sent[1] + timedelta(hours=6)  # elapsed hours, whatever the clocks did
    assert missed.due_text.startswith("2026-04-05 07:30 AEST")
    assert r.overdue and "an update was missed" in r.overdue[0]


def test_clocks_chart_has_a_row_per_outage_and_clock() -> None:
    from amends.regulation.chart import clocks_figure

    w = window(T0, 120, 20_000)
    result = assess(
        incident(T0 + timedelta(minutes=5)),
        report(w),
        [load_regime("fcc-part4")],
        now=T0 + timedelta(hours=3),
    )
    fig = clocks_figure(result)
    assert fig is not None
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "fcc-part4 · outage w1"
    assert "Notification to the FCC [overdue]" in labels
    assert len(labels) == 1 + len(result.regimes[0].windows[0].clocks)
    quiet = assess(incident(T0), report(window(T0, 10, 5)), [load_regime("fcc-part4")], now=T0)
    assert clocks_figure(quiet) is None
