"""Stream an Ibis table as Arrow record batches (bounded memory), on any backend.

Ibis 12's DuckDB `to_pyarrow_batches` calls a cursor method DuckDB 2 removed, so on DuckDB this
asks the connection for an Arrow reader directly; other backends use Ibis as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa


def record_batches(table: ir.Table, chunk_size: int = 1_000_000) -> pa.RecordBatchReader:
    """A reader of `table`'s rows in batches of about `chunk_size` rows."""
    import ibis

    backend = table.get_backend()
    if getattr(backend, "name", None) == "duckdb":
        relation = backend.con.sql(ibis.to_sql(table, dialect="duckdb"))
        reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader
        return reader(chunk_size)
    return table.to_pyarrow_batches(chunk_size=chunk_size)
