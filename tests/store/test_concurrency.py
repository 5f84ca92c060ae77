"""Concurrent use: parallel migrators and parallel writers neither fail nor lose rows."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, insert, select

from amends.store import Store, open_store
from amends.store.migrate import head
from amends.store.schema import outbox


def test_parallel_open_migrates_once(store_url: str) -> None:
    def opened(_: int) -> str | None:
        with open_store(store_url, create=True) as store:
            return store.current()

    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(pool.map(opened, range(3))) == [head()] * 3


def test_parallel_writers_all_commit(store: Store) -> None:
    """Read-then-write transactions from 4 threads: each waits for the lock, none is refused."""

    def write(worker: int) -> None:
        for i in range(10):
            with store.begin() as conn:
                n = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
                conn.execute(
                    insert(outbox).values(
                        idempotency_key=f"{worker}-{i}-{n}",
                        channel="email",
                        recipient=f"w{worker}@example.net",
                    )
                )

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(4)))
    with store.connect() as conn:
        keys = conn.execute(select(outbox.c.idempotency_key)).scalars().all()
    assert len(keys) == 40
    counts_seen = sorted(int(k.rsplit("-", 1)[1]) for k in keys)
    if store.dialect == "sqlite":  # writers are serialised: each saw every earlier commit
        assert counts_seen == list(range(40))
