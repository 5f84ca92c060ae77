"""Alerts from monitoring and their timeline on incidents.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = amends.store.types.UTCDateTime(timezone=True)
_JSON = amends.store.types.JSONText()


def upgrade() -> None:
    """Add the alerts and alert_timeline tables."""
    op.create_table(
        "alerts",
        sa.Column("source", sa.String(length=16), nullable=False, comment="alertmanager | generic"),
        sa.Column("fingerprint", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False, comment="firing | resolved"),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.Column("service", sa.String(length=200), nullable=True),
        sa.Column("starts_at", _TIME, nullable=False),
        sa.Column("ends_at", _TIME, nullable=True),
        sa.Column("labels", _JSON, nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("received_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("source", "fingerprint", name=op.f("pk_alerts")),
    )
    op.create_index(op.f("ix_alerts_incident_id"), "alerts", ["incident_id"], unique=False)
    op.create_table(
        "alert_timeline",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("at", _TIME, nullable=False, comment="startsAt when firing, endsAt resolved"),
        sa.Column("received_at", _TIME, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_timeline")),
        sa.UniqueConstraint(
            "source",
            "fingerprint",
            "status",
            "at",
            name=op.f("uq_alert_timeline_source_fingerprint_status_at"),
        ),
    )
    op.create_index(
        op.f("ix_alert_timeline_incident_id"), "alert_timeline", ["incident_id"], unique=False
    )


def downgrade() -> None:
    """Drop the alert tables."""
    op.drop_index(op.f("ix_alert_timeline_incident_id"), table_name="alert_timeline")
    op.drop_table("alert_timeline")
    op.drop_index(op.f("ix_alerts_incident_id"), table_name="alerts")
    op.drop_table("alerts")
