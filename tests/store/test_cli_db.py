"""`amends db upgrade` / `amends db current` on both backends, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from amends.store.migrate import head
from amends.store.testing import create_store


def test_upgrade_then_current(cli, store_url: str) -> None:
    before = cli("db", "current", "--db", store_url)
    assert before.code == 0 and "not created yet" in before.out, before
    first = cli("db", "upgrade", "--db", store_url)
    assert first.code == 0 and f"upgraded from empty to {head()}" in first.out, first
    again = cli("db", "upgrade", "--db", store_url)
    assert again.code == 0 and "already at revision" in again.out, again
    now = cli("db", "current", "--db", store_url)
    assert now.code == 0 and f"revision {head()} (newest)" in now.out, now


def test_default_url_from_environment(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMENDS_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert cli("db", "upgrade").code == 0
    assert (tmp_path / "env.db").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/x", "unsupported database 'mysql'"),
        ("::not a url::", "not a database URL"),
        ("postgresql://nobody:secret@127.0.0.1:1/x", "cannot open the database"),
    ],
)
def test_bad_database_is_one_line_exit_2(cli, url: str, message: str) -> None:
    result = cli("db", "current", "--db", url)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert "secret" not in result.err  # passwords never printed


def test_import_plans_csv_and_parquet(cli, store_url: str, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from amends.store import open_store
    from amends.store.plans import load_plans

    csv_file = tmp_path / "plans.csv"
    csv_file.write_text(
        "subscriber,plan,monthly_fee,currency,home_region\n"
        "S1,basic,29.99,USD,california\n"
        "S2,pro,0.10,USD,\n",
        encoding="utf-8",
    )
    result = cli("db", "import-plans", csv_file, "--db", create_store(store_url))
    assert result.code == 0 and "imported 2 customers" in result.out
    parquet_file = tmp_path / "more.parquet"
    pq.write_table(pa.table({"subscriber": ["S3"], "monthly_fee": ["5"]}), parquet_file)
    assert cli("db", "import-plans", parquet_file, "--db", store_url).code == 0
    with open_store(store_url, create=True) as store, store.connect() as conn:
        rows = {r["subscriber"]: r for r in load_plans(conn).to_pylist()}
    assert list(rows) == ["S1", "S2", "S3"]
    assert str(rows["S1"]["monthly_fee"]) == "29.990000" and rows["S2"]["home_region"] is None


def test_import_plans_bad_row_names_the_line(cli, tmp_path: Path) -> None:
    bad = tmp_path / "plans.csv"
    bad.write_text("subscriber,monthly_fee\nS1,29.99\nS2,twenty\n", encoding="utf-8")
    db = create_store(f"sqlite:///{tmp_path / 'x.db'}")
    result = cli("db", "import-plans", bad, "--db", db)
    assert result.code == 2
    assert f"{bad}:3: monthly_fee 'twenty' is not an amount" in result.err
    missing = cli("db", "import-plans", tmp_path / "nope.csv", "--db", db)
    assert missing.code == 2 and "no such plans file" in missing.err


def test_bad_revision_is_one_line(cli, tmp_path: Path) -> None:
    result = cli("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'r.db'}", "--revision", "zzz")
    assert result.code == 2 and "--revision 'zzz'" in result.err


def test_database_path_under_a_file_is_one_line(cli, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = cli("db", "upgrade", "--db", f"sqlite:///{tmp_path / 'afile' / 'x.db'}")
    assert result.code == 2 and "cannot create the folder" in result.err


def test_csv_text_nan_and_bom(cli, tmp_path: Path) -> None:
    db = create_store(f"sqlite:///{tmp_path / 'x.db'}")
    nan = tmp_path / "nan.csv"
    nan.write_text('"subscriber","monthly_fee"\n"S1",NaN\n', encoding="utf-8")
    result = cli("db", "import-plans", nan, "--db", db)
    assert result.code == 2 and f"{nan}:2: monthly_fee 'NaN' is not an amount" in result.err
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbfsubscriber,monthly_fee,plan\nS9,1.50,NA\n")
    assert cli("db", "import-plans", bom, "--db", db).code == 0
