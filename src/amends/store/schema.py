"""The database schema (SQLAlchemy Core tables): one `metadata`, one table per stored concept.

Table and column names are a cross-area contract (see docs/store.md); change them only through a
new Alembic migration in `amends/store/migrations/versions/`.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from amends.store.types import JSONText, Money, UTCDateTime, utcnow

#: Constraint names are deterministic, so migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: Statuspage's vocabularies (the public API returns these values unchanged).
COMPONENT_STATUSES = (
    "operational",
    "degraded_performance",
    "partial_outage",
    "major_outage",
    "under_maintenance",
)
INCIDENT_STATUSES = ("investigating", "identified", "monitoring", "resolved", "postmortem")
IMPACTS = ("none", "minor", "major", "critical")
ACTION_STATUSES = ("planned", "in_progress", "done", "missed")
LEDGER_KINDS = ("credit", "adjustment")
PAST_SOURCES = ("import", "store")
NOTIFY_KINDS = ("email", "webhook", "sms")
OUTBOX_STATUSES = ("queued", "sending", "sent", "failed", "dead")
#: Statuspage's scheduled maintenance statuses, and ours for a maintenance called off.
MAINTENANCE_STATUSES = ("scheduled", "in_progress", "verifying", "completed", "cancelled")


def _one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A CHECK that `column` holds one of `values` (nulls allowed where the column allows them)."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


def _id() -> Column[int]:
    """An autoincrement integer primary key (BIGINT on PostgreSQL, the rowid on SQLite)."""
    return Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True)


def _fk_id(name: str, target: str, *, nullable: bool, ondelete: str) -> Column[int]:
    """A foreign key to an autoincrement id (same integer type as `_id`)."""
    return Column(
        name,
        BigInteger().with_variant(Integer, "sqlite"),
        ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
    )


components = Table(
    "components",
    metadata,
    Column("id", String(200), primary_key=True, comment="service:region, e.g. voice:california"),
    Column("name", Text, nullable=False),
    Column("service", String(100), nullable=False),
    Column("region", String(100), nullable=False),
    Column("status", String(32), nullable=False, server_default="operational"),
    Column("position", Integer, nullable=False, server_default="0"),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    _one_of("status", COMPONENT_STATUSES, "status"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(200), primary_key=True, comment="the incident slug"),
    Column("title", Text, nullable=False),
    Column("status", String(32), nullable=False, server_default="investigating"),
    Column("impact", String(16), nullable=False, server_default="none"),
    Column("record", JSONText, nullable=False, comment="Incident.model_dump_json()"),
    Column("started_at", UTCDateTime, nullable=True),
    Column("resolved_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    _one_of("status", INCIDENT_STATUSES, "status"),
    _one_of("impact", IMPACTS, "impact"),
    Index(None, "started_at"),
)

incident_components = Table(
    "incident_components",
    metadata,
    Column(
        "incident_id", String(200), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
    ),
    Column(
        "component_id",
        String(200),
        ForeignKey("components.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("status", String(32), nullable=False, server_default="major_outage"),
    PrimaryKeyConstraint("incident_id", "component_id"),
    Index(None, "component_id"),
    _one_of("status", COMPONENT_STATUSES, "status"),
)

statements = Table(
    "statements",
    metadata,
    _id(),
    Column(
        "incident_id", String(200), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("stage", String(32), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("locale", String(35), nullable=False, server_default="en"),
    Column("audience", String(32), nullable=False, server_default="public"),
    Column("subject", Text, nullable=True),
    Column("body_text", Text, nullable=False),
    Column("body_html", Text, nullable=True),
    Column("status", String(32), nullable=False, comment="incident status when published"),
    Column("published_by", String(200), nullable=False),
    Column("published_at", UTCDateTime, nullable=False, default=utcnow),
    Column("check_json", JSONText, nullable=True),
    Column("check_errors", Integer, nullable=False, server_default="0"),
    Column("override_reason", Text, nullable=True),
    Column(
        "body_sha256",
        String(64),
        nullable=True,
        comment="SHA-256 of body_text: the same text is published once per stage/channel/locale",
    ),
    Index(None, "incident_id", "published_at"),
    Index(
        "uq_statements_once",
        "incident_id",
        "stage",
        "channel",
        "locale",
        "body_sha256",
        unique=True,
    ),
)

subscribers = Table(
    "subscribers",
    metadata,
    Column("subscriber", String(200), primary_key=True),
    Column("plan", String(200), nullable=True),
    Column("monthly_fee", Money, nullable=True),
    Column("currency", String(8), nullable=True),
    Column("home_region", String(100), nullable=True),
    Column("time_zone", String(64), nullable=True),
    Column("locale", String(35), nullable=True),
    Column("email", String(320), nullable=True),
    Column("phone", String(32), nullable=True),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    Index(None, "home_region"),
)

ledger_runs = Table(
    "ledger_runs",
    metadata,
    Column("run_id", String(64), primary_key=True),
    Column("incident_id", String(200), nullable=False),
    Column("policy_id", String(200), nullable=False),
    Column("policy_version", String(64), nullable=False),
    Column("started_at", UTCDateTime, nullable=False, default=utcnow),
    Column("finished_at", UTCDateTime, nullable=True),
    Column("rows", Integer, nullable=False, server_default="0"),
    Column("inserted", Integer, nullable=False, server_default="0"),
    Column("adjusted", Integer, nullable=False, server_default="0"),
    Column("unchanged", Integer, nullable=False, server_default="0"),
    Column("windows", JSONText, nullable=True, comment="facts every credit of a window shares"),
    Index(None, "incident_id"),
)

ledger = Table(
    "ledger",
    metadata,
    _id(),
    Column("run_id", String(64), nullable=False),
    Column("incident_id", String(200), nullable=False),
    Column("subscriber", String(200), nullable=False),
    Column("window_id", String(200), nullable=False),
    Column("policy_id", String(200), nullable=False),
    Column("policy_version", String(64), nullable=False),
    Column("kind", String(16), nullable=False, server_default="credit"),
    Column("amount", Money, nullable=False),
    Column("currency", String(8), nullable=False),
    Column("unit", String(32), nullable=False, comment='"cash" for money, else e.g. days, GB'),
    Column("reason", Text, nullable=True),
    Column("inputs", JSONText, nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    UniqueConstraint(
        "incident_id",
        "subscriber",
        "window_id",
        "policy_id",
        "policy_version",
        "unit",
        name="uq_ledger_entry",
    ),  # every read names the incident: this key is the only index (migration 0010)
    _one_of("kind", LEDGER_KINDS, "kind"),
)

feedback = Table(
    "feedback",
    metadata,
    _id(),
    Column(
        "incident_id", String(200), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
    ),
    _fk_id("statement_id", "statements.id", nullable=True, ondelete="SET NULL"),
    Column("helpful", Boolean, nullable=True),
    Column("comment", Text, nullable=True),
    Column("locale", String(35), nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("client_hash", String(64), nullable=True, comment="keyed hash; never an IP in clear"),
    Index(None, "incident_id", "created_at"),
    Index(None, "client_hash", "created_at"),
)

action_items = Table(
    "action_items",
    metadata,
    _id(),
    Column(
        "incident_id", String(200), ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
    ),
    Column("what", Text, nullable=False),
    Column("how", Text, nullable=True),
    Column("owner", String(200), nullable=True),
    Column("due", Date, nullable=True),
    Column("status", String(16), nullable=False, server_default="planned"),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    Column("note", Text, nullable=True),
    Index(None, "incident_id"),
    _one_of("status", ACTION_STATUSES, "status"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    _id(),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True, comment="sha256 hex"),
    Column("prefix", String(16), nullable=True, comment="first characters, to recognise it"),
    Column("scopes", String(500), nullable=False, server_default="admin"),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("last_used_at", UTCDateTime, nullable=True),
    Column("revoked_at", UTCDateTime, nullable=True),
)

past_incidents = Table(
    "past_incidents",
    metadata,
    _id(),
    Column("ref", String(200), nullable=False, unique=True),
    Column("cause_category", String(64), nullable=False, server_default="unknown"),
    Column("started_at", UTCDateTime, nullable=False),
    Column("restored_at", UTCDateTime, nullable=True, comment="null: still open (censored)"),
    Column("regions", JSONText, nullable=False, server_default="[]"),
    Column("services", JSONText, nullable=False, server_default="[]"),
    Column("customers_affected", Integer, nullable=True),
    Column("source", String(16), nullable=False, server_default="import"),
    Column(
        "open_as_of",
        UTCDateTime,
        nullable=True,
        comment="open case: last time it was seen still open; null = still open now",
    ),
    Index(None, "cause_category"),
    _one_of("source", PAST_SOURCES, "source"),
)

notify_subscriptions = Table(
    "notify_subscriptions",
    metadata,
    _id(),
    Column("kind", String(16), nullable=False),
    Column("address", String(2000), nullable=False),
    Column("component_id", String(200), nullable=True),
    Column("region", String(100), nullable=True),
    Column("locale", String(35), nullable=False, server_default="en"),
    Column("secret", String(200), nullable=True, comment="webhook signing secret"),
    Column("confirm_token_hash", String(64), nullable=True),
    Column("confirmed_at", UTCDateTime, nullable=True),
    Column("unsubscribed_at", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    UniqueConstraint("kind", "address", "component_id", "region"),
    _one_of("kind", NOTIFY_KINDS, "kind"),
)

outbox = Table(
    "outbox",
    metadata,
    _id(),
    Column("idempotency_key", String(200), nullable=False, unique=True),
    Column("channel", String(16), nullable=False),
    Column("recipient", String(2000), nullable=False),
    _fk_id("subscription_id", "notify_subscriptions.id", nullable=True, ondelete="SET NULL"),
    _fk_id("statement_id", "statements.id", nullable=True, ondelete="SET NULL"),
    Column("incident_id", String(200), nullable=True),
    Column("subject", Text, nullable=True),
    Column("body_text", Text, nullable=True),
    Column("body_html", Text, nullable=True),
    Column("payload", JSONText, nullable=True),
    Column("status", String(16), nullable=False, server_default="queued"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", UTCDateTime, nullable=False, default=utcnow),
    Column("locked_by", String(200), nullable=True),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("sent_at", UTCDateTime, nullable=True),
    Index(None, "status", "next_attempt_at"),
    Index(None, "channel", "status", "next_attempt_at"),  # 0002: one channel's due rows
    _one_of("channel", NOTIFY_KINDS, "channel"),
    _one_of("status", OUTBOX_STATUSES, "status"),
)

#: Secrets this installation made for itself (0003): the signing key of unsubscribe links when
#: none is configured, so links are never signed with a published placeholder.
instance_secrets = Table(
    "instance_secrets",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("value", String(200), nullable=False),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
)

#: The live watcher's minute series: attempts and network failures per (region, service, minute
#: since the epoch), added to as events arrive (amends watch).
watch_minutes = Table(
    "watch_minutes",
    metadata,
    Column("region", String(200), nullable=False),
    Column("service", String(200), nullable=False),
    Column("minute", BigInteger, nullable=False),
    Column("attempts", BigInteger, nullable=False),
    Column("failures", BigInteger, nullable=False),
    PrimaryKeyConstraint("region", "service", "minute"),
)

#: The live watcher's subscriber failure minutes: who had network failures, where and when (the
#: input of its pass 2; per-customer figures, never shown publicly).
watch_failures = Table(
    "watch_failures",
    metadata,
    Column("subscriber", String(200), nullable=False),
    Column("region", String(200), nullable=False),
    Column("service", String(200), nullable=False),
    Column("minute", BigInteger, nullable=False),
    Column("failures", BigInteger, nullable=False),
    Column("first_failure", UTCDateTime, nullable=False),
    Column("last_failure", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("minute", "region", "service", "subscriber"),
)

#: How far the watcher has read each source (a file's offset, a table's last id), written in the
#: transaction that stores the minutes read up to there.
watch_positions = Table(
    "watch_positions",
    metadata,
    Column("source", String(500), primary_key=True),
    Column("position", JSONText, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow),
)

#: Items (JetStream stream sequences) whose events are counted: a redelivered message is skipped.
watch_seen = Table(
    "watch_seen",
    metadata,
    Column("source", String(500), nullable=False),
    Column("item", BigInteger, nullable=False),
    PrimaryKeyConstraint("source", "item"),
)

#: Incidents the watcher opened from the records: not public until a person publishes one.
watch_incidents = Table(
    "watch_incidents",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    Column("start_minute", BigInteger, nullable=False),
    Column("end_minute", BigInteger, nullable=True),
    Column("record", JSONText, nullable=False),
    Column("detection", JSONText, nullable=False),
    Column("drafts", JSONText, nullable=False),
    Column("alerts", JSONText, nullable=False),
    Column("withdrawn", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow),
    Index(None, "start_minute"),
)

#: Alerts received from monitoring (Alertmanager, generic JSON), one row per alert identity (its
#: fingerprint): its latest state and the incident it opened or joined.
alerts = Table(
    "alerts",
    metadata,
    Column("source", String(16), nullable=False, comment="alertmanager | generic"),
    Column("fingerprint", String(200), nullable=False),
    Column("name", Text, nullable=False),
    Column("status", String(16), nullable=False, comment="firing | resolved"),
    Column("region", String(200), nullable=True),
    Column("service", String(200), nullable=True),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("labels", JSONText, nullable=False),
    Column("summary", Text, nullable=True),
    Column("incident_id", String(200), nullable=False),
    Column("received_at", UTCDateTime, nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow),
    PrimaryKeyConstraint("source", "fingerprint"),
    Index(None, "incident_id"),
)

#: Each change of an alert (firing, resolved) on its incident's timeline; a notification sent
#: again adds nothing (unique by alert, status and time).
alert_timeline = Table(
    "alert_timeline",
    metadata,
    _id(),
    Column("incident_id", String(200), nullable=False),
    Column("source", String(16), nullable=False),
    Column("fingerprint", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    Column("at", UTCDateTime, nullable=False, comment="startsAt when firing, endsAt resolved"),
    Column("received_at", UTCDateTime, nullable=False, default=utcnow),
    Column("note", Text, nullable=True),
    UniqueConstraint("source", "fingerprint", "status", "at"),
    Index(None, "incident_id"),
)

#: Scheduled maintenance (0007): a window of planned work on components, announced to their
#: subscribers, moved to in progress and completed at its times (or by hand).
maintenances = Table(
    "maintenances",
    metadata,
    Column("id", String(200), primary_key=True, comment="the maintenance slug"),
    Column("title", JSONText, nullable=False, comment="{locale: title}"),
    Column("body", JSONText, nullable=False, comment="{locale: description}"),
    Column("status", String(16), nullable=False, server_default="scheduled"),
    Column("scheduled_for", UTCDateTime, nullable=False),
    Column("scheduled_until", UTCDateTime, nullable=False),
    Column("auto", Boolean, nullable=False, server_default="1", comment="move at its times"),
    Column("started_at", UTCDateTime, nullable=True),
    Column("completed_at", UTCDateTime, nullable=True),
    Column("announced_at", UTCDateTime, nullable=True),
    Column("reminded_at", UTCDateTime, nullable=True),
    Column("created_by", String(200), nullable=True),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow),
    _one_of("status", MAINTENANCE_STATUSES, "status"),
    CheckConstraint("scheduled_until > scheduled_for", name="window"),
    Index(None, "status", "scheduled_for"),
)

maintenance_components = Table(
    "maintenance_components",
    metadata,
    Column(
        "maintenance_id",
        String(200),
        ForeignKey("maintenances.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column(
        "component_id",
        String(200),
        ForeignKey("components.id", ondelete="CASCADE"),
        nullable=False,
    ),
    PrimaryKeyConstraint("maintenance_id", "component_id"),
    Index(None, "component_id"),
)

#: People of the console (0008) and their roles (a ladder: each role may do what the ones
#: before it may); the password is kept only as an Argon2id hash.
ROLES = ("viewer", "author", "approver", "admin")

users = Table(
    "users",
    metadata,
    _id(),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False, comment="Argon2id, PHC string"),
    Column("created_at", UTCDateTime, nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime, nullable=False, default=utcnow),
    Column("disabled_at", UTCDateTime, nullable=True),
    _one_of("role", ROLES, "role"),
)

#: Console sessions, server-side: the cookie holds a random id, the table only its sha256 hash;
#: a session ends when idle too long, when too old, at logout or when its user is disabled.
console_sessions = Table(
    "console_sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True, comment="sha256 hex of the cookie's id"),
    _fk_id("user_id", "users.id", nullable=False, ondelete="CASCADE"),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("address", String(64), nullable=True),
    Index(None, "user_id"),
)

#: Failed console logins, counted per account and per address to throttle guessing.
login_failures = Table(
    "login_failures",
    metadata,
    _id(),
    Column("account", String(100), nullable=False),
    Column("address", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index(None, "account", "at"),
    Index(None, "address", "at"),
)

#: The audit trail: who did what to which object, when, with the object before and after.
audit_trail = Table(
    "audit_trail",
    metadata,
    _id(),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(200), nullable=False, comment="user name, cli:<login> or token:<name>"),
    Column("action", String(64), nullable=False, comment="e.g. user.add, user.role"),
    Column("object", String(300), nullable=False, comment="e.g. user:alice"),
    Column("before", JSONText, nullable=True),
    Column("after", JSONText, nullable=True),
    Index(None, "at"),
    Index(None, "object"),
)

#: Submission states of the console's two-person rule.
SUBMISSION_STATES = ("pending", "approved", "returned")

#: The console's working copy of an incident record: the facts people have confirmed, not public
#: until a statement that uses them is published.
workspace_records = Table(
    "workspace_records",
    metadata,
    Column("incident_id", String(200), primary_key=True),
    Column("record", JSONText, nullable=False, comment="Incident.model_dump(mode='json')"),
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

#: A person's edit of one draft (incident, stage, channel, locale, audience); absent: compose's.
workspace_drafts = Table(
    "workspace_drafts",
    metadata,
    _id(),
    Column("incident_id", String(200), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("locale", String(35), nullable=False),
    Column("audience", String(16), nullable=False),
    Column("subject", Text, nullable=True),
    Column("body_text", Text, nullable=False),
    Column("override_reason", Text, nullable=True, comment="why its warnings may stand"),
    Column("edited_by", String(200), nullable=False),
    Column("edited_at", UTCDateTime, nullable=False),
    UniqueConstraint("incident_id", "stage", "channel", "locale", "audience"),
)

#: Statements submitted for approval (two-person rule): the texts as submitted, and the decision.
workspace_submissions = Table(
    "workspace_submissions",
    metadata,
    _id(),
    Column("incident_id", String(200), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("items", JSONText, nullable=False, comment="[{channel, locale, audience, text, ...}]"),
    Column("submitted_by", String(200), nullable=False),
    Column("submitted_at", UTCDateTime, nullable=False),
    Column("decided_by", String(200), nullable=True),
    Column("decided_at", UTCDateTime, nullable=True),
    Column("comment", Text, nullable=True),
    _one_of("state", SUBMISSION_STATES, "state"),
    Index(None, "incident_id", "state"),
)

#: Every table, in dependency order (parents first).
TABLES: tuple[Table, ...] = tuple(metadata.sorted_tables)
