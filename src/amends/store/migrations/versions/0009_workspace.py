"""The console's incident workspace: working records, edited drafts and submissions for approval.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 06:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = amends.store.types.UTCDateTime(timezone=True)
_JSON = amends.store.types.JSONText()
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Add the workspace_records, workspace_drafts and workspace_submissions tables."""
    op.create_table(
        "workspace_records",
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("record", _JSON, nullable=False, comment="Incident.model_dump(mode='json')"),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("incident_id", name=op.f("pk_workspace_records")),
    )
    op.create_table(
        "workspace_drafts",
        sa.Column("id", _ID, nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("locale", sa.String(length=35), nullable=False),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column(
            "override_reason", sa.Text(), nullable=True, comment="why its warnings may stand"
        ),
        sa.Column("edited_by", sa.String(length=200), nullable=False),
        sa.Column("edited_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_drafts")),
        sa.UniqueConstraint(
            "incident_id",
            "stage",
            "channel",
            "locale",
            "audience",
            name=op.f("uq_workspace_drafts_incident_id_stage_channel_locale_audience"),
        ),
    )
    op.create_table(
        "workspace_submissions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column(
            "items", _JSON, nullable=False, comment="[{channel, locale, audience, text, ...}]"
        ),
        sa.Column("submitted_by", sa.String(length=200), nullable=False),
        sa.Column("submitted_at", _TIME, nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", _TIME, nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'returned')",
            name=op.f("ck_workspace_submissions_state"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_submissions")),
    )
    op.create_index(
        op.f("ix_workspace_submissions_incident_id_state"),
        "workspace_submissions",
        ["incident_id", "state"],
        unique=False,
    )


def downgrade() -> None:
    """Drop the workspace's tables."""
    op.drop_index(
        op.f("ix_workspace_submissions_incident_id_state"), table_name="workspace_submissions"
    )
    op.drop_table("workspace_submissions")
    op.drop_table("workspace_drafts")
    op.drop_table("workspace_records")
