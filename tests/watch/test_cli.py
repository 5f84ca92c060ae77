"""`amends watch` refuses what it cannot follow: one line, exit 2, nothing read."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.watch.helpers import create_store


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("ftp://example/x", "unknown source"),
        ("nats://127.0.0.1:1/cdr.events", "cannot reach the NATS server"),
        ("nats://127.0.0.1:4222/cdr.*", "not a plain subject"),
        ("dir:{tmp}/missing", "no such folder"),
        ("dir:{tmp}?colour=blue", "unknown option 'colour'"),
        ("postgresql://u@127.0.0.1/test?table=acc", "needs a column mapping"),
    ],
)
def test_watch_refuses_a_source_it_cannot_follow(cli, tmp_path: Path, source: str, said: str):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    create_store(url)
    result = cli("watch", source.format(tmp=tmp_path), "--db", url, "--exit-when-idle", "1")
    assert result.code == 2, result.err
    assert said in " ".join(result.err.split())
    assert "Traceback" not in result.err


def test_watch_needs_an_existing_store(cli, tmp_path: Path) -> None:
    result = cli("watch", f"dir:{tmp_path}", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert result.code == 2
    assert "amends db upgrade" in " ".join(result.err.split())
    assert not (tmp_path / "none.db").exists()
