"""The ledger keeps only the indexes its queries use: its primary key and the unique entry key.

Every read of the ledger names the incident (and then the subscriber or the policy), which the
unique key (incident_id, subscriber, window_id, policy_id, policy_version, unit) serves; the
indexes on run_id, subscriber and (incident_id, policy_id) served no query and cost every credit
written (a 10M-customer run writes 10M rows: each index a third of the bulk load's time).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 09:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DROPPED = (
    ("ix_ledger_run_id", ["run_id"]),
    ("ix_ledger_subscriber", ["subscriber"]),
    ("ix_ledger_incident_id_policy_id", ["incident_id", "policy_id"]),
)


def upgrade() -> None:
    """Drop the ledger's indexes that no query uses."""
    for name, _columns in _DROPPED:
        op.drop_index(name, table_name="ledger")


def downgrade() -> None:
    """Create them again."""
    for name, columns in _DROPPED:
        op.create_index(name, "ledger", columns)
