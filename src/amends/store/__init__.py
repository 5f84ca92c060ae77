"""The store: SQLite by default, PostgreSQL by URL; SQLAlchemy Core tables plus Alembic migrations.

`open_store(url)` opens (and migrates) the database; `amends.store.schema` holds the tables.
"""

from amends.store.engine import DEFAULT_URL, Store, open_store

__all__ = ["DEFAULT_URL", "Store", "open_store"]
