"""Fixtures for database-table sources: a fresh PostgreSQL schema, or a fresh MariaDB/MySQL
database, holding a Kamailio `acc` table (the columns of Kamailio's acc-create.sql plus the
db_extra columns a carrier adds). Every test taking `acc_table` runs on both servers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest

#: acc as Kamailio's acc-create.sql shapes it, with db_extra src_user, dst_user, src_ip.
ACC_DDL = {
    "postgresql": """
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
""",
    # the MySQL flavour of the same file: an unsigned AUTO_INCREMENT id and DATETIME
    "mysql": """
CREATE TABLE {schema}.acc (
    id INT(10) UNSIGNED AUTO_INCREMENT PRIMARY KEY NOT NULL,
    method VARCHAR(16) DEFAULT '' NOT NULL,
    from_tag VARCHAR(128) DEFAULT '' NOT NULL,
    to_tag VARCHAR(128) DEFAULT '' NOT NULL,
    callid VARCHAR(255) DEFAULT '' NOT NULL,
    sip_code VARCHAR(3) DEFAULT '' NOT NULL,
    sip_reason VARCHAR(128) DEFAULT '' NOT NULL,
    time DATETIME NOT NULL,
    src_user VARCHAR(64) DEFAULT '' NOT NULL,
    dst_user VARCHAR(64) DEFAULT '' NOT NULL,
    src_ip VARCHAR(64) DEFAULT '' NOT NULL
) ENGINE=InnoDB
""",
}

#: A random call id in each server's SQL.
RANDOM_CALLID = {"postgresql": "md5(random()::text)", "mysql": "md5(rand())"}


@dataclass
class AccTable:
    """An `acc` table of its own; `url` is the amends table URL, `insert` adds rows."""

    scheme: str  # postgresql or mysql
    schema: str
    url: str
    connect: Callable[[], Any]

    def insert(self, rows: list[tuple[str, str, datetime, str, str, str]]) -> None:
        """Rows of (method, sip_code, time (naive UTC), src_user, dst_user, src_ip)."""
        self._run(
            f"INSERT INTO {self.schema}.acc (method, callid, sip_code, time, src_user, "
            f"dst_user, src_ip) VALUES (%s, {RANDOM_CALLID[self.scheme]}, %s, %s, %s, %s, %s)",
            rows,
        )

    def execute(self, sql: str) -> None:
        """Run one statement ({schema} is replaced by the schema's or database's name)."""
        self._run(sql.replace("{schema}", self.schema))

    def _run(self, sql: str, rows: list[tuple[Any, ...]] | None = None) -> None:
        conn = self.connect()
        try:
            cur = conn.cursor()
            if rows is None:
                cur.execute(sql)
            else:
                cur.executemany(sql, rows)
            conn.commit()
        finally:
            conn.close()


def mysql_url() -> str:
    """The MariaDB/MySQL of this machine, from AMENDS_TEST_MYSQL_URL (set by .ci/run), with
    its driver; skips naming what is missing."""
    url = os.environ.get("AMENDS_TEST_MYSQL_URL")
    if not url:
        pytest.skip("AMENDS_TEST_MYSQL_URL is not set: no MariaDB/MySQL to test against")
    try:
        import MySQLdb  # noqa: F401
    except ImportError:
        pytest.skip("the MySQL driver is not installed: `make .venv/.mysql` (needs libmariadb-dev)")
    return url


@pytest.fixture(params=["postgresql", "mysql"])
def acc_table(request: pytest.FixtureRequest) -> Iterator[AccTable]:
    """An empty `acc` table, in a PostgreSQL schema or a MariaDB database of its own, dropped
    afterwards."""
    name = f"amends_acc_{uuid.uuid4().hex[:12]}"
    if request.param == "postgresql":
        import psycopg

        base = request.getfixturevalue("postgres_url")
        base = base.replace("postgresql+psycopg://", "postgresql://")

        def connect() -> Any:
            return psycopg.connect(base)

        url = f"{base}?table=acc&schema={name}"
        table = AccTable(request.param, name, url, connect)
        table.execute("CREATE SCHEMA {schema}")

        def drop() -> None:
            table.execute("DROP SCHEMA {schema} CASCADE")
    else:
        base = mysql_url()  # skips without a server or the driver

        import MySQLdb

        parts = urlsplit(base)
        server = {"host": parts.hostname or "127.0.0.1", "port": parts.port or 3306}
        server["user"] = parts.username or "root"
        if parts.password:
            server["password"] = parts.password

        def connect() -> Any:
            return MySQLdb.connect(**server, database=name)

        def on_server(sql: str) -> None:
            admin = MySQLdb.connect(**server)
            try:
                admin.cursor().execute(sql)
            finally:
                admin.close()

        url = f"{parts.scheme}://{parts.netloc}/{name}?table=acc"
        table = AccTable(request.param, name, url, connect)
        on_server(f"CREATE DATABASE {name}")

        def drop() -> None:
            on_server(f"DROP DATABASE {name}")

    table.execute(ACC_DDL[request.param])
    try:
        yield table
    finally:
        drop()


@pytest.fixture
def write(tmp_path) -> Callable[[str, str], str]:
    """Write a text file into tmp_path; returns its path."""

    def run(name: str, text: str) -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return run
