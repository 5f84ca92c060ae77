"""Personal notices: one per affected subscriber, their own numbers and local times, equal to
the naive per-row rendering, credits formatted for their locale, streamed in batches."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from tests.compose.records import fixed_incident, now_for, record_for

from amends import subscriber_ranges
from amends.compose import MissingFacts
from amends.compose.notices import NOTICES_SCHEMA, iter_notices, notices, render_one


def _inputs(impact: Path) -> tuple[pa.Table, pa.Table]:
    affected = pq.read_table(impact / "subscribers.parquet")
    plans = pq.read_table(next(impact.parent.glob("*.subscribers.parquet")))
    return affected, plans


def test_one_notice_per_affected_subscriber_matching_naive_rendering(
    impact_dir: Callable[[str], Path],
) -> None:
    impact = impact_dir("demo")
    record, now = record_for(impact, "resolve")
    affected, plans = _inputs(impact)
    subs = pc.unique(affected.column("subscriber"))
    credits = pa.table(
        {
            "subscriber": subs,
            "amount": pa.array(
                [Decimal(i) * 1000 + Decimal("0.5") for i in range(len(subs))], pa.decimal128(20, 6)
            ),
            "currency": ["USD"] * len(subs),
        }
    )
    table = notices(record, affected, plans=plans, credits=credits, now=now)  # type: ignore[arg-type]
    assert table.schema == NOTICES_SCHEMA
    assert table.num_rows == len(subs)
    assert set(table.column("subscriber").to_pylist()) == set(subs.to_pylist())
    by_sub = {
        r["subscriber"]: r
        for r in affected.group_by("subscriber").aggregate([("failed_attempts", "sum")]).to_pylist()
    }
    plan_rows = {r["subscriber"]: r for r in plans.to_pylist()}
    amounts = {r["subscriber"]: r["amount"] for r in credits.to_pylist()}
    locales = set()
    for row in table.to_pylist():
        sub = row["subscriber"]
        assert row["failed_calls"] == by_sub[sub]["failed_attempts_sum"]
        assert row["time_zone"] == plan_rows[sub]["time_zone"]
        assert row["locale"] == plan_rows[sub]["locale"]
        assert (row["channel"], row["recipient"]) == ("email", plan_rows[sub]["email"])
        locales.add(row["locale"])
        ref = dict(row, amount=amounts[sub], currency="USD")
        assert render_one(record, ref, locale=row["locale"], now=now) == (  # type: ignore[arg-type]
            row["subject"],
            row["text"],
        )
    assert locales == {"en", "es"}


def test_notice_text_holds_the_customers_own_facts(impact_dir: Callable[[str], Path]) -> None:
    impact = impact_dir("demo")
    record, now = record_for(impact, "resolve")
    affected, plans = _inputs(impact)
    table = notices(record, affected, plans=plans, now=now)  # type: ignore[arg-type]
    row = next(r for r in table.to_pylist() if r["locale"] == "en" and r["failed_calls"] > 1)
    local = row["first_failure"].astimezone(ZoneInfo(row["time_zone"]))
    clock = local.strftime("%I:%M %p").lstrip("0") + " " + local.tzname()
    assert (
        f"We are sorry: {row['failed_calls']} of your calls failed between {clock}" in row["text"]
    )
    assert "Your credit" not in row["text"]  # no credits file: no credit line
    assert row["credit"] is None
    assert "Our support team can help" in row["text"]
    es = next(r for r in table.to_pylist() if r["locale"] == "es")
    assert es["text"].startswith("Lo sentimos:")


def test_spanish_money_and_streaming_batches(impact_dir: Callable[[str], Path]) -> None:
    impact = impact_dir("demo")
    record, now = record_for(impact, "resolve")
    affected, plans = _inputs(impact)
    subs = pc.unique(affected.column("subscriber"))
    credits = pa.table(
        {"subscriber": subs, "amount": [1234.5] * len(subs), "currency": ["USD"] * len(subs)}
    )
    batches = list(
        iter_notices(record, affected, plans=plans, credits=credits, batch_size=50, now=now)
    )
    assert len(batches) > 1 and all(b.num_rows <= 50 for b in batches)
    table = pa.Table.from_batches(batches)
    credit = dict(
        zip(table.column("locale").to_pylist(), table.column("credit").to_pylist(), strict=True)
    )
    assert credit == {"en": "$1,234.50", "es": "1.234,50 US$"}


def test_region_zone_when_no_plans_and_default_locale() -> None:
    record = fixed_incident("resolve")
    affected = pa.table(
        {
            "window": ["w1", "w1", "w1"],
            "subscriber": ["A", "B", "A"],
            "region": ["CA", "CA", "CA"],
            "failed_attempts": [1, 2, 3],
            "first_failure": pa.array(
                [datetime(2026, 3, 10, 21, 20, tzinfo=UTC)] * 3, pa.timestamp("us", tz="UTC")
            ),
            "last_failure": pa.array(
                [datetime(2026, 3, 10, 22, 40, tzinfo=UTC)] * 3, pa.timestamp("us", tz="UTC")
            ),
        }
    )
    table = notices(record, affected, locale="es", now=now_for("resolve"))
    rows = {r["subscriber"]: r for r in table.to_pylist()}
    assert rows["A"]["failed_calls"] == 4 and rows["B"]["failed_calls"] == 2
    assert rows["A"]["time_zone"] == "America/Los_Angeles"
    assert rows["A"]["locale"] == "es" and rows["A"]["channel"] == "notice"
    assert rows["A"]["recipient"] is None
    assert "entre las 14:20 PDT y las 15:40 PDT" in rows["A"]["text"]


def test_notices_refuse_a_record_with_todo() -> None:
    record = fixed_incident("resolve").model_copy(update={"symptom": "TODO(person): symptom"})
    empty = pa.table({"window": pa.array([], pa.string())})
    with pytest.raises(MissingFacts, match="symptom"):
        notices(record, empty)


@pytest.mark.parametrize("unique_max", [0, 20_000])
def test_both_money_paths_match_babel(monkeypatch: pytest.MonkeyPatch, unique_max: int) -> None:
    import amends.compose.notices as mod

    monkeypatch.setattr(mod, "MONEY_UNIQUE_MAX", unique_max)
    record = fixed_incident("resolve")
    n = 4
    ts = pa.array([datetime(2026, 3, 10, 21, 30, tzinfo=UTC)] * n, pa.timestamp("us", tz="UTC"))
    affected = pa.table(
        {
            "window": ["w1"] * n,
            "subscriber": ["A", "B", "C", "D"],
            "region": ["CA"] * n,
            "failed_attempts": [1, 2, 1500, 3],
            "first_failure": ts,
            "last_failure": ts,
        }
    )
    plans = pa.table({"subscriber": ["A", "B", "C", "D"], "locale": ["en", "es-MX", "en", "es"]})
    amounts = [Decimal("0.5"), Decimal("1234567.891"), Decimal("12"), Decimal("99999.995")]
    credits = pa.table(
        {
            "subscriber": ["A", "B", "C", "D"],
            "amount": pa.array(amounts, pa.decimal128(20, 6)),
            "currency": ["USD", "EUR", "JPY", "USD"],
        }
    )
    table = notices(record, affected, plans=plans, credits=credits, now=now_for("resolve"))
    got = {r["subscriber"]: r for r in table.to_pylist()}
    for sub, amount, cur in zip("ABCD", amounts, ["USD", "EUR", "JPY", "USD"], strict=True):
        row = got[sub]
        ref = dict(row, amount=amount, currency=cur)
        assert render_one(record, ref, locale=row["locale"], now=now_for("resolve")) == (
            row["subject"],
            row["text"],
        ), (unique_max, sub, row["credit"])
    assert "1,500 of your calls failed" in got["C"]["text"]
    assert got["B"]["locale"] == "es"  # es-MX reads the Spanish catalog


def test_notices_pass_the_check_as_resolve_notices(impact_dir: Callable[[str], Path]) -> None:
    from amends.check import check_text

    impact = impact_dir("demo")
    record, now = record_for(impact, "resolve")
    affected, plans = _inputs(impact)
    subs = pc.unique(affected.column("subscriber"))
    credits = pa.table(
        {"subscriber": subs, "amount": [3.0] * len(subs), "currency": ["USD"] * len(subs)}
    )
    for with_credits in (None, credits):
        table = notices(record, affected, plans=plans, credits=with_credits, now=now)  # type: ignore[arg-type]
        seen = set()
        for row in table.to_pylist():
            key = (row["locale"], row["failed_calls"] == 1)
            if key in seen:
                continue
            seen.add(key)
            report = check_text(
                row["text"], stage="resolve", channel="notice", locale=row["locale"]
            )
            assert not report.has_errors, (key, [f.rule for f in report.findings], row["text"])
        assert {k[0] for k in seen} == {"en", "es"}


def test_notices_refuse_a_nul_character_in_the_record() -> None:
    from amends.errors import InputError

    record = fixed_incident("resolve").model_copy(update={"symptom": "busy\x00n\x00 tone"})
    with pytest.raises(InputError, match="NUL"):
        notices(record, pa.table({"window": pa.array([], pa.string())}))


def test_notices_cover_this_incidents_windows_and_count_cash_only() -> None:
    """A customer of an unrelated outage the same day gets no notice; a 1 GB allowance is not
    added to the money credit the notice states."""
    ts = pa.timestamp("us", tz="UTC")
    record = fixed_incident("resolve")
    mine = record.windows[0].id
    at = [datetime(2026, 3, 10, 21, 25, tzinfo=UTC)] * 2
    affected = pa.table(
        {
            "window": [mine, "w-other"],
            "subscriber": ["S1", "S2"],
            "region": ["CA", "CA"],
            "failed_attempts": [2, 1],
            "first_failure": pa.array(at, ts),
            "last_failure": pa.array(at, ts),
        }
    )
    credits = pa.table(
        {
            "subscriber": ["S1", "S1", "S2"],
            "window": [mine, mine, "w-other"],
            "amount": [Decimal("5.00"), Decimal("1"), Decimal("2.00")],
            "currency": ["USD", "USD", "USD"],
            "unit": ["cash", "GB", "cash"],
        }
    )
    out = notices(record, affected, credits=credits, now=now_for("resolve")).to_pylist()
    assert [r["subscriber"] for r in out] == ["S1"]
    assert "$5.00" in out[0]["text"] and "$6.00" not in out[0]["text"]


def test_stage_column_and_streamed_file_with_small_duckdb_memory(
    impact_dir: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every notice carries its stage (the outbox keys on it); a run with little DuckDB memory
    (it spills) and small batches writes the same notices as one in-memory table."""
    import amends.compose.notices as mod

    impact = impact_dir("demo")
    affected, plans = _inputs(impact)
    for stage, expected in (("resolve", "resolve"), ("update", "update")):
        record, now = record_for(impact, stage)
        whole = notices(record, affected, plans=plans, now=now)  # type: ignore[arg-type]
        assert set(whole.column("stage").to_pylist()) == {expected}
    subs = pc.unique(affected.column("subscriber"))
    credits = pa.table(
        {
            "subscriber": subs,
            "amount": [i % 50 + 0.25 for i in range(len(subs))],
            "currency": ["USD"] * len(subs),
        }
    )
    whole = notices(record, affected, plans=plans, credits=credits, now=now)  # type: ignore[arg-type]
    monkeypatch.setattr(mod, "DUCKDB_MEMORY", "64MB")
    monkeypatch.setattr(mod, "BATCH_ROWS", 37)
    monkeypatch.setattr(subscriber_ranges, "PART_ROWS", 100)  # several subscriber ranges
    assert affected.num_rows > 300
    pq.write_table(affected, tmp_path / "affected.parquet")
    out = tmp_path / "notices.parquet"
    seen: list[int] = []
    rows = mod.write_notices(
        record,  # type: ignore[arg-type]
        tmp_path / "affected.parquet",
        out,
        plans=plans,
        credits=credits,
        now=now,
        progress=seen.append,
    )
    got = pq.read_table(out)
    assert rows == got.num_rows == whole.num_rows and len(seen) > 3
    key = [("subscriber", "ascending")]
    assert got.sort_by(key).equals(whole.sort_by(key))
    assert not list(tmp_path.glob(".*.tmp"))
