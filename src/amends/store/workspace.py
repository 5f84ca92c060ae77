"""The console workspace's rows: the working copy of each incident record, people's edits of the
drafts, and the statements submitted for approval with their decision. Every write runs in the
caller's transaction, beside its audit entry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from amends.store.schema import workspace_drafts, workspace_records, workspace_submissions


@dataclass(frozen=True)
class WorkingRecord:
    """The facts people confirmed for an incident (JSON), who saved them last and when."""

    incident_id: str
    record: dict[str, Any]
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class DraftEdit:
    """A person's text for one draft, replacing compose's, and any reason to keep its warnings."""

    stage: str
    channel: str
    locale: str
    audience: str
    subject: str | None
    text: str
    override_reason: str | None
    edited_by: str
    edited_at: datetime

    @property
    def key(self) -> tuple[str, str, str]:
        """(channel, locale, audience): the draft this edit replaces within its stage."""
        return (self.channel, self.locale, self.audience)


@dataclass(frozen=True)
class Submission:
    """Statements of one stage submitted for approval, and what the approver decided."""

    id: int
    incident_id: str
    stage: str
    state: str
    items: list[dict[str, Any]]
    submitted_by: str
    submitted_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    comment: str | None

    def view(self) -> dict[str, Any]:
        """What the audit trail keeps of a submission."""
        return {
            "id": self.id,
            "incident": self.incident_id,
            "stage": self.stage,
            "state": self.state,
            "submitted_by": self.submitted_by,
            "decided_by": self.decided_by,
            "comment": self.comment,
            "items": self.items,
        }


def get_record(conn: Connection, incident_id: str) -> WorkingRecord | None:
    """The working copy of an incident's record, if anyone has saved facts for it."""
    t = workspace_records.c
    row = conn.execute(select(workspace_records).where(t.incident_id == incident_id)).first()
    if row is None:
        return None
    return WorkingRecord(row.incident_id, json.loads(row.record), row.updated_by, row.updated_at)


def put_record(
    conn: Connection, incident_id: str, record: dict[str, Any], *, by: str, at: datetime
) -> None:
    """Save the working copy of an incident's record (insert or replace)."""
    t = workspace_records.c
    values = {"record": record, "updated_by": by, "updated_at": at}
    done = conn.execute(update(workspace_records).where(t.incident_id == incident_id), values)
    if done.rowcount == 0:
        conn.execute(insert(workspace_records).values(incident_id=incident_id, **values))


def _edit(row: Any) -> DraftEdit:
    return DraftEdit(
        row.stage,
        row.channel,
        row.locale,
        row.audience,
        row.subject,
        row.body_text,
        row.override_reason,
        row.edited_by,
        row.edited_at,
    )


def draft_edits(
    conn: Connection, incident_id: str, stage: str
) -> dict[tuple[str, str, str], DraftEdit]:
    """Every edited draft of an incident's stage, by (channel, locale, audience)."""
    t = workspace_drafts.c
    rows = conn.execute(
        select(workspace_drafts).where(t.incident_id == incident_id, t.stage == stage)
    )
    return {e.key: e for e in map(_edit, rows)}


def put_draft(conn: Connection, incident_id: str, edit: DraftEdit) -> None:
    """Save a person's text for one draft (insert or replace)."""
    t = workspace_drafts.c
    values = {
        "subject": edit.subject,
        "body_text": edit.text,
        "override_reason": edit.override_reason,
        "edited_by": edit.edited_by,
        "edited_at": edit.edited_at,
    }
    where = (
        (t.incident_id == incident_id)
        & (t.stage == edit.stage)
        & (t.channel == edit.channel)
        & (t.locale == edit.locale)
        & (t.audience == edit.audience)
    )
    if conn.execute(update(workspace_drafts).where(where), values).rowcount == 0:
        conn.execute(
            insert(workspace_drafts).values(
                incident_id=incident_id,
                stage=edit.stage,
                channel=edit.channel,
                locale=edit.locale,
                audience=edit.audience,
                **values,
            )
        )


def _submission(row: Any) -> Submission:
    return Submission(
        int(row.id),
        row.incident_id,
        row.stage,
        row.state,
        list(json.loads(row.items)),
        row.submitted_by,
        row.submitted_at,
        row.decided_by,
        row.decided_at,
        row.comment,
    )


def add_submission(
    conn: Connection,
    incident_id: str,
    stage: str,
    items: list[dict[str, Any]],
    *,
    by: str,
    at: datetime,
) -> Submission:
    """Record statements submitted for approval; returns the pending submission."""
    sid = conn.execute(
        insert(workspace_submissions)
        .values(
            incident_id=incident_id,
            stage=stage,
            state="pending",
            items=items,
            submitted_by=by,
            submitted_at=at,
        )
        .returning(workspace_submissions.c.id)
    ).scalar_one()
    found = get_submission(conn, int(sid))
    assert found is not None
    return found


def get_submission(conn: Connection, submission_id: int) -> Submission | None:
    """One submission by id."""
    t = workspace_submissions.c
    row = conn.execute(select(workspace_submissions).where(t.id == submission_id)).first()
    return None if row is None else _submission(row)


def submissions(
    conn: Connection, incident_id: str | None = None, *, state: str | None = None
) -> list[Submission]:
    """Submissions (of one incident, in one state), newest first."""
    t = workspace_submissions.c
    q = select(workspace_submissions).order_by(t.submitted_at.desc(), t.id.desc())
    if incident_id is not None:
        q = q.where(t.incident_id == incident_id)
    if state is not None:
        q = q.where(t.state == state)
    return [_submission(r) for r in conn.execute(q)]


def decide(
    conn: Connection,
    submission_id: int,
    state: str,
    *,
    by: str,
    at: datetime,
    comment: str | None = None,
) -> bool:
    """Mark a pending submission approved or returned; False when it was no longer pending
    (someone decided first), so it is decided once."""
    t = workspace_submissions.c
    done = conn.execute(
        update(workspace_submissions)
        .where(t.id == submission_id, t.state == "pending")
        .values(state=state, decided_by=by, decided_at=at, comment=comment)
    )
    return done.rowcount == 1
