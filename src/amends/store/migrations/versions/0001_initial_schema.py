"""Initial schema: every table of the store contract (docs/store.md).

Revision ID: 0001
Revises:
Create Date: 2026-11-25 10:42:54.136904
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import amends.store.types

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False, comment="sha256 hex"),
        sa.Column(
            "prefix",
            sa.String(length=16),
            nullable=True,
            comment="first characters, to recognise it",
        ),
        sa.Column("scopes", sa.String(length=500), server_default="admin", nullable=False),
        sa.Column("created_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_table(
        "components",
        sa.Column(
            "id",
            sa.String(length=200),
            nullable=False,
            comment="service:region, e.g. voice:california",
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("service", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=32), server_default="operational", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage', "
            "'under_maintenance')",
            name=op.f("ck_components_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_components")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(length=200), nullable=False, comment="the incident slug"),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), server_default="investigating", nullable=False),
        sa.Column("impact", sa.String(length=16), server_default="none", nullable=False),
        sa.Column(
            "record",
            amends.store.types.JSONText(),
            nullable=False,
            comment="Incident.model_dump_json()",
        ),
        sa.Column("started_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "impact IN ('none', 'minor', 'major', 'critical')", name=op.f("ck_incidents_impact")
        ),
        sa.CheckConstraint(
            "status IN ('investigating', 'identified', 'monitoring', 'resolved', 'postmortem')",
            name=op.f("ck_incidents_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_started_at"), ["started_at"], unique=False)

    op.create_table(
        "ledger",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("subscriber", sa.String(length=200), nullable=False),
        sa.Column("window_id", sa.String(length=200), nullable=False),
        sa.Column("policy_id", sa.String(length=200), nullable=False),
        sa.Column("policy_version", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), server_default="credit", nullable=False),
        sa.Column("amount", amends.store.types.Money(precision=20, scale=6), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=False),
        sa.Column(
            "unit",
            sa.String(length=32),
            nullable=False,
            comment='"cash" for money, else e.g. days, GB',
        ),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("inputs", amends.store.types.JSONText(), nullable=True),
        sa.Column("created_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('credit', 'adjustment')", name=op.f("ck_ledger_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger")),
        sa.UniqueConstraint(
            "incident_id",
            "subscriber",
            "window_id",
            "policy_id",
            "policy_version",
            "unit",
            name="uq_ledger_entry",
        ),
    )
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ledger_run_id"), ["run_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_ledger_incident_id_policy_id"),
            ["incident_id", "policy_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_ledger_subscriber"), ["subscriber"], unique=False)

    op.create_table(
        "ledger_runs",
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("policy_id", sa.String(length=200), nullable=False),
        sa.Column("policy_version", sa.String(length=64), nullable=False),
        sa.Column("started_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("rows", sa.Integer(), server_default="0", nullable=False),
        sa.Column("inserted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("adjusted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("unchanged", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_ledger_runs")),
    )
    with op.batch_alter_table("ledger_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ledger_runs_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "notify_subscriptions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=2000), nullable=False),
        sa.Column("component_id", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=100), nullable=True),
        sa.Column("locale", sa.String(length=35), server_default="en", nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=True, comment="webhook signing secret"),
        sa.Column("confirm_token_hash", sa.String(length=64), nullable=True),
        sa.Column("confirmed_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("unsubscribed_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('email', 'webhook', 'sms')", name=op.f("ck_notify_subscriptions_kind")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_subscriptions")),
        sa.UniqueConstraint(
            "kind",
            "address",
            "component_id",
            "region",
            name=op.f("uq_notify_subscriptions_kind_address_component_id_region"),
        ),
    )
    op.create_table(
        "past_incidents",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("ref", sa.String(length=200), nullable=False),
        sa.Column("cause_category", sa.String(length=64), server_default="unknown", nullable=False),
        sa.Column("started_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "restored_at",
            amends.store.types.UTCDateTime(timezone=True),
            nullable=True,
            comment="null: still open (censored)",
        ),
        sa.Column("regions", amends.store.types.JSONText(), server_default="[]", nullable=False),
        sa.Column("services", amends.store.types.JSONText(), server_default="[]", nullable=False),
        sa.Column("customers_affected", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), server_default="import", nullable=False),
        sa.Column(
            "open_as_of",
            amends.store.types.UTCDateTime(timezone=True),
            nullable=True,
            comment="open case: last time it was seen still open; null = still open now",
        ),
        sa.CheckConstraint("source IN ('import', 'store')", name=op.f("ck_past_incidents_source")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_past_incidents")),
        sa.UniqueConstraint("ref", name=op.f("uq_past_incidents_ref")),
    )
    with op.batch_alter_table("past_incidents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_past_incidents_cause_category"), ["cause_category"], unique=False
        )

    op.create_table(
        "subscribers",
        sa.Column("subscriber", sa.String(length=200), nullable=False),
        sa.Column("plan", sa.String(length=200), nullable=True),
        sa.Column("monthly_fee", amends.store.types.Money(precision=20, scale=6), nullable=True),
        sa.Column("currency", sa.String(length=8), nullable=True),
        sa.Column("home_region", sa.String(length=100), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("locale", sa.String(length=35), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("updated_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subscriber", name=op.f("pk_subscribers")),
    )
    with op.batch_alter_table("subscribers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subscribers_home_region"), ["home_region"], unique=False
        )

    op.create_table(
        "action_items",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("how", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="planned", nullable=False),
        sa.Column("updated_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'missed')",
            name=op.f("ck_action_items_status"),
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_action_items_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_items")),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_items_incident_id"), ["incident_id"], unique=False
        )

    op.create_table(
        "incident_components",
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("component_id", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=32), server_default="major_outage", nullable=False),
        sa.CheckConstraint(
            "status IN ('operational', 'degraded_performance', 'partial_outage', 'major_outage', "
            "'under_maintenance')",
            name=op.f("ck_incident_components_status"),
        ),
        sa.ForeignKeyConstraint(
            ["component_id"],
            ["components.id"],
            name=op.f("fk_incident_components_component_id_components"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_components_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("incident_id", "component_id", name=op.f("pk_incident_components")),
    )
    with op.batch_alter_table("incident_components", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_incident_components_component_id"), ["component_id"], unique=False
        )

    op.create_table(
        "statements",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column("stage", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("locale", sa.String(length=35), server_default="en", nullable=False),
        sa.Column("audience", sa.String(length=32), server_default="public", nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column(
            "status", sa.String(length=32), nullable=False, comment="incident status when published"
        ),
        sa.Column("published_by", sa.String(length=200), nullable=False),
        sa.Column("published_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("check_json", amends.store.types.JSONText(), nullable=True),
        sa.Column("check_errors", sa.Integer(), server_default="0", nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_statements_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statements")),
    )
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statements_incident_id_published_at"),
            ["incident_id", "published_at"],
            unique=False,
        )

    op.create_table(
        "feedback",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("incident_id", sa.String(length=200), nullable=False),
        sa.Column(
            "statement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("helpful", sa.Boolean(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("locale", sa.String(length=35), nullable=True),
        sa.Column("created_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "client_hash",
            sa.String(length=64),
            nullable=True,
            comment="keyed hash; never an IP in clear",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_feedback_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_feedback_statement_id_statements"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_feedback_client_hash_created_at"),
            ["client_hash", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_feedback_incident_id_created_at"),
            ["incident_id", "created_at"],
            unique=False,
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("idempotency_key", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("recipient", sa.String(length=2000), nullable=False),
        sa.Column(
            "subscription_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column(
            "statement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        ),
        sa.Column("incident_id", sa.String(length=200), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=True),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("payload", amends.store.types.JSONText(), nullable=True),
        sa.Column("status", sa.String(length=16), server_default="queued", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("locked_by", sa.String(length=200), nullable=True),
        sa.Column("locked_until", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", amends.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", amends.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "channel IN ('email', 'webhook', 'sms')", name=op.f("ck_outbox_channel")
        ),
        sa.CheckConstraint(
            "status IN ('queued', 'sending', 'sent', 'failed', 'dead')",
            name=op.f("ck_outbox_status"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name=op.f("fk_outbox_statement_id_statements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["notify_subscriptions.id"],
            name=op.f("fk_outbox_subscription_id_notify_subscriptions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outbox_status_next_attempt_at"),
            ["status", "next_attempt_at"],
            unique=False,
        )


def downgrade() -> None:
    """Undo this migration."""
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_status_next_attempt_at"))

    op.drop_table("outbox")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_incident_id_created_at"))
        batch_op.drop_index(batch_op.f("ix_feedback_client_hash_created_at"))

    op.drop_table("feedback")
    with op.batch_alter_table("statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statements_incident_id_published_at"))

    op.drop_table("statements")
    with op.batch_alter_table("incident_components", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incident_components_component_id"))

    op.drop_table("incident_components")
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_items_incident_id"))

    op.drop_table("action_items")
    with op.batch_alter_table("subscribers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscribers_home_region"))

    op.drop_table("subscribers")
    with op.batch_alter_table("past_incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_past_incidents_cause_category"))

    op.drop_table("past_incidents")
    op.drop_table("notify_subscriptions")
    with op.batch_alter_table("ledger_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_runs_incident_id"))

    op.drop_table("ledger_runs")
    with op.batch_alter_table("ledger", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ledger_subscriber"))
        batch_op.drop_index(batch_op.f("ix_ledger_run_id"))
        batch_op.drop_index(batch_op.f("ix_ledger_incident_id_policy_id"))

    op.drop_table("ledger")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_started_at"))

    op.drop_table("incidents")
    op.drop_table("components")
    op.drop_table("api_tokens")
