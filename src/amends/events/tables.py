"""Database tables as event sources: `postgresql://user@host/db?table=acc` or `mysql://...`.

The table is read in place through Ibis: the time range (batch) or the rows after a position
(live) is selected by the database, only the columns the mapping reads come back, and the
mapping turns them into canonical events in DuckDB with the same checks as files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from amends.errors import InputError
from amends.events.mapping import Mapping
from amends.events.validate import check_columns

if TYPE_CHECKING:
    import ibis
    import ibis.expr.types as ir
    import pyarrow as pa

#: URL scheme → Ibis backend name.
SCHEMES: dict[str, str] = {
    "postgresql": "postgres",
    "postgres": "postgres",
    "postgresql+psycopg": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
}

#: Rows per Arrow batch streamed from the database.
STREAM_ROWS = 100_000

#: Ibis backend → the Python driver it needs.
DRIVERS: dict[str, str] = {"postgres": "psycopg", "mysql": "mysqlclient, module MySQLdb"}
#: Ibis backend → how to install its driver.
INSTALL: dict[str, str] = {
    "postgres": "install ibis-framework[postgres]",
    "mysql": "install amends[mysql] (mysqlclient builds against libmariadb-dev and pkg-config; "
    "`make .venv/.mysql` in a checkout)",
}


@dataclass(frozen=True)
class TableSource:
    """Where a table lives: backend, server, database, optional schema and the table's name."""

    backend: str
    host: str
    port: int | None
    user: str | None
    database: str
    table: str
    schema: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def shown(self) -> str:
        """The URL for messages, without the password."""
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port else ""
        schema = f"&schema={self.schema}" if self.schema else ""
        scheme = "postgresql" if self.backend == "postgres" else "mysql"
        return f"{scheme}://{user}{self.host}{port}/{self.database}?table={self.table}{schema}"


def is_table_url(text: str) -> bool:
    """True when `text` names a database table rather than a file."""
    return text.split("://", 1)[0].lower() in SCHEMES and "://" in text


def parse_table_url(text: str) -> TableSource:
    """Parse `scheme://user[:password]@host[:port]/database?table=NAME[&schema=NAME]`."""
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise InputError(f"unknown database scheme {scheme!r}: use postgresql:// or mysql://")
    shown = f"{scheme}://{parts.hostname or ''}{parts.path}"
    query = parse_qs(parts.query, keep_blank_values=True)
    unknown = sorted(set(query) - {"table", "schema"})
    if unknown:
        raise InputError(
            f"unknown URL parameter {', '.join(unknown)}: only table= and schema= are read",
            path=shown,
        )
    table = query.get("table", [""])[0]
    if not table:
        raise InputError("name the table: add ?table=NAME to the URL (e.g. ?table=acc)", path=shown)
    database = parts.path.lstrip("/")
    if not database or not parts.hostname:
        raise InputError(
            "the URL needs a host and a database: scheme://user@host:port/database?table=NAME",
            path=shown,
        )
    try:
        port = parts.port
    except ValueError:
        raise InputError("the port in the URL is not a number", path=shown) from None
    return TableSource(
        backend=SCHEMES[scheme],
        host=parts.hostname,
        port=port,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        database=database,
        table=table,
        schema=query.get("schema", [None])[0] or None,
    )


def connect(source: TableSource) -> ibis.BaseBackend:
    """An Ibis connection to the table's database; a missing driver or no server is an
    InputError naming the URL."""
    import ibis

    kwargs: dict[str, Any] = {"host": source.host, "database": source.database}
    if source.port:
        kwargs["port"] = source.port
    if source.user:
        kwargs["user"] = source.user
    if source.password is not None:
        kwargs["password"] = source.password
    try:
        if source.backend == "postgres":
            return ibis.postgres.connect(**kwargs)
        return _mysql(kwargs)
    except ImportError:
        raise InputError(
            f"reading {source.backend} tables needs a driver this installation lacks "
            f"({DRIVERS[source.backend]}): {INSTALL[source.backend]}",
            path=source.shown,
        ) from None
    except Exception as exc:  # the drivers raise their own connection errors
        raise InputError(
            f"cannot connect to the database: {_first_line(exc)}", path=source.shown
        ) from None


def _mysql(kwargs: dict[str, Any]) -> ibis.BaseBackend:
    """Ibis's MySQL/MariaDB connection, its session on UTC by offset: Ibis asks for the zone
    by name, which a server without its time zone tables refuses (with a warning on stderr)."""
    import warnings

    import ibis

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Unable to set session timezone")
        con = ibis.mysql.connect(**kwargs)
    with con.con.cursor() as cur:
        cur.execute("SET @@session.time_zone = '+00:00'")
    return con


def open_table(con: ibis.BaseBackend, source: TableSource, mapping: Mapping) -> ir.Table:
    """The source table, checked to have every column the mapping and its [table] options read."""
    try:
        table = con.table(source.table, database=source.schema)
    except Exception as exc:  # each backend raises its own "no such table"
        raise InputError(
            f"no table {source.table!r} in the database"
            + (f" schema {source.schema!r}" if source.schema else "")
            + f" ({type(exc).__name__}): check ?table= and ?schema=",
            path=source.shown,
        ) from None
    needed = list(dict.fromkeys(mapping.source_columns() + mapping.table.source_columns()))
    check_columns(list(table.columns), needed, path=source.shown, mapping=mapping.name)
    return table


def _selected(table: ir.Table, mapping: Mapping) -> ir.Table:
    """The rows `[table] where` keeps, with only the columns the mapping reads."""
    for column, values in mapping.table.where.items():
        table = table.filter(table[column].cast("string").isin(list(values)))
    needed = list(dict.fromkeys([mapping.table.key, *mapping.source_columns()]))
    return table.select(*needed)


def _naive_bound(instant: datetime, mapping: Mapping) -> datetime:
    """An aware instant as the naive wall time the table's timestamps are written in."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(mapping.tz or "UTC")
    return instant.astimezone(zone).replace(tzinfo=None)


def read_range(
    source: TableSource | str,
    mapping: Mapping,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    con: ibis.BaseBackend | None = None,
) -> ir.Table:
    """Canonical events of the rows with `since <= ts < until`, on a DuckDB connection `con`.

    The database selects the range when the mapping's `ts` is a timestamp column (naive ones are
    read in the mapping's `tz`, else UTC); the exact bounds apply again to the canonical `ts`.
    """
    import ibis

    src = parse_table_url(source) if isinstance(source, str) else source
    if since is not None and until is not None and since >= until:
        raise InputError("--since must be before --until", path=src.shown)
    db = connect(src)
    try:
        table = open_table(db, src, mapping)
        ts_col = mapping.columns["ts"].column
        if ts_col is not None and table[ts_col].type().is_timestamp():
            col = table[ts_col]
            aware = col.type().timezone is not None

            def bound(instant: datetime) -> datetime:
                return instant.astimezone(UTC) if aware else _naive_bound(instant, mapping)

            if since is not None:
                table = table.filter(col >= bound(since))
            if until is not None:
                table = table.filter(col < bound(until))
        duck = con if con is not None else ibis.duckdb.connect()
        # streamed from the database into DuckDB in batches: never the whole range in Python
        events = _mapped(_stream(_selected(table, mapping), src, db), mapping, src, duck)
    finally:
        db.disconnect()
    if events.count().to_pyarrow().as_py() == 0:
        span = " between --since and --until" if since or until else ""
        raise InputError(f"the table has no rows to read{span}", path=src.shown)
    if since is not None:
        events = events.filter(events.ts >= since)
    if until is not None:
        events = events.filter(events.ts < until)
    return events


@dataclass(frozen=True)
class Batch:
    """Rows read after a position: canonical events, the new position, and how many rows."""

    events: pa.Table
    position: int
    rows: int


def read_after(
    source: TableSource | str,
    mapping: Mapping,
    position: int,
    limit: int,
    *,
    before: datetime | None = None,
    db: ibis.BaseBackend | None = None,
) -> Batch:
    """The next at most `limit` rows whose `[table] key` is greater than `position`, in key order.

    The new position is the key of the last row read (unchanged when there are none), so a poller
    that stores it after storing the events never reads a row twice. With `before`, the batch
    stops at the first row whose `ts` is not before it: a poller passing "a few seconds ago"
    leaves rows still being written (a lower id committed late) for its next poll. `db` reuses
    an open connection (from `connect`) across polls.
    """
    import ibis

    if limit < 1:
        raise InputError(f"the batch limit must be 1 or more, not {limit}")
    src = parse_table_url(source) if isinstance(source, str) else source
    own = db is None
    con = connect(src) if db is None else db
    try:
        table = open_table(con, src, mapping)
        key = mapping.table.key
        if not table[key].type().is_integer():
            kind = type(table[key].type()).__name__.lower()
            raise InputError(
                f"the key column {key!r} has type {kind}, expected an increasing integer "
                "(a serial id): set [table] key in the mapping",
                path=src.shown,
            )
        picked = _selected(table.filter(table[key] > position), mapping)
        rows = _fetch(picked.order_by(key).limit(limit), src)
    finally:
        if own:
            con.disconnect()
    if before is not None and rows.num_rows:
        rows = _settled(rows, mapping, before, src)
    if rows.num_rows == 0:
        from amends.events.schema import EVENT_SCHEMA

        return Batch(EVENT_SCHEMA.empty_table(), position, 0)
    duck = ibis.duckdb.connect()
    try:
        events = _mapped(rows, mapping, src, duck).to_pyarrow()
    finally:
        duck.disconnect()
    return Batch(events, int(rows.column(key)[-1].as_py()), rows.num_rows)


def _settled(rows: pa.Table, mapping: Mapping, before: datetime, src: TableSource) -> pa.Table:
    """The rows (in key order) up to the first whose time is not before `before`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = mapping.columns["ts"].column
    kind = rows.schema.field(column).type if column in rows.column_names else None
    if kind is None or not pa.types.is_timestamp(kind):
        raise InputError(
            "reading only settled rows needs the mapping's ts to be a timestamp column",
            path=src.shown,
        )
    bound = before.astimezone(UTC) if kind.tz else _naive_bound(before, mapping)
    late = pc.fill_null(pc.greater_equal(rows.column(column), pa.scalar(bound, kind)), True)
    first = pc.index(late, True).as_py()
    return rows if first < 0 else rows.slice(0, first)


def _fetch(expr: ir.Table, src: TableSource) -> pa.Table:
    """Run the query in the database; its errors become one line naming the URL."""
    try:
        return expr.to_pyarrow()
    except Exception as exc:  # the drivers raise their own query errors
        raise InputError(f"reading the table failed: {_first_line(exc)}", path=src.shown) from None


def _stream(expr: ir.Table, src: TableSource, db: ibis.BaseBackend) -> pa.RecordBatchReader:
    """The query's rows as a stream of Arrow batches (the database runs it once)."""
    try:
        if src.backend == "mysql":
            return _mysql_batches(expr, db)
        return expr.to_pyarrow_batches(chunk_size=STREAM_ROWS)
    except Exception as exc:  # the drivers raise their own query errors
        raise InputError(f"reading the table failed: {_first_line(exc)}", path=src.shown) from None


def _mysql_batches(expr: ir.Table, db: Any) -> pa.RecordBatchReader:
    """The rows through an unbuffered (server-side) cursor, STREAM_ROWS at a time: Ibis's MySQL
    backend fetches the whole result into pandas first, which grows with the range read."""
    import MySQLdb.cursors
    import pyarrow as pa

    schema = expr.schema().to_pyarrow()
    struct = pa.struct(list(schema))
    cursor = db.con.cursor(MySQLdb.cursors.SSCursor)
    cursor.execute(db.compile(expr))

    def batches() -> Any:
        try:
            while rows := cursor.fetchmany(STREAM_ROWS):
                yield pa.RecordBatch.from_struct_array(pa.array(map(tuple, rows), type=struct))
        finally:
            cursor.close()

    return pa.RecordBatchReader.from_batches(schema, batches())


def _mapped(
    rows: pa.Table | pa.RecordBatchReader, mapping: Mapping, src: TableSource, duck: Any
) -> ir.Table:
    """The fetched rows through the mapping, on the DuckDB connection `duck`."""
    from amends.events.load import from_rows

    try:
        return from_rows(rows, mapping, where=src.shown, key=mapping.table.key, con=duck)
    except InputError:
        raise
    except Exception as exc:  # a driver error while DuckDB reads the stream
        raise InputError(f"reading the table failed: {_first_line(exc)}", path=src.shown) from None


def _first_line(exc: Exception) -> str:
    """A driver's error in one line (they span several, with hints for its own tools)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
