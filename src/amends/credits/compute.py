"""Apply a policy to the per-subscriber impact in one vectorised DuckDB query.

Per-window constants come from `terms`; the engine joins them to every subscriber row and does
the rest in exact integer arithmetic (BIGINT, or HUGEINT when needed: numerators over the
window's denominator), so amounts are exact Decimals (Arrow decimal128) end to end, never floats.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pyarrow as pa

from amends.credits.policy import (
    CASH,
    Allowance,
    Flat,
    PerDay,
    Policy,
    Prorata,
    Tiered,
)
from amends.credits.terms import WindowTerms, spans, window_terms
from amends.errors import InputError
from amends.impact.engines import Engine

#: Arrow type of every amount: the ledger's Numeric(20, 6).
AMOUNT_TYPE = pa.decimal128(20, 6)
#: Columns of the computed credits table (`region` is extra, for the per-region summary).
CREDITS_SCHEMA = pa.schema(
    [
        pa.field("subscriber", pa.string(), nullable=False),
        pa.field("window", pa.string(), nullable=False),
        pa.field("amount", AMOUNT_TYPE, nullable=False),
        pa.field("currency", pa.string(), nullable=False),
        pa.field("unit", pa.string(), nullable=False),
        pa.field("policy", pa.string(), nullable=False),
        pa.field("policy_version", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("inputs", pa.string(), nullable=False),
        pa.field("region", pa.string()),
    ]
)
_BIG = pa.decimal128(38, 0)
_AFFECTED_COLUMNS = ("window", "subscriber", "failed_attempts")
_PLAN_COLUMNS = ("subscriber", "monthly_fee", "currency", "home_region", "plan")


def _q(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def default_label(component: Any) -> str:
    """How a component is named in the reason column when it has no label of its own."""
    if isinstance(component, Flat):
        return "flat credit"
    if isinstance(component, Prorata):
        return "share of the monthly fee" + (" (whole days)" if component.whole_days else "")
    if isinstance(component, Tiered):
        return "tier by " + (
            "failed calls" if component.by == "failed_attempts" else "outage hours"
        )
    if isinstance(component, PerDay):
        return f"per day beyond {component.threshold_days} working days"
    assert isinstance(component, Allowance)
    return f"{component.unit} allowance"


def _label(component: Any) -> str:
    return component.label or default_label(component)


def window_facts(terms: Sequence[WindowTerms]) -> dict[str, dict[str, Any]]:
    """Per window, the facts every credit in it shares (span, hours, the month's days, whole
    days beyond the allowance): kept once per ledger run, not in each row's `inputs`."""
    return {
        t.span.id: {
            "start": t.span.start.isoformat(),
            "end": t.span.end.isoformat(),
            "hours": str(round(Decimal(t.span.hours.numerator) / t.span.hours.denominator, 4)),
            "month_days": t.month_days,
            "days_beyond": max(t.per_day_days, default=0),
        }
        for t in terms
    }


def run_windows(windows: Sequence[Any], policy: Policy) -> dict[str, dict[str, Any]]:
    """`window_facts` of impact Windows (or WindowSpans) under a policy."""
    return window_facts([window_terms(policy, s) for s in spans(list(windows))])


def _window_table(policy: Policy, terms: list[WindowTerms]) -> pa.Table:
    """One row per window: denominators, constant numerators and its reason prefix."""
    cols: dict[str, list[Any]] = {
        "w_id": [],
        "den": [],
        "den_k": [],
        "mult_exact": [],
        "mult_whole": [],
        "w_reason": [],
    }
    regions: list[list[str]] = []
    ncash = len(policy.cash)
    for i in range(ncash):
        cols[f"c{i}"] = []
    for u, (_unit, items) in enumerate(policy.allowances().items()):
        for j in range(len(items)):
            cols[f"a{u}_{j}"] = []
    for t in terms:
        k = t.den // 10**6
        cols["w_id"].append(t.span.id)
        cols["den"].append(Decimal(t.den))
        cols["den_k"].append(Decimal(k))
        for whole, name in ((False, "mult_exact"), (True, "mult_whole")):
            share = t.shares.get(whole)
            cols[name].append(None if share is None else Decimal(int(share * k)))
        cols["w_reason"].append(f"window {t.span.id}: ")
        for i, value in enumerate(t.cash):
            cols[f"c{i}"].append(Decimal(value) if isinstance(value, int) else None)
        for u, (_unit, values) in enumerate(t.allowance.items()):
            for j, value in enumerate(values):
                cols[f"a{u}_{j}"].append(Decimal(value))
        regions.append(list(t.span.regions))
    types = {"w_id": pa.string(), "w_reason": pa.string()}
    arrays = {name: pa.array(values, type=types.get(name, _BIG)) for name, values in cols.items()}
    arrays["w_regions"] = pa.array(regions, type=pa.list_(pa.string()))
    return pa.table(arrays)


#: JSON's short escapes of control characters; the others are written \u00XX (as DuckDB does).
_SHORT_ESCAPES = {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}


def _json_escape(code: int) -> str:
    return _SHORT_ESCAPES.get(code) or "\\u" + format(code, "04X")


def json_text(column: str, engine: Engine = Engine.SPARK) -> str:
    """SQL quoting a text column as a JSON string exactly as DuckDB's to_json does (NULL stays
    NULL): DuckDB's own function on DuckDB, plain SQL that Spark runs too on Spark (seven times
    slower on DuckDB: 35 s of a 10M-row run)."""
    if engine is Engine.DUCKDB:
        return f"CAST(to_json({column}) AS VARCHAR)"
    slash, quote = chr(92), chr(34)
    escaped = f"replace(replace({column}, chr(92), {_q(slash * 2)}), chr(34), {_q(slash + quote)})"
    for code in range(32):
        escaped = f"replace({escaped}, chr({code}), {_q(_json_escape(code))})"
    special = "concat(" + ", ".join(f"chr({code})" for code in (34, 92, *range(32))) + ")"
    return (
        f"('\"' || CASE WHEN translate({column}, {special}, '') = {column} THEN {column} "
        f"ELSE {escaped} END || '\"')"
    )


def _round_sql(num: str, den: str, digits: int, mode: str) -> str:
    """SQL for round(num / den) to `digits` places, in minor units (num, den >= 0, integers)."""
    scale = 10**digits
    t = f"(({num}) * {scale})"
    if mode == "half_up":
        return f"((2 * {t} + {den}) // (2 * {den}))"
    q = f"({t} // {den})"
    r = f"({t} - {q} * {den})"
    return f"({q} + CASE WHEN 2 * {r} > {den} THEN 1 WHEN 2 * {r} = {den} THEN {q} % 2 ELSE 0 END)"


def _minor_to_amount(minor: str, digits: int) -> str:
    """SQL turning minor units (an integer) into the exact DECIMAL(20, 6) amount."""
    factor = "1" if digits == 0 else "0." + "0" * (digits - 1) + "1"
    return f"CAST(CAST({minor} AS DECIMAL(38, 0)) * {factor} AS DECIMAL(20, 6))"


def _tier_sql(tiered: Tiered, int_type: str) -> str:
    """SQL for a failed-attempts tier amount, scaled by 10^6 (an integer)."""
    cases = " ".join(
        f"WHEN fa >= {t.from_} THEN {int(t.amount * 10**6)}" for t in reversed(tiered.tiers)
    )
    return f"CAST(CASE {cases} ELSE 0 END AS {int_type})"


def _combine(policy: Policy, nums: list[str]) -> str:
    if len(nums) == 1:
        return nums[0]
    if policy.combine == "max":
        return "greatest(" + ", ".join(nums) + ")"
    return "(" + " + ".join(nums) + ")"


def _reason_sql(policy: Policy, nums: list[str], labels: list[str], total: str) -> str:
    """SQL naming what produced the amount: the winning component (max) or all paid ones (sum)."""
    if policy.combine == "max" or len(nums) == 1:
        cases = " ".join(
            f"WHEN {n} = {total} THEN {_q(lab)}" for n, lab in zip(nums, labels, strict=True)
        )
        return f"CASE {cases} END"
    parts = ", ".join(
        f"CASE WHEN {n} > 0 THEN {_q(lab)} END" for n, lab in zip(nums, labels, strict=True)
    )
    return f"coalesce(nullif(concat_ws(' + ', {parts}), ''), {_q(labels[0])})"


def check_inputs(affected: pa.Schema, plans: pa.Schema | None, policy: Policy) -> None:
    """Refuse an impact table or plans file (by their schemas) lacking what the policy needs."""
    missing = [c for c in _AFFECTED_COLUMNS if c not in affected.names]
    if missing:
        raise InputError(
            f"the impact's subscriber table lacks column(s) {', '.join(missing)}; "
            "re-run `amends impact` to write subscribers.parquet"
        )
    if plans is None:
        if policy.needs_plans:
            raise InputError(
                f"policy {policy.id} needs the subscriber plans file (prorata, in_area or "
                "plan rules); pass --plans FILE"
            )
        return
    need = ["subscriber", "home_region"]
    if any(isinstance(c, Prorata) for c in policy.credit):
        need += ["monthly_fee", "currency"]
    if policy.eligibility.plans or policy.exclude.plans:
        need.append("plan")
    missing = [c for c in need if c not in plans.names]
    if missing:
        raise InputError(
            f"the plans file lacks column(s) {', '.join(missing)}; add them "
            "(subscriber, plan, monthly_fee, currency, home_region, ...)"
        )
    if "monthly_fee" in plans.names and pa.types.is_floating(plans.field("monthly_fee").type):
        raise InputError(
            "the plans file's monthly_fee is a floating-point column; money must be exact: "
            "write it as decimal or text"
        )


def _plans_view(plans: pa.Schema | None) -> str:
    """SQL selecting the plans columns the query uses (absent ones as NULL); fee as text."""
    if plans is None:
        return (
            "SELECT NULL::VARCHAR AS subscriber, NULL::VARCHAR AS plan, "
            "NULL::VARCHAR AS monthly_fee, NULL::VARCHAR AS currency, "
            "NULL::VARCHAR AS home_region, NULL::DECIMAL(38, 6) AS fee WHERE false"
        )
    cols = []
    for c in _PLAN_COLUMNS:
        cols.append(
            f'CAST("{c}" AS VARCHAR) AS {c}' if c in plans.names else f"NULL::VARCHAR AS {c}"
        )
    if "monthly_fee" in plans.names:
        cols.append("TRY_CAST(monthly_fee AS DECIMAL(38, 6)) AS fee")
    else:
        cols.append("NULL::DECIMAL(38, 6) AS fee")
    return "SELECT " + ", ".join(cols) + " FROM plans_in"


def affected_view(affected: pa.Schema, source: str) -> str:
    """SQL over `source` (an impact subscriber table) with the columns the query reads."""
    region = ', "region"' if "region" in affected.names else ""
    return f'SELECT "window" AS win, subscriber, failed_attempts{region} FROM {source}'


def exclusions_table(con: Any) -> None:
    """Create the empty exclusions table `excl_in` (subscriber; win, null: every window)."""
    con.execute("CREATE OR REPLACE TABLE excl_in (subscriber VARCHAR, win VARCHAR)")


def add_exclusions(con: Any, excluded: pa.Table) -> None:
    """Add a table of subscribers (and optionally their `window`) to `excl_in`."""
    if excluded.num_rows == 0:
        return
    if "window" not in excluded.column_names:
        excluded = excluded.select(["subscriber"]).append_column(
            "window", pa.nulls(excluded.num_rows, pa.string())
        )
    part = (
        excluded.select(["subscriber", "window"])
        .rename_columns(["subscriber", "win"])
        .cast(pa.schema([("subscriber", pa.string()), ("win", pa.string())]))
    )
    con.register("excl_part", part)
    con.execute("INSERT INTO excl_in SELECT subscriber, win FROM excl_part")
    con.unregister("excl_part")


def credits_sql(
    con: Any,
    windows: Sequence[Any],
    policy: Policy,
    *,
    affected: pa.Schema,
    plans: pa.Schema | None,
    engine: Engine = Engine.DUCKDB,
) -> str | None:
    """Validate the inputs and give the SQL of the credits (CREDITS_SCHEMA's columns); None
    when no window is left.

    `con` (DuckDB, or `amends.credits.spark.SparkSQL` for `engine` spark) holds `affected_in`
    (`affected_view`), `plans_in` (when `plans` is given) and `excl_in` (`exclusions_table`);
    the window table `wins` is added here. The SQL is DuckDB's; Spark runs it transpiled."""
    check_inputs(affected, plans, policy)
    terms = [window_terms(policy, s) for s in spans(list(windows))]
    if not terms:
        return None
    con.register("wins", _window_table(policy, terms))
    con.execute(f"CREATE OR REPLACE TEMP VIEW plans AS {_plans_view(plans)}")
    _validate_plans(con, plans, policy)
    region = "min(region)" if "region" in affected.names else "NULL::VARCHAR"
    _check_coverage(con, plans, policy)
    max_fee = None
    if any(isinstance(c, Prorata) for c in policy.credit):
        max_fee = _first(con, "SELECT max(fee) FROM plans")[0]
    has_exclusions = _first(con, "SELECT count(*) FROM excl_in")[0] > 0
    int_type = _int_type(policy, terms, max_fee)
    if int_type == "HUGEINT" and engine is Engine.SPARK:
        raise InputError(
            f"policy {policy.id}'s sums here need integers beyond 64 bits (very large fees or "
            "amounts), which Spark SQL lacks; run these credits with --engine duckdb"
        )
    # DuckDB stores each (window, subscriber)'s sum before the join instead of streaming it in:
    # an aggregate feeding a join that spills needs both in memory at once (100M customers in
    # 1 GB failed so; each step alone spills and fits)
    kind = "TABLE" if engine is Engine.DUCKDB else "TEMP VIEW"
    con.execute(
        f"CREATE OR REPLACE {kind} hits AS SELECT win, subscriber, sum(failed_attempts) AS fa, "
        f"{region} AS region FROM affected_in WHERE win IN (SELECT w_id FROM wins) "
        "GROUP BY win, subscriber"
    )
    return _query(policy, int_type=int_type, has_exclusions=has_exclusions, engine=engine)


def compute(
    windows: Sequence[Any],
    affected: pa.Table,
    plans: pa.Table | None,
    policy: Policy,
    incident_id: str,
    *,
    excluded: pa.Table | None = None,
) -> pa.Table:
    """Credits for one incident: one row per (subscriber, window, unit) with a positive amount.

    `windows`: impact Windows (or WindowSpans); `affected`: subscribers.parquet (window,
    subscriber, region, failed_attempts); `plans`: the subscriber file (subscriber, plan,
    monthly_fee, currency, home_region, ...); `excluded`: subscriber[, window] never credited.
    In memory: `amends.credits.run` streams the same query over files for any size.
    """
    import duckdb

    con = duckdb.connect()
    try:
        con.register("affected_src", affected)
        con.execute(
            f"CREATE TEMP VIEW affected_in AS {affected_view(affected.schema, 'affected_src')}"
        )
        if plans is not None:
            con.register("plans_in", plans)
        exclusions_table(con)
        if excluded is not None:
            add_exclusions(con, excluded)
        sql = credits_sql(
            con,
            windows,
            policy,
            affected=affected.schema,
            plans=None if plans is None else plans.schema,
        )
        if sql is None:
            return with_policy(CREDITS_SCHEMA.empty_table(), policy, incident_id, {})
        result = con.sql(sql).to_arrow_table()
    finally:
        con.close()
    table = result.select(CREDITS_SCHEMA.names).cast(CREDITS_SCHEMA)
    return with_policy(table, policy, incident_id, run_windows(windows, policy))


def with_policy(
    table: pa.Table, policy: Policy, incident_id: str, windows: dict[str, dict[str, Any]]
) -> pa.Table:
    """The table with what the ledger records once per run in its schema metadata: the policy
    id and version (kept when it is empty, so recording an empty result still reverses what an
    earlier version paid), the incident it was computed for and `window_facts`."""
    return table.replace_schema_metadata(
        {
            b"amends.policy": policy.id.encode(),
            b"amends.policy_version": policy.version.encode(),
            b"amends.incident": incident_id.encode(),
            b"amends.windows": json.dumps(windows, separators=(",", ":")).encode(),
        }
    )


def _first(con: Any, sql: str) -> tuple[Any, ...]:
    """The first row of a query (all rows fetched, so the connection is free again)."""
    rows = con.execute(sql).fetchall()
    return rows[0] if rows else ()


def _fee_may_have_more_places(plans: pa.Schema) -> bool:
    """True unless the fee column is a decimal with at most 6 places (then no check is needed)."""
    kind = plans.field("monthly_fee").type
    return not (pa.types.is_decimal(kind) and kind.scale <= 6)


def _validate_plans(con: Any, plans: pa.Schema | None, policy: Policy) -> None:
    """Refuse duplicate subscribers, unreadable fees and foreign currencies (prorata)."""
    if plans is None:
        return
    dup = _first(
        con,
        "SELECT subscriber, count(*) FROM plans GROUP BY subscriber HAVING count(*) > 1 LIMIT 1",
    )
    if dup:
        raise InputError(
            f"the plans file lists subscriber {dup[0]} {dup[1]} times; keep one row per subscriber"
        )
    if any(isinstance(c, Prorata) for c in policy.credit):
        bad = _first(
            con,
            "SELECT subscriber, monthly_fee FROM plans WHERE fee IS NULL OR fee < 0 "
            + (
                "OR TRY_CAST(monthly_fee AS DECIMAL(38, 12)) <> CAST(fee AS DECIMAL(38, 12)) "
                if _fee_may_have_more_places(plans)
                else ""
            )
            + "LIMIT 1",
        )
        if bad:
            raise InputError(
                f"the plans file has monthly_fee {bad[1]!r} for subscriber {bad[0]}; write a "
                "non-negative amount with at most 6 decimal places"
            )
        other = _first(
            con,
            f"SELECT subscriber, currency FROM plans WHERE upper(currency) IS DISTINCT FROM "
            f"{_q(policy.currency)} LIMIT 1",
        )
        if other:
            raise InputError(
                f"subscriber {other[0]} pays in {other[1]!r} but policy {policy.id} is in "
                f"{policy.currency}; split the plans file by currency, one policy per currency"
            )


def _check_coverage(con: Any, plans: pa.Schema | None, policy: Policy) -> None:
    """Refuse a prorata credit for an affected subscriber the plans file does not list."""
    if plans is None or policy.eligibility.basis != "failed_call":
        return
    if not any(isinstance(c, Prorata) for c in policy.credit):
        return
    row = _first(
        con,
        "SELECT a.subscriber FROM affected_in a WHERE a.win IN (SELECT w_id FROM wins) "
        "AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.subscriber = a.subscriber) LIMIT 1",
    )
    if row:
        raise InputError(
            f"affected subscriber {row[0]} is not in the plans file, so its monthly fee is "
            "unknown; add it to the plans file"
        )


def _exclusion_sql(has_exclusions: bool) -> str:
    """Anti-joins dropping excluded subscribers (for one window, or for all when window is null)."""
    if not has_exclusions:
        return ""
    return """
            ANTI JOIN (SELECT subscriber FROM excl_in WHERE win IS NULL) x_all
              ON x_all.subscriber = b.subscriber
            ANTI JOIN (SELECT subscriber, win FROM excl_in WHERE win IS NOT NULL) x_win
              ON x_win.subscriber = b.subscriber AND x_win.win = b.win"""


def _query(
    policy: Policy,
    *,
    int_type: str,
    has_exclusions: bool,
    engine: Engine = Engine.DUCKDB,
) -> str:
    """The whole computation as one SQL statement over hits, plans, wins and excl_in.

    `int_type` is BIGINT when every numerator provably fits in 63 bits, else HUGEINT.
    """
    elig = policy.eligibility
    T = int_type
    if elig.basis == "failed_call":
        base = f"""
            SELECT h.win AS win, h.subscriber AS subscriber, h.fa AS fa,
                   coalesce(p.home_region, h.region) AS region, p.plan AS plan,
                   p.monthly_fee AS monthly_fee, p.fee AS fee
            FROM hits h LEFT JOIN plans p ON p.subscriber = h.subscriber
            WHERE h.fa >= {elig.min_failed_attempts}"""
    else:
        base = """
            SELECT w.w_id AS win, p.subscriber AS subscriber, coalesce(h.fa, 0) AS fa,
                   p.home_region AS region, p.plan AS plan, p.monthly_fee AS monthly_fee,
                   p.fee AS fee
            FROM plans p
            JOIN (SELECT w_id, unnest(w_regions) AS region FROM wins) w
              ON p.home_region = w.region
            LEFT JOIN hits h ON h.subscriber = p.subscriber AND h.win = w.w_id"""
    filters = []
    if elig.regions:
        filters.append(f"region IN ({', '.join(_q(r) for r in elig.regions)})")
    if elig.plans:
        filters.append(f"plan IN ({', '.join(_q(p) for p in elig.plans)})")
    if policy.exclude.plans:
        filters.append(
            f"plan IS NULL OR plan NOT IN ({', '.join(_q(p) for p in policy.exclude.plans)})"
        )
    if policy.exclude.subscribers:
        filters.append(
            f"subscriber NOT IN ({', '.join(_q(s) for s in policy.exclude.subscribers)})"
        )
    where = " AND ".join(f"({f})" for f in filters) or "true"

    cash_nums: list[str] = []
    cash_labels: list[str] = []
    for i, c in enumerate(policy.cash):
        if isinstance(c, Prorata):
            mult = "mult_whole" if c.whole_days else "mult_exact"
            cash_nums.append(f"(fee_k * CAST({mult} AS {T}))")
        elif isinstance(c, Tiered) and c.by == "failed_attempts":
            cash_nums.append(f"({_tier_sql(c, T)} * CAST(den_k AS {T}))")
        else:
            cash_nums.append(f"CAST(c{i} AS {T})")
        cash_labels.append(_label(c))
    selects: list[str] = []
    digits = policy.digits
    inputs = (
        "concat('{\"failed_attempts\":', CAST(fa AS VARCHAR),"
        f" ',\"plan\":', coalesce({json_text('plan', engine)}, 'null'),"
        f" ',\"monthly_fee\":', coalesce({json_text('monthly_fee', engine)}, 'null'),"
        f" ',\"region\":', coalesce({json_text('region', engine)}, 'null'), '}}')"
    )
    common = (
        f'subscriber, win AS "window", {_q(policy.id)} AS policy, '
        f"{_q(policy.version)} AS policy_version, {inputs} AS inputs, region"
    )
    if cash_nums:
        names = [f"n{i}" for i in range(len(cash_nums))]
        numbered = ", ".join(f"{n} AS {name}" for n, name in zip(cash_nums, names, strict=True))
        selects.append(
            f"""SELECT {common}, {_q(policy.currency)} AS currency, {_q(CASH)} AS unit,
                    {_minor_to_amount("cash_minor", digits)} AS amount,
                    w_reason || cash_reason AS reason
                FROM (SELECT *, {_round_sql("cash_capped", "den_h", digits, policy.rounding)}
                             AS cash_minor
                      FROM (SELECT *, {_caps_sql(policy, "cash_total", "den_kt")} AS cash_capped,
                                   {_reason_sql(policy, names, cash_labels, "cash_total")}
                                   || {_cap_note_sql(policy, "cash_total", "den_kt")} AS cash_reason
                            FROM (SELECT *, {_combine(policy, names)} AS cash_total
                                  FROM (SELECT *, {numbered} FROM rows))))
                WHERE cash_minor > 0"""
        )
    for u, (unit, items) in enumerate(policy.allowances().items()):
        nums = [f"CAST(a{u}_{j} AS {T})" for j in range(len(items))]
        labels = [_label(a) for a in items]
        udigits = policy.unit_digits(unit)
        total = _combine(policy, nums)
        minor = _round_sql(total, "den_h", udigits, policy.rounding)
        selects.append(
            f"""SELECT {common}, {_q(policy.currency)} AS currency, {_q(unit)} AS unit,
                    {_minor_to_amount(minor, udigits)} AS amount,
                    w_reason || {_reason_sql(policy, nums, labels, total)} AS reason
                FROM rows WHERE {minor} > 0"""
        )
    return f"""
        WITH base AS ({base}),
        eligible AS (
            SELECT b.* FROM base b {_exclusion_sql(has_exclusions)}
            WHERE {where}
        ),
        rows AS (
            SELECT e.*, w.*, CAST(w.den AS {T}) AS den_h, CAST(w.den_k AS {T}) AS den_kt,
                   CAST(e.fee * 1000000 AS {T}) AS fee_k
            FROM eligible e JOIN wins w ON w.w_id = e.win
        )
        {" UNION ALL ".join(selects)}
    """


def _int_type(policy: Policy, terms: list[WindowTerms], max_fee: Decimal | None) -> str:
    """BIGINT when the largest numerator of any window, rounded, fits in 63 bits; else HUGEINT."""
    fee_k = int((max_fee or Decimal(0)) * 10**6)
    limit = 2**62
    for t in terms:
        k = t.den // 10**6
        cash = 0
        for c, value in zip(policy.cash, t.cash, strict=True):
            if isinstance(c, Prorata):
                cash += fee_k * int(t.shares[c.whole_days] * k)
            elif isinstance(c, Tiered) and c.by == "failed_attempts":
                cash += int(max(x.amount for x in c.tiers) * 10**6) * k
            else:
                cash += int(value)
        for cap in (policy.minimum, policy.maximum):
            cash += int((cap or 0) * 10**6) * k
        if 2 * (cash + t.den) * 10**policy.digits >= limit:
            return "HUGEINT"
        for unit, values in t.allowance.items():
            if 2 * (sum(values) + t.den) * 10 ** policy.unit_digits(unit) >= limit:
                return "HUGEINT"
    return "BIGINT"


def _caps_sql(policy: Policy, total: str, den: str) -> str:
    expr = total
    if policy.minimum is not None:
        expr = f"greatest({expr}, {int(policy.minimum * 10**6)} * {den})"
    if policy.maximum is not None:
        expr = f"least({expr}, {int(policy.maximum * 10**6)} * {den})"
    return expr


def _cap_note_sql(policy: Policy, total: str, den: str) -> str:
    parts = []
    if policy.minimum is not None:
        parts.append(
            f"WHEN {total} < {int(policy.minimum * 10**6)} * {den} THEN ', raised to the minimum'"
        )
    if policy.maximum is not None:
        parts.append(
            f"WHEN {total} > {int(policy.maximum * 10**6)} * {den} THEN ', capped at the maximum'"
        )
    if not parts:
        return "''"
    return "CASE " + " ".join(parts) + " ELSE '' END"
