"""Statements published once: a SHA-256 of each statement's text, unique per incident, stage,
channel and locale, so a re-run or a concurrent run of `amends publish` stores nothing twice.

Existing rows get their hash; an older duplicate keeps a null hash (nulls never collide), so the
index can be made on a store that already holds duplicates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 20:20:00
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "uq_statements_once"
COLUMNS = ["incident_id", "stage", "channel", "locale", "body_sha256"]


def upgrade() -> None:
    """Add the column, hash the statements already stored, then add the unique index."""
    with op.batch_alter_table("statements") as batch:
        batch.add_column(
            sa.Column(
                "body_sha256",
                sa.String(length=64),
                nullable=True,
                comment="SHA-256 of body_text: the same text is published once per "
                "stage/channel/locale",
            )
        )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT id, incident_id, stage, channel, locale, body_text FROM statements ORDER BY id"
        )
    ).all()
    seen: set[tuple[str, ...]] = set()
    for row in rows:
        digest = hashlib.sha256(row.body_text.encode("utf-8")).hexdigest()
        key = (row.incident_id, row.stage, row.channel, row.locale, digest)
        if key in seen:
            continue
        seen.add(key)
        conn.execute(
            sa.text("UPDATE statements SET body_sha256 = :h WHERE id = :id"),
            {"h": digest, "id": row.id},
        )
    op.create_index(INDEX, "statements", COLUMNS, unique=True)


def downgrade() -> None:
    """Drop the index and the column."""
    op.drop_index(INDEX, table_name="statements")
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("body_sha256")
