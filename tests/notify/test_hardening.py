"""Hostile input to `amends notify import` and `notify audience`: non-UTF-8 files and outputs
that cannot be written are one line and exit 2, and nothing is stored or written."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
from tests.hostile.helpers import assert_rejected, rows

from amends.store.testing import create_store


def _db(tmp_path) -> str:
    return create_store(f"sqlite:///{tmp_path / 'n.db'}")


def test_import_latin1_csv_names_the_line(cli, tmp_path):
    path = tmp_path / "subs.csv"
    path.write_bytes(b"kind,address\nemail,a@example.com\nemail,caf\xe9@example.com\n")
    line = assert_rejected(cli("notify", "import", path, "--db", _db(tmp_path)), "subs.csv:3")
    assert "UTF-8" in line
    assert rows(tmp_path / "n.db", "notify_subscriptions") == 0


def test_import_binary_file_is_one_line(cli, tmp_path):
    path = tmp_path / "bin.csv"
    path.write_bytes(bytes(range(128, 256)) * 8)
    line = assert_rejected(cli("notify", "import", path, "--db", _db(tmp_path)), "bin.csv")
    assert "UTF-8" in line
    assert rows(tmp_path / "n.db", "notify_subscriptions") == 0


def test_import_utf8_with_bom_and_crlf_still_works(cli, tmp_path):
    path = tmp_path / "subs.csv"
    path.write_bytes("\ufeffkind,address\r\nemail,zoë@example.com\r\n".encode())
    res = cli("notify", "import", path, "--confirmed", "--db", _db(tmp_path))
    assert res.code == 0, res.err
    assert rows(tmp_path / "n.db", "notify_subscriptions") == 1


def _affected(tmp_path):
    path = tmp_path / "subscribers.parquet"
    pq.write_table(pa.table({"window": ["w1"], "subscriber": ["S1"], "failed_attempts": [3]}), path)
    return path


def test_audience_output_under_a_file_or_a_folder_is_refused(cli, tmp_path):
    affected = _affected(tmp_path)
    existing = tmp_path / "existing_file"
    existing.write_text("precious")
    db = f"sqlite:///{tmp_path / 'n.db'}"
    line = assert_rejected(
        cli("notify", "audience", affected, "-o", existing / "a.parquet", "--db", db),
        "existing_file",
    )
    assert "is a file" in line
    folder = tmp_path / "out"
    folder.mkdir()
    line = assert_rejected(cli("notify", "audience", affected, "-o", folder, "--db", db), "out")
    assert "is a folder" in line
    assert existing.read_text() == "precious" and list(folder.iterdir()) == []
    assert not (tmp_path / "n.db").exists()  # refused before the store was opened
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing_file", "out", affected.name]


def test_audience_refuses_a_plans_file(cli, tmp_path):
    plans = tmp_path / "plans.parquet"
    table = pa.table({"subscriber": ["S1"], "plan": ["Basic"], "monthly_fee": ["30"]})
    pq.write_table(table, plans)
    line = assert_rejected(
        cli("notify", "audience", plans, "-o", tmp_path / "a.parquet", "--db", _db(tmp_path)),
        "plans.parquet",
    )
    assert "amends impact" in line
    assert not (tmp_path / "a.parquet").exists()


def test_audience_writes_atomically(cli, tmp_path):
    affected = _affected(tmp_path)
    out = tmp_path / "deep" / "a.parquet"
    res = cli("notify", "audience", affected, "-o", out, "--db", _db(tmp_path))
    assert res.code == 0, res.err
    assert pq.read_table(out).column("subscriber").to_pylist() == ["S1"]
    assert [p.name for p in out.parent.iterdir()] == ["a.parquet"]  # no temp file left
