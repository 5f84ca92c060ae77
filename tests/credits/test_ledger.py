"""The ledger on SQLite and PostgreSQL: pays once, adjusts by the delta, all or nothing."""

from __future__ import annotations

import textwrap
from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.credits.conftest import affected, plans, span
from tests.killing import kill_when_marked

from amends.credits import compute, parse_policy
from amends.errors import InputError
from amends.store import Store, open_store
from amends.store.ledger import ledger_entries, ledger_totals, record
from amends.store.parallel import WRITERS
from amends.store.schema import ledger, ledger_runs

FLAT = 'id = "p"\ncurrency = "USD"\n[[credit]]\nkind = "flat"\namount = "{amount}"\n'
WIN = span("2026-03-10 14:00", "2026-03-10 15:00")
HIT = affected([("w1", "A", 1), ("w1", "B", 3), ("w1", "C", 12)])


def flat(amount: str, extra: str = "") -> object:
    return parse_policy(FLAT.format(amount=amount) + extra)


def rows(store: Store) -> list[tuple]:
    with store.connect() as conn:
        return list(
            conn.execute(
                select(
                    ledger.c.subscriber, ledger.c.kind, ledger.c.amount, ledger.c.policy_version
                ).order_by(ledger.c.id)
            )
        )


def test_rerun_is_a_no_op(store: Store) -> None:
    table = compute([WIN], HIT, None, flat("5.00"), "inc")
    first = record(store, "inc", table)
    assert (first.inserted, first.adjusted, first.unchanged) == (3, 0, 0)
    again = record(store, "inc", table)
    assert (again.inserted, again.adjusted, again.unchanged, again.run_id) == (0, 0, 3, None)
    assert len(rows(store)) == 3
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ledger_runs)).scalar() == 1


def test_a_run_keeps_its_windows_facts_once_and_each_row_its_own(store: Store) -> None:
    import json

    record(store, "inc", compute([WIN], HIT, None, flat("5.00"), "inc"))
    with store.connect() as conn:
        windows = conn.execute(select(ledger_runs.c.windows)).scalar_one()
        inputs = conn.execute(select(ledger.c.inputs).where(ledger.c.subscriber == "C")).scalar()
    assert json.loads(windows)["w1"] == {
        "start": "2026-03-10T14:00:00+00:00",
        "end": "2026-03-10T15:00:00+00:00",
        "hours": "1.0000",
        "month_days": 31,
        "days_beyond": 0,
    }
    assert json.loads(inputs)["failed_attempts"] == 12
    assert "start" not in json.loads(inputs)


def test_credits_computed_for_another_incident_are_refused(store: Store) -> None:
    with pytest.raises(InputError, match="computed for incident other, not inc"):
        record(store, "inc", compute([WIN], HIT, None, flat("5.00"), "other"))
    assert rows(store) == []


def test_changed_policy_writes_adjustments_with_the_delta(store: Store) -> None:
    old = flat("5.00")
    new = parse_policy(
        'id = "p"\ncurrency = "USD"\ncombine = "max"\n[[credit]]\nkind = "flat"\namount = "5.00"\n'
        '[[credit]]\nkind = "tiered"\nby = "failed_attempts"\n'
        'tiers = [{from = 3, amount = "7.50"}, {from = 10, amount = "4"}]'
    )
    record(store, "inc", compute([WIN], HIT, None, old, "inc"))
    result = record(store, "inc", compute([WIN], HIT, None, new, "inc"))
    # A stays 5.00 (max(5, 0)); B becomes 7.50 (+2.50); C max(5, 4) = 5.00 stays
    assert (result.inserted, result.adjusted, result.unchanged) == (0, 1, 2)
    adjustments = [r for r in rows(store) if r.kind == "adjustment"]
    assert [(r.subscriber, r.amount, r.policy_version) for r in adjustments] == [
        ("B", D("2.50"), new.version)
    ]
    totals = {r["subscriber"]: r["amount"] for r in ledger_totals(store, "inc").to_pylist()}
    assert totals == {"A": D("5"), "B": D("7.5"), "C": D("5")}


def test_a_credit_no_longer_owed_is_reversed(store: Store) -> None:
    record(store, "inc", compute([WIN], HIT, None, flat("5.00"), "inc"))
    fewer = flat("5.00", "[eligibility]\nmin_failed_attempts = 3\n")
    result = record(store, "inc", compute([WIN], HIT, None, fewer, "inc"))
    assert (result.inserted, result.adjusted, result.unchanged) == (0, 1, 2)
    entries = ledger_entries(store, "inc", "p")
    assert entries.column("subscriber").to_pylist() == ["B", "C"]
    reversal = [r for r in rows(store) if r.kind == "adjustment"]
    assert [(r.subscriber, r.amount) for r in reversal] == [("A", D("-5.00"))]


def test_an_empty_result_reverses_every_earlier_credit(store: Store) -> None:
    record(store, "inc", compute([WIN], HIT, None, flat("5.00"), "inc"))
    nobody = flat("5.00", "[eligibility]\nmin_failed_attempts = 100\n")
    table = compute([WIN], HIT, None, nobody, "inc")
    assert table.num_rows == 0
    result = record(store, "inc", table)
    assert (result.inserted, result.adjusted) == (0, 3)
    assert ledger_entries(store, "inc", "p").num_rows == 0
    assert ledger_totals(store, "inc").num_rows == 0


def test_the_same_version_with_other_amounts_is_refused(store: Store) -> None:
    pol = flat("5.00")
    record(store, "inc", compute([WIN], HIT, None, pol, "inc"))
    longer = span("2026-03-10 14:00", "2026-03-10 16:00")
    prorata = parse_policy('id = "q"\ncurrency = "USD"\n[[credit]]\nkind = "prorata"\n')
    plan = plans([("A", "31", "CA"), ("B", "31", "CA"), ("C", "31", "CA")])
    record(store, "inc", compute([WIN], HIT, plan, prorata, "inc"))
    with pytest.raises(InputError, match="bump `revision`"):
        record(store, "inc", compute([longer], HIT, plan, prorata, "inc"))
    # nothing of the refused run was written
    assert len([r for r in rows(store) if r.subscriber == "A"]) == 2
    bumped = parse_policy('id = "q"\nrevision = 1\ncurrency = "USD"\n[[credit]]\nkind = "prorata"')
    result = record(store, "inc", compute([longer], HIT, plan, bumped, "inc"))
    assert result.adjusted == 3


def test_allowance_and_cash_for_the_same_subscriber_are_two_rows(store: Store) -> None:
    pol = flat("2.00", '[[credit]]\nkind = "allowance"\nunit = "GB"\namount = "1"\n')
    table = compute([WIN], HIT, None, pol, "inc")
    assert record(store, "inc", table).inserted == 6
    assert record(store, "inc", table).unchanged == 6
    totals = ledger_totals(store, "inc").to_pylist()
    assert {(r["subscriber"], r["unit"], r["amount"]) for r in totals} == {
        (s, u, a) for s in "ABC" for u, a in (("GB", D("1")), ("cash", D("2")))
    }
    exported = ledger_entries(store, "inc", "p")
    assert set(exported.column("policy").to_pylist()) == {"p"}


def test_batches_cover_every_row_once_whatever_the_boundaries(store: Store) -> None:
    many = affected([("w1", f"S{i:03d}", 1 + i % 4) for i in range(23)])
    table = compute([WIN], many, None, flat("5.00"), "inc")
    for size in (1, 7, 23, 50):
        seen: list[tuple[int, int]] = []
        with store.begin() as conn:
            conn.execute(ledger.delete())
            conn.execute(ledger_runs.delete())
        result = record(
            store, "inc", table, batch=size, on_batch=lambda d, t, s=seen: s.append((d, t))
        )
        assert result.inserted == 23
        assert seen[-1] == (23, 23) and len(seen) == -(-23 // size)
        assert sorted(r.subscriber for r in rows(store)) == [f"S{i:03d}" for i in range(23)]


N_KILLED = 12_000
KILL_BATCH = 1_000

CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import pyarrow as pa
    from amends.credits import compute, parse_policy, WindowSpan
    from amends.store import open_store
    from amends.store.ledger import record
    from datetime import datetime, UTC
    url, marker, n, batch = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    hit = pa.table({
        "window": ["w1"] * n,
        "subscriber": [f"S{i:06d}" for i in range(n)],
        "failed_attempts": [1] * n,
    })
    win = WindowSpan(
        "w1", datetime(2026, 3, 10, 14, tzinfo=UTC), datetime(2026, 3, 10, 15, tzinfo=UTC)
    )
    pol = parse_policy('id = "p"\\ncurrency = "USD"\\n[[credit]]\\nkind = "flat"\\namount = "5"')
    table = compute([win], hit, None, pol, "inc")
    store = open_store(url, create=True)

    def stall(done, total):
        tmp = marker.with_suffix(".tmp")
        tmp.write_text(str(done))
        tmp.replace(marker)  # atomic: the test never reads a half-written marker
        if done >= 3 * batch:
            time.sleep(3600)  # killed here, mid-run, with three batches committed

    record(store, "inc", table, on_batch=stall, batch=batch)
    """
)


def _hits(n: int) -> object:
    import pyarrow as pa

    return pa.table(
        {
            "window": ["w1"] * n,
            "subscriber": [f"S{i:06d}" for i in range(n)],
            "failed_attempts": [1] * n,
        }
    )


@pytest.mark.slow
def test_a_killed_record_keeps_its_batches_and_a_rerun_pays_nobody_twice(
    store_url: str, tmp_path: Path
) -> None:
    open_store(store_url, create=True).close()  # migrate first, so the child only records
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    marker = tmp_path / "marker"
    kill_when_marked(
        script, [store_url, str(marker), str(N_KILLED), str(KILL_BATCH)], marker, 3 * KILL_BATCH
    )
    store = open_store(store_url, create=True)
    try:
        with store.connect() as conn:
            # the committed batches are paid (three reported, and on PostgreSQL the batches its
            # other COPY connections were loading); the run is marked unfinished
            paid_before = conn.execute(select(func.count()).select_from(ledger)).scalar()
            runs = conn.execute(select(ledger_runs.c.finished_at)).all()
        assert paid_before % KILL_BATCH == 0
        assert 3 * KILL_BATCH <= paid_before <= (2 + WRITERS) * KILL_BATCH
        assert len(runs) == 1 and runs[0].finished_at is None
        win = span("2026-03-10 14:00", "2026-03-10 15:00")
        table = compute([win], _hits(N_KILLED), None, flat("5"), "inc")
        result = record(store, "inc", table, batch=KILL_BATCH)
        assert (result.inserted, result.adjusted) == (N_KILLED - paid_before, 0)
        assert result.unchanged == paid_before
        assert record(store, "inc", table).written == 0
        with store.connect() as conn:
            count, keys, total = conn.execute(
                select(
                    func.count(),
                    func.count(func.distinct(ledger.c.subscriber)),
                    func.count(func.distinct(ledger.c.run_id)),
                ).select_from(ledger)
            ).one()
        assert (count, keys, total) == (N_KILLED, N_KILLED, 2)
        paid = ledger_totals(store, "inc")
        assert paid.num_rows == N_KILLED
        assert set(paid.column("amount").to_pylist()) == {D("5")}
    finally:
        store.close()
