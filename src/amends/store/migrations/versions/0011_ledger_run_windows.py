"""A ledger run keeps its windows' shared facts once, not in every row's `inputs`.

The span, hours, days in the month and whole days beyond an allowance are the same for every
credit of a window: written into each row they were about two thirds of its `inputs` (about 155
of 235 bytes) and, at 100 million credits, some 15 GB of the ledger. Rows written before keep
their full `inputs`; rows written from now on carry only their own facts (failed calls, plan,
fee, region), and `ledger_runs.windows` holds the rest per window id.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 11:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ledger_runs.windows (JSON per window id; null for runs recorded before)."""
    with op.batch_alter_table("ledger_runs") as batch:
        batch.add_column(
            sa.Column(
                "windows",
                amends.store.types.JSONText(),
                nullable=True,
                comment="facts every credit of a window shares",
            )
        )


def downgrade() -> None:
    """Drop it (rows written since keep only their own facts)."""
    with op.batch_alter_table("ledger_runs") as batch:
        batch.drop_column("windows")
