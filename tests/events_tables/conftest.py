"""Fixtures for database-table sources: a fresh PostgreSQL schema holding a Kamailio `acc` table
(the columns of Kamailio's acc-create.sql plus the db_extra columns a carrier adds)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime

import psycopg
import pytest

#: acc as Kamailio's acc-create.sql shapes it, with db_extra src_user, dst_user, src_ip.
ACC_DDL = """
CREATE TABLE {schema}.acc (
    id SERIAL PRIMARY KEY NOT NULL,
    method VARCHAR(16) DEFAULT '' NOT NULL,
    from_tag VARCHAR(128) DEFAULT '' NOT NULL,
    to_tag VARCHAR(128) DEFAULT '' NOT NULL,
    callid VARCHAR(255) DEFAULT '' NOT NULL,
    sip_code VARCHAR(3) DEFAULT '' NOT NULL,
    sip_reason VARCHAR(128) DEFAULT '' NOT NULL,
    time TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    src_user VARCHAR(64) DEFAULT '' NOT NULL,
    dst_user VARCHAR(64) DEFAULT '' NOT NULL,
    src_ip VARCHAR(64) DEFAULT '' NOT NULL
)
"""


@dataclass
class AccTable:
    """A schema with an `acc` table; `url` is the amends table URL, `insert` adds rows."""

    schema: str
    url: str
    conninfo: str

    def insert(self, rows: list[tuple[str, str, datetime, str, str, str]]) -> None:
        """Rows of (method, sip_code, time (naive UTC), src_user, dst_user, src_ip)."""
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.cursor().executemany(
                f"INSERT INTO {self.schema}.acc (method, callid, sip_code, time, src_user, "
                "dst_user, src_ip) VALUES (%s, md5(random()::text), %s, %s, %s, %s, %s)",
                rows,
            )

    def execute(self, sql: str) -> None:
        """Run one statement ({schema} is replaced by the schema's name)."""
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(sql.replace("{schema}", self.schema))


@pytest.fixture
def acc_table(postgres_url: str) -> Iterator[AccTable]:
    """An empty `acc` table in a schema of its own, dropped afterwards."""
    base = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    schema = f"amends_acc_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        conn.execute(ACC_DDL.format(schema=schema))
    try:
        yield AccTable(schema, f"{base}?table=acc&schema={schema}", base)
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def write(tmp_path) -> Callable[[str, str], str]:
    """Write a text file into tmp_path; returns its path."""

    def run(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return run
