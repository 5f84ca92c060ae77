"""Console people: users with roles, server-side sessions, failed logins and the audit trail.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 02:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TIME = amends.store.types.UTCDateTime(timezone=True)
_JSON = amends.store.types.JSONText()
_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Add the users, console_sessions, login_failures and audit_trail tables."""
    op.create_table(
        "users",
        sa.Column("id", _ID, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False, comment="Argon2id, PHC string"),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("updated_at", _TIME, nullable=False),
        sa.Column("disabled_at", _TIME, nullable=True),
        sa.CheckConstraint(
            "role IN ('viewer', 'author', 'approver', 'admin')", name=op.f("ck_users_role")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "console_sessions",
        sa.Column(
            "id_hash", sa.String(length=64), nullable=False, comment="sha256 hex of the cookie's id"
        ),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("last_seen_at", _TIME, nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_console_sessions_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_console_sessions")),
    )
    op.create_index(
        op.f("ix_console_sessions_user_id"), "console_sessions", ["user_id"], unique=False
    )
    op.create_table(
        "login_failures",
        sa.Column("id", _ID, nullable=False),
        sa.Column("account", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(
        op.f("ix_login_failures_account_at"), "login_failures", ["account", "at"], unique=False
    )
    op.create_index(
        op.f("ix_login_failures_address_at"), "login_failures", ["address", "at"], unique=False
    )
    op.create_table(
        "audit_trail",
        sa.Column("id", _ID, nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.Column(
            "actor",
            sa.String(length=200),
            nullable=False,
            comment="user name, cli:<login> or token:<name>",
        ),
        sa.Column(
            "action", sa.String(length=64), nullable=False, comment="e.g. user.add, user.role"
        ),
        sa.Column("object", sa.String(length=300), nullable=False, comment="e.g. user:alice"),
        sa.Column("before", _JSON, nullable=True),
        sa.Column("after", _JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_trail")),
    )
    op.create_index(op.f("ix_audit_trail_at"), "audit_trail", ["at"], unique=False)
    op.create_index(op.f("ix_audit_trail_object"), "audit_trail", ["object"], unique=False)


def downgrade() -> None:
    """Drop the console's tables."""
    op.drop_index(op.f("ix_audit_trail_object"), table_name="audit_trail")
    op.drop_index(op.f("ix_audit_trail_at"), table_name="audit_trail")
    op.drop_table("audit_trail")
    op.drop_index(op.f("ix_login_failures_address_at"), table_name="login_failures")
    op.drop_index(op.f("ix_login_failures_account_at"), table_name="login_failures")
    op.drop_table("login_failures")
    op.drop_index(op.f("ix_console_sessions_user_id"), table_name="console_sessions")
    op.drop_table("console_sessions")
    op.drop_table("users")
