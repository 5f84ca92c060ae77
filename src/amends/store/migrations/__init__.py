"""Alembic migrations of the amends store (run by amends.store.migrate)."""
