"""The two ways credits quote text into a row's `inputs` JSON agree: DuckDB's `to_json` (what
DuckDB runs) and the plain-SQL form Spark runs, tried here on DuckDB over every ASCII character
and some that are not."""

from __future__ import annotations

import duckdb

from amends.credits.compute import json_text
from amends.impact.engines import Engine


def test_the_spark_form_quotes_exactly_as_duckdb_does() -> None:
    texts = [chr(c) for c in range(128)] + [
        "",
        'Family "Plus" \\ é',
        "Tab\there\nand a new line",
        "Bell\x07 and \x1f",
        "ünïcode ✓ 𝄞",
        None,
    ]
    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, s VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(texts)))
    rows = con.execute(
        f"SELECT i, {json_text('s', Engine.SPARK)}, {json_text('s', Engine.DUCKDB)} FROM t "
        "ORDER BY i"
    ).fetchall()
    assert len(rows) == len(texts)
    for i, spark, duck in rows:
        assert spark == duck, (texts[i], spark, duck)
    assert rows[-1][1:] == (None, None)
    assert rows[34][2] == '"\\""' and rows[10][2] == '"\\n"'
