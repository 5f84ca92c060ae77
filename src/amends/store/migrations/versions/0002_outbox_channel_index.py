"""Outbox index (channel, status, next_attempt_at): a worker claims one channel's due rows directly.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 11:35:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_outbox_channel_status_next_attempt_at"


def upgrade() -> None:
    """Add the index."""
    op.create_index(INDEX, "outbox", ["channel", "status", "next_attempt_at"], unique=False)


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(INDEX, table_name="outbox")
