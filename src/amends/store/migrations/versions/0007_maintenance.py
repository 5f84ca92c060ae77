"""Scheduled maintenance and the components it concerns.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 02:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = amends.store.types.UTCDateTime(timezone=True)
_JSON = amends.store.types.JSONText()
_STATUSES = "'scheduled', 'in_progress', 'verifying', 'completed', 'cancelled'"


def upgrade() -> None:
    """Add the maintenances and maintenance_components tables."""
    op.create_table(
        "maintenances",
        sa.Column("id", sa.String(length=200), nullable=False, comment="the maintenance slug"),
        sa.Column("title", _JSON, nullable=False, comment="{locale: title}"),
        sa.Column("body", _JSON, nullable=False, comment="{locale: description}"),
        sa.Column("status", sa.String(length=16), server_default="scheduled", nullable=False),
        sa.Column("scheduled_for", _TIME, nullable=False),
        sa.Column("scheduled_until", _TIME, nullable=False),
        sa.Column(
            "auto", sa.Boolean(), server_default="1", nullable=False, comment="move at its times"
        ),
        sa.Column("started_at", _TIME, nullable=True),
        sa.Column("completed_at", _TIME, nullable=True),
        sa.Column("announced_at", _TIME, nullable=True),
        sa.Column("reminded_at", _TIME, nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_maintenances_status")),
        sa.CheckConstraint("scheduled_until > scheduled_for", name=op.f("ck_maintenances_window")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenances")),
    )
    op.create_index(
        op.f("ix_maintenances_status_scheduled_for"),
        "maintenances",
        ["status", "scheduled_for"],
        unique=False,
    )
    op.create_table(
        "maintenance_components",
        sa.Column("maintenance_id", sa.String(length=200), nullable=False),
        sa.Column("component_id", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_maintenance_components_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["maintenance_id"],
            ["maintenances.id"],
            name=op.f("fk_maintenance_components_maintenance_id_maintenances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "maintenance_id", "component_id", name=op.f("pk_maintenance_components")
        ),
    )
    op.create_index(
        op.f("ix_maintenance_components_component_id"),
        "maintenance_components",
        ["component_id"],
        unique=False,
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_index(
        op.f("ix_maintenance_components_component_id"), table_name="maintenance_components"
    )
    op.drop_table("maintenance_components")
    op.drop_index(op.f("ix_maintenances_status_scheduled_for"), table_name="maintenances")
    op.drop_table("maintenances")
