"""The console's incident workspace: the incident list, one incident's impact, facts form, drafts
with their findings and publish panel, and the two-person rule (submit, review, approve or send
back). Routes are thin: they parse the form, call `amends.publish.workspace`, and render.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amends.errors import InputError
from amends.publish import workspace as ws
from amends.publish.operations import STAGES
from amends.store.audit import record as audit
from amends.store.workspace import draft_edits, get_submission, submissions

if TYPE_CHECKING:
    from amends.store import Store
    from amends.store.sessions import Session
    from amends.web.console.settings import ConsoleSettings

#: Longest draft text the console accepts (the checker and compose have their own limits).
MAX_DRAFT = 20_000


def install_workspace(
    router: APIRouter,
    store: Store,
    console: ConsoleSettings,
    root: str,
    render: Callable[..., HTMLResponse],
    page_access: Callable[[Request, str], Any],
    form_access: Callable[[Request, str, str], Any],
    refuse: Callable[[int, str, str, Any], HTMLResponse],
    affected_link: Callable[[str, str], str],
) -> None:
    """Add the workspace's routes to the console's router; `affected_link(incident, subscriber)`
    signs a customer's "was I affected?" link as the public site verifies it."""
    now: Callable[[], datetime] = console.clock

    def incident_page(
        session: Session,
        incident_id: str,
        stage: str | None = None,
        status: int = 200,
        *,
        fact_errors: dict[str, str] | None = None,
        form: dict[str, str] | None = None,
        draft_views: dict[str, ws.DraftView] | None = None,
        draft_errors: dict[str, str] | None = None,
        message: str | None = None,
        affected: tuple[str, str] | None = None,
    ) -> HTMLResponse:
        moment = now()
        with store.connect() as conn:
            loaded = ws.load_record(conn, incident_id)
            if loaded is None:
                return refuse(
                    404, "No such incident", f"There is no incident {incident_id!r}.", session
                )
            done = ws.published_stages(conn, incident_id)
            chosen = stage if stage in STAGES else ws.next_stage(loaded.record, done)
            edits = draft_edits(conn, incident_id, chosen)
            subs = submissions(conn, incident_id)
        rec = loaded.record
        views = ws.stage_drafts(rec, chosen, edits, moment)
        for v in views:  # a failed save shows what was typed, with its findings
            if draft_views and v.key in draft_views:
                replaced = draft_views[v.key]
                v.text, v.findings, v.spans = replaced.text, replaced.findings, replaced.spans
                v.withheld = replaced.withheld
                v.override_reason = replaced.override_reason
        needed = ws.needed_facts(views)
        fields = ws.fact_fields(rec, needed)
        for f in fields:
            if form is not None and f.path in form:
                f.value = form[f.path]
            if fact_errors and f.path in fact_errors:
                f.error = fact_errors[f.path]
        other_errors = {
            k: v for k, v in (fact_errors or {}).items() if k not in {f.path for f in fields}
        }
        return render(
            "incident.j2",
            status,
            session=session,
            incident=rec,
            loaded=loaded,
            impact=ws.impact_rows(rec),
            fields=fields,
            other_errors=other_errors,
            needed=needed,
            stage=chosen,
            stages=STAGES,
            views=views,
            channels=ws.WORKSPACE_CHANNELS,
            draft_errors=draft_errors or {},
            panel=ws.panel(store, incident_id, moment),
            submissions=subs,
            approval=chosen in console.approval_stages,
            approval_stages=console.approval_stages,
            message=message,
            affected=affected,
            now=moment,
        )

    @router.get(f"{root}incidents", response_class=HTMLResponse)
    def incidents(request: Request) -> Response:
        """Every incident, open first, with the next update due and the regulatory clocks."""
        session = page_access(request, "viewer")
        if isinstance(session, Response):
            return session
        with store.connect() as conn:
            rows = ws.incident_list(conn, now())
            pending = submissions(conn, state="pending")
        return render("incidents.j2", session=session, incidents=rows, pending=pending, now=now())

    @router.get(f"{root}incidents/{{incident_id}}", response_class=HTMLResponse)
    def incident(request: Request, incident_id: str, stage: str = "") -> Response:
        """One incident: impact, facts, the drafts of a stage with findings, the publish panel."""
        session = page_access(request, "viewer")
        if isinstance(session, Response):
            return session
        return incident_page(session, incident_id, stage or None)

    @router.post(f"{root}incidents/{{incident_id}}/facts", response_class=HTMLResponse)
    async def facts(request: Request, incident_id: str) -> Response:
        """Save the facts form (validated against the record's schema; errors at the field)."""
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        csrf = form.pop("csrf", "")
        stage = form.pop("stage", "")

        def work() -> Response:
            session = form_access(request, "author", csrf)
            if isinstance(session, Response):
                return session
            try:
                with store.begin() as conn:
                    ws.save_facts(conn, incident_id, form, by=session.user.name, now=now())
            except ws.FactErrors as exc:
                return incident_page(
                    session, incident_id, stage, 422, fact_errors=exc.errors, form=form
                )
            except InputError as exc:
                return refuse(404, "No such incident", str(exc), session)
            return RedirectResponse(_page(root, incident_id, stage, "facts"), 303)

        return await run_in_threadpool(work)

    @router.post(f"{root}incidents/{{incident_id}}/drafts", response_class=HTMLResponse)
    def save_draft(
        request: Request,
        incident_id: str,
        stage: str = Form(""),
        channel: str = Form(""),
        locale: str = Form(""),
        audience: str = Form(""),
        subject: str = Form(""),
        text: str = Form(""),
        override_reason: str = Form(""),
        csrf: str = Form(""),
    ) -> Response:
        """Save a person's text for one draft and check it again on the server."""
        session = form_access(request, "author", csrf)
        if isinstance(session, Response):
            return session
        key = f"{channel}-{locale}-{audience}"
        if len(text) > MAX_DRAFT:
            return incident_page(
                session,
                incident_id,
                stage,
                422,
                draft_errors={key: f"keep the text under {MAX_DRAFT:,} characters"},
            )
        try:
            with store.begin() as conn:
                view = ws.save_draft(
                    conn,
                    incident_id,
                    stage,
                    channel,
                    locale,
                    audience,
                    text,
                    subject=subject,
                    override_reason=override_reason,
                    by=session.user.name,
                    now=now(),
                )
        except InputError as exc:
            return incident_page(session, incident_id, stage, 422, draft_errors={key: str(exc)})
        if view.errors:  # saved; shown again with the errors to fix
            return incident_page(
                session,
                incident_id,
                stage,
                200,
                draft_views={key: view},
                message=f"Saved; the {channel} draft still has {view.errors} error(s).",
            )
        return RedirectResponse(_page(root, incident_id, stage, f"d-{key}"), 303)

    @router.post(f"{root}incidents/{{incident_id}}/submit", response_class=HTMLResponse)
    async def submit(request: Request, incident_id: str) -> Response:
        """Submit the stage's public drafts for approval (or publish them at once where the
        stage needs no second person)."""
        form = await request.form()
        csrf = str(form.get("csrf", ""))
        stage = str(form.get("stage", ""))
        channels = [str(c) for c in form.getlist("channel")]

        def work() -> Response:
            session = form_access(request, "author", csrf)
            if isinstance(session, Response):
                return session
            name = session.user.name
            try:
                with store.begin() as conn:
                    sub = ws.submit(conn, incident_id, stage, channels, by=name, now=now())
                if stage not in console.approval_stages:
                    ws.approve(store, sub.id, by=name, now=now(), own_allowed=True)
                    return RedirectResponse(_page(root, incident_id, stage, "publish"), 303)
            except InputError as exc:
                return incident_page(
                    session, incident_id, stage, 422, draft_errors={"submit": str(exc)}
                )
            return RedirectResponse(f"{root}submissions/{sub.id}", 303)

        return await run_in_threadpool(work)

    @router.post(f"{root}incidents/{{incident_id}}/restored", response_class=HTMLResponse)
    def restored(
        request: Request, incident_id: str, restored_at: str = Form(""), csrf: str = Form("")
    ) -> Response:
        """Record when service returned (UTC); the resolve statement, once published, resolves
        the incident (audited)."""
        session = form_access(request, "author", csrf)
        if isinstance(session, Response):
            return session
        try:
            at = datetime.fromisoformat(restored_at.strip()[:40])
        except ValueError:
            problem = "give a date and time, e.g. 2026-12-03T08:30"
            return incident_page(
                session, incident_id, None, 422, draft_errors={"restored": problem}
            )
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        try:
            with store.begin() as conn:
                ws.mark_restored(conn, incident_id, at, by=session.user.name, now=now())
        except ws.FactErrors as exc:
            message = next(iter(exc.errors.values()))
            return incident_page(
                session, incident_id, None, 422, draft_errors={"restored": message}
            )
        except InputError as exc:
            with store.connect() as conn:
                known = ws.load_record(conn, incident_id) is not None
            if not known:
                return refuse(404, "No such incident", str(exc), session)
            return incident_page(
                session, incident_id, None, 409, draft_errors={"restored": str(exc)}
            )
        return RedirectResponse(_page(root, incident_id, "resolve", "drafts"), 303)

    @router.post(f"{root}incidents/{{incident_id}}/affected-link", response_class=HTMLResponse)
    def make_affected_link(
        request: Request, incident_id: str, subscriber: str = Form(""), csrf: str = Form("")
    ) -> Response:
        """A signed, expiring "was I affected?" link for one customer (shown once, recorded)."""
        session = form_access(request, "author", csrf)
        if isinstance(session, Response):
            return session
        subscriber = subscriber.strip()
        if not subscriber or len(subscriber) > 200:
            problem = "Give the customer's subscriber id as the call records have it."
            return incident_page(
                session, incident_id, None, 422, draft_errors={"affected": problem}
            )
        with store.begin() as conn:
            if ws.load_record(conn, incident_id) is None:
                return refuse(
                    404, "No such incident", f"There is no incident {incident_id!r}.", session
                )
            audit(
                conn,
                actor=session.user.name,
                action="affected.link",
                object=f"incident:{incident_id}",
                after={"subscriber": subscriber},
                at=now(),
            )
        url = affected_link(incident_id, subscriber)
        return incident_page(session, incident_id, None, affected=(subscriber, url))

    @router.get(f"{root}submissions/{{submission_id}}", response_class=HTMLResponse)
    def submission(request: Request, submission_id: str) -> Response:
        """A submitted statement and its difference from the previous one; approvers decide."""
        session = page_access(request, "viewer")
        if isinstance(session, Response):
            return session
        if not submission_id.isdigit():
            return refuse(404, "No such submission", "It does not exist.", session)
        return review(session, int(submission_id))

    def review(
        session: Session, sid: int, status: int = 200, errors: dict[str, str] | None = None
    ) -> HTMLResponse:
        with store.connect() as conn:
            sub = get_submission(conn, sid)
            if sub is None:
                return refuse(404, "No such submission", "It does not exist.", session)
            diffs = [
                ws.difference(
                    ws.previous_text(conn, sub.incident_id, i["channel"], i["locale"]), i["text"]
                )
                for i in sub.items
            ]
        return render(
            "submission.j2", status, session=session, sub=sub, diffs=diffs, errors=errors or {}
        )

    def decision(
        request: Request, submission_id: str, csrf: str, act: Callable[..., Any]
    ) -> Response:
        session = form_access(request, "approver", csrf)
        if isinstance(session, Response):
            return session
        if not submission_id.isdigit():
            return refuse(404, "No such submission", "It does not exist.", session)
        sid = int(submission_id)
        try:
            act(sid, session.user.name)
        except ws.NotAllowed as exc:
            return refuse(403, "Not allowed", str(exc), session)
        except InputError as exc:
            return refuse(409, "Not done", str(exc), session)
        with store.connect() as conn:
            sub = get_submission(conn, sid)
        assert sub is not None
        return RedirectResponse(_page(root, sub.incident_id, sub.stage, "publish"), 303)

    @router.post(f"{root}submissions/{{submission_id}}/approve", response_class=HTMLResponse)
    def approve(request: Request, submission_id: str, csrf: str = Form("")) -> Response:
        """Approve and publish (one transaction: status page, feeds, outbox)."""

        def act(sid: int, name: str) -> None:
            ws.approve(store, sid, by=name, now=now())

        return decision(request, submission_id, csrf, act)

    @router.post(f"{root}submissions/{{submission_id}}/return", response_class=HTMLResponse)
    def send_back(
        request: Request, submission_id: str, comment: str = Form(""), csrf: str = Form("")
    ) -> Response:
        """Send a submission back to its author with a comment (required: said at the field)."""
        if not comment.strip() and submission_id.isdigit():
            session = form_access(request, "approver", csrf)
            if isinstance(session, Response):
                return session
            return review(session, int(submission_id), 422, {"comment": ws.COMMENT_NEEDED})

        def act(sid: int, name: str) -> None:
            with store.begin() as conn:
                ws.send_back(conn, sid, comment, by=name, now=now())

        return decision(request, submission_id, csrf, act)


def _page(root: str, incident_id: str, stage: str, anchor: str) -> str:
    from urllib.parse import quote

    query = f"?stage={quote(stage)}" if stage in STAGES else ""
    return f"{root}incidents/{quote(incident_id, safe='')}{query}#{anchor}"
