"""Opening the store: migrated schema, transactions, SQLite settings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, inspect, select

from amends.store import Store, open_store
from amends.store import schema as s
from amends.store.migrate import head


def test_open_migrates_every_table(store: Store) -> None:
    names = set(inspect(store.engine).get_table_names())
    assert {t.name for t in s.metadata.sorted_tables} <= names
    assert "alembic_version" in names
    assert store.current() == head()


def test_begin_commits_and_rolls_back(store: Store) -> None:
    now = datetime(2026, 3, 10, 21, 0, tzinfo=UTC)
    row = dict(id="voice:ca", name="Voice — California", service="voice", region="ca")
    with store.begin() as conn:
        conn.execute(insert(s.components).values(**row, updated_at=now))
    with pytest.raises(RuntimeError), store.begin() as conn:
        conn.execute(insert(s.components).values(**{**row, "id": "sms:ca"}, updated_at=now))
        raise RuntimeError("boom")
    with store.connect() as conn:
        ids = conn.execute(select(s.components.c.id)).scalars().all()
        got = conn.execute(select(s.components.c.updated_at)).scalar_one()
    assert ids == ["voice:ca"]
    assert got == now and got.tzinfo is not None


def test_reopen_is_idempotent(store_url: str) -> None:
    first = open_store(store_url, create=True)
    first.close()
    with open_store(store_url) as again:
        assert again.current() == head()


def test_sqlite_pragmas(tmp_path) -> None:
    with (
        open_store(f"sqlite:///{tmp_path / 'x.db'}", create=True) as store,
        store.connect() as conn,
    ):
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_postgres_schema_is_dropped_even_with_open_connections() -> None:
    import os

    from sqlalchemy import create_engine, text

    from amends.store.engine import resolve_url
    from amends.store.testing import POSTGRES_ENV, postgres_schema_url

    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL to run this test against")
    with postgres_schema_url(base) as url:
        leaked = open_store(url, create=True)
        conn = leaked.connect()
        conn.execute(select(s.components.c.id)).all()  # holds a lock on the table, idle in txn
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    check = create_engine(resolve_url(base))
    with check.connect() as c:
        left = c.execute(
            text("SELECT count(*) FROM pg_namespace WHERE nspname = :n"), {"n": schema}
        ).scalar_one()
    check.dispose()
    leaked.engine.pool.dispose()
    assert left == 0


def test_in_memory_sqlite_keeps_its_tables() -> None:
    with open_store("sqlite://", create=True) as store:
        with store.begin() as conn:
            conn.execute(
                insert(s.components).values(id="a", name="A", service="voice", region="ca")
            )
        with store.connect() as conn:
            assert conn.execute(select(s.components.c.id)).scalars().all() == ["a"]


def test_urls_are_resolved(monkeypatch: pytest.MonkeyPatch) -> None:
    from amends.errors import InputError
    from amends.store.engine import resolve_url

    assert resolve_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert resolve_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    monkeypatch.delenv("AMENDS_DB_URL", raising=False)
    assert str(resolve_url(None)) == "sqlite:///amends.db"
    monkeypatch.setenv("AMENDS_DB_URL", "sqlite:////tmp/x.db")
    assert str(resolve_url(None)) == "sqlite:////tmp/x.db"
    with pytest.raises(InputError, match="unsupported database 'mysql'"):
        resolve_url("mysql://u@h/db")


def test_foreign_keys_are_enforced_and_cascade(store: Store) -> None:
    from sqlalchemy import delete, func
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), store.begin() as conn:
        conn.execute(
            insert(s.statements).values(
                incident_id="missing",
                stage="acknowledge",
                channel="web",
                body_text="x",
                status="investigating",
                published_by="ops",
            )
        )
    with store.begin() as conn:
        conn.execute(
            insert(s.incidents).values(id="inc", title="T", status="investigating", record="{}")
        )
        conn.execute(
            insert(s.statements).values(
                incident_id="inc",
                stage="acknowledge",
                channel="web",
                body_text="x",
                status="investigating",
                published_by="ops",
            )
        )
        conn.execute(delete(s.incidents).where(s.incidents.c.id == "inc"))
    with store.connect() as conn:
        assert conn.execute(select(func.count()).select_from(s.statements)).scalar_one() == 0


def test_raw_sql_times_are_utc_on_postgres(store: Store) -> None:
    from sqlalchemy import text

    if store.dialect != "postgresql":
        pytest.skip("PostgreSQL session setting")
    with store.connect() as conn:
        assert conn.execute(text("SHOW TIME ZONE")).scalar_one() == "UTC"
        now = conn.execute(text("SELECT now()")).scalar_one()
    assert now.utcoffset().total_seconds() == 0
