"""The live watcher: minute series, failure minutes, positions, seen items, opened incidents.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 19:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = amends.store.types.UTCDateTime(timezone=True)
_JSON = amends.store.types.JSONText()


def upgrade() -> None:
    """Add the watcher's tables."""
    op.create_table(
        "watch_minutes",
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("minute", sa.BigInteger(), nullable=False),
        sa.Column("attempts", sa.BigInteger(), nullable=False),
        sa.Column("failures", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("region", "service", "minute", name=op.f("pk_watch_minutes")),
    )
    op.create_table(
        "watch_failures",
        sa.Column("subscriber", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("minute", sa.BigInteger(), nullable=False),
        sa.Column("failures", sa.BigInteger(), nullable=False),
        sa.Column("first_failure", _TIME, nullable=False),
        sa.Column("last_failure", _TIME, nullable=False),
        sa.PrimaryKeyConstraint(
            "minute", "region", "service", "subscriber", name=op.f("pk_watch_failures")
        ),
    )
    op.create_table(
        "watch_positions",
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("position", _JSON, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_watch_positions")),
    )
    op.create_table(
        "watch_seen",
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("item", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("source", "item", name=op.f("pk_watch_seen")),
    )
    op.create_table(
        "watch_incidents",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("start_minute", sa.BigInteger(), nullable=False),
        sa.Column("end_minute", sa.BigInteger(), nullable=True),
        sa.Column("record", _JSON, nullable=False),
        sa.Column("detection", _JSON, nullable=False),
        sa.Column("drafts", _JSON, nullable=False),
        sa.Column("alerts", _JSON, nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_incidents")),
    )
    op.create_index(
        op.f("ix_watch_incidents_start_minute"), "watch_incidents", ["start_minute"], unique=False
    )


def downgrade() -> None:
    """Drop the watcher's tables."""
    op.drop_index(op.f("ix_watch_incidents_start_minute"), table_name="watch_incidents")
    op.drop_table("watch_incidents")
    op.drop_table("watch_seen")
    op.drop_table("watch_positions")
    op.drop_table("watch_failures")
    op.drop_table("watch_minutes")
