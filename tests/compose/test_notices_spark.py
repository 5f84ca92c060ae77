"""Personal notices with `--engine spark` equal DuckDB's, character for character: the same join
and aggregate (DuckDB SQL transpiled to Spark SQL), the same text built from its batches."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest
from tests.compose.records import record_for
from tests.impact.conftest import spark  # noqa: F401

from amends.cli.demo_compose import demo_facts
from amends.compose.notices import write_notices
from amends.impact.engines import Engine
from amends.incident import dump_incident, load_incident

pytestmark = [pytest.mark.spark, pytest.mark.slow, pytest.mark.xdist_group("spark")]

KEY = [("subscriber", "ascending")]


def side_inputs(impact: Path, folder: Path) -> dict[str, Path]:
    """Plans as Parquet and CSV, and credits with two rows per subscriber in places, an allowance
    and another window's cash (both left out of the notice's amount)."""
    plans = pq.read_table(next(impact.parent.glob("*.subscribers.parquet")))
    subs = pc.unique(pq.read_table(impact / "subscribers.parquet").column("subscriber"))
    rows: dict[str, list[object]] = {"subscriber": [], "window": [], "unit": [], "amount": []}
    for i, sub in enumerate(subs.to_pylist()):
        for window, unit, amount in (
            ("w2", "cash", Decimal(i % 97) + Decimal("0.125")),
            ("w2", "cash", Decimal("1.5") if i % 3 == 0 else None),
            ("w2", "GB", Decimal("1")),
            ("elsewhere", "cash", Decimal("1000")),
        ):
            if amount is not None:
                rows["subscriber"].append(sub)
                rows["window"].append(window)
                rows["unit"].append(unit)
                rows["amount"].append(amount)
    credits = pa.table(
        {
            **{k: pa.array(v, pa.string()) for k, v in rows.items() if k != "amount"},
            "amount": pa.array(rows["amount"], pa.decimal128(20, 6)),
            "currency": pa.array(["USD"] * len(rows["amount"]), pa.string()),
        }
    )
    paths = {
        "plans.parquet": folder / "plans.parquet",
        "plans.csv": folder / "plans.csv",
        "credits": folder / "credits.parquet",
    }
    pq.write_table(plans, paths["plans.parquet"])
    pcsv.write_csv(
        plans.cast(pa.schema([(n, pa.string()) for n in plans.column_names])), paths["plans.csv"]
    )
    pq.write_table(credits, paths["credits"])
    return paths


def test_notices_on_spark_equal_duckdb(
    spark,  # noqa: F811
    impact_dir: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    from amends.compose.notices import read_side_input

    impact = impact_dir("demo")
    record, now = record_for(impact, "resolve")
    files = side_inputs(impact, tmp_path)
    credits = read_side_input(files["credits"], "credits")
    for plans_name in ("plans.parquet", "plans.csv"):  # a CSV is an Arrow table, shipped
        plans = read_side_input(files[plans_name], "plans")
        tables = {}
        for engine in Engine:
            out = tmp_path / f"{engine.value}-{plans_name}.parquet"
            rows = write_notices(
                record,
                impact / "subscribers.parquet",
                out,
                plans=plans,
                credits=credits,
                now=now,
                engine=engine,
                batch_size=97,
            )
            tables[engine] = pq.read_table(out).sort_by(KEY)
            assert rows == tables[engine].num_rows
        duck, ours = tables[Engine.DUCKDB], tables[Engine.SPARK]
        assert duck.num_rows > 300 and ours.equals(duck), plans_name
        assert set(duck.column("locale").to_pylist()) == {"en", "es"}
        assert duck.column("credit").null_count == 0
        assert "$1,000" not in " ".join(duck.column("text").to_pylist()[:50])


def test_notices_command_on_spark(
    spark,  # noqa: F811
    cli: Callable[..., object],
    impact_dir: Callable[[str], Path],
    tmp_path: Path,
) -> None:
    impact = impact_dir("demo")
    incident = tmp_path / "incident.yaml"
    assert (
        cli("incident", "init", "--impact", impact, "-o", incident, "--locale", "en,es").code == 0
    )  # type: ignore[attr-defined]
    dump_incident(demo_facts(load_incident(incident), stage="resolve"), incident)
    files = side_inputs(impact, tmp_path)
    args = ["notices", incident, "--impact", impact, "--credits", files["credits"]]
    outs = {}
    for engine in ("duckdb", "spark"):
        outs[engine] = tmp_path / f"{engine}.parquet"
        r = cli(*args, "-o", outs[engine], "--engine", engine)
        assert r.code == 0, r.err  # type: ignore[attr-defined]
    duck = pq.read_table(outs["duckdb"]).sort_by(KEY)
    assert duck.num_rows > 300 and pq.read_table(outs["spark"]).sort_by(KEY).equals(duck)
    r = cli(*args, "-o", tmp_path / "x.parquet", "--spark-master", "local[2]")
    assert r.code == 2 and "add --engine spark" in r.err  # type: ignore[attr-defined]
    r = cli(*args, "-o", tmp_path / "x.parquet", "--engine", "spark", "--spark-master", "h:1")
    assert r.code == 2 and "give local[*], spark://HOST:PORT" in r.err  # type: ignore[attr-defined]
    assert not (tmp_path / "x.parquet").exists()
